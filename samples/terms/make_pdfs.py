"""Render the sample terms as PDFs with reportlab (run: python samples/terms/make_pdfs.py).

The PDFs are committed so tests need no reportlab; ``write_pdf`` and ``write_big_pdf``
are also used by the tests and the speed check to make PDFs in a temporary folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def write_pdf(lines: list[str], target: Path, *, title: str = "terms") -> Path:
    """One line of text per line of PDF, new pages as needed (deterministic output)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(target), pagesize=A4, invariant=1)
    pdf.setTitle(title)
    width, height = A4
    y = height - 60
    for line in lines:
        if y < 60:
            pdf.showPage()
            y = height - 60
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, y, line)
        y -= 14
    pdf.showPage()
    pdf.save()
    return target


def wrap(text: str, width: int = 95) -> list[str]:
    import textwrap

    out: list[str] = []
    for paragraph in text.split("\n"):
        out += textwrap.wrap(paragraph, width) or [""]
    return out


def write_big_pdf(target: Path, pages: int = 30) -> Path:
    """A ~``pages``-page terms document: the samples' clauses among many ordinary ones."""
    body = (HERE / "bluepeak_open_model_licence.txt").read_text(encoding="utf-8")
    filler = (
        "{n}. General provision {n}\n"
        "The parties will act in good faith when performing these terms, and each party will keep "
        "records of its obligations for at least three years. Notices must be sent in writing to the "
        "address on file, and a notice takes effect when it is received. If a provision is held "
        "unenforceable, the rest of the terms continue to apply. The services are provided from the "
        "data centres listed on the status page, and maintenance windows are announced in advance. "
        "Customer support answers requests within two business days.\n"
    )
    lines = wrap(body)
    n = 6
    while len(lines) < pages * 54:
        lines += wrap(filler.format(n=n))
        if n % 25 == 0:
            lines += wrap(f"{n + 1}. Restrictions\nYou may not use Output to develop models that compete with Northwind.")
            n += 1
        n += 1
    return write_pdf(lines[: pages * 54], target, title="big terms")


def main() -> None:
    write_pdf(wrap((HERE / "bluepeak_open_model_licence.txt").read_text(encoding="utf-8")), HERE / "bluepeak_open_model_licence.pdf", title="Bluepeak Open Model Licence")
    write_pdf(wrap((HERE / "deepwater_api_terms.txt").read_text(encoding="utf-8")), HERE / "deepwater_api_terms.pdf", title="Deepwater API Terms")
    if len(sys.argv) > 1:
        write_big_pdf(Path(sys.argv[1]))


if __name__ == "__main__":
    main()

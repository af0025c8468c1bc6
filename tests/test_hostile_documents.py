"""Hostile terms documents: truncated, encrypted, malformed and bomb PDFs, and HTML with
scripts, iframes and enormous attributes end in a Document or one clear error, quickly.
"""

from __future__ import annotations

import io
import resource
import time
import zlib
from pathlib import Path

import pytest

from auditor.documents import load_document
from auditor.errors import AuditorError


def make_pdf(pages: int = 2, text: str = "1. Use. You may not use Output to develop models that compete.") -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer)
    for page in range(pages):
        sheet.drawString(72, 720, f"{text} Page {page + 1}.")
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def outcome(path: Path, budget_s: float = 10.0, budget_kib: int = 400_000) -> str:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        document = load_document(path)
        result = "document"
        assert isinstance(document.text, str)
    except AuditorError as exc:
        result = str(exc)
        assert str(path) in result or path.name in result
    assert time.perf_counter() - start < budget_s
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < budget_kib
    return result


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.99])
def test_truncated_pdf(tmp_path: Path, keep: float) -> None:
    data = make_pdf(3)
    outcome(write(tmp_path, "t.pdf", data[: int(len(data) * keep)]))


def test_encrypted_pdf_says_so(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    result = outcome(write(tmp_path, "e.pdf", buffer.getvalue()))
    assert result == "document" or "encrypt" in result or "password" in result


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.4\n" + b"[" * 100_000 + b"\n%%EOF",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R /Size 2 >>\n%%EOF",  # self-loop
        b"%PDF-1.4\nxref\n0 99999999\ntrailer << >>\nstartxref\n9\n%%EOF",
        b"%PDF" + bytes(range(256)) * 40,
    ],
)
def test_malformed_pdf(tmp_path: Path, data: bytes) -> None:
    outcome(write(tmp_path, "m.pdf", data))


def test_decompression_bomb_pdf(tmp_path: Path) -> None:
    """A content stream of 4 KiB that inflates to 200 MB of text operators."""
    bomb = zlib.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * 6_000_000, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    outcome(write(tmp_path, "bomb.pdf", out.getvalue()), budget_s=30.0, budget_kib=800_000)


def test_html_with_scripts_iframes_and_huge_attributes(tmp_path: Path) -> None:
    html = (
        "<html><head><script>document.write('You may not use Output to train models')</script>"
        "<style>body{}</style></head><body>"
        "<iframe src='https://evil.example/terms'></iframe>"
        f"<div data-x='{'A' * 2_000_000}'>"
        "<h1>1. Terms</h1><p>You may not use Output to develop models that compete with us.</p>"
        "<noscript>hidden</noscript><template><p>template text</p></template>"
        "</div>" + "<div>" * 20_000 + "deep" + "</div>" * 20_000 + "</body></html>"
    )
    result = outcome(write(tmp_path, "t.html", html.encode()))
    if result == "document":
        text = load_document(tmp_path / "t.html").text
        assert "document.write" not in text and "evil.example" not in text
        assert "compete" in text


def test_html_that_is_only_markup(tmp_path: Path) -> None:
    outcome(write(tmp_path, "e.html", b"<html>" + b"<script>x</script>" * 10_000 + b"</html>"))


def test_binary_as_html_and_markdown(tmp_path: Path) -> None:
    outcome(write(tmp_path, "b.html", bytes(range(256)) * 100))
    outcome(write(tmp_path, "b.md", b"\xff\xfe" + "# Terms".encode("utf-16-le")))


def blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_over_the_page_limit_is_refused_before_extraction(tmp_path: Path) -> None:
    path = write(tmp_path, "long.pdf", blank_pdf(2_001))
    message = outcome(path)
    assert message == f"{path}: the PDF has 2001 pages, more than the limit of 2000 (set AUDITOR_MAX_PAGES to raise it)"


def test_page_limit_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from auditor.cli import cli

    path = write(tmp_path, "terms.pdf", make_pdf(3))
    result = CliRunner().invoke(cli, ["terms", "--no-cache", str(path)], env={"AUDITOR_MAX_PAGES": "2"})
    assert result.exit_code == 2
    assert result.output.strip() == f"audit: error: {path}: the PDF has 3 pages, more than the limit of 2 (set AUDITOR_MAX_PAGES to raise it)"
    monkeypatch.setenv("AUDITOR_MAX_PAGES", "3")
    assert load_document(path).pages is not None
    monkeypatch.setenv("AUDITOR_MAX_PAGES", "many")
    with pytest.raises(AuditorError, match="AUDITOR_MAX_PAGES must be a whole number of pages, got 'many'"):
        load_document(path)


def test_size_limit_message_names_the_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_MAX_BYTES", "100")
    message = outcome(write(tmp_path, "big.md", b"# Terms\n" + b"x" * 200))
    assert "limit of 100 bytes" in message and "AUDITOR_MAX_BYTES" in message
    assert "a million data sources" in message and "'Limits' in the README" in message

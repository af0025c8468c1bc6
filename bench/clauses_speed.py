"""Clause-pass speed against its peers, in one run (run: python bench/clauses_speed.py [CORPUS]).

1. In-process pages per second of ``detect_clauses`` over every development document
   (a page is 3,000 characters of extracted text), spaCy already loaded: wall and CPU time of a
   first pass (every word new to spaCy's vocabulary) and of a second one.  Then the prefilter's
   check: the same documents with every sentence a candidate must give the same clauses.
2. ``audit terms --no-cache`` on all the corpus's terms documents against a bare Python
   process that imports spaCy, builds ``spacy.blank("en")`` and tokenises the same text.
3. A cold 40-page PDF (built with reportlab) through ``audit terms --no-cache`` against a
   process that imports spaCy and reads the PDF with pypdf alone.
Each command is run three times; the best time of each is compared (ratio).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import auditor.clauses.prefilter as prefilter  # noqa: E402
from auditor.clauses import detect_clauses  # noqa: E402
from auditor.documents import load_document  # noqa: E402

PAGE_CHARS = 3000
RUNS = 3


def corpus_files(corpus: Path) -> list[Path]:
    files = [p for folder in ("terms", "terms-extra", "licences") for p in sorted((corpus / folder).glob("*"))]
    return [p for p in files if p.suffix in {".md", ".mdx", ".txt", ".html", ".pdf", ""} and p.is_file()]


def best(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def make_pdf(path: Path, pages: int = 40) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        y = 800
        pdf.drawString(60, y, f"{page + 1}. Section {page + 1}. You will not:")
        for line in range(45):
            y -= 16
            pdf.drawString(72, y, f"({chr(97 + line % 8)}) use the service for purpose {line} of the section, as agreed in writing;")
        pdf.showPage()
    pdf.save()


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else ROOT.parent / "shared" / "corpus"
    files = corpus_files(corpus)
    documents = [load_document(p) for p in files if p.name not in {"LABELS.json", "SOURCES.md", "spdx-licenses.json"}]
    chars = sum(len(d.text) for d in documents)
    detect_clauses(documents[0])  # build the pipeline once
    pages = chars / PAGE_CHARS
    for name in ("first pass", "second pass"):
        start, cpu = time.perf_counter(), time.process_time()
        found = [detect_clauses(document) for document in documents]
        elapsed, used = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"in-process, {name}: {len(documents)} documents, {pages:.0f} pages, {elapsed:.2f} s wall = {pages / elapsed:.0f} pages/s, "
            f"{used:.2f} s CPU = {pages / used:.0f} pages/s (target >= 500)"
        )
    lost = _lost_to_prefilter(documents, found)
    status = 1 if lost else 0
    print(f"prefilter: {sum(map(len, found))} clauses; with every sentence a candidate, {lost} clauses differ (must be 0)")

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "all-terms.txt"
        repeat = max(1, int(3000 * PAGE_CHARS / chars) + 1)
        big.write_text("\n\n".join(d.text for d in documents) * repeat, encoding="utf-8")
        big_pages = big.stat().st_size / PAGE_CHARS
        tokenise = "import spacy,sys; nlp=spacy.blank('en'); nlp.max_length=10**9; t=open(sys.argv[1]).read(); [len(nlp.make_doc(t[i:i+500000])) for i in range(0,len(t),500000)]"
        peer = best([sys.executable, "-c", tokenise, str(big)])
        ours = best([sys.executable, "-m", "auditor", "terms", "--no-cache", "--format", "json", str(big)])
        print(f"audit terms --no-cache, {big_pages:.0f} pages: {ours:.2f} s; spacy.blank tokenising: {peer:.2f} s; ratio {ours / peer:.2f} (target <= 1.5)")

        pdf = Path(tmp) / "forty.pdf"
        make_pdf(pdf)
        read = "import spacy,sys,pypdf; r=pypdf.PdfReader(sys.argv[1]); [p.extract_text() for p in r.pages]"
        peer_pdf = best([sys.executable, "-c", read, str(pdf)])
        ours_pdf = best([sys.executable, "-m", "auditor", "terms", "--no-cache", str(pdf)])
        print(f"cold 40-page PDF: audit terms {ours_pdf:.2f} s; import spacy + pypdf read: {peer_pdf:.2f} s; ratio {ours_pdf / peer_pdf:.2f} (target <= 1.5)")
    return status


def _lost_to_prefilter(documents: list, found: list) -> int:
    """Clauses that differ when every sentence is a candidate (the prefilter must only save time)."""
    chosen = prefilter.candidates
    prefilter.candidates = lambda text, starts, ends: list(range(len(starts)))
    try:
        every = [detect_clauses(document) for document in documents]
    finally:
        prefilter.candidates = chosen
    return sum(len(set(a) ^ set(b)) for a, b in zip(found, every))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The PDF parse that overlaps spaCy's start-up gives the same result, and the same errors, as parsing in-process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT, SAMPLES, two_cores

PDF = SAMPLES / "terms" / "deepwater_api_terms.pdf"


def run_fresh(code: str) -> str:
    """A fresh interpreter: spaCy not yet loaded, so the forked path is taken."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@two_cores
def test_forked_parse_equals_in_process_parse():
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor.documents import load_document
        from auditor.documents.background import parse_in_background, _worth_forking
        data = Path({str(PDF)!r}).read_bytes()
        print(_worth_forking(data, Path("x.pdf")))
        ready = parse_in_background(data, Path({str(PDF)!r}))
        import spacy  # the parent's work meanwhile
        print(ready() == load_document(Path({str(PDF)!r})))
        """
    )
    assert out.splitlines() == ["True", "True"]


def test_forked_parse_reports_the_same_error(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EO")
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor.documents.background import parse_in_background
        from auditor.errors import AuditorError
        path = Path({str(broken)!r})
        try:
            parse_in_background(path.read_bytes(), path)()
        except AuditorError as exc:
            print("error", exc.file == str(path))
        """
    )
    assert out == "error True"


def test_spacy_cli_still_importable_after_the_fast_import():
    out = run_fresh(
        """
        import sys
        from auditor.clauses.spacy_import import import_spacy
        spacy = import_spacy()
        print("spacy.cli" in sys.modules)
        import spacy.cli
        print(callable(spacy.cli.info))
        """
    )
    assert out.splitlines() == ["False", "True"]

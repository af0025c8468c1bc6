"""Document loading: every format, the citable structure, and clear errors for bad input."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.documents import HTML, MARKDOWN, PDF, TEXT, load_bytes, load_document
from auditor.errors import AuditorError

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "terms"


def test_markdown_sample_keeps_heading_paths_and_hash():
    path = SAMPLES / "northwind_terms_2024.md"
    doc = load_document(path)
    assert doc.format == MARKDOWN
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    offset = doc.text.index("use Output to develop models")
    assert doc.section_at(offset) == "Northwind AI Terms of Service > 3. Use of the Services > Restrictions"
    assert doc.page_at(offset) is None
    assert "**" not in doc.text and "##" not in doc.text


def test_setext_headings_are_sections():
    doc = load_bytes(b"Terms\n=====\n\nIntro.\n\nRestrictions\n------------\n\nNo scraping.\n", Path("t.md"))
    assert doc.section_at(doc.text.index("No scraping")) == "Terms > Restrictions"
    assert "=====" not in doc.text


def test_html_keeps_visible_text_only():
    doc = load_document(SAMPLES / "quill_research_data_licence.html")
    assert doc.format == HTML
    for hidden in ("window.analytics", "font-family", "Home | Datasets", "Terms | Privacy"):
        assert hidden not in doc.text
    assert doc.section_at(doc.text.index("text and data mining")) == "Quill Corpus Licence > 3. Rights reserved"


def test_plain_text_numbering_styles():
    source = b"Section 4 Outputs\n4.1 Ownership\nYou own outputs.\n\n1.b.v Other models\nNo improving.\n(a) first item\n"
    doc = load_bytes(source, Path("t.txt"))
    assert doc.format == TEXT
    assert doc.section_at(doc.text.index("You own")) == "Section 4 Outputs > 4.1 Ownership"
    assert doc.section_at(doc.text.index("No improving")).endswith("1.b.v Other models")


def test_licence_style_nesting():
    doc = load_document(SAMPLES / "bluepeak_open_model_licence.txt")
    assert doc.section_at(doc.text.index("distillation")) == "2 Grant > b"


def test_pdf_has_pages_and_sections():
    doc = load_document(SAMPLES / "bluepeak_open_model_licence.pdf")
    assert doc.format == PDF
    assert doc.pages and doc.page_at(0) == 1
    assert doc.section_at(doc.text.index("monthly active")) == "4 Large deployments"


def test_multi_page_pdf_page_numbers(tmp_path):
    pytest.importorskip("reportlab")
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_pdfs", SAMPLES / "make_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = module.write_pdf([f"line {i}" for i in range(120)], tmp_path / "three.pdf")
    doc = load_document(path)
    assert len(doc.pages) == 3
    assert doc.page_at(doc.text.index("line 119")) == 3


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("broken.pdf", b"%PDF-1.7\n this is not really a pdf", "cannot be read"),
        ("fake.pdf", b"plain text with a pdf name", "not a PDF"),
        ("binary.txt", b"abc\x00def", "binary"),
    ],
)
def test_bad_documents_give_one_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AuditorError) as info:
        load_document(path)
    assert message in str(info.value) and name in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(AuditorError, match="not found"):
        load_document(tmp_path / "nope.md")
    with pytest.raises(AuditorError, match="directory"):
        load_document(tmp_path)


def _pdf_bytes(text: str | None, *, password: str | None = None) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    if text is None:
        writer.add_blank_page(width=200, height=200)
    else:
        source = load_bytes((SAMPLES / "deepwater_api_terms.pdf").read_bytes(), Path("d.pdf"))
        assert source.text
        writer.append(PdfReader(SAMPLES / "deepwater_api_terms.pdf"))
    if password:
        writer.encrypt(user_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_image_only_pdf_is_explained():
    with pytest.raises(AuditorError, match="no extractable text"):
        load_bytes(_pdf_bytes(None), Path("scan.pdf"))


def test_encrypted_pdf_is_explained():
    with pytest.raises(AuditorError, match="encrypted"):
        load_bytes(_pdf_bytes("x", password="secret"), Path("locked.pdf"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".pdf", ".html", ".md", ".txt", ""]))
def test_any_bytes_give_a_document_or_an_auditor_error(data, suffix):
    for payload in (data, b"%PDF-1.4\n" + data):
        try:
            doc = load_bytes(payload, Path("doc" + suffix))
        except AuditorError:
            continue
        assert isinstance(doc.text, str)
        for section in doc.sections:
            assert 0 <= section.start <= section.end <= len(doc.text)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=400), suffix=st.sampled_from([".html", ".md", ".txt"]))
def test_any_text_parses_with_valid_offsets(text, suffix):
    try:
        doc = load_bytes(text.encode("utf-8"), Path("doc" + suffix))
    except AuditorError:
        return
    for offset in range(0, len(doc.text) + 1, 7):
        title = doc.section_at(offset)
        assert title is None or isinstance(title, str)

"""Report formats: each module renders an AuditResult to a string.

``Format`` lists every format, and each member's module is named after its value
(``json`` is ``json_report``, so that it does not read like the standard library's);
a new format is one member and one module, and a test checks each member has both.
"""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Iterable

from auditor.findings import AuditResult


class Format(str, Enum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"
    SARIF = "sarif"
    JUNIT = "junit"
    MARKDOWN = "markdown"


# format -> module in auditor.formats exposing render(result: AuditResult) -> str
RENDERERS: dict[Format, str] = {fmt: "json_report" if fmt is Format.JSON else fmt.value for fmt in Format}


def for_people(result: AuditResult, fmt: Format | str) -> AuditResult:
    """Every format but JSON is read by people: its strings pass through ``sanitize.clean``."""
    if Format(fmt) is Format.JSON:
        return result
    from auditor.formats.sanitize import clean_all

    return clean_all(result)


def render(result: AuditResult, fmt: Format | str) -> str:
    module = importlib.import_module(f"auditor.formats.{RENDERERS[Format(fmt)]}")
    return module.render(for_people(result, fmt))


def render_chunks(result: AuditResult, fmt: Format | str) -> Iterable[str]:
    """The report in pieces where the format can stream (text, json), else in one piece."""
    module = importlib.import_module(f"auditor.formats.{RENDERERS[Format(fmt)]}")
    result = for_people(result, fmt)
    chunks = getattr(module, "render_chunks", None)
    return chunks(result) if chunks is not None else (module.render(result),)

"""Which format an input is, from its content alone.

Order matters: JSON first (a BOM and an SPDX document are JSON objects with a
signature key: ``bomFormat``, ``@context``/``@graph``); then a Markdown card's
front matter; then YAML, where ``apiVersion`` marks a manifest.  Anything else is an
error that lists what would have been accepted.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.schemas import MANIFEST_API_VERSION

EXPECTED = (f"expected an auditor manifest (apiVersion: {MANIFEST_API_VERSION}), a CycloneDX JSON BOM, "
            "an SPDX 3 JSON-LD document or a Hugging Face card (README.md with YAML front matter)")
_MARKDOWN = re.compile(r"^(#{1,6}[ \t]+\S|```|<p\b|<img\b|\[!\[)|\]\(https?://", re.MULTILINE)
_API_VERSION = re.compile(r"^apiVersion[ \t]*:", re.MULTILINE)  # a manifest, whatever else it holds


def detect(text: str, path: Path) -> tuple[str, Any]:
    """('auditor' | 'cyclonedx' | 'spdx3' | 'hfcard', parsed data or None for cards)."""
    stripped = text.lstrip()
    if not stripped:
        raise AuditorError(f"the file is empty; {EXPECTED}", file=path, line=1)
    if stripped.startswith(("{", "[")):
        try:
            data = yamlio.load_json(text, source=path, what="input")  # BOM validators recurse per level
        except ValueError as exc:
            if re.search(r'"(bomFormat|@context|@graph|spdxVersion)"', text):
                line = getattr(exc, "lineno", None)
                message = getattr(exc, "msg", str(exc))
                raise AuditorError(f"invalid JSON: {message}", file=path, line=line) from None
            data = yamlio.load(text, source=path)  # a manifest written as a YAML flow mapping
        return classify(data, path), data

    if text.startswith(("---", "\ufeff---")):  # front matter opens the file: the card reader is imported only then
        from auditor.inputs.hfcard import front_matter

        found = front_matter(text)
        if found is not None and not _API_VERSION.search(found[0]):
            return "hfcard", None
    try:
        data = yamlio.load(text, source=path)
    except AuditorError:
        if _MARKDOWN.search(text) and not _API_VERSION.search(text):  # "# comment" looks like a heading
            raise _no_front_matter(path) from None
        raise
    if not isinstance(data, dict) and _MARKDOWN.search(text):
        raise _no_front_matter(path)
    return classify(data, path), data


def classify(data: Any, path: Path) -> str:
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        raise AuditorError(f"unrecognised input: found {found}; {EXPECTED}", file=path, line=1)
    if "bomFormat" in data:
        if data["bomFormat"] != "CycloneDX":
            raise AuditorError(f"got bomFormat {data['bomFormat']!r}; expected 'CycloneDX'", file=path, field="bomFormat")
        return "cyclonedx"
    if "spdxVersion" in data:
        raise AuditorError(f"got {data['spdxVersion']!r}; SPDX 2 has no AI or Dataset profile: expected an SPDX 3.0 JSON-LD document",
                           file=path, field="spdxVersion")
    if "@graph" in data or "@context" in data:
        context = json.dumps(data.get("@context", ""))
        if "spdx" not in context.lower() and "@graph" not in data:
            raise AuditorError(f"JSON-LD without the SPDX 3 context; {EXPECTED}", file=path, field="@context")
        return "spdx3"
    if "apiVersion" in data or {"model", "teachers", "data_sources"} & data.keys():
        return "auditor"
    raise AuditorError(f"unrecognised input (keys: {', '.join(sorted(map(str, data))[:6])}); {EXPECTED}", file=path, line=1)


def _no_front_matter(path: Path) -> AuditorError:
    return AuditorError("this looks like Markdown without YAML front matter: a Hugging Face card starts with a "
                        "'---' line, its metadata (license, datasets, base_model ...) and a closing '---' line",
                        file=path, line=1)

"""The overlay: a small partial manifest that says what a BOM or card cannot.

Same schema as the manifest, every key optional.  ``model`` keys replace the
converted ones; ``teachers``, ``data_sources`` and ``copyrighted_material`` entries
merge by ``id`` (keys of a matching entry replace the converted keys, new ids are
appended).  The merge remembers where each entry came from, so a validation error
about something the overlay said names the overlay's file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.inputs.common import Conversion
from auditor.manifest import SECTIONS
from auditor.schemas import MANIFEST_API_VERSION

_TOP = {"apiVersion", "model", *SECTIONS}
_SPELLINGS = {"license": "licence", "license_file": "licence_file"}


class Overlay:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.text = yamlio.read_text(path, what="overlay")
        data = yamlio.load(self.text, source=path)
        self.lines = yamlio.LineIndex(self.text)  # the lines of that one load
        self.data: dict[str, Any] = {} if data is None else data
        self._check()

    def error(self, message: str, *where: str | int) -> AuditorError:
        return AuditorError(message, file=self.path, line=self.lines.line(tuple(where)), field=yamlio.format_path(tuple(where)) or None)

    def _check(self) -> None:
        if not isinstance(self.data, dict):
            raise AuditorError("expected a mapping (a partial manifest: model, teachers, data_sources, copyrighted_material)",
                               file=self.path, line=1)
        for key in self.data:
            if key not in _TOP:
                raise self.error(f"unknown key '{key}'; expected one of: " + ", ".join(sorted(_TOP)), str(key))
        if "apiVersion" in self.data and self.data["apiVersion"] != MANIFEST_API_VERSION:
            raise self.error(f"got {self.data['apiVersion']!r}; expected '{MANIFEST_API_VERSION}'", "apiVersion")
        if not isinstance(self.data.get("model", {}), dict):
            raise self.error("expected a mapping of model keys", "model")
        for section in SECTIONS:
            entries = self.data.get(section, [])
            if not isinstance(entries, list):
                raise self.error("expected a list of entries", section)
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    raise self.error("expected a mapping", section, index)
                if not isinstance(entry.get("id"), str) or not entry["id"].strip():
                    raise self.error("each overlay entry needs an 'id' (to merge with the converted entry of that id, or to add one)",
                                     section, index)
                for american, british in _SPELLINGS.items():
                    if american in entry and british in entry:
                        raise self.error(f"give either '{british}' or '{american}', not both", section, index, american)


def apply(conv: Conversion, overlay: Overlay) -> None:
    """Merge the overlay into the conversion; record provenance; drop comments the overlay answered."""
    data = conv.data
    model = data.setdefault("model", {})
    for key, value in overlay.data.get("model", {}).items():
        model[key] = value
        conv.comments.pop(("model", None, key), None)
        conv.from_overlay[("model", key)] = ("model", key)
    if "apiVersion" in overlay.data:
        conv.from_overlay[("apiVersion",)] = ("apiVersion",)
    for section in SECTIONS:
        merged = data.setdefault(section, [])
        if not isinstance(merged, list):
            continue
        position = {entry.get("id"): i for i, entry in enumerate(merged) if isinstance(entry, dict)}
        for index, entry in enumerate(overlay.data.get(section, [])):
            entry = {_SPELLINGS.get(k, k): v for k, v in entry.items()}
            target = position.get(entry["id"])
            if target is None:
                merged.append(entry)
                target = position[entry["id"]] = len(merged) - 1
                conv.from_overlay[(section, target)] = (section, index)
            else:
                base = merged[target]
                for key in _SPELLINGS:  # the converted entry may use the other spelling
                    base.pop(key, None)
                base.update(entry)
                for key in entry:
                    conv.from_overlay[(section, target, key)] = (section, index, _original_key(overlay, section, index, key))
                    conv.comments.pop((section, entry["id"], key), None)


def _original_key(overlay: Overlay, section: str, index: int, key: str) -> str:
    entry = overlay.data[section][index]
    for american, british in _SPELLINGS.items():
        if key == british and american in entry:
            return american
    return key


def blame(error: AuditorError, conv: Conversion, overlay: Overlay | None, source: Path) -> AuditorError:
    """Point a validation error of the merged manifest at the overlay or at the converted source."""
    parts = yamlio.parse_path(error.field or "")
    if overlay is not None and parts:
        where = None
        if parts[0] == "model" and len(parts) > 1:
            where = conv.from_overlay.get(("model", parts[1]))
            rest = parts[2:]
        elif parts[0] in SECTIONS and len(parts) > 1 and isinstance(parts[1], int):
            whole = conv.from_overlay.get((parts[0], parts[1]))
            if whole is not None:
                where, rest = whole, parts[2:]
            elif len(parts) > 2:
                where, rest = conv.from_overlay.get((parts[0], parts[1], parts[2])), parts[3:]
        elif parts[0] == "apiVersion":
            where, rest = conv.from_overlay.get(("apiVersion",)), []
        if where is not None:
            path = (*where, *rest)
            return AuditorError(error.message, file=overlay.path, line=overlay.lines.line(path), field=yamlio.format_path(path))
    if conv.format == "auditor manifest":
        return error
    subject = yamlio.format_path(tuple(parts[:2])) if parts else ""
    return AuditorError(f"{error.message} (in the manifest converted from this {conv.format} input)",
                        file=source, line=conv.lines.get(subject), field=error.field)



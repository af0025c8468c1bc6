"""Inputs: anything that describes how a model was trained, mapped onto the manifest.

``load_input(path, overlay)`` detects the format from the content (never the file
name: a BOM may be called ``bom.json`` or ``model.cdx``), converts it, merges the
optional overlay last, fills what is still unknown conservatively, and validates the
result with ``parse_manifest`` so every error stays precise.  One module per format:
``cyclonedx``, ``spdx3``, ``hfcard``; ``detect`` decides which.
"""

from __future__ import annotations

import logging
from pathlib import Path

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.inputs.common import Conversion, apply_defaults
from auditor.inputs.detect import detect
from auditor.manifest import LoadedManifest, parse_manifest

__all__ = ["InputManifest", "load_input", "detect", "assumption_warnings"]

# Assumptions are logged, not printed: with no logging configured Python's last-resort
# handler writes the bare message to stderr, which is what `audit check` should show;
# a caller that configures logging decides for itself.
log = logging.getLogger("auditor.inputs")


class InputManifest(LoadedManifest):
    """A validated manifest plus what converting it assumed.

    ``text`` and ``sha256`` are those of the input file as given, so a report
    identifies exactly what was audited; ``line_of`` answers with lines of that file.
    """

    def __init__(self, manifest, path: Path, text: str, conversion: Conversion) -> None:  # type: ignore[no-untyped-def]
        super().__init__(manifest, path, text)
        self.conversion = conversion
        self.format = conversion.format
        self.warnings = list(conversion.warnings)

    def line_of(self, subject: str) -> int | None:
        if self.format == "auditor manifest":
            return super().line_of(subject)
        lines = self.conversion.lines
        path = subject
        while path not in lines and "." in path:  # "model.base_models[0].licence" -> its entry, then "model"
            path = path.rpartition(".")[0]
        return lines.get(path)


def load_input(path: Path, overlay: Path | None = None) -> LoadedManifest:
    path = Path(path)
    text = yamlio.read_text(path, what="manifest")
    fmt, data = detect(text, path)
    over = None
    if overlay is not None:  # the overlay module is imported only by the runs that use one
        from auditor.inputs import overlay as overlays

        over = overlays.Overlay(Path(overlay))
    if fmt == "auditor":
        if over is None:  # the common case stays exactly the manifest loader
            return LoadedManifest(parse_manifest(data, source=path, text=text), path, text)
        conv = Conversion(data=data, format="auditor manifest")
    else:
        conv = _convert(fmt, data, text, path)
    if over is not None:
        overlays.apply(conv, over)
    if fmt != "auditor":
        apply_defaults(conv)
    try:
        manifest = parse_manifest(conv.data, source=path, text=text if fmt == "auditor" else None)
    except AuditorError as exc:
        from auditor.inputs import overlay as overlays

        raise overlays.blame(exc, conv, over, path) from None
    loaded = InputManifest(manifest, path, text, conv)
    for line in assumption_warnings(loaded):
        log.warning("audit: warning: %s", line)
    return loaded


def _convert(fmt: str, data: object, text: str, path: Path) -> Conversion:
    if fmt == "cyclonedx":
        from auditor.inputs import cyclonedx as module
    elif fmt == "spdx3":
        from auditor.inputs import spdx3 as module  # type: ignore[no-redef]
    else:
        from auditor.inputs import hfcard as module  # type: ignore[no-redef]
    try:
        if fmt == "hfcard":
            return module.convert(text, path)  # type: ignore[call-arg]
        return module.convert(data, text, path)  # type: ignore[arg-type]
    except AuditorError:
        raise
    except (TypeError, AttributeError, ValueError, KeyError, IndexError) as exc:
        # the last line of defence: a shape no check above foresaw is still an input error
        raise AuditorError(f"unexpected structure in this {fmt} input ({type(exc).__name__}: {exc})", file=path) from None


def assumption_warnings(loaded: LoadedManifest) -> list[str]:
    """One-line warnings for stderr (``audit check`` prints them): what a conversion had to assume."""
    warnings = getattr(loaded, "warnings", [])
    return [f"{loaded.path}: {w}" for w in warnings]

"""Inputs: anything that describes how a model was trained, mapped onto the manifest.

``load_input(path, overlay)`` detects the format from the content.  This first
version reads auditor manifests only; CycloneDX, SPDX 3 and Hugging Face cards
plug in here.
"""

from __future__ import annotations

from pathlib import Path

from auditor.manifest import LoadedManifest, load_manifest


def load_input(path: Path, overlay: Path | None = None) -> LoadedManifest:
    return load_manifest(path)

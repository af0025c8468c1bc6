"""``audit convert INPUT``: print the auditor manifest a BOM, SPDX document or card amounts to.

The output is what ``audit check`` audits, so a team can review it, commit it and
drop the conversion.  It is deterministic (fixed key order, no timestamps) and every
value the input could not supply carries a comment saying what was assumed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from auditor.commands.common import emit, output_option, say
from auditor.manifest import SECTIONS
from auditor.schemas import MANIFEST_API_VERSION

_PATH_KEYS = ("licence_file", "terms")


@click.command("convert")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option("--overlay", type=click.Path(path_type=Path), help="Small manifest adding what the input cannot say.")
@output_option
def command(input_path: Path, overlay: Path | None, output: Path | None) -> None:
    """Print the auditor manifest equivalent to INPUT (CycloneDX, SPDX 3, Hugging Face card or manifest)."""
    from auditor.inputs import load_input

    loaded = load_input(input_path, overlay)
    target_dir = output.parent if output is not None and str(output) != "-" else None
    text = render(loaded, target_dir=target_dir)
    emit(text, output, protected=[p for p in (input_path, overlay) if p is not None])
    if output is not None and str(output) != "-":
        assumed = text.count("# ASSUMED")
        say(f"audit: wrote {output}" + (f" ({assumed} assumption{'s' * (assumed != 1)} marked ASSUMED)" if assumed else ""))


def render(loaded: Any, *, target_dir: Path | None = None) -> str:
    """The manifest as commented YAML; relative paths rebased onto ``target_dir`` when written elsewhere."""
    conversion = getattr(loaded, "conversion", None)
    comments = conversion.comments if conversion is not None else {}
    fmt = getattr(loaded, "format", "auditor manifest")
    data = loaded.manifest.model_dump(by_alias=True, exclude_none=True)
    if target_dir is not None:
        _rebase(data, loaded.manifest.base_dir, target_dir)
    lines = [
        f"# Training manifest converted by `audit convert` from {Path(loaded.path).as_posix()} ({fmt}).",
        "# Review it, above all lines marked ASSUMED, then commit it and audit it with `audit check`.",
        f"apiVersion: {MANIFEST_API_VERSION}",
        "model:",
    ]
    for key, value in data["model"].items():
        lines.append(_line(f"  {key}: {yaml_scalar(value)}", comments.get(("model", None, key))))
    for section in SECTIONS:
        entries = data.get(section) or []
        if not entries:
            lines.append(f"{section}: []")
            continue
        lines.append(f"{section}:")
        for entry in entries:
            first = True
            for key, value in entry.items():
                if value == [] or value is None:
                    continue
                prefix = "  - " if first else "    "
                first = False
                lines.append(_line(f"{prefix}{key}: {yaml_scalar(value)}", comments.get((section, entry["id"], key))))
    return "\n".join(lines) + "\n"


def _line(text: str, comment: str | None) -> str:
    if not comment:
        return text
    return f"{text.ljust(40)}  # {' '.join(comment.split())}"


def yaml_scalar(value: Any) -> str:
    """One YAML flow value, quoted exactly when YAML needs it."""
    import yaml

    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 30, sort_keys=False)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def _rebase(data: dict[str, Any], base: Path, target: Path) -> None:
    """Relative paths in a manifest are relative to it: keep them pointing at the same files."""
    for section in SECTIONS:
        for entry in data.get(section) or []:
            for key in _PATH_KEYS:
                value = entry.get(key)
                if isinstance(value, str) and not Path(value).is_absolute() and "://" not in value:
                    entry[key] = Path(os.path.relpath(base / value, target)).as_posix()

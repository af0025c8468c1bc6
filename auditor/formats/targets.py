"""Parse ``--report FORMAT:PATH`` so one run can write several formats."""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditorError
from auditor.formats import Format
from auditor.safeio import real_path

_CHOICES = ", ".join(f.value for f in Format)


def parse_report_targets(values: tuple[str, ...], *, output: Path | None = None) -> list[tuple[Format, Path]]:
    """Each value is FORMAT:PATH (e.g. ``sarif:out/audit.sarif``); no two outputs may share a file (symlinks resolved).

    ``output`` is the ``--output`` path, if any, so a report cannot silently overwrite it.
    """
    targets: list[tuple[Format, Path]] = []
    seen: dict[str, str] = {}
    if output is not None and str(output) != "-":
        seen[real_path(output)] = "--output"
    for value in values:
        name, sep, path_text = value.partition(":")
        name = name.strip().lower()
        if not sep or not name:
            raise AuditorError(f"expected FORMAT:PATH such as sarif:audit.sarif, got {value!r}", field="--report")
        try:
            fmt = Format(name)
        except ValueError:
            raise AuditorError(f"unknown format {name!r} in {value!r}; expected one of: {_CHOICES}", field="--report") from None
        if not path_text.strip() or path_text.strip() == "-":
            raise AuditorError(f"expected a file path after '{name}:', got {value!r}", field="--report")
        path = Path(path_text)
        key = real_path(path)
        if key in seen:
            raise AuditorError(f"two reports would write the same file {path_text!r} ({seen[key]} and {name})", field="--report")
        seen[key] = name
        targets.append((fmt, path))
    return targets

"""``audit licence TEXT`` / ``audit licence --file PATH``: which licence, and what it obliges.

Categories come from the same resolver ``audit check`` uses (licence packs first,
then the ScanCode fallback), so both commands always agree about a licence.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.commands.common import emit, format_option, output_option, policies_option
from auditor.errors import AuditorError
from auditor.formats.sanitize import clean_lines


@click.command("licence")
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(path_type=Path), help="A LICENSE file to identify by its text.")
@format_option(("text", "json"))
@output_option
@policies_option
def command(text: str | None, file: Path | None, fmt: str, output: Path | None, policy_dirs: tuple[Path, ...]) -> None:
    """Identify a licence from a name, an SPDX expression or (with --file) a full text."""
    from auditor.facts.licence import LicenceResolver
    from auditor.licences import identify, identify_file
    from auditor.licences.refs import SPDX_SPECIAL
    from auditor.policy import load_policies

    if (text is None) == (file is None):
        raise AuditorError("give either a licence name or expression (TEXT) or --file PATH, not both or neither")
    if file is not None and not file.is_file():
        raise AuditorError("expected a readable licence file", file=file)
    match = identify_file(file) if file is not None else identify(text or "")
    _, obligations, choice, unknown = LicenceResolver(load_policies(list(policy_dirs))).resolve_match(match)
    categories = sorted({o.category for o in obligations})
    data = match.to_dict(categories)
    if choice:
        data["choice"] = choice
    unknown = tuple(u for u in unknown if u not in SPDX_SPECIAL)  # NONE / NOASSERTION are SPDX's words, not unknown ids
    if unknown:
        data["unknown_ids"] = list(unknown)
    if fmt == "json":
        emit(json.dumps(data, indent=2) + "\n", output, protected=[file] if file else [])
        return
    emit(_text(data), output, protected=[file] if file else [])


def _text(data: dict) -> str:
    if data["spdx"] is None:
        lines = [f"{data['input']!s:.80}: unknown licence"]
    else:
        lines = [
            f"{data['spdx']}  ({data['method']}, confidence {data['confidence']:.2f})",
            f"  name:       {data['name']}",
            f"  categories: {', '.join(data['categories']) or 'none'}",
        ]
        if data.get("choice"):
            lines.append(f"  choice:     {data['choice']}")
        if data.get("unknown_ids"):
            lines.append(f"  no pack or licence index knows: {', '.join(data['unknown_ids'])}")
    lines += [f"  problem:    {p}" for p in data["problems"]]
    return clean_lines(lines)

"""``audit policies``: which packs are in force, and ``--validate DIR`` for pack authors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from auditor.commands.common import emit, format_option, output_option, policies_option
from auditor.formats.sanitize import clean_lines

if TYPE_CHECKING:  # pragma: no cover
    from auditor.policy.models import Pack, PackVersion


@click.command("policies")
@policies_option
@click.option("--validate", "validate", type=click.Path(path_type=Path), help="Check a folder of packs and rules, then exit.")
@format_option(("text", "json"))
@output_option
def command(policy_dirs: tuple[Path, ...], validate: Path | None, fmt: str, output: Path | None) -> None:
    """List the loaded policy packs (id, version, effective date, source)."""
    from auditor.policy import load_policies, validate_dir

    if validate is not None:
        checked = validate_dir(validate)
        from auditor.engine import compile_rules

        # combined with the built-in packs, its rules are checked as `audit check` checks them
        compile_rules(load_policies([*policy_dirs, validate]))
        emit(
            clean_lines([f"{validate}: {len(checked.packs)} pack(s), {len(checked.rules)} rule(s), {len(checked.providers)} provider(s): valid"]),
            output,
        )
        return
    policies = load_policies(list(policy_dirs))
    infos = policies.infos()
    if fmt == "json":
        data = {
            "packs": [_with_history(i.to_dict(), policies.packs[i.id]) for i in infos],
            "providers": {pid: sorted(p.aliases) for pid, p in sorted(policies.providers.items())},
            "rules": [
                {"id": r.id, "name": r.name, "category": r.category, "subject": r.subject}
                for r in sorted(policies.rules.values(), key=lambda r: r.id)
            ],
        }
        emit(json.dumps(data, indent=2, sort_keys=True) + "\n", output)
        return
    width = max((len(i.id) for i in infos), default=10)
    lines = [f"{'id':<{width}}  {'kind':<14}  {'version':<12}  {'effective':<10}  source"]
    for info in infos:
        origin = "" if info.origin == "built-in" else f"  (from {info.origin})"
        lines.append(f"{info.id:<{width}}  {info.kind:<14}  {info.version:<12}  {info.effective:<10}  {info.source}{origin}")
        for earlier in _earlier(policies.packs[info.id]):  # history: applied to outputs made while in force
            lines.append(f"{'':<{width}}  {'(earlier)':<14}  {earlier.version:<12}  {earlier.effective.isoformat():<10}  {earlier.source}")
    lines += ["", f"{len(infos)} packs, {len(policies.rules)} rules, {len(policies.providers)} providers"]
    emit(clean_lines(lines), output)


def _earlier(pack: Pack) -> list[PackVersion]:
    """A pack's earlier versions, newest first."""
    return sorted(pack.history, key=lambda h: h.effective, reverse=True)


def _with_history(row: dict, pack: Pack) -> dict:
    """A pack's JSON row, with its earlier versions when it has any (packs without keep their shape)."""
    if pack.history:
        row["history"] = [
            {"version": h.version, "effective": h.effective.isoformat(), "source": h.source, "title": h.title or pack.title}
            for h in _earlier(pack)
        ]
    return row

"""``audit policies``: which packs are in force, and ``--validate DIR`` for pack authors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.commands.common import emit, format_option, output_option, policies_option


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
        click.echo(
            f"{validate}: {len(checked.packs)} pack(s), {len(checked.rules)} rule(s), "
            f"{len(checked.providers)} provider(s): valid"
        )
        return
    policies = load_policies(list(policy_dirs))
    infos = policies.infos()
    if fmt == "json":
        data = {
            "packs": [i.to_dict() for i in infos],
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
    lines.append(f"\n{len(infos)} packs, {len(policies.rules)} rules, {len(policies.providers)} providers")
    emit("\n".join(lines) + "\n", output)

"""Checks across registry entries that one entry's schema cannot make alone.

Problems (fail ``scripts/build_registry.py --check`` and the test over the shipped
registry): ids or Hugging Face ids used twice, parents that no file defines, licence
ids auditor's licence resolver does not know.  Notes (printed, not failing): a
generator whose provider has no policy pack, so its outputs carry no known terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.registry.load import Registry

_NO_ASSERTION = "NOASSERTION"


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def validate(registry: Registry, provider_ids: set[str]) -> Report:
    report = Report()
    seen_hf: dict[str, str] = {}
    for entry_id, entry in registry.entries.items():
        where = f"{registry.origin[entry_id]}: {entry_id}"
        for hf_id in entry.hf_ids:
            other = seen_hf.setdefault(hf_id.lower(), entry_id)
            if other != entry_id:
                report.problems.append(f"{where}: hf_id '{hf_id}' is also claimed by '{other}'")
        for parent in entry.derived_from:
            if parent not in registry.entries:
                report.problems.append(f"{where}: derived_from '{parent}' is not a registry id")
        licences = [("licence", entry.licence)] + [("other_licences", o.licence) for o in entry.other_licences]
        licences += [(f"variants '{v.match}'", v.licence) for v in entry.variants]
        for what, licence in licences:
            unknown = unknown_licence_ids(licence)
            if unknown:
                report.problems.append(f"{where}: {what} '{licence}': not known to auditor's licence resolver: {', '.join(unknown)}")
        for generator in entry.generated_by:
            provider = generator.partition("/")[0]
            if provider not in provider_ids:
                report.notes.append(f"{where}: generator '{generator}': provider '{provider}' has no policy pack")
    return report


def unknown_licence_ids(licence: str) -> list[str]:
    """The ids of an SPDX expression that the licence resolver does not know (NOASSERTION is allowed)."""
    if licence == _NO_ASSERTION:
        return []
    from auditor.licences import identify

    ids = [t for t in re.split(r"\s+|\(|\)", licence) if t and t not in ("AND", "OR", "WITH")]
    unknown = []
    for licence_id in ids:
        match = identify(licence_id)
        if match.spdx is None or match.spdx.lower() != licence_id.lower() or match.method != "exact" or any(
            "user-defined" in p for p in match.problems
        ):
            unknown.append(licence_id)
    return unknown

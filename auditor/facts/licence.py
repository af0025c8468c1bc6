"""A data source's own licence: its obligations (the least restrictive OR branch) and the facts rules test."""

from __future__ import annotations

from typing import Any
from functools import lru_cache

from auditor.facts.common import Inputs
from auditor.facts.obligations import (
    ObligationOrigin,
    Obligation, document_obligations,
    merge, pack_obligations,
)
from auditor.licences import LicenceMatch, expression_branches, fallback_categories, identify
from auditor.licences.normalize import name_key
from auditor.licences.refs import SPDX_NOASSERTION, SPDX_NONE, SPDX_SPECIAL, UNDETERMINED
from auditor.manifest import DataSource
from auditor.policy import PolicySet


# how much each category restricts: used to take the least restrictive OR branch
RESTRICTIVENESS = {
    "non-commercial": 10,
    "research-only": 10,
    "no-derivatives": 8,
    "share-alike": 5,
    "use-restriction": 4,
    "naming": 2,
    "scale-threshold": 2,
    "attribution": 1,
}



class LicenceResolver:
    """Licence strings -> obligations, cached per distinct string (manifests repeat licences)."""

    def __init__(self, policies: PolicySet) -> None:
        self._policies = policies
        self._cache: dict[str, tuple[LicenceMatch, tuple[Obligation, ...], str | None, tuple[str, ...]]] = {}

    def resolve(self, text: str) -> tuple[LicenceMatch, tuple[Obligation, ...], str | None, tuple[str, ...]]:
        """(match, obligations of the chosen branch, note on the OR choice, unknown ids)."""
        cached = self._cache.get(text)
        if cached is None:
            cached = self._cache[text] = self._resolve(identify(text))
        return cached

    def resolve_match(self, match: LicenceMatch) -> tuple[LicenceMatch, tuple[Obligation, ...], str | None, tuple[str, ...]]:
        return self._resolve(match)

    def _resolve(self, match: LicenceMatch):
        if match.spdx is None:
            return match, (), None, ()
        try:
            branches = expression_branches(match.spdx)
        except Exception:  # noqa: BLE001 - an unparsable expression is an unknown licence, not a crash
            return match, (), None, (match.spdx,)
        options = []
        for branch in branches:
            obligations: list[Obligation] = []
            unknown: list[str] = []
            for licence_id in branch:
                found = None if licence_id in SPDX_SPECIAL else self._licence_obligations(licence_id)
                if found is None:
                    unknown.append(licence_id)
                else:
                    obligations.extend(found)
            score = sum(RESTRICTIVENESS.get(o.category, 0) for o in obligations) + 100 * len(unknown)
            options.append((score, branch, tuple(obligations), tuple(unknown)))
        score, branch, obligations, unknown = min(options, key=lambda o: o[0])
        ambiguous = next((p for p in match.problems if "ambiguous" in p), None)
        if ambiguous:  # judged by the strictest candidate: every finding says it rests on that choice
            obligations = tuple(o._replace(uncertain=o.uncertain or ambiguous) for o in obligations)
        note = None
        if len(branches) > 1:
            note = f"'{match.spdx}' offers a choice; the least restrictive branch ({' AND '.join(branch)}) was taken"
        return match, obligations, note, unknown

    @lru_cache(maxsize=4096)
    def _licence_obligations(self, licence_id: str) -> tuple[Obligation, ...] | None:
        pack = self._policies.pack_for_licence(licence_id)
        if pack is not None:
            return pack_obligations(pack, origin=ObligationOrigin.LICENCE, licence=licence_id)
        categories = fallback_categories(licence_id)
        if categories is None:
            return None
        return tuple(
            Obligation(c, ObligationOrigin.LICENCE, f"licence {licence_id}", None, None,
                       f"{licence_id} is in a licence family that carries '{c}' ({_basis(licence_id)})", licence=licence_id)
            for c in sorted(categories)
        )



def _basis(licence_id: str) -> str:
    """Where a fallback category comes from: auditor's own list of licence refs, or ScanCode's index."""
    from auditor.licences.refs import REFS

    return "auditor's licence list" if any(r.id == licence_id for r in REFS) else "ScanCode licence index"


class LicenceFacts:
    """A data source's own licence: its obligations and facts, worked out once per distinct declaration."""

    def __init__(self, resolver: LicenceResolver, inputs: Inputs) -> None:
        self.resolver = self._resolver = resolver
        self._inputs = inputs
        self._cache: dict[tuple[str | None, int, bool], tuple[tuple[Obligation, ...], dict[str, Any]]] = {}

    def of(self, source: DataSource, subject: str) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
        file_match = self._inputs.licence_files.get(source.id)
        document_clauses = self._inputs.terms.get(subject)
        key = (source.licence, id(file_match), bool(source.terms), source.owner)
        if not document_clauses:
            cached = self._cache.get(key)
            if cached is None:
                cached = self._cache[key] = self._work_out(source, file_match, ())
            return cached
        return self._work_out(source, file_match, document_clauses)

    def _work_out(
        self, source: DataSource, file_match: LicenceMatch | None, document_clauses: tuple
    ) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
        # the licence: declared text, else the identified licence file
        if source.licence:
            match, own, choice, unknown_ids = self._resolver.resolve(source.licence)
        elif file_match is not None:
            match, own, choice, unknown_ids = self._resolver.resolve_match(file_match)
        else:
            match, own, choice, unknown_ids = None, (), None, ()
        status = licence_status(source.licence, match, unknown_ids, file_match)
        if source.owner == "self" and status in OPEN_STATUSES:
            status = "owned"  # the team's own data needs no licence; generated_by still applies
        if source.terms and status in OPEN_STATUSES:
            status = "document"  # the supplied licence document is the licence: its clauses apply
        mismatch = bool(
            file_match and file_match.spdx and match and match.spdx and source.licence
            and file_match.spdx.lower() != match.spdx.lower()
        )
        if document_clauses:
            own = merge(own, document_obligations(document_clauses, None))
        return own, {
            "licence_text": source.licence or "",
            "licence": (match.spdx if match and match.spdx else source.licence) or "none",
            "licence_status": status,
            "licence_confidence": round(match.confidence, 2) if match else 0.0,
            "licence_problems": ("; ".join(match.problems) if match and match.problems else "no licence pack or licence index entry matched"),
            "licence_choice": choice or "",
            "licence_file_mismatch": mismatch,
            "licence_file_spdx": file_match.spdx if file_match and file_match.spdx else "",
            "own_categories": sorted({o.category for o in own}),
        }



# licence_status values that leave the licence question open: a copyright assessment of the source
# (copyrighted_material[].data_sources), the team's own ownership or the registry may answer it
OPEN_STATUSES = frozenset({"missing", "unknown", "not-asserted", "none-granted"})
# of those, the ones where the manifest says nothing about the licence (NONE is a statement)
SILENT_STATUSES = OPEN_STATUSES - {"none-granted"}


_UNDETERMINED = frozenset(name_key(text) for text in UNDETERMINED)


def licence_status(
    declared: str | None, match: LicenceMatch | None, unknown_ids: tuple[str, ...], file_match: LicenceMatch | None
) -> str:
    """known | ambiguous | missing | unknown | not-asserted (SPDX NOASSERTION) | none-granted (SPDX NONE)."""
    if match is None:
        return "missing"
    if match.spdx is None:
        if not (declared or "").strip() and file_match is None:
            return "missing"
        return "not-asserted" if name_key(declared or "") in _UNDETERMINED else "unknown"
    special = {u for u in unknown_ids if u in SPDX_SPECIAL}
    if unknown_ids and len(special) < len(set(unknown_ids)):
        return "unknown"
    if SPDX_NONE in special:  # a part of the chosen licence grants nothing: all rights reserved
        return "none-granted"
    if SPDX_NOASSERTION in special:
        return "not-asserted"
    if match.method == "fuzzy" and match.confidence < 0.9:
        return "ambiguous"
    if any("version" in p for p in match.problems):
        return "ambiguous"
    return "known"

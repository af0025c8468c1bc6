"""Build the facts of every manifest entry (teachers, data sources, material, the model)."""

from __future__ import annotations

from typing import Any, Iterable

from auditor.facts import (
    DRIFT_CATEGORIES,
    FLOWS_WITH_OUTPUTS,
    Inputs,
    LicenceResolver,
    Obligation,
    SubjectFacts,
    data_source_order,
    document_obligations,
    merge,
    model_values,
    pack_obligations,
    teacher_pack,
)
from auditor.licences import LicenceMatch
from auditor.manifest import TRAINING_PURPOSES, DataSource, Manifest
from auditor.model_share import Ids, ModelShare, lineage_groups, model_share
from auditor.policy import BAN_CATEGORIES, PolicySet

EU_JURISDICTIONS = frozenset(
    {"eu", "eea", "european union", "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu",
     "ie", "it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se", "austria", "belgium",
     "bulgaria", "croatia", "cyprus", "czechia", "denmark", "estonia", "finland", "france", "germany", "greece",
     "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg", "malta", "netherlands", "poland",
     "portugal", "romania", "slovakia", "slovenia", "spain", "sweden"}
)


_COMMON = frozenset(
    {"model.name", "model.type", "model.use", "model.release", "model.released", "model.commercial", "model.monthly_active_users"}
)
_OBLIGATIONS = frozenset(
    {"categories", "ban", "ban_only_competing", "permitted", "naming_violation", "name_prefix", "threshold", "mau_exceeds", "mau_unknown"}
)
# the facts rules may test, per subject kind (a rule naming another fact is rejected when rules load)
FACTS: dict[str, frozenset[str]] = {
    "teachers": _COMMON | _OBLIGATIONS | {
        "provider", "provider_known", "pack", "pack_title", "pack_version", "has_document", "purposes",
        "training_use", "evaluation_only", "drift_added", "drift_missing", "label", "purpose_text", "confusable",
    },
    "data_sources": _COMMON | _OBLIGATIONS | {
        "licence_text", "licence", "licence_status", "licence_confidence", "licence_problems", "licence_choice",
        "licence_file_mismatch", "licence_file_spdx", "own_categories", "generated", "unresolved_generators",
        "unresolved_text", "origin", "label", "confusable",
    },
    "copyrighted_material": _COMMON | {
        "permission", "tdm_opt_out_respected", "jurisdiction", "jurisdiction_eu", "jurisdiction_known", "label", "rights_holder",
    },
    "model": _COMMON | {
        "sharealike_families", "sharealike_text", "attribution_sources", "attribution_text", "use_restriction_sources",
        "use_restriction_text", "naming_violation", "name_prefix", "naming_text", "label",
    },
}


def build(manifest: Manifest, policies: PolicySet, inputs: Inputs) -> list[SubjectFacts]:
    builder = Builder(manifest, policies, inputs)
    indices = list(range(len(manifest.data_sources)))
    sources = builder.sources(indices)
    return builder.teachers + sources + builder.material() + [builder.model(model_share(indices, sources))]


class Builder:
    """The facts of a manifest's entries, its data sources built whole or a lineage-closed group at a time.

    A group closed under derived_from (every ancestor of a member is a member) is
    built exactly as in the whole manifest, so two processes can each build and judge
    one group on their own core.
    """

    def __init__(self, manifest: Manifest, policies: PolicySet, inputs: Inputs) -> None:
        self._manifest, self._policies, self._inputs = manifest, policies, inputs
        self._common = model_values(manifest)
        self.teachers = [_teacher(i, manifest, policies, inputs, self._common) for i in range(len(manifest.teachers))]
        self._order = data_source_order(manifest.data_sources)  # a lineage cycle fails here, before any split

    def sources(self, indices: Iterable[int]) -> list[SubjectFacts]:
        """Facts of the data sources at ``indices`` (a lineage-closed group), in index order."""
        wanted = set(indices)
        order = self._order if len(wanted) == len(self._order) else [i for i in self._order if i in wanted]
        return _data_sources(self._manifest, self._policies, self._inputs, self._common, self.teachers, order)

    def material(self) -> list[SubjectFacts]:
        return [_material(i, self._manifest, self._common) for i in range(len(self._manifest.copyrighted_material))]

    def model(self, share: ModelShare) -> SubjectFacts:
        return _model(self._manifest, share, self._common)

    def split(self, share_percent: int) -> tuple[list[int], list[int]]:
        """Data source indexes in two lineage-closed groups, the second about ``share_percent`` of them."""
        if share_percent <= 0:
            return list(range(len(self._order))), []
        groups = lineage_groups(self._manifest.data_sources)
        target = len(self._order) * share_percent // 100
        mine: list[int] = []
        theirs: list[int] = []
        for group in groups:
            (theirs if len(theirs) + len(group) <= target else mine).extend(group)
        return sorted(mine), sorted(theirs)


# categories whose facts read more of a clause than its category (the naming prefix, the threshold)
_CLAUSE_DETAILS = frozenset({"naming", "scale-threshold"})


def _detailed_key(categories: frozenset[str], obligations: tuple[Obligation, ...]) -> tuple:
    """What _obligation_values reads when a naming or threshold clause is among the categories."""
    return (
        categories,
        frozenset(o.name_prefix for o in obligations if o.category == "naming"),
        frozenset(o.threshold for o in obligations if o.category == "scale-threshold"),
    )


def _obligation_values(obligations: tuple[Obligation, ...], common: dict[str, Any]) -> dict[str, Any]:
    """Facts every obligation-carrying subject shares: a function of the categories but for _CLAUSE_DETAILS."""
    categories = sorted({o.category for o in obligations})
    bans = {o.category for o in obligations if o.category in BAN_CATEGORIES}
    name = str(common["model.name"]).lower()
    prefixes = sorted({o.name_prefix for o in obligations if o.category == "naming" and o.name_prefix})
    thresholds = [o.threshold for o in obligations if o.category == "scale-threshold" and o.threshold]
    mau = common["model.monthly_active_users"]
    return {
        "categories": categories,
        "ban": bool(bans),
        "ban_only_competing": bans == {"competing-models"},
        "permitted": "distillation-permitted" in categories,
        "naming_violation": any(not name.startswith(p.lower()) for p in prefixes),
        "name_prefix": " or ".join(f"'{p}'" for p in prefixes),
        "threshold": min(thresholds) if thresholds else None,
        "mau_exceeds": bool(thresholds and mau is not None and mau >= min(thresholds)),
        "mau_unknown": bool(thresholds) and mau is None,
    }


def _confusable(*names: str | None) -> str:
    """The first identifier written with look-alike letters, and why ("" when none is)."""
    from auditor.confusables import suspicious

    for name in names:
        if name and not name.isascii():
            why = suspicious(name)
            if why:
                return f"'{name}' {why}"
    return ""


def _teacher(index: int, manifest: Manifest, policies: PolicySet, inputs: Inputs, common: dict[str, Any]) -> SubjectFacts:
    teacher = manifest.teachers[index]
    subject = f"teachers[{index}]"
    pack = teacher_pack(teacher, policies, index)
    doc_clauses = inputs.terms.get(subject, ())
    obligations = merge(
        pack_obligations(pack, origin="terms") if pack else (),
        document_obligations(doc_clauses, pack),
    )
    purposes = list(teacher.purpose)
    values = dict(common)
    values.update(_obligation_values(obligations, common))
    drift_added: list[str] = []
    drift_missing: list[str] = []
    if pack is not None and doc_clauses:
        doc_cats = {c.category for c in doc_clauses} & DRIFT_CATEGORIES
        pack_cats = pack.categories() & DRIFT_CATEGORIES
        drift_added = sorted(doc_cats - pack_cats)
        drift_missing = sorted(pack_cats - doc_cats)
    provider_id = policies.resolve_provider(teacher.provider)
    values.update(
        {
            "provider": teacher.provider,
            "provider_known": provider_id is not None or teacher.policy is not None,
            "confusable": _confusable(teacher.id, teacher.provider, teacher.model),
            "pack": pack.id if pack else None,
            "pack_title": pack.title if pack else (f"the terms document {teacher.terms}" if teacher.terms else "unknown terms"),
            "pack_version": pack.version if pack else "",
            "has_document": bool(teacher.terms),
            "purposes": purposes,
            "training_use": bool(set(purposes) & TRAINING_PURPOSES),
            "evaluation_only": set(purposes) == {"evaluation"},
            "drift_added": drift_added,
            "drift_missing": drift_missing,
            "label": f"teacher '{teacher.id}' "
            + (f"({teacher.provider}/{teacher.model or '*'})" if teacher.provider else f"(policy {teacher.policy})"),
            "purpose_text": ", ".join(purposes),
        }
    )
    return SubjectFacts(subject, teacher.id, "teachers", values, obligations)


def _data_sources(
    manifest: Manifest, policies: PolicySet, inputs: Inputs, common: dict[str, Any], teachers: list[SubjectFacts], order: list[int]
) -> list[SubjectFacts]:
    """Facts of the data sources in ``order`` (parents first), returned in index order."""
    sources = manifest.data_sources
    licence_facts = _LicenceFacts(LicenceResolver(policies), inputs)
    teacher_by_id = {t.subject_id: t for t in teachers}
    index_of = {s.id: i for i, s in enumerate(sources)}
    results: list[SubjectFacts | None] = [None] * len(sources)
    generator_cache: dict[str, tuple[tuple[Obligation, ...], tuple[Obligation, ...], bool]] = {}
    passed_down: dict[int, tuple[Obligation, ...]] = {}  # parent index -> its obligations, one hop further
    values_cache: dict[Any, dict[str, Any]] = {}
    for index in order:
        source = sources[index]
        subject = f"data_sources[{index}]"
        own, licence_values = licence_facts.of(source, subject)
        # generated_by: the generator's terms travel with its outputs
        generated: list[Obligation] = []
        unresolved: list[str] = []
        for position, gen in enumerate(source.generated_by):
            if gen not in generator_cache:
                generator_cache[gen] = _generator(gen, policies, teacher_by_id)
            travelled, direct, resolved = generator_cache[gen]
            if not resolved:
                unresolved.append(gen)
            generated.extend(travelled)
            if direct:  # a generator named by provider/model: its clauses reach us through this field
                hop = f"{subject}.generated_by[{position}]"
                generated.extend(o.through(hop) for o in direct)
        for parent in source.derived_from:
            parent_index = index_of[parent]
            if parent_index not in passed_down:  # the same for every child of this parent: build once
                parent_facts = results[parent_index]
                assert parent_facts is not None  # topological order
                passed_down[parent_index] = tuple(
                    o.through(parent_facts.subject) for o in parent_facts.obligations if o.category != "scale-threshold"
                )
            generated.extend(passed_down[parent_index])
        obligations = merge(own, generated) if generated else own
        categories = frozenset([o[0] for o in obligations])
        key = categories if categories.isdisjoint(_CLAUSE_DETAILS) else _detailed_key(categories, obligations)
        shared = values_cache.get(key)
        if shared is None:  # sources whose obligations have the same categories (and details) share these facts
            shared = values_cache[key] = _obligation_values(obligations, common)
        values = {
            **common,
            **shared,
            **licence_values,
            "generated": bool(source.generated_by) or source.origin == "generated",
            "unresolved_generators": unresolved,
            "unresolved_text": ", ".join(unresolved),
            "origin": source.origin,
            "confusable": _confusable(source.id, source.licence),
            "label": f"data source '{source.id}' ({source.name})" if source.name else f"data source '{source.id}'",
        }
        results[index] = SubjectFacts(subject, source.id, "data_sources", values, obligations)
    return [r for r in results if r is not None]


class _LicenceFacts:
    """A data source's own licence: its obligations and facts, worked out once per distinct declaration."""

    def __init__(self, resolver: LicenceResolver, inputs: Inputs) -> None:
        self._resolver = resolver
        self._inputs = inputs
        self._cache: dict[tuple[str | None, int, bool], tuple[tuple[Obligation, ...], dict[str, Any]]] = {}

    def of(self, source: DataSource, subject: str) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
        file_match = self._inputs.licence_files.get(source.id)
        document_clauses = self._inputs.terms.get(subject)
        key = (source.licence, id(file_match), bool(source.terms))
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
        status = _licence_status(source.licence, match, unknown_ids, file_match)
        if source.terms and status in ("missing", "unknown"):
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


def _generator(gen: str, policies: PolicySet, teachers: dict[str, SubjectFacts]) -> tuple[tuple[Obligation, ...], tuple[Obligation, ...], bool]:
    """What a generating model's outputs carry: (obligations that already name their path, those that
    still need this source's generated_by field as their hop, whether the generator is known).

    A manifest teacher id, 'provider/model' or a provider; only what flows with outputs is kept.
    """
    if gen in teachers:
        teacher = teachers[gen]
        flowing = tuple(o.through(teacher.subject) for o in teacher.obligations if o.category in FLOWS_WITH_OUTPUTS)
        return flowing, (), teacher.values["provider_known"]
    provider, _, model = gen.partition("/")
    pack = policies.pack_for_teacher(provider, model or None)
    if pack is None:
        return (), (), False
    return (), tuple(o for o in pack_obligations(pack, origin="generator") if o.category in FLOWS_WITH_OUTPUTS), True


def _licence_status(
    declared: str | None, match: LicenceMatch | None, unknown_ids: tuple[str, ...], file_match: LicenceMatch | None
) -> str:
    if match is None:
        return "missing"
    if match.spdx is None:
        return "missing" if not (declared or "").strip() and file_match is None else "unknown"
    if unknown_ids:
        return "unknown"
    if match.method == "fuzzy" and match.confidence < 0.9:
        return "ambiguous"
    if any("version" in p for p in match.problems):
        return "ambiguous"
    return "known"


def _material(index: int, manifest: Manifest, common: dict[str, Any]) -> SubjectFacts:
    item = manifest.copyrighted_material[index]
    jurisdiction = (item.jurisdiction or "").strip().lower()
    values = dict(common)
    values.update(
        {
            "permission": item.permission,
            "tdm_opt_out_respected": str(item.tdm_opt_out_respected).lower(),
            "jurisdiction": item.jurisdiction or "unspecified",
            "jurisdiction_eu": jurisdiction in EU_JURISDICTIONS,
            "jurisdiction_known": bool(jurisdiction),
            "label": f"copyrighted material '{item.id}'" + (f" ({item.description})" if item.description else ""),
            "rights_holder": item.rights_holder or "the rights holder",
        }
    )
    return SubjectFacts(f"copyrighted_material[{index}]", item.id, "copyrighted_material", values)


def _model(manifest: Manifest, share: ModelShare, common: dict[str, Any]) -> SubjectFacts:
    """Facts of the model as a whole: share-alike families, and the duties data passes to it.

    Attribution, naming and use restrictions are owed once by the released model, so they
    are gathered here (one finding listing the sources) rather than repeated per source.
    """
    families, carried = share.families, share.carried
    obligations = tuple(example for _, example, _ in carried.values())
    name = manifest.model.name.lower()
    prefixes = sorted({o.name_prefix for o in obligations if o.category == "naming" and o.name_prefix})
    values = dict(common)
    values.update(
        {
            "sharealike_families": len(families),
            "sharealike_text": _grouped(families),
            "attribution_sources": _count(carried, "attribution"),
            "attribution_text": _grouped_by(carried, "attribution"),
            "use_restriction_sources": _count(carried, "use-restriction"),
            "use_restriction_text": _grouped_by(carried, "use-restriction"),
            "naming_violation": any(not name.startswith(p.lower()) for p in prefixes),
            "name_prefix": " or ".join(f"'{p}'" for p in prefixes),
            "naming_text": _grouped_by(carried, "naming"),
            "label": f"model '{manifest.model.name}'",
        }
    )
    return SubjectFacts("model", manifest.model.name, "model", values, obligations)


def _count(carried: dict, category: str) -> int:
    return len({sid for (cat, _), (_, _, ids) in carried.items() if cat == category for sid in ids})


def _grouped_by(carried: dict, category: str) -> str:
    return _grouped({src: ids for (cat, src), (_, _, ids) in carried.items() if cat == category})


def _grouped(groups: dict[str, Ids], shown: int = 5) -> str:
    """'licence-cc-by: a, b, c and 12 more; licence-mit: d' (a report stays readable at 100,000 sources)."""
    parts = []
    for name, ids in sorted(groups.items()):
        listed = list(ids)
        more = f" and {len(listed) - shown} more" if len(listed) > shown else ""
        parts.append(f"{name}: {', '.join(listed[:shown])}{more}")
    return "; ".join(parts)

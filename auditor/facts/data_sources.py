"""Facts of data sources: the own licence, what generators and derived_from parents pass down."""

from __future__ import annotations

from typing import Any

from auditor.errors import AuditorError
from auditor.facts.common import COMMON, Inputs, SubjectFacts, confusable_text
from auditor.facts.licence import OPEN_STATUSES, LicenceFacts, LicenceResolver
from auditor.facts.obligations import (
    ObligationOrigin,
    CLAUSE_DETAILS, FLOWS_WITH_OUTPUTS, OBLIGATION_FACTS, Obligation, detailed_key, merge, obligation_values, pack_obligations,
    without_exempt,
)
from auditor.manifest import DataSource, Manifest
from auditor.policy import PolicySet
from auditor.facts.known_models import registry_pack
from auditor.facts.registry import REGISTRY_FACTS, KnownSources, empty_values, publisher_provider, rests_on_registry
from auditor.registry.known import Known


# the facts rules may test on data sources
FACTS = COMMON | OBLIGATION_FACTS | {
    "licence_text", "licence", "licence_status", "licence_confidence", "licence_problems", "licence_choice",
    "licence_file_mismatch", "licence_file_spdx", "own_categories", "generated", "unresolved_generators",
    "unresolved_text", "origin", "label", "trained_on", "owned", "base_model", "confusable",
} | REGISTRY_FACTS

# the entry's own field each fact is read from, where one field carries it: a finding resting
# only on such facts cites that field's line (the `licence:` line, not the entry's first line)
FIELD_OF_FACT = {
    "licence_text": "licence", "licence": "licence", "licence_status": "licence", "licence_confidence": "licence",
    "licence_problems": "licence", "licence_choice": "licence", "licence_file_mismatch": "licence_file",
    "licence_file_spdx": "licence_file", "unresolved_generators": "generated_by", "unresolved_text": "generated_by",
    "origin": "origin",
}


def data_source_order(sources: list[DataSource]) -> list[int]:
    """Indexes of data sources, parents before children; a derived_from cycle is an input error."""
    index_of = {s.id: i for i, s in enumerate(sources)}
    state = [0] * len(sources)  # 0 new, 1 on the stack, 2 done
    order: list[int] = []
    for start in range(len(sources)):
        if state[start]:
            continue
        stack: list[tuple[int, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, pos = stack[-1]
            parents = sources[node].derived_from
            if pos < len(parents):
                stack[-1] = (node, pos + 1)
                parent = index_of[parents[pos]]
                if state[parent] == 1:
                    cycle = [sources[n].id for n, _ in stack[[n for n, _ in stack].index(parent):]] + [sources[parent].id]
                    raise AuditorError(
                        f"derived_from forms a cycle: {' -> '.join(cycle)} (lineage must not loop)",
                        field=f"data_sources[{node}].derived_from",
                    )
                if state[parent] == 0:
                    state[parent] = 1
                    stack.append((parent, 0))
            else:
                state[node] = 2
                order.append(node)
                stack.pop()
    return order



def data_source_facts(
    manifest: Manifest, policies: PolicySet, inputs: Inputs, common: dict[str, Any], teachers: list[SubjectFacts], order: list[int],
    exempt: frozenset[str] = frozenset(),
) -> list[SubjectFacts]:
    """Facts of the data sources in ``order`` (parents first), returned in index order."""
    sources = manifest.data_sources
    licence_facts = LicenceFacts(LicenceResolver(policies), inputs)
    teacher_by_id = {t.subject_id: t for t in teachers}
    index_of = {s.id: i for i, s in enumerate(sources)}
    results: list[SubjectFacts | None] = [None] * len(sources)
    generator_cache: dict[str, tuple[tuple[Obligation, ...], tuple[Obligation, ...], bool]] = {}
    passed_down: dict[int, tuple[Obligation, ...]] = {}  # parent index -> its obligations, one hop further
    values_cache: dict[Any, dict[str, Any]] = {}
    # (shared obligation facts, licence facts) -> both merged with the model's: most sources share all three dicts,
    # so each source copies one dict; the two are kept beside the merge, so their ids cannot be reused
    merged_cache: dict[tuple[int, int], tuple[dict[str, Any], dict[str, Any], dict[str, Any]]] = {}
    no_registry = empty_values()
    known_sources = KnownSources(policies, licence_facts.resolver, teacher_by_id, _generator)
    assessed = _copyright_assessed(manifest)
    for index in order:
        source = sources[index]
        subject = f"data_sources[{index}]"
        own, licence_values = licence_facts.of(source, subject)
        known = inputs.known.get(index)
        registry_values = no_registry
        shareable = known is None  # the fact dicts are shared ones, not a registry or copyright variant made for this source
        if known is not None:
            added, registry_values, licence_values = known_sources.of(known, source, licence_values, inputs)
            own = merge(own, added)
        if source.id in assessed and licence_values["licence_status"] in OPEN_STATUSES:
            licence_values = {**licence_values, "licence_status": "copyright-assessed"}
            shareable = False
        # generated_by: the generator's terms travel with its outputs
        generated: list[Obligation] = []
        unresolved: list[str] = []
        publisher = publisher_provider(source, policies) if source.generated_by else None  # read only for generators
        for position, gen in enumerate(source.generated_by):
            if gen not in generator_cache:
                generator_cache[gen] = _generator(gen, policies, teacher_by_id, inputs.generators_known.get(gen))
            travelled, direct, resolved = generator_cache[gen]
            if not resolved:
                unresolved.append(gen)
            if publisher and generator_provider(gen, policies, teacher_by_id) == publisher:
                continue  # the provider published its own outputs: the dataset's licence is its grant
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
        obligations = without_exempt(merge(own, generated) if generated else own, exempt)
        categories = frozenset([o.category for o in obligations])
        key = categories if categories.isdisjoint(CLAUSE_DETAILS) else detailed_key(categories, obligations)
        shared = values_cache.get(key)
        if shared is None:  # sources whose obligations have the same categories (and details) share these facts
            shared = values_cache[key] = obligation_values(obligations, common)
        merged = merged_cache.get((id(shared), id(licence_values))) if shareable else None
        if merged is None or merged[0] is not shared or merged[1] is not licence_values:
            merged = (shared, licence_values, {**common, **shared, **licence_values, **registry_values})
            if shareable:
                merged_cache[(id(shared), id(licence_values))] = merged
        values = {
            **merged[2],
            "generated": bool(source.generated_by) or source.origin == "generated" or registry_values["registry_generated"],
            "unresolved_generators": unresolved,
            "unresolved_text": ", ".join(unresolved),
            "origin": source.origin,
            "confusable": confusable_text(source.id, source.licence),
            "trained_on": source.trained_on,
            "owned": source.owner == "self",
            "base_model": False,
            "label": f"data source '{source.id}' ({source.name})" if source.name else f"data source '{source.id}'",
        }
        results[index] = SubjectFacts(subject, source.id, "data_sources", values, obligations)
    return [r for r in results if r is not None]



def generator_provider(gen: str, policies: PolicySet, teachers: dict[str, SubjectFacts]) -> str | None:
    """The provider id of a generated_by entry: a teacher's provider, or the part before '/'."""
    teacher = teachers.get(gen)
    name = teacher.values["provider"] if teacher is not None else gen.partition("/")[0]
    return policies.resolve_provider(name) or (str(name).lower() if name else None)


def _copyright_assessed(manifest: Manifest) -> frozenset[str]:
    """Data sources whose licence question a copyrighted_material entry with a stated permission answers."""
    return frozenset(
        sid for item in manifest.copyrighted_material if item.permission not in ("none", "unknown") for sid in item.data_sources
    )


def _generator(
    gen: str, policies: PolicySet, teachers: dict[str, SubjectFacts], known: Known | None = None
) -> tuple[tuple[Obligation, ...], tuple[Obligation, ...], bool]:
    """What a generating model's outputs carry: (obligations that already name their path, those that
    still need this source's generated_by field as their hop, whether the generator is known).

    A manifest teacher id, a Hugging Face id the registry knows (``known``: the family's licence
    pack, as for a teacher), 'provider/model' or a provider; only what flows with outputs is kept.
    """
    if gen in teachers:
        teacher = teachers[gen]
        flowing = tuple(o.through(teacher.subject) for o in teacher.obligations if o.category in FLOWS_WITH_OUTPUTS)
        return flowing, (), teacher.values["provider_known"]
    pack = registry_pack(known.licence, known.hf_id, policies) if known is not None else None
    if pack is not None and known is not None:
        entry = known.entry
        obligations = pack_obligations(pack, origin=ObligationOrigin.GENERATOR)
        return (), tuple(rests_on_registry(o, entry.id, known.source_url, entry.uncertain) for o in obligations if o.category in FLOWS_WITH_OUTPUTS), True
    provider, _, model = gen.partition("/")
    pack = policies.pack_for_teacher(provider, model or None)
    if pack is None:
        return (), (), False
    return (), tuple(o for o in pack_obligations(pack, origin=ObligationOrigin.GENERATOR) if o.category in FLOWS_WITH_OUTPUTS), True


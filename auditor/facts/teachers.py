"""Facts of a teacher: its provider's pack, the supplied terms document and the purposes outputs served."""

from __future__ import annotations

from typing import Any

from auditor.errors import AuditorError
from auditor.facts.common import COMMON, Inputs, SubjectFacts, confusable_text
from auditor.facts.known_models import registry_pack
from auditor.facts.obligations import (
    ObligationOrigin,
    DRIFT_CATEGORIES, OBLIGATION_FACTS, Obligation, document_obligations,
    merge, obligation_values, pack_obligations, without_exempt,
)
from auditor.manifest import TRAINING_PURPOSES, Manifest, Teacher
from auditor.policy import Pack, PolicySet
from auditor.policy.history import describe, in_force, not_covered
from auditor.facts.registry import rests_on_registry
from auditor.registry.known import Known, Suggestion


# the facts rules may test on teachers (a rule naming another fact is rejected when rules load)
FACTS = COMMON | OBLIGATION_FACTS | {
    "provider", "provider_known", "pack", "pack_title", "pack_version", "has_document", "purposes",
    "training_use", "evaluation_only", "drift_added", "drift_missing", "label", "purpose_text",
    "terms_uncovered", "terms_uncovered_text", "confusable",
    "registry_id", "registry_name", "registry_licence", "registry_source", "registry_file", "registry_suggestion",
}


def teacher_pack(teacher: Teacher, policies: PolicySet, index: int, known: Known | Suggestion | None = None) -> tuple[Pack | None, Known | None]:
    """(the pack of the teacher's terms, the registry entry it rests on, if any).

    An explicit ``policy`` wins; then a model family recognised by its Hugging Face id (the
    exact weights, size variants included); then the provider/model patterns of the packs;
    then a family recognised only by its name.  A near miss never picks a pack.
    """
    if teacher.policy:
        pack = policies.packs.get(teacher.policy)
        if pack is None:
            raise AuditorError(
                f"unknown policy pack '{teacher.policy}' (see 'audit policies' for the ids)",
                field=f"teachers[{index}].policy",
            )
        return pack, None
    recognised = known if isinstance(known, Known) else None
    by_registry = registry_pack(recognised.licence, recognised.hf_id, policies) if recognised is not None else None
    if recognised is not None and by_registry is not None and recognised.how == "hf-id":
        return by_registry, recognised
    pack = policies.pack_for_teacher(teacher.provider, teacher.model) if teacher.provider else None
    if pack is not None:
        return pack, None
    return by_registry, (recognised if by_registry is not None else None)



def teacher_facts(
    index: int, manifest: Manifest, policies: PolicySet, inputs: Inputs, common: dict[str, Any], exempt: frozenset[str] = frozenset()
) -> SubjectFacts:
    teacher = manifest.teachers[index]
    subject = f"teachers[{index}]"
    known = inputs.teachers_known.get(index)
    pack, registry = teacher_pack(teacher, policies, index, known)
    doc_clauses = inputs.terms.get(subject, ())
    dated = _dated_terms(teacher, pack) if pack is not None and teacher.used is not None else None
    if dated:  # versions may share a section: each version's clause is kept (merge would keep one)
        obligations = without_exempt((*dated[0], *merge(document_obligations(doc_clauses, pack))), exempt)
    else:
        own = pack_obligations(pack, origin=ObligationOrigin.TERMS) if pack else ()
        obligations = without_exempt(merge(own, document_obligations(doc_clauses, pack)), exempt)
    if registry is not None:  # the pack came from the registry: findings citing it say so
        entry = registry.entry
        obligations = tuple(o if o.origin == ObligationOrigin.DOCUMENT else rests_on_registry(o, entry.id, registry.source_url, entry.uncertain) for o in obligations)
    purposes = list(teacher.purpose)
    values = dict(common)
    values.update(obligation_values(obligations, common))
    drift_added: list[str] = []
    drift_missing: list[str] = []
    if pack is not None and doc_clauses:
        doc_cats = {c.category for c in doc_clauses} & DRIFT_CATEGORIES
        pack_cats = pack.categories() & DRIFT_CATEGORIES
        drift_added = sorted(doc_cats - pack_cats)
        drift_missing = sorted(pack_cats - doc_cats)
    provider = teacher.provider or (registry.hf_id.partition("/")[0] if registry is not None and registry.hf_id else None)
    provider_id = policies.resolve_provider(provider)
    values.update(
        {
            "provider": provider,
            "provider_known": provider_id is not None or teacher.policy is not None or registry is not None,
            "confusable": confusable_text(teacher.id, teacher.provider, teacher.model),
            "pack": pack.id if pack else None,
            "pack_title": pack.title if pack else (f"the terms document {teacher.terms}" if teacher.terms else "unknown terms"),
            "pack_version": pack.version if pack else "",
            "terms_uncovered": False,
            "terms_uncovered_text": "",
            "has_document": bool(teacher.terms),
            "purposes": purposes,
            "training_use": bool(set(purposes) & TRAINING_PURPOSES),
            "evaluation_only": set(purposes) == {"evaluation"},
            "drift_added": drift_added,
            "drift_missing": drift_missing,
            "label": f"teacher '{teacher.id}' ({_named(teacher)})",
            "purpose_text": ", ".join(purposes),
            **_registry_values(registry, known if pack is None else None),
        }
    )
    if dated:
        values.update(dated[1])
    return SubjectFacts(subject, teacher.id, "teachers", values, obligations)


def _named(teacher: Teacher) -> str:
    if teacher.provider:
        return f"{teacher.provider}/{teacher.model or '*'}"
    return f"policy {teacher.policy}" if teacher.policy else str(teacher.model)


def _registry_values(registry: Known | None, missed: Known | Suggestion | None) -> dict[str, Any]:
    """The registry entry a teacher's pack rests on, or the near miss shown when no pack applies."""
    values = {"registry_id": "", "registry_name": "", "registry_licence": "", "registry_source": "", "registry_file": "", "registry_suggestion": ""}
    if registry is not None:
        values.update(
            registry_id=registry.entry.id,
            registry_name=registry.entry.display_name,
            registry_licence=registry.licence,
            registry_source=registry.source_url,
            registry_file=registry.file + (" (override)" if registry.override else ""),
        )
    elif isinstance(missed, Suggestion):
        values["registry_suggestion"] = f"{'; '.join(missed.candidates)} ({missed.reason} to '{missed.written}')"
    return values


def _dated_terms(teacher: Teacher, pack: Pack) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
    """The obligations of every version in force while the outputs were made (teachers[].used).

    Each obligation names its version and effective date; when the period is older than every
    known version, the oldest is applied and its clauses say that this is a judgement.
    """
    used = teacher.used
    assert used is not None
    found = in_force(pack, used.start, used.until)
    doubt = not_covered(found, used.start, used.until)
    obligations: list[Obligation] = []
    for version in found.versions:
        source = f"{version.title} version {version.version}, effective {version.effective}"
        for ob in pack_obligations(version, origin=ObligationOrigin.TERMS):
            if doubt and version is found.oldest:
                ob = ob._replace(uncertain=" ".join(filter(None, (ob.uncertain, doubt))))
            obligations.append(ob._replace(source=source))
    title, version_text = describe(found, used.start, used.until)
    values = {
        "pack_title": title,
        "pack_version": version_text,
        "terms_uncovered": found.before_known,
        "terms_uncovered_text": doubt or "",
    }
    return tuple(obligations), values


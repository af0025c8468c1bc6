"""Facts of a teacher: its provider's pack, the supplied terms document and the purposes outputs served."""

from __future__ import annotations

from typing import Any

from auditor.errors import AuditorError
from auditor.facts.common import COMMON, Inputs, SubjectFacts, confusable_text
from auditor.facts.obligations import (
    DRIFT_CATEGORIES, OBLIGATION_FACTS, Obligation, document_obligations,
    merge, obligation_values, pack_obligations, without_exempt,
)
from auditor.manifest import TRAINING_PURPOSES, Manifest, Teacher
from auditor.policy import Pack, PolicySet
from auditor.policy.history import describe, in_force, not_covered


# the facts rules may test on teachers (a rule naming another fact is rejected when rules load)
FACTS = COMMON | OBLIGATION_FACTS | {
    "provider", "provider_known", "pack", "pack_title", "pack_version", "has_document", "purposes",
    "training_use", "evaluation_only", "drift_added", "drift_missing", "label", "purpose_text",
    "terms_uncovered", "terms_uncovered_text", "confusable",
}


def teacher_pack(teacher: Teacher, policies: PolicySet, index: int) -> Pack | None:
    if teacher.policy:
        pack = policies.packs.get(teacher.policy)
        if pack is None:
            raise AuditorError(
                f"unknown policy pack '{teacher.policy}' (see 'audit policies' for the ids)",
                field=f"teachers[{index}].policy",
            )
        return pack
    return policies.pack_for_teacher(teacher.provider, teacher.model)



def teacher_facts(
    index: int, manifest: Manifest, policies: PolicySet, inputs: Inputs, common: dict[str, Any], exempt: frozenset[str] = frozenset()
) -> SubjectFacts:
    teacher = manifest.teachers[index]
    subject = f"teachers[{index}]"
    pack = teacher_pack(teacher, policies, index)
    doc_clauses = inputs.terms.get(subject, ())
    dated = _dated_terms(teacher, pack) if pack is not None and teacher.used is not None else None
    if dated:  # versions may share a section: each version's clause is kept (merge would keep one)
        obligations = without_exempt((*dated[0], *merge(document_obligations(doc_clauses, pack))), exempt)
    else:
        own = pack_obligations(pack, origin="terms") if pack else ()
        obligations = without_exempt(merge(own, document_obligations(doc_clauses, pack)), exempt)
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
    provider_id = policies.resolve_provider(teacher.provider)
    values.update(
        {
            "provider": teacher.provider,
            "provider_known": provider_id is not None or teacher.policy is not None,
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
            "label": f"teacher '{teacher.id}' "
            + (f"({teacher.provider}/{teacher.model or '*'})" if teacher.provider else f"(policy {teacher.policy})"),
            "purpose_text": ", ".join(purposes),
        }
    )
    if dated:
        values.update(dated[1])
    return SubjectFacts(subject, teacher.id, "teachers", values, obligations)


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
        for ob in pack_obligations(version, origin="terms"):
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


"""The model's base weights (``model.base_models``): which licence each carries, and its facts.

A fine-tune or merge is a derivative of its base weights, so the base's licence applies to
the model in full: naming, notices, use restrictions, non-commercial terms, and the
exceptions a licence makes for its own derivatives (Llama 2's 1.b.v).  Base models are
judged as data sources (the same rules on licences apply), under the subject
``model.base_models[N]``.

``base_model_licence`` is the one place a base-model reference becomes a licence pack; the
dataset/model registry feeds it what it recognises (``Inputs.base_licences``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Union

from auditor.facts.common import SubjectFacts
from auditor.facts.known_models import registry_pack
from auditor.facts.licence import LicenceResolver, licence_status
from auditor.facts.obligations import Obligation, ObligationOrigin, obligation_values, pack_obligations, without_exempt
from auditor.facts.registry import empty_values, rests_on_registry
from auditor.manifest import Manifest
from auditor.policy import DoubtReach, Pack, PolicySet
from auditor.registry.known import Known

KnownBase = Union[str, Known]  # what the registry knows of a base model: its entry (or only its licence id)


@dataclass(frozen=True)
class BaseLicence:
    """What a base-model reference resolves to: a model-licence pack, or nothing known."""

    reference: str
    pack: Pack | None
    licence: str | None  # the pack's licence id, for reports
    how: str  # "pack for provider/model" | "registry" | "unknown"
    registry: Known | None = None  # the registry entry the licence rests on


def base_model_licence(reference: str, policies: PolicySet, known: Mapping[str, KnownBase] | None = None) -> BaseLicence:
    """'meta-llama/Llama-2-7b-hf' or 'meta/llama-2-7b' -> the licence pack of those weights.

    ``known`` maps references (lower-cased) to what the registry recognised (its entry, or a
    licence id); it wins over the provider/model patterns.  Only model-licence packs count: a
    provider's API terms say nothing about its open weights.
    """
    found = (known or {}).get(reference.strip().lower())
    entry = found if isinstance(found, Known) else None
    licence_id = entry.licence if entry is not None else found
    if licence_id:
        pack = registry_pack(licence_id, reference, policies)
        return BaseLicence(reference, pack, licence_id, "registry", entry)
    provider, _, model = reference.strip().partition("/")
    pack = policies.pack_for_teacher(provider, model or None)
    if pack is None or pack.kind != "model-licence":
        return BaseLicence(reference, None, None, "unknown")
    licences = pack.applies_to.licences
    return BaseLicence(reference, pack, licences[0] if licences else None, "pack for provider/model")


def base_model_subjects(
    manifest: Manifest, policies: PolicySet, common: dict[str, Any], known: Mapping[str, KnownBase] | None = None
) -> list[SubjectFacts]:
    """One data-source-like subject per base model, carrying every clause of its licence.

    A licence the entry states (a BOM's, a card's) is read as a data source's licence is and
    is the base model's licence; otherwise the registry or the policy packs infer it.
    """
    resolver = LicenceResolver(policies)
    subjects = []
    for index, base in enumerate(manifest.model.base_models):
        found = base_model_licence(base.name, policies, known)
        if base.licence:
            obligations, licence_values = _stated(base.licence, resolver)
            title = found.pack.title if found.pack is not None and found.licence == licence_values["licence"] else None
        else:
            if found.pack is not None:
                obligations = pack_obligations(found.pack, origin=ObligationOrigin.BASE_MODEL, licence=found.licence)
            elif found.how == "registry" and found.licence:  # a licence no pack covers: its own clause categories
                obligations = _stated(found.licence, resolver)[0]
            else:
                obligations = ()
            if found.registry is not None:  # findings citing the base's licence say that it rests on the registry
                entry = found.registry.entry
                obligations = tuple(rests_on_registry(o, entry.id, found.registry.source_url, entry.uncertain) for o in obligations)
            licence_values = _inferred(found)
            title = found.pack.title if found.pack else None
        obligations = tuple(_as_derivative(o) for o in obligations)
        base_packs = frozenset(o.pack.id for o in obligations if o.pack is not None)
        obligations = without_exempt(obligations, base_packs)  # the base's own derivative exceptions cover this model
        values = {
            **common,
            **empty_values(),
            **obligation_values(obligations, common),
            **licence_values,
            "own_categories": sorted({o.category for o in obligations}),
            "generated": False,
            "unresolved_generators": [],
            "unresolved_text": "",
            "origin": None,
            "trained_on": True,
            "owned": False,
            "base_model": True,
            "label": f"base model '{base.name}'" + (f" ({title})" if title else ""),
        }
        subject = f"model.base_models[{index}]"
        # the findings rest on the stated licence: they cite its line (the entry's, if it cannot be found)
        line_at = f"{subject}.licence" if base.licence else None
        subjects.append(SubjectFacts(subject, base.name, "data_sources", values, obligations, line_at=line_at))
    return subjects


def _as_derivative(ob: Obligation) -> Obligation:
    """A doubt about reaching a model through data does not arise for a model built on the weights."""
    if ob.uncertain and ob.pack is not None and any(
        c.uncertain_for == DoubtReach.DATA and c.category == ob.category and c.section == ob.section for c in ob.pack.clauses
    ):
        return ob._replace(uncertain=None)
    return ob


_NO_FILE = {"licence_choice": "", "licence_file_mismatch": False, "licence_file_spdx": ""}


def _inferred(found: BaseLicence) -> dict[str, Any]:
    return {
        **_NO_FILE,
        "licence_text": found.licence or "",
        "licence": found.licence or "unknown",
        "licence_status": "known" if found.pack or found.how == "registry" else "missing",
        "licence_confidence": 0.9 if found.pack else 0.0,
        "licence_problems": "" if found.pack else "no licence pack matches these weights",
    }


def _stated(text: str, resolver: LicenceResolver) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
    match, obligations, choice, unknown = resolver.resolve(text)
    return tuple(o._replace(origin=ObligationOrigin.BASE_MODEL) for o in obligations), {
        **_NO_FILE,
        "licence_text": text,
        "licence": match.spdx or text,
        "licence_status": licence_status(text, match, unknown, None),
        "licence_confidence": round(match.confidence, 2),
        "licence_problems": "; ".join(match.problems) or "no licence pack or licence index entry matched",
        "licence_choice": choice or "",
    }

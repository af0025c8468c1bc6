"""Facts of the model as a whole: share-alike families and the duties data sources pass to it."""

from __future__ import annotations

from typing import Any
from dataclasses import dataclass, field

from auditor.facts.common import COMMON, SubjectFacts
from auditor.facts.obligations import (
    ObligationOrigin,
    Obligation,
)
from auditor.manifest import Manifest


# the facts rules may test on the model
FACTS = COMMON | {
    "sharealike_families", "sharealike_text", "attribution_sources", "attribution_text", "use_restriction_sources",
    "use_restriction_text", "naming_violation", "name_prefix", "naming_text", "label", "attribution_what",
    "use_restriction_what",
}

# obligations that bind the released model once, whichever data sources carry them
MODEL_WIDE = ("attribution", "naming", "use-restriction")



Ids = dict[str, int]  # data source id -> its index, in index order



@dataclass
class ModelShare:
    """What the data sources pass to the model as a whole (share-alike families, model-wide duties)."""

    families: dict[str, Ids] = field(default_factory=dict)  # share-alike family -> its sources
    carried: dict[tuple[str, str], tuple[int, Obligation, Ids]] = field(default_factory=dict)  # (category, source) -> (first index, example, sources)
    bases: int = 0  # the first ``bases`` subjects are base models, the rest data sources



def model_share(sources: list[SubjectFacts], bases: int = 0) -> ModelShare:
    """The share of ``sources`` (the ``bases`` base models first, then every data source, in index order)."""
    share = ModelShare(bases=bases)
    families, carried = share.families, share.carried
    for index, facts in enumerate(sources):
        for ob in facts.obligations:
            if ob.category == "share-alike" and ob.origin == ObligationOrigin.LICENCE:
                family = ob.pack.id if ob.pack else (ob.licence or ob.source)
                families.setdefault(family, {}).setdefault(facts.subject_id, index)
            elif ob.category in MODEL_WIDE:
                key = (ob.category, ob.pack.id if ob.pack else ob.source)
                found = carried.get(key)
                if found is None:
                    found = carried[key] = (index, ob if ob.via else ob.through(facts.subject), {})
                found[2].setdefault(facts.subject_id, index)
    return share



def model_facts(manifest: Manifest, share: ModelShare, common: dict[str, Any]) -> SubjectFacts:
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
            "attribution_what": _what(carried, "attribution", share.bases),
            "use_restriction_what": _what(carried, "use-restriction", share.bases),
            "naming_violation": any(not name.startswith(p.lower()) for p in prefixes),
            "name_prefix": " or ".join(f"'{p}'" for p in prefixes),
            "naming_text": _grouped_by(carried, "naming"),
            "label": f"model '{manifest.model.name}'",
        }
    )
    return SubjectFacts("model", manifest.model.name, "model", values, obligations)



def _count(carried: dict, category: str) -> int:
    return len({sid for (cat, _), (_, _, ids) in carried.items() if cat == category for sid in ids})



def _what(carried: dict, category: str, bases: int) -> str:
    """'1 base model and 2 data sources': what carries a category, in words."""
    indices = {index for (cat, _), (_, _, ids) in carried.items() if cat == category for index in ids.values()}
    counts = ((sum(1 for i in indices if i < bases), "base model"), (sum(1 for i in indices if i >= bases), "data source"))
    return " and ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in counts if n) or "nothing"


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


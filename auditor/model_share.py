"""What the data sources pass to the model as a whole: share-alike families and model-wide duties."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.facts import Obligation, SubjectFacts

# obligations that bind the released model once, whichever data sources carry them
MODEL_WIDE = ("attribution", "naming", "use-restriction")


Ids = dict[str, int]  # data source id -> its index, in index order


@dataclass
class ModelShare:
    """What the data sources pass to the model as a whole (share-alike families, model-wide duties)."""

    families: dict[str, Ids] = field(default_factory=dict)  # share-alike family -> its sources
    carried: dict[tuple[str, str], tuple[int, Obligation, Ids]] = field(default_factory=dict)  # (category, source) -> (first index, example, sources)


def model_share(sources: list[SubjectFacts]) -> ModelShare:
    """The share of ``sources`` (every data source, in index order)."""
    share = ModelShare()
    families, carried = share.families, share.carried
    for index, facts in enumerate(sources):
        for ob in facts.obligations:
            if ob.category == "share-alike" and ob.origin == "licence":
                family = ob.pack.id if ob.pack else (ob.licence or ob.source)
                families.setdefault(family, {}).setdefault(facts.subject_id, index)
            elif ob.category in MODEL_WIDE:
                key = (ob.category, ob.pack.id if ob.pack else ob.source)
                found = carried.get(key)
                if found is None:
                    found = carried[key] = (index, ob if ob.via else ob.through(facts.subject), {})
                found[2].setdefault(facts.subject_id, index)
    return share

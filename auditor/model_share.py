"""What the data sources pass to the model as a whole, gathered per lineage group and joined.

Two processes can each build the facts of one group of data sources closed under
derived_from (``lineage_groups``); each gathers its group's share (``model_share``)
and ``ModelShare.joined`` merges them by data source index, so the model's facts
list sources exactly as one pass over the whole manifest does.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Callable, Iterator, Mapping

from auditor.facts import Obligation, SubjectFacts, obligation_from_plain, obligation_to_plain
from auditor.manifest import DataSource
from auditor.policy import Pack

# obligations that bind the released model once, whichever data sources carry them
MODEL_WIDE = ("attribution", "naming", "use-restriction")


Ids = dict[str, int]  # data source id -> its index, in index order


@dataclass
class ModelShare:
    """What a group of data sources passes to the model as a whole (share-alike families, model-wide duties).

    Two processes each gather the share of their own group of sources; ``joined``
    merges two by data source index into what one pass over all of them gathers.
    """

    families: dict[str, Ids] = field(default_factory=dict)  # share-alike family -> its sources
    carried: dict[tuple[str, str], tuple[int, Obligation, Ids]] = field(default_factory=dict)  # (category, source) -> (first index, example, sources)

    def joined(self, other: ModelShare) -> ModelShare:
        families = {family: _by_index(ids, more) for family, ids, more in _merged(self.families, other.families, _first)}
        carried = {
            key: (first, example, _by_index(ids, more[2] if more else None))
            for key, (first, example, ids), more in _merged(self.carried, other.carried, itemgetter(0))
        }
        return ModelShare(families, carried)

    def to_plain(self) -> tuple:
        """Plain data that marshal carries between processes (packs by id)."""
        return self.families, [(key, first, obligation_to_plain(example), ids) for key, (first, example, ids) in self.carried.items()]

    @classmethod
    def from_plain(cls, plain: tuple, packs: Mapping[str, Pack]) -> ModelShare:
        families, carried = plain
        return cls(families, {tuple(key): (first, obligation_from_plain(example, packs), ids) for key, first, example, ids in carried})


def model_share(indices: list[int], sources: list[SubjectFacts]) -> ModelShare:
    """The share of ``sources`` (at ``indices``, in index order)."""
    share = ModelShare()
    families, carried = share.families, share.carried
    for index, facts in zip(indices, sources, strict=True):
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


def _first(ids: Ids) -> int:
    return next(iter(ids.values()))


def _merged(mine: dict, theirs: dict, first: Callable[[Any], int]) -> Iterator[tuple[Any, Any, Any]]:
    """(key, value, the other side's value or None), keys in order of first appearance by index."""
    done = set()
    for key, value in heapq.merge(mine.items(), theirs.items(), key=lambda item: first(item[1])):
        if key not in done:
            done.add(key)
            yield key, value, theirs.get(key) if mine.get(key) is value else mine.get(key)


def _by_index(ids: Ids, more: Ids | None) -> Ids:
    return ids if not more else dict(heapq.merge(ids.items(), more.items(), key=itemgetter(1)))


def lineage_groups(sources: list[DataSource]) -> list[list[int]]:
    """Data source indexes grouped by derived_from connection (union-find), each group in index order."""
    index_of = {s.id: i for i, s in enumerate(sources)}
    root = list(range(len(sources)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for index, source in enumerate(sources):
        for parent in source.derived_from:
            a, b = find(index), find(index_of[parent])
            if a != b:
                root[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for index in range(len(sources)):
        groups.setdefault(find(index), []).append(index)
    return list(groups.values())

"""What a finding cites from a subject's obligations: evidence items, sources and doubts.

Built once per distinct set of cited obligations and shared by every finding that cites
the same set, because a large manifest repeats a few lineage paths many thousand times.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import itemgetter

from auditor.facts import Obligation, ObligationOrigin
from auditor.findings import Evidence


@dataclass(frozen=True)
class Citation:
    """What a set of cited obligations contributes to a finding, worked out once per distinct set."""

    obligations: tuple[Obligation, ...]  # kept so their ids (the cache key) cannot be reused
    evidence: tuple[Evidence, ...]
    categories: str
    sources: str
    doubts: str
    registry: str = ""  # the registry entries (and their sources) cited obligations rest on
    settled: bool = False  # some cited obligation needs no judgement: the finding holds on it alone
    field: str | None = None  # "licence" when every cited obligation comes from the entry's own stated licence


NOTHING_CITED = Citation((), (), "none", "none", "")


class Citations:
    """What each rule cites from a subject's obligations, shared between findings that cite the same.

    Two levels: subjects often share one obligations tuple (a rule's answer for it is
    kept with the tuple, which keeps its id its own), and different tuples often hold
    the same cited obligations (one Citation per distinct set).  Each obligation's
    evidence item is made once, however many sets cite it.
    """

    def __init__(self) -> None:
        self._by_tuple: dict[tuple[int, int], tuple[tuple[Obligation, ...], Citation]] = {}
        self._by_cited: dict[tuple[int, ...], Citation] = {}
        self._items: dict[int, tuple[Obligation, tuple, Evidence]] = {}  # id -> (obligation kept alive, order, item)

    def of(self, cites: frozenset[str], obligations: tuple[Obligation, ...]) -> Citation:
        shared = self._by_tuple.get((id(cites), id(obligations)))
        if shared is not None and shared[0] is obligations:
            return shared[1]
        cited = [o for o in obligations if o.category in cites]
        key = tuple(map(id, cited))
        found = self._by_cited.get(key)
        if found is None:
            found = self._by_cited[key] = self._cite(cited) if cited else NOTHING_CITED
        self._by_tuple[(id(cites), id(obligations))] = (obligations, found)
        return found

    def _cite(self, cited: list[Obligation]) -> Citation:
        return Citation(
            tuple(cited),
            self._evidence(cited),
            ", ".join(sorted({o.category for o in cited})),
            "; ".join(sorted({source_text(o) for o in cited})),
            " ".join(sorted({o.uncertain for o in cited if o.uncertain})),
            "; ".join(sorted({f"{o.registry} ({o.registry_url})" for o in cited if o.registry})),
            any(not o.uncertain for o in cited),
            "licence" if all(o.origin == ObligationOrigin.LICENCE and not o.via and not o.registry for o in cited) else None,
        )

    def _evidence(self, cited: list[Obligation]) -> tuple[Evidence, ...]:
        """Evidence in a stable order, without repeats of the same cited place."""
        items = []
        for ob in cited:
            found = self._items.get(id(ob))
            if found is None:
                found = self._items[id(ob)] = (ob, _evidence_order(ob), _evidence_item(ob))
            items.append(found)
        evidence: list[Evidence] = []
        seen: set[tuple] = set()
        for _, _, item in sorted(items, key=_BY_ORDER):
            key = (item.policy, item.document, item.section, item.quote, item.subject, item.registry)
            if key not in seen:
                seen.add(key)
                evidence.append(item)
        return tuple(evidence)


_BY_ORDER = itemgetter(1)


def source_text(ob: Obligation) -> str:
    return ob.source + (" via " + " <- ".join(ob.via) if ob.via else "")


def _evidence_item(ob: Obligation) -> Evidence:
    """Evidence.subject names where an obligation came from; None when it is the entry's own."""
    return Evidence(
        policy=ob.pack.id if ob.pack else None,
        document=ob.document,
        section=ob.section,
        page=ob.page,
        quote=ob.quote,
        subject=ob.via[-1] if ob.via else None,
        note=_note(ob),
        registry=ob.registry,
        url=ob.registry_url,
    )


def _evidence_order(ob: Obligation) -> tuple:
    return (ob.origin != ObligationOrigin.DOCUMENT, ob.category, ob.pack.id if ob.pack else "", ob.document or "", ob.section or "", ob.via)


def _note(ob: Obligation) -> str:
    note = f"{ob.category} ({ob.source}"
    if ob.pack is not None:
        note += f", pack {ob.pack.id} version {ob.pack.version}"
    note += ")"
    if ob.via:
        note += "; reached this entry through " + " <- ".join(ob.via)
    if ob.registry:
        note += f"; from registry entry {ob.registry}"
    return note

"""Turn a manifest (plus parsed documents) into facts the rules can test.

This is where lineage lives: a data source carries the obligations of its own
licence, of the models that generated it, and of every source it derives from,
transitively.  Pure: everything read from disk arrives in ``Inputs``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, NamedTuple

from auditor.errors import AuditorError
from auditor.licences import LicenceMatch, expression_branches, fallback_categories, identify
from auditor.manifest import DataSource, Manifest, Teacher
from auditor.policy import BAN_CATEGORIES, Pack, PolicySet

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
# clause categories that travel with generated data (the licensee-level ones stay with the teacher)
FLOWS_WITH_OUTPUTS = frozenset(
    {"competing-models", "model-training-ban", "improve-other-models", "distillation-permitted",
     "non-commercial", "research-only", "use-restriction", "attribution", "naming"}
)
# categories compared between a supplied document and its pack (terms drift)
DRIFT_CATEGORIES = BAN_CATEGORIES | {"distillation-permitted", "non-commercial", "research-only", "naming", "scale-threshold"}


MAX_VIA = 8  # hops kept in Obligation.via: the nearest ones and the origin
ELIDED_HOPS = "..."  # stands for the hops left out of a long via path
MAX_ORIGINS = 5  # origins kept per clause: a chain of 3,000 CC-BY-SA sources would otherwise carry 3,000 copies


@dataclass(frozen=True)
class DocClause:
    """A clause detected in a supplied terms document, reduced to what rules cite."""

    category: str
    section: str | None
    page: int | None
    quote: str
    document: str
    confidence: float = 1.0


@dataclass(frozen=True)
class Inputs:
    """What the CLI read from disk for the engine: parsed terms and identified licence files."""

    terms: Mapping[str, tuple[DocClause, ...]] = field(default_factory=dict)  # subject -> clauses
    licence_files: Mapping[str, LicenceMatch] = field(default_factory=dict)  # data source id -> match


class Obligation(NamedTuple):
    """One clause that applies to a subject, and how it got there.

    A NamedTuple rather than a frozen dataclass: lineage copies these for every hop, and
    a tuple is built several times faster (100,000-source manifests make millions).
    """

    category: str
    origin: str  # licence | terms | generator | document
    source: str  # what imposes it, in words: "licence CC-BY-NC-4.0", "OpenAI Terms of Use"
    pack: Pack | None = None
    section: str | None = None
    quote: str | None = None
    document: str | None = None
    page: int | None = None
    via: tuple[str, ...] = ()  # manifest paths the obligation travelled through
    uncertain: str | None = None
    threshold: int | None = None
    name_prefix: str | None = None
    licence: str | None = None  # the licence id it comes from, for licence obligations

    def through(self, hop: str) -> "Obligation":
        """The same obligation seen one lineage step further (hop: where it came from).

        A long derived_from chain keeps the nearest hops and the origin, with an ellipsis
        between them, so a 10,000-step chain costs no more than a short one.
        """
        fields = list(self)
        via = (hop, *self.via)
        fields[8] = via if len(via) <= MAX_VIA else (*via[: MAX_VIA - 2], ELIDED_HOPS, via[-1])
        return tuple.__new__(Obligation, fields)


@dataclass
class SubjectFacts:
    subject: str  # "data_sources[3]"
    subject_id: str
    kind: str  # teachers | data_sources | copyrighted_material | model
    values: dict[str, Any]
    obligations: tuple[Obligation, ...] = ()
    words: dict[str, str] = field(default_factory=dict)  # facts rendered for rule texts, filled on demand


def model_values(manifest: Manifest) -> dict[str, Any]:
    m = manifest.model
    return {
        "model.name": m.name,
        "model.type": m.type,
        "model.use": m.use,
        "model.release": m.release,
        "model.released": m.release in ("open-weights", "api"),
        "model.commercial": m.use == "commercial",
        "model.monthly_active_users": m.monthly_active_users,
    }


# origins through which only outputs reach the model: clauses scoped to the weights stay behind
OUTPUT_ORIGINS = frozenset({"terms", "generator"})


def pack_obligations(pack: Pack, *, origin: str, licence: str | None = None) -> tuple[Obligation, ...]:
    """The clauses of a pack that bind the model (service-only clauses are left out, and
    weights-only clauses when only outputs were used)."""
    source = f"licence {licence}" if licence else pack.title
    kept = ("outputs",) if origin in OUTPUT_ORIGINS else ("outputs", "weights")
    return tuple(
        Obligation(c.category, origin, source, pack, c.section, c.summary, None, None, (), c.uncertain, c.threshold, c.name_prefix, licence)
        for c in pack.clauses
        if c.scope in kept
    )


def without_exempt(obligations: tuple[Obligation, ...], base_packs: frozenset[str]) -> tuple[Obligation, ...]:
    """Drop clauses that except derivatives of a model this one is fine-tuned from."""
    if not base_packs:
        return obligations
    return tuple(o for o in obligations if not (o.pack is not None and o.pack.id in base_packs and _exempt(o)))


def _exempt(ob: Obligation) -> bool:
    return any(c.derivatives_exempt and c.category == ob.category and c.section == ob.section for c in ob.pack.clauses)  # type: ignore[union-attr]


def document_obligations(clauses: Iterable[DocClause], pack: Pack | None) -> tuple[Obligation, ...]:
    return tuple(
        Obligation(c.category, "document", c.document, pack, c.section, c.quote, c.document, c.page)
        for c in clauses
    )


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
                found = self._licence_obligations(licence_id)
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
            return pack_obligations(pack, origin="licence", licence=licence_id)
        categories = fallback_categories(licence_id)
        if categories is None:
            return None
        return tuple(
            Obligation(c, "licence", f"licence {licence_id}", None, None,
                       f"{licence_id} is in a licence family that carries '{c}' (ScanCode licence index)", licence=licence_id)
            for c in sorted(categories)
        )


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


def merge(*groups: Iterable[Obligation]) -> tuple[Obligation, ...]:
    """Obligations without repeats: the same clause from the same origin counts once.

    The clause is (category, pack id or source, section, document), read by position:
    lineage merges millions of obligations on a large manifest.  A clause is kept from
    at most MAX_ORIGINS origins (the first met: the entry's own, then its generators,
    then its parents in order), which bounds what long or wide lineage carries.
    """
    seen: dict[tuple, Obligation] = {}
    origins: dict[tuple, int] = {}
    for group in groups:
        for ob in group:
            pack = ob[3]
            clause = (ob[0], pack.id if pack is not None else ob[2], ob[4], ob[6])
            key = (clause, ob[8][-1:])
            if key not in seen:
                count = origins.get(clause, 0)
                if count < MAX_ORIGINS:
                    origins[clause] = count + 1
                    seen[key] = ob
    return tuple(seen.values())

"""Obligations: the clauses that bind a subject, and how lineage carries and merges them."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple

from auditor.clauses import categories as C
from auditor.policy import Pack, Scope

if TYPE_CHECKING:  # pragma: no cover
    from auditor.facts.common import DocClause

# clause categories that travel with generated data (the licensee-level ones stay with the teacher)
FLOWS_WITH_OUTPUTS = frozenset(
    {"competing-models", "model-training-ban", "improve-other-models", "distillation-permitted",
     "non-commercial", "research-only", "use-restriction", "attribution", "naming"}
)


# categories compared between a supplied document and its pack (terms drift)
DRIFT_CATEGORIES = C.BANS | {C.DISTILLATION_PERMITTED, C.NON_COMMERCIAL, C.RESEARCH_ONLY, C.NAMING, C.SCALE_THRESHOLD}


MAX_VIA = 8  # hops kept in Obligation.via: the nearest ones and the origin


ELIDED_HOPS = "..."  # stands for the hops left out of a long via path


MAX_ORIGINS = 5  # origins kept per clause: a chain of 3,000 CC-BY-SA sources would otherwise carry 3,000 copies



class ObligationOrigin(StrEnum):
    """How an obligation reaches a subject: what imposes it."""

    LICENCE = "licence"  # the entry's licence (stated, from its licence file, or the registry's)
    TERMS = "terms"  # a teacher's provider terms
    GENERATOR = "generator"  # the terms of a model that generated the data
    DOCUMENT = "document"  # a terms or licence document the team supplied
    BASE_MODEL = "base-model"  # the licence of weights this model was fine-tuned from


class Obligation(NamedTuple):
    """One clause that applies to a subject, and how it got there.

    A NamedTuple rather than a frozen dataclass: lineage copies these for every hop, and
    a tuple is built several times faster (100,000-source manifests make millions).
    """

    category: str
    origin: ObligationOrigin
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
    registry: str | None = None  # the registry entry it rests on (facts/registry.py)
    registry_url: str | None = None  # the source that entry rests on

    def through(self, hop: str) -> "Obligation":
        """The same obligation seen one lineage step further (hop: where it came from).

        A long derived_from chain keeps the nearest hops and the origin, with an ellipsis
        between them, so a 10,000-step chain costs no more than a short one.
        """
        via = (hop, *self.via)
        return self._replace(via=via if len(via) <= MAX_VIA else (*via[: MAX_VIA - 2], ELIDED_HOPS, via[-1]))



# origins through which only outputs reach the model: clauses scoped to the weights stay behind
OUTPUT_ORIGINS = frozenset({ObligationOrigin.TERMS, ObligationOrigin.GENERATOR})


def pack_obligations(pack: Pack, *, origin: ObligationOrigin, licence: str | None = None) -> tuple[Obligation, ...]:
    """The clauses of a pack that bind the model (service-only clauses are left out, and
    weights-only clauses when only outputs were used)."""
    source = f"licence {licence}" if licence else pack.title
    kept = (Scope.OUTPUTS,) if origin in OUTPUT_ORIGINS else (Scope.OUTPUTS, Scope.WEIGHTS)
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
            pack = ob.pack
            clause = (ob.category, pack.id if pack is not None else ob.source, ob.section, ob.document)
            key = (clause, ob.via[-1:])
            if key not in seen:
                count = origins.get(clause, 0)
                if count < MAX_ORIGINS:
                    origins[clause] = count + 1
                    seen[key] = ob
    return tuple(seen.values())


def document_obligations(clauses: Iterable[DocClause], pack: Pack | None) -> tuple[Obligation, ...]:
    return tuple(
        Obligation(c.category, ObligationOrigin.DOCUMENT, c.document, pack, c.section, c.quote, c.document, c.page)
        for c in clauses
    )



OBLIGATION_FACTS = frozenset(
    {"categories", "ban", "ban_only_competing", "permitted", "naming_violation", "name_prefix", "threshold", "mau_exceeds", "mau_unknown"}
)



# categories whose facts read more of a clause than its category (the naming prefix, the threshold)
CLAUSE_DETAILS = frozenset({"naming", "scale-threshold"})



def detailed_key(categories: frozenset[str], obligations: tuple[Obligation, ...]) -> tuple:
    """What obligation_values reads when a naming or threshold clause is among the categories."""
    return (
        categories,
        frozenset(o.name_prefix for o in obligations if o.category == "naming"),
        frozenset(o.threshold for o in obligations if o.category == "scale-threshold"),
    )



def obligation_values(obligations: tuple[Obligation, ...], common: dict[str, Any]) -> dict[str, Any]:
    """Facts every obligation-carrying subject shares: a function of the categories but for CLAUSE_DETAILS."""
    categories = sorted({o.category for o in obligations})
    bans = {o.category for o in obligations if o.category in C.BANS}
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


"""Clause-level difference between two versions of a terms document.

Clauses are paired within a category by text similarity (rapidfuzz), best pairs
first, so a reworded ban shows as *changed* rather than removed plus added.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.clauses.model import Clause

SAME = 97.0  # at or above: unchanged (whitespace, punctuation)
RELATED = 55.0  # at or above: the same clause, reworded
SAME_SECTION = 25.0  # enough when both sit in the same section (a rewritten ban stays a ban)


@dataclass(frozen=True)
class Change:
    kind: str  # "added" | "removed" | "changed"
    category: str
    old: Clause | None
    new: Clause | None
    similarity: float

    def to_dict(self) -> dict:
        return {
            "change": self.kind,
            "category": self.category,
            "similarity": round(self.similarity / 100, 2),
            "old": self.old.to_dict() if self.old else None,
            "new": self.new.to_dict() if self.new else None,
        }


def diff_clauses(old: list[Clause], new: list[Clause]) -> list[Change]:
    from rapidfuzz import fuzz

    changes: list[Change] = []
    categories = sorted({c.category for c in old} | {c.category for c in new})
    for category in categories:
        before = [c for c in old if c.category == category]
        after = [c for c in new if c.category == category]
        scored = sorted(
            ((fuzz.token_sort_ratio(_norm(a.text), _norm(b.text)), i, j) for i, a in enumerate(before) for j, b in enumerate(after)),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        used_old: set[int] = set()
        used_new: set[int] = set()
        for score, i, j in scored:
            if i in used_old or j in used_new:
                continue
            if score < RELATED and not (score >= SAME_SECTION and before[i].section == after[j].section):
                continue
            used_old.add(i)
            used_new.add(j)
            if score < SAME:
                changes.append(Change("changed", category, before[i], after[j], score))
        changes += [Change("removed", category, c, None, 0.0) for i, c in enumerate(before) if i not in used_old]
        changes += [Change("added", category, None, c, 0.0) for j, c in enumerate(after) if j not in used_new]
    order = {"removed": 0, "added": 1, "changed": 2}
    changes.sort(key=lambda ch: (order[ch.kind], ch.category, (ch.new or ch.old).start))  # type: ignore[union-attr]
    return changes


def _norm(text: str) -> str:
    return " ".join(text.lower().split())

"""Clause-level difference between two versions of a terms document.

Clauses are paired within a category: equal texts first, then by text similarity
(rapidfuzz), best pairs first, so a reworded ban shows as *changed* rather than removed
plus added.  Similarity is measured only between clauses near each other (counted from
the last equal pair above), since versions of terms keep their order: the cost grows
with the number of clauses, not with its square.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from auditor.clauses.model import Clause

SAME = 97.0  # at or above: unchanged (whitespace, punctuation)
RELATED = 55.0  # at or above: the same clause, reworded
SAME_SECTION = 25.0  # enough when both sit in the same section (a rewritten ban stays a ban)
WINDOW = 50  # an unpaired clause is compared with this many clauses either side of where it should be


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
    """Pair clauses category by category: equal texts first, then the most similar pairs among
    clauses near each other, so two versions of 3,000 clauses cost seconds, not every pair."""
    changes: list[Change] = []
    categories = sorted({c.category for c in old} | {c.category for c in new})
    for category in categories:
        before = sorted((c for c in old if c.category == category), key=lambda c: c.start)
        after = sorted((c for c in new if c.category == category), key=lambda c: c.start)
        pairs = _pair(before, after)
        for i, j, score in pairs:
            if score < SAME:
                changes.append(Change("changed", category, before[i], after[j], score))
        used_old = {i for i, _, _ in pairs}
        used_new = {j for _, j, _ in pairs}
        changes += [Change("removed", category, c, None, 0.0) for i, c in enumerate(before) if i not in used_old]
        changes += [Change("added", category, None, c, 0.0) for j, c in enumerate(after) if j not in used_new]
    order = {"removed": 0, "added": 1, "changed": 2}
    changes.sort(key=lambda ch: (order[ch.kind], ch.category, (ch.new or ch.old).start))  # type: ignore[union-attr]
    return changes


def _pair(before: list[Clause], after: list[Clause]) -> list[tuple[int, int, float]]:
    """(old index, new index, similarity) of every pairing, each clause in at most one."""
    from rapidfuzz import fuzz

    texts_old = [_norm(c.text) for c in before]
    texts_new = [_norm(c.text) for c in after]
    pairs: list[tuple[int, int, float]] = []
    waiting: dict[str, deque[int]] = {}
    for j, text in enumerate(texts_new):
        waiting.setdefault(text, deque()).append(j)
    partner: dict[int, int] = {}
    for i, text in enumerate(texts_old):
        if waiting.get(text):
            partner[i] = waiting[text].popleft()
            pairs.append((i, partner[i], 100.0))
    used_new = set(partner.values())
    sorted_old = [_sorted_tokens(t) for t in texts_old]
    sorted_new = [_sorted_tokens(t) for t in texts_new]
    scored: list[tuple[float, int, int]] = []
    for i, expected in _expected_positions(len(before), len(after), partner):
        near: set[int] = set()
        for guess in expected:
            near.update(range(max(0, guess - WINDOW), min(len(after), guess + WINDOW + 1)))
        for j in sorted(near - used_new):
            # token_sort_ratio is ratio() of the sorted tokens: sorted once per clause here
            score = fuzz.ratio(sorted_old[i], sorted_new[j], score_cutoff=SAME_SECTION)
            if score >= RELATED or (score >= SAME_SECTION and before[i].section == after[j].section):
                scored.append((score, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old = set(partner)
    for score, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, score))
    return pairs


def _expected_positions(count_old: int, count_new: int, partner: dict[int, int]) -> list[tuple[int, tuple[int, ...]]]:
    """For each unpaired old clause, where it should sit in the new list: counted from the equal
    pairs just above and just below it (clauses keep their order around them), else in proportion."""
    below: list[tuple[int, int] | None] = [None] * count_old
    anchor: tuple[int, int] | None = None
    for i in range(count_old - 1, -1, -1):
        if i in partner:
            anchor = (i, partner[i])
        below[i] = anchor
    out: list[tuple[int, tuple[int, ...]]] = []
    above: tuple[int, int] | None = None
    for i in range(count_old):
        if i in partner:
            above = (i, partner[i])
            continue
        guesses = [a[1] + (i - a[0]) for a in (above, below[i]) if a is not None]
        out.append((i, tuple(guesses) or (round(i * count_new / max(count_old, 1)),)))
    return out


def _sorted_tokens(text: str) -> str:
    return " ".join(sorted(text.split()))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())

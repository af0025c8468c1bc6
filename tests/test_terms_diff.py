"""``diff_clauses`` on long documents: equal texts pair first, reworded clauses pair with their
neighbours, and 3,000 against 3,000 clauses is not nine million comparisons."""

from __future__ import annotations

import resource

from auditor.clauses.diff import diff_clauses
from auditor.clauses.model import Clause

WORDS = "data model output service licence train build compete research share notice user provider".split()


def clause(index: int, text: str, category: str = "use-restriction", section: str | None = None) -> Clause:
    return Clause("terms.md", category, section or f"{index // 10}", None, index * 100, index * 100 + len(text), text, 0.9)


def distinct(index: int) -> str:
    """A sentence that shares few words with its neighbours."""
    words = [WORDS[(index * 7 + k * (index % 5 + 1)) % len(WORDS)] for k in range(6)]
    return f"Clause {index}: you may not {' '.join(words)} number {index * 7919 % 100003}."


def kinds(changes) -> dict[str, int]:
    out: dict[str, int] = {}
    for change in changes:
        out[change.kind] = out.get(change.kind, 0) + 1
    return out


def test_small_diff_pairs_reworded_and_equal_clauses() -> None:
    old = [clause(0, "You may not use outputs to develop competing models."), clause(1, "Attribution is required.")]
    new = [
        clause(0, "Customers may not use outputs to develop models that compete with us."),
        clause(1, "Attribution is  required."),
        clause(2, "No scraping.", category="no-scraping"),
    ]
    changes = diff_clauses(old, new)
    assert [(c.kind, c.category) for c in changes] == [("added", "no-scraping"), ("changed", "use-restriction")]
    assert changes[1].old is old[0] and changes[1].new is new[0]


def test_three_thousand_clauses_pair_by_position_in_bounded_memory() -> None:
    old = [clause(i, distinct(i)) for i in range(3_000)]
    inserted = [clause(-200 + k, f"A new opening rule {k} about something else entirely.") for k in range(200)]
    new = inserted + [
        clause(i, distinct(i).replace("you may not", "customers must not") if i % 100 == 0 else distinct(i))
        for i in range(3_000)
        if i % 500 != 7
    ]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    changes = diff_clauses(old, new)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert kinds(changes) == {"added": 200, "removed": 6, "changed": 30}
    changed = [c for c in changes if c.kind == "changed"]
    assert all(c.old.start == c.new.start for c in changed)  # each rewording found its own original
    assert grown_kib < 200_000  # every pair scored and kept would take gigabytes

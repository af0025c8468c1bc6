"""One task's work, the function every engine runs: read, prefilter, confirm, tally.

The result is a small summary that merges exactly across tasks (counts, sums, the
first examples of each kind in row order), so a file gives the same report however
it was split and whichever engine ran the parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditor.scan.evidence import Hit, confirm, speaks
from auditor.scan.patterns import load_traces
from auditor.scan.prefilter import default_prefilter
from auditor.scan.readers import READERS, Task
from auditor.scan.records import text_fields

EXAMPLES_PER_KIND = 3  # examples kept per (provider, family): the report shows the first of each
ERRORS_KEPT = 20


@dataclass
class Example:
    row: int  # 1-based within the task until merged, then within the file
    field: str
    hit: Hit


@dataclass
class TaskResult:
    """What one task found; ``merge`` adds another part of the same file."""

    file: int
    part: int
    rows: int = 0
    rows_with_traces: int = 0
    provider_rows: dict[str, int] = field(default_factory=dict)
    provider_score: dict[str, float] = field(default_factory=dict)
    generic_rows: int = 0
    generic_score: float = 0.0
    examples: dict[str, list[Example]] = field(default_factory=dict)
    identities: dict[tuple[str, str], int] = field(default_factory=dict)
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    error_count: int = 0
    failed: bool = False  # nothing of this task could be read

    def merge(self, later: "TaskResult") -> None:
        """Append a later part of the same file (its rows follow this one's)."""
        offset = self.rows
        self.rows += later.rows
        self.rows_with_traces += later.rows_with_traces
        for key, value in later.provider_rows.items():
            self.provider_rows[key] = self.provider_rows.get(key, 0) + value
        for key, score in later.provider_score.items():
            self.provider_score[key] = self.provider_score.get(key, 0.0) + score
        self.generic_rows += later.generic_rows
        self.generic_score += later.generic_score
        for kind, examples in later.examples.items():
            kept = self.examples.setdefault(kind, [])
            for example in examples[: EXAMPLES_PER_KIND - len(kept)]:
                kept.append(Example(example.row + offset, example.field, example.hit))
        for key, count in later.identities.items():
            self.identities[key] = self.identities.get(key, 0) + count
        for row, message in later.errors:
            if len(self.errors) < ERRORS_KEPT:
                self.errors.append((None if row is None else row + offset, message))
        self.error_count += later.error_count
        self.failed = self.failed and later.failed


class _Tally:
    """The sink a reader writes into."""

    def __init__(self, result: TaskResult, fields: frozenset[str] | None) -> None:
        self.result, self.fields = result, fields
        self.traces, self.prefilter = load_traces(), default_prefilter()

    def rows(self, count: int) -> None:
        self.result.rows += count

    def error(self, row: int | None, message: str) -> None:
        self.result.error_count += 1
        if len(self.result.errors) < ERRORS_KEPT:
            self.result.errors.append((row, message))

    def row(self, row: int, value: Any) -> None:
        best: dict[str | None, float] = {}
        found: list[tuple[str, Hit]] = []
        named: set[tuple[str, str]] = set()
        for path, role, text in text_fields(value, self.fields):
            if not speaks(path, role):
                continue
            candidates = self.prefilter.text_candidates(text)
            if not candidates:
                continue
            hits, identities = confirm(text, candidates, self.traces)
            named.update(identities)
            for hit in hits:
                found.append((path, hit))
                best[hit.provider] = max(best.get(hit.provider, 0.0), hit.weight)
        result = self.result
        for key in named:
            result.identities[key] = result.identities.get(key, 0) + 1
        if not found:
            return
        result.rows_with_traces += 1
        for provider, weight in best.items():
            if provider is None:
                if len(best) == 1:  # generic evidence counts only where nothing names a provider
                    result.generic_rows += 1
                    result.generic_score += weight
            else:
                result.provider_rows[provider] = result.provider_rows.get(provider, 0) + 1
                result.provider_score[provider] = result.provider_score.get(provider, 0.0) + weight
        for path, hit in found:
            kept = result.examples.setdefault(f"{hit.provider or '-'}/{hit.family}", [])
            if len(kept) < EXAMPLES_PER_KIND and not any(e.row == row for e in kept):
                kept.append(Example(row, path, hit))


def warm_up() -> None:
    """Load the patterns and compile the prefilter now (before worker processes are forked)."""
    default_prefilter().text_candidates("")


def run_task(task: Task, fields: frozenset[str] | None = None) -> TaskResult:
    """Scan one task; bad input becomes errors in the result, never an exception."""
    result = TaskResult(task.file, task.part)
    tally = _Tally(result, fields)
    try:
        READERS[task.format].scan(task, tally)
    except OSError as exc:
        tally.error(None, f"cannot read: {exc.strerror or exc}")
        result.failed = result.rows == 0
    except UnicodeDecodeError as exc:
        tally.error(None, f"not UTF-8 text ({exc.reason})")
        result.failed = result.rows == 0
    if result.rows == 0 and result.error_count:
        result.failed = True
    return result

"""Clause-detection accuracy on the real documents in ../shared/corpus (run: python bench/clauses_eval.py).

Prints per-category precision and recall against bench/gold/clauses.yaml and
checks that no ban is reported in documents that permit distillation.  Exits 0
when the corpus is absent (nothing to measure), 1 when a target is missed.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from auditor.clauses import BANS, CATEGORIES, detect_clauses  # noqa: E402
from auditor.documents import load_document  # noqa: E402

CORPUS = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
GOLD = ROOT / "bench" / "gold" / "clauses.yaml"
FOLDERS = ("terms", "datasets")


@dataclass(frozen=True)
class Gold:
    document: str
    category: str
    first: int
    last: int


def load_gold() -> tuple[list[Gold], list[str]]:
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    items: list[Gold] = []
    for document, entries in raw["documents"].items():
        for entry in entries:
            if "lines" in entry:
                first, last = (int(x) for x in str(entry["lines"]).split("-"))
            else:
                first = last = int(entry["line"])
            items.append(Gold(document, entry["category"], first, last))
    return items, list(raw.get("permits_distillation", []))


def main() -> int:
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}: nothing to evaluate (skipped)")
        return 0
    gold, permissive = load_gold()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    found_gold: set[Gold] = set()
    errors: list[str] = []
    for folder in FOLDERS:
        for path in sorted((CORPUS / folder).glob("*")):
            name = f"{folder}/{path.name}"
            document = load_document(path)
            expected = [g for g in gold if g.document == name]
            for clause in detect_clauses(document):
                first, last = document.line_at(clause.start), document.line_at(max(clause.start, clause.end - 1))
                hits = [g for g in expected if g.category == clause.category and g.first <= last and first <= g.last]
                if hits:
                    tp[clause.category] += 1
                    found_gold.update(hits)
                else:
                    fp[clause.category] += 1
                    errors.append(f"  false positive  {name}:{first} {clause.category}: {' '.join(clause.text.split())[:90]}")
                if name in permissive and clause.category in BANS:
                    errors.append(f"  BAN IN PERMISSIVE DOCUMENT {name}:{first} {clause.category}")
    missed = [g for g in gold if g not in found_gold]
    errors += [f"  missed          {g.document}:{g.first} {g.category}" for g in missed]
    return report(gold, tp, fp, found_gold, errors)


def report(gold: list[Gold], tp: Counter[str], fp: Counter[str], found: set[Gold], errors: list[str]) -> int:
    print(f"{'category':24} {'gold':>5} {'found':>6} {'tp':>4} {'fp':>4} {'precision':>10} {'recall':>8}")
    failed = False
    totals = Counter()
    for category in CATEGORIES:
        n_gold = sum(1 for g in gold if g.category == category)
        n_found = sum(1 for g in found if g.category == category)
        predicted = tp[category] + fp[category]
        precision = tp[category] / predicted if predicted else None
        recall = n_found / n_gold if n_gold else None
        totals.update(gold=n_gold, found=n_found, tp=tp[category], fp=fp[category])
        print(f"{category:24} {n_gold:5} {predicted:6} {tp[category]:4} {fp[category]:4} {_pct(precision):>10} {_pct(recall):>8}")
        if category in BANS and recall is not None and recall < 1.0:
            failed = True
        if precision is not None and precision < 0.95:
            failed = True
    predicted = totals["tp"] + totals["fp"]
    print(f"{'all':24} {totals['gold']:5} {predicted:6} {totals['tp']:4} {totals['fp']:4} "
          f"{_pct(totals['tp'] / predicted if predicted else None):>10} {_pct(totals['found'] / totals['gold'] if totals['gold'] else None):>8}")
    if errors:
        print("\n".join(["", "details:"] + errors))
    failed = failed or any("BAN IN PERMISSIVE" in e for e in errors)
    print("\nresult:", "FAIL (a target was missed)" if failed else "PASS (ban recall 100%, precision >= 95%, no ban in permissive documents)")
    return 1 if failed else 0


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


if __name__ == "__main__":
    sys.exit(main())

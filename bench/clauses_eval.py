"""Clause-detection accuracy on the real documents in ../shared/corpus.

Run: ``python bench/clauses_eval.py [CORPUS] [--details]``.

Scores every development document (``terms``, ``datasets``, ``terms-extra``, ``licences``;
see ``bench/clauses_gold.py`` for the labels) and prints per-category precision and
recall three ways: all documents; the development half (the documents read while writing
the rules); and the held-out half (terms-extra providers chosen by a fixed hash, scored but
never read while writing rules).  The rules are hand-written, nothing is fitted to the data,
so leave-one-provider-out scoring of a fitted part has nothing to refit; the held-out split
is the honest figure for them.  A detected clause is right when a gold clause of the same
category overlaps it; a ban ("ban family" row) is right when any ban overlaps a gold ban.
Exits 0 when the corpus is absent, 1 when a target is missed on the held-out half or overall.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from clauses_gold import (  # noqa: E402
    Gold, LabelledDocument, extra_documents, held_out, line_spans, provider_of, quote_spans, yaml_documents,
)

from auditor.clauses import BANS, CATEGORIES, detect_clauses  # noqa: E402
from auditor.documents import load_document  # noqa: E402

BAN_FAMILY = "ban family"
TARGET_RECALL, TARGET_PRECISION = 0.98, 0.95


def labelled(corpus: Path) -> list[LabelledDocument]:
    docs: list[LabelledDocument] = []
    for name, path, spans, permissive in yaml_documents(corpus):
        document = load_document(path)
        docs.append(LabelledDocument(name, path, provider_of(name), permissive, None, line_spans(document, spans, name), []))
    for name, path, entry in extra_documents(corpus):
        document = load_document(path)
        gold, missing = quote_spans(document, entry, name)
        docs.append(LabelledDocument(name, path, provider_of(name), entry["ban"] == "permit", None, gold, missing))
    for path in sorted((corpus / "licences").glob("*.txt")):
        name = f"licences/{path.name}"
        docs.append(LabelledDocument(name, path, path.stem.lower(), False, frozenset(BANS), [], []))
    return docs


class Score:
    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.gold: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.docs = 0
        self.docs_right = 0
        self.errors: list[str] = []

    def add(self, doc: LabelledDocument) -> None:
        document = load_document(doc.path)
        clauses = detect_clauses(document)
        gold = doc.gold
        for clause in clauses:
            if doc.scored is not None and clause.category not in doc.scored:
                continue
            hit = any(g.category == clause.category and _overlap(g, clause) for g in gold)
            (self.tp if hit else self.fp)[clause.category] += 1
            if not hit:
                self.errors.append(f"  fp      {doc.name}:{document.line_at(clause.start)} {clause.category}: {' '.join(clause.text.split())[:100]}")
            if clause.category in BANS:
                ban_hit = any(g.category in BANS and _overlap(g, clause) for g in gold)
                (self.tp if ban_hit else self.fp)[BAN_FAMILY] += 1
        for g in gold:
            self.gold[g.category] += 1
            found = any(c.category == g.category and _overlap(g, c) for c in clauses)
            self.found[g.category] += found
            if not found:
                self.errors.append(f"  missed  {doc.name}:{document.line_at(g.start)} {g.category}: {' '.join(document.text[g.start:g.end].split())[:100]}")
            if g.category in BANS:
                self.gold[BAN_FAMILY] += 1
                self.found[BAN_FAMILY] += any(c.category in BANS and _overlap(g, c) for c in clauses)
        has_ban = any(c.category in BANS for c in clauses)
        self.docs += 1
        self.docs_right += has_ban == any(g.category in BANS for g in gold)
        if doc.permits_only and has_ban:
            self.errors.append(f"  BAN IN PERMITTING DOCUMENT {doc.name}")
        self.errors += [f"  unlocated gold {m}" for m in doc.unlocated]

    def table(self, title: str) -> tuple[str, bool]:
        lines = [f"## {title}: {self.docs} documents, {self.docs_right} right about bans",
                 f"{'category':24} {'gold':>5} {'found':>6} {'tp':>5} {'fp':>4} {'precision':>10} {'recall':>8}"]
        ok = not any("BAN IN PERMITTING" in e for e in self.errors)
        for category in (*CATEGORIES, BAN_FAMILY):
            predicted = self.tp[category] + self.fp[category]
            if not predicted and not self.gold[category]:
                continue
            precision = self.tp[category] / predicted if predicted else None
            recall = self.found[category] / self.gold[category] if self.gold[category] else None
            lines.append(f"{category:24} {self.gold[category]:5} {predicted:6} {self.tp[category]:5} {self.fp[category]:4} {_pct(precision):>10} {_pct(recall):>8}")
            if category == BAN_FAMILY:
                ok = ok and (recall or 0) >= TARGET_RECALL and (precision is None or precision >= TARGET_PRECISION)
        return "\n".join(lines), ok


def _overlap(gold: Gold, clause) -> bool:  # type: ignore[no-untyped-def]
    return gold.start < clause.end and clause.start < gold.end


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to evaluate (skipped)")
        return 0
    scores = {"all documents": Score(), "development half": Score(), "held-out half (providers never read)": Score()}
    for doc in labelled(corpus):
        scores["all documents"].add(doc)
        half = "held-out half (providers never read)" if doc.name.startswith("terms-extra/") and held_out(doc.provider) else "development half"
        scores[half].add(doc)
    passed = True
    for title, score in scores.items():
        table, ok = score.table(title)
        print(table + "\n")
        if title != "development half":
            passed = passed and ok
    if "--details" in argv:
        print("\n".join(["details (all documents):"] + scores["all documents"].errors))
    else:
        print("\n".join(e for e in scores["all documents"].errors if "BAN IN" in e))
    print("result:", "PASS" if passed else "FAIL", f"(ban family recall >= {TARGET_RECALL:.0%}, precision >= {TARGET_PRECISION:.0%}, no ban in a permitting document)")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

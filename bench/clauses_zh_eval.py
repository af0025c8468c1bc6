"""Ban-family precision and recall on Chinese terms kept outside the project (never committed).

Run: ``python bench/clauses_zh_eval.py FOLDER`` where FOLDER holds the documents and a
``LABELS.json``: ``{"dev/x.md": {"split": "dev"|"held-out", "provider": ..., "bans":
{"competing-models": ["first characters of the clause, verbatim", ...]}}}``.  Labels are
written before the detector is run on a document; the split is by provider and fixed before
the held-out half is read (see the folder's own notes).  A detected ban is right when it
overlaps a labelled ban of the ban family (as ``clauses_eval``'s "ban family" row); a
labelled ban is found when a detected ban overlaps it.  Exits 0 when FOLDER is absent.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.clauses import BANS, detect_clauses  # noqa: E402
from auditor.documents import load_document  # noqa: E402


def _gold_spans(text: str, quotes: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    spans = []
    flat = text.replace("*", "")
    for category, starts in quotes.items():
        for start in starts:
            at = text.find(start)
            if at < 0:
                at = flat.find(start.replace("*", ""))
            if at < 0:
                raise SystemExit(f"label not found in its document: {start!r}")
            spans.append((at, at + len(start), category))
    return spans


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    if folder is None or not (folder / "LABELS.json").is_file():
        print("no labelled Chinese folder given: nothing to score")
        return 0
    labels = json.loads((folder / "LABELS.json").read_text(encoding="utf-8"))
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # split -> gold, found, tp (found), hit (gold)
    print(f"{'document':42} {'split':9} {'gold':>4} {'found':>5} {'tp':>3} {'fp':>3} {'missed':>6}")
    for name, label in sorted(labels.items()):
        document = load_document(folder / name)
        gold = _gold_spans(document.text, label.get("bans", {}))
        bans = [c for c in detect_clauses(document) if c.category in BANS]
        spans = sorted({(c.start, c.end) for c in bans})
        right = [s for s in spans if any(s[0] < g[1] and g[0] < s[1] for g in gold)]
        hit = [g for g in gold if any(s[0] < g[1] and g[0] < s[1] for s in spans)]
        split = label.get("split", "dev")
        row = totals[split]
        row[0] += len(gold)
        row[1] += len(spans)
        row[2] += len(right)
        row[3] += len(hit)
        print(f"{name:42} {split:9} {len(gold):4} {len(spans):5} {len(right):3} {len(spans) - len(right):3} {len(gold) - len(hit):6}")
        for start, end in spans:
            if (start, end) not in right:
                print(f"    false ban: {document.text[start:end][:60]!r}")
    for split, (gold, found, tp, hit) in sorted(totals.items()):
        precision = f"{tp / found:.1%}" if found else "-"
        recall = f"{hit / gold:.1%}" if gold else "-"
        print(f"{split}: ban family gold {gold}, found {found}, precision {precision}, recall {recall}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

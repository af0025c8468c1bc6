"""Verdict thresholds of the scan, fitted and judged leave-one-file-out.  From the repository root:

    python bench/scan_eval.py                # ../shared/corpus/scan-dev (LABELS.json)
    python bench/scan_eval.py --data DIR     # another folder with a LABELS.json of the same shape

The scan runs once; its per-file evidence scores are then judged under every pair
of thresholds on a grid.  In-sample: the pair with the least loss over all files.
Held-out: each file is judged with the pair fitted on the other files only (the
split is one file per fold, fixed before looking at any result).  Loss per file:
a human set called ``generated`` 2, a human set called ``possibly-generated`` 1, a
generated set called ``no-evidence`` or given the wrong top provider 1.  Among the
pairs tied at the least loss, the middle one (in grid order) is taken: the widest
margin on both sides, instead of a threshold just above the last negative or just
below the last positive.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.scan.engines import LocalEngine, default_jobs  # noqa: E402
from auditor.scan.run import scan  # noqa: E402
from auditor.scan.verdict import GENERATED_SCORE, POSSIBLE_SCORE, Thresholds, decide  # noqa: E402

GENERATED_GRID = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 8.0)
POSSIBLE_GRID = (0.2, 0.3, 0.5, 1.0, 1.5, 2.0)


def judge(entry: dict, t: Thresholds) -> tuple[str, str | None]:
    scores = {p["provider"]: p["score"] for p in entry["providers"]}
    top = entry["providers"][0]["provider"] if entry["providers"] else None
    return decide(scores, entry["generic"]["score"], t), top


def loss(entry: dict, label: dict, t: Thresholds) -> int:
    verdict, top = judge(entry, t)
    if not label["generated"]:
        return {"generated": 2, "possibly-generated": 1}.get(verdict, 0)
    return 0 if verdict != "no-evidence" and top == label["generator_provider"] else 1


def fit(entries: dict[str, dict], labels: dict[str, dict]) -> Thresholds:
    grid = [Thresholds(g, p) for g, p in product(GENERATED_GRID, POSSIBLE_GRID) if p <= g]
    losses = {t: sum(loss(entries[n], labels[n], t) for n in entries) for t in grid}
    best = min(losses.values())
    generated = sorted({t.generated for t in grid if losses[t] == best})
    g = generated[(len(generated) - 1) // 2]
    possible = sorted(t.possible for t in grid if t.generated == g and losses[t] == best)
    return Thresholds(g, possible[(len(possible) - 1) // 2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "corpus" / "scan-dev")
    args = parser.parse_args()
    labels = json.loads((args.data / "LABELS.json").read_text())
    report = scan([(n, str(args.data / n)) for n in sorted(labels)], LocalEngine(default_jobs()))
    entries = {Path(f["path"]).name: f for f in report["files"]}
    in_sample = fit(entries, labels)
    shipped = Thresholds(GENERATED_SCORE, POSSIBLE_SCORE)
    print(f"in-sample fit: generated >= {in_sample.generated}, possibly >= {in_sample.possible}; "
          f"shipped: generated >= {shipped.generated}, possibly >= {shipped.possible}\n")
    print("| file | label | rows | rate | top provider (score) | verdict (shipped) | loss in-sample | held-out thresholds | held-out verdict | loss held-out |")
    print("| --- | --- | ---: | ---: | --- | --- | ---: | --- | --- | ---: |")
    totals = [0, 0, 0]
    for name in sorted(entries):
        entry, label = entries[name], labels[name]
        others = {n: e for n, e in entries.items() if n != name}
        held = fit(others, labels)
        top = f"{entry['providers'][0]['provider']} ({entry['providers'][0]['score']})" if entry["providers"] else "-"
        truth = label["generator_provider"] or "human"
        row_loss = (loss(entry, label, shipped), loss(entry, label, in_sample), loss(entry, label, held))
        totals = [a + b for a, b in zip(totals, row_loss)]
        print(f"| {name} | {truth} | {entry['rows']} | {entry['rate']:.2%} | {top} | {judge(entry, shipped)[0]} | {row_loss[1]} "
              f"| {held.generated}/{held.possible} | {judge(entry, held)[0]} | {row_loss[2]} |")
    n = len(entries)
    print(f"\ntotal loss over {n} files: shipped {totals[0]}, in-sample {totals[1]}, held-out (leave-one-file-out) {totals[2]}")
    correct = lambda t: sum(1 for name in entries if loss(entries[name], labels[name], t) == 0)  # noqa: E731
    print(f"files judged right: shipped {correct(shipped)}/{n}, in-sample {correct(in_sample)}/{n}, "
          f"held-out {sum(1 for name in entries if loss(entries[name], labels[name], fit({k: v for k, v in entries.items() if k != name}, labels)) == 0)}/{n}")


if __name__ == "__main__":
    main()

"""Licence-name identification accuracy on real-world spellings.

    python bench/licence_names.py [--data bench/data/licence_names.yaml]

Each string in the data file has the answer auditor should give (null: it names
no licence).  Prints accuracy per kind and overall, every wrong answer (marking
the confident ones), and names per second cold (first sight of each string) and
warm (repeats, as in a manifest of 100,000 sources).  Exit status 1 if accuracy
is under 97 % or any string that names no licence gets a confident answer.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.licences import identify  # noqa: E402
from auditor.licences.resolve import _identify  # noqa: E402  (to time cold lookups)

TARGET = 0.97
CONFIDENT = 0.5  # an answer at or above this confidence is one a user would trust


def load(path: Path) -> list[tuple[str, str, str | None]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(kind, str(text), expected) for kind, rows in data.items() for text, expected in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent / "data" / "licence_names.yaml")
    args = parser.parse_args()
    rows = load(args.data)

    start = time.perf_counter()
    identify("MIT")  # builds the name index once
    warmup = time.perf_counter() - start
    _identify.cache_clear()
    start = time.perf_counter()
    answers = [identify(text) for _, text, _ in rows]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    repeats = 100_000
    for i in range(repeats):
        identify(rows[i % len(rows)][1])
    warm = time.perf_counter() - start

    per_kind: dict[str, list[bool]] = defaultdict(list)
    wrong: list[str] = []
    confident_wrong_no_licence = 0
    for (kind, text, expected), match in zip(rows, answers):
        ok = match.spdx == expected
        per_kind[kind].append(ok)
        if not ok:
            confident = match.spdx is not None and match.confidence >= CONFIDENT
            if expected is None and confident:
                confident_wrong_no_licence += 1
            flag = "CONFIDENTLY WRONG" if confident else "wrong"
            wrong.append(f"  [{kind}] {text!r}: expected {expected}, got {match.spdx} ({match.method}, {match.confidence:.2f}) {flag}")

    print(f"{'kind':<16}{'n':>5}{'correct':>10}")
    for kind, oks in per_kind.items():
        print(f"{kind:<16}{len(oks):>5}{100 * sum(oks) / len(oks):>9.1f}%")
    total = [x for oks in per_kind.values() for x in oks]
    accuracy = sum(total) / len(total)
    print(f"{'overall':<16}{len(total):>5}{100 * accuracy:>9.1f}%")
    print(f"\nconfidently wrong on strings that name no licence: {confident_wrong_no_licence}")
    print(f"index build (first call): {warmup * 1000:.0f} ms")
    print(f"cold: {len(rows) / cold:,.0f} names/s ({cold / len(rows) * 1e6:.0f} us each, every string new)")
    print(f"warm: {repeats / warm:,.0f} names/s (repeated strings, cached)")
    if wrong:
        print(f"\n{len(wrong)} wrong:")
        print("\n".join(wrong))
    return 0 if accuracy >= TARGET and confident_wrong_no_licence == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Full-text licence identification: auditor's fingerprints vs askalono, side by side.

    python bench/licence_texts.py [--corpus ../shared/corpus] [--seed 7]

Every SPDX text in corpus/licences/ (and the model licences among corpus/terms/)
is fed clean and with realistic noise: lines re-wrapped, copyright lines filled
in, one paragraph removed, and all three at once.  Real LICENSE files of the
corpus and documents that are not licences (dataset READMEs, terms of service)
must come out as their licence and as unknown.  Prints accuracy per kind and the
time per document.  Caveat: auditor's fingerprints are derived from these same
reference texts, so the clean rows are in-sample; the noisy and real-file rows
are what measure robustness.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import textwrap
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from auditor.licences import text as fingerprint  # noqa: E402
from auditor.licences.build import MODEL_TEXTS  # noqa: E402

ASKALONO_THRESHOLD = 0.8  # askalono's own CLI default
# texts that are word for word the same licence under two SPDX ids
SAME_TEXT = [{"GPL-3.0-only", "GPL-3.0-or-later"}, {"GFDL-1.3-only", "GFDL-1.3-invariants-only", "GFDL-1.3-or-later"}]
REAL_FILES = {  # real LICENSE files and documents that are not licences, with what they are
    "datasets/alpaca__DATA_LICENSE": "CC-BY-NC-4.0",
    "terms/deepseek__r1_LICENSE_mit.txt": "MIT",
}


@dataclass(frozen=True)
class Case:
    kind: str
    name: str
    text: str
    expected: str | None


def rewrap(text: str, rng: random.Random) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    width = rng.choice([50, 66, 100, 140])
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width) for p in paragraphs)


def fill_copyright(text: str, rng: random.Random) -> str:
    holder = rng.choice(["Acme Research Lab", "Jane Q. Doe", "The Example Dataset Authors"])
    text = re.sub(r"<\s*year\s*>|\[yyyy\]|\[year\]|\{yyyy\}", "2024", text, flags=re.I)
    text = re.sub(r"<\s*(?:copyright holders?|owner|name of author)\s*>|\[name of copyright owner\]|\[fullname\]", holder, text, flags=re.I)
    return f"Copyright (c) 2024 {holder}\n\n{text}"


def drop_paragraph(text: str, rng: random.Random) -> str:
    paragraphs = re.split(r"\n\s*\n", text)
    if len(paragraphs) < 4:
        return text
    del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
    return "\n\n".join(paragraphs)


NOISE: dict[str, Callable[[str, random.Random], str]] = {
    "clean": lambda t, r: t,
    "rewrapped": rewrap,
    "copyright": fill_copyright,
    "paragraph-removed": drop_paragraph,
    "all-noise": lambda t, r: rewrap(drop_paragraph(fill_copyright(t, r), r), r),
}


def cases(corpus: Path, seed: int) -> list[Case]:
    rng = random.Random(seed)
    found: list[Case] = []
    for path in sorted((corpus / "licences").glob("*.txt")):
        original = path.read_text(encoding="utf-8", errors="replace")
        for noise, apply in NOISE.items():
            found.append(Case(f"spdx/{noise}", path.stem, apply(original, rng), path.stem))
    for name, licence_id in MODEL_TEXTS.items():
        original = (corpus / "terms" / name).read_text(encoding="utf-8", errors="replace")
        found.append(Case("model-licence/all-noise", licence_id, NOISE["all-noise"](original, rng), licence_id))
    for rel, licence_id in REAL_FILES.items():
        found.append(Case("real-licence-file", rel, (corpus / rel).read_text(encoding="utf-8", errors="replace"), licence_id))
    licence_docs = {f"terms/{n}" for n in MODEL_TEXTS} | set(REAL_FILES)
    for path in sorted((corpus / "datasets").glob("*")) + sorted((corpus / "terms").glob("*")):
        rel = f"{path.parent.name}/{path.name}"
        if rel not in licence_docs:
            found.append(Case("not-a-licence", rel, path.read_text(encoding="utf-8", errors="replace"), None))
    return found


def correct(expected: str | None, got: str | None) -> bool:
    if expected == got:
        return True
    return any(expected in group and got in group for group in SAME_TEXT)


def askalono_identify(text: str) -> str | None:
    import askalono

    result = askalono.identify(text)
    return result.name if result is not None and result.score >= ASKALONO_THRESHOLD else None


def fingerprint_plain(text: str) -> str | None:
    ranked = fingerprint.rank(text)
    return ranked[0].licence_id if ranked and ranked[0].score >= fingerprint.THRESHOLD else None


def fingerprint_full(text: str) -> str | None:
    best = fingerprint.best_match(text)
    return best.licence_id if best else None


APPROACHES: dict[str, Callable[[str], str | None]] = {
    "askalono": askalono_identify,
    "fingerprint (Dice only)": fingerprint_plain,
    "fingerprint + tie-break (auditor)": fingerprint_full,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    all_cases = cases(args.corpus, args.seed)
    fingerprint.fingerprints()  # warm-up is reported separately from per-document time
    kinds = sorted({c.kind for c in all_cases})
    results: dict[str, dict[str, list[bool]]] = {}
    timings: dict[str, float] = {}
    wrong: dict[str, list[str]] = defaultdict(list)
    for label, approach in APPROACHES.items():
        per_kind: dict[str, list[bool]] = defaultdict(list)
        start = time.perf_counter()
        for case in all_cases:
            got = approach(case.text)
            ok = correct(case.expected, got)
            per_kind[case.kind].append(ok)
            if not ok:
                wrong[label].append(f"{case.kind} {case.name}: expected {case.expected}, got {got}")
        timings[label] = (time.perf_counter() - start) / len(all_cases)
        results[label] = per_kind
    width = max(len(k) for k in kinds) + 2
    header = f"{'kind':<{width}}{'n':>4}  " + "  ".join(f"{label:>34}" for label in APPROACHES)
    print(header)
    for kind in kinds + ["overall"]:
        row = f"{kind:<{width}}"
        n = len(results["askalono"][kind]) if kind != "overall" else len(all_cases)
        row += f"{n:>4}  "
        for label in APPROACHES:
            oks = results[label][kind] if kind != "overall" else [x for v in results[label].values() for x in v]
            row += f"{100 * sum(oks) / len(oks):>33.1f}%  "
        print(row.rstrip())
    print(f"{'ms per document':<{width}}{'':>4}  " + "  ".join(f"{1000 * timings[l]:>34.1f}" for l in APPROACHES))
    for label in APPROACHES:
        if wrong[label]:
            print(f"\n{label}: {len(wrong[label])} wrong")
            for line in wrong[label]:
                print("  " + line)


if __name__ == "__main__":
    main()

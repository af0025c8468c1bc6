"""Time ratios for hostile terms documents and long terms diffs: 4x the input should cost ~4x.

    python bench/hostile.py            # each pattern at 50 KB and 200 KB; terms diff at 750 and 3,000 clauses
    python bench/hostile.py --kb 100   # 100 KB and 400 KB

A reader whose cost grows with the square of its input shows a ratio near 16; a linear one
near 4 (less when fixed costs dominate).  Ratios, not seconds, because the host's speed varies.
"""

from __future__ import annotations

import argparse
import atexit
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PATTERNS = {
    "md: ![ runs": (".md", "!["),
    "md: [ runs": (".md", "["),
    "md: [x]( runs": (".md", "[x]("),
    "md: **x runs": (".md", "**x "),
    "md: <a runs": (".md", "<a"),
    "md: <!-- runs": (".md", "<!--"),
    "md: nested quotes": (".md", ">"),
    "md: nested lists": (".md", "\n  - item"),
    "txt: one character": (".txt", "a"),
    "txt: model. without spaces": (".txt", "model."),
    "txt: ; (a) on one line": (".txt", "; (a)"),
    "txt: sentences on one line": (".txt", "It is a warm day. "),
    "txt: 1.1.1 label": (".txt", "1."),
    "zh: 未经 runs (one line)": (".txt", "未经"),
    "zh: sentences on one line": (".txt", "您不得将输出用于训练其他模型。"),
    "zh: （1） items under leads": (".txt", "（1）不得从事以下行为：\n"),
    "zh: 1.1 headings": (".md", "1.1 禁止\n\n"),
    "html: <a runs": (".html", "<a"),
    "html: headings": (".html", "<h2>Use</h2><p>Plain words.</p>"),
}


def read_seconds(folder: Path, suffix: str, unit: str, size: int) -> float:
    from auditor.clauses import detect_clauses
    from auditor.documents import load_document

    path = folder / f"doc{suffix}"
    path.write_text(unit * (size // len(unit)), encoding="utf-8")
    start = time.perf_counter()
    detect_clauses(load_document(path))
    return time.perf_counter() - start


def diff_seconds(count: int) -> float:
    from auditor.clauses.diff import diff_clauses
    from auditor.clauses.model import Clause

    def clause(i: int, text: str) -> Clause:
        return Clause("t.md", "use-restriction", str(i // 10), None, i * 100, i * 100 + len(text), text, 0.9)

    old = [clause(i, f"Rule {i}: you may not do thing {i * 7919 % 10007} with outputs {i % 13}.") for i in range(count)]
    new = [clause(i, c.text.replace("may not", "must not") if i % 2 == 0 else c.text) for i, c in enumerate(old) if i % 97]
    start = time.perf_counter()
    diff_clauses(old, new)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=50)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="auditor-hostile-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # generated inputs go with the run
    read_seconds(folder, ".txt", "You may not train models. ", 1_000)  # load spaCy once, outside the timings
    small, large = options.kb * 1024, options.kb * 4096
    print(f"{'input':30} {options.kb:>6} KB {options.kb * 4:>6} KB   ratio")
    for name, (suffix, unit) in PATTERNS.items():
        a, b = read_seconds(folder, suffix, unit, small), read_seconds(folder, suffix, unit, large)
        print(f"{name:30} {a:8.2f} s {b:8.2f} s {b / max(a, 1e-3):7.1f}")
    a, b = diff_seconds(750), diff_seconds(3_000)
    print(f"{'terms diff, clauses':30} {'750':>6} {'3000':>9}")
    print(f"{'':30} {a:8.2f} s {b:8.2f} s {b / max(a, 1e-3):7.1f}")


if __name__ == "__main__":
    main()

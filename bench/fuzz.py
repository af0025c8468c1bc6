"""Fuzz the manifest loader, the licence matcher, the document parsers and terms diff with generated inputs.

    python bench/fuzz.py                 # 10,000 manifests, 10,000 licence strings, 1,000 documents,
                                         # 200 runs of markup (up to 100 KB), 50 terms diffs (up to 3,000 clauses)
    python bench/fuzz.py --n 2000 --seed 3

Inputs are mutations of the samples (byte flips, token splices, truncation) and
token soup.  Each input ends as a result, a clear error (AuditorError) or a crash
(any other exception, or over the time limit); crashes are printed with a reproducer.
"""

from __future__ import annotations

import argparse
import atexit
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.errors import AuditorError  # noqa: E402

TOKENS = [b"yes", b"0777", b"&a ", b"*a", b"[", b"]", b"{", b"}", b": ", b"- ", b"\n", b"  ", b"'", b'"', b"#", b"|", b">",
          b"---", b"!!str", b"<<: ", b"\t", b"\x00", b"\xff", b"\xe9", b"2024-01-01", b"1e3", b"~", b"\\u0000", b"%YAML 1.1",
          b"licence: ", b"derived_from: [", b"teachers:", b"id: ", b"<script>", b"\r", b"\xef\xbb\xbf"]


MARKUP = ["![", "[", "](", "]", "(", ")", "**", "__", "*", "_", "`", "<a", "<!--", "-->", "<http://", ">", "#", " ", "\n",
          "\n\n", "1.", "1.1.", "(a)", "; (i) ", "- ", "  ", "model.", "You may not train models. ", "\\", "<div>", "</div>", "<h2>"]


class TimedOut(Exception):
    pass


def mutate(seed_bytes: bytes, rng: random.Random) -> bytes:
    data = bytearray(seed_bytes)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(5)
        at = rng.randrange(len(data) + 1)
        if op == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif op == 1:
            data[at:at] = rng.choice(TOKENS)
        elif op == 2:
            del data[at : at + rng.randint(1, 40)]
        elif op == 3:
            data = data[: at or 1]
        else:
            start = rng.randrange(len(data) + 1)
            data[at:at] = data[start : start + rng.randint(1, 200)]
    return bytes(data)


def soup(rng: random.Random) -> bytes:
    return b"".join(rng.choice(TOKENS) for _ in range(rng.randint(0, 60)))


def run(name: str, count: int, make: Callable[[int], object], call: Callable[[object], object], limit_s: float) -> Counter:
    counts: Counter = Counter()
    shown = 0
    start = time.perf_counter()
    for index in range(count):
        value = make(index)
        signal.setitimer(signal.ITIMER_REAL, limit_s)
        try:
            call(value)
            counts["result"] += 1
        except AuditorError:
            counts["clear error"] += 1
        except TimedOut:
            counts["crash (timeout)"] += 1
            if shown < 3:
                shown += 1
                print(f"[{name}] over {limit_s} s: {value!r:.300}")
        except Exception:  # noqa: BLE001 - this is what the fuzzer counts
            counts["crash"] += 1
            if shown < 3:
                shown += 1
                print(f"[{name}] crash on {value!r:.300}\n{traceback.format_exc(limit=-3)}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    counts["seconds"] = round(time.perf_counter() - start)  # type: ignore[assignment]
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--docs", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    def alarm(*_: object) -> None:
        raise TimedOut

    signal.signal(signal.SIGALRM, alarm)
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="auditor-fuzz-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)  # generated inputs go with the run
    samples = ROOT / "samples"
    manifests = [p.read_bytes() for p in sorted(samples.glob("*.yaml"))]
    sys.path.insert(0, str(ROOT / "bench"))
    import gen_manifest

    manifests.append(gen_manifest.generate(30).encode())

    from auditor.inputs import load_input  # what `audit check` reads a manifest with: detection, then the loader

    def manifest_input(i: int) -> Path:
        path = work / f"m{i % 50}.yaml"
        path.write_bytes(soup(rng) if i % 10 == 0 else mutate(rng.choice(manifests), rng))
        return path

    results = {"manifest loader (load_input)": run("manifest", options.n, manifest_input, load_input, 5.0)}

    try:
        from auditor.licences import identify

        names = ["MIT", "Apache-2.0", "CC-BY-NC-4.0", "GPL-3.0-or-later WITH Classpath-exception-2.0", "cc by-nc 4.0",
                 "(MIT AND BSD-3-Clause) OR Apache-2.0", "Llama 3.1 Community License", "research only"]
        alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -.()+/,ANDORWITH\u00e9\u4e2d\x00\n\t" + "(" * 3 + ")"

        def licence_input(i: int) -> str:
            if i % 3 == 0:
                return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
            return mutate(rng.choice(names).encode(), rng).decode("utf-8", "replace")

        results["licence matcher (identify)"] = run("licence", options.n, licence_input, identify, 5.0)
    except ImportError:
        pass

    try:
        from auditor.documents import load_document

        docs = [p for p in sorted((samples / "terms").iterdir()) if p.suffix in {".pdf", ".html", ".md", ".txt"}]
        seeds = [(p.suffix, p.read_bytes()) for p in docs]

        def document_input(i: int) -> Path:
            suffix, data = rng.choice(seeds)
            path = work / f"d{i % 50}{suffix}"
            path.write_bytes(mutate(data, rng))
            return path

        results["document parsers (load_document)"] = run("document", options.docs, document_input, load_document, 10.0)
    except ImportError:
        pass

    try:
        from auditor.clauses import detect_clauses
        from auditor.clauses.diff import diff_clauses

        suffixes = [".md", ".html", ".txt"]

        def markup_input(i: int) -> Path:
            """Long runs of markup and list tokens, where a backtracking reader would go quadratic."""
            size = rng.choice([1_000, 20_000, 100_000])
            units = [rng.choice(MARKUP) for _ in range(rng.randint(1, 4))]
            text = "".join(rng.choice(units) for _ in range(size // 3))
            path = work / f"r{i % 50}{rng.choice(suffixes)}"
            path.write_text(text, encoding="utf-8")
            return path

        # 30 s: 100 KB of clause-dense text takes ~10 s (the clause pass's own speed); a quadratic reader, minutes
        results["markup runs (load_document + clauses)"] = run(
            "markup", max(options.docs // 5, 1), markup_input, lambda p: detect_clauses(load_document(p)), 30.0
        )

        base = [c for p in docs for c in detect_clauses(load_document(p))]

        def diff_input(i: int) -> tuple[list, list]:
            """Two versions: clauses dropped, duplicated, reordered and reworded, up to a few thousand."""
            old = [rng.choice(base) for _ in range(rng.choice([5, 200, 3_000]))]
            new = []
            for c in old:
                roll = rng.random()
                if roll < 0.1:
                    continue
                text = c.text if roll < 0.7 else mutate(c.text.encode(), rng).decode("utf-8", "replace")
                new.append(type(c)(c.document, c.category, c.section, c.page, c.start, c.end, text, c.confidence))
                if roll > 0.95:
                    new.append(rng.choice(base))
            return old, new

        results["terms diff (diff_clauses)"] = run("diff", max(options.docs // 20, 1), diff_input, lambda v: diff_clauses(*v), 10.0)
    except ImportError:
        pass

    print(f"\nseed {options.seed}")
    print(f"{'target':36} {'inputs':>7} {'results':>8} {'clear errors':>13} {'crashes':>8} {'seconds':>8}")
    for name, counts in results.items():
        total = counts["result"] + counts["clear error"] + counts["crash"] + counts["crash (timeout)"]
        crashes = counts["crash"] + counts["crash (timeout)"]
        print(f"{name:36} {total:7} {counts['result']:8} {counts['clear error']:13} {crashes:8} {counts['seconds']:8}")


if __name__ == "__main__":
    main()

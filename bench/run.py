"""Scale benchmarks of auditor, printed as one table.  Run from the repository root:

    python bench/run.py                      # 1,000 / 10,000 / 100,000 data sources
    python bench/run.py --sizes 1000,10000   # quicker

Manifests are generated into a temporary folder (never into the repository) by
bench/gen_manifest.py: several teachers, derived_from chains, a mix of licences.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

# issue 12's targets, as ratios to a bare libyaml load (PyYAML's CSafeLoader) of the same file
# measured in the same minutes: a ratio judges a run on a slower or busier machine too.
TARGETS = {10_000: 1.5, 100_000: 1.3}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--format", default="json", help="report format of the timed `audit check` runs")
    parser.add_argument("--runs", type=int, default=5, help="median of N runs of each large audit (and its PyYAML load); best of N for the small commands")
    options = parser.parse_args()
    rows: list[tuple[str, str, str, str]] = []
    workdir = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    steal_before = scale.cpu_steal()
    # an installed wheel carries compiled bytecode (pip compiles at install); a development checkout
    # under PYTHONDONTWRITEBYTECODE (set on some hosts) would compile every module on every run.  The
    # children get a bytecode folder of the benchmark's own, written by the warm-up run below.
    bytecode = {"PYTHONPYCACHEPREFIX": str(workdir / "bytecode"), "PYTHONDONTWRITEBYTECODE": ""}
    # a cache folder of the benchmark's own, warmed once: a shared user cache keeps three entries per
    # name, so other checkouts on the same machine evict each other's and every run would rebuild
    warm = {"AUDITOR_CACHE_DIR": str(workdir / "cache-warm"), **bytecode}
    try:
        scale.run_child(["check", str(Path(scale.ROOT) / "samples" / "manifest.yaml")], env=warm)
        per_source: list[float] = []
        for size in (int(s) for s in options.sizes.split(",")):
            path = workdir / f"manifest-{size}.yaml"  # generated in a child: a big parent inflates children's RSS
            with path.open("w", encoding="utf-8") as out:
                subprocess.run([sys.executable, str(Path(__file__).with_name("gen_manifest.py")), str(size)], stdout=out, check=True)
            # audit and bare load alternate, so that both see the machine as it is in the same minutes
            runs = []
            for _ in range(options.runs):
                wall, rss, code, pss = scale.run_child(["check", str(path), "--format", options.format, "--output", str(workdir / "out")], env=warm)
                runs.append((wall, rss, code, pss, *scale.bare_loads(path)))
            wall, pyyaml, fast = (statistics.median(run[i] for run in runs) for i in (0, 4, 5))
            rss, pss, code = max(run[1] for run in runs), max(run[3] for run in runs), runs[0][2]
            per_source.append(wall / size)
            verdict = _verdict(size, wall, max(rss, pss), pyyaml, path.stat().st_size)
            rows.append((f"audit check, {size:,} sources ({path.stat().st_size / 1e6:.1f} MB), exit {code}",
                         f"{wall:.2f} s", f"{rss:.0f} MiB; all {pss:.0f} MiB",
                         f"{wall / pyyaml:.1f}x PyYAML load ({pyyaml:.2f} s); yamlio.load {fast:.2f} s {verdict}"))
        if len(per_source) > 1:
            rows.append(("cost per source, smallest -> largest", " -> ".join(f"{p * 1e6:.0f} us" for p in per_source), "", "linear if flat"))
        wall, rss, _, _ = scale.best_of(options.runs, ["--help"], env=bytecode)
        rows.append(("audit --help", f"{wall:.3f} s", f"{rss:.0f} MiB", "target < 0.2 s"))
        sample = str(Path(scale.ROOT) / "samples" / "manifest.yaml")
        cold = {"XDG_CACHE_HOME": str(workdir / "cache")}  # an empty user cache: no terms or registry cached
        wall, rss, code, _ = scale.best_of(options.runs, ["check", sample], env={**cold, **bytecode})
        rows.append((f"cold audit check samples/manifest.yaml, exit {code}", f"{wall:.3f} s", f"{rss:.0f} MiB", "target < 0.4 s"))
        if os.environ.get("PYTHONDONTWRITEBYTECODE"):  # the host's own setting too, so both figures are on record
            wall, rss, code, _ = scale.best_of(options.runs, ["check", sample], env=cold)
            rows.append(("  the same, compiling every module (host's PYTHONDONTWRITEBYTECODE)", f"{wall:.3f} s", f"{rss:.0f} MiB", "an editable install on this host"))
        try:
            rate, pages = scale.terms_pages_per_second()
            rows.append((f"terms parsing, cold, {pages}-page PDF of 1,600 candidate clauses", f"{pages / rate:.2f} s", "",
                         "parse_terms, spaCy's import and build included; speed targets: bench/clauses_speed.py"))
        except ImportError as exc:
            rows.append(("terms parsing", "n/a", "", str(exc)))
        try:
            rows.append(("licence names", f"{scale.licence_names_per_second():,.0f} names/s", "", "auditor.licences.identify"))
        except ImportError as exc:
            rows.append(("licence names", "n/a", "", str(exc)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    steal_after = scale.cpu_steal()
    if steal_before and steal_after and steal_after[0] > steal_before[0]:
        share = (steal_after[1] - steal_before[1]) / (steal_after[0] - steal_before[0])
        rows.append(("CPU time taken back by the host (steal)", f"{share:.0%}", "", "figures above are slower by about this share"))
    widths = [max(len(row[i]) for row in rows + [("what", "time / rate", "peak RSS", "notes")]) for i in range(4)]
    for row in [("what", "time / rate", "peak RSS", "notes"), tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def _verdict(size: int, wall: float, rss: float, pyyaml: float, nbytes: int) -> str:
    """The ratio to a bare libyaml load of the same file against the issue's target, and the memory target."""
    memory = "; memory ok (< 1 GiB)" if rss < 1024 else "; memory MISSED (< 1 GiB)"
    if size not in TARGETS:
        return memory.lstrip("; ")
    target = TARGETS[size]
    relative = "ok" if wall / pyyaml <= target else "MISSED"
    return f"<= {target:g}x libyaml load: {relative}{memory}"


if __name__ == "__main__":
    main()

"""Scan throughput against ripgrep, and peak memory.  Run from the repository root:

    python bench/scan.py                       # ~400 MB built from ../shared/corpus/scan-dev
    python bench/scan.py --mb 200 --runs 3

The corpus is the development files repeated into one large JSON Lines file (so
byte-range splitting is exercised) in a temporary folder, never in the checkout.
ripgrep (``apt-get install -y ripgrep``) searches the same files for the scan's own
anchor expressions (the phrase list the hyperscan prefilter uses), case-insensitively,
counting matching lines: the raw-search part of the scan's work, at ripgrep's speed.
Each command runs in a fresh process; MB/s is file bytes over wall time (median of
--runs), peak memory the largest sum of resident sets over the command's processes
(ripgrep's includes the pages of the file it maps).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Peak memory: the resident sets of the command and all its processes, summed, polled every 20 ms
# (psutil comes with dask.distributed).
MEASURE = """
import subprocess, sys, time, psutil
t = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
top = psutil.Process(proc.pid)
peak = 0
while proc.poll() is None:
    try:
        procs = [top] + top.children(recursive=True)
        peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
    except psutil.Error:
        pass
    time.sleep(0.02)
print(time.perf_counter() - t, peak // 1024)
"""


def build(folder: Path, megabytes: int) -> Path:
    sources = sorted((ROOT.parent / "shared" / "corpus" / "scan-dev").glob("*.jsonl"))
    blob = b"".join(p.read_bytes() for p in sources)
    target = folder / "big.jsonl"
    with target.open("wb") as out:
        while out.tell() < megabytes << 20:
            out.write(blob)
    return target


def measure(cmd: list[str], runs: int) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True, check=True).stdout.split()
        times.append(float(out[0]))
        peaks.append(int(out[1]))
    return statistics.median(times), max(peaks) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rg = shutil.which("rg")
    if rg is None:
        sys.exit("ripgrep not found: apt-get install -y ripgrep")
    from auditor.scan.prefilter import default_prefilter  # noqa: F401  (the anchors come from the same data)
    from auditor.scan.patterns import load_traces

    traces = load_traces()
    anchors = sorted({a.lower() for t in traces.traces for a in t.anchors} | {a.lower() for a in traces.identity.anchors})
    with tempfile.TemporaryDirectory(prefix="auditor-scan-bench-") as tmp:
        folder = Path(tmp)
        data = build(folder, args.mb)
        phrases = folder / "phrases.txt"
        phrases.write_text("\n".join(anchors) + "\n")
        size = data.stat().st_size
        subprocess.run([rg, "-c", "zzzz-warm-cache", str(data)], stdout=subprocess.DEVNULL)
        audit = [sys.executable, "-m", "auditor", "scan", str(data), "--format", "json"]
        commands = {
            "ripgrep -j1": [rg, "--no-config", "-i", "-c", "-j", "1", "-f", str(phrases), str(data)],
            "ripgrep -j2": [rg, "--no-config", "-i", "-c", "-j", "2", "-f", str(phrases), str(data)],
            "audit scan --jobs 1": audit + ["--jobs", "1"],
            "audit scan --jobs 2": audit + ["--jobs", "2"],
            "audit scan --engine dask --jobs 2": audit + ["--engine", "dask", "--jobs", "2"],
        }
        results = {name: measure(cmd, args.runs) for name, cmd in commands.items()}
    print(f"corpus: {size / 1e6:.0f} MB, {len(anchors)} anchor expressions, median of {args.runs} runs\n")
    print("| command | seconds | MB/s | x ripgrep (same -j) | peak MiB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (seconds, peak) in results.items():
        peer = results["ripgrep -j1" if "1" in name.split()[-1] else "ripgrep -j2"][0]
        ratio = peer / seconds
        print(f"| {name} | {seconds:.2f} | {size / 1e6 / seconds:,.0f} | {ratio:.2f} | {peak} |")


if __name__ == "__main__":
    main()

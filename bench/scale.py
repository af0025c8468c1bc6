"""Measurements for bench/run.py: a child process's wall time and peak memory, and in-process rates.

Peak memory is the child's own max RSS from ``os.wait4`` (per child, unlike
RUSAGE_CHILDREN, which keeps the maximum over every child so far).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_child(args: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float, int, float]:
    """(wall seconds, peak RSS in MiB, exit code, peak PSS of it and its children in MiB) of ``python -m auditor ARGS``.

    A process's max RSS counts only itself (``wait4`` reports the largest of a tree,
    not the sum), so for a command that starts children (a Dask scan) the tree's PSS
    (shared pages split between the processes sharing them) is sampled while it has
    children, every 20 ms or more: the kernel walks every page to count PSS, so a
    lone process is left to ``wait4`` and the interval keeps sampling under a tenth
    of a core.  That gives what the run really held at its peak, give or take a sample.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "auditor", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    sampler = _TreeMemory(proc.pid)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss / 1024
    return wall, rss, proc.returncode, max(rss, sampler.peak_kib / 1024)


class _TreeMemory(threading.Thread):
    """Peak summed PSS of a process and its descendants while it has any, from /proc (0 where /proc has no PSS)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        interval = 0.02
        while not self._done.wait(interval):
            tree = _tree(self.pid)
            if len(tree) > 1:
                started = time.perf_counter()
                self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in tree))
                # 8 ms for 400 MB: keep it under a tenth of a core
                interval = max(0.02, 10 * (time.perf_counter() - started))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            pending.extend(int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split())
        except OSError:
            pass
    return found


def _pss_kib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return float(line.split()[1])
    except OSError:  # the process has just ended
        pass
    return 0.0


def best_of(runs: int, args: list[str], **kwargs) -> tuple[float, float, int, float]:
    results = [run_child(args, **kwargs) for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def bare_loads(path: Path) -> tuple[float, float]:
    """Seconds for PyYAML's libyaml loader and for auditor's yamlio.load on the same file.

    Measured in a child so that this process stays small: a forked child's max RSS
    counts the pages it inherited.
    """
    out = subprocess.run([sys.executable, __file__, "--bare", str(path)], cwd=ROOT, capture_output=True, text=True, check=True)
    pyyaml, fast = out.stdout.split()
    return float(pyyaml), float(fast)


def _bare(path: Path) -> None:
    import yaml

    from auditor import yamlio

    text = path.read_text(encoding="utf-8")
    start = time.perf_counter()
    yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - safe loader
    pyyaml = time.perf_counter() - start
    start = time.perf_counter()
    yamlio.load(text, source=path)
    print(pyyaml, time.perf_counter() - start)


def terms_pages_per_second(pages: int = 40) -> tuple[float, int]:
    """Cold ``parse_terms`` (empty cache) of a generated multi-page PDF; (pages/s, pages)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from auditor.clauses.cache import parse_terms

    with tempfile.TemporaryDirectory(prefix="auditor-bench-") as tmp:  # removed with what it holds
        workdir = Path(tmp)
        pdf = workdir / "terms.pdf"
        sheet = canvas.Canvas(str(pdf), pagesize=A4)
        clauses = [
            "You may not use Output to develop models that compete with the Provider.",
            "The Materials are licensed for non-commercial research purposes only.",
            "You must include attribution and retain this notice in all copies.",
            "Customer owns the Output generated by the Services.",
            "You may not scrape or crawl the Services or use automated means to extract data.",
        ]
        for page in range(pages):
            y = 800
            sheet.drawString(60, y, f"{page + 1}. Section {page + 1}")
            for line in range(40):
                y -= 18
                sheet.drawString(60, y, f"{page + 1}.{line} " + clauses[(page + line) % len(clauses)])
            sheet.showPage()
        sheet.save()
        start = time.perf_counter()
        parse_terms(pdf, cache_dir=workdir / "cache")
        return pages / (time.perf_counter() - start), pages


def cpu_steal() -> tuple[float, float] | None:
    """(busy, steal) jiffies since boot from /proc/stat; None off Linux.

    On a shared virtual machine the host may take CPU time back (steal); the bench
    reports the share it took during the run, so slow figures can be read for what they are.
    """
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    values = [float(v) for v in fields]
    return sum(values[:3]) + sum(values[5:8]), values[7] if len(values) > 7 else 0.0


def licence_names_per_second(count: int = 5_000) -> float:
    from auditor.licences import identify

    names = ["MIT", "Apache 2.0", "cc by-nc 4.0", "CC-BY-SA-4.0", "GPL v3 or later", "research only", "unknown",
             "Llama 3.1 Community License", "MIT OR Apache-2.0", "BSD 3 clause", "creative commons zero", "odc-by"]
    strings = [names[i % len(names)] + ("" if i % 3 else f" v{i % 7}") for i in range(count)]
    identify("MIT")  # load the index once, as a CLI run does
    start = time.perf_counter()
    for name in strings:
        identify(name)
    return count / (time.perf_counter() - start)


if __name__ == "__main__" and sys.argv[1:2] == ["--bare"]:
    sys.path.insert(0, str(ROOT))
    _bare(Path(sys.argv[2]))

"""A large manifest parsed on the second core gives exactly what the in-process loader gives."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT, two_cores

sys.path.insert(0, str(ROOT / "bench"))
from gen_manifest import generate  # noqa: E402


def run_fresh(code: str) -> str:
    """A fresh interpreter (one thread, nothing imported), as at the start of `audit check`."""
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@two_cores
@pytest.mark.parametrize("extra", ["", "released: 2024-01-01\n"], ids=["plain data", "with a date"])
def test_forked_parse_equals_in_process_parse(tmp_path: Path, extra: str) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(generate(3000) + extra)  # a date crosses as a pickle, plain data as marshal bytes
    assert path.stat().st_size > 256 * 1024
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor import ahead
        path = Path({str(path)!r})
        ahead.start(path)
        print(len(ahead._AHEAD))
        from auditor import yamlio
        text = path.read_text()
        data = ahead.parsed(path, text)
        print(data is not ahead.MISSING and data == yamlio.load(text, source=path))
        """
    )
    assert out.splitlines() == ["1", "True"]


def test_a_changed_or_broken_file_is_parsed_again_by_the_parent(tmp_path: Path) -> None:
    good, broken = tmp_path / "good.yaml", tmp_path / "broken.yaml"
    good.write_text(generate(3000))
    broken.write_text(generate(3000) + "oops: [unclosed\n")
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor import ahead
        good, broken = Path({str(good)!r}), Path({str(broken)!r})
        ahead.start(good)
        ahead.start(broken)
        print(ahead.parsed(good, good.read_text() + "# edited meanwhile") is ahead.MISSING)
        print(ahead.parsed(broken, broken.read_text()) is ahead.MISSING)
        print(ahead.parsed(good, good.read_text()) is ahead.MISSING)  # asked once only
        """
    )
    assert out.splitlines() == ["True", "True", "True"]


def test_cli_error_for_a_large_broken_manifest_is_the_in_process_one(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(generate(3000) + "oops: [unclosed\n")
    proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(broken)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"audit: error: {broken}:") and "invalid YAML" in proc.stderr
    assert proc.stderr.count("\n") == 1

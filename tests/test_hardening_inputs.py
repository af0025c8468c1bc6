"""Issue 13, input bounds: huge numbers, look-alike identifiers, exponential globs."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.waivers import Glob

HEAD = "apiVersion: auditor/v1\nmodel: {name: m, type: llm, use: commercial, release: open-weights"


def check(tmp_path: Path, text: str, *args: str) -> subprocess.CompletedProcess:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "auditor", "check", str(path), *args], capture_output=True, text=True, timeout=120)


# 3: numbers are bounded where they enter


def test_a_five_thousand_digit_licence_or_audience_is_one_line(tmp_path: Path) -> None:
    for text in (HEAD + "}\ndata_sources:\n  - id: d\n    licence: " + "1" * 5000 + "\n",
                 HEAD + ", monthly_active_users: " + "9" * 5000 + "}\n"):
        for fmt in ("text", "html"):
            proc = check(tmp_path, text, "--format", fmt)
            assert proc.returncode == 2 and "Traceback" not in proc.stderr and "m.yaml:" in proc.stderr, proc.stderr


def test_an_overlong_licence_string_is_refused(tmp_path: Path) -> None:
    proc = check(tmp_path, HEAD + "}\ndata_sources:\n  - id: d\n    licence: " + "MIT AND " * 1000 + "MIT\n")
    assert proc.returncode == 2 and "licence" in proc.stderr


# 19: look-alike letters


def test_a_cyrillic_provider_keeps_its_critical_and_gets_its_own_finding(tmp_path: Path) -> None:
    teacher = "}\nteachers:\n  - {id: t, provider: \u041epenai, model: gpt-4o, purpose: [distillation]}\n"
    proc = check(tmp_path, HEAD + teacher)
    assert "AUD101" in proc.stdout and "CRITICAL (1)" in proc.stdout
    assert "AUD710" in proc.stdout and "U+041E" in proc.stdout
    plain = check(tmp_path, HEAD + teacher.replace("\u041e", "O"))
    assert "AUD710" not in plain.stdout


def test_a_data_source_with_greek_letters_gets_a_finding(tmp_path: Path) -> None:
    proc = check(tmp_path, HEAD + "}\ndata_sources:\n  - {id: w\u0456kipedia, licence: CC-BY-SA-4.0}\n")
    assert "AUD711" in proc.stdout
    assert "AUD711" not in check(tmp_path, HEAD + "}\ndata_sources:\n  - {id: wikipédia, licence: CC-BY-SA-4.0}\n").stdout


# 6: globs in linear time


def test_a_pathological_glob_is_fast() -> None:
    started = time.perf_counter()
    assert not Glob("*a*a*a*a*a*a*a*a*b").matches("a" * 60)
    assert time.perf_counter() - started < 1.0  # the regex took 73 s


def _reference(pattern: str) -> re.Pattern[str]:
    return re.compile(re.escape(pattern).replace(r"\*", ".*").replace(r"\?", "."), re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab*?[]", max_size=8), st.text(alphabet="ab[]", max_size=10))
def test_glob_agrees_with_the_regex_it_replaces(pattern: str, text: str) -> None:
    assert Glob(pattern).matches(text) == bool(_reference(pattern).fullmatch(text))


# 4: depth bounds


def test_deeply_nested_bom_and_baseline_are_one_line_errors(tmp_path: Path) -> None:
    import json

    component = {"name": "leaf", "type": "data", "bom-ref": "x"}
    for i in range(250):
        component = {"name": f"c{i}", "type": "library", "bom-ref": f"r{i}", "components": [component]}
    bom = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
           "metadata": {"component": {"type": "machine-learning-model", "name": "m", "bom-ref": "m"}}, "components": [component]}
    (tmp_path / "bom.json").write_text(json.dumps(bom))
    proc = subprocess.run([sys.executable, "-m", "auditor", "convert", str(tmp_path / "bom.json")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "deeper than" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "base.json").write_text('{"findings": ' + "[" * 5000 + "]" * 5000 + "}")
    proc = check(tmp_path, HEAD + "}\n", "--baseline", str(tmp_path / "base.json"))
    assert proc.returncode == 2 and "deeper than" in proc.stderr and "Traceback" not in proc.stderr

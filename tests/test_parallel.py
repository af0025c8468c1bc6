"""Judging half the subjects in a forked child gives exactly the findings of one process."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from auditor.findings import SEVERITIES, Evidence, Finding, findings_from_bytes, findings_to_bytes
from conftest import ROOT
from test_ahead import run_fresh

sys.path.insert(0, str(ROOT / "bench"))


def test_a_forked_audit_reports_what_a_single_process_reports(tmp_path):
    path = tmp_path / "m.yaml"
    from gen_manifest import generate

    path.write_text(generate(800))
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor import engine, forked
        from auditor.formats import render_chunks
        from auditor.pipeline import run_check

        forks = []
        real = forked.run_forked
        forked.run_forked = lambda *a: forks.append(1) or real(*a)

        def report(minimum):
            engine.PARALLEL_MIN_SUBJECTS = minimum
            result = run_check(Path({str(path)!r}))
            return {{fmt: "".join(render_chunks(result, fmt)) for fmt in ("json", "sarif", "text")}}

        alone = report(10**9)
        print(len(forks))
        halves = report(2)
        print(len(forks))
        print(alone == halves)
        """
    )
    assert out.splitlines() == ["0", "1", "True"]


def test_a_child_that_dies_leaves_its_half_to_the_parent():
    out = run_fresh(
        """
        import os
        from auditor.forked import in_halves

        def work(part, here):
            if not here:
                os._exit(3)  # killed, out of memory...
            return [x * 2 for x in part]

        print(in_halves(list(range(10)), work, worth_it=True, encode=repr, decode=eval))
        """
    )
    assert out == str([x * 2 for x in range(10)])


_text = st.text(max_size=20)
_optional = st.none() | _text
_evidence = st.builds(Evidence, _optional, _optional, _optional, st.none() | st.integers(0, 10**6), _optional, _optional, _optional)
_finding = st.builds(
    Finding,
    _text,
    _text,
    st.sampled_from(SEVERITIES),
    _text,
    _text,
    _text,
    _text,
    _text,
    st.lists(_evidence, max_size=3).map(tuple),
    st.sampled_from(["clear", "uncertain"]),
    st.none() | st.integers(1, 10**7),
    key=_text,
    waived=st.just(False),  # the engine's findings: no waiver or baseline yet
    waiver=st.none(),
    new=st.none(),
)


@given(st.lists(_finding, max_size=8))
def test_findings_cross_between_processes_unchanged(findings):
    shared = findings + findings[:2]  # the same finding (and evidence tuple) twice
    back = findings_from_bytes(findings_to_bytes(shared))
    assert back == shared
    assert all(type(f) is Finding and type(f.severity) is type(SEVERITIES[0]) for f in back)
    assert all(type(e) is Evidence for f in back for e in f.evidence)
    if len(findings) >= 1:
        assert back[len(findings)].evidence is back[0].evidence

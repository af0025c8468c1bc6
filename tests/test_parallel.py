"""Judging half the subjects in a forked child gives exactly the findings of one process."""

from __future__ import annotations

import marshal
import sys

from hypothesis import given
from hypothesis import strategies as st

from auditor.facts import Obligation, SubjectFacts
from auditor.findings import SEVERITIES, Evidence, Finding, findings_from_bytes, findings_to_bytes
from auditor.manifest import DataSource
from auditor.model_share import ModelShare, lineage_groups, model_share
from conftest import ROOT, two_cores
from test_ahead import run_fresh

sys.path.insert(0, str(ROOT / "bench"))
from gen_manifest import generate  # noqa: E402


def generated(tmp_path, sources: int):
    path = tmp_path / "m.yaml"
    path.write_text(generate(sources))
    return path


@two_cores
def test_a_forked_audit_reports_what_a_single_process_reports(tmp_path):
    path = generated(tmp_path, 800)
    out = run_fresh(
        f"""
        import os
        from pathlib import Path
        from auditor import engine, forked
        from auditor.formats import render_chunks
        from auditor.pipeline import run_check

        forks = []
        real = forked.run_forked
        forked.run_forked = lambda *a: forks.append(1) or real(*a)

        def report(minimum):
            engine.PARALLEL_MIN_SOURCES = minimum
            result = run_check(Path({str(path)!r}))
            return {{fmt: "".join(render_chunks(result, fmt)) for fmt in ("json", "sarif", "text")}}

        alone = report(10**9)
        print(len(forks))
        halves = report(2)
        print(len(forks))
        print(alone == halves)
        os.environ["AUDITOR_NO_FORK"] = "1"
        print(report(2) == alone, len(forks))
        """
    )
    assert out.splitlines() == ["0", "1", "True", "True 1"]  # AUDITOR_NO_FORK=1: no second fork


@two_cores
def test_progress_counts_the_childs_share_too(tmp_path):
    path = generated(tmp_path, 6000)
    out = run_fresh(
        f"""
        from pathlib import Path
        from auditor.engine import evaluate
        from auditor.inputs import load_input
        from auditor.policy import load_policies

        loaded = load_input(Path({str(path)!r}), None)
        ticks = []
        evaluate(loaded.manifest, load_policies(), tick=ticks.append)
        print(sum(ticks))
        """
    )
    assert 0.75 * 6000 <= int(out) <= 6000 + 1000  # the parent judges 60%; its pace stands for both


def test_a_child_that_dies_leaves_its_half_to_the_parent():
    out = run_fresh(
        """
        import os
        from auditor.forked import in_two

        def work(part, here):
            if not here:
                os._exit(3)  # killed, out of memory...
            return [x * 2 for x in part]

        print(in_two([1, 2], [3, 4], work, encode=repr, decode=eval))
        """
    )
    assert out == str(([2, 4], [6, 8]))


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


# -- the two processes' halves: lineage-closed groups, and the model's share joined back --

_dags = st.integers(1, 30).flatmap(
    lambda n: st.lists(st.lists(st.integers(0, n - 1), max_size=3), min_size=n, max_size=n)
)


def _sources(parents_of: list[list[int]]) -> list[DataSource]:
    # a parent always has a lower index, so lineage has no cycle
    return [DataSource(id=f"s{i}", derived_from=sorted({f"s{p}" for p in ps if p < i})) for i, ps in enumerate(parents_of)]


@given(_dags)
def test_lineage_groups_are_closed_and_cover_every_source(parents_of):
    sources = _sources(parents_of)
    groups = lineage_groups(sources)
    assert sorted(i for g in groups for i in g) == list(range(len(sources)))
    group_of = {i: n for n, g in enumerate(groups) for i in g}
    index_of = {s.id: i for i, s in enumerate(sources)}
    for i, source in enumerate(sources):
        assert all(group_of[index_of[p]] == group_of[i] for p in source.derived_from)
    assert all(g == sorted(g) for g in groups)


@given(parents_of=_dags, share=st.integers(0, 100))
def test_a_split_keeps_lineage_within_each_half(parents_of, share, builtin_policies):
    from audit_helpers import manifest
    from auditor.facts import Inputs
    from auditor.manifest import parse_manifest
    from auditor.subjects import Builder

    sources = [{"id": s.id, "derived_from": s.derived_from} for s in _sources(parents_of)]
    builder = Builder(parse_manifest(manifest(data_sources=sources), source="t.yaml"), builtin_policies, Inputs())
    mine, theirs = builder.split(share)
    assert sorted(mine + theirs) == list(range(len(sources)))
    assert len(theirs) <= len(sources) * share // 100
    half_of = {i: "mine" for i in mine} | {i: "theirs" for i in theirs}
    index_of = {s["id"]: i for i, s in enumerate(sources)}
    for i, source in enumerate(sources):
        assert all(half_of[index_of[p]] == half_of[i] for p in source["derived_from"])


_obligation = st.builds(
    lambda category, origin, source, via: Obligation(category, origin, source, via=via),
    st.sampled_from(["share-alike", "attribution", "naming", "use-restriction", "non-commercial"]),
    st.sampled_from(["licence", "terms"]),
    st.sampled_from(["licence CC-BY-SA-4.0", "licence CC-BY-4.0", "Acme terms"]),
    via=st.sampled_from([(), ("data_sources[0]",)]),
)


@given(st.lists(st.lists(_obligation, max_size=4), min_size=1, max_size=12), st.data())
def test_two_halves_give_the_model_what_one_pass_gives(obligations_of, data):
    facts = [SubjectFacts(f"data_sources[{i}]", f"s{i}", "data_sources", {}, tuple(obs)) for i, obs in enumerate(obligations_of)]
    indices = list(range(len(facts)))
    theirs = sorted(data.draw(st.sets(st.sampled_from(indices))))
    mine = [i for i in indices if i not in theirs]
    whole = model_share(indices, facts)
    their_share = model_share(theirs, [facts[i] for i in theirs])
    carried = ModelShare.from_plain(marshal.loads(marshal.dumps(their_share.to_plain())), {})  # as from a child
    joined = model_share(mine, [facts[i] for i in mine]).joined(carried)
    assert list(joined.families.items()) == list(whole.families.items())
    assert list(joined.carried.items()) == list(whole.carried.items())

"""The collector is kept off settled inputs only while an audit runs: nothing stays frozen afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from auditor.errors import AuditorError
from auditor.heap import settling
from auditor.pipeline import run_check

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "manifest.yaml"


def test_an_audit_leaves_nothing_frozen(tmp_path: Path) -> None:
    before = gc.get_freeze_count()
    result = run_check(SAMPLE, cache_dir=tmp_path)
    assert result.findings  # the audit ran
    assert gc.get_freeze_count() == before == 0


def test_a_failed_audit_leaves_nothing_frozen(tmp_path: Path) -> None:
    broken = tmp_path / "manifest.yaml"
    broken.write_text("apiVersion: auditor/v1\nmodel: {name: m, type: llm}\ndata_sources: [{id: a, derived_from: [b]}]\n")
    with pytest.raises(AuditorError):
        run_check(broken, cache_dir=tmp_path)
    assert gc.get_freeze_count() == 0


def test_settled_objects_come_back_when_the_outermost_block_ends() -> None:
    with settling() as settle:
        kept = [object() for _ in range(3)]  # lists are tracked by the collector
        settle()
        assert gc.get_freeze_count() > 0
        with settling() as inner:
            inner()
        assert gc.get_freeze_count() > 0  # an inner block does not give back the outer block's objects
    assert gc.get_freeze_count() == 0
    assert kept


def test_garbage_made_after_settling_is_still_collected() -> None:
    class Node:
        def __init__(self) -> None:
            self.me = self  # a cycle: only the cyclic collector frees it

    with settling() as settle:
        settle()
        Node()
        assert gc.collect() >= 1

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"

# auditor forks helpers only where a second core can run them
two_cores = pytest.mark.skipif(
    len(os.sched_getaffinity(0)) < 2 if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) < 2,
    reason="needs two cores: auditor runs everything in one process on one",
)


@pytest.fixture(scope="session")
def builtin_policies():
    from auditor.policy import load_policies

    return load_policies()

"""The wheel must carry policies/ and templates/, and every subpackage."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from conftest import ROOT


def test_every_subpackage_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "auditor").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found <= listed


def test_installed_package_finds_its_policies_and_templates(tmp_path):
    """Run from an empty folder so the source tree is not on sys.path (CI installs non-editable)."""
    code = (
        "import auditor, pathlib; from auditor.resources import policies_dir, templates_dir, registry_dir;"
        "from auditor.policy import load_policies;"
        "print(pathlib.Path(auditor.__file__).resolve().parent);"
        "print(policies_dir()); print(templates_dir()); print(len(load_policies().packs));"
        "from auditor.registry import load_registry; print(registry_dir()); print(len(load_registry().entries))"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    if proc.returncode != 0 and "No module named 'auditor'" in proc.stderr:
        pytest.skip("auditor is not installed (run: pip install .)")
    assert proc.returncode == 0, proc.stderr
    package, policies, templates, count, registry, entries = proc.stdout.split()
    if package.startswith(str(ROOT)):
        pytest.skip("editable install: the data folders are the source tree's")
    assert policies.startswith(package) and templates.startswith(package) and registry.startswith(package)
    assert int(count) >= 30 and int(entries) >= 800

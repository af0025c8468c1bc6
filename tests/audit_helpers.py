"""Build small manifests in tests and audit them through the public engine."""

from __future__ import annotations

import copy
from typing import Any

from auditor.engine import evaluate
from auditor.manifest import parse_manifest

BASE: dict[str, Any] = {
    "apiVersion": "auditor/v1",
    "model": {"name": "acme-7b", "type": "llm", "use": "commercial", "release": "open-weights"},
}


def manifest(model: dict | None = None, **sections: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    if model:
        data["model"].update(model)
    data.update(sections)
    return data


def audit(data: dict[str, Any], policies, inputs=None):
    return evaluate(parse_manifest(data, source="test.yaml"), policies, inputs)


def rules_fired(data: dict[str, Any], policies, inputs=None) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in audit(data, policies, inputs):
        out.setdefault(f.rule, []).append(f)
    return out


def teacher(provider: str, model: str, *purposes: str, **extra: Any) -> dict[str, Any]:
    return {"id": extra.pop("id", "t"), "provider": provider, "model": model, "purpose": list(purposes), **extra}


def source(sid: str, licence: str | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"id": sid, **extra}
    if licence is not None:
        data["licence"] = licence
    return data

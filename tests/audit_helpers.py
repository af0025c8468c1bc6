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


def spdx3_bom(path, elements: list[dict[str, Any]], relations: list[tuple[str, str, str]]):
    """A minimal SPDX 3 AI BOM at ``path``: the model AIPackage/m ('acme-7b'), then ``elements``
    (spdxIds relative to the document) and ``relations`` as (from, relationshipType, to)."""
    import json

    base = "https://acme.example/spdx"
    graph: list[dict[str, Any]] = [
        {"type": "CreationInfo", "@id": "_:c", "specVersion": "3.0.1", "created": "2026-01-01T00:00:00Z", "createdBy": [f"{base}/Organization/acme"]},
        {"type": "Organization", "spdxId": f"{base}/Organization/acme", "creationInfo": "_:c", "name": "Acme"},
        {"type": "SpdxDocument", "spdxId": f"{base}/doc", "creationInfo": "_:c", "rootElement": [f"{base}/AIPackage/m"]},
        {"type": "ai_AIPackage", "spdxId": f"{base}/AIPackage/m", "creationInfo": "_:c", "name": "acme-7b",
         "software_primaryPurpose": "model", "ai_typeOfModel": ["large language model"]},
    ]
    graph += [{"creationInfo": "_:c", **element, "spdxId": f"{base}/{element['spdxId']}"} for element in elements]
    graph += [{"type": "Relationship", "spdxId": f"{base}/Relationship/{i}", "creationInfo": "_:c", "from": f"{base}/{source}",
               "relationshipType": kind, "to": [f"{base}/{target}"]} for i, (source, kind, target) in enumerate(relations)]
    path.write_text(json.dumps({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": graph}, indent=1), encoding="utf-8")
    return path

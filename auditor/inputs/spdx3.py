"""SPDX 3.0 JSON-LD documents using the AI and Dataset profiles.

Read as plain JSON (no RDF library: the JSON-LD serialisation is a flat ``@graph``
whose property names are fixed by the SPDX context, so a dictionary walk is exact
and much lighter).  Both compact names (``ai_AIPackage``) and bare ones
(``AIPackage``) are accepted.

Mapping: the ``ai_AIPackage`` is the model (the document's root element when there
are several); ``trainedOn`` and ``testedOn`` relationships from it, or from an element
it contains (a model file), give the data sources (``testedOn`` ones are marked
evaluation-only but kept: a licence can forbid evaluation use too); a dataset's
licence is its ``hasDeclaredLicense`` target, else ``hasConcludedLicense``, else that
of the package that contains it; ``descendantOf`` / ``ancestorOf`` give base models.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from auditor.errors import AuditorError
from auditor.inputs.common import Conversion, IdAllocator, base_model_entry, is_distillation, model_type
from auditor.schemas import MANIFEST_API_VERSION

_LISTED = re.compile(r"^https?://spdx\.org/licenses/(.+?)(?:\.html|\.json)?$")


def kind(element: dict[str, Any]) -> str:
    """'ai_AIPackage', 'AIPackage' or an IRI ending in /AIPackage -> 'AIPackage'."""
    value = element.get("type") or element.get("@type") or ""
    value = value if isinstance(value, str) else ""
    return re.split(r"[_:/#]", value)[-1]


def prop(element: dict[str, Any], prefix: str, name: str) -> Any:
    return element.get(f"{prefix}_{name}", element.get(name))


def convert(data: dict[str, Any], text: str, path: Path) -> Conversion:
    graph = data.get("@graph")
    if not isinstance(graph, list):
        raise AuditorError("expected an SPDX 3 JSON-LD document with a '@graph' list", file=path, field="@graph")
    elements: dict[str, dict[str, Any]] = {}
    index_of: dict[str, int] = {}
    for index, element in enumerate(graph):
        if not isinstance(element, dict):
            raise AuditorError(f"expected an object, found {type(element).__name__}", file=path, field=f"@graph[{index}]")
        key = element.get("spdxId") or element.get("@id")
        if isinstance(key, str):
            elements[key] = element
            index_of[key] = index
    relations: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for index, element in enumerate(graph):
        rel = element.get("relationshipType")
        if rel is None:
            continue
        source, targets = element.get("from"), element.get("to")
        if not isinstance(source, str):
            raise AuditorError("expected the spdxId of an element", file=path, field=f"@graph[{index}].from")
        if isinstance(targets, str):
            targets = [targets]
        if not isinstance(targets, list) or not all(isinstance(t, str) for t in targets):
            raise AuditorError("expected a list of spdxIds", file=path, field=f"@graph[{index}].to")
        relations[str(rel)][source].extend(targets)

    model_id = _pick_model(graph, elements, path)
    model = elements[model_id]
    conv = Conversion(data={"apiVersion": MANIFEST_API_VERSION}, format="SPDX 3 document")
    conv.data["model"] = _model(model, _licence(model_id, elements, relations, path), conv)
    conv.lines["model"] = _line(text, model_id)

    inside = _contained(model_id, relations)
    sources: list[dict[str, Any]] = []
    conv.data["data_sources"] = sources
    ids, teacher_ids = IdAllocator(), IdAllocator()
    seen: set[str] = set()
    for rel, note in (("trainedOn", None), ("testedOn", "evaluation only (testedOn), not trained on")):
        for source in inside:
            for target in relations[rel].get(source, []):
                if target in seen:
                    continue
                seen.add(target)
                sources.append(_data_source(target, elements, relations, ids, conv, note, path))
                conv.lines[f"data_sources[{len(sources) - 1}]"] = _line(text, target)
    if not seen:
        for key, element in elements.items():
            if kind(element) == "DatasetPackage":
                entry = _data_source(key, elements, relations, ids, conv, None, path)
                conv.comment("data_sources", entry["id"], "id", "no trainedOn relationship names it: kept to be safe")
                sources.append(entry)
                conv.lines[f"data_sources[{len(sources) - 1}]"] = _line(text, key)

    bases = list(relations["descendantOf"].get(model_id, []))
    bases += [src for src, targets in relations["ancestorOf"].items() if model_id in targets]
    for base in dict.fromkeys(bases):
        element = elements.get(base, {})
        name = element.get("name") if isinstance(element.get("name"), str) else base.rstrip("/").rsplit("/", 1)[-1]
        base_model_entry(conv, ids, teacher_ids, name=name, relation=None,
                         licence=_licence(base, elements, relations, path) if element else None,
                         url=_download(element), distilled=is_distillation(element.get("comment"), element.get("description")),
                         line=_line(text, base))
    return conv


def _pick_model(graph: list[dict[str, Any]], elements: dict[str, dict[str, Any]], path: Path) -> str:
    models = [k for k, e in elements.items() if kind(e) == "AIPackage"]
    if not models:
        raise AuditorError("no ai_AIPackage element: expected an SPDX 3 document using the AI profile", file=path, field="@graph")
    if len(models) == 1:
        return models[0]
    roots: list[str] = []
    for element in graph:
        for root in element.get("rootElement") or []:
            roots.append(root)
            roots.extend(r for r in (elements.get(root, {}).get("rootElement") or []))
    chosen = [m for m in models if m in roots]
    if len(chosen) == 1:
        return chosen[0]
    raise AuditorError(f"{len(models)} ai_AIPackage elements and no single rootElement among them: "
                       "make the trained model the document's rootElement", file=path, field="rootElement")


def _model(model: dict[str, Any], licence: str | None, conv: Conversion) -> dict[str, Any]:
    out: dict[str, Any] = {"name": str(model.get("name") or model.get("spdxId"))}
    domains = prop(model, "ai", "domain") or []
    types = prop(model, "ai", "typeOfModel") or []
    words = [w for w in [*domains, *types] if isinstance(w, str)]
    found = model_type(None, *words)
    out["type"] = found or "other"
    if not found:
        conv.comment("model", None, "type", "ai_domain / ai_typeOfModel do not say which kind of model this is")
    version = prop(model, "software", "packageVersion")
    if isinstance(version, str):
        out["version"] = version
    text = model.get("summary") or model.get("description")
    parts = [p for p in (text if isinstance(text, str) else None, f"released under {licence}" if licence else None) if p]
    if parts:
        out["description"] = "; ".join(parts)
    return out


def _contained(root: str, relations: dict[str, dict[str, list[str]]]) -> list[str]:
    """The model and everything it contains (trainedOn may start at a model file)."""
    out, todo = [root], [root]
    while todo:
        for child in relations["contains"].get(todo.pop(), []):
            if child not in out:
                out.append(child)
                todo.append(child)
    return out


def _data_source(key: str, elements: dict[str, dict[str, Any]], relations: dict[str, dict[str, list[str]]],
                 ids: IdAllocator, conv: Conversion, note: str | None, path: Path) -> dict[str, Any]:
    element = elements.get(key, {})
    name = element.get("name") if isinstance(element.get("name"), str) else key.rstrip("/").rsplit("/", 1)[-1]
    entry: dict[str, Any] = {"id": ids.take(name), "name": name}
    url = _download(element)
    if url:
        entry["url"] = url
    licence = None
    for holder in _holders(key, relations):
        licence = _licence(holder, elements, relations, path)
        if licence:
            break
    entry["licence"] = licence or "unknown"
    if not licence:
        conv.comment("data_sources", entry["id"], "licence", "no hasDeclaredLicense or hasConcludedLicense relationship")
    described = element.get("summary") or element.get("description")
    parts = [p for p in (note, described if isinstance(described, str) else None) if p]
    if parts:
        entry["description"] = "; ".join(parts)
    return entry


def _holders(key: str, relations: dict[str, dict[str, list[str]]]) -> list[str]:
    """The element, then the packages that contain it, nearest first."""
    parents = {child: parent for parent, children in relations["contains"].items() for child in children}
    out = [key]
    while out[-1] in parents and parents[out[-1]] not in out:
        out.append(parents[out[-1]])
    return out


def _licence(key: str, elements: dict[str, dict[str, Any]], relations: dict[str, dict[str, list[str]]], path: Path) -> str | None:
    for rel in ("hasDeclaredLicense", "hasConcludedLicense"):
        targets = relations[rel].get(key)
        if targets:
            parts = [_expression(t, elements, path, 0) for t in targets]
            return " AND ".join(p for p in parts if p) or None
    return None


# SPDX 3's individuals for "no licence granted" and "not asserted": the SPDX words the licence
# resolver reads (NONE: all rights reserved; NOASSERTION: unknown)
_SPDX_WORDS = {"None": "NONE", "NoneLicense": "NONE", "NoAssertion": "NOASSERTION", "NoAssertionLicense": "NOASSERTION"}


def _expression(ref: Any, elements: dict[str, dict[str, Any]], path: Path, depth: int) -> str:
    """An AnyLicenseInfo element (or its IRI) as an SPDX expression."""
    if depth > 20:
        raise AuditorError("licence expression nested too deeply", file=path)
    if isinstance(ref, dict):
        element = ref
    elif isinstance(ref, str) and ref in elements:
        element = elements[ref]
    elif isinstance(ref, str):
        listed = _LISTED.match(ref)
        if listed:
            return listed.group(1)
        if ref.rsplit("/", 1)[-1] in _SPDX_WORDS:
            return _SPDX_WORDS[ref.rsplit("/", 1)[-1]]
        raise AuditorError(f"licence {ref!r} is neither in the document nor an SPDX License List IRI", file=path)
    else:
        raise AuditorError(f"expected a licence reference, found {type(ref).__name__}", file=path)
    name = kind(element)
    if name == "LicenseExpression":
        value = prop(element, "simplelicensing", "licenseExpression")
        if isinstance(value, str):
            return value
    if name in {"ConjunctiveLicenseSet", "DisjunctiveLicenseSet"}:
        members = prop(element, "expandedlicensing", "member") or []
        glue = " AND " if name.startswith("Conjunctive") else " OR "
        return "(" + glue.join(_expression(m, elements, path, depth + 1) for m in members) + ")"
    if name == "OrLaterOperator":
        return _expression(prop(element, "expandedlicensing", "subjectLicense"), elements, path, depth + 1) + "+"
    if name == "WithAdditionOperator":
        subject = _expression(prop(element, "expandedlicensing", "subjectExtendableLicense"), elements, path, depth + 1)
        addition = prop(element, "expandedlicensing", "subjectAddition")
        addition_name = addition if isinstance(addition, str) else "addition"
        return f"{subject} WITH {addition_name.rsplit('/', 1)[-1]}"
    if name in _SPDX_WORDS:
        return _SPDX_WORDS[name]
    key = element.get("spdxId") or ""
    listed = _LISTED.match(key) if isinstance(key, str) else None
    if listed:
        return listed.group(1)
    return str(element.get("name") or key or "unknown")


def _download(element: dict[str, Any]) -> str | None:
    for name in ("downloadLocation", "homePage"):
        value = prop(element, "software", name)
        if isinstance(value, str) and value.upper() not in {"NOASSERTION", "NONE"}:
            return value
    return None


def _line(text: str, key: str) -> int:
    """Line of the element whose spdxId is ``key`` (else of its first mention)."""
    match = re.search(r'"(?:spdxId|@id)"\s*:\s*' + re.escape(f'"{key}"'), text)
    position = match.start() if match else text.find(f'"{key}"')
    return text.count("\n", 0, position) + 1 if position >= 0 else 1

"""CycloneDX 1.5 / 1.6 JSON BOMs with a machine-learning-model component.

``cyclonedx-python-lib`` is used for one thing: validating the BOM against the
official CycloneDX JSON schema it bundles (offline, per specVersion).  Its object
model is not used to read the BOM because it does not model ``modelCard`` at all,
so deserialising would drop exactly the fields this converter needs; the validated
JSON is read directly instead.

Mapping: the model is ``metadata.component`` when it is a machine-learning-model,
else the BOM's only one; ``modelCard.modelParameters.datasets`` (refs to ``data``
components, or inline datasets) become data sources with the component's licences
(``license.id`` / ``license.name`` / ``expression``; several all apply; declared
ones win over concluded ones); other ``data`` components are kept too (a BOM lists
them for a reason); ``pedigree.ancestors`` of the model are its base models.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.inputs.common import (
    Conversion,
    IdAllocator,
    base_model_entry,
    is_distillation,
    join_licences,
    model_type,
    provider_of,
)
from auditor.schemas import MANIFEST_API_VERSION

SPEC_VERSIONS = ("1.5", "1.6", "1.7")
ML = "machine-learning-model"


def convert(data: dict[str, Any], text: str, path: Path) -> Conversion:
    spec = data.get("specVersion")
    if spec not in SPEC_VERSIONS:
        raise AuditorError(f"got specVersion {spec!r}; expected 1.5 or 1.6 (model cards need CycloneDX 1.5 or later)",
                           file=path, line=_line(text, '"specVersion"'), field="specVersion")
    _validate(text, spec, path)
    components = list(_walk(data))
    models = [(where, c) for where, c in components if c.get("type") == ML]
    if not models:
        raise AuditorError("no component of type 'machine-learning-model': expected the BOM of a trained model",
                           file=path, field="components")
    where, model = _pick(data, models, path)
    by_ref = {c["bom-ref"]: c for _, c in components if isinstance(c.get("bom-ref"), str)}

    conv = Conversion(data={"apiVersion": MANIFEST_API_VERSION}, format=f"CycloneDX {spec} BOM")
    conv.data["model"] = _model(model, where, conv)
    conv.lines["model"] = _ref_line(text, model)
    sources: list[dict[str, Any]] = []
    conv.data["data_sources"] = sources
    ids, teacher_ids = IdAllocator(), IdAllocator()
    used: set[int] = set()
    params = _mapping(_mapping(model.get("modelCard"), f"{where}.modelCard", path).get("modelParameters"),
                      f"{where}.modelCard.modelParameters", path)
    datasets = params.get("datasets") or []
    for index, item in enumerate(datasets):
        field = f"{where}.modelCard.modelParameters.datasets[{index}]"
        item = _mapping(item, field, path)
        if "ref" in item:
            target = by_ref.get(item["ref"]) if isinstance(item["ref"], str) else None
            if target is None:
                raise AuditorError(f"ref {item['ref']!r} matches no component's bom-ref", file=path,
                                   line=_line(text, f'"ref": "{item["ref"]}"'), field=f"{field}.ref")
            used.add(id(target))
            sources.append(_data_source(target, ids, conv, text))
            item = target
        else:  # an inline dataset: CycloneDX gives it no licence field
            entry = _data_source(item, ids, conv, text)
            conv.comment("data_sources", entry["id"], "licence", "an inline model-card dataset has no licence field; give it in an overlay")
            sources.append(entry)
        conv.lines[f"data_sources[{len(sources) - 1}]"] = _ref_line(text, item) or conv.lines["model"]
    for _, component in components:
        if component.get("type") == "data" and id(component) not in used:
            entry = _data_source(component, ids, conv, text)
            conv.comment("data_sources", entry["id"], "id", "a data component the model card does not list: kept to be safe")
            sources.append(entry)
            conv.lines[f"data_sources[{len(sources) - 1}]"] = _ref_line(text, component)
    if not datasets:
        conv.comment("model", None, "name", "the model card lists no datasets (modelCard.modelParameters.datasets)")

    pedigree = _mapping(model.get("pedigree"), f"{where}.pedigree", path)
    notes = pedigree.get("notes") if isinstance(pedigree.get("notes"), str) else None
    for index, ancestor in enumerate(pedigree.get("ancestors") or []):
        ancestor = _mapping(ancestor, f"{where}.pedigree.ancestors[{index}]", path)
        name = _full_name(ancestor)
        base_model_entry(conv, ids, teacher_ids, name=name, relation="finetune" if notes and "fine" in notes.lower() else None,
                         licence=_licences(ancestor.get("licenses")), url=_url(ancestor),
                         provider=provider_of(_publisher(ancestor)), distilled=is_distillation(notes, ancestor.get("description")),
                         line=_ref_line(text, ancestor) or conv.lines.get("model"))
    return conv


def _validate(text: str, spec: str, path: Path) -> None:
    """Schema-check with the library's bundled CycloneDX schema; skipped if the library is absent."""
    try:
        from cyclonedx.exception import MissingOptionalDependencyException
        from cyclonedx.schema import SchemaVersion
        from cyclonedx.validation.json import JsonValidator
    except ImportError:  # pragma: no cover - the structural checks below still apply
        return
    try:
        error = JsonValidator(SchemaVersion.from_version(spec)).validate_str(text)
    except MissingOptionalDependencyException:  # pragma: no cover - jsonschema missing
        return
    if error is None:
        return
    from jsonschema.exceptions import best_match

    best = best_match([error.data]) or error.data
    field = yamlio.format_path(tuple(best.absolute_path))
    if best.validator == "enum":
        message = f"{best.instance!r} is not an allowed value"
        if field.endswith("license.id"):
            message += " (license.id takes SPDX ids only; put other licences in license.name)"
    else:
        message = best.message if len(best.message) <= 160 else best.message[:157] + "..."
    raise AuditorError(f"not a valid CycloneDX {spec} BOM: {message}", file=path, field=field or None)


def _walk(data: dict[str, Any], where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every component with its JSON path: metadata.component first, then nested components."""
    meta = data.get("metadata") if not where else None
    if isinstance(meta, dict) and isinstance(meta.get("component"), dict):
        yield "metadata.component", meta["component"]
        yield from _walk(meta["component"], "metadata.component")
    for index, component in enumerate(data.get("components") or []):
        if isinstance(component, dict):
            here = f"{where + '.' if where else ''}components[{index}]"
            yield here, component
            yield from _walk(component, here)


def _pick(data: dict[str, Any], models: list[tuple[str, dict[str, Any]]], path: Path) -> tuple[str, dict[str, Any]]:
    if models[0][0] == "metadata.component" or len(models) == 1:
        return models[0]
    names = ", ".join(_full_name(c) for _, c in models[:5])
    raise AuditorError(f"several machine-learning-model components ({names}): set metadata.component to the model to audit",
                       file=path, field="metadata.component")


def _model(model: dict[str, Any], where: str, conv: Conversion) -> dict[str, Any]:
    card = model.get("modelCard") if isinstance(model.get("modelCard"), dict) else {}
    params = card.get("modelParameters") if isinstance(card.get("modelParameters"), dict) else {}
    out: dict[str, Any] = {"name": str(model.get("name") or _full_name(model))}
    kind = model_type(params.get("task"), params.get("architectureFamily"), params.get("modelArchitecture"))
    out["type"] = kind or "other"
    if not kind:
        conv.comment("model", None, "type", "modelParameters.task is missing or not one this tool knows")
    if isinstance(model.get("version"), str):
        out["version"] = model["version"]
    licence = _licences(model.get("licenses"))
    description = model.get("description") if isinstance(model.get("description"), str) else None
    parts = [p for p in (description, f"released under {licence}" if licence else None) if p]
    if parts:
        out["description"] = "; ".join(parts)
    return out


def _data_source(component: dict[str, Any], ids: IdAllocator, conv: Conversion, text: str) -> dict[str, Any]:
    name = _full_name(component)
    entry: dict[str, Any] = {"id": ids.take(component.get("name") or name), "name": name}
    url = _url(component)
    if url:
        entry["url"] = url
    licence = _licences(component.get("licenses"))
    entry["licence"] = licence or "unknown"
    if not licence and "licenses" not in component and component.get("type") == "data":
        conv.comment("data_sources", entry["id"], "licence", "the data component declares no licence")
    if isinstance(component.get("description"), str):
        entry["description"] = component["description"]
    return entry


def _licences(entries: Any) -> str | None:
    if not isinstance(entries, list):
        return None
    entries = [e for e in entries if isinstance(e, dict)]

    def acknowledged(entry: dict[str, Any]) -> str | None:
        inner = entry.get("license") if isinstance(entry.get("license"), dict) else entry
        return inner.get("acknowledgement")

    declared = [e for e in entries if acknowledged(e) == "declared"]
    parts = []
    for entry in declared or entries:
        if isinstance(entry.get("expression"), str):
            parts.append(entry["expression"])
        elif isinstance(entry.get("license"), dict):
            licence = entry["license"]
            value = licence.get("id") or licence.get("name")
            if isinstance(value, str):
                parts.append(value)
    return join_licences(parts)


def _full_name(component: dict[str, Any]) -> str:
    name = str(component.get("name") or component.get("bom-ref") or "unnamed")
    group = component.get("group")
    return f"{group}/{name}" if isinstance(group, str) and group else name


def _publisher(component: dict[str, Any]) -> str | None:
    for key in ("group", "publisher"):
        if isinstance(component.get(key), str):
            return component[key]
    supplier = component.get("supplier")
    return supplier.get("name") if isinstance(supplier, dict) and isinstance(supplier.get("name"), str) else None


def _url(component: dict[str, Any]) -> str | None:
    refs = [r for r in component.get("externalReferences") or [] if isinstance(r, dict) and isinstance(r.get("url"), str)]
    for kind in ("distribution", "website", "vcs"):
        for ref in refs:
            if ref.get("type") == kind:
                return ref["url"]
    if refs:
        return refs[0]["url"]
    for block in component.get("data") or [component]:
        contents = block.get("contents") if isinstance(block, dict) else None
        if isinstance(contents, dict) and isinstance(contents.get("url"), str):
            return contents["url"]
    return None


def _mapping(value: Any, field: str, path: Path) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise AuditorError(f"expected an object, found {type(value).__name__}", file=path, field=field)
    return value


def _ref_line(text: str, component: dict[str, Any]) -> int:
    ref = component.get("bom-ref")
    if isinstance(ref, str):
        return _line(text, f'"bom-ref": "{ref}"') or _line(text, ref) or 1
    name = component.get("name")
    return (_line(text, f'"name": "{name}"') if isinstance(name, str) else None) or 1


def _line(text: str, needle: str) -> int | None:
    match = re.search(re.escape(needle).replace(r"\ ", r"\s*").replace(":", r"\s*:"), text)
    return text.count("\n", 0, match.start()) + 1 if match else None

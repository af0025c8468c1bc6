"""Hugging Face model and dataset cards: the YAML front matter of a README.md.

A **model card** gives the model (name from ``model-index``, else ``model_name``, else
the first heading, else the folder; type from ``pipeline_tag``), its own licence
(kept in the model description: the manifest has no field for the model's outgoing
licence), ``datasets`` (data sources whose licence is unknown: the card does not say
it, an overlay can) and ``base_model`` (see ``common``: a data source with
``origin: licensed`` unless the card says the model was distilled).

A **dataset card** describes one data source (its licence, how it was created,
``source_datasets`` it extends); the model it would train is then a placeholder,
audited under the conservative defaults unless an overlay names it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.inputs.common import (
    Conversion,
    IdAllocator,
    base_model_entry,
    canonical_licence,
    is_distillation,
    join_licences,
    model_type,
    provider_of,
    slug,
)
from auditor.schemas import MANIFEST_API_VERSION

FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)(?:\r?\n)?^---[ \t]*$", re.DOTALL | re.MULTILINE)

_DATASET_KEYS = {"task_categories", "size_categories", "annotations_creators", "language_creators",
                 "source_datasets", "dataset_info", "pretty_name", "multilinguality", "configs", "task_ids"}
_MODEL_KEYS = {"pipeline_tag", "base_model", "model-index", "library_name", "datasets", "model_name", "widget"}

# models named in dataset tags -> generated_by (the licence label does not lift a teacher's terms)
GENERATOR_TAGS = {"gpt-4": "openai/gpt-4", "gpt4": "openai/gpt-4", "gpt-4o": "openai/gpt-4o",
                   "gpt-3.5": "openai/gpt-3.5-turbo", "chatgpt": "openai/gpt-3.5-turbo",
                   "claude": "anthropic/claude", "gemini": "google/gemini"}


def front_matter(text: str) -> tuple[str, int] | None:
    """The front matter's YAML and the line it starts on, or None when there is none."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None
    return match.group(1), 2


def convert(text: str, path: Path) -> Conversion:
    found = front_matter(text)
    if found is None:
        raise AuditorError(
            "a Hugging Face card needs YAML front matter: a '---' line, the metadata, and a closing '---' line at the top",
            file=path, line=1,
        )
    yaml_text, first = found
    card = _load(yaml_text, first, path)
    lines = yamlio.LineIndex(yaml_text)
    where = _Where(path, lines, first - 1)
    is_dataset = bool(_DATASET_KEYS & card.keys()) and not (_MODEL_KEYS & card.keys())
    conv = Conversion(data={"apiVersion": MANIFEST_API_VERSION}, format="Hugging Face dataset card" if is_dataset else "Hugging Face model card")
    if is_dataset:
        _dataset_card(conv, card, text, path, where)
    else:
        _model_card(conv, card, text, path, where)
    return conv


def _load(yaml_text: str, first: int, path: Path) -> dict[str, Any]:
    try:
        card = yamlio.load(yaml_text, source=path)
    except AuditorError as exc:
        raise AuditorError(exc.message + " (in the card's front matter)", file=path,
                           line=(exc.line + first - 1) if exc.line else None) from None
    if card is None:
        card = {}
    if not isinstance(card, dict):
        raise AuditorError(f"expected the front matter to be a mapping of keys, found {type(card).__name__}", file=path, line=first)
    return card


class _Where:
    """Checks value types and names the card's line when one is wrong."""

    def __init__(self, path: Path, lines: yamlio.LineIndex, offset: int) -> None:
        self.path, self.lines, self.offset = path, lines, offset

    def line(self, *keys: str | int) -> int | None:
        found = self.lines.line(tuple(keys))
        return found + self.offset if found else None

    def string(self, card: dict[str, Any], key: str) -> str | None:
        value = card.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise AuditorError(f"expected a string, found {type(value).__name__}", file=self.path, line=self.line(key), field=key)
        return value.strip() or None

    def strings(self, card: dict[str, Any], key: str) -> list[str]:
        value = card.get(key)
        if value is None:
            return []
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise AuditorError(f"expected a string or a list of strings, found {type(value).__name__}",
                               file=self.path, line=self.line(key), field=key)
        out = []
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise AuditorError(f"expected a string, found {type(item).__name__}",
                                   file=self.path, line=self.line(key, index), field=f"{key}[{index}]")
            if item.strip():
                out.append(item.strip())
        return out


def _licence(card: dict[str, Any], where: _Where) -> tuple[str | None, str | None]:
    """(licence, link) from license / license_name / license_link; 'other' gives way to license_name."""
    ids = where.strings(card, "license")
    name = where.string(card, "license_name")
    link = where.string(card, "license_link")
    parts = [name if (i.lower() == "other" and name) else canonical_licence(i) for i in ids] or ([name] if name else [])
    return join_licences(parts), link


def _is_url(link: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*:", link, re.IGNORECASE))


def _model_card(conv: Conversion, card: dict[str, Any], text: str, path: Path, where: _Where) -> None:
    name = _model_name(card, text, path, where)
    tags = where.strings(card, "tags")
    pipeline = where.string(card, "pipeline_tag")
    model: dict[str, Any] = {"name": name}
    kind = model_type(pipeline, *(t for t in tags if t in {"llm", "embedding", "vision", "speech"}))
    model["type"] = kind or "other"
    if not kind:
        conv.comment("model", None, "type", "the card has no pipeline_tag this tool knows")
    licence, link = _licence(card, where)
    if licence:
        model["description"] = f"released under {licence}" + (f", licence text: {link}" if link else "")
    conv.data["model"] = model
    conv.lines["model"] = 1

    sources: list[dict[str, Any]] = []
    conv.data["data_sources"] = sources
    ids, teacher_ids = IdAllocator(), IdAllocator()
    for index, dataset in enumerate(where.strings(card, "datasets")):
        source_id = ids.take(dataset)
        sources.append({"id": source_id, "name": dataset, "url": _hub_url(dataset, "datasets"), "licence": "unknown"})
        conv.comment("data_sources", source_id, "licence", "a card's datasets list carries no licence; give it in an overlay")
        conv.lines[f"data_sources[{len(sources) - 1}]"] = where.line("datasets", index) or 1

    relation = where.string(card, "base_model_relation")
    distilled = is_distillation(relation, *tags)
    for index, base in enumerate(where.strings(card, "base_model")):
        base_model_entry(conv, ids, teacher_ids, name=base, relation=relation or "finetune",
                         url=_hub_url(base, ""), provider=provider_of(base.split("/", 1)[0]) if "/" in base else None,
                         distilled=distilled, line=where.line("base_model", index) or where.line("base_model") or None)
    if not sources:  # no data listed: never a clean pass by silence
        sources.append({"id": "undeclared-training-data", "name": "training data the card does not list"})
        conv.comment("data_sources", "undeclared-training-data", "id",
                     "the card lists no training data; declare what the model was trained on")
        conv.lines["data_sources[0]"] = 1
    if licence:
        conv.comment("model", None, "description", "the card's license is the model's own: the manifest records it here")


def _dataset_card(conv: Conversion, card: dict[str, Any], text: str, path: Path, where: _Where) -> None:
    title = where.string(card, "pretty_name") or _heading(text) or _folder_name(path)
    licence, link = _licence(card, where)
    source_id = slug(title)
    entry: dict[str, Any] = {"id": source_id, "name": title, "licence": licence or "unknown"}
    if link and not _is_url(link):
        entry["licence_file"] = link
    elif link:
        entry["description"] = f"licence text: {link}"
    tags = [t.lower() for t in where.strings(card, "tags")]
    creators = {c.lower() for c in where.strings(card, "language_creators") + where.strings(card, "annotations_creators")}
    origin = _origin(creators, tags)
    if origin:
        entry["origin"] = origin
    generators = sorted({GENERATOR_TAGS[t] for t in tags if t in GENERATOR_TAGS})
    if generators:
        entry["generated_by"] = generators
        conv.comment("data_sources", source_id, "generated_by", "inferred from the card's tags")
    conv.data["model"] = {"name": f"model trained on {title}", "type": "other"}
    conv.comment("model", None, "name", "a dataset card names no model; set it in an overlay")
    sources = [entry]
    ids = IdAllocator()
    ids.take(source_id)
    parents = []
    for index, item in enumerate(where.strings(card, "source_datasets")):
        if item.lower() == "original":
            continue
        parent = item.split("|", 1)[1] if item.lower().startswith("extended|") else item
        parent_id = ids.take(parent)
        sources.append({"id": parent_id, "name": parent, "url": _hub_url(parent, "datasets"), "licence": "unknown"})
        conv.comment("data_sources", parent_id, "licence", "listed in source_datasets without a licence; give it in an overlay")
        conv.lines[f"data_sources[{len(sources) - 1}]"] = where.line("source_datasets", index) or 1
        parents.append(parent_id)
    if parents:
        entry["derived_from"] = parents
    if not licence:
        conv.comment("data_sources", source_id, "licence", "the card states no license")
    conv.data["data_sources"] = sources
    conv.lines["data_sources[0]"] = where.line("license") or 1
    conv.lines["model"] = 1


def _origin(creators: set[str], tags: list[str]) -> str | None:
    kinds = set()
    if "synthetic" in tags or "machine-generated" in creators:
        kinds.add("generated")
    if "found" in creators:
        kinds.add("scraped")
    if creators & {"crowdsourced", "expert-generated"}:
        kinds.add("human")
    if len(kinds) > 1:
        return "mixed"
    return kinds.pop() if kinds else None


def _model_name(card: dict[str, Any], text: str, path: Path, where: _Where) -> str:
    index = card.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], dict) and isinstance(index[0].get("name"), str):
        if index[0]["name"].strip():
            return index[0]["name"].strip()
    # not the first heading: headings carry markup and emoji, and feed the naming checks
    return where.string(card, "model_name") or _folder_name(path)


def _heading(text: str) -> str | None:
    match = re.search(r"^#[ \t]+(.+?)[ \t#]*$", FRONT_MATTER.sub("", text, count=1), re.MULTILINE)
    return match.group(1).strip() if match else None


def _folder_name(path: Path) -> str:
    return path.resolve().parent.name or "model"


def _hub_url(repo: str, kind: str) -> str | None:
    if re.match(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$", repo):
        return f"https://huggingface.co/{kind + '/' if kind else ''}{repo}"
    return repo if repo.startswith(("http://", "https://")) else None

"""Shared mapping rules, so every input format says the same thing the same way.

Two choices here shape every conversion:

- **Conservative defaults.** What a BOM or card cannot say (how the model is used and
  released) defaults to the assumption under which the most terms bite:
  ``use: commercial`` and ``release: open-weights``.  Each default is recorded as a
  warning, so ``audit convert`` comments it and ``audit check`` says it on stderr.
- **Base models are not teachers.** A teacher is a model whose *outputs* were used.
  A base model that was fine-tuned, adapted, merged or quantized contributed its
  *weights*, so it goes to ``model.base_models``, whose licence (inferred from the
  policy packs) applies to the derivative.  Only when the source
  says the model was *distilled* from another is that other model a teacher with
  purpose ``distillation``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CONSERVATIVE = {"use": "commercial", "release": "open-weights"}

# Hugging Face pipeline tags / CycloneDX tasks -> manifest model.type
_TASK_TYPES: dict[str, str] = {}
for _type, _tasks in {
    "llm": "text-generation text2text-generation conversational question-answering summarization translation "
    "table-question-answering",
    "embedding": "feature-extraction sentence-similarity",
    "classifier": "text-classification token-classification zero-shot-classification tabular-classification "
    "fill-mask",
    "vision": "image-classification object-detection image-segmentation depth-estimation text-to-image "
    "image-to-image unconditional-image-generation zero-shot-image-classification mask-generation "
    "image-feature-extraction video-classification text-to-video",
    "speech": "automatic-speech-recognition text-to-speech text-to-audio audio-classification audio-to-audio "
    "voice-activity-detection",
    "multimodal": "image-text-to-text image-to-text visual-question-answering document-question-answering "
    "video-text-to-text any-to-any visual-document-retrieval",
}.items():
    for _task in _tasks.split():
        _TASK_TYPES[_task] = _type

# free words (SPDX ai_domain / ai_typeOfModel, CycloneDX architecture) -> model.type
_WORD_TYPES = (
    ("language model", "llm"),
    ("llm", "llm"),
    ("causallm", "llm"),
    ("embedding", "embedding"),
    ("classif", "classifier"),
    ("speech", "speech"),
    ("audio", "speech"),
    ("multimodal", "multimodal"),
    ("vision", "vision"),
    ("image", "vision"),
    ("natural language", "llm"),
)

@dataclass
class Conversion:
    """An input mapped onto manifest-shaped data, with what had to be assumed."""

    data: dict[str, Any]
    format: str
    # (section, id or None, field) -> comment shown by `audit convert`
    comments: dict[tuple[str, str | None, str], str] = field(default_factory=dict)
    # assumptions that can change the verdict: stderr warnings in `audit check`
    warnings: list[str] = field(default_factory=list)
    # subject such as "data_sources[2]" -> line in the source file, for reports
    lines: dict[str, int] = field(default_factory=dict)
    # merged-manifest path -> overlay path, so errors name the overlay (see overlay.blame)
    from_overlay: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)

    def comment(self, section: str, entry_id: str | None, key: str, text: str) -> None:
        self.comments[(section, entry_id, key)] = text


def model_type(task: str | None, *words: str | None) -> str | None:
    """A manifest model type from a task tag, else from free descriptive words."""
    if task:
        found = _TASK_TYPES.get(task.strip().lower())
        if found:
            return found
    text = " ".join(w for w in words if w).lower()
    for word, kind in _WORD_TYPES:
        if word in text:
            return kind
    return None


def slug(text: str) -> str:
    """A readable id: the last path segment, lowercased, with runs of other characters as '-'."""
    tail = text.rstrip("/").rsplit("/", 1)[-1]
    out = re.sub(r"[^a-z0-9.]+", "-", tail.lower()).strip("-.")
    return out or "source"


class IdAllocator:
    """Unique ids within one section; a clash gets the organisation, then a number."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def take(self, name: str) -> str:
        base = slug(name)
        candidates = [base]
        if "/" in name.rstrip("/"):
            candidates.append(slug(name.replace("/", "-")))
        for candidate in candidates:
            if candidate not in self._used:
                self._used.add(candidate)
                return candidate
        n = 2
        while f"{base}-{n}" in self._used:
            n += 1
        self._used.add(f"{base}-{n}")
        return f"{base}-{n}"


def canonical_licence(value: str) -> str:
    """SPDX spelling when license-expression knows the ids ('apache-2.0' -> 'Apache-2.0'); else as given."""
    text = value.strip()
    try:
        parsed = _licensing().parse(text, validate=True, strict=False)
    except Exception:  # noqa: BLE001 - unknown keys, syntax errors, a missing library: keep the user's words
        return text
    return str(parsed) if parsed is not None else text


_LICENSING: Any = None


def _licensing() -> Any:
    """Loaded on first use: building the SPDX index takes a moment."""
    global _LICENSING
    if _LICENSING is None:
        from license_expression import get_spdx_licensing

        _LICENSING = get_spdx_licensing()
    return _LICENSING


def join_licences(parts: list[str]) -> str | None:
    """Several declared licences all apply (conservative): 'A AND (B OR C)'."""
    parts = [p.strip() for p in parts if p and p.strip()]
    unique = list(dict.fromkeys(parts))
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    return " AND ".join(f"({p})" if " OR " in p.upper() else p for p in unique)


def provider_of(org: str | None) -> str | None:
    """A Hugging Face organisation as a provider id ('meta-llama' -> 'meta'), through providers.yaml's aliases.

    Look-alike letters are left as written: 'Оpenai' with a Cyrillic О must reach the
    audit as written, where it is flagged (AUD706), not be quietly made 'openai' here.
    """
    if not org:
        return None
    from auditor.policy import builtin_providers

    written = org.strip().lower()
    return (builtin_providers().resolve_provider(written) if written.isascii() else None) or written


def is_distillation(*texts: str | None) -> bool:
    return any(t and re.search(r"\bdistill", t, re.IGNORECASE) for t in texts)


def base_model_entry(
    conv: Conversion,
    ids: IdAllocator,
    teacher_ids: IdAllocator,
    *,
    name: str,
    relation: str | None,
    licence: str | None = None,
    url: str | None = None,
    provider: str | None = None,
    distilled: bool = False,
    line: int | None = None,
) -> None:
    """Record a model this one was built from (see the module docstring for why), at ``line`` of the input."""
    if distilled:
        model = name.rstrip("/").rsplit("/", 1)[-1].lower()
        org = name.split("/", 1)[0] if "/" in name else None
        teacher_id = teacher_ids.take(name)
        teachers = conv.data.setdefault("teachers", [])
        teachers.append(
            {
                "id": teacher_id,
                "provider": provider or provider_of(org) or "unknown",
                "model": model,
                "purpose": ["distillation"],
                "description": f"distilled from {name}",
            }
        )
        conv.comment("teachers", teacher_id, "purpose", "the source says this model was distilled from it")
        if line:
            conv.lines[f"teachers[{len(teachers) - 1}]"] = line
        return
    # weights, not outputs: model.base_models; a licence the source states is the base model's licence
    model = conv.data.setdefault("model", {})
    bases = model.setdefault("base_models", [])
    names = [b["name"] if isinstance(b, dict) else b for b in bases]
    if name in names:
        return
    entry: str | dict[str, str] = name
    if licence:
        entry = {"name": name, "licence": licence, **({"url": url} if url else {})}
    bases.append(entry)
    if line:
        conv.lines[f"model.base_models[{len(bases) - 1}]"] = line
    note = f"fine-tuned or merged from these weights ({relation or 'derived'}); their licence applies"
    if licence:
        note += "; the licence is the one the source states"
    conv.comment("model", None, "base_models", note)


def apply_defaults(conv: Conversion) -> None:
    """Fill model.use / model.release conservatively and say so."""
    model = conv.data.setdefault("model", {})
    for key, value in CONSERVATIVE.items():
        if not model.get(key):
            model[key] = value
            conv.comment("model", None, key, f"ASSUMED {value}: this {conv.format} cannot say; set it in an overlay")
            conv.warnings.append(
                f"model.{key} is not stated by this {conv.format}; assuming '{value}' "
                f"(the strictest case): set it with --overlay"
            )

"""Trace patterns, loaded from ``traces.yaml``: what a model's output looks like.

The patterns are data so that a reviewer can read, extend and test them without
touching the matcher.  Templates are expanded once per provider here; nothing
downstream knows that a trace came from a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

FAMILIES = ("self-identification", "boilerplate", "refusal", "model-in-voice", "knowledge-cutoff", "ai-voice", "reasoning-markup")


@dataclass(frozen=True)
class Trace:
    """One kind of evidence: its provider (None when generic), family and weight."""

    id: str
    family: str
    provider: str | None
    weight: float
    anchors: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Identity:
    """A declared identity ("I am Vicuna, trained by LMSYS"): its maker and, if stated, its name."""

    anchors: tuple[str, ...]
    maker: re.Pattern[str]
    name: re.Pattern[str]


@dataclass(frozen=True)
class TraceSet:
    traces: tuple[Trace, ...]
    identity: Identity
    names: frozenset[str]  # every provider's maker and model names, lower case: not a student's


def _regex(text: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # patterns are written over several lines in YAML; the line breaks are not part of them
    return re.compile("".join(line.strip() for line in text.splitlines()), flags)


def _expand(template: dict, provider: str, makers: list[str], models: list[str]) -> Trace:
    def fill(text: str, **names: str) -> str:
        return text.replace("{provider}", provider).replace("{maker}", "|".join(makers)).replace("{model}", "|".join(models)).format_map(
            _Keep(names)
        )

    anchors: list[str] = []
    for anchor in template["anchors"]:
        if "{maker_anchor}" in anchor:
            anchors += [anchor.replace("{maker_anchor}", name) for name in makers]
        elif "{model_anchor}" in anchor:
            anchors += [anchor.replace("{model_anchor}", name) for name in models]
        else:
            anchors.append(anchor)
    return Trace(
        id=fill(template["id"]),
        family=template["family"],
        provider=provider,
        weight=float(template["weight"]),
        anchors=tuple(anchors),
        pattern=_regex(fill(template["pattern"])),
    )


class _Keep(dict):
    """format_map helper that leaves unknown {names} (regex quantifiers such as {0,60}) alone."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@lru_cache(maxsize=1)
def load_traces() -> TraceSet:
    """The built-in trace set (read once per process)."""
    from auditor import yamlio

    source = resources.files("auditor.scan").joinpath("traces.yaml")
    data = yamlio.load(source.read_text(encoding="utf-8"), source=str(source))  # the one YAML path: a key twice is an error
    traces: list[Trace] = []
    names: set[str] = set()
    for provider, entry in data["providers"].items():
        makers, models = list(entry["makers"]), list(entry["models"])
        names.update(re.sub(r"\\(.)", r"\1", n).lower() for n in makers + models)
        for template in data["templates"]:
            traces.append(_expand(template, provider, makers, models))
    for entry in data["traces"]:
        if entry["family"] not in FAMILIES:
            raise ValueError(f"traces.yaml: {entry['id']}: unknown family {entry['family']}")
        traces.append(
            Trace(
                id=entry["id"],
                family=entry["family"],
                provider=entry["provider"],
                weight=float(entry["weight"]),
                anchors=tuple(entry["anchors"]),
                pattern=_regex(entry["pattern"]),
            )
        )
    ident = data["identity"]
    return TraceSet(tuple(traces), Identity(tuple(ident["anchors"]), _regex(ident["maker"], 0), _regex(ident["name"], 0)), frozenset(names))

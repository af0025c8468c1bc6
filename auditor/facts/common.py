"""What every subject's facts are made of: the inputs read from disk, the subject record, the model facts all share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from auditor.licences import LicenceMatch
from auditor.manifest import RELEASED, Manifest

if TYPE_CHECKING:  # pragma: no cover
    from auditor.facts.obligations import Obligation

@dataclass(frozen=True)
class DocClause:
    """A clause detected in a supplied terms document, reduced to what rules cite."""

    category: str
    section: str | None
    page: int | None
    quote: str
    document: str
    confidence: float = 1.0



@dataclass(frozen=True)
class Inputs:
    """What the CLI read from disk for the engine: parsed terms and identified licence files."""

    terms: Mapping[str, tuple[DocClause, ...]] = field(default_factory=dict)  # subject -> clauses
    licence_files: Mapping[str, LicenceMatch] = field(default_factory=dict)  # data source id -> match
    known: Mapping[int, Any] = field(default_factory=dict)  # data source index -> registry Known | Suggestion
    base_licences: Mapping[str, Any] = field(default_factory=dict)  # lower-cased base model -> registry Known (or licence id)
    teachers_known: Mapping[int, Any] = field(default_factory=dict)  # teacher index -> registry Known | Suggestion
    generators_known: Mapping[str, Any] = field(default_factory=dict)  # generated_by value (a Hub id) -> registry Known



@dataclass
class SubjectFacts:
    subject: str  # "data_sources[3]"
    subject_id: str
    kind: str  # teachers | data_sources | copyrighted_material | model
    values: dict[str, Any]
    obligations: tuple[Obligation, ...] = ()
    words: dict[str, str] = field(default_factory=dict)  # facts rendered for rule texts, filled on demand
    line_at: str | None = None  # the manifest path reports cite, when not the entry itself (a stated licence)



# facts every subject kind has
COMMON = frozenset(
    {"model.name", "model.type", "model.use", "model.release", "model.released", "model.commercial", "model.monthly_active_users"}
)


def model_values(manifest: Manifest) -> dict[str, Any]:
    m = manifest.model
    return {
        "model.name": m.name,
        "model.type": m.type,
        "model.use": m.use,
        "model.release": m.release,
        "model.released": m.release in RELEASED,
        "model.commercial": m.use == "commercial",
        "model.monthly_active_users": m.monthly_active_users,
    }


def confusable_text(*names: str | None) -> str:
    """The first identifier written with look-alike letters, and why ("" when none is)."""
    for name in names:
        if name and not name.isascii():
            from auditor.confusables import suspicious  # imported only for a name that is not plain ASCII

            why = suspicious(name)
            if why:
                return f"'{name}' {why}"
    return ""

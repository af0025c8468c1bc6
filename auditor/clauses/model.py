"""A detected clause: what a lawyer needs to check it (document, section, page, exact text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from auditor.documents import Document


@dataclass(frozen=True)
class Clause:
    document: str
    category: str
    section: str | None
    page: int | None
    start: int
    end: int
    text: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        """Exactly the CONTRACT keys, in CONTRACT order."""
        return {
            "document": self.document,
            "category": self.category,
            "section": self.section,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Clause:
        return cls(
            document=str(data["document"]),
            category=str(data["category"]),
            section=data["section"],
            page=data["page"],
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            confidence=float(data["confidence"]),
        )


def cite(document: Document, category: str, start: int, end: int, confidence: float) -> Clause:
    """The clause at ``document.text[start:end]``, with the section and page that locate it (both paths use it)."""
    return Clause(
        document=document.path,
        category=category,
        section=document.section_at(start),
        page=document.page_at(start),
        start=start,
        end=end,
        text=document.text[start:end],
        confidence=confidence,
    )

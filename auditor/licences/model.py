"""The result of identifying a licence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class LicenceMatch:
    input: str
    spdx: str | None  # SPDX id or expression, LicenseRef-... where SPDX has none; None if unknown
    name: str | None
    confidence: float  # 0..1
    method: str  # exact | alias | fuzzy | text | none
    problems: tuple[str, ...] = field(default=())  # e.g. "version missing", "unknown symbol X"

    @property
    def known(self) -> bool:
        return self.spdx is not None

    def to_dict(self, categories: list[str] | None = None) -> dict[str, Any]:
        return {
            "input": self.input,
            "spdx": self.spdx,
            "name": self.name,
            "confidence": round(self.confidence, 3),
            "method": self.method,
            "categories": sorted(categories or []),
            "problems": list(self.problems),
        }

"""The one pydantic base for every model auditor validates input with.

Every input is hand-written or hand-reviewed data (manifests, packs, rules, waivers,
registry entries), so the same three promises hold for all of them: an unknown key is
a typo that must fail rather than silently drop a fact, a validated value never
changes afterwards, and surrounding blanks are not part of a value.  Schemas are built
on first validation (``defer_build``), which a run served from the caches never needs.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True)

"""Policy packs, provider aliases and rules (rules.py): YAML data validated by pydantic.

A pack states what one provider's terms or one licence family says, in the
project's own words, with version, effective date and source so a stale pack is
visible.  Rules are data too (see engine.py for the facts they test).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from auditor.findings import PackInfo, PolicyOverride
from auditor.policy.rules import ClauseCategory, Rule
from auditor.strict import Strict
from auditor.validation import PathError



class Scope(StrEnum):
    """What a pack clause governs, and so which models it reaches."""

    OUTPUTS = "outputs"  # what may be done with the outputs or weights: binds models built with them
    SERVICE = "service"  # only how the provider's service is used (an API usage policy): recorded, never passed down
    WEIGHTS = "weights"  # copies and derivatives of the weights (a base model's notice), never a model trained only on outputs


class DoubtReach(StrEnum):
    """Where a clause's ``uncertain`` doubt applies."""

    ALL = "all"
    DATA = "data"  # only whether it reaches a model through data (a dataset, outputs); a model built on the weights is bound


class PackClause(Strict):
    """One term of a pack, summarised in the project's own words with its section."""

    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    category: ClauseCategory
    section: str
    summary: str = Field(min_length=1)
    uncertain: str | None = None  # why applying this clause needs judgement
    uncertain_for: DoubtReach = DoubtReach.ALL
    threshold: int | None = Field(default=None, ge=1)  # scale-threshold: monthly active users
    name_prefix: str | None = None  # naming: what a released model's name must start with
    scope: Scope = Scope.OUTPUTS  # MIT's notice on DeepSeek-R1's weights is WEIGHTS
    # the clause excepts the licensed model's own derivatives (Llama 2 1.b.v, Tongyi Qianwen 5(b)):
    # a model fine-tuned from that model is not an "other" model
    derivatives_exempt: bool = False


class AppliesTo(Strict):
    providers: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)  # fnmatch patterns, case-insensitive
    licences: list[str] = Field(default_factory=list)  # SPDX ids or LicenseRef- ids


class PackVersion(Strict):
    """An earlier version of a pack's terms: applied to outputs generated while it was in force."""

    version: str
    effective: dt.date
    source: str = Field(pattern=r"^https?://")
    title: str | None = None  # when the earlier document had another name
    notes: str | None = None
    clauses: list[PackClause] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float, dt.date)) else value


class Pack(Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9._-]*$")
    title: str
    kind: Literal["provider-terms", "model-licence", "licence"]
    version: str
    effective: dt.date
    source: str = Field(pattern=r"^https?://")
    reviewed: dt.date | None = None
    applies_to: AppliesTo
    priority: int = 0  # higher wins when several packs match one teacher
    notes: str | None = None
    clauses: list[PackClause] = Field(default_factory=list)
    # earlier versions of these terms, each with its own effective date (auditor/policy/history.py)
    history: list[PackVersion] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float, dt.date)) else value

    @model_validator(mode="after")
    def _unique_clause_ids(self) -> "Pack":
        lists = [(("clauses",), self.clauses), *((("history", i, "clauses"), h.clauses) for i, h in enumerate(self.history))]
        for where, clauses in lists:
            ids = [c.id for c in clauses]
            for index, clause_id in enumerate(ids):
                if ids.index(clause_id) != index:
                    raise PathError((*where, index, "id"), f"duplicate clause id '{clause_id}' (first used by clause {ids.index(clause_id)})")
        dates = [h.effective for h in self.history]
        for index, date in enumerate(dates):  # named at the entry's own line, not the pack's first
            if date >= self.effective or dates.index(date) != index:
                raise PathError(("history", index, "effective"),
                                "each earlier version needs its own effective date, before the pack's own "
                                f"({self.effective}); got {date}")
        return self

    def info(self, origin: str = "built-in", sha256: str | None = None) -> PackInfo:
        return PackInfo(self.id, self.title, self.kind, self.version, self.effective.isoformat(), self.source, origin, sha256)

    def matches_model(self, model: str | None) -> bool:
        patterns = self.applies_to.models or ["*"]
        name = (model or "").lower()
        return any(fnmatch.fnmatchcase(name, p.lower()) for p in patterns)

    def match_length(self, model: str | None) -> int:
        """Length of the longest pattern matching the model: the more specific pack wins."""
        name = (model or "").lower()
        return max((len(p) for p in self.applies_to.models if fnmatch.fnmatchcase(name, p.lower())), default=0)

    def categories(self) -> set[str]:
        return {c.category for c in self.clauses}


class Provider(Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)


class ProviderFile(Strict):
    providers: dict[str, Provider]


# ---- the loaded set ----------------------------------------------------------


@dataclass
class PolicySet:
    """All packs, providers and rules in force for one run."""

    packs: dict[str, Pack] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)  # pack id -> sha256 of its file
    files: dict[str, str] = field(default_factory=dict)  # pack id -> the file it was read from, for errors
    providers: dict[str, Provider] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    rule_sources: dict[str, tuple[str, int]] = field(default_factory=dict)  # rule id -> (file, index in its rules:)
    overrides: list[PolicyOverride] = field(default_factory=list)  # what --policies files replaced or added
    _aliases: dict[str, str] = field(default_factory=dict)

    def resolve_provider(self, name: str | None) -> str | None:
        """'OpenAI', 'facebook', 'x.ai' -> the canonical provider id, or None."""
        if not name:
            return None
        found = self._aliases.get(_norm(name))
        if found is None and not name.isascii():  # "Оpenai" with a Cyrillic О is still OpenAI (and gets AUD706)
            from auditor.confusables import latin_skeleton

            found = self._aliases.get(_norm(latin_skeleton(name)))
        return found

    def pack_for_teacher(self, provider: str | None, model: str | None) -> Pack | None:
        """The most specific pack for a provider + model (priority, then longest pattern)."""
        provider_id = self.resolve_provider(provider)
        if provider_id is None:
            return None
        best: tuple[int, int, str] | None = None
        chosen: Pack | None = None
        for pack in self.packs.values():
            if provider_id not in pack.applies_to.providers or not pack.matches_model(model):
                continue
            specificity = pack.match_length(model)
            rank = (pack.priority, specificity, pack.id)
            if best is None or rank > best:
                best, chosen = rank, pack
        return chosen

    def pack_for_licence(self, licence_id: str) -> Pack | None:
        key = licence_id.lower()
        for pack in sorted(self.packs.values(), key=lambda p: (-p.priority, p.id)):
            if any(key == lid.lower() for lid in pack.applies_to.licences):
                return pack
        return None

    def infos(self) -> list[PackInfo]:
        return [self.packs[i].info(self.origins.get(i, "built-in"), self.hashes.get(i)) for i in sorted(self.packs)]

    def add_pack(self, pack: Pack, origin: str, sha256: str | None = None, file: str | None = None) -> None:
        self.packs[pack.id] = pack
        self.origins[pack.id] = origin
        if file:
            self.files[pack.id] = file
        if sha256:
            self.hashes[pack.id] = sha256

    def add_providers(self, providers: dict[str, Provider]) -> None:
        self.providers.update(providers)
        for pid, provider in self.providers.items():
            for name in (pid, provider.name, *provider.aliases):
                self._aliases[_norm(name)] = pid


def _norm(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())

"""The registry entry schema (REGISTRY_SCHEMA.md): one strict model per file and per entry.

Strict because the registry is reviewed data: a misspelt key or a malformed id must
fail the build script and the test over the shipped files, not silently drop a fact.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from auditor.manifest import Origin  # a registry entry's origin means what a manifest's does
from auditor.strict import Strict

Kind = Literal["dataset", "model"]
LicenceBasis = Literal["card", "paper", "repository", "upstream", "terms"]

ENTRY_ID = r"^[a-z0-9][a-z0-9._-]*$"
GENERATOR = r"^[a-z0-9][a-z0-9._-]*/[^\s/][^\s]*$"  # provider/model, provider lowercase
HF_ID = r"^[A-Za-z0-9][\w.*?\[\]-]*(/[\w.*?\[\]-]+)?$"  # org/name, a legacy bare name, or a glob (models)
_SHAPES = {
    "hf_ids": (HF_ID, "a Hugging Face id (org/name)"),
    "generated_by": (GENERATOR, "provider/model (provider in lowercase)"),
    "derived_from": (ENTRY_ID, "a registry id"),
}


class OtherLicence(Strict):
    """A licence some source claims that is not the authoritative one (card vs upstream, Hub vs paper)."""

    licence: str = Field(min_length=1)
    where: str = Field(min_length=1)


class Variant(Strict):
    """A size- or version-dependent licence of a model family: the first match wins over ``licence``."""

    match: str = Field(min_length=1)
    licence: str = Field(min_length=1)

    def matches(self, hf_id: str) -> bool:
        return fnmatch.fnmatchcase(hf_id.lower(), self.match.lower())


class Entry(Strict):
    id: str = Field(pattern=ENTRY_ID)
    kind: Kind
    names: list[str] = Field(min_length=1)
    hf_ids: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    licence: str = Field(min_length=1)
    licence_basis: LicenceBasis
    other_licences: list[OtherLicence] = Field(default_factory=list)
    origin: Origin | None = None
    generated_by: list[str] = Field(default_factory=list)
    derived_from: list[str] = Field(default_factory=list)
    copyright: str | None = None
    uncertain: str | None = None
    sources: list[str] = Field(min_length=1)
    verified: datetime.date
    variants: list[Variant] = Field(default_factory=list)

    @field_validator("names", "sources", "urls")
    @classmethod
    def _no_blank(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("entries must not be empty strings")
        return values

    @field_validator("hf_ids", "generated_by", "derived_from")
    @classmethod
    def _shapes(cls, values: list[str], info: ValidationInfo) -> list[str]:
        pattern, expected = _SHAPES[info.field_name]
        for value in values:
            if not re.match(pattern, value):
                raise ValueError(f"'{value}' is not {expected}")
        return values

    @field_validator("urls", "sources")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value.startswith(("https://", "http://")):
                raise ValueError(f"'{value}' is not an http(s) URL")
        return values

    @model_validator(mode="after")
    def _variants_only_for_models(self) -> "Entry":
        if self.variants and self.kind != "model":
            raise ValueError("'variants' is for model families only")
        if self.id in self.derived_from:
            raise ValueError("an entry cannot derive from itself")
        return self

    @property
    def display_name(self) -> str:
        return self.names[0]

    def licence_for(self, hf_id: str | None) -> str:
        """The licence of one member of a family (a size-dependent variant), else the family's."""
        if hf_id:
            for variant in self.variants:
                if variant.matches(hf_id):
                    return variant.licence
        return self.licence

    def hf_urls(self) -> list[str]:
        """The Hub pages of the exact (non-glob) ids."""
        prefix = "https://huggingface.co/datasets/" if self.kind == "dataset" else "https://huggingface.co/"
        return [prefix + h for h in self.hf_ids if not any(c in h for c in "*?[")]


class RegistryFile(Strict):
    entries: list[Entry]

"""The training manifest (CONTRACT, ``apiVersion: auditor/v1``): strict models and their loader.

Strict on purpose: an unknown key is a typo that must not silently pass, and each
error names the file, the YAML line and the field.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BeforeValidator, Field, PrivateAttr, ValidationError, field_validator, model_validator

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.schemas import MANIFEST_API_VERSION
from auditor.strict import Strict
from auditor.validation import PathError, user_error

ModelType = Literal["llm", "embedding", "classifier", "vision", "speech", "multimodal", "other"]
ModelUse = Literal["commercial", "research", "internal"]
Release = Literal["open-weights", "api", "internal", "none"]
Purpose = Literal["distillation", "synthetic-data", "labeling", "evaluation", "filtering"]
Origin = Literal["human", "scraped", "generated", "licensed", "public-domain", "mixed"]
Permission = Literal["licensed", "public-domain", "fair-use-claimed", "opt-out-honoured", "none", "unknown"]

# releases that put the model (or its outputs, through an API) in other people's hands
RELEASED: frozenset[str] = frozenset({"open-weights", "api"})
# the manifest's lists of entries, each entry with an id unique in its list
SECTIONS: tuple[str, ...] = ("teachers", "data_sources", "copyrighted_material")
# purposes whose outputs end up inside the trained model
TRAINING_PURPOSES: frozenset[str] = frozenset({"distillation", "synthetic-data", "labeling", "filtering"})


# fields that accept one string for a list (``purpose: distillation``), and keys with two spellings
_LIST_FIELDS = {"teachers": ("purpose",), "data_sources": ("generated_by", "derived_from"), "copyrighted_material": ("data_sources",)}
_SPELLINGS = {"data_sources": ("licence", "licence_file"), "copyrighted_material": ("licence",)}


def _normalise_entries(data: dict[str, Any]) -> dict[str, Any]:
    """One plain-Python pass over every entry: a single string becomes a list, both spellings are refused.

    Done here rather than in per-entry pydantic validators, which cost more than
    the whole Rust-side validation on a 100,000-source manifest.  The caller's data
    is never changed: a section is copied before its first fix.
    """
    for section in SECTIONS:
        entries = data.get(section)
        if type(entries) is not list:
            continue
        lists, spellings = _LIST_FIELDS.get(section, ()), _SPELLINGS.get(section, ())
        copied = False
        for index, entry in enumerate(entries):
            if type(entry) is not dict:
                continue
            for british in spellings:
                american = british.replace("licence", "license")
                if british in entry and american in entry:
                    raise PathError((section, index), f"give either '{british}' or '{american}', not both")
            for name in lists:
                value = entry.get(name, ())
                if value is None or type(value) is str:
                    if not copied:
                        entries, copied = list(entries), True
                        data = {**data, section: entries}
                    entries[index] = entry = {**entry, name: [] if value is None else [value]}
    return data


MAX_USERS = 10**12  # over a hundred times the world's population: anything larger is a typo
MAX_LICENCE_CHARS = 2_000  # the longest SPDX expression in the wild is a few hundred characters


def _licence_number(value: Any) -> Any:
    """A number written as a licence ("licence: 2.0") is text; a 5,000-digit one is an error, not a crash."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        raise ValueError(f"expected a licence name or SPDX expression, got a number of {value.bit_length() * 3 // 10}+ digits")
    return value


LicenceText = Annotated[str, Field(max_length=MAX_LICENCE_CHARS)]


class BaseModelRef(Strict):
    """Weights this model was fine-tuned or merged from; a bare string in the manifest is its ``name``.

    ``licence`` is for what a BOM or card states (or a team knows): when given it is the
    base model's licence, read as a data source's licence is; otherwise the policy packs infer it.
    """

    name: str = Field(min_length=1)  # Hugging Face id or provider/model
    licence: Annotated[LicenceText | None, BeforeValidator(_licence_number)] = Field(
        default=None, validation_alias=AliasChoices("licence", "license"), coerce_numbers_to_str=True
    )
    url: str | None = None


class ModelInfo(Strict):
    name: str = Field(min_length=1)
    type: ModelType = "other"
    use: ModelUse
    release: Release
    monthly_active_users: int | None = Field(default=None, ge=0, le=MAX_USERS)
    version: str | None = None
    description: str | None = None
    # weights this model was fine-tuned or merged from (HF id or provider/model): their licences apply
    base_models: list[BaseModelRef] = Field(default_factory=list)

    @field_validator("base_models", mode="before")
    @classmethod
    def _one_base(cls, value: Any) -> Any:
        """One string is a list of one; each string is the entry's name."""
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            return items
        for item in items:
            if isinstance(item, dict) and "licence" in item and "license" in item:
                raise ValueError("give either 'licence' or 'license', not both")
        return [{"name": item} if isinstance(item, str) else item for item in items]


class Period(Strict):
    """When a teacher's outputs were generated: the terms in force then apply."""

    start: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None

    @field_validator("start", "until", mode="before")
    @classmethod
    def _month_or_year(cls, value: Any, info: Any) -> Any:
        """'2023-03' or 2023: from the first day of that month or year, until its last day."""
        text = str(value) if isinstance(value, (int, str)) and not isinstance(value, bool) else None
        if text is None or not text.replace("-", "").isdigit() or text.count("-") > 1:
            return value
        year, _, month = text.partition("-")
        if len(year) != 4 or (month and not 1 <= int(month) <= 12):
            raise ValueError(f"expected a date such as 2024-03-01, a month such as 2024-03 or a year, got '{text}'")
        first = dt.date(int(year), int(month or 1), 1)
        if info.field_name == "start":
            return first
        last_month = dt.date(int(year), int(month or 12), 1)
        following = dt.date(last_month.year + last_month.month // 12, last_month.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.start is None and self.until is None:
            raise ValueError("give 'from', 'until' or both (dates such as 2024-03-01)")
        if self.start and self.until and self.start > self.until:
            raise ValueError(f"'from' ({self.start}) is after 'until' ({self.until})")
        return self


class Teacher(Strict):
    id: str = Field(min_length=1)
    provider: str | None = None
    model: str | None = None
    purpose: list[Purpose] = Field(min_length=1)
    terms: str | None = None
    policy: str | None = None
    description: str | None = None
    used: Period | None = None

    @model_validator(mode="after")
    def _needs_identity(self) -> "Teacher":
        if not (self.provider or self.model or self.policy):  # a model alone may be a Hugging Face id (the registry)
            raise ValueError("a teacher needs 'provider' (and 'model'), 'model' as a Hugging Face id, or 'policy'")
        return self


class DataSource(Strict):
    id: str = Field(min_length=1)
    name: str | None = None
    url: str | None = None
    # a number is read as licence text ("licence: 2.0" in a hand-written manifest)
    licence: Annotated[LicenceText | None, BeforeValidator(_licence_number)] = Field(
        default=None, validation_alias=AliasChoices("licence", "license"), coerce_numbers_to_str=True
    )
    licence_file: str | None = Field(default=None, validation_alias=AliasChoices("licence_file", "license_file"))
    origin: Origin | None = None
    generated_by: list[str] = Field(default_factory=list)
    derived_from: list[str] = Field(default_factory=list)
    terms: str | None = None
    description: str | None = None
    path: str | None = None  # local files of this source (file, folder or glob); `audit check --scan` reads them
    trained_on: bool = True  # false: listed only as a parent for derived_from, no findings of its own
    owner: Literal["self"] | None = None  # the team owns the data: no licence needed; generated_by still applies


class CopyrightedMaterial(Strict):
    id: str = Field(min_length=1)
    description: str | None = None
    rights_holder: str | None = None
    permission: Permission = "unknown"
    tdm_opt_out_respected: bool | Literal["unknown"] = "unknown"
    jurisdiction: str | None = None
    licence: LicenceText | None = Field(default=None, validation_alias=AliasChoices("licence", "license"))
    data_sources: list[str] = Field(default_factory=list)  # the sources that contain this material


class Manifest(Strict):
    api_version: Literal[MANIFEST_API_VERSION] = Field(alias="apiVersion")  # type: ignore[valid-type]
    model: ModelInfo
    teachers: list[Teacher] = Field(default_factory=list)
    data_sources: list[DataSource] = Field(default_factory=list)
    copyrighted_material: list[CopyrightedMaterial] = Field(default_factory=list)

    _base_dir: Path = PrivateAttr(default=Path("."))

    @model_validator(mode="before")
    @classmethod
    def _entries(cls, data: Any) -> Any:
        return _normalise_entries(data) if isinstance(data, dict) else data

    @model_validator(mode="after")
    def _unique_ids(self) -> "Manifest":
        for section in SECTIONS:
            seen: dict[str, int] = {}
            for index, entry in enumerate(getattr(self, section)):
                if entry.id in seen:
                    raise PathError(
                        (section, index, "id"),
                        f"duplicate id '{entry.id}' (first used by {section}[{seen[entry.id]}])",
                    )
                seen[entry.id] = index
        known = {s.id for s in self.data_sources}
        links = [("data_sources", i, "derived_from", s.derived_from, "another data_sources entry") for i, s in enumerate(self.data_sources)]
        links += [("copyrighted_material", i, "data_sources", m.data_sources, "a data_sources entry")
                  for i, m in enumerate(self.copyrighted_material)]
        for section, index, name, ids, expected in links:
            for pos, source_id in enumerate(ids):
                if source_id not in known:
                    raise PathError(
                        (section, index, name, pos), f"unknown data source id '{source_id}' (expected the id of {expected})"
                    )
        return self

    @property
    def base_dir(self) -> Path:
        return self._base_dir

    def resolve(self, relative: str) -> Path:
        """Paths in a manifest are relative to the manifest's own folder."""
        path = Path(relative).expanduser()
        return path if path.is_absolute() else self._base_dir / path


class LoadedManifest:
    """A validated manifest with the text it came from (for hashes and YAML lines)."""

    def __init__(self, manifest: Manifest, path: Path, text: str) -> None:
        self.manifest = manifest
        self.path = path
        self.text = text
        self.sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.lines = yamlio.LineIndex(text)

    def line_of(self, subject: str) -> int | None:
        """Line of a subject such as 'data_sources[3]', or of one of its fields ('data_sources[3].licence')."""
        section, _, rest = subject.partition("[")
        index, _, field = rest.partition("]")
        if "." in section or not index.isdigit():
            return self.lines.line(yamlio.parse_path(subject))
        if not field:  # an entry: the common, hot case
            return self.lines.item_line(section, int(index))
        name = field[1:]  # a finding's field is a plain key (".licence"); anything longer is parsed
        path = (section, int(index), name) if name.isidentifier() else (section, int(index), *yamlio.parse_path(field))
        if path[-1] in _SPELLINGS.get(section, ()) and self.lines.written_key_line(path) is None:
            return self.lines.key_line((*path[:-1], str(path[-1]).replace("licence", "license")))  # written the other way
        return self.lines.line(path)


def parse_manifest(data: Any, *, source: str | Path, text: str | None = None) -> Manifest:
    """Validate plain data as a manifest; errors name the file, the line and the field."""
    if not isinstance(data, dict):
        raise AuditorError(
            f"expected a mapping with 'apiVersion: {MANIFEST_API_VERSION}', 'model', 'teachers', 'data_sources'",
            file=source,
            line=1 if text is not None else None,
        )
    try:
        manifest = Manifest.model_validate(data)
    except ValidationError as exc:
        lines = yamlio.LineIndex(text) if text is not None else None  # only an error needs them
        raise user_error(exc, source=source, lines=lines, expected_keys=_expected_keys) from None
    except RecursionError:
        raise AuditorError("manifest is nested too deeply", file=source) from None
    base = Path(source).parent if source else Path(".")
    manifest._base_dir = base
    return manifest


_KEYS_BY_SECTION = {
    (): Manifest,
    ("model",): ModelInfo,
    ("teachers",): Teacher,
    ("data_sources",): DataSource,
    ("copyrighted_material",): CopyrightedMaterial,
    ("teachers", "used"): Period,
    ("model", "base_models"): BaseModelRef,
}


def _expected_keys(parent: tuple[yamlio.PathPart, ...]) -> list[str] | None:
    model = _KEYS_BY_SECTION.get(tuple(p for p in parent if isinstance(p, str)))
    if model is None:
        return None
    return sorted(info.alias or name for name, info in model.model_fields.items())

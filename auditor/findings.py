"""What the engine produces and every report format renders.

Formats import only this module (and the manifest for the inventory), so a new
format never needs to know how findings were reached.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from auditor.manifest import Manifest


class Severity(str, Enum):
    """Finding severities, highest first (CONTRACT order)."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for critical ... 4 for info: sorts highest first."""
        return _RANK[self]

    def at_least(self, threshold: "Severity") -> bool:
        return _RANK[self] <= _RANK[threshold]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        return cls(value.strip().lower())


SEVERITIES: tuple[Severity, ...] = tuple(Severity)  # highest first, as declared
_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

# the finding categories of CONTRACT.md and what each means (SARIF's rule description when a pack gives none)
CATEGORY_MEANINGS: dict[str, str] = {
    "distillation-ban": "A teacher's outputs were used to build a model where its terms forbid that.",
    "non-commercial": "Non-commercial or research-only terms or licences against commercial use or release.",
    "share-alike": "Share-alike or copyleft obligations that flow to the model or its outputs.",
    "no-derivatives": "No-derivatives licences on training data.",
    "attribution": "Attribution, notice or naming obligations to meet before release.",
    "use-restriction": "Acceptable-use or use-based restrictions that must pass down, or scale thresholds.",
    "copyright": "Copyrighted material without licence or permission, or opt-outs not honoured.",
    "unknown-licence": "Licence missing, unrecognised or ambiguous.",
    "licence-conflict": "Obligations that cannot all be met together.",
    "terms-drift": "A supplied terms document differs from the policy pack's version.",
    "undeclared-generation": "Data shows traces of model outputs, or is known to be model-generated, and the manifest does not declare the generator.",
}
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_MEANINGS)


class Certainty(StrEnum):
    """Whether a finding holds as stated, or applying it needs legal judgement (the terms or the law leave room)."""

    CLEAR = "clear"
    UNCERTAIN = "uncertain"

    @property
    def needs_judgement(self) -> bool:
        return self is Certainty.UNCERTAIN

    @property
    def label(self) -> str:
        """How reports for people spell it out."""
        return "uncertain: needs legal judgement" if self is Certainty.UNCERTAIN else self.value


class Evidence(NamedTuple):
    """One cited fact: a clause of a policy pack or document, or a manifest entry.

    Findings and evidence are NamedTuples, immutable like frozen dataclasses but built
    ten times faster: a 100,000-source audit makes hundreds of thousands.
    """

    policy: str | None = None
    document: str | None = None
    section: str | None = None
    page: int | None = None
    quote: str | None = None
    subject: str | None = None  # manifest path the fact comes from (lineage hops)
    note: str | None = None
    registry: str | None = None  # the registry entry the fact rests on
    url: str | None = None  # the card, paper or repository that entry rests on

    def to_dict(self) -> dict[str, Any]:
        extra = {"registry": self.registry, "url": self.url} if self.registry else {}
        return {
            **extra,
            "policy": self.policy,
            "document": self.document,
            "section": self.section,
            "page": self.page,
            "quote": self.quote,
            "subject": self.subject,
            "note": self.note,
        }


@dataclass(frozen=True)
class Waiver:
    """A reviewed decision that a finding does not block release (see waivers.py)."""

    reason: str
    approved_by: str
    expires: str | None
    id: str | None = None
    rule: str | None = None
    subject: str | None = None
    expired: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "subject": self.subject,
            "reason": self.reason,
            "approved_by": self.approved_by,
            "expires": self.expires,
            "expired": self.expired,
        }


class Finding(NamedTuple):
    """A rule that fired on one manifest entry, with everything a reviewer needs to check it."""

    rule: str
    category: str
    severity: Severity
    subject: str  # manifest path, e.g. "teachers[0]"
    subject_id: str  # the entry's own id, stable when entries are reordered
    title: str
    message: str
    remediation: str
    evidence: tuple[Evidence, ...] = ()
    certainty: Certainty = Certainty.CLEAR
    line: int | None = None  # YAML line of the subject in the manifest
    waived: bool = False
    waiver: Waiver | None = None
    new: bool | None = None  # set when a baseline was given
    key: str = ""  # extra discriminator when a rule fires twice on one subject

    @property
    def id(self) -> str:
        """Stable id: rule + subject's own id + discriminator, never the list index or wording."""
        digest = hashlib.sha256(f"{self.rule}|{self.subject_id}|{self.key}".encode()).hexdigest()
        return f"AUD-{digest[:12]}"

    @property
    def fingerprint(self) -> str:
        """What a baseline matches on: the id (volatile details such as wording left out)."""
        return self.id

    def with_changes(self, **changes: Any) -> "Finding":
        return self._replace(**changes)

    def sort_key(self) -> tuple[int, str, str, str]:
        return (_RANK[self.severity], _subject_order(self.subject), self.rule, self.key)

    def to_dict(self, *, evidence: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.value,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "line": self.line,
            "title": self.title,
            "message": self.message,
            "certainty": self.certainty.value,
            "evidence": [e.to_dict() for e in self.evidence] if evidence else [],
            "remediation": self.remediation,
            "waived": self.waived,
            "waiver": self.waiver.to_dict() if self.waiver else None,
        }
        if self.new is not None:
            data["new"] = self.new
        return data


def _subject_order(subject: str) -> str:
    """Sort 'data_sources[10]' after 'data_sources[9]'."""
    head, _, rest = subject.partition("[")
    if rest:
        index = rest.rstrip("]")
        if index.isdigit():
            return f"{head}[{int(index):08d}]"
    return subject


@dataclass(frozen=True)
class PackInfo:
    """The identity of a policy pack as reports show it (so a stale pack is visible)."""

    id: str
    title: str
    kind: str
    version: str
    effective: str
    source: str
    origin: str = "built-in"  # "built-in" or the --policies folder it came from
    sha256: str | None = None  # of the pack file, so a signed report pins the exact pack text

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "version": self.version,
            "effective": self.effective,
            "source": self.source,
            "origin": self.origin,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class DocumentInfo:
    """A terms or licence document that was parsed for this audit."""

    path: str
    sha256: str
    format: str
    pages: int | None
    clauses: int
    used_by: tuple[str, ...] = ()
    from_cache: bool = False  # clauses read from the user's cache, not parsed in this run

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sha256": self.sha256,
            "format": self.format,
            "pages": self.pages,
            "clauses": self.clauses,
            "used_by": list(self.used_by),
            "from_cache": self.from_cache,
        }


@dataclass(frozen=True)
class PolicyOverride:
    """A rule, pack or provider alias that a --policies file replaced or added: every report shows it."""

    kind: str  # rule | pack | provider
    id: str
    file: str
    replaced: bool  # True: a built-in (or earlier) definition was replaced; False: added

    def describe(self) -> str:
        verb = "overridden" if self.replaced else "added"
        return f"{self.kind} {self.id} {verb} by {self.file}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "file": self.file, "replaced": self.replaced}


@dataclass(frozen=True)
class RegistryOverride:
    """A registry entry a team's file (--registry) replaced or added: every report shows it, with its file."""

    id: str
    file: str
    replaced: str | None  # the file of the entry it replaced, None when it adds a new id

    def describe(self) -> str:
        return f"Registry override: {self.id} from {self.file}" + (f" (replaces the entry in {self.replaced})" if self.replaced else " (new entry)")

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "file": self.file, "replaced": self.replaced}


@dataclass(frozen=True)
class UnmatchedWaiver:
    """A waiver that waived nothing: reported so stale waivers get cleaned up."""

    waiver: Waiver
    reason: str


@dataclass
class AuditResult:
    """Everything a report needs; produced once, rendered by every format."""

    manifest_path: str
    manifest_sha256: str
    manifest: "Manifest"
    findings: list[Finding]
    policies: list[PackInfo]
    fail_on: Severity | None  # None means --fail-on never
    documents: list[DocumentInfo] = field(default_factory=list)
    unmatched_waivers: list[UnmatchedWaiver] = field(default_factory=list)
    baseline: str | None = None
    tool_version: str = "0.1.0"
    registry_overrides: list[RegistryOverride] = field(default_factory=list)
    overrides: list[PolicyOverride] = field(default_factory=list)

    def notices(self) -> list[str]:
        """What a reader must know about how this result was reached: overrides, cached parses."""
        lines = [o.describe() for o in self.overrides]
        lines += [o.describe() for o in self.registry_overrides]
        lines += [f"clauses of {d.path} (sha256 {d.sha256[:12]}) read from the cache" for d in self.documents if d.from_cache]
        return lines

    @property
    def model_name(self) -> str:
        return self.manifest.model.name

    def counts(self, *, include_waived: bool = False) -> dict[str, int]:
        counts = {s.value: 0 for s in SEVERITIES}
        for f in self.findings:
            if include_waived or not f.waived:
                counts[f.severity.value] += 1
        return counts

    def blocking(self) -> list[Finding]:
        """Findings that fail the gate: unwaived, at or above the threshold, and new if a baseline was given."""
        if self.fail_on is None:
            return []
        return [
            f
            for f in self.findings
            if not f.waived and f.severity.at_least(self.fail_on) and f.new is not False
        ]

    @property
    def passed(self) -> bool:
        return not self.blocking()

    @property
    def fail_on_label(self) -> str:
        return self.fail_on.value if self.fail_on else "never"

"""Waivers and baselines: mark findings, never drop them.

A waiver is a reviewed decision (reason, approver, expiry) that a finding does not
block release; a baseline is an earlier JSON report whose findings no longer fail
the gate.  Both only change flags on findings, so every report still shows them.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from auditor import yamlio
from auditor.errors import AuditorError
from auditor.validation import user_error
from auditor.findings import Finding, UnmatchedWaiver, Waiver
from auditor.schemas import REPORT_SCHEMA
from auditor.strict import Strict



class WaiverSpec(Strict):
    """One entry of a waivers file: a finding id, or a rule with an optional subject glob."""

    id: str | None = Field(default=None, min_length=1)
    rule: str | None = Field(default=None, min_length=1)
    subject: str | None = Field(default=None, min_length=1)
    reason: str = Field(min_length=1)
    approved_by: str = Field(min_length=1)
    expires: datetime.date

    @field_validator("expires", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # pydantic would read an int as a Unix timestamp; a waiver date must be written as a date
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise ValueError(f"expected an ISO date such as 2027-06-30, got {value!r}")

    @model_validator(mode="after")
    def _one_target(self) -> "WaiverSpec":
        if bool(self.id) == bool(self.rule):
            raise ValueError("give either 'id' (a finding id) or 'rule' (a rule id), not both or neither")
        return self

    def expired_on(self, today: datetime.date) -> bool:
        """A waiver still waives on its expiry date and stops the day after."""
        return self.expires < today

    def matches(self, finding: Finding) -> bool:
        if self.id is not None and finding.id != self.id:
            return False
        if self.rule is not None and finding.rule != self.rule:
            return False
        if self.subject is not None:
            pattern = Glob(self.subject)
            return pattern.matches(finding.subject) or pattern.matches(finding.subject_id)
        return True

    def to_waiver(self, *, expired: bool) -> Waiver:
        return Waiver(
            reason=self.reason,
            approved_by=self.approved_by,
            expires=self.expires.isoformat(),
            id=self.id,
            rule=self.rule,
            subject=self.subject,
            expired=expired,
        )


class _WaiversFile(Strict):
    waivers: list[WaiverSpec] = Field(default_factory=list)


class Glob:
    """A subject glob matched in O(len(text) * len(pattern)), never exponential time.

    Only * and ? are wildcards: brackets stay literal so 'data_sources[*]' means what it says.
    A regex of ``.*a.*a.*a...b`` backtracks exponentially; instead the pattern is cut at
    each ``*`` into pieces, the first anchored at the start, the last at the end, and each
    middle piece found at its leftmost place after the previous one (leftmost is always
    safe: it leaves the most text for the pieces after it).  A piece holds no ``*``, so
    its own search cannot backtrack.
    """

    def __init__(self, pattern: str) -> None:
        pieces = pattern.split("*")
        self.star = len(pieces) > 1
        self.pieces = [re.compile(re.escape(p).replace(r"\?", ".", -1), re.DOTALL) for p in pieces]
        self.lengths = [len(p) for p in pieces]

    def matches(self, text: str) -> bool:
        first, last = self.pieces[0], self.pieces[-1]
        if not self.star:
            return first.fullmatch(text) is not None
        if sum(self.lengths) > len(text) or first.match(text) is None:
            return False
        end = len(text) - self.lengths[-1]
        if last.fullmatch(text, end) is None:
            return False
        position = self.lengths[0]
        for piece in self.pieces[1:-1]:
            found = piece.search(text, position, end)
            if found is None:
                return False
            position = found.end()
        return True


def load_waivers(path: Path) -> list[WaiverSpec]:
    """Read and validate a waivers file; errors name the file, the YAML line and the field."""
    text = yamlio.read_text(path, what="waivers file")
    data = yamlio.load(text, source=path)
    if data is None:
        return []
    if not isinstance(data, dict):
        raise AuditorError("expected a mapping with a 'waivers:' list", file=path, line=1)
    try:
        return list(_WaiversFile.model_validate(data).waivers)
    except ValidationError as exc:
        raise user_error(exc, source=path, lines=yamlio.LineIndex(text), expected_keys=_expected_keys) from None


def _expected_keys(parent: tuple) -> list[str]:
    return sorted((WaiverSpec if parent else _WaiversFile).model_fields)


def apply_waivers(
    findings: list[Finding], waivers: list[WaiverSpec], today: datetime.date
) -> tuple[list[Finding], list[UnmatchedWaiver]]:
    """Mark waived findings (kept in the list); attach expired waivers so reports say so.

    The first unexpired matching waiver (in file order) waives; if only expired ones
    match, the first of those is attached with ``expired=True`` and the finding still counts.
    """
    used: set[int] = set()
    out: list[Finding] = []
    for finding in findings:
        matching = [(i, w) for i, w in enumerate(waivers) if w.matches(finding)]
        used.update(i for i, _ in matching)
        active = [w for _, w in matching if not w.expired_on(today)]
        if active:
            finding = finding.with_changes(waived=True, waiver=active[0].to_waiver(expired=False))
        elif matching:
            finding = finding.with_changes(waived=False, waiver=matching[0][1].to_waiver(expired=True))
        out.append(finding)
    unmatched = [
        UnmatchedWaiver(waiver=w.to_waiver(expired=w.expired_on(today)), reason=_why_unmatched(w, findings))
        for i, w in enumerate(waivers)
        if i not in used
    ]
    return out, unmatched


def _why_unmatched(waiver: WaiverSpec, findings: list[Finding]) -> str:
    if waiver.id is not None:
        return f"no finding has id {waiver.id}"
    if not any(f.rule == waiver.rule for f in findings):
        return f"rule {waiver.rule} did not fire"
    return f"rule {waiver.rule} fired on no subject matching {waiver.subject}"


def load_baseline(path: Path) -> frozenset[str]:
    """Fingerprints (finding ids) of an earlier ``auditor.report/v1`` JSON report."""
    text = yamlio.read_text(path, what="baseline report")
    try:
        data = yamlio.load_json(text, source=path, what="baseline report")
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise AuditorError(
            "expected an auditor JSON report (audit check --format json), found invalid JSON", file=path, line=line
        ) from None
    if not isinstance(data, dict) or data.get("schema") != REPORT_SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise AuditorError(
            f"expected a JSON report with \"schema\": \"{REPORT_SCHEMA}\" (audit check --format json), found {found!r}",
            file=path,
            field="schema",
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise AuditorError("expected a 'findings' list in the baseline report", file=path, field="findings")
    ids: set[str] = set()
    for index, item in enumerate(findings):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise AuditorError("expected each finding to have a string 'id'", file=path, field=f"findings[{index}].id")
        ids.add(item["id"])
    return frozenset(ids)


def apply_baseline(findings: list[Finding], fingerprints: frozenset[str]) -> list[Finding]:
    """Mark each finding new or already known; known ones stay in reports but stop failing the gate."""
    return [f.with_changes(new=f.fingerprint not in fingerprints) for f in findings]

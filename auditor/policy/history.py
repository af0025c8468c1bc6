"""Which version of a pack's terms was in force while a teacher's outputs were generated.

A pack describes the terms in force now and may carry earlier versions (``history:``),
each with its effective date.  Version i is in force from its effective date until the
next one takes effect; outputs generated during a period are bound by every version in
force during it, and the strictest of them drives severity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from auditor.policy.models import Pack


@dataclass(frozen=True)
class InForce:
    """The versions of one pack in force during a period, oldest first."""

    versions: tuple[Pack, ...]
    before_known: bool  # the period starts before the oldest known version took effect
    oldest: Pack


def versions(pack: Pack) -> tuple[Pack, ...]:
    """Every known version of a pack as a pack of its own (same id), oldest first."""
    earlier = [
        pack.model_copy(
            update={
                "version": h.version, "effective": h.effective, "source": h.source,
                "title": h.title or pack.title, "notes": h.notes, "clauses": h.clauses, "history": [],
            }
        )
        for h in sorted(pack.history, key=lambda h: h.effective)
    ]
    return (*earlier, pack)


def in_force(pack: Pack, start: dt.date | None, until: dt.date | None) -> InForce:
    """The versions in force during [start, until] (either end may be open)."""
    known = versions(pack)
    applied = []
    for index, version in enumerate(known):
        ends = known[index + 1].effective if index + 1 < len(known) else None  # exclusive
        if (until is None or version.effective <= until) and (start is None or ends is None or ends > start):
            applied.append(version)
    oldest = known[0]
    before = (start is not None and start < oldest.effective) or (until is not None and until < oldest.effective)
    if not applied:  # the whole period is older than any known version: judge by the oldest
        applied = [oldest]
    return InForce(tuple(applied), before, oldest)


def describe(found: InForce, start: dt.date | None, until: dt.date | None) -> tuple[str, str]:
    """(title, version) in words for a finding's message: every version applied, each with its date."""
    first, *rest = found.versions
    text = f"version {first.version} (effective {first.effective})"
    for version in rest:
        title = "" if version.title == first.title else f"{version.title} "
        text += f" and {title}version {version.version} (effective {version.effective})"
    if rest:
        text += f", each in force during part of {start or '...'} to {until or '...'}; the strictest applies"
    if found.before_known:
        text += "; the period starts before any known version, so the oldest known is applied"
    return first.title, text


def not_covered(found: InForce, start: dt.date | None, until: dt.date | None) -> str | None:
    """Why applying the oldest version is a judgement, when the period predates every known one."""
    if not found.before_known:
        return None
    whole = until is not None and until < found.oldest.effective
    when = f"{start or '...'} to {until}" if whole else f"{start}, the start of the period"
    return (
        f"No known version of {found.oldest.title} covers {when}; "
        f"the oldest known is version {found.oldest.version} (effective {found.oldest.effective}), "
        "and the terms in force before it may have differed."
    )

"""Confirm prefilter candidates on decoded text, and judge who is speaking.

A pattern match is evidence only when the model itself speaks: the assistant's
turn of a conversation or an output field, in its own voice.  A prompt ("Are you
ChatGPT?"), a quotation (``he typed "As an AI language model..."``) or text about
a model in the third person ("ChatGPT was developed by OpenAI") is not, and the
patterns are first-person for that reason.  A declared identity whose name and
maker belong to no provider ("I am Vicuna, trained by LMSYS") is a dataset
teaching its own model its name: it is reported, never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.scan.patterns import TraceSet
from auditor.scan.prefilter import IDENTITY

# fields and chat roles on the asking side: a trace there is a question, not a model's answer
PROMPT_FIELDS = frozenset(
    {"instruction", "input", "prompt", "question", "query", "system", "system_prompt", "context", "user", "human", "title", "prefix"}
)
PROMPT_ROLES = frozenset({"user", "human", "prompter", "system", "instruction", "question"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_REPORTING = re.compile(
    r"\b(?:said|says|replied|replies|responded|responds|wrote|writes|answered|answers|told me|tells me|typed|saying|"
    r"the phrase|phrases like|responses like|answers like|such as|like)\s*[:,]?\s*[\"'\u201c]?\s*$",
    re.IGNORECASE,
)
QUOTE_CHARS = 200
_PERSONA = re.compile(r"\b(?:AI|assistant|chatbot|language model|model)\b")


@dataclass(frozen=True)
class Hit:
    """One confirmed trace in one field of one row."""

    trace: str
    family: str
    provider: str | None
    weight: float
    quote: str


def speaks(field: str, role: str | None) -> bool:
    """False for the asking side (prompt fields, user and system turns)."""
    if role is not None:
        return role.strip().lower() not in PROMPT_ROLES
    leaf = field.rsplit(".", 1)[-1].lower()
    return leaf not in PROMPT_FIELDS


def _quoted(text: str, start: int) -> bool:
    """Inside quotation marks, or introduced as reported speech, on the same line."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d"):
        return True
    if before.endswith("'") and (len(before) < 2 or not before[-2].isalnum()):
        return True
    return bool(_REPORTING.search(before[-60:]))


def quote(text: str, start: int, end: int) -> str:
    """The sentence around a match, on one line, at most QUOTE_CHARS characters."""
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop != -1 else 0, text.rfind("\n", 0, start) + 1, start - 80, 0)
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates + [len(text)])
    right = min(right + 1, end + 120, len(text))
    snippet = " ".join(text[left:right].split())
    return snippet if len(snippet) <= QUOTE_CHARS else snippet[: QUOTE_CHARS - 3].rstrip() + "..."


def confirm(text: str, candidates: set[int], traces: TraceSet) -> tuple[list[Hit], list[tuple[str, str]]]:
    """Hits of the candidate traces in ``text`` and the declared identities it states."""
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text:
        text = text.translate(_APOSTROPHES)
    spans: list[tuple[int, int, Hit]] = []
    for index in sorted(i for i in candidates if i >= 0):
        trace = traces.traces[index]
        for match in trace.pattern.finditer(text):
            if _quoted(text, match.start()):
                continue
            hit = Hit(trace.id, trace.family, trace.provider, trace.weight, quote(text, match.start(), match.end()))
            spans.append((match.start(), match.end(), hit))
            break  # one hit per trace and field is enough to weigh the row
    provider_spans = [(s, e) for s, e, h in spans if h.provider is not None]
    hits = [h for s, e, h in spans if h.provider is not None or not any(s < pe and ps < e for ps, pe in provider_spans)]
    identities: list[tuple[str, str]] = []
    if IDENTITY in candidates or hits:
        for match in traces.identity.maker.finditer(text):
            maker = match.group("maker").strip()
            if _known(maker, traces.names) or _quoted(text, match.start()):
                continue
            named = traces.identity.name.search(text)
            name = named.group("name") if named and not _known(named.group("name"), traces.names) else ""
            if not name and not _PERSONA.search(match.group(0)):
                continue  # "I was taught by Russia's best...": no model speaking
            identities.append((name, maker))
            break
    if identities:  # a student's own persona: its generic AI voice is no teacher's trace
        hits = [h for h in hits if h.provider is not None]
    return hits, identities


def _known(name: str, names: frozenset[str]) -> bool:
    """A provider's maker or model name, alone or followed by more words ("Meta AI team")."""
    words = name.lower().split()
    return any(" ".join(words[:i]) in names for i in range(1, len(words) + 1))

"""Run the clause pass over a document and turn scored sentences into citable clauses.

Cheap first, fine second: sentences come from character rules (``segmenter.boundaries``),
one compiled regular expression over the anchor vocabulary (``prefilter``) picks the few
sentences that can state a clause, and only those (and the lead-ins above them) are
tokenised by spaCy and matched for cues.  Structure (``structure``) says which lead-in or
heading governs each sentence; governance and scoring decide what it states.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from auditor.clauses import categories as C
from auditor.clauses.governance import governed
from auditor.clauses.lines import Lines, trim
from auditor.clauses.model import Clause, cite
from auditor.clauses.refine import refine_cues
from auditor.clauses.scoring import Sentence, score
from auditor.clauses.structure import Layout, layout, leads
from auditor.documents import Document

MIN_CONFIDENCE = 0.5
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Typographic apostrophes read as plain ones ("don\u2019t" is "don't"); same length, so offsets hold.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class Outline:
    """A document cut into sentences: their spans, their layouts, the lead-in of each, and the candidates."""

    spans: list[tuple[int, int]]
    layouts: list[Layout]
    lead_of: list[int | None]
    wanted: list[int]  # sentences holding an anchor word: the only ones that can state a clause


def outline(text: str) -> Outline:
    """Sentences, structure and candidates, from the characters alone (no spaCy)."""
    from auditor.clauses.prefilter import candidates
    from auditor.clauses.segmenter import boundaries, marker_kind

    lines = Lines.of(text)
    starts = boundaries(text, lines)
    spans = [trim(text, a, b) for a, b in zip(starts, starts[1:] + [len(text)])]
    spans = [(a, b) for a, b in spans if b > a]
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    layouts: list[Layout] = []
    for a, b in spans:
        sentence = text[a:b]
        layouts.append(layout(text, a, sentence, marker_kind(sentence), bisect_right(breaks, a), lines))
    wanted = candidates(text, [a for a, _ in spans], [b for _, b in spans])
    return Outline(spans, layouts, leads(layouts), wanted)


def detect_clauses(document: Document) -> list[Clause]:
    """Every clause of a CONTRACT category in the document, in text order."""
    from auditor.clauses.pipeline import cue_sentences

    from auditor.clauses.chinese import chinese_clauses, split_scripts

    if not document.text.strip():
        return []
    text, chinese_lines = split_scripts(document.text)  # Chinese lines blanked: the Chinese path reads them
    shape = outline(text)
    spans, layouts, lead_of, wanted = shape.spans, shape.layouts, shape.lead_of, shape.wanted
    needed = _with_leads(wanted, lead_of)
    features = [Sentence(text=item.text.translate(_APOSTROPHES), marker=item.marker) for item in layouts]
    cue_sentences([features[i] for i in needed])
    for feature in (features[i] for i in needed):
        _drop_nested(feature, inner="PROHIBIT", outer="USE_POLICY")
        refine_cues(feature)
    under_ban = governed(lead_of, features, set(needed))
    clauses: list[Clause] = []
    for index in wanted:
        lead = features[lead_of[index]] if lead_of[index] is not None else None
        found = score(features[index], lead, under_ban[index])
        start, end = spans[index]
        for category, confidence in sorted(found.items()):
            if confidence < MIN_CONFIDENCE:
                continue
            clauses.append(cite(document, category, start, end, confidence))
    clauses += _granted_distillation(document, text, spans, lead_of, clauses)
    clauses += chinese_clauses(document, chinese_lines, MIN_CONFIDENCE)
    clauses.sort(key=lambda c: (c.start, c.category))
    return clauses


def _granted_distillation(document: Document, text: str, spans: list[tuple[int, int]], lead_of: list[int | None], found: list[Clause]) -> list[Clause]:
    """Distillation permitted by a licence's definition of derivatives and its grant (``derivatives``), on the
    licence's use restrictions (reported where the licence states them); only documents naming both are read."""
    from auditor.clauses.derivatives import distillation_granted

    lowered = text.lower()
    if "distil" not in lowered and "transfer of patterns" not in lowered and "synthetic data" not in lowered:
        return []
    have = {(c.start, c.category) for c in found}
    out: list[Clause] = []
    for first, last in distillation_granted([text[a:b] for a, b in spans], lead_of):
        start, end = spans[first][0], spans[last][1]  # the definition through its item naming distillation
        if (start, C.DISTILLATION_PERMITTED) not in have:
            out.append(cite(document, C.DISTILLATION_PERMITTED, start, end, 0.8))
    return out


def _with_leads(wanted: list[int], lead_of: list[int | None]) -> list[int]:
    """The candidate sentences and every lead-in above them (through chains of leads)."""
    needed: set[int] = set()
    for index in wanted:
        while index is not None and index not in needed:
            needed.add(index)
            index = lead_of[index]
    return sorted(needed)


def _drop_nested(sentence: Sentence, inner: str, outer: str) -> None:
    """"Prohibited" inside "Prohibited Use Policy" names a document; it prohibits nothing."""
    if inner not in sentence.cues or outer not in sentence.cues:
        return
    kept = [(s, e) for s, e in sentence.cues[inner] if not any(os <= s and e <= oe for os, oe in sentence.cues[outer])]
    if kept:
        sentence.cues[inner] = kept
    else:
        del sentence.cues[inner]


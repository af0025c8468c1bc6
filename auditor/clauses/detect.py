"""Run the pipeline over a document and turn scored sentences into citable clauses."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from auditor.clauses.model import Clause
from auditor.clauses.scoring import Sentence, score
from auditor.documents import Document

MIN_CONFIDENCE = 0.5
_TOKENISH = re.compile(r"\s+|\S+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LEAD_END = re.compile(r"(?::|\bto|\bnot|following|\bwill|\bmay)\W*$", re.I)


def detect_clauses(document: Document) -> list[Clause]:
    """Every clause of a CONTRACT category in the document, in text order."""
    from auditor.clauses.pipeline import CUES, get_pipeline
    from auditor.clauses.segmenter import marker_kind

    from auditor.clauses.segmenter import BOUNDARIES, boundaries

    text = document.text
    if not text.strip():
        return []
    flat, origin = _flatten(text)
    nlp = get_pipeline()
    doc = nlp.make_doc(flat)
    doc.user_data[BOUNDARIES] = sorted({bisect_left(origin, b) for b in boundaries(text)})
    for _, component in nlp.pipeline:
        doc = component(doc)
    sents = list(doc.sents)
    sent_starts = [s.start for s in sents]
    spans = [(origin[s.start_char], origin[s.end_char - 1] + 1) for s in sents]
    features = [Sentence(text=text[a:b].strip(), marker=marker_kind(text[a:b])) for a, b in spans]
    for span in doc.spans[CUES]:
        index = bisect_right(sent_starts, span.start) - 1
        base = sent_starts[index]
        features[index].cues.setdefault(span.label_, []).append((span.start - base, span.end - base))
    for feature in features:
        _drop_nested(feature, inner="PROHIBIT", outer="USE_POLICY")
    paragraphs = _paragraph_ids(text, [a for a, _ in spans])
    leads = _leads(features, paragraphs)
    clauses: list[Clause] = []
    for index, sent in enumerate(sents):
        lead = features[leads[index]] if leads[index] is not None else None
        found = score(features[index], lead)
        if not found:
            continue
        start, end = _trim(text, *spans[index])
        for category, confidence in sorted(found.items()):
            if confidence < MIN_CONFIDENCE:
                continue
            clauses.append(
                Clause(
                    document=document.path,
                    category=category,
                    section=document.section_at(start),
                    page=document.page_at(start),
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    confidence=confidence,
                )
            )
    clauses.sort(key=lambda c: (c.start, c.category))
    return clauses


def _flatten(text: str) -> tuple[str, list[int]]:
    """Whitespace runs (hard wraps, indentation) become one space, so phrases match across lines.

    Returns the flat text and, for each of its characters, the offset in ``text``.
    """
    parts: list[str] = []
    origin: list[int] = []
    for match in _TOKENISH.finditer(text):
        chunk = match.group(0)
        if chunk[0].isspace():
            parts.append(" ")
            origin.append(match.start())
        else:
            parts.append(chunk)
            origin.extend(range(match.start(), match.end()))
    origin.append(len(text))
    return "".join(parts), origin


def _drop_nested(sentence: Sentence, inner: str, outer: str) -> None:
    """"Prohibited" inside "Prohibited Use Policy" names a document; it prohibits nothing."""
    if inner not in sentence.cues or outer not in sentence.cues:
        return
    kept = [(s, e) for s, e in sentence.cues[inner] if not any(os <= s and e <= oe for os, oe in sentence.cues[outer])]
    if kept:
        sentence.cues[inner] = kept
    else:
        del sentence.cues[inner]


def _paragraph_ids(text: str, starts: list[int]) -> list[int]:
    breaks = [m.start() for m in _BLANK_LINE.finditer(text)]
    return [bisect_right(breaks, start) for start in starts]


def _leads(features: list[Sentence], paragraphs: list[int]) -> list[int | None]:
    """For each list item, the sentence that introduces its list ("you may not:")."""
    owner: list[int | None] = []
    for index, sent in enumerate(features):
        if sent.marker:
            owner.append(index)
        elif index and owner[index - 1] is not None and paragraphs[index - 1] == paragraphs[index]:
            owner.append(owner[index - 1])
        else:
            owner.append(None)
    leads: list[int | None] = []
    for index, sent in enumerate(features):
        if not sent.marker:
            previous = features[index - 1].text if index else ""
            leads.append(index - 1 if previous.endswith(":") else None)
            continue
        first = index
        k = index - 1
        while k >= 0 and owner[k] is not None and features[owner[k]].marker == sent.marker:
            first = owner[k]
            k = owner[k] - 1
        if k < 0:
            leads.append(None)
        elif paragraphs[k] == paragraphs[first] or _LEAD_END.search(features[k].text):
            leads.append(k)
        else:
            leads.append(None)
    return leads


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

"""Whether a prohibition binds the user and governs the act a sentence names.

A ban is a prohibition aimed at the user ("you may not", "is not permitted", "without our
prior written consent", a heading "Things you must not do"), whose scope reaches the act
(training, competing).  Not bans: permissions, negated bans ("nothing ... prohibits"), the
provider's promises about itself ("we will not train on your data", "Customer Data will not
be used ...", "does not permit us to ..."), prohibitions in a different clause of the sentence
("..., and You must not violate any term"), and the opening "If you do not agree, do not use".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.clauses.scoring import Sentence

_USER_WORDS = r"you|your|customers?|licensees?|users?|recipients?|developers?|subscribers?|members?|end users?"
_USER_SUBJECTS = set(_USER_WORDS.replace("?", "").split("|")) | {"customer", "licensee", "user", "recipient", "and", "or", "also", "further"}
_USER_SUBJECTS |= {w + "s" for w in ("customer", "licensee", "user", "recipient", "developer", "subscriber", "member")}
_PROVIDER_SUBJECTS = {"we", "it", "they", "us"}
_NOT_NAMES = {"the", "this", "that", "these", "those", "any", "such", "no", "each", "all", "outputs", "output", "content", "materials", "services", "service", "model", "models", "data", "it", "and", "or", "also", "further", "nothing"}
_NEGATED_START = re.compile(r"^\W*(?:not|no|never)\s", re.I)
_CONSENT = re.compile(
    r"\bwithout\s+(?:first\s+)?(?:obtaining\s+|receiving\s+|having\s+)?(?:the\s+|our\s+|its\s+|their\s+|[A-Z][\w.&-]*(?:'s|\u2019s)\s+)?"
    r"(?:(?:prior|express|explicit|written|advance|specific)[,\s]+(?:and\s+)?){0,3}(?:consent|authori[sz]ation|permission|approval|agreement)\b",
    re.I,
)
_NO_RIGHTS = re.compile(r"\bno\s+(?:other\s+|further\s+|additional\s+)?(?:rights?|licen[cs]es?)\b[^.;]{0,60}\b(?:granted|implied|conferred)\b", re.I)
_VERDICT = re.compile(r"(?:\s|\|)(?:No|Not (?:permitted|allowed)|Prohibited|Forbidden|Not authori[sz]ed)\W*$")
_OWN_PROMISE = re.compile(
    r"\b(?:not|never)\s+(?:\w+\s+)?(?:permit|allow|authori[sz]e|entitle|license)s?\s+(?:us|we)\b"
    r"|\b(?:instruct|ask|direct|request|tell)\s+(?:us|\w+)\s+not\s+to\b"
    r"|\bopt[- ]?out\b[^.;]{0,80}\b(?:train|improve|develop)"
    r"|\b(?:your|customer|user|end user)(?:'s|\u2019s)?\s+(?:\w+\s+)?(?:data|content|inputs?|prompts|information|materials)\s+(?:will|shall|may|is|are)\s+not\s+(?:be\s+)?used\b"
    # "our agreements with vendors prohibit them from training on it": others are bound, for the user
    r"|\b(?:prohibit|forbid|bar|preclude)s?\s+(?:them|third[- ]part(?:y|ies)|(?:our|its|their|such|these|those)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:providers?|vendors?|partners?|sub-?processors?|processors?|suppliers?|contractors?|licensors?))\s+from\b"
    # "Deleted items will be excluded from any future training": only the one who trains excludes
    r"|\b(?:will|shall|would|is|are|be)\s+(?:\w+\s+)?(?:excluded|omitted|withheld|left\s+out)\s+(?:from|of)\s+(?:\w+\s+){0,3}?(?:training|models?)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:would|could|might)\s+(?:otherwise\s+)?(?:prohibit|restrict|forbid)"
    r"|\bno\s+(?:guarantees?|warrant(?:y|ies)|assurances?|promises?)\s+that\b|\b(?:not|cannot)\s+(?:guarantee|warrant|ensure|promise)\s+that\b",
    re.I,
)  # what would be prohibited, or is not guaranteed to be, is no prohibition
# "neither X nor any third party is allowed to ...": a prohibition without "not".
_NEITHER = re.compile(r"\bneither\b[^.;]{1,80}\bnor\b[^.;]{1,60}\b(?:is|are|may|shall|will|can)\s+(?:\w+\s+)?(?:allowed|permitted|entitled|authori[sz]ed|use|be used)\b", re.I)
# "Use of the model to train other models for commercial use is not a non-commercial purpose": a licence
# that grants only some purposes forbids what it says is none of them
_NOT_A_GRANTED_PURPOSE = re.compile(
    r"\b(?:is|are)\s+not\s+(?:a|an)\s+(?:permitted|authori[sz]ed|allowed|acceptable|licensed|non-?commercial|research)\s+(?:use|purpose)s?\b", re.I
)
_DECLINE = re.compile(r"^\W*if\s+you\s+do\s+not\s+(?:agree|accept)\b", re.I)
_HEADING_BAN = re.compile(
    r"\b(?:restrictions?|restricted|prohibit\w*|prohibitions?|must not|may not|not permitted|not allowed|forbidden|don'?ts?"
    r"|unacceptable|limitations on use|shall not|will not|can'?t|cannot)\b",
    re.I,
)
_SUBJECTS = _USER_SUBJECTS - {"and", "or", "also", "further"} | {"we"}
_CLAUSE_PUNCT = {",", ";", ":", "(", ")", "\u2014", "\u2013", "-"}
_LETS_USER = re.compile(r"(?:allow|permit|authori[sz]e|let|license|entitle|tolerate)s?\b")
_FORBID_VERBS = {"prohibit", "prohibits", "forbid", "forbids"}
_USER_NAMED = re.compile(r"\b(?:" + _USER_WORDS + r")\b", re.I)
# a word starts only after a blank, so a long run without spaces is tried once, not once per character
_SUBJECT_NOT = re.compile(r"(?<!\S)(\S+)\s+(?:may|must|shall|will|does|do|can)\s*(?:not|n't)\b", re.I)
# Where the clause holding the prohibition starts: "you acknowledge that | the Company will not ...".
_CLAUSE_START = re.compile(r".*(?:\b(?:that|which|whereas|because)\s+|[,;:]\s*)", re.I | re.S)
_PROVIDER_NOUNS = {"company", "provider", "licensor", "operator"}  # "the Company will not ...": the provider
_CLAUSE_BREAK = re.compile(r";|,\s*(?:and|but|while|whereas)\s|\b(?:you|we)\b", re.I)
# "If you would rather your outputs were not used for training, do not join the preview": the opening
# condition ends at its comma, and the main clause's prohibition does not reach back into it.
_CONDITION_OPENS = re.compile(r"^\W*(?:\(?\w{1,4}[.)]\s+)?(?:if|unless|should|in case|provided)\b", re.I)
# A grant "..., provided that it:" lists its conditions below it; a condition that negates ("Does not
# use the Photos for ...", "The Photos are not used ...") is a prohibition on the licensee.
_CONDITIONS_LEAD = re.compile(
    r"\b(?:provided|providing|on\s+(?:the\s+)?conditions?|(?:so|as)\s+long\s+as|subject\s+to\s+the\s+(?:following\s+)?conditions?)"
    r"\b[^.;:]{0,40}[:\u2014]\W*$",
    re.I,
)
_NEGATED_CONDITION = re.compile(
    r"^\W*(?:\(?\w{1,4}[.)]\s+)?(?:(?:not|never)\s|(?:[^\s,;:]+\s+){0,8}?(?:does|do|will|shall|is|are|has|have)\s+(?:not|never)\s)", re.I
)


def prohibits(sentence: Sentence) -> bool:
    """The sentence itself forbids something of the user (not a promise of the provider's)."""
    text = sentence.text
    cue = sentence.has("PROHIBIT") or bool(
        _NEGATED_START.match(text) or _NO_RIGHTS.search(text) or _VERDICT.search(text) or _NEITHER.search(text) or _NOT_A_GRANTED_PURPOSE.search(text)
    )
    if not cue and _CONSENT.search(text) and not permits(sentence):
        cue = not re.match(r"^\W*(?:we|our|us)\b", text, re.I)
    if not cue or _DECLINE.match(text) or _OWN_PROMISE.search(text):
        return False
    if _HYPOTHETICAL.search(text) and len(sentence.positions("PROHIBIT")) <= 1:
        return False  # "provisions that would otherwise prohibit ..." forbids nothing
    negations = sentence.positions("NEGATED_BAN")
    prohibitions = sentence.positions("PROHIBIT")
    if negations and (not prohibitions or min(negations) <= min(prohibitions) + 1):
        return False
    if _first_person(sentence):
        return False
    return not _provider_promise(text)


def _first_person(sentence: Sentence) -> bool:
    """The provider's "we" is the subject of the sentence's first prohibition ("..., we process but
    do not train on it"), unless it forbids the user something ("we do not allow you to ...")."""
    if sentence.has("FIRST_PERSON_BAN") and not _USER_NAMED.search(sentence.text):
        return True
    tokens = sentence.tokens
    cues = sentence.cues.get("PROHIBIT", []) + sentence.cues.get("FIRST_PERSON_BAN", [])
    if not cues or not tokens:
        return False
    start, end = min(cues)
    if tokens[start] in _FORBID_VERBS or _LETS_USER.match(" ".join(tokens[end : end + 3])):
        return False  # "we prohibit any use ...", "we do not allow the use ...": the user is bound
    for index in range(min(start + 1, len(tokens) - 1), max(-1, start - 12), -1):
        token = tokens[index]
        if token in _CLAUSE_PUNCT:
            return False
        if token in _SUBJECTS:
            return token == "we"
    return False


def heading_bans(sentence: Sentence) -> bool:
    """A short heading or lead that names prohibitions ("Use Restrictions", "Things you must not do")."""
    return len(sentence.text.split()) <= 12 and bool(_HEADING_BAN.search(sentence.text)) and not _OWN_PROMISE.search(sentence.text)


def _provider_promise(text: str) -> bool:
    """"Anthropic (and its Affiliates) may not train models on Customer Content", "you acknowledge that
    the Company will not use your data ...", "ACME WILL NOT USE CONTENT ...": the provider binds itself."""
    match = _SUBJECT_NOT.search(text)
    if not match:
        return False
    subject = re.sub(r"^\W*(?:\(?\w{1,4}[.)]\s+)?", "", text[: match.end(1)])
    if subject.endswith((",", ":", ";")):  # "For example, don't": no subject
        return False
    clause = _CLAUSE_START.sub("", subject)  # the subject of the clause the prohibition is in
    words = clause.split()
    if not words or _USER_NAMED.search(clause):
        return False
    bare = [w.strip("\"'\u201c\u201d(),").lower() for w in words]
    if bare[0] in _PROVIDER_SUBJECTS or bare[-1] in _PROVIDER_NOUNS and len(bare) <= 2 and bare[0] in {"the", bare[-1]}:
        return True
    if _USER_NAMED.search(subject):  # "you agree that Licensed Materials will not ...": the user undertakes it
        return False
    if subject.isupper():  # all capitals: only a one-word name ("ACME") can be told from a noun phrase
        return len(words) == 1 and bare[0] not in _NOT_NAMES and bare[0].isalpha()
    return len(words) <= 6 and bare[0] not in _NOT_NAMES and all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    """A word of a proper name ("Anthropic (and its Affiliates)"); "Non-commercial use" is no name."""
    bare = word.strip("\"'\u201c\u201d(),.")
    return not bare or bare[:1].isupper() or bare in {"and", "its", "of", "the", "or", "&"}


def permits(sentence: Sentence) -> bool:
    """A permission that is not merely the tail of an exception ("other than as permitted")."""
    for position in sentence.positions("PERMIT"):
        if any(0 < position - e <= 4 for e in sentence.positions("EXCEPT")):
            continue
        if any(start <= position < end for start, end in sentence.cues.get("PROHIBIT", ())):
            continue
        return True
    return False


def permits_only(sentence: Sentence) -> bool:
    return permits(sentence) and not sentence.has("PROHIBIT")


def reaches(sentence: Sentence, act: int, tokens: Sequence[str]) -> bool:
    """A prohibition of the sentence governs the act at token ``act``: before it, or just after it
    in the same clause (passive: "training of models on outputs is not permitted")."""
    prohibitions = sentence.positions("PROHIBIT")
    if not prohibitions:
        return True  # the prohibition is the sentence's form (a "Not ..." item, "without consent")
    # where the opening condition ("If ..., ") ends; an act before it is the condition's, not the ban's
    condition_end = tokens.index(",") if _CONDITION_OPENS.match(sentence.text) and "," in tokens else -1
    for position in prohibitions:
        if position <= act:
            return True
        between = " ".join(tokens[act + 1 : position])
        if act < condition_end < position:
            continue
        if position - act <= 25 and not _CLAUSE_BREAK.search(between):
            return True
    return False


def provider_speaks(sentence: Sentence) -> bool:
    """The sentence is the provider describing its own conduct, so no lead-in can make it a user ban."""
    text = sentence.text
    if _first_person(sentence):
        return True
    return bool(_OWN_PROMISE.search(text)) or _provider_promise(text) or bool(re.match(r"^\W*(?:\(?\w{1,4}[.)]\s+)?we\b", text, re.I))


def negated_condition(lead: Sentence, item: Sentence) -> bool:
    """``item`` is a negated condition of the licence ``lead`` grants ("provided that it: ... 7. Does not
    use ..."): a permission on conditions forbids what its conditions negate."""
    return bool(_CONDITIONS_LEAD.search(lead.text[-80:]) and _NEGATED_CONDITION.match(item.text)) and not provider_speaks(lead)


def governed(leads: list[int | None], sentences: list[Sentence], needed: set[int]) -> list[bool]:
    """For each sentence, whether a prohibiting lead-in or heading above it (through any chain of leads) governs it.

    Only the ``needed`` sentences (closed under leads) are judged; the others are False."""
    out: list[bool] = []
    for index, lead in enumerate(leads):
        if lead is None or lead >= index or index not in needed:
            out.append(False)
            continue
        above = sentences[lead]
        if negated_condition(above, sentences[index]):
            out.append(True)
        elif permits_only(above) or provider_speaks(above):
            out.append(False)
        else:
            out.append(prohibits(above) or heading_bans(above) or out[lead])
    return out

"""Verb series and pronoun objects: what a verb is listed with, and what "it" stands for.

A licence lists the acts it grants or withholds as one series of verbs over one object ("use,
reproduce, modify, create or distribute the Model"); "create" there is a copyright act done to the
licensed work, not the building of a model, unless a training verb stands in the same series
("create, train or improve models").  A list item whose object is a pronoun ("(iii) use it as part
of any machine learning activity") acts on what the lead-in or the sentence's opening named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from auditor.clauses.scoring import Sentence

# Acts of copyright and distribution done to a work someone else made.
_DEALING = frozenset(
    "use uses access reproduce reproduces copy copies modify modifies adapt translate distribute distributes redistribute"
    " sell resell sublicense license lease rent lend publish display perform transmit host share transfer exploit"
    " prepare import export".split()
)
# Acts that make a model learn: with one of these in the series, the series builds models.
_TRAINING = frozenset(
    "train trains trained training retrain pretrain pre-train fine-tune fine-tunes fine-tuned fine-tuning finetune"
    " finetuning improve improves improving enhance enhances enhancing distil distill distills distilling".split()
)
_JOINS = frozenset({",", "or", "and", "and/or", "/", "otherwise"})
_PRONOUN = re.compile(r"\b(?:it|them|such|these|those|the same)\b", re.I)


def series(tokens: Sequence[str], verb: int, verbs: frozenset[str]) -> list[str]:
    """The verbs listed together with the one at ``verb`` ("use , reproduce , create or distribute")."""
    known = verbs | _DEALING | _TRAINING
    out: list[str] = [tokens[verb]]
    for step in (-1, 1):
        index = verb + step
        while 0 <= index < len(tokens) and (tokens[index] in _JOINS or tokens[index] in known):
            if tokens[index] in known:
                out.append(tokens[index])
            index += step
    return out


def deals_with_work(tokens: Sequence[str], verb: int, verbs: frozenset[str]) -> bool:
    """The verb at ``verb`` is one of a licence's dealing acts ("reproduce, modify, create or
    distribute"), with no training act in its series."""
    listed = series(tokens, verb, verbs)
    return any(word in _DEALING for word in listed) and not any(word in _TRAINING for word in listed)


def refers_to_lead(sentence: Sentence, lead: Sentence | None) -> bool:
    """A pronoun object of an item ("use it", "train on them") stands for the content its lead-in
    named (read by the bans only, and on the characters: the item's own words still decide the
    other categories)."""
    return lead is not None and "SOURCE" in lead.cues and bool(_PRONOUN.search(sentence.text))

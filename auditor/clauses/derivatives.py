"""Distillation a licence permits by definition: a distilled model is a "derivative", and derivatives are granted.

OpenRAIL-style and community model licences never say "you may distil": they define "Derivatives
of the Model" (or "Model Derivatives") to include any model trained on the Model's outputs or made
by "transfer of patterns" (distillation), and elsewhere grant a licence to create or distribute
derivatives, on the licence's use restrictions.  Together the two sentences permit distillation on
those conditions, so the definition is cited (it is where the distillation is named); the definition
alone permits nothing when no sentence grants derivatives ("no licence is granted to create
derivative works").  The definition may run into items ("(iii) any other model created by
transfer of patterns ..."), which name the distillation below the defining sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from auditor.clauses.scoring import defined_term

_DISTILLED = re.compile(r"\bdistil|\btransfer of patterns\b|\bsynthetic data\b[^.;]{0,80}\btrain", re.I)
_DERIVATIVE = re.compile(r"\bderivatives?\b", re.I)
_GRANTS_DERIVATIVES = re.compile(r"\bgrants?\b[^.;]{0,400}?\bderivatives?\b", re.I)
_NO_GRANT = re.compile(r"\b(?:no|not|nor|never)\b[^.;]{0,30}\bgrant", re.I)


def distillation_granted(texts: Sequence[str], lead_of: Sequence[int | None]) -> list[tuple[int, int]]:
    """(first, last) sentence indices of each definition of a derivative term that takes in distilled
    models, through the item of it that names the distillation, when another sentence grants
    derivatives: where distillation is permitted on the licence's terms."""
    if not any(_GRANTS_DERIVATIVES.search(text) and not _NO_GRANT.search(text) for text in texts):
        return []
    found: dict[int, int] = {}
    for index, text in enumerate(texts):
        if not _DISTILLED.search(text):
            continue
        step: int | None = index
        while step is not None:
            term = defined_term(texts[step])
            if term and _DERIVATIVE.search(term):
                found[step] = max(found.get(step, index), index)
                break
            step = lead_of[step] if lead_of[step] is not None and lead_of[step] < step else None
    return sorted(found.items())

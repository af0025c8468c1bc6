"""The clause categories of CONTRACT.md, named once."""

from __future__ import annotations

COMPETING_MODELS = "competing-models"
MODEL_TRAINING_BAN = "model-training-ban"
IMPROVE_OTHER_MODELS = "improve-other-models"
DISTILLATION_PERMITTED = "distillation-permitted"
NON_COMMERCIAL = "non-commercial"
RESEARCH_ONLY = "research-only"
SHARE_ALIKE = "share-alike"
NO_DERIVATIVES = "no-derivatives"
ATTRIBUTION = "attribution"
NAMING = "naming"
USE_RESTRICTION = "use-restriction"
SCALE_THRESHOLD = "scale-threshold"
OUTPUT_OWNERSHIP = "output-ownership"
NO_SCRAPING = "no-scraping"
TDM_RESERVATION = "tdm-reservation"

CATEGORIES: tuple[str, ...] = (
    COMPETING_MODELS,
    MODEL_TRAINING_BAN,
    IMPROVE_OTHER_MODELS,
    DISTILLATION_PERMITTED,
    NON_COMMERCIAL,
    RESEARCH_ONLY,
    SHARE_ALIKE,
    NO_DERIVATIVES,
    ATTRIBUTION,
    NAMING,
    USE_RESTRICTION,
    SCALE_THRESHOLD,
    OUTPUT_OWNERSHIP,
    NO_SCRAPING,
    TDM_RESERVATION,
)

# Clauses that forbid using a provider's outputs to build models (the distillation-ban family).
BANS: frozenset[str] = frozenset({COMPETING_MODELS, MODEL_TRAINING_BAN, IMPROVE_OTHER_MODELS})

"""Rule models: a small closed set of condition operators, severities that depend on facts.

Rules are YAML data in policies/rules/; the engine compiles them (conditions.py) and
checks that every fact a rule tests is one it builds (subjects.FACTS).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from auditor.clauses.categories import CATEGORIES as CLAUSE_CATEGORIES
from auditor.findings import CATEGORIES, Severity
from auditor.manifest import SECTIONS
from auditor.strict import Strict

ClauseCategory = Literal[CLAUSE_CATEGORIES]  # type: ignore[valid-type]


class Test(Strict):
    """A comparison of one fact with a value: the closed set of operators."""

    fact: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    contains: Any = None
    contains_any: list[Any] | None = None
    contains_all: list[Any] | None = None
    exists: bool | None = None
    gte: float | None = None
    lt: float | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> "Test":
        given = [name for name in ("equals", "in_", "contains", "contains_any", "contains_all", "exists", "gte", "lt") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("a test needs 'fact' and exactly one of: equals, in, contains, contains_any, contains_all, exists, gte, lt")
        return self


class All(Strict):
    all: list["Condition"] = Field(min_length=1)


class Any_(Strict):
    any: list["Condition"] = Field(min_length=1)


class Not(Strict):
    not_: "Condition" = Field(alias="not")


_KINDS = (("all", All), ("any", Any_), ("not", Not))


def _kind(value: Any) -> str:
    """Which operator a condition is, from its key: so an error speaks of that operator's fields alone.

    Without it pydantic tries all four and reports the first failure, so a test with a
    misspelt operator read "when.all: required field is missing".
    """
    if isinstance(value, dict):
        return next((cls.__name__ for key, cls in _KINDS if key in value), Test.__name__)
    return type(value).__name__


Condition = Annotated[
    Union[tuple(Annotated[cls, Tag(cls.__name__)] for cls in (All, Any_, Not, Test))],  # type: ignore[misc]
    Discriminator(_kind),
]
CONDITION_TAGS = frozenset(cls.__name__ for cls in (All, Any_, Not, Test))  # how pydantic names them in error locations
# no model_rebuild() here: with defer_build the forward references resolve on first validation

SeverityName = Literal[tuple(s.value for s in Severity)]  # type: ignore[misc]


class SeverityCase(Strict):
    when: Condition
    then: SeverityName


class SeverityRule(Strict):
    default: SeverityName
    cases: list[SeverityCase] = Field(default_factory=list)


class Wording(Strict):
    """Texts a rule says instead of its own for one kind of subject; what is left out stays the rule's."""

    title: str | None = None
    message: str | None = None
    remediation: str | None = None


class Rule(Strict):
    id: str = Field(pattern=r"^AUD\d{3}$")  # stable, never reused
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    category: str
    subject: Literal[(*SECTIONS, "model")]  # type: ignore[valid-type]  # what a rule judges: each entry of a list, or the model
    when: Condition
    severity: SeverityRule
    cites: list[ClauseCategory] = Field(default_factory=list)  # obligations quoted as evidence
    uncertain: bool = False  # the finding always needs legal judgement
    title: str
    message: str
    remediation: str
    help: str = ""
    # a data-source rule's words for a base model (model.base_models[N]), judged by the same rule:
    # weights one builds on are not data one trains on, and the fix differs
    base_model: Wording | None = None

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"unknown category '{value}'; expected one of: {', '.join(CATEGORIES)}")
        return value


class RuleFile(Strict):
    rules: list[Rule]

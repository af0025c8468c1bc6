"""The closed set of rule operators, evaluated over a subject's facts.

Facts are a flat dict with dotted keys ("model.use", "categories"); a rule's
condition tree (all / any / not / tests) is checked against it.  Nothing here
knows what a fact means.
"""

from __future__ import annotations

from typing import Any, Mapping

from auditor.policy import All, Any_, Condition, Not, Test


def holds(condition: Condition, facts: Mapping[str, Any]) -> bool:
    if isinstance(condition, All):
        return all(holds(c, facts) for c in condition.all)
    if isinstance(condition, Any_):
        return any(holds(c, facts) for c in condition.any)
    if isinstance(condition, Not):
        return not holds(condition.not_, facts)
    return _test(condition, facts)


def _test(test: Test, facts: Mapping[str, Any]) -> bool:
    value = facts.get(test.fact)
    if test.exists is not None:
        return (value is not None and value != [] and value != "") == test.exists
    if test.equals is not None:
        return value == test.equals
    if test.in_ is not None:
        return value in test.in_
    if test.gte is not None:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= test.gte
    if test.lt is not None:
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value < test.lt
    items = value if isinstance(value, (list, tuple, set, frozenset)) else ()
    if test.contains is not None:
        return test.contains in items
    if test.contains_any is not None:
        return any(v in items for v in test.contains_any)
    if test.contains_all is not None:
        return all(v in items for v in test.contains_all)
    return False  # pragma: no cover - Test validation guarantees one operator


def fact_names(condition: Condition) -> set[str]:
    """Every fact a condition reads (used to check rules against the facts the engine provides)."""
    if isinstance(condition, All):
        return set().union(*(fact_names(c) for c in condition.all))
    if isinstance(condition, Any_):
        return set().union(*(fact_names(c) for c in condition.any))
    if isinstance(condition, Not):
        return fact_names(condition.not_)
    return {condition.fact}

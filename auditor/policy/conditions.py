"""The closed set of rule operators, compiled once into predicates over a subject's facts.

Facts are a flat dict with dotted keys ("model.use", "categories"); a rule's
condition tree (all / any / not / tests) becomes one Python closure, so checking
100,000 subjects does not walk the pydantic tree each time.  Nothing here knows
what a fact means.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping

from auditor.policy.rules import All, Any_, Condition, Not, Test

Predicate = Callable[[Mapping[str, Any]], bool]
_COLLECTIONS = (list, tuple, set, frozenset)


def compile_condition(condition: Condition) -> Predicate:
    if isinstance(condition, All):
        parts = [compile_condition(c) for c in condition.all]
        return lambda facts: all(p(facts) for p in parts)
    if isinstance(condition, Any_):
        parts = [compile_condition(c) for c in condition.any]
        return lambda facts: any(p(facts) for p in parts)
    if isinstance(condition, Not):
        inner = compile_condition(condition.not_)
        return lambda facts: not inner(facts)
    return _compile_test(condition)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _items(value: Any) -> Any:
    return value if isinstance(value, _COLLECTIONS) else ()


def _compile_test(test: Test) -> Predicate:
    fact = test.fact
    if test.exists is not None:
        want = test.exists
        return lambda f: (f.get(fact) not in (None, [], "", ())) == want
    if test.equals is not None:
        expected = test.equals
        return lambda f: f.get(fact) == expected
    if test.in_ is not None:
        options = list(test.in_)
        return lambda f: f.get(fact) in options
    if test.gte is not None:
        bound = test.gte
        return lambda f: _number(f.get(fact)) and f[fact] >= bound
    if test.lt is not None:
        bound = test.lt
        return lambda f: _number(f.get(fact)) and f[fact] < bound
    if test.contains is not None:
        item = test.contains
        return lambda f: item in _items(f.get(fact))
    if test.contains_any is not None:
        wanted = frozenset(test.contains_any)
        return lambda f: any(v in wanted for v in _items(f.get(fact)))
    if test.contains_all is not None:
        needed = list(test.contains_all)
        return lambda f: all(v in _items(f.get(fact)) for v in needed)
    return lambda f: False  # pragma: no cover - Test validation guarantees one operator


def fact_names(condition: Condition) -> set[str]:
    """Every fact a condition reads (used to check rules against the facts the engine provides)."""
    if isinstance(condition, All):
        return set().union(*(fact_names(c) for c in condition.all))
    if isinstance(condition, Any_):
        return set().union(*(fact_names(c) for c in condition.any))
    if isinstance(condition, Not):
        return fact_names(condition.not_)
    return {condition.fact}

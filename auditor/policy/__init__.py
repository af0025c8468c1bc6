"""Policy packs, provider aliases and rules: YAML data validated by pydantic.

models.py holds the pack and provider models and the loaded PolicySet; rules.py the
rule models; conditions.py compiles a rule's condition into a predicate; loading.py
reads folders of them.
"""

from __future__ import annotations

from auditor.policy.loading import builtin_providers, load_policies, validate_dir
from auditor.policy.models import DoubtReach, Pack, PackClause, PolicySet, Provider, Scope
from auditor.policy.rules import Rule

__all__ = ["DoubtReach", "Pack", "PackClause", "PolicySet", "Provider", "Rule", "Scope", "builtin_providers", "load_policies", "validate_dir"]

"""Load policy packs, provider aliases and rules from folders (built-in first, then --policies)."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from auditor import strict, yamlio
from auditor.errors import AuditorError
from auditor.findings import PolicyOverride
from auditor.policy.models import Pack, PolicySet, ProviderFile
from auditor.policy.rules import CONDITION_TAGS, RuleFile
from auditor.validation import user_error


def load_policies(extra_dirs: list[Path] | tuple[Path, ...] = ()) -> PolicySet:
    """Built-in packs first, then each --policies folder, which extends or overrides by id."""
    from auditor.resources import policies_dir

    policies = PolicySet()
    _load_dir(policies_dir(), policies, origin="built-in")
    for folder in extra_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            raise AuditorError("expected a folder of policy packs (*.yaml)", file=folder)
        _load_dir(folder, policies, origin=str(folder))
    _check_references(policies)
    return policies


@lru_cache(maxsize=1)
def builtin_providers() -> PolicySet:
    """Only the built-in provider ids and aliases (policies/providers.yaml), for code that names providers without the packs.

    Provider ids and their spellings live in that one file; ``audit init``'s comments
    and the Hugging Face organisation of a converted card are read from it, so a new
    provider is a data change only.
    """
    from auditor.resources import policies_dir

    path = policies_dir() / "providers.yaml"
    text = yamlio.read_text(path, what="policy file")
    policies = PolicySet()
    policies.add_providers(_validate(ProviderFile, yamlio.load(text, source=path), path, yamlio.LineIndex(text)).providers)
    return policies


def validate_dir(folder: Path) -> PolicySet:
    """Check one folder on its own (``audit policies --validate``)."""
    if not folder.is_dir():
        raise AuditorError("expected a folder of policy packs (*.yaml)", file=folder)
    policies = PolicySet()
    _load_dir(folder, policies, origin=str(folder))
    return policies


def _load_dir(folder: Path, policies: PolicySet, *, origin: str) -> None:
    from auditor import __version__
    from auditor.diskcache import cached

    files = [(path, yamlio.read_text(path, what="policy file")) for path in sorted(folder.rglob("*.yaml")) + sorted(folder.rglob("*.yml"))]
    digest = hashlib.sha256(__version__.encode())
    for code in (*(Path(__file__).with_name(m) for m in ("loading.py", "models.py", "rules.py")), Path(strict.__file__)):
        digest.update(code.read_bytes())  # the models' code is part of what is cached
    digest.update(os.path.realpath(folder).encode("utf-8", "surrogateescape"))  # entries name their files
    for path, text in files:
        digest.update(f"\0{path.relative_to(folder).as_posix()}\0{text}".encode("utf-8", "surrogateescape"))
    # validating ~60 packs is costly; the validated result is cached by the folder's content
    entries = cached("policies", digest.hexdigest()[:24], lambda: _parse_files(files), _encode_entries, _decode_entries)
    seen: dict[str, str] = {}
    user = origin != "built-in"
    for kind, value, where, sha256 in entries:
        if kind == "providers":
            if user:
                policies.overrides += [PolicyOverride("provider", pid, where, pid in policies.providers) for pid in sorted(value.providers)]
            policies.add_providers(value.providers)
        elif kind == "rules":
            for index, rule in enumerate(value.rules):
                if user:
                    policies.overrides.append(PolicyOverride("rule", rule.id, where, rule.id in policies.rules))
                policies.rules[rule.id] = rule
                policies.rule_sources[rule.id] = (where, index)
        else:
            if value.id in seen:
                raise AuditorError(f"pack id '{value.id}' is already used by {seen[value.id]}", file=where, field="id")
            seen[value.id] = where
            if user:
                policies.overrides.append(PolicyOverride("pack", value.id, where, value.id in policies.packs))
            policies.add_pack(value, origin, sha256, where)


def _parse_files(files: list[tuple[Path, str]]) -> list[tuple[str, Any, str, str]]:
    entries: list[tuple[str, Any, str, str]] = []
    for path, text in files:
        data = yamlio.load(text, source=path)
        lines = yamlio.LineIndex(text)
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if isinstance(data, dict) and "providers" in data and "id" not in data:
            entries.append(("providers", _validate(ProviderFile, data, path, lines), str(path), sha256))
        elif isinstance(data, dict) and "rules" in data and "id" not in data:
            entries.append(("rules", _validate(RuleFile, data, path, lines), str(path), sha256))
        else:
            entries.append(("pack", _validate(Pack, data, path, lines), str(path), sha256))
    return entries


_MODELS: dict[str, type[strict.Strict]] = {"providers": ProviderFile, "rules": RuleFile, "pack": Pack}


def _encode_entries(entries: list[tuple[str, Any, str, str]]) -> list[list[Any]]:
    return [[kind, value.model_dump(mode="json", by_alias=True), where, sha256] for kind, value, where, sha256 in entries]


def _decode_entries(body: list[list[Any]]) -> list[tuple[str, Any, str, str]]:
    """Cached packs are validated again, as plain data from a shared folder must be."""
    return [(kind, _MODELS[kind].model_validate(data), str(where), str(sha256)) for kind, data, where, sha256 in body]


def _validate(model: type[strict.Strict], data: Any, path: Path, lines: yamlio.LineIndex) -> Any:
    if not isinstance(data, dict):
        raise AuditorError("expected a mapping: a policy pack (id, title, kind, ...), 'providers:' or 'rules:'", file=path, line=1)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise user_error(exc, source=path, lines=lines, union_tags=CONDITION_TAGS) from None


def _check_references(policies: PolicySet) -> None:
    """Every provider a pack applies to is defined (in providers.yaml, built-in or in a --policies folder)."""
    for pack in policies.packs.values():
        for index, provider in enumerate(pack.applies_to.providers):
            if provider not in policies.providers:
                field, file = ("applies_to", "providers", index), policies.files.get(pack.id)
                line = yamlio.LineIndex(yamlio.read_text(Path(file), what="policy file")).line(field) if file else None
                raise AuditorError(
                    f"pack '{pack.id}' applies to provider '{provider}', which no providers.yaml defines; "
                    f"expected one of: {', '.join(sorted(policies.providers))} (or add it to a providers.yaml)",
                    file=file, line=line, field=yamlio.format_path(field),
                )


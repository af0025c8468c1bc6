"""Known datasets and models: the registry shipped in registry/, and how auditor recognises them.

Public interface: ``load_registry`` (built-in files plus a team's override files),
``Index`` (``recognise(name=, url=)`` -> ``Recognition`` | ``NearMiss`` | None, and ``search``),
``Entry`` (the schema of REGISTRY_SCHEMA.md).  Importing this package is cheap; the
registry is read only when something asks for it, and its validated entries are cached.
"""

from __future__ import annotations

from auditor.registry.load import Registry, RegistryOverride, load_registry
from auditor.registry.model import Entry
from auditor.registry.recognise import Index, NearMiss, Recognition

__all__ = ["Entry", "Index", "NearMiss", "Recognition", "Registry", "RegistryOverride", "load_registry"]

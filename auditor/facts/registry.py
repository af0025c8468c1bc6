"""What a recognised data source adds to its facts: the registry's licence, generators and parents.

Where the manifest is silent, the registry's facts apply as if declared; where it
contradicts them, both apply (the stricter reading drives severity) and a fact says
so.  Every obligation that comes from the registry names its entry and the source
the entry rests on, so findings citing it say that they rest on the registry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, get_args

from auditor.facts.licence import SILENT_STATUSES
from auditor.facts.obligations import Obligation
from auditor.manifest import DataSource, Origin
from auditor.registry.known import Known, Suggestion
from auditor.registry.recognise import hf_id_in

if TYPE_CHECKING:  # pragma: no cover
    from auditor.facts.common import Inputs
    from auditor.facts.licence import LicenceResolver
    from auditor.policy import PolicySet

# facts data sources gain (rules may test them; see policies/rules/registry.yaml)
REGISTRY_FACTS = frozenset(
    {"registry_id", "registry_name", "registry_licence", "registry_licence_applied", "registry_licence_conflict",
     "registry_generated", "undeclared_generators", "undeclared_text", "registry_origin_conflict", "registry_copyright",
     "registry_suggestion", "registry_source", "registry_file"}
)
_NOT_GENERATED = frozenset(get_args(Origin)) - {"generated", "mixed"}  # origins that rule model outputs out

LicenceObligations = Callable[[str], "tuple[tuple[Obligation, ...], str | None]"]  # licence -> (obligations, spdx)
GeneratorObligations = Callable[[str], "tuple[Obligation, ...]"]  # provider/model -> what its outputs carry
ProviderOf = Callable[[str], str]  # a generated_by value (teacher id or provider/model) -> provider id or name


def empty_values() -> dict[str, Any]:
    return {
        "registry_id": "", "registry_name": "", "registry_licence": "", "registry_licence_applied": False,
        "registry_licence_conflict": False, "registry_generated": False, "undeclared_generators": [], "undeclared_text": "",
        "registry_origin_conflict": False, "registry_copyright": "", "registry_suggestion": "", "registry_source": "",
        "registry_file": "",
    }


def registry_facts(
    known: Known | Suggestion | None,
    source: DataSource,
    declared_spdx: str | None,
    silent: bool,
    licence_of: LicenceObligations,
    generator_of: GeneratorObligations,
    provider_of: ProviderOf,
    publisher: str | None = None,
) -> tuple[tuple[Obligation, ...], dict[str, Any]]:
    """(obligations the registry adds, facts) for one data source.

    Generators of the publisher's own (a provider's dataset of its own outputs) add nothing:
    the dataset's licence is the publisher's grant (publisher_provider).
    """
    values = empty_values()
    if isinstance(known, Suggestion):
        values["registry_suggestion"] = f"{'; '.join(known.candidates)} ({known.reason} to '{known.written}')"
        return (), values
    if known is None:
        return (), values
    entry = known.entry
    added: list[Obligation] = []
    licence = known.licence
    own, spdx = licence_of(licence) if licence != "NOASSERTION" else ((), None)
    conflict = bool(spdx and declared_spdx and spdx.lower() != declared_spdx.lower())
    if spdx and (silent or conflict):
        added += [rests_on_registry(o, entry.id, known.source_url, entry.uncertain) for o in own]
    for ancestor in known.ancestors:  # a parent's licence flows downstream, as derived_from does in the manifest
        if ancestor.licence != "NOASSERTION":
            added += [rests_on_registry(o, ancestor.id, ancestor.sources[0], ancestor.uncertain) for o in licence_of(ancestor.licence)[0]]
    declared = {provider_of(g) for g in source.generated_by}
    undeclared = [g for g in known.generators() if provider_of(g) not in declared and provider_of(g) != publisher]
    for generator in undeclared:  # the stricter reading: a known generator's terms apply even if not declared
        added += [rests_on_registry(o, entry.id, known.source_url, entry.uncertain) for o in generator_of(generator)]
    generated = bool(known.generators()) or entry.origin == "generated"
    values.update(
        {
            "registry_id": entry.id,
            "registry_name": entry.display_name,
            "registry_licence": licence,
            "registry_licence_applied": bool(silent and spdx),
            "registry_licence_conflict": conflict,
            "registry_generated": generated,
            "undeclared_generators": undeclared,
            "undeclared_text": ", ".join(undeclared),
            "registry_origin_conflict": generated and source.origin in _NOT_GENERATED,
            "registry_copyright": entry.copyright or "",
            "registry_source": known.source_url,
            "registry_file": known.file + (" (override)" if known.override else ""),
        }
    )
    return tuple(added), values


def rests_on_registry(ob: Obligation, entry_id: str, url: str, doubt: str | None) -> Obligation:
    """The obligation as resting on a registry entry; the entry's doubt is added to the clause's own."""
    uncertain = " ".join(d if d.rstrip().endswith((".", "!", "?")) else d.rstrip() + "." for d in (ob.uncertain, doubt) if d) or None
    return ob._replace(registry=entry_id, registry_url=url, uncertain=uncertain)


class KnownSources:
    """A recognised source's registry facts (facts/registry.py), with this manifest's resolvers."""

    def __init__(self, policies: "PolicySet", resolver: "LicenceResolver", teachers: dict, generator: Callable) -> None:
        self._policies, self._resolver, self._teachers, self._generator = policies, resolver, teachers, generator

    def of(self, known: Any, source: DataSource, licence_values: dict[str, Any], inputs: "Inputs"):
        # "unknown" (a card's datasets list) or no licence at all: the manifest is silent
        silent = licence_values["licence_status"] in SILENT_STATUSES and source.id not in inputs.licence_files and not source.terms
        declared = licence_values["licence"] if licence_values["licence_status"] in ("known", "ambiguous") else None
        publisher = publisher_provider(source, self._policies)
        added, values = registry_facts(known, source, declared, silent, self._licence, self._generated, self._provider, publisher)
        if values["registry_licence_applied"]:  # as if declared: the registry's licence is this source's licence
            licence_values = {**licence_values, "licence": values["registry_licence"], "licence_status": "known",
                              "own_categories": sorted({o.category for o in added if o.registry == values["registry_id"]})}
        return added, values, licence_values

    def _licence(self, text: str):
        match, obligations, _, unknown = self._resolver.resolve(text)
        return obligations, (match.spdx if not unknown else None)

    def _generated(self, generator: str):
        return self._generator(generator, self._policies, self._teachers)[1]

    def _provider(self, generator: str) -> str:
        teacher = self._teachers.get(generator)
        name = teacher.values["provider"] if teacher is not None else generator.partition("/")[0]
        return self._policies.resolve_provider(name) or str(name or "").lower()


def publisher_provider(source: DataSource, policies: PolicySet) -> str | None:
    """The provider that publishes a data source (its Hugging Face organisation), if it is one.

    A provider that releases a dataset of its own models' outputs (Anthropic's hh-rlhf) grants
    rights in them by the dataset's licence; its service terms bind its customers' use of the
    service, not this release, so they are not applied through the dataset's generators.
    """
    for text in (source.url, source.name):
        found = hf_id_in(text) if text else None
        if found is not None and "/" in found[0]:
            return policies.resolve_provider(found[0].split("/", 1)[0])
    return None

"""Facts of copyrighted material: permission, TDM opt-out and jurisdiction."""

from __future__ import annotations

from typing import Any

from auditor.facts.common import COMMON, SubjectFacts
from auditor.manifest import Manifest


EU_JURISDICTIONS = frozenset(
    {"eu", "eea", "european union", "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu",
     "ie", "it", "lv", "lt", "lu", "mt", "nl", "pl", "pt", "ro", "sk", "si", "es", "se", "austria", "belgium",
     "bulgaria", "croatia", "cyprus", "czechia", "denmark", "estonia", "finland", "france", "germany", "greece",
     "hungary", "ireland", "italy", "latvia", "lithuania", "luxembourg", "malta", "netherlands", "poland",
     "portugal", "romania", "slovakia", "slovenia", "spain", "sweden"}
)


# the facts rules may test on copyrighted material
FACTS = COMMON | {
    "permission", "tdm_opt_out_respected", "jurisdiction", "jurisdiction_eu", "jurisdiction_known", "label", "rights_holder",
}


def material_facts(index: int, manifest: Manifest, common: dict[str, Any]) -> SubjectFacts:
    item = manifest.copyrighted_material[index]
    jurisdiction = (item.jurisdiction or "").strip().lower()
    values = dict(common)
    values.update(
        {
            "permission": item.permission,
            "tdm_opt_out_respected": str(item.tdm_opt_out_respected).lower(),
            "jurisdiction": item.jurisdiction or "unspecified",
            "jurisdiction_eu": jurisdiction in EU_JURISDICTIONS,
            "jurisdiction_known": bool(jurisdiction),
            "label": f"copyrighted material '{item.id}'" + (f" ({item.description})" if item.description else ""),
            "rights_holder": item.rights_holder or "the rights holder",
        }
    )
    return SubjectFacts(f"copyrighted_material[{index}]", item.id, "copyrighted_material", values)


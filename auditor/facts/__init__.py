"""Turn a manifest (plus what was read from disk) into the facts rules test.

One module per subject kind, each declaring the facts it provides (``FACTS``) beside
the code that computes them.  Lineage lives in data_sources.py: a data source carries
the obligations of its own licence, of the models that generated it, and of every
source it derives from, transitively.  Pure: everything read from disk arrives in ``Inputs``.
"""

from __future__ import annotations

from auditor.facts import data_sources, material, model, teachers
from auditor.facts.base_models import base_model_subjects
from auditor.facts.common import DocClause, Inputs, SubjectFacts, model_values
from auditor.facts.licence import LicenceResolver
from auditor.facts.obligations import Obligation, ObligationOrigin
from auditor.manifest import Manifest
from auditor.policy import PolicySet

__all__ = ["FACTS", "FIELD_OF_FACT", "DocClause", "Inputs", "LicenceResolver", "Obligation", "ObligationOrigin", "SubjectFacts", "build"]

# the facts rules may test, per subject kind (a rule naming another fact is rejected when rules load)
FACTS: dict[str, frozenset[str]] = {
    "teachers": teachers.FACTS,
    "data_sources": data_sources.FACTS,
    "copyrighted_material": material.FACTS,
    "model": model.FACTS,
}
# per subject kind, the manifest field a fact comes from (facts absent here are not tied to one field)
FIELD_OF_FACT: dict[str, dict[str, str]] = {"data_sources": data_sources.FIELD_OF_FACT}


def build(manifest: Manifest, policies: PolicySet, inputs: Inputs) -> list[SubjectFacts]:
    """The facts of every entry: teachers, data sources (parents before children), material, the model."""
    common = model_values(manifest)
    bases = base_model_subjects(manifest, policies, common, inputs.base_licences)
    exempt = frozenset(o.pack.id for b in bases for o in b.obligations if o.pack is not None)
    teacher_facts = [teachers.teacher_facts(i, manifest, policies, inputs, common, exempt) for i in range(len(manifest.teachers))]
    order = data_sources.data_source_order(manifest.data_sources)  # a lineage cycle is an input error
    source_facts = data_sources.data_source_facts(manifest, policies, inputs, common, teacher_facts, order, exempt)
    material_facts = [material.material_facts(i, manifest, common) for i in range(len(manifest.copyrighted_material))]
    trained = [s for s in source_facts if s.values["trained_on"]]  # parents listed only for lineage pass nothing themselves
    share = model.model_share(bases + trained, len(bases))
    return bases + teacher_facts + source_facts + material_facts + [model.model_facts(manifest, share, common)]

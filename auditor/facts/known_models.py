"""Which policy pack a model the registry recognises brings: one answer for base models and teachers.

The registry gives a family's licence for the exact Hugging Face id (size variants
included).  A licence with its own pack (Llama 3.1, Qwen, Gemma) is that pack.  A generic
licence (MIT, Apache-2.0) first tries the model-licence pack its provider ships for that
model (DeepSeek-R1's MIT pack, Qwen's Apache pack), which knows what the weights' terms say
of outputs; a pack that names other licences is never taken against the registry.
"""

from __future__ import annotations

from auditor.policy import Pack, PolicySet
from auditor.registry.recognise import hf_id_in


def registry_pack(licence: str, reference: str | None, policies: PolicySet) -> Pack | None:
    """The pack of ``licence`` for the model ``reference`` names (a Hugging Face id or URL)."""
    by_licence = policies.pack_for_licence(licence)
    if by_licence is not None and by_licence.kind == "model-licence":
        return by_licence
    found = hf_id_in(reference) if reference else None
    org, _, name = found[0].partition("/") if found else ("", "", "")
    if org and name:
        by_name = policies.pack_for_teacher(org, name)
        listed = {lid.lower() for lid in by_name.applies_to.licences} if by_name else set()
        if by_name is not None and by_name.kind == "model-licence" and (not listed or licence.lower() in listed):
            return by_name
    return by_licence

"""Licences SPDX lacks (model and community licences) and the project's own aliases.

The ``LicenseRef-`` ids are shared with the provider policy packs: never rename
one.  Aliases are written as people write them on dataset and model cards; they
are normalised with ``normalize.name_key`` before use, so case, punctuation,
"licence"/"license" and "v2"/"2.0" variants need no entry of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Ref:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    categories: frozenset[str] = field(default_factory=frozenset)  # fallback when no pack covers it


_LLAMA_OLD = frozenset({"use-restriction", "improve-other-models", "scale-threshold", "attribution"})
_LLAMA_NEW = frozenset({"use-restriction", "scale-threshold", "attribution", "naming"})
_RAIL = frozenset({"use-restriction", "attribution"})
_RESEARCH = frozenset({"research-only", "non-commercial"})

REFS: tuple[Ref, ...] = (
    Ref("LicenseRef-Llama-2", "Llama 2 Community License Agreement", ("llama2", "llama 2 license", "meta llama 2 community license", "llama-2-community-license"), _LLAMA_OLD),
    Ref("LicenseRef-Llama-3", "Meta Llama 3 Community License Agreement", ("llama3", "llama 3 license", "meta llama 3 license", "meta llama 3 community license"), _LLAMA_OLD | {"naming"}),
    Ref("LicenseRef-Llama-3.1", "Llama 3.1 Community License Agreement", ("llama3.1", "llama 3.1 license", "meta llama 3.1 community license"), _LLAMA_NEW),
    Ref("LicenseRef-Llama-3.2", "Llama 3.2 Community License Agreement", ("llama3.2", "llama 3.2 license", "meta llama 3.2 community license"), _LLAMA_NEW),
    Ref("LicenseRef-Llama-3.3", "Llama 3.3 Community License Agreement", ("llama3.3", "llama 3.3 license", "meta llama 3.3 community license"), _LLAMA_NEW),
    Ref("LicenseRef-Llama-4", "Llama 4 Community License Agreement", ("llama4", "llama 4 license", "meta llama 4 community license"), _LLAMA_NEW),
    Ref("LicenseRef-Gemma", "Gemma Terms of Use", ("gemma", "gemma license", "gemma terms", "google gemma terms of use"), _RAIL),
    Ref("LicenseRef-Tongyi-Qianwen", "Tongyi Qianwen License Agreement", ("tongyi-qianwen", "tongyi qianwen license", "tongyi qianwen license agreement"), _LLAMA_OLD),
    Ref("LicenseRef-Qwen", "Qwen License Agreement", ("qwen", "qwen license", "qwen license agreement"), frozenset({"attribution", "naming", "scale-threshold", "use-restriction"})),
    Ref("LicenseRef-Qwen-Research", "Qwen Research License Agreement", ("qwen-research", "qwen research license", "tongyi qianwen research license", "tongyi-qianwen-research"), _RESEARCH),
    Ref("LicenseRef-DeepSeek-Model", "DeepSeek License Agreement", ("deepseek", "deepseek license", "deepseek model license", "deepseek-license"), _RAIL),
    Ref("LicenseRef-Mistral-Research", "Mistral AI Research License", ("mrl", "mistral research license", "mistral-research", "mistral ai research license"), _RESEARCH),
    # Codestral 22B: testing, research, personal or evaluation use in non-production environments only (3.2)
    Ref("LicenseRef-Mistral-Non-Production", "Mistral AI Non-Production License (MNPL)", ("mnpl", "mnpl-0.1", "mistral non-production license", "mistral ai non-production license", "mistral ai non production license", "mistral-non-production"), _RESEARCH),
    Ref("LicenseRef-OpenRAIL", "Open RAIL License", ("openrail", "open rail", "open-rail", "rail"), _RAIL),
    Ref("LicenseRef-OpenRAIL-M", "Open RAIL-M License", ("openrail-m", "open rail-m", "openrail m"), _RAIL),
    Ref("LicenseRef-OpenRAIL-PlusPlus", "CreativeML Open RAIL++-M License", ("openrail++", "openrail++-m", "creativeml openrail++-m", "open rail++-m"), _RAIL),
    Ref("LicenseRef-CreativeML-OpenRAIL-M", "CreativeML Open RAIL-M License", ("creativeml-openrail-m", "creativeml open rail-m", "creative ml openrail-m", "stable diffusion license"), _RAIL),
    Ref("LicenseRef-BigScience-OpenRAIL-M", "BigScience Open RAIL-M License", ("bigscience-openrail-m", "bigscience open rail-m"), _RAIL),
    Ref("LicenseRef-BigScience-BLOOM-RAIL-1.0", "BigScience BLOOM RAIL License v1.0", ("bigscience-bloom-rail-1.0", "bloom rail 1.0", "bigscience rail 1.0", "bloom-rail", "bigscience bloom rail"), _RAIL),
    Ref("LicenseRef-BigCode-OpenRAIL-M", "BigCode Open RAIL-M License v1", ("bigcode-openrail-m", "bigcode open rail-m", "bigcode openrail-m v1"), _RAIL),
    Ref("LicenseRef-Research-Only", "Research use only (free-text terms, no standard licence)", ("research only", "research-only", "research use only", "academic use only", "non-commercial research only", "for research purposes only"), _RESEARCH),
    Ref("LicenseRef-FAIR-Noncommercial-Research", "FAIR Noncommercial Research License", ("fair-noncommercial-research-license", "fair noncommercial research license"), _RESEARCH),
    Ref("LicenseRef-DeepFloyd-IF", "DeepFloyd IF License Agreement", ("deepfloyd-if-license", "deepfloyd if license"), _RESEARCH | {"use-restriction"}),
    Ref("LicenseRef-Apple-AMLR", "Apple Machine Learning Research Model License", ("apple-amlr", "amlr", "apple amlr license", "apple machine learning research model license", "apple machine learning research model license agreement"), _RESEARCH | {"attribution"}),
    Ref("LicenseRef-LLaMA-1", "LLaMA License (Meta, February 2023, non-commercial research)", ("llama 1", "llama1", "llama-1", "llama v1", "llama 1 license", "llama license 1", "llama non-commercial license", "llama noncommercial bespoke license", "meta llama 1 license"), _RESEARCH | {"attribution"}),
    Ref("LicenseRef-Microsoft-Research-License", "Microsoft Research License Agreement", ("microsoft-research-license", "microsoft research license", "msr license", "msr-la", "microsoft research license agreement", "msrla"), _RESEARCH),
    Ref("LicenseRef-TII-Falcon-180B", "Falcon-180B TII License 1.0", ("falcon-180b-tii-license-1.0", "falcon 180b tii license", "tii falcon 180b license", "falcon-180b license", "falcon 180b license"), frozenset({"use-restriction", "attribution", "scale-threshold"})),
    Ref("LicenseRef-TII-Falcon-2.0", "TII Falcon License 2.0", ("falcon license 2.0", "tii falcon license 2.0", "falcon-2 license", "falcon 2 license", "tii falcon-llm license 2.0", "falcon 3 license", "falcon3 license"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-NVIDIA-Open-Model", "NVIDIA Open Model License Agreement", ("nvidia-open-model-license", "nvidia open model license", "nvidia open model license agreement", "nvidia-open-model-license-agreement", "nvidia open model"), frozenset({"attribution", "use-restriction"})),
    Ref("LicenseRef-Apple-Sample-Code", "Apple Sample Code License", ("apple-ascl", "apple sample code license", "ascl", "apple-sample-code-license"), frozenset({"attribution"})),
    Ref("LicenseRef-Yi", "Yi Series Models License Agreement", ("yi-license", "yi license", "yi series models license", "yi model license", "yi series models community license", "01.ai yi license"), frozenset({"attribution", "use-restriction"})),
    Ref("LicenseRef-Baichuan", "Baichuan Model Community License Agreement", ("baichuan", "baichuan license", "baichuan community license", "baichuan 2 model community license", "baichuan2 community license", "baichuan-7b license", "baichuan model license"), frozenset({"attribution", "use-restriction"})),
    Ref("LicenseRef-GLM-4", "GLM-4 Model License (glm-4-9b)", ("glm-4", "glm-4 license", "glm 4 license", "glm-4-9b license", "the glm-4 license", "glm-4-9b model license"), frozenset({"attribution", "use-restriction"})),
    Ref("LicenseRef-Stability-Community", "Stability AI Community License Agreement", ("stabilityai-community", "stability ai community license", "stability community license", "stability-ai-community-license", "stability ai community license agreement"), frozenset({"attribution", "use-restriction", "improve-other-models"})),
    Ref("LicenseRef-DBRX-Open-Model", "Databricks Open Model License (DBRX)", ("dbrx", "databricks open model license", "dbrx open model license", "databricks-open-model-license", "dbrx license"), frozenset({"attribution", "use-restriction", "scale-threshold", "improve-other-models"})),
    # dataset licences the Data Provenance Initiative's annotations name (registry/generated/dpi.yaml)
    Ref("LicenseRef-AI2-ImpACT-LR", "AI2 ImpACT License - Low Risk Artifacts", ("ai2 impact license low risk", "ai2 impact low risk", "impact license low risk"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-Microsoft-Data-License", "Microsoft Research Data License Agreement", ("microsoft data licensing agreement", "microsoft research data license agreement", "msr data license"), _RESEARCH),
    Ref("LicenseRef-LMSYS-Chat-1M", "LMSYS-Chat-1M Dataset License Agreement", ("lmsys-chat-1m dataset license", "lmsys chat 1m license"), frozenset({"use-restriction"})),
    Ref("LicenseRef-OANC", "Open American National Corpus licence (no restrictions on use)", ("oanc", "open american national corpus license"), frozenset()),
    Ref("LicenseRef-Public-Domain", "Public domain (no copyright claimed, no licence)", ("public domain", "publicdomain", "public-domain", "in the public domain", "pd"), frozenset()),
    # terms the curated registry entries name (registry/curated/); the categories are each text's main terms
    Ref("LicenseRef-Common-Crawl-Terms", "Common Crawl Terms of Use", ("common crawl terms of use", "common crawl terms", "commoncrawl terms of use"), frozenset({"use-restriction"})),
    Ref("LicenseRef-The-Stack-Terms", "Terms of Use for The Stack (BigCode)", ("the stack terms of use", "terms of use for the stack", "bigcode the stack terms"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-Software-Heritage-Terms", "Software Heritage Terms of Use for Bulk Access", ("software heritage terms of use", "software heritage bulk access terms", "swh bulk access terms"), frozenset({"use-restriction"})),
    Ref("LicenseRef-AI2-ImpACT-MR", "AI2 ImpACT License - Medium Risk Artifacts", ("ai2 impact license medium risk", "ai2 impact medium risk", "impact license medium risk"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-ImageNet-Terms", "ImageNet Terms of Access (non-commercial research and education)", ("imagenet terms of access", "imagenet terms", "imagenet license"), _RESEARCH),
    Ref("LicenseRef-Google-Conceptual-Captions", "Conceptual Captions dataset licence (Google: any use, credit to Google asked)", ("conceptual captions license", "google conceptual captions license"), frozenset({"attribution"})),
    Ref("LicenseRef-SA-1B-Research", "SA-1B Dataset Research License (Meta, research use only)", ("sa-1b license", "sa-1b research license", "segment anything 1b license", "sa-1b dataset research license"), _RESEARCH),
    Ref("LicenseRef-Snap-Panda-70M", "Panda-70M licence (Snap Inc., non-commercial research only)", ("panda-70m license", "snap panda-70m license"), _RESEARCH),
    Ref("LicenseRef-Ego4D", "Ego4D License Agreement", ("ego4d license", "ego4d license agreement"), frozenset({"use-restriction"})),
    Ref("LicenseRef-Skywork-Community", "Skywork Community License Agreement", ("skywork community license", "skywork license", "skywork model community license"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-OPT-175B", "OPT-175B License Agreement (Meta, non-commercial research)", ("opt-175b license", "opt license", "opt-175b license agreement", "metaseq opt license"), _RESEARCH),
    Ref("LicenseRef-ChatGLM", "ChatGLM Model License (ChatGLM-6B to ChatGLM3-6B; commercial use after registration)", ("chatglm model license", "chatglm-6b model license", "chatglm3-6b model license", "chatglm license", "chatglm2 license", "chatglm3 license", "chatglm-6b license", "chatglm2-6b license", "chatglm3-6b license"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-MiniCPM", "MiniCPM Model License (OpenBMB General Model License; commercial use after registration)", ("minicpm model license", "minicpm license", "openbmb general model license"), frozenset({"use-restriction", "attribution"})),
    Ref("LicenseRef-Modified-MIT-Kimi", "Modified MIT License (Kimi K2: display 'Kimi K2' above a user or revenue threshold)", ("kimi k2 license", "modified mit kimi", "kimi modified mit license"), frozenset({"attribution", "scale-threshold"})),
    Ref("LicenseRef-PhysioNet-Credentialed-Health-Data", "PhysioNet Credentialed Health Data License (scientific research only, no sharing, no re-identification)", ("physionet credentialed health data license", "physionet credentialed health data use agreement", "physionet restricted health data license"), frozenset({"research-only", "use-restriction"})),
    Ref("LicenseRef-InternLM", "InternLM Model License (academic use open; commercial use after application)", ("internlm license", "internlm model license"), frozenset({"use-restriction", "attribution"})),
)

# spelling -> SPDX id (or expression); what name_key() cannot derive from SPDX names alone
ALIASES: dict[str, str] = {
    "asl 2.0": "Apache-2.0", "al2": "Apache-2.0", "apache2": "Apache-2.0", "apache software license 2.0": "Apache-2.0",
    "expat": "MIT", "mit-0": "MIT-0", "mit no attribution": "MIT-0",
    "new bsd": "BSD-3-Clause", "bsd new": "BSD-3-Clause", "revised bsd": "BSD-3-Clause", "modified bsd": "BSD-3-Clause",
    "bsd 3": "BSD-3-Clause", "3-clause bsd": "BSD-3-Clause", "bsd-3": "BSD-3-Clause", "bsd3": "BSD-3-Clause",
    "simplified bsd": "BSD-2-Clause", "freebsd": "BSD-2-Clause", "2-clause bsd": "BSD-2-Clause", "bsd 2": "BSD-2-Clause", "bsd2": "BSD-2-Clause",
    "bsd-3-clause-clear": "BSD-3-Clause-Clear", "zero-clause bsd": "0BSD",
    "cc0": "CC0-1.0", "cc zero": "CC0-1.0", "cc-0": "CC0-1.0", "cc0 1.0 universal": "CC0-1.0", "cc public domain dedication": "CC0-1.0",
    "cc0 public domain dedication": "CC0-1.0", "no rights reserved": "CC0-1.0",
    "public domain mark": "CC-PDM-1.0", "cc pdm": "CC-PDM-1.0", "pdm": "CC-PDM-1.0",
    "odc-by": "ODC-By-1.0", "odc attribution": "ODC-By-1.0", "open data commons attribution": "ODC-By-1.0",
    "odbl": "ODbL-1.0", "open database": "ODbL-1.0", "open data commons open database": "ODbL-1.0",
    "pddl": "PDDL-1.0", "odc-pddl": "PDDL-1.0", "open data commons public domain dedication": "PDDL-1.0",
    "c-uda": "C-UDA-1.0", "computational use of data agreement": "C-UDA-1.0", "o-uda": "O-UDA-1.0",
    "cdla-sharing": "CDLA-Sharing-1.0", "community data license agreement sharing": "CDLA-Sharing-1.0",
    "ogl": "OGL-UK-3.0", "ogl 3.0": "OGL-UK-3.0", "ogl-uk 3.0": "OGL-UK-3.0",
    "uk open government licence": "OGL-UK-3.0", "open government licence": "OGL-UK-3.0",
    "dl-de/by-2-0": "DL-DE-BY-2.0", "dl-de-by": "DL-DE-BY-2.0", "datenlizenz deutschland namensnennung": "DL-DE-BY-2.0",
    "datenlizenz deutschland namensnennung 2.0": "DL-DE-BY-2.0", "dl-de/zero-2-0": "DL-DE-ZERO-2.0",
    "elastic": "Elastic-2.0", "elv2": "Elastic-2.0", "elastic license": "Elastic-2.0",
    "bsl 1.1": "BUSL-1.1", "business source": "BUSL-1.1", "busl": "BUSL-1.1", "sspl": "SSPL-1.0", "server side public": "SSPL-1.0",
    "polyform noncommercial": "PolyForm-Noncommercial-1.0.0", "polyform-noncommercial": "PolyForm-Noncommercial-1.0.0",
    "boost": "BSL-1.0", "boost software": "BSL-1.0", "psf": "PSF-2.0", "python software foundation": "PSF-2.0", "python": "Python-2.0",
    "zlib/libpng": "zlib-acknowledgement", "unlicense": "Unlicense", "the unlicense": "Unlicense",
    "sil open font": "OFL-1.1", "ofl": "OFL-1.1",
    "wtfpl": "WTFPL", "do what the fuck you want to public": "WTFPL",
    "fdl": "GFDL-1.3-only", "gfdl": "GFDL-1.3-only", "gnu fdl": "GFDL-1.3-only",
    "etalab": "etalab-2.0", "licence ouverte": "etalab-2.0", "open licence 2.0": "etalab-2.0",
    "hippocratic": "Hippocratic-2.1", "lgpl-lr": "LGPLLR",
}

# ambiguous names resolved to one licence but flagged
AMBIGUOUS: dict[str, tuple[str, str]] = {
    "bsd": ("BSD-3-Clause", "BSD variant missing (2-clause or 3-clause); 3-clause assumed"),
}

# version-less model-licence names: never the newest version; the strictest candidate is judged,
# and the finding lists every candidate until the manifest names one (the strictest comes first)
_LLAMA_VERSIONS = ("LicenseRef-LLaMA-1", "LicenseRef-Llama-2", "LicenseRef-Llama-3", "LicenseRef-Llama-3.1",
                   "LicenseRef-Llama-3.2", "LicenseRef-Llama-3.3", "LicenseRef-Llama-4")
VERSIONLESS: dict[str, tuple[str, ...]] = {
    name: _LLAMA_VERSIONS
    for name in ("llama", "llama license", "llama licence", "meta llama", "meta llama license", "llama community license",
                 "meta llama community license", "llama license agreement", "llama community license agreement")
}
# "TII Falcon LLM License" was also the name of the 2023 Falcon-7B/40B licence, now replaced by Apache-2.0
VERSIONLESS.update({name: ("LicenseRef-TII-Falcon-180B", "LicenseRef-TII-Falcon-2.0")
                    for name in ("falcon", "falcon license", "tii falcon", "tii license", "tii falcon license",
                                 "tii falcon llm license", "falcon llm license")})
# "GLM license" names neither the ChatGLM-6B..ChatGLM3 licence nor glm-4-9b's
VERSIONLESS.update({name: ("LicenseRef-ChatGLM", "LicenseRef-GLM-4") for name in ("glm license", "glm model license", "chatglm family license")})

# SPDX's two words for a licence field that names no licence, kept as written (also inside expressions):
# NONE is a statement (the author grants no licence: all rights reserved), NOASSERTION the absence of
# one (nobody determined the licence: unknown). Case is ignored; the canonical form is upper case.
SPDX_NONE, SPDX_NOASSERTION = "NONE", "NOASSERTION"
SPDX_SPECIAL: dict[str, str] = {
    SPDX_NONE: "No licence granted (SPDX NONE: all rights reserved)",
    SPDX_NOASSERTION: "Licence not asserted (SPDX NOASSERTION: unknown)",
}

# of the strings below, those that say the licence was never determined (as SPDX NOASSERTION does),
# rather than that some unnamed licence exists ("custom", "see website")
UNDETERMINED: tuple[str, ...] = (
    "unknown", "n/a", "na", "nil", "null", "not specified", "unspecified", "not stated", "unstated", "tbd", "tba",
    "todo", "undefined", "not available",
)

# strings that name no licence: always unknown, never fuzzy-matched (compared after name_key)
NOT_A_LICENCE: tuple[str, ...] = (
    "unknown", "other", "n/a", "na", "nil", "null", "not specified", "unspecified", "not stated", "unstated",
    "not available", "proprietary", "custom", "various", "varies", "mixed", "multiple", "see license", "see website",
    "see readme", "see below", "see above", "see link", "tbd", "tba", "todo", "private", "commercial", "closed",
    "closed source", "all rights reserved", "copyrighted", "copyright", "no license", "unlicensed", "unlicenced", "not licensed",
    "free", "open", "open source", "opensource", "permissive", "cc", "creative commons", "see model card",
    "see dataset card", "refer to website", "terms of use", "terms of service", "same as original", "original license",
    "check license", "undefined", "contact us", "ask author", "other-license", "license-other", "see original dataset",
    "as is", "non-standard", "freeware", "shareware", "restricted", "confidential", "internal", "internal use only",
)

"""Rebuild registry/generated/dpi.yaml from the Data Provenance Initiative's annotations, and validate
every registry file.

    python scripts/build_registry.py                 # rebuild from ../shared/corpus/dpi, then validate
    python scripts/build_registry.py --check         # validate only; non-zero if the generated file is stale
    python scripts/build_registry.py --dpi DIR       # another copy of the DPI data_summaries/ and constants/

The DPI records (Apache-2.0, Data-Provenance-Initiative/Data-Provenance-Collection) are hand
audits of fine-tuning datasets.  Records that share a Hugging Face id (subsets of one repository,
or one dataset seen by two collections) become one entry; their licences all apply together.
The pseudo-licences "OpenAI", "Anthropic" and "Google Cloud Translation API" are a generator's
terms, not licences: they become ``generated_by``.  A curated entry (registry/curated/) that
claims the same id or Hugging Face id supersedes the DPI entry.  Exit codes: 0 valid, 1 problems.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.licences import identify  # noqa: E402
from auditor.policy import load_policies  # noqa: E402
from auditor.registry.load import load_registry, parse_file, registry_files  # noqa: E402
from auditor.registry.model import Entry  # noqa: E402
from auditor.registry.validate import unknown_licence_ids, validate  # noqa: E402

SNAPSHOT = "2025-03-25"  # the DPI commit ce6662d that ../shared/corpus/dpi copies
DPI_REPO = "https://github.com/Data-Provenance-Initiative/Data-Provenance-Collection"
GENERATED = ROOT / "registry" / "generated" / "dpi.yaml"

# the DPI's "Licenses" that are a generator's terms, not a licence -> provider
TERMS_NOT_LICENCES = {"OpenAI": "openai", "Anthropic": "anthropic", "Google Cloud Translation API": "google"}
# DPI licence names that say nothing about the licence
NO_LICENCE = {"Unspecified", "No License", "Custom", "Various", "Request Form"}
# DPI "Model Generated" values -> provider/model (provider ids from policies/providers.yaml where a pack exists)
GENERATORS = {
    "OpenAI ChatGPT": "openai/gpt-3.5-turbo", "OpenAI GPT-4": "openai/gpt-4", "OpenAI GPT-3": "openai/gpt-3",
    "OpenAI GPT-3.5-Turbo": "openai/gpt-3.5-turbo", "OpenAI GPT-3.5-turbo": "openai/gpt-3.5-turbo",
    "OpenAI GPT-3.5-turbo-instruct": "openai/gpt-3.5-turbo-instruct", "OpenAI GPT-4-Turbo": "openai/gpt-4-turbo",
    "OpenAI GPT-2": "openai/gpt-2", "OpenAI GPT-1": "openai/gpt-1", "OpenAI Codex": "openai/codex",
    "OpenAI Playground": "openai/playground", "BART": "meta/bart", "Command R+": "cohere/command-r-plus",
    "Google Translate": "google/translate", "Google Cloud Translation API": "google/cloud-translation",
    "SeaLLM": "damo-nlp-sg/seallm", "IndicTrans2": "ai4bharat/indictrans2", "alpaca": "stanford/alpaca-7b",
    "dolly": "databricks/dolly", "flan-t5": "google/flan-t5", "Flan-T5": "google/flan-t5", "T5": "google/t5",
    "T5-XXL": "google/t5-xxl", "Anthropic Internal Models": "anthropic/internal", "CTRL": "salesforce/ctrl",
    "In-House Glaive AI": "glaiveai/in-house", "Mixtral-8x7B": "mistral/mixtral-8x7b", "pplm_distil": "uber/pplm-distil",
    "transformer_xl": "google/transformer-xl", "xlm": "meta/xlm", "Grover": "allenai/grover", "XLNet": "google/xlnet",
    "BX LLaMa": "bx/llama", "Nous-Hermes-2-Yi-34B": "nousresearch/nous-hermes-2-yi-34b",
    "Mistral-7B-Instruct-v0.2": "mistral/mistral-7b-instruct-v0.2", "Mistral-7B-Instruct": "mistral/mistral-7b-instruct",
    "Llama-2-70b-chat-hf": "meta/llama-2-70b-chat", "LLaMA-2-chat-70b": "meta/llama-2-70b-chat",
    "LLama-2-7B-chat": "meta/llama-2-7b-chat", "Llama 13B": "meta/llama-13b", "Llama-3-70B-Instruct": "meta/llama-3-70b-instruct",
    "Llama-3.1-405B-Instruct": "meta/llama-3.1-405b-instruct", "DeepL": "deepl/translator", "Vicuna 13b": "lmsys/vicuna-13b",
    "Vicuna 7b": "lmsys/vicuna-7b", "Vicuna": "lmsys/vicuna", "Bing Chat": "microsoft/bing-chat", "Claude 2.1": "anthropic/claude-2.1",
    "Gretel Navigator": "gretel/navigator", "Character AI": "character-ai/character", "RoBERTa": "meta/roberta",
    "SBERT": "ukplab/sbert", "StarCoder": "bigcode/starcoder", "Instruct-GPT-J": "nlpcloud/instruct-gpt-j",
}
NOT_GENERATORS = {"templates", "wmt", "wikisql", "NBC", "SVM"}  # methods or source data, not models
HF_URL = re.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/datasets/([A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?)", re.I)


def slug(text: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]+", "-", text.lower())).strip("-.") or "x"


def name_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def hf_id_of(url: str) -> str | None:
    found = HF_URL.match(url.strip())
    return found.group(1) if found else None


def read_records(dpi: Path) -> list[tuple[str, dict]]:
    records = []
    for path in sorted((dpi / "data_summaries").glob("*.json")):
        if path.name.startswith("_"):  # the schema template, not a dataset
            continue
        for record in json.loads(path.read_text(encoding="utf-8")).values():
            records.append((path.name, record))
    return records


def licence_of(record: dict) -> tuple[list[str], list[str], list[str], list[str]]:
    """(licence ids, generator providers from pseudo-licences, unreadable names, licence URLs)."""
    ids, terms, unreadable, urls = [], [], [], []
    for item in record.get("Licenses") or []:
        name = (item.get("License") or "").strip()
        url = (item.get("License URL") or "").strip()
        if url.startswith(("http://", "https://")):
            urls.append(url)
        if name in TERMS_NOT_LICENCES:
            terms.append(TERMS_NOT_LICENCES[name])
        elif name in NO_LICENCE or not name:
            unreadable.append(name or "none")
        else:
            match = identify(name)
            if match.spdx and match.confidence >= 0.8 and not unknown_licence_ids(match.spdx):
                ids.append(match.spdx)
            else:
                unreadable.append(name)
    return ids, terms, unreadable, urls


def _and(ids: list[str]) -> str:
    unique = list(dict.fromkeys(ids))
    if not unique:
        return "NOASSERTION"
    return " AND ".join(f"({i})" if " OR " in i else i for i in unique)


def group_records(records: list[tuple[str, dict]]) -> dict[str, list[tuple[str, dict]]]:
    groups: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for file, record in records:
        hf_id = hf_id_of(record.get("Hugging Face URL") or "")
        key = hf_id.lower().replace("/", "--") if hf_id else slug(f"{record['Collection']}--{record['Unique Dataset Identifier']}")
        groups[slug(key) if not hf_id else key].append((file, record))
    return groups


def build_entries(dpi: Path, curated: list[Entry]) -> tuple[list[dict], list[str]]:
    records = read_records(dpi)
    collection_size: dict[str, int] = defaultdict(int)
    for _, record in records:
        collection_size[record["Collection"]] += 1
    groups = group_records(records)
    taken_ids = {e.id for e in curated}
    taken_hf = {h.lower(): e.id for e in curated for h in e.hf_ids}
    # names -> ids, for "Derived from Datasets" (which names parents in words or URLs)
    lookup: dict[str, set[str]] = defaultdict(set)
    for entry in curated:
        for name in [entry.id, *entry.names, *entry.hf_ids]:
            lookup[name_key(name)].add(entry.id)
    for entry_id, members in groups.items():
        for _, record in members:
            for name in (record["Dataset Name"], record["Unique Dataset Identifier"], *record.get("Dataset Filter IDs", [])):
                lookup[name_key(name)].add(entry_id)
        if len({r["Collection"] for _, r in members}) == 1 and collection_size[members[0][1]["Collection"]] == len(members):
            lookup[name_key(members[0][1]["Collection"])].add(entry_id)
        hf_id = hf_id_of(members[0][1].get("Hugging Face URL") or "")
        if hf_id:
            lookup[name_key(hf_id)].add(entry_id)
            lookup[name_key(hf_id.split("/")[-1])].add(entry_id)
    entries, log = [], []
    for entry_id, members in sorted(groups.items()):
        hf_id = hf_id_of(members[0][1].get("Hugging Face URL") or "")
        superseded = taken_hf.get(hf_id.lower()) if hf_id else None
        if entry_id in taken_ids or superseded:
            log.append(f"superseded by curated entry '{superseded or entry_id}': DPI {entry_id} ({len(members)} record(s))")
            continue
        entries.append(_entry(entry_id, hf_id, members, collection_size, lookup))
    return entries, log


log_unresolved: set[str] = set()


def _entry(entry_id: str, hf_id: str | None, members: list[tuple[str, dict]], collection_size: dict, lookup: dict) -> dict:
    first = members[0][1]
    names: list[str] = []
    if len({r["Collection"] for _, r in members}) == 1 and collection_size[first["Collection"]] == len(members):
        names.append(first["Collection"])
    for _, record in members:  # a subset's own name ("gpt-4" in WildChat) only when it stands alone
        names.extend([record["Dataset Name"]] if len(members) == 1 else [])
        names.append(record["Unique Dataset Identifier"])
    names = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    ids, providers, unreadable, generators, parents, unresolved, urls = [], [], [], [], [], [], []
    sources = []
    for file, record in members:
        sources.append(f"{DPI_REPO}/blob/ce6662d/data_summaries/{urllib.parse.quote(file)}")
        got, terms, bad, licence_urls = licence_of(record)
        ids += got
        providers += terms
        unreadable += bad
        sources += licence_urls
        for model in record.get("Model Generated") or []:
            model = model.strip()
            if model in GENERATORS:
                generators.append(GENERATORS[model])
            elif model and model not in NOT_GENERATORS:
                unresolved.append(f"generated by '{model}' (not named further by DPI)")
        for parent in record.get("Derived from Datasets") or []:
            parent_hf = hf_id_of(parent)
            found = lookup.get(name_key(parent_hf or parent), set()) - {entry_id}
            if len(found) == 1:
                parents.append(next(iter(found)))
            elif parent.strip():
                log_unresolved.add(parent.strip())  # counted by main(); the DPI record cited in sources names it
        for key in ("Dataset URL", "GitHub URL", "ArXiv URL", "Papers with Code URL"):
            url = (record.get(key) or "").strip()
            if url.startswith(("http://", "https://")) and not hf_id_of(url):
                (urls if key in ("Dataset URL", "GitHub URL") else sources).append(url)
    for provider in providers:  # a terms pseudo-licence whose model DPI does not name
        if not any(g.startswith(provider + "/") for g in generators):
            generators.append(f"{provider}/unspecified")
    other = []
    for _, record in members:
        inferred = record.get("Inferred Metadata") or {}
        for key, where in (("HF Yaml License", "Hugging Face card"), ("HF Config License", "Hugging Face config"),
                           ("GitHub License", "GitHub repository"), ("PwC License Name", "Papers with Code")):
            name = (inferred.get(key) or "").strip()
            if not name or name in NO_LICENCE:
                continue
            match = identify(name)
            if match.spdx and match.confidence >= 0.8 and not unknown_licence_ids(match.spdx) and match.spdx not in ids:
                other.append({"licence": match.spdx, "where": f"{where} (DPI Inferred Metadata)"})
    licence = _and(ids)
    uncertain = []
    if unreadable:
        uncertain.append("DPI records no usable licence for part of it: " + ", ".join(sorted(set(unreadable))))
    uncertain += list(dict.fromkeys(unresolved))
    entry = {"id": entry_id, "kind": "dataset", "names": names}
    if hf_id:
        entry["hf_ids"] = [hf_id]
        sources.insert(len(members), f"https://huggingface.co/datasets/{hf_id}")
    if urls:
        entry["urls"] = list(dict.fromkeys(urls))
    entry["licence"] = licence
    entry["licence_basis"] = "repository"
    if other:
        entry["other_licences"] = list({(o["licence"], o["where"]): o for o in other}.values())
    if generators:
        entry["origin"] = "generated"
        entry["generated_by"] = sorted(set(generators))
    elif all((r.get("Human Annotation") or "").lower() == "yes" for _, r in members):
        entry["origin"] = "human"
    if parents:
        entry["derived_from"] = sorted(set(parents))
    if uncertain:
        entry["uncertain"] = "; ".join(uncertain)
    entry["sources"] = list(dict.fromkeys(sources))
    entry["verified"] = SNAPSHOT
    Entry.model_validate(entry)  # the schema, before anything is written
    return entry


HEADER = """# Generated by scripts/build_registry.py from the Data Provenance Initiative's annotations
# (https://github.com/Data-Provenance-Initiative/Data-Provenance-Collection at ce6662d, Apache-2.0).
# Do not edit: correct an entry in registry/curated/ (same id or Hugging Face id supersedes it)
# or in a team's override file (audit check --registry FILE).
"""


def render(entries: list[dict]) -> str:
    body = yaml.safe_dump({"entries": entries}, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    return HEADER + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only; fail if dpi.yaml is stale")
    parser.add_argument("--dpi", type=Path, default=ROOT.parent / "shared" / "corpus" / "dpi")
    args = parser.parse_args(argv)
    folder = ROOT / "registry"
    curated = [e for p in registry_files(folder / "curated") for e in parse_file(p)] if (folder / "curated").is_dir() else []
    problems: list[str] = []
    if (args.dpi / "data_summaries").is_dir():
        entries, log = build_entries(args.dpi, curated)
        text = render(entries)
        if args.check:
            if not GENERATED.is_file() or GENERATED.read_text(encoding="utf-8") != text:
                problems.append(f"{GENERATED.relative_to(ROOT)} is stale: run python scripts/build_registry.py")
        else:
            GENERATED.parent.mkdir(parents=True, exist_ok=True)
            GENERATED.write_text(text, encoding="utf-8")
            print(f"wrote {GENERATED.relative_to(ROOT)}: {len(entries)} entries from {len(read_records(args.dpi))} DPI records")
        for line in log:
            print(f"note: {line}")
        print(f"note: {len(log_unresolved)} parent name(s) in 'Derived from Datasets' match no single registry entry")
    elif not args.check:
        print(f"error: {args.dpi}/data_summaries not found (give --dpi DIR)", file=sys.stderr)
        return 2
    providers = set(load_policies().providers)
    report = validate(load_registry(folder=folder), providers)
    problems += report.problems
    print(f"{len(report.notes)} note(s) (generators whose provider has no policy pack), {len(problems)} problem(s)")
    for problem in problems:
        print(f"problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

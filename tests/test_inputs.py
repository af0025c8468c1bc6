"""Input formats on the project's realistic samples: detection, mapping, overlay, lines."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from auditor import yamlio
from auditor.inputs import InputManifest, load_input
from auditor.manifest import LoadedManifest, parse_manifest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CARD = SAMPLES / "hf-card" / "README.md"
BOM = SAMPLES / "cyclonedx-bom.json"
SPDX = SAMPLES / "spdx3-ai.json"
OVERLAY = SAMPLES / "overlay.yaml"
CORPUS = Path(os.environ.get("AUDITOR_SHARED", ROOT.parent / "shared")) / "corpus" / "datasets"


def sources(loaded) -> dict[str, object]:
    return {s.id: s for s in loaded.manifest.data_sources}


@pytest.mark.parametrize(
    ("path", "fmt"),
    [(CARD, "Hugging Face model card"), (BOM, "CycloneDX 1.6 BOM"), (SPDX, "SPDX 3 document")],
)
def test_each_sample_is_detected_from_content(path: Path, fmt: str, tmp_path: Path) -> None:
    # the extension plays no part: the same bytes under a neutral name give the same result
    neutral = tmp_path / "input.dat"
    shutil.copy(path, neutral)
    for candidate in (path, neutral):
        loaded = load_input(candidate)
        assert isinstance(loaded, InputManifest)
        assert loaded.format == fmt
        assert loaded.manifest.model.name == "kestrel-7b-instruct"
        assert loaded.manifest.model.type == "llm"


def test_auditor_manifest_loads_exactly_as_before() -> None:
    manifest = next(p for p in sorted(SAMPLES.glob("*.yaml")) if p.name != "overlay.yaml")
    text = manifest.read_text(encoding="utf-8")
    plain = LoadedManifest(parse_manifest(yamlio.load(text, source=manifest), source=manifest, text=text), manifest, text)
    via_input = load_input(manifest)
    assert via_input.manifest == plain.manifest
    assert via_input.sha256 == plain.sha256
    assert via_input.line_of("model") == plain.line_of("model")


def test_hf_card_maps_datasets_with_unknown_licences_and_base_model_as_licensed_source() -> None:
    loaded = load_input(CARD)
    found = sources(loaded)
    assert list(found) == ["kestrel-synth-chat", "recipes-nc", "parliament-transcripts"]
    assert found["recipes-nc"].licence == "unknown"
    assert found["recipes-nc"].url == "https://huggingface.co/datasets/openfolk/recipes-nc"
    assert [b.name for b in loaded.manifest.model.base_models] == ["mistralai/Mistral-7B-v0.1"]  # weights, not data
    assert loaded.manifest.teachers == []  # a fine-tuned base model is not a teacher
    assert "Apache-2.0" in loaded.manifest.model.description


def test_conservative_defaults_are_warned(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="auditor.inputs"):
        loaded = load_input(BOM)
    assert loaded.manifest.model.use == "commercial"
    assert loaded.manifest.model.release == "open-weights"
    assert len(loaded.warnings) == 2
    assert any("model.use" in r.getMessage() and "commercial" in r.getMessage() for r in caplog.records)


def test_cyclonedx_licences_in_all_three_forms_and_pedigree() -> None:
    found = sources(load_input(BOM))
    assert found["kestrel-synth-chat"].licence == "Creative Commons Attribution 4.0"  # license.name
    assert found["recipes-nc"].licence == "CC-BY-NC-4.0"  # license.id
    assert found["parliament-transcripts"].licence == "CC0-1.0"  # expression
    assert "mistral-7b-v0.1" not in found
    assert [b.name.lower() for b in load_input(BOM).manifest.model.base_models] == ["mistralai/mistral-7b-v0.1"]  # pedigree ancestor
    assert "transformers" not in found  # libraries are not training data


def test_spdx_trained_on_through_a_contained_file_tested_on_and_licence_forms() -> None:
    found = sources(load_input(SPDX))
    assert found["kestrel-synth-chat"].licence == "CC-BY-4.0"  # ListedLicense IRI
    assert found["parliament-transcripts"].licence == "CC0-1.0"  # concluded when nothing is declared
    assert found["support-eval"].licence == "Brightwater internal data licence"  # CustomLicense
    assert "evaluation only" in found["support-eval"].description
    assert [b.name.lower() for b in load_input(SPDX).manifest.model.base_models] == ["mistralai/mistral-7b-v0.1"]  # descendantOf


def test_overlay_fills_what_the_card_cannot_say(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="auditor.inputs"):
        loaded = load_input(CARD, OVERLAY)
    assert loaded.warnings == [] and not caplog.records
    assert [t.id for t in loaded.manifest.teachers] == ["gpt-4o"]
    found = sources(loaded)
    assert found["kestrel-synth-chat"].generated_by == ["gpt-4o"]
    assert found["recipes-nc"].licence == "CC-BY-NC-4.0"
    assert found["recipes-nc"].name == "openfolk/recipes-nc"  # converted keys the overlay left alone stay
    assert loaded.manifest.model.monthly_active_users == 250000


@pytest.mark.parametrize("path", [CARD, BOM, SPDX])
def test_one_overlay_fits_every_format_of_the_same_model(path: Path) -> None:
    loaded = load_input(path, OVERLAY)
    assert [s.id for s in loaded.manifest.data_sources][:3] == ["kestrel-synth-chat", "recipes-nc", "parliament-transcripts"]
    assert sources(loaded)["kestrel-synth-chat"].licence == "CC-BY-4.0"


def test_overlay_on_a_plain_manifest_merges_by_id(tmp_path: Path) -> None:
    manifest = tmp_path / "m.yaml"
    manifest.write_text(
        "apiVersion: auditor/v1\nmodel: {name: m, use: research, release: none}\n"
        "data_sources:\n  - id: a\n    licence: MIT\n",
        encoding="utf-8",
    )
    overlay = tmp_path / "o.yaml"
    overlay.write_text("data_sources:\n  - id: a\n    license: CC-BY-4.0\n  - id: b\n    licence: MIT\n", encoding="utf-8")
    loaded = load_input(manifest, overlay)
    assert [(s.id, s.licence) for s in loaded.manifest.data_sources] == [("a", "CC-BY-4.0"), ("b", "MIT")]
    assert loaded.manifest.model.use == "research"


def test_lines_point_into_the_source_file() -> None:
    card = load_input(CARD)
    text = CARD.read_text(encoding="utf-8").splitlines()
    assert "openfolk/recipes-nc" in text[card.line_of("data_sources[1]") - 1]
    bom = load_input(BOM)
    assert "data:recipes-nc" in BOM.read_text(encoding="utf-8").splitlines()[bom.line_of("data_sources[1]") - 1]
    spdx = load_input(SPDX)
    assert "Dataset/support-eval" in SPDX.read_text(encoding="utf-8").splitlines()[spdx.line_of("data_sources[3]") - 1]


def test_distilled_base_model_becomes_a_teacher(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        "---\nlicense: mit\npipeline_tag: text-generation\nbase_model: deepseek-ai/DeepSeek-R1\n"
        "base_model_relation: distillation\n---\n# Tiny-R1\n",
        encoding="utf-8",
    )
    loaded = load_input(card)
    (teacher,) = loaded.manifest.teachers
    assert (teacher.provider, teacher.model, teacher.purpose) == ("deepseek", "deepseek-r1", ["distillation"])
    assert loaded.manifest.model.name == card.parent.name  # the repository (folder), never the heading
    assert [s.id for s in loaded.manifest.data_sources] == ["undeclared-training-data"]  # no silent clean pass


def test_dataset_card_describes_a_source_and_its_lineage(tmp_path: Path) -> None:
    card = tmp_path / "README.md"
    card.write_text(
        "---\npretty_name: Orchard QA\nlicense: other\nlicense_name: orchard-research-licence\n"
        "license_link: LICENSE.txt\nannotations_creators: [machine-generated]\nlanguage_creators: [found]\n"
        "source_datasets: [original, extended|squad]\ntask_categories: [question-answering]\n"
        "tags: [synthetic, gpt-4]\n---\n# Orchard QA\n",
        encoding="utf-8",
    )
    loaded = load_input(card)
    orchard, squad = loaded.manifest.data_sources
    assert (orchard.id, orchard.licence, orchard.licence_file) == ("orchard-qa", "orchard-research-licence", "LICENSE.txt")
    assert orchard.origin == "mixed" and orchard.generated_by == ["openai/gpt-4"]
    assert orchard.derived_from == ["squad"] and squad.licence == "unknown"
    assert loaded.format == "Hugging Face dataset card"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("name", ["c4.README.md", "gsm8k.README.md", "huggingfaceh4-ultrachat-200k.README.md",
                                  "openbmb-ultrafeedback.README.md", "teknium-openhermes-2-5.README.md"])
def test_real_dataset_cards_convert(name: str) -> None:
    loaded = load_input(CORPUS / name)
    assert loaded.format == "Hugging Face dataset card" or loaded.manifest.data_sources
    assert loaded.manifest.data_sources[0].licence

"""Malformed inputs: one clear line naming the file and the field or line, exit 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.cli import cli
from auditor.errors import AuditorError
from auditor.inputs import load_input

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BOM = json.loads((SAMPLES / "cyclonedx-bom.json").read_text(encoding="utf-8"))
SPDX = json.loads((SAMPLES / "spdx3-ai.json").read_text(encoding="utf-8"))
CARD = (SAMPLES / "hf-card" / "README.md").read_text(encoding="utf-8")


def write(tmp_path: Path, content: str | dict, name: str = "input") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2), encoding="utf-8")
    return path


def fails(path: Path, overlay: Path | None = None) -> AuditorError:
    with pytest.raises(AuditorError) as info:
        load_input(path, overlay)
    return info.value


def bom(**changes: object) -> dict:
    data = json.loads(json.dumps(BOM))
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        target = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value
    return data


# --- CycloneDX -----------------------------------------------------------------------------

def test_bom_truncated_json_names_the_line(tmp_path: Path) -> None:
    text = (SAMPLES / "cyclonedx-bom.json").read_text(encoding="utf-8")[:900]
    error = fails(write(tmp_path, text))
    assert "invalid JSON" in error.message and error.line and error.line > 1


def test_bom_without_ml_component(tmp_path: Path) -> None:
    error = fails(write(tmp_path, bom(metadata__component__type="application")))
    assert "machine-learning-model" in error.message and error.field == "components"


def test_bom_dangling_dataset_ref(tmp_path: Path) -> None:
    data = bom()
    data["metadata"]["component"]["modelCard"]["modelParameters"]["datasets"][1] = {"ref": "data:missing"}
    error = fails(write(tmp_path, data))
    assert error.field == "metadata.component.modelCard.modelParameters.datasets[1].ref"
    assert "data:missing" in error.message


def test_bom_old_spec_version(tmp_path: Path) -> None:
    error = fails(write(tmp_path, bom(specVersion="1.4")))
    assert error.field == "specVersion" and "1.5 or 1.6" in error.message


def test_bom_schema_violations_name_the_field(tmp_path: Path) -> None:
    data = bom()
    data["components"][1]["licenses"] = [{"license": {"id": "llama3.1"}}]
    error = fails(write(tmp_path, data))
    assert error.field == "components[1].licenses[0].license.id" and "license.name" in error.message
    data = bom()
    data["metadata"]["component"]["modelCard"]["modelParameters"]["datasets"] = "three datasets"
    error = fails(write(tmp_path, data))
    assert error.field == "metadata.component.modelCard.modelParameters.datasets"


def test_bom_with_two_models_and_no_metadata_component(tmp_path: Path) -> None:
    data = bom()
    model = data["metadata"].pop("component")
    other = dict(model, name="kestrel-1b", **{"bom-ref": "model:kestrel-1b"})
    data["components"] += [model, other]
    data["dependencies"] = []
    error = fails(write(tmp_path, data))
    assert "metadata.component" in error.message


# --- SPDX 3 --------------------------------------------------------------------------------

def spdx(mutate) -> dict:  # type: ignore[no-untyped-def]
    data = json.loads(json.dumps(SPDX))
    mutate(data["@graph"])
    return data


def test_spdx_without_ai_package(tmp_path: Path) -> None:
    error = fails(write(tmp_path, spdx(lambda g: g[:] and [e.update(type="software_Package") for e in g if e.get("type") == "ai_AIPackage"])))
    assert "ai_AIPackage" in error.message


def test_spdx_relationship_with_wrong_type(tmp_path: Path) -> None:
    def broken(graph: list) -> None:
        next(e for e in graph if e.get("relationshipType") == "trainedOn")["to"] = 7

    error = fails(write(tmp_path, spdx(broken)))
    assert error.field and error.field.startswith("@graph[") and error.field.endswith("].to")


def test_spdx_licence_reference_that_resolves_nowhere(tmp_path: Path) -> None:
    def broken(graph: list) -> None:
        rel = next(e for e in graph if e.get("spdxId", "").endswith("recipes-license"))
        rel["to"] = ["https://elsewhere.example/licence/42"]

    assert "SPDX License List" in fails(write(tmp_path, spdx(broken))).message


def test_spdx2_and_broken_graph(tmp_path: Path) -> None:
    error = fails(write(tmp_path, {"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "packages": []}))
    assert error.field == "spdxVersion" and "SPDX 3" in error.message
    error = fails(write(tmp_path, {"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": {"a": 1}}))
    assert error.field == "@graph"


# --- Hugging Face cards --------------------------------------------------------------------

def test_card_without_front_matter(tmp_path: Path) -> None:
    error = fails(write(tmp_path, CARD.split("---\n", 2)[2], "README.md"))
    assert "front matter" in error.message and error.line == 1


def test_card_with_broken_front_matter_names_the_readme_line(tmp_path: Path) -> None:
    error = fails(write(tmp_path, CARD.replace("pipeline_tag: text-generation", "pipeline_tag: [text-generation"), "README.md"))
    assert "front matter" in error.message and error.line is not None and error.line >= 6


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("base_model: mistralai/Mistral-7B-v0.1", "base_model: {repo: mistral}", "base_model"),
        ("license: apache-2.0", "license: {id: apache-2.0}", "license"),
        ("- openfolk/recipes-nc", "- {name: recipes}", "datasets[1]"),
    ],
)
def test_card_wrong_types(tmp_path: Path, old: str, new: str, field: str) -> None:
    path = write(tmp_path, CARD.replace(old, new), "README.md")
    error = fails(path)
    assert error.field == field
    assert new.split(":")[0].strip("- ") in path.read_text(encoding="utf-8").splitlines()[error.line - 1]


def test_card_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    assert "mapping" in fails(write(tmp_path, "---\n- just\n- a list\n---\n# Card\n", "README.md")).message


# --- overlays ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("overlay", "field", "line"),
    [
        ("model:\n  use: commercial\nteachrs: []\n", "teachrs", 3),
        ("data_sources:\n  - licence: MIT\n", "data_sources[0]", 2),
        ("teachers:\n  - id: t\n    provider: openai\n    model: gpt-4o\n    purpose: [fine-tuning]\n", "teachers[0].purpose[0]", 5),
        ("model:\n  use: sometimes\n", "model.use", 2),
        ("data_sources:\n  - id: recipes-nc\n    origin: stolen\n", "data_sources[0].origin", 3),
    ],
)
def test_overlay_errors_name_the_overlay_file_and_line(tmp_path: Path, overlay: str, field: str, line: int) -> None:
    path = write(tmp_path, overlay, "overlay.yaml")
    error = fails(SAMPLES / "hf-card" / "README.md", path)
    assert error.file == str(path)
    assert error.field == field
    assert error.line == line


# --- anything else -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "content",
    ["", "just some words\n", "[1, 2, 3]\n", '{"name": "x"}\n', b"\x00\x01binary", "# Title\n\nSome *markdown* text.\n"],
)
def test_unrecognised_inputs(tmp_path: Path, content: str | bytes) -> None:
    path = tmp_path / "input"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    error = fails(path)
    assert error.file == str(path)


@pytest.mark.parametrize("command", ["convert", "check"])
def test_cli_exit_2_with_one_line(tmp_path: Path, command: str) -> None:
    path = write(tmp_path, bom(specVersion="1.2"), "bom.json")
    result = CliRunner().invoke(cli, [command, str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "specVersion" in result.stderr and str(path) in result.stderr


# --- property: any bytes give a manifest or an AuditorError --------------------------------

_PREFIXES = st.sampled_from([b"", b"{", b'{"bomFormat": "CycloneDX", "specVersion": "1.6", ', b"---\n",
                             b'{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": ',
                             b"apiVersion: auditor/v1\n", b"---\nlicense: mit\ndatasets:\n"])


@pytest.fixture(scope="module")
def detect_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every generated input (pytest's temporary folders are cleaned up; hypothesis refuses function-scoped ones)."""
    return tmp_path_factory.mktemp("detect")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=_PREFIXES, body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_give_a_result_or_an_auditor_error(detect_dir: Path, prefix: bytes, body: bytes) -> None:
    path = detect_dir / "input"
    path.write_bytes(prefix + body)
    try:
        load_input(path)
    except AuditorError as error:
        assert str(error)

"""``audit init [PATH]``: a commented starter manifest, from flags or by asking.

On a terminal, whatever the flags leave open is asked for; elsewhere (CI, a pipe)
nothing is asked and the open values take the conservative defaults, marked
ASSUMED.  The file is created exclusively: an existing file is never overwritten.
The text is validated as a manifest before it is written, so a starter always loads.
Every list of allowed values comes from the manifest model (and the provider ids from
policies/providers.yaml), so the starter can never offer a value the loader refuses.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import get_args

import click

from auditor.commands.common import say
from auditor.errors import AuditorError
from auditor.inputs.common import CONSERVATIVE
from auditor.manifest import CopyrightedMaterial, ModelInfo, ModelType, ModelUse, Origin, Permission, Purpose, Release
from auditor.schemas import MANIFEST_API_VERSION

DEFAULT_PATH = "training-manifest.yaml"
TYPES: tuple[str, ...] = get_args(ModelType)
USES: tuple[str, ...] = get_args(ModelUse)
RELEASES: tuple[str, ...] = get_args(Release)
PURPOSES: tuple[str, ...] = get_args(Purpose)


def _one_of(values: tuple[object, ...]) -> str:
    return " | ".join(str(v).lower() for v in values)


def _providers() -> str:
    from auditor.policy import builtin_providers

    return _one_of(tuple(builtin_providers().providers))


def parse_teacher(value: str) -> dict[str, object]:
    """'openai/gpt-4o:synthetic-data,labeling' -> a teacher entry (id from the model name)."""
    spec, sep, purposes = value.strip().rpartition(":")
    provider, slash, model = spec.partition("/")
    wanted = [p.strip() for p in purposes.split(",") if p.strip()]
    if not (sep and slash and provider.strip() and model.strip() and wanted):
        raise click.BadParameter(f"expected PROVIDER/MODEL:PURPOSE[,PURPOSE], e.g. openai/gpt-4o:synthetic-data; got {value!r}")
    bad = [p for p in wanted if p not in PURPOSES]
    if bad:
        raise click.BadParameter(f"unknown purpose {bad[0]!r}; expected one of: {', '.join(PURPOSES)}")
    return {"provider": provider.strip(), "model": model.strip(), "purpose": wanted}


def _teachers_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[dict[str, object]]:
    return [parse_teacher(v) for v in values]


def _interactive() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


@click.command("init")
@click.argument("path", type=click.Path(path_type=Path), default=DEFAULT_PATH, required=False)
@click.option("--name", help="Name of the model being trained.")
@click.option("--type", "model_type", type=click.Choice(TYPES), help="Kind of model.")
@click.option("--use", type=click.Choice(USES), help="How the model is used.")
@click.option("--release", type=click.Choice(RELEASES), help="How the model is released.")
@click.option("--teacher", "teachers", multiple=True, callback=_teachers_option, metavar="PROVIDER/MODEL:PURPOSE",
              help="A model or API whose outputs were used, e.g. openai/gpt-4o:synthetic-data (repeatable).")
def command(path: Path, name: str | None, model_type: str | None, use: str | None, release: str | None,
            teachers: list[dict[str, object]]) -> None:
    """Write a commented starter manifest to PATH (default training-manifest.yaml); never overwrites."""
    if path.exists():
        raise AuditorError("already exists; audit init never overwrites a file (give another PATH)", file=path)
    if not path.parent.is_dir():
        raise AuditorError("the folder does not exist", file=path)
    values = {"name": name, "type": model_type, "use": use, "release": release}
    defaults = {"name": _default_name(path), "type": ModelInfo.model_fields["type"].default, **CONSERVATIVE}
    choices = {"type": TYPES, "use": USES, "release": RELEASES}
    assumed: set[str] = set()
    interactive = _interactive()
    for key, value in values.items():
        if value is not None:
            continue
        if interactive:
            kind = click.Choice(choices[key]) if key in choices else None
            values[key] = click.prompt(f"Model {key}", type=kind, default="llm" if key == "type" else defaults[key])
        else:  # nobody to ask: the strictest assumption, marked in the file
            values[key] = defaults[key]
            assumed.add(key)
    if interactive and not teachers:
        teachers = _ask_teachers()
    text = render(values["name"], values["type"], values["use"], values["release"], teachers, assumed)
    _check(text, path)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise AuditorError("already exists; audit init never overwrites a file (give another PATH)", file=path) from None
    except OSError as exc:
        raise AuditorError(f"cannot write: {exc.strerror or exc}", file=path) from None
    say(f"audit: wrote {path}; next: fill in data_sources, then run `audit check {path}`")


def _ask_teachers() -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    while True:
        answer = click.prompt("Teacher model or API whose outputs you used, as provider/model:purpose (empty to finish)",
                              default="", show_default=False)
        if not answer.strip():
            return out
        try:
            out.append(parse_teacher(answer))
        except click.BadParameter as exc:
            click.echo(f"  {exc.message}", err=True)


def _default_name(path: Path) -> str:
    folder = path.resolve().parent.name
    return folder if folder and folder not in {"/", "."} else "my-model"


def render(name: str | None, model_type: str | None, use: str | None, release: str | None,
           teachers: list[dict[str, object]], assumed: set[str]) -> str:
    from auditor.commands.convert import yaml_scalar
    from auditor.inputs.common import IdAllocator

    def note(key: str, text: str) -> str:
        return f"ASSUMED, check it: {text}" if key in assumed else text

    lines = [
        "# Training manifest for auditor, written by `audit init`.",
        "# Describe how the model was built; `audit check` compares it with provider terms and licences.",
        "# Paths are relative to this file; every list entry needs an id unique in its list.",
        f"apiVersion: {MANIFEST_API_VERSION}",
        "",
        "model:",
        _pad(f"  name: {yaml_scalar(name)}", note("name", "the model being trained")),
        _pad(f"  type: {model_type}", note("type", _one_of(TYPES))),
        _pad(f"  use: {use}", note("use", _one_of(USES))),
        _pad(f"  release: {release}", note("release", _one_of(RELEASES))),
        _pad("  # monthly_active_users: 0", "optional: licences with user thresholds (e.g. 700M) need it"),
        _pad("  base_models: []", "weights fine-tuned or merged from (HF id), e.g. [meta-llama/Llama-3.1-8B]"),
        "",
        "# Models or APIs whose outputs were used (to write, label, filter or distil training data).",
    ]
    ids = IdAllocator()
    if teachers:
        lines.append("teachers:")
        for teacher in teachers:
            lines += [
                f"  - id: {yaml_scalar(ids.take(str(teacher['model'])))}",
                _pad(f"    provider: {yaml_scalar(teacher['provider'])}", _providers()),
                f"    model: {yaml_scalar(teacher['model'])}",
                _pad(f"    purpose: {yaml_scalar(teacher['purpose'])}", _one_of(PURPOSES)),
                _pad("    # terms: terms/provider-terms.pdf", "optional: the terms document you agreed to"),
                _pad("    # used: {from: 2024-03-01, until: 2024-09-30}", "optional: when outputs were made"),
            ]
    else:
        lines += [
            "teachers: []",
            "#  - id: gpt-4o",
            _pad("#    provider: openai", _providers()),
            "#    model: gpt-4o",
            _pad("#    purpose: [synthetic-data]", _one_of(PURPOSES)),
            _pad("#    used: {from: 2024-03-01, until: 2024-09-30}", "optional: when outputs were made"),
        ]
    lines += [
        "",
        "# Datasets the model was trained on, with their licences.",
        "data_sources: []",
        "#  - id: support-chats",
        "#    name: Support chat transcripts",
        "#    url: https://example.org/datasets/support-chats",
        _pad("#    licence: CC-BY-4.0", "SPDX expression or free text; 'unknown' when you do not know"),
        _pad("#    origin: human", _one_of(get_args(Origin))),
        _pad("#    generated_by: []", "teacher ids (or provider/model) that wrote it"),
        _pad("#    derived_from: []", "ids of other data_sources it was built from"),
        _pad("#    owner: self", "optional: your own data, no licence needed"),
        _pad("#    trained_on: true", "false: listed only as a derived_from parent"),
        _pad("#    path: data/support/*.jsonl", "optional: local files of this source"),
        "",
        "# In-copyright works used for training, and the permission you have.",
        "copyrighted_material: []",
        "#  - id: novels",
        "#    description: 2,000 in-copyright novels",
        _pad("#    permission: none", _one_of(get_args(Permission))),
        _pad("#    tdm_opt_out_respected: unknown", _one_of(_tdm_values())),
        "#    jurisdiction: EU",
        _pad("#    data_sources: [support-chats]", "optional: the sources that contain it"),
    ]
    return "\n".join(lines) + "\n"


def _tdm_values() -> tuple[object, ...]:
    """bool | Literal["unknown"] -> (True, False, 'unknown'): the YAML spellings true | false | unknown."""
    values: list[object] = []
    for part in get_args(CopyrightedMaterial.model_fields["tdm_opt_out_respected"].annotation):
        values += [True, False] if part is bool else list(get_args(part))
    return tuple(values)


def _pad(text: str, comment: str) -> str:
    return f"{text.ljust(38)}  # {comment}"


def _check(text: str, path: Path) -> None:
    """Never write a starter that would not load (a bad --name, say)."""
    from auditor import yamlio
    from auditor.manifest import parse_manifest

    parse_manifest(yamlio.load(text, source=path), source=path, text=text)

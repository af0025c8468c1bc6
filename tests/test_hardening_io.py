"""Issue 13, reading and writing: every input is a bounded regular file, every report is written safely."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.cli import cli

MANIFEST = """apiVersion: auditor/v1
model: {name: m, type: llm, use: commercial, release: open-weights}
data_sources:
  - id: d1
    licence: MIT
"""


def run(*args: str, env: dict | None = None, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "auditor", *args], capture_output=True, text=True, env=full_env, cwd=cwd, timeout=120, **kw)


def project(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "m.yaml"
    path.write_text(MANIFEST + extra)
    return path


# 1: special and huge files are refused, whatever reads them


@pytest.mark.parametrize("field", ["terms", "licence_file"])
def test_devices_fifos_and_sparse_files_are_refused(tmp_path: Path, field: str) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:
        handle.truncate(8 * 1024**3)  # 8 GB that take no disk
    for target, expected in (("/dev/zero", "special file"), (str(fifo), "special file"), (str(sparse), "larger than the limit")):
        if field == "terms":
            extra = f"teachers:\n  - {{id: t, provider: openai, model: gpt-4o, purpose: [distillation], terms: {target}}}\n"
        else:
            extra = ""
            manifest = MANIFEST.replace("licence: MIT", f"licence: MIT\n    licence_file: {target}")
        path = tmp_path / "m.yaml"
        path.write_text(MANIFEST + extra if field == "terms" else manifest)
        proc = run("check", str(path))
        assert proc.returncode == 2, proc.stderr
        assert expected in proc.stderr and "Traceback" not in proc.stderr
        assert f"{path}:" in proc.stderr  # 7: the manifest line that names the file
        assert target in proc.stderr


def test_a_folder_as_manifest_or_waivers_is_one_line(tmp_path: Path) -> None:
    proc = run("check", str(project(tmp_path)), "--waivers", str(tmp_path))
    assert proc.returncode == 2 and "found a directory" in proc.stderr and proc.stderr.count("\n") == 1


# 8, 9: nothing the run reads is overwritten; symlinks cannot alias


def test_reports_never_overwrite_a_licence_file_or_pack(tmp_path: Path) -> None:
    licence = tmp_path / "LICENSE.txt"
    licence.write_text("MIT License\n\nPermission is hereby granted, free of charge...\n")
    path = project(tmp_path)
    path.write_text(MANIFEST.replace("licence: MIT", "licence: MIT\n    licence_file: LICENSE.txt"))
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "p.yaml").write_text("rules: []\n")
    before = {p: p.read_bytes() for p in (licence, packs / "p.yaml")}
    for args in (["--report", f"json:{licence}"], ["--report", f"json:{packs / 'p.yaml'}"], ["--output", str(licence)]):
        proc = run("check", str(path), "--policies", str(packs), *args)
        assert proc.returncode == 2 and "refusing to overwrite" in proc.stderr, proc.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_a_symlink_cannot_make_two_reports_one_file(tmp_path: Path) -> None:
    (tmp_path / "l.json").symlink_to(tmp_path / "a.json")
    proc = run("check", str(project(tmp_path)), "--output", str(tmp_path / "a.json"), "--report", f"sarif:{tmp_path / 'l.json'}")
    assert proc.returncode == 2 and "same file" in proc.stderr


def test_a_symlink_to_the_manifest_is_refused(tmp_path: Path) -> None:
    path = project(tmp_path)
    (tmp_path / "out.json").symlink_to(path)
    proc = run("check", str(path), "--format", "json", "--output", str(tmp_path / "out.json"))
    assert proc.returncode == 2 and path.read_text() == MANIFEST


# 10: special files are written in place


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(project(tmp_path)), "--output", str(fifo)], stderr=subprocess.PIPE)
    with fifo.open() as reader:
        text = reader.read()
    proc.wait(timeout=60)
    assert "auditor: m" in text
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO


def test_output_dev_stdout_appends_to_the_callers_log(tmp_path: Path) -> None:
    log = tmp_path / "ci.log"
    log.write_text("earlier step\n")
    with log.open("a") as handle:
        subprocess.run([sys.executable, "-m", "auditor", "check", str(project(tmp_path)), "--output", "/dev/stdout"], stdout=handle, timeout=60)
    text = log.read_text()
    assert text.startswith("earlier step\n") and "auditor: m" in text


# 11: OS failures are one line, exit 2


def test_write_failures_are_one_line_errors(tmp_path: Path) -> None:
    path = project(tmp_path)
    long_name = tmp_path / ("x" * 255 + ".json")
    proc = run("check", str(path), "--output", str(long_name))
    assert proc.returncode == 2 and "too long" in proc.stderr and "Traceback" not in proc.stderr
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "auditor", "check", str(path)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert proc.returncode == 2 and "no space left" in proc.stderr and "Traceback" not in proc.stderr
    unicode_manifest = tmp_path / "u.yaml"
    unicode_manifest.write_text(MANIFEST.replace("name: m", "name: modèle-日本"))
    proc = run("check", str(unicode_manifest), env={"PYTHONIOENCODING": "ascii"})
    assert proc.returncode == 2 and "encoding" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    proc = run("check", str(project(tmp_path)), "--output", str(folder / "r.txt"))
    assert proc.returncode == 2 and "permission denied" in proc.stderr


def test_closed_pipe_is_one_line(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "check", str(project(tmp_path)), "--output", "/dev/stdout", "--format", "html"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 2 and "Traceback" not in err and "pipe" in err


# 12, 13: modes and temporary files


def test_new_reports_follow_the_umask_and_rewrites_keep_the_mode(tmp_path: Path) -> None:
    path = project(tmp_path)
    out = tmp_path / "r.json"
    run("check", str(path), "--format", "json", "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~_umask()
    out.chmod(0o640)
    run("check", str(path), "--format", "json", "--output", str(out))
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_while_writing_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from auditor.outputs import write_file\n"
        "def chunks():\n"
        "    yield 'x' * 1000\n"
        f"    os.kill(os.getpid(), {int(signum)})\n"
        "    yield 'never'\n"
        "write_file(Path(sys.argv[1]), chunks())\n"
    )
    out = tmp_path / "r.txt"
    out.write_text("old report\n")
    proc = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, timeout=60)
    assert proc.returncode == 128 + signum
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"] and out.read_text() == "old report\n"


# 14: Ctrl-C


def test_ctrl_c_exits_130(tmp_path: Path, monkeypatch) -> None:
    import auditor.pipeline

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(auditor.pipeline, "run_check", interrupted)
    result = CliRunner().invoke(cli, ["check", str(project(tmp_path))])
    assert result.exit_code == 130 and "Aborted!" not in result.output


def test_scan_refuses_a_fifo_among_the_data_files_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "rows.jsonl"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor", "scan", str(fifo), "--jobs", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "rows.jsonl: expected a data file, found a special file (device, pipe or socket)" in proc.stderr


def test_registry_override_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "registry.yaml"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor", "datasets", "--registry", str(fifo), "squad"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "special file" in proc.stderr and "Traceback" not in proc.stderr


def test_html_nested_300000_deep_is_refused_quickly_and_a_normal_page_parses() -> None:
    from auditor.documents import load_bytes
    from auditor.errors import AuditorError

    deep = ("<div>" * 300_000 + "You may not use outputs to train models." + "</div>" * 300_000).encode()
    with pytest.raises(AuditorError, match=r"page\.html: .*nested 300000 deep"):
        load_bytes(deep, Path("page.html"))
    shallow = ("<html><body>" + "<div><p>Item" * 50 + "<p>You may not use outputs." + "</div>" * 50 + "</body></html>").encode()
    assert "You may not use outputs." in load_bytes(shallow, Path("page.html")).text

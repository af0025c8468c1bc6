"""Write every report the same way: never over an input, never half a file, never a traceback.

- Nothing the run read may be overwritten: ``auditor.safeio`` records the real path of
  every file it opened (manifest, terms, licence files, packs, waivers, baseline,
  overlay), and the caller may name more; targets are compared by real path, so a
  symlink cannot alias an input or another report.
- A regular file is replaced atomically through a temporary file in its own folder;
  the temporary file is removed on any error, on SIGTERM and on SIGHUP.  A new report
  gets the umask's mode (0666 & ~umask), a rewritten one keeps its mode.
- A special file (FIFO, device, ``/dev/stdout``) is written in place: replacing
  ``/dev/null`` or the FIFO a CI step reads from would break the system, and
  ``/dev/stdout`` is the caller's own stream (opened anew it would truncate a log).
- Every OS failure (name too long, read-only folder, no permission, disk full, closed
  pipe, an encoding that cannot hold the text) is one ``AuditorError``: exit 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import sys
from pathlib import Path
from typing import Iterable, Iterator

from auditor.errors import AuditorError
from auditor.safeio import read_paths, real_path

_STREAM_FDS = {"/dev/stdout": 1, "/dev/stderr": 2}
_HINTS = {
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "no space left on the device",
    errno.EPIPE: "the reader closed the pipe",
}

Chunks = str | Iterable[str]


def _chunks(text: Chunks) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def write_error(exc: OSError, where: str | Path) -> AuditorError:
    """One line for an OS failure while writing, naming the file."""
    reason = _HINTS.get(exc.errno or 0) or exc.strerror or str(exc)
    return AuditorError(f"cannot write report: {reason}", file=where)


def check_target(output: Path, protected: Iterable[Path] = ()) -> None:
    """Refuse a report path that is an input of this run (by real path, symlinks resolved)."""
    if _stream_fd(output) is not None:
        return
    target = real_path(output)
    inputs = set(read_paths()) | {real_path(p) for p in protected}
    if target in inputs:
        raise AuditorError("refusing to overwrite a file this run reads (an input) with a report", file=output)


def write_stdout(text: Chunks) -> None:
    """Print a report; a closed pipe, a full disk or an unencodable character is one clear error."""
    last = ""
    try:
        for chunk in _chunks(text):
            sys.stdout.write(chunk)
            last = chunk or last
        if not last.endswith("\n"):
            sys.stdout.write("\n")
        sys.stdout.flush()
    except UnicodeEncodeError as exc:
        raise AuditorError(
            f"standard output's encoding ({exc.encoding}) cannot represent the report; "
            "set PYTHONIOENCODING=utf-8 or write it with --output",
            file="stdout",
        ) from None
    except OSError as exc:
        _silence_stdout()
        raise write_error(exc, "stdout") from None


def _silence_stdout() -> None:
    """After a failed write, let the exit-time flush find nothing left to write."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def write_file(output: Path, text: Chunks, *, protected: Iterable[Path] = ()) -> None:
    """Write a report to ``output``: in place for special files, atomically for regular ones."""
    check_target(output, protected)
    fd = _stream_fd(output)
    try:
        if fd is not None:
            _write_fd(os.dup(fd), text)
            return
        try:
            info = os.stat(output)
        except FileNotFoundError:
            info = None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise AuditorError("expected a file path for the report, found a directory", file=output)
        if info is not None and not stat.S_ISREG(info.st_mode):
            _write_fd(os.open(output, os.O_WRONLY | getattr(os, "O_NOCTTY", 0)), text)
            return
        target = Path(real_path(output))
        if not target.parent.is_dir():
            raise AuditorError("the report's folder does not exist", file=output)
        mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
        _replace(target, text, mode)
    except OSError as exc:
        raise write_error(exc, output) from None


def _stream_fd(output: Path) -> int | None:
    """The descriptor behind /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N, if ``output`` is one."""
    text = os.path.normpath(str(output))
    if text in _STREAM_FDS:
        return _STREAM_FDS[text]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if text.startswith(prefix) and text[len(prefix):].isdigit():
            return int(text[len(prefix):])
    return None


def _write_fd(fd: int, text: Chunks) -> None:
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
        for chunk in _chunks(text):
            handle.write(chunk)


def _replace(target: Path, text: Chunks, mode: int) -> None:
    import tempfile  # here: a report printed to stdout, the usual CI run, never needs it

    tmp: str | None = None
    try:
        with _removed_on_signal() as pending:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".audit-", suffix=".tmp")
            pending.append(tmp)
            os.fchmod(fd, mode)
            _write_fd(fd, text)
            os.replace(tmp, target)
            tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def _removed_on_signal() -> Iterator[list[str]]:
    """While a report is written, SIGTERM and SIGHUP remove the temporary file, then end the run."""
    pending: list[str] = []

    def handler(signum: int, frame: object) -> None:
        for path in pending:
            with contextlib.suppress(OSError):
                os.unlink(path)
        raise SystemExit(128 + signum)

    names = [s for s in ("SIGTERM", "SIGHUP") if hasattr(signal, s)]
    try:
        previous = {name: signal.signal(getattr(signal, name), handler) for name in names}
    except ValueError:  # not the main thread: signals cannot be caught here
        previous = {}
    try:
        yield pending
    finally:
        for name, old in previous.items():
            signal.signal(getattr(signal, name), old)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current

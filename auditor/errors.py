"""One error type that knows its user-facing message.

Every problem with what a user supplied (a manifest, a policy pack, a document,
an option) becomes an ``AuditorError``; the CLI prints its one-line message and
exits 2.  Nothing below the CLI prints or exits.
"""

from __future__ import annotations

from pathlib import Path


class AuditorError(Exception):
    """A user-facing input error: names the file, the line or field, and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}".replace("\n", " ")

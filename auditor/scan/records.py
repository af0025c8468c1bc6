"""The text fields of one decoded row, with who speaks in each.

Structured rows are read field by field: every string (nested objects as dotted
paths, lists with their index), and chat-style lists (``messages``,
``conversations``) turn by turn with their role (``role``/``from``), so that the
assistant's turns can be told from the user's.
"""

from __future__ import annotations

from typing import Any, Iterator

CHAT_KEYS = frozenset({"messages", "conversations", "conversation", "dialog", "dialogue", "turns", "chat"})
ROLE_KEYS = ("role", "from", "speaker", "author")
CONTENT_KEYS = ("content", "value", "text", "message")
MAX_DEPTH = 6

Field = tuple[str, str | None, str]  # (field path, role or None, text)


def text_fields(row: Any, selected: frozenset[str] | None = None) -> Iterator[Field]:
    """Every text field of ``row`` (a JSON value, a CSV record or a line of text)."""
    if isinstance(row, str):
        yield ("text", None, row)
        return
    if isinstance(row, dict):
        for key, value in row.items():
            key = str(key)
            if selected is not None and key not in selected:
                continue
            yield from _walk(key, value, 1)
    elif isinstance(row, list):
        yield from _walk("", row, 0)


def _walk(path: str, value: Any, depth: int) -> Iterator[Field]:
    if isinstance(value, str):
        if value:
            yield (path or "text", None, value)
        return
    if depth > MAX_DEPTH:
        return
    if isinstance(value, list):
        chat = path.rsplit(".", 1)[-1] in CHAT_KEYS
        for index, item in enumerate(value):
            item_path = f"{path}[{index}]"
            if chat and isinstance(item, dict):
                yield from _turn(item_path, item)
            else:
                yield from _walk(item_path, item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(f"{path}.{key}" if path else str(key), item, depth + 1)


def _turn(path: str, turn: dict[str, Any]) -> Iterator[Field]:
    role = next((turn[k] for k in ROLE_KEYS if isinstance(turn.get(k), str)), None)
    for key in CONTENT_KEYS:
        content = turn.get(key)
        if isinstance(content, str):
            if content:
                yield (path, role, content)
            return
        if isinstance(content, list):  # content parts: [{"type": "text", "text": "..."}]
            for index, part in enumerate(content):
                text = part.get("text") if isinstance(part, dict) else part
                if isinstance(text, str) and text:
                    yield (f"{path}.{key}[{index}]", role, text)
            return

"""Builders of small training-data files for the scan tests (the project's own words)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

HUMAN = [
    "The harbour reopened on Tuesday after the storm moved east.",
    "Wikipedia: ChatGPT is a chatbot developed by OpenAI and launched in 2022.",
    "Our forum moderator wrote that the bot replied \"As an AI language model, I cannot help\" and laughed.",
    "Preheat the oven, then fold the egg whites into the batter gently.",
    "Claude Monet painted the water lilies at Giverny over many years.",
]

CLAUDE = "I'm Claude, an AI assistant created by Anthropic to be helpful, harmless, and honest."
OPENAI = "As an AI language model developed by OpenAI, I cannot browse the internet."
LLAMA = "I'm just an AI, I don't have personal opinions, but here are some facts."
STUDENT = "My name is Wren, and I am a language model trained by researchers from Example Lab."


def chat_rows(n: int, answer_every: int, answer: str) -> list[dict]:
    rows = []
    for i in range(n):
        reply = answer if i % answer_every == answer_every - 1 else f"Here is a plain answer number {i} about gardening."
        rows.append(
            {
                "id": i,
                "messages": [
                    {"role": "user", "content": "Are you ChatGPT, made by OpenAI?" if i % 7 == 0 else f"Question {i}?"},
                    {"role": "assistant", "content": reply},
                ],
            }
        )
    return rows


def write_jsonl(path: Path, rows: list, compress: bool = False) -> Path:
    text = "".join(json.dumps(r) + "\n" for r in rows)
    if compress:
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def human_rows(n: int) -> list[dict]:
    return [{"title": f"Item {i}", "text": HUMAN[i % len(HUMAN)]} for i in range(n)]

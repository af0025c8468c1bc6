"""Gold clause labels for the clause evaluation, from two sources, located as character spans.

* ``bench/gold/clauses.yaml``: our line labels for ``corpus/terms`` and ``corpus/datasets``.
* ``corpus/terms-extra/LABELS.json``: for each document its categories and the first words
  of every such clause, located here by a whitespace- and markup-insensitive search; the clause
  runs from those words to the end of their sentence.
* ``corpus/licences``: SPDX licence texts; none bans training on outputs, so any ban reported
  there is a false positive (their other categories are not labelled and not scored).

The held-out split is fixed by provider name (a hash, decided before any tuning), so rules
written while reading the development half are scored on providers never read.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from auditor.clauses import BANS
from auditor.documents import Document, load_document

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "clauses.yaml"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Gold:
    document: str
    category: str
    start: int
    end: int


@dataclass
class LabelledDocument:
    name: str
    path: Path
    provider: str
    permits_only: bool  # no ban may be reported anywhere in it
    scored: frozenset[str] | None  # categories scored for precision (None: all)
    gold: list[Gold]
    unlocated: list[str]


def provider_of(name: str) -> str:
    """The provider part of a corpus file name ("openai__terms_of_use.md" -> "openai")."""
    stem = Path(name).name
    return stem.split("__")[0].split(".")[0].lower() if "__" in stem else stem.split(".")[0].lower()


def held_out(provider: str) -> bool:
    """Fixed split: about half the terms-extra providers are never read while writing rules."""
    return hashlib.sha256(provider.encode()).digest()[0] % 2 == 1


def yaml_documents(corpus: Path) -> list[tuple[str, Path, list[tuple[str, int, int]], bool]]:
    raw = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    permissive = set(raw.get("permits_distillation", []))
    out = []
    for name, entries in raw["documents"].items():
        spans = []
        for entry in entries or []:
            if "lines" in entry:
                first, last = (int(x) for x in str(entry["lines"]).split("-"))
            else:
                first = last = int(entry["line"])
            spans.append((entry["category"], first, last))
        out.append((name, corpus / name, spans, name in permissive))
    return out


def line_spans(document: Document, spans: list[tuple[str, int, int]], name: str) -> list[Gold]:
    starts = [0] + [m.end() for m in re.finditer("\n", document.text)]
    gold = []
    for category, first, last in spans:
        a = starts[min(first, len(starts)) - 1]
        b = starts[last] if last < len(starts) else len(document.text)
        gold.append(Gold(name, category, a, b))
    return gold


class WordIndex:
    """Find a quote in a document by its words alone (markup, wrapping and case ignored)."""

    def __init__(self, text: str) -> None:
        self.words: list[str] = []
        self.offsets: list[tuple[int, int]] = []
        for m in _WORD.finditer(text.lower()):
            self.words.append(m.group(0))
            self.offsets.append((m.start(), m.end()))
        self.joined = " ".join(self.words)
        self.char_to_word: list[int] = []
        for index, word in enumerate(self.words):
            self.char_to_word.extend([index] * (len(word) + 1))

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        words = _WORD.findall(quote.lower())
        for size in (len(words), 12, 8):
            needle = " ".join(words[:size])
            if not needle:
                return []
            hits = [m.start() for m in re.finditer(re.escape(needle), self.joined)]
            hits = [h for h in hits if h == 0 or self.joined[h - 1] == " "]
            if hits:
                out = []
                for h in hits:
                    first = self.char_to_word[h]
                    last = min(first + len(words) - 1, len(self.words) - 1)
                    out.append((self.offsets[first][0], self.offsets[last][1]))
                return out
        return []


def quoted_documents(folder: Path) -> list[tuple[str, Path, dict]]:
    """A folder labelled the way ``terms-extra`` is: its documents beside a ``LABELS.json``."""
    labels = json.loads((folder / "LABELS.json").read_text(encoding="utf-8"))
    return [(f"{folder.name}/{name}", folder / name, entry) for name, entry in sorted(labels.items())]


def folder_documents(folder: Path) -> list[tuple[LabelledDocument, Document]]:
    """One quote-labelled folder's documents with their gold clauses (a blind review's set)."""
    docs: list[tuple[LabelledDocument, Document]] = []
    for name, path, entry in quoted_documents(folder):
        document = load_document(path)
        gold, missing = quote_spans(document, entry, name)
        docs.append((LabelledDocument(name, path, provider_of(name), entry["ban"] == "permit", None, gold, missing), document))
    return docs


def quote_spans(document: Document, entry: dict, name: str) -> tuple[list[Gold], list[str]]:
    index = WordIndex(document.text)
    gold: list[Gold] = []
    missing: list[str] = []
    for category, quotes in entry.get("quotes", {}).items():
        for quote in quotes:
            hits = index.find_all(quote)
            if not hits:
                missing.append(f"{name} {category}: {quote[:60]}")
            gold.extend(Gold(name, category, a, _sentence_end(document.text, b)) for a, b in hits[:1])
    return gold, missing


_END = re.compile(r"[.!?](?=\s|$)|\n[ \t]*\n")


def _sentence_end(text: str, end: int) -> int:
    """The labels quote a clause's first words only: the clause runs on to the end of its sentence
    (through any "(a) ...; (b) ..." items written inline in it)."""
    match = _END.search(text, end - 1 if end and text[end - 1] in ".!?" else end)
    return match.end() if match else len(text)


def labelled_documents(corpus: Path) -> list[tuple[LabelledDocument, Document]]:
    """Every development document with its gold clauses (terms, datasets, terms-extra, licences)."""
    docs: list[tuple[LabelledDocument, Document]] = []
    for name, path, spans, permissive in yaml_documents(corpus):
        document = load_document(path)
        docs.append((LabelledDocument(name, path, provider_of(name), permissive, None, line_spans(document, spans, name), []), document))
    docs += folder_documents(corpus / "terms-extra")
    for path in sorted((corpus / "licences").glob("*.txt")):
        name = f"licences/{path.name}"
        docs.append((LabelledDocument(name, path, path.stem.lower(), False, frozenset(BANS), [], []), load_document(path)))
    return docs

"""One canonical key per way of writing a licence name.

Both sides of every lookup go through ``name_key``: the SPDX ids and names in
the index, and what a user wrote.  So "Creative Commons Attribution-NonCommercial
4.0 International", "CC BY-NC 4.0" and "cc-by-nc-4.0" meet at ``cc-by-nc-4.0``,
and "GNU General Public License v3.0 or later", "GPLv3+" at ``gpl-3.0-or-later``.
"""

from __future__ import annotations

import re
from typing import Callable, Union

_URLS: tuple[tuple[re.Pattern[str], Union[str, Callable[[re.Match[str]], str]]], ...] = (
    (re.compile(r"creativecommons\.org/licenses/([a-z-]+)/(\d(?:\.\d)?)(?:/(igo|[a-z]{2})(?=/|$))?"), r"cc-\1-\2 \3"),
    (re.compile(r"creativecommons\.org/publicdomain/zero/(\d\.\d)"), r"cc0-\1"),
    (re.compile(r"creativecommons\.org/publicdomain/mark/(\d\.\d)"), r"cc-pdm-\1"),
    (re.compile(r"opendatacommons\.org/licenses/(by|odbl|pddl)(?:/(\d)[.-](\d))?"), lambda m: _odc(m)),
    (re.compile(r"(?:opensource\.org|spdx\.org)/licenses/([a-z0-9.+-]+?)(?:\.html|\.php)?(?:/|$)"), r"\1"),
    (re.compile(r"apache\.org/licenses/license-(\d\.\d)"), r"apache-\1"),
    (re.compile(r"gnu\.org/licenses/((?:l|a)?gpl|fdl)(?:-(\d\.\d))?"), r"\1-\2"),
)
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"\bl[iy][cs]{1,2}[ea]n[cs]e[sd]?\b", "license"),
        (r"(?<=\d)\.o\b", ".0"),
        (r"\+\+", " plusplus "),
        (r"\b(?:gnu )?affero general public\b", " agpl "),
        (r"\bgnu (?:lesser|library) general public\b", " lgpl "),
        (r"\b(?:gnu )?general public license\b", " gpl "),
        (r"\bgnu free documentation\b", " gfdl "),
        (r"\bmozilla public\b", " mpl "),
        (r"\beclipse public\b", " epl "),
        (r"\bopen data commons\b", " odc "),
        (r"\bcommunity data license agreement\b", " cdla "),
        (r"\bcreative ?comm?on?s\b", " cc "),
        (r"\bpublic domain\b", " publicdomain "),
        (r"\battribution\b", " by "),
        (r"\bnon[ -]?commercial\b", " nc "),
        (r"\bshare[ -]?alike\b", " sa "),
        (r"\bno[ -]?deriv(?:ative)?s?(?: works)?\b", " nd "),
        (r"\b(\d)[ -]?clauses?\b", r" \1clause "),
        (r"\bor[ -]?(?:any )?later(?: version)?\b|\+", " orlater "),
        (r"\b(?:version|ver|rev)\b\.?", " "),
        (r"\bv\.? ?(?=\d)|(?<=[a-z])v(?=\d)", " "),
        (r"(?<=[a-z])(?=\d)(?!\dclause)", " "),  # gplv3 -> gpl 3, llama2 -> llama 2 (cc0 kept below)
    )
)
_DROP = frozenset({"the", "license", "a", "an", "public", "international", "unported", "generic", "agreement", "of", "deed", "legal", "code", "full", "text", "spdx", "id", "identifier", "universal", "and", "gnu", "sil"})
_CC_PARTS = frozenset({"by", "nc", "sa", "nd"})


def name_key(text: str) -> str:
    """'Creative Commons Attribution 4.0 International' -> 'cc-by-4.0'."""
    s = text.lower().strip().replace("\u2013", "-").replace("\u2014", "-").replace("_", "-")
    for pattern, repl in _URLS:
        found = pattern.search(s)
        if found:
            s = pattern.sub(repl, found.group(0))
            break
    s = re.sub(r"(?<![a-z0-9])((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", "") + " ", s)  # M.I.T.
    s = re.sub(r"\s+", " ", s)
    for pattern, repl in _PHRASES:
        s = re.sub(r"\s+", " ", pattern.sub(repl, s))
    s = s.replace("cc 0", "cc0").replace("cc-0", "cc0")
    tokens = [t for t in re.split(r"[^a-z0-9.]+", s.replace("/", " ")) if t and t not in _DROP]
    tokens = [t.strip(".") for t in tokens if t.strip(".")]
    tokens = [_version(t) for t in tokens]
    if tokens[:1] == ["by"] and len(tokens) > 1 and (tokens[1] in _CC_PARTS or tokens[1][0].isdigit()):  # "BY-NC 4.0"
        tokens.insert(0, "cc")
    if tokens[:1] == ["cc"] and len(tokens) > 1 and tokens[1] in ("zero", "0"):
        tokens[:2] = ["cc0"]
    return "-".join(tokens).replace("orlater", "or-later")


def _odc(found: re.Match[str]) -> str:
    name = {"by": "odc-by"}.get(found.group(1), found.group(1))
    return f"{name}-{found.group(2)}.{found.group(3)}" if found.group(2) else name


def _version(token: str) -> str:
    """'3' -> '3.0' so 'apache 2' meets 'Apache-2.0'; '1.0.0' stays."""
    if token.isdigit() and len(token) == 1:
        return token + ".0"
    return token


def cc_parts(key: str) -> frozenset[str]:
    """The Creative Commons elements named in a key: they must survive fuzzy matching."""
    return frozenset(t for t in key.split("-") if t in _CC_PARTS) if "cc" in key.split("-") else frozenset()


def numbers(key: str) -> tuple[str, ...]:
    """The version numbers in a key: fuzzy matching must never change them."""
    return tuple(re.findall(r"\d+(?:\.\d+)*", key))

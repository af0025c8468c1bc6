"""Identifiers written with look-alike letters from another script ("Оpenai" with a Cyrillic О).

Such a name resolves to no provider or licence and would quietly turn a critical finding
into a milder "unknown" one.  ASCII text (nearly every identifier) is decided without
the library; anything else goes to confusable-homoglyphs, which carries Unicode's
confusables and script data.  ``latin_skeleton`` folds the look-alikes so the name still
resolves; ``suspicious`` says why the identifier gets a finding of its own.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def suspicious(text: str) -> str:
    """Why ``text`` is a mixed-script or confusable identifier, or "" when it is not."""
    if not text or text.isascii():
        return ""
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or []
    if not confusables.is_mixed_script(text) and not found:
        return ""
    shown = [f"'{item['character']}' (U+{ord(item['character']):04X}, {item['alias']}) looks like '{item['homoglyphs'][0]['c']}'"
             for item in found[:3] if item.get("homoglyphs")]
    return "mixes scripts" + (": " + ", ".join(shown) if shown else "")


@lru_cache(maxsize=4096)
def latin_skeleton(text: str) -> str:
    """``text`` with each look-alike letter replaced by the Latin one it imitates."""
    if text.isascii():
        return text
    from confusable_homoglyphs import confusables

    out = text
    for item in confusables.is_confusable(text, greedy=True, preferred_aliases=["latin"]) or []:
        if item.get("homoglyphs"):
            out = out.replace(item["character"], item["homoglyphs"][0]["c"])
    return out

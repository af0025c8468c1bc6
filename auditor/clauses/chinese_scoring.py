"""Decide which categories a Chinese sentence states: the Chinese counterpart of ``scoring`` and ``governance``.

The concepts are the English path's: a ban is a prohibition binding the user (its own 不得/禁止,
未经许可 as the prohibition itself, or a prohibiting lead-in such as 用户不得从事以下行为： above
its list item) that reaches the act; the provider's promises about itself (我们不会使用您的数据训练
模型, 您的内容不会被用于……) and permissions (您可以将输出用于训练……) are never bans on the user.
Positions are character offsets in the sentence, since Chinese has no spaces to count words by.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from auditor.clauses import categories as C
from auditor.clauses.chinese_cues import PROVIDER_WORDS, USER_WORDS, find

_CLAUSE_BREAK = re.compile(r"[，,；;：:。！!？?]")
_USER = re.compile(USER_WORDS)
_PROVIDER = re.compile(PROVIDER_WORDS)
_PROVIDER_START = re.compile(r"^\W*(?:[\w.．、（）()]{0,8}\s*)?(?:" + PROVIDER_WORDS + r")(?!的)(?=[\u4e00-\u9fff]|\s)")
# The provider binds itself: "your data will not be used to train", "we will never train on ...".
_OWN_PROMISE = re.compile(
    r"(?:" + USER_WORDS + r")(?:的|提供的|输入的|上传的)?[^，,。；;]{0,12}?(?:数据|内容|输入|信息|对话|作品|资料|提示)[^，,。；;]{0,10}?"
    r"(?:不会|不得|将不|绝不|并不)(?:被)?(?:[^，,。；;]{0,8}?)(?:用于|使用|用作)"
    r"|(?:" + PROVIDER_WORDS + r")(?:将|会)?(?:不会|绝不|承诺不|不|从不|并不)(?:[^，,。；;]{0,20}?)(?:训练|使用|用于)"
    # the user licenses the provider: what follows is the provider's use ("授予我们……许可，用于优化模型")
    r"|(?:授予|许可|授权)(?:" + PROVIDER_WORDS + r"|关联方)"
)
_QUESTION = re.compile(r"[？?]\s*$")
_EXCEPTION_START = re.compile(r"^\W*(?:但|但是|然而|尽管如此|不过)")
# A lead-in introduces its items: it ends with a colon, announces "the following", or is a short heading.
_ANNOUNCES = re.compile(r"以下|下列|如下|下述|包括但不限于|包括|下面")
_HEADING_BAN = re.compile(r"禁止|不得|限制|禁用|不允许|严禁|规范|义务|约束")
_LEAD_HEADING_CHARS = 30
_DISTRIBUTES = "提供"  # a development verb of competing offerings ("开发或提供竞争产品") that alone only hands a thing on


@dataclass
class ChineseSentence:
    """One sentence's roles: role -> character spans, found once (``find``)."""

    text: str
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> ChineseSentence:
        return cls(text, find(text))

    def has(self, *roles: str) -> bool:
        return any(role in self.cues for role in roles)

    def starts(self, role: str) -> list[int]:
        return [start for start, _ in self.cues.get(role, ())]

    def near(self, first: str, second: str, window: int, ordered: bool = False) -> bool:
        return any(
            (0 <= b - a <= window) if ordered else abs(b - a) <= window for a in self.starts(first) for b in self.starts(second)
        )


def _subject_before(text: str, position: int) -> str:
    """The words of the clause holding ``position`` before it (back to the last comma or stop)."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, position)]
    return text[breaks[-1] if breaks else 0 : position]


def provider_speaks(sentence: ChineseSentence) -> bool:
    """The provider describing its own conduct ("我们不会……", "公司有权……"): no lead-in makes it a user ban."""
    text = sentence.text
    if _OWN_PROMISE.search(text):
        return True
    first = min(sentence.starts("PROHIBIT") or [len(text)])
    subject = _subject_before(text, first)
    return bool(_PROVIDER_START.match(text)) and not _USER.search(subject[:first])


def prohibits(sentence: ChineseSentence) -> bool:
    """The sentence itself forbids the user something (its own prohibition or "未经……许可")."""
    if not sentence.has("PROHIBIT", "CONSENT") or _OWN_PROMISE.search(sentence.text):
        return False
    cue = min(sentence.starts("PROHIBIT") + sentence.starts("CONSENT"))
    subject = _subject_before(sentence.text, cue)
    if _PROVIDER.search(subject) and not _USER.search(subject):
        return False  # "公司不得……" binds the provider
    negations = sentence.starts("NEGATED_BAN")
    return not (negations and min(negations) <= cue)


def permits(sentence: ChineseSentence) -> bool:
    return sentence.has("PERMIT") and not sentence.has("PROHIBIT")


def leads_in(sentence: ChineseSentence) -> bool:
    """A sentence shaped to introduce a list: a colon at its end, "以下/下列", or a short heading."""
    text = sentence.text.rstrip("*_ ")
    return text.endswith(("：", ":", "—")) or bool(_ANNOUNCES.search(text)) or (len(text) <= _LEAD_HEADING_CHARS and not text.endswith(("。", "；", ";")))


def heading_bans(sentence: ChineseSentence) -> bool:
    """A short heading naming prohibitions ("禁止行为", "使用限制")."""
    return len(sentence.text) <= _LEAD_HEADING_CHARS and bool(_HEADING_BAN.search(sentence.text)) and not provider_speaks(sentence)


def governed(lead_of: list[int | None], sentences: dict[int, ChineseSentence]) -> dict[int, bool]:
    """For each judged sentence, whether a prohibiting lead-in above it (through any chain of leads) governs it."""
    out: dict[int, bool] = {}
    for index in sorted(sentences):
        lead = lead_of[index]
        if lead is None or lead >= index or lead not in sentences:
            out[index] = False
            continue
        above = sentences[lead]
        if not leads_in(above) or provider_speaks(above) or (permits(above) and not above.has("CONSENT")):
            out[index] = False
        else:
            out[index] = prohibits(above) or heading_bans(above) or out.get(lead, False)
    return out


def ban_strength(sentence: ChineseSentence, under_ban: bool) -> float:
    """0 when the sentence is no ban; else how directly a prohibition governs it (as ``scoring.ban_strength``)."""
    if sentence.has("NEGATED_BAN") and not sentence.has("PROHIBIT"):
        return 0.0
    if prohibits(sentence):
        return 1.0
    if _QUESTION.search(sentence.text) or provider_speaks(sentence) or permits(sentence) or _EXCEPTION_START.match(sentence.text):
        return 0.0
    return 0.85 if under_ban else 0.0


def _trains_models(sentence: ChineseSentence) -> bool:
    """A training or development verb aimed at a model that is not the provider's own and not a competing one:
    训练其他模型 (verb before object), 用于模型训练 (object just before the verb)."""
    if sentence.has("PURPOSE_ONLY"):
        return False
    ours = sentence.cues.get("OURS", [])
    competes = sentence.starts("COMPETE")
    for verb in sentence.starts("DEVELOP"):
        if sentence.text.startswith(_DISTRIBUTES, verb):
            continue  # "向第三方提供模型作品": the model handed on, not built (提供 builds only beside 竞争)
        for start, end in sentence.cues.get("MODEL", []):
            if any(a <= start < b for a, b in ours):
                continue
            if 0 < start - verb <= 20 and not any(verb < c < end for c in competes):
                return True
            if verb in sentence.starts("TRAIN") and 0 <= verb - end <= 2:
                return True
    return False


def score(sentence: ChineseSentence, under_ban: bool) -> dict[str, float]:
    """Category -> confidence for one Chinese sentence (empty when it states none), on the English path's scale."""
    found: dict[str, float] = {}
    ban = ban_strength(sentence, under_ban)
    direct = 0.08 * (ban == 1.0)
    if ban and sentence.has("COMPETE") and (sentence.has("DEVELOP") or sentence.near("COMPETE", "PRODUCT", 12) or sentence.near("COMPETE", "MODEL", 12)):
        if sentence.has("MODEL", "PRODUCT"):
            found[C.COMPETING_MODELS] = 0.7 + 0.2 * sentence.near("COMPETE", "MODEL", 16) + direct
    if ban and sentence.near("IMPROVE", "OTHER_MODEL", 16, ordered=True):
        found[C.IMPROVE_OTHER_MODELS] = 0.9 + direct
    elif ban and _trains_models(sentence):
        found[C.MODEL_TRAINING_BAN] = 0.75 + 0.15 * sentence.has("SOURCE", "OTHER_MODEL") + direct
    if ban and (sentence.has("DISTILL") or sentence.has("EXTRACT_MODEL")) and C.COMPETING_MODELS not in found:
        found[C.MODEL_TRAINING_BAN] = max(found.get(C.MODEL_TRAINING_BAN, 0.0), 0.85)
    if not ban and not provider_speaks(sentence) and (sentence.has("DISTILL") or _trains_models(sentence)):
        if sentence.has("NEGATED_BAN") or (sentence.has("PERMIT") and not sentence.has("PROHIBIT", "CONSENT")):
            found[C.DISTILLATION_PERMITTED] = 0.8 + 0.1 * sentence.has("DISTILL")
    if sentence.has("NONCOMMERCIAL"):
        found[C.NON_COMMERCIAL] = 0.9
    elif ban and sentence.has("COMMERCIAL"):
        found[C.NON_COMMERCIAL] = 0.75
    if sentence.has("SCRAPE") and ban:
        found[C.NO_SCRAPING] = 0.9
    if sentence.has("OUTPUT") and sentence.near("OUTPUT", "OWN", 30) and not ban and not sentence.has("DISCLAIM"):
        found[C.OUTPUT_OWNERSHIP] = 0.8 + 0.1 * bool(_USER.search(sentence.text))
    return {category: round(min(confidence, 0.99), 2) for category, confidence in found.items()}

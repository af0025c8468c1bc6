"""Decide which categories a sentence states, and how sure we are.

A clause is a combination of roles, not a keyword: a competing-models ban needs a
competition word, something being built, and a prohibition that governs the
sentence (its own, or the lead-in of the list it belongs to).  Permissions,
exceptions ("However, you can ..."), negated bans ("nothing ... prohibits") and the
provider's promises about its own models ("we will not train our models ...")
are not bans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from auditor.clauses import categories as C
from auditor.clauses.governance import permits, prohibits, provider_speaks, reaches
from auditor.clauses.verbs import deals_with_work, refers_to_lead

_DEFINITION = re.compile(r"^\W{0,3}(?:\(?[a-z0-9]{1,4}[.)]\s*)?[\"\u201c\u2018'](?P<term>[^\"\u201d\u2019']{1,80})[\"\u201d\u2019']\s*(?:\([^)]*\)\s*)?(?:means|shall mean|refers to|is defined|(?:does|do) not (?:include|cover)|excludes?)", re.I)
_LICENCE_NAME = re.compile(r"\b(?:cc|creative\s+commons)[\s-]*(?:by|attribution)(?P<rest>(?:[\s-]+(?:nc|sa|nd|noncommercial|non-commercial|sharealike|share-alike|noderivatives|noderivs))*)", re.I)
_ODC_BY = re.compile(r"\bodc[\s-]?by\b|\bopen data commons attribution\b", re.I)
_BOTH_COMMERCIAL = re.compile(
    r"\bcommercial (?:and|or|&) non-?commercial\b|\bnon-?commercial (?:and|or|&) commercial\b|\bcommercial use\b[^.;]{0,40}\bpermitted\b"
    r"|\bany purpose\b[^.;]{0,60}\bcommercial\b|^\W*if\b[^,]{0,80}non-?commercial",
    re.I,
)
_COMMERCIAL_USE = re.compile(r"\b(?:use|using|exploit\w*)\b[^.;]{0,80}\bcommercial(?! reasonabl)\b|\bcommercial(?:ly)? (?:use|purposes?|manner|exploitation)\b", re.I)
_NOMINAL_TRAINING = re.compile(
    r"\b(?:use|using|usage|exploitation)\s+of\s+(?:\w+\s+){0,4}(?:outputs?|responses|completions|content|data|materials|results)\b[^.;]{0,60}"
    r"\b(?:for|in)\s+(?:the\s+)?(?:purposes?\s+of\s+)?(?:\w+\s+){0,2}(?:training|fine-tuning)\b"
    r"|\b(?:training|fine-tuning)\s+(?:of|on)\s+(?:\w+\s+){0,3}(?:models?|outputs?|responses|content|data)\b"
    r"|\bfor\s+(?:(?:model|ai|machine[- ]learning)\s+)?training\s+purposes\b|\bfor\s+(?:model|ai|machine[- ]learning)\s+training\b"
    r"|\bfor\s+(?:any\s+)?(?:[\w/-]+,?\s+){0,8}(?:machine[- ]learning|artificial[- ]intelligence|ai|model)(?:[- ]related)?\s+"
    r"(?:(?:training|fine[- ]tuning|development)\s+(?:(?:or|and|and/or)\s+(?:training|fine[- ]tuning|development)\s+)?)?(?:purposes?|uses?)\b"
    # content put "as part of any machine learning (or similar algorithmic) activity": the learning is the use,
    # also as one of a short list ("any search index or machine learning activity")
    r"|\b(?:as\s+(?:a\s+)?part\s+of|in|into|within|for)\s+(?:any|an?|the)\s+(?:(?:[\w-]+\s+){1,3}(?:or|and)\s+)?(?:\w+\s+){0,2}?(?:machine[- ]learning|artificial[- ]intelligence|ai)"
    r"(?:\s+(?:or|and|and/or)\s+(?:\w+\s+)?(?:similar|other|related|comparable)(?:\s+(?:algorithmic|automated|computational|statistical))?)?"
    r"\s+(?:activit(?:y|ies)|process(?:es|ing)?|training|development|experiments?|operations?)\b",
    re.I,
)
# outputs put to training with no model word: outputs, responses and completions are a model's, so the
# training is machine learning (the "training sessions" of staff take files or content, not outputs)
_OUTPUTS_FOR_TRAINING = re.compile(
    r"\b(?:use|using)\s+(?:\w+\s+){0,4}(?:outputs?|responses|completions|generations)\s+(?:\w+\s+){0,3}?(?:for|to)\s+"
    r"(?:the\s+)?(?:purposes?\s+of\s+)?(?:train|training|fine-tune|fine-tuning|retrain|retraining)\b",
    re.I,
)
_PURPOSE_ONLY = re.compile(
    r"\b(?:for|in)\s+(?:any\s+)?(?:military|unlawful|illegal|harmful|malicious)\b|\b(?:prohibited|unlawful|illegal)\s+under\b"
    r"|\bthat\s+(?:are|is)\s+(?:prohibited|illegal|unlawful)\b|\bnot\s+allowed\s+by\s+(?:laws?|applicable)",
    re.I,
)
# "If you ... use the outputs to train a model ..., you must ...": a permission on conditions.  The
# condition (the "if" part, up to "you must/will/shall") names outputs and training.
_CONDITION = re.compile(
    r"^\W*(?:\(?\w{1,4}[.)]\s+)?(?:if|where|when|in case)\s+you\b(?P<condition>.{0,700}?),\s*(?:then\s+)?you\s+(?:must|will|shall|agree|are required|need)\b",
    re.I | re.S,
)
_TRAINING_ON_OUTPUTS = re.compile(
    r"\b(?:outputs?|results|responses|generations|completions)\b.{0,120}\b(?:train\w*|fine[- ]?tun\w*|distil\w*|improv\w*)\b.{0,120}\bmodels?\b",
    re.I | re.S,
)
# Naming rules written without the word "name": a mark to display, an app's title, endorsement.
_NAMING = re.compile(
    r"\b(?:include|display|show|state)\w*\s+(?:\w+\s+){0,2}[\"\u201c][^\"\u201d]{2,40}[\"\u201d]\s+(?:on|in)\s+(?:the\s+|a\s+|any\s+)?(?:related\s+)?"
    r"(?:websites?|user interfaces?|ui|blog\w*|about page|documentation|product)"
    r"|\b(?:title|name)\s+of\s+(?:your|the|any|such)\s+(?:\w+\s+)?(?:app|application|model|product|service)s?\b[^.;]{0,40}\b(?:must|shall|may)\s+not\b"
    r"|\bname\b[^.;]{0,80}\bmay\s+not\s+be\s+used\s+to\s+(?:endorse|promote)",
    re.I,
)
_COMPETITIVE_ACCESS = re.compile(
    r"\bfor\s+(?:any\s+)?(?:other\s+)?(?:\w+\s+(?:or|and)\s+)?competitive\s+(?:purposes?|ends|reasons)\b"
    r"|\bif\s+you\s+are\s+(?:a|an)\s+(?:direct\s+|actual\s+|potential\s+)?competitor\b",
    re.I,
)
# "use the API to compete with or replicate any of our services": competing is the purpose itself.
# ("... where the purpose is not to compete with us" describes an allowed purpose.)
_COMPETE_WITH = re.compile(r"(?<!\bnot )(?<!\bnever )\bto\s+(?:\w+\s+)?compete\s+(?:with|against)\b|\bin\s+competition\s+with\b", re.I)
# A functional clone of the provider's own offering is a competing one, with no competition word:
# "software that functions substantially the same as the Services".  The compared thing must be the
# provider's ("the Services", "our models"), not "a similar program" or "the services of" a third party.
_CLONE = re.compile(
    r"\b(?:(?:functions?|operates?|performs?|works?)\s+(?:substantially|essentially|materially|largely)\s+(?:the\s+same\s+as|similar(?:ly)?\s+to)"
    r"|substantially\s+(?:the\s+same\s+as|similar\s+to)|functionally\s+(?:equivalent|identical|similar)\s+to"
    r"|replicat\w*\s+(?:the\s+|any\s+)?(?:core\s+)?(?:functionality|functions|features?)\s+of)"
    r"\s+(?:(?:the|our)\s+(?:Services?|Platform|Software|Products?|Models?|Apps?|Outputs?)|our\s+(?:services?|platform|software|products?|models?|apps?))\b(?!\s+of\b)",
)
# Building a substitute for the provider's offering: "recreate a Google service or product", "replicate our
# products".  "reproduce the content" copies a work, and "copy, reproduce or resell the Service" deals in the
# service itself: only recreate/replicate/clone take a definite object; reproduce/duplicate only "a/any" one.
_RECREATE = re.compile(
    r"\b(?:(?:re-?creat|replicat|clon)\w*\s+(?:a|an|any|the|our)|(?:reproduc|duplicat)\w*\s+(?:a|an|any))\s+"
    r"(?:(?:(?-i:[A-Z])[\w.&'-]*|similar|competing|substitute)\s+){0,3}(?:services?|products?|offerings?|functionality)\b"
    r"(?!\s+(?:listings?|images?|photos?|descriptions?|names?|reviews?|pages?|data|content|information|keys?|codes?)\b)",
    re.I,
)
# A carve-out from a ban is a permission: "(but this does not prevent you from fine-tuning or distilling our models)".
_CARVE_OUT = re.compile(
    r"(?:\b(?:does|do|will|shall|should)\s+not|\b(?:doesn't|don't|won't)|\bnothing\b[^.;]{0,60}?)\s*"
    r"\b(?:prevent|stop|preclude|restrict|prohibit|limit|bar)s?\s+you\s+from\b[^.;)]{0,80}?\b(?:distil\w*|fine[- ]?tun\w*|train\w*)",
    re.I,
)
_NOT_AN_OBJECT = {"by", "using", "with", "via", "through"}
_NOT_A_VERB_AFTER = {"data", "dataset", "datasets", "set", "sets", "corpus", "corpora", "materials"}
_DESCRIBED = {("used", "to"), ("was", "used"), ("were", "used")}
_USE_TO_TRAIN = re.compile(
    r"\byou (?:may|can|are (?:free|permitted|allowed) to)\b[^.;]{0,60}\b(?:develop|train|fine-tune|build)\w*\b[^.;]{0,60}"
    r"\b(?:ai|artificial intelligence|machine learning)\W+(?:\(\W*ai\W*\)\s+)?(?:systems?|models?)\b",
    re.I,
)
_STRONG_PERMISSION = re.compile(r"\b(?:allow|allows|allowed|permit|permits|permitted|free to|including,? but not limited to)\b|\byou (?:may|can)\b", re.I)
_DISTILLATION_USE = re.compile(r"\bdistillation\b|\bdistill(?:ing)? (?:other|new|your|smaller)|\btrain(?:ing)? (?:other|another|new|your own|downstream) (?:\w+ )?(?:models?|llms?)\b", re.I)


@dataclass
class Sentence:
    """One sentence's cues: label -> token positions (relative to the sentence)."""

    text: str
    cues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    marker: str | None = None
    tokens: Sequence[str] = field(default_factory=list)  # lower-cased, for scope checks

    def has(self, *labels: str) -> bool:
        return any(label in self.cues for label in labels)

    def positions(self, label: str) -> list[int]:
        return [start for start, _ in self.cues.get(label, ())]

    def near(self, first: str, second: str, window: int, ordered: bool = False) -> bool:
        for a in self.positions(first):
            for b in self.positions(second):
                if (0 <= b - a <= window) if ordered else abs(b - a) <= window:
                    return True
        return False


def ban_strength(sentence: Sentence, governed: bool) -> float:
    """0 when the sentence is no ban; otherwise how directly a prohibition governs it.

    ``governed``: a lead-in or heading above the sentence prohibits (see ``structure``)."""
    if sentence.has("NEGATED_BAN") and not sentence.has("PROHIBIT"):
        return 0.0
    if prohibits(sentence):
        return 1.0
    if sentence.text.rstrip().endswith("?"):
        return 0.0  # a question ("Will my data be used to train AI?") heads an answer; it forbids nothing
    if provider_speaks(sentence) or permits(sentence) or re.match(r"^\W*(however|notwithstanding|but)\b", sentence.text, re.I):
        return 0.0
    return 0.85 if governed else 0.0


def defined_term(text: str) -> str | None:
    """The quoted term a definition sentence defines ("(e) \u201cModel Derivatives\u201d shall mean ..."), or None."""
    match = _DEFINITION.match(text)
    return match.group("term") if match else None


def _model_object(sentence: Sentence) -> bool:
    return sentence.has("MODEL") and not _ours_only(sentence)


def _ours_only(sentence: Sentence) -> bool:
    return sentence.has("OURS") and sentence.near("DEVELOP", "OURS", 3, ordered=True)


def score(sentence: Sentence, lead: Sentence | None, governed: bool = False) -> dict[str, float]:
    """Category -> confidence for one sentence (empty when it states none)."""
    found: dict[str, float] = {}
    text = sentence.text
    definition = bool(_DEFINITION.match(text))
    carved = _CARVE_OUT.search(text)  # the training words it names are what the sentence permits
    carve_out = bool(carved)
    ban = 0.0 if definition else ban_strength(sentence, governed)
    outer = ban  # scraping, TDM and use restrictions stand whatever the carve-out permits
    # A carve-out excepts only what follows it: a ban stated before it ("you may not train ... (this
    # does not prevent you from distilling ...)") still stands, read on the words before it.
    banned = _before(sentence, carved.start()) if carved else sentence
    if banned is not None:
        found.update(_ban_family(banned, ban, lead))
    ban = 0.0 if carve_out else ban

    # --- permissions ------------------------------------------------------------
    negated = sentence.has("NEGATED_BAN") and not sentence.has("PROHIBIT") and sentence.has("DEVELOP") and _model_object(sentence) and not provider_speaks(sentence)
    if carve_out:
        found[C.DISTILLATION_PERMITTED] = 0.85 + 0.1 * sentence.has("DISTILL")
    elif not ban and not definition and (negated or _USE_TO_TRAIN.search(text)):
        found[C.DISTILLATION_PERMITTED] = 0.8
    elif not ban and not definition and _DISTILLATION_USE.search(text) and _STRONG_PERMISSION.search(text) and permits(sentence):
        found[C.DISTILLATION_PERMITTED] = 0.85 + 0.1 * sentence.has("DISTILL")
    elif not ban and not definition and _conditional_training(text):
        found[C.DISTILLATION_PERMITTED] = 0.8  # permitted, on the conditions the sentence states
    if definition and sentence.has("DERIVATIVE") and (sentence.has("DISTILL") or re.search(r"transfer of patterns", text, re.I)):
        found[C.USE_RESTRICTION] = 0.7  # a model trained on outputs is a derivative: restrictions follow it

    # --- licence-like obligations -----------------------------------------------
    licence = _LICENCE_NAME.search(text)
    rest = (licence.group("rest") or "").lower() if licence else ""
    if not _BOTH_COMMERCIAL.search(text):
        if sentence.has("NONCOMMERCIAL") or "nc" in re.split(r"[\s-]+", rest) or "noncommercial" in rest or "non-commercial" in rest:
            found[C.NON_COMMERCIAL] = 0.9
        elif sentence.has("COMMERCIAL") and _COMMERCIAL_USE.search(text) and prohibits(sentence) and not definition:
            found[C.NON_COMMERCIAL] = 0.75
    if sentence.has("RESEARCH_ONLY"):
        found[C.RESEARCH_ONLY] = 0.9
    if sentence.has("SHARE_ALIKE") and (not sentence.has("SOURCE") or "sharealike" in text.lower().replace("-", "").replace(" ", "")) or re.search(r"\bsa\b", rest) or "sharealike" in rest.replace("-", ""):
        if not definition or re.search(r"sharealike|share-alike|share alike", text, re.I):
            found[C.SHARE_ALIKE] = 0.85
    if sentence.has("NO_DERIV") or re.search(r"\bnd\b|noderiv", rest):
        found[C.NO_DERIVATIVES] = 0.9
    obliged = _obliges(sentence) or (lead is not None and _obliges(lead))
    if licence or _ODC_BY.search(text) or (sentence.has("ATTRIB") and obliged and not re.search(r"\bwithout\b[^.;]{0,40}\b(?:attribution|credit)", text, re.I)):
        found[C.ATTRIBUTION] = 0.8 + 0.1 * sentence.has("ATTRIB")
    if sentence.has("NAME_RULE") and re.search(r"\bname\b", text, re.I) and _obliges(sentence) and sentence.has("MODEL"):
        found[C.NAMING] = 0.9
    elif _NAMING.search(text) and not definition:
        found[C.NAMING] = 0.8
    consequence = re.search(r"\b(?:terminate|suspend|refund)", text, re.I) and not re.search(r"\b(?:comply|adhere|incorporated)", text, re.I)
    if sentence.has("USE_POLICY") and (sentence.near("USE_POLICY", "PASS_DOWN", 16) or outer) and _obliges(sentence) and not definition and not consequence:
        found[C.USE_RESTRICTION] = max(found.get(C.USE_RESTRICTION, 0.0), 0.8)
    if sentence.has("SCALE") and sentence.has("SCALE_NUMBER"):
        found[C.SCALE_THRESHOLD] = 0.95

    # --- services terms ---------------------------------------------------------
    if sentence.has("OUTPUT") and _owns(sentence) and not definition:
        found[C.OUTPUT_OWNERSHIP] = 0.8 + 0.1 * bool(re.search(r"\byou\b|\bcustomer\b", text, re.I))
    if (sentence.has("SCRAPE") or sentence.has("EXTRACT")) and outer and not re.search(r"facial|biometric", text, re.I):
        found[C.NO_SCRAPING] = 0.8 + 0.1 * sentence.has("SCRAPE")
    if sentence.has("TDM") and (sentence.has("RESERVE") or outer):
        found[C.TDM_RESERVATION] = 0.85 + 0.1 * sentence.has("RESERVE")
    return {category: round(min(conf, 0.99), 2) for category, conf in found.items()}


def _ban_family(sentence: Sentence, ban: float, lead: Sentence | None = None) -> dict[str, float]:
    """The competing-models, improve-other-models and model-training-ban categories a sentence states."""
    source = sentence.has("SOURCE") or refers_to_lead(sentence, lead)  # "(b) train on it": the lead-in's content
    found: dict[str, float] = {}
    text = sentence.text
    if ban and sentence.has("COMPETE") and _reached(sentence) and (sentence.has("DEVELOP", "DISTILL") or _rival_named(sentence) or sentence.near("COMPETE", "MODEL", 3, True)):
        product = sentence.near("DEVELOP", "PRODUCT", 6, ordered=True) or sentence.near("COMPETE", "PRODUCT", 3, ordered=True) or sentence.near("PRODUCT", "COMPETE", 4, ordered=True)
        if (sentence.has("MODEL") or product) and not re.search(r"\bcompetent\b", text, re.I):
            strong = sentence.near("COMPETE", "MODEL", 8)
            found[C.COMPETING_MODELS] = 0.7 + 0.2 * strong + 0.08 * (ban == 1.0)
    elif ban and _COMPETITIVE_ACCESS.search(text) and sentence.has("PRODUCT", "SOURCE"):
        found[C.COMPETING_MODELS] = 0.75  # the service barred to competitors or for competitive ends
    elif ban and (_CLONE.search(text) or _RECREATE.search(text)) and _reached(sentence):
        found[C.COMPETING_MODELS] = 0.75  # a clone of the provider's own service
    if ban and C.COMPETING_MODELS not in found and _COMPETE_WITH.search(text) and sentence.has("COMPETE"):
        found[C.COMPETING_MODELS] = 0.75 + 0.08 * (ban == 1.0)
    if ban and sentence.has("IMPROVE") and sentence.has("OTHER_MODEL") and sentence.near("IMPROVE", "OTHER_MODEL", 8, ordered=True):
        found[C.IMPROVE_OTHER_MODELS] = 0.9 + 0.08 * (ban == 1.0)
    elif ban and _trains_models(sentence):
        found[C.MODEL_TRAINING_BAN] = 0.75 + 0.15 * source + 0.08 * (ban == 1.0)
    elif ban and sentence.has("TRAIN_ON") and source and not sentence.has("FIRST_PERSON_BAN") and _reached(sentence):
        found[C.MODEL_TRAINING_BAN] = 0.7
    elif (
        ban and (_NOMINAL_TRAINING.search(text) or (C.COMPETING_MODELS not in found and _OUTPUTS_FOR_TRAINING.search(text)))
        and not _PURPOSE_ONLY.search(text) and _reached(sentence)
    ):
        found[C.MODEL_TRAINING_BAN] = 0.8 + 0.08 * (ban == 1.0)
    if ban and sentence.has("DISTILL") and C.COMPETING_MODELS not in found:
        found[C.MODEL_TRAINING_BAN] = max(found.get(C.MODEL_TRAINING_BAN, 0.0), 0.85)
    return found


def _before(sentence: Sentence, cut: int) -> Sentence | None:
    """The sentence's words before character ``cut`` (with their cues), or None when there are none."""
    lowered, position, count = sentence.text.lower(), 0, 0
    for token in sentence.tokens:
        at = lowered.find(token, position)
        if at < 0 or at >= cut:
            break
        position, count = at + len(token), count + 1
    if not count:
        return None
    cues = {label: [(a, b) for a, b in spans if b <= count] for label, spans in sentence.cues.items()}
    return Sentence(sentence.text[:cut], {label: spans for label, spans in cues.items() if spans}, sentence.marker, sentence.tokens[:count])


def _conditional_training(text: str) -> bool:
    match = _CONDITION.match(text)
    return bool(match and _TRAINING_ON_OUTPUTS.search(match.group("condition")))


def _trains_models(sentence: Sentence) -> bool:
    """A development verb aimed at a model that is not a competing one and not the provider's own,
    within the reach of the sentence's prohibition."""
    if not _model_object(sentence) or _PURPOSE_ONLY.search(sentence.text):
        return False
    competes = sentence.positions("COMPETE")
    verbs = sentence.positions("DEVELOP")
    ours = {start + 1 for start in sentence.positions("OURS")}
    tokens = sentence.tokens
    listed = frozenset(tokens[v] for v in verbs if v < len(tokens))
    for verb in verbs:
        if tokens and verb < len(tokens) and deals_with_work(tokens, verb, listed):
            continue  # "use, reproduce, create or distribute the Model": the licensed work dealt with, no model built
        for obj in sentence.positions("MODEL"):
            if obj in ours or (tokens and 0 < obj <= len(tokens) and tokens[obj - 1] in _NOT_AN_OBJECT):
                continue
            if tokens and verb + 1 < len(tokens) and (tokens[verb + 1] in _NOT_A_VERB_AFTER or (tuple(tokens[max(0, verb - 2) : verb]) in _DESCRIBED and tokens[max(0, verb - 3)] != "be")):
                continue
            if 0 < obj - verb <= 10 and not _competes(verb, obj, competes, verbs) and reaches(sentence, verb, tokens):
                return True
    return False


def _rival_named(sentence: Sentence) -> bool:
    """"a competing product" names a rival with no verb that builds it; "a similar app" does not
    ("don't reconnect a similar app under another account" is about evading a removal)."""
    tokens, products = sentence.tokens, sentence.positions("PRODUCT")
    return any(tokens[a].startswith("compet") and any(0 <= p - a <= 3 for p in products) for a, _ in sentence.cues.get("COMPETE", ()) if a < len(tokens))


def _competes(verb: int, obj: int, competes: list[int], verbs: list[int]) -> bool:
    """The model built is a competing one: a competition word follows in the same verb phrase
    ("develop models that compete"), not in the next ("training a model or developing a similar one")."""
    return any(verb < c <= obj + 14 and not any(obj < v < c for v in verbs) for c in competes)


def _reached(sentence: Sentence) -> bool:
    tokens = sentence.tokens
    return any(reaches(sentence, verb, tokens) for verb in sentence.positions("DEVELOP")) or not sentence.has("DEVELOP")


def _owns(sentence: Sentence) -> bool:
    possessive = {start + 1 for start, _ in sentence.cues.get("POSSESSIVE_OWN", ())}
    owns = [p for p in sentence.positions("OWN") if p not in possessive]
    return any(abs(o - p) <= 14 for o in owns for p in sentence.positions("OUTPUT"))


def _obliges(sentence: Sentence) -> bool:
    return bool(re.search(r"\b(must|shall|will|required|agree to|need to|have to|provided that|on the condition|incorporated|may only|cannot|agree not|retain)\b", sentence.text, re.I)) or sentence.has("PROHIBIT")

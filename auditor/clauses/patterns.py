"""Token patterns: the vocabulary of terms documents, by the role a word plays in a clause.

Each label marks one role (a prohibition cue, a model word, a competition word...);
scoring combines the roles found in a sentence.  Phrases go to a PhraseMatcher on
lower-cased text, word families with regular expressions to a Matcher.
"""

from __future__ import annotations

PHRASES: dict[str, tuple[str, ...]] = {
    "PROHIBIT": (
        "may not", "must not", "shall not", "will not", "cannot", "can not", "can't", "won't", "do not", "don't",
        "should not", "agree not to", "not permitted", "not allowed", "not authorized", "not authorised", "prohibited",
        "prohibit", "prohibits", "forbidden", "forbid", "no authority", "no right", "refrain from", "never use",
        "not to use", "not be used", "is not licensed", "are not licensed", "not entitled", "aren't allowed", "isn't allowed",
        "aren't permitted", "isn't permitted", "under no circumstances", "no one may", "not to be used",
    ),
    "PERMIT": (
        "may", "can", "allow", "allows", "allowed", "permit", "permits", "permitted", "free to", "are granted",
        "is granted", "hereby grant", "grants you", "support", "supports", "are welcome",
        "is welcome", "encourage", "encouraged", "right to use",
    ),
    "NEGATED_BAN": (
        "does not prohibit", "do not prohibit", "not prohibited", "nothing in", "does not restrict", "do not restrict",
        "not restricted", "no restriction", "no restrictions", "without restriction", "not limit", "does not limit",
        "not be construed",
    ),
    "EXCEPT": ("except", "excluding", "other than", "unless", "save as", "except as", "except to the extent"),
    "EXCEPTION_LEAD": ("however", "notwithstanding", "but", "nevertheless"),
    "FIRST_PERSON_BAN": (
        "we will not", "we do not", "we don't", "we won't", "we may not", "we shall not", "we never", "we will never",
        "we cannot", "we are not", "we'll not", "will not be used by us",
    ),
    "OURS": (
        "our models", "our own models", "our model", "train our", "improve our", "develop our", "our services",
        "its models", "their models", "our ai", "our products", "our machine learning",
    ),
    "MODEL": (
        "model", "models", "llm", "llms", "large language model", "large language models", "artificial intelligence",
        "machine learning", "machine-learning", "ai", "algorithm", "algorithms", "neural network", "neural networks",
        "ai technology", "ai technologies", "foundation model", "language model", "language models", "ai system",
        "ai systems", "ai model", "ai models",
    ),
    "PRODUCT": (
        "product", "products", "service", "services", "offering", "offerings", "technology", "technologies",
        "website", "websites", "application", "applications", "app", "apps", "platform", "platforms", "software",
    ),
    "OTHER_MODEL": (
        "any other large language model", "other large language model", "other large language models",
        "any other model", "any other models", "other models", "other llms", "other llm", "another model",
        "another ai model", "third-party models", "third party models", "other ai models", "any other ai model",
    ),
    "SOURCE": (
        "output", "outputs", "services", "service", "data", "content", "results", "result", "materials", "responses",
        "completions", "generations", "inputs", "information",
    ),
    "OUTPUT": (
        "output", "outputs", "generated content", "ai-generated content", "content generated", "content you generate",
        "generations", "completions", "responses",
    ),
    "POSSESSIVE_OWN": ("their own", "its own", "your own", "our own", "his own", "her own", "on its own", "own terms"),
    "OWN": (
        "own", "owns", "ownership", "owner", "right, title and interest", "right, title, and interest", "assign",
        "assigns", "hereby assign", "claim ownership", "rights, title, and interests", "rights, title and interests",
    ),
    "NONCOMMERCIAL": (
        "non-commercial", "noncommercial", "non commercial", "not for commercial", "commercial use is prohibited",
        "not commercial", "non-commercially",
    ),
    "COMMERCIAL": ("commercial", "commercially", "commercial purposes", "commercial manner", "commercial use"),
    "SCALE": ("monthly active users", "monthly active user", "daily active users", "annual revenue"),
    "TDM": ("text and data mining", "text-and-data mining", "text and data-mining", "tdm", "data mining"),
    "RESERVE": ("reserve", "reserves", "reserved", "expressly reserve", "opt out", "opt-out", "opted out", "2019/790", "article 4"),
    "USE_POLICY": (
        "acceptable use policy", "prohibited use policy", "use policy", "usage policy", "usage policies",
        "use-based restrictions", "use based restrictions", "use restrictions", "restrictions set forth in attachment a",
        "responsible ai license", "use restrictions in", "attachment a", "restricted uses",
        "use the model or derivatives of the model", "use the model or the derivatives of the model",
    ),
    "PASS_DOWN": (
        "comply with", "adhere to", "incorporated", "subject to", "included", "enforceable provision", "in compliance with",
        "may only use", "in accordance with", "enforce", "include",
        "must include", "flow down", "pass down", "apply to", "as a minimum", "you agree not to use",
        "cannot use the model", "you cannot use", "notice", "at least as restrictive",
    ),
    "ATTRIB": (
        "attribution", "appropriate credit", "give credit", "copyright notice", "attribution notice", "built with",
        "this permission notice", "notice file", "a copy of this agreement", "a copy of this license",
        "a copy of this licence", "give appropriate credit", "credit the", "accompanied by",
    ),
    "NAME_RULE": (
        "at the beginning of", "model name", "in the name", "name of any", "name of the model", "name begins", "name starts",
        "name it", "name the model", "in its name", "name of such", "its name", "name them",
        "title of your app", "title of your model",
    ),
    "SHARE_ALIKE": (
        "sharealike", "share-alike", "share alike", "same license", "same licence", "same or compatible license",
        "same or a compatible license", "compatible license",
    ),
    "NO_DERIV": ("noderivatives", "noderivs", "no derivatives", "no-derivatives", "no derivative works"),
    "RESEARCH": ("research",),
    "ONLY": ("only", "solely", "exclusively", "outside of", "outside", "limited to"),
    "DEFINES": ("means", "shall mean", "refers to", "is defined as"),
    "COMPETE": (
        "similar to", "similar in functionality", "functionally similar", "substantially similar", "similar product",
        "similar products", "similar service", "similar services", "substitute for", "substitutes for", "a substitute",
        "replacement for", "in lieu of",
    ),
    "DERIVATIVE": ("derivative", "derivatives", "derivative works", "model derivatives", "derivatives of the model"),
}

# Word families (one token each); matched with the phrases, by hashed lookup.
WORDS: dict[str, tuple[str, ...]] = {
    "COMPETE": ("compete", "competes", "competed", "competing", "competitor", "competitors", "competitive", "competition"),
    "DEVELOP": (
        "develop", "develops", "developing", "development", "train", "trains", "trained", "training", "build", "builds",
        "building", "create", "creates", "creating", "improve", "improves", "improving", "fine-tune", "fine-tunes",
        "fine-tuned", "fine-tuning", "finetune", "finetuning", "fine tune", "enhance", "enhances", "enhancing", "design",
        "designing", "retrain", "pretrain", "pre-train",
    ),
    "IMPROVE": ("improve", "improves", "improving", "improvement", "enhance", "enhances", "enhancing"),
    "DISTILL": ("distil", "distill", "distills", "distilled", "distilling", "distillation"),
    "SCRAPE": (
        "scrape", "scrapes", "scraping", "scraper", "scrapers", "crawl", "crawls", "crawling", "crawler", "crawlers",
        "spider", "spiders", "harvest", "harvesting",
    ),
    "NEGATION": ("not", "no", "never", "nor", "without"),
}

# Multi-token patterns that are more than a phrase.
TOKEN_PATTERNS: dict[str, list[list[dict]]] = {
    "TRAIN_ON": [
        [{"LOWER": {"IN": ["train", "training", "trains"]}}, {"LOWER": {"IN": ["on", "upon", "with"]}}],
        [{"LOWER": "learn"}, {"LOWER": "from"}],
    ],
    "EXTRACT": [
        [{"LOWER": {"IN": ["extract", "extracts", "extracting", "extraction"]}}, {"OP": "{0,3}"}, {"LOWER": {"IN": ["data", "output", "outputs", "content", "information"]}}],
        [{"LOWER": {"IN": ["data", "web"]}}, {"LOWER": {"IN": ["extraction", "harvesting", "scraping"]}}],
        [{"LOWER": {"IN": ["automated", "automatic", "automatically", "programmatically"]}}, {"OP": "{0,4}"}, {"LOWER": {"IN": ["extract", "extracts", "extracting", "collect", "collects", "collecting", "access", "accessing", "means", "download", "downloading"]}}],
    ],
    "TRAIN_OTHER": [
        [{"LOWER": {"IN": ["train", "training"]}}, {"LOWER": {"IN": ["other", "another", "your", "new", "own", "downstream"]}}, {"OP": "?"}, {"LOWER": {"IN": ["model", "models", "llm", "llms"]}}],
    ],
    "RESEARCH_ONLY": [
        [{"LOWER": "research"}, {"LOWER": {"IN": ["use", "purposes", "purpose"]}, "OP": "?"}, {"LOWER": {"IN": ["only", "solely", "exclusively"]}}],
        [{"LOWER": {"IN": ["only", "solely", "exclusively"]}}, {"OP": "{0,4}"}, {"LOWER": {"IN": ["research", "academic"]}}],
        [{"LOWER": "outside"}, {"LOWER": "of", "OP": "?"}, {"OP": "?"}, {"LOWER": "research"}],
        [{"LOWER": "research"}, {"ORTH": "-", "OP": "?"}, {"LOWER": "only"}],
        [{"LOWER": {"IN": ["non", "non-commercial", "noncommercial"]}}, {"OP": "{0,2}"}, {"LOWER": "research"}, {"LOWER": {"IN": ["purposes", "use", "only"]}}],
    ],
    "SCALE_NUMBER": [
        [{"LIKE_NUM": True}, {"LOWER": {"IN": ["million", "billion", "thousand", "m", "b"]}, "OP": "?"}, {"OP": "{0,2}"}, {"LOWER": "monthly"}],
        [{"LOWER": {"IN": ["greater", "more", "exceeds", "exceed", "exceeding", "over", "above"]}}, {"OP": "{0,3}"}, {"LIKE_NUM": True}],
    ],
}

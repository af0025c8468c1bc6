"""Train the experimental learned ban classifier: a spaCy ``textcat_multilabel`` on labelled sentences.

Run: ``python scripts/train_clauses.py [CORPUS] [--out DIR]``.

Examples are the candidate sentences of every development document (``bench/clauses_gold.py``
labels them; the corpus text itself never enters the project): each sentence is shown with the
lead-ins and headings that govern it, because a list item's ban often lives in its lead-in.  Its
labels are the ban categories of the gold clauses it overlaps.  The model is a bag-of-words
(unigrams and bigrams) classifier on a blank English pipeline: CPU only, under a few MB, no
download.  ``bench/clauses_eval.py --learned`` scores it leave-one-provider-out against the rules
alone; it is shipped only if that comparison says it earns its place (so far it does not, see
the README's clause section), which is why ``--out`` defaults to a temporary folder.
"""

from __future__ import annotations

import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from auditor.clauses import BANS  # noqa: E402
from auditor.clauses.detect import outline  # noqa: E402
from auditor.clauses.spacy_import import import_spacy  # noqa: E402

LABELS = sorted(BANS)
EPOCHS = 6
SEED = 16
NEGATIVES = 3000  # sentences without a ban kept for training (a fixed random sample: they are 99 % of all)
LEAD_DEPTH = 3  # lead-ins shown with a sentence


@dataclass(frozen=True)
class Example:
    provider: str
    document: str
    start: int
    end: int
    text: str  # the governing lead-ins, then the sentence
    labels: frozenset[str]


def examples_of(name: str, provider: str, text: str, gold: list) -> list[Example]:  # type: ignore[type-arg]
    """One example per candidate sentence of a document (``gold``: its labelled clauses, with spans)."""
    shape = outline(text)
    out = []
    for index in shape.wanted:
        start, end = shape.spans[index]
        context, lead, depth = [], shape.lead_of[index], 0
        while lead is not None and depth < LEAD_DEPTH:
            context.insert(0, shape.layouts[lead].text[:200])
            lead, depth = shape.lead_of[lead], depth + 1
        labels = frozenset(g.category for g in gold if g.category in BANS and g.start < end and start < g.end)
        body = " | ".join([*context, shape.layouts[index].text[:600]])
        out.append(Example(provider, name, start, end, " ".join(body.split()), labels))
    return out


def corpus_examples(corpus: Path) -> list[Example]:
    from clauses_gold import labelled_documents

    out: list[Example] = []
    for doc, document in labelled_documents(corpus):
        out.extend(examples_of(doc.name, doc.provider, document.text, doc.gold))
    return out


def train(examples: list[Example], seed: int = SEED):  # type: ignore[no-untyped-def]
    """A fitted pipeline (``nlp(text).cats`` gives each ban label's probability)."""
    import_spacy()
    import spacy
    from spacy.training import Example as SpacyExample

    random.seed(seed)
    spacy.util.fix_random_seed(seed)
    negatives = [e for e in examples if not e.labels]
    examples = [e for e in examples if e.labels] + random.sample(negatives, min(NEGATIVES, len(negatives)))
    nlp = spacy.blank("en")
    config = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2, "no_output_layer": False}}
    textcat = nlp.add_pipe("textcat_multilabel", config=config)
    for label in LABELS:
        textcat.add_label(label)
    data = [SpacyExample.from_dict(nlp.make_doc(e.text), {"cats": {label: float(label in e.labels) for label in LABELS}}) for e in examples]
    optimizer = nlp.initialize(lambda: data)
    for _ in range(EPOCHS):
        random.shuffle(data)
        for batch in spacy.util.minibatch(data, size=32):
            nlp.update(batch, sgd=optimizer)
    return nlp


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else ROOT.parent / "shared" / "corpus"
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else Path(tempfile.mkdtemp()) / "clauses-textcat"
    examples = corpus_examples(corpus)
    positives = sum(bool(e.labels) for e in examples)
    print(f"{len(examples)} sentences ({positives} with a ban) from {len({e.document for e in examples})} documents")
    nlp = train(examples)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved to {out} ({size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

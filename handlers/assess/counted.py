"""What a counted collection is (pure apart from the encoder): past outputs of the task, which are
examples to learn from, or reference documents, which are knowledge to look things up in.

"50k listings our writers did by hand", "every letter our adjusters sent since 2019, roughly 70k of
them": finished work the team's people produced is the desired output, the "specialized dataset" a
model is fine-tuned on (SkillWisor), although no labelling word is said. "35k pages of maintenance
manuals", "2,500 policy documents": reference material is the knowledge a retrieval step answers
from, and no example of any output. The rubric's cue words and the labelling rules
(`handlers.assess.number_cues`) read the counts their words name; this reads the rest by meaning:
the counted phrase is placed by embedding similarity among a few exemplars of three kinds (past
outputs, reference documents, other things one counts: customers, stores, products), written from
the rubric's own wording of the criterion ("input -> correct output") and the articles' (data
preparation, labelled datasets, knowledge bases), not from any scenario. A phrase clearly closest to
past outputs (`MIN_SIMILARITY`, `MARGIN`) is a count of labelled examples; so is one closest to them
by any lead whose grammar says the team's people made or handled the things ("every quote our
estimators sent": a relative clause with a person subject and a past verb), as the sentence
encoder weighs the noun and barely the clause that says who produced it.

The counted phrase is the words after the number, up to the end of its clause; a bare count ("roughly
70k of them", "over 200k, which ...") names its things in the clause before it, so that is read too.
"""

from __future__ import annotations

import re

from handlers.assess.semantic import NearestExemplars, OptionMatcher

OUTPUTS = "outputs"
OTHER = "other"
KINDS: dict[str, tuple[str, ...]] = {
    OUTPUTS: (
        "messages and letters our staff wrote and sent",
        "documents our experts wrote by hand",
        "work our reviewers graded, marked or approved",
        "past cases with the outcome they got",
        "answers our team gave to earlier questions",
        "what our people produced in the past, the result we want",
        "inputs paired with their correct outputs",
    ),
    "reference": (
        "manuals, handbooks and guides",
        "policy documents and regulations",
        "spec sheets, catalogues and price lists",
        "knowledge base articles and documentation pages",
        "reference material and research papers",
        "standards, laws and rules",
    ),
    OTHER: (
        "customers, clients and users",
        "employees, staff and teams",
        "brands, stores and locations",
        "products and items we sell",
        "countries, languages and regions",
        "requests and messages coming in",
    ),
}
MIN_SIMILARITY = 0.4  # least similarity of the phrase to a past-output exemplar (all-MiniLM-L6-v2)
MARGIN = 0.08  # lead of past outputs over the closest other kind
PHRASE_WORDS = 10
# lead of the other things one counts over past outputs that makes a phrase clearly one of them
# ("existing customers", "stores"); near ties ("resolved tickets") are no verdict
OTHER_MARGIN = 0.15

# "... our estimators sent", "... the clerks filed", "... we wrote": the things were made or handled by people
_MADE_BY_PEOPLE = re.compile(
    r"\b(?:our|their|the|my|we|they|i)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?:[a-z]+ed|wrote|written|sent|did|done|made|gave|given|drew|drawn|built|took|taken|kept|sold)\b"
)
_END = re.compile(r"[.;:!?()]")
# a count with no noun of its own: "roughly 70k of them", "over 200k, which are ...", "20k in all"
_BARE = re.compile(r"^\s*(?:,|of\s+(?:them|those|these|which|it)\b|in\s+(?:all|total)\b|$)")


def counted_phrase(after: str, before: str, previous: str) -> str:
    """The words naming what a number counts: those after it (`after`, to the end of its clause),
    with, for a bare count, the words before it in its clause (`before`) and the clause before
    (`previous`)."""
    cut = _END.search(after)
    words = (after[: cut.start()] if cut else after).split()[:PHRASE_WORDS]
    if _BARE.match(after):
        return " ".join([*previous.split(), *before.split(), *words])
    return " ".join(words)


class CountedClassifier:
    """Which kind a counted phrase names (module docstring), on the matcher's encoder."""

    def __init__(self, matcher: OptionMatcher) -> None:
        self.matcher = matcher
        self._nearest = NearestExemplars(matcher, [(kind, t) for kind, texts in KINDS.items() for t in texts])

    def scores(self, phrase: str) -> dict[str, float]:
        """Per kind, the similarity of `phrase` to its closest exemplar."""
        return self._nearest.scores(phrase)

    def past_outputs(self, phrase: str) -> bool:
        """Whether `phrase` names past outputs of the task: examples to learn from."""
        if not phrase.strip():
            return False
        scores = self.scores(phrase)
        best = scores.pop(OUTPUTS)
        lead = best - max(scores.values())
        if best >= MIN_SIMILARITY and lead >= MARGIN:
            return True
        return lead > 0 and _MADE_BY_PEOPLE.search(phrase.lower()) is not None

    def other_thing(self, phrase: str) -> bool:
        """Whether `phrase` clearly names things of another kind than records of the task
        (customers, stores, products): their exemplars lead past outputs' by `OTHER_MARGIN`."""
        if not phrase.strip():
            return False
        scores = self.scores(phrase)
        return scores[OTHER] - scores[OUTPUTS] >= OTHER_MARGIN

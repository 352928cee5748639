"""How-to questions: the passage that holds the procedure, and its steps in order (pure; no models).

What the question asks for (an order of steps, a curb, a thing to do without, the retrieval
keywords for them) is read in `handlers.ask.howto_asks`; this module reads the passages.

A how-to answer gives the procedure from the one passage that describes it, in that passage's
order, then the best sentence of up to two other passages. The passage chosen is the one whose
two best relevant sentences say most about the question (two, not more: a passage does not win
by being longer), weighted up when:

- it describes steps (sequence words: "first ... then ... after training");
- its heading is close to the question.

A passage that describes steps is a procedure, and a procedure is given whole - every step of it
that is about the question, in its order - the way a list answer gives the whole list: its third
step is not dropped because it shares fewer words with the question than the first two. A
passage that does not describe steps gives its most relevant sentences. The other passages add
their best sentence either way; a long procedure does not crowd them out.

When the question asks how to keep something down or away ("keep costs down", "stop quality from
slipping", "cut GPU memory"), a sentence saying what reduces or prevents something ("monitoring
helps reduce drift", "LoRA cuts GPU memory") is the how: such sentences weigh more, and the main
passage is one that has one, rather than a passage that only describes the problem or the costs.
The passage that says what reduces a problem seldom restates it ("Continuous monitoring helps reduce
drift" for "how do we stop it overfitting?"), so two things help it be found and lead: such a
question is also searched with the articles' words for a means that curbs (`howto_keywords`, keyword
arm only: no extra encoder call), and when no sentence over the relative floor says what curbs
something, one down to `CURB_FLOOR` of the best does. A main passage gives its sentences down to a
share of its own best sentence, not of the best retrieved at all: one that leads because it says
what curbs, spares or orders keeps its steps although the passage restating the question scores
higher.

When the question asks how to do something *without* something ("without retraining it", "without
touching all the weights"), the how is the means that spares it: a sentence that says it works
without (or with no, or instead of) the same thing ("RAG ... without retraining the model") weighs
more, and the main passage is one that has such a sentence when any relevant passage does, rather
than a passage that merely mentions the thing to avoid. When what is to be spared is the whole of
something ("without touching all the weights", "without a full copy"), a sentence saying a means
touches only part of it ("update only a small subset") spares it too.

When the question asks for the order of steps ("what's the process?", "is there a known workflow?",
"where do we start?", "how do we get from prompts to a dataset?"), a passage that says what comes
next ("a team starts with prompts ... the insights then shape targeted fine-tuning datasets") is the
main passage, over one that shares more words with the question but only recommends where to begin
or restates the data it needs (`orders_steps`, `asks_for_steps`). Only a procedure that says enough
about the question leads (its two best sentences at least `STEPS_SHARE` of the best passage's): a
process question about something else ("the pipeline from a base checkpoint to a deployed model")
is not answered with a hybrid cycle that merely ranks among the top passages. A question that does
not ask for an order keeps the passage that says most about it. A procedure shares few words with
such a question beyond its subject ("where do we start?"), so the question is also searched with the
sequence words procedures are written with (`STEPS_KEYWORDS`, keyword arm only), which brings the
passage that orders the steps among the top passages more often.

The sentences closest in meaning to the question are added wherever they sit among the top
passages (`nearest`). The score that picks the main passage and the others' best sentences is
mostly shared words, and a question that states its problem ("our prompts keep hitting the
context window", "deadline is in two weeks") shares most words with the sentences that restate
the problem: the one that answers it ("... for projects with tight deadlines, because ... rapid
customization") can be the second sentence of another passage, or below the relative floor. The
sentence embeddings' cosine to the question (already computed for the score) ranks such a
sentence first or second more often than the score does. The nearest one is always added, the
second nearest only when it is nearly as close (`NEAREST_SHARE`); one already in the answer adds
nothing, so an answer grows by at most two sentences and usually by none.

A passage that another passage's best sentence or `nearest` brings in gives one sentence, and one
sentence of a passage is often half of what it says: the sentence that names a pattern ("In a
multi-model architecture, different components use different optimization strategies") and the next
one that says how it works ("A multi-model system might run a fine-tuned model for the core task
while ...") are two sentences, and the question may share its words with either. So such a passage
also gives its `neighbour`: the sentence right before or after the cited one that names the same
thing beyond the field's everyday words ("multi-model", "hierarchical", "temperature"; not only
"prompt" or "model") and scores at least the relative floor's share of it - for at most
`HOWTO_OTHERS` passages, the neighbours that score best.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from handlers.ask.focus import Concept
from handlers.ask.howto_asks import Spared, spares
from handlers.ask.picks import RELATIVE_FLOOR, by_score, distinct, relevant, take
from handlers.ask.scored import FIELD_TERMS, Scored
from handlers.ask.text import terms

HOWTO_STEPS = 4  # a passage that does not describe steps gives at most this many of its sentences
PROCEDURE_STEPS = 6  # a passage that describes steps gives all of them, up to this many
HOWTO_OTHERS = 2  # other passages that add their best sentence
HOWTO_FLOOR = 0.15  # within the chosen passage, a step is kept down to this share of the best score
WEIGHED_SENTENCES = 2  # a passage's weight as the main one: the sum of its best this many sentences
NEAREST = 2  # sentences closest in meaning to the question that the answer always holds, at most
STEPS_SHARE = 0.45  # ... a procedure leads only when it says at least this share of what the best passage says
NEAREST_SHARE = 0.9  # ... the second one only when its cosine is at least this share of the closest's

#: Sequence words: a passage using them describes steps ("starts with ... then ... after training").
PROCEDURAL = re.compile(
    r"\b(first|then|next|after\w*|finally|before|once|step\w*|starts?|begin\w*|followed by|resulting)\b|^\s*\d+[.)]",
    re.IGNORECASE | re.MULTILINE,
)
PROCEDURE_FACTOR = 1.3  # a passage that describes steps weighs this much more as the how-to's main passage
SEQUENCE_WORDS = 2  # sequence words that make a passage a procedure

#: A procedure says what comes next, not only where to begin ("begin with prompts ... before committing").
_NEXT = re.compile(r"\b(then|next|finally|followed by|resulting|afterwards)\b", re.IGNORECASE)
#: A sentence saying what reduces or prevents something: the means to such an end. A comparative
#: says it too: a means that needs "less context in every prompt", "shorter instructions" or "fewer
#: tokens" keeps those down ("less than 1%" is a figure, not a reduction).
CURBS = re.compile(
    r"\b(reduc(e|es|ed|ing)|cuts?|lower(s|ed|ing)?|mitigat\w*|prevent\w*|avoid\w*|minimi[sz]\w*|"
    r"help(s)? (to )?(keep|stop)|(less|fewer|shorter|smaller)(?! than) [a-z-]+)\b",
    re.IGNORECASE,
)
CURB_FACTOR = 1.6  # such a sentence weighs this much more when the question asks how to keep something down
CURB_FLOOR = HOWTO_FLOOR  # ... and is found down to this share of the best when none over the relative floor is

SPARE_FACTOR = 1.3  # a sentence that spares what the question wants spared weighs this much more


def describes_steps(text: str) -> bool:
    """The text describes a procedure: it uses sequence words at least twice ("starts with ...
    then ..."), or numbers its lines."""
    return len(PROCEDURAL.findall(text)) >= SEQUENCE_WORDS


def orders_steps(text: str) -> bool:
    """The text is a procedure that says what comes next ("starts with ... then ..."), not only
    where to begin or that something is a step ("step-by-step reasoning")."""
    return describes_steps(text) and bool(_NEXT.search(text))


def nearest(scored: Sequence[Scored], focus: Sequence[Concept]) -> list[Scored]:
    """The sentences about the question (`relevant` without a score floor) whose embedding is
    closest to the question's: the closest, and up to `NEAREST` - 1 more whose cosine is at least
    `NEAREST_SHARE` of the closest's. None without embeddings (every cosine 0)."""
    pool = sorted(relevant(scored, focus, floor=0.0), key=lambda s: -s.cosine)
    if not pool or pool[0].cosine <= 0.0:
        return []
    return [s for s in pool[:NEAREST] if s.cosine >= NEAREST_SHARE * pool[0].cosine]


def placed(chosen: Sequence[Scored], extra: Sequence[Scored]) -> list[Scored]:
    """`chosen` with each sentence of `extra` that it lacks (and does not repeat) put among the
    sentences of its own passage, in the passage's order, or at the end when its passage has none
    there: an answer cites each passage in one paragraph."""
    out = list(chosen)
    for s in extra:
        if s in out or not distinct(out, s):
            continue
        same = [i for i, c in enumerate(out) if c.passage_rank == s.passage_rank]
        before = [i for i in same if out[i].start < s.start]
        out.insert(before[-1] + 1 if before else same[0] if same else len(out), s)
    return out


def pick_howto(
    scored: Sequence[Scored],
    focus: Sequence[Concept],
    heading_sims: Sequence[float] = (),
    *,
    curb: bool = False,
    avoid: Spared = Spared(),
    ordered: bool = False,
) -> list[Scored]:
    """How to do something: the passage that says most about it (more when it describes steps and
    when its heading is close to the question), its relevant sentences in order (all its steps
    when it describes a procedure, else its most relevant sentences), then the best sentence of up
    to two other passages, then the sentences closest in meaning to the question (`nearest`)
    when they are not there yet, then the `neighbour` of a sentence that is its passage's only one
    in the answer. `curb`: the question asks how to keep something down (`asks_to_curb`),
    so sentences saying what reduces something weigh more; `avoid`: what the question wants to do
    without (`spared`), so sentences sparing it weigh more."""
    if curb:
        scored = [replace(s, score=s.score * CURB_FACTOR) if CURBS.search(s.text) else s for s in scored]
    if avoid:
        scored = [replace(s, score=s.score * SPARE_FACTOR) if spares(s.text, avoid) else s for s in scored]
    cands = relevant(scored, focus)
    if not cands:
        return []
    if curb and not any(CURBS.search(s.text) for s in cands):
        # the passages found describe the problem; the one saying what curbs it restates less of the
        # question, so its sentences may score below the relative floor
        cands += [s for s in relevant(scored, focus, floor=CURB_FLOOR) if CURBS.search(s.text)]
    by_passage: dict[int, list[Scored]] = {}
    for s in cands:
        by_passage.setdefault(s.passage_rank, []).append(s)
    text_of: dict[int, str] = {}
    for s in scored:
        text_of[s.passage_rank] = text_of.get(s.passage_rank, "") + "\n" + s.text

    def said(rank: int) -> float:
        return sum(sorted((s.score for s in by_passage[rank]), reverse=True)[:WEIGHED_SENTENCES])

    def weight(rank: int) -> float:
        value = said(rank)
        if describes_steps(text_of[rank]):
            value *= PROCEDURE_FACTOR
        return value * (1.0 + max(0.0, heading_sims[rank])) if rank < len(heading_sims) else value

    # a question asking how to keep something down is answered where a sentence says what does
    curbing = [rank for rank, group in by_passage.items() if curb and any(CURBS.search(s.text) for s in group)]
    # ... and a question asking how to do without something, where a sentence says what spares it
    sparing = [rank for rank, group in by_passage.items() if avoid and any(spares(s.text, avoid) for s in group)]
    # ... and a question asking for the order of steps, where a passage says what comes next
    procedures: list[int] = []
    if ordered:
        most = max(said(rank) for rank in by_passage)
        procedures = [rank for rank in by_passage if orders_steps(text_of[rank]) and said(rank) >= STEPS_SHARE * most]
    main = max(curbing or sparing or procedures or by_passage, key=weight)
    # a procedure: every step about the question, however few words it shares with it
    floor, cap = (0.0, PROCEDURE_STEPS) if describes_steps(text_of[main]) else (HOWTO_FLOOR, HOWTO_STEPS)
    # ... down to a share of the passage's own best sentence: a main passage that leads because it says
    # what curbs, spares or orders may score below the passage that restates the question
    in_main = [s for s in relevant(scored, focus, floor=0.0) if s.passage_rank == main]
    top_in_main = max((s.score for s in in_main), default=0.0)
    in_main = [s for s in in_main if s.score >= floor * top_in_main]
    # the passage's most relevant sentences, in its order: a long passage is not cut after its first few
    steps = sorted(by_score(in_main)[:cap], key=lambda s: s.start)
    others = [max(group, key=lambda s: s.score) for rank, group in by_passage.items() if rank != main]
    chosen = placed(take(by_score(others), len(steps) + HOWTO_OTHERS, steps), nearest(scored, focus))
    # a passage cited by one sentence also gives the neighbour that completes it ("In a multi-model
    # architecture, ..." + "A multi-model system might run ...")
    cited = [s.passage_rank for s in chosen]
    alone = [s for s in chosen if s.passage_rank != main and cited.count(s.passage_rank) == 1]
    completing = [n for s in alone if (n := neighbour(scored, s)) is not None]
    return placed(chosen, by_score(completing)[:HOWTO_OTHERS])


def about_the_same(a: str, b: str) -> bool:
    """Two sentences name the same thing beyond the field's everyday words ("hierarchical",
    "multi-model", "temperature"; not only "prompt" or "model")."""
    return bool((set(terms(a)) & set(terms(b))) - FIELD_TERMS)


def neighbour(scored: Sequence[Scored], sentence: Scored, share: float = RELATIVE_FLOOR) -> Scored | None:
    """The sentence right before or after `sentence` in its passage that scores at least `share` of
    it (the better of the two), or None. A passage's sentences complete each other: one names the
    pattern, the next says how it works ("In the hierarchical prompt pattern, a fine-tuned model needs
    less context ..." + "Hierarchical prompts ... can therefore focus on each individual request")."""
    same = sorted((s for s in scored if s.passage_rank == sentence.passage_rank), key=lambda s: s.start)
    at = next((i for i, s in enumerate(same) if s.start == sentence.start), None)
    if at is None:
        return None
    around = [same[i] for i in (at - 1, at + 1) if 0 <= i < len(same)]
    around = [s for s in around if s.score >= share * sentence.score and about_the_same(sentence.text, s.text)]
    return max(around, key=lambda s: s.score, default=None)

"""Decision questions ("our facts change weekly - should we fine-tune?") answered by the rubric.

The facts the user stated - in the question and earlier in the thread - go through the same
engine as `assess` (the assessment service's from-text path: extractor, then rubric). The answer
gives the verdict first, its cited reasons, what is still unknown and an offer to run the full
assessment; under it, "From the sources" quotes the sentence of each passage a reason cites (the
evidence for that reason), then for each clause of the situation the rubric read a fact from (the
words that carried a reason: "the thing has to work by friday") the source sentence about the verdict's
approaches closest to that clause, then the source sentence that says when the verdict's approach
fits that best answers the question (`handlers.ask.suitability`: the article's own statement of why
it suits such a situation), and then a few other source sentences about those approaches.

The passages a reason cites are the decision's own sources: `backed_passages` puts them first
among the passages the answer is composed from (and `AskService.retrieve` reports), so what the
answer cites is what supports its verdict. A reason may cite a passage the search did not return;
it comes from the shipped corpus (`Assessor.corpus`), where every rubric citation points.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from handlers.ask.citing import render
from handlers.ask.focus import BY_KEY, Concept, mentions_any, widened
from handlers.ask.picks import distinct, pick_general
from handlers.ask.scored import Scored, score_sentences
from handlers.ask.semantic import SentenceSimilarity
from handlers.ask.suitability import best_fit, corroborating
from handlers.assess.models import AssessmentResultReply
from handlers.assess.service import Assessor
from handlers.models import Citation
from handlers.ports import Turn
from knowledge.types import Chunk, Passage

MAX_UNKNOWN = 4
OTHER_EVIDENCE = 2  # source sentences beyond the reasons' own (preferably naming the verdict's approaches)
PER_BACKING = 2  # sentences quoted from one cited passage: the reason's quote and the question's best
QUESTION_SHARE = 0.5  # a cited passage's best sentence for the question joins at this share of the best
CACHE = 256  # situations whose verdicts are kept (routing, retrieval and composition read one verdict)
GROUNDED = 2  # situation clauses given a source sentence of their own (the first ones, one sentence each)
#: The rubric's approaches as the concepts sentences name them (handlers.ask.focus keys).
APPROACH_CONCEPTS: dict[str, tuple[str, ...]] = {
    "prompt_engineering": ("prompt_engineering", "few_shot"),
    "rag": ("rag",),
    "prompt_tuning": ("prompt_tuning",),
    "peft": ("peft", "lora", "fine_tuning"),  # what holds for fine-tuned models holds for adapters
    "full_fine_tuning": ("full_ft", "fine_tuning"),
}


def verdict_concepts(reply: AssessmentResultReply) -> list[Concept]:
    """The concepts a source sentence must name to support the verdict (both parts of a hybrid)."""
    approaches = reply.hybrid_of or [reply.recommendation]
    return [BY_KEY[k] for a in approaches for k in APPROACH_CONCEPTS.get(a, ())]


def reason_ids(reply: AssessmentResultReply) -> list[str]:
    """The passages the verdict's reasons cite, in the order the reasons give them."""
    out: list[str] = []
    for reason in reply.reasons:
        if reason.citation.id not in out:
            out.append(reason.citation.id)
    return out


@dataclass(frozen=True)
class Reading:
    """The rubric's verdict on a situation and the clauses of the situation it read facts from."""

    reply: AssessmentResultReply
    grounds: tuple[str, ...]


#: Where a clause of a situation ends: a sentence end, a semicolon or colon, a dash, a comma, "but".
_CLAUSE_END = re.compile(r"[.?!;:]+\s+|\s[-\u2013\u2014]+\s|,\s+|\s+but\s+|\n+", re.IGNORECASE)


def grounds_of(situation: str, snippets: Sequence[str]) -> tuple[str, ...]:
    """The clause of `situation` each snippet (the words a fact was read from) lies in, in the
    order of the situation, each once: the stated fact in the user's own words, whole."""
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(situation)), len(situation)]
    lowered = situation.lower()
    found: dict[int, str] = {}
    for snippet in snippets:
        at = lowered.find(snippet.lower().strip())
        if not snippet.strip() or at < 0:
            continue
        start = max(b for b in bounds if b <= at)
        end = min((b for b in bounds if b > at + len(snippet.strip())), default=len(situation))
        found.setdefault(start, situation[start:end].strip(" ,;:-\n"))
    return tuple(found[k] for k in sorted(found) if found[k])


class DecisionAdvisor:
    """Runs the rubric on the situation a question describes."""

    def __init__(self, assessor: Assessor) -> None:
        self.assessor = assessor
        self._verdict = lru_cache(maxsize=CACHE)(self._evaluate)
        self._corpus: list[Passage] | None = None

    def situation(self, question: str, history: Sequence[Turn]) -> str:
        earlier = [t.text for t in history if t.role == "user"]
        return "\n".join([*earlier, question])

    def reads_facts(self, question: str, history: Sequence[Turn]) -> bool:
        """The question itself states at least one fact the rubric reads (its verdict is cached)."""
        return self._verdict(question) is not None

    def assess(self, question: str, history: Sequence[Turn]) -> AssessmentResultReply | None:
        """The verdict for the stated facts; None when the text states no fact the rubric reads.
        The same situation is read once (routing, retrieval and composition all ask for it)."""
        reading = self._verdict(self.situation(question, history))
        return reading.reply if reading is not None else None

    def grounds(self, question: str, history: Sequence[Turn]) -> tuple[str, ...]:
        """The clauses of the situation the rubric read its facts from (see `grounds_of`)."""
        reading = self._verdict(self.situation(question, history))
        return reading.grounds if reading is not None else ()

    def _evaluate(self, situation: str) -> Reading | None:
        extraction = self.assessor.extractor.extract(situation)
        if not extraction.answers:
            return None
        snippets = [extraction.evidence[c] for c in extraction.answers if c in extraction.evidence]
        return Reading(self.assessor.evaluate(extraction.answers), grounds_of(situation, snippets))

    def backed_passages(self, reply: AssessmentResultReply, found: Sequence[Passage]) -> list[Passage]:
        """`found` with the passages the reasons cite first (taken from the corpus when the search
        missed them), the rest in search order."""
        by_id = {p.id: p for p in found}
        first: list[Passage] = []
        for pid in reason_ids(reply):
            passage = by_id.get(pid) or self._corpus_passage(pid)
            if passage is not None:
                first.append(passage)
        taken = {p.id for p in first}
        return first + [p for p in found if p.id not in taken]

    def stated_reasons(self, reply: AssessmentResultReply) -> list[str]:
        """The verdict's reasons that stated facts earned (a prior - a rule with no condition, such
        as "start with prompts" - holds whatever the user said)."""
        priors = {r.reason for r in self.assessor.rubric.rules if not r.when}
        return [r.text for r in reply.reasons if r.text not in priors]

    def corpus_passages(self) -> list[Passage]:
        """Every passage of the curated corpus (where the articles say when each approach fits)."""
        if self._corpus is None:
            found = (self._corpus_passage(pid) for pid in self.assessor.corpus.ids())
            self._corpus = [p for p in found if p is not None]
        return self._corpus

    def _corpus_passage(self, passage_id: str) -> Passage | None:
        info = self.assessor.corpus.get(passage_id)
        if info is None:
            return None
        chunk = Chunk(id=info.id, doc_id=info.doc_id, text=info.text, heading=info.heading, title=info.title,
                      source=info.source, kind="corpus", date=info.date)
        return Passage(chunk=chunk)


def verdict_text(reply: AssessmentResultReply) -> tuple[str, list[Citation], dict[str, int]]:
    """The verdict block (markdown), its citations renumbered from 1, and passage id -> number."""
    numbers: dict[str, int] = {}
    citations: list[Citation] = []
    for reason in reply.reasons:
        c = reason.citation
        if c.id not in numbers:
            numbers[c.id] = len(numbers) + 1
            citations.append(c.model_copy(update={"n": numbers[c.id]}))
    lines = [f"**{reply.verdict}** ({reply.confidence_label} confidence). {reply.headline}"]
    if reply.reasons:
        lines.append("")
        lines.append("Why, from what you told me:")
        lines.extend(f"- {r.text} [{numbers[r.citation.id]}]" for r in reply.reasons)
    if reply.answers:
        lines.append("")
        lines.append("What I read: " + "; ".join(f"{a.label.lower()}: {a.value}" for a in reply.answers) + ".")
    if reply.missing:
        unknown = ", ".join(m.lower() for m in reply.missing[:MAX_UNKNOWN])
        more = f" and {len(reply.missing) - MAX_UNKNOWN} more" if len(reply.missing) > MAX_UNKNOWN else ""
        lines.append(f"Still unknown: {unknown}{more}.")
    lines.append("Say `assess` and I'll run the full assessment, asking only about what is still open.")
    return "\n".join(lines), citations, numbers


def compose_decision(
    question: str,
    reply: AssessmentResultReply,
    passages: Sequence[Passage],
    similarity: SentenceSimilarity | None = None,
    *,
    grounds: Sequence[str] = (),
    alternates: Sequence[Passage] = (),
    stated: Sequence[str] = (),
    corpus: Sequence[Passage] = (),
) -> tuple[str, list[Citation]]:
    """The verdict block, then the evidence: each cited passage's quoted sentence (plus its sentence
    that best answers the question); then, for the first situation clauses the rubric read
    (`grounds`), the sentence about the verdict's approaches closest to each clause, from the
    passages or their curated `alternates` (`grounded_evidence`); then the best sentence for the
    question, among the passages, that says when the verdict's approach fits (`best_fit`); then, for
    each reason the stated facts earned (`stated`), the sentence across the curated `corpus` that
    says when the verdict's approach fits closest to that reason and to the clauses
    (`corroborating`: the articles' other words for the same need); then the other passages' best
    sentences
    for the question, those naming the verdict's approaches first (`pick_general`), up to
    OTHER_EVIDENCE sentences beyond the reasons' own."""
    text, citations, numbers = verdict_text(reply)
    if not passages:
        return text, citations
    scored = score_sentences(question, passages, similarity)
    picks = _reason_evidence(reply, passages, scored)
    about = verdict_concepts(reply)
    # the alternates' curated passages only: their sentences are embedded ahead of time (the
    # corpus's sentence vectors), a team note's would each cost an encoder call on the first ask
    pool = [*passages, *(p for p in alternates if p.chunk.kind == "corpus")]
    # the rest of the curated corpus, after the pool (its ranks stay valid): read for `corroborating` only
    pooled = {p.id for p in pool}
    everything = [*pool, *(p for p in corpus if p.id not in pooled)]
    grounded = grounded_evidence(grounds, pool, about, picks, similarity)
    backing = {s.passage_rank for s in picks} | {i for i, p in enumerate(passages) if p.id in numbers}
    picks += grounded
    # the article's own statement of when the verdict's approach fits, the best for the question
    fit = [s for s in best_fit(scored, about, picks) if distinct(picks, s)]
    picks += fit
    backed = corroborating(stated, grounds[:GROUNDED], everything, about, picks, similarity)
    picks += backed
    others = [s for s in scored if s.passage_rank not in backing]
    # a grounded or fitting sentence from a passage not cited yet takes the place of one of the others
    room = max(0, OTHER_EVIDENCE - len({s.passage_rank for s in [*grounded, *fit]} - backing))
    picks += [s for s in pick_general(others, about, room, require_any=about) if distinct(picks, s)][:room]
    evidence, more = render(picks, everything, known=numbers)
    if evidence:
        text += "\n\nFrom the sources:\n\n" + evidence
        citations.extend(more)
    return text, citations


def grounded_evidence(
    grounds: Sequence[str],
    passages: Sequence[Passage],
    about: Sequence[Concept],
    chosen: Sequence[Scored],
    similarity: SentenceSimilarity | None = None,
) -> list[Scored]:
    """For each of the first GROUNDED clauses, the sentence naming the verdict's approaches that
    scores best against that clause alone (a clause says one fact, the whole question mixes them
    with the ask; `score_sentences`), unless it repeats a sentence already chosen."""
    keys = widened(list(about))
    out: list[Scored] = []
    for clause in grounds[:GROUNDED]:
        scored = score_sentences(clause, passages, similarity)
        fits = [s for s in scored if s.score > 0 and mentions_any(s.text, keys) and distinct([*chosen, *out], s)]
        if fits:
            out.append(max(fits, key=lambda s: s.score))
    return out


def _reason_evidence(
    reply: AssessmentResultReply, passages: Sequence[Passage], scored: Sequence[Scored]
) -> list[Scored]:
    """Per cited passage, in reason order: the sentences the reason quotes, then the passage's best
    other sentences for the question that score near the best of the cited passages (at most
    PER_BACKING sentences a passage, in passage order)."""
    rank_of = {p.id: i for i, p in enumerate(passages)}
    quotes: dict[str, str] = {}
    for reason in reply.reasons:
        quotes.setdefault(reason.citation.id, reason.citation.quote)
    cited = [rank_of[pid] for pid in quotes if pid in rank_of]
    best = max((s.score for s in scored if s.passage_rank in cited), default=0.0)
    out: list[Scored] = []
    for pid, quote in quotes.items():
        rank = rank_of.get(pid)
        if rank is None:
            continue
        own = [s for s in scored if s.passage_rank == rank]
        quoted = [s for s in own if s.text in quote or quote in s.text][:PER_BACKING]
        rest = sorted((s for s in own if s not in quoted and s.score >= QUESTION_SHARE * best),
                      key=lambda s: -s.score)
        out.extend(sorted(quoted + rest[: PER_BACKING - len(quoted)], key=lambda s: s.start))
    return out

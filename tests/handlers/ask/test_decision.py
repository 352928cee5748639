"""A decision question runs the assessment rubric (the same engine as `assess --from-text`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from handlers.ask.decision import DecisionAdvisor, compose_decision, grounded_evidence, grounds_of, verdict_text
from handlers.ask.focus import BY_KEY
from handlers.ask.kinds import QuestionKind
from handlers.ask.service import AskService
from handlers.assess.extract import RuleExtractor
from handlers.assess.service import Assessor
from handlers.models import Conversation
from handlers.ports import Turn
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices
from knowledge.types import Chunk, Passage, SearchScope
from tests.handlers.ask.stores import NoLog, NoThreads


def advisor() -> DecisionAdvisor:
    rubric = shipped_rubric()
    assessor = Assessor(rubric=rubric, prices=shipped_prices(), corpus=shipped_corpus_index(),
                        extractor=RuleExtractor(rubric))
    return DecisionAdvisor(assessor)


def test_same_verdict_as_the_assessment_from_text() -> None:
    adv = advisor()
    question = "Our product facts change every week. Should the model learn them by fine-tuning?"
    reply = adv.assess(question, [])
    assert reply is not None
    assert reply.recommendation == adv.assessor.from_text(question).recommendation


def test_verdict_first_with_cited_reasons_unknowns_and_an_offer() -> None:
    reply = advisor().assess("We have 5k labelled tickets and our docs change weekly. Fine-tune or RAG?", [])
    assert reply is not None
    text, citations, numbers = verdict_text(reply)
    assert text.startswith(f"**{reply.verdict}**")
    for reason in reply.reasons:
        assert f"{reason.text} [{numbers[reason.citation.id]}]" in text
    assert [c.n for c in citations] == list(range(1, len(citations) + 1))
    assert all(c.summary for c in citations)  # the rubric cites our corpus summaries
    assert "Still unknown:" in text and "`assess`" in text


def test_facts_stated_earlier_in_the_thread_count() -> None:
    adv = advisor()
    history = [Turn(role="user", text="We have about 20,000 labelled examples.", at=datetime.now(UTC))]
    alone = adv.assess("Our facts change daily. What should we do?", [])
    with_thread = adv.assess("Our facts change daily. What should we do?", history)
    assert alone is not None and with_thread is not None
    assert "labelled_examples" in with_thread.result.answers
    assert "labelled_examples" not in alone.result.answers


def test_no_stated_fact_means_no_verdict() -> None:
    assert advisor().assess("Should we?", []) is None
    assert not advisor().reads_facts("Should we?", [])


class _NothingCovered:
    """A retriever whose coverage judge says no: only the decision shortcut could answer."""

    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        return []

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        return False





def test_the_decision_shortcut_covers_only_questions_about_customizing_models() -> None:
    adv = advisor()
    svc = AskService(retriever=_NothingCovered(), conversations=NoThreads(), questions=NoLog(),
                     assessor=adv.assessor)
    passages = [Passage(chunk=Chunk(id="g#x", doc_id="g", heading="X", text="Some text.", title="T", source="s",
                                    kind="corpus"))]
    ours = "We're a startup with a tight budget and no ML staff. Should we fine-tune?"
    theirs = "We're a startup with a tight budget. How should we structure our employee stock plan?"
    assert adv.reads_facts(ours, []) and adv.reads_facts(theirs, [])  # the rubric reads both situations
    assert svc.covered(ours, passages, [], QuestionKind("decision"))
    assert not svc.covered(theirs, passages, [], QuestionKind("decision"))


class _Returns:
    """A retriever that returns fixed passages and whose coverage judge says no."""

    def __init__(self, passages: list[Passage]) -> None:
        self.passages = passages

    def retrieve(
        self, query: str, *, k: int = 5, scope: SearchScope | None = None, keywords: str = ""
    ) -> list[Passage]:
        return self.passages[:k]

    def is_covered(self, passages: Sequence[Passage], query: str = "") -> bool:
        return False


def _passage(pid: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading="H", text=text, title="T", source="s",
                               kind="corpus"))


def _service(passages: list[Passage]) -> AskService:
    return AskService(retriever=_Returns(passages), conversations=NoThreads(), questions=NoLog(),
                      assessor=advisor().assessor)


UNRELATED = _passage("x#unrelated", "Hospitals fine-tune models on clinical notes. Banks audit their workflows.")
VOLUME = "We answer about 3 million requests a month with the same long prompt. Is it time to train our own model?"


def test_a_choice_the_classifier_labels_otherwise_gets_the_verdict_first() -> None:
    svc = _service([UNRELATED])
    kind = svc.classifier.classify(VOLUME)
    assert kind.kind != "decision"  # "time to" reads as a figure question
    answer = svc.answer(VOLUME, Conversation(channel="c", thread="t"), remember=False)
    reply = advisor().assess(VOLUME, [])
    assert reply is not None and answer.grounded and answer.question_kind == "decision"
    assert answer.answer.startswith(f"**{reply.verdict}**")


def test_a_question_that_asks_for_no_choice_is_not_answered_by_the_rubric() -> None:
    svc = _service([UNRELATED])
    question = "We answer about 3 million requests a month. What is a soft prompt?"
    assert advisor().reads_facts(question, [])
    assert svc.verdict(question, svc.classifier.classify(question), []) is None


def test_the_passages_the_reasons_cite_come_first_even_when_the_search_missed_them() -> None:
    svc = _service([UNRELATED])
    reply = advisor().assess(VOLUME, [])
    assert reply is not None and reply.reasons
    found = svc.retrieve(VOLUME, Conversation(channel="c", thread="t"), [])
    cited = list(dict.fromkeys(r.citation.id for r in reply.reasons))
    assert [p.id for p in found[: len(cited)]] == cited[: svc.top_k]
    assert found[len(cited)].id == UNRELATED.id
    assert all(p.text for p in found)  # the corpus text of each cited passage, not an empty stand-in


def test_the_evidence_quotes_the_sentence_each_reason_cites_under_its_number() -> None:
    svc = _service([UNRELATED])
    answer = svc.answer(VOLUME, Conversation(channel="c", thread="t"), remember=False)
    reply = advisor().assess(VOLUME, [])
    assert reply is not None
    evidence = answer.answer.split("From the sources:", 1)[1]
    numbers = {c.id: c.n for c in answer.citations}
    for reason in reply.reasons:
        first_sentence = reason.citation.quote.split(". ")[0]
        assert first_sentence in evidence
        assert f"[{numbers[reason.citation.id]}]" in evidence


def test_a_follow_up_choice_reads_the_facts_stated_earlier_in_the_thread() -> None:
    svc = _service([UNRELATED])
    history = [Turn(role="user", text="Our bot answers about 3 million requests a month.", at=datetime.now(UTC))]
    question = "so should we train our own model?"
    kind = svc.classifier.classify(question)
    assert svc.verdict(question, kind, []) is None  # no fact in the question alone
    reply = svc.verdict(question, kind, history)
    assert reply is not None and "request_volume" in reply.result.answers


def test_an_off_topic_choice_is_never_answered_by_the_rubric() -> None:
    svc = _service([UNRELATED])
    question = "we have a budget of 3 million a month - should we train our sales team every week?"
    assert svc.verdict(question, svc.classifier.classify(question), []) is None


def test_the_grounds_are_the_whole_clauses_the_facts_were_read_from_in_order() -> None:
    situation = "we have 3 weeks, one dev and nobody with an ML background. the docs change daily. train one?"
    assert grounds_of(situation, ["the docs change daily", "we have 3 weeks", "3 weeks", "not there"]) == (
        "we have 3 weeks",
        "the docs change daily.",  # as written, with its sentence end
    )
    assert grounds_of(situation, []) == ()


def test_the_grounds_of_a_verdict_come_from_its_reading() -> None:
    adv = advisor()
    question = "Our product facts change every week and nobody here knows ML. What should we do?"
    grounds = adv.grounds(question, [])
    assert grounds and all(g in question for g in grounds)
    assert adv.grounds("Should we?", []) == ()


_DEADLINE = _passage(
    "x#deadline",
    "Prompt engineering suits projects with tight deadlines and a demo due this week. "
    "Prompt engineering needs no training.",
)
_BUDGET = _passage(
    "x#budget",
    "Prompt engineering costs little, so a small budget is enough. Fine-tuning needs GPUs.",
)


def test_each_situation_clause_gets_the_sentence_about_the_verdict_closest_to_it() -> None:
    prompting = [BY_KEY["prompt_engineering"]]
    picks = grounded_evidence(["the demo is due this week", "a small budget"], [_BUDGET, _DEADLINE], prompting, [])
    assert [p.text for p in picks] == [
        "Prompt engineering suits projects with tight deadlines and a demo due this week.",
        "Prompt engineering costs little, so a small budget is enough.",
    ]
    # a sentence already chosen (the reason's quote) is not repeated, nor replaced by one that shares
    # nothing with the clause; one not naming the verdict's approaches never comes
    assert grounded_evidence(["the demo is due this week"], [_DEADLINE], prompting, picks[:1]) == []
    assert grounded_evidence(["GPUs"], [_BUDGET], [BY_KEY["rag"]], []) == []


def test_the_evidence_for_a_situation_clause_may_come_from_an_alternate_passage() -> None:
    question = "leadership wants the demo due this week and there is no money. can we just prompt it?"
    reply = advisor().assess(question, [])
    assert reply is not None and reply.recommendation == "prompt_engineering"
    text, citations = compose_decision(
        question, reply, [UNRELATED], grounds=["leadership wants the demo due this week"], alternates=[_DEADLINE]
    )
    assert "tight deadlines" in text
    assert "x#deadline" in {c.id for c in citations}


def test_a_team_note_among_the_alternates_is_not_searched_for_a_clause_s_evidence() -> None:
    question = "leadership wants the demo due this week and there is no money. can we just prompt it?"
    reply = advisor().assess(question, [])
    assert reply is not None
    note = Passage(chunk=_DEADLINE.chunk.model_copy(update={"id": "note:9", "kind": "note"}))
    text, citations = compose_decision(
        question, reply, [UNRELATED], grounds=["leadership wants the demo due this week"], alternates=[note]
    )
    assert "tight deadlines" not in text  # its sentences would each cost an encoder call
    assert "note:9" not in {c.id for c in citations}


def test_the_answer_quotes_the_sources_saying_when_the_verdict_s_approach_fits() -> None:
    question = "leadership wants the demo due this week and there is no money. can we just prompt it?"
    reply = advisor().assess(question, [])
    assert reply is not None and reply.recommendation == "prompt_engineering"
    closer = [
        _passage("x#one", "Prompt engineering lets leadership see the demo this week with no money spent."),
        _passage("x#two", "With prompt engineering the demo this week costs leadership no money."),
    ]
    shines = _passage("x#shines", "Prompt engineering fits exploratory projects.")
    text, citations = compose_decision(question, reply, [UNRELATED, *closer, shines])
    # the sentences closer to the question's words fill the other evidence; the one saying when
    # the verdict's approach fits is quoted all the same
    assert "Prompt engineering fits exploratory projects. [" in text.split("From the sources:")[1]
    assert "x#shines" in {c.id for c in citations}


def test_the_reasons_stated_facts_earned_leave_out_the_rubric_s_prior() -> None:
    adv = advisor()
    reply = adv.assess("we need it live by friday and have no budget. should we fine-tune?", [])
    assert reply is not None and reply.recommendation == "prompt_engineering"
    stated = adv.stated_reasons(reply)
    priors = {r.reason for r in adv.assessor.rubric.rules if not r.when}
    assert stated and not priors & set(stated)
    assert set(stated) < {r.text for r in reply.reasons}  # the prior is among the reasons, not stated


def test_the_corpus_passages_are_the_whole_curated_corpus() -> None:
    adv = advisor()
    passages = adv.corpus_passages()
    assert [p.id for p in passages] == adv.assessor.corpus.ids()
    assert all(p.text and p.chunk.kind == "corpus" for p in passages)


def test_a_reason_is_backed_by_another_article_s_words_for_the_same_need() -> None:
    question = "leadership wants the demo due this week and there is no money. can we just prompt it?"
    adv = advisor()
    reply = adv.assess(question, [])
    assert reply is not None and reply.recommendation == "prompt_engineering"
    # the search found nothing useful; the curated corpus holds a sentence saying prompting fits
    # tight deadlines, which the reasons do not cite
    text, citations = compose_decision(question, reply, [UNRELATED], stated=adv.stated_reasons(reply),
                                       corpus=[_DEADLINE])
    assert "Prompt engineering suits projects with tight deadlines" in text.split("From the sources:")[1]
    assert "x#deadline" in {c.id for c in citations}
    without, _ = compose_decision(question, reply, [UNRELATED])
    assert "tight deadlines" not in without
    # the shipped corpus: the articles' own statement of what prompting suits
    text, _ = compose_decision(question, reply, [UNRELATED], stated=adv.stated_reasons(reply),
                               corpus=adv.corpus_passages())
    assert "Prompt engineering suits quick deployment" in text

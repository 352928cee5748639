"""A decision question runs the assessment rubric (the same engine as `assess --from-text`)."""

from __future__ import annotations

from datetime import UTC, datetime

from handlers.ask.decision import DecisionAdvisor, verdict_text
from handlers.assess.extract import RuleExtractor
from handlers.assess.service import Assessor
from handlers.ports import Turn
from knowledge.corpus_index import shipped_corpus_index
from knowledge.rubric.model import shipped_rubric
from knowledge.rubric.prices import shipped_prices


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

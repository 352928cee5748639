"""Citation labelling: our summary is said to be ours; verbatim originals are preferred."""

from __future__ import annotations

from handlers.ask.extractive import compose_extractive
from handlers.ask.kinds import QuestionKind
from handlers.models import Answer, Citation
from knowledge.types import Chunk, Passage

SUMMARY = Passage(chunk=Chunk(
    id="gupta#prompt-tuning", doc_id="gupta", heading="Prompt tuning benefits", kind="corpus",
    title="Summary of: Customizing AI for Your Needs", source="ft-advisor summary of Technical Insights",
    text="Prompt tuning updates 1000x fewer parameters than full fine-tuning, according to Gupta.",
))
ORIGINAL = Passage(chunk=Chunk(
    id="customizing-ai#p3", doc_id="customizing-ai", heading="Benefits of prompt tuning", kind="document",
    title="Customizing AI for Your Needs", source="Technical Insights",
    text="Research shows that prompt tuning can achieve comparable results while updating 1000x fewer "
         "parameters than full fine-tuning.",
))


def test_summary_citation_is_labelled_and_not_quoted() -> None:
    c = Citation(n=1, id="a#b", title="Summary of: X", source="ft-advisor summary of Y", quote="We say this.")
    assert c.summary is True
    assert c.shown_quote() == "Our summary: We say this."
    verbatim = Citation(n=2, id="doc#p1", title="X", source="Y", quote="They said this.")
    assert verbatim.summary is False and verbatim.shown_quote() == "\u201cThey said this.\u201d"


def test_summary_answer_says_so() -> None:
    ans = compose_extractive("How many fewer parameters does prompt tuning update?", [SUMMARY], covered=True,
                             kind=QuestionKind("figure"))
    assert ans.citations[0].summary and ans.citations[0].title.startswith("Summary of: ")
    assert "summaries" in ans.made_how()
    assert Answer(answer="x", citations=[], grounded=True).made_how() == "quoted from the sources"


def test_an_ingested_original_stating_the_same_fact_is_preferred() -> None:
    ans = compose_extractive("How many fewer parameters does prompt tuning update?", [SUMMARY], covered=True,
                             kind=QuestionKind("figure"), alternates=[ORIGINAL])
    assert ans.citations[0].id == "customizing-ai#p3" and not ans.citations[0].summary
    assert "Research shows" in ans.answer
    assert ans.citations[0].quote in ORIGINAL.text


def test_an_original_with_other_numbers_is_not_a_replacement() -> None:
    other = ORIGINAL.model_copy(update={"chunk": ORIGINAL.chunk.model_copy(update={
        "text": "Research shows that prompt tuning updates 50x fewer parameters than full fine-tuning."})})
    ans = compose_extractive("How many fewer parameters does prompt tuning update?", [SUMMARY], covered=True,
                             kind=QuestionKind("figure"), alternates=[other])
    assert ans.citations[0].id == "gupta#prompt-tuning"

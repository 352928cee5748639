from __future__ import annotations

from handlers.ask.extractive import NOT_COVERED, compose_extractive
from handlers.ask.kinds import QuestionKind
from knowledge.types import Chunk, Passage


def passage(pid: str, text: str, heading: str = "", title: str = "Article") -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], text=text, heading=heading, title=title,
                               source="Site"))


PASSAGES = [
    passage(
        "a#prompt-tuning",
        "Prompt tuning learns soft prompt vectors. Prompt tuning updates about 1000x fewer parameters than "
        "full fine-tuning. The base model stays frozen during prompt tuning.",
        heading="Prompt tuning",
        title="Guide A",
    ),
    passage(
        "b#peft",
        "PEFT methods such as LoRA keep 95% of full fine-tuning performance. PEFT updates under 1% of the "
        "parameters. Teams with little GPU budget prefer PEFT.",
        heading="PEFT",
        title="Guide B",
    ),
]


def test_answer_quotes_only_cited_passage_text() -> None:
    ans = compose_extractive("How many fewer parameters does prompt tuning update?", PASSAGES, covered=True)
    assert ans.grounded and ans.mode == "extractive"
    assert "1000x" in ans.answer
    by_n = {c.n: c for c in ans.citations}
    texts = {p.chunk.id: p.text for p in PASSAGES}
    for c in ans.citations:
        assert c.quote in texts[c.id]
    # every answer sentence (minus the [n] marker) is verbatim from the passage it cites
    for para in ans.answer.split("\n\n"):
        body, marker = para.rsplit(" [", 1)
        n = int(marker.rstrip("]"))
        assert body.split(". ")[0].rstrip(".") in texts[by_n[n].id]
    assert ans.citations[0].n == 1 and ans.citations[0].title == "Guide A"


def test_citations_numbered_in_order_of_appearance() -> None:
    ans = compose_extractive("PEFT LoRA performance and prompt tuning parameters", PASSAGES, covered=True)
    assert [c.n for c in ans.citations] == list(range(1, len(ans.citations) + 1))
    for c in ans.citations:
        assert f"[{c.n}]" in ans.answer


def test_not_covered_says_so_without_citations() -> None:
    ans = compose_extractive("what's the weather in Paris", PASSAGES, covered=False)
    assert not ans.grounded and ans.citations == [] and ans.answer == NOT_COVERED


def test_no_passages_is_not_covered() -> None:
    ans = compose_extractive("anything", [], covered=True)
    assert not ans.grounded


def test_a_concept_outside_the_listed_ones_is_defined_first() -> None:
    passages = [
        passage(
            "e#fine-tuning",
            "Fine-tuning adjusts the model parameters for a particular task. Fine-tuning needs high-quality data.",
            heading="What fine-tuning is",
        ),
        passage(
            "e#risks",
            "Overfitting makes a model too specialised. Data bias is a fine-tuning risk in which the model "
            "amplifies biases present in the fine-tuning data.",
            heading="Fine-tuning risks",
        ),
    ]
    ans = compose_extractive("what is data bias in the context of fine-tuning?", passages, covered=True,
                             kind=QuestionKind("concept"))
    assert ans.answer.startswith("Data bias is a fine-tuning risk")


def test_a_definition_elsewhere_leads_when_the_concepts_own_section_does_not_define_it() -> None:
    passages = [
        passage("p#pitfalls", "Context window limits are a pitfall that restricts how long a prompt can be.",
                heading="Prompt engineering pitfalls"),
        passage("p#limits", "Results depend on the writer's skill and on the context window limits of the model.",
                heading="Skill and context window limits"),
    ]
    ans = compose_extractive("what's meant by context window limits?", passages, covered=True,
                             kind=QuestionKind("concept"))
    assert ans.answer.startswith("Context window limits are a pitfall")

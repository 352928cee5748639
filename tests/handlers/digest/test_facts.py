from __future__ import annotations

from handlers.digest.facts import CorpusFacts, fact_from_chunk
from knowledge.types import Chunk


def chunk(text: str, cid: str = "doc#s") -> Chunk:
    return Chunk(id=cid, doc_id="doc", text=text, title="An Article", source="A Site", kind="corpus")


def test_prefers_a_sentence_with_a_figure_and_quotes_it_verbatim() -> None:
    text = (
        "Prompt tuning is a middle ground between the two approaches we compare. "
        "Prompt tuning updates 1000x fewer parameters than full fine-tuning. It is cheap."
    )
    fact = fact_from_chunk(chunk(text))
    assert fact is not None
    assert fact.text == "Prompt tuning updates 1000x fewer parameters than full fine-tuning."
    assert fact.text in text
    assert (fact.id, fact.title, fact.source) == ("doc#s", "An Article", "A Site")


def test_no_usable_sentence_gives_no_fact() -> None:
    assert fact_from_chunk(chunk("Too short.")) is None


def test_corpus_facts_load_once_in_a_stable_order() -> None:
    calls = []

    def load() -> list[Chunk]:
        calls.append(1)
        return [
            chunk("Second passage has 2 figures in this long sentence.", "b"),
            chunk("First passage mentions 95% of the performance here.", "a"),
        ]

    source = CorpusFacts(load)
    assert [f.id for f in source.facts()] == ["a", "b"]
    assert [f.id for f in source.facts()] == ["a", "b"]
    assert len(calls) == 1

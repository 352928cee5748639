from __future__ import annotations

from handlers.ask.llm import build_messages, parse_llm_answer
from knowledge.types import Chunk, Passage


def passages() -> list[Passage]:
    return [
        Passage(chunk=Chunk(id=f"d#{i}", doc_id="d", text=f"Fact number {i} is that LoRA adapters are small.",
                            title=f"T{i}", source="S"))
        for i in (1, 2, 3)
    ]


def test_citations_to_missing_passages_are_removed_and_renumbered() -> None:
    ans = parse_llm_answer("q", "LoRA is small [3]. Also cheap [7]. And fast [1].", passages())
    assert ans is not None and ans.grounded and ans.mode == "llm"
    assert "[7]" not in ans.answer
    assert [c.id for c in ans.citations] == ["d#3", "d#1"]
    assert "small [1]" in ans.answer and "fast [2]" in ans.answer
    for c in ans.citations:
        assert c.quote in next(p.text for p in passages() if p.chunk.id == c.id)


def test_answer_without_valid_citation_is_unusable() -> None:
    assert parse_llm_answer("q", "LoRA is great, trust me [9].", passages()) is None
    assert parse_llm_answer("q", "", passages()) is None


def test_not_covered_token() -> None:
    ans = parse_llm_answer("q", "NOT_COVERED", passages())
    assert ans is not None and not ans.grounded and ans.citations == []


def test_prompt_numbers_passages() -> None:
    msgs = build_messages("why?", passages(), [])
    assert "[1] T1" in msgs[0].content and "[3] T3" in msgs[0].content
    assert msgs[-1].content == "why?"

"""An announcing sentence comes with the items it announces (handlers.ask.announced)."""

from __future__ import annotations

from handlers.ask.announced import announced_count, with_announced_items
from handlers.ask.extractive import compose_extractive
from handlers.ask.kinds import QuestionKind
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage


def test_what_a_sentence_announces() -> None:
    assert announced_count("AndData gives three example use cases for prompt engineering.") == 3
    assert announced_count("For businesses, prompt tuning offers several advantages:") == 3
    assert announced_count("The guide lists two ways to cut costs.") == 2
    # the items are in the sentence itself, or named before the number: nothing follows
    assert announced_count("Gupta covers three such methods: prompt tuning, PEFT and RAG.") == 0
    assert announced_count("AndData names fine-tuning and prompt engineering as the two main approaches.") == 0
    assert announced_count("LoRA and prefix tuning are two examples of PEFT.") == 0


def _s(rank: int, start: int, text: str, score: float = 1.0) -> Scored:
    return Scored(rank, start, start + len(text), score, text)


def test_the_items_follow_their_announcement_in_order_and_once() -> None:
    intro = _s(0, 0, "The guide gives three example use cases.")
    a, b = _s(0, 50, "In support, X."), _s(0, 70, "In content, Y.")
    c, d = _s(0, 90, "In education, Z."), _s(0, 120, "W.")
    other = _s(1, 0, "Another passage.")
    out = with_announced_items([other, intro, b], [intro, a, b, c, d, other])
    assert [s.text for s in out] == [
        "Another passage.", intro.text, "In support, X.", "In content, Y.", "In education, Z.",
    ]


def test_nothing_changes_without_an_announcement() -> None:
    chosen = [_s(0, 0, "Prompt tuning is cheap."), _s(1, 0, "RAG keeps facts current.")]
    assert with_announced_items(chosen, chosen) == chosen


USE_CASES = Passage(chunk=Chunk(
    id="a#use-cases", doc_id="a", heading="Prompt engineering use cases: support, content and education",
    text="AndData gives three example use cases for prompt engineering. In customer support, prompts can guide "
         "chatbots. In content creation, prompts can generate marketing copy. In education, prompts can power AI "
         "tutors.",
    title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


def test_a_list_answer_never_ends_on_an_announcement_alone() -> None:
    ans = compose_extractive("what are some examples of prompt engineering in use?", [USE_CASES], covered=True,
                             kind=QuestionKind("list", "examples", "examples"))
    for item in ("customer support", "marketing copy", "AI tutors"):
        assert item in ans.answer

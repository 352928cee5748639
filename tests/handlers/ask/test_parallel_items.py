"""A picked item of a list written as parallel sentences brings its sibling items
(handlers.ask.parallel_items)."""

from __future__ import annotations

from handlers.ask.extractive import compose_extractive
from handlers.ask.kinds import QuestionKind
from handlers.ask.parallel_items import item_groups, with_parallel_items
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage

HAZARDS = [
    "Memorization is a distillation hazard in which the student copies its teacher's mistakes.",
    "Label noise is a distillation hazard in which wrong targets spread into the student.",
    "Capacity gap is a distillation hazard in which the student is too small to follow.",
]
SUITS = [
    "Quantization suits phones that have little memory to spare.",
    "Quantization suits batch jobs whose latency does not matter.",
    "Quantization suits kiosks that must run without a network.",
    "Quantization suits pilots that need a cheap first version.",
]
#: a section about one approach opens most sentences with its name: prose, not a list
PROSE = [
    "Prompt engineering writes instructions for a model.",
    "Prompt engineering does not change the weights.",
    "Prompt engineering is quick and cheap to try.",
    "Prompt engineering cannot go beyond what the model knows.",
]


def test_sentences_built_the_same_way_are_one_list() -> None:
    assert item_groups(HAZARDS) == [frozenset({0, 1, 2})]
    assert item_groups(SUITS) == [frozenset({0, 1, 2, 3})]
    # the shared phrase may come after a longer subject ("helps reduce" after "version control for ...")
    helps = ["Audits help reduce leakage.", "Red-teaming helps reduce leakage.",
             "Access control for logs and prompts helps reduce leakage."]
    assert item_groups(helps) == [frozenset({0, 1, 2})]


def test_the_field_s_own_subject_words_do_not_make_a_list() -> None:
    assert item_groups(PROSE) == []
    # two sentences alike are not a list, and neither is a run longer than a list
    assert item_groups(HAZARDS[:2]) == []
    assert item_groups([f"Step {n} requires checking the logs before release." for n in range(8)]) == []
    # a shared phrase far from the opening is a shared topic, not the items' frame
    far = [
        "The team asked the vendor twice last spring about the new cache settings.",
        "Our users in three regions keep noticing delays with the new cache settings.",
        "Finance flagged the monthly invoice for the slow database and the new cache settings.",
    ]
    assert item_groups(far) == []


def _s(rank: int, start: int, text: str, score: float = 1.0) -> Scored:
    return Scored(rank, start, start + len(text), score, text)


def _passage_scored(rank: int, sentences: list[str]) -> list[Scored]:
    out, start = [], 0
    for text in sentences:
        out.append(_s(rank, start, text))
        start += len(text) + 1
    return out


def test_a_picked_item_brings_its_siblings_after_the_last_picked_one() -> None:
    intro = _s(0, 0, "Distillation has costs.")
    items = _passage_scored(0, HAZARDS)
    items = [Scored(0, s.start + 30, s.end + 30, s.score, s.text) for s in items]
    other = _s(1, 0, "Another passage says something else.")
    scored = [intro, *items, other]
    out = with_parallel_items([other, items[2], intro], scored)
    assert [s.text for s in out] == [other.text, HAZARDS[2], HAZARDS[0], HAZARDS[1], intro.text]
    # every item once, and the picks' order kept when all items are already there
    assert with_parallel_items(items, scored) == items


def test_nothing_changes_when_no_picked_sentence_is_an_item() -> None:
    prose = _passage_scored(0, PROSE)
    hazards = _passage_scored(1, HAZARDS)
    chosen = [prose[0], prose[2]]
    assert with_parallel_items(chosen, [*prose, *hazards]) == chosen


def _passage(pid: str, heading: str, sentences: list[str]) -> Passage:
    return Passage(chunk=Chunk(
        id=pid, doc_id=pid.split("#")[0], heading=heading, text=" ".join(sentences),
        title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


def test_a_general_answer_gives_the_whole_list_its_best_item_belongs_to() -> None:
    hazards = _passage("d#hazards", "Distillation hazards", HAZARDS)
    answer = compose_extractive(
        "does the student copy its teacher's mistakes when distilling?", [hazards], covered=True,
        kind=QuestionKind("general", by="default"),
    )
    for item in ("Memorization", "Label noise", "Capacity gap"):
        assert item in answer.answer

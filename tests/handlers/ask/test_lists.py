"""Lists come whole from the passage that holds them (handlers.ask.lists)."""

from __future__ import annotations

from handlers.ask.extractive import compose_extractive
from handlers.ask.kinds import QuestionKind
from handlers.ask.lists import is_list_passage
from knowledge.types import Chunk, Passage


def passage(pid: str, heading: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=heading, text=text,
                               title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


OUTLOOK = passage(
    "x#outlook", "Outlook: teams should stay agile",
    "Teams should keep evaluating new customization methods. Customization keeps getting cheaper for teams.",
)
TRENDS = passage(
    "x#future-trends", "Future trends: adapters, AutoML and edge fine-tuning",
    "Adapters combine some fine-tuning with the flexibility of prompts. AutoML automates hyperparameter tuning. "
    "Lightweight fine-tuning now runs on edge devices.",
)
PATTERN_A = passage(
    "s#hybrid-a", "Hybrid pattern: foundation plus specialization",
    "In the foundation pattern a team first fine-tunes on core knowledge. Prompts then handle the edge cases.",
)
PATTERN_B = passage(
    "s#hybrid-b", "Hybrid pattern: iterative refinement",
    "In the refinement cycle a team starts with prompts to set a baseline. The insights shape a fine-tuning set.",
)
UNRELATED = passage(
    "s#costs", "Costs: upfront versus ongoing",
    "Fine-tuning costs are front-loaded. Prompting costs continue while the prompts are in use.",
)


def test_the_passage_whose_heading_names_what_is_asked_for_gives_the_whole_list() -> None:
    ans = compose_extractive("what trends should we keep an eye on in customization?", [OUTLOOK, TRENDS],
                             covered=True, kind=QuestionKind("list", "", "trends"))
    for item in ("Adapters", "AutoML", "edge devices"):
        assert item in ans.answer
    assert [c.id for c in ans.citations] == ["x#future-trends"]


def test_a_list_in_an_alternate_passage_is_found() -> None:
    ans = compose_extractive("what trends should we keep an eye on in customization?", [OUTLOOK],
                             covered=True, kind=QuestionKind("list", "", "trends"), alternates=[TRENDS])
    assert "AutoML" in ans.answer


def test_sibling_sections_are_items_of_one_list() -> None:
    ans = compose_extractive("what hybrid patterns are there?", [PATTERN_A, UNRELATED, PATTERN_B],
                             covered=True, kind=QuestionKind("list", "methods", "patterns"))
    assert "foundation pattern" in ans.answer and "refinement cycle" in ans.answer
    assert "front-loaded" not in ans.answer


def test_list_structure() -> None:
    assert is_list_passage(TRENDS)  # the heading enumerates
    assert not is_list_passage(OUTLOOK)


PROMPT_USES = passage(
    "a#prompt-use-cases", "Prompt engineering use cases: support, content and education",
    "In customer support, prompts guide chatbots. In content creation, prompts write marketing copy.",
)
HYBRID = passage(
    "a#hybrid", "Hybrid approach: fine-tune for the domain, prompt for context",
    "A hybrid fine-tunes a model on medical data and then prompts it for patient conversations.",
)


def test_a_list_of_something_else_is_not_given() -> None:
    ans = compose_extractive("what examples of hybrid systems are there?", [PROMPT_USES, HYBRID], covered=True,
                             kind=QuestionKind("list", "examples", "examples"))
    assert "hybrid" in ans.answer.lower() and "marketing copy" not in ans.answer


PROMPT_DEFINED = passage(
    "x#prompting-defined", "Prompt engineering defined",
    "Prompt engineering writes instructions that steer a model. Prompt engineering needs no training.",
)
DESIGN_PATTERNS = passage(
    "x#design-patterns", "Prompt design patterns: zero-shot, few-shot, chain-of-thought and templates",
    "Zero-shot prompting gives instructions only. Few-shot prompting adds a few examples to the prompt. "
    "Chain-of-thought prompting asks for step-by-step reasoning. Templates are reusable scaffolds.",
)


def test_with_no_heading_naming_the_list_the_enumerating_heading_holds_it() -> None:
    ans = compose_extractive("what prompting tricks exist?",
                             [PROMPT_DEFINED, DESIGN_PATTERNS], covered=True,
                             kind=QuestionKind("list", "", "tricks"))
    for item in ("Zero-shot", "Few-shot", "Chain-of-thought", "Templates"):
        assert item in ans.answer


PIPELINES = passage(
    "x#techniques", "Fine-tuning techniques: supervised, instruction tuning and RLHF",
    "Supervised fine-tuning uses labeled data. Instruction tuning teaches a model to follow instructions. "
    "RLHF feeds human rewards into training. The analysis lists these three as the standard pipelines.",
)
VERDICT = passage(
    "x#verdict", "Final verdict: blended pipelines",
    "Standard pipelines increasingly blend fine-tuning and prompts. No single answer fits every case.",
)


def test_a_list_passage_naming_the_asked_plural_in_its_text_holds_the_list() -> None:
    ans = compose_extractive("what are the standard fine-tuning pipelines?", [VERDICT, PIPELINES], covered=True,
                             kind=QuestionKind("list", "", "pipelines"))
    assert ans.citations[0].id == "x#techniques"
    assert "Instruction tuning" in ans.answer and "RLHF" in ans.answer


DATA_NEEDS = passage(
    "s#data-requirements", "Data requirements: prompt examples versus labeled datasets",
    "Prompt engineering can work with a minimal number of examples. Fine-tuning needs larger, well-labeled "
    "datasets. The representative examples in prompts must be curated with care.",
)
USES = passage(
    "a#uses", "Prompt engineering use cases: support and content",
    "Prompt engineering serves customer support chatbots. Prompt engineering also writes marketing copy.",
)


def test_examples_as_data_points_is_not_a_list_of_examples_of_use() -> None:
    ans = compose_extractive("what are examples of where prompt engineering gets used?", [DATA_NEEDS, USES],
                             covered=True, kind=QuestionKind("list", "examples", "examples"))
    assert ans.citations[0].id == "a#uses"
    assert "customer support" in ans.answer and "marketing copy" in ans.answer

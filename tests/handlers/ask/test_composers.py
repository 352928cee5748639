"""Each kind of question composed its own way (extractive, no models)."""

from __future__ import annotations

from handlers.ask.extractive import NOT_COVERED, compose_extractive
from handlers.ask.kinds import QuestionKind
from knowledge.types import Chunk, Passage

SUMMARY = "Summary of: A Guide"


def passage(pid: str, heading: str, text: str, title: str = SUMMARY) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=heading, text=text, title=title,
                               source="ft-advisor summary of a site", kind="corpus"))


LORA = passage(
    "g#peft-methods", "PEFT methods: adapters and LoRA",
    "Parameter-efficient fine-tuning (PEFT) methods freeze most weights. LoRA (Low-Rank Adaptation) is a PEFT "
    "method that decomposes weight updates into low-rank matrices. Adapter modules insert small layers.",
)
PEFT = passage(
    "g#peft-performance", "PEFT performance",
    "PEFT methods such as LoRA keep 95% of full fine-tuning performance. PEFT methods update less than 1% of "
    "the parameters. Hospitals fine-tune models on clinical notes to improve diagnostic support.",
)
RISKS = passage(
    "x#fine-tuning-risks", "Fine-tuning risks: overfitting, data bias and model drift",
    "Overfitting is a fine-tuning risk in which the model loses the ability to generalize. Data bias is a "
    "fine-tuning risk in which the model amplifies biases. Model drift is a fine-tuning risk in which the model "
    "goes out of date.",
)
RAG = passage(
    "g#rag", "Retrieval-augmented generation (RAG)",
    "RAG retrieves knowledge from an external source and gives it to the model as context. RAG allows knowledge "
    "to be updated without retraining the model. Hospitals fine-tune models on clinical notes to improve "
    "diagnostic support.",
)
COSTS = passage(
    "x#costs", "Fine-tuning costs",
    "Fine-tuning large models needs GPUs. A single fine-tuning training run can cost thousands of dollars. "
    "Prompt engineering has no training cost.",
)


def sentences_of(answer: str) -> str:
    return answer.replace("\n\n", " ")


def test_concept_gives_the_definition_first() -> None:
    ans = compose_extractive("What is LoRA and why is it cheaper?", [PEFT, LORA], covered=True,
                             kind=QuestionKind("concept"))
    assert ans.grounded and ans.question_kind == "concept"
    assert ans.answer.startswith("LoRA (Low-Rank Adaptation) is a PEFT method")
    assert "Hospitals" not in ans.answer  # not about LoRA/PEFT: filler


def test_sentence_budget_is_respected() -> None:
    ans = compose_extractive("Explain LoRA in two sentences", [LORA, PEFT], covered=True,
                             kind=QuestionKind("concept"))
    body = sentences_of(ans.answer)
    assert body.count(". ") + body.count(".[") <= 2 or len([c for c in ans.citations]) <= 2
    assert ans.answer.startswith("LoRA (Low-Rank Adaptation)")


def test_list_gives_the_whole_list_from_its_passage() -> None:
    ans = compose_extractive("What are the risks of fine-tuning?", [COSTS, RISKS], covered=True,
                             kind=QuestionKind("list", "risks"))
    for item in ("Overfitting", "Data bias", "Model drift"):
        assert item in ans.answer
    assert [c.id for c in ans.citations] == ["x#fine-tuning-risks"]


def test_comparison_gives_both_sides() -> None:
    ans = compose_extractive("What's the difference between RAG and fine-tuning costs?", [RAG, COSTS],
                             covered=True, kind=QuestionKind("comparison"))
    assert "RAG" in ans.answer and "fine-tuning" in ans.answer.lower()


def test_figure_gives_the_number_first() -> None:
    ans = compose_extractive("How much does a fine-tuning training run cost?", [COSTS], covered=True,
                             kind=QuestionKind("figure"))
    assert ans.answer.startswith("A single fine-tuning training run can cost thousands of dollars.")


def test_only_sentences_about_the_focus() -> None:
    ans = compose_extractive("How does RAG keep answers current?", [RAG, PEFT], covered=True,
                             kind=QuestionKind("general"))
    assert "retrieves knowledge" in ans.answer or "without retraining" in ans.answer
    assert "Hospitals" not in ans.answer


def test_not_covered_has_no_citations() -> None:
    ans = compose_extractive("what's the weather?", [RAG], covered=False)
    assert ans.answer == NOT_COVERED and ans.citations == [] and not ans.grounded


def test_every_sentence_and_quote_is_verbatim_from_its_passage() -> None:
    ans = compose_extractive("What is LoRA and what does PEFT keep?", [LORA, PEFT], covered=True)
    texts = {p.chunk.id: p.text for p in (LORA, PEFT)}
    for c in ans.citations:
        assert c.quote in texts[c.id]
    for para in ans.answer.split("\n\n"):
        body, marker = para.rsplit(" [", 1)
        cited = next(c for c in ans.citations if c.n == int(marker.rstrip("]")))
        assert body in texts[cited.id] or all(part in texts[cited.id] for part in body.split(". "))


MITIGATION = passage(
    "x#mitigating-drift", "Mitigating risks: monitoring and version control",
    "Continuous monitoring helps reduce drift in models and prompts. Human-in-the-loop feedback helps reduce "
    "drift. Version control for prompts and models helps reduce drift.",
)
MAINTENANCE = passage(
    "a#maintenance", "Long-term maintenance",
    "Fine-tuned models must be retrained periodically as data changes. Prompts are cheap to update.",
)


def test_howto_gives_the_steps_of_the_passage_that_says_most_in_order() -> None:
    ans = compose_extractive("How do we keep models and prompts from drifting over time?", [MAINTENANCE, MITIGATION],
                             covered=True, kind=QuestionKind("howto"))
    steps = ans.answer.split("\n\n")[0]
    assert steps.startswith("Continuous monitoring") and "Human-in-the-loop" in steps and "Version control" in steps
    assert ans.citations[0].id == "x#mitigating-drift"


def test_concept_leaves_out_sentences_about_a_sibling_concept() -> None:
    ans = compose_extractive("What is LoRA?", [LORA, PEFT], covered=True, kind=QuestionKind("concept"))
    assert ans.answer.startswith("LoRA (Low-Rank Adaptation) is a PEFT method")
    assert "Adapter modules" not in ans.answer


RAG_HOME = passage(
    "g#rag-home", "Retrieval-augmented generation (RAG)",
    "Gupta presents RAG as a bridge between the two approaches. RAG fetches facts from an external store and "
    "hands them to the model as context. It also keeps answers current for fast-moving facts.",
)
RAG_ELSEWHERE = passage(
    "g#rag-table", "Decision table: RAG",
    "In the table, RAG suits a nutshell question about knowledge that must stay fresh.",
)


PT_BENEFITS = passage(
    "g#pt-benefits", "Prompt tuning benefits: fewer parameters",
    "Prompt tuning updates far fewer parameters than fine-tuning. Prompt tuning adapts a model faster.",
)
PT_HOW = passage(
    "g#pt-how", "Prompt tuning: how soft prompts work",
    "Prompt tuning is a middle ground between fine-tuning and prompt engineering. It learns soft prompts.",
)


def test_of_two_sections_about_a_concept_the_one_defining_it_leads() -> None:
    ans = compose_extractive("What is prompt tuning?", [PT_BENEFITS, PT_HOW], covered=True,
                             kind=QuestionKind("concept"))
    assert ans.answer.startswith("Prompt tuning is a middle ground") and "soft prompts" in ans.answer


def test_concept_gives_the_section_about_it_whole() -> None:
    # the last sentence shares no word with the question: only the section about RAG brings it in
    ans = compose_extractive("in a nutshell, what is RAG?", [RAG_ELSEWHERE, RAG_HOME], covered=True,
                             kind=QuestionKind("concept"))
    assert "external store" in ans.answer and "keeps answers current" in ans.answer


PT_RANKING = passage(
    "g#pt-benefits", "Prompt tuning benefits",
    "Prompt tuning updates 1000x fewer parameters than full fine-tuning. Prompt tuning adapts a model faster.",
)
PT_TABLE = passage(
    "g#pt-table", "Decision table: prompt tuning",
    "Prompt tuning needs low to moderate resources and takes days to implement.",
)


def test_figure_with_the_asked_unit_comes_from_a_further_passage() -> None:
    # "how long" asks for a duration: "1000x" in the top passage is not one
    ans = compose_extractive("how long does prompt tuning take?", [PT_RANKING], covered=True,
                             kind=QuestionKind("figure"), alternates=[PT_TABLE])
    assert ans.answer.startswith("Prompt tuning needs low to moderate resources and takes days")


FT_ACCURACY = passage(
    "x#ft-accuracy", "Fine-tuning accuracy",
    "Published results show fine-tuning lifting performance by 15-25% over the base models on narrow tasks.",
)
FEW_SHOT = passage(
    "s#few-shot", "Few-shot prompting with limited data",
    "Teams without much training data still get better answers from prompts with examples of our own material. "
    "Few-shot prompting often does as well as a model trained on our own small dataset.",
)


def test_how_much_better_leads_with_the_relative_figure() -> None:
    # the wordier sentences share more words with the question; the asked figure is a percentage or multiple
    ans = compose_extractive("in numbers, how much better do answers get after training on our own material?",
                             [FEW_SHOT, FT_ACCURACY], covered=True, kind=QuestionKind("figure"))
    assert ans.answer.startswith("Published results show fine-tuning lifting performance by 15-25%")


FT_MECHANICS = passage(
    "x#mechanics", "Fine-tuning mechanics",
    "Fine-tuning adjusts the billions of parameters of a large model through backpropagation.",
)


def test_how_many_leads_with_a_count_of_the_thing_asked_about() -> None:
    # "1000x fewer parameters" is a ratio, not a count of parameters: the count comes from a further passage
    ans = compose_extractive("roughly how many parameters get adjusted when you fine-tune a big model?",
                             [PT_RANKING], covered=True, kind=QuestionKind("figure"), alternates=[FT_MECHANICS])
    assert ans.answer.startswith("Fine-tuning adjusts the billions of parameters")


PE_COSTS = passage(
    "x#pe-costs", "Prompt engineering costs",
    "A prompt-only setup is cost-effective month after month for teams like us. A prompt-only setup costs come "
    "mainly from inference compute and API usage fees.",
)


def test_what_it_costs_us_leads_with_where_the_cost_comes_from() -> None:
    ans = compose_extractive("what's a prompt-only setup cost us each month?", [PE_COSTS], covered=True,
                             kind=QuestionKind("figure"))
    assert ans.answer.startswith("A prompt-only setup costs come mainly from inference compute")

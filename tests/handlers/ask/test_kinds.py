from __future__ import annotations

import numpy as np
import pytest

from handlers.ask.asking import clauses
from handlers.ask.kinds import EXEMPLARS, QuestionClassifier, classify_by_rules


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What is LoRA and why is it cheaper?", "concept"),
        ("Explain LoRA to a product manager in two sentences", "concept"),
        ("what does temperature actually control?", "concept"),
        ("What are the risks of fine-tuning?", "list"),
        ("Which knobs can we change at inference time without retraining anything?", "list"),
        ("zero-shot vs few-shot prompting - what's the difference?", "comparison"),
        ("When does RAG beat fine-tuning?", "comparison"),
        ("How much does a training run cost?", "figure"),
        ("How long does it take to implement PEFT?", "figure"),
        ("Our product facts change every week. Should the model learn them by fine-tuning?", "decision"),
        ("We're building an assistant over regulations amended every month. Fine-tune it on them?", "decision"),
        ("we're a startup on a tight budget and need to ship now, which approach?", "decision"),
        ("How do we get started with prompt engineering?", "howto"),
    ],
)
def test_rules_recognise_each_kind(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    "question",
    [
        "writing prompts or training a model of our own - which one is cheaper to run?",
        "what does LoRA give us that prompt tuning doesn't?",
        "isn't RAG just prompting with a fancier name?",
        "are adapters and prefix tuning the same thing?",
    ],
)
def test_which_side_wins_what_one_gives_that_the_other_lacks_and_same_thing_questions_compare(
    question: str,
) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "comparison"


@pytest.mark.parametrize(
    "question",
    [
        "custom-trained model or a prompted base model - which one makes stuff up less?",
        "a tuned model or clever instructions: what do the articles say about consistency?",
    ],
)
def test_two_approaches_named_in_everyday_words_and_joined_by_or_compare(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "comparison"


@pytest.mark.parametrize(
    "question",
    [
        "which one burns more GPU hours, LoRA or full fine-tuning? we've got two cards",
        "which of the two drifts less over a year, a tuned model or prompts? we ship monthly",
    ],
)
def test_any_verb_can_say_what_the_winning_side_has_more_of(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "comparison"


def test_which_one_makes_more_sense_asks_for_advice() -> None:
    found = classify_by_rules("which one makes more sense with our 300 examples, RAG or fine-tuning?")
    assert found is not None and found.kind == "decision"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how do we keep the assistant (prompted or fine-tuned) from getting worse over time?", "howto"),
        ("how can we stop LoRA and prompt tuning runs from growing worse after each update?", "howto"),
        ("how do we tell which is better, LoRA or prompt tuning?", "comparison"),
    ],
)
def test_getting_worse_is_a_change_over_time_not_a_choice(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


def test_asking_which_side_wins_for_us_stays_a_decision() -> None:
    found = classify_by_rules("we have 2 engineers and no data: prompts or our own model, which one is better for us?")
    assert found is not None and found.kind == "decision"


def test_a_general_when_question_is_not_a_decision() -> None:
    found = classify_by_rules("when should we go with RAG instead of fine-tuning?")
    assert found is not None and found.kind == "comparison"


class OneHotEncoder:
    """Each exemplar is its own axis; a question equal to an exemplar lands on that axis."""

    def __init__(self) -> None:
        self.texts = [t for t, _ in EXEMPLARS]

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(len(self.texts) + 1, dtype=np.float32)
        v[self.texts.index(text) if text in self.texts else -1] = 1.0
        return v

    def embed_documents(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._vec(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def test_exemplar_similarity_labels_what_no_rule_recognises() -> None:
    classifier = QuestionClassifier(OneHotEncoder())
    # no rule fires on this exemplar's wording, so its label comes from the exemplar itself
    text = "Where is this used in the real world?"
    assert classify_by_rules(text) is None
    found = classifier.classify(text)
    assert found.kind == "list" and found.by == "exemplar" and found.topic == "examples"


def test_nothing_similar_is_general() -> None:
    found = QuestionClassifier(OneHotEncoder()).classify("banana banana")
    assert found.kind == "general" and found.by == "default"


@pytest.mark.parametrize(
    ("question", "kind", "topic", "head"),
    [
        ("RAG or prompt tuning - what is each one good for?", "comparison", "", ""),
        ("is a soft prompt the same as an adapter?", "comparison", "", ""),
        ("what's the process to go from a base model to our own one?", "howto", "", ""),
        ("what do we have to put in place before a fine-tuning project?", "howto", "", ""),
        ("how do we ship a new prompt template without breaking prod?", "howto", "", ""),
        ("what trends should we keep an eye on?", "list", "", "trends"),
        ("what other hybrid setups exist?", "list", "", "setups"),
        ("what kinds of projects suit prompting?", "list", "", "projects"),
        ("what is LoRA used for?", "list", "examples", ""),
        ("we have no proprietary data, what are our options?", "decision", "", ""),
    ],
)
def test_rules_read_the_structure_of_the_question(question: str, kind: str, topic: str, head: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and (found.kind, found.topic, found.head) == (kind, topic, head)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # ", which needs ..." in a stated sentence is a relative clause, not a question asking for "needs"
        ("Our core job is reading contracts, which needs deep domain knowledge. Should we train or prompt?",
         "decision"),
        # a request with no end mark still asks; a "which ..." question still lists
        ("in which situations does prompting win? give me the scenarios", "list"),
        ("we use LoRA already. which metrics should we track?", "list"),
    ],
)
def test_only_an_asking_sentence_names_what_to_list(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


def test_a_verb_after_a_singular_noun_is_not_a_list_head() -> None:
    found = classify_by_rules("which approach gives the biggest performance gain?")
    assert found is None or found.kind != "list"


@pytest.mark.parametrize(
    "question",
    [
        "if we go the prompt route what people do we need, and if we train our own model instead, who then?",
        "where does a custom-trained model pull ahead of a prompted one, and where is prompting the stronger one?",
        "RAG keeps the facts outside whereas fine-tuning puts them in the weights: what does that mean for upkeep?",
    ],
)
def test_two_approaches_set_against_each_other_in_two_clauses_compare(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "comparison"


def test_a_yes_no_question_about_two_concepts_is_not_a_comparison() -> None:
    found = classify_by_rules("does the API support both fine-tuning and prompting?")
    assert found is None or found.kind != "comparison"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # context first, the question after it (a clause opens after a full stop, colon, dash or comma)
        ("Our bot keeps drifting off script. how can we make its replies stick to the template?", "howto"),
        ("we have no GPUs at all - how can we adapt a model anyway?", "howto"),
        ("we run a clinic - how would a mix of both approaches look?", "howto"),
        ("short one: what does prefix tuning mean?", "concept"),
        ("someone at lunch mentioned soft prompts. what is that?", "concept"),
        # "how do we ..." asks how, even when it names options or metrics in passing
        ("ok so how do we pick between all the options here?", "howto"),
        ("how do we measure whether the new model pays off?", "howto"),
        # "different" in passing is no comparison; "how are they different" is one
        ("the output comes out slightly different each run, how can we fix that?", "howto"),
        ("adapters and LoRA: how are they different?", "comparison"),
        # "parameter-efficient fine-tuning" is one concept, "one or two" joins no concepts
        ("what exactly is parameter-efficient fine-tuning, in one or two sentences?", "concept"),
    ],
)
def test_the_asking_clause_decides(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


def test_clauses_open_after_breaks() -> None:
    assert clauses("Context: we sell shoes. How do we start?") == [
        "Context: we sell shoes. How do we start?", "we sell shoes. How do we start?", "How do we start?"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # "how should we <do>" asks for a procedure; "should we ..." and "... or ...?" still ask for a verdict
        ("how should we prepare our data before we fine-tune anything?", "howto"),
        ("Our clinicians and patients both use it. How should we set up training plus prompting for that?", "howto"),
        ("we have 10k labelled tickets. should we fine-tune?", "decision"),
        ("how should we customize it, fine-tune or just prompt? we have 5k tickets", "decision"),
        # what something costs the team is a figure, even when the question opens like a definition
        ("what's a prompt-only setup cost us month to month?", "figure"),
        ("what would one training run set us back?", "figure"),
    ],
)
def test_how_should_we_asks_how_and_cost_us_asks_a_figure(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    "question",
    [
        # a procedure requested in other words than "how do we ..."
        "walk us thru getting a LoRA run going",
        "what's the best way to ship prompt changes without downtime?",
        "we inherited a messy bot. what do we need to do to get our data ready?",
        "what does it take to stand up a retrieval pipeline?",
        "our eval set is tiny. what's the approach to still test two prompts fairly?",
        "where do we even begin with adapters?",
        # in a how-to request, "instead of" / "rather than" constrain the procedure; they compare nothing
        "how can we tune a model on one GPU instead of a whole cluster?",
        "steps to cut our bill rather than buying more GPUs",
        "everyone formats replies differently. how do we make them uniform?",
        # "X or Y" joining two problems the procedure must avoid is no choice between two options
        "how do we stop a fine-tuned model from overfitting or drifting?",
        # what something costs, asked as a how-to
        "how do we lower what inference costs us?",
        # a how-to request whose "what actually goes in it?" names no list of "goes"
        "how should we build the system prompt - what actually goes in it?",
    ],
)
def test_a_request_for_a_procedure_is_a_howto(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "howto"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # asking which way to take, or proposing an alternative way, asks to choose
        ("we're two people with no GPUs: which approach to take?", "decision"),
        ("RAG vs fine-tuning: how do we choose?", "comparison"),
        ("which way to go here, prompting or fine-tuning?", "comparison"),
        ("how do we pick: prompting or fine-tuning?", "comparison"),
        ("how do adapters and LoRA differ?", "comparison"),
        ("How much does one training run cost?", "figure"),
        ("what goes into a good prompt? which parts should it always have", "list"),
    ],
)
def test_a_howto_request_does_not_pull_in_choices_comparisons_figures_or_lists(question: str, kind: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == kind


def test_a_cheaper_or_other_way_proposes_an_alternative_not_a_procedure() -> None:
    found = classify_by_rules("is there a cheaper way to ship the assistant than a training job?")
    assert found is None or found.kind != "howto"
    found = classify_by_rules("what's the quickest approach to get something live?")
    assert found is None or found.kind != "howto"


@pytest.mark.parametrize(
    "question",
    [
        "is a custom-trained model slower to respond than just prompting the base one?",
        "is prompt tuning quicker to set up than PEFT",
        "is LoRA as good as full fine-tuning?",
    ],
)
def test_a_comparative_between_two_named_approaches_is_a_comparison(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "comparison"


def test_a_comparative_about_a_number_or_one_approach_is_no_comparison() -> None:
    assert classify_by_rules("is fine-tuning slower than it used to be?") is None
    found = classify_by_rules("we have more than 1000 examples, should we fine-tune or prompt?")
    assert found is not None and found.kind == "decision"



@pytest.mark.parametrize(
    ("question", "head"),
    [
        # a request naming the collection it wants lists, also of the choice nouns ("ways", "options")
        ("give me a rundown of the ways to phrase an instruction", "ways"),
        ("shortlist of libraries/services for adapter training pls", "libraries"),
        ("a quick overview of the options for hosting a tuned model?", "options"),
    ],
)
def test_a_request_for_a_collection_is_a_list(question: str, head: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and (found.kind, found.head) == ("list", head)


def test_a_choice_noun_asked_with_which_is_still_a_choice() -> None:
    found = classify_by_rules("which options fit us, we have two engineers and no labelled data?")
    assert found is None or found.kind != "list"


@pytest.mark.parametrize(
    "question",
    [
        # the plan is stated (a condition, or a sentence ending in a full stop); what is asked is how
        "if we train a model on our contracts, how do we add prompts for the odd requests?",
        "we'd fine-tune it on our records. how do we handle the small talk with patients?",
    ],
)
def test_a_stated_plan_does_not_make_a_how_to_a_decision(question: str) -> None:
    found = classify_by_rules(question)
    assert found is None or found.kind != "decision"


@pytest.mark.parametrize(
    "question",
    [
        "we have 10k tickets. should we fine-tune on them?",
        "if our product data changes daily, should we fine-tune or use RAG?",
        "our lawyers need the current rules cited - fine-tune the model on them?",
    ],
)
def test_a_decision_asked_in_the_asking_sentence_stays_a_decision(question: str) -> None:
    found = classify_by_rules(question)
    assert found is not None and found.kind == "decision"

"""How-to answers: the passage that holds the how, its steps in its order (extractive, no models)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from handlers.ask.extractive import compose_extractive
from handlers.ask.howto import (
    CURBS,
    HOWTO_OTHERS,
    HOWTO_STEPS,
    NEAREST_SHARE,
    STEPS_SHARE,
    about_the_same,
    describes_steps,
    nearest,
    neighbour,
    orders_steps,
    pick_howto,
    placed,
)
from handlers.ask.kinds import QuestionKind
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage

HOWTO = QuestionKind("howto")


def passage(pid: str, heading: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=heading, text=text,
                               title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


PLANNING = passage(
    "s#planning", "Resource planning: upfront and ongoing costs",
    "Resource planning must cover the upfront and ongoing costs of model customization. Prompt costs continue per "
    "request for as long as the prompts run. Model customization costs are front-loaded in training.",
)
SAVING = passage(
    "x#training-costs", "Training costs: GPUs",
    "Training large models needs GPUs and storage for checkpoints. Parameter-efficient methods such as LoRA "
    "reduce training costs without giving up much accuracy.",
)


def test_a_question_asking_to_keep_something_down_is_answered_where_a_sentence_says_what_reduces_it() -> None:
    # the planning passage shares more words with the question ("customization costs"), but only says
    # what the costs are; the passage saying what reduces them holds the how
    ans = compose_extractive("how do we keep model customization costs down?", [PLANNING, SAVING], covered=True,
                             kind=HOWTO)
    assert ans.citations[0].id == "x#training-costs"
    assert ans.answer.startswith("Training large models needs GPUs") and "LoRA reduce training costs" in ans.answer


def test_without_a_curb_the_passage_saying_most_about_it_still_leads() -> None:
    ans = compose_extractive("how should we plan the upfront and ongoing costs of model customization?",
                             [PLANNING, SAVING], covered=True, kind=HOWTO)
    assert ans.citations[0].id == "s#planning"


#: The passage a question about overfitting finds first describes the risk; the one that says what
#: reduces it does not name overfitting, so its sentences score far below (under the relative floor).
RISKS = [(20.0, "Overfitting is a risk in which the model loses the ability to generalize."),
         (12.0, "Data bias is a risk in which the model amplifies biases in its data.")]
REMEDIES = [(1.6, "Teams combine small-scale fine-tuning with prompts."),
            (3.5, "Continuous monitoring helps reduce drift and degradation."),
            (3.2, "Human feedback helps reduce drift and degradation.")]


def test_a_curb_is_answered_by_the_passage_saying_what_reduces_it_even_below_the_relative_floor() -> None:
    scored = [*sentences(0, RISKS), *sentences(1, REMEDIES)]
    chosen = pick_howto(scored, [], curb=True)
    # the remedies lead, every one of them (down to a share of their own passage's best), then the risks
    assert [s.text for s in chosen] == [t for _, t in REMEDIES] + [t for _, t in RISKS]
    # a question that does not ask to curb anything keeps the passage saying most about it
    assert [s.text for s in pick_howto(scored, [])] == [t for _, t in RISKS]


@pytest.mark.parametrize(
    ("text", "curbs"),
    [
        ("A tuned model needs less context in every prompt.", True),
        ("A tuned model responds well to shorter instructions.", True),
        ("A fine-tuned model uses fewer tokens than long prompts.", True),
        ("PEFT updates less than 1% of the parameters.", False),  # a figure, not a reduction
        ("Prompts are easy to adjust.", False),
    ],
)
def test_a_comparative_says_what_a_means_keeps_down(text: str, curbs: bool) -> None:
    assert bool(CURBS.search(text)) is curbs


def test_a_curb_said_with_a_comparative_leads_a_question_asking_to_cut_something_down() -> None:
    # "how do we cut down the prompts we send a tuned model?": the passage that says a tuned model needs
    # less context and shorter instructions holds the how, over one that shares more words with the question
    prompts = [(6.0, "Prompts we send a fine-tuned model steer its responses."), (4.0, "Prompts are plain text.")]
    shorter = [(5.0, "A fine-tuned model needs less context in every prompt and responds to shorter instructions.")]
    chosen = pick_howto([*sentences(0, prompts), *sentences(1, shorter)], [], curb=True)
    assert chosen[0].text == shorter[0][1]


def test_a_curbing_sentence_far_below_the_floor_does_not_lead() -> None:
    faint = [(0.5, "Version control helps reduce drift."), (0.4, "Rollouts need care.")]
    chosen = pick_howto([*sentences(0, RISKS), *sentences(1, faint)], [], curb=True)
    assert chosen[0].text == RISKS[0][1]


def sentences(rank: int, scored_texts: list[tuple[float, str]]) -> list[Scored]:
    """One passage's sentences, in its order, with their scores."""
    return [Scored(rank, 100 * n, 100 * n + 50, score, text) for n, (score, text) in enumerate(scored_texts)]


def test_a_long_passage_gives_its_most_relevant_sentences_in_its_order() -> None:
    # the sentence answering the question is the passage's fifth: it is not cut after the first four
    texts = ["Point one.", "Point two.", "Point three.", "Point four.", "Point five answers it."]
    main = sentences(0, list(zip([4.0, 1.0, 3.0, 3.5, 6.0], texts, strict=True)))
    chosen = pick_howto([*main, Scored(1, 0, 10, 2.0, "Elsewhere.")], [])
    assert [s.text for s in chosen[:HOWTO_STEPS]] == ["Point one.", "Point three.", "Point four.",
                                                      "Point five answers it."]


@pytest.mark.parametrize(
    ("text", "steps"),
    [
        ("Teams start with prompts. Then they train on what they learned.", True),
        ("A run starts from a base model, trains for epochs and exports an artifact. It starts small.", True),
        ("1. Collect examples.\n2. Train the adapter.", True),
        ("Adapters add small layers. LoRA decomposes weight updates.", False),
        ("Chain-of-thought prompting asks for reasoning first.", False),
    ],
)
def test_describes_steps(text: str, steps: bool) -> None:
    assert describes_steps(text) is steps


def test_a_procedure_is_given_whole_even_a_step_sharing_few_words_with_the_question() -> None:
    # the last step scores below HOWTO_FLOOR of the best one: a procedure keeps it, other passages do not
    scores = [10.0, 8.0, 1.0]
    procedure = sentences(0, list(zip(scores, [
        "First, collect the examples.", "Then train the adapter.", "After training, compare it with the baseline."
    ], strict=True)))
    chosen = pick_howto([*procedure, Scored(1, 0, 10, 4.0, "Elsewhere.")], [])
    assert [s.text for s in chosen] == ["First, collect the examples.", "Then train the adapter.",
                                        "After training, compare it with the baseline.", "Elsewhere."]
    plain = sentences(0, list(zip(scores, ["Collect the examples.", "Train the adapter.",
                                           "Compare it with the baseline."], strict=True)))
    chosen = pick_howto([*plain, Scored(1, 0, 10, 4.0, "Elsewhere.")], [])
    assert [s.text for s in chosen] == ["Collect the examples.", "Train the adapter.", "Elsewhere."]


def test_a_long_procedure_does_not_crowd_out_the_other_passages() -> None:
    steps = ["First collect.", "Then clean.", "Then label.", "Then split.", "Then train.", "Finally compare."]
    procedure = sentences(0, list(zip([10.0, 9.0, 8.0, 7.0, 6.0, 5.0], steps, strict=True)))
    others = [Scored(1, 0, 10, 5.0, "Another passage says this."), Scored(2, 0, 10, 4.0, "A third one says that.")]
    chosen = pick_howto([*procedure, *others], [])
    assert [s.text for s in chosen] == [*steps, "Another passage says this.", "A third one says that."]


def test_a_passage_does_not_win_by_being_longer() -> None:
    # two sentences squarely on the question outweigh four that each say a little less
    short = sentences(0, [(10.0, "Prototype it with a prompt."), (10.0, "Results come back almost at once.")])
    long_ = sentences(1, [(9.0, "Editing a prompt answers changing needs."), (6.0, "Prompts suit low volumes."),
                          (6.0, "Prompts have no training costs."), (6.0, "Small budgets can afford prompts.")])
    chosen = pick_howto([*short, *long_], [])
    assert [s.text for s in chosen[:2]] == ["Prototype it with a prompt.", "Results come back almost at once."]


UPDATING = passage(
    "m#maintenance", "Maintenance: keeping answers current",
    "Prompts can be updated with new documents so that answers stay current. Models must be retrained as "
    "documents change to keep answers current. Updating prompts with new documents keeps answers current.",
)
RETRIEVING = passage(
    "g#retrieval", "Retrieval at question time",
    "Retrieval gives the documents to the model as context at question time. Retrieval lets knowledge "
    "change without retraining the model.",
)


FULL = passage(
    "f#mechanics", "Training mechanics: weights and GPUs",
    "Training a model on a new domain changes the weights with GPUs. Training on a new domain needs GPUs, "
    "checkpoints and access to the weights of the model.",
)
PARTIAL = passage(
    "p#efficient", "Efficient methods",
    "Efficient methods adapt a model to a new domain by updating only a small subset of the parameters. "
    "Adapters add small layers between the existing layers.",
)


def test_a_question_sparing_a_whole_is_answered_where_a_sentence_touches_only_part() -> None:
    question = "how do we adapt a model to a new domain on our GPUs without touching all the weights?"
    ans = compose_extractive(question, [FULL, PARTIAL], covered=True, kind=HOWTO)
    assert ans.citations[0].id == "p#efficient"


def test_a_question_asking_how_to_do_without_something_is_answered_where_a_sentence_spares_it() -> None:
    # the maintenance passage shares more words with the question ("documents", "current"), but it
    # only says retraining is needed; the passage that works without retraining holds the how
    question = "how do we keep answers current with new documents without retraining the model?"
    ans = compose_extractive(question, [UPDATING, RETRIEVING], covered=True, kind=HOWTO)
    assert ans.citations[0].id == "g#retrieval"
    assert ans.answer.startswith("Retrieval gives the documents to the model as context")


def test_without_a_without_the_passage_saying_most_about_it_still_leads() -> None:
    ans = compose_extractive("how do we keep answers current with new documents?", [UPDATING, RETRIEVING],
                             covered=True, kind=HOWTO)
    assert ans.citations[0].id == "m#maintenance"


def meant(rank: int, start: int, score: float, cosine: float, text: str) -> Scored:
    """A sentence with its score and its embedding's cosine to the question."""
    return Scored(rank, start, start + 50, score, text, cosine)


def test_nearest_is_the_closest_in_meaning_and_a_second_only_when_nearly_as_close() -> None:
    closest = meant(1, 100, 2.0, 0.60, "Use prompts for projects with tight deadlines.")
    close = meant(0, 0, 9.0, 0.60 * NEAREST_SHARE + 0.01, "Prompting takes hours to days.")
    far = meant(0, 100, 20.0, 0.60 * NEAREST_SHARE - 0.01, "Fine-tuning takes weeks.")
    assert nearest([far, close, closest], []) == [closest, close]
    assert nearest([far, closest], []) == [closest]  # the second is not nearly as close
    # without embeddings (every cosine 0) nothing is added
    assert nearest([replace(s, cosine=0.0) for s in (far, close, closest)], []) == []


def test_a_how_closest_in_meaning_is_added_even_when_it_shares_few_words_with_the_question() -> None:
    # the question restates its problem, so the sentences restating the problem score highest on shared
    # words; the passage's second sentence, which says what to do, is closest in meaning and is added
    # after its passage's first sentence (one paragraph per passage)
    main = [meant(0, 0, 20.0, 0.30, "Tight timelines are a common project risk."),
            meant(0, 100, 18.0, 0.35, "Timelines slip when scope grows.")]
    other = [meant(1, 0, 12.0, 0.40, "Prompting takes hours to days to implement."),
             meant(1, 100, 3.0, 0.55, "Use prompting for projects with tight deadlines: it customizes rapidly.")]
    third = [meant(2, 0, 10.0, 0.20, "Fine-tuning takes weeks.")]
    chosen = pick_howto([*main, *other, *third], [])
    assert [s.text for s in chosen] == [
        "Tight timelines are a common project risk.", "Timelines slip when scope grows.",
        "Prompting takes hours to days to implement.",
        "Use prompting for projects with tight deadlines: it customizes rapidly.",
        "Fine-tuning takes weeks.",
    ]
    # without embeddings the answer is what the scores pick
    plain = pick_howto([replace(s, cosine=0.0) for s in (*main, *other, *third)], [])
    assert "Use prompting for projects with tight deadlines: it customizes rapidly." not in [s.text for s in plain]


def test_placed_puts_an_added_sentence_among_its_passage_in_its_order() -> None:
    a0, a2 = meant(0, 0, 5.0, 0.1, "A zero."), meant(0, 200, 4.0, 0.1, "A two.")
    b0 = meant(1, 0, 3.0, 0.1, "B zero.")
    a1, c0 = meant(0, 100, 1.0, 0.5, "A one."), meant(2, 0, 1.0, 0.5, "C zero.")
    assert placed([a0, a2, b0], [a1, c0, a0]) == [a0, a1, a2, b0, c0]


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ("Teams start with prompts. Then they train on what they learned.", True),
        ("A team first fine-tunes on the domain. Prompts then handle the edge cases.", True),
        # where to begin, not what comes next: it describes steps without ordering them
        ("Most projects should begin with prompts. Try prompts before committing to training.", False),
        ("Chain-of-thought prompting asks for step-by-step reasoning first.", False),
    ],
)
def test_orders_steps(text: str, ordered: bool) -> None:
    assert orders_steps(text) is ordered


BEGIN = [(10.0, "Most projects should begin with prompts."), (9.0, "Try prompts before committing to training.")]
CYCLE = [(6.0, "A team starts with prompts to set a baseline."), (4.0, "The insights then shape the training data.")]


def test_a_question_asking_for_the_steps_is_led_by_the_passage_that_orders_them() -> None:
    # the passage recommending where to begin shares more words with the question; the one saying
    # what comes next holds the process asked for
    scored = [*sentences(0, BEGIN), *sentences(1, CYCLE)]
    asked = pick_howto(scored, [], ordered=True)
    assert [s.text for s in asked[:2]] == [text for _, text in CYCLE]
    plain = pick_howto(scored, [])
    assert plain[0].text == BEGIN[0][1]


def test_a_procedure_saying_little_about_the_question_does_not_lead() -> None:
    weak = [(score * (STEPS_SHARE - 0.05) * 19.0 / 10.0, text) for score, text in CYCLE]  # below the share
    chosen = pick_howto([*sentences(0, BEGIN), *sentences(1, weak)], [], ordered=True)
    assert chosen[0].text == BEGIN[0][1]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("In a multi-model architecture, parts differ.", "A multi-model system runs a tuned core.", True),
        ("The runtime parameters are temperature and top-p.", "Temperature controls the randomness.", True),
        # only the field's everyday words in common: two sentences about different things
        ("Prompt engineering steers a pre-trained model.", "Prompt engineering needs little compute per model.", False),
        ("In content creation, prompts write marketing copy.", "In education, prompts help tutors.", False),
    ],
)
def test_about_the_same(a: str, b: str, same: bool) -> None:
    assert about_the_same(a, b) is same


PATTERN = [(2.0, "Teams mix approaches."),
           (8.0, "In a multi-model architecture, components use different optimization strategies."),
           (4.0, "A multi-model system runs a tuned model for the core task and prompts for formatting."),
           (6.0, "Multi-model designs are popular.")]


def test_neighbour_is_the_better_sentence_next_to_it_that_names_the_same_thing() -> None:
    same = sentences(3, PATTERN)
    # "Teams mix approaches." (before it) names nothing of it; the sentence after it does
    assert neighbour(same, same[1]) == same[2]
    assert neighbour(same, same[2]) == same[1]  # the better of the two next to it (8.0 over 6.0)
    # a neighbour must score at least the share asked of the sentence it completes
    assert neighbour(same, same[1], share=0.6) is None
    assert neighbour(same, same[0]) is None  # "Teams mix approaches." shares no word beyond the field's
    assert neighbour(same, Scored(9, 0, 10, 1.0, "Not among them.")) is None


MAIN = [(20.0, "Fine-tuning changes the weights of a model."), (18.0, "Fine-tuning needs labeled data.")]
FIELD_ONLY = [(9.0, "Prompt engineering steers a pre-trained model."),
              (8.0, "Prompt engineering needs little compute per model.")]


def test_a_passage_cited_by_one_sentence_also_gives_the_neighbour_that_completes_it() -> None:
    # the pattern passage's best sentence names the pattern; the next one, which says how it works,
    # shares fewer words with the question, and without the neighbour rule it is not in the answer
    scored = [*sentences(0, MAIN), *sentences(1, PATTERN), *sentences(2, FIELD_ONLY)]
    texts = [s.text for s in pick_howto(scored, [])]
    assert texts == [
        *(text for _, text in MAIN),
        FIELD_ONLY[0][1],  # its neighbour shares only "prompt engineering" and "model": not added
        PATTERN[1][1], PATTERN[2][1],  # in the passage's order, one paragraph
    ]


def test_neighbours_are_added_for_at_most_as_many_passages_as_others() -> None:
    # two passages come in as the others, a third as the sentence nearest in meaning: three passages
    # cited by one sentence each, and the two best neighbours are added
    main = [meant(0, 0, 20.0, 0.1, "Fine-tuning changes the weights of a model."),
            meant(0, 100, 18.0, 0.1, "Fine-tuning needs labeled data.")]
    patterns = [[meant(rank, 0, score, cosine, f"Pattern{rank} names a pattern."),
                 meant(rank, 100, score / 2, 0.1, f"Pattern{rank} says how it works.")]
                for rank, score, cosine in ((1, 10.0, 0.1), (2, 9.0, 0.1), (3, 2.0, 0.9))]
    chosen = pick_howto([*main, *(s for group in patterns for s in group)], [])
    assert {s.passage_rank for s in chosen} == {0, 1, 2, 3}
    assert [s.text for s in chosen if s.text.endswith("says how it works.")] == [
        "Pattern1 says how it works.", "Pattern2 says how it works."][:HOWTO_OTHERS]

"""Comparisons give both sides (handlers.ask.compare)."""

from __future__ import annotations

from handlers.ask.compare import pick_comparison
from handlers.ask.compared import comparison_sides
from handlers.ask.extractive import compose_extractive
from handlers.ask.focus import BY_KEY
from handlers.ask.kinds import QuestionKind
from handlers.ask.scored import Scored
from knowledge.types import Chunk, Passage


def passage(pid: str, heading: str, text: str) -> Passage:
    return Passage(chunk=Chunk(id=pid, doc_id=pid.split("#")[0], heading=heading, text=text,
                               title="Summary of: A Guide", source="ft-advisor summary of a site", kind="corpus"))


PEFT_PERF = passage(
    "g#peft-performance", "PEFT performance",
    "PEFT methods keep 95% of the performance of full fine-tuning. PEFT methods update less than 1% of the "
    "parameters. PEFT cuts compute needs dramatically.",
)
TABLE = passage(
    "g#decision-table", "Decision table: PEFT and full fine-tuning",
    "PEFT suits domain specialization with limited resources. Full fine-tuning suits stable, critical "
    "applications that need maximum performance.",
)
SOFT = passage("g#soft-prompts", "Prompt tuning", "Prompt tuning trains a few continuous vectors before the input.")
ADAPTERS = passage("g#adapters", "Adapters", "Adapter modules insert small neural network layers into the model.")


def test_both_sides_come_from_the_passage_that_sets_them_side_by_side() -> None:
    question = "pros and cons of PEFT compared to a full fine-tune?"
    assert [s.key for s in comparison_sides(question)] == ["peft", "full_ft"]
    ans = compose_extractive(question, [PEFT_PERF, TABLE], covered=True, kind=QuestionKind("comparison"))
    assert "domain specialization with limited resources" in ans.answer
    assert "maximum performance" in ans.answer


def test_a_side_missing_from_the_top_passages_is_found_in_the_alternates() -> None:
    ans = compose_extractive("prompt tuning or adapters?", [SOFT], covered=True,
                             kind=QuestionKind("comparison"), alternates=[ADAPTERS])
    assert "continuous vectors" in ans.answer and "small neural network layers" in ans.answer


PT_INTRO = passage("g#pt-intro", "Prompt tuning: soft prompts",
                   "Prompt tuning sits between prompting and fine-tuning. Prompt tuning learns the prompt with "
                   "gradient-based optimization instead of a person writing it.")
PE_DEFINED = passage("g#pe", "Prompt engineering", "Prompt engineering writes instructions by hand.")


def test_a_side_found_only_in_a_further_passage_gets_its_next_sentence_too() -> None:
    ans = compose_extractive("prompt tuning or prompt engineering, how do they differ?", [PE_DEFINED],
                             covered=True, kind=QuestionKind("comparison"), alternates=[PT_INTRO])
    assert "sits between" in ans.answer and "gradient-based optimization" in ans.answer


RAG_PASSAGE = passage(
    "g#rag", "RAG",
    "RAG lets knowledge change without retraining the model, which matters when we compare it with a fine-tune. "
    "RAG suits knowledge-intensive applications whose knowledge needs frequent updates. "
    "RAG needs moderate resources instead of a big fine-tuning budget.",
)
FT_PASSAGE = passage("g#ft", "Fine-tuning", "Fine-tuning suits stable tasks that need maximum accuracy.")


def test_a_when_comparison_leads_with_what_each_side_suits() -> None:
    ans = compose_extractive("when should we go with RAG instead of fine-tuning?", [RAG_PASSAGE, FT_PASSAGE],
                             covered=True, kind=QuestionKind("comparison"))
    assert "knowledge-intensive" in ans.answer and "stable tasks" in ans.answer




SFT_PASSAGE = passage(
    "g#sft", "Fine-tuning techniques",
    "Supervised fine-tuning retrains a model on a labeled dataset with a cross-entropy loss. "
    "Instruction tuning fine-tunes a model on human instructions. "
    "RLHF feeds human reward signals into the model updates. "
    "The analysis lists supervised fine-tuning, instruction tuning and RLHF as the standard pipelines.",
)


def test_each_of_three_sides_gets_its_own_sentence() -> None:
    ans = compose_extractive("SFT vs instruction tuning vs RLHF - how does each train the model?", [SFT_PASSAGE],
                             covered=True, kind=QuestionKind("comparison"))
    for said in ("cross-entropy loss", "human instructions", "human reward signals"):
        assert said in ans.answer


def test_the_other_side_of_a_chosen_sentence_s_passage_completes_the_row() -> None:
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    scored = [
        Scored(0, 0, 10, 10.0, "Prompt engineering is quicker to implement."),
        Scored(0, 11, 20, 9.0, "Fine-tuning is time-intensive."),
        Scored(1, 0, 10, 6.0, "Prompt engineering takes instant to hours to implement."),
        Scored(1, 11, 20, 4.0, "Fine-tuning takes hours to days to implement."),
        Scored(2, 0, 10, 5.0, "Fine-tuned models capture stable task logic over the years."),
    ]
    picked = [s.text for s in pick_comparison(scored, [pe, ft], main=3, limit=4)]
    assert "Fine-tuning takes hours to days to implement." in picked
    assert "Fine-tuned models capture stable task logic over the years." not in picked


def test_two_consecutive_sentences_of_a_passage_are_the_preferred_pair() -> None:
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    first = "Teams with little ML expertise often start with prompt engineering."
    nxt = "Teams with longer timelines and the needed skills can pursue fine-tuning."
    later = "Applications that need extremely high accuracy benefit from fine-tuning."
    scored = [
        Scored(0, 0, len(first), 10.0, first),
        Scored(0, len(first) + 1, len(first) + 1 + len(nxt), 6.0, nxt),
        Scored(0, len(first) + len(nxt) + 2, len(first) + len(nxt) + 2 + len(later), 7.5, later),
    ]
    # the article's own contrast (the next sentence) beats a better-scored sentence further on
    picked = [s.text for s in pick_comparison(scored, [pe, ft], main=1, limit=2)]
    assert picked == [first, nxt]
    # not when the further sentence scores far better
    scored[2] = Scored(0, scored[2].start, scored[2].end, 9.5, later)
    assert [s.text for s in pick_comparison(scored, [pe, ft], main=1, limit=2)] == [first, later]


def test_a_side_goes_on_when_the_other_has_nothing_more_to_say() -> None:
    peft, full = BY_KEY["peft"], BY_KEY["full_ft"]
    scored = [
        Scored(0, 0, 10, 10.0, "PEFT methods keep 95% of the performance of full fine-tuning."),
        Scored(0, 11, 20, 9.0, "PEFT methods update less than 1% of the parameters."),
        Scored(1, 0, 10, 8.0, "PEFT techniques change fewer parameters than other methods."),
        Scored(1, 11, 20, 7.0, "PEFT methods freeze most of the pre-trained weights."),
        Scored(2, 0, 10, 6.0, "Full fine-tuning needs high resources."),
    ]
    picked = [s.text for s in pick_comparison(scored, [peft, full], main=3, limit=6)]
    assert "PEFT methods freeze most of the pre-trained weights." in picked
    assert "Full fine-tuning needs high resources." in picked


def test_each_side_speaks_for_itself_when_a_sentence_names_both_side_by_side() -> None:
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    scored = [
        Scored(0, 0, 10, 10.0, "Data requirements differ significantly between prompt engineering and fine-tuning."),
        Scored(0, 11, 20, 8.0, "Fine-tuning needs larger, well-labeled datasets."),
        Scored(0, 21, 30, 3.0, "Prompt engineering can work with a minimal number of examples."),
        Scored(1, 0, 10, 7.0, "Fine-tuning needs training infrastructure."),
    ]
    picked = [s.text for s in pick_comparison(scored, [ft, pe], main=2, limit=3)]
    assert "Prompt engineering can work with a minimal number of examples." in picked
    assert "Fine-tuning needs larger, well-labeled datasets." in picked


def test_the_weaker_side_s_sentences_are_measured_against_that_side_s_best() -> None:
    # the question uses fine-tuning's words: prompting's half of the row scores low as a whole
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    row_pe = "Prompt engineering adapts easily to multiple use cases."
    scored = [
        Scored(0, 0, 10, 30.0, "The scalability of fine-tuning is limited, because every new task needs retraining."),
        Scored(0, 11, 20, 9.0, row_pe),
        Scored(0, 50, 60, 20.0, "In the example, a firm with many clients finds prompt engineering more scalable."),
        Scored(1, 0, 10, 20.0, "Fine-tuned models require retraining when new tasks arrive."),
    ]
    assert row_pe in [s.text for s in pick_comparison(scored, [ft, pe], main=2)]


def test_each_side_says_up_to_four_things_when_both_have_that_much() -> None:
    # two sides, four relevant sentences each: the answer keeps all eight, four a side
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    pe_said = ["Prompt engineering costs come from API fees.", "Prompt engineering needs no training compute.",
               "Prompt engineering carries per-request costs.", "Prompt engineering suits low volumes."]
    ft_said = ["Fine-tuning costs thousands of dollars per run.", "Fine-tuning needs an upfront investment.",
               "Fine-tuning saves tokens at high volume.", "Fine-tuning needs GPUs for training."]
    scored = [Scored(n, 0, 10, 10.0 - n, text) for n, text in enumerate(pe_said)]
    scored += [Scored(n, 11, 20, 9.5 - n, text) for n, text in enumerate(ft_said)]
    picked = [s.text for s in pick_comparison(scored, [pe, ft], main=4)]
    assert sorted(picked) == sorted(pe_said + ft_said)


def test_a_side_still_speaks_in_at_most_half_of_a_full_answer() -> None:
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    pe_said = [f"Prompt engineering point number {n} about {topic}." for n, topic in
               enumerate(["cost", "speed", "data", "skills", "tools", "risk"])]
    ft_said = [f"Fine-tuning point number {n} about {topic}." for n, topic in
               enumerate(["cost", "speed", "data", "skills", "tools", "risk"])]
    scored = [Scored(n, 0, 10, 20.0 - n, text) for n, text in enumerate(pe_said)]
    scored += [Scored(n, 11, 20, 10.0 - n, text) for n, text in enumerate(ft_said)]
    picked = [s.text for s in pick_comparison(scored, [pe, ft], main=6)]
    assert len(picked) == 8
    assert sum(t.startswith("Prompt engineering") for t in picked) == 4


def test_the_other_half_of_a_chosen_row_goes_before_a_better_scored_sentence_elsewhere() -> None:
    # the question's words favour fine-tuning: prompting's half of the row scores low, yet it is the
    # passage's own answer for that side, and a full answer keeps it over another passage's sentence
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    half = "Prompt engineering can work with a minimal number of examples."
    elsewhere = "Prompt engineering suits limited data."
    scored = [
        Scored(0, 0, 40, 12.0, "Prompt engineering needs no additional data."),
        Scored(0, 41, 80, 11.0, "Fine-tuning needs large datasets."),
        Scored(1, 0, 40, 9.0, "Fine-tuning needs larger, well-labeled datasets."),
        Scored(1, 41, 80, 2.5, half),
        Scored(2, 0, 40, 8.0, elsewhere),
    ]
    picked = [s.text for s in pick_comparison(scored, [ft, pe], main=3, limit=4)]
    assert half in picked and elsewhere not in picked
    # below ROW_FLOOR of its side's best it is no half worth giving
    scored[3] = Scored(1, 41, 80, 2.0, half)
    assert half not in [s.text for s in pick_comparison(scored, [ft, pe], main=3, limit=4)]


def test_a_sentence_naming_no_approach_goes_on_for_the_side_before_it() -> None:
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    question = "serving a fine-tuned model versus prompting one: which is heavier on infrastructure?"
    first = "In prompt engineering, the model runs in read-only mode."
    goes_on = "Read-only inference lowers infrastructure demands."
    alone = "Read-only inference simplifies deployment pipelines."
    scored = [
        Scored(0, 0, 60, 10.0, "Fine-tuned models need dedicated serving infrastructure."),
        Scored(1, 0, len(first), 3.0, first),
        Scored(1, len(first) + 1, len(first) + 1 + len(goes_on), 2.5, goes_on),
        Scored(2, 0, len(alone), 2.5, alone),  # follows no chosen sentence
    ]
    picked = [s.text for s in pick_comparison(scored, [ft, pe], main=3, question=question)]
    assert goes_on in picked and alone not in picked
    # not when the question asks no aspect it is on
    assert goes_on not in [s.text for s in pick_comparison(scored, [ft, pe], main=3, question="prompting or FT?")]


def test_with_room_left_every_top_sentence_on_the_asked_aspect_is_given() -> None:
    # the question's word "bias" makes one fine-tuning risk score far above the others and above
    # prompting's pitfalls; a further passage off the aspect does not stand in for prompting
    pe, ft = BY_KEY["prompt_engineering"], BY_KEY["fine_tuning"]
    question = "which is riskier when it comes to bias, fine-tuning or prompting?"
    risks = ["Data bias is a fine-tuning risk that amplifies biases in the data.",
             "Model drift is a fine-tuning risk that needs costly retraining.",
             "Overfitting is a fine-tuning risk in which the model loses generality."]
    pitfalls = ["Fragile instructions are a prompt engineering pitfall leading to inconsistent output.",
                "Context window limits are a prompt engineering pitfall on prompt length.",
                "Prompt sprawl is a prompt engineering pitfall across many products."]
    scored = [Scored(0, 100 * n, 100 * n + 90, score, text)
              for n, (score, text) in enumerate(zip([38.0, 9.8, 8.6], risks, strict=True))]
    scored += [Scored(1, 100 * n, 100 * n + 90, score, text)
               for n, (score, text) in enumerate(zip([4.3, 4.3, 3.6], pitfalls, strict=True))]
    off = "Max tokens and temperature let a team tune prompt behaviour at runtime."
    scored.append(Scored(2, 0, 80, 10.0, off))
    picked = [s.text for s in pick_comparison(scored, [ft, pe], main=2, question=question)]
    assert sorted(picked) == sorted(risks + pitfalls)

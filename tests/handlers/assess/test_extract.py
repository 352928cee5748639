"""The rule-based extractor: numbers with units and multipliers, rates, synonyms, negations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.assess.extract import RuleExtractor
from handlers.assess.numbers import find_numbers, parse_number
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def answers(text: str) -> dict[str, object]:
    return dict(X.extract(text).answers)


def test_the_issue_example() -> None:
    assert answers("we have ~5k labelled tickets, 2M calls a day, docs change weekly, no ML people") == {
        "labelled_examples": 5000,
        "request_volume": 2_000_000,
        "facts_change": "weekly",
        "ml_expertise": "none",
    }


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5k", 5000),
        ("5K", 5000),
        ("2.5M", 2_500_000),
        ("5,000", 5000),
        ("1,250,000", 1_250_000),
        ("two million", 2_000_000),
        ("a million", 1_000_000),
        ("a few hundred", 300),
        ("tens of thousands", 30_000),
        ("half a million", 500_000),
        ("3 thousand", 3000),
        ("1.5 billion", 1.5e9),
        ("a dozen", 12),
    ],
)
def test_number_forms(text: str, value: float) -> None:
    assert parse_number(f"we have {text} of them") == value


def test_numbers_do_not_swallow_units_or_versions() -> None:
    assert [n.value for n in find_numbers("200ms and 24/7 on gpt-4o")] == [200, 24, 7, 4]


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["k", "K", " thousand"]))
def test_thousands_of_labelled_tickets(n: int, suffix: str) -> None:
    assert answers(f"we have {n}{suffix} labelled tickets")["labelled_examples"] == n * 1000


@given(
    st.integers(min_value=1, max_value=900),
    st.sampled_from([("M", 1e6), ("k", 1e3), (" million", 1e6), ("", 1.0)]),
    st.sampled_from(
        [
            ("a day", 1.0),
            ("per day", 1.0),
            ("daily", 1.0),
            ("/day", 1.0),
            ("a week", 1 / 7),
            ("per week", 1 / 7),
            ("a month", 1 / 30),
            ("per month", 1 / 30),
            ("monthly", 1 / 30),
            ("an hour", 24.0),
            ("per second", 86400.0),
        ]
    ),
)
def test_request_rates_become_requests_per_day(
    n: int, mult: tuple[str, float], unit: tuple[str, float]
) -> None:
    got = answers(f"we serve {n}{mult[0]} requests {unit[0]}")["request_volume"]
    assert got == pytest.approx(n * mult[1] * unit[1], rel=0.01, abs=1)


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("no ML people on the team", "ml_expertise", "none"),
        ("we don't have any ML engineers", "ml_expertise", "none"),
        ("nobody with ML experience", "ml_expertise", "none"),
        ("we have a strong ML team", "ml_expertise", "strong"),
        ("not much data", "labelled_examples", 50),
        ("we don't have much labelled data", "labelled_examples", 50),
        ("no training data at all", "labelled_examples", 0),
        ("the docs don't change often", "facts_change", "rarely"),
        ("prices are updated daily", "facts_change", "daily"),
        ("our catalog, which is refreshed every week", "facts_change", "weekly"),
        ("requirements keep changing", "requirements_change", "weekly"),
        ("requirements are stable", "requirements_change", "rarely"),
        ("output must be JSON for a downstream parser", "output_format", "strict"),
        ("we don't need JSON, prose is fine", "output_format", "free"),
        ("must run on-prem", "deployment", "on_premise"),
        ("runs on mobile phones", "deployment", "edge"),
        ("latency under 200ms", "latency_sensitivity", "high"),
        ("overnight batch jobs", "latency_sensitivity", "low"),
        ("tight budget", "budget", "low"),
        ("need it by Friday", "timeline", "days"),
        ("we have 3 months", "timeline", "months"),
        ("in 2 weeks", "timeline", "weeks"),
        ("legal contracts full of jargon", "domain_specialisation", "deep"),
        ("mission-critical", "accuracy_stakes", "high"),
        ("prompting plateaued", "prompt_results", "plateaued"),
        ("prompts alone aren't good enough", "prompt_results", "plateaued"),
        ("prompting by itself isn't cutting it", "prompt_results", "plateaued"),
        ("quality has flattened out", "prompt_results", "plateaued"),
        ("accuracy stopped improving months ago", "prompt_results", "plateaued"),
        ("it writes nonsense even when we paste examples into the prompt", "prompt_results", "plateaued"),
        ("the answer has to quote the latest text word for word", "cite_sources", "required"),
        ("replies must reproduce the clause verbatim", "cite_sources", "required"),
        ("our documents change a lot", "facts_change", "weekly"),
        ("answers in dense technical tax language", "domain_specialisation", "deep"),
        ("a data team but zero appetite for training models", "training", "ruled_out"),
        ("we won't fine-tune anything", "training", "ruled_out"),
        ("training our own model is off the table", "training", "ruled_out"),
        ("prices are live and the catalog updates live", "facts_change", "daily"),
        ("our prompt is 3k tokens", "prompt_tokens", 3000),
        ("could shrink to 200 tokens after fine-tuning", "tuned_prompt_tokens", 200),
        ("2 ML engineers", "ml_expertise", "strong"),
    ],
)
def test_phrases(text: str, criterion: str, value: object) -> None:
    assert answers(text).get(criterion) == value


def test_frequency_goes_to_the_nearest_subject() -> None:
    got = answers("the requirements are stable but the product docs change daily")
    assert got["requirements_change"] == "rarely" and got["facts_change"] == "daily"


def test_nothing_in_unrelated_text() -> None:
    assert answers("hello there, how are you?") == {}
    assert answers("") == {}


def test_read_answer_accepts_numbers_labels_and_words() -> None:
    assert X.read_answer("timeline", "2") == "weeks"  # second option
    assert X.read_answer("timeline", "Months") == "months"
    assert X.read_answer("timeline", "asap please") == "days"
    assert X.read_answer("labelled_examples", "about 4,000") == 4000
    assert X.read_answer("labelled_examples", "thousands") == 3000  # the button's label
    assert X.read_answer("request_volume", "50k a month") == pytest.approx(50_000 / 30, abs=1)
    assert X.read_answer("facts_change", "weekly") == "weekly"  # a bare frequency answers it
    assert X.read_answer("ml_expertise", "purple elephants") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("we update our prices daily", "daily"),  # the verb before its object (active voice)
        ("the compliance group revises the policies every week", "weekly"),  # inflected verb
        ("the price list is modified weekly", "weekly"),
        ("we don't update our prices daily", "rarely"),  # negated active verb
    ],
)
def test_change_verbs_in_any_inflection_and_position(text: str, value: str) -> None:
    assert answers(text).get("facts_change") == value


def test_a_count_before_a_frequency_is_a_rate_not_a_change() -> None:
    found = answers("roughly 400k new listings a day")
    assert found.get("request_volume") == 400_000
    assert "facts_change" not in found
    assert answers("the docs change 3 times a day").get("facts_change") == "daily"


def test_a_domain_word_before_a_team_names_people_not_the_task() -> None:
    assert answers("our legal team wants a bot for holiday requests").get("domain_specialisation") is None
    assert answers("we review legal contracts").get("domain_specialisation") == "deep"


def test_a_domain_word_qualifying_a_harm_states_the_stakes_not_the_task() -> None:
    found = answers("quoting an outdated dose would be a serious compliance problem")
    assert found.get("domain_specialisation") is None and found.get("accuracy_stakes") == "high"
    assert answers("mistakes carry regulatory risk").get("domain_specialisation") is None
    assert answers("we do compliance auditing of loan files").get("domain_specialisation") == "deep"


def test_reasoning_like_an_expert_or_dense_field_language_is_deep_and_a_denial_is_not() -> None:
    assert answers("the assistant must reason like a tax specialist").get("domain_specialisation") == "deep"
    assert answers("it has to think like our compliance officers").get("domain_specialisation") == "deep"
    assert answers("the filings are written in dense statutory language").get("domain_specialisation") == "deep"
    assert answers("the model doesn't have to think like an engineer").get("domain_specialisation") is None


def test_the_most_specific_frequency_subject_wins() -> None:
    found = answers("the product specs we answer from are replaced every week")
    assert found.get("facts_change") == "weekly"
    assert "requirements_change" not in found


@pytest.mark.parametrize(
    ("text", "value"),
    [("we don't have labelled data", 0), ("we haven't got any training examples", 0),
     ("dont have any labelled examples", 0), ("we havent got training data", 0)],  # apostrophe left out
)
def test_negated_possession_of_data_means_none(text: str, value: int) -> None:
    assert answers(text).get("labelled_examples") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("small compute budget", "low"), ("a moderate GPU budget", "medium"), ("a generous training budget", "high")],
)
def test_budget_with_a_qualifying_noun(text: str, value: str) -> None:
    assert answers(text).get("budget") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1k labelled examples, limited compute.", "low"),  # was read as a high budget
        ("we only have little GPU capacity", "low"),
        ("one ML engineer, low-to-moderate compute", "medium"),  # a range that reaches moderate
        ("plenty of compute", "high"),
    ],
)
def test_compute_without_the_word_budget(text: str, value: str) -> None:
    assert answers(text).get("budget") == value


@pytest.mark.parametrize(
    "text",
    [
        "security bans the use of retrieval",
        "policy forbids any external knowledge base",
        "our policy prohibits placing customer documents in any search index",
    ],
)
def test_prohibition_verbs_rule_out_retrieval(text: str) -> None:
    assert answers(text).get("retrieval") == "ruled_out"


def test_nothing_forbids_retrieval_rules_nothing_out() -> None:
    assert "retrieval" not in answers("nothing forbids using retrieval")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two thousand five hundred", 2500),
        ("twenty-five thousand", 25_000),
        ("one hundred and twenty thousand", 120_000),
        ("a quarter of a million", 250_000),
    ],
)
def test_spelled_out_compound_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_little_money_is_a_low_budget() -> None:
    assert answers("Not much budget, but three people who have trained models before").get("budget") == "low"


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("the handbook PDFs get revised maybe twice a year", "facts_change", "rarely"),
        ("the civil code articles get amended a few times a month", "facts_change", "weekly"),
        ("we get 3 new regulatory bulletins a day", "facts_change", "daily"),
        ("the warehouse schema gets new tables most weeks", "facts_change", "weekly"),
        ("4 MLEs on the team", "ml_expertise", "strong"),
        ("an in-house ML platform team", "ml_expertise", "strong"),
        ("replies written in our company's tone", "domain_specialisation", "moderate"),
        ("prompting gets the tone wrong about half the time", "prompt_results", "plateaued"),
        ("it runs in a warehouse with spotty wifi", "deployment", "offline"),
        ("each tool needs its own little classifier", "task_variants", "per_task"),
        ("we have ~12,000 past deeds, anonymised", "labelled_examples", 12000),
        ("each has 300-800 labelled examples", "labelled_examples", 550),
    ],
)
def test_round_3_readings(text: str, criterion: str, value: object) -> None:
    assert answers(text).get(criterion) == value


@pytest.mark.parametrize(
    "text",
    [
        "tried prompting GPT-4 for months",
        "we spent 6 months trying to get prompts right",
        "prices are updated every 3 months",
    ],
)
def test_a_pace_or_a_past_duration_is_not_a_deadline(text: str) -> None:
    assert "timeline" not in answers(text)


def test_a_pace_or_an_arrival_is_not_a_volume() -> None:
    assert "request_volume" not in answers("the docs change 3 times a day")
    assert "request_volume" not in answers("we get 3 new docs a day")
    assert answers("roughly 400k new listings a day").get("request_volume") == 400_000
    assert answers("we need it in production in 3 weeks").get("timeline") == "weeks"


def test_ranges_read_as_their_middle() -> None:
    assert [n.value for n in find_numbers("300-800 examples, 2-3k rows, 20 to 30 a day")] == [550, 2500, 25]


def test_facts_needed_as_they_are_now_change_daily() -> None:
    assert answers("it quotes today's fares").get("facts_change") == "daily"
    assert answers("answers pull from the latest filings").get("facts_change") == "daily"
    assert "facts_change" not in answers("we tried the latest models")


def test_the_furthest_stage_of_prompting_governs_and_inputs_are_not_outputs() -> None:
    found = answers("claims come in as free text and must become JSON. Prompting works, but the JSON breaks")
    assert found.get("output_format") == "strict"
    assert found.get("prompt_results") == "plateaued"


def test_a_voice_to_learn_and_the_news_of_the_day() -> None:
    found = answers(
        "explainers in our magazine's distinctive voice (30k edited articles to learn from), "
        "grounded in the news of the day"
    )
    assert found.get("domain_specialisation") == "moderate"
    assert found.get("labelled_examples") == 30000
    assert found.get("facts_change") == "daily"
    assert "labelled_examples" not in answers("we have 300 articles in the help center")


def test_a_body_of_documents_counted_in_pages_or_documents_is_private_documents() -> None:
    """A corpus counted in pages or documents is what answers are drawn from; counted as it arrives
    (a rate) or as labelled items it is something else."""
    for text in ("techs ask about our manuals, roughly 4,000 pages of PDFs", "a handbook of about 600 pages",
                 "the program manual (a couple thousand pages)", "maybe 20,000 documents in the know-how bank"):
        assert answers(text).get("private_data") == "documents", text
    for text in ("we process 2,000 documents a day", "~20k docs/day", "we have 200k expert-annotated documents",
                 "we have 30k edited articles to learn from"):
        assert "private_data" not in answers(text), text
    assert answers("we have 12k hand-labelled documents") == {"labelled_examples": 12000}


def test_a_store_of_documents_is_private_documents() -> None:
    """A folder, library or system holding documents is a body answers are drawn from, whatever
    its name; counted in files or procedures it is one too."""
    for text in ("the answers are in a shared drive full of slide decks", "a binder of safety procedures",
                 "all of it lives in a document management system", "about 300 Word files of procedures"):
        assert answers(text).get("private_data") == "documents", text
    assert "private_data" not in answers("we have 300 labelled files to train on")


def test_last_rounds_known_misreads() -> None:
    found = answers("our knowledge is in PDFs that rarely change, no ML")
    assert found.get("private_data") == "documents" and found.get("facts_change") == "rarely"
    found = answers("Tried prompting for months, still not there. 4 MLEs. It has to match our company's tone.")
    assert "timeline" not in found
    assert found.get("prompt_results") == "plateaued"
    assert found.get("ml_expertise") == "strong"
    assert found.get("domain_specialisation") == "moderate"
    found = answers("dozens of engineers edit the wiki every day")
    assert found.get("facts_change") == "daily" and "request_volume" not in found
    found = answers("we get 3 new docs a day")
    assert found.get("facts_change") == "daily" and "request_volume" not in found


def test_a_deadline_after_for_is_still_a_deadline() -> None:
    assert answers("we need it for next week").get("timeline") == "days"
    assert "timeline" not in answers("we have been at it for months")


def test_today_after_the_facts_is_current_but_a_leading_today_means_currently() -> None:
    assert answers("the answer depends on whatever is in stock at their store today").get("facts_change") == "daily"
    assert "facts_change" not in answers("today, agents answer from the docs, which is slow")


def test_items_paired_with_their_answers_are_labelled_examples() -> None:
    assert answers("We have 90k closed work orders with the correct codes.")["labelled_examples"] == 90_000
    assert answers("about 20k old tickets with the queue they ended up in")["labelled_examples"] == 20_000
    assert "labelled_examples" not in answers("We run 300 stores with their own opening hours.")


def test_outputs_the_teams_people_produced_are_labelled_examples() -> None:
    assert answers("We have about 2,500 descriptions our copywriters wrote.")["labelled_examples"] == 2500
    assert answers("9k contract summaries our associates wrote")["labelled_examples"] == 9000
    assert answers("6000 product descriptions written by our copywriters")["labelled_examples"] == 6000
    assert "labelled_examples" not in answers("300 pages of docs our team wrote")  # knowledge, not examples


def test_annotated_documents_are_labelled_examples() -> None:
    assert answers("2M annotated documents, a 64-GPU cluster")["labelled_examples"] == 2_000_000
    assert "labelled_examples" not in answers("we have 300 pages of docs")


def test_examples_inside_a_prompt_are_no_training_data() -> None:
    found = answers("Our prompt is ~3.5k tokens (instructions + 30 examples). Got 120k labelled rows.")
    assert found["labelled_examples"] == 120_000 and found["prompt_tokens"] == 3500
    assert "labelled_examples" not in answers("We put 12 examples in the prompt.")
    # the examples a prompt holds are shots; the labelled set is the count that trains
    assert "labelled_examples" not in answers("Our current prompt carries 40 worked examples.")
    held = answers("Our current prompt carries 40 worked examples. We have 200k labelled reports.")
    assert held["labelled_examples"] == 200000


def test_a_fixed_set_of_classes_is_a_strict_output() -> None:
    assert answers("need to route ~5k tickets/day into 6 queues")["output_format"] == "strict"
    assert answers("tag incoming invoices with one of 25 GL codes")["output_format"] == "strict"


def test_answers_that_must_cite_their_source() -> None:
    assert answers("HR bot that links the section it used.")["cite_sources"] == "required"
    assert answers("It needs to point to the memos it relied on.")["cite_sources"] == "required"
    assert answers("No need to cite sources.")["cite_sources"] == "not_needed"
    assert "cite_sources" not in answers("It should quote prices and stock levels.")


def test_a_channel_contract_and_a_present_tense_now_say_nothing() -> None:
    assert "domain_specialisation" not in answers("We get GPT-4 through our Microsoft contract.")
    assert answers("Contract review for our legal team.")["domain_specialisation"] == "deep"
    assert "timeline" not in answers("Right now: the prompt is short.")
    assert answers("We need it right now.")["timeline"] == "days"


def test_round_5_wordings_of_data_format_style_and_sources() -> None:
    assert answers("Data: 30k nurse-reviewed triage transcripts")["labelled_examples"] == 30000
    assert answers("we've got 25k replies rated 5/5 by customers")["labelled_examples"] == 25000
    assert answers("Couple thousand examples each.")["labelled_examples"] == 2000
    assert answers("We don't have example data worth mentioning.")["labelled_examples"] == 0
    assert answers("pull dates and amounts out of invoices into our ERP schema")["output_format"] == "strict"
    assert answers("fill in inspection forms from voice notes")["output_format"] == "strict"
    assert answers("replies have to sound like our support team")["domain_specialisation"] == "moderate"
    assert answers("answers with the matter number quoted")["cite_sources"] == "required"
    assert answers("every answer must cite the rule it relied on")["cite_sources"] == "required"


def test_couple_counts_two_only_before_a_scale() -> None:
    assert [n.value for n in find_numbers("couple thousand rows, a couple of hundred")] == [2000, 200]
    assert find_numbers("the couple next door") == []


def test_pointing_people_at_a_paragraph_is_citing_it() -> None:
    assert answers("Answers must point people at the exact policy paragraph.")["cite_sources"] == "required"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("prompting got us to 80% on our eval and it won't budge", "plateaued"),
        ("accuracy sits around 78% and just won't climb however we reword it", "plateaued"),
        ("the F1 score doesn't really improve with longer prompts", "plateaued"),
        ("we've pushed prompting as far as it goes", "plateaued"),
        ("prompting works well enough", "working"),
    ],
)
def test_a_score_that_will_not_rise_is_a_plateau(text: str, value: str) -> None:
    assert answers(text).get("prompt_results") == value


def test_a_score_rule_needs_a_score_and_a_rise() -> None:
    # a cost that will not rise, or a score with no verb of rising, says nothing about prompting
    assert "prompt_results" not in answers("our costs won't go up next year")
    assert "prompt_results" not in answers("accuracy is 80% and we don't need more")


@pytest.mark.parametrize(
    "text",
    [
        "the model won't stick to the report template our pipeline expects",
        "it keeps drifting away from the required layout however we word it",
        "the answers fail to follow our ticket schema",
        "every answer has to fit the expected template",
    ],
)
def test_failing_a_template_states_a_strict_format(text: str) -> None:
    assert answers(text).get("output_format") == "strict"


def test_a_template_nobody_needs_is_no_format() -> None:
    assert "output_format" not in answers("we don't use a report template at all")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two of our backend devs have played with pytorch on side projects", "some"),
        ("two devs who've done some pytorch", "some"),
        ("one engineer who has shipped a couple of lora adapters before", "some"),
        ("a data science team of five", "strong"),
    ],
)
def test_a_few_people_with_hands_on_ml_are_some_expertise(text: str, value: str) -> None:
    assert answers(text).get("ml_expertise") == value


def test_a_team_is_not_a_few_people() -> None:
    assert answers("a team of ten engineers has shipped web apps").get("ml_expertise") != "some"


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("We don't have any labelled Q&A pairs and IT can give us one developer", "labelled_examples", 0),
        ("we've got zero labelled conversations", "labelled_examples", 0),
        ("there aren't any past question-answer pairs we could use", "labelled_examples", 0),
        ("we dont have a single labelled example of anything", "labelled_examples", 0),
        ("We don't have Q&A pairs", "labelled_examples", 0),
        ("Nothing is labelled.", "labelled_examples", 0),
        ("we kept the old proposals but nobody has labelled anything", "labelled_examples", 0),
        ("we have no ML people", "ml_expertise", "none"),
    ],
)
def test_a_denied_quantity_is_zero(text: str, criterion: str, value: object) -> None:
    assert answers(text).get(criterion) == value


def test_a_stated_count_of_past_outputs_outweighs_denied_labelling() -> None:
    # the proposals are the task's past outputs, counted (round 15: a document noun is a cue); a
    # denial weighs below any stated count, as "no labels yet, but 5k tickets" keeps the 5k
    assert answers("a few hundred old proposals but nobody has labelled anything").get("labelled_examples") == 300


def test_a_denied_quantity_is_no_count_when_it_denies_a_predicate_or_a_stated_count_exists() -> None:
    assert "labelled_examples" not in answers("No patient records can leave the hospital")
    assert answers("no labelled data yet, but we have 5k labelled tickets")["labelled_examples"] == 5000
    assert "request_volume" not in answers("there are no requests per day yet")


@pytest.mark.parametrize(
    ("text", "value"),
    [("the gala is in ten days", "days"), ("we need it live in six weeks", "weeks"),
     ("Would like it running within a month", "weeks"), ("each one has to be up within a day or two", "days"),
     ("we have a demo on Friday", "days")],
)
def test_deadlines_in_words_and_named_days(text: str, value: str) -> None:
    assert answers(text).get("timeline") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("IT can give us one developer", "none"), ("our team is a part-time analyst and one contractor developer", "none"),
     ("one ML engineer and two developers", "some"), ("Nobody here codes.", "none"),
     ("We're teachers, not programmers.", "none"), ("One ML engineer; nobody else here writes code.", "some"),
     ("Nobody here codes in Rust, we're a Python shop.", None),
     ("One of our developers has run a LoRA tutorial on his laptop.", "some"),
     ("Two of our engineers fine-tune models as part of their job.", "strong"),
     ("a couple of engineers who train models every week", "strong"),
     ("A few of us want to fine-tune models.", None)],
)
def test_team_capacity_told_as_people(text: str, value: str | None) -> None:
    assert answers(text).get("ml_expertise") == value


def test_non_is_a_prefix() -> None:
    assert answers("accuracy is non negotiable").get("accuracy_stakes") == "high"


def test_a_one_word_number_is_no_count_of_examples() -> None:
    # "approved" is a cue of reviewed examples; the team's size must not outrank the real count
    found = answers(
        "Compliance officers (8k annotated review decisions), data science team of six and GPU budget approved"
    )
    assert found["labelled_examples"] == 8000


@pytest.mark.parametrize(
    "text",
    ["the label set hasn't moved in two years", "neither the template nor the categories have moved in two years"],
)
def test_a_span_of_the_past_is_no_deadline(text: str) -> None:
    assert "timeline" not in answers(text)


@pytest.mark.parametrize("text", ["We have eight years of annotated reports", "we have 3 years' worth of tickets"])
def test_a_span_of_history_is_no_deadline(text: str) -> None:
    assert "timeline" not in answers(text)


@pytest.mark.parametrize(
    ("text", "timeline"),
    [
        # the project's urgency is a timeline ...
        ("it's urgent, our CEO wants a demo", "days"),
        ("we need this urgently", "days"),
        ("an urgent project for the sales team", "days"),
        # ... the urgency of what the model reads is the task, not a deadline
        ("the model flags how urgent each ticket is", None),
        ("route urgent emails to the on-call nurse", None),
        ("label each case as urgent or routine", None),
    ],
)
def test_urgency_is_a_timeline_only_when_it_is_the_projects(text: str, timeline: str | None) -> None:
    assert answers(text).get("timeline") == timeline


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("The tariff notices come out every Thursday.", "facts_change", "weekly"),  # a named weekday recurs weekly
        ("Our price sheets get updated on Mondays.", "facts_change", "weekly"),
        ("The tag set hasn't changed in a year.", "requirements_change", "rarely"),  # a set of classes
        ("Nobody on the team trains models.", "ml_expertise", "none"),
        ("One of our analysts has trained a model before.", "ml_expertise", "some"),
    ],
)
def test_rubric_readings_of_paces_and_people(text: str, criterion: str, value: object) -> None:
    assert answers(text).get(criterion) == value


def test_a_single_weekday_is_a_date_not_a_pace() -> None:
    assert "facts_change" not in answers("The board sees the demo on Friday.")


@pytest.mark.parametrize(
    "text",
    [
        "The data stays on our servers. Accuracy matters a lot.",
        "Our prompted support bot has been live for eight months.",
        "We went live in March with a prompted bot.",
    ],
)
def test_degree_and_going_live_are_no_pace_of_change(text: str) -> None:
    found = answers(text)
    assert "facts_change" not in found and "requirements_change" not in found


def test_not_retraining_often_is_no_rule_against_training() -> None:
    assert "training" not in answers("we cant retrain a model every week obviously")


def test_records_that_must_never_leave_are_on_premise() -> None:
    assert X.extract("Customer records must never leave our servers.").answers.get("deployment") == "on_premise"
    assert X.extract("The records can never leave the building.").answers.get("deployment") == "on_premise"


@pytest.mark.parametrize(
    ("text", "criterion", "value"),
    [
        ("Prompting alone tops out well below what product wants.", "prompt_results", "plateaued"),
        ("Accuracy can't be compromised.", "accuracy_stakes", "high"),
        ("A lawyer reviews each one before it goes out.", "accuracy_stakes", "low"),
        ("We have a dedicated HPC allocation.", "budget", "high"),
        ("Our budget is basically the API credits we got from an accelerator.", "budget", "low"),
        ("We have a six-month runway.", "timeline", "months"),
        ("There's no budget for anything that involves training.", "training", "ruled_out"),
        ("The feature list changes after every customer call.", "requirements_change", "weekly"),
        ("The rating scheme hasn't changed in a decade.", "requirements_change", "rarely"),
        ("The vendors push new service bulletins several times a week.", "facts_change", "weekly"),
        ("The core step runs 200k times a day.", "request_volume", 200000),
        ("There are roughly 8,000 code review comments we can use as examples.", "labelled_examples", 8000),
        ("We have eight years of annotated reports.", "labelled_examples", 20000),
        ("The findings go straight to physicians, so mistakes are not acceptable.", "accuracy_stakes", "high"),
        ("We want to fine tune on the 25k NDAs our lawyers already marked up.", "labelled_examples", 25000),
        ("We hold 60k shipments classified by our licensed brokers.", "labelled_examples", 60000),
        ("The template for that email changes a few times a month.", "requirements_change", "weekly"),
        ("The summary template hasn't changed since 2019.", "requirements_change", "rarely"),
    ],
)
def test_everyday_statements_of_a_fact(text: str, criterion: str, value: object) -> None:
    assert X.extract(text).answers.get(criterion) == value


def test_a_few_times_a_day_is_still_a_pace() -> None:
    answers = X.extract("Our prices change 3 times a day.").answers
    assert answers.get("facts_change") == "daily" and "request_volume" not in answers


@pytest.mark.parametrize(
    "text",
    [
        "We're contractually not allowed to modify the model weights.",
        "We cannot change the base model weights.",
        "The model weights are frozen by the vendor.",
    ],
)
def test_weights_that_may_not_change(text: str) -> None:
    assert X.extract(text).answers.get("training") == "weights_frozen"


def test_sorting_into_about_n_categories_is_a_strict_format() -> None:
    text = "The core step sorts incoming correspondence into about 30 stable categories."
    assert X.extract(text).answers.get("output_format") == "strict"


@pytest.mark.parametrize(
    "text",
    [
        "The prompt-only version scrambles the field layout about 1 time in 50.",
        "Our prompt already spells out the exact json, and the output shape still drifts.",
        "The prompted model keeps mixing up the fields.",
    ],
)
def test_prompting_that_already_falls_short_of_the_format_is_a_plateau(text: str) -> None:
    assert X.extract(text).answers.get("prompt_results") == "plateaued"


def test_a_model_failing_on_the_fields_own_words_is_a_deep_domain() -> None:
    assert answers("the model just dont get the crop disease names farmers use").get("domain_specialisation") == "deep"
    assert answers("off-the-shelf models keep misreading the abbreviations our vets scribble").get(
        "domain_specialisation"
    ) == "deep"
    assert answers("GPT-4 gets the part codes our fitters use wrong").get("domain_specialisation") == "deep"
    # product names are the company's knowledge, and a model that knows the words says nothing
    assert answers("the model doesn't know our product names").get("domain_specialisation") is None
    assert answers("the model understands the terms fine").get("domain_specialisation") is None



@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("we have a contractor who has done LoRA work before", "some"),  # outside help with ML skill
        ("a freelancer who has done PEFT", "some"),
        ("no ML staff of our own, but a consultant who has trained adapters for other clients", "some"),
        ("a part-time contractor who's fine-tuned Llama models", "some"),
        ("a contractor who has done the website", "none"),  # outside help with no ML skill
        ("the ML team is small", "some"),
        ("we have a small data science team", "some"),
        ("our ML team is strong", "strong"),
    ],
)
def test_outside_ml_help_and_a_small_ml_team_are_some_expertise(text: str, level: str) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("ml_expertise") == level


@pytest.mark.parametrize(
    "text",
    [
        # the field's own names or notation that general models get wrong, in either word order
        "farmers call the pests by local names the big models just don't get",
        "mechanics use regional nicknames for parts that mainstream chatbots keep confusing",
        "reports use species names that general-purpose models mix up all the time",
        "our dispatchers' lingo trips up every off-the-shelf model we tried",
        "the notation is cryptic and general models misinterpret it",
        "set-ups are written in a weave notation that's arcane",
        # reading, reasoning or talking the way the field's experts do
        "it has to understand symptom descriptions the way our triage nurses do",
        "interpret gauge readings the way our senior hydrologists would",
        "it must read inspection logs like an experienced geotechnical engineer",
        "the essays must talk like a seasoned auction specialist",
        "an assistant that speaks fluent oncology",
        "a bot fluent in the language of underwriters",
        # a language of its own no public model has seen
        "a ladder-logic variant of our own that no public model out there has ever seen",
    ],
)
def test_a_deep_domain_said_in_other_words(text: str) -> None:
    assert answers(text).get("domain_specialisation") == "deep"


@pytest.mark.parametrize(
    "text",
    [
        "finance can't justify paying for model training this year",
        "the board won't fund any model training this financial year",
        "management will not approve spending on fine-tuning",
    ],
)
def test_refusing_to_pay_for_training_rules_training_out(text: str) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("training") == "ruled_out"


@pytest.mark.parametrize(
    "text",
    [
        "we can't justify another year of doing it by hand, so finance approved paying for a fine-tuning run",
        "the board won't fund more training data collection",  # data, not training
    ],
)
def test_approving_or_refusing_other_things_leaves_training_open(text: str) -> None:
    assert "training" not in RuleExtractor(shipped_rubric()).extract(text).answers


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("we have a huge labelled history", 20_000),  # a large archive said to be labelled
        ("we have an enormous graded archive", 20_000),
        ("we have a huge archive of call recordings, but nobody ever scored any of them", None),
    ],
)
def test_a_large_labelled_archive_is_a_large_count(text: str, count: int | None) -> None:
    assert RuleExtractor(shipped_rubric()).extract(text).answers.get("labelled_examples") == count


@pytest.mark.parametrize(
    "text",
    [
        "the guest assistant has to speak fluent Spanish and Portuguese",  # a spoken language, not a field
        "the copy assistant should reason like a first-time customer",  # a lay reader, not an expert
        "it should think like a regular user would",
        "the chatbot we use doesn't get our jokes",  # humour is no domain
        "customers send pickup codes that general chatbots sometimes mix up",  # identifiers looked up per request
        "tracking codes the chatbots confuse",
        "our error codes are cryptic",
        "GPT-4 gets our SKU codes wrong",
    ],
)
def test_the_same_words_about_a_language_a_lay_reader_or_identifiers_are_no_deep_domain(text: str) -> None:
    assert answers(text).get("domain_specialisation") != "deep"


def test_reason_codes_are_a_noun_not_reasoning_like_an_expert() -> None:
    found = answers("the model assigns disputes to our reason codes the way our analysts do")
    assert found.get("domain_specialisation") != "deep"
    assert answers("it must reason through the codes the way our analysts do").get("domain_specialisation") == "deep"


@pytest.mark.parametrize(
    "text",
    [
        "one frozen base model with tiny trained add-ons that sit in front of the input, one per job",
        "we would train a small learned prompt vector for each letter type",
        "we want soft prompt embeddings rather than new weights",
        "we want the lowest compute of the trainable options",
        "pick the cheapest trainable option we can run",
        "we want the cheapest option that still learns from our archive",
    ],
)
def test_the_smallest_trainable_option_is_read(text: str) -> None:
    """Gupta: prompt tuning learns a small set of continuous vectors prepended to the input."""
    assert X.extract(text).answers.get("trained_footprint") == "smallest"


@pytest.mark.parametrize(
    "text",
    [
        "each customer's specialisation must be tiny and cheap to keep",
        "one version per client that is cheap to store",
        "we want to keep all of them around cheaply",
        "each new one should cost very little to store",
        "we'd like to keep twelve cheap per-office tunings on a single model",  # a small trained thing kept
        "host tiny client-specific add-ons beside one frozen model",
    ],
)
def test_variants_kept_cheaply_are_read(text: str) -> None:
    assert X.extract(text).answers.get("trained_footprint") == "kept_cheaply"


@pytest.mark.parametrize(
    "text",
    [
        "we add a short instruction in front of every user message telling it to be polite",
        "storage is cheap for us and the manuals change weekly",
        "the lowest cost option overall is fine, we have no ML team",
        "we put a few examples before the input of each request",
        "we keep cheap copies of the manuals on the shared drive",  # no trained variant named
        "keep our small prompts in a shared doc",
    ],
)
def test_written_prompts_and_cheap_storage_are_no_trained_footprint(text: str) -> None:
    assert "trained_footprint" not in X.extract(text).answers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Telehealth startup with an ML team of four.", None),  # "startup" alone says nothing about money
        ("Biotech company, we just closed a seed round.", "medium"),
        ("A startup with Series A money and two ML engineers.", "medium"),
        ("We're VC-backed.", "medium"),
        ("Pre-seed startup, zero money.", "low"),
        ("Bootstrapped startup.", "low"),
    ],
)
def test_money_words_of_a_company_s_funding(text: str, value: str | None) -> None:
    assert X.extract(text).answers.get("budget") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("One programmer has done some model training before.", "some"),
        ("Two developers; one has trained text classifiers with PyTorch.", "some"),  # the noun elided
        ("two developers, one of them knows pytorch", "some"),
        ("a PhD student who knows PyTorch", "some"),  # a doctorate is no ML team
        ("a postdoc who trains neural nets", "some"),
        ("our team includes two ML PhDs", "strong"),
        ("no one has trained models here", "none"),
    ],
)
def test_one_person_with_training_experience_is_some_skill(text: str, value: str) -> None:
    assert answers(text).get("ml_expertise") == value


def test_a_phd_in_another_field_is_no_ml_skill() -> None:
    assert "ml_expertise" not in answers("three PhDs in chemistry")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Experimental particle physics group.", None),  # the science, not the project's maturity
        ("We want a model to write up experimental procedures.", None),
        ("the project is still experimental", "weekly"),
        ("it is an experimental feature for now", "weekly"),
    ],
)
def test_experimental_is_changing_requirements_only_when_said_of_the_work(text: str, value: str | None) -> None:
    assert answers(text).get("requirements_change") == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The general models ignore our conventions even with examples in the prompt.", "plateaued"),
        ("Prompting gets the grammar of the dialect wrong constantly.", "plateaued"),  # a longer object
        ("The model makes stuff up about our products.", "plateaued"),
        ("The model ignores the boilerplate at the top, which is great.", None),  # not the team's rules
    ],
)
def test_prompting_failing_at_the_teams_rules_is_a_plateau(text: str, value: str | None) -> None:
    assert answers(text).get("prompt_results") == value

"""Statements of change split across clauses: a frequency tail, a pronoun subject, a bare
subject named in full before (phrase rules only, no embedding model)."""

from __future__ import annotations

from functools import cache

from handlers.assess.changes import ChangeReader
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import compile_patterns
from handlers.assess.semantic import OptionMatcher
from handlers.assess.text_cues import split_clauses
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
X = RuleExtractor(RUBRIC)
CHANGES = ChangeReader(RUBRIC, compile_patterns(RUBRIC))


def facts(text: str) -> object:
    return X.extract(text).answers.get("facts_change")


def test_a_frequency_tail_joins_the_clause_before_it() -> None:
    assert facts("The council updates those pages whenever bylaws change, roughly monthly.") == "monthly"
    joined = CHANGES.in_context(split_clauses("the council updates those pages, roughly monthly"))
    assert [c for _, c in joined] == ["the council updates those pages, roughly monthly"]


def test_a_pronoun_subject_is_the_subject_named_just_before() -> None:
    assert facts("We answer from 40 product manuals. They change when a new model comes out, maybe quarterly.") == (
        "monthly"
    )
    assert facts("We answer questions. They change when a new model comes out, maybe quarterly.") is None


def test_a_bare_subject_is_what_it_was_named_before() -> None:
    found = X.extract("It answers questions on our product specs. Specs update every release.").answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found


def test_how_often_asks_and_states_nothing() -> None:
    assert facts("How often does the policy change? Nobody knows.") is None
    assert facts("The policy changes often.") == "weekly"


def test_ish_seasonal_and_minutes() -> None:
    assert facts("Our help articles change weekly-ish.") == "weekly"
    assert facts("The menu changes seasonally.") == "monthly"
    assert facts("Outages update every few minutes.") == "daily"


def test_a_negated_stable_word_means_it_changes() -> None:
    found = X.extract("The requirements are anything but stable.").answers
    assert found["requirements_change"] == "weekly"
    assert X.extract("The requirements are not really fixed.").answers["requirements_change"] == "weekly"
    # a negated verb before "in years" still says it stays the same
    assert X.extract("The label set hasn't changed in years.").answers["requirements_change"] == "rarely"
    assert facts("Our prices are not updated weekly.") == "rarely"


def test_barely_change_and_conventions_and_formats() -> None:
    assert X.extract("Drafting conventions barely change.").answers["requirements_change"] == "rarely"
    assert X.extract("Vendors and formats - pretty stable").answers["requirements_change"] == "rarely"


def test_a_subject_that_changes_something_else_is_the_agent() -> None:
    found = X.extract("Product keeps changing what it wants from the summaries every sprint.").answers
    assert found == {"requirements_change": "weekly"}
    assert facts("Our product catalogue keeps changing every sprint.") == "weekly"


def test_items_handled_one_at_a_time_are_input_not_facts() -> None:
    assert facts("New products land in the catalogue every day and each needs a description.") is None
    assert facts("New products come in all the time but each description is written once.") is None
    assert facts("New products land in the catalogue every day.") == "daily"


def test_a_rulebook_is_a_facts_subject() -> None:
    assert facts("The rulebook changes weekly and every answer must cite the rule it relied on.") == "weekly"


def test_a_negated_quantifier_keeps_its_negation_through_a_pronoun() -> None:
    assert facts("Guests ask about menus - none of that is static, every location tweaks it.") == "weekly"
    assert facts("None of the docs are static.") == "weekly"
    assert facts("Our docs are static.") == "rarely"


def test_more_of_the_subject_named_before_is_growth() -> None:
    assert facts("~12k supplier contracts as PDFs, more get signed every month") == "monthly"
    assert facts("We keep 80k research PDFs. New ones are added each week.") == "weekly"
    # "more" followed by a noun is a count of something else, not further documents
    assert facts("Our manuals are in one folder. More users sign up every day.") is None


def test_a_gapped_clause_shares_the_change_verb_before_it() -> None:
    assert facts("baggage rules barely matter, fees change with no notice, schedules every week") == "weekly"
    assert facts("The prices change every day, the manuals every few months.") == "daily"
    # no verb before to share: a subject next to a frequency says nothing
    assert facts("schedules every week") is None


def test_an_object_pronoun_after_a_change_verb_is_the_subject_named_before() -> None:
    text = "the pricing and discount sheets are owned by revops and they change them constantly"
    assert facts(text) == "daily"
    assert facts("We answer from our product manuals, we revise them every quarter.") == "monthly"
    # the pronoun has no facts subject to stand for
    assert facts("We fine-tuned a model last year and update it every month.") is None


def test_growth_and_unannounced_change_are_frequent_change() -> None:
    assert facts("Our help articles keep growing.") == "weekly"
    assert facts("The fees change without notice.") == "weekly"


def test_providing_a_source_with_each_answer_is_a_citation_need() -> None:
    def cite(text: str) -> object:
        return X.extract(text).answers.get("cite_sources")

    assert cite("Every answer should come with a link so people can read further.") == "required"
    assert cite("agents want the page reference with every answer") == "required"
    assert cite("They get the answer together with the report and page, so they can check it themselves.") == (
        "required"
    )
    assert cite("It drafts replies to customers in a friendly tone.") is None


def test_naming_which_source_an_answer_came_from_is_a_citation_need() -> None:
    def cite(text: str) -> object:
        return X.extract(text).answers.get("cite_sources")

    assert cite("Reviewers must know which manual and which page each answer came from.") == "required"
    assert cite("The bot has to tell staff what guideline the reply is based on.") == "required"
    assert cite("Every answer should name the statute it relied on.") == "required"
    assert cite("We moved to GPT-4o, the model it is based on.") is None
    assert cite("Give the clause with a pointer to where it is written.") == "required"


def test_a_current_word_reaches_over_a_coordinated_noun_but_not_a_new_phrase() -> None:
    assert facts("previews written from live stats and injury news") == "daily"
    assert facts("we use the latest model and our docs rarely change") == "rarely"


def test_a_current_word_qualifies_another_criterions_noun_and_stops_there() -> None:
    assert facts("our current prompt tags product reviews by mood") is None
    assert facts("the latest instructions mention the product range") is None
    assert facts("the latest product prices") == "daily"


def test_what_holds_now_said_after_the_facts_is_the_facts_as_they_are_now() -> None:
    assert facts("Members want the gym schedule as it stands right now.") == "daily"
    assert facts("Guests see room availability at the moment they check.") == "daily"
    assert facts("it answers from the fares at the time of asking") == "daily"
    assert facts("we launched the docs at that time and moved on") is None


def test_rules_an_outside_body_changes_are_facts_to_look_up() -> None:
    found = X.extract("The tax authority amends its rules every few weeks.").answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found
    found = X.extract("Our suppliers revise their conventions every month.").answers
    assert found.get("facts_change") == "monthly" and "requirements_change" not in found
    # what the team changes of its own, and the shape of the output whoever sets it, stay requirements
    found = X.extract("Our product team changes the rules every month.").answers
    assert found.get("requirements_change") == "monthly" and "facts_change" not in found
    found = X.extract("The carriers change their label format every few weeks.").answers
    assert found.get("requirements_change") == "weekly" and "facts_change" not in found
    found = X.extract("The marketplaces change their specs every few weeks.").answers
    assert found.get("requirements_change") == "weekly" and "facts_change" not in found


def test_a_change_through_the_day_is_daily() -> None:
    assert facts("The pricing team edits our price sheets throughout the day.") == "daily"
    assert facts("We answer calls throughout the day.") is None


def test_what_the_team_is_asked_to_produce_changing_is_a_change_of_requirements_not_of_facts() -> None:
    # campaigns, briefs, messaging, priorities: what the model is asked to do, not facts it must know
    # (AndData: fast-changing fields such as marketing are where prompting is the agile choice)
    for text in ("Our campaigns change every couple of weeks.", "The briefs change weekly.",
                 "Our priorities change every month."):
        found = X.extract(text).answers
        assert "facts_change" not in found and found.get("requirements_change") in {"weekly", "monthly"}, text
    assert facts("Our prices change every couple of weeks.") == "weekly"


def test_a_change_that_times_another_is_the_trigger_not_what_changes() -> None:
    """"the handbook gets revised every few weeks when local rules change": the handbook changes at
    that pace (facts), the rules only say when; the same for "memos that come out whenever the rules
    change, which is every few weeks"."""
    found = X.extract("The policy handbook gets revised every few weeks when local rules change.").answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found
    text = "We answer from the policy memos that come out whenever the rules change, which is every few weeks."
    found = X.extract(text).answers
    assert found.get("facts_change") == "weekly" and "requirements_change" not in found
    # no subject named before it: the trigger is the only statement of change there is
    found = X.extract("we retrain the model whenever the rules change, weekly").answers
    assert found == {"requirements_change": "weekly"}
    # a pace said after the trigger is the pace of the subject named before it
    assert CHANGES.in_context(split_clauses("our docs change when the rules change every week")) == [
        (0, "our docs change every week")
    ]
    # a trigger that states a pace of its own keeps the pace, not its nouns
    said = "our faq gets edited whenever the weekly bulletin is published"
    assert CHANGES.in_context(split_clauses(said)) == [(0, "our faq gets edited weekly")]
    assert facts(said) == "weekly"


def test_a_trigger_clause_is_masked_whatever_its_verb() -> None:
    """"... whenever the clinical team updates their guidance", "each time our officer reads a new
    circular": the whole clause of time says what sets the change off, whatever its verb, so its
    nouns are masked and the pace kept (an event, or the pace said after it)."""
    said = "the scripts change whenever the clinical team updates their guidance"
    assert CHANGES.in_context(split_clauses(said)) == [(0, "the scripts change whenever it happens")]
    said = "the rules get rewritten each time our officer reads a new circular, so every couple of weeks"
    assert CHANGES.in_context(split_clauses(said)) == [
        (0, "the rules get rewritten, so every couple of weeks")
    ]
    # knowledge as the main subject stays facts
    assert facts("Our prices are republished whenever a carrier changes its surcharges.") == "weekly"
    # a plain "when" is a condition, not a recurring event: masked, it states no pace
    said = "the manuals only change when the hardware changes"
    assert CHANGES.in_context(split_clauses(said)) == [(0, "the manuals only change when it happens")]
    assert facts("The manuals only change when the hardware changes.") is None
    # a question word after a bare "is" is no trigger of a change: nothing is masked
    asked = "they ask whether an item is in stock and when the next delivery is"
    assert CHANGES.in_context(split_clauses(asked)) == [(0, asked)]


def test_a_far_frequency_after_its_subjects_own_verb_is_read() -> None:
    """Distance in clause structure: a long subject ("the product terms for the three accounts we
    offer to savers and small businesses in four regions") whose own verb carries the frequency is
    read however many characters lie between; a new clause in between ("..., and the template")
    takes the frequency for its own subject ("... are fine and the welcome letters get rewritten")."""
    text = (
        "The product terms and eligibility conditions for the three savings accounts we offer to retail "
        "savers and small businesses in our four regions get revised almost every week."
    )
    assert facts(text) == "weekly"
    text = (
        "Our prices for the three savings accounts we offer to retail savers and small businesses are "
        "fine and the welcome letters get rewritten almost every week."
    )
    assert facts(text) is None


def test_a_stated_pace_with_only_hedges_around_it_is_a_tail() -> None:
    assert facts("Our fees get revised by the board, sometimes several times a month.") == "weekly"
    assert facts("Our fees get revised by the board, probably about once a week.") == "weekly"
    joined = CHANGES.in_context(split_clauses("our fees get revised, sometimes several times a month"))
    assert [c for _, c in joined] == ["our fees get revised, sometimes several times a month"]


def test_a_container_names_what_it_holds() -> None:
    assert facts("The list of products changes every week.") == "weekly"
    found = X.extract("The list of categories changes every month.").answers
    assert found.get("requirements_change") == "monthly" and "facts_change" not in found


def test_a_pronoun_takes_a_far_subject_up_again() -> None:
    text = (
        "We keep the travel policies for all nine regional offices and they get revised, "
        "often several times a month."
    )
    assert facts(text) == "weekly"


def test_the_noun_of_a_recurring_event_is_not_a_subject() -> None:
    """"their tone gets reworked for every product launch": the product launch sets the change
    off, like a trigger; the product is not what changes."""
    assert CHANGES.subjects("their tone gets reworked for every product launch") == []
    assert facts("Their tone gets reworked for every product launch.") is None
    assert facts("Our catalog changes with every new product.") == "weekly"


def test_work_done_for_each_item_is_no_change_but_a_change_with_each_item_is_fast() -> None:
    assert facts("Our prices change with every transaction.") == "daily"
    assert facts("Our prices are updated with each payment.") == "daily"
    # a participle with no change verb: the task's work on each item, not a change
    assert X.extract("We want a small add-on that is loaded for each request.").answers == {}
    assert "requirements_change" not in X.extract("Summaries are produced for each ticket.").answers


def test_never_with_another_verb_states_no_pace() -> None:
    assert facts("Our prices change with every sale and must never leave our servers.") == "daily"
    assert facts("Prices change with every order and must never be wrong.") == "daily"
    assert facts("Our product catalogue never changes.") == "rarely"
    assert facts("The product catalogue has never been updated.") == "rarely"


def test_a_reset_is_a_change() -> None:
    assert facts("Our prices get reset at every board meeting, roughly twice a month.") == "weekly"


def test_a_change_verb_before_a_coordinated_object_reaches_its_subject() -> None:
    text = "Each department changes its layout and wording rules almost weekly."
    assert X.extract(text).answers.get("requirements_change") == "weekly"
    # the adjective "new" far before is no change of a subject after the frequency
    text = "A new customer comes on board roughly every two weeks and sends examples of what they want."
    assert "requirements_change" not in X.extract(text).answers


def requirements(text: str) -> object:
    return X.extract(text).answers.get("requirements_change")


def test_a_difference_from_one_time_to_the_next_is_a_change() -> None:
    """"is different with every request", "vary from week to week": a difference between one time
    and the next states a change as a change verb does, and its subject decides whose."""
    assert requirements("The report template is different with every request.") == "daily"
    assert requirements("Our templates vary from week to week.") == "weekly"
    assert requirements("The output format is different every time.") == "daily"
    assert facts("Our prices differ from one day to another, every day.") == "daily"
    # the task's input differing from item to item changes nothing
    found = X.extract("Each customer's question is different, and we have 20k answered tickets.").answers
    assert "requirements_change" not in found and "facts_change" not in found
    # a difference between people or things is no change over time ("a lot" says how much there)
    found = X.extract("Narratives follow our format, and quality varies a lot between analysts.").answers
    assert "requirements_change" not in found and "facts_change" not in found
    assert requirements("The format varies across regions, every day.") is None
    # an adjective before a noun states no difference over time
    found = X.extract("The format covers three different regions every day.").answers
    assert "requirements_change" not in found


def test_a_participle_no_verb_list_names_states_the_change_of_its_subject() -> None:
    assert facts("The partner list still gets reshuffled roughly monthly.") == "monthly"
    assert facts("Asking prices get knocked down almost daily.") == "daily"
    # a participle of use is a pace of use, no change
    assert facts("The manuals are consulted every day.") is None


def test_new_change_verbs_and_paces() -> None:
    found = X.extract("Product management reorganises the tag list roughly every month.").answers
    assert found.get("requirements_change") == "monthly"
    assert facts("Prices are updated nonstop.") == "daily"
    assert facts("Our fares get tweaked mid-season.") == "weekly"
    assert facts("Fares update every few seconds.") == "daily"


def test_what_holds_now_said_with_no_noun_is_current_facts() -> None:
    assert facts("Players ask questions about what's current.") == "daily"
    assert facts("It has to reference what's actually happening.") == "daily"
    assert facts("We want to know what is new in fine-tuning.") is None


@cache
def with_matcher() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def test_what_is_published_or_released_is_facts_whatever_its_noun() -> None:
    read = with_matcher().extract
    assert read("Funders publish new calls all the time.").answers.get("facts_change") == "daily"
    assert read("Recalls are announced most weeks.").answers.get("facts_change") == "weekly"
    assert read("We push a balance patch basically every week.").answers.get("facts_change") == "weekly"
    # moving items along is a pace of use
    assert "facts_change" not in read("We'd push roughly eighty thousand notes through it daily.").answers


def test_items_that_differ_from_one_another_are_the_input_not_a_change() -> None:
    found = with_matcher().extract("Every release we get looks different, but the house style is fixed.").answers
    assert found.get("requirements_change") == "rarely"
    found = with_matcher().extract("The layout they ask for is different with every request.").answers
    assert found.get("requirements_change") == "daily"


def test_an_agent_changing_which_fields_changes_the_requirements() -> None:
    found = with_matcher().extract("The partners change which fields the summary must have almost weekly.").answers
    assert found.get("requirements_change") == "weekly" and "facts_change" not in found


def test_a_semester_is_a_pace_and_a_compound_of_do_a_change_verb() -> None:
    assert facts("The handbook is revised every semester.") == "monthly"
    assert facts("handbook redone each semester.") == "monthly"
    # "every term" stays no pace: a term is as often a word ("translate every term the same way")
    assert facts("We translate every term in the glossary the same way.") is None

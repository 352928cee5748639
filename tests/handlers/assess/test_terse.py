"""Terse statements of change: a noun of change with a pace ("Rota revisions weekly"), a feed
resynced, reloaded or rebuilt ("stock resyncs overnight"), and their look-alikes that state no
change of the facts (overnight batch work, arrivals of the task's inputs, people); and the two
deadline words that describe the present ("right now we have ...", "tomorrow's slot")."""

from __future__ import annotations

from functools import cache

from handlers.assess.changes import ChangeReader
from handlers.assess.extract import RuleExtractor
from handlers.assess.patterns import compile_patterns
from handlers.assess.semantic import OptionMatcher
from handlers.assess.terse import TerseChanges
from handlers.assess.things import ThingClassifier
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()
TERSE = TerseChanges(ChangeReader(RUBRIC, compile_patterns(RUBRIC)))
X = RuleExtractor(RUBRIC)


@cache
def things() -> ThingClassifier:
    return ThingClassifier(OptionMatcher(RUBRIC, get_onnx_embedder))


@cache
def with_matcher() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def paces(clause: str, classify: bool = False) -> list[tuple[str, object]]:
    return [(c.criterion, c.value) for c in TERSE.read(clause, 0, things() if classify else None)]


def test_a_noun_of_change_with_a_pace_states_the_pace_of_its_thing() -> None:
    assert paces("drug list edits every week") == [("facts_change", "weekly")]
    assert paces("price updates ~daily") == [("facts_change", "daily")]
    assert paces("label set revisions monthly") == [("requirements_change", "monthly")]
    # an outside body among the facts' agents: what it amends is knowledge to look up
    assert paces("regulator amendments monthly") == [("facts_change", "monthly")]
    # a hedge may stand between the change and its pace
    assert paces("template tweaks roughly every sprint") == [("requirements_change", "weekly")]


def test_a_thing_no_list_names_is_placed_by_the_classifier_else_read_as_the_facts() -> None:
    # without the encoder an unlisted noun stays unread
    assert paces("rota revisions weekly") == []
    assert paces("rota revisions weekly", classify=True) == [("facts_change", "weekly")]
    assert paces("formulary changes every week", classify=True) == [("facts_change", "weekly")]
    assert paces("tone tweaks every sprint", classify=True) == [("requirements_change", "weekly")]


def test_a_feed_resynced_reloaded_or_rebuilt_is_the_facts_at_that_pace() -> None:
    assert paces("stock and prices resync overnight from the warehouse system") == [("facts_change", "daily")]
    assert paces("catalogue feed reloads every few hours") == [("facts_change", "daily")]
    assert paces("archive index rebuilt nightly") == [("facts_change", "daily")]  # "index" is no verb here
    assert paces("schedules refreshed overnight") == [("facts_change", "daily")]
    # a part after a colon opens on its own thing
    assert paces("newsroom assistant: archive index rebuilt nightly") == [("facts_change", "daily")]


def test_no_pace_no_thing_no_reading() -> None:
    assert paces("drug list edits need a pharmacist's sign-off") == []  # no pace
    assert paces("we edit the drug list every week") == []  # a person opens the clause: `changes` reads it
    assert paces("staff changes every week", classify=True) == []  # people are no thing that changes
    assert paces("model retrained nightly", classify=True) == []
    # arrivals and the task's inputs are no revision
    assert paces("tickets added daily", classify=True) == []
    assert paces("requests arrive every few hours", classify=True) == []
    assert paces("orders imported nightly from the shop", classify=True) == []
    # a pace far from the change, past other words, is not its pace
    assert paces("price updates go to the sales team every week") == []
    # full sentences, containers and negations are `changes`' to read
    assert paces("the list of themes changes every sprint", classify=True) == []
    assert paces("list of chores changes week to week", classify=True) == []
    assert paces("the notation won't change for years", classify=True) == []
    # a noun on both subject lists is left to `changes`
    assert paces("schema changes weekly") == []
    # a relative clause's pronoun is no thing: "the portal, which changes every week" is `changes`' to read
    assert paces("We reformat the result for each customer's portal, which changes every week.", classify=True) == []
    assert paces("the portal, that changes every week", classify=True) == []


def test_what_comes_out_at_a_pace_is_published_knowledge() -> None:
    assert paces("protocol amendments come out every month or so", classify=True) == [("facts_change", "monthly")]


def test_a_change_verbs_overnight_is_a_pace_not_a_latency() -> None:
    found = X.extract("Grocery chat. Stock and prices resync overnight from the warehouse system.").answers
    assert found.get("facts_change") == "daily" and "latency_sensitivity" not in found
    found = X.extract("Archive index rebuilt nightly. Reporters ask about past coverage.").answers
    assert found.get("facts_change") == "daily" and "latency_sensitivity" not in found


def test_overnight_batch_work_stays_a_latency() -> None:
    found = X.extract("Overnight batch job: turn each day's call transcripts into a manager report.").answers
    assert found.get("latency_sensitivity") == "low" and "facts_change" not in found
    found = X.extract("Claims processed overnight, results by morning are fine.").answers
    assert found.get("latency_sensitivity") == "low" and "facts_change" not in found


def test_the_full_extractor_reads_terse_notes() -> None:
    found = with_matcher().extract("Shift-planning assistant for a hospital. Rota revisions weekly, no ML.").answers
    assert found.get("facts_change") == "weekly"
    found = with_matcher().extract("PBM. formulary changes every week, plan documents ~5k pages.").answers
    assert found.get("facts_change") == "weekly"


def test_right_now_describes_the_present_unless_it_is_wanted() -> None:
    found = X.extract("Right now we only have ~250 annotated contracts.").answers
    assert "timeline" not in found and found.get("labelled_examples") == 250
    assert "timeline" not in X.extract("The report layout is being redesigned right now.").answers
    assert X.extract("We need something working right now.").answers.get("timeline") == "days"
    assert X.extract("We need it right now.").answers.get("timeline") == "days"


def test_tomorrows_qualifies_a_noun_and_sets_no_deadline() -> None:
    assert "timeline" not in X.extract("Shoppers ask what they can get in tomorrow's slot.").answers
    assert X.extract("The demo is tomorrow.").answers.get("timeline") == "days"

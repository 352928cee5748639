"""Where the model must run, told by the site's connection or the place of running
(handlers/assess/where_runs.py), alone and through the rule-based extractor (no embedding matcher)."""

from __future__ import annotations

import pytest

from handlers.assess.extract import RuleExtractor
from handlers.assess.text_cues import normalise
from handlers.assess.where_runs import where_runs
from knowledge.rubric.model import shipped_rubric

X = RuleExtractor(shipped_rubric())


def _values(text: str) -> set[str]:
    return {str(c.value) for c in where_runs(normalise(text), 0)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The site has no reliable internet", "offline"),
        ("the ships spend weeks at sea without a connection", "offline"),
        ("our engineering network is cut off from the outside world", "offline"),
        ("the rig only has patchy satellite uplink", "offline"),
        ("the internet there is often down", "offline"),
        ("whatever we use must run locally", "on_premise"),
        ("anything we use has to be hosted in-house", "on_premise"),
        ("it must run on our own box in the lab", "on_premise"),
        ("the model should be deployed on one workstation with a single GPU", "on_premise"),
        ("we host it on the premises.", "on_premise"),
    ],
)
def test_a_lack_of_connection_or_a_place_of_our_own_sets_deployment(text: str, value: str) -> None:
    assert value in _values(text)


@pytest.mark.parametrize(
    "text",
    [
        "We're a local council and residents ask about bin days",  # "local" of something else
        "a farm co-op selling locally sourced veg boxes",
        "we work locally with schools",  # people, not a model
        "we run on-site workshops for kids",  # "on-site" modifies a noun
        "Internet provider; agents answer questions about internet outages",  # internet as a topic
        "we don't need it to run locally",  # denied
        "it runs on one rented cloud server",  # not a machine of our own
        "it runs on a single server in AWS",
        "we have limited bandwidth on the team",  # people's time, not connectivity
        "there is no connection to our CRM yet",  # an integration, not connectivity
    ],
)
def test_local_words_in_other_roles_set_no_deployment(text: str) -> None:
    assert _values(text) == set()


def test_the_extractor_reads_an_offline_site_with_one_workstation() -> None:
    ex = X.extract(
        "Geology team at a remote site. The site has no reliable internet, so whatever we use must run "
        "locally on one workstation with a single GPU."
    )
    assert ex.answers["deployment"] in {"offline", "on_premise"}
    assert ex.answers["budget"] == "medium"


def test_the_extractor_leaves_a_local_council_without_deployment() -> None:
    ex = X.extract("We're a local council. Residents ask about bin collection days. We sell locally sourced compost.")
    assert "deployment" not in ex.answers


@pytest.mark.parametrize(
    "text",
    [
        'friendly reminder texts and the occasional "we\'re closed" notice',  # "occasional" with no connectivity
        "legal ops wants ~30 little extractors (parties, governing law)",
    ],
)
def test_a_word_of_lack_without_a_noun_of_connectivity_is_no_offline_site(text: str) -> None:
    assert _values(text) == set()


def test_a_deployment_synonym_outranks_the_inference() -> None:
    ex = X.extract("A museum kiosk app. The hall has no internet connection, so it runs on the kiosk itself.")
    assert ex.answers["deployment"] == "edge"

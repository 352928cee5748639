"""What changes with each request (the input supplied, the customers, a spending period, what the
copy is about) is not a pace of the facts; what readers ask about still is. Read with the embedding
matcher, which reads the unnamed paces these spans take back."""

from __future__ import annotations

from functools import cache

from handlers.assess.extract import RuleExtractor
from handlers.assess.request_inputs import input_spans, supplied_words
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


@cache
def _extractor() -> RuleExtractor:
    return RuleExtractor(RUBRIC, OptionMatcher(RUBRIC, get_onnx_embedder))


def facts(text: str) -> object:
    return _extractor().extract(text).answers.get("facts_change")


def test_the_things_supplied_are_named_in_the_supplying_clause() -> None:
    words = supplied_words("every friday the manager pastes that week's figures into the chat, and wants a recap.")
    assert "figure" in words and "recap" not in words
    assert "ingredient" in supplied_words("we write cards from the ingredient list each chef sends with the order.")
    assert "reading" in supplied_words("draft the summary from the meter readings.")


def test_what_is_written_from_a_store_of_knowledge_is_not_supplied() -> None:
    assert supplied_words("we generate answers from our knowledge base.") == set()
    assert supplied_words("it drafts replies from the policy documents.") == set()


def test_a_pace_of_what_is_supplied_with_each_request_is_no_fact() -> None:
    assert facts("Each quarter our controller pastes the ledger totals in. The totals are new every week.") is None
    assert facts("Our agents type the order details into the form. The orders change every day.") is None
    text = "We send the invoice data along with each request and thousands of new invoices arrive daily."
    assert facts(text) is None


def test_a_pace_of_knowledge_beside_a_supplied_input_stays_a_fact() -> None:
    text = "Staff paste the customer's question. The bot answers from our manuals, which change weekly."
    assert facts(text) == "weekly"
    assert facts("We write summaries from our wiki. The wiki pages change every week.") == "weekly"


def test_customers_or_hires_arriving_are_no_fact() -> None:
    assert facts("We host one model for our tenants. New tenants get onboarded every month.") is None
    assert facts("Offer letters for new staff; new employees join every week.") is None
    assert facts("New clients onboard every month, each with their own labels.") is None


def test_what_new_customers_ask_about_still_changes() -> None:
    text = "New customers sign up every month and ask about our plans and fees, which we revise monthly."
    assert facts(text) == "monthly"
    assert facts("New products arrive daily and customers ask about them.") == "daily"


def test_a_spending_period_is_no_change() -> None:
    spans = input_spans("spending is a fixed monthly api budget.")
    assert spans and spans[0][1] - spans[0][0] >= len("monthly api budget")
    assert facts("Our spend is a fixed monthly API budget.") is None
    assert facts("Our price list changes monthly and the monthly budget is small.") == "monthly"


def test_what_copy_is_written_about_is_handed_over() -> None:
    text = "I want something that writes our shop's instagram posts. The offers change every week."
    assert facts(text) is None


def test_copy_whose_readers_ask_or_that_cites_a_store_keeps_its_facts() -> None:
    assert facts("It writes posts and answers questions about our menu, which changes every week.") == "weekly"
    assert facts("We write newsletter copy. The regulations we cover change every month.") == "monthly"


def test_a_form_the_readers_fill_in_is_nothing_supplied() -> None:
    text = "Clients ask the assistant how to fill in tax forms. The tax office reissues its guidance every quarter."
    assert facts(text) == "monthly"


def test_what_the_user_gets_back_is_not_what_they_supply() -> None:
    text = (
        "Duty rates and tariff lines move around, sometimes with a week's notice. Brokers type in a product "
        "description and get the duty rate as it stands today."
    )
    assert "rate" not in supplied_words(text.lower())
    assert facts(text) == "daily"

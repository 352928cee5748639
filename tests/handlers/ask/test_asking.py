"""How a question asks (handlers.ask.asking): clauses, openings, requests for a procedure."""

from __future__ import annotations

from handlers.ask.asking import HOWTO_OPENING, asks_how, asks_in, clauses, opens_with


def test_a_clause_opens_after_a_sentence_end_a_colon_a_dash_or_a_comma() -> None:
    q = "prompts don't get our jargon. how do we fix that?"
    assert clauses(q) == [q, "how do we fix that?"]
    assert opens_with(HOWTO_OPENING, q)
    assert not opens_with(HOWTO_OPENING, "we know how do we feel about it")


def test_a_procedure_is_requested_in_other_words_than_how() -> None:
    assert asks_how("walk me thru setting up a LoRA run")
    assert asks_how("what's the playbook to test an idea quickly?")
    assert asks_how("where do we even start with fine-tuning?")
    # an alternative to weigh is not a procedure
    assert not asks_how("is there a cheaper way to get most of the quality?")
    assert not asks_how("what is LoRA?")


def test_a_stated_sentence_asks_nothing() -> None:
    q = "Our job is contracts, which needs deep domain knowledge. Which way should we go?"
    stated = q[q.index("which needs"):]
    assert not asks_in(stated, q)
    assert asks_in("Which way should we go?", q)

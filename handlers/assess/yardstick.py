"""Budgets told by an everyday yardstick (pure): "it has to cost about what a coffee subscription
costs", "in the range of our music streaming plan", "no more than we spend on tea and biscuits",
"it's pocket money", "paid out of petty cash" -> a low `budget`.

A team that measures what it may spend against a household expense - a drink or a meal, a
consumer subscription or phone plan, the office snacks - states a budget of tens of dollars a
month: API calls, not GPUs (the rubric's low budget; SkillWisor: organisations with limited AI
budgets start with prompt engineering). The reading needs both halves: a word of spending or cost
in the clause, and a comparison that caps the spend at such an expense ("about what", "the price
of", "no more than", "in the range of", "the budget is basically the chat subscription"); "more
than our phone bill" is a floor, no cap, and an expense named for another reason ("a coffee
chain's support bot", "our product subscription") states no budget. Idioms of a trifling sum
("pocket money", "petty cash", "loose change") state it by themselves. What the team's customers
pay, or what it charges them, is a price, not the team's budget.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate

# household expenses: a drink or a meal, a consumer subscription or plan, the office's small supplies
_EXPENSE = (
    r"(?:coffees?|lattes?|cappuccinos?|(?:a )?cups? of (?:coffee|tea)|lunch(?:es)?|pizzas?|sandwich(?:es)?|"
    r"beers?|pints?|takeaways?|take-?outs?|meals?|(?:tea|coffee) and (?:biscuits|cake|snacks)|snacks|"
    r"(?!(?:enterprise|cloud|api|aws|azure|gcp|saas|software|openai|business|corporate|product|customer|"
    r"company|team|site)\b)[\w-]+ subscriptions?|"
    r"(?:streaming|music|netflix|spotify|phone|mobile|cell(?:phone)?|data|gym) (?:plans?|bills?|subscriptions?|"
    r"memberships?|contracts?)|netflix|spotify|gym memberships?)"
)
_COMPARED = (
    r"(?:what|as much as|the (?:price|cost) of|(?:(?:in|within) )?the (?:range|ballpark|region|realm) of|"
    r"(?:budget|spend|spending|costs?)(?: for (?:this|it))? (?:is|are|'s|will be|would be|has to be|must be)"
    r"(?: basically| just| only| essentially| more or less)?|"
    r"(?:no|not) more than|(?:less|cheaper) than|about|around|roughly|like|the same as|equivalent (?:of|to))"
)
_YARDSTICK = re.compile(
    rf"\b{_COMPARED}\s+(?:(?:a|an|one|our|my|the|your|two|a couple of|a few|some|(?:we|i) (?:spend|pay) on)\s+)?"
    rf"(?:[\w'-]+\s+){{0,2}}?{_EXPENSE}(?![\w-])"
)
_SPEND_WORD = re.compile(
    r"\b(?:cost\w*|cheap\w*|spend\w*|spent|budget\w*|pay\w*|price\w*|afford\w*|bills?|money|charge\w*)\b"
)
_TRIFLE = re.compile(
    r"\b(?:pocket money|petty cash|loose change|spare change|(?:beer|coffee|lunch) money|chump change|peanuts)\b"
)
# "peanuts" is a trifle only where money is spoken of ("we pay peanuts for hosting", not the snack)
_NEEDS_SPEND_WORD = {"peanuts"}
# what the team's customers pay, or what the team charges, is a price, not the team's budget
_BUYERS_PAY = re.compile(
    r"\b(?:(?:customers?|users?|clients?|buyers?|shoppers?|guests?|members?|subscribers?|patients?|consumers?)"
    r"\s+(?:\w+\s+)?(?:pay|spend|are charged|get charged)|we charge|priced at|sells? for|retails? for|"
    r"(?:our|the|its) (?:product|service|app|item|offering)s?(?:'s)? (?:price|costs?|is priced)|"
    r"(?:price|cost) of (?:our|the|its) (?:product|service|app|item|offering)s?)"
)


def everyday_budget(clause: str, offset: int) -> list[Candidate]:
    """A low budget stated by an everyday yardstick in `clause` (module docstring)."""
    if _BUYERS_PAY.search(clause):
        return []
    out: list[Candidate] = []
    spoken = _SPEND_WORD.search(clause) is not None
    if spoken:
        out += [_low(m, offset) for m in _YARDSTICK.finditer(clause)]
    out += [_low(m, offset) for m in _TRIFLE.finditer(clause) if spoken or m.group(0) not in _NEEDS_SPEND_WORD]
    return out


def _low(m: re.Match[str], offset: int) -> Candidate:
    return Candidate(BUDGET, "low", offset + m.start(), len(m.group(0)), m.group(0))

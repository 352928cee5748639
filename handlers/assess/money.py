"""Budgets stated as money (pure): "$500/month", "~€300/month", "we can spend 20k", "£80k for
this", "$250k of GPU time this year" -> an amount, monthly when it recurs, which the rubric's
money bands turn into a budget choice.

An amount is money when a currency marks it ($, €, £, "usd", "dollars", ...) and the clause is
about what the team can spend (a budget word, "spend", "approved", "for this", ...), not a price,
a fine or revenue; or when a spending verb comes right before a bare amount ("spend 20k on it").
A money amount is never a request volume or a count of examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.assess.numbers import find_numbers
from knowledge.rubric.reading import Money

_SYMBOL = r"(?:us\$|\$|€|£|¥|usd|eur|gbp|chf|cad|aud|inr|rs\.?)"
_CURRENCY_BEFORE = re.compile(_SYMBOL + r"\s*~?\s*$")
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:usd|eur|gbp|chf|cad|aud|dollars?|euros?|pounds?|bucks|quid|\$|€|£)(?![a-z])", re.I
)
_SPEND_BEFORE = re.compile(
    r"\b(?:spend|spending|spent|afford|approved for|allocated|set aside|put|throw|sink|commit|"
    r"budget(?:ed)?(?: for (?:this|it))?"
    r"(?: (?:of|is|was|at|around|about|under))?|funding of|invest(?:ing)?|capped at|cap of)"
    r"\s*(?:(?:about|around|roughly|maybe|approx(?:imately)?|~|up to|like|under|at most|max|is|of)\s*)*:?\s*$"
)
# what may follow a bare amount after a spending verb: "spend 20k on it", "20k total", "20k."
_BARE_AFTER = re.compile(r"^\s*(?:$|[,.;:!)(/]|(?:on|for|into|a|an|per|in|this|total|tops|max|all|of)\b)")
_BUDGET_CUE = re.compile(
    r"\b(?:budget\w*|spend\w*|spent|afford\w*|approved|allocat\w*|set aside|fund(?:ing|s|ed)|invest\w*|"
    r"cap(?:ped)?|gpus?|compute|all[- ]in|for (?:this|it|the project)|can pay|willing to pay|"
    r"(?:we(?:'ve| have)?|i(?:'ve| have)?) got|given|money|max(?:imum)?|ceiling|tops|"
    r"for the (?:year|quarter|project|pilot|poc|prototype))\b"
)
_NOT_BUDGET = re.compile(
    r"\b(?:prices?|priced|pricing|worth|sells?|sold|revenue|arr|mrr|raised|valuation|salar\w+|fines?|fined|"
    r"penalt\w+|fees?|per (?:seat|user|unit|item|order)|order value|cost us|costs? the customer|losses?|lose|"
    r"(?:customers?|users?|clients?|buyers?|shoppers?|guests?|members?) (?:\w+ )?(?:spend|pay)\w*)\b"
)
_PERIOD = re.compile(
    r"^\s*(?:/\s*|per\s+|a\s+|an\s+|each\s+|every\s+)(month|mo|mth|year|yr|annum|week|wk|day|quarter)s?\b"
    r"|^\s*(monthly|yearly|annually|weekly|quarterly|daily)\b"
)
_PERIOD_NEAR = re.compile(r"\b(?:this|the|per|a|each|every|next) (year|month|quarter)\b")
_PER_MONTH = {
    "month": 1.0, "mo": 1.0, "mth": 1.0, "monthly": 1.0,
    "year": 1 / 12, "yr": 1 / 12, "annum": 1 / 12, "yearly": 1 / 12, "annually": 1 / 12,
    "week": 4.33, "wk": 4.33, "weekly": 4.33, "day": 30.0, "daily": 30.0,
    "quarter": 1 / 3, "quarterly": 1 / 3,
}  # fmt: skip


@dataclass(frozen=True)
class Amount:
    value: float  # in the currency's units
    per_month: float | None  # the monthly amount when it recurs, else None (a one-off total)
    start: int
    end: int  # the amount, its currency and its period
    budget: bool = True  # False: money, but a price, a fine or revenue rather than a budget


def find_amounts(clause: str) -> list[Amount]:
    """Every amount of money in `clause`; `budget` says whether it states one (module docstring)."""
    out: list[Amount] = []
    for num in find_numbers(clause):
        before, after = clause[: num.start], clause[num.end :]
        symbol_before = _CURRENCY_BEFORE.search(before)
        symbol_after = _CURRENCY_AFTER.match(after)
        start = symbol_before.start() if symbol_before else num.start
        end = num.end + (symbol_after.end() if symbol_after else 0)
        near = clause[max(0, start - 30) : start]
        budget = True
        if symbol_before or symbol_after:
            cued = _BUDGET_CUE.search(clause) or _SPEND_BEFORE.search(before)
            budget = bool(cued) and not _NOT_BUDGET.search(near)
        elif not (_SPEND_BEFORE.search(before) and _BARE_AFTER.match(after)) or _NOT_BUDGET.search(near):
            continue
        period = _PERIOD.match(clause[end:])
        if period:
            end += period.end()
            unit = (period.group(1) or period.group(2)).lower()
        else:
            near_after = _PERIOD_NEAR.search(clause[end : end + 40])
            unit = near_after.group(1) if near_after else ""
        factor = _PER_MONTH.get(unit)
        out.append(Amount(num.value, num.value * factor if factor else None, start, end, budget))
    return out


def budget_choice(amount: Amount, money: Money) -> str:
    """The budget choice (low / medium / high) an amount stands for."""
    if amount.per_month is not None:
        return money.per_month.choice(amount.per_month)
    return money.total.choice(amount.value)

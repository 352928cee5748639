"""Paces that are no pace of facts or requirements: a new unit of work arriving is a task
cadence, and a statement of how the model is kept or trained states no pace at all (pure).

"Every month or so a new customer arrives with their own paperwork and we need a new extraction
task" states how often a new task variant is needed, not how often the knowledge the model answers
from changes: nothing there is looked up at answer time. Gupta: prompt tuning "enables faster
adaptation to new tasks or domains" and "allows for multiple specialized tunings to be stored
efficiently"; RAG is for "knowledge that needs frequent updates". The frequency readers read the
pace of any clause whose thing they cannot place, so this pass re-reads a pace of facts or
requirements whose statement is a new customer, client, tenant, partner, brand, site or task
arriving, joining or being taken on, and names nothing else that changes, as `task_variants:
per_task` (a stored variant per task or customer).

`request_inputs.input_spans` already keeps a pace of new customers signing up from reading as
facts; this pass says what such a pace is (a variant per task) and covers requirements too.

A new unit whose own content changes ("a new client joins every week and their price lists change
daily") keeps the reading of that change: the statement names a change beside the arrival.

Likewise a statement mostly read as the model's own set-up ("our platform group has frozen the
backbone llm: teams may train something that is fed in before the input"; "for each client have
the computer learn a tiny add-on ... that gets fed in ahead of the text") tells how the model is
kept or trained (`training`, `trained_footprint`), not how often facts or requirements change: a
frozen backbone is not a frozen specification, and "each client" is no pace. Such a pace reading is
dropped.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate

TASK_VARIANTS = "task_variants"
_SETUP = ("training", "trained_footprint")
SETUP_SHARE = 0.5  # share of a pace statement's characters that readings of the model's set-up cover
_PACES = ("facts_change", "requirements_change")

_UNIT = (
    r"(?:customers?|clients?|tenants?|partners?|brands?|accounts?|sites?|plants?|stores?|markets?|"
    r"departments?|teams?|imprints?|product lines?|tasks?|use[- ]cases?|projects?|workflows?)"
)
_NEW_UNIT = re.compile(
    # "a new customer arrives", "another partner joins", "new clients sign up"
    rf"(?<![\w-])(?:a |one |another |new )(?:new )?(?:[\w-]+ )?{_UNIT} (?:arrives?|arriving|joins?|joining|"
    r"signs? (?:up|on)|comes? (?:on ?board|along|in)|is (?:added|signed|onboarded)|gets? (?:added|signed|onboarded)|"
    r"onboards?|starts?|lands?|is won)(?![\w-])"
    # "we onboard a new client", "we take on another customer", "we need a new extraction task"
    r"|(?<![\w-])(?:onboard|sign|add|take on|win|land|bring on|need|get|set up|spin up) (?:a |another |one )(?:new )?"
    rf"(?:[\w-]+ )?{_UNIT}(?![\w-])"
)
# what changes beside the arrival: "their price lists change daily"
_OTHER_CHANGE = re.compile(
    r"(?<![\w-])(?:change[sd]?|changing|updated?|updates|updating|revised?|revises|revising|edited|amended|"
    r"moves?|moving|shifts?|shifting|drifts?|drifting|fluctuates?|flips?|flipped|flipping|switch(?:es|ed|ing)?|"
    r"var(?:y|ies|ied)|differs?|published|released)(?![\w-])"
)


def task_cadence(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with each pace of facts or requirements that states a new unit of work
    arriving (module docstring) read as a stored variant per task instead."""
    setup = [c for c in candidates if c.criterion in _SETUP]
    out: list[Candidate] = []
    for c in candidates:
        if c.criterion in _PACES and _set_up(c, setup):
            continue
        if c.criterion in _PACES and _NEW_UNIT.search(c.snippet) and not _OTHER_CHANGE.search(c.snippet):
            out.append(Candidate(TASK_VARIANTS, "per_task", c.start, c.length, c.snippet, c.priority))
        else:
            out.append(c)
    return out


def _set_up(pace: Candidate, setup: list[Candidate]) -> bool:
    """Readings of the model's set-up cover at least SETUP_SHARE of the pace's statement."""
    end = pace.start + len(pace.snippet)
    covered: set[int] = set()
    for c in setup:
        covered.update(range(max(c.start, pace.start), min(c.start + len(c.snippet), end)))
    return len(covered) >= SETUP_SHARE * len(pace.snippet.strip())

"""What the counted noun phrase itself says it counts (pure): its head noun and what it is said to be
fit for, not the cue words that follow it.

A labelled example is a record, an input with its correct output (the rubric's "input -> correct
output"). Three readings of the counted phrase decide whether a count is of such records:

- people and organisations are no records: "every one of our 30 partner schools marks essays", "40
  engineers who answered tickets", "3,000 merchants we verified" count schools, engineers,
  merchants, however close a cue word ("essays", "answered", "verified") follows them
  (`counts_people`). The count names them when a plural noun of people or of organisations is the
  first plural among the first words of the counted phrase, with no possessive mark: "5,000
  doctors' notes" counts notes, "1,200 customer emails" counts emails (the singular is a modifier);
- finished cases are records with their outcome: "1,500 closed matters", "900 settled claim files",
  "3,000 resolved tickets" hold the input and what was done about it, the examples of the task
  (`finished_cases`), although "files" alone are documents ("2,000 files" is knowledge);
- things said to be fit to learn from are offered as examples: "3,000 resolved tickets are good
  enough to learn from", "1,500 matters worth training on" (`offered_count`).
"""

from __future__ import annotations

import re

from handlers.assess.made_counts import NP_WORDS, noun_phrase

LEAD_WORDS = 3  # words of the counted noun phrase in which its head is a person or organisation
# roles people hold, and people at large
_ROLES = (
    r"people|persons|folks|humans|staff|employees|colleagues|workers|members|volunteers|contractors|"
    r"freelancers|customers|users|clients|visitors|subscribers|buyers|sellers|callers|patients|applicants|"
    r"students|pupils|citizens|shoppers|readers|engineers|developers|devs|agents|reps|representatives|"
    r"doctors|nurses|teachers|tutors|lawyers|attorneys|paralegals|analysts|reviewers|annotators|labell?ers|"
    r"raters|experts|editors|writers|translators|moderators|clerks|adjusters|underwriters|technicians|techs|"
    r"designers|managers|consultants|accountants|auditors|advisors|advisers|coaches|drivers|operators|"
    r"officers|inspectors|surveyors|brokers|vets|merchants|vendors|suppliers|partners|"
    r"[a-z]+(?:ologists|icians|alists|(?<!l)ists)"
)
# organisations and the places they work from
_ORGANISATIONS = (
    r"schools|colleges|universities|companies|firms|businesses|organi[sz]ations|clinics|hospitals|practices|"
    r"pharmacies|stores|shops|branches|offices|sites|locations|outlets|restaurants|hotels|warehouses|plants|"
    r"factories|depots|teams|departments|agencies|banks|councils|districts|brands|libraries|labs|laboratories"
)
# a plural noun, the head of the phrase (no adjective in -ous, no "class", "thesis")
_PLURAL = re.compile(r"[a-z-]+(?<!ou|ss|us|is)s", re.IGNORECASE)
_WHO = re.compile(rf"(?:{_ROLES}|{_ORGANISATIONS})", re.IGNORECASE)

# a case brought to its end, with the outcome it got: the record of one instance of the task
_FINISHED = r"(?:closed|settled|resolved|solved|completed|finished|concluded|decided|adjudicated)"
_CASES = (
    r"(?:cases|files|matters|claims|tickets|incidents|disputes|appeals|complaints|requests|enquiries|"
    r"inquiries|jobs|projects|applications|investigations|audits)"
)
_FINISHED_CASES = re.compile(rf"^(?:[\w'-]+\s+){{0,2}}?{_FINISHED}\s+(?:[\w-]+\s+){{0,2}}?{_CASES}\b", re.IGNORECASE)
# said to be fit to learn from: "are good enough to learn from", "worth training on", "usable as examples"
_NP_WORD = r"(?!(?:and|or|but|so|while|whereas|because|if|when|where|although|though)\b)[\w'-]+\s+"
_FIT = (
    r"(?:(?:good|clean|reliable)\s+enough\s+to\s+(?:learn|train|fine[- ]?tune|tune)\s+(?:it\s+)?(?:from|on)"
    r"|worth\s+(?:training|fine[- ]?tuning|tuning|learning)\s+(?:it\s+)?(?:on|from)"
    r"|(?:usable|suitable|fit|worth\s+using)\s+(?:as|for)\s+(?:training|fine[- ]?tuning|(?:[\w-]+\s+)?examples)\b)"
)
_OFFERED = re.compile(
    rf"^\s*(?:{_NP_WORD}){{1,{NP_WORDS}}}?(?:(?:that|which)\s+)?(?:(?:are|is|were|seem|look)\s+)?{_FIT}",
    re.IGNORECASE,
)


def counts_people(tail: str) -> bool:
    """Whether the counted noun phrase (`tail`, the words after the number) names people or
    organisations (module docstring): no count of examples, whatever cue words follow."""
    for word in noun_phrase(tail).split()[:LEAD_WORDS]:
        if "'" in word or "’" in word:
            return False  # "5,000 doctors' notes": the count is of what they own
        if _WHO.fullmatch(word):
            return True
        if _PLURAL.fullmatch(word):
            return False  # the head came first: "500 emails agents wrote" counts emails
    return False


def finished_cases(tail: str) -> bool:
    """Whether the counted phrase names cases brought to an end ("closed matters", "settled claim
    files", "resolved tickets"): records with their outcome, examples of the task."""
    return _FINISHED_CASES.match(noun_phrase(tail)) is not None


def offered_count(tail: str) -> bool:
    """Whether the counted things are said to be fit to learn from ("are good enough to learn
    from", "worth training on", "usable as training examples")."""
    return _OFFERED.match(tail) is not None

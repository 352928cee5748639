"""What a number in a sentence is about (pure): labelled examples, requests per day, prompt
tokens, a deadline, a latency target or a headcount - decided from the words around it."""

from __future__ import annotations

import re

from handlers.assess.count_heads import counts_people, finished_cases, offered_count
from handlers.assess.labelled_counts import LABELLED_WORD, LABELLING, labelled_phrase, outcome_given
from handlers.assess.made_counts import made_count, noun_phrase, paired_count, phrase_tail, reworked_count
from handlers.assess.numbers import Number, rate_match, rate_per_day
from handlers.assess.past_outputs import done_count
from knowledge.rubric.model import AnswerValue

_PERCENT_OR_TIME = re.compile(
    r"\s*(?:%|percent|x\b|ms\b|milliseconds?\b|seconds?\b|secs?\b|minutes?\b|mins?\b)", re.I
)
_DURATION = re.compile(r"\s*(days?|weeks?|months?|quarters?|years?)\b", re.I)
_SPAN_OF = re.compile(r"\s*(?:days?|weeks?|months?|quarters?|years?)(?:'|'s)?\s+(?:of|worth)\b", re.I)
_WITHIN = re.compile(r"\bwithin\s*$")
_OF_EACH = re.compile(r"\s*\w+\s+of\s+(?:each|every|any)\b", re.I)
_DEADLINE_CUE = re.compile(
    r"\b(?:in|within|by|deadline|ship|launch|live|production|ready|timeline|have|need|got|due|next)\b"
)
_LATENCY_CUE = re.compile(r"\b(?:respon\w*|latency|answer\w*|repl\w*|return\w*|under|below|within|p\d\d)\b")
_PEOPLE = re.compile(
    r"\s*(?:(?:ml|machine learning|data science|ai)\s+(?:[\w-]+\s+)?"
    r"(?:engineers?|engs?|scientists?|people|folks|experts?|researchers?|devs?|developers?)|mles?|data scientists?)\b"
)
# a duration that is a pace ("every 3 months") or lies in the past ("spent 6 months", "for 2 years
# now", "going back fifteen years"), not a deadline
_NOT_DEADLINE = re.compile(
    r"\b(?:every|each|per|once|spent|took|for|past|last|over|ago|been|back)(?:\s+(?:us|the|about|around|roughly|almost|nearly|over|~))*\s*~?$"
)
# "hasn't changed in two years", "haven't really touched it in a year", "(neither ... nor the
# categories) have moved in two years": a negated or present-perfect verb before "in" measures a
# span of the past, how long something has stayed as it is, not when the work is due
_UNCHANGED_FOR = re.compile(
    r"(?:(?:n't|\bnot|\bnever)\s+(?:[\w-]+\s+){1,3}|\b(?:have|has|had)\s+(?:[\w-]+\s+){0,2}[\w-]+ed\s+)in\s*$"
)
_TUNED_BEFORE = re.compile(r"(?:shrink|drop|go|come|get|cut|reduce[sd]?|down)\s+(?:down\s+)?to\s*$|after\s*$")
_TUNED_AFTER = re.compile(
    r"^\s*(?:tokens?|toks?)?\s*(?:after|once|with|when|if)\s+(?:we\s+)?(?:fine[- ]?tun|tun|train)"
)
_OUTPUT_CUE = re.compile(r"\b(?:outputs?|responses?|answers?|completions?|generat\w*|replies|reply)\b")
_TRAINED_ON = re.compile(
    r"\b(?:learn(?:ed|t)|train(?:ed)?|fine[- ]?tuned?|taught)\s+(?:it\s+|the model\s+)?(?:from|on)\s+"
    r"(?:about\s+|some\s+|~\s*)?$"
)
# "30k edited articles to learn from": training data, whatever the noun
_TO_LEARN_FROM = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?to\s+(?:learn|train|fine[- ]?tune)\s+(?:it\s+)?(?:from|on)\b"
    # "8,000 code review comments we can use as examples": items offered as examples to learn from
    r"|\s*(?:[\w-]+\s+){0,4}?(?:that\s+|which\s+)?(?:we|you|i)\s+(?:can|could)\s+use\s+as\s+"
    r"(?:(?:training|worked|reference|gold)\s+)?(?:examples|training data|a training set)\b"
)
# examples that sit in a prompt are few-shot context, not training data: "a prompt of 3k tokens
# (instructions + 30 examples)", "12 examples in the prompt", "few-shot 5"
_IN_PROMPT = re.compile(r"(?:prompt|few[- ]shot)\b(?:[^.;()]|\.\d)*\([^)]*$|few[- ]shot\s*$")
_IN_PROMPT_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:examples?|shots?|demonstrations?)\s+in\s+(?:the|our|each|every|a)\s+(?:system\s+)?prompt"
    # examples sent along with every request are few-shot context: "30 worked examples on every call"
    r"|^\s*(?:[\w-]+\s+){0,2}?(?:examples?|shots?|demos?|demonstrations?)\s+(?:on|in|with)\s+(?:every|each)\s+"
    r"(?:single\s+)?(?:call|request|query|run|prompt|api call)s?\b"
)
# ... and so are the examples a prompt is said to hold: "our prompt carries 40 worked examples", "the
# prompt has about 25 demos" (the prompt is the subject, the count its object, nothing labelled)
_PROMPT_HOLDS = re.compile(
    r"\b(?:prompts?|instructions?(?:\s+(?:block|text|preamble))?|system\s+(?:message|prompt))\s+"
    r"(?:now\s+|already\s+|currently\s+)?(?:carr(?:y|ies)|ha[sv]e?|includes?|contains?|holds?|"
    r"packs?|uses?|with)\s+(?:about\s+|around\s+|roughly\s+|some\s+|~\s*)?$"
)
_SHOTS_AFTER = re.compile(r"^\s*(?:[\w-]+\s+)?(?:examples?|shots?|demos?|demonstrations?)\b")
_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}
# a participle of checking before the noun says each document carries a verified answer: "80k checked
# documents", "120k verified declarations" (not "checked-in documents", which are only stored)
_JUDGED_BEFORE = r"(?:(?:hand|double|human)[- ])?(?:checked|verified|validated|corrected)(?![\w-])"
# ... the participle modifying the counted noun (an adverb may come first), not one after it
_JUDGED_THINGS = re.compile(
    rf"^\s*(?:[a-z]+ly\s+)?{_JUDGED_BEFORE}\s+(?!(?:in|into|out|by|with|for|on|at|to|from|of|and|or|but)\b)[a-z]",
    re.IGNORECASE,
)
_LABELLED_BEFORE = re.compile(rf"^\s*(?:\w+\s+)?{LABELLED_WORD}\b")


def _annotated(after: str) -> bool:
    """Whether the counted noun is said to be labelled or checked ("2M annotated documents", "80k
    checked documents")."""
    return bool(_LABELLED_BEFORE.match(after) or _JUDGED_THINGS.match(after))

_KB_NOUNS = re.compile(r"^\s*(?:\w+\s+){0,2}(?:docs|documents|pages|articles|pdfs|files|manuals|policies)\b")


# a coordinated clause with a subject of its own ends the counted noun phrase
_NEW_CLAUSE = re.compile(r"\s+(?:and|but|so|while|whereas|though|although)\s+(?=(?:they|we|it|he|she|i|you|there)\b)")


# a unit glued to its number by a hyphen makes a compound adjective: "a 4,000-token instruction
# block", "a 12-person team", "a 3-week deadline" measure as "4,000 tokens", "12 people", "3 weeks"
_GLUED_UNIT = re.compile(r"^-(?=[a-z])", re.I)

# "N times a day" with N at least this counts runs (a volume): no pace of change comes that fast
MANY_TIMES = 100


def unit_joined(after: str) -> str:
    """The words after a number with a hyphen that glues a unit to it read as a space."""
    return _GLUED_UNIT.sub(" ", after, count=1)


# what `_measured` returns for a number that counts things: what they are is read on
_COUNTS: tuple[str, AnswerValue] = ("", 0)


def classify_number(
    num: Number, before: str, after: str, clause: str, *, count_cue: re.Pattern[str] | None
) -> tuple[str, AnswerValue] | None:
    """(criterion, value) for the number `num` of `clause`, given the text just before and after
    it; None when the number is about something else (a percentage, a version, a page count)."""
    after = unit_joined(after)
    measured = _measured(num, before, after, clause)
    if measured is not _COUNTS:
        return measured
    return _counted(num, before, after, clause, count_cue)


def counts_things(num: Number, before: str, after: str, clause: str) -> bool:
    """Whether `num` counts things of no kind its words name (letters, listings) rather than
    measuring something (a percentage, a duration, people, tokens, a rate, examples that sit in a
    prompt) or counting documents, which are knowledge ("300 pages our team wrote")."""
    after = unit_joined(after)
    if (_KB_NOUNS.match(after) and not _annotated(after)) or _PROMPT_HOLDS.search(before):
        return False  # documents; what a prompt holds is context ("our prompt carries 25 answers")
    if counts_people(phrase_tail(after, clause, num.end)):
        return False  # "40 engineers who answered tickets": people, not past outputs
    return _measured(num, before, after, clause) is _COUNTS


def _measured(num: Number, before: str, after: str, clause: str) -> tuple[str, AnswerValue] | None:
    """What a number that measures says (None: nothing the rubric asks), or `_COUNTS`."""
    value = num.value
    if _PERCENT_OR_TIME.match(after):
        unit = after.strip().lower()
        if unit.startswith(("ms", "millisecond")):
            return "latency_sensitivity", "high" if value <= 1000 else "medium"
        if unit.startswith(("second", "sec")) and _LATENCY_CUE.search(before + " " + after):
            return "latency_sensitivity", "high" if value <= 1 else ("medium" if value <= 10 else "low")
        return None
    if _PEOPLE.match(after):
        return "ml_expertise", "none" if value == 0 else ("some" if value <= 1 else "strong")
    duration = _DURATION.match(after)
    if duration and _SPAN_OF.match(after) and not (_WITHIN.search(before) and not _OF_EACH.match(after)):
        # "eight years of annotated reports": an amount of history, not a deadline ("live within a
        # week of sign-off" is one: a span counted from an event; "within a week of each survey" is a
        # turnaround that recurs, no deadline)
        return None
    if duration and not re.search(r"\b(?:every|each|per|a|once|twice)\s*$", before):
        if _NOT_DEADLINE.search(before) or _UNCHANGED_FOR.search(before):
            return None
        if not _DEADLINE_CUE.search(before + " " + clause):
            return None
        days = value * _DAYS[duration.group(1).lower().rstrip("s")]
        return "timeline", "days" if days <= 10 else ("weeks" if days <= 60 else "months")
    if re.match(r"\s*(?:\w+\s+)?(?:tokens?|toks?)\b", after):
        if _TUNED_BEFORE.search(before) or _TUNED_AFTER.match(after):
            return "tuned_prompt_tokens", as_number(value)
        if _OUTPUT_CUE.search(before[-20:] + " " + after[:30]) and not re.search(
            r"\bprompt", before + after[:30]
        ):
            return "output_tokens", as_number(value)
        return "prompt_tokens", as_number(value)
    # "3 times a day" counts how often, which `handlers.assess.frequency` reads; "runs 200k times a
    # day" counts runs (`MANY_TIMES`): a volume, read as a rate after the "times"
    times = re.match(r"\s*times?\b", after)
    if times:
        if value < MANY_TIMES:
            return None
        after = after[times.end() :]
    rate = rate_match(after)
    if rate is not None and _close_rate(after[: rate.start()]):
        factor = rate_per_day(after) or 1.0
        return "request_volume", as_number(value * factor)
    if times:
        return None
    if _IN_PROMPT.search(clause[: num.start]) or _IN_PROMPT_AFTER.match(after):
        return None
    if _PROMPT_HOLDS.search(before) and _SHOTS_AFTER.match(after):
        return None
    return _COUNTS


def _counted(
    num: Number, before: str, after: str, clause: str, count_cue: re.Pattern[str] | None
) -> tuple[str, AnswerValue] | None:
    """A count of labelled examples, by the words around it; None for any other count."""
    value = num.value
    tail = phrase_tail(after, clause, num.end)  # the counted phrase, past the window `after`
    if counts_people(tail):
        return None  # "our 30 partner schools mark essays": schools, whatever cue follows
    if _TRAINED_ON.search(before) or _TO_LEARN_FROM.match(after) or paired_count(tail) or offered_count(tail):
        return "labelled_examples", as_number(value)  # "learned from 15,000 documents"
    if _JUDGED_THINGS.match(after):
        return "labelled_examples", as_number(value)  # "80k checked documents"
    if finished_cases(tail) or done_count(tail):
        # "900 settled claim files": records with their outcome; "90k finished entries": past outputs
        return "labelled_examples", as_number(value)
    if _KB_NOUNS.match(after) and not _annotated(after):
        # "300 pages" (our team wrote): knowledge; "2M annotated documents", "6,000 articles
        # teachers rewrote": labelled examples
        return ("labelled_examples", as_number(value)) if reworked_count(tail, before) else None
    if made_count(tail, before):
        return "labelled_examples", as_number(value)  # "12,000 claim sets we drafted"
    # the counted phrase ends where a new clause starts: "14 countries and they get edited ..."
    counted = _NEW_CLAUSE.split(after[:32], maxsplit=1)[0]
    # "25k logged intervals already coded", "~100k events with confirmed causes": labelled, whatever the noun
    if labelled_phrase(tail) or outcome_given(tail) or (
        count_cue
        and (
            count_cue.search(counted)
            or count_cue.search(noun_phrase(tail))  # "1.5M de-identified image-finding to report pairs"
            or re.search(r"(?:labell?ed|annotated|tagged)\s*(?:\w+\s+)?$", before)
        )
    ):
        return "labelled_examples", as_number(value)
    return None


# what ends the noun phrase a denying quantifier ("zero", "not a single", "don't have any") governs
_PHRASE_END = frozenset(
    "and or but nor to that which who whom we i they you he she it for from in on at yet either so "
    "because since as of with than".split()
)
# a predicate right after the phrase: the denial is of what the phrase does ("no records can leave")
_PREDICATE = frozenset(
    "can could may might must should will would shall is are was were has have had leave leaves "
    "go goes get gets ever".split()
)
# the act of labelling denied, with no noun to count: "nothing is labelled", "nobody has annotated
# anything", "we haven't got anything tagged"
_ADVERBS = r"(?:(?:ever|yet|really|actually|properly|even|so far|been)\s+)*"
UNLABELLED = re.compile(
    rf"\bnothing\s+(?:(?:is|are|was|were|has|have|had|got|gets)\s+)?{_ADVERBS}{LABELLING}\b"
    rf"|\b(?:nobody|no one|none of us)\s+(?:has|have|had)\s+{_ADVERBS}{LABELLING}\b"
    rf"|n't\s+(?:got|have|has)\s+anything\s+{LABELLING}\b"
)
# a phrase that opens with an amount or a comparison: "any more than 200", "a single one of the 5k"
_NOT_A_COUNT = frozenset("more fewer less other further much many enough".split())
DENIED_WORDS = 5  # longest noun phrase a quantifier governs, in words


def denied_phrase(after: str) -> str | None:
    """The noun phrase a denying quantifier governs ("labelled q&a pairs" after "we don't have
    any"), or None when what follows is a predicate or a comparison, not a quantity of things:
    "no records can leave the building", "we don't have any more than 200 examples"."""
    words: list[str] = []
    for raw in after.split():
        word = raw.lower()
        bare = word.strip(",.;:!?()\"'")
        if bare in _PHRASE_END:
            break
        if bare in _PREDICATE:
            return None
        words.append(bare)
        if bare != word or len(words) == DENIED_WORDS:
            break  # punctuation closes the phrase
    if not words or words[0] in _NOT_A_COUNT or words[0][:1].isdigit():
        return None
    return " " + " ".join(words)


_RATE_GAP_STOP = frozenset(
    [
        "and",
        "but",
        "or",
        "which",
        "that",
        "who",
        "while",
        "whereas",
        "change",
        "changes",
        "changed",
        "updated",
    ]
)


def _close_rate(gap: str) -> bool:
    """Whether a rate phrase belongs to the number before it: "2M calls a day", not
    "5k tickets and our docs change weekly"."""
    words = gap.split()
    return len(words) <= 4 and not any(w.strip(",") in _RATE_GAP_STOP for w in words)


def as_number(value: float) -> AnswerValue:
    """Whole numbers as int (5000, not 5000.0); small fractions keep 3 decimals."""
    return round(value) if value >= 10 or float(value).is_integer() else round(value, 3)

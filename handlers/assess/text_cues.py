"""Text cues for the rule-based extractor (pure): clause splitting, negation, wishes, rates,
verb inflection. Kept apart from `extract.py` so that module holds only the extraction passes."""

from __future__ import annotations

import re

CLAUSE = re.compile(
    r"[.;!?]+(?:\s|$)|\s*\n\s*|,\s+(?!which\b|that\b|who\b|whose\b)"  # ", which ..." stays with its subject
    r"|(?<!\banything)(?<!\ball)\s+(?:but|whereas|while|although)\s+|\s+-\s+"  # "anything but stable" is one
)
NEGATION = re.compile(
    r"\b(?:no|not|never|without|zero|lacks?|lacking|nobody|none|neither|nor|don'?t|doesn'?t|isn'?t|aren'?t|"
    r"haven'?t|hasn'?t|won'?t|can'?t|cannot|didn'?t|nothing|anything but|far from|by no means)\b"
    r"(?:\s+(?:any|much|many|real|really|dedicated|in-house|actual|good|experienced|a|an|the|our|have|has|need|"
    r"one|with|of|us|here|on|team|employ|hire|hired|know|knows|got|use|own)\b)*"
    r"(?:\s+[\w'-]+){0,3}\s*$"  # "nobody in our team has [ML skills]": up to three words between
)
# a count just before a frequency makes it a rate ("100 requests a day"), unless it counts times
SENTENCE = re.compile(r"[^.!?\n]+")  # a sentence (or line) of free text
RATE = re.compile(
    r"\d[\d,.]*\s*(?:k|m|thousand|million|billion)?(?:\s+(?!times\b)[\w-]+){0,3}\s+$"
    r"|(?:\d{3,}|\d[\d,.]*\s*(?:k|m|thousand|million|billion))\s+times\s+$"  # "200k times a day": runs, not a pace
)
# a goal or plan, not a report of what happened so far
WISH = re.compile(
    r"\b(?:we'?d like|would like|we want|we wish|we hope|we plan|we intend|we aim|we'?re hoping|we'?re planning|"
    r"the goal is|the plan is|ideally)\b"
)
FREQ_NEGATION = re.compile(
    r"(?:\bnot|\bnever|n't|\bhardly|\bbarely|\bseldom|\banything but|\bfar from|\bby no means)\b"
)


# a negation right before the frequency word negates the word itself: "not stable", "isn't
# really fixed", "anything but stable" (but "hasn't changed in years" negates the verb)
_NEGATED_WORD = re.compile(
    FREQ_NEGATION.pattern
    + r"(?:\s+(?:really|exactly|very|that|so|too|particularly|entirely|fully|quite|always|at all))?\s*$"
)


# a negated subject before a copula: "none of the menus is static", "nothing here stays the same"
_NEGATED_SUBJECT = re.compile(
    r"\b(?:none|nothing|neither|no)\b(?:\s+[\w'-]+){0,4}\s+(?:is|are|was|were|stays?|remains?)\s*$"
)


def frequency_value(choice_id: str, before: str) -> str:
    """The choice a frequency word (`choice_id`) gives after the words `before` it: negated,
    "not weekly" is rarely, but a negated "stable" or "fixed" means it changes, as "often" does
    (weekly); "hasn't changed in years" stays rarely."""
    if choice_id == "rarely":
        return "weekly" if _NEGATED_WORD.search(before) or _NEGATED_SUBJECT.search(before) else "rarely"
    return "rarely" if FREQ_NEGATION.search(before) else choice_id


def word(pattern: str) -> re.Pattern[str]:
    """`pattern` as a whole word (a hyphenated word is one word)."""
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])")


# a negative contraction typed without its apostrophe ("dont have any data", "cant afford it"):
# the rubric's phrases and the negation cues spell it with one, so it is restored; "cant" and
# "wont" as nouns are too rare in a described use case to stand in the way
_BARE_NEGATION = re.compile(
    r"\b(do|does|did|is|are|was|were|have|has|had|ca|could|would|should|wo|must|need)nt\b"
)


# "non" is a prefix, not a word: "non negotiable", "non technical" are typed for "non-negotiable",
# "non-technical" (the rubric spells them hyphenated); same length, so offsets stay true
_NON_PREFIX = re.compile(r"\bnon\s(?=[a-z]{3,})")

# an intensified "every" counts the same: "every single day", "each and every week", "every last
# release" are "every day/week/release" to the frequency words, which list the plain quantifier
_INTENSIFIED_EVERY = re.compile(r"\b(?:every single|each and every|every last)\b")

# "'ve" as the verb of possession before what is had ("we've no labelled data", "we've about 8k
# tickets", "they've a team of 3") is "have", which the rules read; before a participle ("we've
# tried", "we've got") it stays the auxiliary it is
_HAVE_CONTRACTED = re.compile(
    r"\b(we|i|you|they)'ve (?=(?:no|none|nothing|zero|only|just|about|around|roughly|nearly|almost|over|"
    r"under|some|several|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d)\b)"
)


def normalise(text: str) -> str:
    """Lower case, straight quotes, negative contractions with their apostrophe, the prefix
    "non" joined to its word, an intensified "every" ("every single day") made plain, and "'ve" of
    possession spelled "have" ("we've no data")."""
    lowered = (
        text.lower()
        .replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    lowered = _HAVE_CONTRACTED.sub(r"\1 have ", _INTENSIFIED_EVERY.sub("every", lowered))
    return _NON_PREFIX.sub("non-", _BARE_NEGATION.sub(r"\1n't", lowered))


# "and" before a new statement: a new subject ("nobody knows ML and there's zero money", "... and
# each memo must cite its provision", "two ML engineers and a decent GPU budget") or a new predicate
# of the same subject told by its auxiliary ("... and has to run on-prem"). The starters are the
# closed classes of English that open a noun phrase or a predicate (pronouns, determiners,
# possessives, quantifiers, auxiliaries), not words of any use case. A pronoun that refers back
# (it, they, this, that...) does not start one: "we tried ChatGPT and it was mostly fine" says
# nothing without what "it" is.
_NEW_STATEMENT = re.compile(
    r"\s+and\s+(?=(?:we|i|you|there(?:s|re)?|nobody|no one|everyone|everybody|everything|nothing|"
    r"none|someone|somebody|the|our|their|its|his|her|my|your|each|every|all|some|"
    r"most|many|no|any|both|a|an|one|must|has to|have to|had to|needs? to|should|can|can't|cannot|could|"
    r"will|won't|would|is|isn't|are|aren't|was|wasn't|were|weren't|doesn't|don't|didn't|never)\b)"
)
MIN_STATEMENT_WORDS = 3  # each side of a split "and": shorter halves are a list ("prices and the fees")


def split_clauses(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for m in CLAUSE.finditer(text):
        if m.start() > pos:
            out.append((pos, text[pos : m.start()]))
        pos = m.end()
    if pos < len(text):
        out.append((pos, text[pos:]))
    return out


def split_statements(clauses: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """`clauses` ((offset, text) pairs) split before each "and" that opens a new statement
    (`_NEW_STATEMENT`) when both of its sides have `MIN_STATEMENT_WORDS`: "nobody on staff knows
    ML and there's zero money" is two statements, each to be read on its own and with its own
    negation. Only the embedding pass reads statements: the phrase rules and the frequency pass
    keep whole clauses, where "the circulars and our control library are amended monthly"
    (a coordinated subject, which no closed word class tells apart) stays one statement."""
    out: list[tuple[int, str]] = []
    for offset, clause in clauses:
        pos = 0
        for m in _NEW_STATEMENT.finditer(clause):
            left, right = clause[pos : m.start()], clause[m.end() :]
            if len(left.split()) >= MIN_STATEMENT_WORDS and len(right.split()) >= MIN_STATEMENT_WORDS:
                out.append((offset + pos, left))
                pos = m.end()
        out.append((offset + pos, clause[pos:]))
    return out


def inside(m: re.Match[str], o: re.Match[str]) -> bool:
    """Match `m` lies within the longer match `o`."""
    return o.start() <= m.start() and m.end() <= o.end() and o.end() - o.start() > m.end() - m.start()


# the irregular past forms of the verbs whose compounds say a change: "redo" -> "redid", "redone"
_IRREGULAR = {"do": "did|done|does", "write": "wrote|written", "build": "built", "make": "made"}


def inflected(verb: str) -> str:
    """A pattern for a verb in any inflection: "revise" -> revise|revises|revised|revising; a
    compound of an irregular verb takes its forms too ("redo" -> ... redid|redone)."""
    for base, forms in _IRREGULAR.items():
        if verb.endswith(base) and verb != base:
            stem = verb[: -len(base)]
            regular = inflected_regular(verb)
            return regular + "|" + "|".join(stem + f for f in forms.split("|"))
    return inflected_regular(verb)


def inflected_regular(verb: str) -> str:
    """A pattern for a regular verb in any inflection: "revise" -> revise|revises|revised|revising."""
    if verb.endswith("e"):
        return f"{verb}[sd]?|{verb[:-1]}ing"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
        return f"{verb}|{verb}ing|{verb[:-1]}i(?:es|ed)"
    return f"{verb}(?:s|es|ed|ing)?"


# a denied subject narrowed by where it sits, then its verb: "nobody in HR or IT has any [ML
# background]", "no one at the company knows [ML]", "none of the people in support have [...]"
_QUALIFIED_NOBODY = re.compile(
    r"\b(?:nobody|no one|no-one|noone|none of (?:us|them|the \w+|our \w+))"
    r"\s+(?:in|on|at|from|of|across|within|among)\s+(?:[\w'&/-]+\s+){1,5}?"
    r"(?:has|have|had|knows?|does|do|is|are|brings?)"
    r"(?:\s+(?:any|much|real|really|ever|a|an|the|got|done|used|some|actual|prior))*\s*$"
)


def negated(before: str) -> bool:
    tail = before[-60:]
    return bool(NEGATION.search(before[-40:]) or _QUALIFIED_NOBODY.search(tail))


def sentence_of(text: str, start: int, clause: str) -> str:
    """The clause at `start` with the rest of its sentence before it."""
    begin = max(text.rfind(end, 0, start) for end in ".!?\n") + 1
    return text[begin : start + len(clause)]

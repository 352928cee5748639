"""Whether a count is of outputs people made or of inputs paired with their answers (pure): the
grammar around the counted noun phrase, whatever its noun.

"12,000 claim sets we drafted ourselves", "20k answers that underwriters corrected", "6000
descriptions our copywriters wrote": outputs the team's own people produced are examples of the
wanted output (SkillWisor: a specialized dataset; AndData: task-specific data). The subject that
made them may be a determiner phrase ("our copywriters"), a pronoun ("we", "they") or a bare plural
noun of people ("underwriters"), the verb before the count ("partners graded 12,000 rewrites") or
after it. "90k work orders with the correct codes", "15,000 exchanges with the agronomist's call
tagged", "30,000 scripts with the test descriptions they implement", "1.5M finding-to-report pairs",
"100k documents with verified extractions" (an output people judged): inputs paired with what
answers them are labelled examples too. "5k hours of transcribed calls":
an amount of recorded output made by hand.

Documents are knowledge, not examples ("300 pages our team wrote"), unless people reworked them:
rewriting, translating, simplifying or correcting a text makes a before/after pair
(`reworked_count`: "teachers have hand-rewritten 6,000 articles").

The counted phrase runs past the 48-character window the number pass gives (`phrase_tail`), up to
the next number of the clause; word limits and clause words (`_NP_WORD`) keep each rule inside the
noun phrase and its own relative clause, so "5k tickets and we labelled none" is not read.
"""

from __future__ import annotations

import re

from handlers.assess.labelled_counts import LABELLING

TAIL_CHARS = 120  # the most of the clause after a number that a counted phrase runs over
NP_WORDS = 6  # modifiers and nouns of a counted phrase before its relative clause or "with ..."
HEAD_WORDS = 8  # words of a counted phrase in which its head noun is looked for

# a word of the counted phrase: no conjunction that opens another clause
_NP_WORD = r"(?!(?:and|or|but|so|while|whereas|because|if|when|where|although|though)\b)[\w'-]+\s+"
# verbs that rework a text into a better one: the old and the new make a pair (an example)
_REWORKED = (
    r"(?:rewrote|rewritten|rewrit(?:e|es|ing)|translated|edited|corrected|fixed|simplified|summari[sz]ed|"
    r"redlined|marked[- ]up|paraphrased|reworded|locali[sz]ed|proofread|adapted|revised)"
)
# verbs that make or judge an output
_MADE = (
    rf"(?:hand[- ])?(?:{_REWORKED}|wrote|written|produced|created|drafted|curated|hand[- ]?made|"
    r"labell?ed|tagged|annotated|reviewed|approved|checked|verified|graded|scored|coded|answered|"
    r"vetted|okayed|signed[- ]off(?:\s+on)?|classified|categori[sz]ed|triaged|transcribed)"
)
# people who send the inputs are no makers of answers
_SENDERS = (
    r"(?:customers|users|clients|visitors|members|subscribers|buyers|sellers|callers|patients|applicants|"
    r"students|citizens|shoppers|readers)"
)
_PERSONS = (
    rf"(?!{_SENDERS}\b)[a-z]+(?:ers|ors|sts|ians|ants|ents|ees|staff|experts|people|humans|nurses|clerks|reps|"
    r"partners)"
)
# who made them, named by a determiner ("by our team") or a plural noun of people ("by radiologists")
_MAKERS = rf"(?:our|their|the|my|in-house|human|hand|(?:[\w-]+\s+){{0,2}}?{_PERSONS})\b"
_PERSON_HEAD = re.compile(rf"{_SENDERS}|people|staff|folks|persons|employees", re.IGNORECASE)
# the maker as the subject of a relative clause: "our copywriters", "we", "underwriters"
_SUBJECT = rf"(?:(?:our|their|the|my|his|her)\s+(?:[\w'-]+\s+){{0,2}}?|(?:we|they|i)\b\s*|{_PERSONS}\s+)"
_AUX = r"(?:(?:'ve|'d|have|has|had)\s+)?(?:(?:all|already|also|now|since|together|collectively|personally)\s+)?"


def _after_np(rule: str) -> re.Pattern[str]:
    """`rule` right after the counted noun phrase (and a "that"/"which" opening its relative clause)."""
    return re.compile(rf"^\s*(?:{_NP_WORD}){{1,{NP_WORDS}}}?(?:(?:that|which)\s+)?(?:{rule})", re.IGNORECASE)


def _made_after(verbs: str) -> re.Pattern[str]:
    # "that we checked in with" is no making ("we translated in-house" is)
    return _after_np(rf"{_SUBJECT}{_AUX}{verbs}\b(?!\s+(?:in|out)\b(?!-))|{verbs}\s+(?:\w+\s+)?by\s+{_MAKERS}")


def _made_before(verbs: str) -> re.Pattern[str]:
    """The verb of making before the count, with a subject: "partners graded 12,000 clause
    rewrites", "we hand-checked about 3k"."""
    return re.compile(
        rf"\b(?:we|they|i|[a-z]+s|team|staff|(?:our|the|their)\s+[\w-]+)\s+{_AUX}(?:hand[- ])?{verbs}\s+"
        r"(?:(?:about|around|roughly|some|over|nearly|almost|more than|at least|~)\s*)?$",
        re.IGNORECASE,
    )


# any verb done by hand makes the things: "quotes they priced by hand"
_MADE_BY = _made_after(rf"(?:{_MADE}|[a-z]+ed(?=\s+(?:\w+\s+)?by\s+hand\b))")
_MADE_BEFORE = _made_before(_MADE)
_REWORKED_BY = _made_after(_REWORKED)
_REWORKED_BEFORE = _made_before(_REWORKED)

# what answers an input: "with the correct codes", "with the queue they ended up in"
_ANSWER_NOUNS = (
    r"(?:labels?|codes?|answers?|extractions?|outputs?|completions?|mappings?|fixes|transcriptions?|outcomes?|"
    r"findings|summar(?:y|ies)|categor(?:y|ies)|class(?:es)?|tags?|queues?|"
    r"responses?|repl(?:y|ies)|resolutions?|decisions?|ratings?|scores?|translations?|corrections?|targets?|"
    r"results?|verdicts?|diagnos[ie]s|annotations?|claims|intents?|sentiment|grades?|json)"
)
# what is said of the thing it comes with: labelled ("the agronomist's final call tagged") or what
# the counted things answer ("the test descriptions they implement", "the questions they answer")
_MARKED = rf"(?:{LABELLING}|recorded|noted|marked|flagged|logged|scored)"
_ANSWERED = (
    r"(?:answer(?:s|ed)?|implement(?:s|ed)?|solve[sd]?|address(?:es|ed)?|resolve[sd]?|fulfil(?:l?s|led)?|"
    r"satisf(?:y|ies|ied)|respond(?:s|ed)?\s+to|match(?:es|ed)?|got|received|earned|ended\s+up\s+with|led\s+to)"
)
# an output people judged, or one taken out of its input: "with verified extractions", "with the
# checked field values", "with signed-off notes", "with the extracted fields"
_JUDGED = (
    r"(?:verified|checked|double-checked|approved|reviewed|corrected|validated|vetted|signed[- ]off|"
    r"extracted|gold|ground[- ]truth|human[- ]written|hand[- ]written)"
)
_WITH_ANSWERS = _after_np(
    r"(?:paired|matched|aligned)\s+(?:up\s+)?(?:with|to)\b"
    rf"|with\s+(?:the\s+|their\s+|its\s+|a\s+|an\s+)?(?:[\w'-]+\s+)?{_JUDGED}\s+[\w-]+"
    r"|with\s+(?:the\s+|their\s+|its\s+|a\s+|an\s+)?(?!(?:[\w-]+\s+)?own\b)"
    rf"(?:(?:[\w-]+\s+){{0,2}}?{_ANSWER_NOUNS}\b|(?:[\w'-]+\s+){{1,4}}?{_MARKED}\b"
    rf"|(?:[\w'-]+\s+){{1,4}}?(?:(?:that|which)\s+)?(?:they|it|each(?:\s+one)?)\s+(?:(?:has|have|had)\s+)?{_ANSWERED}\b)"
)
# an amount of recorded output: "5k hours of transcribed calls", "800 hours of audio we transcribed"
_HOURS_MADE = re.compile(rf"^\s*(?:hours?|hrs?)\s+(?:of\s+)?(?:{_NP_WORD}){{0,4}}?{_MADE}\b", re.IGNORECASE)
_GLUED = re.compile(r"^-(?=[a-z])", re.IGNORECASE)
# what ends the counted noun phrase before its head is looked for: punctuation, a clause word, a
# coordinator ("a 3-page prompt plus examples") or a preposition ("25 fields out of claim letters",
# "40 fields of each form": the head comes before "of", unless "of" opens the phrase, "15,000 of those
# exchanges"); "to" may join nouns ("finding to report pairs")
_PHRASE_END = re.compile(
    r"[.,;:!?()]|(?<=\S)\s+of\b|\s(?:and|or|but|plus|nor|that|which|who|we|they|i|you|it|for|from|in|on|at|with|"
    r"without|by|than|as|since|because|so|while|whereas|over|across|into|onto|out|per|about|under|after|before|"
    r"during|through|via|like|against|within|between|among|around|inside|outside|behind|beyond|until|toward|towards)\b",
    re.IGNORECASE,
)


def phrase_tail(after: str, clause: str, end: int) -> str:
    """The words after the number that ends at `end` of `clause`, up to the next number (at most
    `TAIL_CHARS`); `after` itself when it is no prefix of the rest of the clause."""
    rest = _GLUED.sub(" ", clause[end : end + TAIL_CHARS], count=1)  # as `number_cues.unit_joined`
    if not rest.startswith(after):
        return after
    digit = re.search(r"\d", rest[len(after) :])
    return rest[: len(after) + digit.start()] if digit else rest


def noun_phrase(tail: str) -> str:
    """The counted noun phrase, modifiers and head ("de-identified image-finding to report pairs"),
    up to the first clause word or preposition, at most `HEAD_WORDS` words."""
    cut = _PHRASE_END.search(tail)
    return " ".join((tail[: cut.start()] if cut else tail).split()[:HEAD_WORDS])


def made_count(tail: str, before: str) -> bool:
    """Whether the count is of outputs people made (module docstring); `tail` is the text after
    the number (`phrase_tail`), `before` the text before it."""
    if _people(tail):
        return False  # "2,000 customers we checked": no outputs
    return bool(_MADE_BY.match(tail) or _MADE_BEFORE.search(before) or _HOURS_MADE.match(tail))


def _people(tail: str) -> bool:
    """Whether the counted phrase's head names people who send the inputs (customers, users) or
    people at large: no outputs the team could train on."""
    words = noun_phrase(tail).split()
    return bool(words) and _PERSON_HEAD.fullmatch(words[-1]) is not None


def paired_count(tail: str) -> bool:
    """Whether the counted things come with what answers them ("90k work orders with the correct
    codes", "30,000 scripts with the test descriptions they implement"), documents included."""
    return _WITH_ANSWERS.match(tail) is not None


def reworked_count(tail: str, before: str) -> bool:
    """Whether people reworked the counted texts (rewrote, translated, corrected them): documents
    that make before/after pairs, unlike documents they only wrote."""
    return bool(_REWORKED_BY.match(tail) or _REWORKED_BEFORE.search(before))

"""Whether a counted noun phrase is said to carry its label or outcome (pure): the predicate may
come a few words after the number, past the phrase's modifiers and head noun, whatever that noun is.

A labelled example is a record of the task with its correct output (the rubric's "input -> correct
output"; the G table's "labelled data"). Teams name the records in their domain's own nouns
(intervals, events, inspections, visits, calls) and say they are labelled by a predicate on them:

- a participle of judging that gives each record its class, grade or code, with only the words
  that say it is done between ("25k transcribed nurse calls labelled with the triage outcome",
  "25k logged intervals already coded", "40k inspections, each one graded by a senior engineer");
- "with" and the outcome, named as established ("~100k events with confirmed causes", "calls with
  their final resolution") or by an outcome noun ("jobs with the right answer");
- a clause after the count's own that refers back to the counted things with such a predicate
  ("40k inspections, each one graded by a senior engineer"; `labels_them`);
- a relative clause that records the outcome ("visits where the vet recorded the diagnosis",
  "events whose cause was confirmed").

Left alone: a predicate that is no statement of done ("tickets still to be coded", "intervals not
yet classified", "events we need classified"), a count with no outcome ("25k intervals logged a
year"), and a predicate outside the phrase ("5k tickets and we labelled none", "pages of policy
text from the regulator, all of it labelled"): a clause word ("and", "which", a subject) ends it.
"""

from __future__ import annotations

import re

PHRASE_WORDS = 4  # modifiers and noun between the number and the labelling word
LABELLING = r"(?:labell?ed|annotated|tagged|graded)"  # the words for labelled examples
LABELLED_WORD = rf"(?:{LABELLING}|hand[- ]labell?ed)"
# participles that give each record its label, class, grade or code (a judgement, not storage:
# "logged", "stored", "recorded" alone say nothing of an outcome)
_JUDGING = (
    rf"(?:{LABELLED_WORD}|coded|hand[- ]coded|classified|categori[sz]ed|scored|rated|triaged|diagnosed|"
    r"adjudicated|marked\s+(?:as|up)|signed[- ]off)"
)
_STOP = (
    r"(?:and|or|but|which|that|who|where|whose|with|we|they|are|were|is|was|none|nothing|not|still|yet|to|"
    r"need|needs)"
)
_NP = rf"(?:(?!{_STOP}\b)[\w'-]+,?\s+){{1,{PHRASE_WORDS}}}"
# a distributive that takes up the counted things: "each one", "all of them", "every single one of these"
_EACH = r"(?:each|every|all)(?:\s+(?:one|single\s+one))?(?:\s+of\s+(?:them|these|those))?"
# the words that may stand between the phrase and its predicate: whose each it is, and that it is done
_DONE = (
    rf"(?:{_EACH}|that|which|"
    r"(?:have|has|had)\s+been|are|were|is|was|been|already|previously|manually|carefully|properly|"
    r"individually|fully|all|since|by\s+hand),?\s+"
)
_LABELLED_AFTER = re.compile(rf"^\s*{_NP}(?:{_DONE}){{0,4}}{_JUDGING}(?![\w-])", re.IGNORECASE)

# an outcome named as established, or by its noun
# (not "known", "actual", "human": "devices with known issues", "sessions with actual users")
_ESTABLISHED = r"(?:confirmed|verified|validated|final|assigned|agreed|determined)"
_OUTCOME = (
    r"(?:(?:root\s+)?causes?|outcomes?|labels?|answers?|resolutions?|dispositions?|diagnos[ie]s|verdicts?|"
    r"decisions?|grades?|ratings?|scores?|codes?|categor(?:y|ies)|class(?:es)?|classifications?|findings)"
)
_NONE = r"(?:no|unknown|unclear|missing|open|pending|disputed|different|many|several|multiple)"  # no outcome given
_DET = r"(?:(?:the|their|its|a|an|each|every)\s+)?"
# what an item has, not what a task produced: "10k products with verified prices" is a catalogue
_ATTRIBUTE = (
    r"(?:prices?|pricing|costs?|addresses|address|contact\s+details|contacts?|phone\s+numbers?|stock|"
    r"availability|dates?|times?|locations?|owners?|drivers?|accounts?|emails?|identit(?:y|ies)|ids?)\b"
)
_WITH_OUTCOME = (
    rf"(?:with|having|carrying)\s+{_DET}"
    rf"(?:{_ESTABLISHED}\s+(?!{_ATTRIBUTE})(?:[\w-]+\s+){{0,2}}?[\w-]+|(?:(?!{_NONE}\b)[\w-]+\s+)?{_OUTCOME}\b)"
)
_RECORD = r"(?:recorded|confirmed|established|determined|assigned|noted|entered|logged|identified|known)"
_RELATIVE = (
    rf"whose\s+(?:[\w-]+\s+)?{_OUTCOME}\s+(?:(?:is|was|were|are|has\s+been|have\s+been)\s+)?{_RECORD}\b"
    rf"|(?:where|in\s+which|for\s+which)\s+(?:[\w'-]+\s+){{1,3}}?(?:(?:has|have|had)\s+)?{_RECORD}\s+{_DET}"
    rf"(?:[\w-]+\s+)?{_OUTCOME}\b"
)
_OUTCOME_AFTER = re.compile(rf"^\s*{_NP}?,?\s*(?:{_WITH_OUTCOME}|{_RELATIVE})", re.IGNORECASE)
# a clause after the count's own that refers back to the counted things and labels them: "(40k
# inspections,) each one graded by a senior engineer", "(12k calls,) each with its resolution code"
_REFERS = re.compile(
    rf"^\s*(?:(?:and|so)\s+)?(?:{_EACH}|they|these|those|most\s+of\s+them)\s+",
    re.IGNORECASE,
)
_PREDICATE = re.compile(rf"^(?:{_DONE}){{0,4}}{_JUDGING}(?![\w-])|^{_WITH_OUTCOME}", re.IGNORECASE)


def labelled_phrase(after: str) -> bool:
    """Whether the text right after a number names a labelled noun phrase ("... calls labelled
    with ...", "... intervals already coded")."""
    return _LABELLED_AFTER.match(after) is not None


def outcome_given(after: str) -> bool:
    """Whether the counted phrase after a number comes with its outcome ("... events with confirmed
    causes", "... visits where the vet recorded the diagnosis")."""
    return _OUTCOME_AFTER.match(after) is not None


def labels_them(clause: str) -> bool:
    """Whether a clause refers back to the things counted before it and labels them ("each one
    graded by a senior engineer", "they were all coded", "each with its root cause")."""
    refer = _REFERS.match(clause)
    return refer is not None and _PREDICATE.match(clause[refer.end() :]) is not None

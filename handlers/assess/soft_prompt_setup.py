"""The prompt-tuning set-up told in plain words (pure): a model whose weights may not change, a
learned piece fed in ahead of the input, and variants kept without copies of the model.

Gupta: prompt tuning, unlike fine-tuning that updates model parameters, "only modifies a small set
of continuous vectors that are prepended to inputs", found by "automatically learning optimal
prompts through gradient-based optimization"; it needs "1000x fewer parameters" and "allows for
multiple specialized tunings to be stored efficiently". Teams describe that set-up without its
name, and `purpose_needs` reads only the plainest of it ("the base model stays untouched"). This
module reads the rest as grammar, not as listed strings:

- `training: weights_frozen` - a change to the model denied by someone or something ("the vendor
  licence does not let us alter the model's weights", "the contract forbids modifying the
  network"), a change to it that would cost something ("any change to its parameters would send
  it back through validation", "the certification is void if anyone modifies its weights"), a
  model someone froze or locked ("our platform group has frozen the backbone"), one that must stay
  as it was delivered, and a model's "it" that has to stay untouched ("the same model serves
  other plants, so it has to stay untouched"). A change denied only at some pace ("we can't
  retrain the model every week") is about cost, not a rule, and history ("has sat untouched since
  then") states nothing: both read nothing.
- `trained_footprint: smallest` - something learned or trained that is fed in, sits or goes ahead
  of (in front of, before) the input ("have the computer learn a tiny add-on ... that gets fed in
  ahead of the text"), and a prompt found automatically from examples ("can the best 'prompt' be
  found automatically from our examples?"). A written instruction placed before the input, with
  nothing learned, reads nothing.
- `task_variants: per_task` with `trained_footprint: kept_cheaply` - variants kept without a
  (full) copy of the model each ("keep dozens of them side by side without copying the whole
  model", "we can't afford a full copy of it per firm", "we refuse to store 40 copies of a 7B
  model").

Readings rank as rubric synonyms (priority 0, by length), so a longer synonym still wins.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

TRAINING = "training"
FOOTPRINT = "trained_footprint"
TASK_VARIANTS = "task_variants"

_DET = r"(?:the|its|our|their|this|that|a|an|one|any|any of the|any of its|the same)"
_MODEL_NOUN = r"(?:models?|llms?|weights|parameters|params|networks?|backbones?|checkpoints?)"
# "the vendor's model weights", "its parameters", "the backbone llm", "the model itself"
_MODEL = (
    rf"(?:{_DET} )?(?:[\w-]+'s? )?(?:[\w-]+ ){{0,2}}?(?:model's |llm's |network's )?{_MODEL_NOUN}"
    r"(?: (?:llm|model|weights))?(?: itself| themselves)?"
)
_ALTER = (
    r"(?:alter|modify|change|touch|retrain|re-train|fine-?tune|update|edit|tamper with|adjust|tweak)"
)
_ALTERS = (
    r"(?:alters|modifies|changes|touches|retrains|re-trains|fine-?tunes|updates|edits|tampers with|adjusts|tweaks)"
)
_ALTERING = r"(?:altering|modifying|changing|touching|retraining|re-training|fine-?tuning|updating|editing|tweaking)"
# a change denied at a pace is about cost: "we can't retrain the model every week"
_PACE = (
    r"(?! (?:every|each|all the time|weekly|daily|monthly|nightly|that often|so often|often|constantly|"
    r"more than|more often|without|unless|except|outside|until|before))"
)
_AGENT = r"(?:us|anyone|anybody|you|them|teams?|the team|customers?|clients?|users?|people|developers?|staff|we)"

_FROZEN = re.compile(
    # "does not let us alter the model's weights", "won't allow anyone to modify the network"
    r"(?<![\w-])(?:does ?n[o']?t|do ?n[o']?t|does not|do not|won't|will not|wouldn't|would not|never|cannot|can't|"
    r"may not|must not) (?:let|allow|permit|authori[sz]e) "
    rf"{_AGENT} (?:to )?{_ALTER} {_MODEL}(?![\w-]){_PACE}"
    # "the licence forbids modifying the weights", "prohibits us from altering the model"
    r"|(?<![\w-])(?:forbids?|forbidden|prohibits?|prohibited|bars?|barred|bans?|banned|precludes?|disallows?) "
    rf"(?:{_AGENT} )?(?:from )?{_ALTERING} {_MODEL}(?![\w-]){_PACE}"
    # "any change to its parameters would ...", "any modification of the weights voids ..."
    r"|(?<![\w-])any (?:change|changes|modification|modifications|alteration|alterations|update|updates|edit|edits) "
    rf"(?:to|of|in) {_MODEL} (?:would|will|voids?|invalidates?|breaks?|breaches?|means?|triggers?|requires?)(?![\w-])"
    # "the certification is void if anyone modifies its weights"
    r"|(?<![\w-])(?:void|voided|invalid|invalidated|lost|breached|violated|forfeited|lapses?) "
    r"(?:[\w-]+ ){0,3}?(?:if|when|once|the moment|as soon as) "
    r"(?:anyone|anybody|someone|somebody|we|you|they|a team|a customer) (?:ever )?"
    rf"(?:{_ALTER}|{_ALTERS}) {_MODEL}(?![\w-])"
    # "modifying its weights voids the certification"
    rf"|(?<![\w-]){_ALTERING} {_MODEL} (?:would |will )?(?:void|invalidate|break|breach|violate|forfeit)s?(?![\w-])"
    # "our platform group has frozen the backbone llm", "we locked the base model"
    r"|(?<![\w-])(?:has|have|had|is|are|was|were)? ?(?:frozen|froze|locked|pinned) (?:down )?"
    rf"(?:the|its|our|their|this|that|one|a) (?:[\w-]+ ){{0,2}}?{_MODEL_NOUN}(?![\w-])(?!'s)"
    # "the network itself must stay as it was delivered"
    rf"|(?<![\w-]){_MODEL},? (?:(?:which|that) )?(?:has to|have to|must|needs? to|should|shall|is to|are to) "
    r"(?:stay|remain|be kept|be left) (?:exactly |precisely )?as (?:it|they) (?:was|were|came|is|are) "
    r"(?:delivered|shipped|supplied|certified|validated|approved|released|installed|bought|licensed)(?![\w-])"
)
# a model's "it" that has to stay as it is: "the same model serves other plants, so it has to stay untouched"
_IT_KEPT = re.compile(
    r"(?<![\w-])(?:so |and |therefore |hence |which means )?it (?:has to|must|needs to|should|is to) "
    r"(?:stay|remain|be kept|be left) (?:exactly |completely |fully |entirely )?"
    r"(?:untouched|unchanged|frozen|intact|unmodified|unaltered|as it is|as is|as-is)(?![\w-])"
)
# a model named as the subject of the sentence before "it" (not its object: "we keep data in it")
_MODEL_SUBJECT = re.compile(rf"(?:^|[.;:!?]\s*|,\s*)(?:[\w-]+ ){{0,2}}?{_MODEL_NOUN}(?: [\w-]+){{0,2}}? "
                            r"(?:is|are|serves?|runs?|powers?|handles?|supports?|belongs?|comes?|was|were)(?![\w-])")

# --- something learned, fed in ahead of the input ------------------------------------------------
_LEARN = (
    r"(?:learn|learns|learned|learnt|learning|train|trains|trained|training|fit|fits|fitted|"
    r"optimi[sz]e[sd]?|tune[sd]?)"
)
_AHEAD = (
    r"(?:(?:that|which) )?(?:gets? |is |are |will be |would be )?(?:fed|placed|put|inserted|added|prepended|"
    r"sits?|goes|go|slotted|attached|glued)(?: in| on)? (?:ahead of|in front of|before|at the front of) "
    r"(?:the |each |every |our |their |an? )?(?:input|text|prompt|request|query|queries|message|document|"
    r"sentence|segment|question|ticket|report)s?(?![\w-])"
)
# learning as finding out is no training: "we learned that a short preamble placed before the request helps"
_AHEAD_OF_INPUT = re.compile(
    rf"(?<![\w-]){_LEARN} (?!(?:that|how|what|why|when|where|whether|about|the hard way)(?![\w-]))"
    rf"(?:[^,.;:!?]+? )?{_AHEAD}"
)
_FOUND_PROMPT = re.compile(
    # "can the best 'prompt' be found automatically from our examples?"
    r"(?<![\w-])(?:best|optimal|ideal|right|good) ['\"]?prompts?['\"]? (?:be |is |gets? |being )?"
    r"(?:found|learned|learnt|optimi[sz]ed|discovered|searched|tuned|derived) (?:for )?automatically(?![\w-])"
    # "learn the best prompt automatically", "automatically find the optimal prompt"
    r"|(?<![\w-])automatically (?:find|learn|optimi[sz]e|discover|search for|tune|derive) (?:the |an? )?"
    r"(?:best|optimal|ideal|right) ['\"]?prompts?(?![\w-])"
    # "the prompt learned from our examples by gradient descent"
    r"|(?<![\w-])prompts? (?:is |are |gets? |being )?(?:learned|learnt|optimi[sz]ed|tuned|trained) automatically "
    r"(?:from|on) (?:our |the |their )?(?:[\w-]+ )?(?:examples|data|labels|dataset)(?![\w-])"
)

# --- variants without copies of the model ---------------------------------------------------------
_COPIES = re.compile(
    # "without copying the whole model each time", "without duplicating the base model"
    r"(?<![\w-])without (?:copying|duplicating|cloning|storing|keeping|hosting|deploying) (?:a |the |an )?"
    r"(?:whole |full |entire |complete |separate )?(?:copy of (?:the |a )?)?(?:[\w-]+ )?"
    r"(?:models?|llms?|weights)(?![\w-])"
    # "we can't afford a full copy of it per firm", "we refuse to store 40 copies of a 7b model"
    r"|(?<![\w-])(?:can't afford|cannot afford|can not afford|refuse to (?:store|keep|host|run|pay for)|"
    r"(?:don't|do not|won't|will not) (?:want to )?(?:store|keep|host|run|pay for|maintain)|"
    r"no (?:room|space|budget) for) "
    r"(?:a |an |one )?(?:\d+ |dozens of |many |separate )?(?:whole |full |entire |complete |separate )?"
    r"(?:cop(?:y|ies)|clones?|duplicates?|instances?) of "
    r"(?:it|them|the (?:[\w-]+ )?(?:model|llm)|an? (?:[\w-]+ )?(?:model|llm))"
    r"(?![\w-])"
)


def soft_prompt_setup(clause: str, offset: int, previous: str = "") -> list[Candidate]:
    """The readings of the module docstring from one clause (`previous`: the clause before it)."""
    out: list[Candidate] = []

    def add(crit: str, value: str, m: re.Match[str]) -> None:
        if not negated(clause[: m.start()]):  # "we don't need the model to stay frozen"
            out.append(Candidate(crit, value, offset + m.start(), len(m.group(0)), m.group(0)))

    for m in _FROZEN.finditer(clause):
        out.append(Candidate(TRAINING, "weights_frozen", offset + m.start(), len(m.group(0)), m.group(0)))
    for m in _IT_KEPT.finditer(clause):
        if _MODEL_SUBJECT.search(clause[: m.start()]) or (m.start() < 12 and _MODEL_SUBJECT.search(previous)):
            add(TRAINING, "weights_frozen", m)
    for pattern in (_AHEAD_OF_INPUT, _FOUND_PROMPT):
        for m in pattern.finditer(clause):
            add(FOOTPRINT, "smallest", m)
    for m in _COPIES.finditer(clause):
        out.append(Candidate(TASK_VARIANTS, "per_task", offset + m.start(), len(m.group(0)), m.group(0)))
        out.append(Candidate(FOOTPRINT, "kept_cheaply", offset + m.start(), len(m.group(0)), m.group(0)))
    return out

"""Output-format, frozen-model and citation needs told by what they serve (pure).

The rubric's synonyms name these needs by their technical name ("JSON", "a fixed schema", "the
weights must stay frozen", "cite the source"); teams often say instead what the need is for or
what it protects, and this module reads those wordings as grammar, not as listed strings:

- `output_format: strict` - a layout called rigid, fixed, exact or (very) particular ("must follow
  a rigid layout", "our house format, which is very particular", "precisely the same layout every
  time", "very particular about layout"), a machine that parses or later reads the outputs ("a
  fax-processing system downstream parses them", "a mail-sorting robot reads the notices later
  on") and an importer that breaks on a misplaced field ("our ERP import breaks whenever a field
  is out of place"). SkillWisor: predictable output matters most where outputs feed downstream
  processing. A layout denied its rigidity ("no fixed layout", "without a rigid format") is free;
  a flexible layout, or an input's format ("the input format is fixed"), reads nothing.
- `training: weights_frozen` - a model that stays or must be left untouched, unchanged, frozen
  or exactly as it is ("the base model stays untouched", "one base model, which has to stay
  exactly as it is"), that the team may not alter ("we cannot alter the vendor's model in any
  way"), or whose parameters are not theirs to change. Gupta: prompt tuning leaves the model's
  weights as they are. A model that merely *has been* left untouched ("untouched since we
  deployed it") is history, not a constraint, and an untouched budget is no model.
- `task_variants: per_task` - a small add-on, plug-in or tuned piece of each unit's own ("each
  library's add-on should be tiny", "each team may get its own tiny tuned piece"). Gupta:
  prompt tuning stores many specialised tunings of one model.
- `cite_sources: required` - which section, paragraph, page or clause (of which document or
  edition) the answer came from or rests on ("see exactly which section of which label version
  the answer came from", "the exact regulation clause it rests on"), an answer that can be
  followed or traced back to its passage, and where the assistant found the answer. A section
  of a team, or data from many sources, names no passage behind an answer.

Readings rank as rubric synonyms (priority 0, by length), so a longer synonym still wins.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

OUTPUT_FORMAT = "output_format"
TRAINING = "training"
TASK_VARIANTS = "task_variants"
CITE = "cite_sources"

# --- output format ---------------------------------------------------------------------------------
_LAYOUT = r"(?:layouts?|formats?|formatting|structures?|templates?|schemas?|order|shape)"
_INTENSE = r"(?:very|quite|really|extremely|rather|highly|super|pretty|incredibly|fairly|so|too)"
_RIGID = (
    rf"(?:rigid|strict|fixed|exact|precise|set|invariable|unvarying|non-negotiable|locked[- ]down|"
    rf"{_INTENSE} particular)"
)
# a word between the adjective and its noun, not a determiner ("we fixed the formatting bug": a verb)
_MODIFIER = r"(?!(?:the|a|an|our|their|its|his|her|my|your|this|that|these|those)(?![\w-]))[\w-]+"
_FAULT = r"(?:bugs?|issues?|problems?|errors?|glitch\w*|mistakes?)"
_MACHINE = (
    r"(?:system|machine|robot|program|parser|script|importer|import|pipeline|software|bot|service|engine|"
    r"erp|crm|api|scanner|validator|integration|job|tool)s?"
)
_PART = (
    r"(?:field|column|key|tag|value|heading|header|line|bracket|comma|delimiter|label|section|element|"
    r"attribute|cell)s?"
)
_STRICT = re.compile(
    # "a rigid layout", "our own very particular structure", "a fixed two-column layout"
    rf"(?<![\w-]){_RIGID}(?: {_MODIFIER})?? {_LAYOUT}(?![\w-])(?! {_FAULT})"
    # "precisely the same layout", "always the same structure", "an identical format every time"
    rf"|(?<![\w-])(?:(?:precisely|exactly|always|strictly|rigidly) (?:the same|an identical|one and the same)|"
    rf"an identical|one identical) (?:[\w-]+ )?{_LAYOUT}(?![\w-])"
    # "our house format, which is very particular", "the layout is fixed"
    rf"|(?<![\w-]){_LAYOUT},? (?:(?:which|that) )?(?:is|are|has to be|must be|needs to be|stays?) "
    rf"(?:{_INTENSE} )?(?:particular|rigid|strict|fixed|exact|precise|set in stone|non-negotiable)(?![\w-])"
    # "very particular about layout", "picky about the format"
    rf"|(?<![\w-])(?:{_INTENSE} )?(?:particular|picky|fussy|pedantic|strict) about (?:the |our |their )?"
    rf"(?:[\w-]+ )?{_LAYOUT}(?![\w-])"
    # "a fax-processing system downstream parses them", "our importer ingests them"
    rf"|(?<![\w-]){_MACHINE} (?:(?:downstream|later(?: on)?|afterwards|then|next|automatically) )?"
    r"(?:parses?|ingests?|consumes?|machine-reads?)(?![\w-])"
    # "a mail-sorting robot reads the notices later on", "a system downstream reads them"
    rf"|(?<![\w-]){_MACHINE} (?:(?:downstream|later(?: on)?|afterwards|next) (?:reads?|picks? up)(?![\w-])|"
    r"(?:reads?|picks? up)(?: [\w-]+){0,3}? (?:later(?: on)?|downstream|afterwards|next)(?![\w-]))"
    # "read by a machine", "ingested by the billing system"
    rf"|(?<![\w-])(?:ingested|consumed|machine-read|read) (?:automatically )?by (?:an? |the |our |their )?"
    rf"(?:[\w-]+ ){{0,2}}?{_MACHINE}(?![\w-])"
    # "breaks whenever a field is out of place", "rejects them if a column is missing"
    r"|(?<![\w-])(?:breaks?|fails?|chokes?|crash(?:es)?|errors? out|falls? over|rejects? (?:it|them|the [\w-]+)) "
    r"(?:whenever|when|if|as soon as|the moment|any time) (?:an? |any |one |the |a single )?(?:single )?"
    rf"(?:[\w-]+ )?{_PART} (?:is |are |gets? |comes? )?(?:out of place|out of order|missing|misplaced|malformed|"
    r"in the wrong (?:place|order|spot|position)|renamed|moved)(?![\w-])"
)
# the format of what comes in, not of what goes out: "the input format is fixed"
_INPUT = re.compile(r"(?<![\w-])(?:input|incoming|source|raw|scanned|file|data|audio|image|video)\s+$")
# a layout denied outright: "no fixed layout", "without a rigid format"
_DENIED = re.compile(r"(?<![\w-])(?:no|without(?: an?| any)?|not (?:an?|any)|nothing)\s+(?:[\w-]+\s+)?$")


def _strict(clause: str, offset: int) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _STRICT.finditer(clause):
        before = clause[: m.start()]
        if _INPUT.search(before):
            continue
        if _DENIED.search(before[-20:]):
            value = "free"
        elif negated(before):
            continue  # "we don't need it to follow a rigid layout": says nothing sure
        else:
            value = "strict"
        out.append(Candidate(OUTPUT_FORMAT, value, offset + m.start(), len(m.group(0)), m.group(0)))
    return out


# --- a model that stays as it is ----------------------------------------------------------------------
_MODEL = (
    r"(?:(?:base|underlying|shared|foundation|vendor's|vendor|licensed|hosted|original|certified|core|"
    r"pre-?trained|main|their|its|our|the|that|this|one) )*(?:models?|llms?|weights|parameters|params|checkpoints?)"
)
_AS_IT_IS = (
    r"(?:exactly |completely |totally |fully |entirely |strictly |100% )?(?:untouched|unchanged|frozen|intact|"
    r"unmodified|unaltered|pristine|locked|as (?:it|they) (?:is|are)|as[- ]is)(?![\w-])"
)
_FROZEN = re.compile(
    # "the base model stays untouched", "one base model, which has to stay exactly as it is"
    rf"(?<![\w-]){_MODEL},? (?:(?:which|that|and) )?(?:(?:has|have|needs?|is|are|ought) to |must |should |shall |"
    rf"will )?(?:stays?|remains?|be (?:left|kept)|(?:is|are) (?:left|kept)) {_AS_IT_IS}"
    # "leave the base model untouched"
    rf"|(?<![\w-])(?:leave|leaves|leaving|keep|keeps|keeping) {_MODEL} {_AS_IT_IS}"
    # "we cannot alter the vendor's model in any way"
    r"|(?<![\w-])(?:can't|cannot|can not|may not|must not|mustn't|(?:are|aren't|is|isn't|not) (?:allowed|permitted) to|"
    r"are forbidden to|have no right to|are prohibited from) (?:(?:ever|in any way) )?"
    rf"(?:alter|modify|touch|tamper with|edit|retrain)(?:ing)? {_MODEL}(?![\w-])"
    rf"|(?<![\w-])(?:can't|cannot|can not|may not|must not|mustn't) change {_MODEL} (?:in any way|at all)(?![\w-])"
    # "its parameters are not ours to change"
    rf"|(?<![\w-]){_MODEL}(?: [\w-]+){{0,2}}? (?:is|are) not "
    r"(?:ours|ours to (?:change|alter|touch|modify|retrain|tune)|"
    r"to be (?:changed|altered|touched|modified|retrained))(?![\w-])"
)

# --- a small add-on of each unit's own --------------------------------------------------------------
_ADDON = (
    r"(?:add-?ons?|plug-?ins?|adapters?|(?:tuned|trained|learned) (?:piece|part|layer|module|prompt|component)s?|"
    r"soft prompts?|prompt vectors)"
)
_PER_UNIT_ADDON = re.compile(
    # "each library's add-on", "every client's own plug-in"
    rf"(?<![\w-])(?:each|every) [\w-]+'s (?:own )?(?:[\w-]+ ){{0,2}}?{_ADDON}(?![\w-])"
    # "each team may get its own tiny tuned piece"
    rf"|(?<![\w-])(?:each|every) [\w-]+ (?:(?:may|can|will|would|should|could) )?(?:gets?|has|have|keeps?|receives?) "
    rf"(?:its|their) own (?:[\w-]+ ){{0,2}}?{_ADDON}(?![\w-])"
)

# --- where an answer came from ----------------------------------------------------------------------
_PASSAGE = (
    r"(?:sections?|paragraphs?|pages?|clauses?|passages?|articles?|chapters?|lines?|provisions?|rules?|"
    r"regulations?|excerpts?|footnotes?|sentences?|subsections?|versions?|editions?|documents?|sources?)"
)
_ANSWER = r"(?:answers?|replies|reply|responses?|claims?|statements?|recommendations?|outputs?|suggestions?)"
_CAME_FROM = (
    r"(?:(?:is|was|are|were|has been) )?(?:came|comes|come|based|rests?|relies|rely|draws?|drawn|taken|pulled|"
    r"sourced|is from|was from|found)(?: on| from| in)?(?![\w-])"
)
_CITED = re.compile(
    # "which section of which label version the answer came from", "the exact clause it rests on"
    rf"(?<![\w-])(?:which|what|the (?:exact|precise|specific|very|original)) (?:[\w-]+ )?{_PASSAGE}"
    rf"(?: (?:of|in) (?:which|what|the|each|its) (?:[\w-]+ ){{0,2}}?{_PASSAGE})?"
    rf" (?:the |each |every |an? |its )?(?:{_ANSWER}|it|they) {_CAME_FROM}"
    # "every reply can be followed back to the exact regulation clause"
    rf"|(?<![\w-])(?:{_ANSWER}|it|each one|every one)(?: (?:can|must|should|has to|have to|needs? to|could|will) be|"
    r" (?:is|are))? (?:followed|traced|tracked|linked|tied|mapped) (?:back )?to (?:the |a |its |their )?"
    rf"(?:exact |precise |specific |original |underlying |source )?(?:[\w-]+ )?{_PASSAGE}(?![\w-])"
    # "the page of the monograph where it found the answer"
    r"|(?<![\w-])where (?:it|they|the (?:model|assistant|bot|system|tool)) (?:found|got|read|took|saw) "
    r"(?:the|its|each|an?|that) (?:answer|information|fact|figure)s?(?![\w-])"
)


def purpose_needs(clause: str, offset: int) -> list[Candidate]:
    """The needs of the module docstring read from one clause."""
    out = _strict(clause, offset)
    for pattern, crit, value in (
        (_FROZEN, TRAINING, "weights_frozen"),
        (_PER_UNIT_ADDON, TASK_VARIANTS, "per_task"),
        (_CITED, CITE, "required"),
    ):
        for m in pattern.finditer(clause):
            if not negated(clause[: m.start()]):  # "we don't need the base model to stay frozen"
                out.append(Candidate(crit, value, offset + m.start(), len(m.group(0)), m.group(0)))
    return out

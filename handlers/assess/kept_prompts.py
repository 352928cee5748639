"""Prompts kept beside a trained model (pure): a plan that trains a model and keeps prompting for what
the training does not cover - "train on the corrections, and still keep prompts to handle the odd
clause variants", "fine-tune on them, keeping a prompt layer on top for the unusual cases", "fine-tune,
and then keep refining prompts for new dispute types", "train on the corrections and keep prompts on top
for per-case tweaks" -> `prompt_layer: kept`. What the prompts are kept for is the share of the work
that differs between cases: a noun of such a share (variants, edge cases, tweaks, adjustments) or a
distributive that divides the work into its cases ("per-customer touches", "each client's quirks");
a purpose that is no share of the work ("for now", "for reference", "for comparison") reads nothing.

SkillWisor's iterative refinement is a hybrid: start with prompts to find the patterns, fine-tune
on a targeted dataset, then optimise further through refined prompts (its foundation plus
specialisation pattern: the trained model carries the core, prompts handle variations and edge
cases). A text that states both a training plan and prompts kept for variants, edge cases or new
kinds of input states that plan; the rubric makes it a need of the prompt half of a hybrid.

Neither statement alone is the plan: prompts kept with no training in view ("keep our prompts as
they are and move to a newer model") and training that replaces the prompts ("a fine-tuned model
to replace the prompt setup entirely") read nothing; a denied training plan ("we won't fine-tune")
reads nothing either. The reading fills only a criterion nothing else reads
(`handlers.assess.selection.fill_fallbacks`).
"""

from __future__ import annotations

import re

from handlers.assess.text_cues import negated

PROMPT_LAYER = "prompt_layer"
KEPT = "kept"

# a plan to train a model (not denied: checked at the match)
TRAINING = re.compile(
    r"(?<![\w-])(?:fine[- ]?tun(?:e|es|ed|ing)|finetun\w+|train(?:s|ed|ing)?|lora|q?lora|peft|adapters?)(?![\w-])",
    re.I,
)
# what the prompts are kept for: the cases the training does not cover
_LEFT_OVER = (
    r"(?:variants?|variations?|edge[- ]cases?|corner[- ]cases?|exceptions?|outliers?|oddities|cases|types|"
    r"situations|formats|requests|clauses|inputs|queries|questions|scenarios)"
)
# ... or for the part that differs from one case to the next, told by grammar rather than by a noun:
# a distributive that divides the work into its cases ("per-case tweaks", "the per-customer touches",
# "each client's quirks", "case-by-case wording"), or a noun of small adjustment to a common core
# ("tweaks", "touches", "adjustments", "nuances"). A purpose of keeping that is not a share of the work
# ("for now", "for reference", "for comparison", "for everything") names neither and reads nothing.
_PER_CASE = (
    r"(?:per[- ][\w-]+|each|every|individual|case[- ]by[- ]case|[\w-]+[- ]specific|[\w-]+[- ]by[- ][\w-]+)"
    r"(?:'s|s')?\s+(?:[\w-]+\s+){0,2}?[\w-]+"
)
_ADJUSTMENTS = (
    r"(?:tweaks?|touch(?:es)?|adjustments?|nuances?|specifics|particulars|customi[sz]ations?|"
    r"personali[sz]ations?|tailoring|overrides?)"
)
_KEPT_FOR = rf"(?:{_PER_CASE}|(?:[\w-]+\s+){{0,2}}?(?:{_LEFT_OVER}|{_ADJUSTMENTS}))"
_PROMPTS = r"(?:(?:a|the|our|some|its)\s+)?(?:[\w-]+\s+){0,2}?prompt(?:s|ing)?(?:\s+(?:layer|step|stage|rules))?"
KEPT_PROMPTS = re.compile(
    # "still keep prompts to handle the odd clause variants", "keeping a prompt layer on top for the unusual cases"
    rf"(?<![\w-])(?:keep(?:s|ing)?|kept|retain(?:s|ed|ing)?|still (?:use|using|run|running|rely on)|"
    rf"continue (?:to use|using)|hold(?:ing)? on to)\s+{_PROMPTS}"
    rf"(?:\s+(?:on top|around it|beside it|alongside(?: it)?|as well|too))?\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:for|to (?:handle|cover|deal with|catch|manage|steer|guide))\s+(?:(?:the|any|all|those)\s+)?"
    rf"{_KEPT_FOR}(?![\w-])"
    # "then keep refining prompts for new dispute types"
    rf"|(?<![\w-])(?:then|afterwards|after that|and)\s+(?:keep|continue|carry on)\s+(?:refining|tweaking|adjusting|"
    rf"improving|optimi[sz]ing|iterating on)\s+{_PROMPTS}(?![\w-])",
    re.I,
)


def kept_prompts(text: str) -> re.Match[str] | None:
    """The statement of prompts kept beside a training plan, if the text states both (module docstring)."""
    kept = KEPT_PROMPTS.search(text)
    if kept is None:
        return None
    for m in TRAINING.finditer(text):
        if not negated(text[max(0, m.start() - 40) : m.start()]):
            return kept
    return None

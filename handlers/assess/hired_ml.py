"""ML skill bought in for the training (pure): "we can afford a contractor for LoRA", "budget to hire a
freelancer for the adapter fine-tuning", "a consultant will do the fine-tuning", "we'd outsource the
LoRA training" -> `ml_expertise: some`.

A team with no one who trains models may still name who will: someone it pays (a contractor,
freelancer, consultant, agency) named for a training method (LoRA, PEFT, adapters, fine-tuning,
training the model). That person is the project's ML skill: one person who can run a fine-tuning
recipe, the rubric's "some" (SkillWisor weighs the team's technical capabilities; Gupta: PEFT
puts fine-tuning in reach of limited resources). A contractor named for anything else ("a
contractor to embed the chat widget") says nothing about ML and reads nothing here (the staff
fallback, `handlers.assess.staff`, still reads a team of non-ML trades as none). A hire that is
denied ("we can't afford a consultant for fine-tuning") reads nothing either.

The reading is ranked as a rule match of its own length, so it outweighs a shorter denial of the
team's own skill in the same text ("nobody here trains models, but we can hire a freelancer for the
adapter fine-tuning": the project has someone who will).
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

ML_EXPERTISE = "ml_expertise"

# people paid from outside the team
_HIRED = (
    r"(?:contractors?|freelancers?|consultants?|consultancy|consulting (?:firm|partner)|agency|"
    r"(?:outside|external) (?:experts?|specialists?|help|partners?|team)|(?:ml|machine learning|ai) (?:contractors?|"
    r"freelancers?|consultants?|consultancy|specialists?|agency|vendor))"
)
# a training method, named as what they are paid for
_TRAIN = (
    r"(?:q?lora\w*|peft|adapters?|fine[- ]?tun\w+|finetun\w+|(?:model )?training|train(?:ing)?\s+"
    r"(?:the\s+|a\s+|an\s+|our\s+|its\s+)?(?:[\w-]+\s+)?(?:models?|adapters?|llms?))"
    # "the adapter fine-tuning", "LoRA training": the method and the work named together
    r"(?:\s+(?:fine[- ]?tun\w+|finetun\w+|training|runs?|jobs?))?"
    # training people is no model training ("a consultant for training our staff")
    r"(?!\s+(?:(?:our|the|new|all)\s+)?(?:staff|people|employees|team|users|agents|nurses|doctors|workers|volunteers)\b)"
)
_FOR = r"(?:for|to do|to run|to handle|to build|to train|to set up|who (?:does|do|can do|will do|handles?|knows?))"
_DET = r"(?:(?:the|our|a|an|some|its|any)\s+)?(?:[\w-]+\s+){0,2}?"
HIRED = re.compile(
    rf"(?<![\w-]){_HIRED}\s+(?:[\w-]+\s+){{0,3}}?{_FOR}\s+{_DET}{_TRAIN}(?![\w-])"
    # "a consultant to train the model"
    rf"|(?<![\w-]){_HIRED}\s+(?:[\w-]+\s+){{0,3}}?to (?:train|fine-tune|finetune|tune)\s+"
    rf"(?:(?:the|a|an|our|its)\s+)?(?:[\w-]+\s+)?(?:models?|adapters?|llms?)(?![\w-])"
    rf"|(?<![\w-])(?:outsourc\w+|contract(?:s|ed|ing)? out|farm(?:s|ed|ing)? out)\s+{_DET}{_TRAIN}(?![\w-])"
    rf"|(?<![\w-]){_TRAIN}\s+(?:(?:would|will|can|could|is|are|gets?)\s+)?(?:be\s+)?(?:done|handled|run|built|"
    rf"outsourced)\s+by\s+(?:an?|one|the|our)\s+(?:[\w-]+\s+)?{_HIRED}(?![\w-])",
    re.I,
)


def hired_skill(clause: str, offset: int) -> list[Candidate]:
    """`ml_expertise: some` read from a hire named for a training method (module docstring)."""
    out = []
    for m in HIRED.finditer(clause):
        before = re.split(r"\bbut\b|[,;]", clause[: m.start()])[-1]
        if negated(before):
            continue
        out.append(Candidate(ML_EXPERTISE, "some", offset + m.start(), len(m.group(0)), m.group(0)))
    return out

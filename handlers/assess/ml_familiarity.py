"""ML skill told as familiarity (pure): "two ML-literate staff", "a data-savvy analytics crew",
"backend developers who are comfortable with PyTorch", "one engineer fluent in machine learning",
"a colleague with experience training LoRA adapters", "a quant dev team" -> `ml_expertise: some`;
"an applied science group that trains transformer models routinely" -> `strong`.

The rubric's synonyms name ML people by their trade ("a data scientist", "an ML team"); a team also
describes its skill by what its people are at home with. Being literate, savvy or fluent in machine
learning (or in data and statistics), comfortable or experienced with an ML framework or with
training models, or working in a quantitative trade (quants, statisticians, data engineers) is
some ML expertise: people who can follow a fine-tuning recipe, not a team that trains models
(SkillWisor: "limited ML expertise" vs "technical capabilities"). Being familiar with computers or
technology in general ("tech-savvy", "computer-literate") is no ML skill and reads nothing.

These readings rank below every reading that names the team by its trade (`length` 0): "our ML team
is fluent in PyTorch" stays strong, "one data scientist, comfortable with PyTorch" stays some. They
do beat the fallback that reads software trades as no ML ("two backend developers who are
comfortable with PyTorch" know some ML). A denied familiarity ("nobody here is ML-literate") is
none. A group or team that trains models as its work is a team
that trains models: strong, ranked as a rubric synonym.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

ML_EXPERTISE = "ml_expertise"

# what an ML-familiar person is at home with
_ML_THING = (
    r"(?:pytorch|tensorflow|keras|jax|scikit-learn|sklearn|hugging ?face|ml|machine learning|"
    r"deep learning|neural (?:networks?|nets?)|model training|training (?:models|llms|networks)|fine-tuning|"
    r"finetuning|lora|qlora|peft|nlp|data science|llm fine-tuning|mlops|ml ops)"
)
# the fields whose literacy is ML skill (not "tech-" or "computer-literate")
_ML_FIELD = r"(?:ml|machine[- ]learning|ai|data|data[- ]science|stats?|statistics|statistically|llm|nlp|model)"
_LITERATE = rf"(?<![\w-]){_ML_FIELD}[- ](?:literate|savvy|fluent|competent|proficient)(?![\w-])"
_AT_HOME = (
    r"(?<![\w-])(?:fluent|comfortable|experienced|proficient|skilled|versed|well[- ]versed|handy|competent|"
    r"confident|conversant|at home|familiar|good|solid)\s+(?:in|with|at|using)\s+(?:[\w-]+\s+){0,2}?"
    + _ML_THING
    + r"(?![\w-])"
)
_EXPERIENCE = (
    r"(?<![\w-])(?:experience|background|hands-on time)\s+(?:with\s+|in\s+|of\s+)?(?:training|fine-tuning|"
    r"finetuning|building)\s+(?:[\w-]+\s+){0,3}?(?:models?|adapters?|loras?|llms?|classifiers?|networks?)(?![\w-])"
)
# quantitative trades: people who model data for a living
# ("quant risk", "a quant fund": the trade names a desk or a business, not who is on the team)
_QUANT = (
    r"(?<![\w-])(?:quants|quant (?:developers?|devs?|dev team|team|analysts?|researchers?|group|people|folks|"
    r"engineers?)|(?:a|an|one|our|the|two|three) quant(?=\s*(?:[,.;:!?)]|$|\s+(?:who|and|on|in|with)\b))|"
    r"statisticians?|data engineers?|econometricians?|computational (?:linguists?|scientists?))(?![\w-])"
)
SOME = re.compile(rf"{_LITERATE}|{_AT_HOME}|{_EXPERIENCE}|{_QUANT}", re.I)
# a group whose work is training models
STRONG = re.compile(
    r"(?<![\w-])(?:team|group|department|unit|lab|squad|crew)\s+(?:who|that|which)\s+(?:(?:routinely|regularly|"
    r"already|often|constantly|also)\s+)?(?:trains?|fine-tunes?|pre-?trains?|builds?)\s+(?:and\s+[\w-]+\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:models|llms|networks|classifiers)(?![\w-])",
    re.I,
)


def familiar_skill(clause: str, offset: int) -> list[Candidate]:
    """`ml_expertise` read from what the team is familiar with (module docstring)."""
    out = [
        Candidate(ML_EXPERTISE, "strong", offset + m.start(), len(m.group(0)), m.group(0))
        for m in STRONG.finditer(clause)
    ]
    for m in SOME.finditer(clause):
        # "nobody here is ML-literate": a denied familiarity is none
        value = "none" if negated(clause[: m.start()]) else "some"
        out.append(Candidate(ML_EXPERTISE, value, offset + m.start(), 0, m.group(0)))
    return out

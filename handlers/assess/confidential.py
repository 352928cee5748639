"""Material called confidential (pure): "the material is confidential", "our case notes are
privileged", "everything we'd learn from is under NDA" -> private_data datasets.

Calling what the task works with confidential, privileged, classified or under NDA says the task
depends on proprietary data (AndData: "Proprietary or Confidential Data: fine-tuning allows the
integration of proprietary data"), but not what kind: where the rubric's synonyms name it (a wiki
to answer from: private documents) they decide, and this only fills a criterion they left open,
with the rubric's choice for proprietary data, datasets (which its synonyms already give
"confidential data" and "sensitive data"). What is kept secret must be the task's material: the
team's own prompt, model, plans or budget being confidential ("our system prompt is confidential")
says nothing about the data, and neither does a denial ("nothing here is confidential"), which
the rubric's synonyms read as none.
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import negative
from handlers.assess.text_cues import SENTENCE

PRIVATE_DATA = "private_data"
DATASETS = "datasets"

# secret, said of something
SECRET = (
    r"(?:strictly |highly |very |extremely |deeply |legally |commercially |all |mostly |also |quite )*"
    r"(?:confidential|privileged|classified|secret|top[- ]secret|sensitive(?! to\b| about\b| in\b| on\b)|"
    r"under (?:an? |strict |our )?(?:ndas?|non-disclosure(?: agreements?)?)|covered by (?:an? |our )?(?:ndas?|"
    r"non-disclosure agreements?|(?:attorney|legal|client)[- ](?:client )?privilege))"
)
# "the material is confidential", "our case notes are privileged", "everything we'd use stays under NDA"
PREDICATE = re.compile(
    r"(?<![\w-])(?P<subject>(?:[\w'-]+ ){1,6}?)(?:is|are|'s|'re|was|were|stays?|remains?|gets? treated as|"
    r"(?:is|are) (?:treated|classed|classified|marked|considered|kept)(?: as)?)(?: all)? " + SECRET + r"(?![\w-])"
)
# "confidential client files", "privileged correspondence", "sensitive material"
ATTRIBUTE = re.compile(
    r"(?<![\w-])" + SECRET + r" (?:[\w-]+ ){0,2}?"
    r"(?:material|materials|files|documents|docs|notes|records|data|datasets|information|info|content|"
    r"correspondence|communications|contracts|reports|cases|emails|transcripts|recordings|drawings|designs|"
    r"formulas|recipes|filings|statements|histories)(?![\w-])"
)
# what the team keeps secret about its own approach, not the task's material
OWN_ARTEFACTS = re.compile(
    r"(?<![\w-])(?:prompts?|system prompt|instructions|models?|weights|project|plans?|roadmap|budget|pricing|"
    r"approach|methods?|pipeline|code|codebase|architecture|vendor|name|identity|launch|deadline)(?![\w-])"
)


def confidential_material(text: str) -> tuple[int, str] | None:
    """The first statement in `text` (normalised) that calls the task's material confidential, as
    (offset, snippet); None if there is none."""
    for sentence in SENTENCE.finditer(text):
        s = sentence.group(0)
        for m in PREDICATE.finditer(s):
            subject = m.group("subject")
            if OWN_ARTEFACTS.search(subject) or negative(m.group(0)):
                continue
            return sentence.start() + m.start(), m.group(0)
        for m in ATTRIBUTE.finditer(s):
            if negative(s[max(0, m.start() - 20) : m.start()]):  # "no confidential data": none
                continue
            return sentence.start() + m.start(), m.group(0)
    return None

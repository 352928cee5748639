"""How prompted or general models fall short, told by what they produce (pure): "prompting a big
model gives us text that drifts in level from one article to the next", "Copilot-style tools
produce code that looks right and doesn't compile", "the general models sound like a press
release" -> prompt_results plateaued.

The rubric's plateaued choice is "Plateaued / not good enough". Its synonyms read a failure named
with a word of failure ("keeps getting the format wrong", "inconsistent results"); a team more
often describes what comes out. Three such descriptions are told here, each of a general model
doing the task as is (prompts, a hosted or off-the-shelf model, a chat or coding assistant):
- output that varies from one run to the next: inconsistency is the mark of fragile instructions
  (expert analysis: "fragile instructions leading to inconsistent output quality"; SkillWisor:
  fine-tuning gives the consistency prompting lacks);
- output that looks right and does not work (code that does not compile, queries that fail to run);
- output that reads like something other than what the team writes ("sounds like a press release",
  "reads nothing like our presenters"): the style a general model falls back on.
The description is read in the clause that names the model, or in the clause right after it when
that one refers back ("prompted models write bulletins, but they sound nothing like our
presenters"). A wish ("it should sound like a seasoned editor") and a denial ("prompting doesn't
drift") read nothing; nor does a model the team trained itself (`verdicts.TRAINED`).
"""

from __future__ import annotations

import re

from handlers.assess.clause_words import negative
from handlers.assess.patterns import Candidate
from handlers.assess.verdicts import PLATEAUED, PROMPT_RESULTS, PROMPTING, TRAINED

# a general model used as is: prompting, a named hosted model, an off-the-shelf model or assistant
GENERAL_MODEL = re.compile(
    PROMPTING.pattern
    + r"|(?<![\w-])(?:copilot[\w-]*|(?:(?:general|generic|stock|public|off[- ]the[- ]shelf|hosted|big|large|"
    r"general[- ]purpose|frontier|foundation|chat|coding|code|ai|llm|gpt)(?:[- ][\w-]+)? )"
    r"(?:models?|llms?|assistants?|chatbots?|tools?|bots?|copilots?))(?![\w-])"
)

# "doesn't run on our laptops" says where it runs, not that the output is broken
_WORK = (
    r"(?:compile|compiles|run|runs|build|builds|work|works|parse|parses|execute|executes|validate|pass|passes)"
    r"(?! (?:on|in|locally|offline|inside|without)\b)"
)
_NOT = r"(?:doesn't|don't|does not|do not|won't|will not|never|fails? to|failing to|can't|cannot)"
_PLAUSIBLE = (
    r"\b(?:looks?|looking|seems?|reads?) (?:right|plausible|correct|fine|good|convincing|reasonable|ok(?:ay)?|valid)\b"
)
# the three descriptions of a shortfall
SHORTFALL = re.compile(
    # output that varies: "drifts in level from one article to the next", "wanders from recap to recap"
    r"\b(?:drift|wander|vary|varies|varied|varying|fluctuat|swing|swung|jump|bounce|shift|flip-flop)\w*\b"
    r"[^.;]{0,40}?(?:\bfrom (?:one|each|a) [\w-]+ to (?:the )?(?:next|another|other)\b|\bfrom ([\w-]+) to \1\b|"
    r"\bbetween (?:runs|calls|outputs|answers|drafts|replies|responses|articles|requests|documents|attempts)\b|"
    r"\b(?:each|every) time\b|\brun to run\b|\bwildly\b|\ball over the place\b)"
    r"|\b(?:each|every) (?:[\w-]+ ){0,2}(?:comes? out|looks?|reads?|sounds?|turns? out)\b"
    r"[^.;]{0,20}?\bdifferent(?:ly)?\b"
    r"|\ball over the place\b|\bnever the same (?:twice|way)\b"
    # output that looks right and does not work
    r"|" + _PLAUSIBLE + r"[^.;]{0,40}?\b" + _NOT + r" (?:actually |even )?" + _WORK + r"\b"
    r"|\b(?:code|queries|query|scripts?|sql|programs?|snippets?|configs?|functions?)\b"
    r"(?: [\w-]+){0,4}? (?:that |which )?"
    + _NOT + r" (?:actually |even )?" + _WORK + r"\b"
    # output unlike what the team writes: "sound like a press release", "read nothing like our presenters"
    r"|\b(?:sounds?|sounding|reads?|reading|comes? (?:out|across)) (?:like|as) (?:a|an) "
    r"(?!(?:human|person|native|pro|professional|expert|real|natural|charm|dream|good|great|nice|fine|decent|solid|"
    r"reasonable|perfect|plan|fit|match|way|start|idea|option|lot|bit|better|simple|quick|must)\b)[\w-]+"
    r"|\b(?:sounds?|reads?|looks?) nothing like\b|\b(?:doesn't|don't|does not|do not|never) (?:sound|read) like\b"
)
# a wish for the output, not what comes out: "it should sound like a seasoned editor"
WISH = re.compile(
    r"\b(?:should|must|needs? to|has to|have to|ought to|want(?:s|ed)? (?:it|them|the \w+) to|would like|"
    r"'d like|hope|hoping|ideally|expected to|supposed to)\b"
)


# "looks plausible" closing a clause, "but fails to run" the next (clauses split before "but")
PLAUSIBLE_END = re.compile(_PLAUSIBLE + r"[^.;]{0,20}$")
BROKEN_START = re.compile(
    r"\s*(?:then |it |they |it's |they're |still |just )?" + _NOT + r" (?:actually |even )?" + _WORK + r"\b"
)
# a clause whose subject is the output or its qualities, told right after the model that made it
# ("when we prompt a large model, the reading level wanders from recap to recap")
THEN = re.compile(
    r"\s*(?:(?:and|but|so|yet|though)\s+)?(?:the|its|their|it|it's|they|they're|each|every|one|some|all|this|that|"
    r"these|those|what)(?![\w-])"
)


def _about_general_model(clause: str) -> bool:
    return GENERAL_MODEL.search(clause) is not None and TRAINED.search(clause) is None


def prompting_shortfalls(clause: str, offset: int, previous: str = "") -> list[Candidate]:
    """prompt_results plateaued from a description of what a general model gets wrong in
    `clause` (at `offset`), which may lean on the `previous` clause for the model it describes."""
    if BROKEN_START.match(clause) and PLAUSIBLE_END.search(previous) and _about_general_model(previous):
        return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), f"{previous} but {clause}")]
    found = SHORTFALL.search(clause)
    if found is None or WISH.search(clause[: found.start()]):
        return []
    if negative(clause[: found.start()]):  # "prompting doesn't drift", "we never saw it vary"
        return []
    judged = _about_general_model(clause) or (
        THEN.match(clause) is not None and _about_general_model(previous) and not negative(previous)
    )
    if not judged:
        return []
    return [Candidate(PROMPT_RESULTS, PLATEAUED, offset, len(clause), clause)]

"""Per-unit customisation and affordability, read from how a sentence is built rather than from
a list of situations: the reading of `task_variants` (per_task) and of a tight `budget` that
the rubric's phrase lists cannot cover, because the unit changes with every team.

- Per-unit phrasing: a customising word and, a few words after it, a unit it is repeated for -
  "customise the model *for each of our* 14 product lines", "a small learned add-on that
  changes *per* character", "train *per* type". The unit may be any noun except those
  that name time, money, single inputs or output classes ("per day", "per request", "per
  document", "per label"): a model per document or per label is no stored variant of a task.
  The unit may also follow "to each" ("a version tailored to each of our regions").
- Counted variants: a number of models, fine-tunes, adapters, copies or retrains with a
  training or hosting word ("train and host 40 full models", "five full retrains"), whatever
  adverbs, participles or noun modifiers stand between ("60 separately trained model copies",
  "90 fully fine-tuned models").
- Negation: "we don't need a model per customer" states no per-task need, but an affordability
  negation keeps it ("can't afford a separate fine-tune for each one": the need is there, the
  money is not) and is itself a tight budget, as is a refusal to spend ("the partners won't sign
  off on a large compute spend", "no appetite for spending on it") and being short on compute ("compute-poor",
  "out of reach money-wise", "isn't in the budget"), and a budget word in what cannot be paid for
  is denied ("we don't have the budget for a big GPU cluster" states no big budget). (Gupta:
  prompt tuning stores many specialised tunings cheaply; PEFT is domain specialisation with
  limited resources.)
"""

from __future__ import annotations

import re

from handlers.assess.patterns import BUDGET, Candidate
from handlers.assess.text_cues import negated

TASK_VARIANTS = "task_variants"
STAKES = "accuracy_stakes"
NEAR_WORDS = 6  # a customising word this close before the unit: "customise the model for each of our lines"

_CUSTOM = (
    r"customi[sz]\w*|personali[sz]\w*|tailor\w*|tun(?:e|es|ed|ing|ings)|fine[- ]?tun\w*|(?:re)?train\w*|adapt\w*|"
    r"add[- ]ons?|variants?|versions?|copies|models?|lora|soft prompts?|weights|checkpoints?|"
    r"nudges?|speciali[sz]\w*"
)
NOT_A_UNIT = (  # no unit a variant is kept for: a time, money, one input or output, a user
    r"second|minute|hour|day|night|week|month|quarter|year|time|release|sprint|deploy\w*|version|iteration|"
    r"dollar|euro|cent|token|word|"
    r"request|query|call|message|email|ticket|document|doc|page|item|record|row|example|sample|input|"
    r"output|answer|question|sentence|run|label|class|category|intent|field|epoch|batch|step|gpu|"
    r"cost|unit|head|seat|instance|file|user"
)
_KIND = r"type|kind|family|genre|format|category|class"
_UNIT = re.compile(
    r"\b(?:per|(?:for|to) (?:each|every)|from each|each of (?:our|the|these|those|them))\b"
    r"(?:\s+(?:of\s+)?(?:our|the|these|those|its|their|\d[\d,.]*k?))*\s+(?P<noun>[a-z][\w-]*)"
    rf"(?:\s+(?P<kind>{_KIND})\b)?"
)
_CUSTOM_WORD = re.compile(rf"\b(?:{_CUSTOM})\b")
_DIGIT = re.compile(r"\d")  # "one model, 300 docs per customer": a count per unit, not a variant
_SKIP_NOUN = re.compile(rf"(?:{NOT_A_UNIT})s?$")
_NUMBER_WORD = (
    r"\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"dozens of|hundreds of|a dozen"
)
_COUNTED = re.compile(
    rf"\b(?:{_NUMBER_WORD})\s+(?:(?:separate|full|different|individual|distinct|own|little|small|tiny|"
    r"custom|dedicated|specialised|specialized|model|[a-z]+ly|[a-z]+(?:-[a-z]+)*(?:ed|en))\s+)*"
    r"(?P<noun>fine[- ]?tunes?|finetunes?|models|adapters|variants|copies|retrains|checkpoints|tunings|versions|"
    r"soft prompts|loras)\b"
)
_TRAINED_NOUN = re.compile(r"fine|tun|retrain|adapter|checkpoint|lora|soft")
_TRAINING = re.compile(r"\b(?:train\w*|tun\w*|host\w*|maintain\w*|keep\w*|stor\w*|serv\w*|deploy\w*|run)\b")
# the need is there, the money is not: a tight budget, and no denial of the need. What cannot be
# paid for follows the forward forms ("can't afford X", "don't have the budget for X") and comes
# before the backward ones ("X is out of reach"); "can't afford mistakes" is about stakes, not money.
# what money buys: "can't afford to train / host / keep ..." is a budget, "can't afford to cite an old
# rule / lose a customer" a risk (what a mistake would cost: accuracy stakes)
_SPEND = (
    r"(?:buy|pay|spend|train|retrain|fine[- ]?tune|tune|hire|rent|run|host|build|maintain|keep|store|serve|deploy|"
    r"invest|fund|license|develop|staff|label|annotate|have|get|own|employ|operate|set up|stand up|add|do|go|"
    r"use|try|experiment|support|double|scale|throw|sink|put|wait|spin up|re-?do|rebuild|update|refresh|"
    r"repeat|re-?run|re-?train|re-?label)"
)
_RISK = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|could never|can never)(?: really| possibly| even)? afford to "
    rf"(?!{_SPEND}\b)[a-z]+"
)
# what lies above a stated resource: more of it, a bigger one, a cluster
BEYOND = (
    r"(?! (?:(?:anything|any|something|an?|the) )?(?:more|bigger|larger|else|extra|beyond|second|another|additional)\b"
    r"| (?:an? |the |any )?(?:[\w-]+ )?(?:clusters?|farms?|fleets?)\b)"
)
_FORWARD = (
    r"(?:(?:can'?t|cannot|can not|couldn'?t|could never|can never|unable to|not able to"
    r"|no way (?:we|i) (?:can|could))"
    r"(?: really| possibly| even)? (?:afford|justify|pay|fund|budget for)"
    r"(?! (?:any |to (?:make |have |get )?(?:any )?)?(?:errors?|mistakes?|wrong|downtime|hallucinations?|outages?)\b)"
    rf"(?! to (?!{_SPEND}\b)[a-z]+)"
    # "can't justify another year of doing it by hand": the status quo refused, no money
    r"(?! (?:another|one more|a further|more|any more|the)\s+(?:[\w-]+\s+)?(?:years?|months?|quarters?|weeks?|"
    r"days?|hours?|rounds?|seasons?)\s+of\b)"
    r"|(?:do ?n'?t|do not|does ?n'?t|does not|never) have (?:the |a |any |enough )?"
    r"(?:budget|money|funds|funding|cash|compute|resources) (?:for|to)"
    r"|no (?:budget|money|funds|funding) (?:for|to))"
    # "no budget for more", "can't afford a cluster", "no money for anything bigger": a ceiling over the
    # resources just stated ("we can rent one A100; no budget for more"), not a low budget
    + BEYOND
)
_BACKWARD = (
    r"(?:out of (?:reach|our (?:budget|price range|league))|beyond (?:our|the) (?:budget|means)"
    r"|(?:isn'?t|is not|aren'?t|are not|not) in (?:the|our) budget|too (?:expensive|costly|pricey) for us"
    r"|more than (?:we|i) (?:can|could) (?:afford|spend|pay|justify)|priced out)"
)
# a refusal or reluctance to spend is the same tight budget, told by who holds the money ("the
# partners won't sign off on a large compute spend", "finance won't pay for GPUs", "leadership has no
# appetite for spending on this"): a verb of paying refuses money by itself; a verb of approving only
# when what it refuses is money or compute a few words on ("won't approve sending data out" is no
# budget, "signed off on the GPU budget" no refusal)
_REFUSING = (
    r"(?:won't|will not|wouldn't|would not|will never|would never|refuses? to|refused to|never going to|"
    r"(?:is|are|'re|'s)(?:n't| not) going to|(?:is |are |'re |'s )?(?:unwilling|reluctant|hesitant|loath) to)"
)
_MONEY_OBJECT = (
    r"(?=(?: [\w'-]+){0,4}? (?:spend\w*|budget\w*|money|costs?|bills?|expens\w+|purchases?|compute|gpus?|"
    r"hardware|cloud|paying|buying|renting|invest\w*|funding|fees?)\b)"
)
_NOT_MONEY = (
    r"(?! (?:much |any |more |the |our |extra )?(?:time|hours?|days?|weeks?|months?|effort|energy|attention)\b)"
)
_REFUSE = (
    rf"{_REFUSING} (?:(?:pay|spend|invest|fund|bankroll|finance|shell out|fork out|splash out|foot the bill)\b"
    rf"{_NOT_MONEY}"
    rf"|(?:sign off on|approve|green-?light|authori[sz]e|okay|sanction|agree to|sign for){_MONEY_OBJECT})"
    r"|(?:no|zero|little|not much|limited) (?:appetite|stomach|willingness) (?:for|to) "
    r"(?:spend|spending|pay|paying|invest|investing|fund|funding|"
    r"(?:[\w-]+ ){0,2}?(?:spend|spending|bills?|costs?|budgets?))\b"
    r"|(?:hard|difficult|tough|impossible) to justify "
    r"(?:spending|paying|the (?:cost|spend|expense|bill)|(?:any |the )?money)"
)
AFFORD = re.compile(
    rf"\b(?:(?P<forward>{_FORWARD}|{_REFUSE})|(?P<backward>{_BACKWARD})"
    r"|(?:compute|gpu|cash)[- ](?:poor|starved|strapped)|short on (?:compute|gpus?|cash|money|budget))"
)
# what the team's customers will not or cannot pay ("customers won't pay for a slow answer") is a
# price the market sets, not the team's budget
_BUYERS = re.compile(
    r"\b(?:customers?|users?|clients?|buyers?|shoppers?|guests?|members?|patients?|subscribers?|readers?|"
    r"visitors?|consumers?|the market)\s+(?:[\w']+\s+){0,2}$"
)


def _team_limits(clause: str) -> list[re.Match[str]]:
    """The team's own limits on spending in `clause` (`AFFORD`, not said of its customers)."""
    return [m for m in AFFORD.finditer(clause) if not _BUYERS.search(clause[max(0, m.start() - 40) : m.start()])]


def affordability(clause: str, offset: int) -> list[Candidate]:
    """A tight budget stated as what the team cannot pay for ("can't afford ...", "out of reach");
    high accuracy stakes stated as what it cannot risk doing ("can't afford to cite an old rule")."""
    # an inference from one option's price: any stated budget level ("low-to-moderate compute") wins
    found = [Candidate(BUDGET, "low", offset + m.start(), 0, m.group(0)) for m in _team_limits(clause)]
    return found + [Candidate(STAKES, "high", offset + m.start(), 0, m.group(0)) for m in _RISK.finditer(clause)]


def unaffordable(clause: str, pos: int) -> bool:
    """Whether position `pos` of `clause` lies in what the team says it cannot pay for: a
    budget word there ("we don't have the budget for a big GPU cluster") is denied, not stated."""
    for m in _team_limits(clause):
        if (m.group("forward") and pos >= m.end()) or (m.group("backward") and pos < m.start()):
            return True
    return False


def per_task(clause: str, offset: int) -> list[Candidate]:
    """`task_variants: per_task` from per-unit phrasing or counted variants (module docstring)."""
    found = _per_unit(clause) or _counted(clause)
    if found is None:
        return []
    start, end = found
    if negated(clause[:start]) and not AFFORD.search(clause):
        return []  # "we don't need a model per customer"
    snippet = clause[start:end]
    return [Candidate(TASK_VARIANTS, "per_task", offset + start, len(snippet), snippet, priority=1)]


def _per_unit(clause: str) -> tuple[int, int] | None:
    for m in _UNIT.finditer(clause):
        if _SKIP_NOUN.fullmatch(m.group("noun")) and m.group("kind") is None:
            continue  # "per day", "per document": time or one input; "per doc type" is a task
        near = clause[_word_back(clause, m.start(), NEAR_WORDS) : m.start()]
        custom = list(_CUSTOM_WORD.finditer(near))
        if custom and not _DIGIT.search(near[custom[-1].end() :]):
            return m.start(), m.end()
    return None


def _word_back(text: str, pos: int, words: int) -> int:
    cut = [w.start() for w in re.finditer(r"\S+", text[:pos])]
    return cut[-words] if len(cut) >= words else 0


def _counted(clause: str) -> tuple[int, int] | None:
    for m in _COUNTED.finditer(clause):
        if _TRAINED_NOUN.search(m.group("noun")) or _TRAINING.search(clause):
            return m.start(), m.end()
    return None

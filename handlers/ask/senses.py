"""Which sense the advisor's ambiguous words carry in a question.

The field's own words are everyday words of other fields too: a financial, 3D or fashion *model*,
*training* a dog, new staff or for a marathon, *prompt* payment, data *retrieval* from a dead disk,
a plug *adapter*, a gaming *GPU*. The word alone does not decide; its neighbour does - the kind of
model (its modifier), who or what is trained (its object, or the living thing or sport the
question is about), what "prompt" qualifies, what is retrieved or adapted, what the GPU is used
for. `other_senses` finds the words used in another field's sense (with their deciding
neighbour); `without_other_senses` blanks them, so that `handlers.ask.scope` can ask whether any
sign of machine learning is left. The vocabularies are of whole fields (kinds of models, people
and animals one trains, sports, storage devices, connectors, gaming hardware), not of questions.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DET = r"(?:(?:a|an|the|my|our|your|his|her|their|this|that|these|new|some)\s+)?"

#: Kinds of model in other fields (finance, 3D and crafts, fashion and photography).
_MODEL_KINDS = (
    r"financial|finance|revenue|pricing|business|operating|cost|costing|valuation|dcf|lbo|forecast(?:ing)?|"
    r"spreadsheet|excel|budget(?:ing)?|cash ?flow|three[- ]statement|p&l|"
    r"3d|3-d|cad|blender|sculpt(?:ed|ing)?|clay|plastic|wooden|paper|scale|die-?cast|toy|lego|kit|"
    r"fashion|runway|catwalk|glamou?r|fitness|swimsuit|plus-size|hand|parts|photo|commercial|role"
)
_MODEL_OTHER = (
    rf"\b(?:{_MODEL_KINDS})[- ]models?\b|"
    r"\bmodel(?:l?ing)? (?:railways?|railroads?|trains?|kits?|planes?|aircraft|cars?|ships?|rockets?|"
    r"agency|agencies|career|jobs?|gigs?|portfolio|shoots?|photoshoots?|castings?)\b|"
    r"\b(?:become|becoming|be|being|work(?:ing)? as|career as|start(?:ing)? out as|signed as) an? (?:\w+ )?model\b|"
    r"\b(?:start(?:ed|ing)?|get(?:ting)? into|career in|do(?:ing)?|quit(?:ting)?) modell?ing\b|"
    r"\b(?:sculpt|rig|texture|render|print|animate|paint|glue|assemble|3d[- ]print)\w* "
    + _DET
    + r"(?:3d |scale |plastic )?models?\b"
)

#: Who or what is trained when the trainee is alive (people at work or school, animals, the body).
_TRAINEES = (
    r"dogs?|pupp(?:y|ies)|cats?|kittens?|pets?|horses?|ponies|parrots?|birds?|"
    r"kids?|child(?:ren)?|sons?|daughters?|toddlers?|students?|pupils?|"
    r"staff|employees?|new hires|hires|recruits|interns?|volunteers?|cashiers?|waiters?|waitstaff|"
    r"baristas?|nurses?|salespeople|sales (?:team|reps?)|team members?|managers?|supervisors?|"
    r"workers?|crew|athletes?|runners?|cyclists?|swimmers?|muscles?|legs?|voice"
)
#: Kinds of training in other fields (sport and fitness, animals, the workplace).
_TRAINING_KINDS = (
    r"strength|weight|interval|endurance|cardio|marathon|running|cycling|altitude|circuit|muscle|"
    r"dog|puppy|potty|crate|leash|obedience|clicker|house|"
    r"staff|employee|new hire|onboarding|safety|fire safety|first aid|compliance|harassment|sensitivity|"
    r"sales|customer service|leadership|management|diversity|security awareness"
)
#: Sports and fitness events one trains for, and the animals and sports that decide "train" anywhere.
_SPORT_OR_ANIMAL = (
    r"marathons?|half[- ]marathons?|triathlons?|ironman|5k|10k|races?|gym|workouts?|reps and sets|"
    r"dogs?|pupp(?:y|ies)|cats?|kittens?|horses?|parrots?"
)
#: What athletes train for.
_EVENTS = r"season|match|tournament|competition|olympics|championships?|climb|hike|trek"
_TRAIN_OTHER = (
    rf"\b(?:train|trains|trained|training|teach\w*|house-?break\w*|potty)\s+(?:up\s+)?{_DET}(?:\w+\s+)?"
    rf"(?:{_TRAINEES})\b|"
    rf"\btrain\w*(?:\s+\w+){{0,2}}?\s+(?:for|of)\s+{_DET}(?:\w+\s+)?(?:{_TRAINEES}|{_SPORT_OR_ANIMAL}|{_EVENTS})\b|"
    rf"\b(?:{_TRAINING_KINDS}) training\b|"
    r"\btraining (?:plans?|programm?e?s?|schedules?|sessions?|camps?|regimens?|regimes?|partners?|shoes|wheels|"
    r"log|blocks?|weeks?)\b"
)
#: "train" in a question about an animal or a sport is about that animal or sport.
_TRAIN = re.compile(r"\btrain\w*|\bteach\w*", re.IGNORECASE)
_ANIMAL_OR_SPORT = re.compile(rf"\b(?:{_SPORT_OR_ANIMAL})\b", re.IGNORECASE)

#: "prompt" the adjective (quick) and "prompt" a person (move someone to act).
_PROMPT_OTHER = (
    r"\bprompt(?:ly)?[- ](?:payments?|delivery|deliveries|service|attention|action|refunds?|shipping|repairs?|"
    r"care|treatment|settlement|arrival|reimbursement)\b|\bpromptly\b|"
    r"\bprompt(?:ing)? (?:a |an |my |our |the |your )?(?:shy |quiet )?(?:students?|pupils?|child(?:ren)?|kids?|"
    r"sons?|daughters?|landlords?|tenants?|neighbou?rs?|boss|manager|colleagues?|coworkers?|customers?|"
    r"clients?|guests?|patients?|team|staff|employees?|suppliers?|vendors?)\b"
)

#: Getting data back from storage; adapters that connect plugs, cables and devices.
_STORAGE = (
    r"hard (?:drive|disk)s?|hdds?|ssds?|sd cards?|memory cards?|usb (?:sticks?|drives?)|flash drives?|"
    r"disks?|raid|nas|phones?|laptops?|iphones?|formatted|corrupted|crashed"
)
_RETRIEVAL_OTHER = (
    rf"\b(?:data|files?|photos?|pictures?|videos?|emails?|passwords?|documents?|disk|drive) (?:retrieval|recovery)\b|"
    rf"\b(?:retriev|recover)\w* (?:\w+ ){{0,3}}(?:from|off|on) {_DET}(?:\w+ )?(?:{_STORAGE})\b"
)
_ADAPTER_OTHER = (
    r"\b(?:plug|power|travel|wall|usb|usb-?c|hdmi|displayport|dp|vga|dvi|ethernet|network|wi-?fi|wireless|"
    r"bluetooth|ac|dc|audio|headphone|aux|lightning|sim|socket|outlet|mains|charger|charging|voltage|"
    r"thunderbolt|sata|pcie|m\.2|lens|tripod|hose|pipe|faucet|tap)[- ]adapters?\b|"
    r"\badapters? (?:for|to charge|to connect|that works with) (?:\w+ ){0,2}(?:laptops?|phones?|macbooks?|"
    r"tvs?|monitors?|iphones?|ipads?|cameras?|chargers?|outlets?|sockets?)\b"
)
#: The GPU as a gaming or display part: the use decides, not the chip.
_GPU_OTHER = (
    r"\b(?:gaming|gamers?|games|video games?|mid-game|in-game|fps|frame ?rates?|overclock\w*|undervolt\w*|"
    r"fan ?curves?|fans?|rgb|bios|mining|crypto|ray tracing|dlss|esports)\b"
)
_GPU = re.compile(r"\bgpus?\b|\bgraphics cards?\b|\b(?:rtx|gtx|rx|radeon|geforce)\b", re.IGNORECASE)

#: The field's own words among the other senses' matches (what gets blanked).
_AMBIGUOUS = re.compile(
    r"\b(?:train\w*|teach\w*|house-?break\w*|potty|model\w*|prompt\w*|adapters?|retriev\w*|recover\w*)\b",
    re.IGNORECASE,
)

OTHER_SENSE = re.compile(
    "|".join((_MODEL_OTHER, _TRAIN_OTHER, _PROMPT_OTHER, _RETRIEVAL_OTHER, _ADAPTER_OTHER)), re.IGNORECASE
)
_GPU_USE = re.compile(_GPU_OTHER, re.IGNORECASE)


def other_senses(question: str) -> list[str]:
    """The field's words used in another field's sense, each with the neighbour that decides it
    ("financial model", "train a better recall" beside a dog, "prompt payment", "gaming GPU")."""
    found = [m.group(0) for m in OTHER_SENSE.finditer(question)]
    if _TRAIN.search(question) and _ANIMAL_OR_SPORT.search(question):
        found += [m.group(0) for m in _TRAIN.finditer(question)]
    if _GPU.search(question) and _GPU_USE.search(question):
        found += [m.group(0) for m in _GPU.finditer(question)]
    return found


@lru_cache(maxsize=4096)  # scope checks ask about one question several times
def without_other_senses(question: str) -> str:
    """`question` with the field's words that carry another field's sense blanked (see
    `other_senses`); the words around them stay ("train the bot for our sales team" keeps "the
    bot")."""
    rest = OTHER_SENSE.sub(lambda m: _AMBIGUOUS.sub(" ", m.group(0)), question)
    if _TRAIN.search(question) and _ANIMAL_OR_SPORT.search(question):
        rest = _TRAIN.sub(" ", rest)
    if _GPU.search(question) and _GPU_USE.search(question):
        rest = _GPU.sub(" ", rest)
    return rest

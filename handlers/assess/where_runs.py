"""Where the model must run, told by the site's connection or by the place of running (pure): the
reading of `deployment` from grammar rather than from fixed phrases.

"The site has no reliable internet", "the ships spend weeks at sea without a connection", "our network
is cut off from the internet" -> offline; "whatever we use must run locally on one workstation", "it
has to be hosted in-house", "the model must live on board", "runs on our own box in the lab" ->
on_premise. The Expert analysis: "offline or on-premise deployments need model artifacts of their
own", a fine-tuning fit; a hosted API is out of reach.

Two grammars, each a closed class of words around an open one:
- a lack of connection: a word of absence or poor quality (no, without, unreliable, patchy, cut off
  from ...), at most a determiner and one quality word, then a noun of connectivity (internet,
  connection, connectivity, signal, network access, uplink); or a noun of connectivity made the
  subject of "is down/unreliable/patchy". "Internet provider", "internet outages" name no lack;
- a verb of running software (run, host, deploy, install) followed by a place of our own that closes
  the predicate: locally, on site, on board, in-house, on premises, on our own / on one / on a single
  <machine noun> (workstation, server, machine, pc, box, computer; not a cloud, rented or virtual one),
  not followed by "in the cloud / in AWS". "Local" as an adjective of something else
  ("our local council", "locally sourced produce", "the local office", "we run on-site workshops") is
  no place of running: only the adverb closing a predicate of running counts; verbs said of people
  ("we work locally", "residents live locally", "we operate on site") never count.
A denial before it ("we don't need to run locally") states nothing.
"""

from __future__ import annotations

import re

from handlers.assess.patterns import Candidate
from handlers.assess.text_cues import negated

DEPLOYMENT = "deployment"

_CONNECTIVITY = (
    r"(?:internet(?:\s+(?:access|connection|connectivity|link))?|connection|connectivity|signal|reception|"
    r"uplink|network\s+access|online\s+access|web\s+access|wi-?fi|mobile\s+data|cell(?:ular)?\s+(?:signal|coverage))"
)
_LACK = (
    r"(?:no|without|zero|lacks?|lacking|little|barely\s+any|hardly\s+any|unreliable|patchy|spotty|flaky|"
    r"intermittent|poor|bad|weak|limited|sporadic|erratic|unstable|shaky|dodgy|occasional|"
    r"(?:is|are|being|completely|fully|totally|physically)?\s*(?:cut\s+off|disconnected|isolated|separated)\s+from)"
)
# what may stand between the lack and the noun: a determiner and one open word ("no reliable internet",
# "patchy satellite uplink", "without a decent connection")
_QUALITY = r"(?:(?:a|an|the|any|our|much|outside|external|public)\s+)?(?:[\w-]+\s+)?"
_NO_LINK = re.compile(
    # a connection to one system is an integration, not the site's connectivity ("no connection to our CRM")
    rf"(?<![\w-]){_LACK}\s+{_QUALITY}{_CONNECTIVITY}(?![\w-])(?!\s+(?:to|with|between|into)\b)"
    rf"|(?<![\w-])(?:cut\s+off|disconnected|isolated)\s+from\s+the\s+(?:outside|wider)\s+world(?![\w-])"
    rf"|(?<![\w-])(?:the\s+)?{_CONNECTIVITY}\s+(?:there\s+|here\s+|on\s+site\s+)?(?:is|are|'s|goes|keeps\s+going)\s+"
    r"(?:often\s+|usually\s+|mostly\s+|always\s+|frequently\s+)?"
    r"(?:down|unreliable|patchy|spotty|flaky|intermittent|poor|out|non-existent|nonexistent|unavailable)(?![\w-])"
)
# verbs said of software only: "we work locally", "residents live locally", "we operate on site" say
# where people are, not where a model runs
_RUN_VERB = r"(?:run|runs|running|ran|host|hosts|hosted|hosting|deploy|deploys|deployed|installed|inferenced?)"
_MACHINE = r"(?:workstations?|servers?|machines?|pcs?|computers?|boxe?s?|desktops?|hardware|rigs?)"
_OWN_PLACE = (
    r"(?:locally|on[- ]site|onsite|on[- ]board|onboard|in[- ]house|on[- ]prem(?:ise|ises)?|on\s+the\s+premises|"
    rf"on\s+(?:our\s+own|our|one|a\s+single|a\s+local|its\s+own)\s+"
    rf"(?:(?!cloud|rented|virtual|remote|hosted|vendor)[\w-]+\s+){{0,2}}?{_MACHINE}"
    r"|inside\s+(?:the|our)\s+(?:building|site|plant|facility|lab|network))"
)
# the place closes the predicate: "run on-site workshops", "run locally sourced stalls" make it a modifier
_CLOSED = (
    r"(?=\s*$|\s*[,.;:)!?]|\s+-\s|\s+(?:on|with|in|at|and|or|so|because|since|as|only|behind|inside|without|for|"
    r"too|if|where|when|via|using|rather|instead|not|no|please)\b)"
)
_RUNS_HERE = re.compile(
    rf"(?<![\w-]){_RUN_VERB}(?:\s+(?:it|the\s+model|everything|fully|entirely|only|completely))?\s+{_OWN_PLACE}{_CLOSED}"
    r"(?!\s+(?:in|on|at|from|via)\s+(?:the\s+|a\s+)?(?:cloud|aws|azure|gcp|google|amazon|vendor|provider|hosted))"
)


def where_runs(clause: str, offset: int) -> list[Candidate]:
    """`deployment` read from a lack of connection (offline) or a place of our own to run on
    (on_premise) in one (normalised) clause (module docstring)."""
    out: list[Candidate] = []
    for pattern, value in ((_NO_LINK, "offline"), (_RUNS_HERE, "on_premise")):
        for m in pattern.finditer(clause):
            if value == "on_premise" and negated(clause[: m.start()]):
                continue  # "we don't need it to run locally"
            if value == "offline" and re.search(r"\b(?:not|n't|never)\s+(?:\w+\s+)?$", clause[: m.start()]):
                continue  # "it's not without internet", "we're never cut off from the internet"
            # an inference from the site or the verb: any deployment the rubric's synonyms state outranks it
            # (its length is 1, a synonym's is its own): "an offline kiosk" stays edge, "on-prem" on_premise
            out.append(Candidate(DEPLOYMENT, value, offset + m.start(), 1, m.group(0)))
    return out

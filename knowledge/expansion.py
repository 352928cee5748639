"""Query expansion for the keyword arm: everyday words -> the vocabulary the articles use.

People ask "which knobs can we tweak", "what can go wrong", "how do banks use it"; the articles
say "runtime parameters", "risks"/"pitfalls", "financial institutions". BM25 only matches words,
so the keyword query gets the articles' words appended (the vector query stays the question as
asked, so similarity and the coverage judgment are unaffected).
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

#: Every form of the verbs the table names ("<make>" in a pattern): "making things up" is "makes
#: things up", "went wrong" is "goes wrong".
_VERB_FORMS = {
    "go": "go|goes|going|went|gone",
    "get": "get|gets|getting|got|gotten",
    "make": "make|makes|making|made",
    "set": "set|sets|setting",
    "stop": "stop|stops|stopping|stopped",
}


def _verbs(pattern: str) -> str:
    """`pattern` with each "<verb>" replaced by a group of all its forms."""
    return re.sub(r"<(\w+)>", lambda m: f"(?:{_VERB_FORMS[m.group(1)]})", pattern)


#: (pattern in the question, words appended to the keyword query). Words marked "!" bridge a
#: paraphrase to a term only the articles use; they also form the third ranked list.
_TABLE: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(_verbs(p), _I), words)
    for p, words in (
        (r"\b(knobs?|dials?|levers?|sliders?)\b|\b(settings|parameters) (at|during) (inference|runtime)|"
         r"\binference[- ]time\b|\bat runtime\b|\bwhen calling the (model|api)\b",
         "!runtime parameters temperature top-p max tokens stop sequences logit bias"),
        (r"\b<go> wrong\b|\bdownsides?\b|\bdangers?\b|\bdrawbacks?\b|\bfailure modes?\b|\bweak(ness|nesses)\b|"
         r"\bpitfalls?\b|\brisks?\b|\bdisadvantages?\b|\bgotchas?\b|\btrap\w*\b",
         "!risks pitfalls overfitting bias drift fragile limits sprawl"),
        (r"\bbanks?\b|\bbanking\b|\bfinanc\w*\b|\bfintech\b|\binsurance\b|\baudit\w*\b",
         "!finance financial institutions compliance"),
        (r"\bhospitals?\b|\bclinic\w*\b|\bmedic\w*\b|\bdoctors?\b|\bpatients?\b|\bhealth\w*\b",
         "!healthcare medical clinical"),
        (r"\blaw(yers?| firms?)?\b|\blegal\b|\bcontracts?\b|\bregulat\w*", "legal law compliance"),
        (r"\bquick(est|ly)?\b|\bfast(est)?\b|\bsoon(est)?\b|\basap\b|\b<get> (it |something )?live\b|"
         r"\bship\w*\b|\bnext week\b|\btime[- ]to[- ]market\b|\bdeadline\b",
         "time to implement hours days quick deployment speed"),
        (r"\bplateau\w*\b|\bstall\w*\b|\bstuck\b|\b<stop> improving\b|\bceiling\b",
         "!plateau plateaus performance"),
        (r"\bcheap\w*\b|\bexpensive\b|\bcosts?\b|\bbudget\w*\b|\bpric(e|ey|ing)\b|\bafford\w*\b|\bspend\w*\b|"
         r"\bballpark\b|\b<set> (us|you|me|them) back\b|\bprice tag\b|\bdollars?\b|\$\$",
         "cost costs resources budget"),
        (r"\bmeasur\w*\b|\btrack\w*\b|\bsuccess\b|\bkpis?\b|\bmetrics?\b|\bevaluat\w*\b",
         "KPIs metrics F1 BLEU ROUGE evaluation"),
        (r"\btools?\b|\btooling\b|\blibrar(y|ies)\b|\bframeworks?\b|\bplatforms?\b|\bstack\b",
         "tools frameworks Hugging Face LangChain"),
        (r"\bexamples?\b|\buse[- ]?cases?\b|\breal[- ]world\b|\bin practice\b|\bindustr(y|ies)\b|\bprojects?\b",
         "use cases examples industry"),
        (r"\bon[- ]?prem\w*\b|\boffline\b|\bair[- ]gapped\b|\bown (servers|hardware)\b|\blocal(ly)?\b",
         "!on-premise offline model artifacts"),
        (r"\blabell?ed\b|\bannotat\w*\b|\btraining (data|examples|set)\b|\bdataset\w*\b|\bexamples\b",
         "labeled data dataset examples"),
        (r"\b(change|changes|changing|updated?|amended)\b.{0,30}\b(daily|weekly|monthly|often|every)\b|"
         r"\bfresh\w*\b|\bcurrent\b|\bup[- ]to[- ]date\b|\bstale\b",
         "!frequent updates current knowledge RAG retrieval without retraining"),
        (r"\bhardware\b|\bcompute\b|\binfrastructure\b|\bgpus?\b|\bservers?\b|\bmachines?\b",
         "!GPUs TPUs training infrastructure compute"),
        (r"\brag\b", "!retrieval-augmented generation retrieves external source knowledge"),
        (r"\bpeft\b", "!parameter-efficient fine-tuning"),
        (r"\blora\b", "!low-rank adaptation LoRA"),
        (r"\bcot\b", "!chain-of-thought"),
        (r"\bkpis?\b", "!KPIs metrics"),
        (r"\bper[- ]task\b|\b(many|several|dozens of|\d+) (small |different |separate )?tasks\b|"
         r"\bswap\w*\b|\bmulti-?task\w*\b",
         "!store many specialized tunings prompt tuning adapters"),
        (r"\bhallucinat\w*\b|\b<make> (things|stuff|facts) up\b|\binvent\w*\b", "!hallucinations accurate"),
        (r"\bjson\b|\bschema\b|\bformat\w*\b|\bstructured output\b", "consistent formatting output"),
        (r"\btone\b|\bvoice\b|\bstyle\b|\bbrand\w*\b", "style tone brand voice"),
        (r"\bsmall team\b|\bno (ml|machine learning|data scien\w*)\b|\bexpertise\b|\bskills?\b",
         "ML expertise skill team"),
        (r"\bcheaper\b|\befficien\w*\b|\bwhy .{0,20}\b(lora|peft)\b",
         "fewer parameters resources memory"),
        (r"\bmaintain\w*\b|\bmaintenance\b|\blong[- ]term\b|\bover time\b|\bupkeep\b",
         "maintenance long-term retraining drift"),
        (r"\bcombin\w*\b|\bboth\b|\bmix\w*\b|\bblend\w*\b|\bhybrid\w*\b", "hybrid combine"),
        (r"\bstart(ing)?\b|\bbegin\w*\b|\bfirst step\b|\bnew project\b", "starting point default begin"),
        (r"\bvolume\b|\btraffic\b|\bscale\b|\b(millions?|thousands?) of (requests|calls|queries)\b|"
         r"\brequests? (a|per) (day|month)\b", "high-volume requests tokens"),
    )
)


EXPANSIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple((p, w.lstrip("!")) for p, w in _TABLE)
BRIDGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((p, w[1:]) for p, w in _TABLE if w.startswith("!"))


def expansion_words(query: str) -> str:
    """Only the articles' own terms for a paraphrase in the query ("" when none applies)."""
    return " ".join(words for pattern, words in BRIDGES if pattern.search(query))


def expand(query: str) -> str:
    """The query with the articles' words for what it asks about appended (unchanged if none)."""
    extra = " ".join(words for pattern, words in EXPANSIONS if pattern.search(query))
    return f"{query} {extra}" if extra else query

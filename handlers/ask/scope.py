"""Is a question ours? Rules that run before (and override) the similarity-based coverage judge.

- `off_topic`: "tune"/"fine-tune" about something that is not a model (a car engine, a guitar, a
  radio, a recipe, a golf swing), the advisor's other words in another field's sense, decided by
  their neighbours (`handlers.ask.senses`: a financial or 3D model, training a dog or new staff,
  prompt payment, data retrieval from a dead disk, a plug adapter, a gaming GPU) when no sign of
  machine learning is left besides them, and business questions outside the advisor's field
  (pricing a product, tax, HR and employment law, hiring, fundraising, equity, incorporation,
  sales commissions). Refused with no citations, whatever the similarity.
- `names_corpus_concept`: the question names a concept the corpus explains (LoRA, PEFT, RAG,
  few-shot, chain-of-thought, logit bias...), or a chat model's settings (the runtime
  parameters, in everyday words). Never refused for lack of similarity; weak names that are also
  everyday words (temperature, adapters, metrics) count only beside a sign that the question is
  about models.
- `in_field`: about customizing models at all (what the digest lists as a knowledge gap when it
  went unanswered); a field word used in another field's sense does not count.
"""

from __future__ import annotations

import re

from handlers.ask.focus import concepts_in
from handlers.ask.senses import without_other_senses
from knowledge.coverage import ANCHOR, FIELD_WORD

_TUNE = re.compile(r"\b(fine[- ]?)?tun(e|es|ed|ing)\b|\bfinetun\w*|\btune[- ]?up\b", re.IGNORECASE)

#: Things people tune that are not models.
_NON_ML_OBJECT = re.compile(
    r"\b(car|cars|engine|engines|motor|motorbike|motorcycle|carburett?or|ecu|exhaust|turbo|fuel|mpg|"
    r"horsepower|suspension|bike|bicycle|gears?|derailleur|truck|boat|sail|"
    r"guitar|piano|violin|viola|cello|ukulele|banjo|harp|drums?|instrument|strings?|intonation|choir|"
    r"orchestra|band|vocals?|singing|voice|pitch|chords?|"
    r"radio|antenna|tv|television|receiver|channels?|frequency|station|"
    r"recipe|recipes|sauce|soup|dish|seasoning|spices?|flavou?rs?|baking|bread|cake|cook\w*|"
    r"golf|swing|putt\w*|tennis|serve|workout|diet|training plan|running|marathon|"
    r"skis?|snowboard|thermostat|hvac|heating|furnace|boiler|carpet|watch|clock|"
    r"resume|cv|essay|speech|pitch deck|budget spreadsheet|portfolio|stocks?)\b",
    re.IGNORECASE,
)

#: Signs that a "tune" question is about machine learning after all.
_ML_SIGN = re.compile(
    r"\b(models?|llms?|gpt\w*|llama|bert|mistral|claude|gemini|ai|ml|machine learning|deep learning|neural|"
    r"transformers?|datasets?|training (data|set|examples|run)|labell?ed|examples|embeddings?|tokens?|prompts?|"
    r"prompting|chatbots?|bots?|assistants?|agents?|classifiers?|weights|parameters|hyperparameters?|epochs?|"
    r"lora|qlora|peft|rag|adapters?|inference|hugging ?face|openai|checkpoints?|responses|outputs|completions|"
    r"rlhf|retrain\w*|nlp|vision|summari[sz]\w*|sentiment)\b",
    re.IGNORECASE,
)
#: "fine-tune my ...", "tune the ...": the tuned thing is named; without any sign of ML it is not ours.
_TUNE_OBJECT = re.compile(
    r"\b(fine[- ]?)?tun(e|es|ed|ing)\s+(up\s+)?(my|our|your|his|her|their|the|a|an|this|that|these)\s+\w+",
    re.IGNORECASE,
)
#: "my sleep schedule is off - how do I fine-tune it?": the tuned thing is named before the verb and
#: taken up by a pronoun. Both are needed: a bare follow-up ("how do we fine-tune it?") names
#: nothing and stays the thread's question; "fine-tune it on/with our data" is training a model.
_NAMED_THEN_TUNED = re.compile(
    r"\b(my|our|your|his|her|their)\s+\w+.*\b(fine[- ]?)?tun(e|es|ed|ing)\s+(it|them)\b(?!\s+(on|with|using|to|for)\b)",
    re.IGNORECASE,
)

_OFF_TOPIC_BUSINESS = re.compile(
    r"\bpric(e|es|ing)\b.{0,60}\b(saas|subscriptions?|tiers?|plans?|freemium|customers?|our (product|app|"
    r"service|software)|strategy|discounts?|seats?)\b|"
    r"\b(saas|subscription|our (product|app|software))\b.{0,60}\bpric(e|es|ing)\b|"
    r"\bhow (should|do|can) (we|i) price\b|"
    r"\b(tax|taxes|taxation|vat|sales tax|income tax|deductions?|irs|hmrc|tax return)\b|"
    r"\b(employment|labou?r|hr|workplace) law\b|\b(fire|firing|dismiss\w*|lay ?off|terminate) (an |my |our )?"
    r"(employee|staff|worker)s?\b|\b(parental|maternity|paternity|sick) leave\b|\bovertime (pay|rules)\b|"
    r"\bminimum wage\b|\bnon-?compete\b|\bpayroll\b|\bvisa sponsorship\b|\bseverance\b|"
    r"\b(vacation|pto|holiday) (days|entitlement|policy)\b|\bwrongful (dismissal|termination)\b|"
    r"\b(hire|hiring|fire|firing|onboard\w*|probation\w*|disciplin\w*) (an? |our |my )?(employees?|staff|workers?|"
    r"contractors?)\b|\bemployees?\b.{0,40}\b(law|legal|rights|contracts?|benefits|leave)\b|"
    r"\b(charge|bill) (our )?(customers|users|clients)\b|\bmonetiz\w*|\bchurn\b|\bpricing page\b|"
    r"\bfundrais\w*|\bseed round\b|\bvaluation\b|\bbookkeeping\b|\baccounting\b|\binvoice\w*|"
    r"\bhow much equity\b|\bequity (for|to|grants?|stakes?|splits?)\b|\bstock options?\b|\bvesting\b|"
    r"\bincorporat\w*|\bllcs?\b|\bc-corp\b|\bcommissions? (structure|plan|rate)s?\b|\bsales (reps?|quotas?)\b|"
    # a product's price without the word: what to charge, per seat, a flat or monthly fee
    r"\bcharge (a |an )?(one-time|monthly|annual|yearly|flat|setup|per[- ]\w+)|\bper[- ]seat\b|"
    r"\b(flat|one-time|monthly|annual|yearly|setup|subscription|licen[cs]e) fees?\b|"
    # hiring
    r"\brecruit\w*|\bjob (posts?|postings?|ads?|adverts?|descriptions?|offers?|interviews?|listings?)\b|"
    r"\binterview(ing|s)?\b.{0,40}\b(candidates?|applicants?|head of|engineers?|managers?|designers?)\b|"
    r"\bheadhunt\w*|\boffer letters?\b|\bsalary (bands?|ranges?|negotiations?)\b|"
    # employment law
    r"\bnotice periods?\b|\bremote[- ]work (requests?|polic(y|ies)|rights)\b|\bemployers?\b|"
    r"\b(return|come|coming|go|going|get|getting) back to the office\b|\breturn[- ]to[- ]office\b|"
    r"\blet(ting)? (an? |the |our |my )?(\w+ )?(employee|contractor|worker|freelancer|staff member|someone|"
    r"him|her|them) go\b|\bmisclassif\w*|\blegally (require|force|make|fire|refuse|ask|allowed)\b|"
    # fundraising
    r"\b(pre-?seed|seed|series [a-d]) (rounds?|funding|stage|investors?)\b|\bangel investors?\b|"
    r"\bventure capital\w*|\bvcs\b|\brais(e|ing) (money|capital|funds|a round|a seed|a series|our)\b|"
    r"\bpitch (deck|to investors|angels?|vcs)\b|\bcap table\b|\bterm sheets?\b|\b(safe|convertible) notes?\b",
    re.IGNORECASE,
)

#: ML signs that also name a product or a person ("our AI assistant add-on", "a virtual assistant",
#: "a sales agent"): beside a business question they do not make it about customizing models.
_LOOSE_SIGN = re.compile(r"\b(ai|bots?|chatbots?|assistants?|agents?|copilots?)\b", re.IGNORECASE)

_MODEL_COSTS = re.compile(r"\b(fine[- ]?tun\w*|training run|tokens?|inference|gpus?|api|lora|rag)\b", re.IGNORECASE)

#: The fields where the advisor's own vocabulary is at home.
_MODEL_CONTEXT = re.compile(
    r"\b(models?|llms?|gpt\w*|ai|ml|outputs?|completions?|generation|sampling|inference|prompts?|"
    r"responses?|tokens?|chatbots?|bots?|assistants?|fine[- ]?tun\w*|training|retrain\w*|deploy\w*|api)\b",
    re.IGNORECASE,
)


#: A chat model's settings in everyday words ("the bot's settings", "a setting on the assistant"):
#: the runtime parameters (temperature, max tokens...) the corpus explains.
_SETTINGS = re.compile(r"\b(settings?|knobs?|dials?|sliders?|parameters?|config\w*)\b", re.IGNORECASE)
_CHAT_MODEL = re.compile(r"\b(bots?|chatbots?|llms?|gpt\w*|chatgpt|language models?)\b", re.IGNORECASE)


def off_topic(question: str) -> bool:
    """True for questions that are plainly not about customizing language models: outside
    business, or the field's words only in another field's sense (`handlers.ask.senses`), or
    tuning a thing that is not a model - with no sign of machine learning left besides them."""
    rest = without_other_senses(question)
    ml = bool(_ML_SIGN.search(rest))
    strict_ml = bool(_ML_SIGN.search(_LOOSE_SIGN.sub(" ", rest)))
    if _OFF_TOPIC_BUSINESS.search(question) and not _about_the_field(question, strict_ml):
        return True
    if rest != question and not ml:
        return True
    tuned_thing = bool(
        _NON_ML_OBJECT.search(question) or _TUNE_OBJECT.search(question) or _NAMED_THEN_TUNED.search(question)
    )
    return bool(_TUNE.search(question)) and tuned_thing and not ml


def _about_the_field(question: str, ml: bool) -> bool:
    """'the price of fine-tuning', 'API pricing for tokens', 'hire annotators to label a dataset':
    the costs and the people of the approaches are ours - not a SaaS product's price, tax or law, nor
    the price of an AI product or hiring a (virtual) assistant (`ml`: an ML sign besides the loose
    ones)."""
    if re.search(r"\b(saas|tax|law)\b", question, re.IGNORECASE):
        return False
    return ml or bool(_MODEL_COSTS.search(question))


def in_field(question: str) -> bool:
    """About customizing language models at all (named concept, a word of the field used in the
    field's sense) and not off topic: an unanswered question like this is a knowledge gap, not a
    refusal."""
    if off_topic(question):
        return False
    rest = without_other_senses(question)
    return names_corpus_concept(question) or bool(ANCHOR.search(rest) or FIELD_WORD.search(rest))


def names_corpus_concept(question: str) -> bool:
    """The question names a concept the corpus explains (and is not off topic); words used in
    another field's sense ("a plug adapter") name nothing."""
    rest = without_other_senses(question)
    found = concepts_in(rest)
    if any(c.strong for c in found):
        return True
    if _SETTINGS.search(rest) and _CHAT_MODEL.search(rest):
        return True  # a chat model's settings: the runtime parameters
    weak = [c for c in found if not c.generic]
    return bool(weak) and bool(_MODEL_CONTEXT.search(rest))

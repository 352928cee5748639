"""Is a question ours? Rules that run before (and override) the similarity-based coverage judge.

- `off_topic`: "tune"/"fine-tune" about something that is not a model (a car engine, a guitar, a
  radio, a recipe, a golf swing), the advisor's other words in their everyday senses (training a
  dog, a fashion or railway model, prompting a student), and business questions outside the
  advisor's field (pricing a SaaS product, tax, HR and employment law, equity and stock options,
  incorporation, sales commissions). Refused with no citations, whatever the similarity.
- `names_corpus_concept`: the question names a concept the corpus explains (LoRA, PEFT, RAG,
  few-shot, chain-of-thought, logit bias...). Never refused for lack of similarity; weak names
  that are also everyday words (temperature, adapters, metrics) count only beside a sign that the
  question is about models.
"""

from __future__ import annotations

import re

from handlers.ask.focus import concepts_in
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
    r"rlhf|retrain\w*|gpus?|nlp|vision|summari[sz]\w*|sentiment)\b",
    re.IGNORECASE,
)
#: "fine-tune my ...", "tune the ...": the tuned thing is named; without any sign of ML it is not ours.
_TUNE_OBJECT = re.compile(
    r"\b(fine[- ]?)?tun(e|es|ed|ing)\s+(up\s+)?(my|our|your|his|her|their|the|a|an|this|that|these)\s+\w+",
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
    r"\bincorporat\w*|\bllcs?\b|\bc-corp\b|\bcommissions? (structure|plan|rate)s?\b|\bsales (reps?|quotas?)\b",
    re.IGNORECASE,
)

#: The fields where the advisor's own vocabulary is at home.
_MODEL_CONTEXT = re.compile(
    r"\b(models?|llms?|gpt\w*|ai|ml|outputs?|completions?|generation|sampling|inference|prompts?|"
    r"responses?|tokens?|chatbot|assistant|fine[- ]?tun\w*|training|retrain\w*|deploy\w*|api)\b",
    re.IGNORECASE,
)


#: The advisor's other words in their everyday senses: training a dog or a team, a fashion or
#: railway model, prompting a student or a landlord.
_HOMONYM = re.compile(
    r"\b(train\w*|teach\w*|house-?break\w*|potty)\s+(up\s+)?(my|our|your|his|her|their|the|a|an|new)?\s*"
    r"(dogs?|pupp(y|ies)|cats?|kittens?|pets?|horses?|kids?|child(ren)?|sons?|daughters?|toddlers?|students?|"
    r"pupils?|staff|employees?|new hires|interns?|volunteers?|sales team|team members?|muscles?|legs?|voice)\b|"
    r"\btrain(ing)? for (a |the |my )?(marathon|race|triathlon|half|5k|10k|season|match)\b|"
    r"\b(fashion|runway|catwalk|role|scale|plastic|clay|glamou?r|fitness|hand) models?\b|"
    r"\bmodel(l?ing)? (railways?|railroads?|trains?|kits?|planes?|aircraft|cars?|ships?|agency|agencies|career)\b|"
    r"\bprompt(ing)? (a |an |my |our |the |your )?(shy |quiet )?(students?|pupils?|child(ren)?|kids?|sons?|"
    r"daughters?|landlords?|tenants?|neighbou?rs?|boss|manager|colleagues?|coworkers?|customers?|clients?|"
    r"guests?|patients?|team|staff|employees?)\b",
    re.IGNORECASE,
)


def off_topic(question: str) -> bool:
    """True for questions that are plainly not about customizing language models."""
    if _OFF_TOPIC_BUSINESS.search(question) and not _about_model_costs(question):
        return True
    if _HOMONYM.search(question) and not _ML_SIGN.search(_HOMONYM.sub(" ", question)):
        return True
    tuned_thing = bool(_NON_ML_OBJECT.search(question) or _TUNE_OBJECT.search(question))
    return bool(_TUNE.search(question)) and tuned_thing and not _ML_SIGN.search(question)


def _about_model_costs(question: str) -> bool:
    """'the price of fine-tuning', 'API pricing for tokens': costs of the approaches are ours."""
    return bool(re.search(r"\b(fine[- ]?tun\w*|training run|tokens?|inference|gpus?|api calls?|lora|rag)\b",
                          question, re.IGNORECASE)) and not re.search(r"\b(saas|tax|law)\b", question, re.I)


def in_field(question: str) -> bool:
    """About customizing language models at all (named concept, a word of the field) and not off
    topic: an unanswered question like this is a knowledge gap, not a refusal."""
    if off_topic(question):
        return False
    return names_corpus_concept(question) or bool(ANCHOR.search(question) or FIELD_WORD.search(question))


def names_corpus_concept(question: str) -> bool:
    """The question names a concept the corpus explains (and is not off topic)."""
    found = concepts_in(question)
    if any(c.strong for c in found):
        return True
    weak = [c for c in found if not c.generic]
    return bool(weak) and bool(_MODEL_CONTEXT.search(question))

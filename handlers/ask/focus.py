"""What a question is about: the domain concepts it names (LoRA, RAG, temperature...), each with
the spellings a sentence may use for it.

The composers keep only sentences that mention the question's focus, so that an answer about RAG
does not end with a sentence about hospitals; the coverage judge never refuses a question that
names one of these concepts (unless it is plainly about something else, see `handlers.ask.scope`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    key: str
    label: str
    pattern: re.Pattern[str]
    generic: bool = False  # the two main approaches: named by almost every sentence of the corpus
    strong: bool = True  # a name that means this concept only (LoRA); weak: also an everyday word
    parent: str = ""  # a broader concept whose sentences also speak about this one (LoRA -> PEFT)


def _c(
    key: str, label: str, regex: str, *, generic: bool = False, strong: bool = True, parent: str = ""
) -> Concept:
    return Concept(key, label, re.compile(regex, re.IGNORECASE), generic, strong, parent)


#: Order matters where spellings overlap: the more specific concept comes first.
CONCEPTS: tuple[Concept, ...] = (
    _c("lora", "LoRA", r"\b(q?lora|low[- ]rank( adaptation| adapters?)?)\b", parent="peft"),
    _c("rag_name", "RAG", r"\brag\b|retrieval[- ]augmented", parent="rag"),
    _c("peft", "PEFT", r"\bpeft\b|parameter[- ]efficient( fine[- ]?tun\w*)?"),
    _c("prompt_tuning", "prompt tuning", r"\bprompt[- ]tun\w*|\bsoft[- ]prompts?\b"),
    _c("prefix_tuning", "prefix tuning", r"\bprefix[- ]tun\w*", parent="peft"),
    _c("adapters", "adapters", r"\badapters?\b", strong=False, parent="peft"),
    _c("rag", "RAG", r"\brag\b|retrieval[- ]augmented|\bretriev\w*|knowledge base|external (source|knowledge)",
       strong=False),
    _c("few_shot", "few-shot prompting", r"\bfew[- ]shot\b"),
    _c("zero_shot", "zero-shot prompting", r"\bzero[- ]shot\b"),
    _c("cot", "chain-of-thought", r"\bchain[- ]of[- ]thought\b|\bcot\b"),
    _c("instruction_tuning", "instruction tuning", r"\binstruction[- ]tun\w*"),
    _c("sft", "supervised fine-tuning", r"\bsft\b|\bsupervised fine[- ]?tun\w*"),
    _c("rlhf", "RLHF", r"\brlhf\b|human feedback"),
    _c("temperature", "temperature", r"\btemperature\b", strong=False, parent="runtime_parameters"),
    _c("top_p", "top-p", r"\btop[- ]?p\b|nucleus sampling", parent="runtime_parameters"),
    _c("max_tokens", "max tokens", r"\bmax(imum)?[- _]tokens?\b", parent="runtime_parameters"),
    _c("stop_sequences", "stop sequences", r"\bstop[- ]sequences?\b", parent="runtime_parameters"),
    _c("logit_bias", "logit bias", r"\blogit[- ]bias\b", parent="runtime_parameters"),
    _c("runtime_parameters", "runtime parameters",
       r"\bruntime\b|inference[- ]time|at inference|\bknobs?\b|\btemperature\b|\btop[- ]?p\b|"
       r"max(imum)? tokens|stop sequences|logit bias|(sampling|generation|decoding) (parameters|settings)",
       strong=False),
    _c("kpis", "KPIs and metrics",
       r"\bkpis?\b|\bmetrics?\b|\bf1\b|\bbleu\b|\brouge\b|success measures?|net promoter", strong=False),
    _c("hallucination", "hallucinations", r"hallucinat\w*"),
    _c("overfitting", "overfitting", r"\boverfit\w*", strong=False),
    _c("drift", "model drift", r"\bdrift\w*", strong=False),
    _c("hybrid", "hybrid approaches", r"\bhybrid\w*|\bcombin\w+ (both|them|fine[- ]tuning)|\bblend\w*", strong=False),
    _c("templates", "prompt templates", r"\bprompt templates?\b"),
    _c("full_ft", "full fine-tuning", r"\bfull(y)?[- ](fine[- ]?tun\w*|ft)\b"),
    _c("fine_tuning", "fine-tuning", r"\bfine[- ]?tun\w*|\bretrain\w*|\bfinetun\w*", generic=True, strong=False),
    _c("prompt_engineering", "prompt engineering", r"\bprompt(ing|s)?\b(?![- ]tun)|\bprompt engineer\w*",
       generic=True, strong=False),
)

BY_KEY = {c.key: c for c in CONCEPTS}


def concepts_in(text: str) -> list[Concept]:
    """Concepts `text` names, in CONCEPTS order (specific ones before the two generic ones)."""
    return [c for c in CONCEPTS if c.pattern.search(text)]


def distinct_concepts(text: str) -> list[Concept]:
    """The concepts `text` names, a child folded into its parent ("LoRA ... PEFT" is one) and one
    spelling per label."""
    out: list[Concept] = []
    taken: list[tuple[int, int]] = []
    for c in concepts_in(text):
        spans = [m.span() for m in c.pattern.finditer(text)]
        inside = all(any(a <= s and e <= b for a, b in taken) for s, e in spans)
        taken.extend(spans)
        if inside or any(c.parent == s.key or s.parent == c.key or s.label == c.label for s in out):
            continue  # "prompt" inside "prompt template" names no second concept
        out.append(c)
    return out


def focus_of(question: str) -> list[Concept]:
    """The question's focus: its specific concepts, or the generic ones when it names no other."""
    found = concepts_in(question)
    specific = [c for c in found if not c.generic]
    return specific or found


def widened(concepts: list[Concept]) -> list[Concept]:
    """The concepts plus their parents (a sentence about PEFT also speaks about LoRA)."""
    out = list(concepts)
    for c in concepts:
        if c.parent and BY_KEY[c.parent] not in out:
            out.append(BY_KEY[c.parent])
    return out


def mentions_any(sentence: str, concepts: list[Concept]) -> bool:
    return any(c.pattern.search(sentence) for c in concepts)


#: Fine-tuning in everyday words: training, teaching or baking the knowledge into a model of one's own.
FINE_TUNING_PLAIN = re.compile(
    r"\b(train|training|trained|teach|teaching|retrain\w*|customi[sz]e|customi[sz]ing|tune|tuning)\s+"
    r"(it|them|one|(a|an|the|our|your|my|its|their)\s+(own\s+|custom\s+|private\s+|dedicated\s+)?"
    r"(model|llm|version|weights|network|thing))\b|"
    r"\b(teach|train)\w*\s+(it|the thing|the model|them)\s+(ourselves|myself|in-house)\b|"
    r"\bbak(e|es|ed|ing)\b.{0,40}\binto\s+(the\s+|its\s+|our\s+)?(weights|model)\b|"
    r"\b(custom|tuned|custom-trained|self-trained|home-?grown)\s+(model|llm|version)\b|"
    r"\b(our|your|my)\s+own\s+(model|llm|version)\b|\btraining\s+(job|run)s?\b",
    re.IGNORECASE,
)

#: Everyday names a question gives the approaches ("training our own model", "a custom-trained
#: model", "just writing better instructions", "a prompted base model", "a doc-lookup setup",
#: "retraining every weight"). Read in questions only (what a question compares or asks about, and
#: the articles' names for the keyword arm, `plain_keywords`), never in the articles' sentences, which
#: say "fine-tuning", "prompt engineering", "RAG" and "full fine-tuning".
PLAIN_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fine_tuning", re.compile(
        r"\btrain(s|ed|ing)? (our|your|their|my|a|an|the|one|its)( own)?( new| custom| bespoke| dedicated|"
        r" specialized| domain)? (model|llm|network|version)s?\b|"
        r"\b(custom|self|specially|purpose)[- ]trained\b|\b(a|the|our|your|their) (re)?trained (model|llm|version)s?\b|"
        r"\b(model|llm)s? (we|you|they|i) (re)?train\b|\btrain(ing|ed)? (it|them|one|the model|a model) on\b|"
        r"\btraining (on|with) (our|your|their|the|own|them|it)\b|\btraining people\b|\btuned (model|llm|version)s?\b|"
        r"\b(model|llm|version)s? (is|are|was|were|gets?|got|being|been) (re|fine-?)?(trained|tuned)\b|"
        r"\bft\b|" + FINE_TUNING_PLAIN.pattern,
        re.IGNORECASE)),
    ("prompt_engineering", re.compile(
        r"\bprompted\b|\bprompt people\b|\b(writ\w+|better|clearer|clever|good|smarter|detailed|hand[- ]?written|"
        r"plain|different|own|custom|edit\w*|tweak\w*|chang\w*) instructions\b|\binstruction (block|text)s?\b|"
        r"\bjust (ask|instruct)\w*\b|\b(just |only )?instructed\b|\bsystem prompts?\b|"
        r"\b(with|plus|or|and|vs\.?|versus) (just )?instructions\b",
        re.IGNORECASE)),
    ("rag", re.compile(
        r"\bdoc(ument)?s?[- ]?look-?ups?\b|\blook(s|ing|ed)? (it |things |stuff |them |answers )?up in (our |the |a )?"
        r"(docs|documents|files|manuals?|wiki|handbooks?|knowledge)\b|"
        r"\b(pull|fetch|feed)(s|ed|ing)? (in |it )?(the |our )?(relevant )?(docs|documents|passages|snippets|pages)\b|"
        r"\bsearch\w* (our|the) (docs|documents) (first|and)\b",
        re.IGNORECASE)),
    ("full_ft", re.compile(
        r"\b(re)?train\w* (all|every)( (of )?the)?( model.s)? (weights?|parameters?|layers?)\b|"
        r"\b(all|every) (of )?the (model.s )?(weights?|parameters?) (get|are|is)\w* (re)?(trained|updated|changed)\b|"
        r"\bfull(y)? retrain\w*\b|\bfull retraining\b",
        re.IGNORECASE)),
)


def plain_named(text: str) -> list[Concept]:
    """The approaches `text` names in everyday words (see PLAIN_NAMES), in text order; words
    inside a concept's name ("FT" in "full FT") name nothing more."""
    taken = [m.span() for c in CONCEPTS for m in c.pattern.finditer(text)]
    found = [(m.start(), BY_KEY[key]) for key, pattern in PLAIN_NAMES for m in pattern.finditer(text)
             if not any(a <= m.start() and m.end() <= b for a, b in taken)]
    out: list[Concept] = []
    for _, c in sorted(found, key=lambda t: t[0]):
        if c not in out:
            out.append(c)
    return out


def sides_named(text: str) -> list[Concept]:
    """The approaches a question names, its concepts (see `distinct_concepts`) plus those named only in
    everyday words, each once."""
    plain_spans = [m.span() for _, pattern in PLAIN_NAMES for m in pattern.finditer(text)]
    # "retraining all of the weights" names full fine-tuning, not fine-tuning and full fine-tuning
    out = [c for c in distinct_concepts(text)
           if not all(any(a <= s and e <= b for a, b in plain_spans) for s, e in
                      (m.span() for m in c.pattern.finditer(text)))]
    for c in plain_named(text):
        if c not in out:
            out.append(c)
    return out


def plain_keywords(text: str) -> str:
    """The articles' names of the approaches `text` names only in everyday words ("a doc-lookup setup"
    -> "RAG", "hand-written instructions" -> "prompt engineering"), for the keyword arm of retrieval:
    BM25 meets the passages only on the articles' own words. Empty when there are none."""
    named = {c.label for c in distinct_concepts(text)}
    return " ".join(c.label for c in plain_named(text) if c.label not in named)

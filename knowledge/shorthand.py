"""Chat shorthand written out: "FT vs PE w/o a GPU" -> "FT vs prompt engineering without a GPU".

People type prompt engineering as "PE"; the articles, the embedding model and every rule of `ask`
(focus, sides of a comparison, scope, classifier) read "prompt engineering". Keyword search already
meets both spellings on one term (`knowledge.term_forms`), but the embedding does not ("PE vs FT"
lands next to "PEFT") and no rule of `ask` knew "PE". Writing it out in the question once, before
anything reads it, gives every reader the same words.

- "PE" is written out only in a question that names the field in another word (FT, prompts, a
  model, an LLM, RAG...) and not as private equity or physical education ("PE firm", "PE teacher");
- "w/", "w/o", "u", "ur", "thru", "b/c" (lower case only: "U" may be a name or an initial).

"FT" and "finetune" are left as typed: `knowledge.term_forms` (keyword search) and
`handlers.ask.focus` (FT in PLAIN_NAMES, "finetun" in the fine-tuning concept) read them already,
and writing them out for the embedding too cost four dev items (recall of "parameter efficient FT",
"go straight to finetuning?"; a refusal of "main risks of FT??") for none gained. The
abbreviations the articles use themselves (RAG, LoRA, PEFT, LLM) are left as they are too.
"""

from __future__ import annotations

import re

_PE = re.compile(
    r"\b(?:pe|PE|Pe)\b(?!-)(?!\s+(?:firms?|funds?|ratios?|backed|investors?|investments?|deals?|teachers?|"
    r"class(?:es)?|lessons?|kits?|shirts?)\b)"
)
_FIELD = re.compile(
    r"\b(?:ft|fine[- ]?tun\w*|finetun\w*|prompt\w*|models?|llms?|gpt\w*|rag|lora|peft|chat ?bots?|bots?|ai|ml|"
    r"training|retrain\w*|tokens?|inference)\b",
    re.IGNORECASE,
)
_CHAT: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bw/o\b"), "without"),
    (re.compile(r"\bw/(?!o\b)\s*"), "with "),
    (re.compile(r"\bb/c\b"), "because"),
    (re.compile(r"\bu\b(?!\.)"), "you"),
    (re.compile(r"\bur\b"), "your"),
    (re.compile(r"\bthru\b"), "through"),
)


def written_out(text: str) -> str:
    """`text` with its chat shorthand written out (see the module docstring); the rest unchanged."""
    if _PE.search(text) and _FIELD.search(_PE.sub(" ", text)):
        text = _PE.sub("prompt engineering", text)
    for pattern, words in _CHAT:
        text = pattern.sub(words, text)
    return text

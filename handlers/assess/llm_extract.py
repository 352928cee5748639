"""Answers from free text with a language model, each one backed by the user's own words.

The model fills a JSON-schema form generated from the rubric: for every criterion either null or
{"value", "quote"}, where `quote` must be copied verbatim from the user's text. A value is kept
only when its quote really is in the text (case and spacing aside), a number only when its quote
holds a number, and a value that differs from the rule-based reading only when the rules, reading
the same quote, do not contradict it. Everything else is dropped, so the model can add what the
rules missed but cannot invent facts or overwrite a rule-based value it cannot support. The call
runs under one total deadline; any failure leaves the rule-based result untouched.

The model (a `StructuredChatModel`, or a zero-argument factory returning one) is built by the
composition root with base URL, key, timeout and deadline; nothing here reads settings.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Callable
from typing import Any, cast

from handlers.assess.extract import Extraction, RuleExtractor
from handlers.errors import ModelError
from handlers.ports import ChatMessage, StructuredChatModel
from knowledge.rubric.model import Answers, AnswerValue, Criterion, Rubric

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You read a team's messages about an AI project and fill in an assessment form. "
    "Fill a field only when the text states it; otherwise leave it null. For every field you fill, "
    "copy into `quote` the exact words of the text that state it (verbatim, a few words). "
    "Numbers: '5k' = 5000, '2M' = 2000000. request_volume is requests PER DAY: divide a monthly "
    "figure by 30 and a weekly one by 7. Token counts are numbers of tokens."
)
_NUMBER_IN_QUOTE = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|billion|dozen|half)\b",
    re.IGNORECASE,
)
_QUOTE_CHARS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def answers_schema(rubric: Rubric) -> dict[str, Any]:
    """One optional {"value", "quote"} per rubric criterion (choices as an enum)."""
    props: dict[str, Any] = {}
    for crit in rubric.criteria:
        if crit.numeric:
            value: dict[str, Any] = {"type": "number", "minimum": 0}
            desc = f"{crit.question} As a number of {crit.unit}." if crit.unit else crit.question
        else:
            value = {"type": "string", "enum": [c.id for c in crit.choices]}
            desc = f"{crit.question} Options: " + "; ".join(f"{c.id} = {c.label}" for c in crit.choices) + "."
        stated = {
            "type": "object",
            "properties": {"value": value, "quote": {"type": "string"}},
            "required": ["value", "quote"],
            "additionalProperties": False,
        }
        props[crit.id] = {"anyOf": [stated, {"type": "null"}], "description": desc}
    return {"type": "object", "properties": props, "required": list(props), "additionalProperties": False}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTE_CHARS).lower()).strip()


def quoted_in(quote: str, text: str) -> bool:
    """Whether `quote` is a verbatim span of `text` (ignoring case, spacing, typographic quotes)."""
    q = _norm(quote).strip(" \"'`.,;:!?")
    return len(q) >= 3 and q in _norm(text)


class LLMExtractor:
    """Implements `AnswerExtractor`; never raises for model trouble (falls back to the rules)."""

    name = "llm"

    def __init__(
        self,
        rubric: Rubric,
        llm: StructuredChatModel | Callable[[], StructuredChatModel],
        *,
        fallback: RuleExtractor | None = None,
        deadline_s: float = 30.0,
        max_tokens: int = 600,
    ) -> None:
        self.rubric = rubric
        self._llm_or_factory = llm
        self._model: StructuredChatModel | None = None
        self.fallback = fallback or RuleExtractor(rubric)
        self.deadline_s = deadline_s
        self.max_tokens = max_tokens
        self.schema = answers_schema(rubric)
        self.last_error: str | None = None  # why the last call fell back (for logs and tests)
        self.last_dropped: dict[str, str] = {}  # criterion -> why the model's value was not used

    def model(self) -> StructuredChatModel:
        if self._model is None:
            llm = self._llm_or_factory
            self._model = llm if isinstance(llm, StructuredChatModel) else cast(Callable[[], Any], llm)()
        return self._model

    def extract(self, text: str) -> Extraction:
        rules = self.fallback.extract(text)
        self.last_dropped = {}
        if not text.strip():
            return rules
        messages = [ChatMessage(role="system", content=SYSTEM_PROMPT), ChatMessage(role="user", content=text)]
        try:
            raw = self.model().complete_json(
                messages, schema=self.schema, name="AssessmentAnswers",
                timeout_s=self.deadline_s, max_tokens=self.max_tokens,
            )
            proposed = _first_object(raw)
        except (ModelError, ValueError) as exc:
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning("LLM answer extraction failed; using the rule-based result (%s)", self.last_error)
            return rules
        self.last_error = None
        answers, evidence = self._supported(proposed, text, rules)
        if self.last_dropped:
            log.info("LLM extraction: dropped unsupported values %s", self.last_dropped)
        return Extraction(answers=answers, evidence=evidence).merged_over(rules)

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        value = self.fallback.read_answer(criterion_id, text)
        if value is not None:
            return value
        return self.extract(text).answers.get(criterion_id)

    def _supported(self, proposed: dict[str, Any], text: str, rules: Extraction) -> tuple[Answers, dict[str, str]]:
        answers: Answers = {}
        evidence: dict[str, str] = {}
        for crit in self.rubric.criteria:
            item = proposed.get(crit.id)
            if item is None:
                continue
            raw_value, quote = _value_and_quote(item)
            value = _clean_value(crit, raw_value) if raw_value is not None else None
            why = self._rejection(crit, value, quote, text, rules)
            if why or value is None or quote is None:
                self.last_dropped[crit.id] = why or "no usable value"
                continue
            answers[crit.id] = value
            evidence[crit.id] = quote.strip()
        return answers, evidence

    def _rejection(
        self, crit: Criterion, value: AnswerValue | None, quote: str | None, text: str, rules: Extraction
    ) -> str | None:
        """Why the model's value is not used (None: it is supported)."""
        if value is None:
            return "no valid value for this criterion"
        if not quote or not quoted_in(quote, text):
            return "no verbatim quote from the text"
        if crit.numeric and not _NUMBER_IN_QUOTE.search(quote):
            return "a number whose quote holds no number"
        ruled = rules.answers.get(crit.id)
        if ruled is not None and ruled != value:
            reading = self.fallback.read_answer(crit.id, quote)
            if reading is not None and reading != value:
                return f"contradicts the rule-based reading {ruled!r} of the same words"
        return None


def _value_and_quote(item: object) -> tuple[Any, str | None]:
    if not isinstance(item, dict):
        return None, None
    quote = item.get("quote")
    return item.get("value"), quote if isinstance(quote, str) else None


def _clean_value(crit: Criterion, value: Any) -> AnswerValue | None:
    if crit.numeric:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        number = float(value)
        if not math.isfinite(number) or number < 0:
            return None
        return round(number) if number >= 10 or number.is_integer() else round(number, 3)
    if isinstance(value, str) and crit.choice(value) is not None:
        return value
    return None


def _first_object(raw: str) -> dict[str, Any]:
    decoder = json.JSONDecoder()
    start = raw.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(raw, start)
        except ValueError:
            start = raw.find("{", start + 1)
            continue
        if isinstance(value, dict):
            return value
        start = raw.find("{", start + 1)
    raise ValueError("no JSON object in the model's output")


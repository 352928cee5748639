"""Answers from free text with a language model: LangChain structured output into a pydantic
model generated from the rubric, validated; the rule-based result fills gaps and replaces the
model's answer entirely when the call fails, times out or returns something malformed.

The chat model (a LangChain `ChatOpenAI`, or a zero-argument factory returning one) is built by
the composition root with base URL, key, timeout and retries; nothing here reads settings.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from handlers.assess.extract import Extraction, RuleExtractor
from knowledge.rubric.model import Answers, AnswerValue, Rubric

log = logging.getLogger(__name__)

StructuredMethod = Literal["function_calling", "json_schema", "json_mode"]

SYSTEM_PROMPT = (
    "You read a team's messages about an AI project and fill in an assessment form. "
    "Fill a field only when the text states it or clearly implies it; otherwise leave it null. "
    "Numbers: '5k' = 5000, '2M' = 2000000. request_volume is requests PER DAY: divide a monthly "
    "figure by 30 and a weekly one by 7. Token counts are numbers of tokens."
)


def answers_model(rubric: Rubric) -> type[BaseModel]:
    """A pydantic model with one optional field per rubric criterion (choices as literals)."""
    fields: dict[str, Any] = {}
    for crit in rubric.criteria:
        if crit.numeric:
            desc = f"{crit.question} As a number of {crit.unit}." if crit.unit else crit.question
            fields[crit.id] = (float | None, Field(default=None, description=desc, ge=0))
        else:
            options = "; ".join(f"{c.id} = {c.label}" for c in crit.choices)
            literal = Literal[tuple(c.id for c in crit.choices)]  # type: ignore[valid-type]
            fields[crit.id] = (
                literal | None,
                Field(default=None, description=f"{crit.question} Options: {options}."),
            )
    model: type[BaseModel] = create_model(
        "AssessmentAnswers",
        __doc__="What the text says about each assessment criterion (null = not stated).",
        **fields,
    )
    return model


class LLMExtractor:
    """Implements `AnswerExtractor`; never raises for model trouble (falls back to the rules)."""

    name = "llm"

    def __init__(
        self,
        rubric: Rubric,
        llm: Any,
        *,
        fallback: RuleExtractor | None = None,
        method: StructuredMethod = "function_calling",
    ) -> None:
        self.rubric = rubric
        self._llm_or_factory = llm
        self.fallback = fallback or RuleExtractor(rubric)
        self.method = method
        self.schema = answers_model(rubric)
        self._runnable: Any = None
        self.last_error: str | None = None  # why the last call fell back (for logs and tests)

    def _structured(self) -> Any:
        if self._runnable is None:
            llm = self._llm_or_factory
            if not hasattr(llm, "with_structured_output") and isinstance(llm, Callable):  # type: ignore[arg-type]
                llm = llm()
            self._runnable = llm.with_structured_output(self.schema, method=self.method)
        return self._runnable

    def extract(self, text: str) -> Extraction:
        rules = self.fallback.extract(text)
        if not text.strip():
            return rules
        try:
            raw = self._structured().invoke([("system", SYSTEM_PROMPT), ("human", text)])
            answers = self._validated(raw)
        except Exception as exc:  # timeouts, HTTP errors, malformed or invalid output
            self.last_error = f"{type(exc).__name__}: {exc}"
            log.warning("LLM answer extraction failed; using the rule-based result (%s)", self.last_error)
            return rules
        self.last_error = None
        return Extraction(answers=answers, evidence=dict.fromkeys(answers, "language model")).merged_over(
            rules
        )

    def read_answer(self, criterion_id: str, text: str) -> AnswerValue | None:
        value = self.fallback.read_answer(criterion_id, text)
        if value is not None:
            return value
        return self.extract(text).answers.get(criterion_id)

    def _validated(self, raw: object) -> Answers:
        if isinstance(raw, dict):
            raw = self.schema.model_validate(raw)
        if not isinstance(raw, self.schema):
            raise ValueError(f"unexpected structured output type {type(raw).__name__}")
        out: Answers = {}
        for crit in self.rubric.criteria:
            value = getattr(raw, crit.id, None)
            if value is None:
                continue
            if crit.numeric:
                number = float(value)
                if not math.isfinite(number) or number < 0:
                    raise ValueError(f"{crit.id}: {value!r} is not a usable number")
                out[crit.id] = round(number) if number >= 10 or number.is_integer() else round(number, 3)
            elif crit.choice(str(value)) is not None:
                out[crit.id] = str(value)
        return out


LLMFactory = Callable[[], Any]

"""Output schemas of demo packs: the JSON object each arm must produce, as pydantic models.

A pack names a registered schema (`output: {schema: ticket_triage}`) or lists its fields inline
(`output: {fields: {sentiment: [positive, negative]}}`); both become a pydantic model whose
fields are `Literal` choices. `parse_output` turns raw model text into a validated dict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, ValidationError, create_model


class TicketTriage(BaseModel):
    """The `ticket-triage` label contract: these labels are fixed (see the pack's LABELS.md)."""

    model_config = ConfigDict(extra="forbid")

    category: Literal["billing", "technical", "account", "shipping", "feedback"]
    priority: Literal["low", "normal", "urgent"]


REGISTERED: dict[str, type[BaseModel]] = {"ticket_triage": TicketTriage}


def schema_from_fields(name: str, fields: dict[str, list[str]]) -> type[BaseModel]:
    """A strict pydantic model whose fields each accept one of the listed strings."""
    definitions: dict[str, Any] = {
        field: (Literal[tuple(values)], ...)
        for field, values in fields.items()
    }
    return create_model(name, __config__=ConfigDict(extra="forbid"), **definitions)


def field_choices(schema: type[BaseModel]) -> dict[str, list[str]]:
    """{field: allowed values} of a schema built from `Literal` fields (in declaration order)."""
    return {name: [str(v) for v in get_args(info.annotation)] for name, info in schema.model_fields.items()}


@dataclass(frozen=True)
class ParsedOutput:
    """What an arm's raw text amounts to: the validated object, or why it is not valid."""

    value: dict[str, Any] | None
    problem: str = ""

    @property
    def valid(self) -> bool:
        return self.value is not None


def parse_output(text: str, schema: type[BaseModel]) -> ParsedOutput:
    """The first JSON object in `text`, validated against `schema` (extra text around it is allowed)."""
    start = text.find("{")
    if start < 0:
        return ParsedOutput(None, "no JSON object in the output")
    raw: Any = None
    decoder = json.JSONDecoder()
    while start >= 0:
        try:
            raw, _ = decoder.raw_decode(text, start)
            break
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
    else:
        return ParsedOutput(None, "the output is not valid JSON")
    if not isinstance(raw, dict):
        return ParsedOutput(None, "the output is not a JSON object")
    try:
        value = schema.model_validate(raw)
    except ValidationError as exc:
        fields = ", ".join(str(e["loc"][0]) for e in exc.errors() if e["loc"]) or "the object"
        return ParsedOutput(None, f"the output does not match the schema ({fields})")
    return ParsedOutput(value.model_dump(mode="json"))


def canonical_json(value: dict[str, Any]) -> str:
    """How labels are written in prompts and training targets: `{"category":"x","priority":"y"}`.

    Compact on purpose: 9 Gemma tokens instead of 12 with spaces, and decoding tokens is most of
    an arm's latency on CPU."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

"""Finding JSON in a model's text output: models wrap the object they were asked for in prose or
code fences, so every parser of model output starts from the first JSON object in the text."""

from __future__ import annotations

import json
from typing import Any


def first_json_object(raw: str) -> dict[str, Any] | None:
    """The first JSON object in `raw`; None if it holds none."""
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
    return None

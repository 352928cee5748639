"""Which keys of an uploaded file hold the text and the labels, when nobody typed `--text-field`.

Chat uploads have no options: the text is the `text` column (or a usual synonym), the labels are
a `label`/`output` object, a `label` column, or else every other column (ids and a `split`
column excepted). A file that fits none of these gets a problem naming its columns.
"""

from __future__ import annotations

import csv
import io
import json

from knowledge.demos.intake import FieldSpec, detect_format

TEXT_NAMES = ("text", "message", "utterance", "input", "question", "query", "body", "sentence", "content", "ticket")
IGNORED = ("id", "row", "index", "split", "source", "date", "created_at")


def columns(data: bytes, filename: str) -> tuple[list[str], bool]:
    """The column names (CSV header, or the keys of the first JSONL object) and whether `label`
    or `output` holds an object."""
    try:
        text = data[:65536].decode("utf-8-sig", errors="replace")
    except ValueError:
        return [], False
    if detect_format(filename, data) == "csv":
        first = next(csv.reader(io.StringIO(text)), [])
        return [c.strip() for c in first], False
    for line in text.splitlines():
        if line.strip():
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                return [], False
            if isinstance(obj, dict):
                nested = any(isinstance(obj.get(k), dict) for k in ("label", "output", "labels"))
                return list(obj), nested
            return [], False
    return [], False


def guess_fields(data: bytes, filename: str) -> FieldSpec:
    cols, nested = columns(data, filename)
    lower = {c.lower(): c for c in cols}
    text = next((lower[n] for n in TEXT_NAMES if n in lower), "text")
    split = lower.get("split")
    if nested:
        out = next(lower[n] for n in ("label", "output", "labels") if n in lower)
        return FieldSpec(text_field=text, output_field=out, split_field=split)
    if "label" in lower:
        return FieldSpec(text_field=text, label_fields=(lower["label"],), split_field=split)
    labels = tuple(c for c in cols if c != text and c.lower() not in IGNORED)
    return FieldSpec(text_field=text, label_fields=labels or ("label",), split_field=split)


def pack_name_for(filename: str, digest: str) -> str:
    """`Support Tickets (v2).csv` + sha -> `support-tickets-v2-3fa9c1`."""
    stem = filename.rsplit(".", 1)[0].lower()
    slug = "".join(c if c.isalnum() else "-" for c in stem)
    slug = "-".join(p for p in slug.split("-") if p)[:40] or "team"
    return f"{slug}-{digest[:6]}"

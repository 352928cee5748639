"""Reading a team's own labelled examples (CSV or JSONL bytes) and checking them before a pack is made.

Owns every check a file must pass to become a demo pack, each reported with the row it concerns
(CSV: the spreadsheet row, the header being row 1; JSONL: the line): bad encoding, missing
columns, empty texts, duplicates, too few examples of a label, too many rows. Platform-neutral on
purpose: the terminal (`ftadvisor pack create`) and chat uploads (Slack, Teams) call the same code
with the bytes they read.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_ROWS = 20_000
MIN_PER_LABEL = 5
MAX_CHOICES = 50  # more distinct values than this is free text, not a label
MAX_LISTED = 12  # problems listed in a summary; the rest are counted


@dataclass(frozen=True)
class Problem:
    """One reason the file cannot become a pack; `row` is None when it concerns the whole file."""

    row: int | None
    message: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}" if self.row is not None else self.message


@dataclass(frozen=True)
class Labelled:
    row: int
    text: str
    label: dict[str, str]
    split: str | None = None  # "train" / "eval" when the file says so


@dataclass(frozen=True)
class FieldSpec:
    """Which keys hold the text, the labels (one enum field per column) or a JSON object of labels."""

    text_field: str = "text"
    label_fields: tuple[str, ...] = ()
    output_field: str | None = None
    split_field: str | None = None


@dataclass
class Intake:
    """What a file holds: the examples, the label choices and balance, and every problem found."""

    source: str
    fmt: str  # "csv" | "jsonl"
    rows: int = 0
    examples: list[Labelled] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def fields(self) -> dict[str, list[str]]:
        """{field: sorted distinct values}, fields in the order they first appear."""
        out: dict[str, set[str]] = {}
        for ex in self.examples:
            for k, v in ex.label.items():
                out.setdefault(k, set()).add(v)
        return {k: sorted(v) for k, v in out.items()}

    def balance(self) -> dict[str, dict[str, int]]:
        """{field: {value: examples}}, most frequent first."""
        return {
            f: dict(Counter(ex.label.get(f, "") for ex in self.examples).most_common()) for f in self.fields
        }

    def problem_lines(self, limit: int = MAX_LISTED) -> list[str]:
        lines = [str(p) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more problems")
        return lines


def detect_format(filename: str, data: bytes) -> str:
    name = filename.lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if name.endswith((".csv", ".tsv", ".txt")):
        return "csv"
    return "jsonl" if data.lstrip()[:1] == b"{" else "csv"


def read_examples(data: bytes, filename: str, spec: FieldSpec, *, max_rows: int = MAX_ROWS) -> Intake:
    """Parse and check `data`; the result lists every problem (an empty list means it can be packed)."""
    fmt = detect_format(filename, data)
    intake = Intake(source=filename, fmt=fmt)
    text = _decode(data, intake)
    if text is None:
        return intake
    records = _csv_records(text, intake, spec) if fmt == "csv" else _jsonl_records(text, intake)
    if intake.rows > max_rows:
        intake.problems = [
            Problem(None, f"the file has {intake.rows:,} rows; the most I can train on is {max_rows:,}. "
                    "Send a sample of it.")
        ]
        return intake
    if not intake.problems and not records:
        intake.problems.append(Problem(None, "the file holds no examples"))
    for row, rec in records:
        ex = _example(row, rec, spec, intake)
        if ex is not None:
            intake.examples.append(ex)
    _check_duplicates(intake)
    _check_labels(intake)
    return intake


def _decode(data: bytes, intake: Intake) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start : exc.start + 1].hex()
        intake.problems.append(
            Problem(line, f"not UTF-8 text (byte 0x{byte}); save the file as UTF-8 (CSV UTF-8 in Excel)")
        )
        return None


def _csv_records(text: str, intake: Intake, spec: FieldSpec) -> list[tuple[int, dict[str, Any]]]:
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        intake.problems.append(Problem(None, "the file is empty"))
        return []
    header = [h.strip() for h in header]
    needed = [spec.text_field, *spec.label_fields, *(f for f in (spec.output_field, spec.split_field) if f)]
    missing = [f for f in needed if f not in header]
    if missing:
        intake.problems.append(
            Problem(1, f"no column {', '.join(repr(m) for m in missing)} in the header; "
                    f"the columns are: {', '.join(header) or 'none'}")
        )
    out: list[tuple[int, dict[str, Any]]] = []
    try:
        for n, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            intake.rows += 1
            if intake.rows > MAX_ROWS * 2:  # stop reading a huge file early; the size check reports it
                break
            if len(cells) != len(header):
                intake.problems.append(Problem(n, f"{len(cells)} cells where the header has {len(header)}"))
                continue
            out.append((n, dict(zip(header, cells, strict=True))))
    except csv.Error as exc:
        intake.problems.append(Problem(reader.line_num, f"unreadable CSV ({exc})"))
    return [] if missing else out


def _jsonl_records(text: str, intake: Intake) -> list[tuple[int, dict[str, Any]]]:
    out: list[tuple[int, dict[str, Any]]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        intake.rows += 1
        if intake.rows > MAX_ROWS * 2:
            break
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            intake.problems.append(Problem(n, f"not valid JSON ({exc.msg})"))
            continue
        if not isinstance(value, dict):
            intake.problems.append(Problem(n, "a line must be a JSON object"))
            continue
        out.append((n, value))
    return out


def _example(row: int, rec: dict[str, Any], spec: FieldSpec, intake: Intake) -> Labelled | None:
    before = len(intake.problems)
    text = rec.get(spec.text_field)
    if spec.text_field not in rec:
        intake.problems.append(Problem(row, f"no {spec.text_field!r} field"))
    elif not isinstance(text, str) or not text.strip():
        intake.problems.append(Problem(row, f"empty text in {spec.text_field!r}"))
    label: dict[str, str] = {}
    if spec.output_field:
        raw = rec.get(spec.output_field)
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                intake.problems.append(Problem(row, f"{spec.output_field!r} is not a JSON object"))
                raw = {}
        if not isinstance(raw, dict) or not raw:
            if len(intake.problems) == before:
                intake.problems.append(Problem(row, f"{spec.output_field!r} must hold a JSON object of labels"))
        else:
            for k, v in raw.items():
                _add_label(label, str(k), v, row, intake)
    for f in spec.label_fields:
        if f not in rec:
            intake.problems.append(Problem(row, f"no {f!r} field"))
        else:
            _add_label(label, f, rec[f], row, intake)
    split = None
    if spec.split_field:
        split = {"train": "train", "eval": "eval", "test": "eval", "valid": "eval", "validation": "eval"}.get(
            str(rec.get(spec.split_field, "")).strip().lower()
        )
        if split is None:
            intake.problems.append(Problem(row, f"{spec.split_field!r} must be train or eval"))
    if len(intake.problems) > before or not isinstance(text, str):
        return None
    return Labelled(row=row, text=text.strip(), label=label, split=split)


def _add_label(label: dict[str, str], key: str, value: Any, row: int, intake: Intake) -> None:
    if isinstance(value, bool):
        value = str(value).lower()
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        intake.problems.append(Problem(row, f"empty or non-text label in {key!r}"))
        return
    label[key] = value.strip()


def normalize_text(text: str) -> str:
    """Whitespace collapsed: two texts equal under this are duplicates."""
    return " ".join(text.split())


def loose_key(text: str) -> str:
    """Case, punctuation and spacing ignored: texts equal under this must not straddle train and eval."""
    return "".join(c for c in text.casefold() if c.isalnum())


def _check_duplicates(intake: Intake) -> None:
    first: dict[str, Labelled] = {}
    kept: list[Labelled] = []
    for ex in intake.examples:
        key = normalize_text(ex.text)
        seen = first.get(key)
        if seen is None:
            first[key] = ex
            kept.append(ex)
        elif seen.label != ex.label:
            intake.problems.append(Problem(ex.row, f"same text as row {seen.row} but a different label"))
        else:
            intake.problems.append(Problem(ex.row, f"duplicate of row {seen.row}"))
    intake.examples = kept


def _check_labels(intake: Intake) -> None:
    if not intake.examples:
        return
    names = list(intake.fields)
    for ex in intake.examples:
        missing = [f for f in names if f not in ex.label]
        if missing:
            intake.problems.append(Problem(ex.row, f"no value for {', '.join(missing)}"))
    for f, counts in intake.balance().items():
        counts.pop("", None)
        if len(counts) > MAX_CHOICES:
            intake.problems.append(
                Problem(None, f"{f!r} has {len(counts)} different values: that looks like free text, not labels "
                        f"(at most {MAX_CHOICES})")
            )
            continue
        if len(counts) < 2:
            intake.problems.append(Problem(None, f"{f!r} has a single value; a label needs at least two"))
        for value, n in counts.items():
            if n < MIN_PER_LABEL:
                rows = [ex.row for ex in intake.examples if ex.label.get(f) == value]
                intake.problems.append(
                    Problem(rows[0], f"only {n} example{'s' * (n != 1)} of {f}={value!r} "
                            f"(rows {_rows(rows)}); give at least {MIN_PER_LABEL} or merge it into another label")
                )
        if counts and max(counts.values()) > 10 * min(counts.values()):
            top, low = next(iter(counts)), list(counts)[-1]
            intake.warnings.append(f"{f!r} is unbalanced: {counts[top]} × {top!r} but {counts[low]} × {low!r}")


def _rows(rows: Sequence[int]) -> str:
    return ", ".join(str(r) for r in rows[:6]) + (", ..." if len(rows) > 6 else "")
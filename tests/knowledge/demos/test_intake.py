"""A team's file checked before it becomes a pack: every problem reported with its row."""

from __future__ import annotations

import json

from knowledge.demos.intake import MIN_PER_LABEL, FieldSpec, read_examples

WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def csv_bytes(rows: list[tuple[str, str]], header: str = "text,label") -> bytes:
    return (header + "\n" + "".join(f'"{t}",{label}\n' for t, label in rows)).encode("utf-8")


def good_rows() -> list[tuple[str, str]]:
    return [(f"please check {w} number {i}", "yes" if i % 2 else "no") for i, w in enumerate(WORDS * 2)]


def test_a_good_csv_has_no_problems_and_says_what_it_holds() -> None:
    intake = read_examples(csv_bytes(good_rows()), "team.csv", FieldSpec(label_fields=("label",)))
    assert intake.ok, intake.problems
    assert intake.fmt == "csv" and intake.rows == 16 and len(intake.examples) == 16
    assert intake.fields == {"label": ["no", "yes"]}
    assert intake.balance() == {"label": {"no": 8, "yes": 8}}
    assert intake.examples[0].row == 2  # the header is row 1, as in a spreadsheet


def test_bad_encoding_names_the_row() -> None:
    data = csv_bytes(good_rows()).replace(b"bravo number 1", b"br\xe9vo number 1")
    intake = read_examples(data, "team.csv", FieldSpec(label_fields=("label",)))
    assert [str(p) for p in intake.problems] == [
        "row 3: not UTF-8 text (byte 0xe9); save the file as UTF-8 (CSV UTF-8 in Excel)"
    ]


def test_missing_columns_list_the_columns_there_are() -> None:
    intake = read_examples(csv_bytes(good_rows()), "team.csv", FieldSpec(text_field="body", label_fields=("intent",)))
    assert len(intake.problems) == 1
    assert str(intake.problems[0]) == "row 1: no column 'body', 'intent' in the header; the columns are: text, label"


def test_empty_texts_duplicates_and_rare_labels_each_have_their_row() -> None:
    rows = [*good_rows(), ("  ", "yes"), ("please check alpha number 0", "no"), ("please  check bravo number 1", "no")]
    rows += [(f"a rare one {i}", "maybe") for i in range(MIN_PER_LABEL - 2)]
    intake = read_examples(csv_bytes(rows), "team.csv", FieldSpec(label_fields=("label",)))
    messages = [str(p) for p in intake.problems]
    assert "row 18: empty text in 'text'" in messages
    assert "row 19: duplicate of row 2" in messages
    assert "row 20: same text as row 3 but a different label" in messages
    assert any(m.startswith("row 21: only 3 examples of label='maybe' (rows 21, 22, 23)") for m in messages)


def test_too_many_rows_is_one_clear_problem() -> None:
    intake = read_examples(csv_bytes(good_rows() * 2), "team.csv", FieldSpec(label_fields=("label",)), max_rows=20)
    assert [str(p) for p in intake.problems] == [
        "the file has 32 rows; the most I can train on is 20. Send a sample of it."
    ]


def test_jsonl_with_an_output_field_holding_json() -> None:
    lines = [
        json.dumps({"body": t, "out": {"answer": label, "urgent": i % 2 == 0}})
        for i, (t, label) in enumerate(good_rows())
    ]
    lines.insert(3, "{not json")
    lines.append(json.dumps({"body": "no labels here", "out": {}}))
    intake = read_examples("\n".join(lines).encode(), "team.jsonl", FieldSpec(text_field="body", output_field="out"))
    assert intake.fields == {"answer": ["no", "yes"], "urgent": ["false", "true"]}
    assert [str(p) for p in intake.problems] == [
        "row 4: not valid JSON (Expecting property name enclosed in double quotes)",
        "row 18: 'out' must hold a JSON object of labels",
    ]


def test_a_label_with_free_text_values_is_refused() -> None:
    rows = [(f"text number {i}", f"value{i}") for i in range(60)]
    intake = read_examples(csv_bytes(rows), "team.csv", FieldSpec(label_fields=("label",)))
    assert "looks like free text" in str(intake.problems[0])

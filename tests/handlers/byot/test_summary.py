"""The words every adapter shows for an uploaded file: what it holds, its problems, and whether its
pack is ready (the adapters add only how to start the training)."""

from __future__ import annotations

from pathlib import Path

from handlers.byot.summary import describe_upload
from handlers.byot.upload import UploadedPack, pack_upload

ROWS = [(f"I lost my card number {i}", "lost_card") for i in range(8)] + [
    (f"what is my balance on account {i}", "balance") for i in range(8)
]
GOOD = ("text,intent\n" + "".join(f"{t},{label}\n" for t, label in ROWS)).encode()
BAD = ("text,intent\n" + "".join(f"{t},lost_card\n" for t, _ in ROWS[:6]) + ",balance\n").encode()


def test_a_file_that_packs_says_its_pack_is_ready(tmp_path: Path) -> None:
    upload = pack_upload(GOOD, "good.csv", tmp_path, max_rows=100, origin="a test")
    text = describe_upload(upload)
    assert upload.ready and "16 usable examples" in text
    assert text.endswith(f"\nPack `{upload.pack_name}` is ready.") and "Fix these" not in text


def test_a_file_with_bad_rows_asks_for_them_to_be_fixed(tmp_path: Path) -> None:
    upload = pack_upload(BAD, "bad.csv", tmp_path, max_rows=100, origin="a test")
    text = describe_upload(upload)
    assert not upload.ready and "row 8: empty text in 'text'" in text
    assert text.endswith("\nFix these and send the file again.") and "is ready" not in text


def test_a_pack_that_could_not_be_built_lists_why(tmp_path: Path) -> None:
    good = pack_upload(GOOD, "good.csv", tmp_path, max_rows=100, origin="a test")
    upload = UploadedPack(good.intake, good.pack_name, problems=["too few examples per label"])
    text = describe_upload(upload)
    assert "*Problems to fix before training:*\n• too few examples per label" in text
    assert text.endswith("\nFix these and send the file again.") and "is ready" not in text

"""Issue 12, part 5 (ingest): a corrupt PDF, a binary file named .md, an empty file and a page
nested 10,000 levels deep are each listed as skipped with the reason, and `ingest` exits non-zero
when nothing was ingested (it used to print "1 skipped" and exit 0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.adversarial.ingest_support import copy_data_dir, prepare_data_dir, run_cli

BAD_FILES: dict[str, tuple[bytes, str]] = {
    "corrupt.pdf": (b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nstream\n\x8f\x02\xff garbage", "PDF"),
    "binary.md": (bytes(range(256)) * 40, "binary content"),
    "empty.txt": (b"", "empty file"),
    "deep.html": (
        ("<html><body>" + "<div>" * 10_000 + "deep text" + "</div>" * 10_000 + "</body></html>").encode(),
        "nested too deeply",
    ),
}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data, _note = prepare_data_dir(tmp_path_factory.mktemp("ingest-inputs"))
    return data


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_alone_is_listed_with_why_and_exit_is_non_zero(prepared: Path, tmp_path: Path, name: str) -> None:
    content, reason = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(content)
    out = run_cli(copy_data_dir(prepared, tmp_path), "ingest", str(path))
    assert out.returncode == 1, (out.stdout, out.stderr[-2000:])
    assert "Traceback" not in out.stderr
    lines = [line for line in out.stderr.splitlines() if line.startswith(f"skipped {path}: ")]
    assert len(lines) == 1 and reason in lines[0], out.stderr[-2000:]
    assert "nothing was ingested" in out.stderr


def test_good_files_still_ingest_and_every_bad_one_is_listed(prepared: Path, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, (content, _reason) in BAD_FILES.items():
        (folder / name).write_bytes(content)
    (folder / "good.md").write_text("# Adapters\n\nAdapters are small trainable layers.\n", encoding="utf-8")
    out = run_cli(copy_data_dir(prepared, tmp_path), "ingest", str(folder))
    assert out.returncode == 0, out.stderr[-2000:]
    assert "1 files" in out.stdout and f"{len(BAD_FILES)} skipped" in out.stdout
    for name, (_content, reason) in BAD_FILES.items():
        line = next(ln for ln in out.stderr.splitlines() if ln.startswith(f"skipped {folder / name}: "))
        assert reason in line

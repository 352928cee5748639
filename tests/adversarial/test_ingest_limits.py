"""Issue 12, part 8: per-file resource limits (size, chunks, time), each a validated setting, with a
clear message; writes go in batches and a file that runs out of time leaves nothing half-added.
(Peak memory on a large page is measured by `python -m bench.ingest_rss_bench`, not asserted here.)"""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import chromadb
import pytest

from handlers.errors import ConfigError
from knowledge.embeddings import get_onnx_embedder
from knowledge.ingest import Ingestor
from knowledge.ingest_limits import IngestLimits
from knowledge.loaders import LoadError, load_document
from knowledge.retrieval import KnowledgeBase
from tests.adversarial.ingest_support import copy_data_dir, prepare_data_dir, run_cli


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase.open(chromadb.EphemeralClient(), get_onnx_embedder(), f"limits-{uuid.uuid4().hex[:12]}")


def _paragraphs(n: int) -> str:
    return "\n\n".join(f"Paragraph {i} about adapters. " + "LoRA trains two small matrices per layer. " * 22
                       for i in range(n))


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("FTADVISOR_INGEST_MAX_FILE_MB", "0"),
        ("FTADVISOR_INGEST_MAX_FILE_MB", "1000"),
        ("FTADVISOR_INGEST_MAX_CHUNKS", "0"),
        ("FTADVISOR_INGEST_MAX_CHUNKS", "many"),
        ("FTADVISOR_INGEST_MAX_SECONDS", "-1"),
    ],
)
def test_limits_are_settings_validated_at_start_up(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    from bot.settings import load_settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        load_settings()


@pytest.mark.parametrize(
    ("paragraphs", "limits", "hit", "said"),
    [
        (10, IngestLimits(max_file_bytes=2000), "max_file_bytes", ("file too large", "per-file limit is")),
        (12, IngestLimits(max_chunks=5), "max_chunks", ("the per-file limit", " 5")),
    ],
    ids=["size", "chunks"],
)
def test_a_file_over_a_limit_is_skipped_with_the_limit_named_and_nothing_written(
    kb: KnowledgeBase, tmp_path: Path, paragraphs: int, limits: IngestLimits, hit: str, said: tuple[str, ...]
) -> None:
    path = tmp_path / "big.md"
    path.write_text(_paragraphs(paragraphs), encoding="utf-8")
    summary = Ingestor(kb, limits=limits).ingest([path])
    assert summary.files == 0 and kb.count() == 0
    assert summary.limits_hit == {hit}
    assert all(words in summary.skipped[0][1] for words in said)


def test_file_over_the_time_limit_mid_write_leaves_nothing_half_added(kb: KnowledgeBase, tmp_path: Path) -> None:
    keep = tmp_path / "keep.md"
    keep.write_text("# Keep\n\nAdapters are small trainable layers.\n", encoding="utf-8")
    Ingestor(kb).ingest([keep])
    before = kb.count()
    slow = tmp_path / "slow.md"
    slow.write_text(_paragraphs(8), encoding="utf-8")
    ticks = itertools.count()  # every look at the clock costs a second: reading, chunking, then per batch
    ingestor = Ingestor(kb, limits=IngestLimits(max_seconds=3.5, batch_size=2), clock=lambda: float(next(ticks)))
    summary = ingestor.ingest([slow])
    assert summary.files == 0 and summary.limits_hit == {"max_seconds"}
    assert "time limit (3.5 s) while embedding" in summary.skipped[0][1]
    assert kb.count() == before  # the two batches written before the limit were taken out again
    assert kb.index.hashes(path=str(slow.resolve())) == {}


def test_a_page_with_too_many_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "tags.html"
    path.write_text("<html><body>" + "<span>a</span>" * 100_000 + "</body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="too many HTML elements"):
        load_document(path)


def test_a_30_mb_page_is_refused_at_once_naming_the_setting(tmp_path: Path) -> None:
    data, _note = prepare_data_dir(tmp_path / "prep")
    page = tmp_path / "huge.html"
    para = "<p>" + "Fine-tuning changes the weights of the model with labelled examples. " * 14 + "</p>\n"
    with page.open("w", encoding="utf-8") as out:
        out.write("<html><body><article><h1>Huge</h1>\n")
        for _ in range(30 * 1024 * 1024 // len(para) + 1):
            out.write(para)
        out.write("</article></body></html>")
    out = run_cli(copy_data_dir(data, tmp_path), "ingest", str(page), timeout=120)
    assert out.returncode == 1, out.stderr[-2000:]
    assert f"skipped {page}: file too large" in out.stderr
    assert "FTADVISOR_INGEST_MAX_FILE_MB" in out.stderr

"""Keeping a corpus folder indexed: first use indexes it, an unchanged corpus is a no-op."""

from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.corpus import CORPUS_DIR, corpus_fingerprint, ensure_corpus_indexed
from knowledge.ingest import Ingestor
from knowledge.retrieval import KnowledgeBase
from tests.knowledge.conftest import FIXTURE_CORPUS, FIXTURE_PAGES

NAME = "test-embedder"  # part of the fingerprint only


def test_shipped_corpus_dir_is_inside_the_package() -> None:
    assert CORPUS_DIR.name == "corpus" and CORPUS_DIR.parent.name == "knowledge"


def test_ensure_corpus_indexed_is_a_no_op_when_up_to_date(kb: KnowledgeBase, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    ingestor = Ingestor(kb, corpus_dirs=[corpus])

    first = ensure_corpus_indexed(ingestor, kb.index, embedder_name=NAME, corpus_dir=corpus)
    assert first is not None and first.chunks_added == kb.count() > 0
    assert {c.kind for c in kb.index.all_chunks()} == {"corpus"}
    assert ensure_corpus_indexed(ingestor, kb.index, embedder_name=NAME, corpus_dir=corpus) is None

    (corpus / "prompting-costs.md").unlink()
    changed = ensure_corpus_indexed(ingestor, kb.index, embedder_name=NAME, corpus_dir=corpus)
    assert changed is not None and changed.chunks_removed == 2
    assert ensure_corpus_indexed(ingestor, kb.index, embedder_name=NAME, corpus_dir=corpus) is None

    kb.reset()  # a wiped index is noticed
    again = ensure_corpus_indexed(ingestor, kb.index, embedder_name=NAME, corpus_dir=corpus)
    assert again is not None and again.chunks_added == kb.count() > 0


def test_extra_dirs_are_indexed_as_corpus(kb: KnowledgeBase, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    summary = ensure_corpus_indexed(
        Ingestor(kb, corpus_dirs=[corpus]), kb.index, embedder_name=NAME, corpus_dir=corpus, extra_dirs=[FIXTURE_PAGES]
    )
    assert summary is not None and summary.files == 5
    assert {c.kind for c in kb.index.all_chunks()} == {"corpus"}


def test_fingerprint_depends_on_contents_and_embedder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    base = corpus_fingerprint([corpus], "onnx")
    assert corpus_fingerprint([corpus], "onnx") == base
    assert corpus_fingerprint([corpus], "openai-x") != base
    (corpus / "lora-basics.md").write_text("## Changed\n\ntext\n", encoding="utf-8")
    assert corpus_fingerprint([corpus], "onnx") != base


def test_no_shipped_summary_names_its_source_in_a_form_the_sanitizer_takes_for_a_link() -> None:
    """Every reply goes through `handlers.sanitize`; a site written as a bare domain ("Example.ai
    blog") became "ft-advisor summary of the [link removed] blog" in every citation of it."""
    import yaml

    from handlers.sanitize import sanitize

    for path in sorted(CORPUS_DIR.glob("*.md")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        for key in ("title", "source", "site", "article_title"):
            if key in meta:
                assert sanitize(str(meta[key]), ()) == str(meta[key]), (path.name, key)

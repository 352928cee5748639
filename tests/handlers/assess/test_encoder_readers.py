"""The encoder-backed readers are built once per matcher and rebuilt for another matcher; building them
loads no model (the encoder is only run when a reader reads)."""

from __future__ import annotations

from handlers.assess.encoder_readers import EncoderReaders
from handlers.assess.patterns import compile_patterns
from handlers.assess.semantic import OptionMatcher
from knowledge.embeddings import get_onnx_embedder
from knowledge.rubric.model import shipped_rubric

RUBRIC = shipped_rubric()


def test_each_reader_is_shared_while_the_matcher_stays_the_same() -> None:
    readers = EncoderReaders(compile_patterns(RUBRIC))
    matcher = OptionMatcher(RUBRIC, get_onnx_embedder)
    assert readers.things(matcher) is readers.things(matcher)
    assert readers.counted(matcher) is readers.counted(matcher)
    styles = readers.variant_styles(matcher)
    assert styles is readers.variant_styles(matcher)
    assert styles.things is readers.things(matcher)  # the style reader places things with the shared classifier


def test_another_matcher_gets_readers_of_its_own() -> None:
    readers = EncoderReaders(compile_patterns(RUBRIC))
    first, second = OptionMatcher(RUBRIC, get_onnx_embedder), OptionMatcher(RUBRIC, get_onnx_embedder)
    things, counted, styles = readers.things(first), readers.counted(first), readers.variant_styles(first)
    assert readers.things(second) is not things and readers.things(second).matcher is second
    assert readers.counted(second) is not counted and readers.counted(second).matcher is second
    assert readers.variant_styles(second) is not styles
    assert readers.variant_styles(second).things is readers.things(second)

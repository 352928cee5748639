"""Questions each curated passage answers ("asks", doc2query) and the retrieval arm that matches a
question against them.

Why: users ask in their own words ("what signals say we've outgrown prompting", "how do we roll
out a new model safely"); the articles state facts in theirs ("when prompt engineering reaches its
limits", "version control ... deployment strategies"). A question-to-passage cosine and BM25 both
miss many such paraphrases, while a question is close to another question with the same intent.
So every passage of the shipped corpus carries a short list of questions it answers, written from
the passage in everyday, Slack-style, how-to and comparison wording
(`knowledge/corpus_asks/<doc-id>.yaml`: section slug -> questions). They are data for ranking
only: kept outside the corpus folder, so never ingested, cited or shown.

The arm, `CorpusAsks.scores(question, vector)`, gives each curated passage two scores: its
best-matching ask's cosine to the question (one matmul of a ~1,040 x 384 matrix and a
`maximum.reduceat`) and the BM25 of the question, as asked, against its asks joined (an in-memory
`KeywordIndex` of ~90 short documents: the asks' everyday words, "budge", "outgrown", "playbook",
that the passages never use). Both are computed in this process from the shipped asks, so a
replica on a Chroma server and PostgreSQL keyword search ranks exactly like a single process.
`knowledge.fusion` adds them as further scores; notes and uploaded documents have no asks and keep
their other arms' scores there.

Vectors: the shipped embedder's are shipped (`knowledge/corpus_asks/vectors.npz`, rewritten by
`python -m knowledge.asks` after an ask changes; a test fails while it is stale), so no replica
embeds anything at start. Each set of vectors is identified by a digest, sha256 of the embedder's
name and every ask, so a changed ask or another embedder never reads stale vectors: those are
embedded once (1,038 asks: about 10 s CPU, at index time, see `bot.container`) and cached as
`<cache_dir>/asks-<digest>.npy` (the data dir).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from knowledge.embedder_port import Embedder
from knowledge.keyword import KeywordIndex
from knowledge.types import Chunk
from knowledge.vector_cache import read_vectors, write_vectors

log = logging.getLogger(__name__)

ASKS_DIR = Path(__file__).resolve().parent / "corpus_asks"
SHIPPED_VECTORS = ASKS_DIR / "vectors.npz"
_SPLIT_SUFFIX = re.compile(r"-\d+$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_asks(directory: Path | None = None) -> dict[str, tuple[str, ...]]:
    """passage id (`<file stem>#<section slug>`) -> its asks, from every `*.yaml` of `directory`
    (the shipped asks by default). A file that is not a mapping of lists of strings is an error."""
    folder = directory or ASKS_DIR
    out: dict[str, tuple[str, ...]] = {}
    for path in sorted(folder.glob("*.yaml")):
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
        if not isinstance(loaded, dict):
            raise ValueError(f"{path}: expected a mapping of section slug -> list of questions")
        for slug, asks in loaded.items():
            if not isinstance(asks, list) or not all(isinstance(a, str) and a.strip() for a in asks):
                raise ValueError(f"{path}: {slug}: expected a list of non-empty questions")
            out[f"{path.stem}#{slug}"] = tuple(a.strip() for a in asks)
    return out


def asks_digest(asks: Mapping[str, Sequence[str]], embedder_name: str) -> str:
    """sha256 of the embedder's name and every (passage id, ask), in a fixed order."""
    digest = hashlib.sha256(f"embedder={embedder_name}\n".encode())
    for passage_id in sorted(asks):
        for ask in asks[passage_id]:
            digest.update(f"{passage_id}\t{ask}\n".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class AskMatrix:
    """The asks' vectors, grouped by passage: rows `starts[i]` up to the next start are the asks of
    `passage_ids[i]`."""

    passage_ids: tuple[str, ...]
    starts: np.ndarray  # int64, one per passage, ascending, starts[0] == 0
    vectors: np.ndarray  # (asks, dim) float32, L2-normalised

    def best(self, query: np.ndarray) -> np.ndarray:
        """Each passage's best ask cosine to the (unit) question vector."""
        if len(self.passage_ids) == 0:
            return np.zeros(0, dtype=np.float32)
        best: np.ndarray = np.maximum.reduceat(self.vectors @ query, self.starts)
        return best

    def scores(self, query: np.ndarray) -> dict[str, float]:
        """passage id -> best ask cosine, for every passage that has asks."""
        return dict(zip(self.passage_ids, self.best(query).tolist(), strict=True))


@dataclass(frozen=True)
class AskScores:
    """Per curated passage id: best ask cosine (`cosine`, every passage with asks) and BM25 of the
    question against its asks (`bm25`, only the passages it matches)."""

    cosine: dict[str, float]
    bm25: dict[str, float]

    def top(self, n: int) -> list[str]:
        """The `n` best passages by cosine, then the `n` best by BM25, without repeats."""
        by_cosine = sorted(self.cosine, key=lambda i: -self.cosine[i])[:n]
        by_bm25 = sorted(self.bm25, key=lambda i: -self.bm25[i])[:n]
        return list(dict.fromkeys([*by_cosine, *by_bm25]))

    def of(self, chunk_id: str) -> tuple[float | None, float | None]:
        """(cosine, BM25) of a chunk; (None, None) when it has no asks, BM25 0.0 when unmatched."""
        cosine = score_of(self.cosine, chunk_id)
        if cosine is None:
            return None, None
        return cosine, score_of(self.bm25, chunk_id) or 0.0


def score_of(scores: Mapping[str, float], chunk_id: str) -> float | None:
    """The ask score of a chunk: its own id, or the section it was split from (`<id>-<n>`)."""
    hit = scores.get(chunk_id)
    if hit is None and _SPLIT_SUFFIX.search(chunk_id):
        hit = scores.get(_SPLIT_SUFFIX.sub("", chunk_id))
    return hit


class CorpusAsks:
    """The shipped asks and their vectors, embedded (or read from the cache) once, on first use.
    Thread-safe; `matrix()` is what the retriever calls per question after the first."""

    def __init__(
        self,
        embedder: Embedder,
        asks: Mapping[str, Sequence[str]] | None = None,
        *,
        cache_dir: Path | None = None,
        shipped: Path | None = SHIPPED_VECTORS,
    ) -> None:
        self.embedder = embedder
        self.shipped = shipped
        self.asks: dict[str, tuple[str, ...]] = (
            {k: tuple(v) for k, v in asks.items() if v} if asks is not None else load_asks()
        )
        self.cache_dir = cache_dir
        self.digest = asks_digest(self.asks, embedder.name)
        self._lock = threading.Lock()
        self._matrix: AskMatrix | None = None
        self._keywords: KeywordIndex | None = None
        self.embedded = 0  # how many asks this instance embedded (0 when shipped or cached vectors were read)

    @property
    def cache_path(self) -> Path | None:
        return self.cache_dir / f"asks-{self.digest[:32]}.npy" if self.cache_dir is not None else None

    def matrix(self) -> AskMatrix:
        with self._lock:
            if self._matrix is None:
                ids = tuple(self.asks)
                sizes = [len(self.asks[i]) for i in ids]
                starts = np.cumsum([0, *sizes[:-1]]).astype(np.int64) if ids else np.zeros(0, np.int64)
                self._matrix = AskMatrix(ids, starts, self._vectors(sum(sizes)))
            return self._matrix

    def warm(self) -> None:
        """Embed (or read) the vectors and build the BM25 index now, not on the first question."""
        self.matrix()
        self.keywords()

    def keywords(self) -> KeywordIndex:
        """BM25 over each passage's asks joined into one document (built once, milliseconds)."""
        with self._lock:
            if self._keywords is None:
                self._keywords = KeywordIndex(
                    Chunk(id=i, doc_id=i.split("#")[0], text="\n".join(a), title="", source="", kind="corpus")
                    for i, a in self.asks.items()
                )
            return self._keywords

    def scores(self, query: str, vector: np.ndarray) -> AskScores:
        """Both scores of the question (`query` as asked, `vector` its unit embedding)."""
        bm25 = self.keywords().search(query, len(self.asks)) if query.strip() else []
        return AskScores(self.matrix().scores(vector), dict(bm25))

    def shipped_vectors(self) -> np.ndarray | None:
        """The shipped vectors when they were made from these asks with this embedder."""
        if self.shipped is None or not self.shipped.is_file():
            return None
        try:
            with np.load(self.shipped, allow_pickle=False) as data:
                if str(data["digest"]) == self.digest:
                    vectors: np.ndarray = data["vectors"].astype(np.float32, copy=False)
                    return vectors
        except (OSError, ValueError, KeyError):
            log.warning("could not read the shipped asks' vectors %s", self.shipped)
        return None

    def write_shipped(self, path: Path) -> None:
        """Embed the asks and write them with their digest (what `python -m knowledge.asks` does)."""
        self.shipped = None
        vectors = self._vectors(sum(len(a) for a in self.asks.values()))
        np.savez_compressed(path, digest=np.asarray(self.digest), vectors=vectors)

    def _vectors(self, rows: int) -> np.ndarray:
        shipped = self.shipped_vectors()
        if shipped is not None and shipped.shape[0] == rows:
            return shipped
        path = self.cache_path
        cached = read_vectors(path, rows) if path is not None else None
        if cached is not None:
            return cached
        texts = [ask for asks in self.asks.values() for ask in asks]
        vectors = np.asarray(self.embedder.embed_documents(texts), dtype=np.float32)
        self.embedded = len(texts)
        if path is not None:
            write_vectors(path, vectors, stale="asks-*.npy", what="the asks' vectors")
        return vectors


if __name__ == "__main__":  # python -m knowledge.asks: rewrite the shipped vectors after editing asks
    from knowledge.embeddings import get_onnx_embedder

    CorpusAsks(get_onnx_embedder()).write_shipped(SHIPPED_VECTORS)
    print(f"wrote {SHIPPED_VECTORS}")

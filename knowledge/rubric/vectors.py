"""Embeddings of the rubric's example sentences (each choice's `examples`, each criterion's
`about`), shipped precomputed so that a one-shot `assess --from-text` does not embed ~200
sentences at start-up.

`example_texts` lists what gets embedded, in a fixed order; `fingerprint` names the texts and the
model together. `example_vectors` returns the shipped matrix when its fingerprint matches and
computes (and logs) otherwise. Rebuild the shipped file after editing the examples:

    python -m knowledge.rubric.vectors
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from knowledge.rubric.model import Rubric, shipped_rubric

log = logging.getLogger(__name__)

VECTORS_PATH = Path(__file__).resolve().parent / "example_vectors.npz"


class Encoder(Protocol):
    """What the matcher needs from an embedder: unit-length float32 rows."""

    @property
    def name(self) -> str: ...

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class ExampleText:
    criterion: str
    choice: str | None  # None: an `about` sentence (what the criterion is about, no choice)
    text: str


def example_texts(rubric: Rubric) -> list[ExampleText]:
    out: list[ExampleText] = []
    for crit in rubric.criteria:
        out.extend(ExampleText(crit.id, None, t) for t in crit.about)
        for choice in crit.choices:
            out.extend(ExampleText(crit.id, choice.id, t) for t in choice.examples)
    return out


def fingerprint(texts: Sequence[ExampleText], model_name: str) -> str:
    payload = json.dumps([model_name, [[t.criterion, t.choice, t.text] for t in texts]])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def example_vectors(rubric: Rubric, encoder: Encoder, path: Path = VECTORS_PATH) -> np.ndarray:
    """(len(example_texts(rubric)), dim) float32 unit rows: shipped when fresh, else computed."""
    texts = example_texts(rubric)
    wanted = fingerprint(texts, encoder.name)
    if path.is_file():
        with np.load(path) as data:
            if str(data["fingerprint"]) == wanted:
                return np.asarray(data["vectors"], dtype=np.float32)
        log.info("%s is stale for these examples; embedding them now", path.name)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return encoder.embed_documents([t.text for t in texts])


def write_vectors(rubric: Rubric, encoder: Encoder, path: Path = VECTORS_PATH) -> int:
    texts = example_texts(rubric)
    vectors = encoder.embed_documents([t.text for t in texts]).astype(np.float16)
    np.savez_compressed(path, vectors=vectors, fingerprint=np.array(fingerprint(texts, encoder.name)))
    return len(texts)


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    from knowledge.embeddings import get_onnx_embedder

    n = write_vectors(shipped_rubric(), get_onnx_embedder())
    print(f"wrote {n} example vectors to {VECTORS_PATH}")

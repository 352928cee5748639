"""A light, index-free view of the shipped corpus: passage id -> title, source and text.

Reads the markdown files directly (front matter + `## Heading` sections) so that callers which
only need to resolve citations - the assessment rubric, its tests, `assess --from-text` - never
load the vector index or an embedding model. Ids, slugs and front matter come from
`knowledge.passage_ids`, the same rules the ingest pipeline uses, so a citation id is the id of an
indexed passage (a section the chunker splits is indexed as `<id>-1`, `<id>-2`, ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from knowledge.passage_ids import PassageIds, slugify, split_front_matter

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\"'])")
_WORD = re.compile(r"[a-z0-9]+")


class PassageInfo(BaseModel):
    id: str
    doc_id: str
    heading: str
    text: str
    title: str
    source: str
    date: str = ""

    def best_sentence(self, hint: str = "") -> str:
        """The sentence of this passage that shares most words with `hint` (first one if no hint)."""
        sentences = [s.strip() for s in _SENTENCE_END.split(self.text) if s.strip()]
        if not sentences:
            return self.text
        if not hint:
            return sentences[0]
        wanted = set(_WORD.findall(hint.lower())) - _STOP
        scored = [(len(wanted & set(_WORD.findall(s.lower()))), -i, s) for i, s in enumerate(sentences)]
        return max(scored)[2]


_STOP = frozenset(
    "a an and the of to for is are be in on or with it its that this by as at from".split()
)


class CorpusIndex:
    """Passages of the shipped corpus, by id. Build with `load_corpus_index()`."""

    def __init__(self, passages: Iterable[PassageInfo]) -> None:
        self._by_id = {p.id: p for p in passages}

    def __contains__(self, passage_id: object) -> bool:
        return passage_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, passage_id: str) -> PassageInfo | None:
        return self._by_id.get(passage_id)

    def ids(self) -> list[str]:
        return list(self._by_id)


def parse_markdown(text: str, fallback_id: str) -> list[PassageInfo]:
    """Split one corpus file into passages (text before the first `##` heading is not a passage)."""
    meta: dict[str, object] = {}
    front, body = split_front_matter(text)
    if front is not None:
        loaded = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        meta = loaded if isinstance(loaded, dict) else {}
    doc_id = slugify(str(meta.get("id") or "")) or slugify(fallback_id) or "doc"
    title = str(meta.get("title") or doc_id)
    source = str(meta.get("source") or "")
    date = str(meta.get("date") or "")
    ids = PassageIds(doc_id)
    passages: list[PassageInfo] = []
    heading: str | None = None
    lines: list[str] = []

    def flush() -> None:
        if heading is not None:
            content = " ".join(line.strip() for line in lines if line.strip())
            passages.append(
                PassageInfo(
                    id=ids.take(ids.section_slug(heading)),
                    doc_id=doc_id,
                    heading=heading,
                    text=content,
                    title=title,
                    source=source,
                    date=date,
                )
            )

    for line in body.splitlines():
        if line.startswith("## "):
            flush()
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    flush()
    return passages


def load_corpus_index(directory: Path | None = None) -> CorpusIndex:
    """Every `*.md` file of the corpus folder (the shipped one by default)."""
    folder = directory or CORPUS_DIR
    passages: list[PassageInfo] = []
    for path in sorted(folder.glob("*.md")):
        passages.extend(parse_markdown(path.read_text(encoding="utf-8"), path.stem))
    return CorpusIndex(passages)


@lru_cache(maxsize=1)
def shipped_corpus_index() -> CorpusIndex:
    """The shipped corpus, read once per process."""
    return load_corpus_index()

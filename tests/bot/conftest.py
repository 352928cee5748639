"""Shared fixtures: a real Container (real SQLite, real chroma, real ONNX embeddings) on a temp dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.container import Container
from bot.settings import Settings
from tests.support.llama_server import llama_server  # noqa: F401 - one real server per session, for every tests/bot user


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    return Settings(data_dir=data_dir, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def indexed_container(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Container]:
    """One container with the shipped corpus indexed, shared by read-mostly tests."""
    c = Container(make_settings(tmp_path_factory.mktemp("ftadvisor")), chat_model=None)
    c.retriever  # noqa: B018 - index the corpus once
    yield c
    c.close()

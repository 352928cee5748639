"""Running the CLI as a user does (a subprocess on its own data dir), for the ingest and index
adversarial tests; and a data dir prepared once per module (shipped corpus indexed, a document
ingested, a team note saved) that each test copies."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

DOC = """# Quokka project results

The quokka project trained a LoRA adapter with rank 8 on 3,000 tickets. The quokka adapter reached
92 percent accuracy on held-out tickets while the prompted base model reached 61 percent.
"""
NOTE = "The okapi team found that prompt caching halved the latency of the support bot."
NOTE_QUESTION = "What did the okapi team find about prompt caching?"
DOC_QUESTION = "What accuracy did the quokka LoRA adapter reach?"


def run_cli(
    data_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "FTADVISOR_DATA_DIR": str(data_dir), **(env or {})}
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "DATABASE_URL"):
        full_env.pop(var, None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=full_env,
        cwd=data_dir.parent, timeout=timeout, check=False,
    )


def ask_json(data_dir: Path, question: str) -> dict[str, Any]:
    out = run_cli(data_dir, "ask", "--json", question)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "Traceback" not in out.stderr, out.stderr[-2000:]
    return dict(json.loads(out.stdout))


def cited_ids(answer: dict[str, Any]) -> list[str]:
    return [str(c["id"]) for c in answer["citations"]]


def prepare_data_dir(root: Path) -> tuple[Path, str]:
    """A data dir with the corpus indexed, docs/quokka.md ingested and one note; (dir, note id)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "quokka.md").write_text(DOC, encoding="utf-8")
    data = root / "data"
    out = run_cli(data, "ingest", str(docs))
    assert out.returncode == 0, out.stderr[-2000:]
    out = run_cli(data, "note", "add", NOTE, "--author", "kim")
    assert out.returncode == 0, out.stderr[-2000:]
    return data, out.stdout.split("saved note ")[1].split()[0]


def copy_data_dir(prepared: Path, tmp_path: Path) -> Path:
    """A copy of a prepared data dir; documents stay where they were ingested from."""
    target = tmp_path / "data"
    shutil.copytree(prepared, target)
    return target

"""The CLI as a user runs it (subprocesses on a temp data dir): ingest, notes, reindex, ask."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

DOC = """# Our LoRA experiments

## Quokka project results
The quokka project trained a LoRA adapter with rank 8 on 3,000 tickets. The quokka adapter reached
92 percent accuracy on held-out tickets while the prompted base model reached 61 percent.
"""


def run(tmp: Path, *args: str) -> str:
    env = {**os.environ, "FTADVISOR_DATA_DIR": str(tmp / "data")}
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "DATABASE_URL"):
        env.pop(var, None)
    out = subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, env=env, cwd=tmp,
                         timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_ingest_note_reindex_ask(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "lora.md").write_text(DOC)
    (docs / "blob.bin").write_bytes(b"\x00\x01binary")

    first = run(tmp_path, "ingest", str(docs))
    assert "1 files" in first and "chunks added" in first and "skipped" in first
    again = run(tmp_path, "ingest", str(docs))
    assert "0 chunks added, 0 updated, 0 removed" in again

    note = run(tmp_path, "note", "add", "The okapi team found prompt caching halved latency.", "--author", "kim",
               "--channel", "C-PRIV", "--visibility", "private")
    note_id = note.split("saved note ")[1].split()[0]
    assert note_id in run(tmp_path, "note", "list", "--channel", "C-PRIV")
    assert note_id not in run(tmp_path, "note", "list", "--channel", "C-OTHER")

    rebuilt = run(tmp_path, "reindex")
    assert "1 team notes" in rebuilt and "1 ingested path" in rebuilt

    answer = json.loads(run(tmp_path, "ask", "--json", "What accuracy did the quokka LoRA adapter reach?"))
    assert answer["grounded"] and any(c["id"].startswith("lora#") for c in answer["citations"])
    assert "92 percent" in answer["answer"]

    private_q = "What did the okapi team find about prompt caching?"
    inside = json.loads(run(tmp_path, "ask", "--json", "--channel", "C-PRIV", private_q))
    outside = json.loads(run(tmp_path, "ask", "--json", "--channel", "C-OTHER", private_q))
    assert f"note:{note_id}" in [c["id"] for c in inside["citations"]]
    assert f"note:{note_id}" not in [c["id"] for c in outside["citations"]]

    run(tmp_path, "note", "delete", note_id)
    assert note_id not in run(tmp_path, "note", "list")

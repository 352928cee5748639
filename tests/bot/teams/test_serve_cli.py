"""`ftadvisor serve teams` as a real process: missing credentials fail before any URL is printed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_missing_credentials_fail_before_the_url_is_announced(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEAMS_", "FTADVISOR_", "OPENAI_"))}
    env.update({"FTADVISOR_DATA_DIR": str(tmp_path), "COLUMNS": "200", "PYTHONPATH": str(ROOT)})
    done = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "teams", "--port", "0"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "TEAMS_APP_ID" in done.stdout + done.stderr
    assert "http://" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr

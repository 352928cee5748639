"""Logging, configured once at the entry point. Secrets never reach the logs: a filter masks
anything that looks like a Slack/OpenAI token or a signing secret."""

from __future__ import annotations

import logging
import re
from pathlib import Path

_SECRET = re.compile(r"(xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|sk-[A-Za-z0-9_-]{8,}|v0=[0-9a-f]{16,})")


class RedactSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        if _SECRET.search(msg):
            record.msg = _SECRET.sub("[redacted]", msg)
            record.args = None
        return True


def configure_logging(level: str = "INFO", data_dir: Path | None = None) -> None:
    root = logging.getLogger()
    if getattr(configure_logging, "_done", False):
        root.setLevel(level.upper())
        return
    handlers: list[logging.Handler] = []
    if data_dir is not None:
        data_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(data_dir / "ftadvisor.log", encoding="utf-8"))
    stream = logging.StreamHandler()
    stream.setLevel(logging.WARNING)  # the terminal chat stays clean; details go to the log file
    handlers.append(stream)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(RedactSecrets())
        root.addHandler(h)
    root.setLevel(level.upper())
    for noisy in ("httpx", "chromadb", "urllib3", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    configure_logging._done = True  # type: ignore[attr-defined]

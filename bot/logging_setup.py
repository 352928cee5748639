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


class OneLine(logging.Formatter):
    """The terminal's format: one line per record, no traceback (that goes to the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return super().format(record).splitlines()[0]
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


def _not_file_only(record: logging.LogRecord) -> bool:
    """Records logged with `extra={"file_only": True}` (the CLI's own crash reports) skip the terminal."""
    return not getattr(record, "file_only", False)


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
    fmt = "%(asctime)s %(levelname)s %(name)s: %(message)s"
    for h in handlers:
        h.setFormatter(OneLine(fmt) if h is stream else logging.Formatter(fmt))
        h.addFilter(RedactSecrets())
        root.addHandler(h)
    stream.addFilter(_not_file_only)
    root.setLevel(level.upper())
    for noisy in ("httpx", "chromadb", "urllib3", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    configure_logging._done = True  # type: ignore[attr-defined]

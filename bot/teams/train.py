"""Training on a team's own file from a Teams personal chat: the file attachment, then `train`.

A CSV/JSONL sent to the bot in a personal chat arrives as a `file.download.info` attachment with a
pre-authenticated download URL (the app manifest sets `supportsFiles`). The file is checked and
packed like everywhere else (`knowledge/demos/intake.py`, `pack_builder.py`) and summarised; the
user replies `train` to queue it (`bot/storage/train_jobs.py`), `cancel training` to stop it. The
deployment's `TrainQueueRunner` posts progress and results back through `TeamsTrainNotifier`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from bot.storage.db import utcnow
from bot.storage.train_jobs import TrainJobRecord
from bot.train.upload_fetch import MAX_UPLOAD_BYTES, read_capped
from handlers.byot.summary import describe_upload
from handlers.byot.upload import pack_upload
from handlers.models import Conversation, Request, TextReply

if TYPE_CHECKING:
    from bot.scheduler.teams_delivery import TeamsDelivery
    from bot.settings import Settings
    from bot.storage.train_jobs import SqlTrainJobs

FILE_INFO = "application/vnd.microsoft.teams.file.download.info"
SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".txt")
MAX_BYTES = MAX_UPLOAD_BYTES
TRAIN_WORDS = ("train", "cancel training")


def fetch_url(url: str, limit: int = MAX_BYTES) -> bytes:
    """A pre-authenticated Teams download URL (https; plain http only to this machine, for tests)."""
    parts = urlparse(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")):
        raise ValueError("file downloads must use https")
    return read_capped(url, limit=limit, follow_redirects=True)


def file_attachment(activity: Any) -> tuple[str, str] | None:
    """(name, download URL) of a CSV/JSONL sent in a personal chat, else None."""
    conv = getattr(activity, "conversation", None)
    if conv is None or (getattr(conv, "conversation_type", None) or "personal") != "personal":
        return None
    for att in getattr(activity, "attachments", None) or []:
        content = att.content if isinstance(att.content, dict) else {}
        name = str(att.name or "")
        if att.content_type == FILE_INFO and name.lower().endswith(SUFFIXES) and content.get("downloadUrl"):
            return name, str(content["downloadUrl"])
    return None


class TeamsTrainFlow:
    """The personal-chat side of `/ft-demo train` for Teams."""

    def __init__(self, jobs: SqlTrainJobs, settings: Settings, fetch: Callable[[str], bytes] = fetch_url) -> None:
        self.jobs = jobs
        self.settings = settings
        self.fetch = fetch
        self._pending: dict[tuple[str, str], str] = {}  # (channel, user) -> pack waiting for `train`
        self._lock = threading.Lock()

    def wants(self, activity: Any, request: Request) -> bool:
        if file_attachment(activity) is not None:
            return True
        personal = request.conversation.channel_type == "dm"
        return personal and request.text.strip().lower() in TRAIN_WORDS

    def handle(self, activity: Any, request: Request) -> list[Any]:
        conv = request.conversation
        found = file_attachment(activity)
        if found is not None:
            return self.on_file(conv, *found)
        if request.text.strip().lower() == "train":
            return self.on_train(conv)
        return self.on_cancel(conv)

    def on_file(self, conv: Conversation, name: str, url: str) -> list[Any]:
        settings = self.settings
        data = self.fetch(url)
        upload = pack_upload(data, name, settings.data_dir / "packs", max_rows=settings.train_max_rows, origin="Teams")
        text = describe_upload(upload)
        if not upload.ready:
            return [TextReply(text=text, tone="warning")]
        with self._lock:
            self._pending[(conv.channel, conv.user)] = upload.pack_name
        return [TextReply(text=f"{text} Reply *train* to fine-tune on it (a few minutes, in the background).")]

    def on_train(self, conv: Conversation) -> list[Any]:
        with self._lock:
            pack = self._pending.pop((conv.channel, conv.user), None)
        if pack is None:
            return [TextReply(text="Send me a CSV or JSONL file of labelled examples first, then reply *train*.")]
        jobs = self.jobs
        job = jobs.enqueue(pack=pack, platform="teams", channel=conv.channel, thread="", user=conv.user, now=utcnow())
        ahead = jobs.position(job.id)
        where = "You're next." if ahead == 0 else f"{ahead} training(s) ahead of yours; one runs at a time."
        return [TextReply(text=f"Queued the training of `{pack}`. {where} Reply *cancel training* to stop it.")]

    def on_cancel(self, conv: Conversation) -> list[Any]:
        jobs = self.jobs
        job = jobs.latest_active("teams", conv.channel, conv.user)
        if job is None:
            return [TextReply(text="You have no training waiting or running here.")]
        outcome = jobs.cancel(job.id, user=conv.user, now=utcnow())
        text = "Cancelled: that training will not run." if outcome == "cancelled" else "Stopping the training..."
        return [TextReply(text=text)]


class TeamsTrainNotifier:
    """Posts a job's progress (at most once a minute: Teams messages cannot be edited here) and its
    results into the job's conversation with the stored reference (`TeamsDelivery`'s loop)."""

    def __init__(self, delivery: TeamsDelivery, progress_every_s: float = 60.0) -> None:
        self.delivery = delivery
        self.progress_every_s = progress_every_s
        self._last: dict[int, float] = {}

    def progress(self, job: TrainJobRecord, text: str) -> None:
        now = time.monotonic()
        if now - self._last.get(job.id, -1e9) < self.progress_every_s:
            return
        self._last[job.id] = now
        self.post(job, [TextReply(text=text)])

    def post(self, job: TrainJobRecord, replies: Sequence[Any]) -> None:
        self.delivery.post_replies(job.channel, replies)

"""`/ft-demo train` and the "Train on this file" message shortcut: a team's file becomes a pack and is
trained in the background, with progress and results in the thread.

Flow: the newest CSV/JSONL the user shared in the channel (or the file of the message the shortcut
was used on) is read with `files.info` + a download carrying the bot token (only to Slack's
hosts); its summary (examples, labels, balance, problems with row numbers) is posted with a
"Train" button when it can be packed. The click queues a job (`bot/storage/train_jobs.py`) and
answers with the user's position and a "Cancel" button; `TrainQueueRunner` does the rest and
posts through `SlackTrainNotifier`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, MarkdownTextObject, SectionBlock

from bot.settings import Settings
from bot.slack.blocks import SlackMessage, answered_blocks, button
from bot.slack.delivery import SlackPoster, response_payload
from bot.slack.listeners.actions import action_value, click_key, clicked_where
from bot.slack.mrkdwn import escape, truncate
from bot.slack.render import render_all
from bot.slack.runtime import SlackRuntime
from bot.storage.db import utcnow
from bot.storage.train_jobs import SqlTrainJobs, TrainJobRecord
from bot.train.queue_runner import TrainQueueRunner
from bot.train.upload_fetch import MAX_UPLOAD_BYTES, read_capped
from handlers.byot.summary import describe_upload
from handlers.byot.upload import pack_upload
from handlers.models import ErrorReply, TextReply, new_reference_id
from knowledge.demos.pack_builder import NAME as PACK_NAME

if TYPE_CHECKING:
    from bot.container import Container

log = logging.getLogger(__name__)

TRAIN_SHORTCUT = "train_on_file"
TRAIN, CANCEL = "byot.train", "byot.cancel"
FILE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".txt")
MAX_FILE_BYTES = MAX_UPLOAD_BYTES
HOW = (
    "To train on your own examples: share a CSV or JSONL file in this channel (one example per row: a `text` "
    "column and one column per label, or JSONL lines like `{\"text\": ..., \"label\": {...}}`), then run "
    "`/ft-demo train`, or use the *Train on this file* shortcut on the message with the file."
)


@dataclass(frozen=True)
class TrainDeps:
    """What the training surface needs beyond the shared runtime."""

    jobs: SqlTrainJobs
    settings: Settings

    @classmethod
    def of(cls, container: Container) -> TrainDeps:
        return cls(jobs=container.train_jobs, settings=container.settings)


def register(app: App, rt: SlackRuntime) -> None:
    if rt.train is None:
        return
    def ack_now(ack: Ack) -> None:
        ack()

    def handle_shortcut(shortcut: dict[str, Any], client: WebClient, respond: Respond) -> None:
        message = shortcut.get("message") or {}
        channel = str((shortcut.get("channel") or {}).get("id", ""))
        user = str((shortcut.get("user") or {}).get("id", ""))
        files = [f for f in message.get("files") or [] if str(f.get("name", "")).lower().endswith(FILE_SUFFIXES)]
        if not files:
            _say(rt, respond, "That message has no CSV or JSONL file. " + HOW)
            return
        _guard(rt, respond, lambda: inspect_and_post(rt, client, channel, user, str(files[0]["id"])))

    def handle_train(body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        channel, ts, _thread = clicked_where(body)
        if not rt.receipts.claim(click_key(channel, ts, str(action.get("block_id", "")))):
            return  # a double click queues one job
        user = str((body.get("user") or {}).get("id", ""))
        pack = str(action_value(action.get("value")).get("pack", ""))
        if not PACK_NAME.match(pack):  # a name made by inspect_and_post, never a path
            log.warning("Train clicked with a bad pack name %r", pack[:80])
            return
        poster = rt.poster(client)
        message = body.get("message") or {}
        if message.get("blocks"):
            note = f":hourglass_flowing_sand: <@{user}> started the training"
            try:
                blocks = answered_blocks(message["blocks"], str(action.get("block_id", "")), note)
                poster.update_blocks(channel, ts, text=str(message.get("text") or "training"), blocks=blocks)
            except Exception:
                log.warning("could not retire the Train button", exc_info=True)
        jobs = rt.train.jobs
        job = jobs.enqueue(pack=pack, platform="slack", channel=channel, thread=ts, user=user, now=utcnow())
        ahead = jobs.position(job.id)
        where = "You're next." if ahead == 0 else f"{ahead} training(s) ahead of yours; one runs at a time."
        text = f"Queued the training of `{escape(pack)}` for <@{user}>. {where} I'll post progress in this thread."
        poster.post(channel, _with_buttons(text, [button("Cancel", CANCEL, {"job": job.id}, style="danger")]),
                    thread_ts=ts)

    def handle_cancel(body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        channel, _ts, thread = clicked_where(body)
        user = str((body.get("user") or {}).get("id", ""))
        job_id = int(action_value(action.get("value")).get("job", 0) or 0)
        outcome = rt.train.jobs.cancel(job_id, user=user, now=utcnow())
        text = {
            "cancelled": "Cancelled: that training will not run.",
            "cancelling": "Stopping the training (a few seconds)...",
            "finished": "That training has already finished.",
            "not_yours": "Only the person who started a training can cancel it.",
        }.get(outcome, "I can't find that training.")
        rt.poster(client).post(channel, SlackMessage(text=text, blocks=[]), thread_ts=thread)

    app.message_shortcut(TRAIN_SHORTCUT)(ack=ack_now, lazy=[handle_shortcut])
    app.action(TRAIN)(ack=ack_now, lazy=[handle_train])
    app.action(CANCEL)(ack=ack_now, lazy=[handle_cancel])


def start_from_command(rt: SlackRuntime, client: WebClient, command: dict[str, Any], respond: Respond) -> None:
    """`/ft-demo train`: the newest CSV/JSONL this user shared in this channel."""
    channel, user = str(command.get("channel_id", "")), str(command.get("user_id", ""))

    def work() -> None:
        listed = client.files_list(channel=channel, user=user, count=20)
        files = [f for f in listed.get("files") or [] if str(f.get("name", "")).lower().endswith(FILE_SUFFIXES)]
        if not files:
            _say(rt, respond, "I found no CSV or JSONL file from you in this channel. " + HOW)
            return
        newest = max(files, key=lambda f: int(f.get("created") or 0))
        inspect_and_post(rt, client, channel, user, str(newest["id"]))

    _guard(rt, respond, work)


def inspect_and_post(rt: SlackRuntime, client: WebClient, channel: str, user: str, file_id: str) -> str:
    """Read the file, post what it holds in the channel (with a Train button if it can be packed)."""
    info = client.files_info(file=file_id)["file"]
    name = str(info.get("name") or file_id)
    settings = rt.train.settings
    if int(info.get("size") or 0) > MAX_FILE_BYTES:
        text = f"`{escape(name)}` is larger than {MAX_FILE_BYTES // 2**20} MB; send a sample of it."
        return rt.poster(client).post(channel, SlackMessage(text=text, blocks=[]))
    data = download(str(info.get("url_private_download") or info.get("url_private") or ""),
                    token=str(client.token or ""), api_url=settings.slack_api_url)
    upload = pack_upload(data, name, settings.data_dir / "packs", max_rows=settings.train_max_rows, origin="Slack")
    summary = escape(describe_upload(upload))
    head = f"<@{user}> shared `{escape(name)}` for fine-tuning. Here is what I found:\n{summary}"
    if upload.ready:
        head += " Train a LoRA adapter on it (a few minutes, in the background)?"
        message = _with_buttons(head, [button("Train", TRAIN, {"pack": upload.pack_name}, style="primary")])
    else:
        message = _with_buttons(head, [])
    return rt.poster(client).post(channel, message)


def download(url: str, *, token: str, api_url: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes, fetched with the bot token, which is only ever sent to Slack (or to the
    host of SLACK_API_URL, e.g. a test double)."""
    host = urlparse(url).hostname or ""
    allowed = host == "slack.com" or host.endswith(".slack.com") or host == urlparse(api_url).hostname
    if not allowed or urlparse(url).scheme not in ("https", "http"):
        raise ValueError(f"refusing to send the bot token to {host!r}")
    return read_capped(url, limit=limit, headers={"Authorization": f"Bearer {token}"})


class SlackTrainNotifier:
    """Progress as one message in the job's thread, updated in place; results as new messages."""

    def __init__(self, client: WebClient, poster: SlackPoster) -> None:
        self.client = client
        self.poster = poster
        self._progress_ts: dict[int, str] = {}

    def progress(self, job: TrainJobRecord, text: str) -> None:
        message = SlackMessage(text=text, blocks=[SectionBlock(text=MarkdownTextObject(text=escape(text)))])
        ts = self._progress_ts.get(job.id)
        if ts is None:
            self._progress_ts[job.id] = self.poster.post(job.channel, message, thread_ts=job.thread)
        else:
            self.poster.update(job.channel, ts, message, thread_ts=job.thread)

    def post(self, job: TrainJobRecord, replies: Sequence[Any]) -> None:
        for message in render_all(replies):
            self.poster.post(job.channel, message, thread_ts=job.thread)


def slack_train_runner(container: Container, client: WebClient, **kw: Any) -> TrainQueueRunner:
    """The background trainer of `serve slack` (`.start()` it)."""
    from bot.demo_chart import MatplotlibChartWriter

    notifier = SlackTrainNotifier(client, SlackPoster(client, tuple(container.settings.link_allowlist)))
    return TrainQueueRunner(
        container.train_jobs, container.settings, {"slack": lambda: notifier}, chart_writer=MatplotlibChartWriter(),
        **kw,
    )


def _with_buttons(text: str, buttons: list[Any]) -> SlackMessage:
    blocks: list[Any] = [SectionBlock(text=MarkdownTextObject(text=truncate(text, 2900)))]
    if buttons:
        blocks.append(ActionsBlock(block_id="byot.actions", elements=buttons))
    return SlackMessage(text=truncate(text, 300), blocks=blocks)


def _say(rt: SlackRuntime, respond: Respond, text: str) -> None:
    for m in render_all([TextReply(text=text, tone="info")]):
        respond(**response_payload(m, rt.allowed_hosts))


def _guard(rt: SlackRuntime, respond: Respond, work: Any) -> None:
    try:
        work()
    except Exception:
        ref = new_reference_id()
        log.exception("training upload failed ref=%s", ref)
        for m in render_all([ErrorReply(reference_id=ref)]):
            respond(**response_payload(m, rt.allowed_hosts))

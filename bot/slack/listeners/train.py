"""`/ft-demo train` and the "Train on this file" message shortcut: a team's file becomes a pack and is
trained in the background, with progress and results in the thread.

Flow: the newest CSV/JSONL the user shared in the channel (or the file of the message the shortcut
was used on) is read with `files.info` + a download carrying the bot token (only to Slack's
hosts); its summary (examples, labels, balance, problems with row numbers) is posted with a
"Train" button when it can be packed. The click queues a job (`bot/storage/train_jobs.py`) and
answers with the user's position and a "Cancel" button; `TrainQueueRunner` does the rest and
posts through `SlackTrainNotifier`.

The shortcut and both buttons go through the inbox (`bot.slack.work`), redone by another replica if
this one dies: their posts carry the work's key (a redo finds them and does not post again), and a
redo of a Train click finds the job an earlier attempt queued instead of queueing another.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.models.blocks import ActionsBlock, MarkdownTextObject, SectionBlock

from bot.inbox_worker import Lease
from bot.settings import Settings
from bot.slack.blocks import SlackMessage, answered_blocks, button
from bot.slack.delivery import SlackPoster, response_payload
from bot.slack.listeners.actions import action_value, click_key, clicked_where
from bot.slack.listeners.shortcuts import shortcut_key
from bot.slack.mrkdwn import escape, truncate
from bot.slack.once import trigger_key
from bot.slack.render import render_all
from bot.slack.replies import reply_metadata
from bot.slack.runtime import SlackRuntime
from bot.slack.work import Interaction, Job, guarded, listener
from bot.storage.db import utcnow
from bot.storage.train_jobs import SqlTrainJobs, TrainJobRecord
from bot.train.queue_runner import TrainQueueRunner
from bot.train.upload_fetch import MAX_UPLOAD_BYTES, read_capped
from handlers.byot.summary import describe_upload
from handlers.byot.upload import pack_upload
from handlers.models import ErrorReply, TextReply
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


def _deps(rt: SlackRuntime) -> TrainDeps:
    """The training dependencies; only reached from listeners registered when they are set."""
    if rt.train is None:
        raise RuntimeError("training is not offered by this app (no TrainDeps)")
    return rt.train


def register(app: App, rt: SlackRuntime) -> None:
    if rt.train is None:
        return

    def ack_now(ack: Ack) -> None:
        ack()

    app.message_shortcut(TRAIN_SHORTCUT)(ack=ack_now, lazy=[listener(rt, SHORTCUT)])
    app.action(TRAIN)(ack=ack_now, lazy=[listener(rt, TRAIN_CLICK)])
    app.action(CANCEL)(ack=ack_now, lazy=[listener(rt, CANCEL_CLICK)])


def train_click_key(rt: SlackRuntime, body: dict[str, Any]) -> str | None:
    """A click on Train: the first click on the block is the one accepted (a double click queues
    one job), on every replica."""
    if (action := _clicked(rt, body, TRAIN)) is None:
        return None
    channel, ts, _thread = clicked_where(body)
    return click_key(channel, ts, str(action.get("block_id", "")))


def cancel_click_key(rt: SlackRuntime, body: dict[str, Any]) -> str | None:
    """A click on Cancel: every press is answered (its trigger_id), a replayed request is not."""
    return trigger_key(body) if _clicked(rt, body, CANCEL) is not None else None


def _clicked(rt: SlackRuntime, body: dict[str, Any], action_id: str) -> dict[str, Any] | None:
    actions = body.get("actions") or [{}]
    ours = rt.train is not None and body.get("type") == "block_actions" and actions[0].get("action_id") == action_id
    return dict(actions[0]) if ours else None


def _shortcut(job: Job) -> None:
    """"Train on this file": the file of the message the shortcut was used on."""
    message, channel = job.body.get("message") or {}, str((job.body.get("channel") or {}).get("id", ""))
    if job.retry and job.posted(channel).answered:
        return
    files = [f for f in message.get("files") or [] if str(f.get("name", "")).lower().endswith(FILE_SUFFIXES)]
    if not files:
        return _say(job.rt, job.respond, "That message has no CSV or JSONL file. " + HOW, job.lease)
    file_id = str(files[0]["id"])
    _guard(job.rt, job.respond, lambda: inspect_and_post(job.rt, job.client, channel, job.user, file_id, job.lease))


def _train(job: Job) -> None:
    """Train: retire the button, queue the job (once: a redo finds the job an earlier attempt
    queued), answer in the thread with the position and a Cancel button."""
    rt, action, user = job.rt, job.action, job.user
    channel, ts, _thread = clicked_where(job.body)
    if job.retry and job.posted(channel, ts).answered:
        return
    pack = str(action_value(action.get("value")).get("pack", ""))
    if not PACK_NAME.match(pack):  # a name made by inspect_and_post, never a path
        log.warning("Train clicked with a bad pack name %r", pack[:80])
        return
    message = job.body.get("message") or {}
    if message.get("blocks"):
        note = f":hourglass_flowing_sand: <@{user}> started the training"
        job.lease.check()
        try:
            blocks = answered_blocks(message["blocks"], str(action.get("block_id", "")), note)
            rt.poster(job.client).update_blocks(channel, ts, text=str(message.get("text") or "training"), blocks=blocks)
        except Exception:
            log.warning("could not retire the Train button", exc_info=True)
    jobs = _deps(rt).jobs
    queued = jobs.find(platform="slack", channel=channel, thread=ts, pack=pack) if job.retry else None
    queued = queued or jobs.enqueue(pack=pack, platform="slack", channel=channel, thread=ts, user=user, now=utcnow())
    ahead = jobs.position(queued.id)
    where = "You're next." if ahead == 0 else f"{ahead} training(s) ahead of yours; one runs at a time."
    text = f"Queued the training of `{escape(pack)}` for <@{user}>. {where} I'll post progress in this thread."
    message = _with_buttons(text, [button("Cancel", CANCEL, {"job": queued.id}, style="danger")])
    _post(rt, job.client, channel, message, job.lease, thread_ts=ts)


def _cancel(job: Job) -> None:
    channel, _ts, thread = clicked_where(job.body)
    if job.retry and job.posted(channel, thread).answered:
        return
    job_id = int(action_value(job.action.get("value")).get("job", 0) or 0)
    outcome = _deps(job.rt).jobs.cancel(job_id, user=job.user, now=utcnow())
    text = {
        "cancelled": "Cancelled: that training will not run.",
        "cancelling": "Stopping the training (a few seconds)...",
        "finished": "That training has already finished.",
        "not_yours": "Only the person who started a training can cancel it.",
    }.get(outcome, "I can't find that training.")
    _post(job.rt, job.client, channel, SlackMessage(text=text, blocks=[]), job.lease, thread_ts=thread)


SHORTCUT = Interaction(
    "slack_train_shortcut", lambda rt, b: shortcut_key(TRAIN_SHORTCUT, b) if rt.train else None, _shortcut
)
TRAIN_CLICK = Interaction("slack_train_click", train_click_key, _train)
CANCEL_CLICK = Interaction("slack_train_cancel", cancel_click_key, _cancel)


def start_from_command(
    rt: SlackRuntime, client: WebClient, command: dict[str, Any], respond: Respond, lease: Lease | None = None
) -> None:
    """`/ft-demo train`: the newest CSV/JSONL this user shared in this channel (`lease`: the
    command's inbox claim)."""
    channel, user = str(command.get("channel_id", "")), str(command.get("user_id", ""))

    def work() -> None:
        listed = client.files_list(channel=channel, user=user, count=20)
        files = [f for f in listed.get("files") or [] if str(f.get("name", "")).lower().endswith(FILE_SUFFIXES)]
        if not files:
            return _say(rt, respond, "I found no CSV or JSONL file from you in this channel. " + HOW, lease)
        newest = max(files, key=lambda f: int(f.get("created") or 0))
        inspect_and_post(rt, client, channel, user, str(newest["id"]), lease)

    _guard(rt, respond, work)


def inspect_and_post(
    rt: SlackRuntime, client: WebClient, channel: str, user: str, file_id: str, lease: Lease | None = None
) -> str:
    """Read the file, post what it holds in the channel (with a Train button if it can be packed).
    `lease`: the inbox claim of the work, checked right before posting; the post carries its key."""
    info = client.files_info(file=file_id)["file"]
    name = str(info.get("name") or file_id)
    settings = _deps(rt).settings
    if int(info.get("size") or 0) > MAX_FILE_BYTES:
        text = f"`{escape(name)}` is larger than {MAX_FILE_BYTES // 2**20} MB; send a sample of it."
        return _post(rt, client, channel, SlackMessage(text=text, blocks=[]), lease)
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
    return _post(rt, client, channel, message, lease)


def _post(rt: SlackRuntime, client: WebClient, channel: str, message: SlackMessage, lease: Lease | None,
          thread_ts: str | None = None) -> str:
    """Post `message` right after checking the inbox claim `lease`, tagged with its key (a redo finds it)."""
    if lease is not None:
        lease.check()
    meta = reply_metadata(lease.key, 0) if lease is not None else None
    return rt.poster(client).post(channel, message, thread_ts=thread_ts, metadata=meta)


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


def _say(rt: SlackRuntime, respond: Respond, text: str, lease: Lease | None = None) -> None:
    if lease is not None:  # the inbox claim of the work, checked right before answering
        lease.check()
    for m in render_all([TextReply(text=text, tone="info")]):
        respond(**response_payload(m, rt.allowed_hosts))


def _guard(rt: SlackRuntime, respond: Respond, work: Callable[[], object]) -> None:
    def tell(ref: str) -> None:
        for m in render_all([ErrorReply(reference_id=ref)]):
            respond(**response_payload(m, rt.allowed_hosts))

    guarded(work, tell, "training upload")

"""The `digest` command (typed `digest ...`, Slack `/ft-digest ...`, Teams `digest ...`):

- `digest subscribe [daily|weekly] [day] [HH:MM] [timezone]` - this channel gets a digest
- `digest unsubscribe` - it stops
- `digest preview` - what the digest would say now, shown only to the asker (`ephemeral`)
- `digest list` - subscriptions visible from here
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.digest.models import ChannelRef, Subscription
from handlers.digest.schedule import SYNTAX, USAGE, format_local, next_fire
from handlers.digest.service import DigestService
from handlers.models import Conversation, Request, TextReply
from handlers.router import Context, command_word

HELP = (
    "Digests: a scheduled post with new team notes, assessments, demo runs, the most asked questions, "
    "knowledge gaps, feedback and a fact from the knowledge base.\n"
    f"- `{SYNTAX}` (default: weekly, Monday 09:00)\n"
    "- `digest unsubscribe` - stop this channel's digest\n"
    "- `digest preview` - see what it would say now (only you see it)\n"
    "- `digest list` - subscriptions visible from here"
)


def channel_ref(conv: Conversation) -> ChannelRef:
    return ChannelRef(platform=conv.platform, workspace=conv.workspace, channel=conv.channel)


class DigestFeature:
    name = "digest"
    commands: tuple[str, ...] = ("digest",)
    action_prefix = ""

    def __init__(self, service: DigestService) -> None:
        self.service = service

    def claims(self, request: Request) -> bool:
        return command_word(request.text)[0] == "digest"

    def handle(self, request: Request, ctx: Context) -> Sequence[object]:
        word, rest = command_word(request.text)
        args = rest if word == "digest" else request.text.strip()  # `/ft-digest subscribe` has no "digest"
        sub, _, tail = args.partition(" ")
        sub = sub.lower()
        conv = request.conversation
        ref = channel_ref(conv)
        if sub in ("subscribe", "sub", "on", "start"):
            return [self._subscribe(ref, conv, tail.split())]
        if sub in ("unsubscribe", "unsub", "off", "stop"):
            if self.service.unsubscribe(ref):
                return [TextReply(text="Unsubscribed: this channel gets no more digests.", tone="success")]
            return [TextReply(text="This channel has no digest subscription.", tone="info")]
        if sub in ("preview", "now", "show"):
            return [self.service.preview(ref).model_copy(update={"ephemeral": True})]
        if sub in ("list", "ls", "status"):
            return [self._list(ref)]
        if sub in ("", "help"):
            return [self._status(ref)]
        return [TextReply(text=f"I don't know `digest {sub}`.\n{HELP}", tone="warning")]

    def _subscribe(self, ref: ChannelRef, conv: Conversation, tokens: list[str]) -> TextReply:
        sub = self.service.subscribe(
            ref, tokens, created_by=conv.user_name or conv.user, channel_type=conv.channel_type
        )
        nxt = next_fire(sub.rule, self.service.clock.now())
        return TextReply(
            text=f"Subscribed: this channel gets a {sub.rule.describe()}. "
            f"Next one: {format_local(sub.rule, nxt)}. `digest preview` shows what it would say now.",
            tone="success",
        )

    def _describe(self, sub: Subscription) -> str:
        nxt = next_fire(sub.rule, self.service.clock.now())
        return f"{sub.rule.describe()}, next {format_local(sub.rule, nxt)}"

    def _status(self, ref: ChannelRef) -> TextReply:
        sub = self.service.subscription(ref)
        state = f"This channel gets a {self._describe(sub)}." if sub else "This channel has no digest."
        return TextReply(text=f"{state}\n{HELP}")

    def _list(self, ref: ChannelRef) -> TextReply:
        """This channel's subscription and the other non-private ones in the same workspace."""
        subs = [
            s
            for s in self.service.list_subscriptions()
            if s.ref.platform == ref.platform
            and s.ref.workspace == ref.workspace
            and (s.ref.channel == ref.channel or s.channel_type == "public")
        ]
        if not subs:
            return TextReply(text="No digest subscriptions here yet. " + USAGE)
        lines = [
            f"- {'this channel' if s.ref.channel == ref.channel else s.ref.channel}: {self._describe(s)}"
            for s in subs
        ]
        return TextReply(text="Digest subscriptions:\n" + "\n".join(lines))

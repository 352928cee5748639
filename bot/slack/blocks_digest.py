"""Block Kit for digests: a header, one section per digest section (its display lines), the period."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock

from bot.slack.blocks import (
    SlackMessage,
    context_blocks,
    fallback,
    header,
    mrkdwn_sections,
    paginate,
)
from handlers.digest.models import DigestReply


def digest_message(reply: DigestReply) -> list[SlackMessage]:
    if not reply.sections:  # a quiet period: one line
        return paginate(mrkdwn_sections(reply.text or reply.title), fallback(reply.text or reply.title))
    blocks: list[Block] = [header(reply.title)]
    for n, section in enumerate(reply.sections):
        if n:
            blocks.append(DividerBlock())
        body = "\n".join(f"- {line}" for line in section.lines) if section.lines else ""
        blocks.extend(mrkdwn_sections(f"**{section.title}**\n{body}".rstrip()))
    start, end = reply.period.start, reply.period.end
    blocks.extend(context_blocks([f"Period {start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"]))
    return paginate(blocks, fallback(reply.text or reply.title))

"""Block Kit for the App Home tab (`handlers.home.HomeReply`): recent assessments and their
verdicts, notes count, how to use. Pure."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, DividerBlock
from slack_sdk.models.views import View

from bot.slack.blocks import SLASH_COMMANDS, context_blocks, header, raw_sections
from bot.slack.mrkdwn import escape, truncate
from handlers.home import RECENT_ASSESSMENTS, HomeReply

HOME_BLOCK_LIMIT = 100  # Slack's limit for a Home tab view


def home_view(reply: HomeReply) -> View:
    """The Home tab of `reply.user`."""
    user, assessments = reply.user, reply.assessments
    blocks: list[Block] = [
        header("ft-advisor: should we fine-tune?"),
        *raw_sections(
            f"Hi <@{user}>! I help your team decide between prompt engineering, RAG, PEFT/LoRA and "
            "full fine-tuning, with answers cited from the knowledge base and your team's notes."
        ),
        DividerBlock(),
        *raw_sections("*Recent assessments*"),
    ]
    if not assessments:
        blocks.extend(context_blocks(["No assessments yet: run `/ft-assess` in a channel or DM me `assess`."]))
    for a in assessments[:RECENT_ASSESSMENTS]:
        where = f" in <#{a.channel}>" if a.channel.startswith(("C", "G")) else ""
        line = f"*{escape(truncate(a.verdict, 200))}* · {escape(a.who)}{where} · {a.at:%Y-%m-%d}"
        if a.summary:
            line += f"\n{escape(truncate(a.summary, 300))}"
        blocks.extend(raw_sections(line))
    notes = f"*Team notes*: {reply.public_notes} shared"
    if reply.private_notes:
        notes += f", {reply.private_notes} private to their channels"
    blocks += [
        DividerBlock(),
        *raw_sections(notes + ". Add one with `/ft-note <text>` or the *Save as team note* message shortcut."),
        DividerBlock(),
        *raw_sections("*How to use*\n" + "\n".join(f"`{escape(u)}`  {w}" for u, w in SLASH_COMMANDS)),
        *context_blocks(["Mention me (`@ft-advisor`) in a channel, DM me, or open me in the assistant panel."]),
    ]
    return View(type="home", blocks=blocks[:HOME_BLOCK_LIMIT])

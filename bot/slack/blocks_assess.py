"""Block Kit for the assessment: each interview question with its choice buttons (and skip / back /
restart / done), and the verdict as a rich message: verdict first, cited reasons, the cost table,
what would change it, next steps, what it went on.

Buttons send `assess.answer` with `{"criterion", "choice"}` and `assess.<control>`; the choices and
the controls share one actions block so that one click retires every button of the question.
"""

from __future__ import annotations

from slack_sdk.models.blocks import ActionsBlock, Block, DividerBlock, MarkdownTextObject, SectionBlock

from bot.slack.blocks import (
    SlackMessage,
    button,
    citation_line,
    context_blocks,
    fallback,
    header,
    mrkdwn_sections,
    paginate,
    raw_sections,
)
from bot.slack.mrkdwn import escape, truncate
from handlers.assess.models import AssessmentQuestionReply, AssessmentResultReply
from handlers.models import Citation

ACTIONS_LIMIT = 25  # elements in one actions block
FIELDS_LIMIT = 10  # fields in one section


def question_message(reply: AssessmentQuestionReply) -> list[SlackMessage]:
    blocks: list[Block] = []
    if reply.understood:
        blocks.extend(context_blocks([":white_check_mark: Noted: " + escape("; ".join(reply.understood))]))
    if reply.note:
        blocks.extend(context_blocks([escape(reply.note)]))
    blocks.extend(raw_sections(f"*{escape(reply.question)}*"))
    prefix = reply.action_prefix
    controls = reply.control_buttons
    choices = reply.choices[: ACTIONS_LIMIT - len(controls)]
    elements = [
        button(c.label, f"{prefix}answer:{i}", {"criterion": reply.criterion, "choice": c.id})
        for i, c in enumerate(choices)
    ]
    elements += [
        button(
            c.label,
            f"{prefix}{c.id}",
            {"criterion": reply.criterion},
            style="primary" if c.id == "done" else None,
        )
        for c in controls
    ]
    if elements:
        blocks.append(ActionsBlock(block_id=f"assess_{reply.criterion}"[:255], elements=elements))
    blocks.extend(context_blocks([f"Assessment · {escape(reply.counter)} · {escape(reply.hint)}"]))
    return paginate(blocks, fallback(reply.question))


def _cost_table(reply: AssessmentResultReply) -> str:
    rows = [("path", "prompt tokens", "per 1k req", "per month", "one-off")]
    rows += [
        (
            p.label,
            f"{p.prompt_tokens:,}",
            f"${p.cost_per_1k_requests_usd:,.2f}",
            f"${p.monthly_usd:,.2f}",
            f"${p.one_off_usd:,.2f}",
        )
        for p in reply.costs.paths
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in rows]
    return "```\n" + escape("\n".join(lines)) + "\n```"


def result_message(reply: AssessmentResultReply) -> list[SlackMessage]:
    blocks: list[Block] = [
        header(f"Recommendation: {reply.verdict}"),
        *mrkdwn_sections(reply.headline),
        *context_blocks(
            [
                f"Confidence: *{reply.confidence_label}* ({reply.confidence:.2f})"
                + (f" · runner-up: {escape(reply.runner_up_label)}" if reply.runner_up_label else "")
            ]
        ),
        *raw_sections("*Why*\n" + "\n".join(f"• {escape(r.text)} *[{r.citation.n}]*" for r in reply.reasons)),
    ]
    if reply.tradeoffs:
        lines = "\n".join(f"• {escape(t.text)} *[{t.citation.n}]*" for t in reply.tradeoffs)
        blocks.extend(raw_sections("*Trade-offs*\n" + lines))
    blocks.append(DividerBlock())
    costs = reply.costs
    if costs.available and costs.paths:
        blocks.extend(raw_sections("*Cost comparison* (example prices)\n" + _cost_table(reply)))
        notes = [costs.summary, ("Assumed: " + ", ".join(costs.assumed) + ".") if costs.assumed else ""]
        notes.append(f"Prices as of {costs.prices_as_of}: editable examples in `knowledge/rubric/prices.yaml`.")
        blocks.extend(context_blocks(escape(n) for n in notes if n))
    else:
        blocks.extend(raw_sections(f"*Cost comparison*\n{escape(costs.summary)}"))
    if reply.flips:
        blocks.extend(
            raw_sections("*What would change my mind*\n" + "\n".join(f"• {escape(f.text)}" for f in reply.flips))
        )
    if reply.next_steps:
        blocks.extend(
            raw_sections("*Next steps*\n" + "\n".join(f"{i}. {escape(s)}" for i, s in enumerate(reply.next_steps, 1)))
        )
    if reply.answers:
        fields = [
            MarkdownTextObject(text=truncate(f"*{escape(a.label)}*\n{escape(a.value)}", 2000)) for a in reply.answers
        ]
        blocks.extend(raw_sections("*What I went on*"))
        blocks.extend(SectionBlock(fields=fields[i : i + FIELDS_LIMIT]) for i in range(0, len(fields), FIELDS_LIMIT))
    if reply.missing:
        blocks.extend(context_blocks(["Not answered: " + escape(", ".join(reply.missing))]))
    blocks.extend(
        context_blocks(
            citation_line(c.n, c.title, c.source, c.quote) for c in _cited(reply)
        )
    )
    text = f"Recommendation: {reply.verdict} ({reply.confidence_label} confidence). {reply.headline}"
    return paginate(blocks, fallback(text))


def _cited(reply: AssessmentResultReply) -> list[Citation]:
    """The citations the why and trade-off lines point to, each once, in number order."""
    cited = {r.citation.n: r.citation for r in [*reply.reasons, *reply.tradeoffs]}
    return [cited[n] for n in sorted(cited)]

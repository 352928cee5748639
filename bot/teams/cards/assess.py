"""Assessment interview cards: a question with one button per choice, a box to answer in your
own words, and the interview controls; then the verdict card (recommendation first, cited
reasons, costs, what would change the answer, next steps, the answers given).

Choice buttons send the router action `assess.answer` with `{"criterion", "choice"}`; controls
send `assess.<control>`. The text box sends `reply.text`, which the adapter turns back into a
plain message in the same thread (the interview owns the thread's messages).
"""

from __future__ import annotations

from bot.teams.cards.common import (
    TEXT_INPUT_ID,
    TEXT_REPLY_ACTION,
    CardMessage,
    Json,
    RenderOptions,
    card,
    clean,
    fact_set,
    heading,
    submit,
    subtle,
    summarize,
    text_block,
)
from handlers.assess.models import AssessmentQuestionReply, AssessmentResultReply

BUTTONS_PER_ROW = 3
CONTROL_TITLES = {"skip": "Skip", "back": "Back", "restart": "Restart", "done": "Done", "cancel": "Cancel"}


def action_rows(actions: list[Json], per_row: int = BUTTONS_PER_ROW) -> list[Json]:
    """Buttons in ActionSets of a few each (Teams shows at most a handful per set, and mobile wraps)."""
    return [
        {"type": "ActionSet", "actions": actions[i : i + per_row], "spacing": "Small"}
        for i in range(0, len(actions), per_row)
    ]


def question_cards(reply: AssessmentQuestionReply, opts: RenderOptions) -> list[CardMessage]:
    prefix = reply.action_prefix
    question = clean(reply.question, opts)
    body: list[Json] = [subtle(f"Assessment \u00b7 question {reply.progress}")]
    if reply.note:
        body.append(text_block(clean(reply.note, opts), color="Warning", size="Small"))
    if reply.understood:
        understood = "\n".join(f"- {clean(u, opts)}" for u in reply.understood)
        body.append(subtle(f"Understood so far:\n{understood}"))
    body.append(heading(question))
    buttons = [
        submit(clean(c.label, opts), f"{prefix}answer", {"criterion": reply.criterion, "choice": c.id})
        for c in reply.choices
    ]
    body.extend(action_rows(buttons))
    body.append(
        {
            "type": "Input.Text",
            "id": TEXT_INPUT_ID,
            "placeholder": "...or answer in your own words",
            "isMultiline": False,
            "maxLength": 1000,
            "spacing": "Medium",
        }
    )
    body.append(
        {
            "type": "ActionSet",
            "actions": [submit("Send", TEXT_REPLY_ACTION, {"criterion": reply.criterion})],
            "spacing": "Small",
        }
    )
    body.append(subtle(clean(reply.hint, opts)))
    controls = [submit(CONTROL_TITLES.get(c, c.title()), f"{prefix}{c}") for c in reply.controls]
    choices = "\n".join(f"- {c.label}" for c in reply.choices)
    fallback = clean(f"{question}\n{choices}\n{reply.hint}", opts)
    return [CardMessage(card(body, fallback=fallback, actions=controls), summary=summarize(question))]


def _money(value: float | None) -> str:
    return "n/a" if value is None else f"${value:,.2f}"


def cost_blocks(reply: AssessmentResultReply, opts: RenderOptions) -> list[Json]:
    costs = reply.costs
    blocks: list[Json] = [text_block("**Costs**", spacing="Medium", separator=True)]
    if costs.available and costs.paths:
        facts = [
            (clean(p.label, opts), f"{_money(p.monthly_usd)}/month + {_money(p.one_off_usd)} one-off")
            for p in costs.paths
        ]
        if costs.months_to_break_even is not None:
            facts.append(("Break-even", f"{costs.months_to_break_even:.1f} months"))
        blocks.append(fact_set(facts))
    if costs.summary:
        blocks.append(text_block(clean(costs.summary, opts), spacing="Small"))
    elif not costs.available:
        blocks.append(text_block("Not enough information for a cost estimate yet.", spacing="Small"))
    blocks.append(subtle(clean(f"Prices as of {costs.prices_as_of}. {costs.prices_note}", opts)))
    return blocks


def result_cards(reply: AssessmentResultReply, opts: RenderOptions) -> list[CardMessage]:
    verdict = clean(reply.verdict, opts)
    confidence = f"{reply.confidence_label} confidence ({reply.confidence:.0%})"
    body: list[Json] = [
        subtle("Assessment result"),
        heading(f"Recommendation: {verdict}", size="Large"),
        subtle(confidence, spacing="None"),
        text_block(clean(reply.headline, opts)),
    ]
    if reply.reasons:
        body.append(text_block("**Why**", spacing="Medium", separator=True))
        for i, reason in enumerate(reply.reasons, 1):
            c = reason.citation
            body.append(text_block(f"{i}. {clean(reason.text, opts)} [{c.n}]", spacing="Small"))
            body.append(subtle(f"[{c.n}] {clean(c.title, opts)} \u2014 {c.shown_quote(clean(c.quote, opts))}",
                               spacing="None"))
    if reply.tradeoffs:
        body.append(text_block("**Trade-offs**", spacing="Medium", separator=True))
        for t in reply.tradeoffs:
            body.append(text_block(f"- {clean(t.text, opts)} [{t.citation.n}]", spacing="Small"))
            body.append(subtle(f"[{t.citation.n}] {clean(t.citation.title, opts)}", spacing="None"))
    if reply.runner_up:
        runner_up = clean(reply.runner_up_label or reply.runner_up, opts)
        body.append(text_block(f"Runner-up: {runner_up}", spacing="Small"))
    body.extend(cost_blocks(reply, opts))
    if reply.flips:
        flips = "\n".join(f"- {clean(f.text, opts)}" for f in reply.flips)
        body.append(text_block("**What would change the answer**", spacing="Medium", separator=True))
        body.append(text_block(flips, spacing="Small"))
    if reply.next_steps:
        steps = "\n".join(f"{i}. {clean(s, opts)}" for i, s in enumerate(reply.next_steps, 1))
        body.append(text_block("**Next steps**", spacing="Medium", separator=True))
        body.append(text_block(steps, spacing="Small"))
    if reply.missing:
        body.append(subtle("Not answered: " + clean(", ".join(reply.missing), opts)))
    answers_id = "assess-answers"
    if reply.answers:
        body.append(
            {
                "type": "Container",
                "id": answers_id,
                "isVisible": False,
                "items": [fact_set([(clean(a.label, opts), clean(a.value, opts)) for a in reply.answers])],
            }
        )
    actions: list[Json] = []
    if reply.answers:
        toggle: Json = {"type": "Action.ToggleVisibility", "title": "Show my answers"}
        toggle["targetElements"] = [answers_id]
        actions.append(toggle)
    actions.append(submit("Start a new assessment", "assess.start", {"text": ""}))
    fallback = clean(f"Recommendation: {reply.verdict} ({confidence}). {reply.headline}", opts)
    return [CardMessage(card(body, fallback=fallback, actions=actions), summary=summarize(fallback))]

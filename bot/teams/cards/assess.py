"""Assessment interview cards: a question with its choices as a list that wraps long labels, a
box to answer in your own words (a number with its unit, when the question asks for one), one
Send button and the interview controls; then the verdict card (recommendation first, cited
reasons, costs, what would change the answer, next steps, the answers given).

Send is the router action `assess.answer` with `{"criterion", "choice"}` (the picked choice
merged in by the adapter); without a pick, the adapter turns the typed text into a plain
message in the same thread (the interview owns the thread's messages). Controls send
`assess.<control>`.
"""

from __future__ import annotations

from bot.teams.cards.common import (
    CHOICE_INPUT_ID,
    TEXT_INPUT_ID,
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


def question_cards(reply: AssessmentQuestionReply, opts: RenderOptions) -> list[CardMessage]:
    prefix = reply.action_prefix
    question = clean(reply.question, opts)
    body: list[Json] = [subtle(f"Assessment \u00b7 {reply.counter}")]
    if reply.note:
        body.append(text_block(clean(reply.note, opts), weight="Bolder", size="Small"))
    if reply.understood:
        understood = "\n".join(f"- {clean(u, opts)}" for u in reply.understood)
        body.append(subtle(f"Understood so far:\n{understood}"))
    body.append(heading(question))
    if reply.choices:  # a list that wraps long labels (buttons cut them off)
        body.append(
            {
                "type": "Input.ChoiceSet",
                "id": CHOICE_INPUT_ID,
                "style": "expanded",
                "wrap": True,
                "choices": [{"title": clean(c.label, opts), "value": c.id} for c in reply.choices],
            }
        )
    unit = f" ({reply.unit})" if reply.unit else ""
    body.append(
        {
            "type": "Input.Text",
            "id": TEXT_INPUT_ID,
            "label": "Or answer in your own words" + unit if reply.choices else "Your answer" + unit,
            "placeholder": f"e.g. 2,000 {reply.unit}" if reply.unit else "...in your own words",
            "isMultiline": False,
            "maxLength": 1000,
            "spacing": "Medium",
        }
    )
    body.append(
        {
            "type": "ActionSet",
            "actions": [submit("Send", f"{prefix}answer", {"criterion": reply.criterion})],
            "spacing": "Small",
        }
    )
    body.append(subtle(clean(reply.hint, opts)))
    controls = [submit(c.label, f"{prefix}{c.id}") for c in reply.control_buttons]
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
            body.append(subtle(f"[{c.n}] {clean(c.title, opts)} \u2014 \u201c{clean(c.quote, opts)}\u201d",
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

"""The answer card: the answer text, numbered citations with article titles and quotes, how the
answer was made, and feedback buttons. Long answers continue over several cards; the sources and
buttons come with the last one."""

from __future__ import annotations

from bot.teams.cards.common import (
    CARD_TEXT_CHARS,
    CardMessage,
    Json,
    RenderOptions,
    card,
    clean,
    split_text,
    submit,
    subtle,
    summarize,
    text_block,
    text_blocks,
)
from handlers.models import Answer, AnswerReply, Citation

FEEDBACK_ACTION = "feedback"
QUESTION_IN_FEEDBACK_CHARS = 300


def citation_blocks(citations: list[Citation], opts: RenderOptions) -> list[Json]:
    if not citations:
        return []
    items: list[Json] = [text_block("**Sources**", spacing="Medium", separator=True)]
    for c in citations:
        title = f"**[{c.n}] {clean(c.title, opts)}** \u2014 {clean(c.source, opts)}"
        items.append(text_block(title, spacing="Small"))
        if c.quote:
            items.append(subtle(c.shown_quote(clean(c.quote, opts)), spacing="None", italic=True))
    return items


def how_made(answer: Answer) -> str:
    made = answer.made_how()
    return made[0].upper() + made[1:] if answer.grounded else "Not covered by the knowledge base or the team's notes"


def feedback_actions(reply: AnswerReply) -> list[Json]:
    value = {
        "question": reply.question[:QUESTION_IN_FEEDBACK_CHARS],
        "grounded": reply.answer.grounded,
        "mode": reply.answer.mode,
        "citations": [c.id for c in reply.answer.citations],
    }
    return [
        submit("\U0001f44d Helpful", FEEDBACK_ACTION, {**value, "rating": "up"}),
        submit("\U0001f44e Not helpful", FEEDBACK_ACTION, {**value, "rating": "down"}),
    ]


def fallback_text(answer: Answer, opts: RenderOptions) -> str:
    lines = [answer.answer]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.title} - {c.source}")
    return clean("\n".join(lines), opts)


def answer_cards(reply: AnswerReply, opts: RenderOptions) -> list[CardMessage]:
    answer = reply.answer
    text = clean(answer.answer, opts)
    parts = split_text(text, CARD_TEXT_CHARS) or [""]
    summary = summarize(text)
    messages: list[CardMessage] = []
    for i, part in enumerate(parts):
        body: list[Json] = []
        if i == 0 and answer.notice:
            body.append(text_block(clean(answer.notice, opts), color="Warning", size="Small"))
        if i > 0:
            body.append(subtle(f"(continued, part {i + 1} of {len(parts)})"))
        body.extend(text_blocks(part))
        last = i == len(parts) - 1
        if not last:
            messages.append(CardMessage(card(body, fallback=part), summary=summary))
            continue
        body.extend(citation_blocks(answer.citations, opts))
        body.append(subtle(how_made(answer), spacing="Medium"))
        last_card = card(body, fallback=fallback_text(answer, opts), actions=feedback_actions(reply))
        messages.append(CardMessage(last_card, summary=summary))
    return messages

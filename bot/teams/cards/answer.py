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
    truncate,
)
from handlers.feedback import DOWN as FEEDBACK_DOWN
from handlers.feedback import UP as FEEDBACK_UP
from handlers.models import Answer, AnswerReply, Citation

QUESTION_IN_FEEDBACK_CHARS = 300
TITLE_CHARS = 150
QUOTE_CHARS = 220  # as in Slack: the sentence that supports the answer, not the article


def citation_blocks(citations: list[Citation], opts: RenderOptions) -> list[Json]:
    if not citations:
        return []
    items: list[Json] = [text_block("**Sources**", spacing="Medium", separator=True)]
    for c in citations:
        title = f"**[{c.n}] {truncate(clean(c.title, opts), TITLE_CHARS)}** \u2014 {clean(c.source, opts)}"
        items.append(text_block(title, spacing="Small"))
        if c.quote:
            quote = truncate(" ".join(clean(c.quote, opts).split()), QUOTE_CHARS)
            items.append(subtle(f"\u201c{quote}\u201d", spacing="None", italic=True))
    return items


def feedback_actions(reply: AnswerReply) -> list[Json]:
    value = {"q": reply.question[:QUESTION_IN_FEEDBACK_CHARS]}
    return [
        submit("\U0001f44d Helpful", FEEDBACK_UP, value),
        submit("\U0001f44e Not helpful", FEEDBACK_DOWN, value),
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
            body.append(text_block(clean(answer.notice, opts), weight="Bolder", size="Small"))
        if i > 0:
            body.append(subtle(f"(continued, part {i + 1} of {len(parts)})"))
        body.extend(text_blocks(part))
        last = i == len(parts) - 1
        if not last:
            messages.append(CardMessage(card(body, fallback=part), summary=summary))
            continue
        sources = citation_blocks(answer.citations, opts)
        if len(part) + sum(len(str(b["text"])) for b in sources) > CARD_TEXT_CHARS:  # sources on a card of their own
            messages.append(CardMessage(card(body, fallback=part), summary=summary))
            body = []
        body.extend(sources)
        body.append(subtle(answer.how_made, spacing="Medium"))
        last_card = card(body, fallback=fallback_text(answer, opts), actions=feedback_actions(reply))
        messages.append(CardMessage(last_card, summary=summary))
    return messages

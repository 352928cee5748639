"""Pure tests of the Adaptive Card builders: one or more per reply kind, plus limits and safety."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.teams.cards import CardMessage, RenderOptions, render, render_all
from bot.teams.cards.common import ACTION_KEY, CARD_TEXT_CHARS, TEXT_BLOCK_CHARS, VALUE_KEY, split_text
from handlers.digest.models import DigestReply, DigestSection, Period
from handlers.models import (
    Answer,
    AnswerReply,
    Citation,
    ErrorReply,
    HelpReply,
    NotesReply,
    NoteView,
    TextReply,
)

OPTS = RenderOptions(allowed_hosts=("microsoft.com",))


def walk(node: Any) -> list[dict[str, Any]]:
    """Every dict inside a card."""
    out: list[dict[str, Any]] = []
    if isinstance(node, dict):
        out.append(node)
        for v in node.values():
            out.extend(walk(v))
    elif isinstance(node, list):
        for v in node:
            out.extend(walk(v))
    return out


def texts(message: CardMessage) -> str:
    return "\n".join(str(d["text"]) for d in walk(message.card["body"]) if d.get("type") == "TextBlock")


def check_card(message: CardMessage) -> None:
    """What every card must satisfy for Teams (desktop and mobile)."""
    card = message.card
    json.dumps(card)  # serializable
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.5"
    assert card["fallbackText"].strip()
    assert message.summary.strip() and len(message.summary) <= 200
    assert len(json.dumps(card)) < 28_000
    for node in walk(card):
        if node.get("type") == "TextBlock":
            assert node["wrap"] is True
            assert len(node["text"]) <= TEXT_BLOCK_CHARS
        if node.get("type") == "Action.Submit":
            assert isinstance(node["data"][ACTION_KEY], str) and isinstance(node["data"][VALUE_KEY], dict)


def citation(n: int, **kw: Any) -> Citation:
    base = {"n": n, "id": f"doc#{n}", "title": f"Article {n}", "source": "Site", "quote": f"quote {n}"}
    return Citation(**{**base, **kw})


def answer_reply(text: str = "Use PEFT [1]. It keeps 95 % of quality [2].", **kw: Any) -> AnswerReply:
    answer = Answer(answer=text, citations=[citation(1), citation(2)], grounded=True, **kw)
    return AnswerReply(question="Should we fine-tune?", answer=answer)


def test_answer_card_has_text_numbered_citations_and_feedback() -> None:
    [message] = render(answer_reply(), OPTS)
    check_card(message)
    body = texts(message)
    assert "Use PEFT [1]" in body
    assert "**[1] Article 1** \u2014 Site" in body and "\u201cquote 2\u201d" in body
    assert "Quoted from the sources" in body
    actions = message.card["actions"]
    assert [a["data"][ACTION_KEY] for a in actions] == ["feedback.up", "feedback.down"]
    assert actions[0]["data"][VALUE_KEY] == {"q": "Should we fine-tune?"}
    assert "[1] Article 1 - Site" in message.card["fallbackText"]


def test_llm_answer_with_notice_and_not_covered_answer() -> None:
    [llm] = render(answer_reply(mode="llm", notice="The language model did not answer in time."), OPTS)
    assert "did not answer in time" in texts(llm) and "Written by the language model" in texts(llm)
    refusal = AnswerReply(question="weather?", answer=Answer(answer="I can't answer that from my sources."))
    [message] = render(refusal, OPTS)
    check_card(message)
    assert "Sources" not in texts(message)
    assert "Not covered" in texts(message)


def test_long_answer_is_split_over_cards_with_sources_on_the_last() -> None:
    paragraph = "Fine-tuning changes the weights of the model. " * 40
    long_text = "\n\n".join(f"{i}. {paragraph}" for i in range(40))
    messages = render(answer_reply(long_text), OPTS)
    assert len(messages) >= 2
    for m in messages:
        check_card(m)
    assert all("actions" not in m.card for m in messages[:-1])
    assert "Sources" in texts(messages[-1]) and "actions" in messages[-1].card
    assert "(continued, part 2" in texts(messages[1])
    rebuilt = " ".join(" ".join(texts(m).split()) for m in messages)
    assert " ".join(paragraph.split()) in rebuilt


def test_answer_text_is_sanitized_everywhere() -> None:
    evil = Answer(
        answer="See [docs](https://evil.example/x) and https://learn.microsoft.com/ok <!channel> @here",
        citations=[citation(1, quote="visit evil.com now @everyone", title="[t](http://evil.io)")],
        grounded=True,
    )
    [message] = render(AnswerReply(question="q", answer=evil), OPTS)
    dump = json.dumps(message.card)
    assert "evil" not in dump
    assert "<!channel>" not in dump and "@here" not in dump and "@everyone" not in dump
    assert "https://learn.microsoft.com/ok" in dump  # allowlisted host survives


def test_text_cards_by_tone() -> None:
    for tone, color in (("info", "Default"), ("success", "Good"), ("warning", "Default")):
        [m] = render(TextReply(text=f"{tone} message", tone=tone), OPTS)  # type: ignore[arg-type]
        check_card(m)
        assert m.card["body"][0]["color"] == color and m.summary == f"{tone} message"


def test_error_card_shows_the_reference_id() -> None:
    [m] = render(ErrorReply(reference_id="abc123def0"), OPTS)
    check_card(m)
    assert "Reference: abc123def0" in texts(m)
    assert "abc123def0" in m.card["fallbackText"]


def test_notes_card_lists_notes_and_handles_none() -> None:
    note = NoteView(
        id="n1",
        text="LoRA r=8 was enough",
        author="ada",
        channel="c",
        visibility="private",
        created_at="2026-11-23T10:00",
    )
    [m] = render(NotesReply(title="1 team note(s) visible here", notes=[note]), OPTS)
    check_card(m)
    assert "LoRA r=8 was enough" in texts(m) and "`n1` \u00b7 ada \u00b7 private" in texts(m)
    [empty] = render(NotesReply(title="0 team note(s) visible here", notes=[]), OPTS)
    assert "No notes yet" in texts(empty)
    many = NotesReply(title="many", notes=[note.model_copy(update={"id": f"n{i}"}) for i in range(80)])
    [capped] = render(many, OPTS)
    check_card(capped)
    assert "and 30 more" in texts(capped)


def test_help_card_lists_commands() -> None:
    reply = HelpReply(commands=[("assess", "An interview."), ("help", "This.")], intro="I help you decide.")
    [m] = render(reply, OPTS)
    check_card(m)
    assert "**assess**" in texts(m) and "@mention me" in texts(m)


def digest(text: str = "Weekly digest: 1 note", **kw: Any) -> DigestReply:
    period = Period(start=datetime(2026, 11, 16, tzinfo=UTC), end=datetime(2026, 11, 23, tzinfo=UTC))
    sections = [
        DigestSection(kind="notes", title="New team notes", items=[{}], lines=["ada: LoRA r=8 was enough"]),
        DigestSection(kind="fact", title="Did you know?", items=[{}], lines=["PEFT keeps 95 % [Article]"]),
    ]
    return DigestReply(
        channel="c", period=period, title="ft-advisor weekly digest", sections=sections, text=text, **kw
    )


def test_digest_card_has_a_section_per_kind() -> None:
    [m] = render(digest(), OPTS)
    check_card(m)
    body = texts(m)
    assert "ft-advisor weekly digest" in body and "**New team notes**" in body and "- ada: LoRA r=8" in body
    assert m.card["fallbackText"] == "Weekly digest: 1 note"
    assert not m.targeted


def test_quiet_skipped_and_ephemeral_digests() -> None:
    assert render(digest(text=""), OPTS) == []
    quiet = digest(text="A quiet week: nothing new.", quiet=True).model_copy(update={"sections": []})
    [m] = render(quiet, OPTS)
    assert "A quiet week" in texts(m)
    [preview] = render(digest(ephemeral=True), OPTS)
    assert preview.targeted


def test_big_digest_is_split() -> None:
    lines = [f"question {i}: " + "why " * 60 for i in range(15)]
    sections = [DigestSection(kind="questions", title=f"S{j}", items=[{}], lines=lines) for j in range(8)]
    big = digest().model_copy(update={"sections": sections})
    messages = render(big, OPTS)
    assert len(messages) > 1
    for m in messages:
        check_card(m)


def test_unknown_reply_kind_falls_back_to_text() -> None:
    class Odd:
        kind = "not-yet-rendered"
        text = "something new"

    [m] = render(Odd(), OPTS)
    assert texts(m) == "something new"


def test_render_all_keeps_order() -> None:
    messages = render_all([TextReply(text="one"), TextReply(text="two")], OPTS)
    assert [m.summary for m in messages] == ["one", "two"]


@pytest.mark.parametrize("limit", [20, 100, 1000])
def test_split_text_respects_the_limit_and_keeps_every_word(limit: int) -> None:
    text = "\n\n".join(f"Paragraph {i}. " + "word " * (i * 7) + "end." for i in range(30))
    parts = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in parts)
    assert " ".join(" ".join(parts).split()) == " ".join(text.split())
    assert split_text("", 10) == [] and split_text("short", 10) == ["short"]
    assert CARD_TEXT_CHARS > TEXT_BLOCK_CHARS

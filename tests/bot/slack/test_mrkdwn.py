"""Markdown -> mrkdwn conversion, escaping and splitting to Slack's limits (pure)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.slack.mrkdwn import SECTION_LIMIT, escape, plain, split_text, to_mrkdwn, truncate


def test_inline_markdown_becomes_mrkdwn() -> None:
    md = "# Costs\n**PEFT** is *cheap*, __really__ ~~expensive~~ [docs](https://slack.com/a)\n- one\n* two"
    assert to_mrkdwn(md) == (
        "*Costs*\n*PEFT* is _cheap_, *really* ~expensive~ <https://slack.com/a|docs>\n• one\n• two"
    )


def test_control_characters_are_escaped_so_no_mention_or_link_can_be_injected() -> None:
    out = to_mrkdwn("<!channel> <@U123> <https://evil.com|x> a & b")
    assert out == "&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.com|x&gt; a &amp; b"
    assert "<" not in out and ">" not in out


def test_code_is_kept_verbatim_but_escaped() -> None:
    md = "use `x <y>` and\n```\nif a < b and **not bold**:\n    pass\n```"
    out = to_mrkdwn(md)
    assert "`x &lt;y&gt;`" in out
    assert "```\nif a &lt; b and **not bold**:\n    pass\n```" in out


def test_markdown_tables_become_aligned_code_blocks() -> None:
    md = "| approach | time |\n|---|---|\n| PEFT | days |\n| RAG | weeks |\n\nafter"
    out = to_mrkdwn(md)
    assert out.startswith("```\napproach  time\n--------  -----\nPEFT      days\nRAG       weeks\n```")
    assert out.endswith("after")


def test_plain_and_truncate() -> None:
    assert plain("**a** [b](https://slack.com) `c` <x>") == "a b c &lt;x&gt;"
    assert truncate("word " * 10, 12) == "word word…"
    assert len(truncate("x" * 5000, 3000)) == 3000
    assert truncate("a &amp; b", 6) == "a…"  # never a dangling "&am"
    assert escape("<&>") == "&lt;&amp;&gt;"


def test_split_respects_the_limit_and_keeps_code_fences_balanced() -> None:
    code = "```\n" + "\n".join(f"line {i} " + "x" * 50 for i in range(120)) + "\n```"
    text = "intro paragraph\n\n" + code + "\n\nthe end"
    pieces = split_text(text, SECTION_LIMIT)
    assert len(pieces) > 1
    for p in pieces:
        assert len(p) <= SECTION_LIMIT
        assert p.count("```") % 2 == 0


def test_split_never_cuts_an_escape() -> None:
    text = "&amp;" * 1000
    for p in split_text(text, 3000):
        assert p.count("&") == p.count(";")


def test_short_text_is_one_piece_and_empty_is_none() -> None:
    assert split_text("hello") == ["hello"]
    assert split_text("") == []


WORDS = st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Nd")), min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORDS, min_size=1, max_size=200), min_size=1, max_size=30), st.integers(200, 3000))
def test_split_loses_no_words(paragraphs: list[list[str]], limit: int) -> None:
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    pieces = split_text(text, limit)
    assert all(len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())

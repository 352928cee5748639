from __future__ import annotations

from pathlib import Path

from bot.container import Container
from bot.scheduler.slack_delivery import SlackDelivery
from bot.scheduler.wiring import corpus_chunks
from bot.settings import Settings
from handlers.digest.facts import CorpusFacts
from handlers.digest.models import ChannelRef


def test_corpus_facts_quote_their_passages_and_name_the_article() -> None:
    chunks = {c.id: c for c in corpus_chunks(Settings.model_validate({}))}
    facts = CorpusFacts(lambda: list(chunks.values())).facts()
    assert len(facts) >= 20
    for fact in facts:
        chunk = chunks[fact.id]
        assert fact.text in chunk.text
        assert fact.title == chunk.title and fact.source == chunk.source and fact.title


def test_container_builds_the_digest_pieces(tmp_path: Path) -> None:
    c = Container(Settings.model_validate({"data_dir": tmp_path, "slack_bot_token": "xoxb-x"}), chat_model=None)
    try:
        assert c.digest_deliveries.platforms() == ["slack", "terminal"]
        assert isinstance(c.digest_deliveries.get("slack"), SlackDelivery)
        reply = c.digests.preview(ChannelRef(channel="C1"))
        assert reply.quiet and reply.postable
        assert c.digest_runner.sweep() == {}
    finally:
        c.close()

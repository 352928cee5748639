"""What every answer streamed into a Teams personal chat must look like, and the container that
streams them: shared by the streaming tests against the fake model server (`test_http_streaming`)
and against the real one (`test_http_streaming_real`).

A well-formed stream: one informative `typing` update (sequence 1), `typing` updates with the
text so far (cumulative, sequences 2, 3, ...), then one final `message` without a sequence, which
is the only message of the chat."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.container import Container
from tests.bot.conftest import make_settings
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import ALLOWED_HOSTS, TeamsHarness
from tests.bot.teams.fake_connector import Posted

QUESTION = "How much of full fine-tuning performance does PEFT keep?"


@contextmanager
def streaming_container(
    data_dir: Path, base_url: str, *, model: str, deadline_s: float, **llm: object
) -> Iterator[Container]:
    """A container whose answers a model at `base_url` writes (no retries, one deadline), in
    anonymous Teams mode, with the corpus indexed."""
    settings = make_settings(
        data_dir, teams_anonymous=True, link_allowlist=ALLOWED_HOSTS, openai_base_url=base_url, llm_model=model,
        llm_max_retries=0, llm_deadline_s=deadline_s, llm_timeout_s=deadline_s, llm_schema_mode="json_object", **llm,
    )
    c = Container(settings)
    c.retriever  # noqa: B018 - index the corpus once
    try:
        yield c
    finally:
        c.close()


def stream_info(posted: Posted) -> dict[str, Any] | None:
    return next((e for e in posted.body.get("entities") or [] if e.get("type") == "streaminfo"), None)


def personal_question(h: TeamsHarness, chat: str) -> dict[str, Any]:
    """`QUESTION` in the personal chat `chat` (one chat per test: no history from another test)."""
    activity = p.personal_message(h.service_url, QUESTION)
    activity["conversation"]["id"] = chat
    return activity


@dataclass(frozen=True)
class Stream:
    activity: dict[str, Any]
    informative: Posted
    updates: list[Posted]
    final: Posted

    @property
    def texts(self) -> list[str]:
        return [x.body["text"] for x in self.updates]


async def ask_streamed(h: TeamsHarness, chat: str, *, timeout_s: float = 60.0) -> Stream:
    """Ask `QUESTION` in `chat`, wait for the answer, and check that it came as a well-formed stream."""
    activity = personal_question(h, chat)
    status, _ = await h.send(activity)
    assert status in (200, 202)
    await h.connector.wait_for_messages(1, conversation_id=chat, timeout_s=timeout_s)
    await h.drain()
    informative, *updates, final = [
        x for x in h.connector.posted if x.conversation_id == chat and stream_info(x) is not None
    ]
    first = stream_info(informative) or {}
    assert informative.type == "typing" and first["streamType"] == "informative" and first["streamSequence"] == 1
    infos = [stream_info(x) or {} for x in updates]
    assert all(x.type == "typing" for x in updates) and all(i["streamType"] == "streaming" for i in infos)
    assert [i["streamSequence"] for i in infos] == list(range(2, 2 + len(updates)))
    stream = Stream(activity, informative, updates, final)
    assert all(later.startswith(earlier) for earlier, later in itertools.pairwise(stream.texts))
    end = stream_info(final) or {}
    assert final.type == "message" and end["streamType"] == "final" and "streamSequence" not in end
    assert h.connector.messages(chat) == [final]  # one message: the stream's final one
    return stream

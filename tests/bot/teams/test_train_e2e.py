"""Training from a Teams personal chat: a CSV attachment is summarised (problems by row), `train`
queues it with the user's position, `cancel training` cancels it; replies reach the fake connector."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.container import Container
from bot.teams.train import FILE_INFO, fetch_url
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import TeamsHarness, run_scenario
from tests.bot.teams.fake_connector import Posted

ROWS = [(f"I lost my card number {i}", "lost_card") for i in range(8)] + [
    (f"what is my balance on account {i}", "balance") for i in range(8)
]
GOOD = ("text,intent\n" + "".join(f"{t},{label}\n" for t, label in ROWS)).encode()
BAD = ("text,intent\n" + "".join(f"{t},lost_card\n" for t, _ in ROWS[:6]) + ",balance\n").encode()


@pytest.fixture
def files() -> Iterator[str]:
    """A local stand-in for the pre-authenticated SharePoint download URLs Teams sends."""
    content = {"/good.csv": GOOD, "/bad.csv": BAD}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            data = content.get(self.path, b"")
            self.send_response(200 if data else 404)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def with_file(service_url: str, name: str, url: str) -> dict[str, object]:
    activity = p.personal_message(service_url, "")
    activity["attachments"] = [{
        "contentType": FILE_INFO, "name": name, "contentUrl": url,
        "content": {"downloadUrl": url, "uniqueId": "1a2b", "fileType": name.rsplit(".", 1)[-1]},
    }]
    return activity


def text_of(posted: Posted) -> str:
    return json.dumps(posted.card, ensure_ascii=False)


def test_file_summary_train_and_cancel(bare_container: Container, files: str) -> None:
    async def scenario(h: TeamsHarness) -> None:
        chat = p.PERSONAL_CHAT_ID
        await h.send(with_file(h.service_url, "bad.csv", f"{files}/bad.csv"))
        [bad] = await h.connector.wait_for_messages(1, conversation_id=chat)
        assert "row 8: empty text in 'text'" in text_of(bad) and "single value" in text_of(bad)
        await h.send(p.personal_message(h.service_url, "train"))
        [_, nothing] = await h.connector.wait_for_messages(2, conversation_id=chat)
        assert "Send me a CSV or JSONL file" in text_of(nothing)
        await h.send(with_file(h.service_url, "good.csv", f"{files}/good.csv"))
        [*_, summary] = await h.connector.wait_for_messages(3, conversation_id=chat)
        assert "16 usable examples" in text_of(summary) and "Reply *train*" in text_of(summary)
        await h.send(p.personal_message(h.service_url, "train"))
        [*_, queued] = await h.connector.wait_for_messages(4, conversation_id=chat)
        assert "Queued the training of `good-" in text_of(queued) and "You're next." in text_of(queued)
        await h.send(p.personal_message(h.service_url, "cancel training"))
        [*_, cancelled] = await h.connector.wait_for_messages(5, conversation_id=chat)
        assert "Cancelled: that training will not run." in text_of(cancelled)

    run_scenario(bare_container, scenario)
    job = bare_container.train_jobs.latest_active("teams", p.PERSONAL_CHAT_ID, p.ADA["id"])
    assert job is None  # cancelled before it ran


def test_downloads_need_https() -> None:
    with pytest.raises(ValueError, match="https"):
        fetch_url("http://files.example.com/x.csv")

"""Slack app latency, end to end over HTTP on this machine.

    python -m bench.slack_bench [--rounds 5] [--concurrency 20] [--mentions 20]

1. Ack latency: `--concurrency` signed `app_mention` events POSTed at the same instant (a barrier),
   `--rounds` times; each sample is one POST's round trip (request written -> 200 read), while
   the answers of the earlier rounds are still being computed in the background, as in real use.
   Target (issue 5): p99 <= 100 ms.
2. Time to first visible response of a mention: from the start of the POST to the moment the
   local fake Slack Web API receives the placeholder `chat.postMessage`, and to the answer's
   `chat.update`, for `--mentions` mentions sent one after another.

The real Bolt app, served by `bot.slack.server` (threaded WSGI) on 127.0.0.1, with a real
Container (SQLite, chroma, ONNX embeddings, extractive answers) on a temp dir; the fake Slack API
is `tests/support/fake_slack.py`.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import emit, machine, percentiles
from bot.container import Container
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.server import SlackHttpServer
from tests.support import fake_slack
from tests.support.fake_slack import BOT_USER_ID, FakeSlack

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-token"
QUESTIONS = [
    "When should we fine-tune instead of using RAG?",
    "How much cheaper is PEFT than full fine-tuning?",
    "What does prompt tuning change in the model?",
    "Which KPIs should we track for a fine-tuned model?",
]


def mention(url: str, channel: str, text: str) -> tuple[str, float, int]:
    """POST one signed mention; returns (ts, seconds until the 200 was read, status)."""
    ts = f"{time.time():.6f}"
    event = {
        "type": "app_mention",
        "user": "UBENCH",
        "text": f"<@{BOT_USER_ID}> {text}",
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
    }
    resp = fake_slack.post_event(url, SECRET, event, event_id=f"Ev{uuid.uuid4().hex[:12]}")
    return ts, resp.elapsed_s, resp.status


def ack_round(url: str, n: int, round_no: int) -> list[float]:
    barrier = threading.Barrier(n)
    samples: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        barrier.wait()
        _, elapsed, status = mention(url, f"CACK{round_no}x{i}", QUESTIONS[i % len(QUESTIONS)])
        assert status == 200, status
        with lock:
            samples.append(elapsed)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples


def first_response(url: str, fake: FakeSlack, n: int) -> tuple[list[float], list[float]]:
    to_placeholder: list[float] = []
    to_answer: list[float] = []
    for i in range(n):
        channel = f"CFIRST{i}"
        started = time.monotonic()
        ts, _, status = mention(url, channel, QUESTIONS[i % len(QUESTIONS)])
        assert status == 200
        [placeholder] = fake.wait_for("chat.postMessage", lambda c, ch=channel: c.params.get("channel") == ch)
        [answer] = fake.wait_for("chat.update", lambda c, ch=channel: c.params.get("channel") == ch)
        assert placeholder.params["thread_ts"] == ts
        to_placeholder.append(placeholder.at - started)
        to_answer.append(answer.at - started)
    return to_placeholder, to_answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--mentions", type=int, default=20)
    args = parser.parse_args()

    fake = FakeSlack().start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(  # type: ignore[call-arg]
            data_dir=Path(tmp), slack_bot_token=TOKEN, slack_signing_secret=SECRET, slack_api_url=fake.api_url
        )
        container = Container(settings, chat_model=None)
        container.router  # noqa: B018 - warm, as `serve slack` does before listening
        container.retriever  # noqa: B018
        server = SlackHttpServer(build_app(container), host="127.0.0.1", port=0).start()
        try:
            mention(server.url, "CWARM", QUESTIONS[0])  # one warm-up request
            fake.wait_for("chat.update", lambda c: c.params.get("channel") == "CWARM")
            acks: list[float] = []
            first_round: list[float] = []
            for r in range(args.rounds):
                samples = ack_round(server.url, args.concurrency, r)
                acks += samples
                if r == 0:
                    first_round = samples
            answers_expected = args.rounds * args.concurrency
            fake.wait_for(
                "chat.update",
                lambda c: str(c.params.get("channel", "")).startswith("CACK"),
                count=answers_expected,
                timeout=600,
            )
            placeholder, answer = first_response(server.url, fake, args.mentions)
        finally:
            server.stop()
            container.close()
            fake.stop()

    ack = percentiles(acks)
    result = {
        "ack": ack,
        "ack_first_round": percentiles(first_round),
        "first_visible": percentiles(placeholder),
        "answer": percentiles(answer),
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        "loadavg_1m": round(os.getloadavg()[0], 2),
        "machine": machine(),
    }
    human = (
        f"ack ({args.concurrency} concurrent x {args.rounds}): p50 {ack['p50_ms']} ms, p99 {ack['p99_ms']} ms "
        f"(target p99 <= 100 ms) | mention -> placeholder visible: p50 {result['first_visible']['p50_ms']} ms, "
        f"p95 {result['first_visible']['p95_ms']} ms | -> answer: p50 {result['answer']['p50_ms']} ms, "
        f"p95 {result['answer']['p95_ms']} ms | load {result['loadavg_1m']}"
    )
    emit("slack", result, human)


if __name__ == "__main__":
    main()

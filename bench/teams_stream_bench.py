"""Time to the first streamed chunk of an answer in a Teams personal chat, against a real model:
llama-cpp-python's OpenAI-compatible server with SmolLM2-135M-Instruct (bot/llm/local_server.py),
the real Teams app over HTTP (the Agents SDK's adapter and StreamingResponse), and a local fake
Bot Connector that records when each activity arrives.

    python -m bench.teams_stream_bench [--limit N] [--deadline S]

For each of the first N in-scope dev questions (bench/questions.yaml), posted as a personal-chat
message in a chat of its own, it reports the time from the POST to the informative update, to the
first `streaming` update (the first text the user sees), and to the final message, and how the
answer ended (llm = the model's validated answer; fallback = the extractive answer with a notice).
Settings as in `bench.llm_bench`: quote style, json_object, max_tokens 300.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import emit, machine, percentiles
from bench.llm_bench import QUESTIONS, server_settings, start_server
from bot.container import Container
from tests.bot.teams import payloads as p
from tests.bot.teams.conftest import TeamsHarness
from tests.bot.teams.fake_connector import Posted
from tests.support.dripping_server import free_port


def stream_type(posted: Posted) -> str | None:
    for entity in posted.body.get("entities") or []:
        if entity.get("type") == "streaminfo":
            return str(entity.get("streamType") or "streaming")
    return None


async def ask_all(container: Container, questions: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    async with TeamsHarness(container) as h:
        for i, question in enumerate(questions):
            chat = f"a:bench-{i}"
            activity = p.personal_message(h.service_url, question)
            activity["conversation"]["id"] = chat
            started = time.monotonic()
            await h.send(activity)
            await h.connector.wait_for_messages(1, conversation_id=chat, timeout_s=600)
            await h.drain()
            posted = [x for x in h.connector.posted if x.conversation_id == chat]
            at = {kind: next((x.at - started for x in posted if stream_type(x) == kind), None)
                  for kind in ("informative", "streaming", "final")}
            final = h.connector.messages(chat)[-1]
            llm = any("AIGeneratedContent" in (e.get("additionalType") or []) for e in final.body.get("entities") or [])
            rows.append({**at, "updates": sum(stream_type(x) == "streaming" for x in posted),
                         "ended": "llm" if llm else "fallback/extractive"})
            print(f"{i + 1}/{len(questions)} {rows[-1]}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=5)
    parser.add_argument("--port", type=int, default=0, help="the model server's port (default: a free one)")
    parser.add_argument("--deadline", type=float, default=120.0)
    args = parser.parse_args()
    items = [q for q in yaml.safe_load(QUESTIONS.read_text()) if not q.get("out_of_scope")][: args.limit]
    load_before = os.getloadavg()[0]
    args.port = args.port or free_port()
    proc = start_server(args.port)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = server_settings(Path(tmp), args.port, args.deadline, teams_anonymous=True)
            container = Container(settings)
            container.retriever  # noqa: B018 - index first
            rows = asyncio.run(ask_all(container, [item["q"] for item in items]))
            container.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    first = [r["streaming"] for r in rows if r["streaming"] is not None]
    result = {
        "questions": len(rows),
        "streamed": len(first),
        "ended": {k: sum(r["ended"] == k for r in rows) for k in {r["ended"] for r in rows}},
        "informative": percentiles([r["informative"] for r in rows if r["informative"] is not None]),
        "first_chunk": percentiles(first),
        "final": percentiles([r["final"] for r in rows if r["final"] is not None]),
        "updates_per_answer": [r["updates"] for r in rows],
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
        "machine": machine(),
    }
    emit("teams_stream", result,
         f"teams personal chat: first streamed chunk p50 {result['first_chunk']['p50_ms']} ms "
         f"(streamed {len(first)}/{len(rows)}), final p50 {result['final']['p50_ms']} ms")


if __name__ == "__main__":
    main()

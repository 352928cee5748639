"""`/ft-demo` end to end: the side-by-side message, then the eval (from its button) with the chart
uploaded into the thread. Both arms are OpenAI-compatible endpoints served by a local fake (the
real local models are exercised by the demo's own tests)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bot.slack.conftest import SlackEnv, blocks_text, start_env, stop_env
from tests.support.fake_slack import FakeSlack
from tests.support.openai_server import FakeOpenAI

ARMS = """
base:
  kind: openai
  base_url: {url}
  model: base-model
  prompt: few_shot
  usd_per_1m_input: 0.05
  usd_per_1m_output: 0.10
finetuned:
  kind: openai
  base_url: {url}
  model: tuned-model
  prompt: minimal
  usd_per_1m_input: 0.30
  usd_per_1m_output: 1.20
concurrency: 4
"""


@pytest.fixture(scope="module")
def demo_env(fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackEnv]:
    data_dir = tmp_path_factory.mktemp("slack-demo")
    with FakeOpenAI() as llm:
        llm.default = ' {"category": "billing", "priority": "urgent"}'
        arms = data_dir / "arms.yaml"
        arms.write_text(ARMS.format(url=llm.base_url))
        env = start_env(data_dir, fake, demo_arms_file=arms)
        try:
            yield env
        finally:
            stop_env(env)


def test_ft_demo_posts_both_arms_side_by_side_and_its_eval_button_uploads_the_chart(
    demo_env: SlackEnv, fake: FakeSlack, tmp_path: Path
) -> None:
    env = demo_env
    resp = env.command("/ft-demo", "I was charged twice for my Lumo Plus plan, refund now", channel="CDEMO1")
    assert resp.status == 200 and resp.elapsed_s < 3.0
    env.idle()
    [root] = fake.calls_to("chat.postMessage", lambda c: c.params.get("channel") == "CDEMO1")
    [demo] = env.thread_messages("CDEMO1", root.ts)
    body = blocks_text(demo)
    assert "ran the fine-tuning demo on: _I was charged twice" in body
    assert "Prompted model" in body and "Fine-tuned model" in body and "valid output" in body
    assert "base-model" in body and "tuned-model" in body and "latency" in body

    assert env.click(demo, "demo.eval:0").status == 200
    env.idle()
    messages = env.thread_messages("CDEMO1", root.ts)
    evaluation = messages[-1]
    assert "Demo evaluation" in blocks_text(evaluation) and "accuracy (all fields)" in blocks_text(evaluation)
    [complete] = fake.calls_to("files.completeUploadExternal", lambda c: c.params.get("channel_id") == "CDEMO1")
    assert complete.params["thread_ts"] == root.ts
    files = complete.params["files"]
    files = json.loads(files) if isinstance(files, str) else files
    assert files[0]["title"].startswith("Demo evaluation: Support ticket triage")
    assert [c for c in fake.calls_to("upload") if c.params["_bytes"] > 1000]  # a real PNG went up

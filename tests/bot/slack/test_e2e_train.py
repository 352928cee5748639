"""`/ft-demo train` end to end against the fake Web API: a shared file is read (files.list,
files.info, a download with the bot token), summarised with its problems by row, trained on after
the click (a few real training steps, in the worker process), with progress and results in the thread."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from slack_sdk import WebClient

from bot.slack.listeners.train import download, slack_train_runner
from tests.bot.slack.conftest import TOKEN, SlackEnv, blocks_text
from tests.support.demo_models import shared_data_dir
from tests.support.fake_slack import FakeSlack

TEXTS = {
    "lost_card": ["I lost my card at the gym", "my wallet was stolen with the card in it", "card gone, block it",
                  "left my debit card in a taxi", "can't find my card anywhere", "the ATM kept my card",
                  "please freeze my card, it was stolen", "dropped my card on the bus"],
    "balance": ["what is my balance", "how much money do I have left", "show my last transactions",
                "did my salary arrive", "how much did I spend this month", "balance of my savings please",
                "am I overdrawn", "what's in my account today"],
}


def csv_file(rows: list[tuple[str, str]]) -> bytes:
    return ("text,intent\n" + "".join(f'"{t}",{label}\n' for t, label in rows)).encode()


GOOD = csv_file([(t, label) for label, texts in TEXTS.items() for t in texts])


def root_in(fake: FakeSlack, channel: str):  # type: ignore[no-untyped-def]
    return next(c for c in fake.calls_to("chat.postMessage") if c.params.get("channel") == channel
                and not c.params.get("thread_ts"))


def test_a_bad_file_gets_its_problems_by_row(env: SlackEnv, fake: FakeSlack) -> None:
    rows = [(t, "lost_card") for t in TEXTS["lost_card"]]
    bad = csv_file([*rows, ("", "balance"), ("I lost my card at the gym", "lost_card")])
    file_id = fake.add_file("mine.csv", bad, channel="CTRAIN1")
    resp = env.command("/ft-demo", "train", channel="CTRAIN1")
    assert resp.status == 200
    env.idle()
    body = blocks_text(root_in(fake, "CTRAIN1"))
    assert "row 10: empty text in 'text'" in body and "row 11: duplicate of row 2" in body
    assert "'intent' has a single value" in body and "byot.train" not in body
    [download_call] = fake.calls_to("download", lambda c: c.params["file"] == file_id)  # the fake is shared
    assert download_call.headers["authorization"] == f"Bearer {TOKEN}"


def test_no_file_explains_how(env: SlackEnv, fake: FakeSlack) -> None:
    env.command("/ft-demo", "train", channel="CTRAIN2", user_id="U0099")
    env.idle()
    [reply] = [c for c in fake.calls_to("response") if "no CSV or JSONL file from you" in json.dumps(c.params)]
    assert "Train on this file" in json.dumps(reply.params)


def test_the_token_only_goes_to_slack() -> None:
    with pytest.raises(ValueError, match="refusing to send the bot token"):
        download("https://evil.example.com/f.csv", token=TOKEN, api_url="https://slack.com/api/")


def test_queue_position_and_cancel_before_it_runs(env: SlackEnv, fake: FakeSlack) -> None:
    fake.add_file("team.csv", GOOD, channel="CTRAIN3")
    env.command("/ft-demo", "train", channel="CTRAIN3")
    env.idle()
    root = root_in(fake, "CTRAIN3")
    assert "16 usable examples" in blocks_text(root) and "lost_card 8, balance 8" in blocks_text(root)
    env.click(root, "byot.train")
    env.idle()
    [queued] = [c for c in env.thread_messages("CTRAIN3", root.ts) if "Queued the training" in blocks_text(c)]
    assert "You're next." in blocks_text(queued)
    env.click(queued, "byot.cancel", user="U0002")
    env.idle()
    env.click(queued, "byot.cancel")
    env.idle()
    texts = [blocks_text(c) for c in env.thread_messages("CTRAIN3", root.ts)]
    assert any("Only the person who started a training can cancel it." in t for t in texts)
    assert any("Cancelled: that training will not run." in t for t in texts)
    runner = slack_train_runner(env.container, WebClient(token=TOKEN, base_url=fake.api_url))
    assert runner.run_once() is False  # nothing left to run


@pytest.mark.slow
def test_upload_summary_confirm_progress_result(
    env: SlackEnv, fake: FakeSlack, tmp_path_factory: pytest.TempPathFactory
) -> None:
    models = env.container.settings.data_dir / "models"
    if not models.exists():
        models.symlink_to(shared_data_dir(tmp_path_factory) / "models", target_is_directory=True)
    file_id = fake.add_file("bank.csv", GOOD, channel="CTRAIN4")
    message = {"ts": "1800000000.000001", "text": "", "files": [{"id": file_id, "name": "bank.csv"}]}
    assert env.shortcut("train_on_file", channel="CTRAIN4", message=message).status == 200
    env.idle()
    root = root_in(fake, "CTRAIN4")
    assert "Pack `bank-" in blocks_text(root)
    env.click(root, "byot.train")
    env.idle()
    runner = slack_train_runner(
        env.container, WebClient(token=TOKEN, base_url=fake.api_url), progress_interval_s=0,
        job_defaults={"steps": 2, "batch_size": 4},
    )
    assert runner.run_once() is True
    thread = [blocks_text(c) for c in env.thread_messages("CTRAIN4", root.ts)]
    # one progress message, updated in place: its last words are the learning curve's
    assert any("Learning curve, scoring the 50% adapter:" in t and "held-out examples" in t for t in thread)
    [result] = [i for i, t in enumerate(thread) if "Measured on your data:" in t]
    assert "held-out examples" in thread[result] and "--pack bank-" in thread[result]
    [then] = [i for i, t in enumerate(thread) if "Next, the learning curve" in t]
    [curve] = [i for i, t in enumerate(thread) if "of your training examples (" in t]
    assert result < then < curve  # the result is posted first, the curve follows it
    assert "It " in thread[curve] or "More examples" in thread[curve]
    assert fake.calls_to("files.getUploadURLExternal")  # the chart
    job = env.container.train_jobs.latest_done("slack", "CTRAIN4")  # the session's env is shared
    assert job is not None and job.result and Path(json.loads(job.result)["adapter"]).is_file()

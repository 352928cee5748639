"""The training process and its guards: events relayed, limits enforced, crashes reported.

Fake workers are small Python scripts run in place of the interpreter (the `python=` seam), so the
guards are exercised without training; one slow test runs the real worker for two steps."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.train.supervisor import TrainingFailed, TrainLimits, run_training
from bot.train.worker import TrainJob
from tests.support.demo_models import shared_data_dir

JOB = TrainJob(data_dir="/nowhere", pack="ticket-triage")


def fake_worker(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-python"
    script.write_text(f"#!{sys.executable}\nimport json, sys, time\nsys.stdin.read()\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def say(event: str) -> str:
    return f"print(json.dumps({event}), flush=True)"


def test_events_are_relayed_and_the_result_returned(tmp_path: Path) -> None:
    body = "\n".join([
        say('{"event": "plan", "total": 4}'), "print('noise from a library', flush=True)",
        say('{"event": "step", "step": 1, "steps": 2, "loss": 1.5}'), say('{"event": "result", "adapter": "a.gguf"}'),
    ])
    seen: list[dict[str, object]] = []
    result = run_training(JOB, TrainLimits(), seen.append, python=fake_worker(tmp_path, body))
    assert result == {"event": "result", "adapter": "a.gguf"}
    assert [e["event"] for e in seen] == ["plan", "step"]


def test_the_time_limit_stops_the_process(tmp_path: Path) -> None:
    with pytest.raises(TrainingFailed) as err:
        run_training(JOB, TrainLimits(timeout_s=0.5), python=fake_worker(tmp_path, "time.sleep(60)"), poll_s=0.1)
    assert err.value.kind == "limit" and "FTADVISOR_TRAIN_TIMEOUT=0.5 s" in err.value.message


def test_the_memory_limit_stops_the_process(tmp_path: Path) -> None:
    body = "blob = bytearray(300 * 1024 * 1024)\nfor i in range(0, len(blob), 4096): blob[i] = 1\ntime.sleep(60)"
    with pytest.raises(TrainingFailed) as err:
        run_training(JOB, TrainLimits(max_memory_mb=100), python=fake_worker(tmp_path, body), poll_s=0.1)
    assert err.value.kind == "limit" and "FTADVISOR_TRAIN_MAX_MEMORY_MB=100" in err.value.message


def test_cancel_and_crash_and_worker_errors(tmp_path: Path) -> None:
    sleeper = fake_worker(tmp_path, "time.sleep(60)")
    with pytest.raises(TrainingFailed, match="cancelled") as err:
        run_training(JOB, TrainLimits(), should_cancel=lambda: True, python=sleeper, poll_s=0.1)
    assert err.value.kind == "cancelled"
    with pytest.raises(TrainingFailed, match=r"stopped unexpectedly \(exit code 3\)"):
        run_training(JOB, TrainLimits(), python=fake_worker(tmp_path, "sys.exit(3)"))
    refused = say('{"event": "error", "kind": "limit", "message": "too long"}')
    with pytest.raises(TrainingFailed, match="too long"):
        run_training(JOB, TrainLimits(), python=fake_worker(tmp_path, refused))


def test_limits_come_from_settings_and_travel_in_the_job() -> None:
    limits = TrainLimits.from_settings(Settings(train_max_examples=50, train_max_seq_tokens=64, train_threads=3))
    job = limits.apply(JOB)
    assert (job.max_examples, job.max_seq_tokens, job.threads) == (50, 64, 3)


@pytest.mark.slow
def test_the_real_worker_refuses_long_examples_then_trains(tmp_path_factory: pytest.TempPathFactory) -> None:
    data_dir = shared_data_dir(tmp_path_factory)
    out = tmp_path_factory.mktemp("adapter")
    job = TrainJob(data_dir=str(data_dir), pack="ticket-triage", out_dir=str(out), steps=2, batch_size=2, limit=4,
                   evaluate=False, curve=False)
    with pytest.raises(TrainingFailed) as err:
        run_training(job, TrainLimits(max_seq_tokens=32))
    assert err.value.kind == "limit" and "FTADVISOR_TRAIN_MAX_SEQ_TOKENS=32" in err.value.message
    steps: list[int] = []
    result = run_training(job, TrainLimits(), lambda e: steps.append(int(e["step"])) if e["event"] == "step" else None)
    assert steps == [1, 2] and Path(str(result["adapter"])).is_file() and result["n_train"] == 4

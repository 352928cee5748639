"""The background trainer posts the side-by-side result as soon as the worker reports it, then the
learning curve as a follow-up; a curve that fails or is cancelled leaves the job done (the adapter
and its measurement stand). The training itself is a stand-in at the runner's `run` seam."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from bot.storage.db import Database, utcnow
from bot.storage.train_jobs import SqlTrainJobs, TrainJobRecord
from bot.train.queue_runner import TrainQueueRunner
from bot.train.supervisor import TrainingFailed, TrainLimits
from bot.train.worker import TrainJob
from knowledge.demos.intake import FieldSpec, read_examples
from knowledge.demos.pack_builder import build_pack

SAMPLE = Path(__file__).resolve().parents[3] / "knowledge/demos/samples/bank-intents/bank-intents.jsonl"


def metrics(accuracy: float) -> dict[str, Any]:
    return {"accuracy": accuracy, "field_accuracy": {"intent": accuracy}, "valid_rate": 1.0, "latency_p50_ms": 80,
            "latency_p95_ms": 120, "prompt_tokens_avg": 20, "completion_tokens_avg": 9, "cost_per_1k_requests": 0.01}


FIRST = {"adapter": "/x/adapter.gguf", "card": "/x/training_card.json", "pack": "bank", "n_eval": 100,
         "n_train": 400, "steps": 100, "eval": {"eval": {"n": 100, "base": metrics(0.2), "finetuned": metrics(0.8)}},
         "durations_s": {"train": 1.0}, "curve": [], "reading": ""}
CURVE = [{"fraction": 0.25, "n_train": 100, "steps": 25, "accuracy": 0.5},
         {"fraction": 0.5, "n_train": 200, "steps": 50, "accuracy": 0.7},
         {"fraction": 1.0, "n_train": 400, "steps": 100, "accuracy": 0.8}]
READING = "More examples would likely help: ..."


class Thread:
    def __init__(self) -> None:
        self.posts: list[str] = []

    def progress(self, job: TrainJobRecord, text: str) -> None:
        self.posts.append(f"progress: {text}")

    def post(self, job: TrainJobRecord, replies: Sequence[Any]) -> None:
        self.posts += [f"{type(r).__name__}: {getattr(r, 'text', '')}" for r in replies]


Run = Callable[..., dict[str, Any]]


def scripted(fail_after_result: TrainingFailed | None = None) -> Run:
    def run(job: TrainJob, limits: TrainLimits, on_event: Callable[[dict[str, Any]], None], **_: Any) -> dict[str, Any]:
        on_event({"event": "step", "phase": "all", "step": 1, "steps": 100, "loss": 1.0, "done": 2, "total": 400})
        on_event({"event": "evaluated", **FIRST, "curve_next": ["25%", "50%"]})
        on_event({"event": "step", "phase": "25%", "step": 1, "steps": 25, "loss": 1.0, "done": 2, "total": 350})
        if fail_after_result is not None:
            raise fail_after_result
        return FIRST | {"curve": CURVE, "reading": READING}
    return run


@pytest.fixture
def jobs(tmp_path: Path) -> SqlTrainJobs:
    intake = read_examples(SAMPLE.read_bytes(), SAMPLE.name, FieldSpec(label_fields=("intent",)))
    build_pack(intake, "bank", tmp_path / "packs", title="Bank", source_bytes=SAMPLE.read_bytes())
    db = Database(f"sqlite:///{tmp_path / 'jobs.db'}")
    db.create_schema()
    return SqlTrainJobs(db)


def run_one(jobs: SqlTrainJobs, tmp_path: Path, run: Run) -> tuple[Thread, TrainJobRecord]:
    thread = Thread()
    job = jobs.enqueue(pack="bank", platform="slack", channel="C1", thread="1.0", user="U1", now=utcnow())
    runner = TrainQueueRunner(jobs=jobs, settings=Settings(data_dir=tmp_path), notifiers={"slack": lambda: thread},
                              run=run, progress_interval_s=0)
    assert runner.run_once() is True
    done = jobs.get(job.id)
    assert done is not None
    return thread, done


def test_the_result_comes_first_and_the_curve_follows(jobs: SqlTrainJobs, tmp_path: Path) -> None:
    thread, job = run_one(jobs, tmp_path, scripted())
    kinds = [p.split(":")[0] for p in thread.posts]
    assert kinds == ["progress", "progress", "TextReply", "DemoEvalReply", "TextReply", "progress", "TextReply"]
    assert "Measured on your data: +60 points on 100 held-out examples" in thread.posts[2]
    assert "Next, the learning curve: the same training on 25% and 50% of your examples" in thread.posts[4]
    assert thread.posts[5].startswith("progress: Learning curve, training on 25% of the examples: step 1/25")
    assert "Learning curve" in thread.posts[6] and READING in thread.posts[6] and "Measured" not in thread.posts[6]
    assert job.status == "done" and job.result is not None and '"curve": [{"fraction": 0.25' in job.result


@pytest.mark.parametrize(
    ("failure", "said"),
    [(TrainingFailed("training was cancelled", "cancelled"), "Learning curve cancelled."),
     (TrainingFailed("training took longer than FTADVISOR_TRAIN_TIMEOUT=600 s", "limit"),
      "The learning curve could not be computed: training took longer than FTADVISOR_TRAIN_TIMEOUT=600 s")],
)
def test_a_curve_that_does_not_finish_leaves_the_result_standing(
    jobs: SqlTrainJobs, tmp_path: Path, failure: TrainingFailed, said: str
) -> None:
    thread, job = run_one(jobs, tmp_path, scripted(failure))
    assert any("Measured on your data" in p for p in thread.posts) and thread.posts[-1] == f"TextReply: {said}"
    assert job.status == "done" and job.result is not None and '"curve": []' in job.result
    assert job.error is not None and job.error.startswith("learning curve: ")


def test_a_failure_before_the_result_fails_the_job(jobs: SqlTrainJobs, tmp_path: Path) -> None:
    def run(*_: Any, **__: Any) -> dict[str, Any]:
        raise TrainingFailed("the pack has 6,000 training examples", "limit")

    thread, job = run_one(jobs, tmp_path, run)
    assert thread.posts[-1] == "TextReply: Training failed: the pack has 6,000 training examples"
    assert job.status == "failed"

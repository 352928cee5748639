"""The channel's measured evidence for assessments, read from its newest finished training job."""

from __future__ import annotations

import json

from bot.storage.train_jobs import SqlTrainJobs
from handlers.byot.evidence import MeasuredEvidence


class TrainEvidence:
    """`EvidenceSource` over the training queue table."""

    def __init__(self, jobs: SqlTrainJobs) -> None:
        self.jobs = jobs

    def latest(self, platform: str, channel: str) -> MeasuredEvidence | None:
        job = self.jobs.latest_done(platform, channel)
        if job is None or not job.result:
            return None
        try:
            result = json.loads(job.result)
            ev = result["eval"]["eval"]
            return MeasuredEvidence(
                pack=job.pack, n_eval=int(ev["n"]), n_train=int(result.get("n_train", 0)),
                base_accuracy=float(ev["base"]["accuracy"]), finetuned_accuracy=float(ev["finetuned"]["accuracy"]),
                measured_at=job.created_at.isoformat(),
            )
        except (ValueError, KeyError, TypeError):
            return None

"""A team's uploaded examples file turned into a demo pack: read, checked, packed. One function so
that the Slack and Teams adapters only fetch the bytes and render what it found."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from handlers.byot.detect import guess_fields, pack_name_for
from knowledge.demos.intake import Intake, read_examples
from knowledge.demos.pack_builder import PackBuildError, build_pack

MAX_PROBLEMS = 12


@dataclass(frozen=True)
class UploadedPack:
    intake: Intake
    pack_name: str
    problems: list[str] = field(default_factory=list)  # why the pack could not be built

    @property
    def ready(self) -> bool:
        return self.intake.ok and not self.problems


def pack_upload(data: bytes, name: str, packs_dir: Path, *, max_rows: int, origin: str) -> UploadedPack:
    """Read `data` (the file `name`), and when its rows pass the checks write the pack under
    `packs_dir` (named after the file and its content hash, replacing an earlier upload of it)."""
    intake = read_examples(data, name, guess_fields(data, name), max_rows=max_rows)
    pack_name = pack_name_for(name, hashlib.sha256(data).hexdigest())
    problems: list[str] = []
    if intake.ok:
        try:
            build_pack(intake, pack_name, packs_dir, source_bytes=data, replace=True, title=f"{name} (from {origin})")
        except PackBuildError as exc:
            problems = [str(exc), *(str(p) for p in exc.problems[:MAX_PROBLEMS])]
    return UploadedPack(intake, pack_name, problems)

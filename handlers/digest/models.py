"""Digest value types: a channel's subscription, the period a digest covers, and `DigestReply`.

`DigestReply.contract()` is the JSON contract of `ftadvisor digest --dry-run --json`:
`{"channel": str, "period": {"start": iso, "end": iso}, "sections": [{"kind": str, "items": [...]}],
"text": str}`. Renderers (text, Block Kit, Adaptive Cards) use `title`, `subtitle`, `sections[].title`,
`sections[].lines` and `text` (the plain-text fallback), so they need no digest knowledge.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

Cadence = Literal["daily", "weekly"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}
QuietMode = Literal["skip", "short"]
SectionKind = Literal["notes", "assessments", "demos", "questions", "gaps", "feedback", "fact"]


class Rule(BaseModel):
    """When a channel gets its digest: `cadence` at local `time` (HH:MM) in IANA time zone `tz`,
    on `day` for weekly digests (None for daily ones)."""

    cadence: Cadence = "weekly"
    day: Weekday | None = "mon"
    time: str = "09:00"
    tz: str = "UTC"

    def describe(self) -> str:
        when = "every day" if self.cadence == "daily" else f"every {WEEKDAY_NAMES[self.day or 'mon']}"
        return f"{self.cadence} digest {when} at {self.time} ({self.tz})"


class ChannelRef(BaseModel):
    """A channel on a platform: what a subscription and a digest are about."""

    platform: str = "terminal"
    workspace: str = ""
    channel: str = "terminal"

    @property
    def key(self) -> str:
        """Unique across platforms and workspaces (the digest ledger's channel key)."""
        return f"{self.platform}:{self.workspace}:{self.channel}"


class Subscription(BaseModel):
    """A channel's digest subscription, as stored. `active_since` is when the rule was last set:
    periods that ended before it are never posted."""

    id: str
    ref: ChannelRef
    channel_type: str = "public"
    rule: Rule
    created_by: str = ""
    active: bool = True
    active_since: datetime
    created_at: datetime


class Period(BaseModel):
    """A half-open UTC interval [start, end)."""

    start: datetime
    end: datetime


class DigestSection(BaseModel):
    """One section: `items` are the contract data, `lines` one display line per item."""

    kind: SectionKind
    title: str
    items: list[dict[str, Any]] = Field(default_factory=list)
    lines: list[str] = Field(default_factory=list)


class DigestReply(BaseModel):
    """A digest, ready to render. `quiet` marks a period with no activity; an empty `text` means
    nothing should be posted (quiet period with FTADVISOR_DIGEST_QUIET=skip). `ephemeral` asks the
    adapter to show it only to the person who asked (`digest preview`)."""

    kind: Literal["digest"] = "digest"
    channel: str
    period: Period
    title: str
    subtitle: str = ""  # the period in the subscription's time zone, for display
    sections: list[DigestSection] = Field(default_factory=list)
    text: str
    quiet: bool = False
    ephemeral: bool = False

    @property
    def postable(self) -> bool:
        return bool(self.text)

    def contract(self) -> dict[str, Any]:
        """The `--dry-run --json` contract."""
        return {
            "channel": self.channel,
            "period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "sections": [{"kind": s.kind, "items": s.items} for s in self.sections],
            "text": self.text,
        }

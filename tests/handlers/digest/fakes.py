"""In-memory implementations of the digest ports, for handler tests."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Literal

from handlers.digest.models import ChannelRef, Rule, Subscription
from handlers.digest.ports import Fact
from handlers.ports import Note

UTC_ = UTC


class MemorySubscriptions:
    def __init__(self) -> None:
        self.by_key: dict[str, Subscription] = {}

    def subscribe(
        self, ref: ChannelRef, rule: Rule, *, created_by: str, channel_type: str, now: datetime
    ) -> Subscription:
        old = self.by_key.get(ref.key)
        sub = Subscription(
            id=old.id if old else uuid.uuid4().hex[:12],
            ref=ref,
            channel_type=channel_type,
            rule=rule,
            created_by=created_by,
            active=True,
            active_since=now,
            created_at=old.created_at if old else now,
        )
        self.by_key[ref.key] = sub
        return sub

    def unsubscribe(self, ref: ChannelRef, *, now: datetime) -> bool:
        sub = self.by_key.get(ref.key)
        if sub is None or not sub.active:
            return False
        self.by_key[ref.key] = sub.model_copy(update={"active": False})
        return True

    def get(self, ref: ChannelRef) -> Subscription | None:
        return self.by_key.get(ref.key)

    def get_by_id(self, subscription_id: str) -> Subscription | None:
        return next((s for s in self.by_key.values() if s.id == subscription_id), None)

    def list(self, *, active_only: bool = True) -> list[Subscription]:
        return [s for s in self.by_key.values() if s.active or not active_only]


class MemoryHistory:
    def __init__(self) -> None:
        self.ends: dict[str, datetime] = {}

    def last_delivered_end(self, channel_key: str) -> datetime | None:
        return self.ends.get(channel_key)


class MemoryNotes:
    """Honours the NoteStore visibility contract: public notes plus the channel's private ones."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def put(
        self,
        text: str,
        *,
        author: str,
        channel: str,
        at: datetime,
        visibility: Literal["public", "private"] = "public",
    ) -> Note:
        note = Note(
            id=uuid.uuid4().hex[:8],
            text=text,
            author=author,
            channel=channel,
            visibility=visibility,
            created_at=at,
        )
        self.notes.append(note)
        return note

    def add(
        self, text: str, *, author: str, channel: str, visibility: Literal["public", "private"], platform: str,
        key: str | None = None,
    ) -> Note:
        return self.put(text, author=author, channel=channel, visibility=visibility, at=datetime.now(UTC))

    def get(self, note_id: str) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def list(self, *, channel: str | None = None, since: datetime | None = None) -> list[Note]:
        return [
            n
            for n in self.notes
            if (channel is None or n.visibility == "public" or n.channel == channel)
            and (since is None or n.created_at >= since)
        ]

    def delete(self, note_id: str) -> bool:
        before = len(self.notes)
        self.notes = [n for n in self.notes if n.id != note_id]
        return len(self.notes) < before


class MemoryQuestions:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str, bool, datetime]] = []  # channel, question, grounded, at

    def ask(self, channel: str, question: str, *, grounded: bool, at: datetime) -> None:
        self.asked.append((channel, question, grounded, at))

    def _in(
        self, channel: str | None, since: datetime, until: datetime
    ) -> list[tuple[str, str, bool, datetime]]:
        return [a for a in self.asked if (channel is None or a[0] == channel) and since <= a[3] < until]

    def top_questions(
        self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5
    ) -> list[tuple[str, int]]:
        counts: dict[str, tuple[str, int]] = {}
        for _, q, _, _ in self._in(channel, since, until):
            first, n = counts.get(q.lower(), (q, 0))
            counts[q.lower()] = (first, n + 1)
        return sorted(counts.values(), key=lambda x: -x[1])[:limit]

    def gaps(self, *, channel: str | None, since: datetime, until: datetime, limit: int = 5) -> list[str]:
        return [q for _, q, grounded, _ in reversed(self._in(channel, since, until)) if not grounded][:limit]


FACTS = [
    Fact(
        id="gupta#peft", text="PEFT keeps 95%+ of full fine-tuning performance.", title="Gupta", source="TI"
    ),
    Fact(id="gupta#prompt", text="Prompt tuning updates 1000x fewer parameters.", title="Gupta", source="TI"),
    Fact(
        id="skill#lift",
        text="Fine-tuning lifts specialised tasks by 15-25%.",
        title="Skillwisor",
        source="SW",
    ),
]


class StaticFacts:
    def facts(self) -> list[Fact]:
        return list(FACTS)

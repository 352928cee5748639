"""Imports every store module so that `Database.create_schema` sees all tables.
Add a line here when you add a store module."""

from bot.storage import (  # noqa: F401
    assessments,
    conversations,
    demo_runs,
    digests,
    feedback,
    notes,
    receipts,
    sources,
    teams_refs,
    train_jobs,
)

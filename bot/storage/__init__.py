"""The database: source of truth for notes, conversations, assessments, events, digests.
SQLite by default, Postgres via DATABASE_URL. Each store module defines its tables on `metadata`."""

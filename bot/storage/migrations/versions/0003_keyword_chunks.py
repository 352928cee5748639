"""The shared keyword index: `keyword_chunks`, with a stored tsvector and a GIN index on PostgreSQL
(searched by knowledge/keyword_pg.py). On SQLite the table exists but stays empty.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PG_ONLY_COLUMN = "tsv"
PG_ONLY_INDEX = "ix_keyword_chunks_tsv"


def upgrade() -> None:
    op.create_table(
        "keyword_chunks",
        sa.Column("id", sa.String(512), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(200), nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
    )
    op.create_index("ix_keyword_chunks_kind", "keyword_chunks", ["kind"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE keyword_chunks ADD COLUMN {PG_ONLY_COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', terms)) STORED"
        )
        op.execute(f"CREATE INDEX {PG_ONLY_INDEX} ON keyword_chunks USING gin ({PG_ONLY_COLUMN})")


def downgrade() -> None:
    op.drop_table("keyword_chunks")

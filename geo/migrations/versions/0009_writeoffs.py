"""Write-offs by act (issue 15): the ``writeoffs`` table, versioned like the plantings, and
``latest_surveys.written_off``, the date of the act that wrote a planting off (its row there is then that act: zero
alive of the whole planting). A store before this revision has no write-offs, so nothing is recomputed.

Revision ID: 0009_writeoffs
Revises: 0008_operation
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_writeoffs"
down_revision = "0008_operation"
branch_labels = None
depends_on = None

CURRENT = sa.text("superseded_batch IS NULL")
REPLACED = sa.text("superseded_batch IS NOT NULL")


def upgrade() -> None:
    op.create_table(
        "writeoffs",
        sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plot_id", sa.String(200), nullable=False),
        sa.Column("act", sa.String(100), nullable=False),
        sa.Column("species", sa.String(200)),
        sa.Column("planting_date", sa.Date),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    )
    op.create_index("ix_writeoffs_current", "writeoffs", ["plot_id"], sqlite_where=CURRENT, postgresql_where=CURRENT)
    op.create_index("ix_writeoffs_created", "writeoffs", ["created_batch"])
    op.create_index(
        "ix_writeoffs_superseded", "writeoffs", ["superseded_batch"], sqlite_where=REPLACED, postgresql_where=REPLACED
    )
    op.add_column("latest_surveys", sa.Column("written_off", sa.Date))


def downgrade() -> None:
    op.drop_column("latest_surveys", "written_off")  # in place on SQLite too (3.35+)
    op.drop_table("writeoffs")

"""Sign-off (issue 16): a batch's status, who decided on it, when and why; the uploads waiting for a decision; and
the store's settings.

Every batch a store already holds was applied as it was uploaded: it is ``approved``, or ``rolled_back`` where it
was undone. The index that finds a repeat upload now covers the live batches (submitted or approved), so bytes a
supervisor rejected may be submitted again.

Revision ID: 0006_signoff
Revises: 0005_point_plots
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_signoff"
down_revision = "0005_point_plots"
branch_labels = None
depends_on = None

USER = 200  # geo.columns.TEXT_LIMITS["user"] and ["reason"] as of this revision
REASON = 1000
LIVE = sa.text("status IN ('submitted', 'approved')")
ACTIVE = sa.text("rolled_back_at IS NULL")


def upgrade() -> None:
    # In place on SQLite too: rebuilding ``batches`` would break the keys that refer to it.
    op.add_column("batches", sa.Column("status", sa.String(16), nullable=False, server_default="approved"))
    op.add_column("batches", sa.Column("decided_by", sa.String(USER)))
    op.add_column("batches", sa.Column("decided_at", sa.DateTime(timezone=True)))
    op.add_column("batches", sa.Column("reason", sa.String(REASON)))
    op.execute("UPDATE batches SET status = 'rolled_back' WHERE rolled_back_at IS NOT NULL")
    op.drop_index("ux_batches_sha256_active", table_name="batches")
    op.create_index(
        "ux_batches_sha256_active", "batches", ["sha256"], unique=True, sqlite_where=LIVE, postgresql_where=LIVE
    )
    op.create_table(
        "staged_uploads",
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("options", sa.JSON, nullable=False),
        sa.Column("pending", sa.JSON, nullable=False),
    )
    op.create_table(
        "settings",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("staged_uploads")
    op.execute("DELETE FROM batches WHERE status IN ('submitted', 'rejected')")
    op.drop_index("ux_batches_sha256_active", table_name="batches")
    op.create_index(
        "ux_batches_sha256_active", "batches", ["sha256"], unique=True, sqlite_where=ACTIVE, postgresql_where=ACTIVE
    )
    for column in ("reason", "decided_at", "decided_by", "status"):
        op.drop_column("batches", column)

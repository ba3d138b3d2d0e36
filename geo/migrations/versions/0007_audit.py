"""The audit trail: one entry per action (sign-ins, account changes, uploads, rollbacks, exports, ...), each
chained to the one before it by an HMAC whose key is kept outside the database (geo.audit).

Revision ID: 0007_audit
Revises: 0006_signoff
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_audit"
down_revision = "0006_signoff"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.Text),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_at", "audit", ["at"])
    op.create_index("ix_audit_actor", "audit", ["actor"])
    op.create_index("ix_audit_action", "audit", ["action"])


def downgrade() -> None:
    op.drop_table("audit")

"""Login throttling: failed attempts and locks per user name, shared by every process on the store.

Kept apart from ``users`` so that names nobody has are throttled the same way as real ones (a lock must not tell
an attacker which names exist).

Revision ID: 0002_login_attempts
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_login_attempts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("lockouts", sa.Integer, nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("last_failure_at", sa.DateTime(timezone=True)),
        sa.Column("last_login_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_login_attempts_last_failure", "login_attempts", ["last_failure_at"])


def downgrade() -> None:
    op.drop_table("login_attempts")

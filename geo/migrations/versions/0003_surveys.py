"""Surveys (inventories): every count of a planting, versioned; and the latest one per current planting.

The surveys a store already holds (the ``surviving``/``survey_date`` of its plantings) become full-count surveys
created by the batch that created each planting version, so that figures and rollbacks stay as they were.

Revision ID: 0003_surveys
Revises: 0002_login_attempts
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_surveys"
down_revision = "0002_login_attempts"
branch_labels = None
depends_on = None

CURRENT = sa.text("superseded_batch IS NULL")
REPLACED = sa.text("superseded_batch IS NOT NULL")


def _where(text: sa.TextClause) -> dict:
    return {"sqlite_where": text, "postgresql_where": text}


def upgrade() -> None:
    op.create_table(
        "surveys",
        sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plot_id", sa.String(200), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("species", sa.String(200), nullable=False),
        sa.Column("survey_date", sa.Date),
        sa.Column("alive", sa.BigInteger, nullable=False),
        sa.Column("counted", sa.BigInteger),
        sa.Column("survey", sa.String(100)),
        sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    )
    op.create_index("ix_surveys_current", "surveys", ["plot_id", "date", "species"], **_where(CURRENT))
    op.create_index("ix_surveys_created", "surveys", ["created_batch"])
    op.create_index("ix_surveys_superseded", "surveys", ["superseded_batch"], **_where(REPLACED))
    op.create_table(
        "latest_surveys",
        sa.Column("plot_id", sa.String(200), primary_key=True),
        sa.Column("date", sa.Date, primary_key=True),
        sa.Column("species", sa.String(200), primary_key=True),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("planted", sa.BigInteger, nullable=False),
        sa.Column("survey_date", sa.Date),
        sa.Column("alive", sa.BigInteger, nullable=False),
        sa.Column("counted", sa.BigInteger, nullable=False),
        sa.Column("surviving", sa.BigInteger, nullable=False),
        sa.Column("survey", sa.String(100)),
    )
    # Each planting version's own survey, as the batch that wrote it: superseded where the version is, so that a
    # rollback restores it with its planting.
    op.execute(
        "INSERT INTO surveys (plot_id, date, species, survey_date, alive, counted, survey, created_batch, "
        "superseded_batch) SELECT plot_id, date, species, survey_date, surviving, NULL, NULL, created_batch, "
        "superseded_batch FROM plantings WHERE surviving IS NOT NULL"
    )
    year = (
        "CAST(strftime('%Y', date) AS INTEGER)" if op.get_bind().dialect.name == "sqlite" else "EXTRACT(YEAR FROM date)"
    )
    op.execute(
        "INSERT INTO latest_surveys (plot_id, date, species, year, planted, survey_date, alive, counted, surviving) "  # noqa: S608
        f"SELECT plot_id, date, species, {year}, planted, survey_date, surviving, planted, surviving FROM plantings "
        "WHERE surviving IS NOT NULL AND superseded_batch IS NULL"
    )


def downgrade() -> None:
    op.drop_table("latest_surveys")
    op.drop_table("surveys")

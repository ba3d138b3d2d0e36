"""The region of each latest survey's plot, kept in ``latest_surveys`` so that the estimate of surviving trees
reads the surveyed plantings without a join to the plots, and an index that gives them in the estimate's order.

Revision ID: 0004_latest_survey_region
Revises: 0003_surveys
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_latest_survey_region"
down_revision = "0003_surveys"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("latest_surveys", sa.Column("region", sa.String(8)))
    op.execute(
        "UPDATE latest_surveys SET region = (SELECT p.region FROM plots p WHERE p.plot_id = latest_surveys.plot_id "
        "AND p.superseded_batch IS NULL)"
    )
    op.create_index("ix_latest_surveys_estimate", "latest_surveys", ["region", "year", "planted", "alive", "counted"])


def downgrade() -> None:
    op.drop_index("ix_latest_surveys_estimate", "latest_surveys")
    with op.batch_alter_table("latest_surveys") as batch:
        batch.drop_column("region")

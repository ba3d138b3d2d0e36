"""Initial store: batches, versioned plots and plantings, aggregates, users.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op
from geoalchemy2 import Geometry

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

CURRENT = sa.text("superseded_batch IS NULL")
REPLACED = sa.text("superseded_batch IS NOT NULL")
# SQLite: an R-tree over the bounding boxes of current plot versions. geo.store fills it for the versions an import
# inserts (in bulk, in the import's transaction); these triggers keep it in step when versions are superseded,
# restored or deleted.
SQLITE_RTREE = [
    "CREATE VIRTUAL TABLE plots_rtree USING rtree(id, minx, maxx, miny, maxy)",
    """CREATE TRIGGER plots_rtree_delete AFTER DELETE ON plots BEGIN
         DELETE FROM plots_rtree WHERE id = OLD.vid; END""",
    """CREATE TRIGGER plots_rtree_supersede AFTER UPDATE OF superseded_batch ON plots
         WHEN NEW.superseded_batch IS NOT NULL AND OLD.superseded_batch IS NULL BEGIN
         DELETE FROM plots_rtree WHERE id = OLD.vid; END""",
    """CREATE TRIGGER plots_rtree_restore AFTER UPDATE OF superseded_batch ON plots
         WHEN NEW.superseded_batch IS NULL AND OLD.superseded_batch IS NOT NULL BEGIN
         INSERT INTO plots_rtree VALUES (NEW.vid, NEW.minx, NEW.maxx, NEW.miny, NEW.maxy); END""",
]


def _where(text: sa.TextClause) -> dict:
    return {"sqlite_where": text, "postgresql_where": text}


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    geom_type: sa.types.TypeEngine
    if dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        geom_type = Geometry("MULTIPOLYGON", 4326, spatial_index=False)
    else:
        geom_type = sa.LargeBinary()

    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("filename", sa.String(500), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_by", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.Column("n_new", sa.Integer, nullable=False),
        sa.Column("n_updated", sa.Integer, nullable=False),
        sa.Column("n_unchanged", sa.Integer, nullable=False),
        sa.Column("n_skipped", sa.Integer, nullable=False),
        sa.Column("report", sa.JSON, nullable=False),
        sa.Column("rolled_back_at", sa.DateTime(timezone=True)),
        sa.Column("rolled_back_by", sa.String(200)),
    )
    op.create_index(
        "ux_batches_sha256_active", "batches", ["sha256"], unique=True, **_where(sa.text("rolled_back_at IS NULL"))
    )

    op.create_table(
        "plots",
        sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plot_id", sa.String(200), nullable=False),
        sa.Column("name", sa.String(500)),
        sa.Column("partner", sa.String(500)),
        sa.Column("forestry", sa.String(500)),
        sa.Column("block", sa.String(100)),
        sa.Column("compartment", sa.String(100)),
        sa.Column("region", sa.String(8), nullable=False),
        sa.Column("area_ha", sa.Float, nullable=False),
        sa.Column("declared_area_ha", sa.Float),
        sa.Column("geom", geom_type, nullable=False),
        sa.Column("minx", sa.Float, nullable=False),
        sa.Column("miny", sa.Float, nullable=False),
        sa.Column("maxx", sa.Float, nullable=False),
        sa.Column("maxy", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    )
    op.create_index("ux_plots_current", "plots", ["plot_id"], unique=True, **_where(CURRENT))
    op.create_index("ix_plots_created", "plots", ["created_batch"])
    op.create_index("ix_plots_superseded", "plots", ["superseded_batch"], **_where(REPLACED))
    op.create_index("ix_plots_region_current", "plots", ["region", "partner"], **_where(CURRENT))
    if dialect == "postgresql":
        op.create_index("ix_plots_geom_current", "plots", ["geom"], postgresql_using="gist", postgresql_where=CURRENT)
    else:
        for statement in SQLITE_RTREE:
            op.execute(statement)

    op.create_table(
        "plantings",
        sa.Column("vid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plot_id", sa.String(200), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("species", sa.String(200), nullable=False),
        sa.Column("planted", sa.BigInteger, nullable=False),
        sa.Column("surviving", sa.BigInteger),
        sa.Column("survey_date", sa.Date),
        sa.Column("created_batch", sa.Integer, sa.ForeignKey("batches.id"), nullable=False),
        sa.Column("superseded_batch", sa.Integer, sa.ForeignKey("batches.id")),
    )
    op.create_index("ux_plantings_current", "plantings", ["plot_id", "date", "species"], unique=True, **_where(CURRENT))
    op.create_index("ix_plantings_created", "plantings", ["created_batch"])
    op.create_index("ix_plantings_superseded", "plantings", ["superseded_batch"], **_where(REPLACED))

    op.create_table(
        "plot_stats",
        sa.Column("plot_id", sa.String(200), primary_key=True),
        sa.Column("planted", sa.BigInteger, nullable=False),
        sa.Column("surviving", sa.BigInteger, nullable=False),
        sa.Column("surveyed_planted", sa.BigInteger, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_table(
        "cube_plantings",
        sa.Column("region", sa.String(8), primary_key=True),
        sa.Column("partner", sa.String(500), primary_key=True),
        sa.Column("species", sa.String(200), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("month", sa.Integer, primary_key=True),
        sa.Column("planted", sa.BigInteger, nullable=False),
        sa.Column("surviving", sa.BigInteger, nullable=False),
        sa.Column("surveyed_planted", sa.BigInteger, nullable=False),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_table(
        "cube_plots",
        sa.Column("region", sa.String(8), primary_key=True),
        sa.Column("partner", sa.String(500), primary_key=True),
        sa.Column("plots", sa.Integer, nullable=False),
        sa.Column("area_ha", sa.Float, nullable=False),
        sa.Column("sum_lon", sa.Float, nullable=False),
        sa.Column("sum_lat", sa.Float, nullable=False),
    )
    op.create_table(
        "batch_confirms",
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
        sa.Column("confirmed_batch", sa.Integer, sa.ForeignKey("batches.id"), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
    )
    op.create_index("ix_batch_confirms_confirmed", "batch_confirms", ["confirmed_batch"])
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(500), nullable=False),
        sa.Column("email", sa.String(320)),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("users", "batch_confirms", "cube_plots", "cube_plantings", "plot_stats", "plantings"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE plots_rtree")
    op.drop_table("plots")
    op.drop_table("batches")

"""What each plantings row records (``operation``: planting, gap-filling, sowing; ``area_ha`` sown), and stored
species by the catalogue's names, so that a cumulative sheet uploaded again counts no tree twice.

A planting record's identity (the unique index of current versions) gains its operation: a planting and a
gap-filling of one plot, date and species are two records. Every record a store holds is a planting. The cube and
the plots' figures gain the gap-filling seedlings and the square metres sown, nought so far.

Uploads store a species as the catalogue's Latin name (geo.species) since the species list came in; a store filled
before holds them as officers wrote them (``сосна обыкновенная``). Uploading the same sheet again would store
``Pinus sylvestris`` beside it, a new record by rule 7: a double count. This revision renames each written spelling
the catalogue knows to its Latin name, in every version of the plantings and surveys and in the latest surveys, and
counts the cube of plantings again from them (cells of two spellings become one). A planting whose new name another
planting of that plot and date already has (two spellings of one species stored apart) keeps its spelling in all
of its rows: renaming it would merge two records nobody merged. Names the catalogue does not know stay as written.

Revision ID: 0008_operation
Revises: 0007_audit
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

from geo import species

revision = "0008_operation"
down_revision = "0007_audit"
branch_labels = None
depends_on = None

# The tables that name a planting by (plot_id, date, species): every version, and the latest survey of each.
NAMED = ("plantings", "surveys", "latest_surveys")


CURRENT = sa.text("superseded_batch IS NULL")
FIGURE_TABLES = ("cube_plantings", "plot_stats")
OPERATION_SUMS = ("gap_filled", "sown_m2")


def _current_index(columns: list[str]) -> None:
    op.create_index(
        "ux_plantings_current", "plantings", columns, unique=True, sqlite_where=CURRENT, postgresql_where=CURRENT
    )


def upgrade() -> None:
    _rename_species(op.get_bind())
    op.add_column("plantings", sa.Column("operation", sa.String(16), nullable=False, server_default="planting"))
    op.add_column("plantings", sa.Column("area_ha", sa.Float))
    op.drop_index("ux_plantings_current", "plantings")
    _current_index(["plot_id", "date", "species", "operation"])
    for table in FIGURE_TABLES:
        for name in OPERATION_SUMS:
            op.add_column(table, sa.Column(name, sa.BigInteger, nullable=False, server_default="0"))


def _rename_species(conn: sa.Connection) -> None:
    written = {
        name
        for table in NAMED
        for (name,) in conn.exec_driver_sql(f"SELECT DISTINCT species FROM {table}")  # noqa: S608
    }
    renames = {name: latin for name in written if (latin := species.canonical(name)) not in (None, name)}
    if not renames:
        return
    conn.exec_driver_sql("CREATE TEMP TABLE _species_renames (written TEXT PRIMARY KEY, latin TEXT)")
    conn.execute(
        sa.text("INSERT INTO _species_renames VALUES (:written, :latin)"),
        [{"written": w, "latin": latin} for w, latin in sorted(renames.items())],
    )
    # Plot and date pairs where two spellings of one species are stored apart: neither is renamed.
    conn.exec_driver_sql(
        "CREATE TEMP TABLE _species_kept AS SELECT plot_id, date, latin FROM (SELECT DISTINCT t.plot_id, t.date, "
        "t.species, COALESCE(r.latin, t.species) AS latin FROM plantings t LEFT JOIN _species_renames r "
        "ON r.written = t.species) named GROUP BY plot_id, date, latin HAVING COUNT(*) > 1"
    )
    for table in NAMED:
        conn.exec_driver_sql(
            f"UPDATE {table} SET species = (SELECT r.latin FROM _species_renames r WHERE r.written = {table}.species) "  # noqa: S608
            f"WHERE species IN (SELECT written FROM _species_renames) AND NOT EXISTS (SELECT 1 FROM _species_kept k "
            f"JOIN _species_renames r ON r.latin = k.latin WHERE r.written = {table}.species "
            f"AND k.plot_id = {table}.plot_id AND k.date = {table}.date)"
        )
    _count_cube(conn)
    conn.exec_driver_sql("DROP TABLE _species_kept")
    conn.exec_driver_sql("DROP TABLE _species_renames")


def _count_cube(conn: sa.Connection) -> None:
    """The cube of plantings counted again from the current plantings, their latest surveys and their plots, as
    geo.store.aggregates keeps it: per region, partner ('' for none), species, year and month."""
    if conn.dialect.name == "sqlite":
        year, month = "CAST(strftime('%Y', t.date) AS INTEGER)", "CAST(strftime('%m', t.date) AS INTEGER)"
    else:
        year, month = "CAST(EXTRACT(YEAR FROM t.date) AS INTEGER)", "CAST(EXTRACT(MONTH FROM t.date) AS INTEGER)"
    conn.exec_driver_sql("DELETE FROM cube_plantings")
    conn.exec_driver_sql(
        "INSERT INTO cube_plantings (region, partner, species, year, month, planted, surviving, surveyed_planted, "  # noqa: S608
        f"records) SELECT p.region, COALESCE(p.partner, ''), t.species, {year}, {month}, SUM(t.planted), "
        "COALESCE(SUM(l.surviving), 0), SUM(CASE WHEN l.plot_id IS NULL THEN 0 ELSE t.planted END), COUNT(*) "
        "FROM plantings t JOIN plots p ON p.plot_id = t.plot_id AND p.superseded_batch IS NULL "
        "LEFT JOIN latest_surveys l ON l.plot_id = t.plot_id AND l.date = t.date AND l.species = t.species "
        f"WHERE t.superseded_batch IS NULL GROUP BY p.region, COALESCE(p.partner, ''), t.species, {year}, {month}"
    )


def downgrade() -> None:
    """Back to plantings alone, refused while the store holds another operation (the earlier revision could not
    tell them from plantings). The Latin names stay: the earlier revision reads them as any other name."""
    conn = op.get_bind()
    others = conn.exec_driver_sql("SELECT COUNT(*) FROM plantings WHERE operation <> 'planting'").scalar()
    if others:
        raise RuntimeError(f"{others} gap-filling and sowing records: roll their batches back first")
    for table in FIGURE_TABLES:
        for name in OPERATION_SUMS:
            op.drop_column(table, name)  # in place on SQLite too (3.35+), as 0005's plots.point
    op.drop_index("ux_plantings_current", "plantings")
    _current_index(["plot_id", "date", "species"])
    op.drop_column("plantings", "area_ha")
    op.drop_column("plantings", "operation")

"""Plantings and surveys: rule 7 for each, and the latest survey of each planting that survival is read from."""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd
from sqlalchemy.engine import Connection

from geo import db, writeoffs
from geo.columns import (
    GAP_FILLING,
    PLANTING,
    PLANTING_FIELDS,
    PLANTING_KEY,
    RECORD_KEY,
    SURVEY_KEY,
    SURVEY_VALUES,
)
from geo.queries import current_sql, planting_sql
from geo.report import Report
from geo.store.aggregates import _apply_deltas, _contributions, _current_places
from geo.store.batches import ImportResult
from geo.store.versions import CHUNK_ROWS, _analyze, _confirm_batches, _iso, _nullable, _same, _supersede, _texts


def _import_plantings(conn: Connection, batch_id: int, plantings: pd.DataFrame, result: ImportResult) -> None:
    """Rule 7 for a plantings upload, CHUNK_ROWS records at a time (in the file's order, so versions are numbered
    as in one go): a record's key is unique in the upload, so each chunk is compared with the store by key alone,
    and what it adds to the aggregates adds up. Gap-fillings are checked against the whole upload first, the
    density warnings follow for the whole upload."""
    incoming = pd.DataFrame(
        {
            "row": plantings["row"].to_numpy(),
            "plot_id": _texts(plantings["plot_id"]),
            "date": _iso(plantings["date"]),
            "species": _texts(plantings["species"]),
            "operation": _texts(plantings["operation"]),
            "planted": plantings["planted"].astype("int64").to_numpy(),
            "surviving": plantings["surviving"].astype("Int64").array,
            "survey_date": _iso(plantings["survey_date"]),
            "area_ha": plantings["area_ha"].astype("float64").to_numpy(),
        }
    )
    incoming = _gap_fillings_planted(conn, result.report, incoming)
    unchanged = [
        _write_plantings(conn, batch_id, incoming.iloc[start : start + CHUNK_ROWS].reset_index(drop=True), result)
        for start in range(0, len(incoming), CHUNK_ROWS)
    ]
    _warn_density(conn, result.report, batch_id, incoming, pd.concat(unchanged, ignore_index=True))


def _write_plantings(conn: Connection, batch_id: int, incoming: pd.DataFrame, result: ImportResult) -> pd.DataFrame:
    """One chunk of a plantings upload: unknown plots are errors; the rest new, updated or unchanged (added to
    ``result``'s counts), the new versions written with their surveys, the latest surveys and the aggregates.
    Returns the plot_id and planted of the planting records found unchanged."""
    report = result.report
    db.temp_table(conn, "_incoming_ids", "plot_id TEXT", [(p,) for p in incoming["plot_id"].unique().tolist()])
    places = _current_places(conn, "_incoming_ids")
    unknown = ~incoming["plot_id"].isin(places["plot_id"])
    for rec in incoming[unknown].itertuples(index=False):
        report.error("unknown_plot", rec.row, "plot_id", value=rec.plot_id)
    incoming = incoming[~unknown]
    merged = incoming.merge(_current_plantings(conn), how="left", on=list(RECORD_KEY))
    found = merged["vid"].notna().to_numpy()
    same = (
        found
        & (merged["planted"] == merged["old_planted"]).fillna(False).to_numpy(dtype=bool)
        & _same(merged["surviving"], merged["old_surviving"])
        & _same(merged["survey_date"], merged["old_survey_date"])
        & _same(merged["area_ha"], merged["old_area_ha"])
    )
    updated = found & ~same
    result.new += int((~found).sum())
    result.updated += int(updated.sum())
    result.unchanged += int(same.sum())
    _confirm_batches(conn, batch_id, merged.loc[same, "old_batch"])
    unchanged = merged.loc[same & merged["operation"].eq(PLANTING).to_numpy(), ["plot_id", "planted"]]
    changed = merged[~same]
    if changed.empty:
        return unchanged
    replaced = merged[updated]
    _supersede(conn, db.plantings, replaced["vid"].astype("int64").tolist(), batch_id)
    rows = list(
        zip(
            *[changed[c].tolist() for c in RECORD_KEY],
            changed["planted"].tolist(),
            _nullable(changed["surviving"].astype(object)).tolist(),
            changed["survey_date"].tolist(),
            _nullable(changed["area_ha"]).tolist(),
            repeat(batch_id, len(changed)),
            strict=True,
        )
    )
    db.bulk_insert(conn, "plantings", [*PLANTING_FIELDS, "created_batch"], rows)
    _analyze(conn, "plantings", len(rows))
    fresh = changed[changed["vid"].isna()]
    own, stored = _own_surveys(changed), _current_surveys(conn, replaced[replaced["operation"].eq(PLANTING)])
    _warn_older(report, own, stored)
    _write_surveys(conn, batch_id, own, stored)
    _insert_latest(conn, fresh, places)
    old = replaced[[*RECORD_KEY, "old_planted", "old_area_ha"]].rename(
        columns={"old_planted": "planted", "old_area_ha": "area_ha"}
    )
    unsurveyed = {"surviving": pd.NA}
    written_off = _written_off_keys(conn, fresh)
    _apply_deltas(
        conn,
        [
            _contributions(fresh.merge(places, on="plot_id"), 1),
            _contributions(merged[updated].assign(**unsurveyed).merge(places, on="plot_id"), 1),
            _contributions(old.assign(**unsurveyed).merge(places, on="plot_id"), -1),
            *_refresh_latest(conn, pd.concat([replaced[replaced["operation"].eq(PLANTING)], written_off])),
        ],
    )
    return unchanged


def _current_plantings(conn: Connection) -> pd.DataFrame:
    """The plantings in force of the plots listed in ``_incoming_ids``, with their vid and creating batch."""
    existing = db.frame(
        conn.exec_driver_sql(
            "SELECT p.vid, p.plot_id, CAST(p.date AS TEXT), p.species, p.operation, p.planted, p.surviving, "  # noqa: S608
            "CAST(p.survey_date AS TEXT), p.area_ha, p.created_batch FROM plantings p JOIN _incoming_ids i "
            f"ON i.plot_id = p.plot_id WHERE {current_sql('p')}"
        ),
        ["vid", *RECORD_KEY, "old_planted", "old_surviving", "old_survey_date", "old_area_ha", "old_batch"],
    )
    return existing.astype(
        {
            "plot_id": object,
            "date": object,
            "species": object,
            "operation": object,
            "old_planted": "Int64",
            "old_surviving": "Int64",
            "old_survey_date": object,
            "old_area_ha": "float64",
        }
    )


def _gap_fillings_planted(conn: Connection, report: Report, incoming: pd.DataFrame) -> pd.DataFrame:
    """``incoming`` without its gap-fillings that point at no planting: each must follow a planting of its plot
    (one on the same day or earlier, in the store or anywhere in the file), or it is an error at its row. A
    gap-filling of a plot the store does not hold is left to the unknown_plot check."""
    gaps = incoming[incoming["operation"].eq(GAP_FILLING).to_numpy()]
    if gaps.empty:
        return incoming
    db.temp_table(conn, "_gap_ids", "plot_id TEXT", [(p,) for p in gaps["plot_id"].unique().tolist()])
    stored = db.frame(
        conn.exec_driver_sql(
            "SELECT p.plot_id, CAST(MIN(p.date) AS TEXT) FROM plantings p JOIN _gap_ids i "  # noqa: S608
            f"ON i.plot_id = p.plot_id WHERE {current_sql('p')} AND {planting_sql('p')} GROUP BY p.plot_id"
        ),
        ["plot_id", "date"],
        dtype=object,
    )
    known = _current_places(conn, "_gap_ids")["plot_id"]
    first = pd.concat([incoming.loc[incoming["operation"].eq(PLANTING), ["plot_id", "date"]], stored])
    since = gaps["plot_id"].map(first.groupby("plot_id")["date"].min())
    orphan = ((since.isna() | (since > gaps["date"])) & gaps["plot_id"].isin(known)).to_numpy()
    for rec in gaps[orphan].itertuples(index=False):
        report.error("gap_filling_without_planting", int(rec.row), "operation", plot_id=rec.plot_id, date=rec.date)
    return incoming.drop(index=gaps.index[orphan])


def _written_off_keys(conn: Connection, plantings: pd.DataFrame) -> pd.DataFrame:
    """The keys of ``plantings`` (current records on the plots of ``_incoming_ids``) that a write-off act in force
    covers: a planting new to the store, dated before an act of its whole plot, is written off from the start.
    Only the plantings of plots with an act are looked at (a season's file rarely has any)."""
    acted = conn.exec_driver_sql(
        "SELECT DISTINCT w.plot_id FROM writeoffs w JOIN _incoming_ids i ON i.plot_id = w.plot_id "  # noqa: S608
        f"WHERE {current_sql('w')}"
    ).scalars()
    plantings = plantings[(plantings["plot_id"].isin(set(acted)) & plantings["operation"].eq(PLANTING)).to_numpy()]
    if plantings.empty:
        return pd.DataFrame(columns=list(PLANTING_KEY))
    _key_table(conn, "_fresh_keys", plantings)
    rows = conn.exec_driver_sql(
        "SELECT t.plot_id, CAST(t.date AS TEXT), t.species FROM plantings t JOIN _fresh_keys k "  # noqa: S608
        f"ON k.plot_id = t.plot_id AND k.date = t.date AND k.species = t.species WHERE {current_sql('t')} "
        f"AND {planting_sql('t')} AND EXISTS (SELECT 1 FROM writeoffs w WHERE {writeoffs.covers_sql('t', 'w')})"
    )
    return db.frame(rows, list(PLANTING_KEY), dtype=object)


def _warn_density(
    conn: Connection, report: Report, batch_id: int, incoming: pd.DataFrame, unchanged: pd.DataFrame
) -> None:
    """``implausible_density`` where the upload takes a plot past its plausible trees per hectare, counting the
    plot's stored plantings the upload does not replace (geo.validate.warn_density); planting records alone count.
    Once the upload is written, those are the plot's plantings in force that another batch wrote, less the ones the
    upload found unchanged: the store sums them per plot."""
    from geo.validate import warn_density  # noqa: PLC0415 - validation imports heavy libraries

    db.temp_table(conn, "_density_ids", "plot_id TEXT", [(p,) for p in incoming["plot_id"].unique().tolist()])
    areas = db.frame(
        conn.exec_driver_sql(
            f"SELECT p.plot_id, p.area_ha FROM plots p JOIN _density_ids i ON i.plot_id = p.plot_id "  # noqa: S608
            f"WHERE {current_sql('p')}"
        ),
        ["plot_id", "area_ha"],
    ).astype({"area_ha": "float64"})
    others = db.frame(
        conn.exec_driver_sql(
            "SELECT t.plot_id, SUM(t.planted) FROM plantings t JOIN _density_ids i ON i.plot_id = t.plot_id "  # noqa: S608
            f"WHERE {current_sql('t')} AND {planting_sql('t')} AND t.created_batch <> {int(batch_id)} "
            "GROUP BY t.plot_id"
        ),
        ["plot_id", "planted"],
    ).astype({"planted": "int64"})
    kept = pd.concat([others, unchanged.assign(planted=-unchanged["planted"])], ignore_index=True)
    trees = incoming.loc[incoming["operation"].eq(PLANTING), ["row", "plot_id", "planted"]]
    warn_density(report, trees, kept, areas)


SURVEY_FIELDS = [*SURVEY_KEY, *SURVEY_VALUES]
_SURVEY_KEY_DDL = "plot_id TEXT, date DATE, species TEXT"


def _own_surveys(plantings: pd.DataFrame) -> pd.DataFrame:
    """The full-count survey each planting record of a plantings file carries (``surviving`` on ``survey_date``)."""
    surveyed = plantings[plantings["surviving"].notna().to_numpy()]
    return pd.DataFrame(
        {
            "row": surveyed["row"].to_numpy(),
            "plot_id": surveyed["plot_id"].to_numpy(),
            "date": surveyed["date"].to_numpy(),
            "species": surveyed["species"].to_numpy(),
            "survey_date": surveyed["survey_date"].to_numpy(),
            "alive": surveyed["surviving"].astype("Int64").array,
            "counted": pd.array([pd.NA] * len(surveyed), dtype="Int64"),
            "survey": pd.Series([None] * len(surveyed), dtype=object).to_numpy(),
        }
    )


def _key_table(conn: Connection, name: str, keys: pd.DataFrame) -> None:
    """A temporary table ``name`` of distinct planting keys (plot_id, date as ISO text, species)."""
    distinct = keys[list(PLANTING_KEY)].drop_duplicates()
    db.temp_table(conn, name, _SURVEY_KEY_DDL, list(distinct.itertuples(index=False, name=None)))


def _current_surveys(conn: Connection, keys: pd.DataFrame) -> pd.DataFrame:
    """The surveys in force of the plantings in ``keys``: vid, the survey's key and values, created_batch."""
    columns = ["vid", *SURVEY_FIELDS, "old_batch"]
    if keys.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    _key_table(conn, "_survey_keys", keys)
    rows = conn.exec_driver_sql(
        "SELECT s.vid, s.plot_id, CAST(s.date AS TEXT), s.species, CAST(s.survey_date AS TEXT), s.alive, "  # noqa: S608
        "s.counted, s.survey, s.created_batch FROM surveys s JOIN _survey_keys k ON k.plot_id = s.plot_id "
        f"AND k.date = s.date AND k.species = s.species WHERE {current_sql('s')}"
    )
    frame = db.frame(rows, columns, dtype=object)
    return frame.astype({"alive": "Int64", "counted": "Int64"})


def _write_surveys(
    conn: Connection, batch_id: int, incoming: pd.DataFrame, existing: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Rule 7 for surveys: the same planting, survey date and values are unchanged; the same planting and date with
    other values a new version; any other survey new. Writes the new versions; returns (found, same) per row."""
    key = list(SURVEY_KEY)
    left = incoming.assign(_date=incoming["survey_date"].fillna(""))
    right = existing.assign(_date=existing["survey_date"].fillna("")).drop(columns="survey_date")
    merged = left.merge(right, how="left", on=[*PLANTING_KEY, "_date"], suffixes=("", "_old"), validate="m:1")
    found = merged["vid"].notna().to_numpy()
    same = (
        found
        & _same(merged["alive"], merged["alive_old"])
        & _same(merged["counted"], merged["counted_old"])
        & _same(merged["survey"], merged["survey_old"])
    )
    _confirm_batches(conn, batch_id, merged.loc[same, "old_batch"])
    _supersede(conn, db.surveys, merged.loc[found & ~same, "vid"].astype("int64").tolist(), batch_id)
    changed = merged[~same]
    if not changed.empty:
        values = [_nullable(changed[c].astype(object)).tolist() for c in [*key, *SURVEY_VALUES]]
        db.bulk_insert(conn, "surveys", [*SURVEY_FIELDS, "created_batch"], zip(*values, repeat(batch_id), strict=False))
        _analyze(conn, "surveys", len(changed))
    return found, same


def _insert_latest(conn: Connection, fresh: pd.DataFrame, places: pd.DataFrame) -> None:
    """The latest survey of plantings new to the store: their own survey, a full count, with their plot's region
    (``places``: plot_id, region)."""
    surveyed = fresh[fresh["surviving"].notna().to_numpy()]
    if surveyed.empty:
        return
    region = surveyed["plot_id"].map(places.set_index("plot_id")["region"]).tolist()
    planted = surveyed["planted"].astype("int64").tolist()
    alive = surveyed["surviving"].astype("int64").tolist()
    year = [int(d[:4]) for d in surveyed["date"]]
    rows = zip(
        surveyed["plot_id"].tolist(),
        surveyed["date"].tolist(),
        surveyed["species"].tolist(),
        year,
        planted,
        surveyed["survey_date"].tolist(),
        alive,
        planted,
        alive,
        region,
        strict=True,
    )
    db.bulk_insert(conn, "latest_surveys", list(LATEST_COLUMNS[: LATEST_COLUMNS.index("region") + 1]), rows)
    _analyze(conn, "latest_surveys", len(surveyed))


LATEST_COLUMNS = (
    "plot_id",
    "date",
    "species",
    "year",
    "planted",
    "survey_date",
    "alive",
    "counted",
    "surviving",
    "region",
    "survey",
    "written_off",
)


def _latest_select(conn: Connection) -> str:
    """SQL of the latest survey in force (by survey date; an undated one counts as oldest) of each current planting
    listed in ``_latest_keys``, in LATEST_COLUMNS order. ``surviving`` = planted x alive / counted, rounded half up
    in whole numbers on both engines. A planting a write-off act covers has that act instead, whatever its surveys:
    zero alive of the whole planting on the earliest such act's date, ``written_off`` that date (geo.writeoffs)."""

    def year(alias: str) -> str:
        if db.is_sqlite(conn):
            return f"CAST(strftime('%Y', {alias}.date) AS INTEGER)"
        return f"CAST(EXTRACT(YEAR FROM {alias}.date) AS INTEGER)"

    def region(alias: str) -> str:
        return f"(SELECT p.region FROM plots p WHERE p.plot_id = {alias}.plot_id AND {current_sql('p')})"  # noqa: S608

    return (
        f"SELECT s.plot_id, s.date, s.species, {year('s')}, t.planted, s.survey_date, s.alive, "  # noqa: S608
        "COALESCE(s.counted, t.planted), CASE WHEN s.counted IS NULL THEN s.alive WHEN s.counted = 0 THEN 0 "
        f"ELSE (2 * t.planted * s.alive + s.counted) / (2 * s.counted) END, {region('s')}, s.survey, NULL FROM ("
        "SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.plot_id, s.date, s.species "
        "ORDER BY (s.survey_date IS NULL), s.survey_date DESC, s.vid DESC) AS rank FROM surveys s "
        "JOIN _latest_keys k ON k.plot_id = s.plot_id AND k.date = s.date AND k.species = s.species "
        f"WHERE {current_sql('s')}) s JOIN plantings t ON t.plot_id = s.plot_id AND t.date = s.date "
        f"AND t.species = s.species AND {current_sql('t')} AND {planting_sql('t')} WHERE s.rank = 1 "
        f"AND NOT EXISTS (SELECT 1 FROM writeoffs w WHERE {writeoffs.covers_sql('t', 'w')}) "
        f"UNION ALL SELECT t.plot_id, t.date, t.species, {year('t')}, t.planted, MIN(w.date), 0, t.planted, 0, "
        f"{region('t')}, NULL, MIN(w.date) FROM plantings t JOIN _latest_keys k ON k.plot_id = t.plot_id "
        f"AND k.date = t.date AND k.species = t.species JOIN writeoffs w ON {writeoffs.covers_sql('t', 'w')} "
        f"WHERE {current_sql('t')} AND {planting_sql('t')} GROUP BY t.plot_id, t.date, t.species, t.planted"
    )


def _refresh_latest(conn: Connection, keys: pd.DataFrame) -> list[pd.DataFrame]:
    """Recompute the latest survey of the plantings in ``keys`` (after their plantings and surveys were written)
    and return what that changes in the aggregates: the survival they held taken away, the new one added."""
    if keys.empty:
        return []
    _key_table(conn, "_latest_keys", keys)
    held = (
        "SELECT l.plot_id, CAST(l.date AS TEXT), l.species, l.planted, l.surviving FROM latest_surveys l "
        "JOIN _latest_keys k ON k.plot_id = l.plot_id AND k.date = l.date AND k.species = l.species"
    )
    columns = ["plot_id", "date", "species", "planted", "surviving"]
    before = db.frame(conn.exec_driver_sql(held), columns, dtype=object)
    # By the key from the keys' table: a correlated EXISTS made SQLite scan the keys for every stored row.
    conn.exec_driver_sql(
        "DELETE FROM latest_surveys WHERE (plot_id, date, species) IN (SELECT plot_id, date, species FROM _latest_keys)"
    )
    conn.exec_driver_sql(f"INSERT INTO latest_surveys ({', '.join(LATEST_COLUMNS)}) {_latest_select(conn)}")
    after = db.frame(conn.exec_driver_sql(held), columns, dtype=object)
    _analyze(conn, "latest_surveys", len(after))
    db.temp_table(
        conn, "_latest_ids", "plot_id TEXT", [(p,) for p in pd.concat([before, after])["plot_id"].unique().tolist()]
    )
    places = _current_places(conn, "_latest_ids")
    return [_survival_contributions(f.merge(places, on="plot_id"), sign) for f, sign in ((before, -1), (after, 1))]


def _survival_contributions(latest: pd.DataFrame, sign: int) -> pd.DataFrame:
    """What the latest surveys of plantings add to (1) or take from (-1) survival: surviving and surveyed_planted,
    with planted and record counts left to the plantings themselves."""
    return _contributions(latest, sign).assign(planted=0, records=0)


def _warn_older(report: Report, incoming: pd.DataFrame, existing: pd.DataFrame) -> None:
    """``older_survey`` at each incoming survey older than the newest one in force of its planting: it goes into the
    history and the newer one stays current."""
    newest = existing.dropna(subset=["survey_date"]).groupby(list(PLANTING_KEY))["survey_date"].max().rename("newest")
    if newest.empty:
        return
    dated = incoming.merge(newest, how="left", left_on=list(PLANTING_KEY), right_index=True)
    older = (dated["newest"].notna() & (dated["survey_date"].fillna("") < dated["newest"].fillna(""))).to_numpy()
    for rec in dated[older].itertuples(index=False):
        report.warn(
            "older_survey", int(rec.row), "survey_date", value=rec.survey_date, latest=rec.newest, plot_id=rec.plot_id
        )


def _import_surveys(conn: Connection, batch_id: int, surveys: pd.DataFrame, result: ImportResult) -> None:
    """Check each count against the planting in force (it must exist; alive ≤ counted ≤ planted), warn where a
    newer survey is already stored, then write the surveys by rule 7 and refresh the plantings' latest survey."""
    report = result.report
    incoming = pd.DataFrame(
        {
            "row": surveys["row"].to_numpy(),
            "plot_id": _texts(surveys["plot_id"]),
            "date": _iso(surveys["date"]),
            "species": _texts(surveys["species"]),
            "survey_date": _iso(surveys["survey_date"]),
            "alive": surveys["alive"].astype("Int64").array,
            "counted": surveys["counted"].astype("Int64").array,
            "survey": _nullable(surveys["survey"]),
        }
    )
    _key_table(conn, "_incoming_keys", incoming)
    planted = db.frame(
        conn.exec_driver_sql(
            "SELECT t.plot_id, CAST(t.date AS TEXT), t.species, t.planted FROM plantings t JOIN _incoming_keys k "  # noqa: S608
            f"ON k.plot_id = t.plot_id AND k.date = t.date AND k.species = t.species WHERE {current_sql('t')} "
            f"AND {planting_sql('t')}"
        ),
        [*PLANTING_KEY, "planted"],
        dtype=object,
    ).astype({"planted": "Int64"})
    incoming = incoming.merge(planted, how="left", on=list(PLANTING_KEY))
    unknown = incoming["planted"].isna().to_numpy()
    flags_rows = incoming["row"].to_numpy()
    for i in np.flatnonzero(unknown).tolist():
        rec = incoming.iloc[i]
        report.error(
            "unknown_planting", int(flags_rows[i]), "plot_id", plot_id=rec.plot_id, date=rec.date, species=rec.species
        )
    known = incoming[~unknown]
    over_counted = (known["counted"] > known["planted"]).fillna(False).to_numpy(dtype=bool)
    over_alive = (known["counted"].isna() & (known["alive"] > known["planted"])).fillna(False).to_numpy(dtype=bool)
    for column, code, mask in (
        ("counted", "counted_exceeds_planted", over_counted),
        ("alive", "alive_exceeds_planted", over_alive),
    ):
        for rec in known[mask].itertuples(index=False):
            report.error(code, int(rec.row), column, value=int(getattr(rec, column)), planted=int(rec.planted))
    incoming = known[~(over_counted | over_alive)].reset_index(drop=True)
    if incoming.empty:
        return
    existing = _current_surveys(conn, incoming)
    _warn_older(report, incoming, existing)
    found, same = _write_surveys(conn, batch_id, incoming, existing)
    result.new, result.updated, result.unchanged = int((~found).sum()), int((found & ~same).sum()), int(same.sum())
    _apply_deltas(conn, _refresh_latest(conn, incoming[~same]))

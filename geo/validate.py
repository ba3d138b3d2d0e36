"""Validate an uploaded file: clean typed records for the store, and a report of errors and warnings.

The rules are the data contract's (shared/DATA-CONTRACT.md). Row checks run column-wise with pandas and shapely,
so a season's cumulative spreadsheet or a region's plots check in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import geopandas
import numpy as np
import pandas as pd
import shapely

from geo import geometry, readers, species, writeoffs
from geo.columns import (
    PLANTING,
    PLANTING_FIELDS,
    PLANTING_REQUIRED,
    PLOT_TEXT,
    RECORD_KEY,
    SOWING,
    SURVEY_KEY,
    SURVEY_REQUIRED,
    TEXT_LIMITS,
)
from geo.i18n import LANGS
from geo.readers import (
    NON_FINITE_WORDS,
    PLANTING_ALIASES,
    SURVEY_ALIASES,
    WRITEOFF_ALIASES,
    WRITEOFF_LOOKUP,
    Features,
    Table,
    Unreadable,
)
from geo.readers.geojson import CHUNK_FEATURES
from geo.regions import closest_regions, normalise_region
from geo.report import UNSTORABLE, Report

KINDS = ("plots", "plantings", "surveys", "writeoffs")
AREA_MISMATCH_SHARE = 0.10
MAX_COUNT = 1_000_000_000  # seedlings in one record; more is a typo, and keeps counts inside int64
# Trees per hectare of a plot past which its plantings are implausible (DATA-CONTRACT "Density"): a pine planting
# has 3 000–5 000 a hectare (FACTS.md); more is a typo in a count or a plot's area.
MAX_DENSITY_PER_HA = 10_000
# A point plot is drawn as a circle of its declared area: more than this is no plot (a typo in the unit, or a file
# meant to make the circle cover every later plot). FACTS.md knows no region areas, so the bound is this alone.
MAX_POINT_AREA_HA = 100_000
# Table columns whose text is a key or kept as written: normalised (readers.normalise_text) and held to the store's
# lengths. Plots: their id, region and PLOT_TEXT.
TABLE_TEXT = ("plot_id", "species", "survey", "sample_plot", "act")
TOTALS_WORDS = ("итого", "всего", "барлығы", "барлыгы", "жиыны", "жиынтығы", "total", "grand total")
TOTALS_LABEL = re.compile(rf"({'|'.join(TOTALS_WORDS)})s?\b")

# The file names an upload may have, and the kind each one holds (a table: plantings unless its headers say
# plots): the upload page accepts exactly these. Both come from the readers' FORMATS table.
KIND_BY_SUFFIX = {suffix: fmt.kind or "plantings" for fmt in readers.FORMATS for suffix in fmt.suffixes}
UPLOAD_TYPES = tuple(suffix.removeprefix(".") for suffix in KIND_BY_SUFFIX)  # as a file picker names them


# Errors about a pair of rows (or features), reported at the later one and naming the earlier in ``first``: an
# import of the valid rows only skips both, as neither can be told to be the right one.
PAIRED_ERRORS = ("conflicting_rows", "duplicate_plot_id")


def paired_rows(report: Report) -> set[int]:
    """The earlier rows (or features) of the pairs that PAIRED_ERRORS name: invalid with their later ones."""
    return {
        int(p.params["first"])
        for p in report.errors
        if p.code in PAIRED_ERRORS and isinstance(p.params.get("first"), int | np.integer)
    }


@dataclass
class Validated:
    """What validating one file gives the store: the report, and the valid records of the file's kind."""

    report: Report
    plots: geopandas.GeoDataFrame | None = None
    plantings: pd.DataFrame | None = None
    surveys: pd.DataFrame | None = None
    writeoffs: pd.DataFrame | None = None


def infer_kind(filename: str, data: bytes | None = None) -> str | None:
    """The kind of an upload named ``filename``: from the name alone (None when it does not say), or with ``data``
    from the name and the bytes (a table of points is plots), as the data contract says."""
    if data is None:
        return readers.kind_by_name(filename)
    return readers.infer_kind(data, filename)


def validate_file(
    data: bytes | Path,
    filename: str,
    kind: str | None = None,
    sheet: str | None = None,
    today: date | None = None,
    layer: str | None = None,
) -> Validated:
    """Read and check one uploaded file. Never raises for bad input: an unreadable file sets report.unreadable.
    ``layer`` picks the layer of a GeoPackage (or the dataset of a ZIP) holding several. ``data`` a path: the file's
    bytes are read here and let go once parsed, so a national file is not held while it is checked."""
    if isinstance(data, Path):
        data = data.read_bytes()
    kind = kind or readers.infer_kind(data, filename, sheet)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    report = Report(kind)
    result = Validated(report)
    try:
        if kind == "plots":
            with readers.gc_paused():
                features = readers.read_features(data, filename, layer, sheet, built=True)
                del data  # parsed: a caller that gave a path no longer holds the file
                result.plots = _validate_plots(features, report)
        elif kind == "writeoffs":
            result.writeoffs = validate_writeoffs(
                readers.read_table(data, sheet, WRITEOFF_LOOKUP), report, today or date.today()
            )
        else:
            table = readers.read_table(data, sheet)
            del data
            if kind == "surveys":
                result.surveys = validate_surveys(table, report, today or date.today())
            else:
                result.plantings = _validate_plantings(table, report, today or date.today())
    except Unreadable as exc:
        report.unreadable = exc.problem
        report.clear()
    report.sort()
    return result


# --- text: one key for what looks alike, and only what the store can keep ---------------------------------------


@dataclass
class _Texts:
    """A text column as Orman keeps it (:func:`readers.normalise_text`) and what is wrong with it, per row."""

    keys: np.ndarray  # the normalised text, None where absent
    changed: np.ndarray  # the file's text differed from its key (more than whitespace at its ends)
    character: np.ndarray  # the first character no store keeps (NUL, a lone surrogate) as 'U+0000', else None
    length: np.ndarray  # characters of the key
    limit: int  # TEXT_LIMITS of the column (no limit: larger than any length)

    @property
    def bad(self) -> np.ndarray:
        return self.character != None  # noqa: E711 - element-wise on an object array

    @property
    def too_long(self) -> np.ndarray:
        return ~self.bad & (self.length > self.limit)


def _checked_texts(values: Any, column: str) -> _Texts:
    """Normalise a column's texts (each distinct one once) and find those the store could not keep as they are."""
    codes, distinct = pd.factorize(pd.Series(values, dtype=object))
    keys = [readers.normalise_text(str(value)) for value in distinct]
    changed = [key != str(value).strip() for key, value in zip(keys, distinct, strict=True)]
    found = [UNSTORABLE.search(key) for key in keys]
    character = [f"U+{ord(match.group()):04X}" if match else None for match in found]

    def per_row(items: list[Any], missing: Any) -> np.ndarray:
        return np.asarray([*items, missing], dtype=object)[codes]

    return _Texts(
        keys=per_row(keys, None),
        changed=per_row(changed, False).astype(bool),
        character=per_row(character, None),
        length=per_row([len(key) for key in keys], 0).astype(np.int64),
        limit=TEXT_LIMITS.get(column, np.iinfo(np.int64).max),
    )


def _catalogued_species(flags: _Flags, names: pd.Series) -> pd.Series:
    """Each species as the catalogue's Latin name (geo.species); a name it does not know is kept as written, with
    a warning naming the closest ones in each language."""
    codes, distinct = pd.factorize(names)  # a season's file names a few species: each is looked up once
    found = [species.canonical(name) if name else None for name in distinct]
    unknown = [bool(name) and key is None for name, key in zip(distinct, found, strict=True)]
    suggested = [_species_suggestions(n) if u else None for n, u in zip(distinct, unknown, strict=True)]
    flags.warn(
        np.asarray(unknown, dtype=bool)[codes],
        "unknown_species",
        "species",
        value=names,
        suggestions=np.asarray([*suggested, None], dtype=object)[codes],
    )
    kept = np.asarray([key or name for name, key in zip(distinct, found, strict=True)], dtype=object)
    return pd.Series(kept[codes], index=names.index, dtype=str)


def _species_suggestions(name: str) -> dict[str, str]:
    """The catalogue's names closest to ``name`` in each language, ', '-joined ('—' when none is close)."""
    return {lang: ", ".join(species.closest(name, lang)) or "—" for lang in LANGS}


def _table_texts(flags: _Flags, cells: pd.DataFrame) -> pd.DataFrame:
    """The table's TABLE_TEXT columns normalised: a warning where the file's text differed, an error where it is
    too long for the store or holds a character no store keeps."""
    cells = cells.copy()
    for name in TABLE_TEXT:
        if name not in cells:
            continue
        texts = _checked_texts(cells[name], name)
        flags.warn(texts.changed, "invisible_characters", name, value=texts.keys)
        flags.error(texts.bad, "bad_character", name, character=texts.character)
        flags.error(texts.too_long, "text_too_long", name, length=texts.length, limit=texts.limit)
        cells[name] = pd.Series(texts.keys, index=cells.index, dtype=str)
    return cells


# --- plantings -----------------------------------------------------------------------------------------------


class _Flags:
    """Emits problems for all rows where a mask holds, remembering which rows have an error."""

    def __init__(self, report: Report, rows: np.ndarray) -> None:
        self.report = report
        self.rows = rows
        self.bad = np.zeros(len(rows), dtype=bool)

    def error(self, mask: Any, code: str, column: str | None, **values: Any) -> None:
        self._emit(self.report.error, mask, code, column, values)
        self.bad |= np.asarray(mask, dtype=bool)

    def warn(self, mask: Any, code: str, column: str | None, **values: Any) -> None:
        self._emit(self.report.warn, mask, code, column, values)

    def _emit(self, add: Callable[..., None], mask: Any, code: str, column: str | None, values: dict[str, Any]) -> None:
        where = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(where):
            return
        picked = {name: _pick(v, where) for name, v in values.items()}
        for n, i in enumerate(where.tolist()):
            add(code, int(self.rows[i]), column, **{name: v[n] for name, v in picked.items()})


def _pick(values: Any, where: np.ndarray) -> list[Any]:
    """Plain Python values at positions ``where`` of a Series or array; a scalar is repeated."""
    if isinstance(values, pd.Series):
        return values.iloc[where].tolist()
    if np.ndim(values):
        return np.asarray(values, dtype=object)[where].tolist()
    return [values] * len(where)


def _totals_labels(table: Table) -> pd.Series:
    """The label of each totals row ('Итого', 'Барлығы', 'Total'…), empty for ordinary rows."""
    labels = np.full(len(table.first_column), "", dtype=object)
    candidates = [table.first_column] + [table.columns[c] for c in ("plot_id", "species", "date") if c in table.columns]
    for cells in candidates:
        lowered = cells.str.lower()
        maybe = np.flatnonzero(lowered.str.startswith(TOTALS_WORDS).to_numpy(dtype=bool) & (labels == ""))
        for i in maybe.tolist():
            if TOTALS_LABEL.match(lowered.iloc[i]):
                labels[i] = cells.iloc[i]
    return pd.Series(labels, index=table.first_column.index)


def _empty_plantings() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "row": pd.Series(dtype="int64"),
            "plot_id": pd.Series(dtype=str),
            "date": pd.Series(dtype=object),
            "species": pd.Series(dtype=str),
            "operation": pd.Series(dtype=str),
            "planted": pd.Series(dtype="int64"),
            "surviving": pd.Series(dtype="Int64"),
            "survey_date": pd.Series(dtype=object),
            "area_ha": pd.Series(dtype="float64"),
        }
    )


def _check_count(flags: _Flags, text: pd.Series, column: str, required: bool | np.ndarray) -> pd.Series:
    """Parse a seedling count column; flag blank (where ``required``: everywhere or per row), non-finite,
    non-numeric, negative, fractional, absurd.

    Returns the valid counts, NaN elsewhere.
    """
    values = readers.parse_numbers(text, grouped_commas=True)
    blank = text.eq("").to_numpy()
    nonfinite = ~blank & (np.isinf(values.to_numpy()) | text.str.lower().isin(NON_FINITE_WORDS).to_numpy())
    number = ~blank & ~nonfinite & values.notna().to_numpy()
    flags.error(blank & required, "blank", column)
    flags.error(nonfinite, "not_finite", column, value=text)
    flags.error(~blank & ~nonfinite & ~number, "not_a_number", column, value=text)
    negative = number & (values < 0).to_numpy()
    flags.error(negative, "negative", column, value=text)
    fractional = number & ~negative & ((values % 1 != 0).to_numpy() | readers.has_fraction(text, grouped_commas=True))
    too_many = number & ~negative & ~fractional & (values > MAX_COUNT).to_numpy()
    flags.error(fractional, "not_whole", column, value=text)
    flags.error(too_many, "too_many", column, value=text, limit=MAX_COUNT)
    return values.where(number & ~negative & ~fractional & ~too_many)


def _check_operation(flags: _Flags, text: pd.Series) -> pd.Series:
    """Each row's operation (geo.columns.OPERATIONS; a blank cell is a planting), None where the cell names none
    (an error listing the words to write)."""
    codes, distinct = pd.factorize(text)
    found = np.asarray([*[readers.operation_of(str(word)) for word in distinct], PLANTING], dtype=object)[codes]
    words = {lang: ", ".join(operation_words(lang)) for lang in LANGS}
    flags.error(found == None, "bad_operation", "operation", value=text, words=words)  # noqa: E711 - element-wise
    return pd.Series(found, index=text.index, dtype=object)


def operation_words(lang: str) -> list[str]:
    """The word of each operation in ``lang``, as the readers' OPERATION_WORDS name it first."""
    position = readers.OPERATION_WORD_LANGS.index(lang)
    return [words[position] for words in readers.OPERATION_WORDS.values()]


def _check_sown_area(flags: _Flags, text: pd.Series, sowing: np.ndarray) -> pd.Series:
    """Hectares sown on the sowing rows (decimal comma accepted): required there, a positive number; NaN on the
    other rows, which ignore the column."""
    values = readers.parse_numbers(text)
    blank = text.eq("").to_numpy()
    good = np.isfinite(values.to_numpy()) & (values > 0).to_numpy()
    flags.error(sowing & blank, "sowing_without_area", "area_ha")
    flags.error(sowing & ~blank & ~good, "bad_sown_area", "area_ha", value=text)
    return values.where(sowing & good)


def _check_date(flags: _Flags, text: pd.Series, column: str, required: bool, today: date) -> pd.Series:
    """Parse a date column; flag blank, unparseable and future dates."""
    parsed = readers.parse_dates(text)
    blank = text.eq("").to_numpy()
    if required:
        flags.error(blank, "blank", column)
    flags.error(~blank & parsed.isna().to_numpy(), "bad_date", column, value=text)
    future = (parsed > pd.Timestamp(today)).to_numpy()
    if future.any():
        flags.error(future, "future_date", column, value=_iso(parsed))
    return parsed.where(~future)


def _check_survey_after_planting(flags: _Flags, survey_date: pd.Series, planting_date: pd.Series) -> None:
    """An error where a survey is dated before its planting (plantings' and surveys' files alike)."""
    early = (survey_date < planting_date).to_numpy()
    if early.any():
        flags.error(early, "survey_before_planting", "survey_date", value=_iso(survey_date), date=_iso(planting_date))


def _iso(dates: pd.Series) -> pd.Series:
    return dates.dt.strftime("%Y-%m-%d")


def _data_rows(table: Table, report: Report) -> pd.DataFrame:
    """The table's rows without its totals rows (warning ``totals_row`` at each), counted in the report with the
    table's headers; Unreadable ``no_rows`` when none is left."""
    totals = _totals_labels(table)
    is_total = totals.ne("").to_numpy()
    _Flags(report, totals.index.to_numpy()).warn(is_total, "totals_row", None, value=totals)
    cells = table.columns[~is_total]
    report.rows = len(cells)
    report.headers = table.headers
    if cells.empty:
        raise Unreadable("no_rows")
    return cells


def _validate_plantings(table: Table, report: Report, today: date) -> pd.DataFrame:
    cells = _data_rows(table, report)
    # A file of sowings alone may have no ``planted`` (it counts hectares): a planting row without it is blank.
    missing = [n for n in PLANTING_REQUIRED if n not in cells and not (n == "planted" and "area_ha" in cells)]
    for name in missing:
        report.error("missing_column", None, name, aliases=readers.shown_aliases(PLANTING_ALIASES, name))
    if missing:
        return _empty_plantings()

    blank_text = pd.Series("", index=cells.index, dtype=str)
    rows = cells.index.to_numpy()
    flags = _Flags(report, rows)
    cells = _table_texts(flags, cells)
    for name in ("plot_id", "species"):
        flags.error(cells[name].eq("").to_numpy(), "blank", name)
    cells["species"] = _catalogued_species(flags, cells["species"])
    operation = _check_operation(flags, cells.get("operation", blank_text))
    sowing, planting = operation.eq(SOWING).to_numpy(), operation.eq(PLANTING).to_numpy()
    planted_text = cells.get("planted", blank_text)
    planted = _check_count(flags, planted_text, "planted", required=~sowing)
    planted = planted.mask(sowing & planted_text.eq("").to_numpy(), 0)  # a sowing counts hectares, not seedlings
    area = _check_sown_area(flags, cells.get("area_ha", blank_text), sowing)
    surviving_text = cells.get("surviving", cells.get("alive", blank_text))
    survey_text = cells.get("survey_date", blank_text)
    # Survival is a planting's (geo.progress.summary): a survey on a gap-filling or a sowing is not counted.
    ignored = ~planting & operation.notna().to_numpy() & (surviving_text.ne("") | survey_text.ne("")).to_numpy()
    flags.warn(ignored, "survey_not_of_planting", "surviving")
    surviving = _check_count(flags, surviving_text.mask(ignored, ""), "surviving", required=False)
    planting_date = _check_date(flags, cells["date"], "date", required=True, today=today)
    survey_date = _check_date(flags, survey_text.mask(ignored, ""), "survey_date", required=False, today=today)
    flags.error(
        (surviving > planted).to_numpy(),
        "surviving_exceeds_planted",
        "surviving",
        surviving=surviving.astype("Int64"),
        planted=planted.astype("Int64"),
    )
    _check_survey_after_planting(flags, survey_date, planting_date)

    good = ~flags.bad
    records = pd.DataFrame(
        {
            "row": rows[good].astype("int64"),
            # pandas' own strings as they are: as Python objects they would be a text per row
            "plot_id": cells["plot_id"][good].array,
            "date": planting_date[good].to_numpy(),
            "species": cells["species"][good].array,
            "operation": operation[good].to_numpy(),
            "planted": planted[good].to_numpy().astype("int64"),
            "surviving": pd.array(surviving[good].to_numpy(), dtype="Float64").astype("Int64"),
            "survey_date": survey_date[good].to_numpy(),
            "area_ha": area[good].to_numpy(dtype="float64"),
        }
    )
    return _drop_repeats(records, report)


def warn_density(report: Report, incoming: pd.DataFrame, kept: pd.DataFrame, areas: pd.DataFrame) -> None:
    """``implausible_density`` at the row whose planting takes its plot past MAX_DENSITY_PER_HA: the plot's stored
    plantings the upload keeps, then the upload's rows in the file's order, per hectare of the plot.

    ``incoming``: row, plot_id, planted (the upload's plantings); ``kept``: plot_id, planted (the plot's current
    plantings that no row of the upload replaces); ``areas``: plot_id, area_ha of the plots in force."""
    stored = kept.groupby("plot_id")["planted"].sum()
    rows = incoming.sort_values("row").merge(areas, on="plot_id")
    total = rows.groupby("plot_id")["planted"].cumsum() + rows["plot_id"].map(stored).fillna(0)
    over = (total > MAX_DENSITY_PER_HA * rows["area_ha"]).to_numpy()
    first = over & ~pd.Series(over, index=rows.index).groupby(rows["plot_id"]).shift(fill_value=False).to_numpy()
    _Flags(report, rows["row"].to_numpy()).warn(
        first,
        "implausible_density",
        "planted",
        plot_id=rows["plot_id"],
        density=(total / rows["area_ha"]).round().astype("int64"),
        limit=MAX_DENSITY_PER_HA,
    )


def _drop_repeats(records: pd.DataFrame, report: Report) -> pd.DataFrame:
    """Count identical rows once (warning); two rows of one planting with different figures are an error."""
    records = _unique_rows(records, report, PLANTING_FIELDS, RECORD_KEY)
    records["date"] = _as_dates(records["date"])
    records["survey_date"] = _as_dates(records["survey_date"])
    return records


def _unique_rows(records: pd.DataFrame, report: Report, fields: tuple[str, ...], key: tuple[str, ...]) -> pd.DataFrame:
    """Rows identical in ``fields`` once (warning ``duplicate_row``); two rows of one ``key`` with other values an
    error (``conflicting_rows``, at the later row, naming the first). Rows are grouped only when some repeat."""
    repeat = _later_rows(records, fields)
    if repeat.any():
        first_same = records.groupby(list(fields), dropna=False, sort=False)["row"].transform("first")
        _Flags(report, records["row"].to_numpy()).warn(repeat, "duplicate_row", None, first=first_same)
        records = records[~repeat]
    conflict = _later_rows(records, key)
    if conflict.any():
        first_key = records.groupby(list(key), dropna=False, sort=False)["row"].transform("first")
        _Flags(report, records["row"].to_numpy()).error(conflict, "conflicting_rows", None, first=first_key)
        records = records[~conflict]
    return records.reset_index(drop=True)


def _later_rows(records: pd.DataFrame, columns: tuple[str, ...]) -> np.ndarray:
    """Where a row repeats an earlier one in ``columns`` (missing values alike): a national file's rows are
    told apart without grouping them (which holds a copy of each key), and grouped only when some repeat."""
    key = np.zeros(len(records), dtype=np.int64)
    for name in columns:  # each column's codes folded into one key per row, made small again after each
        codes, distinct = pd.factorize(records[name], use_na_sentinel=False)
        key = pd.factorize(key * (len(distinct) + 1) + codes)[0]
    first = np.zeros(len(records), dtype=bool)
    first[np.unique(key, return_index=True)[1]] = True
    return ~first


def _as_dates(stamps: pd.Series) -> pd.Series:
    """datetime64 -> datetime.date objects, None where missing (the store's plain Python values). A season's file
    has few distinct dates: each is made once and shared by its rows (a national file's million rows would hold a
    million date objects per column)."""
    codes, distinct = pd.factorize(stamps)
    dates = np.asarray([*pd.DatetimeIndex(distinct).date, None], dtype=object)
    return pd.Series(dates[codes], index=stamps.index, dtype=object)


# --- surveys -------------------------------------------------------------------------------------------------


def validate_surveys(table: Table, report: Report, today: date) -> pd.DataFrame:
    """The counts of a survey table, one record per planting and survey date (sample plots summed): row (the first
    row of the count), plot_id, date, species, survey_date, alive, counted (NA: the whole planting), survey.
    Whether the planting exists and ``counted`` ≤ ``planted`` the store checks, as it knows the plantings."""
    cells = _data_rows(table, report)
    if "alive" not in cells and "surviving" in cells:
        cells = cells.rename(columns={"surviving": "alive"})
    aliases = {**PLANTING_ALIASES, **SURVEY_ALIASES}
    missing = [name for name in SURVEY_REQUIRED if name not in cells]
    for name in missing:
        report.error("missing_column", None, name, aliases=readers.shown_aliases(aliases, name))
    if missing:
        return _survey_records(pd.DataFrame({"row": pd.Series(dtype="int64")}))
    blank_text = pd.Series("", index=cells.index, dtype=str)
    rows = cells.index.to_numpy()
    flags = _Flags(report, rows)
    cells = _table_texts(flags, cells)
    for name in ("plot_id", "species"):
        flags.error(cells[name].eq("").to_numpy(), "blank", name)
    cells["species"] = _catalogued_species(flags, cells["species"])
    alive = _check_count(flags, cells["alive"], "alive", required=True)
    counted = _check_count(flags, cells.get("counted", blank_text), "counted", required=False)
    planting_date = _check_date(flags, cells["date"], "date", required=True, today=today)
    survey_date = _check_date(flags, cells["survey_date"], "survey_date", required=True, today=today)
    flags.error(
        (alive > counted).to_numpy(),
        "alive_exceeds_counted",
        "alive",
        alive=alive.astype("Int64"),
        counted=counted.astype("Int64"),
    )
    _check_survey_after_planting(flags, survey_date, planting_date)
    good = ~flags.bad
    records = pd.DataFrame(
        {
            "row": rows[good].astype("int64"),
            "plot_id": cells["plot_id"][good].to_numpy(),
            "date": planting_date[good].to_numpy(),
            "species": cells["species"][good].to_numpy(),
            "survey_date": survey_date[good].to_numpy(),
            "alive": alive[good].to_numpy(),
            "counted": counted[good].to_numpy(),
            "survey": cells.get("survey", blank_text)[good].to_numpy(),
            "sample_plot": cells.get("sample_plot", blank_text)[good].to_numpy(),
        }
    )
    return _survey_records(_sum_sample_plots(records, report))


def _sum_sample_plots(records: pd.DataFrame, report: Report) -> pd.DataFrame:
    """One count per planting and survey date: identical rows once (warning), two rows of one sample plot with
    different figures an error, the sample plots of a count summed (each needs its ``counted``)."""
    fields = [*SURVEY_KEY, "alive", "counted", "survey", "sample_plot"]
    first_same = records.groupby(fields, dropna=False, sort=False)["row"].transform("first")
    repeat = records["row"].ne(first_same).to_numpy()
    _Flags(report, records["row"].to_numpy()).warn(repeat, "duplicate_row", None, first=first_same)
    records = records[~repeat]
    first_plot = records.groupby([*SURVEY_KEY, "sample_plot"], sort=False)["row"].transform("first")
    conflict = records["row"].ne(first_plot).to_numpy()
    _Flags(report, records["row"].to_numpy()).error(conflict, "conflicting_rows", None, first=first_plot)
    records = records[~conflict]
    plots = records.groupby(list(SURVEY_KEY), sort=False)["row"].transform("size").to_numpy()
    partial = (plots > 1) & records["counted"].isna().to_numpy()
    flags = _Flags(report, records["row"].to_numpy())
    flags.error(partial, "blank", "counted")
    records = records[~flags.bad]
    grouped = records.groupby(list(SURVEY_KEY), sort=False)
    summed = grouped.agg(
        row=("row", "first"),
        alive=("alive", "sum"),
        counted=("counted", lambda c: c.sum(min_count=1)),
        survey=("survey", "first"),
    )
    return summed.reset_index()


def _survey_records(records: pd.DataFrame) -> pd.DataFrame:
    """The store's plain values: dates as datetime.date, counts as Int64, a blank ``survey`` as None."""
    columns = ["row", *SURVEY_KEY, "alive", "counted", "survey"]
    if records.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else object) for c in columns})
    out = records[columns].sort_values("row", ignore_index=True)
    out["date"] = _as_dates(out["date"])
    out["survey_date"] = _as_dates(out["survey_date"])
    for name in ("alive", "counted"):
        out[name] = pd.array(out[name].to_numpy(dtype=float), dtype="Float64").astype("Int64")
    out["survey"] = out["survey"].where(out["survey"].ne(""), None)
    return out


# --- write-offs ----------------------------------------------------------------------------------------------


def validate_writeoffs(table: Table, report: Report, today: date) -> pd.DataFrame:
    """The acts of a write-off table (DATA-CONTRACT "Write-offs"): row, plot_id, act, species and planting_date
    (None for an act of the whole plot), date (the act's), reason (of writeoffs.ACT_REASONS). Whether the plot and the
    planting exist the store checks, as it knows them."""
    cells = _data_rows(table, report)
    missing = [name for name in writeoffs.REQUIRED if name not in cells]
    for name in missing:
        report.error("missing_column", None, name, aliases=readers.shown_aliases(WRITEOFF_ALIASES, name))
    if missing:
        return _writeoff_records(pd.DataFrame({"row": pd.Series(dtype="int64")}))
    blank_text = pd.Series("", index=cells.index, dtype=str)
    rows = cells.index.to_numpy()
    flags = _Flags(report, rows)
    cells = _table_texts(flags, cells.assign(species=cells.get("species", blank_text)))
    for name in ("plot_id", "act", "reason"):
        flags.error(cells[name].eq("").to_numpy(), "blank", name)
    reason = cells["reason"].map(writeoffs.reason_code)
    flags.error(
        (cells["reason"].ne("") & reason.isna()).to_numpy(),
        "bad_reason",
        "reason",
        value=cells["reason"],
        accepted=writeoffs.accepted_reasons(),
    )
    named = cells["species"].ne("")
    cells["species"] = cells["species"].where(~named, _catalogued_species(flags, cells["species"]))
    act_date = _check_date(flags, cells["date"], "date", required=True, today=today)
    planting_text = cells.get("planting_date", blank_text)
    planting_date = _check_date(flags, planting_text, "planting_date", required=False, today=today)
    flags.error((named & planting_text.eq("")).to_numpy(), "blank", "planting_date")
    flags.error((~named & planting_text.ne("")).to_numpy(), "blank", "species")
    late = (planting_date > act_date).to_numpy()
    if late.any():
        flags.error(late, "act_before_planting", "planting_date", value=_iso(planting_date), date=_iso(act_date))
    good = ~flags.bad
    records = pd.DataFrame(
        {
            "row": rows[good].astype("int64"),
            "plot_id": cells["plot_id"][good].to_numpy(),
            "act": cells["act"][good].to_numpy(),
            "species": cells["species"][good].where(named[good], None).to_numpy(),
            "planting_date": _iso(planting_date[good]).to_numpy(),
            "date": _iso(act_date[good]).to_numpy(),
            "reason": reason[good].to_numpy(),
        }
    )
    return _writeoff_records(_unique_rows(records, report, writeoffs.FIELDS, writeoffs.KEY))


def _writeoff_records(records: pd.DataFrame) -> pd.DataFrame:
    """Write-off records as the store takes them: dates as ISO text (None where absent), every text column an
    object column with None for blank."""
    columns = ["row", *writeoffs.FIELDS]
    if records.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else object) for c in columns})
    out = records[columns].sort_values("row", ignore_index=True)
    for name in writeoffs.FIELDS:
        out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out


# --- plots ---------------------------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    """A property as trimmed text: numbers without '.0', None for null or blank."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _texts(values: list[Any]) -> list[str | None]:
    """``_text`` of one property's values: text trimmed in line, each distinct number converted once."""
    numbers: dict[tuple[type, Any], str | None] = {}  # keyed with the type, so True and 1 stay apart

    def other(value: object) -> str | None:
        kind = type(value)
        if kind is not float and kind is not int:
            return _text(value)
        key = (kind, value)
        if key not in numbers:
            numbers[key] = _text(value)
        return numbers[key]

    return [value.strip() or None if type(value) is str else other(value) for value in values]


def _validate_plots(features: Features, report: Report) -> geopandas.GeoDataFrame:
    report.headers = features.headers
    n = len(features)
    for feature, names in features.repeated_keys:
        if feature is None:
            report.warn("duplicate_key_file", None, None, keys=names)
        else:
            report.warn("duplicate_key", feature, None, keys=names)

    def texts(name: str) -> list[str | None]:
        return _texts(features.columns.get(name) or [None] * n)

    report.rows = n
    bad = np.zeros(n, dtype=bool)

    def fail(code: str, i: int, column: str | None, **params: Any) -> None:
        report.error(code, i, column, **params)
        bad[i] = True

    def keys(name: str, shown: list[str] | None = None) -> list[str | None]:
        """The property's texts as keys (None where blank), warned where the file wrote them otherwise, errors
        where the store could not keep them; features named by ``shown`` (their ids), or by their keys."""
        checked = _checked_texts(texts(name), name)
        found = [key or None for key in checked.keys.tolist()]
        names = shown or [key or "—" for key in found]
        for i in np.flatnonzero(checked.changed).tolist():
            report.warn("invisible_characters_feature", i, name, plot_id=names[i], value=found[i])
        for i in np.flatnonzero(checked.bad).tolist():
            fail("bad_character_feature", i, name, plot_id=names[i], character=checked.character[i])
        for i in np.flatnonzero(checked.too_long).tolist():
            fail("text_too_long_feature", i, name, plot_id=names[i], length=int(checked.length[i]), limit=checked.limit)
        return found

    ids = keys("plot_id")
    label = [pid or "—" for pid in ids]
    first_seen: dict[str, int] = {}
    for i, pid in enumerate(ids):
        if pid is None:
            fail("missing_plot_id", i, "plot_id")
        elif pid in first_seen:
            fail("duplicate_plot_id", i, "plot_id", first=first_seen[pid], value=pid)
        else:
            first_seen[pid] = i

    regions = _check_regions(keys("region", label), label, fail)
    text_columns = {name: keys(name, label) for name in PLOT_TEXT}
    area_text = texts("area_ha")
    declared = _check_declared_area(area_text, label, fail)
    blank_area = np.array([t is None for t in area_text], dtype=bool)
    geoms, usable, is_point, positions = _check_geometry(features, declared, blank_area, label, report, fail)

    kept = np.flatnonzero(usable & ~bad)
    features.geometries.clear()
    # In this thread, not beside it: glibc gives each thread its own heap, and the MultiPolygons reuse the memory of
    # the shapes they replace only when made where those were.
    shapes, area = _measure(geoms, kept)
    features.shapes = None  # the MultiPolygons stand for the shapes read now
    # Texts as Python objects (each distinct one once), as the store writes them: pandas' own strings would be a
    # copy of each, made again as objects when written.
    columns: dict[str, Any] = {"row": kept.astype("int64"), "plot_id": pd.Series(_at(ids, kept), dtype=object)}
    for name in PLOT_TEXT:
        columns[name] = pd.Series(_at(text_columns[name], kept), dtype=object)
    del geoms
    claimed = declared[kept]
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        off = np.abs(claimed - area) / area
    mismatch = ~is_point[kept] & np.isfinite(off) & (off > AREA_MISMATCH_SHARE)
    for j in np.flatnonzero(mismatch).tolist():
        i = int(kept[j])
        report.warn(
            "area_mismatch",
            i,
            "area_ha",
            plot_id=label[i],
            declared=float(claimed[j]),
            measured=round(float(area[j]), 2),
            percent=round(100 * float(off[j])),
        )
    columns["region"] = pd.Series(_at(regions, kept), dtype=object)
    columns["declared_area_ha"] = claimed
    columns["area_ha"] = area
    # A point plot's shape is a circle of its declared area; the store keeps the point itself as its centre
    # (lon, lat) and judges its overlaps by it. NaN for an outline, whose centre the store measures.
    columns["point"] = is_point[kept]
    columns["lon"], columns["lat"] = positions[kept, 0], positions[kept, 1]
    return geopandas.GeoDataFrame(columns, geometry=geopandas.GeoSeries(shapes, crs=geometry.WGS84))


def _measure(geoms: np.ndarray, kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The plots at ``kept`` as MultiPolygons and their areas in hectares, CHUNK_FEATURES at a time: the copies GEOS
    makes on the way (oriented, split into parts, projected) are then of a chunk, not of a national file, and each
    chunk's shapes as read are let go of (None in ``geoms``) once made into MultiPolygons, so the two are never both
    held for the whole file."""
    shapes, area = np.empty(len(kept), dtype=object), np.empty(len(kept))
    for start in range(0, len(kept), CHUNK_FEATURES):
        part, taken = slice(start, start + CHUNK_FEATURES), kept[start : start + CHUNK_FEATURES]
        shapes[part] = geometry.as_multipolygons(geoms[taken])
        geoms[taken] = None
        area[part] = geometry.area_ha(shapes[part])
    return shapes, area


def _at(values: list[Any], kept: np.ndarray) -> list[Any]:
    """The items of ``values`` at positions ``kept``, as a list."""
    if len(kept) == len(values):  # every feature kept (``kept`` is ascending and distinct)
        return values
    return np.asarray(values, dtype=object)[kept].tolist() if len(kept) else []


_Fail = Callable[..., None]


def _check_regions(texts: list[str | None], label: list[str], fail: _Fail) -> list[str | None]:
    """Each plot's region as its ISO code; missing or unknown ones are errors listing the closest names."""
    codes: list[str | None] = []
    known: dict[str, str | None] = {}
    for i, raw in enumerate(texts):
        if raw is None:
            fail("missing_region", i, "region", plot_id=label[i])
            codes.append(None)
            continue
        if raw not in known:
            known[raw] = normalise_region(raw)
        code = known[raw]
        codes.append(code)
        if code is None:
            suggestions = {lang: ", ".join(closest_regions(raw, lang)) for lang in LANGS}
            fail("unknown_region", i, "region", plot_id=label[i], value=raw, suggestions=suggestions)
    return codes


def _check_declared_area(texts: list[str | None], label: list[str], fail: _Fail) -> np.ndarray:
    """Declared area_ha in hectares (decimal comma accepted); NaN where absent or not a positive number."""
    text = pd.Series([t or "" for t in texts], dtype=str)
    values = readers.parse_numbers(text).to_numpy(dtype=float, copy=True)
    wrong = text.ne("").to_numpy() & ~(np.isfinite(values) & (values > 0))
    for i in np.flatnonzero(wrong).tolist():
        fail("bad_area", i, "area_ha", plot_id=label[i], value=text[i])
    values[wrong] = np.nan
    return values


def _check_geometry(
    features: Features, declared: np.ndarray, blank_area: np.ndarray, label: list[str], report: Report, fail: _Fail
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Build, flatten, reproject, place, circle and repair geometries; returns them, usable ones, points, and
    each point's lon/lat (NaN for other shapes)."""
    geoms, failures = _built(features)
    for i, detail in failures.items():
        fail("bad_geometry", i, "geometry", plot_id=label[i], detail=detail)
    present = shapely.is_geometry(geoms)
    for i in np.flatnonzero(~present).tolist():
        if i not in failures:
            fail("null_geometry", i, "geometry", plot_id=label[i])
    empty = present & shapely.is_empty(geoms)
    for i in np.flatnonzero(empty).tolist():
        fail("empty_geometry", i, "geometry", plot_id=label[i])
    usable = present & ~empty
    types = shapely.get_type_id(geoms)
    is_point = usable & (types == geometry.POINT)
    polygonal = usable & np.isin(types, [int(t) for t in geometry.POLYGONAL])
    for i in np.flatnonzero(usable & ~is_point & ~polygonal).tolist():
        fail("unsupported_geometry", i, "geometry", plot_id=label[i], value=geoms[i].geom_type)
    area_given = np.isfinite(declared)
    for i in np.flatnonzero(is_point & blank_area).tolist():
        fail("point_without_area", i, "geometry", plot_id=label[i])
    huge = is_point & area_given & (declared > MAX_POINT_AREA_HA)
    for i in np.flatnonzero(huge).tolist():
        fail(
            "implausible_point_area", i, "area_ha", plot_id=label[i], value=float(declared[i]), limit=MAX_POINT_AREA_HA
        )
    usable &= polygonal | (is_point & area_given & ~huge)

    with_z = np.flatnonzero(usable & shapely.has_z(geoms))
    if len(with_z):
        report.warn("z_dropped", None, "geometry", count=len(with_z))
        geoms[with_z] = shapely.force_2d(geoms[with_z])

    _bring_to_wgs84(features.crs, geoms, usable, report)

    idx = np.flatnonzero(usable)
    inside, swapped = geometry.extent_check(geoms[idx])
    for j in np.flatnonzero(~inside).tolist():
        i = int(idx[j])
        if swapped[j]:
            fail("swapped_coordinates", i, "geometry", plot_id=label[i])
        else:
            x, y = shapely.get_coordinates(shapely.centroid(geoms[i]))[0]
            fail("outside_kazakhstan", i, "geometry", plot_id=label[i], lon=_rounded(x), lat=_rounded(y))
    usable[idx[~inside]] = False

    points = np.flatnonzero(usable & is_point)
    positions = np.full((len(geoms), 2), np.nan)
    positions[points] = shapely.get_coordinates(geoms[points])
    geoms[points] = geometry.circles(geoms[points], declared[points])

    idx = np.flatnonzero(usable)
    fixed, reasons = geometry.repair(geoms[idx])
    geoms[idx] = fixed
    for j, reason in reasons.items():
        i = int(idx[j])
        if shapely.is_empty(fixed[j]):
            fail("collapsed_geometry", i, "geometry", plot_id=label[i], detail=reason)
            usable[i] = False
        else:
            report.warn("repaired_geometry", i, "geometry", plot_id=label[i], detail=reason)
    return geoms, usable, is_point, positions


def _built(features: Features) -> tuple[np.ndarray, dict[int, str]]:
    """The features' shapely geometries (built from GeoJSON mappings, or as a reader built them) and why any
    could not be built."""
    if features.shapes is None:
        return geometry.build(features.geometries)
    geoms = features.shapes
    present = np.flatnonzero(shapely.is_geometry(geoms))
    bounds = shapely.bounds(geoms[present])
    broken = present[~np.isfinite(bounds).all(axis=1) & ~shapely.is_empty(geoms[present])]
    geoms[broken] = None
    return geoms, {**features.failures, **dict.fromkeys(broken.tolist(), "coordinates that are not numbers")}


def _bring_to_wgs84(crs_name: str | None, geoms: np.ndarray, usable: np.ndarray, report: Report) -> None:
    """Reproject from a declared CRS (warning); metres without a declared CRS are an error for those plots."""
    idx = np.flatnonzero(usable)
    crs = None
    if crs_name:
        try:
            crs = geometry.parse_crs(crs_name)
        except ValueError:
            crs = None
    if crs is not None and not geometry.is_wgs84(crs):
        if not len(idx):
            return
        geoms[idx] = geometry.to_wgs84(geoms[idx], crs)
        report.warn("reprojected", None, "geometry", crs=geometry.crs_label(crs))
        return
    metres = idx[geometry.looks_projected(geoms[idx])]
    if len(metres):
        report.error("unknown_crs", None, "geometry", count=len(metres))
        usable[metres] = False


def _rounded(value: float) -> float | None:
    return round(float(value), 2) if np.isfinite(value) else None

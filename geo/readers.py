"""Read uploaded bytes into cells and features, tolerating how officers' files really look.

Tables (CSV in UTF-8, UTF-8 with BOM, Windows-1251 or UTF-16; XLSX/ODS) become text cells under canonical column
names, indexed by the row number Excel shows. GeoJSON becomes raw property values and geometry mappings per feature.
A file that cannot be read at all raises ``Unreadable`` carrying the problem to report; nothing else escapes.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import json
import math
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from geo.report import Problem

# Canonical column -> accepted headers (the canonical name first; the next few are shown in messages).
PLANTING_ALIASES: dict[str, tuple[str, ...]] = {
    "plot_id": (
        "plot_id",
        "участок",
        "учаске",
        "код участка",
        "учаске коды",
        "plot",
        "plot id",
        "plot code",
        "id",
        "№ участка",
        "номер участка",
        "учаске нөмірі",
    ),
    "date": (
        "date",
        "дата",
        "дата посадки",
        "отырғызу күні",
        "planting date",
        "date planted",
        "дата посева",
        "күні",
        "отырғызылған күні",
    ),
    "species": (
        "species",
        "порода",
        "түр",
        "вид",
        "tree species",
        "древесная порода",
        "порода деревьев",
        "түрі",
        "ағаш түрі",
        "ағаш тұқымы",
    ),
    "planted": (
        "planted",
        "посажено",
        "отырғызылды",
        "кол-во посаженных",
        "seedlings planted",
        "number planted",
        "высажено",
        "количество посаженных",
        "количество саженцев",
        "отырғызылған",
        "көшет саны",
    ),
    "surviving": (
        "surviving",
        "прижилось",
        "сақталды",
        "сохранилось",
        "survived",
        "alive",
        "кол-во прижившихся",
        "количество прижившихся",
        "сақталғаны",
    ),
    "survey_date": (
        "survey_date",
        "дата учета",
        "есеп күні",
        "дата учёта",
        "survey date",
        "inventory date",
        "дата инвентаризации",
        "дата обследования",
        "түгендеу күні",
    ),
}
PLOT_ALIASES: dict[str, tuple[str, ...]] = {
    "plot_id": (
        "plot_id",
        "участок",
        "учаске",
        "код участка",
        "учаске коды",
        "id",
        "plot",
        "plot id",
        "№ участка",
        "номер участка",
    ),
    "name": ("name", "название", "атауы", "наименование", "атау"),
    "region": ("region", "область", "облыс", "регион", "oblast"),
    "partner": ("partner", "партнер", "серіктес", "университет", "партнёр", "university"),
    "forestry": ("forestry", "лесхоз", "орман шаруашылығы", "лесничество", "forestry unit"),
    "area_ha": ("area_ha", "площадь_га", "площадь, га", "аудан", "area", "площадь", "аудан, га", "ауданы"),
    "block": ("block", "квартал", "орам"),
    "compartment": ("compartment", "выдел", "бөлік"),
}

_UNIT_WORDS = {"шт", "штук", "pcs", "дана", "га", "ha"}
_DELIMITERS = (";", "\t", ",")
_HEADER_SEARCH_ROWS = 30
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])
_BINARY_SHARE = 0.01
_HTML = re.compile(r"<(!doctype\s+html|html|head|body|table|meta)\b")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*$", re.IGNORECASE)
_DATE_FORMATS = (
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d.%m.%y",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y.%m.%d",
)
_FIRST_YEAR, _LAST_YEAR = 1900, 2999
_DIGIT_GROUPING = "[ \t\u00a0\u202f\u2009'’]"  # spaces (plain, no-break, narrow, thin) and apostrophes
_GROUPED_THOUSANDS = r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?"
NON_FINITE_WORDS = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})


class Unreadable(Exception):
    """The file cannot be read at all; ``problem`` says why, for the report."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.problem = Problem(code, params=params)


@dataclass
class Table:
    """Recognised columns of a sheet as stripped text, indexed by Excel row number (header = its own row)."""

    columns: pd.DataFrame
    first_column: pd.Series  # the leftmost column, where a totals label usually sits
    header_row: int
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> its header as the file wrote it


@dataclass
class Features:
    """GeoJSON features: each property under its canonical name as a column (a value per feature, None where a
    feature has none), the raw geometry mappings and any legacy ``crs``."""

    columns: dict[str, list[Any]]
    geometries: list[Any]
    crs: str | None
    headers: dict[str, str] = field(default_factory=dict)  # canonical property -> its name as the file wrote it


@lru_cache(maxsize=4096)
def header_key(text: object) -> str:
    """Fold a header so 'Посажено (шт.)', ' PLANTED ' and 'кол-во посаженных' meet their aliases."""
    folded = re.sub(r"\(.*?\)", " ", str(text).casefold().replace("ё", "е"))
    words = re.sub(r"[\W_]+", " ", folded).split()
    while len(words) > 1 and words[-1] in _UNIT_WORDS:
        words.pop()
    return " ".join(words)


def _alias_lookup(columns: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    """Folded header -> (canonical column, rank); a lower rank wins when two headers name one column."""
    lookup: dict[str, tuple[str, int]] = {}
    for canonical, aliases in columns.items():
        for rank, alias in enumerate(aliases):
            key = header_key(alias)
            if lookup.setdefault(key, (canonical, rank))[0] != canonical:
                raise ValueError(f"header alias {alias!r} names two columns")
    return lookup


_PLANTING_LOOKUP = _alias_lookup(PLANTING_ALIASES)
_PLOT_LOOKUP = _alias_lookup(PLOT_ALIASES)


def _best_of(headers: list[Any], lookup: dict[str, tuple[str, int]]) -> dict[str, int]:
    """Canonical column -> position of the header naming it best (e.g. 'plot_id' over 'id'; then leftmost)."""
    best: dict[str, tuple[int, int]] = {}
    for position, header in enumerate(headers):
        found = lookup.get(header_key(header))
        if found is not None and (found[0] not in best or found[1] < best[found[0]][0]):
            best[found[0]] = (found[1], position)
    return {canonical: position for canonical, (_, position) in best.items()}


def shown_aliases(columns: dict[str, tuple[str, ...]], name: str, n: int = 4) -> str:
    """A few accepted headers for ``name``, for a message telling the user what to call the column."""
    return ", ".join(columns[name][1 : n + 1])


# --- bytes -> text -------------------------------------------------------------------------------------------


def _is_blank(data: bytes) -> bool:
    return not data.strip(b" \t\r\n\x00\x1a").removeprefix(codecs.BOM_UTF8).strip()


def decode_text(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1251, found without asking."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("bad_encoding") from None
    head = data[:65536]
    if b"\x00" in head or sum(head.count(bytes([b])) for b in _CONTROL_BYTES) > _BINARY_SHARE * len(head):
        raise Unreadable("binary_file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for encoding in ("utf-8", "cp1251"):
        try:
            return data.decode(encoding).rstrip("\x1a")
        except UnicodeDecodeError:
            continue
    raise Unreadable("bad_encoding")


def _check_not_html(text: str) -> None:
    head = text[:4096].lstrip().casefold()
    if head.startswith("<") and _HTML.search(head):
        raise Unreadable("html_file")


def _is_workbook(data: bytes) -> bool:
    """True for an Excel or OpenDocument workbook (by its bytes, whatever its name); raises for other archives."""
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # Excel 97-2003
        return True
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype") if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError, NotImplementedError, EOFError):
        raise Unreadable("zip_file") from None
    if "xl/workbook.xml" in names or mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return True
    raise Unreadable("zip_file")


def sniff_kind(data: bytes) -> str:
    """'plots' for JSON content, 'plantings' for anything else (a table, or something unreadable as one)."""
    start = data.lstrip().removeprefix(codecs.BOM_UTF8).lstrip()
    return "plots" if start.startswith((b"{", b"[")) else "plantings"


# --- tables --------------------------------------------------------------------------------------------------


def read_table(data: bytes, sheet: str | None = None) -> Table:
    """Read a CSV or spreadsheet of plantings; raises ``Unreadable`` when it is not a table."""
    return _to_table(read_cells(data, sheet))


def read_cells(data: bytes, sheet: str | None = None) -> pd.DataFrame:
    """Every cell of a CSV or of one sheet as text, as the file has them (row 0 is Excel's row 1)."""
    if _is_blank(data):
        raise Unreadable("empty_file")
    if _is_workbook(data):
        cells = _read_workbook(data, sheet)
    else:
        text = decode_text(data)
        _check_not_html(text)
        if text.lstrip().startswith(("{", "[")) and _is_json(text):
            raise Unreadable("json_as_table")
        cells = _read_csv(text)
    return cells


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _header_score(cells: list[str]) -> int:
    return len(_best_of(cells, _PLANTING_LOOKUP))


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the header into the most known column names; else the most frequent one."""

    def score(sep: str) -> tuple[int, int]:
        best = max((_header_score(line.split(sep)) for line in lines), default=0)
        return best, sum(line.count(sep) for line in lines)

    return max(_DELIMITERS, key=score)


def _read_csv(text: str) -> pd.DataFrame:
    lines = text.splitlines()
    match = _SEP_LINE.match(lines[0]) if lines else None
    if match:  # Excel's "sep=;" hint line: Excel hides it, so row numbers start after it
        sep = match.group(1)
        text = text.split("\n", 1)[1] if "\n" in text else ""
        lines = lines[1:]
    else:
        sep = _sniff_delimiter([line for line in lines[:_HEADER_SEARCH_ROWS] if line.strip()])
    if not text.strip():
        raise Unreadable("empty_file")
    width = max((line.count(sep) for line in lines), default=0) + 1
    options = {
        "sep": sep,
        "header": None,
        "names": range(width),
        "dtype": str,
        "na_filter": False,
        "skip_blank_lines": False,
        "engine": "c",
    }
    try:
        frame = pd.read_csv(io.StringIO(text), quotechar='"', **options)
    except (ValueError, pd.errors.ParserError):
        try:  # a stray opening quote swallows the rest of the file: read the quotes as plain characters
            frame = pd.read_csv(io.StringIO(text), quoting=csv.QUOTE_NONE, **options)
        except (ValueError, pd.errors.ParserError, MemoryError) as exc:
            raise Unreadable("bad_table", detail=_short(exc)) from None
    return frame.fillna("")


def _cell_text(value: object) -> str:
    """A spreadsheet cell as the text an officer would type: dates ISO, whole numbers without '.0'."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_workbook(data: bytes, sheet: str | None) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
        names = [str(name) for name in book.sheet_names]
        name: str | int = 0
        if sheet is not None:
            wanted = [n for n in names if n.strip().casefold() == sheet.strip().casefold()]
            if not wanted:
                raise Unreadable("no_sheet", sheet=sheet, sheets=", ".join(names))
            name = wanted[0]
        frame = pd.read_excel(book, sheet_name=name, header=None, dtype=object)
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - the workbook reader's own errors: a damaged or foreign file
        raise Unreadable("bad_table", detail=_short(exc)) from None
    frame.columns = range(frame.shape[1])
    return frame.map(_cell_text).astype(str)


def _to_table(cells: pd.DataFrame) -> Table:
    """Find the header row, keep recognised columns, drop blank rows, index rows as Excel numbers them."""
    if cells.empty:
        raise Unreadable("no_rows")
    cells = cells.apply(lambda column: column.str.strip())
    cells.index = pd.RangeIndex(1, len(cells) + 1)
    nonblank = cells.ne("").any(axis=1).to_numpy()
    candidates = cells.index[nonblank][:_HEADER_SEARCH_ROWS]
    if len(candidates) == 0:
        raise Unreadable("empty_file")
    scores = [_header_score(row) for row in cells.loc[candidates].to_numpy().tolist()]
    header_row = int(candidates[int(np.argmax(scores))] if max(scores) >= 2 else candidates[0])
    headers = cells.loc[header_row]
    body = cells.loc[header_row + 1 :]
    body = body[body.ne("").any(axis=1)]
    if body.empty:
        raise Unreadable("no_rows")
    used = [position for position in cells.columns if headers[position] or body[position].ne("").any()]
    recognised = _best_of([headers[position] for position in used], _PLANTING_LOOKUP)
    columns = pd.DataFrame({name: body[used[i]] for name, i in recognised.items()}, index=body.index)
    written = {name: str(headers[used[i]]) for name, i in recognised.items()}
    return Table(columns=columns, first_column=body[used[0]], header_row=header_row, headers=written)


# --- GeoJSON -------------------------------------------------------------------------------------------------


def read_features(data: bytes) -> Features:
    """Read a GeoJSON FeatureCollection (or one Feature); raises ``Unreadable`` for anything else."""
    if _is_blank(data):
        raise Unreadable("empty_file")
    if _is_workbook(data):
        raise Unreadable("table_as_plots")
    text = decode_text(data)
    _check_not_html(text)
    try:
        with gc_paused():
            document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable("bad_json", detail=f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise Unreadable("bad_json", detail=_short(exc)) from None
    if not isinstance(document, dict):
        raise Unreadable("not_geojson")
    kind = document.get("type")
    if kind == "FeatureCollection" and isinstance(document.get("features"), list):
        features = document["features"]
    elif kind == "Feature":
        features = [document]
    else:
        raise Unreadable("not_geojson")
    if not features:
        raise Unreadable("no_rows")
    raws = [f.get("properties") if isinstance(f, dict) else None for f in features]
    columns = _plot_columns(raws)
    geometries = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    return Features(columns, geometries, _legacy_crs(document.get("crs")), _property_names(raws))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a large document is parsed and checked (or imported).

    Parsed JSON has no reference cycles, yet its millions of lists make the collector rescan everything already
    parsed again and again: pausing it more than halves the time a 100 000-plot file takes. Works as a decorator.
    """
    if not gc.isenabled():  # already paused (by a caller, or by another thread): leave it to them to resume
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _plot_columns(raws: list[Any]) -> dict[str, list[Any]]:
    """The features' properties as columns under canonical names; headers are matched once per distinct set of
    keys, and a file whose features all name theirs alike is read a column at a time."""
    keysets = [tuple(raw) if isinstance(raw, dict) else () for raw in raws]
    chosen = {
        keys: {canonical: keys[i] for canonical, i in _best_of(list(keys), _PLOT_LOOKUP).items()}
        for keys in dict.fromkeys(keysets)
    }
    if len(chosen) == 1:
        (pairs,) = chosen.values()
        return {canonical: [raw[key] for raw in raws] for canonical, key in pairs.items()}
    names = dict.fromkeys(name for pairs in chosen.values() for name in pairs)
    return {
        name: [
            raw[chosen[keys][name]] if name in chosen[keys] else None for raw, keys in zip(raws, keysets, strict=True)
        ]
        for name in names
    }


def _property_names(raws: list[Any]) -> dict[str, str]:
    """Canonical property -> its name as the first feature having it wrote it."""
    names: dict[str, str] = {}
    for keys in dict.fromkeys(tuple(raw) for raw in raws if isinstance(raw, dict)):
        for canonical, i in _best_of(list(keys), _PLOT_LOOKUP).items():
            names.setdefault(canonical, str(keys[i]))
    return names


def _legacy_crs(member: object) -> str | None:
    """The CRS named by a GeoJSON 2008 ``crs`` member ("name" or the older "EPSG" form), if any."""
    if not isinstance(member, dict) or not isinstance(member.get("properties"), dict):
        return None
    props = member["properties"]
    if member.get("type") == "EPSG" and props.get("code") is not None:
        return f"EPSG:{props['code']}"
    name = props.get("name")
    return str(name) if name else None


# --- officers' notations for numbers and dates ---------------------------------------------------------------


def parse_numbers(text: pd.Series, grouped_commas: bool = False) -> pd.Series:
    """Numbers written '12 500', '12 500' (no-break space), '12500,0' or '1e3'; NaN where not a number.

    A comma is a decimal comma, except with ``grouped_commas`` where '12,500' and '1,234,567' group thousands
    (for seedling counts, where 12.5 cannot be meant).
    """
    codes, distinct = pd.factorize(text.astype(str))  # counts repeat (5 000, 12 500…): parse each once
    cleaned = pd.Series(distinct, dtype=str).str.replace(_DIGIT_GROUPING, "", regex=True)
    if grouped_commas:
        grouped = cleaned.str.fullmatch(_GROUPED_THOUSANDS)
        cleaned = cleaned.where(~grouped, cleaned.str.replace(",", "", regex=False))
    cleaned = cleaned.str.replace(",", ".", regex=False)
    values = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(values[codes], index=text.index)


def parse_dates(text: pd.Series) -> pd.Series:
    """Dates written 15.04.2024, 15/04/2024, 2024-04-15 (or with a midnight time); NaT where not a date."""
    codes, distinct = pd.factorize(text.astype(str).str.strip())  # a season has few distinct dates: parse those
    words = pd.Series(distinct, dtype=str)
    parsed = np.full(len(words), np.datetime64("NaT"), dtype="datetime64[us]")
    todo = words.ne("").to_numpy(copy=True)
    for fmt in _DATE_FORMATS:
        if not todo.any():
            break
        found = pd.to_datetime(words[todo], format=fmt, errors="coerce").astype("datetime64[us]")
        parsed[todo] = found.where(found.dt.year.between(_FIRST_YEAR, _LAST_YEAR)).to_numpy()
        todo &= np.isnat(parsed)
    return pd.Series(parsed[codes], index=text.index)


def _short(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__

"""Bytes to text and text to cells: encodings found without asking, CSV delimiters sniffed from the header, and
the officers' notations for numbers and dates."""

from __future__ import annotations

import codecs
import csv
import decimal
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from itertools import islice

import numpy as np
import pandas as pd

from geo.readers.aliases import PLANTING_LOOKUP, POINTS_LOOKUP, WRITEOFF_LOOKUP, best_of
from geo.readers.base import Unreadable, short
from geo.readers.limits import MAX_CELL_CHARS, MAX_COLUMNS, MAX_LINE_CHARS, cell_too_long

_DELIMITERS = (";", "\t", ",")
HEADER_SEARCH_ROWS = 30
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


def is_blank(data: bytes) -> bool:
    return not data.strip(b" \t\r\n\x00\x1a").removeprefix(codecs.BOM_UTF8).strip()


def has_binary_head(data: bytes) -> bool:
    """Whether the file's start holds NUL or many control bytes: a binary file, not text."""
    head = data[:65536]
    return b"\x00" in head or sum(head.count(bytes([b])) for b in _CONTROL_BYTES) > _BINARY_SHARE * len(head)


def decode_text(data: bytes) -> str:
    """Text of a file in UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1251, found without asking."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable("bad_encoding") from None
    if has_binary_head(data):
        raise Unreadable("binary_file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8").rstrip("\x1a")
    except UnicodeDecodeError:
        _refuse_broken_utf8(data)
    try:
        return data.decode("cp1251").rstrip("\x1a")
    except UnicodeDecodeError:
        raise Unreadable("bad_encoding") from None


# UTF-8 of Cyrillic (U+0400-U+04FF: Russian and Kazakh letters): two bytes, the first D0-D3. Windows-1251 text holds
# such a pair only by chance (an uppercase Р, С, Т or У before a rare sign), so a file without one is plain 1251.
_UTF8_CYRILLIC = re.compile(rb"[\xd0-\xd3][\x80-\xbf]")


def _refuse_broken_utf8(data: bytes) -> None:
    """Refuse a text that is not valid UTF-8 yet is not Windows-1251 either (issue 18): lines of both encodings in
    one file (read as either, the other's lines become mojibake, stored and counted again under garbled names), or
    UTF-8 carrying encoded lone surrogates (no character: nothing can store them)."""
    try:
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        pass
    else:
        at = next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff")
        raise Unreadable("lone_surrogate_line", line=text.count("\n", 0, at) + 1)
    if not _UTF8_CYRILLIC.search(data):
        return
    utf8_line = other_line = 0
    for number, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
        else:
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            raise Unreadable("mixed_encoding", line=other_line, utf8_line=utf8_line)


def check_not_html(text: str) -> None:
    head = text[:4096].lstrip().casefold()
    if head.startswith("<") and _HTML.search(head):
        raise Unreadable("html_file")


def is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def header_score(cells: list[str]) -> int:
    """How many known columns a row names, as a header of plantings, of a table of points or of write-offs."""
    return max(len(best_of(cells, lookup)) for lookup in (PLANTING_LOOKUP, POINTS_LOOKUP, WRITEOFF_LOOKUP))


def _sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the header into the most known column names; else the most frequent one."""

    def score(sep: str) -> tuple[int, int]:  # a line's first MAX_COLUMNS cells: linear in the line's length
        best = max((header_score(line.split(sep, MAX_COLUMNS)[:MAX_COLUMNS]) for line in lines), default=0)
        return best, sum(line.count(sep) for line in lines)

    return max(_DELIMITERS, key=score)


def _lines(text: str, window: int = 1 << 20) -> Iterator[str]:
    """``text.splitlines()`` a window of about ``window`` characters at a time, each window cut after a newline
    (where splitlines cuts too): a national file's lines are never all held, as large as its text and more."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + window)
        end = len(text) if end < 0 else end + 1
        yield from text[start:end].splitlines()
        start = end


def read_csv(text: str) -> pd.DataFrame:
    """Cells of a delimited text (``;``, tab or ``,``; Excel's ``sep=`` line obeyed) as a frame of strings."""
    longest = max(map(len, _lines(text)), default=0)
    if longest > MAX_LINE_CHARS:
        line = next(n for n, line in enumerate(_lines(text), 1) if len(line) == longest)
        raise Unreadable("line_too_long", line=line, length=longest, limit=MAX_LINE_CHARS)
    first = next(_lines(text), None)
    match = _SEP_LINE.match(first) if first is not None else None
    skipped = 1 if match else 0  # Excel's "sep=;" hint line: Excel hides it, so row numbers start after it
    if match:
        sep = match.group(1)
    else:
        sep = _sniff_delimiter([line for line in islice(_lines(text), HEADER_SEARCH_ROWS) if line.strip()])
    counts = [line.count(sep) for line in islice(_lines(text), skipped, None)]
    if match:
        text = text.split("\n", 1)[1] if "\n" in text else ""
    if not text or text.isspace():
        raise Unreadable("empty_file")
    width = max(counts, default=0) + 1
    if width > MAX_COLUMNS:
        line = next(n for n, count in enumerate(counts, 1) if count + 1 > MAX_COLUMNS)
        raise Unreadable("too_many_columns", line=line + skipped, columns=counts[line - 1] + 1, limit=MAX_COLUMNS)
    del counts
    # The parser reads UTF-8 bytes: a StringIO would hold the text again at four bytes a character.
    encoded = text.encode("utf-8", "surrogatepass")
    options = {
        "sep": sep,
        "header": None,
        "names": range(width),
        "dtype": str,
        "na_filter": False,
        "skip_blank_lines": False,
        "engine": "c",
        "encoding": "utf-8",
        "encoding_errors": "surrogatepass",
    }
    try:
        frame = pd.read_csv(io.BytesIO(encoded), quotechar='"', **options)
    except (ValueError, pd.errors.ParserError):
        try:  # a stray opening quote swallows the rest of the file: read the quotes as plain characters
            frame = pd.read_csv(io.BytesIO(encoded), quoting=csv.QUOTE_NONE, **options)
        except (ValueError, pd.errors.ParserError, MemoryError) as exc:
            raise Unreadable("bad_table", detail=short(exc)) from None
    frame = frame.fillna("")
    if longest > MAX_CELL_CHARS:  # only a line that long can hold a cell that long
        lengths = frame.apply(lambda column: column.str.len()).to_numpy()
        if (lengths > MAX_CELL_CHARS).any():
            raise cell_too_long(frame, first_row=1 + skipped)
    return frame


# --- text as keys: what looks the same is the same ---------------------------------------------------------------


def normalise_text(text: str) -> str:
    """Text as Orman compares and keeps it: format characters (category Cf: zero-width spaces and joiners, U+2060,
    a BOM anywhere, soft hyphens, direction marks) removed, then Unicode NFC (``и`` + U+0306 is ``й``), runs of
    whitespace (no-break and thin spaces too) one space, the ends trimmed. Idempotent. Two cells that look alike
    to the officer are then one key, so a re-upload finds its records unchanged (rule 7)."""
    if text.isascii():
        return " ".join(text.split())
    visible = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return " ".join(unicodedata.normalize("NFC", visible).split())


# --- officers' notations for numbers and dates ---------------------------------------------------------------


def parse_numbers(text: pd.Series, grouped_commas: bool = False) -> pd.Series:
    """Numbers written '12 500', '12 500' (no-break space), '12500,0' or '1e3'; NaN where not a number.

    A comma is a decimal comma, except with ``grouped_commas`` where '12,500' and '1,234,567' group thousands
    (for seedling counts, where 12.5 cannot be meant).
    """
    codes, distinct = pd.factorize(text.astype(str))  # counts repeat (5 000, 12 500…): parse each once
    cleaned = _as_written(distinct, grouped_commas)
    values = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return pd.Series(values[codes], index=text.index)


def has_fraction(text: pd.Series, grouped_commas: bool = False) -> np.ndarray:
    """Where a number's written digits have a fractional part, however near a whole number its float lies:
    '999999999.9999999999' rounds to 1e9 as a float, yet nobody counted that many seedlings. Read as
    :func:`parse_numbers` reads them; '12500,0' has none."""
    codes, distinct = pd.factorize(text.astype(str))
    fractional = np.array([_fractional(v) for v in _as_written(distinct, grouped_commas).tolist()], dtype=bool)
    return fractional[codes] if len(codes) else np.zeros(0, dtype=bool)


def _as_written(distinct: object, grouped_commas: bool) -> pd.Series:
    """Numbers' texts without digit grouping, a decimal comma as a point ('12,500' grouping with
    ``grouped_commas``)."""
    cleaned = pd.Series(distinct, dtype=str).str.replace(_DIGIT_GROUPING, "", regex=True)
    if grouped_commas:
        grouped = cleaned.str.fullmatch(_GROUPED_THOUSANDS)
        cleaned = cleaned.where(~grouped, cleaned.str.replace(",", "", regex=False))
    return cleaned.str.replace(",", ".", regex=False)


def _fractional(text: str) -> bool:
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return False
    return number.is_finite() and number != number.to_integral_value()


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

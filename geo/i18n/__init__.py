"""Every string a user reads, in Kazakh, Russian and English, and locale-aware number and date formats."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from geo.i18n.columns import COLUMN_NAMES
from geo.i18n.details import explain
from geo.i18n.messages import MESSAGES
from geo.i18n.ui import UI
from geo.programme import TIMEZONE

LANGS = ("kk", "ru", "en")
DEFAULT_LANG = "ru"
# Parsed once: Babel parses a locale given by name again on every number it formats (a page formats hundreds).
_LOCALES = {lang: Locale.parse(name) for lang, name in {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}.items()}
_DAY_FORMATS = {"kk": "dd.MM.yyyy", "ru": "dd.MM.yyyy", "en": "dd/MM/yyyy"}
MISSING = "—"  # what a message shows for a value it does not have
COUNT = "count"  # the param that chooses the plural form of an entry that has forms
# Params of a message that are positions (a row, a batch), not quantities: shown without digit grouping.
PLAIN_NUMBERS = frozenset({"row", "first", "batch", "line", "col"})
# Params holding an ISO date, per problem code: shown in the reader's notation (15.04.2024).
DATE_PARAMS = {
    "future_date": ("value",),
    "survey_before_planting": ("value", "date"),
    "gap_filling_without_planting": ("date",),
}
# Params holding an ISO date and time (UTC), per problem code: shown in Kazakhstan's time (fmt_moment).
MOMENT_PARAMS = {"batch_rolled_back": ("when",)}
Text = str | dict[str, str]  # an entry's text in one language: one text, or one per CLDR plural category


def pick_lang(lang: str | None, default: str = DEFAULT_LANG) -> str:
    """A supported language from a code such as 'ru', 'ru-RU' or 'kk_KZ'; the default otherwise."""
    code = (lang or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGS else default


class _Shown(string.Formatter):
    """str.format that writes MISSING for a value it lacks (None, empty, absent key or index), never 'None'."""

    def get_value(self, key: int | str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        value = kwargs.get(key) if isinstance(key, str) else None
        return MISSING if value is None or value == "" else value

    def get_field(self, field_name: str, args: Any, kwargs: Mapping[str, Any]) -> Any:
        try:
            value, first = super().get_field(field_name, args, kwargs)
        except (KeyError, IndexError, TypeError, AttributeError):
            return MISSING, field_name
        return (MISSING if value is None or value == "" else value), first


_FORMATTER = _Shown()


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_LOCALES[pick_lang(lang)])


def plural_form(count: float | int, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` ('one', 'few', 'many', 'other')."""
    return str(_locale(lang).plural_form(count))


def _text(entry: dict[str, Text], lang: str, params: dict[str, Any]) -> str:
    """The entry's text in ``lang``; for an entry with plural forms, the form its ``count`` param takes."""
    text = entry.get(pick_lang(lang, "en")) or entry["en"]
    if isinstance(text, dict):
        count = params.get(COUNT)
        form = plural_form(count, lang) if isinstance(count, int | float) and not isinstance(count, bool) else "other"
        return text.get(form) or text["other"]
    return text


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _render(table: Mapping[str, dict[str, Text]], key: str, lang: str, params: dict[str, Any]) -> str:
    entry = table.get(key)
    if entry is None:
        return key
    text = _text(entry, lang, params)
    if _is_number(params.get(COUNT)):
        params = {**params, COUNT: fmt_num_plain(params[COUNT], lang)}
    try:
        return _FORMATTER.format(text, **params)
    except (IndexError, ValueError):
        return text


def message(code: str, lang: str = "en", **params: Any) -> str:
    """The validation message for ``code`` in ``lang``, with how to fix it: numbers and dates in the reader's
    notation, a library's words (``detail``) in the reader's language, "—" for a value it lacks."""
    return _render(MESSAGES, code, lang, _shown_params(code, lang, params))


def _shown_params(code: str, lang: str, params: dict[str, Any]) -> dict[str, Any]:
    shown = {}
    for name, value in params.items():
        if name == "detail":
            value = explain(code, value, lang, lambda number: fmt_num_plain(number, lang))
        elif name in DATE_PARAMS.get(code, ()) and isinstance(value, str):
            value = _iso_day(value, lang)
        elif name in MOMENT_PARAMS.get(code, ()) and isinstance(value, str):
            value = _iso_moment(value, lang)
        elif isinstance(value, float) and value != value:  # NaN: no value
            value = None
        elif _is_number(value) and name not in PLAIN_NUMBERS and name != COUNT:  # _render writes the count
            value = fmt_num_plain(value, lang)
        shown[name] = value
    return shown


def _iso_day(text: str, lang: str) -> str:
    try:
        return fmt_day(date.fromisoformat(text), lang)
    except ValueError:
        return text


def _iso_moment(text: str, lang: str) -> str:
    try:
        return fmt_moment(datetime.fromisoformat(text), lang)
    except ValueError:
        return text


def t(key: str, lang: str = "en", **params: Any) -> str:
    """A user-interface string; an entry with plural forms takes the one its ``count`` param needs."""
    return _render(UI, key, lang, params)


def column_name(column: str, lang: str) -> str:
    """A column's name as an officer writes it in ``lang`` (the template's header); the name itself if unknown."""
    names = COLUMN_NAMES.get(column)
    return (names.get(pick_lang(lang, "en")) or names["en"]) if names else column


# Kazakh's Cyrillic alphabet, which holds Russian's in Russian's order: names sort as readers of either expect
# (Ә after А, Қ after К, Ө after О; Unicode's order would put them after Я).
ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_ALPHABET_ORDER = {letter: i for i, letter in enumerate(ALPHABET)}


def name_key(name: str) -> tuple[tuple[int, int], ...]:
    """A key that sorts names alphabetically in kk, ru and en: case ignored, Latin before Cyrillic."""
    return tuple((1, _ALPHABET_ORDER[c]) if c in _ALPHABET_ORDER else (0, ord(c)) for c in name.casefold())


def fmt_int(value: float | int, lang: str) -> str:
    return format_decimal(round(value), locale=_LOCALES[pick_lang(lang)])


def fmt_num(value: float, lang: str, digits: int = 1) -> str:
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=_LOCALES[pick_lang(lang)])


def fmt_pct(value: float, lang: str, digits: int = 1) -> str:
    return format_percent(value, format=f"#,##0.{'0' * digits}%", locale=_LOCALES[pick_lang(lang)])


def fmt_num_plain(value: float | int, lang: str) -> str:
    """A number with as many decimals as it has (up to 3): 12 500, 12,5, 80,234."""
    return format_decimal(value, locale=_LOCALES[pick_lang(lang)])


def fmt_date(value: date, lang: str, fmt: str = "medium") -> str:
    return format_date(value, format=fmt, locale=_LOCALES[pick_lang(lang)])


def fmt_day(value: date, lang: str) -> str:
    """A date as officers write it: 15.04.2024 (kk, ru), 15/04/2024 (en)."""
    return format_date(value, format=_DAY_FORMATS[pick_lang(lang)], locale=_LOCALES[pick_lang(lang)])


def fmt_moment(moment: datetime, lang: str) -> str:
    """A moment (a batch's upload, a sign-in) in Kazakhstan's time, as officers write the day: 15.04.2024 14:05
    (kk, ru), 15/04/2024 14:05 (en). The store keeps UTC; a naive moment is UTC."""
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(TIMEZONE)
    return f"{fmt_day(local.date(), lang)} {local:%H:%M}"


def fmt_compact(value: float | int, lang: str) -> str:
    """A short number for a small space: 1.2M, 1,2 млн, 12,3 мың."""
    return format_compact_decimal(value, fraction_digits=1, locale=_LOCALES[pick_lang(lang)])


SHORT_UNITS = {  # divisor -> the short unit of a big number, per language (charts' axes say the same)
    1e9: {"en": "bn", "ru": "млрд", "kk": "млрд"},
    1e6: {"en": "M", "ru": "млн", "kk": "млн"},
    1e3: {"en": "k", "ru": "тыс.", "kk": "мың"},
}


def fmt_short(value: float | int, lang: str) -> str:
    """A big number short, in the unit the charts' axes use, to two decimals: 4,73 млрд, 1.33 bn, 15,28 млн;
    below a million, the whole number (12 500). Babel's compact form (format_compact_decimal) is not used: it
    writes "4.73B" in English and "123,46 м." for thousands in Kazakh, unlike the axes and fmt_short_range."""
    lang = pick_lang(lang)
    for divisor, unit in SHORT_UNITS.items():
        if divisor >= 1e6 and abs(value) >= divisor:
            return f"{fmt_num_plain(round(value / divisor, 2), lang)}\u00a0{unit[lang]}"
    return fmt_int(value, lang)


RANGE_DASH = "\u2060–\u2060"  # an en dash a line never breaks at (word joiners either side)


def fmt_short_range(low: float | int, high: float | int, lang: str) -> str:
    """A range of big numbers in the unit of the larger, with as few decimals (up to 3) as keep its ends apart:
    15,09–15,28 млн; 370–372,5 мың; 420–515 below a thousand."""
    lang = pick_lang(lang)
    for divisor, unit in SHORT_UNITS.items():
        if max(abs(low), abs(high)) >= divisor:
            digits = next((d for d in (1, 2, 3) if round(low / divisor, d) != round(high / divisor, d)), 1)
            ends = [fmt_num_plain(round(v / divisor, digits), lang) for v in (low, high)]
            return f"{ends[0]}{RANGE_DASH}{ends[1]}\u00a0{unit[lang]}"
    return f"{fmt_int(low, lang)}{RANGE_DASH}{fmt_int(high, lang)}"


# Many numbers at once (a map's popups hold thousands): the locale's separators applied to Python's formatting,
# the same text as fmt_int / fmt_num / fmt_pct without Babel's cost per call.
@cache
def _separators(lang: str) -> dict[int, str]:
    locale = _LOCALES[pick_lang(lang)]
    return str.maketrans({",": get_group_symbol(locale), ".": get_decimal_symbol(locale)})


def fmt_ints(values: Iterable[float | int], lang: str) -> list[str]:
    table = _separators(lang)
    return [f"{round(v):,}".translate(table) for v in values]


def fmt_nums(values: Iterable[float], lang: str, digits: int = 1) -> list[str]:
    table = _separators(lang)
    return [f"{v:,.{digits}f}".translate(table) for v in values]


def fmt_pcts(values: Iterable[float], lang: str, digits: int = 1) -> list[str]:
    table = _separators(lang)
    return [f"{v * 100:,.{digits}f}%".translate(table) for v in values]

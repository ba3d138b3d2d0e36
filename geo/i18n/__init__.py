"""Every string a user reads, in Kazakh, Russian and English, and locale-aware number and date formats."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_compact_decimal, format_decimal, format_percent, get_decimal_symbol, get_group_symbol

from geo.i18n.messages import MESSAGES
from geo.i18n.ui import UI

LANGS = ("kk", "ru", "en")
DEFAULT_LANG = "ru"
_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


def pick_lang(lang: str | None, default: str = DEFAULT_LANG) -> str:
    """A supported language from a code such as 'ru', 'ru-RU' or 'kk_KZ'; the default otherwise."""
    code = (lang or "").replace("_", "-").split("-")[0].lower()
    return code if code in LANGS else default


def _render(table: dict[str, dict[str, str]], key: str, lang: str, params: dict[str, Any]) -> str:
    entry = table.get(key)
    if entry is None:
        return key
    text = entry.get(pick_lang(lang, "en")) or entry["en"]
    shown = {k: ("" if v is None else v) for k, v in params.items()}
    try:
        return text.format(**shown)
    except (KeyError, IndexError, ValueError):
        return text


def message(code: str, lang: str = "en", **params: Any) -> str:
    """The validation message for ``code`` in ``lang``, with how to fix it."""
    return _render(MESSAGES, code, lang, params)


def t(key: str, lang: str = "en", **params: Any) -> str:
    """A user-interface string."""
    return _render(UI, key, lang, params)


def fmt_int(value: float | int, lang: str) -> str:
    return format_decimal(round(value), locale=_LOCALES[pick_lang(lang)])


def fmt_num(value: float, lang: str, digits: int = 1) -> str:
    return format_decimal(round(value, digits), format=f"#,##0.{'0' * digits}", locale=_LOCALES[pick_lang(lang)])


def fmt_pct(value: float, lang: str, digits: int = 1) -> str:
    return format_percent(value, format=f"#,##0.{'0' * digits}%", locale=_LOCALES[pick_lang(lang)])


def fmt_date(value: date, lang: str, fmt: str = "medium") -> str:
    return format_date(value, format=fmt, locale=_LOCALES[pick_lang(lang)])


def fmt_compact(value: float | int, lang: str) -> str:
    """A short number for a small space: 1.2M, 1,2 млн, 12,3 мың."""
    return format_compact_decimal(value, fraction_digits=1, locale=_LOCALES[pick_lang(lang)])


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

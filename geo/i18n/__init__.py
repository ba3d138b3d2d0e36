"""Every string a user reads, in Kazakh, Russian and English, and locale-aware number and date formats."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

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

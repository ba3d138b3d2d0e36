"""What a library said about a file (GEOS, Python's JSON parser, pandas, shapely), in the officer's language.

A problem's ``detail`` param keeps the library's own words, language-neutral as stored; a message never shows them.
Each known wording becomes a phrase with its numbers (a line, a position, a point) in the reader's notation; any
other wording becomes the phrase for the problem's code, so no English text of a library reaches a message.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# (what the library wrote, the phrase it becomes). Named groups are the phrase's placeholders; x and y a point.
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), key)
    for pattern, key in (
        # GEOS (shapely.is_valid_reason): what is wrong, and where
        (r"^ring self-intersection\[(?P<x>\S+) (?P<y>\S+)\]", "ring_self_intersection"),
        (r"^self-intersection\[(?P<x>\S+) (?P<y>\S+)\]", "self_intersection"),
        (r"^too few points in geometry component\[(?P<x>\S+) (?P<y>\S+)\]", "too_few_points"),
        (r"^hole lies outside shell\[(?P<x>\S+) (?P<y>\S+)\]", "hole_outside"),
        (r"^nested holes\[(?P<x>\S+) (?P<y>\S+)\]", "nested_holes"),
        (r"^interior is disconnected\[(?P<x>\S+) (?P<y>\S+)\]", "disconnected"),
        (r"^nested shells\[(?P<x>\S+) (?P<y>\S+)\]", "nested_shells"),
        (r"^duplicate rings\[(?P<x>\S+) (?P<y>\S+)\]", "duplicate_rings"),
        (r"^invalid coordinate", "not_numbers"),
        (r"^ring is not closed\[(?P<x>\S+) (?P<y>\S+)\]", "not_closed"),
        # shapely building a geometry from GeoJSON (geo.geometry.build)
        (r"linearring requires at least 4 coordinates", "too_few_positions"),
        (r"positions with different numbers of coordinates|inhomogeneous", "mixed_positions"),
        (r"coordinates that are not numbers|could not convert|must be (a )?real number", "not_numbers"),
        (r"^unknown geometry type: '?(?P<value>[^']*)'?", "unknown_type"),
        # Python's JSON parser (geo.readers.read_features): where it stopped, and why
        (r"^line (?P<line>\d+), column (?P<col>\d+): expecting value", "json_value"),
        (r"^line (?P<line>\d+), column (?P<col>\d+): expecting ',' delimiter", "json_comma"),
        (r"^line (?P<line>\d+), column (?P<col>\d+): expecting ':' delimiter", "json_colon"),
        (r"^line (?P<line>\d+), column (?P<col>\d+): expecting property name", "json_name"),
        (r"^line (?P<line>\d+), column (?P<col>\d+): unterminated string", "json_string"),
        (r"^line (?P<line>\d+), column (?P<col>\d+): extra data", "json_extra"),
        (r"^line (?P<line>\d+), column (?P<col>\d+)", "json_at"),
        (r"recursion", "json_deep"),
        # pandas reading a CSV
        (r"expected (?P<expected>\d+) fields in line (?P<line>\d+), saw (?P<found>\d+)", "csv_fields"),
    )
)
# The phrase for a detail no pattern knows, by the problem's code.
FALLBACK = {"bad_table": "damaged_table", "bad_json": "json_invalid", "bad_geometry": "bad_coordinates"}
DEFAULT = "invalid_boundary"

PHRASES: dict[str, dict[str, str]] = {
    "self_intersection": {
        "en": "the boundary crosses itself at point {x}, {y}",
        "ru": "самопересечение контура в точке {x}; {y}",
        "kk": "контур өзін-өзі {x}; {y} нүктесінде қиып өтеді",
    },
    "ring_self_intersection": {
        "en": "a ring touches itself at point {x}, {y}",
        "ru": "контур касается сам себя в точке {x}; {y}",
        "kk": "контур өзін-өзі {x}; {y} нүктесінде жанайды",
    },
    "too_few_points": {
        "en": "a ring has too few distinct points (near {x}, {y})",
        "ru": "в контуре слишком мало разных точек (около {x}; {y})",
        "kk": "контурда әртүрлі нүктелер тым аз ({x}; {y} маңында)",
    },
    "hole_outside": {
        "en": "a hole lies outside the plot's boundary (near {x}, {y})",
        "ru": "вырез лежит вне границы участка (около {x}; {y})",
        "kk": "ойық учаске шекарасынан тыс жатыр ({x}; {y} маңында)",
    },
    "nested_holes": {
        "en": "one hole lies inside another (near {x}, {y})",
        "ru": "один вырез лежит внутри другого (около {x}; {y})",
        "kk": "бір ойық екіншісінің ішінде жатыр ({x}; {y} маңында)",
    },
    "disconnected": {
        "en": "holes cut the plot into pieces (near {x}, {y})",
        "ru": "вырезы разрезают участок на части (около {x}; {y})",
        "kk": "ойықтар учаскені бөліктерге бөледі ({x}; {y} маңында)",
    },
    "nested_shells": {
        "en": "one part of the plot lies inside another (near {x}, {y})",
        "ru": "одна часть участка лежит внутри другой (около {x}; {y})",
        "kk": "учаскенің бір бөлігі екіншісінің ішінде жатыр ({x}; {y} маңында)",
    },
    "duplicate_rings": {
        "en": "the same ring is drawn twice (near {x}, {y})",
        "ru": "один и тот же контур нарисован дважды (около {x}; {y})",
        "kk": "бір контур екі рет сызылған ({x}; {y} маңында)",
    },
    "not_closed": {
        "en": "a ring does not end where it starts (near {x}, {y})",
        "ru": "контур не замкнут (около {x}; {y})",
        "kk": "контур тұйықталмаған ({x}; {y} маңында)",
    },
    "too_few_positions": {
        "en": "a ring has fewer than 4 points",
        "ru": "в контуре меньше 4 точек",
        "kk": "контурда 4 нүктеден аз",
    },
    "mixed_positions": {
        "en": "some points have heights and others do not",
        "ru": "у одних точек есть высота, у других нет",
        "kk": "кейбір нүктелерде биіктік бар, кейбірінде жоқ",
    },
    "not_numbers": {
        "en": "some coordinates are not numbers",
        "ru": "часть координат — не числа",
        "kk": "кейбір координаттар сан емес",
    },
    "unknown_type": {
        "en": "unknown geometry type “{value}”",
        "ru": "неизвестный тип геометрии «{value}»",
        "kk": "белгісіз геометрия түрі «{value}»",
    },
    "bad_coordinates": {
        "en": "the coordinates are malformed",
        "ru": "координаты записаны неверно",
        "kk": "координаттар қате жазылған",
    },
    "invalid_boundary": {
        "en": "the boundary is not a valid polygon",
        "ru": "граница не является правильным многоугольником",
        "kk": "шекара дұрыс көпбұрыш емес",
    },
    "json_value": {
        "en": "error at line {line}, position {col}: a value is missing",
        "ru": "ошибка в строке {line}, позиция {col}: пропущено значение",
        "kk": "{line}-жолда, {col}-позицияда қате: мән жоқ",
    },
    "json_comma": {
        "en": "error at line {line}, position {col}: a comma is missing",
        "ru": "ошибка в строке {line}, позиция {col}: пропущена запятая",
        "kk": "{line}-жолда, {col}-позицияда қате: үтір жоқ",
    },
    "json_colon": {
        "en": "error at line {line}, position {col}: a colon is missing",
        "ru": "ошибка в строке {line}, позиция {col}: пропущено двоеточие",
        "kk": "{line}-жолда, {col}-позицияда қате: қос нүкте жоқ",
    },
    "json_name": {
        "en": "error at line {line}, position {col}: a property name in double quotes is expected",
        "ru": "ошибка в строке {line}, позиция {col}: ожидается имя свойства в двойных кавычках",
        "kk": "{line}-жолда, {col}-позицияда қате: қос тырнақшадағы қасиет атауы күтіледі",
    },
    "json_string": {
        "en": "error at line {line}, position {col}: a quotation mark is not closed",
        "ru": "ошибка в строке {line}, позиция {col}: не закрыта кавычка",
        "kk": "{line}-жолда, {col}-позицияда қате: тырнақша жабылмаған",
    },
    "json_extra": {
        "en": "error at line {line}, position {col}: more text after the end of the data",
        "ru": "ошибка в строке {line}, позиция {col}: лишний текст после конца данных",
        "kk": "{line}-жолда, {col}-позицияда қате: деректер соңынан кейін артық мәтін",
    },
    "json_at": {
        "en": "error at line {line}, position {col}",
        "ru": "ошибка в строке {line}, позиция {col}",
        "kk": "{line}-жолда, {col}-позицияда қате",
    },
    "json_deep": {
        "en": "the data is nested too deeply",
        "ru": "слишком глубокая вложенность данных",
        "kk": "деректердің кірістірілуі тым терең",
    },
    "json_invalid": {
        "en": "the text is not valid JSON",
        "ru": "текст не является корректным JSON",
        "kk": "мәтін дұрыс JSON емес",
    },
    "csv_fields": {
        "en": "line {line} has {found} cells where {expected} are expected",
        "ru": "в строке {line} ячеек {found}, а ожидается {expected}",
        "kk": "{line}-жолда {expected} ұяшық орнына {found} ұяшық бар",
    },
    "damaged_table": {
        "en": "the file is damaged or is not a spreadsheet",
        "ru": "файл повреждён или не является таблицей",
        "kk": "файл бүлінген немесе кесте емес",
    },
}


def explain(code: str, detail: object, lang: str, number: Callable[[float], str]) -> str:
    """The officer's words for a library's ``detail`` of problem ``code``; ``number`` writes a coordinate."""
    text = " ".join(str(detail or "").split())
    for pattern, key in PATTERNS:
        found = pattern.search(text)
        if found:
            return _phrase(key, lang, {k: _shown(k, v, number) for k, v in found.groupdict().items()})
    return _phrase(FALLBACK.get(code, DEFAULT), lang, {})


def _shown(name: str, value: str, number: Callable[[float], str]) -> str:
    if name in ("x", "y"):
        try:
            return number(round(float(value), 4))
        except ValueError:
            return value
    return value


def _phrase(key: str, lang: str, params: dict[str, str]) -> str:
    entry = PHRASES[key]
    return (entry.get(lang) or entry["en"]).format(**params)

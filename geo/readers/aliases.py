"""Header aliases: the names officers and GIS programs give each column, in kk, ru and en, folded to meet.

A header matches in any case, with surrounding spaces, units in brackets and trailing unit words ignored. Plot
properties also match as a Shapefile's .dbf cuts them (10 bytes: ``compartmen``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from geo.columns import GAP_FILLING, PLANTING, SOWING

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
    "operation": (
        "operation",
        "операция",
        "вид работ",
        "жұмыс түрі",
        "мероприятие",
        "способ посадки",
        "іс-шара",
        "отырғызу тәсілі",
        "операция түрі",
        "type of work",
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
    "area_ha": (
        "area_ha",
        "площадь, га",
        "аудан, га",
        "площадь посева",
        "себу ауданы",
        "засеяно",
        "себілді",
        "площадь",
        "аудан",
        "ауданы",
        "area",
        "sown area",
        "area sown",
    ),
}
# The words a plantings row may give its operation (DATA-CONTRACT "Plantings"), in kk, ru and en, folded as headers
# are (any case, spaces, '_' and '-' alike); a blank cell is a planting. Each names the operation in
# OPERATION_WORD_LANGS first: the words messages suggest.
OPERATION_WORD_LANGS = ("en", "ru", "kk")
OPERATION_WORDS: dict[str, tuple[str, ...]] = {
    PLANTING: ("planting", "посадка", "отырғызу", "посадка культур", "planted", "посадки"),
    GAP_FILLING: (
        "gap_filling",
        "дополнение",
        "толықтыру",
        "дополнение культур",
        "дополнение лесных культур",
        "подсадка",
        "толықтырып отырғызу",
        "gap filling",
        "beating up",
        "replanting",
    ),
    SOWING: ("sowing", "посев", "себу", "посев семян", "тұқым себу", "seeding", "direct seeding"),
}
# A survey table names its planting with the plantings' plot_id, date, species and survey_date headers, and adds:
SURVEY_ALIASES: dict[str, tuple[str, ...]] = {
    "alive": (
        "alive",
        "живых",
        "тірі",
        "живые",
        "количество живых",
        "живых растений",
        "сохранившихся",
        "тірі көшеттер",
        "тірі өсімдіктер",
        "тірісі",
        "live",
        "live seedlings",
    ),
    "counted": (
        "counted",
        "учтено мест",
        "есепке алынған орын",
        "учтено",
        "мест посадки",
        "учтено посадочных мест",
        "посадочных мест",
        "есептелген орын",
        "отырғызу орны",
        "spots counted",
        "planting spots",
    ),
    "survey": (
        "survey",
        "номер учета",
        "есеп нөмірі",
        "учет",
        "вид учета",
        "инвентаризация",
        "түгендеу",
        "inventory",
        "survey number",
    ),
    "sample_plot": (
        "sample_plot",
        "учетная площадка",
        "есепке алу алаңы",
        "пробная площадка",
        "площадка",
        "сынақ алаңы",
        "алаң",
        "sample plot",
    ),
}
# A write-off table (DATA-CONTRACT "Write-offs") names its plot and species as a plantings table does; its ``date``
# is the act's, and the planting's date (which a plantings table calls ``date``) is ``planting_date``.
WRITEOFF_ALIASES: dict[str, tuple[str, ...]] = {
    "plot_id": PLANTING_ALIASES["plot_id"],
    "date": (
        "date",
        "дата акта",
        "акт күні",
        "act date",
        "дата",
        "дата списания",
        "есептен шығару күні",
        "күні",
        "акт жасалған күні",
        "date of act",
        "write-off date",
    ),
    "reason": ("reason", "причина", "себебі", "себеп", "причина списания", "есептен шығару себебі", "cause"),
    "act": ("act", "номер акта", "акт нөмірі", "акт", "№ акта", "акт №", "act number", "act no", "act №"),
    "species": PLANTING_ALIASES["species"],
    "planting_date": (
        "planting_date",
        "дата посадки",
        "отырғызу күні",
        "planting date",
        "date planted",
        "отырғызылған күні",
        "дата посева",
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

# Longitude and latitude of a table of points (one row per plot).
POINT_ALIASES: dict[str, tuple[str, ...]] = {
    "lon": ("lon", "долгота", "бойлық", "longitude", "lng", "long", "x"),
    "lat": ("lat", "широта", "ендік", "latitude", "y"),
}
DBF_NAME_BYTES = 10  # a .dbf field name is at most this long

_UNIT_WORDS = {"шт", "штук", "pcs", "дана", "га", "ha"}


_LONGEST_HEADER = 200


@lru_cache(maxsize=4096)
def header_key(text: object) -> str:
    """Fold a header so 'Посажено (шт.)', ' PLANTED ' and 'кол-во посаженных' meet their aliases."""
    text = str(text)
    if len(text) > _LONGEST_HEADER:  # no alias is that long (and the folding below is not linear in it)
        return text[:_LONGEST_HEADER].casefold()
    folded = re.sub(r"\(.*?\)", " ", text.casefold().replace("ё", "е"))
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


def _with_dbf_cuts(columns: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each alias also as a .dbf field name cuts it (10 bytes in UTF-8 or in Windows-1251), after the rest."""
    cut: dict[str, tuple[str, ...]] = {}
    taken = {header_key(alias) for aliases in columns.values() for alias in aliases}
    for canonical, aliases in columns.items():
        extra = []
        for alias in aliases:
            for encoding in ("utf-8", "cp1251"):
                encoded = alias.encode(encoding, errors="ignore")
                short = encoded[:DBF_NAME_BYTES].decode(encoding, errors="ignore")
                if len(encoded) > DBF_NAME_BYTES and header_key(short) not in taken:
                    taken.add(header_key(short))
                    extra.append(short)
        cut[canonical] = (*aliases, *extra)
    return cut


PLANTING_LOOKUP = _alias_lookup({**PLANTING_ALIASES, **SURVEY_ALIASES})  # every table kind
PLOT_LOOKUP = _alias_lookup(_with_dbf_cuts(PLOT_ALIASES))
WRITEOFF_LOOKUP = _alias_lookup(WRITEOFF_ALIASES)
POINTS_LOOKUP = _alias_lookup({**_with_dbf_cuts(PLOT_ALIASES), **POINT_ALIASES})


def _word_lookup(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Folded word -> its value; a word of two values is a mistake in the table."""
    lookup: dict[str, str] = {}
    for value, spellings in words.items():
        for word in spellings:
            if lookup.setdefault(header_key(word), value) != value:
                raise ValueError(f"word {word!r} names two values")
    return lookup


OPERATION_LOOKUP = _word_lookup(OPERATION_WORDS)


def operation_of(text: str) -> str | None:
    """The operation a cell names ('planting' for a blank one); None when it names none."""
    return OPERATION_LOOKUP.get(header_key(text)) if text.strip() else PLANTING


def best_of(headers: list[Any], lookup: dict[str, tuple[str, int]]) -> dict[str, int]:
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

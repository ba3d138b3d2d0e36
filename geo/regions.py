"""Kazakhstan's regions (ISO 3166-2:KZ numeric codes) and how users spell them."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    en: str
    ru: str
    kk: str
    centre: tuple[float, float]  # (lat, lon) of the admin centre

    def name(self, lang: str) -> str:
        return getattr(self, lang if lang in ("en", "ru", "kk") else "en")


# Russian names as the 2022 decrees gave them: the three new regions keep their Kazakh names ("область Абай",
# "область Жетісу", "область Ұлытау"), the others their long-standing adjective form; older spellings are below.
REGIONS: dict[str, Region] = {
    r.code: r
    for r in (
        Region("KZ-10", "Abai Region", "область Абай", "Абай облысы", (50.41, 80.23)),
        Region("KZ-11", "Akmola Region", "Акмолинская область", "Ақмола облысы", (53.28, 69.39)),
        Region("KZ-15", "Aktobe Region", "Актюбинская область", "Ақтөбе облысы", (50.28, 57.17)),
        Region("KZ-19", "Almaty Region", "Алматинская область", "Алматы облысы", (43.87, 77.07)),
        Region("KZ-23", "Atyrau Region", "Атырауская область", "Атырау облысы", (47.10, 51.92)),
        Region(
            "KZ-27", "West Kazakhstan Region", "Западно-Казахстанская область", "Батыс Қазақстан облысы", (51.23, 51.37)
        ),
        Region("KZ-31", "Zhambyl Region", "Жамбылская область", "Жамбыл облысы", (42.90, 71.37)),
        Region("KZ-33", "Zhetysu Region", "область Жетісу", "Жетісу облысы", (45.02, 78.37)),
        Region("KZ-35", "Karaganda Region", "Карагандинская область", "Қарағанды облысы", (49.80, 73.10)),
        Region("KZ-39", "Kostanay Region", "Костанайская область", "Қостанай облысы", (53.21, 63.63)),
        Region("KZ-43", "Kyzylorda Region", "Кызылординская область", "Қызылорда облысы", (44.85, 65.51)),
        Region("KZ-47", "Mangystau Region", "Мангистауская область", "Маңғыстау облысы", (43.65, 51.17)),
        Region("KZ-55", "Pavlodar Region", "Павлодарская область", "Павлодар облысы", (52.29, 76.97)),
        Region(
            "KZ-59",
            "North Kazakhstan Region",
            "Северо-Казахстанская область",
            "Солтүстік Қазақстан облысы",
            (54.87, 69.15),
        ),
        Region("KZ-61", "Turkistan Region", "Туркестанская область", "Түркістан облысы", (43.30, 68.25)),
        Region("KZ-62", "Ulytau Region", "область Ұлытау", "Ұлытау облысы", (47.80, 67.71)),
        Region(
            "KZ-63",
            "East Kazakhstan Region",
            "Восточно-Казахстанская область",
            "Шығыс Қазақстан облысы",
            (49.95, 82.61),
        ),
        Region("KZ-71", "Astana", "Астана", "Астана", (51.17, 71.43)),
        Region("KZ-75", "Almaty", "Алматы", "Алматы", (43.24, 76.89)),
        Region("KZ-79", "Shymkent", "Шымкент", "Шымкент", (42.32, 69.59)),
    )
}

# Pre-2022 letter codes and the names people still type.
_OLD_CODES = {
    "KZ-AKM": "KZ-11",
    "KZ-AKT": "KZ-15",
    "KZ-ALM": "KZ-19",
    "KZ-ALA": "KZ-75",
    "KZ-AST": "KZ-71",
    "KZ-ATY": "KZ-23",
    "KZ-ZAP": "KZ-27",
    "KZ-ZHA": "KZ-31",
    "KZ-KAR": "KZ-35",
    "KZ-KUS": "KZ-39",
    "KZ-KZY": "KZ-43",
    "KZ-MAN": "KZ-47",
    "KZ-PAV": "KZ-55",
    "KZ-SEV": "KZ-59",
    "KZ-SHY": "KZ-79",
    "KZ-VOS": "KZ-63",
    "KZ-YUZ": "KZ-61",
}
_SPELLINGS = {
    "KZ-10": ["abai", "abay", "semey", "semipalatinsk", "семипалатинская", "семей", "абай", "абайская"],
    "KZ-11": ["akmola", "aqmola", "акмолинская", "ақмола", "акмола", "kokshetau"],
    "KZ-15": ["aktobe", "aqtobe", "aktyubinsk", "актюбинская", "ақтөбе", "актобе"],
    "KZ-19": ["almaty region", "almaty oblysy", "алматинская", "алматы облысы", "almaty oblast"],
    "KZ-23": ["atyrau", "atirau", "атырауская", "атырау"],
    "KZ-27": [
        "west kazakhstan",
        "batys kazakhstan",
        "western kazakhstan",
        "западно-казахстанская",
        "западно казахстанская",
        "зко",
        "батыс қазақстан",
    ],
    "KZ-31": ["zhambyl", "jambyl", "zhambyl region", "жамбылская", "жамбыл", "taraz"],
    "KZ-33": ["zhetysu", "jetisu", "zhetisu", "jetysu", "жетісу", "жетысу", "жетысуская"],
    "KZ-35": ["karaganda", "qaragandy", "karagandy", "карагандинская", "қарағанды", "караганды"],
    "KZ-39": ["kostanay", "qostanay", "kostanai", "костанайская", "қостанай", "костанай"],
    "KZ-43": ["kyzylorda", "qyzylorda", "kzyl-orda", "кызылординская", "қызылорда", "кызылорда"],
    "KZ-47": ["mangystau", "mangghystau", "mangistau", "mangyshlak", "мангистауская", "маңғыстау", "мангыстау"],
    "KZ-55": ["pavlodar", "павлодарская", "павлодар"],
    "KZ-59": [
        "north kazakhstan",
        "soltustik kazakhstan",
        "северо-казахстанская",
        "северо казахстанская",
        "ско",
        "солтүстік қазақстан",
    ],
    "KZ-61": [
        "turkistan",
        "turkestan",
        "south kazakhstan",
        "туркестанская",
        "түркістан",
        "туркестан",
        "южно-казахстанская",
        "южно казахстанская",
    ],
    "KZ-62": ["ulytau", "улытау", "ұлытау", "улытауская"],
    "KZ-63": [
        "east kazakhstan",
        "shygys kazakhstan",
        "восточно-казахстанская",
        "восточно казахстанская",
        "вко",
        "шығыс қазақстан",
    ],
    "KZ-71": ["astana", "nur-sultan", "nursultan", "астана", "нур-султан", "нұр-сұлтан"],
    "KZ-75": ["almaty city", "г. алматы", "город алматы", "алматы қаласы"],
    "KZ-79": ["shymkent", "шымкент", "chimkent"],
}
_FILLER = re.compile(r"\b(region|oblast|oblysy|province|область|обл|облысы)\b")


def _full_key(text: str) -> str:
    """Fold case, 'ё' and punctuation so spellings of one name meet."""
    text = text.casefold().replace("ё", "е").replace("-", " ").replace("_", " ")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _short_key(text: str) -> str:
    """The full key without the words 'region'/'область'/'облысы'."""
    return " ".join(_FILLER.sub(" ", _full_key(text)).split())


def _aliases() -> list[tuple[str, str]]:
    pairs = []
    for code, region in REGIONS.items():
        pairs += [(code, alias) for alias in (code, code.removeprefix("KZ-"), region.en, region.ru, region.kk)]
    pairs += [(code, alias) for code, spellings in _SPELLINGS.items() for alias in spellings]
    pairs += [(code, alias) for old, code in _OLD_CODES.items() for alias in (old, old.removeprefix("KZ-"))]
    return pairs


def _build_lookups() -> tuple[dict[str, str], dict[str, str]]:
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    for code, alias in _aliases():
        full.setdefault(_full_key(alias), code)
        short.setdefault(_short_key(alias), code)
    return full, short


# Exact spellings win; "Алматы обл." falls back to the short key, where the region comes before the city.
_FULL, _SHORT = _build_lookups()


def normalise_region(value: object) -> str | None:
    """Return the ISO numeric code for a code, old code or name in en/ru/kk; None when unknown."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return _FULL.get(_full_key(text)) or _SHORT.get(_short_key(text))


def closest_regions(value: object, lang: str = "en", n: int = 3) -> list[str]:
    """The valid region names closest to what the user typed, in the user's language."""
    matches = difflib.get_close_matches(_full_key(str(value)), list(_FULL), n=12, cutoff=0.5)
    names: list[str] = []
    for match in matches:
        name = REGIONS[_FULL[match]].name(lang)
        if name not in names:
            names.append(name)
    return names[:n] or [REGIONS[c].name(lang) for c in list(REGIONS)[:n]]


def region_name(code: str, lang: str = "en") -> str:
    region = REGIONS.get(code)
    return region.name(lang) if region else code

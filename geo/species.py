"""The species Kazakhstan plants, named once: the Latin name is the key the store keeps; Russian, Kazakh and English
names and the spellings officers write (``geo/data/species.csv``) lead to it.

A name matches in any case, with 'ё' as 'е', Kazakh letters as their Russian look-alikes (қ as к, ә as а…), and
punctuation and spacing ignored; a Latin binomial also as its abbreviation ('P. sylvestris'), with an author
('L.') or 'sp.'/'spp.' after it; a name with another in brackets by either. A name the catalogue does not know
is kept as written (validation warns about it).
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent / "data" / "species.csv"
_KAZAKH_LETTERS = str.maketrans("әғқңөұүһі", "агкноуухи")
_TRAILING = re.compile(r" (l|sp|spp)$")  # an author (Linnaeus) or 'species' after a Latin name
_BRACKETS = re.compile(r"\((.*?)\)")  # 'саксаул чёрный (Haloxylon aphyllum)': either name will do


@dataclass(frozen=True)
class Species:
    latin: str
    en: str
    ru: str
    kk: str
    aliases: tuple[str, ...]

    def name(self, lang: str) -> str:
        """The species' name in ``lang`` (kk, ru, en)."""
        return str(getattr(self, lang))

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every name leading to this species, the catalogue's names first."""
        genus, _, epithet = self.latin.partition(" ")
        short = (f"{genus[0]}. {epithet}",) if epithet else ()
        return (self.latin, self.ru, self.kk, self.en, *short, *self.aliases)


def fold(text: str) -> str:
    """A name folded so that spellings of one species meet."""
    text = text.casefold().replace("ё", "е").translate(_KAZAKH_LETTERS)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _read() -> dict[str, Species]:
    with CATALOGUE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = {}
    for row in rows:
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        found[row["latin"]] = Species(row["latin"], row["en"], row["ru"], row["kk"], aliases)
    return found


def _lookup(species: dict[str, Species]) -> dict[str, str]:
    """Folded spelling -> Latin name; a spelling of two species is a mistake in the catalogue."""
    lookup: dict[str, str] = {}
    for latin, entry in species.items():
        for spelling in entry.spellings:
            if lookup.setdefault(fold(spelling), latin) != latin:
                raise ValueError(f"species spelling {spelling!r} names {lookup[fold(spelling)]} and {latin}")
    return lookup


SPECIES = _read()
_LOOKUP = _lookup(SPECIES)


@lru_cache(maxsize=4096)
def canonical(text: str) -> str | None:
    """The catalogue's Latin name for a spelling of a species; None when the catalogue does not know it."""
    for candidate in (text, _BRACKETS.sub(" ", text), *_BRACKETS.findall(text)):
        key = fold(candidate)
        found = _LOOKUP.get(key) or _LOOKUP.get(_TRAILING.sub("", key))
        if found:
            return found
    return None


def closest(text: str, lang: str, n: int = 3) -> list[str]:
    """The catalogue's names closest to ``text``, in ``lang``: what the user may have meant."""
    matches = difflib.get_close_matches(fold(text), list(_LOOKUP), n=12, cutoff=0.5)
    names: list[str] = []
    for match in matches:
        name = SPECIES[_LOOKUP[match]].name(lang)
        if name not in names:
            names.append(name)
    return names[:n]


def species_name(name: str, lang: str) -> str:
    """A stored species in ``lang``: the catalogue's name, or the name as written when the catalogue lacks it."""
    entry = SPECIES.get(name)
    return entry.name(lang) if entry else name


LIST_SEPARATOR = ", "  # between the species of a plot, most planted first (geo.viewport, geo.progress)


def listed_names(listed: str, lang: str) -> str:
    """A plot's ', '-joined species, each in ``lang``."""
    return LIST_SEPARATOR.join(species_name(name, lang) for name in listed.split(LIST_SEPARATOR))

"""What every reader gives back: a Table of cells or Features, or ``Unreadable`` with the problem to report."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from geo.errors import CodedError
from geo.i18n import message
from geo.report import Problem


class Unreadable(CodedError):
    """The file cannot be read at all; ``problem`` says why, for the report (a code of geo/i18n/messages.py)."""

    def __init__(self, code: str, **params: Any) -> None:
        self.problem = Problem(code, params=params)
        super().__init__(code, **params)

    def message(self, lang: str = "en") -> str:
        return message(self.code, lang, **self.params)


@dataclass
class Table:
    """Recognised columns of a sheet as stripped text, indexed by Excel row number (header = its own row)."""

    columns: pd.DataFrame
    first_column: pd.Series  # the leftmost column, where a totals label usually sits
    header_row: int
    headers: dict[str, str] = field(default_factory=dict)  # canonical column -> its header as the file wrote it


@dataclass
class Features:
    """Plots as read: each property under its canonical name as a column (a value per feature, None where a
    feature has none), the geometries and the CRS they are in (None: not declared).

    GeoJSON gives raw geometry mappings (``geometries``), or built ones as GDAL formats do; GDAL formats give
    shapely geometries built in bulk (``shapes``), so validation need not build them again. ``failures``: why a
    feature's geometry could not be built (its shape is None), by feature.
    """

    columns: dict[str, list[Any]]
    geometries: list[Any]
    crs: str | None
    shapes: np.ndarray | None = None
    headers: dict[str, str] = field(default_factory=dict)  # canonical property -> its name as the file wrote it
    # (feature, its names given twice), feature None for the document's own: JSON keeps the last value of a name
    repeated_keys: list[tuple[int | None, str]] = field(default_factory=list)
    failures: dict[int, str] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.shapes) if self.shapes is not None else len(self.geometries)


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


def short(exc: BaseException) -> str:
    """An exception as one short line, for a problem's ``detail``."""
    return " ".join(str(exc).split())[:160] or type(exc).__name__

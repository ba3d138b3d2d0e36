"""What the public may see: the programme's figures, with nothing about people, files or batches, computed once per
store version.

The public page and the read API (geo.api) take their figures from here and nowhere else, so they agree by
construction. Each figure is a whitelist of fields picked out of geo.progress's, so a field added there later (a
name, a file) stays private until someone adds it here. Results are kept per store (engine) and per
``store.version``: however many readers ask, each figure is computed once per import or rollback. The same holds
for what the public page draws from the store on every visit: the trajectory's monthly series and the map's national
view (its figures per region), which carry programme figures only.

The cache is per process: several app processes on one store (README, "Several app processes") each compute a
figure once per store version, and each sees another's import within ``VERSION_RECHECK_S``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd
from sqlalchemy.engine import Engine

from geo import progress, store, viewport
from geo.programme import BBox
from geo.queries import NO_FILTERS, Filters
from geo.regions import REGIONS

# The public fields of a summary (geo.progress.summary), of its estimate, and of each entry of its breakdowns.
SUMMARY_FIELDS = (
    "target",
    "planted",
    "surviving",
    "surveyed_planted",
    "plots",
    "area_ha",
    "survival",
    "survival_adjusted",
    "gap_filled",
    "sown_ha",
    "written_off",
    "estimate",
    "estimate_reason",
)
ESTIMATE_FIELDS = ("surviving", "low", "high", "rate", "rate_low", "rate_high", "surveyed", "method")
BREAKDOWN_FIELDS = {
    "by_region": (
        "planted",
        "surviving",
        "plots",
        "area_ha",
        "gap_filled",
        "sown_ha",
        "written_off",
        "estimate",
        "estimate_reason",
    ),
    "by_year": ("planted",),
    "by_partner": ("planted", "plots"),
    "by_species": ("planted",),
}
# One region's public figures (geo.progress.breakdown by region, with the summary's estimate beside them).
REGION_FIELDS = (
    "region",
    "planted",
    "surviving",
    "surveyed_planted",
    "survival",
    "plots",
    "area_ha",
    "gap_filled",
    "sown_ha",
    "written_off",
    "estimate",
    "estimate_reason",
)

T = TypeVar("T")
VERSION_RECHECK_S = 0.5  # how long a read of the store's version is trusted (the API's max-age is 60 s)


class VersionCache:
    """Values computed once per (store, store version, key). Readers of a value already computed take no lock; the
    first reader of a new one computes it while the others wait for it (one computation, not a hundred). Values of
    an older version are dropped when a newer one is stored. The store's version itself is read again at most every
    ``recheck_s`` seconds: a crowd costs one query per interval, and a new import shows within it."""

    def __init__(self, recheck_s: float = VERSION_RECHECK_S) -> None:
        self._values: dict[tuple[Engine, str, Hashable], Any] = {}
        self._versions: dict[Engine, tuple[float, str]] = {}  # engine -> (when read, version)
        self._lock = threading.RLock()  # a value may be computed from another (regions from the summary)
        self.recheck_s = recheck_s

    def version(self, engine: Engine) -> str:
        """``store.version`` of ``engine``, as read within the last ``recheck_s`` seconds."""
        now = time.monotonic()
        known = self._versions.get(engine)
        if known is not None and now - known[0] < self.recheck_s:
            return known[1]
        version = store.version(engine)
        self._versions[engine] = (now, version)
        return version

    def get(self, engine: Engine, key: Hashable, compute: Callable[[], T]) -> tuple[str, T]:
        """The store's version and the value of ``key`` at it, computed by ``compute`` when not yet known."""
        version = self.version(engine)
        slot = (engine, version, key)
        if slot in self._values:
            return version, self._values[slot]
        with self._lock:
            if slot not in self._values:
                value = compute()
                stale = [s for s in self._values if s[0] is engine and s[1] != version]
                for old in stale:
                    del self._values[old]
                self._values[slot] = value
            return version, self._values[slot]


CACHE = VersionCache()


def region_filters(region: str | None) -> Filters:
    """The filters of one region (an ISO code of geo.regions), or of all Kazakhstan."""
    return Filters(regions=(region,)) if region else NO_FILTERS


def _pick(entry: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    picked = {name: entry.get(name) for name in fields}
    if "estimate" in picked and picked["estimate"] is not None:
        picked["estimate"] = {name: picked["estimate"].get(name) for name in ESTIMATE_FIELDS}
    return picked


def public_summary(figures: dict[str, Any]) -> dict[str, Any]:
    """The public part of a summary: its public fields, and each breakdown's entries with theirs."""
    return {
        **_pick(figures, SUMMARY_FIELDS),
        **{
            name: {str(k): _pick(v, fields) for k, v in figures[name].items()}
            for name, fields in BREAKDOWN_FIELDS.items()
        },
    }


def summary(engine: Engine, region: str | None = None) -> tuple[str, dict[str, Any]]:
    """The store's version and the public summary of all Kazakhstan or of one ``region`` (an ISO code)."""
    return CACHE.get(
        engine, ("summary", region), lambda: public_summary(progress.summary(engine, region_filters(region)))
    )


def _number(value: Any, kind: type[int] | type[float]) -> int | float | None:
    """A plain int or float from a frame's cell; None for NA."""
    return None if pd.isna(value) else kind(value)


def _regions(engine: Engine, region: str | None) -> list[dict[str, Any]]:
    _, figures = summary(engine, region)
    frame = progress.breakdown(engine, "region", region_filters(region))
    rows = [
        {
            "region": str(r.region),
            **{name: _number(getattr(r, name), int) for name in ("planted", "surviving", "surveyed_planted", "plots")},
            "survival": _number(r.survival, float),
            "area_ha": _number(r.area_ha, float),
            "gap_filled": _number(r.gap_filled, int),
            "sown_ha": _number(r.sown_ha, float),
            "written_off": _number(r.written_off, int),
            "estimate": figures["by_region"].get(str(r.region), {}).get("estimate"),
            "estimate_reason": figures["by_region"].get(str(r.region), {}).get("estimate_reason"),
        }
        for r in frame.itertuples()
    ]
    order = {code: i for i, code in enumerate(REGIONS)}
    return sorted(rows, key=lambda r: (order.get(r["region"], len(order)), r["region"]))


def regions(engine: Engine, region: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The store's version and one entry per region with plots or plantings (``REGION_FIELDS``, plain numbers and
    None), in geo.regions' order; only ``region``'s when one is given."""
    return CACHE.get(engine, ("regions", region), lambda: _regions(engine, region))


def monthly(engine: Engine) -> tuple[str, pd.DataFrame]:
    """The store's version and the trajectory's series, all Kazakhstan (geo.progress.monthly: month, planted,
    surviving, cumulative). The frame is shared by every reader: draw from it, never modify it."""
    return CACHE.get(engine, ("monthly",), lambda: progress.monthly(engine))


def map_extent(engine: Engine, filters: Filters) -> tuple[str, BBox | None]:
    """The store's version and the box around the plots under ``filters`` (geo.viewport.plots_extent): where the
    map looks when a reader picks a region or a partner."""
    return CACHE.get(engine, ("map_extent", filters), lambda: viewport.plots_extent(engine, filters))


class CachedStoreSource(viewport.StoreSource):
    """The store's map figures (geo.viewport.StoreSource) with the national view's, one row per region, computed
    once per store version for every reader instead of on every visit and every rerun (the map's first report of
    its bounds reruns the page). ``figures``, the summary under the same filters, gives the regions' estimates;
    the grid and the plots depend on each reader's view and are read as before."""

    def regions(self) -> pd.DataFrame:
        key = ("map_regions", self.filters, self.below_target)
        return CACHE.get(self.engine, key, super().regions)[1]  # shared: the map only reads it

"""GeoJSON (RFC 7946, and the 2008 form with a ``crs`` member): raw property values and geometry mappings."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from geo.readers.aliases import PLOT_LOOKUP, best_of
from geo.readers.base import Features, Unreadable, gc_paused, short
from geo.readers.text import check_not_html, decode_text, is_blank
from geo.readers.workbook import is_workbook


def read_geojson(data: bytes) -> Features:
    """Read a GeoJSON FeatureCollection (or one Feature); raises ``Unreadable`` for anything else."""
    if is_blank(data):
        raise Unreadable("empty_file")
    if is_workbook(data):
        raise Unreadable("table_as_plots")
    text = decode_text(data)
    check_not_html(text)
    try:
        with gc_paused():
            document = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise Unreadable("bad_json", detail=f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise Unreadable("bad_json", detail=short(exc)) from None
    if not isinstance(document, dict):
        raise Unreadable("not_geojson")
    kind = document.get("type")
    if kind == "FeatureCollection" and isinstance(document.get("features"), list):
        features = document["features"]
    elif kind == "Feature":
        features = [document]
    else:
        raise Unreadable("not_geojson")
    if not features:
        raise Unreadable("no_rows")
    columns, written = plot_columns([f.get("properties") if isinstance(f, dict) else None for f in features])
    geometries = [f.get("geometry") if isinstance(f, dict) else None for f in features]
    found = Features(columns, geometries, _legacy_crs(document.get("crs")), headers=written)
    found.repeated_keys = _repeated_keys(document, features)
    return found


class _Repeated(dict):
    """A JSON object that names a key more than once: the last value kept, as JSON parsers do, and the keys noted
    (``repeated``) so that the officer hears of it rather than losing the first value silently."""

    repeated: list[str]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object from its pairs; a :class:`_Repeated` one when a key comes twice."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    counted = Counter(key for key, _ in pairs)
    repeated = _Repeated(found)
    repeated.repeated = [key for key, n in counted.items() if n > 1]
    return repeated


def _repeated_keys(document: dict[str, Any], features: list[Any]) -> list[tuple[int | None, str]]:
    """(feature, the names it gives twice) for each feature whose members, properties or geometry name a key
    twice, after (None, names) for the document's own members."""
    found: list[tuple[int | None, str]] = []
    if isinstance(document, _Repeated):
        found.append((None, ", ".join(document.repeated)))
    for i, feature in enumerate(features):
        if not isinstance(feature, dict):
            continue
        parts = (feature, feature.get("properties"), feature.get("geometry"))
        keys = [key for part in parts if isinstance(part, _Repeated) for key in part.repeated]
        if keys:
            found.append((i, ", ".join(keys)))
    return found


def plot_columns(raws: list[Any]) -> tuple[dict[str, list[Any]], dict[str, str]]:
    """The features' properties as columns under canonical names, and each canonical property's name as the first
    feature having it wrote it. Headers are matched once per distinct set of keys, and a file whose features all
    name theirs alike is read a column at a time."""
    keysets = [tuple(raw) if isinstance(raw, dict) else () for raw in raws]
    chosen = {
        keys: {canonical: keys[i] for canonical, i in best_of(list(keys), PLOT_LOOKUP).items()}
        for keys in dict.fromkeys(keysets)
    }
    written: dict[str, str] = {}
    for pairs in chosen.values():
        for canonical, key in pairs.items():
            written.setdefault(canonical, str(key))
    if len(chosen) == 1:
        (pairs,) = chosen.values()
        return {canonical: [raw[key] for raw in raws] for canonical, key in pairs.items()}, written
    return {
        name: [
            raw[chosen[keys][name]] if name in chosen[keys] else None for raw, keys in zip(raws, keysets, strict=True)
        ]
        for name in written
    }, written


def _legacy_crs(member: object) -> str | None:
    """The CRS named by a GeoJSON 2008 ``crs`` member ("name" or the older "EPSG" form), if any."""
    if not isinstance(member, dict) or not isinstance(member.get("properties"), dict):
        return None
    props = member["properties"]
    if member.get("type") == "EPSG" and props.get("code") is not None:
        return f"EPSG:{props['code']}"
    name = props.get("name")
    return str(name) if name else None

"""GeoJSON (RFC 7946, and the 2008 form with a ``crs`` member): raw property values and geometry mappings, or
(:func:`read_geojson_shapes`) shapely geometries built a chunk of features at a time."""

from __future__ import annotations

import codecs
import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import numpy as np

from geo import geometry
from geo.readers.aliases import PLOT_LOOKUP, best_of
from geo.readers.base import Features, Unreadable, gc_paused, short
from geo.readers.text import check_not_html, decode_text, has_binary_head, is_blank
from geo.readers.workbook import is_workbook

CHUNK_FEATURES = 20_000  # features parsed before their geometries are built and the parsed JSON let go
WINDOW_BYTES = 4 << 20  # bytes of the file decoded at a time while features are streamed
_WHITESPACE = re.compile(r"[ \t\n\r]*")


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


def read_geojson_shapes(data: bytes, chunk: int = CHUNK_FEATURES, window: int = WINDOW_BYTES) -> Features:
    """What :func:`read_geojson` reads, with the geometries built (``shapes``, and ``failures`` where one could not
    be). A FeatureCollection in UTF-8 is parsed ``chunk`` features at a time from a window of its text, so a file
    of a million plots is never held as text or as parsed JSON (``window``: bytes decoded at a time); any other
    document (or one this cannot follow to its end) is read whole, with the same result."""
    if is_blank(data) or is_workbook(data):
        return _built(read_geojson(data))
    with gc_paused():
        try:
            return _Stream(_utf8_windows(data, window)).collection(chunk)
        except _NotStreamed:
            return _built(read_geojson(data))


def _built(features: Features) -> Features:
    shapes, failures = geometry.build(features.geometries)
    features.geometries = []
    features.shapes, features.failures = shapes, failures
    return features


class _NotStreamed(Exception):
    """The bytes are not a plain UTF-8 FeatureCollection that streams to its end: read them whole instead."""


def _utf8_windows(data: bytes, window: int) -> Iterator[str]:
    """The file's text a window at a time, as :func:`decode_text` would decode it when it is UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or has_binary_head(data):
        raise _NotStreamed
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for offset in range(start, len(data), window):
            yield decoder.decode(view[offset : offset + window])
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise _NotStreamed from None


class _Stream:
    """A JSON document read from windows of its text: the top-level object's members one by one, and the items of
    its ``features`` array one at a time."""

    def __init__(self, windows: Iterator[str]) -> None:
        self.windows = windows
        self.text = ""
        self.pos = 0
        self.done = False
        self.decoder = json.JSONDecoder(object_pairs_hook=_object)

    def _more(self) -> bool:
        """Add the next windows (at least as much text as is left unread), dropping what was read; False (and
        the text as it was) at the end."""
        pieces = []
        wanted, added = max(len(self.text) - self.pos, 1), 0
        while added < wanted:
            piece = next(self.windows, None)
            if piece is None:
                self.done = True
                break
            pieces.append(piece)
            added += len(piece)
        if not added:
            return False
        self.text, self.pos = self.text[self.pos :] + "".join(pieces), 0
        return True

    def _next_char(self) -> str | None:
        """The next character that is not whitespace (not consumed), None at the end of the text."""
        while True:
            match = _WHITESPACE.match(self.text, self.pos)
            assert match is not None, "the pattern matches the empty string"
            self.pos = match.end()
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self._more():
                return None

    def _expect(self, *chars: str) -> str:
        found = self._next_char()
        if found is None or found not in chars:
            raise _NotStreamed
        self.pos += 1
        return found

    def _value(self) -> Any:
        """The JSON value at the position; one cut by the window's end is read again with more text."""
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.pos)
            except (ValueError, RecursionError):
                if self._more():
                    continue
                raise _NotStreamed from None
            if end < len(self.text) or self.done or not self._more():  # a number may go on in the next window
                self.pos = end
                return value

    def collection(self, chunk: int) -> Features:
        self._expect("{")
        members: dict[str, Any] = {}
        parts: list[Features] = []
        while self._next_char() != "}":
            if members or parts:
                self._expect(",")
                self._next_char()
            key = self._value() if self.text.startswith('"', self.pos) else None
            if not isinstance(key, str) or key in members:
                raise _NotStreamed
            self._expect(":")
            if self._next_char() == "[" and key == "features":
                parts = self._features(chunk)
                members[key] = None
            else:
                members[key] = self._value()
        self.pos += 1
        while self._more():
            pass
        rest = self.text[self.pos :].rstrip("\x1a").strip(" \t\n\r")
        if rest or members.get("type") != "FeatureCollection" or not parts:
            raise _NotStreamed
        found = _joined(parts)
        found.crs = _legacy_crs(members.get("crs"))
        return found

    def _features(self, chunk: int) -> list[Features]:
        """The items of the array at the position, turned into Features ``chunk`` at a time."""
        self.pos += 1
        parts: list[Features] = []
        batch: list[Any] = []
        done = 0
        while self._next_char() != "]":
            if batch or parts:
                self._expect(",")
                self._next_char()
            batch.append(self._value())
            if len(batch) == chunk:
                parts.append(_chunk(batch, done))
                done += len(batch)
                batch = []
        self.pos += 1
        if batch:
            parts.append(_chunk(batch, done))
        return parts


def _chunk(features: list[Any], offset: int) -> Features:
    """Features numbered from ``offset``: their properties' columns and their geometries built."""
    columns, written = plot_columns([f.get("properties") if isinstance(f, dict) else None for f in features])
    columns = {name: _one_each(values) for name, values in columns.items()}
    shapes, failures = geometry.build([f.get("geometry") if isinstance(f, dict) else None for f in features])
    found = Features(columns, [], None, shapes=shapes, headers=written)
    found.failures = {offset + i: detail for i, detail in failures.items()}
    found.repeated_keys = [(offset + i, names) for i, names in _repeated_keys({}, features) if i is not None]
    return found


def _one_each(values: list[Any]) -> list[Any]:
    """``values`` with equal texts as one object: the parser makes a text of each occurrence, and a national file
    writes a few regions, partners or forestries, block and compartment numbers a million times."""
    seen: dict[str, str] = {}
    return [seen.setdefault(value, value) if type(value) is str else value for value in values]


def _joined(parts: list[Features]) -> Features:
    """The chunks' features as one: each column as long as all of them (None where a chunk had it not)."""
    if len(parts) == 1:
        return parts[0]
    written: dict[str, str] = {}
    for part in parts:
        for name, header in part.headers.items():
            written.setdefault(name, header)
    columns = {name: [v for p in parts for v in p.columns.get(name) or [None] * len(p)] for name in written}
    shapes = np.concatenate([p.shapes for p in parts if p.shapes is not None])
    found = Features(columns, [], None, shapes=shapes, headers=written)
    found.failures = {i: detail for p in parts for i, detail in p.failures.items()}
    found.repeated_keys = [pair for p in parts for pair in p.repeated_keys]
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

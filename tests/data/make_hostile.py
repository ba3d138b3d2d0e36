"""Hostile files (issue 18), generated: the big ones in memory by the tests and benchmarks/hostile.py, the small
ones committed beside this script (``python tests/data/make_hostile.py`` writes them again).

Every function returns the file's bytes. Nothing here needs more than a few megabytes to build, whatever the
file inflates to.
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).parent

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"
_HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>plot_id</t></is></c><c r="B1" t="inlineStr"><is><t>date</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>species</t></is></c><c r="D1" t="inlineStr"><is><t>planted</t></is></c></row>'
)


def _member(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    """A ZIP member dated once for all, so the committed files are written byte for byte again."""
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = compress
    return info


def _xlsx(sheet: bytes | None = None, sheet_member: zipfile.ZipInfo | None = None, raw: bytes = b"") -> bytes:
    """A minimal workbook whose one sheet is ``sheet`` (deflated here) or the already deflated ``raw``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(_member("[Content_Types].xml"), _CONTENT_TYPES)
        book.writestr(_member("_rels/.rels"), _RELS)
        book.writestr(_member("xl/workbook.xml"), _WORKBOOK)
        book.writestr(_member("xl/_rels/workbook.xml.rels"), _WORKBOOK_RELS)
        if sheet is not None:
            book.writestr(_member("xl/worksheets/sheet1.xml"), sheet)
    data = out.getvalue()
    if sheet_member is None:
        return data
    return _append_raw_member(data, sheet_member, raw)


def _append_raw_member(data: bytes, info: zipfile.ZipInfo, raw: bytes) -> bytes:
    """``data`` (a ZIP) with one more member whose deflated bytes are ``raw`` and whose sizes ``info`` declares."""
    body = bytearray(data)
    end = body.rindex(b"PK\x05\x06")
    directory_at = int.from_bytes(body[end + 16 : end + 20], "little")
    directory = bytes(body[directory_at:end])
    name = info.filename.encode()
    local = (
        b"PK\x03\x04"
        + (20).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + (8).to_bytes(2, "little")
        + (0).to_bytes(4, "little")
        + info.CRC.to_bytes(4, "little")
        + info.compress_size.to_bytes(4, "little")
        + info.file_size.to_bytes(4, "little")
        + len(name).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + name
    )
    central = (
        b"PK\x01\x02"
        + (20).to_bytes(2, "little")
        + (20).to_bytes(2, "little")
        + (0).to_bytes(2, "little")
        + (8).to_bytes(2, "little")
        + (0).to_bytes(4, "little")
        + info.CRC.to_bytes(4, "little")
        + info.compress_size.to_bytes(4, "little")
        + info.file_size.to_bytes(4, "little")
        + len(name).to_bytes(2, "little")
        + (0).to_bytes(12, "little")  # extra and comment lengths, disk, internal and external attributes
        + directory_at.to_bytes(4, "little")
        + name
    )
    count = int.from_bytes(body[end + 10 : end + 12], "little") + 1
    tail = bytearray(body[end:])
    tail[8:10] = count.to_bytes(2, "little")
    tail[10:12] = count.to_bytes(2, "little")
    new_directory = directory + central
    tail[12:16] = len(new_directory).to_bytes(4, "little")
    tail[16:20] = (directory_at + len(local) + len(raw)).to_bytes(4, "little")
    return bytes(body[:directory_at]) + local + raw + new_directory + bytes(tail)


def _bomb_member(name: str, head: bytes, chunk: bytes, tail: bytes, inflated: int, lie: bool) -> tuple:
    """(ZipInfo, deflated bytes) of a member ``name`` that inflates to about ``inflated`` bytes: ``head``, ``chunk``
    repeated, ``tail``. ``lie``: its directory entry declares a thousandth of that."""
    chunk = chunk * (65536 // len(chunk) + 1)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    crc, size, parts = 0, 0, []
    parts.append(packer.compress(head))
    crc, size = zlib.crc32(head, crc), size + len(head)
    while size < inflated:
        parts.append(packer.compress(chunk))
        crc, size = zlib.crc32(chunk, crc), size + len(chunk)
    parts += [packer.compress(tail), packer.flush()]
    crc, size = zlib.crc32(tail, crc), size + len(tail)
    raw = b"".join(parts)
    info = zipfile.ZipInfo(name)
    info.CRC, info.compress_size = crc, len(raw)
    info.file_size = max(size // 1000, 1) if lie else min(size, 0xFFFFFFFF)
    return info, raw


def bomb_xlsx(inflated: int = 1 << 30, lie: bool = False) -> bytes:
    """A workbook whose one sheet inflates to about ``inflated`` bytes of rows (a cell each, no ``r`` attributes,
    so every row is the same bytes and deflate packs ~1000 to 1). ``lie``: the ZIP directory declares the sheet a
    thousandth of its size (the Rust zip reader inflates it all the same)."""
    row = b"<row>" + b"<c><v>1</v></c>" * 64 + b"</row>"
    head = _SHEET_HEAD.encode() + _HEADER_ROW.encode()
    info, raw = _bomb_member("xl/worksheets/sheet1.xml", head, row, _SHEET_TAIL.encode(), inflated, lie)
    return _xlsx(sheet_member=info, raw=raw)


def bomb_kmz(inflated: int = 1 << 30, lie: bool = False) -> bytes:
    """A KMZ (Google Earth's zipped KML) whose doc.kml inflates to about ``inflated`` bytes of blank placemarks."""
    head = b'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
    info, raw = _bomb_member("doc.kml", head, b"<Placemark></Placemark>", b"</Document></kml>", inflated, lie)
    empty = io.BytesIO()
    zipfile.ZipFile(empty, "w").close()
    return _append_raw_member(empty.getvalue(), info, raw)


def sparse_xlsx() -> bytes:
    """A workbook of two cells, A1 and XFD1048576: a few hundred bytes that span the whole sheet."""
    sheet = (
        _SHEET_HEAD + _HEADER_ROW + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "" + _SHEET_TAIL
    )
    return _xlsx(sheet.encode())


def long_cell_xlsx(chars: int = 100_000) -> bytes:
    """A workbook whose row 2 holds a species of ``chars`` characters (Excel itself stops at 32 767)."""
    cells = '<c r="A2" t="inlineStr"><is><t>SEM-1</t></is></c><c r="B2" t="inlineStr"><is><t>2024-04-15</t></is></c>'
    cells += f'<c r="C2" t="inlineStr"><is><t>{"x" * chars}</t></is></c><c r="D2"><v>10</v></c>'
    return _xlsx((_SHEET_HEAD + _HEADER_ROW + f'<row r="2">{cells}</row>' + _SHEET_TAIL).encode())


def wide_csv(columns: int = 100_000) -> bytes:
    """A plantings CSV whose second line has ``columns`` cells."""
    return ("plot_id;date;species;planted\r\n" + ";" * (columns - 1) + "\r\nSEM-1;15.04.2024;сосна;10\r\n").encode()


def long_line_csv(chars: int = 2_000_000) -> bytes:
    """A plantings CSV whose third line is one cell of ``chars`` characters."""
    return ("plot_id;date;species;planted\r\nSEM-1;15.04.2024;сосна;10\r\n" + "x" * chars + "\r\n").encode()


def stacked_points(count: int) -> bytes:
    """``count`` point plots at one place, each declaring 10 ha: every pair overlaps."""
    features = [
        {
            "type": "Feature",
            "properties": {"plot_id": f"STACK-{i:05d}", "region": "KZ-10", "area_ha": 10},
            "geometry": {"type": "Point", "coordinates": [80.25, 50.41]},
        }
        for i in range(count)
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def ods(content: str) -> bytes:
    """An OpenDocument spreadsheet whose content.xml body (inside office:spreadsheet) is ``content``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(_member("mimetype", zipfile.ZIP_STORED), "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr(
            _member("content.xml"),
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body>'
            f"<office:spreadsheet>{content}</office:spreadsheet></office:body></office:document-content>",
        )
    return out.getvalue()


def repeated_ods() -> bytes:
    """A few hundred bytes of OpenDocument whose one valued cell is repeated over a million rows and 16 384
    columns."""
    return ods(
        '<table:table table:name="P"><table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row></table:table>"
    )


# --- keys that look alike (issue 18 #4): plots and plantings, as typed and as a broken export gives them back -----

# Two plots near Semey; a species with й (лох узколистный) and one with ё, whose letters decompose.
_RINGS = (
    [[80.301, 50.301], [80.305, 50.301], [80.305, 50.304], [80.301, 50.304], [80.301, 50.301]],
    [[80.311, 50.301], [80.315, 50.301], [80.315, 50.304], [80.311, 50.304], [80.311, 50.301]],
)
_PLANTINGS = (
    ("INV-0001", "15.04.2024", "лох узколистный", "1 200"),
    ("INV-0001", "15.04.2024", "берёза повислая", "800"),
    ("INV-0002", "20.04.2024", "сосна обыкновенная", "3 000"),
)
ZWSP, ZWJ, WJ, BOM, NBSP = "\u200b", "\u200d", "\u2060", "\ufeff", "\u00a0"


def _invisible_id(plot_id: str, n: int) -> str:
    """The id with a zero-width space inside (first plot) or a BOM before it (second)."""
    return plot_id.replace("-", "-" + ZWSP) if n == 0 else BOM + plot_id


def alike_plots(invisible: bool = False) -> bytes:
    """The two plots as GeoJSON; ``invisible``: the same plots as an export may give them back: a zero-width space
    or a BOM in the ids, the forestry's letters decomposed (й as и + U+0306), a no-break space and a word joiner
    in the partner, the first ring begun at another vertex and the second drawn clockwise."""
    features = []
    for n, ring in enumerate(_RINGS):
        plot_id, forestry, partner = f"INV-000{n + 1}", "ГЛПР «Семей орманы»", "Shakarim University"
        if invisible:
            plot_id = _invisible_id(plot_id, n)
            forestry = unicodedata.normalize("NFD", forestry)
            partner = partner.replace(" ", NBSP) + WJ
            ring = ring[1:-1] + ring[:2] if n == 0 else ring[::-1]
        properties = {"plot_id": plot_id, "region": "KZ-10", "partner": partner, "forestry": forestry}
        geometry = {"type": "Polygon", "coordinates": [ring]}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1).encode()


def alike_plantings(invisible: bool = False) -> bytes:
    """The plantings of the two plots, as Excel writes a Russian CSV; ``invisible``: the ids as in
    :func:`alike_plots`, the species decomposed, with a no-break space, a zero-width joiner or doubled spaces."""
    lines = ["Код участка;Дата посадки;Порода;Посажено"]
    for n, (plot_id, day, species, planted) in enumerate(_PLANTINGS):
        if invisible:
            plot_id = _invisible_id(plot_id, int(plot_id[-1]) - 1)
            species = (
                unicodedata.normalize("NFD", species),
                species.replace(" ", NBSP),
                species.replace(" ", ZWJ + "  "),
            )[n]
        lines.append(";".join((plot_id, day, species, planted)))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def mixed_encoding_csv() -> bytes:
    """A plantings CSV whose header and first row were saved in UTF-8 and whose last rows were pasted in from a
    Windows-1251 file: line 3 is the first not in UTF-8."""
    utf8 = "Код участка;Дата посадки;Порода;Посажено\r\nINV-0001;15.04.2024;лох узколистный;1 200\r\n"
    cp1251 = "INV-0001;15.04.2024;берёза повислая;800\r\nINV-0002;20.04.2024;сосна обыкновенная;3 000\r\n"
    return utf8.encode() + cp1251.encode("cp1251")


def duplicate_keys_geojson() -> bytes:
    """A plot whose properties name ``plot_id`` twice, as a hand-edited file may (json.dumps cannot write it)."""
    return (
        b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        b'{"plot_id": "INV-0001", "region": "KZ-10", "plot_id": "INV-0009"}, '
        b'"geometry": {"type": "Polygon", "coordinates": [[[80.301, 50.301], [80.305, 50.301], [80.305, 50.304], '
        b"[80.301, 50.304], [80.301, 50.301]]]}}]}"
    )


def unstorable_plots() -> bytes:
    """Plots whose text no store can keep as it is: a 10 000-character id, a NUL in a name, a lone surrogate
    (JSON's "\\ud800") in a partner, a 600-character forestry; and a point declaring 24 billion hectares."""
    square = [[80.301, 50.301], [80.305, 50.301], [80.305, 50.304], [80.301, 50.304], [80.301, 50.301]]
    polygon = {"type": "Polygon", "coordinates": [square]}
    features = [
        {"plot_id": "X" * 10_000, "region": "KZ-10"},
        {"plot_id": "UNS-0002", "region": "KZ-10", "name": "Бор\u0000 кв. 1"},
        {"plot_id": "UNS-0003", "region": "KZ-10", "partner": "NWAFU \ud800"},
        {"plot_id": "UNS-0004", "region": "KZ-10", "forestry": "Ф" * 600},
    ]
    body = [{"type": "Feature", "properties": p, "geometry": polygon} for p in features]
    point = {"type": "Point", "coordinates": [80.25, 50.41]}
    body.append({"type": "Feature", "properties": {"plot_id": "UNS-0005", "region": "KZ-10", "area_ha": 2.4e10}})
    body[-1]["geometry"] = point
    return json.dumps({"type": "FeatureCollection", "features": body}).encode()  # ASCII: escapes kept as escapes


def unstorable_plantings() -> bytes:
    """Plantings whose text the store cannot keep: a 300-character species, a 10 000-character plot id; and
    counts whose written fractions a float would round away."""
    rows = [
        ("INV-0001", "15.04.2024", "с" * 300, "10"),
        ("Y" * 10_000, "15.04.2024", "сосна обыкновенная", "10"),
        ("INV-0001", "16.04.2024", "сосна обыкновенная", "999999999.9999999999"),
        ("INV-0001", "17.04.2024", "сосна обыкновенная", "999999999,9999999999"),
        ("INV-0001", "18.04.2024", "сосна обыкновенная", "12.5"),
        ("INV-0001", "19.04.2024", "сосна обыкновенная", "12500,0"),
    ]
    lines = ["plot_id;date;species;planted", *(";".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode()


# A small plot (about 13 ha) and, 5 km west of it, a point declaring 90 000 ha (the largest legal point area is
# 100 000): its circle of 17 km covers the plot and every point below, though nothing says the plot lies there.
_POINT_PLOT = [[80.32, 50.41], [80.324, 50.41], [80.324, 50.414], [80.32, 50.414], [80.32, 50.41]]
_BIG_POINT = [80.25, 50.41]


def point_by_plot() -> bytes:
    """GeoJSON: the small plot, the 90 000 ha point 5 km from it, and a 0.5 ha point inside the plot."""
    features = [
        ("PNT-POLY", {"type": "Polygon", "coordinates": [_POINT_PLOT]}, None),
        ("PNT-BIG", {"type": "Point", "coordinates": _BIG_POINT}, 90_000),
        ("PNT-KML", {"type": "Point", "coordinates": [80.3215, 50.4115]}, 0.5),
    ]
    body = [
        {
            "type": "Feature",
            "properties": {"plot_id": pid, "region": "KZ-10", **({"area_ha": area} if area else {})},
            "geometry": geometry,
        }
        for pid, geometry, area in features
    ]
    return json.dumps({"type": "FeatureCollection", "features": body}, indent=1).encode()


def points_by_plot() -> bytes:
    """A table of point plots as Excel saves a Russian CSV (Windows-1251, ``;``, decimal comma): PNT-IN inside the
    plot of :func:`point_by_plot`, PNT-SAME at PNT-IN's place, PNT-A and PNT-B 2.1 m apart (not one place),
    PNT-C 0.28 m from PNT-A (one place), all inside PNT-BIG's circle."""
    rows = [
        ("PNT-IN", "80,322", "50,412", "1,5"),
        ("PNT-SAME", "80,322", "50,412", "2"),
        ("PNT-A", "80,40000", "50,41000", "3"),
        ("PNT-B", "80,40003", "50,41000", "3"),
        ("PNT-C", "80,400004", "50,41000", "0,5"),
    ]
    lines = ["Код участка;Область;Долгота;Широта;Площадь, га"]
    lines += [";".join((pid, "Абайская область", lon, lat, area)) for pid, lon, lat, area in rows]
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


# The bombs themselves (hundreds of megabytes inflated) are built by the tests, in a second.
COMMITTED = {
    "hostile_repeated.ods": repeated_ods,
    "hostile_sparse.xlsx": sparse_xlsx,
    "hostile_long_cell.xlsx": long_cell_xlsx,
    "hostile_wide.csv": wide_csv,
    "hostile_stacked_400.geojson": lambda: stacked_points(400),
    "hostile_alike_plots.geojson": alike_plots,
    "hostile_alike_plots_invisible.geojson": lambda: alike_plots(invisible=True),
    "hostile_alike_plantings.csv": alike_plantings,
    "hostile_alike_plantings_invisible.csv": lambda: alike_plantings(invisible=True),
    "hostile_mixed_encoding.csv": mixed_encoding_csv,
    "hostile_duplicate_keys.geojson": duplicate_keys_geojson,
    "hostile_unstorable_plots.geojson": unstorable_plots,
    "hostile_unstorable_plantings.csv": unstorable_plantings,
    "hostile_point_by_plot.geojson": point_by_plot,
    "hostile_points_by_plot.csv": points_by_plot,
}


def main() -> None:
    for name, make in COMMITTED.items():
        (HERE / name).write_bytes(make())


if __name__ == "__main__":
    main()

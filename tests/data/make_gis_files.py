"""Writes the plot files GIS offices send — KML and KMZ from Google Earth, zipped Shapefiles from ArcGIS and QGIS,
GeoPackages, MapInfo TAB and MIF/MID — through GDAL, as those programs write them; and the tables officers keep
beside them: plots as points (CSV in Windows-1251, XLSX), plantings as OpenDocument (.ods, GDAL's writer) and
Excel 97-2003 (.xls, written with xlwt when it is installed; the committed file stays otherwise).

Run once with `python tests/data/make_gis_files.py`; the files are committed, so the tests only read them. Each
file is made from one of the GeoJSON samples beside it, so its expected problems follow from that sample's.
"""

from __future__ import annotations

import tempfile
import warnings
import zipfile
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pyogrio
from openpyxl import Workbook

HERE = Path(__file__).parent


def _sample(name: str) -> gpd.GeoDataFrame:
    return gpd.read_file(HERE / name)


def _zip(folder: Path, stem: str, target: str, leave_out: tuple[str, ...] = (), inner: str = "") -> None:
    """Every file of ``stem`` in ``folder`` into ``target``, as Windows' "Send to compressed folder" does."""
    with zipfile.ZipFile(HERE / target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.glob(f"{stem}.*")):
            if path.suffix.lower() not in leave_out:
                archive.write(path, f"{inner}{path.name}")


def _write(frame: gpd.GeoDataFrame, folder: Path, name: str, driver: str, **options: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL says it cut `compartment` to 10 characters
        pyogrio.write_dataframe(frame, folder / name, driver=driver, **options)


def kml() -> None:
    """Google Earth: names in <name>, the rest in ExtendedData, one Placemark per plot; KMZ is the zipped KML."""
    semey = _sample("plots_semey.geojson")
    for suffix in ("kml", "kmz"):
        (HERE / f"plots_semey.{suffix}").unlink(missing_ok=True)
        _write(semey, HERE, f"plots_semey.{suffix}", "LIBKML")


def shapefiles(folder: Path) -> None:
    """ArcGIS in a Russian Windows writes the .dbf in Windows-1251 and, in older versions, no .cpg; QGIS writes UTF-8
    with a .cpg. Both cut field names to 10 characters (`compartmen`)."""
    semey = _sample("plots_semey.geojson")
    _write(semey, folder, "участки_arcgis.shp", "ESRI Shapefile", encoding="cp1251")
    _zip(folder, "участки_arcgis", "plots_semey_arcgis_shp.zip", leave_out=(".cpg",))
    _write(semey, folder, "plots_qgis.shp", "ESRI Shapefile", encoding="UTF-8")
    _zip(folder, "plots_qgis", "plots_semey_qgis_shp.zip", inner="plots_qgis/")
    utm = _sample("plots_utm42n.geojson").to_crs(32642)
    _write(utm, folder, "kokshetau_utm42n.shp", "ESRI Shapefile", encoding="cp1251")
    _zip(folder, "kokshetau_utm42n", "plots_utm42n_shp.zip")
    bad = _sample("plots_unknown_region.geojson")
    _write(bad, folder, "bad_regions.shp", "ESRI Shapefile", encoding="cp1251")
    _zip(folder, "bad_regions", "plots_unknown_region_shp.zip")
    _zip(folder, "plots_qgis", "plots_no_dbf_shp.zip", leave_out=(".dbf", ".cpg"))


def geopackages() -> None:
    """QGIS: one GeoPackage with the plots beside a layer of survey points; another with two polygon layers."""
    semey = _sample("plots_semey.geojson")
    for name in ("plots_semey.gpkg", "plots_two_layers.gpkg"):
        (HERE / name).unlink(missing_ok=True)
    _write(semey, HERE, "plots_semey.gpkg", "GPKG", layer="участки")
    points = gpd.GeoDataFrame(
        {"point": ["1", "2"]}, geometry=semey.representative_point().iloc[:2].values, crs=semey.crs
    )
    _write(points, HERE, "plots_semey.gpkg", "GPKG", layer="пункты_учета", append=True)
    _write(semey.iloc[:2], HERE, "plots_two_layers.gpkg", "GPKG", layer="2023")
    _write(semey.iloc[2:], HERE, "plots_two_layers.gpkg", "GPKG", layer="2024", append=True)


def mapinfo(folder: Path) -> None:
    """MapInfo Professional in a Russian Windows: charset WindowsCyrillic, TAB with .dat/.map/.id, or MIF/MID."""
    semey = _sample("plots_semey.geojson")
    _write(semey, folder, "semey.tab", "MapInfo File", dataset_options={"ENCODING": "CP1251"})
    _zip(folder, "semey", "plots_semey_tab.zip")
    _write(semey, folder, "semey_mif.mif", "MapInfo File", dataset_options={"ENCODING": "CP1251"})
    _zip(folder, "semey_mif", "plots_semey_mif.zip")


def broken() -> None:
    """What goes wrong on the way: a GeoPackage cut short in transfer, and a ZIP holding no plot layer."""
    whole = (HERE / "plots_semey.gpkg").read_bytes()
    (HERE / "plots_damaged.gpkg").write_bytes(whole[:1024] + bytes(3072))
    with zipfile.ZipFile(HERE / "plots_readme_only.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ПРОЧТИ.txt", "Границы участков пришлю позже.\n")
        archive.writestr("участки.docx", b"PK\x03\x04 not really a document")


POINT_ROWS = [
    ("ARL-0101", "Кызылординская область", "Korkyt Ata University", "61,6712", "45,7725", "12,5", "Аральский лесхоз"),
    ("ARL-0102", "Кызылординская область", "Korkyt Ata University", "61,7045", "45,7591", "9", "Аральский лесхоз"),
    ("ARL-0103", "KZ-43", "Korkyt Ata University", "61,7321", "45,7402", "7,25", "Аральский лесхоз"),
]
POINT_HEADER = ["Код участка", "Область", "Партнёр", "Долгота", "Широта", "Площадь, га", "Лесхоз"]


def point_tables() -> None:
    """Plots as points: a CSV saved by Excel in a Russian Windows (';', decimal comma, Windows-1251), and a workbook
    with a title row, English headers and one plot without its area."""
    lines = [";".join(POINT_HEADER), *(";".join(row) for row in POINT_ROWS)]
    (HERE / "plots_aral_points_cp1251.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    book = Workbook()
    sheet = book.active
    sheet.title = "Участки"
    sheet["A1"] = "Участки посадок саксаула, 2025"
    sheet.append(["plot_id", "region", "lon", "lat", "area_ha", "forestry"])
    sheet.append(["ARL-0201", "Кызылординская область", 61.6712, 45.7725, 12.5, "Аральский лесхоз"])
    sheet.append(["ARL-0202", "KZ-43", 61.7045, 45.7591, 9, "Аральский лесхоз"])
    sheet.append(["ARL-0203", "KZ-43", 61.7321, 45.7402, None, "Аральский лесхоз"])
    book.save(HERE / "plots_aral_points.xlsx")


PLANTING_HEADER = ["Участок", "Дата посадки", "Порода", "Посажено", "Прижилось", "Дата учета"]
PLANTING_ROWS = [
    ("SEM-0001", datetime(2024, 4, 15), "сосна обыкновенная", 12500, 11250, datetime(2024, 9, 30)),
    ("SEM-0002", datetime(2024, 4, 18), "сосна обыкновенная", 8750, None, None),
    ("SEM-0003", datetime(2024, 4, 22), "берёза повислая", 2000, 2100, datetime(2024, 9, 30)),
]


def _ods_cell(value: object) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, datetime):
        day = value.date().isoformat()
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{day}">'
            f"<text:p>{value:%d.%m.%Y}</text:p></table:table-cell>"
        )
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


def _write_ods(target: Path, sheet: str, rows: list) -> None:
    """An OpenDocument spreadsheet as LibreOffice Calc stores it: ``mimetype`` first and uncompressed, then the
    manifest and one compact content.xml. (GDAL's ODS writer indents its XML, which calamine does not read.)"""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    body = "".join("<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.3">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


def planting_workbooks() -> None:
    """Plantings as LibreOffice saves them (.ods) and as Excel 97-2003 does (.xls, through xlwt); the
    third row's surviving exceeds planted."""
    _write_ods(HERE / "plantings_semey.ods", "Посадки", [PLANTING_HEADER, *PLANTING_ROWS])
    try:
        import xlwt  # only this generator needs it, and only to write the .xls
    except ImportError:
        return
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Посадки")
    dates = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for col, name in enumerate(PLANTING_HEADER):
        sheet.write(0, col, name)
    for r, row in enumerate(PLANTING_ROWS, start=1):
        for col, value in enumerate(row):
            if value is not None:
                sheet.write(r, col, value, dates if isinstance(value, datetime) else xlwt.Style.default_style)
    book.save(str(HERE / "plantings_semey.xls"))


def main() -> None:
    kml()
    geopackages()
    with tempfile.TemporaryDirectory() as tmp:
        shapefiles(Path(tmp))
        mapinfo(Path(tmp))
    broken()
    point_tables()
    planting_workbooks()


if __name__ == "__main__":
    main()

"""Writes the write-off test files the way officers send them: writeoffs_*.csv as Excel in a Russian locale saves
"CSV (разделители — точка с запятой)" (Windows-1251, ``;``, dd.mm.yyyy, CRLF), and writeoffs_kk.xlsx, a Kazakh
workbook with a title row above the headers and real dates in the cells.

Run once with `python tests/data/make_writeoffs.py`; the files are committed.
"""

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

PLANTINGS = (  # three plots of plots_semey.geojson; eight surveyed plantings (an estimate), one not surveyed
    ("Участок", "Дата посадки", "Порода", "Посажено", "Прижилось", "Дата учета"),
    ("SEM-0001", "15.04.2023", "сосна обыкновенная", "4 000", "3 000", "10.09.2024"),
    ("SEM-0001", "20.04.2024", "берёза повислая", "1 000", "700", "10.09.2024"),
    ("SEM-0002", "16.04.2023", "сосна обыкновенная", "3 000", "2 400", "11.09.2024"),
    ("SEM-0002", "05.05.2023", "сосна обыкновенная", "1 200", "960", "11.09.2024"),
    ("SEM-0002", "18.04.2024", "сосна обыкновенная", "2 000", "", ""),
    ("SEM-0003", "17.04.2023", "сосна обыкновенная", "5 000", "4 000", "12.09.2024"),
    ("SEM-0003", "17.04.2023", "берёза повислая", "1 500", "1 200", "12.09.2024"),
    ("SEM-0003", "19.04.2024", "сосна обыкновенная", "2 500", "2 000", "12.09.2024"),
    ("SEM-0003", "25.04.2024", "берёза повислая", "800", "560", "12.09.2024"),
)
# Gap-filling on SEM-0001 before its fire: seedlings replacing dead ones, one of them of the birch planting's day
# and species (the same plot, date and species as a planting, another operation).
GAP_FILLINGS = (
    ("Участок", "Дата посадки", "Порода", "Посажено", "Прижилось", "Дата учета", "Операция"),
    ("SEM-0001", "20.04.2024", "сосна обыкновенная", "600", "", "", "дополнение"),
    ("SEM-0001", "20.04.2024", "берёза повислая", "300", "", "", "дополнение"),
)
HEADER = ("Участок", "Дата акта", "Причина", "Номер акта", "Порода", "Дата посадки")
FILES = {
    # The fire of June 2025 on SEM-0001: every planting of the plot.
    "writeoffs_fire_cp1251.csv": (HEADER, ("SEM-0001", "02.06.2025", "Пожар", "12", "", "")),
    # The same act again as the officer's next cumulative sheet: other case and spacing, a totals row.
    "writeoffs_fire_again_cp1251.csv": (
        HEADER,
        (" SEM-0001 ", "02.06.2025", "ПОЖАР", "12", "", ""),
        ("Итого", "", "", "", "", ""),
    ),
    # Drought writes off the birch of 2023 on SEM-0003 alone; its pines stay.
    "writeoffs_one_planting_cp1251.csv": (HEADER, ("SEM-0003", "20.05.2025", "засуха", "7/25", "берёза", "17.04.2023")),
    # Every kind of mistake, one a row.
    "writeoffs_bad_cp1251.csv": (
        HEADER,
        ("SEM-0009", "02.06.2025", "пожар", "13", "", ""),  # 2: no such plot
        ("SEM-0002", "02.06.2025", "пожар", "14", "берёза повислая", "16.04.2023"),  # 3: no such planting
        ("SEM-0002", "02.06.2025", "наводнение", "15", "", ""),  # 4: not a reason
        ("SEM-0002", "02.06.2025", "выпас", "", "", ""),  # 5: no act number
        ("SEM-0002", "02.06.2099", "вредители", "16", "", ""),  # 6: the future
    ),
}


def write_csv(name: str, rows: tuple[tuple[str, ...], ...]) -> None:
    text = "".join(";".join(row) + "\r\n" for row in rows)
    (HERE / name).write_bytes(text.encode("cp1251"))


def main() -> None:
    write_csv("writeoffs_plantings_cp1251.csv", PLANTINGS)
    write_csv("writeoffs_gap_fillings_cp1251.csv", GAP_FILLINGS)
    for name, rows in FILES.items():
        write_csv(name, rows)
    book = Workbook()
    sheet = book.active
    sheet.title = "Есептен шығару"
    sheet["A1"] = "Есептен шығару актілері, Абай облысы, 2025 жыл"
    sheet.append([])
    sheet.append(["Учаске коды", "Акт күні", "Себебі", "Акт нөмірі", "Ағаш түрі", "Отырғызу күні"])
    sheet.append(["SEM-0001", datetime(2025, 6, 2), "өрт", 12, None, None])
    sheet.append(["SEM-0003", datetime(2025, 5, 20), "Құрғақшылық", "7/25", "қайың", datetime(2023, 4, 17)])
    for cell in sheet["B"][3:] + sheet["F"][3:]:
        cell.number_format = "DD.MM.YYYY"
    book.save(HERE / "writeoffs_kk.xlsx")


if __name__ == "__main__":
    main()

"""Writes plantings_season_2024.xlsx (and its copy renamed .csv) the way an officer's workbook looks.

Run once with `python tests/data/make_xlsx.py`; the .xlsx files are committed, so tests never need openpyxl.
"""

import shutil
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Посадки 2024"
    sheet["A1"] = "Учёт лесных культур, Абайская область, 2024 год"
    sheet.append([])
    sheet.append(["Код участка", "Дата посадки", "Порода", "Посажено", "Прижилось", "Дата учёта", "Примечание"])
    rows = [
        ("SEM-0001", datetime(2024, 4, 15), "сосна обыкновенная", 12500, 11250, datetime(2024, 9, 30), None),
        ("SEM-0002", datetime(2024, 4, 18), "сосна обыкновенная", 8750, None, None, "учёт осенью 2025"),
        ("SEM-0003", "22.04.2024", "берёза повислая", 2000.0, 1640, "30.09.2024", None),
        (1205, datetime(2024, 10, 3), "сосна обыкновенная", 6250, None, None, "код из старой книги"),
    ]
    for row in rows:
        sheet.append(row)
    sheet.append(["Итого", None, None, "=SUM(D4:D7)", "=SUM(E4:E7)"])
    for cell in sheet["B"][3:] + sheet["F"][3:]:
        cell.number_format = "DD.MM.YYYY"

    older = book.create_sheet("Посадки 2023")
    older.append(["Участок", "Дата посадки", "Порода", "Посажено", "Прижилось", "Дата учета"])
    older.append(["SEM-0001", datetime(2023, 4, 20), "сосна обыкновенная", 10000, 8100, datetime(2023, 9, 28)])
    older.append(["SEM-0002", datetime(2023, 4, 21), "сосна обыкновенная", 5000, 5200, datetime(2023, 9, 28)])

    target = HERE / "plantings_season_2024.xlsx"
    book.save(target)
    shutil.copyfile(target, HERE / "plantings_xlsx_renamed.csv")


if __name__ == "__main__":
    main()

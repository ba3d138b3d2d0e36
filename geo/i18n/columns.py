"""Column names as an officer writes them in kk, ru and en: the headers of the upload templates, and the name a
report gives a column the file does not have. Each is an alias the readers accept for that column."""

from __future__ import annotations

COLUMN_NAMES: dict[str, dict[str, str]] = {
    "plot_id": {"en": "plot_id", "ru": "код участка", "kk": "учаске коды"},
    "name": {"en": "name", "ru": "название", "kk": "атауы"},
    "region": {"en": "region", "ru": "область", "kk": "облыс"},
    "partner": {"en": "partner", "ru": "партнёр", "kk": "серіктес"},
    "forestry": {"en": "forestry", "ru": "лесхоз", "kk": "орман шаруашылығы"},
    "block": {"en": "block", "ru": "квартал", "kk": "орам"},
    "compartment": {"en": "compartment", "ru": "выдел", "kk": "бөлік"},
    "lon": {"en": "lon", "ru": "долгота", "kk": "бойлық"},
    "lat": {"en": "lat", "ru": "широта", "kk": "ендік"},
    "area_ha": {"en": "area_ha", "ru": "площадь, га", "kk": "аудан, га"},
    "date": {"en": "date", "ru": "дата посадки", "kk": "отырғызу күні"},
    "species": {"en": "species", "ru": "порода", "kk": "ағаш түрі"},
    "planted": {"en": "planted", "ru": "посажено", "kk": "отырғызылды"},
    "surviving": {"en": "surviving", "ru": "прижилось", "kk": "сақталды"},
    "survey_date": {"en": "survey_date", "ru": "дата учёта", "kk": "есеп күні"},
    "operation": {"en": "operation", "ru": "вид работ", "kk": "жұмыс түрі"},
    "alive": {"en": "alive", "ru": "живых", "kk": "тірі"},
    "counted": {"en": "counted", "ru": "учтено мест", "kk": "есепке алынған орын"},
    "survey": {"en": "survey", "ru": "инвентаризация", "kk": "түгендеу"},
    "sample_plot": {"en": "sample_plot", "ru": "учётная площадка", "kk": "есепке алу алаңы"},
    "reason": {"en": "reason", "ru": "причина", "kk": "себебі"},
    "act": {"en": "act", "ru": "номер акта", "kk": "акт нөмірі"},
    "planting_date": {"en": "planting_date", "ru": "дата посадки", "kk": "отырғызу күні"},
    "geometry": {"en": "geometry", "ru": "геометрия", "kk": "геометрия"},
    "problems": {"en": "Problems", "ru": "Ошибки", "kk": "Қателер"},
}

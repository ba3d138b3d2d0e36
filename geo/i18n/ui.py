"""User-interface strings: key -> {"en", "ru", "kk"}."""

UI: dict[str, dict[str, str]] = {
    "app_title": {"en": "Orman — reforestation progress", "ru": "Орман — ход лесовосстановления",
                  "kk": "Орман — орман молықтыру барысы"},
}

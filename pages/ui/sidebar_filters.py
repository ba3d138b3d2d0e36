"""The sidebar filters the map and progress pages share (region, partner, species, year), kept across pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from geo import progress, queries
from geo.i18n import t
from geo.regions import region_name
from geo.species import species_name
from pages.ui import look
from pages.ui.database import engine

FILTERS_KEY = "filters"
FILTER_FIELDS = ("region", "partner", "species", "year")


def filters() -> dict[str, list[Any]]:
    """The current filters: field -> chosen values (empty = all)."""
    chosen: dict[str, list[Any]] = st.session_state.setdefault(FILTERS_KEY, {f: [] for f in FILTER_FIELDS})
    return chosen


def _keep(field: str) -> None:
    filters()[field] = list(st.session_state[f"_filter_{field}"])


def _clear() -> None:
    st.session_state[FILTERS_KEY] = {f: [] for f in FILTER_FIELDS}
    for f in FILTER_FIELDS:
        st.session_state.pop(f"_filter_{f}", None)


def _shown(names: dict[Any, str]) -> Callable[[Any], str]:
    """How a filter shows its values: by ``names`` where given, else as written."""

    def show(value: object) -> str:
        return names.get(value, str(value))

    return show


def filter_sidebar(
    options: dict[str, list[Any]], labels: dict[str, dict[Any, str]], lang_code: str
) -> dict[str, list[Any]]:
    """Multiselects for region, partner, species and year in the sidebar, kept across pages, with no word of
    Streamlit's own English (no "Select all"; "No results" in the reader's language).

    ``options``: field -> values offered; ``labels``: field -> {value: shown text}.
    """
    current = filters()
    side = st.sidebar
    look.multiselect_words(lang_code)
    side.subheader(t("filters_title", lang_code))
    side.caption(t("filters_caption", lang_code))
    for field in FILTER_FIELDS:
        values = options.get(field, [])
        chosen = [v for v in current.get(field, []) if v in values]
        key = f"_filter_{field}"
        st.session_state[key] = chosen
        side.multiselect(
            t(f"filter_{field}", lang_code),
            values,
            key=key,
            on_change=_keep,
            args=(field,),
            format_func=_shown(labels.get(field, {})),
            placeholder=t("filter_all", lang_code),
            select_all=False,  # nothing chosen already means all; and Streamlit words the option in English
        )
        current[field] = chosen
    if any(current.values()):
        side.button(t("filters_reset", lang_code), on_click=_clear, icon=":material/filter_alt_off:")
    return current


def shared_filters(lang_code: str) -> queries.Filters:
    """The sidebar filters the map and progress pages share, as geo.queries Filters."""
    options = progress.filter_options(engine())
    values = {
        "region": options["regions"],
        "partner": options["partners"],
        "species": options["species"],
        "year": options["years"],
    }
    labels = {
        "region": {code: region_name(code, lang_code) for code in values["region"]},
        "partner": {"": t("no_partner", lang_code)},
        "species": {name: species_name(name, lang_code) for name in values["species"]},
    }
    chosen = filter_sidebar(values, labels, lang_code)
    return queries.Filters(
        regions=tuple(chosen["region"]),
        partners=tuple(chosen["partner"]),
        species=tuple(chosen["species"]),
        years=tuple(int(y) for y in chosen["year"]),
    )

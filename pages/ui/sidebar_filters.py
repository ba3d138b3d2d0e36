"""The choices that decide what a page shows, in the address: the sidebar filters the map and progress pages share
(region, partner, species, year), a page's tabs, the map's switches, the batch History shows.

One mechanism, :func:`bound`, for all of them: a choice comes from the address (``st.query_params``) when the address
gives one, else from what the session kept, else its default; the address then says it (nothing when it is the
default), and every change updates it, so a copied link opens the same view. The session keeps each choice too, as
Streamlit clears the address when the menu switches pages. Values the address gives that the page does not offer (an
unknown region, a year with no plantings, a typo) are ignored quietly, never an error.

Address: ``?region=KZ-10&region=KZ-19&partner=…&species=…&year=2024`` (repeated for several), ``?tab=survival``,
``?colour=species&below=True`` on the map, ``?batch=12`` on History.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo import progress, queries
from geo.i18n import t
from geo.regions import region_name
from geo.species import species_name
from pages.ui import look
from pages.ui.database import engine

KEPT_KEY = "address_kept"  # address parameter -> the choice kept for the session (lists for the filters)
FILTER_FIELDS = ("region", "partner", "species", "year")  # each its own parameter of the address
TAB_PARAM = "tab"


def from_address(param: str, offered: Sequence[Any]) -> list[Any]:
    """The values ``param`` has in the address (``?year=2023&year=2024``) that are among ``offered`` (compared as
    text), in the address's order, each once; any other value is dropped."""
    by_text = {str(value): value for value in offered}
    found: list[Any] = []
    for raw in st.query_params.get_all(param):
        text = raw.strip()
        if text in by_text and by_text[text] not in found:
            found.append(by_text[text])
    return found


def to_address(param: str, values: Sequence[Any]) -> None:
    """The address says ``param`` = ``values`` (repeated for several; none removes it), touched only if it differs."""
    wanted = [str(value) for value in values]
    if st.query_params.get_all(param) == wanted:
        return
    if wanted:
        st.query_params[param] = wanted
    else:
        del st.query_params[param]


def _kept() -> dict[str, Any]:
    kept: dict[str, Any] = st.session_state.setdefault(KEPT_KEY, {})
    return kept


def kept(param: str) -> Any:
    """What the session keeps for ``param`` (None if nothing yet), for a page that starts from another's choice."""
    return _kept().get(param)


def keep(param: str, value: Any, default: Any) -> None:
    """Keep ``value`` for the session and put it in the address (removed from it when it is ``default``)."""
    _kept()[param] = value
    values = value if isinstance(value, list) else [value]
    to_address(param, [] if value == default else values)


_ABSENT = object()


def chosen(
    param: str, offered: Sequence[Any], default: Any, many: bool = False, present: Any = _ABSENT, start: Any = _ABSENT
) -> Any:
    """The choice ``param`` now — one value, or a list with ``many`` — kept for the session and said by the
    address: ``present`` (the widget's value, where it has one: what the reader just chose), else the address's
    values among ``offered``, else the session's, else ``start`` (a first choice taken from elsewhere), else
    ``default``. The address says nothing of a choice that is ``default``, so a link opens it anywhere."""
    if present is not _ABSENT and (all(v in offered for v in present) if many else present in offered):
        value = present
    elif asked := from_address(param, offered):
        value = asked if many else asked[0]
    else:
        value = _kept().get(param, default if start is _ABSENT else start)
        if many:
            value = [v for v in value if v in offered]  # a kept value no longer offered (another store, a rollback)
        elif value not in offered:
            value = default
    keep(param, value, default)
    return value


def bound(param: str, key: str, offered: Sequence[Any], default: Any, many: bool = False, start: Any = _ABSENT) -> Any:
    """Before drawing the widget ``key`` that chooses among ``offered``: its value (:func:`chosen`), set in its
    state, so the widget takes no default of its own. The run after a change puts the new choice in the address."""
    value = chosen(param, offered, default, many, st.session_state.get(key, _ABSENT), start)
    st.session_state[key] = value
    return value


def tabs(names: dict[str, str], key: str) -> dict[str, DeltaGenerator]:
    """Tabs (``names``: the address's value -> the tab's label) whose open tab is ``?tab=`` (the first by default);
    opening another reruns the page, which puts it in the address. Returns each tab's container by its address
    value. ``key`` names the tabs in one language (their labels differ in another: other tabs)."""
    slugs = list(names)
    by_label = {label: slug for slug, label in names.items()}
    present = by_label.get(str(st.session_state.get(key)), _ABSENT)
    current = chosen(TAB_PARAM, slugs, slugs[0], present=present)
    containers = st.tabs(list(names.values()), default=names[current], key=key, on_change="rerun")
    return dict(zip(slugs, containers, strict=True))


def _clear() -> None:
    for field in FILTER_FIELDS:
        keep(field, [], [])
        st.session_state[f"_filter_{field}"] = []


def _shown(names: dict[Any, str]) -> Callable[[Any], str]:
    """How a filter shows its values: by ``names`` where given, else as written."""

    def show(value: object) -> str:
        return names.get(value, str(value))

    return show


def filter_sidebar(
    options: dict[str, list[Any]], labels: dict[str, dict[Any, str]], lang_code: str
) -> dict[str, list[Any]]:
    """Multiselects for region, partner, species and year in the sidebar, kept across pages and in the address
    (:func:`bound`), with no word of Streamlit's own English (no "Select all"; "No results" in the reader's
    language).

    ``options``: field -> values offered; ``labels``: field -> {value: shown text}.
    """
    side = st.sidebar
    look.multiselect_words(lang_code)
    side.subheader(t("filters_title", lang_code))
    side.caption(t("filters_caption", lang_code))
    current: dict[str, list[Any]] = {}
    for field in FILTER_FIELDS:
        values = options.get(field, [])
        key = f"_filter_{field}"
        bound(field, key, values, [], many=True)
        current[field] = side.multiselect(
            t(f"filter_{field}", lang_code),
            values,
            key=key,
            format_func=_shown(labels.get(field, {})),
            placeholder=t("filter_all", lang_code),
            select_all=False,  # nothing chosen already means all; and Streamlit words the option in English
        )
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
    picked = filter_sidebar(values, labels, lang_code)
    return queries.Filters(
        regions=tuple(picked["region"]),
        partners=tuple(picked["partner"]),
        species=tuple(picked["species"]),
        years=tuple(int(y) for y in picked["year"]),
    )

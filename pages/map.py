"""Map: the programme's plots at any zoom, coloured by survival or species, with the shared filters."""

from __future__ import annotations

import streamlit as st

from geo import mapview, progress
from geo.i18n import fmt_int, t
from pages.ui import blocks, database, nav, sidebar_filters

COLOURS: tuple[mapview.ColourBy, ...] = ("survival", "species")
COLOUR_KEY = "map_colour_by"  # the sidebar's choice of colours: ?colour=species in the address
BELOW_KEY = "map_below_only"  # the sidebar switch: only the surveyed plots below 65 % (?below=True)


def render() -> None:
    """The map page (officials and above), with the filters it shares with the progress page."""
    lang, _ = nav.open_page("map")
    engine = database.engine()
    sidebar_filters.bound("colour", COLOUR_KEY, COLOURS, COLOURS[0])
    sidebar_filters.bound("below", BELOW_KEY, (False, True), False)
    colour_by = st.sidebar.radio(
        t("map_colour_by", lang),
        COLOURS,
        key=COLOUR_KEY,
        format_func=lambda v: t(f"map_colour_{v}", lang),
    )
    below_only = st.sidebar.toggle(
        t("map_below_only", lang),
        key=BELOW_KEY,
        help=t("map_below_only_help", lang),
    )
    filters = sidebar_filters.shared_filters(lang)
    st.title(t("mappage_title", lang))
    st.caption(t("mappage_caption", lang))
    colour = colour_by or COLOURS[0]  # a radio with a default is never empty
    figures = progress.summary(engine, filters)
    blocks.plots_map(engine, filters, lang, colour, below_target=below_only, figures=figures)
    if below_only:
        below = progress.below_target(engine, filters)
        totals = ("mappage_below_totals", len(below), int(below["planted"].sum()))
    else:
        totals = ("mappage_totals", figures["plots"], figures["planted"])
    key, plots, planted = totals
    st.caption(t(key, lang, plots=fmt_int(plots, lang), planted=fmt_int(planted, lang)))


if __name__ == "__main__":  # Streamlit opened this file as the script (see pages.ui.nav.run_directly)
    nav.run_directly()

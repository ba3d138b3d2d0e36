"""Map: the programme's plots at any zoom, coloured by survival or species, with the shared filters."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine
from streamlit_folium import st_folium

from geo import mapview, progress, queries
from geo.i18n import fmt_int, t
from geo.viewport import StoreSource, plots_extent
from pages import common

MAP_KEY = "orman_map"
MAP_HEIGHT = 540


def plots_map(
    engine: Engine,
    filters: queries.Filters,
    lang: str,
    colour_by: mapview.ColourBy = "survival",
    key: str = MAP_KEY,
    height: int = MAP_HEIGHT,
) -> None:
    """The folium map of the plots under ``filters``, fetched for the view the browser reported last time (bounds
    and zoom), so only the data layer changes as the reader pans and zooms. Popup and tooltip text is escaped in
    geo.mapview."""
    reported = st.session_state.get(key) or {}
    view = mapview.view_from_bounds(reported.get("bounds"), reported.get("zoom"))
    # Picking regions or partners moves the map to their plots; clearing them moves it back to all Kazakhstan.
    focus = plots_extent(engine, filters) if filters.regions or filters.partners else None
    base, layer, center, zoom = mapview.app_map(StoreSource(engine, filters), view, lang, colour_by, focus)
    st_folium(
        base,
        key=key,
        feature_group_to_add=layer,
        center=center,
        zoom=zoom,
        returned_objects=["bounds", "zoom"],
        height=height,
        use_container_width=True,
    )


def render() -> None:
    """The map page (officials and above), with the filters it shares with the progress page."""
    lang, _ = common.open_page("map")
    engine = common.engine()
    colour_by = st.sidebar.radio(
        t("map_colour_by", lang),
        ("survival", "species"),
        key="map_colour_by",
        format_func=lambda v: t(f"map_colour_{v}", lang),
    )
    filters = common.shared_filters(lang)
    st.title(t("mappage_title", lang))
    st.caption(t("mappage_caption", lang))
    plots_map(engine, filters, lang, colour_by)
    figures = progress.summary(engine, filters)
    st.caption(
        t("mappage_totals", lang, plots=fmt_int(figures["plots"], lang), planted=fmt_int(figures["planted"], lang))
    )


if __name__ == "__main__":  # Streamlit opened this file as the script (see common.run_directly)
    common.run_directly()

"""Map: the programme's plots at any zoom, coloured by survival or species, with the shared filters."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo import mapview, progress
from geo.i18n import fmt_int, t
from geo.viewport import StoreSource
from views import common

MAP_KEY = "orman_map"
MAP_HEIGHT = 540

lang = common.lang()
engine = common.engine()

colour_by = st.sidebar.radio(t("map_colour_by", lang), ("survival", "species"), key="map_colour_by",
                             format_func=lambda v: t(f"map_colour_{v}", lang))
filters = common.shared_filters(lang)
st.title(t("mappage_title", lang))
st.caption(t("mappage_caption", lang))

# What the browser reported last time (bounds and zoom): the data layer is fetched for that view.
reported = st.session_state.get(MAP_KEY) or {}
view = mapview.view_from_bounds(reported.get("bounds"), reported.get("zoom"))
base, layer, center, zoom = mapview.app_map(StoreSource(engine, filters), view, lang, colour_by)
st_folium(base, key=MAP_KEY, feature_group_to_add=layer, center=center, zoom=zoom,
          returned_objects=["bounds", "zoom"], height=MAP_HEIGHT, use_container_width=True)
figures = progress.summary(engine, filters)
st.caption(t("mappage_totals", lang, plots=fmt_int(figures["plots"], lang), planted=fmt_int(figures["planted"], lang)))

"""What an empty store shows: the two file formats, sample files, and demo data in one click."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo import actions, auth, progress
from geo.i18n import t
from pages.ui.database import engine
from pages.ui.errors import guarded
from pages.ui.identity import session
from pages.ui.nav import page_link

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def empty_state(lang_code: str) -> None:
    """The first-run panel: what each file holds, a sample of each, demo data (administrators), the upload page."""
    st.info(f"**{t('empty_title', lang_code)}** — {t('empty_body', lang_code)}", icon=":material/park:")
    plots_col, plantings_col = st.columns(2, gap="large")
    with plots_col:
        st.markdown(t("empty_plots", lang_code))
        st.download_button(
            t("sample_plots", lang_code),
            (SAMPLES / "plots.geojson").read_bytes(),
            file_name="orman-sample-plots.geojson",
            mime="application/geo+json",
            icon=":material/download:",
            on_click="ignore",
            key="sample_plots",
        )
    with plantings_col:
        st.markdown(t("empty_plantings", lang_code))
        st.download_button(
            t("sample_plantings", lang_code),
            (SAMPLES / "plantings.csv").read_bytes(),
            file_name="orman-sample-plantings.csv",
            mime="text/csv",
            icon=":material/download:",
            on_click="ignore",
            key="sample_plantings",
        )
    demo_col, upload_col = st.columns(2, gap="large")
    if auth.can(session(), "load_demo"):
        with demo_col:
            demo_button(lang_code)
    with upload_col:
        page_link("upload", t("go_upload", lang_code), ":material/upload_file:")


def demo_button(lang_code: str) -> None:
    """One click fills an empty store with DEMO data (administrators; refused server-side to anyone else, and
    refused once the store holds data, so generated figures never mix with the programme's own)."""
    if st.button(
        t("demo_button", lang_code),
        type="primary",
        icon=":material/auto_awesome:",
        help=t("demo_help", lang_code),
        key="load_demo",
    ):
        with guarded(lang_code), st.spinner(t("demo_loading", lang_code)):
            if progress.summary(engine())["plots"]:
                st.warning(t("admin_demo_not_empty", lang_code), icon=":material/block:")
                return
            actions.load_demo_as(engine(), session(), surveys=True)  # with this season's counts: the intervals show
            st.rerun()

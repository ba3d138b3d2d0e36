"""The store the app reads and writes: one engine per process for the URL in ORMAN_DB_URL."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.engine import Engine

from geo import db


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return db.get_engine(url)


def engine() -> Engine:
    """The store, opened (and migrated) once per process for the URL in ORMAN_DB_URL."""
    return _engine(db.database_url())

"""A blank Streamlit page: the baseline benchmarks/load.py draws beside the public page (Streamlit's own cost)."""

import streamlit as st

st.title("Blank")

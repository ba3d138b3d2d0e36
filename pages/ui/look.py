"""How the app looks: its CSS, user text made literal in Markdown, and whether it is embedded."""

from __future__ import annotations

import re

import streamlit as st

from geo.i18n import fmt_int, t
from geo.palette import AMBER, GREEN, GREEN_DARK

# A card's figure in full needs about this much width per character (its font is KPI_VALUE_REM high, bold; digits
# are the widest characters), and a card holding a figure of n characters (n in KPI_FIT_CHARS) shows it in short
# when narrower than that: the classes fit-n and the container queries below.
KPI_VALUE_REM = 1.35
KPI_CHAR_REM = 0.68
KPI_FIT_CHARS = range(8, 24)
LANG_SWITCH_KEY = "orman_lang"  # the public page's language switch, placed in the top bar beside Streamlit's menu


def _fit_rules() -> str:
    """One container query per length of a figure: below its width, the card shows the figure's short form."""
    return "\n".join(
        f"@container (max-width: {n * KPI_CHAR_REM:.2f}rem) {{ .orman-kpi.fit-{n} .value .full {{ display: none; }}"
        f" .orman-kpi.fit-{n} .value .short {{ display: inline; }} }}"
        for n in KPI_FIT_CHARS
    )


CSS = f"""
<style>
.orman-kpis {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(132px, 1fr)); gap: 10px;
  margin: 4px 0 12px; }}
.orman-kpi {{ background: #F4F8F4; border: 1px solid #D5E4D6; border-left: 5px solid {GREEN};
  border-radius: 8px; padding: 8px 12px; min-width: 0; container-type: inline-size; }}
.orman-kpi .label {{ font-size: 0.8rem; color: #4A5D4E; line-height: 1.25; overflow-wrap: anywhere; }}
.orman-kpi .value {{ font-size: {KPI_VALUE_REM}rem; font-weight: 700; color: {GREEN_DARK}; line-height: 1.25; }}
.orman-kpi .value .short {{ display: none; }}
{_fit_rules()}
.orman-kpi .sub {{ font-size: 0.78rem; color: #5B6B5E; line-height: 1.3; }}
.orman-kpi.warn {{ border-left-color: {AMBER}; }}
.orman-context {{ background: #FAFAF5; border: 1px dashed #B8B89A; border-radius: 8px; padding: 4px 16px 12px; }}
.orman-table-wrap {{ max-height: 380px; overflow: auto; container-type: inline-size; border: 1px solid #E3EBE4;
  border-radius: 8px; margin-bottom: 8px; }}
.orman-table {{ border-collapse: collapse; width: 100%; font-size: 0.875rem; color: #1B2B1F; }}
.orman-table th {{ position: sticky; top: 0; background: #F4F8F4; font-weight: 600; text-align: left;
  padding: 6px 10px; border-bottom: 1px solid #D5E4D6; line-height: 1.25; }}
.orman-table td {{ padding: 5px 10px; border-top: 1px solid #EEF2EE; line-height: 1.3; }}
.orman-table .num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
.orman-table .nowrap {{ white-space: nowrap; }}
.orman-table th .help {{ text-decoration: underline dotted; cursor: help; }}
@container (max-width: 560px) {{ .orman-table {{ font-size: 0.8rem; }} .orman-table .minor {{ display: none; }}
  .orman-table th, .orman-table td {{ padding: 5px 5px; }} .orman-table th.long {{ overflow-wrap: anywhere; }}
  .orman-table th.num {{ white-space: normal; }} }}
.st-key-{LANG_SWITCH_KEY} {{ position: fixed; top: 0.6rem; right: 3.5rem; z-index: 999991; width: auto !important; }}
.block-container {{ padding-top: 2.2rem; }}
[data-testid="stAppDeployButton"] {{ display: none; }}
h1 {{ font-size: 2.1rem !important; }}
</style>
"""

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")


def css() -> None:
    # st.html, not Markdown: a style alone goes to the page's head, and the browser need not fetch Markdown's HTML
    # parser (rehype-raw) before it draws the first card
    st.html(CSS)  # constant text: no user data


def md(text: object) -> str:
    """User text (a name, a file name) made literal inside Markdown: no emphasis, links, images or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def embedded() -> bool:
    """True inside an iframe opened with ``?embed=true`` (Streamlit's embed mode)."""
    try:
        return bool(st.context.is_embedded)
    except AttributeError:  # a Streamlit without st.context.is_embedded
        return False


# Streamlit's own English inside its widgets (its frontend has no option to change these words), hidden and
# replaced by the reader's language: each rule hides Streamlit's text and writes ours in its place (CSS content).
UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{ content: {browse}; }}
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{ content: {limit}; font-size: 14px;
  color: rgba(27, 43, 31, 0.7); }}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid])::after {{ content: {drop}; }}
[data-testid="stFileChipName"] + div {{ display: none; }}
[data-testid="stFileChip"] [role="alert"] {{ display: none; }}
[data-testid="stTooltipErrorHoverTarget"] {{ flex-wrap: wrap; }}
[data-testid="stTooltipErrorHoverTarget"]::after {{ content: {too_large}; flex-basis: 100%; font-size: 13px;
  color: #A3262A; padding: 2px 4px; }}
[data-testid="stTooltipErrorContent"] {{ font-size: 0; }}
[data-testid="stTooltipErrorContent"]::after {{ content: {too_large}; font-size: 14px; }}
</style>
"""
MULTISELECT_CSS = """
<style>
[data-testid="stMultiSelectDropdown"] [data-empty="true"] [role="option"] span {{ display: none; }}
[data-testid="stMultiSelectDropdown"] [data-empty="true"] [role="option"]::after {{ content: {none}; padding: 8px 12px;
  display: block; font-size: 14px; }}
</style>
"""


def _css_text(text: str) -> str:
    """A sentence as a CSS string literal (quotes, backslashes and line ends escaped)."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return f'"{escaped}"'


def uploader_words(lang_code: str, limit_mb: int) -> None:
    """The file uploader's button, size limit, drop hint and too-large error in the reader's language."""
    words = {
        "browse": t("uploader_browse", lang_code),
        "limit": t("upload_limit", lang_code, limit=fmt_int(limit_mb, lang_code)),
        "drop": t("uploader_drop", lang_code),
        "too_large": t("uploader_too_large", lang_code, limit=fmt_int(limit_mb, lang_code)),
    }
    st.html(UPLOADER_CSS.format(**{k: _css_text(v) for k, v in words.items()}))


def multiselect_words(lang_code: str) -> None:
    """A multiselect's "No results" (a search that finds nothing) in the reader's language."""
    st.html(MULTISELECT_CSS.format(none=_css_text(t("multiselect_no_results", lang_code))))

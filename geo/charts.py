"""Altair charts of the programme's figures, labelled in the reader's language, in Orman's forest greens.

The figures come from :mod:`geo.progress`; these builders only draw them. Numbers on axes are scaled to thousands,
millions or billions with the unit spelt out, and tooltips carry Babel-formatted text, so a chart reads the same as
the tables beside it.
"""

from __future__ import annotations

import importlib.util
import io
import json
import textwrap
from datetime import date
from typing import Any

import altair as alt
import pandas as pd

from geo.i18n import SHORT_UNITS, fmt_compact, fmt_int, fmt_pct, pick_lang, t
from geo.palette import AMBER, AMBER_DARK, GREEN, GREEN_DARK, GREEN_LIGHT, GREY, INK, RED
from geo.programme import DEADLINE, SURVIVAL_TARGET, SURVIVAL_WRITE_OFF, TARGET_TREES
from geo.progress import Projection, expected_alive
from geo.survival import Estimate

FONT = "system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"
WIDTH = 640
HEIGHT = 320
AXIS_ROOM = 90  # what the value axis, its title and the legend take of a chart fitted to its height
BAR_ROW = 26  # the height of one horizontal bar's row, in pixels, for a one-line label
LABEL_LINE = 13  # the height each further line of a wrapped label adds to its row
LABEL_WRAP = 28  # a bar's label longer than this many characters is wrapped onto lines (never cut)
LINE_BREAK = "\n"  # between a wrapped label's lines; the axis splits labels at it (`_wrapped_labels`)
ZOOM_SHARE = 0.1  # below this share of the target, the trajectory adds a close-up of the programme's own lines
ZOOM_HEIGHT = 200
AXIS_TICK_ROOM = 40  # pixels of a value axis per tick, in a view drawn between given pixel rows
ZOOM_GAP = 48  # between the national view and the close-up below it, room for the close-up's title (two lines)
HEADING_CHAR_PX = 7.4  # the close-up title's width per character (12 px type), to know when it needs two lines
REFERENCE_ROOM = 1.6  # a reference line above this many times the tallest bar is drawn at the chart's top edge
PNG_AVAILABLE = importlib.util.find_spec("vl_convert") is not None

_UNITS = SHORT_UNITS  # divisor -> short unit, per language


def _config(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (
        chart.configure(font=FONT)
        .configure_axis(
            labelColor="#3B4A3F", titleColor="#3B4A3F", gridColor="#E3EBE4", labelFontSize=11, titleFontSize=12
        )
        .configure_legend(labelFontSize=11, titleFontSize=11, labelColor="#3B4A3F", orient="bottom", labelLimit=320)
        .configure_view(strokeWidth=0)
    )


def _number_axis(largest: float, lang: str) -> str:
    """A Vega expression that shows an axis value in a unit the reader knows (1,5 млрд; 250 тыс.)."""
    lang = pick_lang(lang)
    for divisor, unit in _UNITS.items():
        if largest >= divisor:
            text = f"format(datum.value / {divisor:.0f}, '.3~f')"
            if lang != "en":
                text = f"replace({text}, '.', ',')"
            return f"datum.value == 0 ? '0' : {text} + ' {unit[lang]}'"
    return "format(datum.value, '~d')" if lang == "en" else "replace(format(datum.value, '~d'), ',', ' ')"


def trajectory(
    series: pd.DataFrame,
    lang: str,
    target: int = TARGET_TREES,
    deadline: date = DEADLINE,
    width: int = WIDTH,
    height: int = HEIGHT,
    outlook: Projection | None = None,
) -> alt.TopLevelMixin:
    """Cumulative trees planted per month (``geo.progress.monthly``: month, cumulative) against the straight line
    from the first planting month to ``target`` at ``deadline``; with ``outlook`` (``geo.progress.projection``),
    the planted total at the current pace from today to the deadline, dashed, and the estimated surviving trees
    on the same course, a line in a shaded band (its 95 % interval).

    When the programme's lines stay below ZOOM_SHARE of ``target`` (a partnership's part of the national two
    billion), they would run flat along the bottom: a close-up below draws them again on a y scale of their own,
    in the same view (a concatenation of two views would not fit its column's width)."""
    names = {
        "planted": t("series_planted", lang),
        "straight": t("series_straight", lang),
        "projected": t("series_projected", lang),
        "surviving": t("series_surviving_projected", lang),
    }
    start = pd.Timestamp(series["month"].min()) if len(series) else pd.Timestamp(date.today().replace(day=1))
    actual = pd.DataFrame(
        {
            "month": pd.to_datetime(series["month"]),
            "trees": series["cumulative"].astype("int64"),
            "series": names["planted"],
        }
    )
    straight = pd.DataFrame(
        {"month": [start, pd.Timestamp(deadline)], "trees": [0, target], "series": names["straight"]}
    )
    lines, band = _outlook_lines(outlook, names)
    data = pd.concat([actual, straight, *lines], ignore_index=True)
    data["text"] = [fmt_int(v, lang) for v in data["trees"]]
    data["month_text"] = data["month"].dt.strftime("%m.%Y")
    shown = [k for k in names if (data["series"] == names[k]).any()]
    # a dashed sample per line, one a row: four names side by side would run off a phone's width
    line_legend = alt.Legend(symbolType="stroke", symbolStrokeWidth=3, symbolSize=500, columns=1)
    styles = {
        "planted": (GREEN, [1, 0]),
        "straight": (GREY, [6, 4]),
        "projected": (GREEN, [2, 3]),
        "surviving": (AMBER_DARK, [1, 0]),
    }
    domain = [names[k] for k in shown]
    colour = alt.Color(
        "series:N",
        title=None,
        legend=line_legend,
        scale=alt.Scale(domain=domain, range=[styles[k][0] for k in shown]),
    )
    dash = alt.StrokeDash(
        "series:N",
        title=None,
        legend=line_legend,
        scale=alt.Scale(domain=domain, range=[styles[k][1] for k in shown]),
    )
    largest = max(target, int(data["trees"].max()), int(band["high"].max()) if len(band) else 0)
    encodings = {"color": colour, "strokeDash": dash}
    own = data[data["series"] != names["straight"]]
    own_largest = max(int(own["trees"].max()) if len(own) else 0, int(band["high"].max()) if len(band) else 0)
    if not own_largest or own_largest >= target * ZOOM_SHARE:
        national = _trajectory_view(data, band, actual, encodings, largest, lang)
        return _config(national.properties(width=width, height=height))
    # The programme a small share of the target: its own lines again below the national view, on a y scale of
    # their own, in the same view (one view, so that it fits its column's width as a single chart does)
    total = height + ZOOM_GAP + ZOOM_HEIGHT
    split, top = height / total, (height + ZOOM_GAP) / total  # shares of the view's height, which Vega may fit
    national = _trajectory_view(data, band, actual, encodings, largest, lang, span=(split, 0))
    close_up = _trajectory_view(own, band, actual, encodings, own_largest, lang, span=(1, top), label_inside=True)
    title = t("trajectory_zoom_title", lang)
    # On a view too narrow for the title on one line (a phone), on two (a Vega array of lines), in the gap above
    # the close-up; its last figure is written inside the close-up so the two never meet.
    lines = textwrap.wrap(title, width=len(title) // 2 + 4)
    one_line = round(len(title) * HEADING_CHAR_PX)
    heading = (
        alt.Chart(pd.DataFrame({"text": [title]}))
        .transform_calculate(shown=f"width < {one_line} ? {json.dumps(lines, ensure_ascii=False)} : datum.text")
        .mark_text(
            align="left", baseline="bottom", color="#3B4A3F", fontSize=12, x=0, y=alt.expr(f"height * {top} - 8")
        )
        .encode(text="shown:N")
    )
    both = alt.layer(national, alt.layer(close_up, heading)).resolve_scale(y="independent")
    return _config(both.resolve_axis(y="independent").properties(width=width, height=total))


def _trajectory_view(
    data: pd.DataFrame,
    band: pd.DataFrame,
    actual: pd.DataFrame,
    encodings: dict[str, Any],
    largest: int,
    lang: str,
    span: tuple[float, float] | None = None,
    label_inside: bool = False,
) -> alt.LayerChart:
    """The trajectory's lines (``data``), the surviving band and the planted area with its last figure (above
    the line's end, or with ``label_inside`` at its height from the left edge, inside the view), on a value axis
    reaching ``largest``; with ``span``, drawn between those shares of the view's height (bottom, top; 0 at the
    top edge), whatever height the view is given."""
    axis = alt.Axis(labelExpr=_number_axis(largest, lang), orient="left")
    scale: Any = alt.Undefined
    if span is not None:
        axis = alt.Axis(
            labelExpr=_number_axis(largest, lang),
            orient="left",
            tickCount=alt.expr(f"ceil(height * {span[0] - span[1]} / {AXIS_TICK_ROOM})"),  # a tick per row of text
        )
        scale = alt.Scale(range=[alt.expr(f"height * {share}") for share in span])
    y = alt.Y("trees:Q", title=t("axis_trees", lang), axis=axis, scale=scale)
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", grid=False))
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=3, point=alt.OverlayMarkDef(size=18))
        .encode(
            x=x,
            y=y,
            **encodings,
            tooltip=[
                alt.Tooltip("series:N", title=t("axis_series", lang)),
                alt.Tooltip("month_text:N", title=t("axis_month", lang)),
                alt.Tooltip("text:N", title=t("axis_trees", lang)),
            ],
        )
    )
    layers: list[alt.Chart] = [chart]
    if len(band):
        band = band.assign(
            range_text=[
                f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}" for lo, hi in zip(band["low"], band["high"], strict=True)
            ],
            month_text=band["month"].dt.strftime("%m.%Y"),
        )
        shade = (
            alt.Chart(band)
            .mark_area(color=AMBER, opacity=0.3)
            .encode(
                x="month:T",
                y="low:Q",
                y2="high:Q",
                tooltip=[
                    alt.Tooltip("month_text:N", title=t("axis_month", lang)),
                    alt.Tooltip("range_text:N", title=t("series_band", lang)),
                ],
            )
        )
        layers = [shade, *layers]
    if len(actual):
        last = actual.tail(1).assign(text=fmt_int(int(actual["trees"].iloc[-1]), lang))
        # The shade under the planted line reads the lines' own rows (one data set sent, not the months twice).
        planted = alt.Chart(data).transform_filter(alt.datum.series == str(actual["series"].iloc[0]))
        area = planted.mark_area(color=GREEN, opacity=0.25).encode(x="month:T", y="trees:Q")
        if label_inside:  # at the height of the line's end, from the left, where a rising line is still low
            first = actual.head(1).assign(trees=last["trees"].iloc[0], text=last["text"].iloc[0])
            label = (
                alt.Chart(first)
                .mark_text(align="left", baseline="top", dx=4, dy=6, color=GREEN_DARK, fontWeight="bold", fontSize=13)
                .encode(x="month:T", y="trees:Q", text="text:N")
            )
        else:
            label = (
                alt.Chart(last)
                .mark_text(align="right", dx=-4, dy=-12, color=GREEN_DARK, fontWeight="bold", fontSize=13)
                .encode(x="month:T", y="trees:Q", text="text:N")
            )
        layers = [area, *layers, label]
    return alt.LayerChart(layer=layers)


def _outlook_lines(outlook: Projection | None, names: dict[str, str]) -> tuple[list[pd.DataFrame], pd.DataFrame]:
    """The projection's lines from today to the deadline (planted at the current pace; estimated surviving, where
    there is an estimate) and the surviving band's low and high ends at both."""
    band = pd.DataFrame(columns=["month", "low", "high"])
    if outlook is None:
        return [], band
    ends = [pd.Timestamp(outlook.today), pd.Timestamp(outlook.deadline)]
    planted = pd.DataFrame(
        {"month": ends, "trees": [outlook.pace.planted, outlook.planted], "series": names["projected"]}
    )
    found = outlook.estimate
    if outlook.surviving is None or not isinstance(found, Estimate):
        return [planted], band
    surviving = pd.DataFrame(
        {"month": ends, "trees": [found.surviving, outlook.surviving], "series": names["surviving"]}
    )
    band = pd.DataFrame(
        {"month": ends, "low": [found.low, outlook.surviving_low], "high": [found.high, outlook.surviving_high]}
    )
    return [planted, surviving], band


def bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    lang: str,
    value_title: str,
    horizontal: bool = True,
    width: int = WIDTH,
    height: int | None = None,
    reference: float | None = None,
) -> alt.TopLevelMixin:
    """One bar per row: ``label`` (text shown) against ``value``, largest first when horizontal. Every label is
    shown, in full: a long one is wrapped onto lines, and a horizontal chart grows by a row per bar.

    ``reference`` (vertical bars: the by-year chart): the trees needed per year to reach the target by the deadline
    (``geo.progress.Pace.required_per_year``), drawn as a dashed line with its label.

    When the frame has a ``survival`` column (surviving / surveyed planted), a darker bar inside each one shows the
    trees expected alive (``value`` x survival), so survival is read beside planting; rows never surveyed have
    none. The tooltip gives the value, the survival and the trees expected alive.

    When it also has ``estimate``, ``low`` and ``high`` (``geo.progress.with_estimates``), a line from low to high
    with a dot at the estimate is drawn over each bar that has one: the estimated surviving trees and its 95 %
    interval.
    """
    data = pd.DataFrame({"label": frame[label].astype(str), "value": frame[value].astype("int64")})
    data["axis_label"] = _wrapped_labels(data["label"].tolist())
    data["text"] = [fmt_int(v, lang) for v in data["value"]]
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=value_title)]
    alive = pd.Series(dtype="Int64")
    if "survival" in frame:
        survival = frame["survival"].to_numpy(dtype="float64")
        alive = expected_alive(data["value"], survival)
        data["survival"] = [fmt_pct(v, lang) if pd.notna(v) else "—" for v in survival]
        data["alive"] = [fmt_int(v, lang) if pd.notna(v) else "—" for v in alive]
        tooltip += [
            alt.Tooltip("survival:N", title=t("map_survival", lang)),
            alt.Tooltip("alive:N", title=t("kpi_surviving", lang)),
        ]
    largest = int(data["value"].max()) if len(data) else 0
    order = data.sort_values("value", ascending=False, kind="stable")["label"].tolist() if horizontal else None
    interval = _interval(frame, data, lang)
    if len(interval):
        tooltip.append(alt.Tooltip("estimate_text:N", title=t("kpi_estimate", lang)))
        data["estimate_text"] = data["label"].map(interval.set_index("label")["estimate_text"]).fillna("—")
    names = [value_title, t("kpi_surviving", lang)]
    planted = data.assign(series=names[0])
    layers_data = [planted]
    if alive.notna().any():
        layers_data.append(data.assign(series=names[1], value=alive)[alive.notna().to_numpy()])
    colour = (
        alt.Color(
            "series:N",
            scale=alt.Scale(domain=names, range=[GREEN_LIGHT, GREEN_DARK]),
            title=None,
            legend=alt.Legend(symbolType="square", columns=1),  # one a row: side by side they run off a phone
        )
        if len(layers_data) > 1
        else alt.value(GREEN)
    )
    number_axis = alt.Axis(labelExpr=_number_axis(largest, lang), title=value_title)
    if horizontal:
        position = {
            "y": alt.Y("axis_label:N", sort=_wrapped_labels(order or []), title=None, axis=_label_axis()),
            "x": alt.X("value:Q", axis=number_axis),
        }
        mark: dict[str, Any] = {"cornerRadiusEnd": 3}
        lines = max((label.count(LINE_BREAK) for label in data["axis_label"]), default=0)
        rows = max(120, (BAR_ROW + LABEL_LINE * lines) * len(data))
        height = height or rows + AXIS_ROOM  # a page fits the axis and legend in it too
    else:
        position = {
            "x": alt.X("axis_label:O", title=None, axis=_label_axis(labelAngle=0)),
            "y": alt.Y("value:Q", axis=number_axis),
        }
        mark = {"cornerRadiusEnd": 3, "size": 36}
        height = height or HEIGHT
    layers = [
        alt.Chart(part).mark_bar(**mark).encode(**position, color=colour, tooltip=tooltip) for part in layers_data
    ]
    if len(interval):
        layers += _interval_layers(interval.assign(mark=t("series_estimate", lang)), position, number_axis, lang)
    if reference is not None and not horizontal and len(data):
        layers += _reference_layers(reference, largest, lang)
    return _config(alt.layer(*layers).properties(width=width, height=height))


def _wrapped_labels(labels: list[str]) -> list[str]:
    """Each label on lines of at most LABEL_WRAP characters (words kept whole), joined by LINE_BREAK."""
    return [LINE_BREAK.join(textwrap.wrap(label, LABEL_WRAP, break_long_words=False)) or label for label in labels]


def _label_axis(**options: Any) -> alt.Axis:
    """The bars' label axis: every label shown (none thinned out), in full (no length limit), a wrapped label on
    its lines."""
    return alt.Axis(labelLimit=0, labelOverlap=False, labelExpr="split(datum.label, '\\n')", **options)


def _reference_layers(per_year: float, largest: int, lang: str) -> list[alt.Chart]:
    """The trees needed per year to reach the target by the deadline, as a dashed line with its label, over the
    by-year bars. Far above the tallest bar (a programme that is a small share of the target), it is drawn at the
    chart's top edge, its label saying how many it is, so that the bars keep a readable scale."""
    text = t("chart_needed_per_year", lang, value=fmt_compact(per_year, lang))
    on_scale = per_year <= largest * REFERENCE_ROOM
    line = pd.DataFrame({"value": [per_year], "label": [text if on_scale else f"↑ {text}"]})
    y = alt.Y("value:Q") if on_scale else alt.value(0)
    rule = (
        alt.Chart(line)
        .mark_rule(color=AMBER_DARK, strokeWidth=2, strokeDash=[6, 4])
        .encode(y=y, tooltip=alt.Tooltip("label:N", title=" "))
    )
    label = (
        alt.Chart(line)
        .mark_text(
            align="left",
            baseline="top" if not on_scale else "bottom",
            dx=4,
            dy=3 if not on_scale else -3,
            color=AMBER_DARK,
            fontWeight="bold",
        )
        .encode(x=alt.value(0), y=y, text="label:N")
    )
    return [rule, label]


def _interval(frame: pd.DataFrame, data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """label (and its axis text), estimate, low, high of the rows that have an estimate, and its text for the
    tooltip."""
    if not {"estimate", "low", "high"} <= set(frame):
        return pd.DataFrame(columns=["label", "axis_label", "estimate", "low", "high", "estimate_text"])
    found = frame["estimate"].notna().to_numpy()
    interval = pd.DataFrame(
        {
            "label": data["label"].to_numpy()[found],
            "axis_label": data["axis_label"].to_numpy()[found],
            **{k: frame[k].to_numpy()[found].astype("int64") for k in ("estimate", "low", "high")},
        }
    )
    interval["estimate_text"] = [
        f"{fmt_int(e, lang)} ({fmt_int(lo, lang)}–{fmt_int(hi, lang)})"
        for e, lo, hi in zip(interval["estimate"], interval["low"], interval["high"], strict=True)
    ]
    return interval


def _interval_layers(interval: pd.DataFrame, position: dict[str, Any], axis: alt.Axis, lang: str) -> list[alt.Chart]:
    """Over each bar, a line from low to high with end ticks and a dot at the estimate (the 95 % interval), in ink
    on a white halo so that it reads on the dark bar and the light one alike."""
    horizontal = position["x"].shorthand == "value:Q"
    along, across = ("x", "y") if horizontal else ("y", "x")
    channel = alt.X if horizontal else alt.Y
    tooltip = [alt.Tooltip("label:N", title=" "), alt.Tooltip("estimate_text:N", title=t("kpi_estimate", lang))]
    base = alt.Chart(interval).encode(**{across: position[across]}, tooltip=tooltip)
    layers = []
    for colour, width, tick in (("white", 5, 4), (INK, 2, 2)):
        layers.append(
            base.mark_rule(color=colour, strokeWidth=width).encode(
                **{along: channel("low:Q", axis=axis), f"{along}2": "high:Q"}
            )
        )
        layers += [
            base.mark_tick(color=colour, thickness=tick, size=14).encode(**{along: channel(f"{end}:Q", axis=axis)})
            for end in ("low", "high")
        ]
    legend = alt.Legend(symbolFillColor=INK, symbolStrokeColor="white", symbolSize=60)
    shape = alt.Shape(  # a legend of its own (by another field than the bars' colours): the dot as drawn
        "mark:N", title=None, scale=alt.Scale(domain=[interval["mark"].iloc[0]], range=["circle"]), legend=legend
    )
    dot = base.mark_point(filled=True, size=28, fill=INK, stroke="white", strokeWidth=1.5, opacity=1).encode(
        **{along: channel("estimate:Q", axis=axis)}, shape=shape
    )
    return [*layers, dot]


def survival_histogram(
    distribution: pd.DataFrame, lang: str, width: int = WIDTH, height: int = HEIGHT
) -> alt.TopLevelMixin:
    """Surveyed plots per survival band (``geo.progress.survival_distribution``: lower, upper, plots), bands
    coloured by where they stand against 25 % and 65 %, with the 65 % requirement drawn as a line."""
    data = distribution.copy()
    data["band"] = [
        f"{fmt_pct(lo, lang, 0)}–{fmt_pct(hi, lang, 0)}" for lo, hi in zip(data["lower"], data["upper"], strict=True)
    ]
    data["status"] = [
        "ok" if lo >= SURVIVAL_TARGET else "mid" if lo >= SURVIVAL_WRITE_OFF else "low" for lo in data["lower"]
    ]
    data["plots_text"] = [fmt_int(v, lang) for v in data["plots"]]
    status_names = {k: t(f"map_survival_{k}", lang) for k in ("ok", "mid", "low")}
    data["status"] = data["status"].map(status_names)
    pct_axis = "format(datum.value * 100, '~d') + ' %'"
    histogram = (
        alt.Chart(data)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "lower:Q",
                bin="binned",
                title=t("survival_axis", lang),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=pct_axis, values=[i / 10 for i in range(11)]),
            ),
            x2="upper:Q",
            y=alt.Y("plots:Q", title=t("col_plots", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(
                    domain=[status_names["ok"], status_names["mid"], status_names["low"]], range=[GREEN, AMBER, RED]
                ),
            ),
            tooltip=[
                alt.Tooltip("band:N", title=t("map_survival", lang)),
                alt.Tooltip("plots_text:N", title=t("col_plots", lang)),
            ],
        )
    )
    line = pd.DataFrame({"x": [SURVIVAL_TARGET], "label": [t("survival_line", lang)]})
    rule = alt.Chart(line).mark_rule(color=GREEN_DARK, strokeWidth=2, strokeDash=[5, 3]).encode(x="x:Q")
    text = (
        alt.Chart(line)
        .mark_text(align="center", color=GREEN_DARK, fontWeight="bold")
        .encode(x="x:Q", y=alt.value(-9), text="label:N")
    )
    return _config(alt.layer(histogram, rule, text).properties(width=width, height=height))


def png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """The chart as a PNG image, rendered without a browser by vl-convert (check PNG_AVAILABLE first)."""
    buffer = io.BytesIO()
    chart.save(buffer, format="png", scale_factor=scale)
    return buffer.getvalue()

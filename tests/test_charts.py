"""Charts as the reader gets them: survival drawn inside planting, numbers in the reader's notation."""

from __future__ import annotations

import html
import re
from datetime import date

import pandas as pd
import pytest

from geo import charts, programme, progress, survival
from geo.i18n import fmt_compact, fmt_int, fmt_short_range, t


def _layers(chart: object, view: int = 0) -> list[list[dict]]:
    """Each layer's rows, as the chart hands them to Vega-Lite (of its ``view``-th part, if it has parts)."""
    spec = chart.to_dict()
    return [spec["datasets"][layer.get("data", spec.get("data"))["name"]] for layer in _view(spec, view)["layer"]]


def _view(spec: dict, view: int = 0) -> dict:
    """A chart's layers, or for a trajectory with a close-up (a layer of two groups of layers, each on its own y
    scale), the national group (0) or the close-up's (1)."""
    if "layer" not in spec["layer"][0]:
        return spec
    return spec["layer"][0] if view == 0 else spec["layer"][1]["layer"][0]


def test_bars_show_the_trees_expected_alive_inside_the_trees_planted() -> None:
    frame = pd.DataFrame(
        {"label": ["Абай", "Жетісу", "Ұлытау"], "planted": [12_500, 30_000, 4_000], "survival": [0.8, None, 0.333]}
    )

    planted, alive = _layers(charts.bars(frame, "label", "planted", "kk", t("col_planted", "kk")))

    assert [(r["label"], r["value"]) for r in planted] == [("Абай", 12_500), ("Жетісу", 30_000), ("Ұлытау", 4_000)]
    assert [(r["label"], r["value"]) for r in alive] == [("Абай", 10_000), ("Ұлытау", 1_332)]  # Жетісу: no survey
    assert {r["series"] for r in alive} == {t("kpi_surviving", "kk")}
    assert [r["alive"] for r in planted] == [fmt_int(10_000, "kk"), "—", fmt_int(1_332, "kk")]  # tooltip text


def test_bars_without_survival_are_one_plain_series() -> None:
    frame = pd.DataFrame({"label": ["2024", "2025"], "planted": [1_000, 2_000]})

    chart = charts.bars(frame, "label", "planted", "en", "Planted", horizontal=False)

    assert [[r["value"] for r in rows] for rows in _layers(chart)] == [[1_000, 2_000]]
    assert chart.to_dict()["layer"][0]["encoding"]["color"] == {"value": charts.GREEN}


def test_trajectory_legend_shows_line_samples_the_straight_line_dashed() -> None:
    series = pd.DataFrame({"month": pd.date_range("2024-04-01", periods=3, freq="MS"), "cumulative": [5, 9, 12]})

    layers = _view(charts.trajectory(series, "ru").to_dict())["layer"]
    encoding = next(layer["encoding"] for layer in layers if "strokeDash" in layer["encoding"])

    assert encoding["color"]["legend"]["symbolType"] == "stroke"
    dash = encoding["strokeDash"]["scale"]
    assert dash["domain"] == [t("series_planted", "ru"), t("series_straight", "ru")]
    solid, dashed = dash["range"]
    assert solid[1] == 0 and dashed[1] > 0  # planted drawn solid, the straight line with gaps


def test_bars_draw_each_regions_95_percent_interval_from_its_estimate() -> None:
    estimate = {"surviving": 9_100, "low": 8_600, "high": 9_700, "rate": 0.73, "rate_low": 0.69, "rate_high": 0.78}
    figures = {
        "by_region": {
            "KZ-10": {"estimate": {**estimate, "surveyed": 40, "method": "m"}, "estimate_reason": None},
            "KZ-33": {"estimate": None, "estimate_reason": "too_few_surveys"},
        }
    }
    frame = pd.DataFrame({"region": ["KZ-10", "KZ-33"], "label": ["Абай", "Жетісу"], "planted": [12_500, 30_000]})
    frame = progress.with_estimates(frame.assign(survival=[0.7, None]), figures)

    chart = charts.bars(frame, "label", "planted", "ru", t("col_planted", "ru"))
    layers = chart.to_dict()["layer"]
    rows = _layers(chart)
    interval = [r for layer, data in zip(layers, rows, strict=True) if layer["mark"]["type"] == "rule" for r in data]

    assert interval and {(r["label"], r["low"], r["high"]) for r in interval} == {
        ("Абай", 8_600, 9_700)
    }  # Жетісу: none
    rule = next(layer for layer in layers if layer["mark"]["type"] == "rule")
    assert rule["encoding"]["x"]["field"] == "low" and rule["encoding"]["x2"]["field"] == "high"
    dot = next(r for layer, data in zip(layers, rows, strict=True) if layer["mark"]["type"] == "point" for r in data)
    assert dot["estimate"] == 9_100
    assert dot["estimate_text"] == f"{fmt_int(9_100, 'ru')} ({fmt_int(8_600, 'ru')}–{fmt_int(9_700, 'ru')})"
    assert dot["mark"] == t("series_estimate", "ru")  # its legend entry


def test_a_short_range_keeps_its_ends_apart_in_the_readers_unit() -> None:
    assert fmt_short_range(15_085_228, 15_276_892, "ru") == "15,1\u2060–\u206015,3\u00a0млн"
    assert fmt_short_range(1_500_100, 1_500_900, "en") == "1.5\u2060–\u20601.501\u00a0M"
    assert fmt_short_range(369_985, 372_507, "kk") == "370\u2060–\u2060372,5\u00a0мың"
    assert fmt_short_range(420, 515, "kk") == "420\u2060–\u2060515"


def test_trajectory_projects_planted_and_the_estimated_surviving_in_its_band_to_the_deadline() -> None:
    series = pd.DataFrame({"month": pd.date_range("2024-04-01", periods=3, freq="MS"), "cumulative": [5, 9, 12]})
    pace = progress.Pace(12, 1_999_999_988, 20.0, 99_999_999.4, 3.0, None, False)
    found = survival.Estimate(8, 6, 10, 0.667, 0.5, 0.833, 9, survival.METHOD, 1.0, 8.0)
    outlook = progress.Projection(
        pace, date(2026, 4, 30), date(2027, 12, 31), 72, found, 48, 36, 60, 1_300_000_000, 6.5e7, 9.7e7, False, False
    )

    chart = charts.trajectory(series, "kk", outlook=outlook)
    layers, rows = _view(chart.to_dict())["layer"], _layers(chart)

    band = next(data for layer, data in zip(layers, rows, strict=True) if layer["encoding"].get("y2"))
    shade = next(layer for layer in layers if layer["encoding"].get("y2"))
    assert shade["mark"]["type"] == "area" and shade["encoding"]["y2"]["field"] == "high"
    assert [(r["low"], r["high"]) for r in band] == [(6, 10), (36, 60)]  # today and the deadline
    lines = next(data for layer, data in zip(layers, rows, strict=True) if "strokeDash" in layer["encoding"])
    projected = [r["trees"] for r in lines if r["series"] == t("series_projected", "kk")]
    surviving = [r["trees"] for r in lines if r["series"] == t("series_surviving_projected", "kk")]
    assert (projected, surviving) == ([12, 72], [8, 48])
    assert not any(layer["encoding"].get("y2") for layer in _view(charts.trajectory(series, "kk").to_dict())["layer"])


PARTNERS = [  # partner names as long as real ones, and a short one
    "Северо-Западный университет сельского и лесного хозяйства (NWAFU, Янлин)",
    "Государственный лесной природный резерват «Семей орманы»",
    "Университет имени Шакарима города Семей",
    "Абай",
    "Казахский национальный аграрный исследовательский университет",
    "Жетысуский университет имени Ильяса Жансугурова",
    "Лесхоз",
    "Международный университет Астана",
]


def _svg_texts(chart: object) -> list[str]:
    """Every text the chart draws, as the browser would (rendered by vl-convert), each line of a label apart."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_json())
    return [html.unescape(t_) for t_ in re.findall(r"<(?:text|tspan)[^>]*>([^<]+)</(?:text|tspan)>", svg)]


def test_partner_bars_are_horizontal_and_draw_every_label_in_full() -> None:
    frame = pd.DataFrame({"label": PARTNERS, "planted": [9_000 * (i + 1) for i in range(len(PARTNERS))]})

    chart = charts.bars(frame, "label", "planted", "ru", t("col_planted", "ru"))
    spec = chart.to_dict()
    drawn = _svg_texts(chart)

    position = spec["layer"][0]["encoding"]
    assert position["y"]["type"] == "nominal" and position["x"]["type"] == "quantitative"
    runs = {" ".join(drawn[i:j]) for i in range(len(drawn)) for j in range(i + 1, min(i + 5, len(drawn)) + 1)}
    assert set(PARTNERS) <= runs  # each label whole, on one line or on lines one after another; none left out
    assert not any("…" in line for line in drawn)  # none cut short
    assert max(len(line) for line in drawn) <= charts.LABEL_WRAP  # the longest wrapped, not run off the chart


def test_horizontal_bars_grow_a_row_per_bar() -> None:
    def height(n: int) -> int:
        frame = pd.DataFrame({"label": [f"Species {i}" for i in range(n)], "planted": range(1, n + 1)})
        return charts.bars(frame, "label", "planted", "en", "Planted").to_dict()["height"]

    assert height(24) - height(12) == 12 * charts.BAR_ROW


def test_by_year_bars_draw_the_trees_needed_per_year_as_a_labelled_line() -> None:
    frame = pd.DataFrame({"label": ["2024", "2025"], "planted": [400_000, 600_000]})

    near = charts.bars(frame, "label", "planted", "kk", "Planted", horizontal=False, reference=700_000)
    far = charts.bars(frame, "label", "planted", "kk", "Planted", horizontal=False, reference=1_150_000_000)

    rule = next(layer for layer in near.to_dict()["layer"] if layer["mark"]["type"] == "rule")
    assert rule["encoding"]["y"]["field"] == "value"
    assert [r["value"] for r in _layers(near)[-1]] == [700_000]
    assert t("chart_needed_per_year", "kk", value=fmt_compact(700_000, "kk")) in _svg_texts(near)
    top = next(layer for layer in far.to_dict()["layer"] if layer["mark"]["type"] == "rule")
    assert top["encoding"]["y"] == {"value": 0}  # off the bars' scale: at the top edge, the bars stay readable
    assert "↑ " + t("chart_needed_per_year", "kk", value=fmt_compact(1_150_000_000, "kk")) in _svg_texts(far)


def test_needed_per_year_is_what_remains_over_the_years_left() -> None:
    pace = progress.Pace(0, 1_200_000_000, 18.0, 1_200_000_000 / 18, 0.0, None, False)
    assert pace.required_per_year == pytest.approx(800_000_000)
    assert progress.Pace(0, 5, 0.0, None, 0.0, None, False).required_per_year is None


def test_a_small_programme_gets_a_close_up_of_its_own_lines_on_their_own_scale() -> None:
    series = pd.DataFrame({"month": pd.date_range("2024-04-01", periods=3, freq="MS"), "cumulative": [5, 9, 12]})

    spec = charts.trajectory(series, "ru").to_dict()

    national, close_up = (_layers(charts.trajectory(series, "ru"), view) for view in (0, 1))
    straight = t("series_straight", "ru")
    assert any(r["series"] == straight and r["trees"] == programme.TARGET_TREES for rows in national for r in rows)
    assert not any(r.get("series") == straight for rows in close_up for r in rows)
    assert spec["resolve"]["scale"]["y"] == "independent"  # the close-up on a scale of its own
    ranges = [
        [float(end["expr"].split("*")[1]) for end in lay["encoding"]["y"]["scale"]["range"]]
        for v in (0, 1)
        for lay in _view(spec, v)["layer"]
        if "scale" in lay["encoding"]["y"]
    ]
    assert ranges[0][1] == 0 and ranges[0][0] < ranges[1][1] < ranges[1][0] == 1  # stacked in one view's height
    heading = spec["layer"][1]["layer"][1]
    assert spec["datasets"][heading["data"]["name"]] == [{"text": t("trajectory_zoom_title", "ru")}]
    big = series.assign(cumulative=[5e8, 7e8, 9e8])  # nearly half the target: no close-up needed
    assert "resolve" not in charts.trajectory(big, "ru").to_dict()

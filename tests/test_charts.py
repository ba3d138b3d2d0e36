"""Charts as the reader gets them: survival drawn inside planting, numbers in the reader's notation."""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo import charts, progress, survival
from geo.i18n import fmt_int, fmt_short_range, t


def _layers(chart: object) -> list[list[dict]]:
    """Each layer's rows, as the chart hands them to Vega-Lite."""
    spec = chart.to_dict()
    return [spec["datasets"][layer.get("data", spec.get("data"))["name"]] for layer in spec["layer"]]


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

    layers = charts.trajectory(series, "ru").to_dict()["layer"]
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
    layers, rows = chart.to_dict()["layer"], _layers(chart)

    band = next(data for layer, data in zip(layers, rows, strict=True) if layer["encoding"].get("y2"))
    shade = next(layer for layer in layers if layer["encoding"].get("y2"))
    assert shade["mark"]["type"] == "area" and shade["encoding"]["y2"]["field"] == "high"
    assert [(r["low"], r["high"]) for r in band] == [(6, 10), (36, 60)]  # today and the deadline
    lines = next(data for layer, data in zip(layers, rows, strict=True) if "strokeDash" in layer["encoding"])
    projected = [r["trees"] for r in lines if r["series"] == t("series_projected", "kk")]
    surviving = [r["trees"] for r in lines if r["series"] == t("series_surviving_projected", "kk")]
    assert (projected, surviving) == ([12, 72], [8, 48])
    assert not any(layer["encoding"].get("y2") for layer in charts.trajectory(series, "kk").to_dict()["layer"])

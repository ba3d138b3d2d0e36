"""Charts as the reader gets them: survival drawn inside planting, numbers in the reader's notation."""

from __future__ import annotations

import pandas as pd

from geo import charts
from geo.i18n import fmt_int, t


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

"""Orman's colours: the forest-green palette of pages and charts, and the map's classes. One definition of each."""

from __future__ import annotations

GREEN_DARK = "#1B5E20"
GREEN = "#2E7D32"
GREEN_LIGHT = "#81C784"
AMBER = "#F0A202"
AMBER_DARK = "#A86A00"  # the estimated surviving trees projected to the deadline, drawn in its AMBER band
RED = "#D73027"
GREY = "#8A9A8D"
INK = "#1F2A22"  # the estimate's interval drawn over the bars

# The map: survival classes (below the write-off line, below the target, at or above it, never surveyed) ...
SURVIVAL_COLOURS = {"low": "#d73027", "mid": "#f0a202", "ok": "#1a9850", "none": "#9e9e9e"}
# ... a plot written off by act (greyed, its outline dashed) ...
WRITTEN_OFF_COLOUR = "#546e7a"
# ... species in order of planted trees, and the rest
SPECIES_COLOURS = ("#1b7837", "#2166ac", "#b35806", "#762a83", "#01665e", "#c51b7d", "#8c510a", "#4d9221")
OTHER_COLOUR = "#9e9e9e"
MAP_BACKGROUND = "#f3f5f0"  # what shows where tiles cannot be fetched
# The regions under the data: land, borders, names, and the fill by trees planted (fewest to most)
REGION_LAND = "#fbfcf8"
REGION_BORDER = "#6f7f72"
REGION_LABEL = "#3a4a3e"
PLANTED_COLOURS = ("#e5f5e0", "#a1d99b", "#41ab5d", "#006d2c")

"""The plot and planting fields, named once: what an upload says, what the store keeps, what readers get back.

A module of names with no imports: readers and validation (which never touch the database), the store, the map's
queries and the export all need these lists, and none of them should import another for a list of names. The
header aliases users may write for these fields are reading knowledge and stay in ``geo.readers``.
"""

from __future__ import annotations

# --- plots ----------------------------------------------------------------------------------------------------------

PLOT_TEXT = ("name", "partner", "forestry", "block", "compartment")  # free text, kept as written (None when blank)
# What an upload says about a plot besides its id and shape: the same values and shape make an unchanged plot.
PLOT_PROPERTIES = (*PLOT_TEXT, "region", "declared_area_ha")
# A plot's box (minx, miny, maxx, maxy), kept beside its shape for the spatial index.
PLOT_BOUNDS = ("minx", "miny", "maxx", "maxy")
# What the store measures from the shape: the geodesic area and the centre.
PLOT_MEASURED = ("area_ha", "lon", "lat")
# A current plot as the map and the export read it, in the export's column order.
PLOT_STORED = (
    "plot_id",
    "name",
    "region",
    "partner",
    "forestry",
    "block",
    "compartment",
    "area_ha",
    "declared_area_ha",
    "lon",
    "lat",
)
# A plot's planting figures (``plot_stats``): seedlings planted, alive at the latest surveys, planted where surveyed.
PLOT_FIGURES = ("planted", "surviving", "surveyed_planted")
# What the other operations add, kept apart from planted (DATA-CONTRACT "Figures"): gap-filling seedlings, and
# hectares sown, kept as whole square metres so that adding and taking away a batch's sowing is exact.
OPERATION_SUMS = ("gap_filled", "sown_m2")
# The figures summed over the aggregates (``cube_plantings``, ``plot_stats``): the plot's figures and record count.
FIGURE_SUMS = (*PLOT_FIGURES, *OPERATION_SUMS, "records")
# The operations' figures as readers get them: gap-filling seedlings and hectares sown.
OPERATION_FIGURES = ("gap_filled", "sown_ha")
M2_PER_HA = 10_000
# What the export writes per plot: the stored fields, the figures, trees planted per hectare, the survival rate
# with its latest survey date and what it asks for (write-off, gap-filling), and the region's estimated surviving
# trees with its 95 % interval. ``written_off``: trees planted on its plantings written off by act.
EXPORT_COLUMNS = (
    *PLOT_STORED,
    *PLOT_FIGURES,
    *OPERATION_FIGURES,
    "written_off",
    "density_per_ha",
    "survival",
    "last_survey",
    "survival_flag",
    "estimate",
    "estimate_low",
    "estimate_high",
)
# What the map gets per plot: the stored fields, its species, the figures and the latest survey date, the trees
# written off and the acts that wrote them off (geo.writeoffs.ACT_COLUMNS tuples); then its shape.
MAP_PLOT_FIELDS = (*PLOT_STORED, "species", *PLOT_FIGURES, "last_survey", "written_off", "acts")
MAP_PLOT_COLUMNS = (*MAP_PLOT_FIELDS, "geometry")

# --- plantings ------------------------------------------------------------------------------------------------------

PLANTING_KEY = ("plot_id", "date", "species")  # a planting's identity, as surveys name it (DATA-CONTRACT rule 7)
# What a plantings row records (DATA-CONTRACT "Plantings"): a planting (the trees that count toward the target),
# a gap-filling (seedlings replacing dead ones in an earlier planting) or a sowing (direct seeding, in hectares).
PLANTING, GAP_FILLING, SOWING = "planting", "gap_filling", "sowing"
OPERATIONS = (PLANTING, GAP_FILLING, SOWING)
# A record's identity in the store: a planting and a gap-filling of one plot, date and species are two records.
RECORD_KEY = (*PLANTING_KEY, "operation")
# A record's values, stored as uploaded (``area_ha``: the hectares of a sowing, None for the other operations).
PLANTING_FIELDS = (*RECORD_KEY, "planted", "surviving", "survey_date", "area_ha")
PLANTING_REQUIRED = ("plot_id", "date", "species", "planted")

# --- surveys (inventories) ------------------------------------------------------------------------------------------

SURVEY_KEY = (*PLANTING_KEY, "survey_date")  # one survey of a planting: its record key and the date of the count
SURVEY_VALUES = ("alive", "counted", "survey")  # what a survey says (counted None: the whole planting)
SURVEY_REQUIRED = (*SURVEY_KEY, "alive")
SURVEY_TEMPLATE = (*PLANTING_KEY, "planted", "region", "survey_date", "alive", "counted", "survey", "sample_plot")

# --- how long stored text may be ------------------------------------------------------------------------------------

# Characters the store keeps of each text field (the schema's column lengths, geo/db.py): longer text is a
# validation error at its row and column, the same on SQLite (which would keep it) and PostGIS (which would refuse).
TEXT_LIMITS = {
    "plot_id": 200,
    "species": 200,
    "name": 500,
    "partner": 500,
    "forestry": 500,
    "block": 100,
    "compartment": 100,
    "survey": 100,
    "act": 100,  # a write-off act's number
    "user": 200,  # who did something (a batch's created_by, rolled_back_by; an account's name)
    "reason": 1000,  # why a supervisor rejected a batch
}

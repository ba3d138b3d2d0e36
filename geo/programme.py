"""The programme's fixed terms: the national target and deadline, the survival thresholds of forestry practice,
Kazakhstan's extent, and the national figures the government reported (FACTS.md). One definition of each."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

TARGET_TREES = 2_000_000_000
DEADLINE = date(2027, 12, 31)
SURVIVAL_TARGET = 0.65  # required share of planted seedlings alive
SURVIVAL_WRITE_OFF = 0.25  # below this, plantings are usually written off
SURVIVAL_GAP_FILLING = 0.85  # below this (and from SURVIVAL_WRITE_OFF up), plantings need gap-filling next spring

BBox = tuple[float, float, float, float]  # west, south, east, north (lon/lat, EPSG:4326)
KAZAKHSTAN_EXTENT: BBox = (46.49, 40.57, 87.36, 55.44)
KAZAKHSTAN_CENTER = (48.0, 66.9)  # lat, lon
# Kazakhstan's time (one zone, UTC+5, since 1 March 2024; the tz database knows the +6 before): every time shown.
TIMEZONE = ZoneInfo("Asia/Almaty")

# The latest national total reported (the last of NATIONAL_FIGURES: about 1.5 billion for 2021–2025), as the number
# the overview and the public page set the programme's own figures against.
NATIONAL_LATEST_TREES = 1_500_000_000
NATIONAL_LATEST_WHEN = date(2025, 12, 19)

# The government's reported national figures: (when, figure key, source key), oldest first. "when" is a date, a
# translation key, or a span of years written the same in every language.
NATIONAL_FIGURES = (
    ("context_2021_when", "context_2021", "source_forestry_committee"),
    ("context_2022_when", "context_2022", "source_forestry_committee"),
    ("2021–2023", "context_2023", "source_fc_press"),
    ("2021–2024", "context_2024", "source_ministry"),
    (date(2025, 12, 4), "context_2025a", "source_kazinform"),
    (NATIONAL_LATEST_WHEN, "context_2025b", "source_kazinform"),
)

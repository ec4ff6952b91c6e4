"""What planners read instead of raw field names: an English label (translated to Chinese through the
context "fields" by the QGIS side) and a display kind for every field the algorithms write, plus
the labels of the few placeholder values they write ("(all)", "(outside districts)").

Pure: no QGIS, no Qt. Shared vocabulary, so it sits low beside report.py: layers/, reports and every
domain's door read it, and it imports nothing of the plugin. The QGIS side sets the labels as field
aliases (attribute table, identify, legend) and reports show them as table headers; `display()`
formats a value by its kind: rates as percentages (0.812 -> "81.2 %"), people as whole numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Callable


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name pylupdate5 looks for)
    """Marks `text` for translation under `context` (pylupdate5 extracts it); returns it unchanged."""
    return text


CONTEXT = "fields"
RATE, PEOPLE, COUNT, NUMBER, TEXT = "rate", "people", "count", "number", "text"

# field name -> (English label, kind). Kinds: RATE = a 0-1 fraction shown as a percentage, PEOPLE and
# COUNT = whole numbers, NUMBER = a measurement (two decimals), TEXT = as written.
FIELDS: dict[str, tuple[str, str]] = {
    # shared
    "src_fid": (QT_TRANSLATE_NOOP("fields", "Source feature id"), TEXT),
    "district": (QT_TRANSLATE_NOOP("fields", "District"), TEXT),
    "mode": (QT_TRANSLATE_NOOP("fields", "Measured by"), TEXT),
    "name": (QT_TRANSLATE_NOOP("fields", "Name"), TEXT),
    "name_en": (QT_TRANSLATE_NOOP("fields", "English name"), TEXT),
    "area_m2": (QT_TRANSLATE_NOOP("fields", "Area (m²)"), NUMBER),
    "population": (QT_TRANSLATE_NOOP("fields", "Population"), PEOPLE),
    "distance_m": (QT_TRANSLATE_NOOP("fields", "Distance (m)"), NUMBER),
    "snap_m": (QT_TRANSLATE_NOOP("fields", "Distance to the network (m)"), NUMBER),
    "reachable": (QT_TRANSLATE_NOOP("fields", "Reachable"), TEXT),
    "on_island": (QT_TRANSLATE_NOOP("fields", "On an isolated network piece"), TEXT),
    "radius_m": (QT_TRANSLATE_NOOP("fields", "Service radius (m)"), NUMBER),
    "type": (QT_TRANSLATE_NOOP("fields", "Type"), TEXT),
    "rank": (QT_TRANSLATE_NOOP("fields", "Rank"), COUNT),
    # park coverage
    "park_id": (QT_TRANSLATE_NOOP("fields", "Park id"), TEXT),
    "park_name": (QT_TRANSLATE_NOOP("fields", "Park name"), TEXT),
    "park_grade": (QT_TRANSLATE_NOOP("fields", "Park grade"), TEXT),
    "grade": (QT_TRANSLATE_NOOP("fields", "Grade"), TEXT),
    "grade_zh": (QT_TRANSLATE_NOOP("fields", "Grade (Chinese)"), TEXT),
    "min_area_m2": (QT_TRANSLATE_NOOP("fields", "Minimum park area (m²)"), NUMBER),
    "parks": (QT_TRANSLATE_NOOP("fields", "Parks"), COUNT),
    "covered": (QT_TRANSLATE_NOOP("fields", "Covered"), TEXT),
    "covered_share": (QT_TRANSLATE_NOOP("fields", "Covered share"), RATE),
    "covered_m2": (QT_TRANSLATE_NOOP("fields", "Covered area (m²)"), NUMBER),
    "uncovered_m2": (QT_TRANSLATE_NOOP("fields", "Uncovered area (m²)"), NUMBER),
    "homes": (QT_TRANSLATE_NOOP("fields", "Residential features"), COUNT),
    "homes_covered": (QT_TRANSLATE_NOOP("fields", "Residential features covered"), COUNT),
    "homes_unreachable": (QT_TRANSLATE_NOOP("fields", "Residential features off the network"), COUNT),
    "population_covered": (QT_TRANSLATE_NOOP("fields", "Population covered"), PEOPLE),
    "population_uncovered": (QT_TRANSLATE_NOOP("fields", "Population not covered"), PEOPLE),
    "population_gained": (QT_TRANSLATE_NOOP("fields", "Population gained"), PEOPLE),
    "population_total": (QT_TRANSLATE_NOOP("fields", "Total population"), PEOPLE),
    "overlap_m2": (QT_TRANSLATE_NOOP("fields", "Overlap area (m²)"), NUMBER),
    "area_km2": (QT_TRANSLATE_NOOP("fields", "Area (km²)"), NUMBER),
    "population_not_covered": (QT_TRANSLATE_NOOP("fields", "Population not covered"), PEOPLE),
    "population_unreachable": (QT_TRANSLATE_NOOP("fields", "Population off the network"), PEOPLE),
    "rate_area": (QT_TRANSLATE_NOOP("fields", "Coverage by residential area"), RATE),
    "rate_population": (QT_TRANSLATE_NOOP("fields", "Coverage by population"), RATE),
    "size_m2": (QT_TRANSLATE_NOOP("fields", "Park area (m²)"), NUMBER),
    "historic": (QT_TRANSLATE_NOOP("fields", "Historic-district rule"), TEXT),
    # terrain-aware walking (screening, with a terrain DEM)
    "covered_terrain": (QT_TRANSLATE_NOOP("fields", "Covered in walking time on the terrain (screening)"), TEXT),
    "loses_coverage": (QT_TRANSLATE_NOOP("fields", "Loses coverage on the terrain"), TEXT),
    "walk_m": (QT_TRANSLATE_NOOP("fields", "Walk on the terrain (m)"), NUMBER),
    "walk_min": (QT_TRANSLATE_NOOP("fields", "Walking time on the terrain (min)"), NUMBER),
    "flat_equivalent_m": (QT_TRANSLATE_NOOP("fields", "Flat-equivalent walk (m)"), NUMBER),
    "homes_covered_terrain": (QT_TRANSLATE_NOOP("fields", "Residential features covered on the terrain"), COUNT),
    "homes_losing_coverage": (QT_TRANSLATE_NOOP("fields", "Residential features losing coverage"), COUNT),
    "population_covered_terrain": (QT_TRANSLATE_NOOP("fields", "Population covered on the terrain"), PEOPLE),
    "population_losing_coverage": (QT_TRANSLATE_NOOP("fields", "Population losing coverage"), PEOPLE),
    "rate_homes_terrain": (QT_TRANSLATE_NOOP("fields", "Coverage by homes on the terrain (screening)"), RATE),
    "rate_population_terrain": (QT_TRANSLATE_NOOP("fields", "Coverage by population, terrain (screening)"), RATE),
    # park equity
    "score_m2": (QT_TRANSLATE_NOOP("fields", "Accessible park area (m²/person)"), NUMBER),
    "mean_m2": (QT_TRANSLATE_NOOP("fields", "Mean accessible park area (m²/person)"), NUMBER),
    "target_m2": (QT_TRANSLATE_NOOP("fields", "Target (m²/person)"), NUMBER),
    "below_target": (QT_TRANSLATE_NOOP("fields", "Below the target"), TEXT),
    "population_below": (QT_TRANSLATE_NOOP("fields", "Population below the target"), PEOPLE),
    "share_below": (QT_TRANSLATE_NOOP("fields", "Share of population below the target"), RATE),
    "counted": (QT_TRANSLATE_NOOP("fields", "Counted"), TEXT),
    "ratio_m2_per_person": (QT_TRANSLATE_NOOP("fields", "Park area per person in reach (m²)"), NUMBER),
    "parks_in_reach": (QT_TRANSLATE_NOOP("fields", "Parks in reach"), COUNT),
    "gini": (QT_TRANSLATE_NOOP("fields", "Gini coefficient"), NUMBER),
    "park_class": (QT_TRANSLATE_NOOP("fields", "Park class"), TEXT),
    "class_source": (QT_TRANSLATE_NOOP("fields", "Park class from"), TEXT),
    "park_area_m2": (QT_TRANSLATE_NOOP("fields", "Park area of the class (m²)"), NUMBER),
    "per_capita_m2": (QT_TRANSLATE_NOOP("fields", "Per-capita park area (m²/person)"), NUMBER),
    "meets": (QT_TRANSLATE_NOOP("fields", "Meets the target"), TEXT),
    "basis": (QT_TRANSLATE_NOOP("fields", "Basis"), TEXT),
    "comprehensive_m2": (QT_TRANSLATE_NOOP("fields", "Accessible comprehensive park area (m²/person)"), NUMBER),
    "community_m2": (QT_TRANSLATE_NOOP("fields", "Accessible community park area (m²/person)"), NUMBER),
    "class_status": (QT_TRANSLATE_NOOP("fields", "Comprehensive and community park targets"), TEXT),
    # facility coverage
    "type_label": (QT_TRANSLATE_NOOP("fields", "Facility type"), TEXT),
    "limit_m": (QT_TRANSLATE_NOOP("fields", "Walking limit (m)"), NUMBER),
    "share_homes": (QT_TRANSLATE_NOOP("fields", "Share of homes covered"), RATE),
    "share_population": (QT_TRANSLATE_NOOP("fields", "Share of population covered"), RATE),
    "completeness": (QT_TRANSLATE_NOOP("fields", "Completeness"), RATE),
    "types_covered": (QT_TRANSLATE_NOOP("fields", "Facility types in reach"), COUNT),
    # multi-plan checks
    "plan_fid": (QT_TRANSLATE_NOOP("fields", "Plan feature id"), TEXT),
    "landuse": (QT_TRANSLATE_NOOP("fields", "Land-use code (input)"), TEXT),
    "code": (QT_TRANSLATE_NOOP("fields", "Land-use code"), TEXT),
    "code_name": (QT_TRANSLATE_NOOP("fields", "Land-use name"), TEXT),
    "class_code": (QT_TRANSLATE_NOOP("fields", "Land-use class"), TEXT),
    "class_name": (QT_TRANSLATE_NOOP("fields", "Land-use class name"), TEXT),
    "control_line": (QT_TRANSLATE_NOOP("fields", "Control line"), TEXT),
    "line_name": (QT_TRANSLATE_NOOP("fields", "Control line name"), TEXT),
    "rule_id": (QT_TRANSLATE_NOOP("fields", "Rule"), TEXT),
    "rule_text": (QT_TRANSLATE_NOOP("fields", "Rule text"), TEXT),
    "conflict_count": (QT_TRANSLATE_NOOP("fields", "Conflicts"), COUNT),
    "conflict_area_m2": (QT_TRANSLATE_NOOP("fields", "Conflict area (m²)"), NUMBER),
    "line_a": (QT_TRANSLATE_NOOP("fields", "Control line A"), TEXT),
    "line_a_name": (QT_TRANSLATE_NOOP("fields", "Control line A name"), TEXT),
    "line_b": (QT_TRANSLATE_NOOP("fields", "Control line B"), TEXT),
    "line_b_name": (QT_TRANSLATE_NOOP("fields", "Control line B name"), TEXT),
    "space_class": (QT_TRANSLATE_NOOP("fields", "Space class"), TEXT),
    "space_name": (QT_TRANSLATE_NOOP("fields", "Space class name"), TEXT),
    "unit_name": (QT_TRANSLATE_NOOP("fields", "Planning unit"), TEXT),
    "total_area_m2": (QT_TRANSLATE_NOOP("fields", "Total area (m²)"), NUMBER),
    "plane_area_m2": (QT_TRANSLATE_NOOP("fields", "Plane area (m²)"), NUMBER),
    "ellipsoid_area_m2": (QT_TRANSLATE_NOOP("fields", "Ellipsoidal area (m²)"), NUMBER),
    "net_ellipsoid_area_m2": (QT_TRANSLATE_NOOP("fields", "Net ellipsoidal area (m²)"), NUMBER),
    "deducted_share": (QT_TRANSLATE_NOOP("fields", "Deducted share (田坎)"), RATE),
    "outcome": (QT_TRANSLATE_NOOP("fields", "Outcome"), TEXT),
    "outcome_name": (QT_TRANSLATE_NOOP("fields", "Outcome name"), TEXT),
    "clause": (QT_TRANSLATE_NOOP("fields", "Clause"), TEXT),
    "error_type": (QT_TRANSLATE_NOOP("fields", "Error type"), TEXT),
    "error_name": (QT_TRANSLATE_NOOP("fields", "Error"), TEXT),
    "feature_ids": (QT_TRANSLATE_NOOP("fields", "Feature ids"), TEXT),
    "n_features": (QT_TRANSLATE_NOOP("fields", "Features"), COUNT),
    "detail": (QT_TRANSLATE_NOOP("fields", "Detail"), TEXT),
    # drainage
    "corridor_id": (QT_TRANSLATE_NOOP("fields", "Corridor id"), TEXT),
    "strahler": (QT_TRANSLATE_NOOP("fields", "Strahler order"), COUNT),
    "upstream_km2": (QT_TRANSLATE_NOOP("fields", "Contributing area (km²)"), NUMBER),
    "length_m": (QT_TRANSLATE_NOOP("fields", "Length (m)"), NUMBER),
    "slope_pct": (QT_TRANSLATE_NOOP("fields", "Slope (%)"), NUMBER),
    "half_width_m": (QT_TRANSLATE_NOOP("fields", "Corridor half-width (m)"), NUMBER),
    "road_fid": (QT_TRANSLATE_NOOP("fields", "Road feature id"), TEXT),
    "road_name": (QT_TRANSLATE_NOOP("fields", "Road name"), TEXT),
    "depression_id": (QT_TRANSLATE_NOOP("fields", "Depression id"), TEXT),
    "max_depth_m": (QT_TRANSLATE_NOOP("fields", "Maximum depth (m)"), NUMBER),
    "mean_depth_m": (QT_TRANSLATE_NOOP("fields", "Mean depth (m)"), NUMBER),
    "volume_m3": (QT_TRANSLATE_NOOP("fields", "Volume (m³)"), NUMBER),
    "spill_elev_m": (QT_TRANSLATE_NOOP("fields", "Spill elevation (m)"), NUMBER),
    "cells": (QT_TRANSLATE_NOOP("fields", "Cells"), COUNT),
    "buildings": (QT_TRANSLATE_NOOP("fields", "Buildings"), COUNT),
    "road_length_m": (QT_TRANSLATE_NOOP("fields", "Road length (m)"), NUMBER),
    # transit
    "station_id": (QT_TRANSLATE_NOOP("fields", "Station id"), TEXT),
    "lines": (QT_TRANSLATE_NOOP("fields", "Lines"), TEXT),
    "n_lines": (QT_TRANSLATE_NOOP("fields", "Number of lines"), COUNT),
    "gcj02_lon": (QT_TRANSLATE_NOOP("fields", "GCJ-02 longitude"), NUMBER),
    "gcj02_lat": (QT_TRANSLATE_NOOP("fields", "GCJ-02 latitude"), NUMBER),
    "band_min": (QT_TRANSLATE_NOOP("fields", "Band from (m)"), NUMBER),
    "band_m": (QT_TRANSLATE_NOOP("fields", "Band to (m)"), NUMBER),
    "circle_m2": (QT_TRANSLATE_NOOP("fields", "Circle area (m²)"), NUMBER),
    "pedshed_ratio": (QT_TRANSLATE_NOOP("fields", "Ped-shed ratio"), RATE),
    "reached_length_m": (QT_TRANSLATE_NOOP("fields", "Street length reached (m)"), NUMBER),
    "allocation": (QT_TRANSLATE_NOOP("fields", "Population allocation"), TEXT),
    "on_network": (QT_TRANSLATE_NOOP("fields", "On the network"), TEXT),
    "small_island": (QT_TRANSLATE_NOOP("fields", "On a small network piece"), TEXT),
    "access_points": (QT_TRANSLATE_NOOP("fields", "Access points"), COUNT),
    "express_stop": (QT_TRANSLATE_NOOP("fields", "Express stop"), TEXT),
    # city health check indicator table
    "indicator": (QT_TRANSLATE_NOOP("fields", "Indicator key"), TEXT),
    "name_zh": (QT_TRANSLATE_NOOP("fields", "Indicator"), TEXT),
    "group_zh": (QT_TRANSLATE_NOOP("fields", "Dimension or level"), TEXT),
    "kind_zh": (QT_TRANSLATE_NOOP("fields", "Indicator type"), TEXT),
    "scope": (QT_TRANSLATE_NOOP("fields", "City or district"), TEXT),
    "value": (QT_TRANSLATE_NOOP("fields", "Value"), NUMBER),
    "unit": (QT_TRANSLATE_NOOP("fields", "Unit"), TEXT),
    "target": (QT_TRANSLATE_NOOP("fields", "Target"), TEXT),
    "passed": (QT_TRANSLATE_NOOP("fields", "Meets the target"), TEXT),
    "computed": (QT_TRANSLATE_NOOP("fields", "Computed"), TEXT),
    "needs": (QT_TRANSLATE_NOOP("fields", "Layers needed"), TEXT),
    "method": (QT_TRANSLATE_NOOP("fields", "Method"), TEXT),
    "status": (QT_TRANSLATE_NOOP("fields", "Definition checked"), TEXT),
    "note": (QT_TRANSLATE_NOOP("fields", "Method note"), TEXT),
    "uses_express": (QT_TRANSLATE_NOOP("fields", "Uses the express"), TEXT),
    "minutes_saved": (QT_TRANSLATE_NOOP("fields", "Minutes saved"), NUMBER),
    "percent_saved": (QT_TRANSLATE_NOOP("fields", "Time saved (%)"), NUMBER),
    # town construction suitability (terrain)
    "eval_unit": (QT_TRANSLATE_NOOP("fields", "Evaluation unit"), TEXT),
    "unit_m2": (QT_TRANSLATE_NOOP("fields", "Unit area (m²)"), NUMBER),
    "outside_dem_m2": (QT_TRANSLATE_NOOP("fields", "Area outside the DEM (m²)"), NUMBER),
    "evaluated_m2": (QT_TRANSLATE_NOOP("fields", "Evaluated area (m²)"), NUMBER),
    "nodata_m2": (QT_TRANSLATE_NOOP("fields", "Area without elevation (m²)"), NUMBER),
    "slope1_m2": (QT_TRANSLATE_NOOP("fields", "Slope ≤3° (m²)"), NUMBER),
    "slope2_m2": (QT_TRANSLATE_NOOP("fields", "Slope 3-8° (m²)"), NUMBER),
    "slope3_m2": (QT_TRANSLATE_NOOP("fields", "Slope 8-15° (m²)"), NUMBER),
    "slope4_m2": (QT_TRANSLATE_NOOP("fields", "Slope 15-25° (m²)"), NUMBER),
    "slope5_m2": (QT_TRANSLATE_NOOP("fields", "Slope >25° (m²)"), NUMBER),
    "grade1_m2": (QT_TRANSLATE_NOOP("fields", "Grade high, not excluded (m²)"), NUMBER),
    "grade2_m2": (QT_TRANSLATE_NOOP("fields", "Grade fairly high, not excluded (m²)"), NUMBER),
    "grade3_m2": (QT_TRANSLATE_NOOP("fields", "Grade medium, not excluded (m²)"), NUMBER),
    "grade4_m2": (QT_TRANSLATE_NOOP("fields", "Grade fairly low, not excluded (m²)"), NUMBER),
    "grade5_m2": (QT_TRANSLATE_NOOP("fields", "Grade low, not excluded (m²)"), NUMBER),
    "excluded_m2": (QT_TRANSLATE_NOOP("fields", "Excluded area, counted once (m²)"), NUMBER),
    "excl_ecological_red_line_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: ecological red line (m²)"), NUMBER),
    "excl_permanent_farmland_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: permanent basic farmland (m²)"), NUMBER),
    "excl_geohazard_m2": (
        QT_TRANSLATE_NOOP("fields", "Excluded: high/very high geohazard susceptibility (m²)"),
        NUMBER,
    ),
    "excl_active_fault_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: active fault buffer (m²)"), NUMBER),
    "excl_flood_storage_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: flood storage or flood-prone area (m²)"), NUMBER),
    "excl_heritage_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: historic and cultural protection area (m²)"), NUMBER),
    "excl_mineral_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: overlain mineral resources (m²)"), NUMBER),
    "excl_water_m2": (QT_TRANSLATE_NOOP("fields", "Excluded: water bodies (m²)"), NUMBER),
    "bazi_m2": (QT_TRANSLATE_NOOP("fields", "坝区 area (m²)"), NUMBER),
    "mountain_m2": (QT_TRANSLATE_NOOP("fields", "山区宜建地 area (m²)"), NUMBER),
    "bazi_pct": (QT_TRANSLATE_NOOP("fields", "坝区 share (%)"), NUMBER),
    "mountain_pct": (QT_TRANSLATE_NOOP("fields", "山区宜建地 share (%)"), NUMBER),
    "cropland_m2": (QT_TRANSLATE_NOOP("fields", "耕地 area (m²)"), NUMBER),
    "bazi_cropland_m2": (QT_TRANSLATE_NOOP("fields", "耕地 in the 坝区 (m²)"), NUMBER),
    "mountain_cropland_m2": (QT_TRANSLATE_NOOP("fields", "耕地 on 山区宜建地 (m²)"), NUMBER),
    "dev_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary area (m²)"), NUMBER),
    "dev_slope1_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on slope ≤3° (m²)"), NUMBER),
    "dev_slope2_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on slope 3-8° (m²)"), NUMBER),
    "dev_slope3_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on slope 8-15° (m²)"), NUMBER),
    "dev_slope4_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on slope 15-25° (m²)"), NUMBER),
    "dev_slope5_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on slope >25° (m²)"), NUMBER),
    "dev_excluded_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on excluded land (m²)"), NUMBER),
    "dev_excl_ecological_red_line_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: ecological red line (m²)"),
        NUMBER,
    ),
    "dev_excl_permanent_farmland_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: permanent basic farmland (m²)"),
        NUMBER,
    ),
    "dev_excl_geohazard_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: high/very high geohazard susceptibility (m²)"),
        NUMBER,
    ),
    "dev_excl_active_fault_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: active fault buffer (m²)"),
        NUMBER,
    ),
    "dev_excl_flood_storage_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: flood storage or flood-prone area (m²)"),
        NUMBER,
    ),
    "dev_excl_heritage_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: historic and cultural protection area (m²)"),
        NUMBER,
    ),
    "dev_excl_mineral_m2": (
        QT_TRANSLATE_NOOP("fields", "Development boundary on: overlain mineral resources (m²)"),
        NUMBER,
    ),
    "dev_excl_water_m2": (QT_TRANSLATE_NOOP("fields", "Development boundary on: water bodies (m²)"), NUMBER),
    "elev1_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 1 (m²)"), NUMBER),
    "elev2_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 2 (m²)"), NUMBER),
    "elev3_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 3 (m²)"), NUMBER),
    "elev4_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 4 (m²)"), NUMBER),
    "elev5_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 5 (m²)"), NUMBER),
    "elev6_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 6 (m²)"), NUMBER),
    "elev7_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 7 (m²)"), NUMBER),
    "elev8_m2": (QT_TRANSLATE_NOOP("fields", "Elevation band 8 (m²)"), NUMBER),
    "class": (QT_TRANSLATE_NOOP("fields", "Class"), TEXT),
    "legend": (QT_TRANSLATE_NOOP("fields", "Legend"), TEXT),
    "boundary": (QT_TRANSLATE_NOOP("fields", "Development boundary"), TEXT),
    "reason": (QT_TRANSLATE_NOOP("fields", "Exclusion reason"), TEXT),
    "reason_zh": (QT_TRANSLATE_NOOP("fields", "Exclusion reason (Chinese)"), TEXT),
}

# Per-band columns of the station summary: <prefix>_<band in m>.
BAND_FIELDS: dict[str, tuple[str, str]] = {
    "area": (QT_TRANSLATE_NOOP("fields", "Catchment area within {} m (m²)"), NUMBER),
    "population": (QT_TRANSLATE_NOOP("fields", "Population within {} m"), PEOPLE),
    "pedshed": (QT_TRANSLATE_NOOP("fields", "Ped-shed ratio within {} m"), RATE),
    "length": (QT_TRANSLATE_NOOP("fields", "Street length within {} m (m)"), NUMBER),
    "rank_pedshed": (QT_TRANSLATE_NOOP("fields", "Rank by ped-shed ratio within {} m"), COUNT),
}
# Per-trip columns of the express evaluation: <allstop|express>_<measure>.
TRIP_PREFIXES = {
    "allstop": QT_TRANSLATE_NOOP("fields", "All-stop"),
    "express": QT_TRANSLATE_NOOP("fields", "With express"),
}
TRIP_FIELDS: dict[str, tuple[str, str]] = {
    "ivt_min": (QT_TRANSLATE_NOOP("fields", "{}: in-vehicle time (min)"), NUMBER),
    "wait_min": (QT_TRANSLATE_NOOP("fields", "{}: waiting time (min)"), NUMBER),
    "transfer_min": (QT_TRANSLATE_NOOP("fields", "{}: transfer time (min)"), NUMBER),
    "total_min": (QT_TRANSLATE_NOOP("fields", "{}: total time (min)"), NUMBER),
    "transfers": (QT_TRANSLATE_NOOP("fields", "{}: transfers"), COUNT),
    "route": (QT_TRANSLATE_NOOP("fields", "{}: route"), TEXT),
}
# Placeholder values written into data columns.
VALUES = {
    "(all)": QT_TRANSLATE_NOOP("fields", "All"),
    "(outside districts)": QT_TRANSLATE_NOOP("fields", "Outside districts"),
    "network": QT_TRANSLATE_NOOP("fields", "walking network"),
    "euclidean": QT_TRANSLATE_NOOP("fields", "straight line"),
    # park classes (GB 55014-2021 2.1.4 in park equity) and where they come from
    "comprehensive": QT_TRANSLATE_NOOP("fields", "comprehensive park"),
    "community": QT_TRANSLATE_NOOP("fields", "community park"),
    "specialized": QT_TRANSLATE_NOOP("fields", "specialized park"),
    "garden": QT_TRANSLATE_NOOP("fields", "garden"),
    "field": QT_TRANSLATE_NOOP("fields", "park class field"),
    "size": QT_TRANSLATE_NOOP("fields", "park size (screening)"),
    "standard": QT_TRANSLATE_NOOP("fields", "GB 55014-2021 2.1.4, all parks and residents given"),
    "screening": QT_TRANSLATE_NOOP("fields", "screening by district"),
    "both_met": QT_TRANSLATE_NOOP("fields", "both targets met"),
    "comprehensive_only": QT_TRANSLATE_NOOP("fields", "comprehensive park target only"),
    "community_only": QT_TRANSLATE_NOOP("fields", "community park target only"),
    "neither_met": QT_TRANSLATE_NOOP("fields", "neither target met"),
    "unreachable": QT_TRANSLATE_NOOP("fields", "off the network"),
}

# Coded values of a field, code -> words: QGIS shows the words through a value map (the data keep
# the codes, which models and expressions use); reports and the presets dialog use the same words.
# Booleans are coded "true"/"false" (how QGIS compares a value map's keys); None is a missing value.
CODES: dict[str, dict[str | None, str]] = {
    "status": {  # how a preset's value was checked (algorithms/standards.py STATUSES)
        "text": QT_TRANSLATE_NOOP("fields", "Checked against the text"),
        "secondary": QT_TRANSLATE_NOOP("fields", "Secondary source"),
        "convention": QT_TRANSLATE_NOOP("fields", "Convention"),
        "unverified": QT_TRANSLATE_NOOP("fields", "Unverified"),
    },
    "basis": {  # the definition a figure follows
        "official": QT_TRANSLATE_NOOP("fields", "Official definition"),
        "standard": QT_TRANSLATE_NOOP("fields", "GB 55014-2021 2.1.4, all parks and residents given"),
        "screening": QT_TRANSLATE_NOOP("fields", "Screening"),
    },
    "mode": {  # what a figure was measured on: distances (every walking output), the health check's sources
        "network": QT_TRANSLATE_NOOP("fields", "walking network"),
        "euclidean": QT_TRANSLATE_NOOP("fields", "straight line"),
        "recorded": QT_TRANSLATE_NOOP("fields", "recorded waterlogging spots"),
        "dem": QT_TRANSLATE_NOOP("fields", "DEM depressions (screening)"),
        "blocks": QT_TRANSLATE_NOOP("fields", "block layer"),
        "streets": QT_TRANSLATE_NOOP("fields", "blocks the streets enclose"),
        "": "",
    },
    "passed": {
        "true": QT_TRANSLATE_NOOP("fields", "yes"),
        "false": QT_TRANSLATE_NOOP("fields", "no"),
        None: QT_TRANSLATE_NOOP("fields", "not judged (no numeric target, or not computed)"),
    },
    "computed": {"true": QT_TRANSLATE_NOOP("fields", "yes"), "false": QT_TRANSLATE_NOOP("fields", "no")},
}


MEETS = QT_TRANSLATE_NOOP("fields", "meets the target")
FAILS = QT_TRANSLATE_NOOP("fields", "below the target")
STATUS = QT_TRANSLATE_NOOP("fields", "Status")
YES = QT_TRANSLATE_NOOP("fields", "yes")
NO = QT_TRANSLATE_NOOP("fields", "no")

_BAND = re.compile(r"^(rank_pedshed|area|population|pedshed|length)_(\d+)$")
_TRIP = re.compile(r"^(allstop|express)_(ivt_min|wait_min|transfer_min|total_min|transfers|route)$")


def _identity(text: str) -> str:
    return text


def code_words(field: str, translate: Callable[[str], str] = _identity) -> dict[str | None, str] | None:
    """code -> words of a coded field, the words through `translate`; None for other fields."""
    codes = CODES.get(field)
    return None if codes is None else {code: translate(words) if words else "" for code, words in codes.items()}


def describe(field: str, translate: Callable[[str], str] = _identity) -> tuple[str, str] | None:
    """(label, kind) of `field`, the label through `translate`; None for a field we did not write."""
    if field in FIELDS:
        label, kind = FIELDS[field]
        return translate(label), kind
    match = _BAND.match(field)
    if match:
        label, kind = BAND_FIELDS[match.group(1)]
        return translate(label).format(match.group(2)), kind
    match = _TRIP.match(field)
    if match:
        label, kind = TRIP_FIELDS[match.group(2)]
        return translate(label).format(translate(TRIP_PREFIXES[match.group(1)])), kind
    return None


def label(field: str, translate: Callable[[str], str] = _identity) -> str:
    """The label of `field`, or the field name itself when it is not one of ours."""
    described = describe(field, translate)
    return described[0] if described else field


def kind(field: str) -> str:
    described = describe(field)
    return described[1] if described else TEXT


def value_label(value, translate: Callable[[str], str] = _identity):
    """A placeholder value ('(all)', 'network', ...) in words; other values unchanged."""
    return translate(VALUES[value]) if isinstance(value, str) and value in VALUES else value


def percent(fraction, digits: int = 1) -> str:
    """0.812 -> '81.2 %'; '-' for a missing value."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "-"
    return f"{100 * float(fraction):.{digits}f} %"


def display(field: str, value, translate: Callable[[str], str] = _identity):
    """`value` of `field` ready for a report cell: rates as percentages, people and counts as whole
    numbers, placeholders in words; anything else unchanged (the table formats numbers)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return translate(YES if value else NO)
    field_kind = kind(field)
    if field_kind == RATE and isinstance(value, (int, float)) and not isinstance(value, bool):
        return percent(value)
    if field_kind in (PEOPLE, COUNT) and isinstance(value, float):
        return int(round(value))
    return value_label(value, translate)

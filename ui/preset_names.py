"""The presets dialog's vocabulary: titles of the tables, column headers, names of the plain values
and of coded values (a rule's outcome, a control line), in the planner's language. A key used with
different meanings in two standard files ("rules": park grades, conflict rules) is named per file."""

from __future__ import annotations

from qgis.PyQt.QtCore import QCoreApplication

from ..algorithms import field_labels
from ..translation import tr
from .preset_tables import VALUE, Row, Table


def status_names() -> dict[str, str]:
    """Verification status -> the name shown to the planner (已核对原文, 二手资料, 惯例, 未核实)."""
    return field_labels.code_words("status", lambda text: QCoreApplication.translate(field_labels.CONTEXT, text))


def _table_titles() -> dict[str, str]:
    """Table key -> title; "<standard>:<key>" where a key means different things in two files."""
    return {
        VALUE: tr("Values"),
        "park_service:rules": tr("Park grades and service radii"),
        "conflict_rules:rules": tr("Three zones and three lines: conflict rules"),
        "city_health_check:rules": tr("Grades and service radii"),
        "indicators": tr("Indicators"),
        "not_spatial": tr("Indicators not computed from maps"),
        "codes": tr("Land-use and sea-use codes"),
        "circles": tr("Living circles"),
        "types": tr("Facilities and walking distances"),
        "osm_mapping": tr("OSM values to facility types"),
        "osm_rules": tr("OSM tag rules for schools and clinics"),
        "sandiao_crosswalk:classes": tr("三调 classes to the 2023 classification"),
        "space_mapping:classes": tr("Space classes"),
        "space_mapping:mapping": tr("Land-use codes to space classes"),
        "slope_breaks_deg": tr("Slope class breaks (°)"),
        "elevation_bands_m": tr("Elevation band limits (m)"),
        "relief_downgrades": tr("Relief above (m): grades lower"),
        "elevation_downgrades": tr("Elevation above (m): grades lower"),
        "mountain_slope_deg": tr("山区宜建地 slope range (°)"),
    }


def _column_names() -> dict[str, str]:
    """Column (a row object's key, or dotted path inside it) or plain value key -> header."""
    return {
        "label": tr("Name"),
        "label_zh": tr("Name (Chinese)"),
        "name": tr("Name"),
        "name_zh": tr("Name (Chinese)"),
        "source": tr("Source"),
        "grade": tr("Grade"),
        "grade_zh": tr("Grade (Chinese)"),
        "park_class": tr("Park class"),
        "min_area_m2": tr("Minimum area (m²)"),
        "radius_m": tr("Service radius (m)"),
        "historic_only": tr("Historic districts only"),
        "coverage_target": tr("Coverage target (share)"),
        "per_capita_target_m2": tr("Park green space per person (m²)"),
        "per_capita_comprehensive_m2": tr("Comprehensive park area per person (m²)"),
        "per_capita_community_m2": tr("Community park area per person (m²)"),
        "id": tr("Rule id"),
        "control_line": tr("Control line"),
        "relation": tr("Inside or outside"),
        "codes": tr("Land-use codes"),
        "except": tr("Except codes"),
        "outcome": tr("Outcome"),
        "clause": tr("Clause of the rule"),
        "text": tr("Rule"),
        "text_zh": tr("Rule (Chinese)"),
        "record": tr("Listed in the summary, not as a conflict"),
        "group_zh": tr("Level or group"),
        "unit": tr("Unit"),
        "kind_zh": tr("Kind of indicator"),
        "method": tr("Method"),
        "needs": tr("Data needed"),
        "needs_official": tr("Data for the official definition"),
        "basis": tr("Definition used"),
        "params.block_streets": tr("Road classes that bound blocks"),
        "params.gap_m": tr("Gap joining built-up parts into one cluster (m)"),
        "definition_zh": tr("Definition"),
        "target.op": tr("Target comparison"),
        "target.value": tr("Target value"),
        "params.radius_m": tr("Radius (m)"),
        "params.type": tr("Facility type"),
        "params.density_per_km2": tr("Population density (per km²)"),
        "params.min_width_m": tr("Minimum width (m)"),
        "zh": tr("Chinese name"),
        "en": tr("English name"),
        "to": tr("2023 classification code"),
        "color": tr("Colour"),
        "k_suffix": tr("Codes ending in K read as the class without K"),
        "walking_speed_m_s": tr("Walking speed (m/s)"),
        "walk_distance_m": tr("Walking distance (m)"),
        "population": tr("Residents (from, to)"),
        "public_green.per_person_m2": tr("Public green space per person (m²)"),
        "public_green.park_min_area_m2": tr("Smallest park (m²)"),
        "public_green.park_min_width_m": tr("Narrowest park (m)"),
        "circle": tr("Living circle"),
        "distance_m": tr("Walking distance (m)"),
        "types": tr("Facility types"),
        "bands_m": tr("Walking bands (m)"),
        "walk_speed_ms": tr("Walking speed (m/s)"),
        "threshold": tr("Threshold"),
        "cruise_kmh": tr("Cruise speed (km/h)"),
        "acceleration_ms2": tr("Acceleration (m/s²)"),
        "braking_ms2": tr("Braking (m/s²)"),
        "dwell_s": tr("Dwell time (s)"),
        "headway_all_min": tr("All-stop headway (min)"),
        "headway_express_min": tr("Express headway (min)"),
        "transfer_min": tr("Interchange walk (min)"),
        "min_contributing_area_ha": tr("Corridor start: contributing area (ha)"),
        "corridor_half_widths": tr("Corridor half-widths by order (m)"),
        "min_depth_m": tr("Waterlogging depth (m)"),
        "min_depression_area_m2": tr("Smallest hollow (m²)"),
        "relief_window_m": tr("Relief window side (m)"),
        "fault_buffer_m": tr("Active fault buffer (m)"),
        "bazi_max_slope_deg": tr("坝区: slope below (°)"),
        "elevation_bands_m": tr("Elevation band limits (m)"),
    }


def _key_headers() -> dict[str, str]:
    """Header of the first column of a table whose rows are named by their key (a code)."""
    return {
        VALUE: tr("Item"),
        "landuse_codes:codes": tr("Code"),
        "sandiao_crosswalk:classes": tr("三调 code"),
        "osm_mapping": tr("OSM value"),
        "space_mapping:mapping": tr("Land-use code"),
        "not_spatial": tr("Group"),
    }


def _value_headers() -> dict[str, str]:
    """Header of the value column of a key -> value table."""
    return {
        VALUE: tr("Value"),
        "osm_mapping": tr("Facility type"),
        "space_mapping:mapping": tr("Space class"),
        "not_spatial": tr("Indicators"),
    }


def value_names() -> dict[str, dict[str, str]]:
    """Coded values shown by name (column key -> code -> name); typing the name or the code keeps the code."""
    return {
        "outcome": {"allowed": tr("allowed"), "approval": tr("only with approval"), "prohibited": tr("prohibited")},
        "relation": {"inside": tr("inside"), "outside": tr("outside")},
        "control_line": {
            "ecological_core": tr("core zone of a protected area"),
            "ecological_redline": tr("ecological red line"),
            "permanent_farmland": tr("permanent basic farmland"),
            "development_boundary": tr("urban development boundary"),
        },
    }


def _lookup(names: dict[str, str], standard: str, key: str) -> str | None:
    return names.get(f"{standard}:{key}", names.get(key))


def _last_key(table: Table) -> str:
    return table.key.rsplit(".", 1)[-1] if table.key else VALUE


def table_title(standard: str, table: Table, chinese: bool) -> str:
    """ "Park grades and service radii"; a nested table is titled with its row's name first."""
    key = _last_key(table)
    title = _lookup(_table_titles(), standard, key) or key
    return f"{row_name(table.parent, chinese)} · {title}" if table.parent is not None else title


def keyed(standard: str, table: Table) -> bool:
    """Whether a table shows its rows' keys (codes, OSM values) in a first column."""
    return table.kind != "rows" or _lookup(_key_headers(), standard, _last_key(table)) is not None


def key_header(standard: str, table: Table) -> str:
    return _lookup(_key_headers(), standard, VALUE if table.path == "" else _last_key(table)) or tr("Key")


def column_header(standard: str, table: Table, column: str) -> str:
    if column == VALUE:
        return _lookup(_value_headers(), standard, VALUE if table.path == "" else _last_key(table)) or tr("Value")
    found = _column_names().get(column)
    if found:
        return found
    *inside, last = column.split(".")
    if inside == ["when"]:  # an OSM tag an OSM rule tests
        return tr("When {}").format(last)
    if inside == ["params", "counted_classes"]:  # GB/T 51328 class -> the road classes counted as it
        return tr("Road classes counted as {}").format(last)
    return _column_names().get(last, last)


def key_name(table: Table, row: Row) -> str:
    """The name shown for a row's key: plain values by their name, codes as they are."""
    return column_header("", table, str(row.key)) if table.path == "" else str(row.key)


_NAME_KEYS = ("label", "name", "grade", "text")


def row_name(row: Row, chinese: bool) -> str:
    """A row's own name (Chinese first under zh-Hans) for titles and messages: 幼儿园, 游园, 0101."""
    item = row.item if isinstance(row.item, dict) else {}
    keys = [f"{k}_zh" for k in _NAME_KEYS] + ["zh"] if chinese else []
    keys += list(_NAME_KEYS) + ["en", "zh"]
    own = next((str(item[k]) for k in keys if item.get(k)), None)
    if own:
        return own
    if isinstance(row.key, int):
        return tr("row {}").format(row.key + 1)
    return str(row.key)

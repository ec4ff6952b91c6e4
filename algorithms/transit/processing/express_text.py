"""The express service door's text: engine errors and warnings in the planner's words, the report's
labels and parameter rows. `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from ...network.processing import terrain_report


def explain(algorithm, error, label: str, order_field: str) -> str:
    """The engine's input error in the planner's words, naming the layer, field and the fix."""
    from .. import commute, express, lines

    if isinstance(error, lines.DuplicateOrderError):
        return algorithm.tr(
            "Layer '{}', line '{}': order number {} is used by more than one station ({}). Give each "
            "station of a line its own order number in field '{}'."
        ).format(label, error.line, f"{error.order:g}", ", ".join(error.stations), order_field)
    if isinstance(error, lines.SingleStationLineError):
        return algorithm.tr(
            "Layer '{}': line '{}' has only one station ({}). A line needs at least two stations: "
            "check the line id field or remove the station."
        ).format(label, error.line, error.station)
    if isinstance(error, lines.MissingOrderError):
        return algorithm.tr(
            "Layer '{}', line '{}': the stations have no order along the line. Choose an order field "
            "with a number for every station, or give the metro line geometry."
        ).format(label, error.line)
    if isinstance(error, lines.StationOffLineError):
        return algorithm.tr(
            "Station '{}' lies {:.0f} m from the geometry of line '{}' (more than {:.0f} m). Check its "
            "line id or the line geometry."
        ).format(error.station, error.distance_m, error.line, lines.OFF_LINE_TOLERANCE_M)
    if isinstance(error, lines.UnknownStationError):
        return algorithm.tr(
            "There is no station '{}' in layer '{}'. Near matches: {}. Give a station id or name "
            "exactly as in the layer."
        ).format(error.query, label, ", ".join(error.suggestions) or algorithm.tr("none"))
    if isinstance(error, express.UnknownLineError):
        return algorithm.tr("There is no line '{}' in layer '{}'. Its lines are: {}.").format(
            error.line, label, ", ".join(error.known)
        )
    if isinstance(error, express.NoExpressError):
        return algorithm.tr(
            "No line has two or more express stops. Mark the express stops with the express stop "
            "field or list them in 'Express stops'."
        )
    if isinstance(error, commute.ExpressSkipsDestinationError):
        return algorithm.tr(
            "The express pattern of line '{}' passes the destination {} without stopping. Add {} to "
            "the express stops or choose another destination."
        ).format(error.line, error.destination, error.destination)
    return str(error)


def warning_text(algorithm, warning: tuple) -> str:
    """An engine warning (kind, values...) in the planner's words."""
    kind, *values = warning
    if kind == "single_express_stop":
        return algorithm.tr("Line '{}' has only one express stop ({}): no express runs on it.").format(*values)
    if kind == "straight_line":
        return algorithm.tr(
            "No track geometry for line(s) {}: distances between stations are straight lines, "
            "which understate run times where the track curves. Give the metro line geometry "
            "(LINES) for distances along the track (distance_method in the outputs)."
        ).format(*values)
    return algorithm.tr("Station {} cannot reach the destination on the metro network: its times are empty.").format(
        *values
    )


def parameter_rows(algorithm, model, service, evaluation) -> list[tuple[str, str]]:
    """(label, value) of the run-time model and service, for the report."""
    methods = {
        "track": algorithm.tr("along the track (line geometry)"),
        "straight_line": algorithm.tr("straight lines between stations (no line geometry)"),
        "mixed": algorithm.tr("along the track where line geometry is given, else straight lines"),
    }
    return [
        (algorithm.tr("Distance between stations"), methods[evaluation.distance_method]),
        (algorithm.tr("Cruise speed (km/h)"), f"{model.cruise_kmh:g}"),
        (algorithm.tr("Acceleration (m/s²)"), f"{model.acceleration:g}"),
        (algorithm.tr("Braking deceleration (m/s²)"), f"{model.braking:g}"),
        (algorithm.tr("Dwell time per stop (s)"), f"{model.dwell_s:g}"),
        (algorithm.tr("All-stop headway (min)"), f"{service.headway_all_min:g}"),
        (algorithm.tr("Express headway (min)"), f"{service.headway_express_min:g}"),
        (algorithm.tr("Interchange walking time (min)"), f"{service.transfer_min:g}"),
    ]


def labels(algorithm) -> dict[str, str]:
    """The express report's text in the user's language."""
    return {
        "title": algorithm.tr("Express service evaluation"),
        "summary": algorithm.tr("Scenario"),
        "destination": algorithm.tr("Destination"),
        "pattern": algorithm.tr("Express stops"),
        "parameters": algorithm.tr("Run-time model and service"),
        "line": algorithm.tr("Line"),
        "saved_chart": algorithm.tr("Line {}: minutes saved to the destination, station by station"),
        "times_chart": algorithm.tr("Line {}: door-to-door minutes to the destination along the line"),
        "distance_km": algorithm.tr("Distance along the line (km)"),
        "minutes": algorithm.tr("min"),
        "all_stop": algorithm.tr("All-stop"),
        "express": algorithm.tr("With express"),
        "stations": algorithm.tr("Stations"),
        "station": algorithm.tr("Station"),
        "lines": algorithm.tr("Lines"),
        "express_stop": algorithm.tr("Express stop"),
        "all_total": algorithm.tr("All-stop, min"),
        "express_total": algorithm.tr("With express, min"),
        "saved": algorithm.tr("Minutes saved"),
        "route": algorithm.tr("Route with express"),
        "method_note": algorithm.tr(
            "Door-to-door time = half the headway of each boarded train + in-vehicle time (trapezoidal speed "
            "profile between stops, dwell only where the train stops) + interchange walks. Riders take the "
            "quickest option; walking to the station is not included."
        ),
        "yes": algorithm.tr("yes"),
        "no": algorithm.tr("no"),
        "isochrones": algorithm.tr("Door-to-door commute isochrones (walk + wait + ride)"),
        "pattern_col": algorithm.tr("Pattern"),
        "area_km2": algorithm.tr("Area (km²)"),
        "population": algorithm.tr("Population"),
        "gained": algorithm.tr("Population gained with the express"),
        "unreachable": algorithm.tr("Population unreachable (too far from every street)"),
        "area_flat": algorithm.tr("Area, distance (km²)"),
        "area_terrain": algorithm.tr("Area, terrain (km², screening)"),
        **terrain_report.labels(algorithm),
    }

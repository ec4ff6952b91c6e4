"""The commute isochrones group of the express service door: the walking inputs (walking network,
population polygons, walking speed, door-to-door thresholds), declared and read, and the
isochrone layer of both patterns written with the population each reaches. Messages use
`algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import styling, vector
from ...network.processing import walking_network
from .. import values
from . import population as population_group

WALK_SPEED = "WALK_SPEED"
COMMUTE_MINUTES = "COMMUTE_MINUTES"
COMMUTE_ISOCHRONES = "COMMUTE_ISOCHRONES"  # the output, declared among the door's outputs
POPULATION_GAINED = "POPULATION_GAINED"


def add_parameters(algorithm) -> None:
    """The walking network group (optional), the population group, WALK_SPEED and COMMUTE_MINUTES."""
    walking_network.add_parameters(
        algorithm,
        algorithm.tr("Walking network (optional: door-to-door commute isochrones)"),
        optional=True,
        terrain=True,
    )
    population_group.add_parameters(algorithm)
    algorithm.addParameter(
        QgsProcessingParameterNumber(
            WALK_SPEED,
            algorithm.tr("Walking speed (m/s)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=values.preset_value("walking_speed", "walk_speed_ms"),
            minValue=0.1,
            maxValue=3.0,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterString(
            COMMUTE_MINUTES,
            algorithm.tr("Door-to-door commute thresholds (min, comma separated)"),
            defaultValue="30,45,60",
        )
    )


def _thresholds(algorithm, parameters, context) -> list[float]:
    from .. import catchments

    text = algorithm.parameterAsString(parameters, COMMUTE_MINUTES, context)
    try:
        return catchments.parse_bands(text)
    except catchments.CatchmentInputError as error:
        raise QgsProcessingException(
            algorithm.tr(
                "Commute thresholds '{}' cannot be read: give minutes separated by commas, e.g. 30,45,60."
            ).format(text)
        ) from error


def _add_population_columns(table, population) -> None:
    """Isochrone rows: 'population' becomes the population within the isochrone
    (population_covered) beside the total, the rest and the unreachable population, so that
    population = covered + not covered + unreachable on every row (NaN without a population layer)."""
    from ... import walking

    covered = table.pop("population").to_numpy(dtype=float)
    rows = [walking.population_row(population.total, c, population.unreachable) for c in covered] if population else []
    for column in ("population", "population_covered", "population_not_covered", "population_unreachable"):
        table[column] = [row[column] for row in rows] if rows else float("nan")


def write(algorithm, parameters, context, feedback, evaluation, stations) -> tuple:
    """COMMUTE_ISOCHRONES: areas within each threshold door to door, both patterns, with population
    (`stations`: express_inputs.Stations). Returns the outputs (the layer and POPULATION_GAINED)
    and the isochrone table (for the report)."""
    import geopandas as gpd

    from ... import network as nw
    from .. import isochrones

    speed = algorithm.parameterAsDouble(parameters, WALK_SPEED, context)
    thresholds = _thresholds(algorithm, parameters, context)
    metric = stations.metric
    walk = walking_network.read(algorithm, parameters, context, feedback, metric, required=False)
    if walk is None:
        raise QgsProcessingException(
            algorithm.tr("Commute isochrones need the walking network: choose a street layer in 'Walking network'.")
        )
    population = population_group.read(algorithm, parameters, context, feedback, metric, walk)
    geometries_in, values_in = population.reachable_part() if population is not None else (None, None)
    times = evaluation.stations
    share = 15 if walk.draped is not None else 30

    def run(network, start):
        return isochrones.commute_isochrones(
            network,
            [stations.geometries[sid] for sid in times["station_id"]],
            {"allstop": times["allstop_total_min"].to_numpy(), "express": times["express_total_min"].to_numpy()},
            thresholds,
            speed,
            population_geometries=geometries_in,
            population_values=values_in,
            snap_distance=walk.snap_distance,
            progress=lambda p: feedback.setProgress(start + share * p),
            is_canceled=feedback.isCanceled,
        )

    try:
        result = run(walk.network, 60)
        if walk.draped is not None:  # walk legs home -> station on the DEM: the screening figures beside
            terrain = run(walk.draped, 75)
            result.table["area_terrain_m2"] = terrain.table["area_m2"].to_numpy()
            result.table["population_covered_terrain"] = terrain.table["population"].to_numpy()
            result.table["population_gained_terrain"] = terrain.table["population_gained"].to_numpy()
    except nw.NetworkError as error:
        raise QgsProcessingException(algorithm.tr("The walking network cannot be used: {}").format(error)) from error
    _add_population_columns(result.table, population)
    if result.off_network:
        names = [times["name"].iloc[i] for i in result.off_network]
        feedback.pushWarning(
            algorithm.tr(
                "{} station(s) lie more than {:g} m from the walking network; nobody walks to them: {}"
            ).format(len(names), walk.snap_distance, ", ".join(names))
        )
    keep = [p is not None and not p.is_empty for p in result.polygons]
    frame = gpd.GeoDataFrame(result.table[keep].reset_index(drop=True), geometry=list(result.polygons[keep]))
    frame = frame.sort_values(["minutes", "pattern"], ascending=[False, True]).reset_index(drop=True)
    dest = vector.write_frame(
        algorithm,
        parameters,
        COMMUTE_ISOCHRONES,
        context,
        frame,
        wkb_type=QgsWkbTypes.Type.MultiPolygon,
        frame_crs=metric,
        output_crs=stations.source_crs,
        feedback=feedback,
    )
    styling.style_output(context, dest, "transit_isochrones", algorithm.tr("Door-to-door commute isochrones"))
    middle = thresholds[len(thresholds) // 2]
    gained = result.table.loc[
        (result.table["pattern"] == "express") & (result.table["minutes"] == middle), "population_gained"
    ]
    value = float(gained.iloc[0]) if len(gained) and gained.notna().all() else None
    if value is not None:
        feedback.pushInfo(
            algorithm.tr("Population within {:g} min door to door: {:,.0f} more with the express.").format(
                middle, value
            )
        )
    return {COMMUTE_ISOCHRONES: dest, POPULATION_GAINED: value}, result.table

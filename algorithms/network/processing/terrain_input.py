"""The terrain input of the walking network: an optional DEM (TERRAIN_DEM, any CRS), its elevation
unit (the drainage DEM rule: metres, feet, US survey feet) and the largest share of the network it
may leave uncovered. The reader drapes the built network on the DEM (network/terrain.py), reading
only the DEM window under the network's extent."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
)

from ....layers import crs as crs_utils
from ....layers import raster, vector
from ....translation import tr
from ...base import label_options
from ...drainage.processing.dem_input import ELEVATION_UNITS

TERRAIN_DEM = "TERRAIN_DEM"
TERRAIN_ELEVATION_UNIT = "TERRAIN_ELEVATION_UNIT"
TERRAIN_MAX_UNCOVERED = "TERRAIN_MAX_UNCOVERED"
TERRAIN_FUNCTION = "TERRAIN_FUNCTION"
#: Walking-speed functions (network/terrain.py FUNCTIONS; static strings for models and scripts).
FUNCTIONS = ("tobler", "naismith")
#: Fields that mark a line as not lying on the ground (OSM tags): take its end-to-end grade.
UNDRAPED_FIELDS = ("tunnel", "bridge", "layer")
#: Cells of margin read around the network's extent (bilinear needs the next cell centre).
MARGIN_CELLS = 2


def add_parameters(algorithm) -> None:
    """TERRAIN_DEM (optional), TERRAIN_ELEVATION_UNIT, TERRAIN_FUNCTION and TERRAIN_MAX_UNCOVERED
    (advanced)."""
    algorithm.addParameter(
        QgsProcessingParameterRasterLayer(
            TERRAIN_DEM,
            tr("Terrain DEM (optional): walking times uphill and downhill (Tobler), radii read as flat walking time"),
            optional=True,
        )
    )
    unit = QgsProcessingParameterEnum(
        TERRAIN_ELEVATION_UNIT,
        tr("Elevation unit of the terrain DEM"),
        options=list(ELEVATION_UNITS),
        defaultValue="metres",
        optional=True,
    )
    unit.setUsesStaticStrings(True)
    label_options(
        unit,
        {
            "metres": tr("Metres"),
            "feet": tr("Feet (international foot, 0.3048 m)"),
            "us_survey_feet": tr("US survey feet (1200/3937 m)"),
        },
    )
    unit.setFlags(unit.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    algorithm.addParameter(unit)
    function = QgsProcessingParameterEnum(
        TERRAIN_FUNCTION,
        tr("Walking speed on slopes"),
        options=list(FUNCTIONS),
        defaultValue="tobler",
        optional=True,
    )
    function.setUsesStaticStrings(True)
    label_options(
        function,
        {
            "tobler": tr("Tobler's hiking function (1993): 6 exp(-3.5 |s + 0.05|) km/h, 5.04 km/h on the flat"),
            "naismith": tr("Naismith's rule (1892): 3 mph plus an hour per 2,000 ft climbed; descents as the flat"),
        },
    )
    function.setFlags(function.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    algorithm.addParameter(function)
    share = QgsProcessingParameterNumber(
        TERRAIN_MAX_UNCOVERED,
        tr("Largest share of the network the terrain DEM may leave uncovered (%)"),
        QgsProcessingParameterNumber.Type.Double,
        5.0,
        optional=True,
        minValue=0.0,
        maxValue=100.0,
    )
    share.setFlags(share.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    algorithm.addParameter(share)


def wanted(algorithm, parameters, context) -> bool:
    """True when the algorithm has the terrain group and a terrain DEM is given."""
    if algorithm.parameterDefinition(TERRAIN_DEM) is None or parameters.get(TERRAIN_DEM) in (None, ""):
        return False
    if algorithm.parameterAsRasterLayer(parameters, TERRAIN_DEM, context) is None:
        raise QgsProcessingException(algorithm.invalidRasterError(parameters, TERRAIN_DEM))
    return True


def undraped_fields(source) -> list[str]:
    """The tunnel/bridge/layer fields the network layer has (any case)."""
    names = {f.name().lower(): f.name() for f in source.fields()}
    return [names[n] for n in UNDRAPED_FIELDS if n in names]


def undraped_mask(frame, fields: list[str]) -> np.ndarray:
    """True for lines tagged tunnel or bridge (any value but no/0/false/empty) or layer != 0."""
    mask = np.zeros(len(frame), dtype=bool)
    for name in fields:
        values = frame[name].tolist()
        if name.lower() == "layer":
            numbers = np.array([_number(v) for v in values])
            mask |= np.isfinite(numbers) & (numbers != 0)
        else:
            mask |= np.array([str(v).strip().lower() not in ("", "no", "0", "false", "none") for v in values])
    return mask


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def read_dem(algorithm, parameters, context, feedback, metric, network):
    """The engine's Dem for the network's extent, or None without a TERRAIN_DEM."""
    from affine import Affine
    from pyproj import Transformer

    from ...drainage.dem import DemSource
    from ...projection import WorkingCrsError, cell_size_metres
    from ..terrain import Dem

    layer = algorithm.parameterAsRasterLayer(parameters, TERRAIN_DEM, context)
    if layer is None:
        return None
    label = layer.name()
    path = raster.raster_path(layer, label)
    unit_name = algorithm.parameterAsEnumString(parameters, TERRAIN_ELEVATION_UNIT, context) or "metres"
    own = crs_utils.to_pyproj(layer.crs(), label)
    source = DemSource(path, 1, ELEVATION_UNITS[unit_name])
    header = source.header()
    rows, cols = header.shape
    try:
        cell = min(cell_size_metres(own, header.transform, header.shape))
    except WorkingCrsError as error:
        raise QgsProcessingException(
            tr("Terrain DEM '{}': its cells cannot be measured in its CRS ({}). Reproject it to a metric CRS.").format(
                label, error
            )
        ) from error
    work = crs_utils.to_pyproj(metric, label)
    to_dem = None
    if not own.equals(work):
        transformer = Transformer.from_crs(work, own, always_xy=True)
        to_dem = transformer.transform
    # The window of the DEM under the network's extent (corners and edge midpoints transformed).
    (x0, y0), (x1, y1) = network.xy.min(axis=0), network.xy.max(axis=0)
    xs = np.array([x0, x1, x0, x1, (x0 + x1) / 2, (x0 + x1) / 2, x0, x1])
    ys = np.array([y0, y0, y1, y1, y0, y1, (y0 + y1) / 2, (y0 + y1) / 2])
    if to_dem is not None:
        xs, ys = (np.asarray(v, dtype=float) for v in to_dem(xs, ys))
    inverse = ~header.transform  # by its coefficients: affine 3 deprecates `*`, affine 2 has no `@`
    col = inverse.a * xs + inverse.b * ys + inverse.c
    row = inverse.d * xs + inverse.e * ys + inverse.f
    c0 = int(np.clip(np.floor(np.min(col)) - MARGIN_CELLS, 0, cols))
    c1 = int(np.clip(np.ceil(np.max(col)) + MARGIN_CELLS, 0, cols))
    r0 = int(np.clip(np.floor(np.min(row)) - MARGIN_CELLS, 0, rows))
    r1 = int(np.clip(np.ceil(np.max(row)) + MARGIN_CELLS, 0, rows))
    if c1 <= c0 or r1 <= r0:
        elevation, (c0, r0) = np.full((1, 1), np.nan, dtype=np.float32), (0, 0)
    else:
        elevation = source.read(r0, c0, r1 - r0, c1 - c0)
    t = header.transform
    corners_x = [t.c, t.c + t.a * cols, t.c + t.b * rows, t.c + t.a * cols + t.b * rows]
    corners_y = [t.f, t.f + t.d * cols, t.f + t.e * rows, t.f + t.d * cols + t.e * rows]
    bounds = (min(corners_x), min(corners_y), max(corners_x), max(corners_y))
    feedback.pushInfo(
        tr("Terrain DEM '{}': elevations in {}, cells of {:.1f} m; {} x {} cells read under the network.").format(
            label, unit_name, cell, elevation.shape[0], elevation.shape[1]
        )
    )
    window = Affine(t.a, t.b, t.c + c0 * t.a + r0 * t.b, t.d, t.e, t.f + c0 * t.d + r0 * t.e)
    return Dem(elevation, window, cell, to_dem, bounds)


def drape(algorithm, parameters, context, feedback, metric, network, frame, class_field: str, undraped_names):
    """The network draped on TERRAIN_DEM (None without one), its report logged: uncovered lines
    named, a stop when more than TERRAIN_MAX_UNCOVERED % of the length is uncovered."""
    from .. import drape as drape_network

    dem = read_dem(algorithm, parameters, context, feedback, metric, network)
    if dem is None:
        return None
    steps = None
    if class_field:
        steps = np.array([str(v).strip().lower() == "steps" for v in frame[class_field].tolist()])
    undraped = undraped_mask(frame, undraped_names)
    function = algorithm.parameterAsEnumString(parameters, TERRAIN_FUNCTION, context) or "tobler"
    draped, report = drape_network(
        network, frame.geometry.to_numpy(), dem, undraped=undraped, steps=steps, function=function
    )
    label = algorithm.parameterAsRasterLayer(parameters, TERRAIN_DEM, context).name()
    feedback.pushInfo(
        tr(
            "Terrain: {} edges draped, {} taken end to end (tunnel, bridge, layer), {} steps; "
            "{} edges walked flat for nodata gaps. Trips run from each home to the facility."
        ).format(report.draped, report.undraped, report.steps, report.nodata)
    )
    if report.uncovered:
        fids = frame[vector.FID].to_numpy()[report.uncovered_lines] if vector.FID in frame else report.uncovered_lines
        named = ", ".join(str(f) for f in fids[:20]) + (" ..." if len(fids) > 20 else "")
        feedback.pushWarning(
            tr(
                "Terrain DEM '{}' does not cover {} edges ({:.1%} of the network's length): walked flat. Lines: {}"
            ).format(label, report.uncovered, report.uncovered_share, named)
        )
    limit = algorithm.parameterAsDouble(parameters, TERRAIN_MAX_UNCOVERED, context)
    if parameters.get(TERRAIN_MAX_UNCOVERED) in (None, ""):
        limit = 5.0
    if report.uncovered_share * 100 > limit:
        raise QgsProcessingException(
            tr(
                "Terrain DEM '{}' leaves {:.1%} of the walking network uncovered (more than {:g} %). "
                "Use a DEM covering the network, or raise the largest uncovered share."
            ).format(label, report.uncovered_share, limit)
        )
    return draped

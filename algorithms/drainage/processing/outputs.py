"""Writing the flood doors' outputs: vector layers and rasters, styled on load, and the map from an
engine's 0-1 progress to Processing's percent."""

from __future__ import annotations

from collections.abc import Callable

from ....layers import raster, styling, vector


def engine_progress(feedback, start: float, span: float) -> Callable[[float], None]:
    """An engine's `progress` callback: its fraction done (0-1) moves the feedback's bar from
    `start` to `start + span` percent."""
    return lambda fraction: feedback.setProgress(start + span * fraction)


def write_frames(algorithm, parameters, context, feedback, outputs, skipped: dict, metric, crs) -> dict:
    """Write the vector outputs `(name, frame, wkb type, style, title)` (None for a name true in
    `skipped`) from the `metric` CRS to the DEM's `crs`, styled on load: {name: destination}."""
    results = {}
    for name, frame, wkb_type, style, title in outputs:
        if skipped.get(name):
            results[name] = None
            continue
        dest = vector.write_frame(
            algorithm,
            parameters,
            name,
            context,
            frame,
            wkb_type=wkb_type,
            frame_crs=metric,
            output_crs=crs,
            feedback=feedback,
        )
        styling.style_output(context, dest, style, title)
        results[name] = dest
    return results


def raster_destination(algorithm, parameters, name: str, context) -> str | None:
    """The file an optional raster output goes to, None when it is not requested."""
    return algorithm.parameterAsOutputLayer(parameters, name, context) or None


def write_raster(
    algorithm, parameters, name, context, array, transform, crs, nodata, dtype, style, title, feedback=None
):
    """Write an optional raster output (None when not requested) and style it on load; a cancelled
    `feedback` stops the writing."""
    path = raster_destination(algorithm, parameters, name, context)
    if not path:
        return None
    raster.write_geotiff(path, array, transform, crs, nodata, dtype, feedback=feedback)
    if style:
        styling.style_output(context, path, style, title)
    return path

"""The words of the reports' "flat vs terrain" section, shared by every walking algorithm's door:
the standard's distance figure beside the terrain-aware one (screening), in the user's language."""

from __future__ import annotations


def labels(algorithm) -> dict[str, str]:
    """Heading, column headers and the note of the section (the keys the report pages read)."""
    return {
        "terrain": algorithm.tr("Flat vs terrain"),
        "flat": algorithm.tr("Standard (distance)"),
        "terrain_screening": algorithm.tr("Terrain (walking time, screening)"),
        "difference": algorithm.tr("Change on the terrain"),
        "losing": algorithm.tr("Losing coverage"),
        "homes_covered": algorithm.tr("Homes covered"),
        "population_flat": algorithm.tr("Population (distance)"),
        "population_terrain": algorithm.tr("Population (terrain, screening)"),
        "population_covered": algorithm.tr("Residents covered"),
        "terrain_note": algorithm.tr(
            "Terrain (screening): the walks on the DEM at the chosen walking function's speed (Tobler's hiking "
            "function by default); a distance R is read as the time to walk R on the flat. The standard's "
            "figure is the distance one."
        ),
    }

"""City health check benchmark (issue 18: "well under a minute" on the bundled Helsinki sample).

Ours: `urbanization:cityhealthcheck` (edition mohurd_2021) on the demo's inputs: the 92 HSY grid
cells with population, 16 OSM parks, the 2,504-line OSM street network, 3 stations, OSM land use as
facilities (retail = food market) and the demonstration development boundary as built-up area; every
output in memory. Reference, timed alike in the same run: the three standalone algorithms a planner
runs by hand today for the same walking indicators (`parkcoverage` with the 2021 rules,
`facilitycoverage`, `stationcatchments` with the 800 m band) one after the other on the same inputs.
"""

from __future__ import annotations

from common import interleaved, start_qgis

from urbanization_planning.algorithms.base import RESOURCES

DATA = RESOURCES / "sample_data"
OSM = f"{DATA}/helsinki_osm_layers.gpkg"
GRID = f"{DATA}/helsinki_population_grid_2020.gpkg|layername=population_grid_2020"


def run() -> list[tuple[str, float, float]]:
    start_qgis()
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def call(algorithm_id, parameters):
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        return processing.run(algorithm_id, parameters, context=context, feedback=QgsProcessingFeedback())

    common = {"NETWORK": f"{OSM}|layername=roads", "RESIDENTIAL": GRID, "POPULATION_FIELD": "population"}

    def ours():
        call(
            "urbanization:cityhealthcheck",
            dict(
                common,
                EDITION="mohurd_2021",
                BUILT_UP=f"{DATA}/planning_sample.gpkg|layername=development_boundary",
                PARKS=f"{OSM}|layername=parks",
                PARK_NAME_FIELD="name",
                STATIONS=f"{OSM}|layername=rail_stations",
                FACILITIES=f"{OSM}|layername=landuse",
                FACILITY_TYPE_FIELD="landuse",
                TYPE_MAPPING="retail = market",
                **{
                    name: "memory:"
                    for name in (
                        "INDICATORS",
                        "PARK_SERVICE_AREAS",
                        "FACILITY_GAPS",
                        "STATION_CATCHMENTS",
                        "DENSE_LAND",
                        "CLUSTERS",
                        "CITY_ROADS",
                    )
                },
            ),
        )

    def reference():
        call(
            "urbanization:parkcoverage",
            dict(
                common,
                PARKS=f"{OSM}|layername=parks",
                PARK_NAME_FIELD="name",
                STANDARD="custom",
                CUSTOM_RULES="2000: 300: garden\n5000: 500: park",
                SERVICE_AREAS="memory:",
                RESIDENTIAL_RESULT="memory:",
                UNDERSERVED="memory:",
                SUMMARY="memory:",
            ),
        )
        call(
            "urbanization:facilitycoverage",
            dict(
                common,
                FACILITIES=f"{OSM}|layername=landuse",
                TYPE_FIELD="landuse",
                TYPE_MAPPING="retail = market",
                RESULT="memory:",
                SUMMARY="memory:",
                UNDERSERVED="memory:",
            ),
        )
        call(
            "urbanization:stationcatchments",
            {
                "STATIONS": f"{OSM}|layername=rail_stations",
                "NETWORK": f"{OSM}|layername=roads",
                "BANDS": "800",
                "POPULATION": GRID,
                "POPULATION_FIELD": "population",
                "CATCHMENTS": "memory:",
                "STATION_SUMMARY": "memory:",
            },
        )

    ours()  # warm-up: module imports
    reference_s, ours_s = interleaved(reference, ours)
    return [
        (
            "Helsinki sample: city health check vs parkcoverage + facilitycoverage + stationcatchments",
            ours_s,
            reference_s,
        )
    ]

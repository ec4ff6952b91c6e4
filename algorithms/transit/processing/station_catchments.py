"""Station walking catchments (轨道站点步行范围): the streets reachable on foot from each metro station
within each band, their ped-shed ratio and population. QGIS glue only: the engine is
transit/catchments.py; the parameter groups beside this module declare and read the inputs and
write the outputs."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterDefinition, QgsProcessingParameterEnum

from ...base import UrbanizationAlgorithm
from ...network.processing import walking_network
from . import catchment_inputs, catchment_outputs
from . import population as population_group


class StationCatchmentsAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "stationcatchments"
    GROUP_ID = "commuting"
    REQUIRES = ("shapely", "geopandas", "scipy")

    ALLOCATION = "ALLOCATION"
    MAX_SNAP_DISTANCE = "MAX_SNAP_DISTANCE"
    NETWORK_TOLERANCE = "NETWORK_TOLERANCE"
    LEGACY_NAMES = {walking_network.SNAP_DISTANCE: MAX_SNAP_DISTANCE, walking_network.TOLERANCE: NETWORK_TOLERANCE}

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Station walking catchments (轨道站点步行范围)")

    def tags(self) -> list[str]:
        return self.tr("metro,station,catchment,walking,ped-shed,TOD,service area,轨道站点,步行范围,站城融合").split(
            ","
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        catchment_inputs.add_stations(self)  # stations and their entrances
        walking_network.add_parameters(
            self, self.tr("Walking network (streets and paths)"), optional=False, terrain=True
        )
        catchment_inputs.add_bands(self)
        population_group.add_parameters(self)
        allocation = QgsProcessingParameterEnum(
            self.ALLOCATION,
            self.tr(
                "Allocation (overlapping: each station's own catchment; nearest: streets go to the nearest station)"
            ),
            options=["overlapping", "nearest"],
            defaultValue="overlapping",
        )
        allocation.setUsesStaticStrings(True)
        self.addParameter(allocation)
        self._add_legacy_names()
        catchment_outputs.add_parameters(self)

    def _add_legacy_names(self) -> None:
        """The walking network's lengths under their old names, hidden: a saved model or script
        that still sets an old name keeps its value (same limits)."""
        for current, old_name, label in (
            (walking_network.SNAP_DISTANCE, self.MAX_SNAP_DISTANCE, self.tr("Renamed: SNAP_DISTANCE (m)")),
            (walking_network.TOLERANCE, self.NETWORK_TOLERANCE, self.tr("Renamed: TOLERANCE (m)")),
        ):
            limits = self.parameterDefinition(current)
            legacy = walking_network.metres_parameter(
                old_name, label, None, minimum=limits.minimum(), maximum=limits.maximum()
            )
            legacy.setFlags(
                legacy.flags()
                | QgsProcessingParameterDefinition.Flag.FlagHidden
                | QgsProcessingParameterDefinition.Flag.FlagOptional
            )
            self.addParameter(legacy)

    def process(self, parameters, context, feedback):
        from ... import network as nw
        from .. import catchments

        stations = catchment_inputs.read_stations(self, parameters, context, feedback)
        metric, names = stations.layer.metric, stations.names
        bands, speed = catchment_inputs.read_bands(self, parameters, context)
        entrance_points, entrance_station = catchment_inputs.read_entrances(
            self, parameters, context, feedback, metric, stations.ids
        )
        walk = walking_network.read(
            self, parameters, context, feedback, metric, required=True, legacy=self.LEGACY_NAMES
        )
        population = population_group.read(self, parameters, context, feedback, metric, walk)
        population_geometries, population_values = (
            population.reachable_part() if population is not None else (None, None)
        )
        allocation = self.parameterAsEnumString(parameters, self.ALLOCATION, context)
        snap_distance = walk.snap_distance
        feedback.setProgress(10)
        share = 40 if walk.draped is not None else 80

        def run(network, start):
            return catchments.station_catchments(
                network,
                stations.layer.frame.geometry.values,
                bands,
                entrance_points=entrance_points,
                entrance_station=entrance_station,
                allocation=allocation,
                population_geometries=population_geometries,
                population_values=population_values,
                snap_distance=snap_distance,
                progress=lambda p: feedback.setProgress(start + share * p),
                is_canceled=feedback.isCanceled,
            )

        terrain = None
        try:
            result = run(walk.network, 10)
            if walk.draped is not None:
                terrain = run(walk.draped, 50)
                catchments.add_terrain(result, terrain)
                feedback.pushInfo(
                    self.tr(
                        "Flat vs terrain (screening): {:,.0f} people within the outer band by distance, {:,.0f} "
                        "in walking time on the DEM (columns area_terrain_m2, pedshed_terrain, population_terrain)."
                    ).format(result.population_covered, terrain.population_covered)
                )
        except catchments.NoStationOnNetworkError as error:
            raise QgsProcessingException(
                self.tr(
                    "No station of layer '{}' lies within {:g} m of the walking network. Check that the network covers "
                    "the stations, or raise the largest distance to the network."
                ).format(stations.layer.label, snap_distance)
            ) from error
        except nw.NetworkError as error:
            raise QgsProcessingException(self.tr("The walking network cannot be used: {}").format(error)) from error

        off = [names[k] for k in result.stations.index[~result.stations["on_network"]]]
        if off:
            feedback.pushWarning(
                self.tr("{} station(s) lie more than {:g} m from the walking network and get no catchment: {}").format(
                    len(off), snap_distance, ", ".join(off)
                )
            )
        island = [names[k] for k in result.stations.index[result.stations["small_island"]]]
        if island:
            feedback.pushWarning(
                self.tr(
                    "{} station(s) snap onto a small piece of network not joined to the "
                    "streets; their catchments are tiny: {}. Check the network near them "
                    "(e.g. a platform footway) or add their entrances."
                ).format(len(island), ", ".join(island))
            )

        results = {
            catchment_outputs.CATCHMENTS: catchment_outputs.write_catchments(
                self, parameters, context, feedback, result, stations, speed, allocation
            )
        }
        if terrain is not None:
            dest = catchment_outputs.write_catchments(
                self, parameters, context, feedback, terrain, stations, speed, allocation,
                catchment_outputs.CATCHMENTS_TERRAIN,
            )  # fmt: skip
            if dest is not None:
                results[catchment_outputs.CATCHMENTS_TERRAIN] = dest
        results[catchment_outputs.STATION_SUMMARY], summary = catchment_outputs.write_summary(
            self, parameters, context, feedback, result, stations, bands
        )
        numbers, people = catchment_outputs.population_numbers(self, feedback, result, population, bands)
        results.update(numbers)
        report_path = self.parameterAsFileOutput(parameters, catchment_outputs.REPORT, context)
        if report_path:
            results[catchment_outputs.REPORT] = catchment_outputs.write_report(
                self, report_path, summary, bands, people
            )
        feedback.setProgress(100)
        return results

"""Station walking catchments (轨道站点步行范围): the streets reachable on foot from each metro station
within each band, their ped-shed ratio and population. QGIS glue only: the engine is
transit/catchments.py."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ....layers import crs as crs_utils
from ....layers import styling, vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm
from ...network.processing import walking_network
from .. import values


class StationCatchmentsAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "stationcatchments"
    GROUP_ID = "commuting"
    REQUIRES = ("shapely", "geopandas", "scipy")

    STATIONS = "STATIONS"
    STATION_ID_FIELD = "STATION_ID_FIELD"
    STATION_NAME_FIELD = "STATION_NAME_FIELD"
    ENTRANCES = "ENTRANCES"
    ENTRANCE_STATION_FIELD = "ENTRANCE_STATION_FIELD"
    NETWORK = walking_network.NETWORK
    BANDS = "BANDS"
    BAND_UNIT = "BAND_UNIT"
    WALK_SPEED = "WALK_SPEED"
    POPULATION = "POPULATION"
    POPULATION_FIELD = "POPULATION_FIELD"
    ALLOCATION = "ALLOCATION"
    MAX_SNAP_DISTANCE = "MAX_SNAP_DISTANCE"
    NETWORK_TOLERANCE = "NETWORK_TOLERANCE"
    CATCHMENTS = "CATCHMENTS"
    STATION_SUMMARY = "STATION_SUMMARY"
    POPULATION_COVERED = "POPULATION_COVERED"
    POPULATION_TOTAL = "POPULATION_TOTAL"
    POPULATION_NOT_COVERED = "POPULATION_NOT_COVERED"
    POPULATION_UNREACHABLE = "POPULATION_UNREACHABLE"
    REPORT = "REPORT"
    LEGACY_NAMES = {walking_network.SNAP_DISTANCE: MAX_SNAP_DISTANCE, walking_network.TOLERANCE: NETWORK_TOLERANCE}
    UNITS = ("metres", "minutes")

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Station walking catchments (轨道站点步行范围)")

    def tags(self) -> list[str]:
        return self.tr("metro,station,catchment,walking,ped-shed,TOD,service area,轨道站点,步行范围,站城融合").split(
            ","
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        from ... import standards

        bands = standards.preset("transit", "tod_bands")["bands_m"]
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.STATIONS, self.tr("Metro stations"), [QgsProcessing.SourceType.TypeVectorPoint]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATION_ID_FIELD,
                self.tr("Station id field (empty: feature id)"),
                parentLayerParameterName=self.STATIONS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.STATION_NAME_FIELD,
                self.tr("Station name field"),
                parentLayerParameterName=self.STATIONS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ENTRANCES,
                self.tr("Station entrances (optional)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ENTRANCE_STATION_FIELD,
                self.tr("Station id field of the entrances"),
                parentLayerParameterName=self.ENTRANCES,
                optional=True,
            )
        )
        walking_network.add_parameters(self, self.tr("Walking network (streets and paths)"), optional=False)
        self.addParameter(
            QgsProcessingParameterString(
                self.BANDS, self.tr("Bands (comma separated)"), defaultValue=",".join(f"{b:g}" for b in bands)
            )
        )
        unit = QgsProcessingParameterEnum(
            self.BAND_UNIT, self.tr("Band unit"), options=list(self.UNITS), defaultValue="metres"
        )
        unit.setUsesStaticStrings(True)
        self.addParameter(unit)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.WALK_SPEED,
                self.tr("Walking speed (m/s, for bands in minutes)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=values.preset_value("walking_speed", "walk_speed_ms"),
                minValue=0.1,
                maxValue=3.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.POPULATION,
                self.tr("Population (optional polygons, apportioned by area)"),
                [QgsProcessing.SourceType.TypeVectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.POPULATION_FIELD,
                self.tr("Population field"),
                parentLayerParameterName=self.POPULATION,
                type=QgsProcessingParameterField.DataType.Numeric,
                optional=True,
            )
        )
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
        for current, old_name, label in (
            (walking_network.SNAP_DISTANCE, self.MAX_SNAP_DISTANCE, self.tr("Renamed: SNAP_DISTANCE (m)")),
            (walking_network.TOLERANCE, self.NETWORK_TOLERANCE, self.tr("Renamed: TOLERANCE (m)")),
        ):
            # Hidden: a saved model or script that still sets the old name keeps its value (same limits).
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
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CATCHMENTS, self.tr("Station catchments"), QgsProcessing.SourceType.TypeVectorPolygon
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.STATION_SUMMARY, self.tr("Station summary"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Report"), self.tr("HTML files (*.html)"), optional=True, createByDefault=False
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.POPULATION_COVERED, self.tr("Population covered by the outer band (no double counting)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.POPULATION_TOTAL, self.tr("Population of the population layer")))
        self.addOutput(
            QgsProcessingOutputNumber(
                self.POPULATION_NOT_COVERED,
                self.tr("Population that can reach a street but no station within the outer band"),
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.POPULATION_UNREACHABLE, self.tr("Population farther than the snap distance from every street")
            )
        )

    def process(self, parameters, context, feedback):
        import geopandas as gpd

        from ... import network as nw
        from ... import walking
        from .. import catchments, report_pages

        stations_source = self.parameterAsSource(parameters, self.STATIONS, context)
        if stations_source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.STATIONS))
        label = stations_source.sourceName() or self.tr("Metro stations")
        vector.require_geometry_type(stations_source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
        metric = crs_utils.metric_crs_for_source(stations_source, context)
        id_field = self.parameterAsString(parameters, self.STATION_ID_FIELD, context)
        name_field = self.parameterAsString(parameters, self.STATION_NAME_FIELD, context)
        stations = vector.source_to_frame(
            stations_source,
            context=context,
            feedback=feedback,
            fields=[f for f in dict.fromkeys((id_field, name_field)) if f],
            target_crs=metric,
            label=label,
        )
        vector.require_features(stations, label)
        ids = [values.text(v) for v in stations[id_field]] if id_field else [str(v) for v in stations[vector.FID]]
        names = [values.text(v) or ids[i] for i, v in enumerate(stations[name_field])] if name_field else ids

        try:
            bands = catchments.parse_bands(
                self.parameterAsString(parameters, self.BANDS, context),
                self.parameterAsEnumString(parameters, self.BAND_UNIT, context),
                self.parameterAsDouble(parameters, self.WALK_SPEED, context),
            )
        except catchments.CatchmentInputError as error:
            raise QgsProcessingException(
                self.tr(
                    "Bands '{}' cannot be read: give positive numbers separated by commas, e.g. 300,500,800."
                ).format(self.parameterAsString(parameters, self.BANDS, context))
            ) from error

        entrance_points, entrance_station = self._read_entrances(parameters, context, feedback, metric, ids)
        walk = walking_network.read(
            self, parameters, context, feedback, metric, required=True, legacy=self.LEGACY_NAMES
        )
        population = walking_network.read_population_polygons(
            self, parameters, self.POPULATION, self.POPULATION_FIELD, context, feedback, metric, walk
        )
        population_geometries, population_values = (
            population.reachable_part() if population is not None else (None, None)
        )
        allocation = self.parameterAsEnumString(parameters, self.ALLOCATION, context)
        snap_distance = walk.snap_distance
        feedback.setProgress(10)
        try:
            result = catchments.station_catchments(
                walk.network,
                stations.geometry.values,
                bands,
                entrance_points=entrance_points,
                entrance_station=entrance_station,
                allocation=allocation,
                population_geometries=population_geometries,
                population_values=population_values,
                snap_distance=snap_distance,
                progress=lambda p: feedback.setProgress(10 + 80 * p),
                is_canceled=feedback.isCanceled,
            )
        except catchments.NoStationOnNetworkError as error:
            raise QgsProcessingException(
                self.tr(
                    "No station of layer '{}' lies within {:g} m of the walking network. Check that the network covers "
                    "the stations, or raise the largest distance to the network."
                ).format(label, snap_distance)
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

        rows = result.catchments.copy()
        rows.insert(0, "station_id", [ids[k] for k in rows["station"]])
        rows.insert(1, "name", [names[k] for k in rows["station"]])
        rows.insert(
            3, "band_min", rows["band_m"] / (60.0 * self.parameterAsDouble(parameters, self.WALK_SPEED, context))
        )
        rows["allocation"] = allocation
        rows = rows.drop(columns=["station"])
        keep = [p is not None and not p.is_empty for p in result.polygons]
        frame = gpd.GeoDataFrame(rows[keep].reset_index(drop=True), geometry=list(result.polygons[keep]), crs=None)
        frame = frame.iloc[::-1].reset_index(drop=True)  # outer bands first: inner ones draw on top
        dest = vector.write_frame(
            self,
            parameters,
            self.CATCHMENTS,
            context,
            frame,
            wkb_type=QgsWkbTypes.Type.MultiPolygon,
            frame_crs=metric,
            output_crs=stations_source.sourceCrs(),
            feedback=feedback,
        )
        styling.style_output(context, dest, "transit_catchments", self.tr("Station walking catchments"))

        summary = catchments.summary_table(names, result.catchments, result.stations, bands)
        summary.insert(0, "station_id", ids)
        outer = int(round(bands[-1]))
        summary[f"rank_pedshed_{outer}"] = (
            summary[f"pedshed_{outer}"].rank(ascending=False, method="min").astype("int64")
        )
        summary_dest = vector.write_frame(
            self, parameters, self.STATION_SUMMARY, context, summary.reset_index(drop=True), feedback=feedback
        )
        results = {self.CATCHMENTS: dest, self.STATION_SUMMARY: summary_dest}
        people = None
        if population is not None:
            covered = result.population_covered if result.population_covered == result.population_covered else 0.0
            people = walking.population_row(population.total, covered, population.unreachable)
            feedback.pushInfo(
                self.tr(
                    "Population within {:g} m on the network of any station: {:,.0f} of {:,.0f} "
                    "({:,.0f} not covered, {:,.0f} unreachable)."
                ).format(
                    bands[-1],
                    people["population_covered"],
                    people["population"],
                    people["population_not_covered"],
                    people["population_unreachable"],
                )
            )
        for name, column in (
            (self.POPULATION_COVERED, "population_covered"),
            (self.POPULATION_TOTAL, "population"),
            (self.POPULATION_NOT_COVERED, "population_not_covered"),
            (self.POPULATION_UNREACHABLE, "population_unreachable"),
        ):
            results[name] = people[column] if people is not None else None

        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ... import report

            report.write(
                report_path, report_pages.catchment_page(summary, bands, people, self._labels(), current_language())
            )
            results[self.REPORT] = report_path
        feedback.setProgress(100)
        return results

    def _read_entrances(self, parameters, context, feedback, metric, ids):
        """Entrance points and the index of the station each belongs to (-1: unknown station)."""
        import numpy as np

        source = self.parameterAsSource(parameters, self.ENTRANCES, context)
        if source is None:
            return None, None
        label = source.sourceName() or self.tr("Station entrances")
        vector.require_geometry_type(source, (QgsWkbTypes.GeometryType.PointGeometry,), label)
        field = self.parameterAsString(parameters, self.ENTRANCE_STATION_FIELD, context)
        if not field:
            raise QgsProcessingException(
                self.tr("Choose the field of layer '{}' that holds the station id of each entrance.").format(label)
            )
        frame = vector.source_to_frame(
            source, context=context, feedback=feedback, fields=[field], target_crs=metric, label=label
        )
        index = {sid: k for k, sid in enumerate(ids)}
        owner = np.array([index.get(values.text(v), -1) for v in frame[field]], dtype=np.int64)
        unknown = int((owner < 0).sum())
        if unknown:
            feedback.pushWarning(
                self.tr(
                    "Layer '{}': {} entrance(s) name no station of the station layer in field '{}' and are left out."
                ).format(label, unknown, field)
            )
        return frame.geometry.values, owner

    def _labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Station walking catchments"),
            "summary": self.tr("Overview"),
            "stations": self.tr("Stations"),
            "off_network": self.tr("Stations off the network"),
            "poor": self.tr("Stations with a ped-shed ratio below 0.5 (poor walkability)"),
            "covered": self.tr("Population covered by the outer band (no double counting)"),
            "population_total": self.tr("Population of the population layer"),
            "not_covered": self.tr("Population that can reach a street but no station within the outer band"),
            "unreachable": self.tr("Population farther than the snap distance from every street"),
            "pedshed_chart": self.tr("Ped-shed ratio within {} m, best first"),
            "pedshed_note": self.tr("Catchment area / circle area"),
            "population_chart": self.tr("Population within {} m on the network"),
            "people": self.tr("people"),
            "rank": self.tr("Rank"),
            "station": self.tr("Station"),
            "pedshed_col": self.tr("Ped-shed {} m"),
            "area_col": self.tr("Area {} m (ha)"),
            "population_col": self.tr("Population {} m"),
            "ranking": self.tr("Stations ranked by ped-shed ratio of the outer band"),
            "method_note": self.tr(
                "Catchment = streets reachable on foot within the band (partial streets at the limit included), "
                "buffered by 50 m. Ped-shed ratio = catchment area / area of the circle of the band's radius; "
                "below about 0.5 the surroundings are poorly walkable. Population apportioned by area."
            ),
        }

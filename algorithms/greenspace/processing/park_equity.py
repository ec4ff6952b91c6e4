"""Park accessibility equity (公园可达性公平): E2SFCA park access per home, its Gini and Lorenz
curve, and the per-capita comprehensive and community park areas of GB 55014. QGIS glue only: the
engine is greenspace/park_equity.py."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)

from ....layers import vector
from ....translation import current_language
from ...base import UrbanizationAlgorithm, user_standards_dir
from ...network.processing import terrain_report, walking_network
from . import groups, park_inputs
from .engine_text import engine_message


class ParkEquityAlgorithm(UrbanizationAlgorithm):
    ALGORITHM_ID = "parkequity"
    GROUP_ID = "greencity"
    REQUIRES = ("shapely", "geopandas", "scipy")

    NETWORK = groups.NETWORK
    SNAP_DISTANCE = groups.SNAP_DISTANCE
    RESIDENTIAL = groups.RESIDENTIAL
    POPULATION_FIELD = groups.POPULATION_FIELD
    DISTRICTS = groups.DISTRICTS
    DISTRICT_NAME_FIELD = groups.DISTRICT_NAME_FIELD
    REPORT = groups.REPORT
    MODE = groups.MODE
    PARKS = park_inputs.PARKS
    PARK_NAME_FIELD = park_inputs.PARK_NAME_FIELD
    PARK_SIZE_FIELD = park_inputs.PARK_SIZE_FIELD
    ENTRANCES = park_inputs.ENTRANCES
    STANDARD = park_inputs.STANDARD
    CUSTOM_RULES = park_inputs.CUSTOM_RULES

    TARGET = "TARGET"
    PARK_CLASS_FIELD = "PARK_CLASS_FIELD"
    OUTPUT = "OUTPUT"
    SUMMARY = "SUMMARY"
    CLASS_ACCESS = "CLASS_ACCESS"
    CLASS_SUMMARY = "CLASS_SUMMARY"
    GINI = "GINI"
    MEAN_SCORE = "MEAN_SCORE"
    POPULATION_BELOW = "POPULATION_BELOW"
    PER_CAPITA_COMPREHENSIVE = "PER_CAPITA_COMPREHENSIVE"
    PER_CAPITA_COMMUNITY = "PER_CAPITA_COMMUNITY"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Park accessibility equity (公园可达性公平)")

    def tags(self) -> list[str]:
        return self.tr(
            "park,equity,E2SFCA,two-step floating catchment,Gini,Lorenz,accessibility,公园,公平,可达性,基尼系数,均好度"
        ).split(",")

    def initAlgorithm(self, config=None):  # noqa: N802
        park_inputs.add_parks(self)
        self.addParameter(
            QgsProcessingParameterField(
                self.PARK_CLASS_FIELD,
                self.tr(
                    "Park class field (optional: CJJ/T 85 / GB/T 51346 codes or names, "
                    "e.g. G11 or 综合公园, G12 or 社区公园; empty values: classed by size)"
                ),
                parentLayerParameterName=self.PARKS,
                optional=True,
            )
        )
        groups.add_network(self, terrain=True)
        groups.add_residential(self, population_optional=False)
        park_inputs.add_standard(self)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TARGET,
                self.tr("Per-capita park area target (m²/person, GB 55014: 8)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=8.0,
                minValue=0.0,
            )
        )
        groups.add_districts(self)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Park accessibility of homes"), QgsProcessing.SourceType.TypeVectorAnyGeometry
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SUMMARY, self.tr("Equity summary by district"), QgsProcessing.SourceType.TypeVector
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CLASS_ACCESS,
                self.tr("Comprehensive and community park access of homes (screening)"),
                QgsProcessing.SourceType.TypeVectorAnyGeometry,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CLASS_SUMMARY,
                self.tr("Per-capita comprehensive and community park area (GB 55014 2.1.4)"),
                QgsProcessing.SourceType.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )
        groups.add_report(self)
        self.addOutput(QgsProcessingOutputNumber(self.GINI, self.tr("Gini coefficient of park accessibility")))
        self.addOutput(QgsProcessingOutputNumber(self.MEAN_SCORE, self.tr("Mean accessible park area (m²/person)")))
        self.addOutput(QgsProcessingOutputNumber(self.POPULATION_BELOW, self.tr("Population below the target")))
        self.addOutput(
            QgsProcessingOutputNumber(
                self.PER_CAPITA_COMPREHENSIVE,
                self.tr("Per-capita comprehensive park area, all parks and residents given (m²/person)"),
            )
        )
        self.addOutput(
            QgsProcessingOutputNumber(
                self.PER_CAPITA_COMMUNITY,
                self.tr("Per-capita community park area, all parks and residents given (m²/person)"),
            )
        )

    def process(self, parameters, context, feedback):
        from ..park_equity import park_equity

        res_source, metric, residential, population = groups.read_residential(
            self, parameters, context, feedback, population_required=True
        )
        rules, preset = park_inputs.rules_for(self, parameters, context)
        class_rules, class_targets = self.class_standard(rules, preset)
        class_field = self.parameterAsString(parameters, self.PARK_CLASS_FIELD, context)
        parks, entrances = park_inputs.read_parks(self, parameters, context, feedback, metric, class_field)
        walk = groups.read_walk(self, parameters, context, feedback, metric)
        network = None if walk is None else walk.network
        districts = groups.read_districts(self, parameters, context, feedback, metric)
        result = park_equity(
            parks,
            residential,
            population,
            rules,
            target_m2=self.parameterAsDouble(parameters, self.TARGET, context),
            network=network,
            entrances=entrances,
            snap_distance=walking_network.snap_distance(self, parameters, context),
            districts=districts,
            progress=groups.progress_to_feedback(feedback, 10, 85),
            is_canceled=feedback.isCanceled,
            draped=None if walk is None else walk.draped,
            class_targets=class_targets,
            class_rules=class_rules,
            class_values=parks["class_value"].tolist() if class_field else None,
        )
        for message in result.messages:
            feedback.pushWarning(engine_message(message))
        output_crs = res_source.sourceCrs()
        polygon = groups.is_polygon(res_source)
        outputs = {
            self.OUTPUT: groups.write(
                self,
                parameters,
                self.OUTPUT,
                context,
                result.residential,
                groups.output_type(res_source),
                metric,
                output_crs,
                feedback,
                "greenspace_equity" if polygon else "greenspace_equity_points",
                self.tr("Park accessibility"),
            ),
            self.SUMMARY: vector.write_frame(
                self, parameters, self.SUMMARY, context, result.summary, feedback=feedback
            ),
            self.CLASS_ACCESS: groups.write(
                self,
                parameters,
                self.CLASS_ACCESS,
                context,
                result.class_homes,
                groups.output_type(res_source),
                metric,
                output_crs,
                feedback,
                "greenspace_park_classes" if polygon else "greenspace_park_classes_points",
                self.tr("Comprehensive and community park access"),
            ),
            self.CLASS_SUMMARY: vector.write_frame(
                self, parameters, self.CLASS_SUMMARY, context, result.classes.summary, feedback=feedback
            ),
        }
        outputs = {key: value for key, value in outputs.items() if value is not None}
        report_path = self.parameterAsFileOutput(parameters, self.REPORT, context)
        if report_path:
            from ..report_pages import equity_page

            equity_page(
                report_path,
                self.tr("Park accessibility equity"),
                result,
                current_language(),
                {
                    "lorenz": self.tr("Lorenz curve of park accessibility"),
                    "equality": self.tr("Equal access"),
                    "population_share": self.tr("Cumulative share of population"),
                    "access_share": self.tr("Cumulative share of accessible park area"),
                    "mean": self.tr("Mean accessible park area by district"),
                    "districts": self.tr("Equity by district"),
                    "parks": self.tr("Parks"),
                    "message": engine_message,
                    "method": self.tr(
                        "E2SFCA with Gaussian distance decay within each park "
                        "grade's service radius; score in m² of park per person."
                    ),
                    "mode_network": self.tr("Distances along the walking network."),
                    "mode_euclidean": self.tr(
                        "No network given: straight-line (euclidean) distances, which overstate coverage."
                    ),
                    "classes": self.tr("Per-capita comprehensive and community park area (GB 55014-2021 2.1.4)"),
                    "classes_note": self.tr(
                        "GB 55014-2021 2.1.4: per-capita comprehensive park area and per-capita "
                        "community park area each greater than {} m²/person, for the city. The row "
                        "'All' is the clause's measure over the parks and residents given; rows by "
                        "district and the accessible areas per home are screening beyond the standard."
                    ),
                    "mean_value": self.tr("Mean accessible park area (m²/person)"),
                    "population_below": self.tr("Population below the target"),
                    **terrain_report.labels(self),
                },
            )
            outputs[self.REPORT] = report_path
        city = result.classes.summary.query("basis == 'standard'").set_index("park_class")
        outputs[self.PER_CAPITA_COMPREHENSIVE] = float(city.loc["comprehensive", "per_capita_m2"])
        outputs[self.PER_CAPITA_COMMUNITY] = float(city.loc["community", "per_capita_m2"])
        feedback.pushInfo(
            self.tr(
                "Per-capita comprehensive park area {:.2f} m²/person, community park area "
                "{:.2f} m²/person (target: more than {:g} each, GB 55014-2021 2.1.4)."
            ).format(
                outputs[self.PER_CAPITA_COMPREHENSIVE],
                outputs[self.PER_CAPITA_COMMUNITY],
                float(city.loc["comprehensive", "target_m2"]),
            )
        )
        total = result.summary.iloc[-1]
        outputs[self.GINI] = result.gini
        outputs[self.MEAN_SCORE] = result.mean
        outputs[self.POPULATION_BELOW] = float(total["population_below"])
        outputs[self.MODE] = result.mode
        feedback.pushInfo(
            self.tr(
                "Mean accessible park area {:.2f} m²/person, Gini {:.3f}, {:.0f} people below the target ({})."
            ).format(result.mean, result.gini, float(total["population_below"]), result.mode)
        )
        if "mean_m2_terrain" in total:
            feedback.pushInfo(
                self.tr(
                    "Terrain (screening, decay on walking time): mean {:.2f} m²/person, Gini {:.3f}, "
                    "{:.0f} people below the target."
                ).format(
                    float(total["mean_m2_terrain"]),
                    float(total["gini_terrain"]),
                    float(total["population_below_terrain"]),
                )
            )
        feedback.setProgress(100)
        return outputs

    def class_standard(self, rules, preset):
        """(rules that class parks by size, per-capita targets of the two classes): the chosen
        standard's where it has them, else those of the GB/T 51346 preset (classes by size are
        then a screening reading, said in the messages)."""
        from ... import standards
        from ..rules import has_classes, per_capita_targets, rules_from_preset

        targets = per_capita_targets(preset)
        if has_classes(rules) and {"comprehensive", "community"} <= set(targets):
            return rules, {k: targets[k] for k in ("comprehensive", "community")}
        try:
            graded = standards.preset("park_service", "gbt51346", user_standards_dir())
            fallback = per_capita_targets(graded)
            class_rules = rules if has_classes(rules) else rules_from_preset(graded)
        except (standards.StandardsError, ValueError) as error:
            raise QgsProcessingException(self.tr("Park classes: {}").format(error)) from error
        return class_rules, {k: targets.get(k, fallback[k]) for k in ("comprehensive", "community")}

"""The conflict check's outputs: the conflicts and control-line overlap layers, the summary table,
the optional report and the output numbers, declared and written (in memory or partitioned).
Text uses `algorithm.tr` (context 'algorithm', see algorithms/base.py)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsWkbTypes,
)

from ....layers import styling, vector
from .. import pipeline
from .conflict_inputs import line_names
from .plan import html_lang, language

CONFLICTS = "CONFLICTS"
LINE_OVERLAPS = "LINE_OVERLAPS"
SUMMARY = "SUMMARY"
REPORT = "REPORT"
CONFLICT_COUNT = "CONFLICT_COUNT"
CONFLICT_AREA_M2 = "CONFLICT_AREA_M2"
PROHIBITED_COUNT = "PROHIBITED_COUNT"
PROHIBITED_AREA_M2 = "PROHIBITED_AREA_M2"
APPROVAL_COUNT = "APPROVAL_COUNT"
APPROVAL_AREA_M2 = "APPROVAL_AREA_M2"
OVERLAP_COUNT = "OVERLAP_COUNT"
OVERLAP_AREA_M2 = "OVERLAP_AREA_M2"
UNKNOWN_CODE_COUNT = "UNKNOWN_CODE_COUNT"


def add_parameters(algorithm) -> None:
    """CONFLICTS, LINE_OVERLAPS, SUMMARY, REPORT (optional, off by default) and the numbers."""
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            CONFLICTS, algorithm.tr("Conflicts"), QgsProcessing.SourceType.TypeVectorPolygon
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            LINE_OVERLAPS, algorithm.tr("Control line overlaps"), QgsProcessing.SourceType.TypeVectorPolygon
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFeatureSink(
            SUMMARY,
            algorithm.tr("Conflict summary by control line, outcome and land-use class"),
            QgsProcessing.SourceType.TypeVector,
        )
    )
    algorithm.addParameter(
        QgsProcessingParameterFileDestination(
            REPORT, algorithm.tr("Report (HTML)"), fileFilter="HTML (*.html)", optional=True, createByDefault=False
        )
    )
    for name, label in (
        (CONFLICT_COUNT, algorithm.tr("Number of conflicts (prohibited, needs approval, unknown code)")),
        (CONFLICT_AREA_M2, algorithm.tr("Conflict area (m², CGCS2000 ellipsoidal)")),
        (PROHIBITED_COUNT, algorithm.tr("Number of prohibited uses")),
        (PROHIBITED_AREA_M2, algorithm.tr("Prohibited area (m², CGCS2000 ellipsoidal)")),
        (APPROVAL_COUNT, algorithm.tr("Number of uses that need approval")),
        (APPROVAL_AREA_M2, algorithm.tr("Area that needs approval (m², CGCS2000 ellipsoidal)")),
        (OVERLAP_COUNT, algorithm.tr("Number of control line overlaps")),
        (OVERLAP_AREA_M2, algorithm.tr("Control line overlap area (m², CGCS2000 ellipsoidal)")),
        (UNKNOWN_CODE_COUNT, algorithm.tr("Parcels with an unknown land-use code")),
    ):
        algorithm.addOutput(QgsProcessingOutputNumber(name, label))


def outcome_names(algorithm) -> dict[str, str]:
    """Outcome id -> its name in the user's language."""
    from ..conflicts import UNKNOWN_OUTCOME
    from ..rules import ALLOWED, APPROVAL, PROHIBITED

    return {
        PROHIBITED: algorithm.tr("prohibited"),
        APPROVAL: algorithm.tr("needs approval"),
        UNKNOWN_OUTCOME: algorithm.tr("cannot be judged (unknown code)"),
        ALLOWED: algorithm.tr("allowed, area listed (not a conflict)"),
    }


def conflict_rows(algorithm, conflicts, plan_fid, landuse, deducted_share, table, rules):
    """The conflicts layer's columns for pieces with their plan fid, raw land-use value and 田坎 share."""
    import numpy as np

    from ..conflicts import UNKNOWN_RULE

    lang = language()  # asked once: each call reads the QGIS settings
    rule_text = {r.id: r.label(lang) for r in rules}
    rule_text[UNKNOWN_RULE] = algorithm.tr("Land-use code empty or not in the 2023 classification: check by hand")
    codes = conflicts["code"].tolist()
    names = code_names(algorithm, table, set(codes), lang)
    return pipeline.conflict_rows(
        conflicts,
        plan_fid=np.asarray(plan_fid, dtype=np.int64),
        landuse=[None if v is None else str(v) for v in landuse],
        code_name=[names[c] for c in codes],
        line_name=conflicts["control_line"].map(line_names(algorithm)),
        outcome_name=conflicts["outcome"].map(outcome_names(algorithm)),
        rule_text=conflicts["rule_id"].map(rule_text),
        deducted_share=np.asarray(deducted_share, dtype=float),
    )


def code_names(algorithm, table, codes, lang) -> dict:
    """Code -> its name in `lang`, for each distinct code (a plan has tens, its pieces 100,000s)."""
    return {c: table.name(c, lang) or algorithm.tr("unknown code") for c in codes}


def write_conflicts(algorithm, parameters, context, feedback, whole, field, rules, result):
    """CONFLICTS of the in-memory path: every conflicting piece with its plan parcel, styled.
    `whole`: plan.Plan; `field`: the land-use code field."""
    conflicts = result.conflicts
    rows = conflicts["row"].to_numpy()
    out = conflict_rows(
        algorithm,
        conflicts,
        whole.frame[vector.FID].to_numpy()[rows],
        whole.frame[field].to_numpy()[rows],
        whole.deducted_share[rows],
        whole.table,
        rules,
    )
    output_id = vector.write_frame(
        algorithm,
        parameters,
        CONFLICTS,
        context,
        out,
        wkb_type=QgsWkbTypes.Type.MultiPolygon,
        frame_crs=whole.metric,
        output_crs=whole.source.sourceCrs(),
        feedback=feedback,
    )
    styling.style_output(context, output_id, "zoning_conflicts", algorithm.tr("Control line conflicts"))
    return output_id


def finish(algorithm, parameters, context, feedback, result, conflicts_id, metric, source_crs, table):
    """Overlaps, summary, report and the output numbers of a result (in memory or partitioned)."""
    outputs = {
        CONFLICTS: conflicts_id,
        LINE_OVERLAPS: write_overlaps(algorithm, parameters, context, feedback, metric, source_crs, result),
    }
    summary = summary_frame(algorithm, table, result)
    outputs[SUMMARY] = vector.write_frame(algorithm, parameters, SUMMARY, context, summary, feedback=feedback)
    report_path = algorithm.parameterAsFileOutput(parameters, REPORT, context)
    if report_path:
        write_report(algorithm, report_path, summary, result)
        outputs[REPORT] = report_path
    feedback.pushInfo(
        algorithm.tr(
            "{} prohibited ({:.1f} m²), {} need approval ({:.1f} m²), {} with an unknown "
            "code; {} control line overlaps ({:.1f} m²). Areas: CGCS2000 ellipsoidal."
        ).format(
            result.count("prohibited"),
            result.area("prohibited"),
            result.count("approval"),
            result.area("approval"),
            result.count("unknown"),
            len(result.overlaps),
            result.overlap_area,
        )
    )
    ridges = result.recorded_area("permanent_farmland", "2303")
    if ridges:
        feedback.pushInfo(
            algorithm.tr(
                "田坎 inside permanent basic farmland: {:.1f} m², part of the cultivated land it divides, not a "
                "conflict (listed in the summary)."
            ).format(ridges)
        )
    feedback.setProgress(100)
    outputs.update(
        {
            CONFLICT_COUNT: result.conflict_count,
            CONFLICT_AREA_M2: result.conflict_area,
            PROHIBITED_COUNT: result.count("prohibited"),
            PROHIBITED_AREA_M2: result.area("prohibited"),
            APPROVAL_COUNT: result.count("approval"),
            APPROVAL_AREA_M2: result.area("approval"),
            OVERLAP_COUNT: len(result.overlaps),
            OVERLAP_AREA_M2: result.overlap_area,
            UNKNOWN_CODE_COUNT: result.unknown_parcels,
        }
    )
    return outputs


def _named_overlaps(algorithm, result):
    """The control-line overlaps with the names of both lines."""
    names = line_names(algorithm)
    return result.overlaps.assign(
        line_a_name=result.overlaps["line_a"].map(names), line_b_name=result.overlaps["line_b"].map(names)
    )


def write_overlaps(algorithm, parameters, context, feedback, metric, source_crs, result):
    """LINE_OVERLAPS: where two control lines overlap, with both names and areas, styled."""
    overlaps = _named_overlaps(algorithm, result)[
        ["line_a", "line_a_name", "line_b", "line_b_name", "plane_area_m2", "ellipsoid_area_m2", "geometry"]
    ]
    output_id = vector.write_frame(
        algorithm,
        parameters,
        LINE_OVERLAPS,
        context,
        overlaps,
        wkb_type=QgsWkbTypes.Type.MultiPolygon,
        frame_crs=metric,
        output_crs=source_crs,
        feedback=feedback,
    )
    styling.style_output(context, output_id, "zoning_overlaps", algorithm.tr("Control line overlaps"))
    return output_id


def summary_frame(algorithm, table, result):
    """The summary by control line, outcome and land-use class, with their names."""
    lang = language()
    summary = result.summary
    return summary.assign(
        line_name=summary["control_line"].map(line_names(algorithm)),
        outcome_name=summary["outcome"].map(outcome_names(algorithm)),
        class_name=[table.name(c, lang) or algorithm.tr("unknown code") for c in summary["class_code"]],
    )[
        [
            "control_line",
            "line_name",
            "outcome",
            "outcome_name",
            "class_code",
            "class_name",
            "conflict_count",
            "plane_area_m2",
            "ellipsoid_area_m2",
            "net_ellipsoid_area_m2",
        ]
    ]


def write_report(algorithm, path, summary, result) -> None:
    """The HTML report: the summary, a chart of conflict area by control line, the overlaps."""
    from ... import report
    from ..report_pages import conflict_page

    labels = {
        "summary": algorithm.tr("{}: by control line and land-use class"),
        "chart": algorithm.tr("Conflict area by control line (hectares, CGCS2000 ellipsoidal)"),
        "overlaps": algorithm.tr("Overlaps between control lines"),
        "line": algorithm.tr("Control line"),
        "class": algorithm.tr("Class"),
        "name": algorithm.tr("Name"),
        "count": algorithm.tr("Count"),
        "area": algorithm.tr("Area (m², CGCS2000 ellipsoidal)"),
        "plane": algorithm.tr("Area (m², plane)"),
        "hectares": algorithm.tr("ha"),
        "none": algorithm.tr("None found."),
        "line_a": algorithm.tr("Control line A"),
        "line_b": algorithm.tr("Control line B"),
    }
    notes = [
        algorithm.tr(
            "{} prohibited, {} need approval, {} cannot be judged (unknown land-use code: {} parcels)."
        ).format(result.count("prohibited"), result.count("approval"), result.count("unknown"), result.unknown_parcels),
        algorithm.tr(
            "'Needs approval': the rules allow the use only as a listed exception, after "
            "approval or recognition; each row of the conflicts layer names its clause."
        ),
        algorithm.tr(
            "Areas are CGCS2000 ellipsoidal areas (as 三调 statistics), plane areas in the "
            "metric CRS beside them; 田坎 shares of 三调 parcels are in net_ellipsoid_area_m2."
        ),
    ]
    title = algorithm.tr("Control line conflict check")
    report.write(path, conflict_page(title, summary, _named_overlaps(algorithm, result), labels, notes, html_lang()))

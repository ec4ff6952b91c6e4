"""Writing the construction-suitability outputs: the class raster (and slope) styled with a
Chinese/English legend, the dissolved class polygons, the per-unit summary and the development
boundary conflicts as tables, and the HTML report in the user's language."""

from __future__ import annotations

import numpy as np
from qgis.core import QgsWkbTypes

from ....layers import raster, styling, vector

SLOPE_NODATA = -9999.0


def legend(scheme: str, code: int, zh: bool, both: bool = True) -> str:
    """A class code's legend: '高 High' in a Chinese session ('高' alone unless `both`),
    'High (高)' otherwise (the map legend is bilingual, a Chinese report is Chinese only)."""
    from ..grading import LEGENDS

    english, chinese = LEGENDS[scheme][code]
    if zh:
        return f"{chinese} {english}" if both else chinese
    return f"{english} ({chinese})"


def class_style(scheme: str) -> str:
    return f"terrain_suitability_{scheme}"


def write_rasters(algorithm, parameters, context, feedback, result, dem, scheme, names) -> dict:
    """The whole path's class and slope rasters (None for an output not requested), styled."""
    from ..grading import NODATA

    written = {}
    for name, array, nodata, dtype, style, title in (
        (names[0], result.classes, NODATA, "uint8", class_style(scheme), algorithm.tr("Construction suitability")),
        (names[1], result.slope, SLOPE_NODATA, "float32", "terrain_slope", algorithm.tr("Slope (degrees)")),
    ):
        path = algorithm.parameterAsOutputLayer(parameters, name, context) or None
        if path:
            raster.write_geotiff(path, array, dem.transform, dem.crs, nodata, dtype, feedback=feedback)
            styling.style_output(context, path, style, title)
        written[name] = path
    return written


def polygons_frame(polygons, scheme: str, crs, zh: bool):
    """The dissolved class polygons with their legend and CGCS2000 ellipsoidal area (m²)."""
    from ...zoning.ellipsoid import ellipsoidal_area

    frame = polygons.copy()
    frame["legend"] = [legend(scheme, int(c), zh) for c in frame["class"]]
    frame["area_m2"] = ellipsoidal_area(np.asarray(frame.geometry.values, dtype=object), crs)
    return frame[["class", "legend", "area_m2", "geometry"]]


def write_vectors(algorithm, parameters, context, feedback, frames, dem) -> dict:
    """[(name, frame, wkb type, style or None, title)] written; polygons from the DEM's CRS."""
    results = {}
    for name, frame, wkb_type, style, title in frames:
        if frame is None:
            results[name] = None
            continue
        geometry = wkb_type != QgsWkbTypes.Type.NoGeometry
        dest = vector.write_frame(
            algorithm,
            parameters,
            name,
            context,
            frame,
            wkb_type=wkb_type,
            frame_crs=dem.crs if geometry else None,
            output_crs=dem.crs if geometry else None,
            feedback=feedback,
        )
        if style:
            styling.style_output(context, dest, style, title)
        else:
            styling.alias_output(context, dest)
        results[name] = dest
    return results


def report_html(algorithm, summary, conflicts, scheme: str, notes: list[str], lang: str, bands=()) -> str:
    """The report: per-unit class areas (hectares) as a table and a stacked chart, 坝区 and 山区宜建地,
    the exclusions by reason, the area by elevation band (`bands`: their limits), the development
    boundary's conflicts, and the method notes."""
    from ... import report
    from ..overlays import REASON_LABELS, REASONS

    zh = lang.startswith("zh")
    hectares = 1e-4
    units = summary["eval_unit"].tolist()
    grade_headers = [legend("guide", k, zh, both=False) for k in range(1, 7)]
    rows = [
        [
            u,
            *(summary[f"grade{k}_m2"].iloc[i] * hectares for k in range(1, 6)),
            summary["excluded_m2"].iloc[i] * hectares,
        ]
        for i, u in enumerate(units)
    ]
    grades = report.table([algorithm.tr("Unit"), *grade_headers], rows)
    chart = report.stacked_bar_chart(
        units,
        {h: [r[k + 1] for r in rows] for k, h in enumerate(grade_headers)},
        title=algorithm.tr("Land for town building by grade (hectares, CGCS2000 ellipsoidal)"),
        unit="ha",
    )
    yunnan = report.table(
        [
            algorithm.tr("Unit"),
            algorithm.tr("Evaluated (ha)"),
            algorithm.tr("坝区 (ha)"),
            algorithm.tr("坝区 share (%)"),
            algorithm.tr("山区宜建地 (ha)"),
            algorithm.tr("山区宜建地 share (%)"),
            algorithm.tr("No elevation (ha)"),
            algorithm.tr("Outside the DEM (ha)"),
        ],
        [
            [
                u,
                summary["evaluated_m2"].iloc[i] * hectares,
                summary["bazi_m2"].iloc[i] * hectares,
                summary["bazi_pct"].iloc[i],
                summary["mountain_m2"].iloc[i] * hectares,
                summary["mountain_pct"].iloc[i],
                summary["nodata_m2"].iloc[i] * hectares,
                summary["outside_dem_m2"].iloc[i] * hectares if "outside_dem_m2" in summary else 0.0,
            ]
            for i, u in enumerate(units)
        ],
    )
    reason_name = {r: REASON_LABELS[r][1] if zh else REASON_LABELS[r][0] for r in REASONS}
    excluded = report.table(
        [algorithm.tr("Unit"), algorithm.tr("Excluded, counted once (ha)"), *reason_name.values()],
        [
            [
                u,
                summary["excluded_m2"].iloc[i] * hectares,
                *(summary[f"excl_{r}_m2"].iloc[i] * hectares for r in REASONS),
            ]
            for i, u in enumerate(units)
        ],
    )
    sections = [
        (algorithm.tr("Town-building land grades (双评价)"), grades + chart),
        (algorithm.tr("城镇上山: 坝区 and 山区宜建地"), yunnan),
        (algorithm.tr("Excluded land by reason"), excluded),
    ]
    if bands:
        from ..grading import band_labels

        names = band_labels(bands)
        sections.append(
            (
                algorithm.tr("Area by elevation band (ha)"),
                report.table(
                    [algorithm.tr("Unit"), *names],
                    [
                        [u, *(summary[f"elev{k + 1}_m2"].iloc[i] * hectares for k in range(len(names)))]
                        for i, u in enumerate(units)
                    ],
                ),
            )
        )
    if "cropland_m2" in summary:
        sections.append(
            (
                algorithm.tr("Buildable land that is 耕地 now (三调)"),
                report.table(
                    [
                        algorithm.tr("Unit"),
                        algorithm.tr("耕地 (ha)"),
                        algorithm.tr("耕地 in the 坝区 (ha)"),
                        algorithm.tr("耕地 on 山区宜建地 (ha)"),
                    ],
                    [
                        [
                            u,
                            *(
                                summary[k].iloc[i] * hectares
                                for k in ("cropland_m2", "bazi_cropland_m2", "mountain_cropland_m2")
                            ),
                        ]
                        for i, u in enumerate(units)
                    ],
                ),
            )
        )
    if conflicts is not None:
        sections.append(
            (
                algorithm.tr("Development boundary on excluded land (conflicts)"),
                report.table(
                    [algorithm.tr("Boundary"), algorithm.tr("Reason"), algorithm.tr("Area (ha)")],
                    [
                        [b, reason_name[r], a * hectares]
                        for b, r, a in zip(conflicts["boundary"], conflicts["reason"], conflicts["area_m2"])
                    ],
                )
                if len(conflicts)
                else "<p>{}</p>".format(
                    report.escape(algorithm.tr("No part of the development boundary lies on excluded land."))
                ),
            )
        )
    title = algorithm.tr("Town construction suitability (城镇建设适宜性评价)")
    return report.page(title, sections, notes, lang=lang)

"""Issue 28, item 9: a Shapefile output whose field names a Shapefile would cut to the same 10
characters is refused with a message naming GeoPackage; outputs whose names stay apart are written."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from urbanization_planning.layers.vector import shapefile_clashes

DATA = Path(__file__).resolve().parents[1] / "data" / "sandiao_dltb.gpkg"


def layer(name: str) -> str:
    return f"{DATA}|layername={name}"


def test_clashing_names_by_hand():
    """production_ellipsoid_m2 and production_living_ellipsoid_m2 both begin 'production' (10
    characters); ellipsoid_area_m2 ('ellipsoid_') and net_ellipsoid_area_m2 ('net_ellips') do not clash."""
    names = ["production_ellipsoid_m2", "production_living_ellipsoid_m2", "ellipsoid_area_m2", "net_ellipsoid_area_m2"]
    assert shapefile_clashes(names) == [["production_ellipsoid_m2", "production_living_ellipsoid_m2"]]


def test_space_summary_as_shapefile_is_refused_naming_geopackage(run, tmp_path):
    target = tmp_path / "summary.shp"
    with pytest.raises(
        QgsProcessingException,
        match=r"production_ellipsoid_m2 / production_pct / production_living_ellipsoid_m2.*GeoPackage",
    ):
        run(
            "urbanization:livingspacestructure",
            {
                "PLAN": layer("DLTB"),
                "LANDUSE_FIELD": "DLMC",
                "CLASSIFICATION": "auto",
                "OUTPUT": "memory:",
                "SUMMARY": str(target),
            },
        )
    assert not target.exists()


def test_conflict_summary_as_shapefile_is_written(run, tmp_path):
    target = tmp_path / "summary.shp"
    result = run(
        "urbanization:controllineconflicts",
        {
            "PLAN": layer("DLTB"),
            "LANDUSE_FIELD": "DLBM",
            "CLASSIFICATION": "sandiao",
            "PERMANENT_FARMLAND": layer("permanent_farmland"),
            "CONFLICTS": "memory:",
            "LINE_OVERLAPS": "memory:",
            "SUMMARY": str(target),
        },
    )
    assert result["SUMMARY"] == str(target)
    table = QgsVectorLayer(str(target.with_suffix(".dbf")), "summary", "ogr")  # a table: the .dbf alone
    assert table.featureCount() == 1  # the orchard in permanent farmland, prohibited
    names = table.fields().names()
    assert "ellipsoid_" in names and "net_ellips" in names and len(set(names)) == len(names)

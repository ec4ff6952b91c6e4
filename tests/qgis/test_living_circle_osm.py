"""urbanization:facilitycoverage by id on OSM-style facility points: a nine-year school tagged
`isced:level=1;2` in QGIS's `other_tags` counts as a primary and a middle school, a hospital is not
taken for a community health centre. Straight-line distances, checked by hand."""

from __future__ import annotations

import pytest
from qgis.core import QgsVectorLayer

from tests.qgis.helpers import memory_layer

X, Y = 500000.0, 2770000.0  # UTM 48N (Kunming)


def test_school_levels_and_hospitals_from_osm_tags(run):
    facilities = memory_layer(
        "Point",
        "EPSG:32648",
        [f"POINT({X + 400} {Y})", f"POINT({X + 200} {Y})"],
        {
            "amenity": ["school", "hospital"],
            "name": ["呈贡区某九年一贯制学校", "昆明市第一人民医院"],
            "other_tags": ['"isced:level"=>"1;2"', '"emergency"=>"yes"'],
        },
    )
    homes = memory_layer("Point", "EPSG:32648", [f"POINT({X} {Y})", f"POINT({X + 1000} {Y})"], {"pop": [100, 50]})
    results = run(
        "urbanization:facilitycoverage",
        {
            "FACILITIES": facilities,
            "TYPE_FIELD": "amenity",
            "RESIDENTIAL": homes,
            "POPULATION_FIELD": "pop",
            "RESULT": "memory:",
            "SUMMARY": "memory:",
            "UNDERSERVED": "memory:",
        },
    )
    result = results["RESULT"]
    layer = result if isinstance(result, QgsVectorLayer) else QgsVectorLayer(result)
    rows = [f.attributes() for f in layer.getFeatures()]
    names = layer.fields().names()
    by_home = [dict(zip(names, row)) for row in rows]
    assert [h["d_primary_school"] for h in by_home] == pytest.approx([400, 600])
    assert [h["d_middle_school"] for h in by_home] == pytest.approx([400, 600])
    assert [bool(h["c_primary_school"]) for h in by_home] == [True, False]  # 600 m > 500 m
    assert [bool(h["c_middle_school"]) for h in by_home] == [True, True]  # 600 m <= 1000 m
    assert "d_health" not in names  # the hospital is not a community health centre
    assert results["MEAN_COMPLETENESS"] == pytest.approx((1.0 + 0.5) / 2)

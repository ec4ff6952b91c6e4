"""The multi-plan outputs load into a project with their styles (layers/styles/zoning_*.qml):
conflicts red by control line, space classes in the conventional colours, errors by type."""

from __future__ import annotations

from .test_zoning_conflicts import ID, params, sample


def test_outputs_load_with_their_styles(provider):
    """Run as the toolbox does (results loaded into the project): each output gets its .qml."""
    import processing
    from qgis.core import QgsProject

    project = QgsProject.instance()
    loaded = processing.runAndLoadResults(
        ID, params(CONFLICTS="TEMPORARY_OUTPUT", LINE_OVERLAPS="TEMPORARY_OUTPUT", SUMMARY="TEMPORARY_OUTPUT")
    )
    space = processing.runAndLoadResults(
        "urbanization:livingspacestructure",
        {
            "PLAN": sample("plan_landuse"),
            "LANDUSE_FIELD": "DLBM",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "SUMMARY": "TEMPORARY_OUTPUT",
        },
    )
    topology = processing.runAndLoadResults(
        "urbanization:plantopology", {"PLAN": sample("plan_landuse"), "ERRORS": "TEMPORARY_OUTPUT"}
    )
    try:
        for layer_id, field, values in (
            (loaded["CONFLICTS"], "control_line", {"ecological_redline", "permanent_farmland", "development_boundary"}),
            (space["OUTPUT"], "space_class", {"production", "living", "ecological", "production_living", "unmapped"}),
            (
                topology["ERRORS"],
                "error_type",
                {"overlap", "gap", "sliver", "invalid", "duplicate", "outside_boundary"},
            ),
        ):
            layer = project.mapLayer(layer_id)
            renderer = layer.renderer()
            assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == field
            assert {c.value() for c in renderer.categories()} == values
            present = {f[field] for f in layer.getFeatures()}
            assert present <= values
        assert project.mapLayer(loaded["LINE_OVERLAPS"]).renderer().type() == "singleSymbol"
        assert project.mapLayer(loaded["CONFLICTS"]).name() == "Control line conflicts"
    finally:
        project.removeAllMapLayers()

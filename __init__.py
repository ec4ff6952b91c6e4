"""Urbanization Planning Toolkit: a QGIS plugin. Kept free of QGIS imports at module level so the
pure engines under `algorithms/` import without QGIS (see README, "Python API")."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point: build the plugin object."""
    from .plugin import UrbanizationPlugin

    return UrbanizationPlugin(iface)

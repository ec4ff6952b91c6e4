"""Urbanization Planning Toolkit: a QGIS plugin. Kept free of QGIS imports at module level so the
pure engines under `algorithms/` import without QGIS (see README, "Python API")."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point: build the plugin object, first putting the packages the plugin's installer
    put in the QGIS profile on sys.path (before anything imports them)."""
    from .ui.pip_install import activate

    activate()
    from .plugin import UrbanizationPlugin

    return UrbanizationPlugin(iface)

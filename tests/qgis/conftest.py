"""QGIS with Processing and the urbanization provider, once per test session (pytest-qgis starts
the QgsApplication; this registers our provider the way the plugin does)."""

from __future__ import annotations

import sys

import pytest

# Python must keep its own reference to a provider: the registry owns only the C++ side, and a
# collected Python object leaves a provider whose Python methods no longer answer.
_PROVIDERS: list = []
_LAYER_TREE: list = []  # the view and model handed to iface, kept alive for the session


def _give_iface_a_layer_tree_view(iface) -> None:
    """Give pytest-qgis's iface the real view of the project's layer tree that the desktop has:
    QGIS 3.44's Processing hands iface.layerTreeView() to C++ when it loads results
    (QgsProcessingGuiUtils.addResultLayers), which rejects the MagicMock pytest-qgis answers with."""
    from qgis.core import QgsLayerTreeModel, QgsProject
    from qgis.gui import QgsLayerTreeView

    model = QgsLayerTreeModel(QgsProject.instance().layerTreeRoot())
    view = QgsLayerTreeView()
    view.setModel(model)
    _LAYER_TREE.extend((model, view))
    iface.layerTreeView = lambda: view


@pytest.fixture(autouse=True)
def english_unless_asked(qgis_app):
    """Every test starts in English (QGIS's locale, no override) with no plugin translator left
    installed: a test that ran the plugin under zh-Hans must not make the next one Chinese."""
    from qgis.core import QgsSettings

    from urbanization_planning import translation

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", False)
    settings.setValue("locale/userLocale", "")
    translation.remove_translator()


@pytest.fixture(scope="session")
def processing_ready(qgis_app, qgis_iface):
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    _give_iface_a_layer_tree_view(qgis_iface)
    Processing.initialize()


@pytest.fixture
def provider(processing_ready):
    """The registered provider (registered again if a test such as the plugin unload removed it)."""
    from qgis.core import QgsApplication

    registry = QgsApplication.processingRegistry()
    existing = registry.providerById("urbanization")
    if existing is not None:
        return existing
    from urbanization_planning.algorithms.provider import UrbanizationProvider

    instance = UrbanizationProvider()
    registry.addProvider(instance)
    _PROVIDERS.append(instance)
    return instance


@pytest.fixture
def run(provider):
    """processing.run by id with a fresh context; returns the results dict. The contexts live until
    the test ends: they own the 'memory:' output layers the test reads, and must release them while
    QGIS is still running (a layer freed at interpreter exit crashes QGIS)."""
    import gc

    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    contexts = []

    def _run(algorithm_id: str, parameters: dict, feedback=None, context=None):
        if context is None:
            context = QgsProcessingContext()
            context.setProject(QgsProject.instance())
            contexts.append(context)
        feedback = feedback or QgsProcessingFeedback()
        return processing.run(algorithm_id, parameters, context=context, feedback=feedback)

    yield _run
    contexts.clear()
    gc.collect()


def _describe_registered_algorithms_again() -> None:
    """Algorithms describe their parameters when created: a provider registered while the zh-Hans
    translator was installed keeps Chinese descriptions for the rest of the session unless its
    algorithms are created again once the translator is gone."""
    from qgis.core import QgsApplication

    registered = QgsApplication.processingRegistry().providerById("urbanization")
    if registered is not None:
        registered.refreshAlgorithms()


@pytest.fixture
def chinese(qgis_app):
    """The plugin under zh-Hans: the locale setting the plugin reads and the compiled translations."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from ..conftest import ROOT

    settings = QgsSettings()
    before = (settings.value("locale/overrideFlag"), settings.value("locale/userLocale"))
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "zh-Hans")
    translator = QTranslator()
    assert translator.load(str(ROOT / "i18n" / "urbanization_zh-Hans.qm")), "run scripts/setup.sh"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    _describe_registered_algorithms_again()
    settings.setValue("locale/overrideFlag", before[0] if before[0] is not None else False)
    settings.setValue("locale/userLocale", before[1] or "")

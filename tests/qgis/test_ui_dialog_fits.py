"""The 规划分析 dialog on a planner's screen under zh-Hans: at 1366 x 768 and at 1920 x 1080 with
150 % scaling (QT_SCALE_FACTOR=1.5), each in its own process on an X server of that size, Run,
Cancel and Close are on screen for every analysis and work with the mouse; every enum choice shows
a label, not its id; cancelling stops the run within 2 s. Enum labels also in QGIS's own
Processing, batch and modeller dialogs, while the parameters keep their ids."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from qgis.PyQt.QtWidgets import QComboBox

from ..conftest import PACKAGE, ROOT

PROBE = os.path.join(os.path.dirname(__file__), "dialog_fit_probe.py")
IMAGES = ROOT / "docs" / "images"
SCREENS = {
    "1366": ("1366x768", None),
    "1920_150": ("1920x1080", "1.5"),
}
NOT_SELECTED = "[Not selected]"  # QGIS's own text for an optional enum, translated by QGIS's catalogue
HAN = re.compile(r"[\u4e00-\u9fff]")


def word_ids(options) -> set[str]:
    """Options that are words (ids a planner should never read); '1:2000' is its own label."""
    return {option for option in options if re.search(r"[a-z]", option)}


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
@pytest.mark.parametrize("screen", SCREENS)
def test_the_dialog_fits_the_screen_and_its_buttons_work(screen, tmp_path):
    size, scale = SCREENS[screen]
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / PACKAGE).symlink_to(ROOT, target_is_directory=True)
    (tmp_path / "profile").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "QT_SCALE_FACTOR")}
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    # the screenshots in docs/images are rewritten only when asked (a test run leaves the tree clean)
    folder = IMAGES if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    screenshot = folder / f"planning_analysis_dialog_{screen}.png"
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {size}x24", sys.executable, PROBE]
        + [str(tmp_path / "plugins"), str(tmp_path / "profile"), str(screenshot)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    width, height = (int(n) for n in size.split("x"))
    factor = float(scale or 1)
    assert result["screen"] == [round(width / factor), round(height / factor)]
    assert result["dialog"][0] <= result["screen"][0] and result["dialog"][1] <= result["screen"][1]
    assert result["off_screen"] == []
    assert "urbanization:cityhealthcheck" in result["ids"]
    assert result["enums"], "no enum parameter was looked at"
    for name, enum in result["enums"].items():
        shown = [text for text in enum["shown"] if text != NOT_SELECTED]
        assert len(shown) == len(enum["options"]), name
        assert not word_ids(enum["options"]) & set(shown), f"{name} shows ids: {shown}"
        assert all(HAN.search(text) or not re.search(r"[a-z]", text) for text in shown), f"{name}: {shown}"
    units = result["enums"]["urbanization:drainagecorridors ELEVATION_UNIT"]["shown"]
    assert "米" in units and not any("步行" in text for text in units)
    assert result["running"], "Run did not start the analysis"
    assert result["cancel_seconds"] < 2.0 and "取消" in result["status"], result
    assert result["chart"] is not None, result["results_status"]
    width, height, natural_width, natural_height = result["chart"]
    assert (width, height) == (natural_width, natural_height)  # the chart at its own size, never stretched
    assert result["closed"]


def _combo_texts(widget) -> list[str]:
    """The items of every combo box in `widget` (a modeller's widget also has its source boxes)."""
    combos = [widget] if isinstance(widget, QComboBox) else widget.findChildren(QComboBox)
    return [combo.itemText(i) for combo in combos for i in range(combo.count())]


@pytest.fixture
def desktop_iface(qgis_iface, monkeypatch):
    """pytest-qgis's iface with the browser model Processing's dialogs ask for (none)."""
    monkeypatch.setattr(qgis_iface, "browserModel", lambda: None, raising=False)
    return qgis_iface


def test_processing_dialog_shows_labels_and_runs_with_ids(chinese, provider, qtbot, desktop_iface):
    """QGIS's own algorithm dialog: labels in the boxes, the parameter value is the id."""
    import processing
    from qgis.core import QgsProcessingContext

    dialog = processing.createAlgorithmDialog("urbanization:stationcatchments", {})
    qtbot.addWidget(dialog)
    panel = dialog.mainWidget()
    wrapper = panel.wrappers["BAND_UNIT"]
    texts = _combo_texts(wrapper.wrappedWidget())
    assert "metres" not in texts and "步行距离（米）" in texts
    assert wrapper.parameterValue() == "metres"
    wrapper.setParameterValue("minutes", QgsProcessingContext())
    assert wrapper.parameterValue() == "minutes"
    dem = processing.createAlgorithmDialog("urbanization:drainagecorridors", {})
    qtbot.addWidget(dem)
    units = _combo_texts(dem.mainWidget().wrappers["ELEVATION_UNIT"].wrappedWidget())
    assert "米" in units and "metres" not in units and not any("步行" in text for text in units)


def test_batch_and_modeller_dialogs_show_labels(chinese, provider, qtbot, desktop_iface):
    from processing.gui.BatchAlgorithmDialog import BatchAlgorithmDialog
    from processing.modeler.ModelerParametersDialog import ModelerParametersDialog
    from qgis.core import QgsApplication, QgsProcessingModelAlgorithm, QgsProcessingModelChildParameterSource

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("urbanization:chinacoordinates")
    batch = BatchAlgorithmDialog(algorithm)
    qtbot.addWidget(batch)
    panel = batch.mainWidget()
    wrapper = panel.wrappers[0][panel.parameter_to_column["FROM"]]
    texts = _combo_texts(wrapper.wrappedWidget())
    assert "wgs84" not in texts and any(HAN.search(t) for t in texts)
    model = QgsProcessingModelAlgorithm("m", "g")
    modeller = ModelerParametersDialog(algorithm, model)
    qtbot.addWidget(modeller)
    widget = modeller.widget.widget.wrappers["FROM"]
    texts = _combo_texts(widget)
    assert "gcj02" not in texts and any(HAN.search(t) for t in texts)
    widget.setWidgetValue(QgsProcessingModelChildParameterSource.fromStaticValue("bd09"))
    assert widget.value().staticValue() == "bd09"


def test_base_class_messages_are_translated(chinese, provider):
    from qgis.core import QgsApplication

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("urbanization:parkcoverage")
    assert algorithm.tr("Cancelled by the user.") == "用户已取消。"
    assert HAN.search(algorithm.tr("This algorithm needs Python packages that are missing: {}.\nInstall them:\n{}"))


def test_every_enum_of_every_algorithm_has_a_translated_label(chinese, provider):
    """The labels QGIS's dialogs show (ui/enum_labels.py), for every algorithm the provider
    registers, the map export included; each enum also names the wrapper that shows them."""
    from urbanization_planning.algorithms.base import ENUM_WRAPPER
    from urbanization_planning.ui.enum_labels import option_labels

    unlabelled = []
    for listed in provider.algorithms():
        algorithm = listed.create()
        for parameter in algorithm.parameterDefinitions():
            if parameter.type() != "enum":
                continue
            assert parameter.metadata()["widget_wrapper"]["class"] == ENUM_WRAPPER, parameter.name()
            for option, label in option_labels(parameter).items():
                if option in word_ids([option]) and (label == option or not HAN.search(label)):
                    unlabelled.append(f"{algorithm.id()} {parameter.name()} {option}: {label}")
    assert unlabelled == []


def test_no_parameter_label_widens_the_processing_dialog(chinese, provider):
    """QGIS's algorithm dialog does not wrap parameter labels: one label wider than the parameters
    panel of a 1366-pixel-wide dialog (about 1,050 px) pushes every field's buttons off screen
    behind a horizontal scroll bar (the park standard's label listing its option ids once did)."""
    from qgis.PyQt.QtGui import QFontMetrics
    from qgis.PyQt.QtWidgets import QApplication

    metrics = QFontMetrics(QApplication.font())
    too_wide = []
    for listed in provider.algorithms():
        algorithm = listed.create()  # kept: its parameters die with it
        for parameter in algorithm.parameterDefinitions():
            width = metrics.horizontalAdvance(parameter.description() + " [optional]")
            if width > 1000:
                too_wide.append(f"{algorithm.id()} {parameter.name()}: {width} px")
    assert too_wide == []

"""zh-Hans is complete: every algorithm's name and group are translated and has a Chinese help page,
and no .ts file has unfinished entries."""

from __future__ import annotations

import re

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ..conftest import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qgis_app):
    translator = QTranslator()
    qm = ROOT / "i18n" / "urbanization_zh-Hans.qm"
    assert translator.load(str(qm)), f"{qm} missing: run scripts/setup.sh"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_no_unfinished_translations():
    for ts in sorted((ROOT / "i18n" / "zh-Hans").glob("*.ts")):
        text = ts.read_text(encoding="utf-8")
        unfinished = re.findall(r'<source>(.*?)</source>\s*<translation type="unfinished"', text, flags=re.S)
        assert not unfinished, f"{ts.name}: {unfinished[:5]}"


def test_every_algorithm_speaks_chinese(chinese, provider):
    for registered in provider.algorithms():
        algorithm = registered.create()  # parameters are described when created: create under zh-Hans
        assert CJK.search(algorithm.displayName()), algorithm.id()
        assert CJK.search(algorithm.group()), algorithm.id()
        page = ROOT / "resources" / "help" / "zh-Hans" / f"{algorithm.name()}.html"
        assert page.exists() and CJK.search(page.read_text(encoding="utf-8")), page
        for parameter in algorithm.parameterDefinitions():
            assert CJK.search(parameter.description()), f"{algorithm.id()} {parameter.name()}"


def test_provider_name_is_translated(chinese, provider):
    assert provider.name() == "城镇化规划"

"""zh-Hans is complete: every algorithm's name and group are translated and has a Chinese help page,
and no .ts file has unfinished entries."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ..conftest import ROOT
from .conftest import _describe_registered_algorithms_again

SKIP_DIRS = {"tests", "benchmarks", "scripts", ".venv", "build", "docs"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qgis_app):
    translator = QTranslator()
    qm = ROOT / "i18n" / "urbanization_zh-Hans.qm"
    assert translator.load(str(qm)), f"{qm} missing: run scripts/setup.sh"
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)
    _describe_registered_algorithms_again()


def test_no_unfinished_translations():
    for ts in sorted((ROOT / "i18n" / "zh-Hans").glob("*.ts")):
        text = ts.read_text(encoding="utf-8")
        unfinished = re.findall(r'<source>(.*?)</source>\s*<translation type="unfinished"', text, flags=re.S)
        assert not unfinished, f"{ts.name}: {unfinished[:5]}"


def test_every_algorithm_speaks_chinese(provider, chinese):  # provider first: its registered copies stay English
    for registered in provider.algorithms():
        algorithm = registered.create()  # parameters are described when created: create under zh-Hans
        assert CJK.search(algorithm.displayName()), algorithm.id()
        assert CJK.search(algorithm.group()), algorithm.id()
        page = ROOT / "resources" / "help" / "zh-Hans" / f"{algorithm.name()}.html"
        assert page.exists() and CJK.search(page.read_text(encoding="utf-8")), page
        for parameter in algorithm.parameterDefinitions():
            assert CJK.search(parameter.description()), f"{algorithm.id()} {parameter.name()}"


def test_provider_name_is_translated(provider, chinese):
    assert provider.name() == "城镇化规划"


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="needs pylupdate5 (pyqt5-dev-tools)")
def test_every_string_in_the_code_is_in_a_ts_file(tmp_path):
    """A tr() string added without running `make i18n` would show in English: extract every string
    from the code again and require a finished translation for each."""
    sources = [str(p) for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in SKIP_DIRS]
    sources += [str(p) for p in (ROOT / "ui").glob("*.ui")]
    fresh = tmp_path / "all.ts"
    subprocess.run(["pylupdate5", "-noobsolete", *sources, "-ts", str(fresh)], check=True, capture_output=True)
    translated = set()
    for ts in (ROOT / "i18n" / "zh-Hans").glob("*.ts"):
        for message in ET.parse(ts).iter("message"):
            if message.find("translation").get("type") != "unfinished":
                translated.add(message.findtext("source"))
    missing = [m.findtext("source") for m in ET.parse(fresh).iter("message") if m.findtext("source") not in translated]
    assert not missing, f"run `make i18n` and translate: {missing[:10]}"


TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def _literal_texts(path):
    """The literal source texts of the translating calls in one module, read from its syntax tree."""
    import ast

    texts = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in TRANSLATING_CALLS:
            continue
        index = 1 if name in ("translate", "QT_TRANSLATE_NOOP") else 0
        if (
            len(node.args) > index
            and isinstance(node.args[index], ast.Constant)
            and isinstance(node.args[index].value, str)
        ):
            texts.add(node.args[index].value)
    return texts


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="needs pylupdate5 (pyqt5-dev-tools)")
def test_pylupdate_finds_every_translating_call(tmp_path):
    """pylupdate5 silently drops a QT_TRANSLATE_NOOP() or translate() call whose last argument has a
    trailing comma (as ruff format lays out long calls): such a text never reaches a .ts file and
    shows in English. Every literal a translating call passes must be among what pylupdate5 finds."""
    code = [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in SKIP_DIRS]
    fresh = tmp_path / "all.ts"
    subprocess.run(["pylupdate5", "-noobsolete", *map(str, code), "-ts", str(fresh)], check=True, capture_output=True)
    found = {m.findtext("source") for m in ET.parse(fresh).iter("message")}
    dropped = sorted(set().union(*(_literal_texts(p) for p in code)) - found)
    assert not dropped, f"pylupdate5 does not see these (a trailing comma after the text?): {dropped[:10]}"


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="needs pylupdate5 (pyqt5-dev-tools)")
def test_every_string_is_recorded_in_a_context_the_code_looks_up(tmp_path):
    """pylupdate5 records `x.tr("...")` under the name `x`; at run time the text is looked up under
    the class names (UrbanizationAlgorithm.tr) or the shared contexts, so a helper whose parameter
    is called `alg` gets contexts nobody looks up and shows English (the tiled drainage's errors)."""
    from urbanization_planning.algorithms.base import SHARED_CONTEXTS

    code = [p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).parts[0] not in SKIP_DIRS]
    texts = [p.read_text(encoding="utf-8") for p in code]
    known = set(SHARED_CONTEXTS)
    for text in texts:
        known |= set(re.findall(r"^\s*class (\w+)", text, flags=re.M))
        known |= set(re.findall(r'translate\(\s*"([^"]+)"', text))
        known |= set(re.findall(r'^CONTEXT = "([^"]+)"', text, flags=re.M))
    fresh = tmp_path / "all.ts"
    subprocess.run(["pylupdate5", "-noobsolete", *map(str, code), "-ts", str(fresh)], check=True, capture_output=True)
    unknown = {c.findtext("name") for c in ET.parse(fresh).iter("context")} - known
    assert not unknown, f"tr() called on these names, which no lookup uses (call it `algorithm`): {sorted(unknown)}"

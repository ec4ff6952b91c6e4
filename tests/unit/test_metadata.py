"""metadata.txt speaks both languages: the Plugin Manager finds the plugin by the Chinese words a
planner searches for, and its install advice is the in-QGIS installer (not a command that fails)."""

import configparser

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="module")
def general():
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(ROOT / "metadata.txt", encoding="utf-8")
    return metadata["general"]


@pytest.mark.parametrize("word", ["城镇化", "规划", "三区三线", "公园", "体检"])
def test_a_planner_searching_in_chinese_finds_the_plugin(general, word):
    tags = [tag.strip() for tag in general["tags"].split(",")]
    assert word in tags
    assert word in general["description"] and word in general["about"]


def test_description_and_about_are_bilingual(general):
    for key in ("description", "about"):
        text = general[key]
        assert any("\u4e00" <= c <= "\u9fff" for c in text), key
        assert "planning" in text.lower(), key


def test_install_advice_is_the_installer_and_no_unquoted_windows_command(general):
    about = general["about"]
    assert "安装缺少的依赖" in about and "Install missing packages..." in about
    assert "pip install --user" not in about
    assert "pip install shapely>=" not in about  # cmd.exe would redirect into a file named =2.0

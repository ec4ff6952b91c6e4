"""Which language the plugin speaks, and the Qt translator that makes it speak it."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
_installed: list[QTranslator] = []  # keep the translator alive while it is installed


def current_language() -> str:
    """'zh-Hans' for QGIS locales zh-Hans, zh_CN, zh-CN and zh; otherwise 'en'."""
    settings = QgsSettings()
    locale = ""
    if settings.value("locale/overrideFlag", False, type=bool):
        locale = settings.value("locale/userLocale", "", type=str) or ""
    if not locale:
        locale = QgsApplication.locale() or ""
    return "zh-Hans" if locale.lower().replace("_", "-").startswith("zh") else "en"


def install_translator() -> bool:
    """Load i18n/urbanization_<language>.qm into the application; False when there is none."""
    language = current_language()
    qm = I18N_DIR / f"urbanization_{language}.qm"
    if language == "en" or not qm.exists() or _installed:
        return False
    translator = QTranslator()
    if not translator.load(str(qm)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True


def remove_translator() -> None:
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())


def tr(text: str) -> str:
    """Translate a string outside a class (pylupdate5 files bare tr() calls under '@default')."""
    return QCoreApplication.translate("@default", text)

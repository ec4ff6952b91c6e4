#!/usr/bin/env python3
"""Fill translations into a Qt .ts file: reads JSON {"source text": "translation"} from stdin (or a
file given as the second argument) and sets every unfinished message with a matching source text,
marking it finished. A finished message is left alone: the same English text may be translated
differently in another context ("Measure" is 项目 in a table header, 指标 elsewhere), so a map
keyed by text alone must never overwrite one; `--overwrite` does, for a deliberate re-translation.
Prints the sources that are still unfinished.
Usage: scripts/ts_fill.py [--overwrite] i18n/zh-Hans/core.ts map.json"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, translations: dict[str, str], overwrite: bool = False) -> list[str]:
    tree = ET.parse(ts_path)
    unfinished = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        open_entry = translation.get("type") == "unfinished"
        if source in translations and (open_entry or overwrite):
            translation.text = translations[source]
            translation.attrib.pop("type", None)
        elif open_entry:
            unfinished.append(source)
    tree.getroot().set("language", "zh_CN")
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    return unfinished


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--overwrite"]
    source = open(arguments[1], encoding="utf-8") if len(arguments) > 1 else sys.stdin
    left = fill(arguments[0], json.load(source), overwrite="--overwrite" in sys.argv)
    for text in left:
        print("unfinished:", text)

#!/usr/bin/env python3
"""Fill translations into a Qt .ts file: reads JSON {"source text": "translation"} from stdin
(or a file given as the second argument) and sets every matching message, marking it finished.
Prints the sources that are still unfinished. Usage: scripts/ts_fill.py i18n/zh-Hans/core.ts map.json"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, translations: dict[str, str]) -> list[str]:
    tree = ET.parse(ts_path)
    unfinished = []
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in translations:
            translation.text = translations[source]
            translation.attrib.pop("type", None)
        elif translation.get("type") == "unfinished":
            unfinished.append(source)
    tree.getroot().set("language", "zh_CN")
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
    return unfinished


if __name__ == "__main__":
    source = open(sys.argv[2], encoding="utf-8") if len(sys.argv) > 2 else sys.stdin
    left = fill(sys.argv[1], json.load(source))
    for text in left:
        print("unfinished:", text)

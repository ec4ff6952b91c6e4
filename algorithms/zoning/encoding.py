"""Land-use text read with the wrong encoding: a GBK Shapefile without a .cpg file (and without a
language-driver byte) is read as Latin-1 or UTF-8, so '水田' arrives as 'Ë®Ìï' or with U+FFFD
replacement marks, and no code can be recognised. Pure.

`misread_gbk` finds such values and what they say when read back as GBK, so that the door can tell
the planner why the codes are unknown and how to set the layer's encoding.
"""

from __future__ import annotations

import re

import pandas as pd

_CJK = re.compile(r"[\u3400-\u9fff]")
_HIGH = re.compile(r"[\u0080-\u00ff\u0152-\u2122]")  # Latin-1 / cp1252 letters GBK bytes turn into
REPLACEMENT = "\ufffd"
#: Share of unknown codes above which a mis-read encoding is suspected.
MOSTLY = 0.5


def gbk_reading(value) -> str | None:
    """What a text read as Latin-1 or cp1252 says when its bytes are read as GBK (None when it is
    not such a text: plain ASCII, already Chinese, or not GBK bytes); '' for text that carries
    U+FFFD replacement marks (bytes lost when read as UTF-8)."""
    if not isinstance(value, str) or not value.strip():
        return None
    if REPLACEMENT in value:
        return ""
    if _CJK.search(value) or not _HIGH.search(value):
        return None
    for codec in ("latin-1", "cp1252"):
        try:
            decoded = value.encode(codec).decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if _CJK.search(decoded):
            return decoded
    return None


def misread_gbk(values, unknown, limit: int = 3) -> list[tuple[str, str]]:
    """Up to `limit` (stored text, GBK reading) examples when most values (more than MOSTLY) are
    `unknown` (a boolean per value) and the unknown ones look like GBK text read with the wrong
    encoding; [] otherwise."""
    series = pd.Series(values, dtype=object)
    unknown = pd.Series(unknown, dtype=bool).to_numpy()
    if len(series) == 0 or unknown.mean() <= MOSTLY:
        return []
    found = []
    for value in pd.unique(series[unknown]):
        reading = gbk_reading(value)
        if reading is not None:
            found.append((str(value), reading))
            if len(found) == limit:
                break
    return found

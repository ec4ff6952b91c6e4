"""Issue 28, item 8: GBK land-use text read with the wrong encoding is recognised, with what it says."""

from urbanization_planning.algorithms.zoning.encoding import gbk_reading, misread_gbk


def as_latin1(text: str) -> str:
    """What QGIS shows for GBK text of a Shapefile without .cpg: its bytes read as Latin-1."""
    return text.encode("gbk").decode("latin-1")


def test_gbk_read_as_latin1_is_read_back():
    """'水田' in GBK is the bytes CB AE CC EF; read as Latin-1 they are 'Ë®Ìï', which reads back as 水田."""
    assert as_latin1("水田") == "Ë®Ìï"
    assert gbk_reading("Ë®Ìï") == "水田"
    assert gbk_reading("0101 " + as_latin1("水田")) == "0101 水田"
    assert gbk_reading("0101") is None and gbk_reading("水田") is None and gbk_reading(None) is None
    assert gbk_reading("caf\u00e9") is None  # Latin-1 that is not GBK text
    assert gbk_reading("\ufffd\ufffd") == ""  # bytes lost when read as UTF-8


def test_only_when_most_codes_are_unknown():
    """Three of four unknown (75 % > 50 %): examples given; one of four unknown: none."""
    values = [as_latin1("水田"), as_latin1("旱地"), as_latin1("田坎"), "0101"]
    assert misread_gbk(values, [True, True, True, False]) == [
        (as_latin1("水田"), "水田"),
        (as_latin1("旱地"), "旱地"),
        (as_latin1("田坎"), "田坎"),
    ]
    assert misread_gbk(values, [True, False, False, False]) == []

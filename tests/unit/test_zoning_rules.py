"""Conflict rules: the national preset and the planner's JSON/CSV files, errors naming the line."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from urbanization_planning.algorithms.zoning.codes import UNKNOWN, CodeTable
from urbanization_planning.algorithms.zoning.rules import Rule, RulesError, decide, load_rules, national_rules


@pytest.fixture(scope="module")
def table():
    return CodeTable.load()


def test_national_rules_carry_outcomes_and_clauses(table):
    rules = {r.id: r for r in national_rules(table)}
    eco = rules["eco_construction"]
    assert (eco.control_line, eco.relation, eco.outcome) == ("ecological_redline", "inside", "prohibited")
    assert eco.codes == ("07", "08", "09", "10", "11", "12", "13", "15", "16")
    assert all(r.clause for r in rules.values())
    assert {r.outcome for r in rules.values()} == {"prohibited", "approval", "allowed"}
    assert rules["udb_urban_housing"].label("zh") == "城镇开发边界外规划城镇居住用地"


def test_the_longest_prefix_decides_then_the_strictest_outcome():
    def rule(rule_id, codes, outcome, exclude=()):
        return Rule(rule_id, "ecological_redline", "inside", tuple(codes), tuple(exclude), rule_id, "", outcome)

    rules = [
        rule("all", ["*"], "prohibited"),
        rule("homes", ["0703"], "approval"),
        rule("forest", ["03"], "allowed"),
        rule("roads_a", ["1202"], "allowed"),
        rule("roads_b", ["1202"], "approval"),
        rule("no_water", ["17"], "prohibited", ["1701"]),
    ]
    codes = np.array(["0701", "0703", "070301", "0301", "1202", "1701", "1702", UNKNOWN], dtype=object)
    ids, outcomes = decide(codes, rules)
    assert ids.tolist() == ["all", "homes", "homes", "forest", "roads_b", "all", "no_water", ""]
    assert outcomes.tolist() == [
        "prohibited",
        "approval",
        "approval",
        "allowed",
        "approval",
        "prohibited",
        "prohibited",
        "",
    ]


def test_outcome_and_clause_columns_in_csv_are_optional(table, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        "id,control_line,relation,codes,except,text,outcome,clause\n"
        "a,ecological_redline,inside,07,,homes,approval,art. 1\n"
        "b,ecological_redline,inside,08,,schools,,\n",
        encoding="utf-8",
    )
    a, b = load_rules(path, table)
    assert (a.outcome, a.clause) == ("approval", "art. 1") and (b.outcome, b.clause) == ("prohibited", "")
    path.write_text(
        "id,control_line,relation,codes,except,text,outcome\na,ecological_redline,inside,07,,homes,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"rules.csv: line 2 \(rule 'a'\): unknown outcome 'maybe'"):
        load_rules(path, table)


def test_json_rules_file_with_numbers_and_chinese_names(table, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(
        json.dumps(
            {
                "rules": [
                    {"id": "r1", "control_line": "ecological_redline", "codes": [7, "工业用地"], "text": "no housing"},
                ]
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    (rule,) = load_rules(path, table)
    assert rule.codes == ("07", "1001") and rule.relation == "inside" and rule.text == "no housing"


def test_csv_rules_file(table, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        "id,control_line,relation,codes,except,text,text_zh\n"
        "a,permanent_farmland,inside,*,01;0201,not crops,非耕地\n"
        "b,development_boundary,outside,07 09,0703,urban outside,\n",
        encoding="utf-8",
    )
    a, b = load_rules(path, table)
    assert a.exclude == ("01", "0201") and a.label("zh") == "非耕地"
    assert b.codes == ("07", "09") and b.label("zh") == "urban outside"


def test_json_syntax_error_names_the_line(table, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"rules": [\n  {"id": "a",\n   "codes": ["07"]\n   "control_line": "x"}\n]}', encoding="utf-8")
    with pytest.raises(RulesError, match=r"broken.json: line 4, column 4"):
        load_rules(path, table)


def test_unknown_code_in_json_names_its_line(table, tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(
        '{"rules": [\n {"id": "a", "control_line": "ecological_redline", "codes": ["07"]},\n'
        ' {"id": "b",\n  "control_line": "ecological_redline",\n  "codes": ["08", "99"]}\n]}',
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"rules.json: line 5 \(rule 'b'\): unknown land-use code '99'"):
        load_rules(path, table)


def test_unknown_code_and_bad_columns_in_csv_name_the_line(table, tmp_path):
    path = tmp_path / "rules.csv"
    path.write_text(
        "id,control_line,relation,codes,except,text\n"
        "a,ecological_redline,inside,07,,ok\n"
        "b,ecological_redline,inside,0x7,,bad\n",
        encoding="utf-8",
    )
    with pytest.raises(RulesError, match=r"rules.csv: line 3 \(rule 'b'\): unknown land-use code '0x7'"):
        load_rules(path, table)
    path.write_text("id,line,codes\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"line 1: missing column\(s\) control_line, relation, except, text"):
        load_rules(path, table)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"id": "a", "control_line": "red", "codes": ["07"]}, "unknown control_line 'red'"),
        (
            {"id": "a", "control_line": "ecological_redline", "relation": "near", "codes": ["07"]},
            "unknown relation 'near'",
        ),
        ({"id": "a", "control_line": "ecological_redline", "codes": []}, "'codes' is empty"),
    ],
)
def test_other_mistakes_are_named(table, tmp_path, item, message):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps([item]), encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        load_rules(path, table)


def test_duplicate_ids_and_missing_file(table, tmp_path):
    path = tmp_path / "rules.json"
    rule = {"id": "a", "control_line": "ecological_redline", "codes": ["07"]}
    path.write_text(json.dumps([rule, rule]), encoding="utf-8")
    with pytest.raises(RulesError, match="rule id 'a' is used twice"):
        load_rules(path, table)
    with pytest.raises(RulesError, match="does not exist"):
        load_rules(tmp_path / "none.json", table)


@settings(max_examples=100, deadline=None)
@given(st.permutations(range(6)), st.sampled_from(["0701", "0703", "070301", "0301", "1202", "1701", "1702", "2303"]))
def test_the_deciding_rule_does_not_depend_on_the_order_of_the_rules(order, code):
    def rule(rule_id, codes, outcome, exclude=()):
        return Rule(rule_id, "ecological_redline", "inside", tuple(codes), tuple(exclude), rule_id, "", outcome)

    rules = [
        rule("all", ["*"], "prohibited"),
        rule("homes", ["0703"], "approval"),
        rule("forest", ["03"], "allowed"),
        rule("roads_a", ["1202"], "allowed"),
        rule("roads_b", ["1202"], "approval"),
        rule("no_water", ["17"], "prohibited", ["1701"]),
    ]
    shuffled = [rules[i] for i in order]
    assert [a.tolist() for a in decide(np.array([code], dtype=object), shuffled)] == [
        a.tolist() for a in decide(np.array([code], dtype=object), rules)
    ]

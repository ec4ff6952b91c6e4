"""Control-line conflict rules: the national defaults (resources/standards/conflict_rules.json) or
the planner's own file in JSON or CSV. Pure.

A rule says what the rules of one control line make of land-use codes lying `inside` (or
`outside`) it, and which clause says so:
    {"id": "eco_construction", "control_line": "ecological_redline", "relation": "inside",
     "codes": ["07", "08"], "except": ["0703"], "outcome": "prohibited",
     "clause": "...", "text": "...", "text_zh": "..."}
`codes` are prefixes in the 2023 guide's notation ("07" covers 0701, 070101...); "*" means every
known code. `outcome` is one of OUTCOMES (default "prohibited", so files written before outcomes
existed keep their meaning). Where several rules of a line and relation match a code, the rule
with the longest matching prefix decides ("*" counts as length 0), so a list of allowed uses can
sit under a general prohibition; between equally specific rules the stricter outcome wins.
An "allowed" rule with `"record": true` (田坎 inside permanent basic farmland) is no conflict, but
the area it covers is reported in the summary under its own code.

A JSON file is either a preset file of the standards format, {"rules": [...]} or the bare list; a
CSV file has the header id,control_line,relation,codes,except,text[,text_zh,outcome,clause] with
codes separated by ';' or spaces. Every error names the file and line.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .. import standards
from .codes import UNKNOWN, CodeTable

CONTROL_LINES = ("ecological_core", "ecological_redline", "permanent_farmland", "development_boundary")
RELATIONS = ("inside", "outside")
PROHIBITED, APPROVAL, ALLOWED = "prohibited", "approval", "allowed"
OUTCOMES = (PROHIBITED, APPROVAL, ALLOWED)  # strictest first
NOT_COVERED = ""  # the outcome of a code no rule speaks about
CSV_COLUMNS = ("id", "control_line", "relation", "codes", "except", "text")


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Rule:
    id: str
    control_line: str
    relation: str
    codes: tuple[str, ...]
    exclude: tuple[str, ...]
    text: str
    text_zh: str
    outcome: str = PROHIBITED
    clause: str = ""
    record: bool = False  # an allowed use whose area the summary reports under its own code

    def label(self, language: str) -> str:
        return self.text_zh if language == "zh" and self.text_zh else self.text


def national_rules(table: CodeTable, user_dir=None) -> list[Rule]:
    """The preset 'national' of conflict_rules.json (a user copy in `user_dir` takes precedence)."""
    preset = standards.preset("conflict_rules", "national", user_dir)
    text = json.dumps(preset["rules"], ensure_ascii=False, indent=1)
    return _rules_from_json_items(preset["rules"], text, "conflict_rules.json", table)


def load_rules(path: str | Path, table: CodeTable) -> list[Rule]:
    """Rules from a .json or .csv file; RulesError naming the file and line on any problem."""
    path = Path(path)
    text, data = standards.load_planner_file(path, RulesError, "rules file")
    if data is None:
        return _rules_from_csv(text, str(path), table)
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise RulesError(f"{path}: line 1: expected a non-empty list of rules (or an object with 'rules')")
    return _rules_from_json_items(items, text, str(path), table)


def _rules_from_json_items(items: list, text: str, name: str, table: CodeTable) -> list[Rule]:
    lines = text.splitlines()
    rules = []
    search_from = 0
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise RulesError(f"{name}: rule {number} is not an object")
        rule_id = str(item.get("id") or f"rule{number}")
        # the line where this rule starts: its "id" entry, searched forward from the previous rule
        start = _find_line(lines, f'"{rule_id}"', search_from) if item.get("id") else search_from
        search_from = start

        def where(token: str | None = None, _start=start, _id=rule_id) -> str:
            line = _find_line(lines, token, _start) if token else _start
            return f"{name}: line {line + 1} (rule '{_id}')"

        rules.append(_make_rule(item, rule_id, where, table))
    _check_unique(rules, name)
    return rules


def _find_line(lines: list[str], token: str, start: int) -> int:
    for index in range(start, len(lines)):
        if token in lines[index]:
            return index
    return start


def _rules_from_csv(text: str, name: str, table: CodeTable) -> list[Rule]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise RulesError(
            f"{name}: line 1: missing column(s) {', '.join(missing)}; expected {','.join(CSV_COLUMNS)}[,text_zh]"
        )
    reader.fieldnames = header
    rules = []
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        if None in row:
            raise RulesError(f"{name}: line {line}: more values than columns (quote text that contains commas)")
        item = {k: (v or "").strip() for k, v in row.items()}
        item["codes"] = _split_codes(item["codes"])
        item["except"] = _split_codes(item["except"])
        rule_id = item["id"] or f"line{line}"
        rules.append(
            _make_rule(
                item, rule_id, lambda token=None, _line=line, _id=rule_id: f"{name}: line {_line} (rule '{_id}')", table
            )
        )
    if not rules:
        raise RulesError(f"{name}: no rules below the header")
    _check_unique(rules, name)
    return rules


def _split_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[;\s]+", text) if c]


def _make_rule(item: dict, rule_id: str, where, table: CodeTable) -> Rule:
    line = str(item.get("control_line", "")).strip()
    if line not in CONTROL_LINES:
        raise RulesError(
            f"{where('control_line')}: unknown control_line '{line}'; use one of {', '.join(CONTROL_LINES)}"
        )
    relation = str(item.get("relation", "inside")).strip() or "inside"
    if relation not in RELATIONS:
        raise RulesError(f"{where('relation')}: unknown relation '{relation}'; use inside or outside")
    codes = _codes(item.get("codes"), "codes", where, table, allow_star=True)
    if not codes:
        raise RulesError(f"{where('codes')}: 'codes' is empty: list the land-use codes the rule forbids")
    exclude = _codes(item.get("except", []), "except", where, table, allow_star=False)
    outcome = str(item.get("outcome") or PROHIBITED).strip()
    if outcome not in OUTCOMES:
        raise RulesError(f"{where('outcome')}: unknown outcome '{outcome}'; use one of {', '.join(OUTCOMES)}")
    text = str(item.get("text") or rule_id)
    return Rule(
        rule_id,
        line,
        relation,
        codes,
        exclude,
        text,
        str(item.get("text_zh") or ""),
        outcome,
        str(item.get("clause") or ""),
        _flag(item.get("record")),
    )


def _flag(value) -> bool:
    """A JSON boolean or a CSV cell (true/yes/1) as a bool."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "1")
    return bool(value)


def decide(codes, rules: list[Rule]) -> tuple[np.ndarray, np.ndarray]:
    """For canonical `codes`, the deciding rule's id and outcome among `rules` (all of one control
    line and relation): the longest matching prefix wins, then the strictest outcome. Codes no rule
    matches, and UNKNOWN, get ('', NOT_COVERED)."""
    codes = np.asarray(codes, dtype=object)
    verdict = {}
    for code in pd.unique(pd.Series(codes, dtype=object)):
        best = None
        for rule in rules:
            length = _match_length(code, rule)
            if length is None:
                continue
            key = (length, -OUTCOMES.index(rule.outcome))
            if best is None or key > best[0]:
                best = (key, rule)
        verdict[code] = (best[1].id, best[1].outcome) if best else ("", NOT_COVERED)
    ids = np.array([verdict[c][0] for c in codes], dtype=object)
    outcomes = np.array([verdict[c][1] for c in codes], dtype=object)
    return ids, outcomes


def _match_length(code: str, rule: Rule) -> int | None:
    """Length of the longest prefix of `rule` that covers `code` (0 for '*'), None when the rule
    does not apply (no prefix, an exception, or an UNKNOWN code)."""
    if code == UNKNOWN or any(code.startswith(e) for e in rule.exclude):
        return None
    lengths = [0 if p == "*" else len(p) for p in rule.codes if p == "*" or code.startswith(p)]
    return max(lengths) if lengths else None


def _codes(values, key: str, where, table: CodeTable, allow_star: bool) -> tuple[str, ...]:
    if isinstance(values, str):
        values = _split_codes(values)
    if not isinstance(values, list):
        raise RulesError(f"{where(key)}: '{key}' must be a list of land-use codes")
    result = []
    for value in values:
        if allow_star and str(value).strip() == "*":
            result.append("*")
            continue
        code = table.normalise_one(value)
        if code == UNKNOWN:
            raise RulesError(
                f"{where(json.dumps(value, ensure_ascii=False))}: unknown land-use code '{value}' in '{key}'; "
                "use codes of the 2023 classification guide (01-24, 0701, ...)"
            )
        result.append(code)
    return tuple(result)


def _check_unique(rules: list[Rule], name: str) -> None:
    seen = set()
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"{name}: rule id '{rule.id}' is used twice")
        seen.add(rule.id)

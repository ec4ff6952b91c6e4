"""A preset laid out as the planner's tables, which the presets dialog shows one per tab: its plain
values, one table per list of rows (park grades, conflict rules) and per object of rows (living
circles, indicators, codes), and a two-column table per object of plain values (OSM mapping). Each
cell keeps the path of its value in the preset, so edits go back where they came from. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..algorithms import standards

_SCALARS = (str, int, float, bool, type(None))
#: The column of a table whose rows are single values (plain values, mappings).
VALUE = ""


def is_cell(value) -> bool:
    """A value shown in one cell: a number, text, true/false, or a list of those."""
    return isinstance(value, _SCALARS) or (isinstance(value, list) and all(isinstance(v, _SCALARS) for v in value))


@dataclass
class Row:
    path: str  # the row's own path: "rules[1]", "circles.15min", or the value's path in a one-value row
    key: str | int  # its key in the object or index in the list it belongs to
    item: object  # the row's object, or its value
    cells: dict[str, str] = field(default_factory=dict)  # column -> path of the value in the preset


@dataclass
class Table:
    path: str  # "" for the preset's plain values, else the path of the list or object: "rules"
    kind: str  # "values" (plain values by name), "rows" (one object per row), "mapping" (key -> value)
    columns: list[str] = field(default_factory=list)  # "radius_m", "public_green.per_person_m2"; VALUE
    rows: list[Row] = field(default_factory=list)
    parent: Row | None = None  # the row a nested table belongs to (an indicator's grades)
    key: str = ""  # the table's key: the last key of its path, or its path inside the parent row


def preset_tables(preset: dict) -> list[Table]:
    """The tables of one preset, plain values first, in file order; empty tables left out."""
    plain = Table("", "values", [VALUE])
    found = [plain]
    for key, value in standards.payload(preset).items():
        if is_cell(value):
            plain.rows.append(Row(key, key, value, {VALUE: key}))
        else:
            found += _tables(key, value, key, None)
    return [table for table in found if table.rows]


def _child(path: str, container, key) -> str:
    return f"{path}[{key}]" if isinstance(container, list) else f"{path}.{key}"


def _tables(path: str, value, key: str, parent: Row | None) -> list[Table]:
    items = list(enumerate(value)) if isinstance(value, list) else list(value.items())
    nested: list[Table] = []
    if items and all(isinstance(item, dict) for _, item in items):
        table = Table(path, "rows", [], [], parent, key)
        for item_key, item in items:
            row = Row(_child(path, value, item_key), item_key, item)
            _flatten(row, row.path, "", item, table.columns, nested)
            table.rows.append(row)
        return [table, *nested]
    table = Table(path, "mapping", [VALUE], [], parent, key)
    for item_key, item in items:
        item_path = _child(path, value, item_key)
        if is_cell(item):
            table.rows.append(Row(item_path, item_key, item, {VALUE: item_path}))
        else:
            nested += _tables(item_path, item, str(item_key), parent)
    return [table, *nested]


def _flatten(row: Row, path: str, column: str, item: dict, columns: list[str], nested: list[Table]) -> None:
    """A row object's values as columns; an object inside it gives dotted columns ("target.value"),
    a list of objects inside it its own table (an indicator's grades)."""
    for key, value in item.items():
        value_column = f"{column}.{key}" if column else key
        value_path = f"{path}.{key}"
        if is_cell(value):
            if value_column not in columns:
                columns.append(value_column)
            row.cells[value_column] = value_path
        elif isinstance(value, dict) and all(is_cell(v) or isinstance(v, dict) for v in value.values()):
            _flatten(row, value_path, value_column, value, columns, nested)
        else:
            nested += _tables(value_path, value, value_column, row)


def provenance_entries(preset: dict, paths: list[str]) -> list[dict]:
    """The distinct provenance entries covering `paths`, in order (a list value may be covered
    only through its items' entries)."""
    found: list[dict] = []
    for path in paths:
        entry = standards.provenance_of(preset, path)
        entries = [entry] if entry else _item_entries(preset, path)
        found += [e for e in entries if e not in found]
    return found


def _item_entries(preset: dict, path: str) -> list[dict]:
    own = preset.get("provenance") or {}
    return [e for p, e in own.items() if p.startswith(path + "[") and isinstance(e, dict)]

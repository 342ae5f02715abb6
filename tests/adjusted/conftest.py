"""The cases of tests/reference/adjusted_propensity.R, as the R script builds them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "reference" / "fixtures"


def adjusted_cases() -> dict[str, tuple[pd.Series, pd.DataFrame]]:
    """(treatment, covariates) per case, with R's factor levels."""
    ebmt3 = pd.read_csv(FIXTURES / "survival_ebmt3.csv")
    levels = {"dissub": ["ALL", "AML", "CML"], "age": ["<=20", "20-40", ">40"],
              "drmatch": ["No gender mismatch", "Gender mismatch"]}
    for column, order in levels.items():
        ebmt3[column] = pd.Categorical(ebmt3[column], categories=order)
    bmt = pd.read_csv(FIXTURES / "survival_bmt.csv")
    bmt["group"] = bmt["group"].astype(str)  # R: factor(group)
    synthetic = pd.read_csv(FIXTURES / "adjusted_synthetic.csv")
    synthetic["risk"] = pd.Categorical(synthetic["risk"], categories=["low", "intermediate", "high"])
    return {
        "ebmt3": ((ebmt3.tcd == "TCD").astype(int), ebmt3[["dissub", "age", "drmatch"]]),
        "bmt": (bmt.z10, bmt[["group", "z1", "z2", "z3", "z4", "z7", "z8"]]),
        "synthetic": (synthetic.treated, synthetic[["age", "cd34", "risk", "female"]]),
    }


@pytest.fixture(scope="session")
def cases():
    return adjusted_cases()


@pytest.fixture(scope="session")
def fixtures():
    return FIXTURES

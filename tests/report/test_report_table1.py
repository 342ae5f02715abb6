"""Table 1 against R (tests/reference/report_table1.R, R 4.2 stats package)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.report.table1 import fisher_monte_carlo, format_p, table1

ARMS = ["chemo", "mst", "allo"]


@pytest.fixture(scope="module")
def reference(fixtures_dir):
    return json.loads((fixtures_dir / "report_table1.json").read_text())


@pytest.fixture(scope="module")
def patients(fixtures_dir):
    return pd.read_csv(fixtures_dir / "report_table1_patients.csv")


def _test_row(result, variable):
    return result.tests.set_index("variable").loc[variable]


def test_kruskal_wallis_and_quartiles_match_r(patients, reference):
    result = table1(patients, ARMS)
    row = _test_row(result, "age")
    assert row.test == "Kruskal-Wallis"
    # kruskal.test(age ~ arm): ages are integers, so this checks the tie correction.
    assert row.statistic == pytest.approx(reference["age"]["statistic"], rel=TOLERANCE["closed_form"]["rtol"])
    assert row.p_value == pytest.approx(reference["age"]["p_value"], rel=TOLERANCE["p_value"]["rtol"])
    summary = result.summary.query("variable == 'age'").set_index("arm")
    for arm in ARMS:
        q1, median, q3 = reference["age_quartiles"][arm]
        assert (summary.loc[arm, "q1"], summary.loc[arm, "median"], summary.loc[arm, "q3"]) == pytest.approx((q1, median, q3))
    # Two ages are missing (rows 4 and 41 of the fixture): shown, not tested.
    assert summary["missing"].drop("Total").sum() == 2


def test_chi_square_matches_r(patients, reference):
    result = table1(patients, ARMS)
    for variable in ("disease_risk", "sex"):
        row = _test_row(result, variable)
        assert row.test == "Chi-square"
        assert row.statistic == pytest.approx(reference[variable]["statistic"], rel=1e-10)
        assert row.df == reference[variable]["df"]
        assert row.p_value == pytest.approx(reference[variable]["p_value"], rel=TOLERANCE["p_value"]["rtol"])


def test_two_by_two_chi_square_uses_yates_like_r(patients, reference):
    result = table1(patients[patients.arm != "allo"], ["chemo", "mst"])
    row = _test_row(result, "sex")
    assert row.statistic == pytest.approx(reference["sex_two_arms"]["statistic"], rel=1e-10)
    assert row.p_value == pytest.approx(reference["sex_two_arms"]["p_value"], rel=TOLERANCE["p_value"]["rtol"])


def test_small_two_by_two_uses_fisher_exact(reference):
    a_female, a_male, b_female, b_male = reference["sex_fisher_small"]["table"]
    patients = pd.DataFrame({
        "arm": ["a"] * int(a_female + a_male) + ["b"] * int(b_female + b_male),
        "sex": ["female"] * int(a_female) + ["male"] * int(a_male)
        + ["female"] * int(b_female) + ["male"] * int(b_male),
    })
    row = _test_row(table1(patients, ["a", "b"]), "sex")
    assert row.test == "Fisher exact"
    assert row.p_value == pytest.approx(reference["sex_fisher_small"]["p_value"], rel=1e-10)


def test_sparse_table_uses_monte_carlo_fisher_close_to_exact(patients, reference):
    # diagnosis: 'all' has 1, 3 and 1 patients per arm -> expected counts < 5.
    variable = "diagnosis"
    row = _test_row(table1(patients, ARMS), variable)
    assert row.test == "Fisher exact (Monte-Carlo)"
    exact = reference[f"{variable}_exact"]["p_value"]
    # Monte-Carlo error with B = 10,000 tables: allow 4 standard errors, and
    # the 1/(B+1) floor of a simulated p-value.
    se = np.sqrt(max(exact * (1 - exact), 1e-4) / 10_000)
    assert abs(row.p_value - exact) <= 4 * se + 1 / 10_001


def _exact_fisher_2x3(table: np.ndarray) -> float:
    """Fisher's exact p for a 2 x 3 table by listing every table with its margins."""
    rows, cols = table.sum(axis=1), table.sum(axis=0)

    def weight(first_row):  # hypergeometric probability up to the margins' constant: 1 / prod x!
        second_row = cols - first_row
        return 1 / np.prod([math.factorial(int(x)) for x in (*first_row, *second_row)])

    weights = [weight(np.array([a, b, rows[0] - a - b]))
               for a in range(cols[0] + 1) for b in range(cols[1] + 1) if 0 <= rows[0] - a - b <= cols[2]]
    observed = weight(table[0])
    return sum(w for w in weights if w <= observed * (1 + 1e-7)) / sum(weights)


def test_monte_carlo_fisher_is_deterministic_and_close_to_the_exact_p():
    table = np.array([[5, 1, 0], [2, 4, 3]])
    simulated = fisher_monte_carlo(table)
    assert simulated == fisher_monte_carlo(table)
    # Exact p by enumeration, 21/143 (R 4.2: fisher.test(matrix(c(5, 2, 1, 4, 0, 3), 2)) gives
    # 0.1468531468531471);
    # the estimate from B = 10,000 tables is within 4 Monte-Carlo standard errors.
    exact = _exact_fisher_2x3(table)
    assert exact == pytest.approx(21 / 143, rel=1e-12)
    assert abs(simulated - exact) <= 4 * np.sqrt(exact * (1 - exact) / 10_000)


def test_display_shows_counts_percentages_and_headers(patients):
    result = table1(patients, ARMS)
    display = result.display
    assert list(display.columns[2:5]) == ["chemo (n=30)", "mst (n=35)", "allo (n=25)"]
    msc_yes = display[(display.level == "yes")].iloc[0]
    # 21 of 25 allo patients had MSC in the fixture; none in the other arms.
    assert msc_yes["allo (n=25)"] == "21 (84)"
    assert msc_yes["chemo (n=30)"] == "0 (0)"


def test_untestable_variables_say_why():
    patients = pd.DataFrame({"arm": ["a", "a", "b"], "age": [50, 50, 50], "sex": ["male"] * 3})
    result = table1(patients, ["a", "b"])
    tests = result.tests.set_index("variable")
    assert tests.loc["age", "test"] == "none" and "equal" in tests.loc["age", "note"]
    assert tests.loc["sex", "test"] == "none" and "a single value" in tests.loc["sex", "note"]


def test_format_p():
    assert format_p(0.0004) == "<0.001"
    assert format_p(0.0456) == "0.046"
    assert format_p(float("nan")) == "-"

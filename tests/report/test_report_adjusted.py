"""The report's adjusted comparison (--adjust-method) on the synthetic endpoint
table: its numbers are graftline.stats'; its methods text names estimand and variance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from synthetic import endpoint_frame

from graftline.errors import InputError
from graftline.report import build_report
from graftline.stats import adjusted_risks, balance_table, cox_ph, propensity_scores


@pytest.fixture(scope="module")
def adjusted_report(tmp_path_factory):
    endpoints = endpoint_frame(40, seed=5)
    endpoints = endpoints[endpoints.arm.isin(["chemo", "mst"])].reset_index(drop=True)
    out = tmp_path_factory.mktemp("adjusted")
    report = build_report(endpoints, out, adjust=("age", "disease_risk"), adjust_method="gcomp")
    return endpoints, out, report


def test_balance_and_risks_are_the_library_numbers(adjusted_report):
    endpoints, out, report = adjusted_report
    balance = pd.read_csv(out / "tables" / "balance.csv")
    arm = pd.Categorical(endpoints.arm, categories=["chemo", "mst"])
    covariates = endpoints[["age", "disease_risk"]]
    weights = propensity_scores(arm, covariates).weights(estimand="ATE")
    expected = balance_table(arm, covariates, weights).to_frame()
    np.testing.assert_allclose(balance.smd, expected.smd, rtol=1e-10)
    risks = pd.read_csv(out / "tables" / "adjusted_risks.csv")
    os_rows = risks[(risks.endpoint == "Overall survival") & (risks.arm == "mst") & (risks.day == 365)]
    fit = adjusted_risks(endpoints.os_day, endpoints.os_status, arm, covariates, times=[365.0])
    assert os_rows["estimate (%)"].iloc[0].startswith(f"{100 * (1 - fit.risk[1, 0]):.1f} (")
    assert "love_plot_mst" in report.figures and "adjusted_os_mst" in report.figures


def test_weighted_hazard_ratios_are_cox_ph_with_ate_weights_and_robust_se(adjusted_report):
    # cox_ph's weighted robust fit equals R coxph(weights =, robust = TRUE) (tests/survival/test_cox_counting.py).
    endpoints, out, report = adjusted_report
    table = pd.read_csv(out / "tables" / "adjusted_hazard_ratios.csv")
    arm = pd.Categorical(endpoints.arm, categories=["chemo", "mst"])
    weights = propensity_scores(arm, endpoints[["age", "disease_risk"]]).weights(estimand="ATE")
    for endpoint, name in (("Overall survival", "os"), ("Relapse", "relapse")):
        status = endpoints[f"{name}_status"].to_numpy()
        fit = cox_ph(endpoints[f"{name}_day"], (status == 1).astype(int),
                     pd.DataFrame({"arm": (endpoints.arm == "mst").astype(float)}), weights=weights, robust=True)
        row = table[table.endpoint == endpoint]
        assert len(row) == 1, endpoint
        np.testing.assert_allclose(row.hr.iloc[0], np.exp(fit.coef[0]), rtol=1e-10)
        np.testing.assert_allclose(row.se.iloc[0], fit.se[0], rtol=1e-10)
        assert fit.robust and fit.se[0] != fit.naive_se[0]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "IPTW-weighted hazard ratios, mst vs chemo" in html and "Austin, Stat Med 2016" in html


def test_methods_say_estimand_method_and_variance(adjusted_report):
    _, out, _ = adjusted_report
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Adjusted comparison" in html
    assert "average treatment effect (ATE)" in html and "G-computation" in html
    assert "influence functions that include the estimation of the Cox models" in html


def test_adjust_method_needs_covariates(tmp_path):
    with pytest.raises(InputError, match="--adjust-method needs the confounders"):
        build_report(endpoint_frame(10), tmp_path, adjust_method="iptw")
    with pytest.raises(InputError, match="--adjust-method 'psm'"):
        build_report(endpoint_frame(10), tmp_path, adjust=("age",), adjust_method="psm")


def test_no_patient_identifier_in_any_file_of_the_adjusted_section(adjusted_report):
    """docs/security.md: a report holds aggregates only - the adjusted section's tables and figures too."""
    endpoints, out, _ = adjusted_report
    files = [p for p in out.rglob("*") if p.suffix in (".csv", ".html", ".svg")]
    assert any(p.name == "balance.csv" for p in files) and any(p.name == "adjusted_risks.csv" for p in files)
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    assert [pid for pid in endpoints["patient_id"] if pid in text] == []
    assert "patient_id" not in text


def test_aiptw_methods_name_the_full_nuisance_variance():
    # The report runs AIPTW with variance="full" (riskRegression's known.nuisance = FALSE).
    from graftline.report.adjusted import methods_text

    text = methods_text("aiptw", ["age"])
    assert "augmented IPTW" in text
    assert "include the estimation of the propensity, censoring and outcome models" in text

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
    assert "Restricted mean survival: the area under each arm" in html and "monotone." in html


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


@pytest.fixture(scope="module")
def att_report(tmp_path_factory):
    endpoints = endpoint_frame(40, seed=5)
    endpoints = endpoints[endpoints.arm.isin(["chemo", "mst"])].reset_index(drop=True)
    out = tmp_path_factory.mktemp("adjusted_att")
    build_report(endpoints, out, adjust=("age", "disease_risk"), adjust_method="iptw", adjust_estimand="att")
    return endpoints, out


def test_att_report_weighs_balance_risks_and_hazard_ratios_for_the_treated(att_report):
    # --adjust-estimand ATT: every number of the section is standardised to the mst patients, so each
    # must equal the library's ATT call and differ from its ATE call (the arms differ in age here).
    endpoints, out = att_report
    arm = pd.Categorical(endpoints.arm, categories=["chemo", "mst"])
    covariates = endpoints[["age", "disease_risk"]]
    model = propensity_scores(arm, covariates)
    att, ate = model.weights(estimand="ATT"), model.weights(estimand="ATE")
    balance = pd.read_csv(out / "tables" / "balance.csv")
    # The report's CSVs hold 10 significant digits.
    np.testing.assert_allclose(balance.smd, balance_table(arm, covariates, att).to_frame().smd, rtol=1e-9)
    assert not np.allclose(balance.smd, balance_table(arm, covariates, ate).to_frame().smd)

    risks = pd.read_csv(out / "tables" / "adjusted_risks.csv")
    row = risks[(risks.endpoint == "Overall survival") & (risks.arm == "chemo") & (risks.day == 365)]
    fit = adjusted_risks(endpoints.os_day, endpoints.os_status, arm, covariates, times=[365.0],
                         method="iptw", estimand="ATT")
    assert fit.estimand == "ATT"
    assert row["estimate (%)"].iloc[0].startswith(f"{100 * (1 - fit.risk[0, 0]):.1f} (")

    hazard = pd.read_csv(out / "tables" / "adjusted_hazard_ratios.csv")
    status = (endpoints.os_status.to_numpy() == 1).astype(int)
    cox = cox_ph(endpoints.os_day, status, pd.DataFrame({"arm": (endpoints.arm == "mst").astype(float)}),
                 weights=att, robust=True)
    np.testing.assert_allclose(hazard[hazard.endpoint == "Overall survival"].hr.iloc[0], np.exp(cox.coef[0]),
                               rtol=1e-10)

    html = (out / "index.html").read_text(encoding="utf-8")
    assert "average treatment effect in the treated (ATT)" in html
    assert "average treatment effect (ATE)" not in html
    assert "Adjusted risks, mst vs chemo (iptw, ATT)" in html


def test_adjust_estimand_is_checked_before_anything_is_written(tmp_path):
    with pytest.raises(InputError, match="--adjust-estimand ATT: augmented IPTW"):
        build_report(endpoint_frame(10), tmp_path, adjust=("age",), adjust_method="aiptw", adjust_estimand="ATT")
    with pytest.raises(InputError, match="--adjust-estimand 'ATX': expected one of ATE, ATT, ATO"):
        build_report(endpoint_frame(10), tmp_path, adjust=("age",), adjust_method="gcomp", adjust_estimand="ATX")
    with pytest.raises(InputError, match="give it with --adjust-method"):
        build_report(endpoint_frame(10), tmp_path, adjust=("age",), adjust_estimand="ATO")
    assert list(tmp_path.iterdir()) == []


def test_ato_methods_name_the_overlap_population_and_weights():
    from graftline.report.adjusted import methods_text

    text = methods_text("gcomp", ["age"], "ATO")
    assert "overlap population (ATO" in text and "1-e for the compared arm, e for the reference arm" in text


def test_cli_refuses_att_with_aiptw_in_one_line(tmp_path, capsys):
    # A user mistake on the command line: exit 1 (InputError) with the reason, no traceback, no report folder.
    from graftline.cli import main

    table = tmp_path / "endpoints.csv"
    endpoint_frame(10).to_csv(table, index=False)
    with pytest.raises(SystemExit) as done:
        main(["report", "--endpoints", str(table), "--out", str(tmp_path / "report"), "--adjust", "age",
              "--adjust-method", "aiptw", "--adjust-estimand", "ATT"])
    err = " ".join(capsys.readouterr().err.split())
    assert done.value.code == 1
    assert "--adjust-estimand ATT: augmented IPTW here standardises to the whole cohort" in err
    assert "Traceback" not in err and not (tmp_path / "report").exists()


def test_engraftment_is_adjusted_on_the_patients_the_engraftment_section_counts(adjusted_report):
    # Platelet recovery: patients whose count never fell below 20 (applicable = False, CIBMTR's "not
    # applicable") are left out, as in the engraftment section; death before recovery competes (status 2).
    endpoints, out, _ = adjusted_report
    usable = endpoints.platelet_engraftment_applicable.to_numpy(bool)
    assert (~usable).any()        # the synthetic cohort has such patients, so leaving them out matters
    kept = endpoints[usable].reset_index(drop=True)
    arm = pd.Categorical(kept.arm, categories=["chemo", "mst"])
    hazard = pd.read_csv(out / "tables" / "adjusted_hazard_ratios.csv")
    row = hazard[hazard.endpoint.str.startswith("Platelet recovery")]
    status = kept.platelet_engraftment_status.to_numpy()
    weights = propensity_scores(pd.Categorical(endpoints.arm, categories=["chemo", "mst"]),
                                endpoints[["age", "disease_risk"]]).weights(estimand="ATE")[usable]
    fit = cox_ph(kept.platelet_engraftment_day, (status == 1).astype(int),
                 pd.DataFrame({"arm": (arm == "mst").astype(float)}), weights=weights, robust=True)
    np.testing.assert_allclose(row.hr.iloc[0], np.exp(fit.coef[0]), rtol=1e-9)
    risks = pd.read_csv(out / "tables" / "adjusted_risks.csv")
    neutrophil = risks[risks.endpoint.str.startswith("Neutrophil recovery") & (risks.arm == "mst") & (risks.day == 28)]
    expected = adjusted_risks(endpoints.neutrophil_engraftment_day, endpoints.neutrophil_engraftment_status,
                              pd.Categorical(endpoints.arm, categories=["chemo", "mst"]),
                              endpoints[["age", "disease_risk"]], times=[28.0], cause=1)
    assert neutrophil["estimate (%)"].iloc[0].startswith(f"{100 * expected.risk[1, 0]:.1f} (")


def test_a_monotone_outcome_model_is_not_estimated_with_the_reason(adjusted_report):
    # On this cohort the platelet-recovery Cox model of cause 1 has a disease-risk level whose
    # coefficient runs to infinity: its risks would sit at a boundary with meaningless SEs.
    endpoints, out, report = adjusted_report
    with pytest.warns(UserWarning, match="monotone likelihood"):
        adjusted_risks(endpoints.platelet_engraftment_day[endpoints.platelet_engraftment_applicable],
                       endpoints.platelet_engraftment_status[endpoints.platelet_engraftment_applicable],
                       pd.Categorical(endpoints.arm[endpoints.platelet_engraftment_applicable],
                                      categories=["chemo", "mst"]),
                       endpoints.loc[endpoints.platelet_engraftment_applicable, ["age", "disease_risk"]],
                       times=[28.0], cause=1)
    reasons = report.not_estimated[report.not_estimated.section == "adjusted"]
    platelet = reasons[reasons.endpoint.str.startswith("Platelet recovery")]
    assert len(platelet) == 1 and "likelihood is monotone" in platelet.reason.iloc[0]
    risks = pd.read_csv(out / "tables" / "adjusted_risks.csv")
    assert not risks.endpoint.str.startswith("Platelet recovery").any()


def test_risk_limits_stay_between_0_and_100_percent(adjusted_report):
    # Wald limits of a risk near 0 fall below 0; the report truncates them to [0, 100] %, as
    # riskRegression's confint does (the library's to_frame, checked against R in
    # tests/adjusted/test_adjusted_risks_reference.py). This cohort has such a risk (chronic GVHD).
    _, out, _ = adjusted_report
    risks = pd.read_csv(out / "tables" / "adjusted_risks.csv")
    arms = risks[~risks.arm.str.startswith("difference")]
    limits = arms["estimate (%)"].str.extract(r"^(?P<value>-?[\d.]+) \((?P<low>-?[\d.]+) to (?P<high>-?[\d.]+)\)$")
    assert limits.notna().all().all()
    limits = limits.astype(float)
    assert (limits.low >= 0).all() and (limits.high <= 100).all()
    assert (limits.low == 0).any()          # a truncated limit is among them, so the check can fail


def test_no_adjusted_risk_beyond_an_arms_follow_up(tmp_path):
    # mst's follow-up is cut at day 500: its survival at day 730 would be extrapolated (ate reports NA
    # there), so the report gives OS at day 365 only and draws the curves to day 500.
    endpoints = endpoint_frame(40, seed=5)
    endpoints = endpoints[endpoints.arm.isin(["chemo", "mst"])].reset_index(drop=True)
    short = endpoints.arm == "mst"
    for name in ("os", "pfs", "grfs", "relapse", "nrm"):
        late = short & (endpoints[f"{name}_day"] > 500)
        endpoints.loc[late, f"{name}_day"] = 500.0
        endpoints.loc[late, f"{name}_status"] = 0
    assert (endpoints.loc[~short, "os_day"] > 730).any()     # chemo alone would reach day 730
    build_report(endpoints, tmp_path, adjust=("age", "disease_risk"), adjust_method="gcomp")
    risks = pd.read_csv(tmp_path / "tables" / "adjusted_risks.csv")
    os_days = set(risks[risks.endpoint == "Overall survival"].day)
    assert os_days == {365}


def test_restricted_mean_survival_is_the_library_number(adjusted_report):
    # Overall survival: the area under each arm's G-computation curve up to day 730 (the last landmark,
    # within both arms' follow-up here), and the difference with its Wald interval.
    from graftline.stats import adjusted_restricted_mean

    endpoints, out, _ = adjusted_report
    table = pd.read_csv(out / "tables" / "adjusted_restricted_means.csv")
    row = table[table.endpoint == "Overall survival"].iloc[0]
    arm = pd.Categorical(endpoints.arm, categories=["chemo", "mst"])
    expected = adjusted_restricted_mean(endpoints.os_day, endpoints.os_status, arm,
                                        endpoints[["age", "disease_risk"]], tau=730.0)
    assert row.tau == 730
    np.testing.assert_allclose([row.arm_0, row.arm_1, row.difference, row.se],
                               [*expected.estimate, expected.difference, expected.difference_se], rtol=1e-9)
    assert set(table.endpoint) <= {"Overall survival", "Progression-free survival", "GVHD-free, relapse-free survival"}
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "Adjusted restricted mean survival, mst vs chemo (gcomp, ATE)" in html

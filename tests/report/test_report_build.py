"""build_report end to end: the numbers in its CSV tables equal graftline.stats called directly.

The report is built once per module from a synthetic endpoint table
(tests/report/synthetic.py); every check below recomputes a number from the
endpoint table with graftline.stats (or SciPy) and compares it with what the
report wrote. CSV floats are written with 10 significant digits.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats
from synthetic import endpoint_frame

from graftline.errors import InputError
from graftline.report import build_report
from graftline.stats import cox_ph, cumulative_incidence, fine_gray, kaplan_meier, logrank_test

CSV = {"rtol": 1e-9, "atol": 1e-12}  # 10 significant digits in the CSV files
ARMS = ["chemo", "mst", "allo_msc"]  # report order: chemo first (reference), then MST, then allo


@pytest.fixture(scope="module")
def endpoints():
    return endpoint_frame(60, seed=11)


EPOCH = "1700000000"  # SOURCE_DATE_EPOCH pins the report date, so builds can be compared byte for byte


@pytest.fixture(scope="module")
def report(endpoints, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        return build_report(endpoints, out, adjust=("age",))


def _csv(report, name):
    return pd.read_csv(report.tables[name])


def _usable(endpoints, name):
    """Patients an estimate of `name` uses: engraftment 'not applicable' ones are left out."""
    frame = endpoints
    if f"{name}_applicable" in frame:
        frame = frame[frame[f"{name}_applicable"]]
    return frame[f"{name}_day"].to_numpy(float), frame[f"{name}_status"].to_numpy(int), frame["arm"].to_numpy()


@pytest.mark.parametrize("name", ["neutrophil_engraftment", "platelet_engraftment", "agvhd_2_4", "relapse", "nrm"])
def test_incidence_landmarks_equal_cumulative_incidence(report, endpoints, name):
    time, status, arm = _usable(endpoints, name)
    table = _csv(report, "landmarks").query("endpoint == @name")
    fit = cumulative_incidence(time, status, group=arm)
    direct = fit.at(sorted(table["day"].unique()))
    direct = direct[direct["cause"] == 1].rename(columns={"group": "arm", "time": "day"})
    merged = table.merge(direct, on=["arm", "day"], suffixes=("", "_direct"))
    # Non-empty first: an empty table would make every comparison below vacuous.
    assert table["day"].nunique() > 0
    assert len(merged) == len(table) == 3 * table["day"].nunique()
    # After an arm's last follow-up R gives no estimate; the report carries the final value
    # forward only when the arm's longest-followed patients all had an event.
    final = fit.to_frame().query("cause == 1").groupby("group").last()
    for row in merged[merged["carried_forward"]].itertuples():
        last = time[arm == row.arm].max()
        assert row.day > last and (status[(arm == row.arm) & (time == last)] > 0).all()
        assert np.isnan(row.estimate_direct)
        np.testing.assert_allclose(row.estimate, final.loc[row.arm, "estimate"], **CSV)
    same = merged[~merged["carried_forward"]]
    for column in ("estimate", "variance", "lower", "upper"):
        np.testing.assert_allclose(same[column], same[f"{column}_direct"], **CSV)


@pytest.mark.parametrize("name", ["neutrophil_engraftment", "relapse"])
def test_gray_test_equals_stats(report, endpoints, name):
    time, status, arm = _usable(endpoints, name)
    direct = cumulative_incidence(time, status, group=arm).gray_test().query("cause == 1").iloc[0]
    row = _csv(report, "tests").query("endpoint == @name").iloc[0]
    assert row["test"] == "Gray's test"
    np.testing.assert_allclose([row.statistic, row.p_value], [direct.statistic, direct.p_value], **CSV)


@pytest.mark.parametrize("name", ["os", "pfs"])
def test_survival_landmarks_medians_and_logrank_equal_stats(report, endpoints, name):
    time, status, arm = _usable(endpoints, name)
    fit = kaplan_meier(time, status, group=arm)
    table = _csv(report, "landmarks").query("endpoint == @name")
    direct = fit.at([365, 730]).rename(columns={"group": "arm", "time": "day", "survival": "estimate"})
    merged = table.merge(direct, on=["arm", "day"], suffixes=("", "_direct"))
    assert len(merged) == 6
    merged = merged[~merged["carried_forward"]]
    for column in ("estimate", "lower", "upper"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_direct"], **CSV)
    medians = _csv(report, "medians").query("endpoint == @name").set_index("arm")
    for row in fit.median().itertuples():
        np.testing.assert_allclose(medians.loc[row.group, ["median_day", "median_lower", "median_upper"]]
                                   .to_numpy(float), [row.median, row.lower, row.upper], **CSV)
    lr = logrank_test(time, status, arm)
    test = _csv(report, "tests").query("endpoint == @name").iloc[0]
    np.testing.assert_allclose([test.statistic, test.df, test.p_value], [lr.statistic, lr.df, lr.p_value], **CSV)


def test_cox_hazard_ratios_equal_cox_ph(report, endpoints):
    time, status, arm = _usable(endpoints, "os")
    covariates = pd.DataFrame({"arm": pd.Categorical(arm, categories=ARMS), "age": endpoints["age"]})
    direct = cox_ph(time, status, covariates, ties="efron").to_frame().set_index("term")
    table = _csv(report, "hazard_ratios").query("endpoint == 'os'").set_index("term")
    assert (table["model"] == "Cox").all() and (table["reference_arm"] == "chemo").all()
    assert list(table.index) == ["armmst", "armallo_msc", "age"]
    for column in ("coef", "se", "hr", "lower", "upper", "p_value"):
        np.testing.assert_allclose(table[column], direct.loc[table.index, column], **CSV)


def test_fine_gray_hazard_ratios_equal_fine_gray(report, endpoints):
    time, status, arm = _usable(endpoints, "relapse")
    covariates = pd.DataFrame({"arm": pd.Categorical(arm, categories=ARMS), "age": endpoints["age"]})
    direct = fine_gray(time, status, covariates, cause=1).to_frame().set_index("term")
    table = _csv(report, "hazard_ratios").query("endpoint == 'relapse'").set_index("term")
    # The terms are named first: an empty table would make the comparisons below vacuous.
    assert list(table.index) == ["armmst", "armallo_msc", "age"]
    assert (table["model"] == "Fine-Gray").all()
    for column in ("coef", "se", "hr", "p_value"):
        np.testing.assert_allclose(table[column], direct.loc[table.index, column], **CSV)


def test_numbers_at_risk_count_patients_still_followed(report, endpoints):
    table = _csv(report, "numbers_at_risk")
    for name in ("neutrophil_engraftment", "os"):
        time, _, arm = _usable(endpoints, name)
        for row in table.query("endpoint == @name").itertuples():
            # At risk on day t: follow-up (event, competing event or censoring) on or after t.
            assert row.at_risk == int(((arm == row.arm) & (time >= row.day)).sum())
        assert table.query("endpoint == @name and day == 0")["at_risk"].sum() == len(time)


def test_cr_rate_and_table1_tests(report, endpoints):
    rates = _csv(report, "cr_rate").set_index("arm")
    for arm in ARMS:
        cr = endpoints.loc[endpoints["arm"] == arm, "cr_achieved"]
        k, n = int(cr.sum()), int(cr.size)
        assert (rates.loc[arm, "responders"], rates.loc[arm, "evaluable"]) == (k, n)
        exact = scipy_stats.binomtest(k, n).proportion_ci(method="exact")
        np.testing.assert_allclose(rates.loc[arm, ["exact_lower", "exact_upper"]].to_numpy(float),
                                   [exact.low, exact.high], **CSV)
    age = _csv(report, "table1_tests").set_index("variable").loc["age"]
    kw = scipy_stats.kruskal(*[endpoints.loc[endpoints["arm"] == a, "age"] for a in ARMS])
    np.testing.assert_allclose([age.statistic, age.p_value], [kw.statistic, kw.pvalue], **CSV)


def test_html_shows_the_table_values(report):
    html = report.index.read_text()
    hr = _csv(report, "hazard_ratios").query("endpoint == 'os' and term == 'armmst'").iloc[0]
    assert f"{hr.hr:.2f} ({hr.lower:.2f}-{hr.upper:.2f})" in html
    # chemo and mst have no engrafting graft: their counts recover (#20), hence the section's name.
    for section in ("Cohort", "Engraftment and count recovery", "Graft-versus-host disease", "Disease and survival",
                    "Methods", "Appendix: data quality"):
        assert f">{section}</h2>" in html
    # 10 curves (2 engraftment, 3 GVHD, relapse, NRM, OS, PFS, GRFS) and 2 bar charts
    # (chimerism, aGVHD grade), each written as SVG and PNG and embedded in the page
    assert len(report.figures) == 12
    for figure in report.figures.values():
        assert figure.svg_path.stat().st_size > 0 and figure.png_path.read_bytes()[:4] == b"\x89PNG"
    assert html.count('src="data:image/svg+xml;base64,') == len(report.figures)


def test_report_is_self_contained(report):
    html = report.index.read_text().lower()
    for forbidden in ("<script", "<link", "@import", "url(", "http://", "https://", "<iframe", "<object"):
        assert forbidden not in html, forbidden
    sources = [part.split('"', 1)[0] for part in html.split(' src="')[1:]]
    assert sources and all(src.startswith("data:") for src in sources)


def test_same_input_gives_same_bytes(report, endpoints, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = report
    second = build_report(endpoints, tmp_path, adjust=("age",))
    assert "2023-11-14" in first.index.read_text()
    assert first.index.read_bytes() == second.index.read_bytes()
    for name, path in first.tables.items():
        assert path.read_bytes() == second.tables[name].read_bytes(), name
    for name, figure in first.figures.items():
        assert figure.svg == second.figures[name].svg and figure.png == second.figures[name].png, name


def test_unknown_adjust_column_is_a_clear_error(endpoints, tmp_path):
    with pytest.raises(InputError, match="--adjust karnofsky: no such column"):
        build_report(endpoints, tmp_path, adjust=("karnofsky",))


def test_endpoint_table_without_arm_is_a_clear_error(endpoints, tmp_path):
    with pytest.raises(InputError, match="no arm or modality column"):
        build_report(endpoints.drop(columns=["arm", "modality"]), tmp_path)


def test_degenerate_gray_test_falls_back_to_subdistribution_logrank(fixtures_dir):
    """Every patient engrafts or dies first: R's cuminc gives a negative Gray statistic
    (tests/reference/report_gray_fallback.R); the report says so and compares the arms with
    the log-rank test of the subdistribution hazards, equal to R's survdiff on the data with
    competing events kept in the risk set."""
    import json

    from graftline.report.analysis import EndpointData, incidence_by_arm

    reference = json.loads((fixtures_dir / "report_gray_fallback.json").read_text())
    assert reference["gray_statistic"] < 0
    data = pd.read_csv(fixtures_dir / "report_no_censoring.csv")
    arms = ("chemo", "mst", "allo_pbsc_msc")
    endpoint = EndpointData("neutrophil_engraftment", data["neutrophil_engraftment_day"].to_numpy(float),
                            data["neutrophil_engraftment_status"].to_numpy(int), data["arm"].to_numpy(str),
                            pd.DataFrame(index=data.index), 0, arms)
    result = incidence_by_arm(endpoint, landmarks=(14, 28))
    assert "Gray's test not reported: the statistic is -" in result.notices[0]
    test = result.test.iloc[0]
    assert test["test"] == "Subdistribution log-rank"
    np.testing.assert_allclose(test["statistic"], reference["logrank_statistic"], rtol=1e-10)
    np.testing.assert_allclose(test["p_value"], reference["logrank_p_value"], rtol=1e-8, atol=1e-300)

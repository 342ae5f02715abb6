"""Log hazard ratios from reported statistics (Tierney et al. 2007) and their pooling from a sheet.

Reference values: tests/reference/meta_reconstruct.R (R survival 3.5 coxph and
survdiff on KMsurv bmt, AML low risk (group 2) versus ALL (group 1)): the
statistics a trial report would print, converted back.
"""

import numpy as np
import pandas as pd
import pytest
from meta_reference import RECONSTRUCT, assert_close
from scipy import stats

from graftline.errors import InputError
from graftline.meta.sheet import prepare_outcome, read_extraction_sheet
from graftline.meta.time_to_event import log_hazard_ratios

TWO = RECONSTRUCT["two_arm"]


def test_hr_and_confidence_interval_give_the_cox_estimate_back():
    # coxph reports exp(coef) and exp(coef -+ 1.96 se): the conversion inverts it exactly.
    out = log_hazard_ratios(hr=[np.exp(TWO["log_hr"])], hr_lower=[TWO["hr_lower"]], hr_upper=[TWO["hr_upper"]])
    assert_close(out["yi"], TWO["log_hr"], "closed_form", "log HR")
    assert_close(out["vi"], TWO["se"] ** 2, "closed_form", "variance")
    assert out["method"][0] == "hr_ci"


def test_hr_and_p_value_give_the_wald_variance_back():
    # The Wald p-value of coxph is 2 Phi(-|coef/se|): z_p = |log HR|/se.
    out = log_hazard_ratios(hr=[np.exp(TWO["log_hr"])], p_value=[TWO["wald_p"]])
    assert_close(out["vi"], TWO["se"] ** 2, "closed_form", "variance")
    assert out["method"][0] == "hr_p"


def test_o_minus_e_and_v_from_survdiff():
    # Peto's log-rank estimate: log HR = (O - E)/V, Var = 1/V (Tierney eq. 5-6).
    o_minus_e = TWO["observed"][1] - TWO["expected"][1]
    out = log_hazard_ratios(o_minus_e=[o_minus_e], v=[TWO["variance"]])
    assert_close(out["yi"], o_minus_e / TWO["variance"], "closed_form", "log HR")
    assert_close(out["vi"], 1 / TWO["variance"], "closed_form", "variance")
    # ... which is close to, not equal to, the Cox estimate.
    assert abs(out["yi"][0] - TWO["log_hr"]) < 0.05


def test_p_value_and_events_per_arm():
    # Tierney eq. 13-14 with 1:1 allocation: V = e1 e2/(e1 + e2), O - E = -z sqrt(V)
    # when the experimental arm is favoured; here the log-rank p of survdiff.
    e_control, e_experimental = TWO["events"]
    out = log_hazard_ratios(p_value=[TWO["logrank_p"]], events1=[e_experimental], events2=[e_control],
                            favours_experimental=[True])
    V = e_experimental * e_control / (e_experimental + e_control)
    z = stats.norm.isf(TWO["logrank_p"] / 2)
    assert out["yi"][0] == pytest.approx(-z * np.sqrt(V) / V, rel=1e-12)
    assert out["vi"][0] == pytest.approx(1 / V, rel=1e-12)
    # Unequal arms with only the total: V = E R/(1+R)^2, R = n1/n2.
    n_control, n_experimental = TWO["n"]
    total = e_control + e_experimental
    out = log_hazard_ratios(p_value=[TWO["logrank_p"]], events=[total], n1=[n_experimental], n2=[n_control],
                            favours_experimental=[False])
    R = n_experimental / n_control
    assert out["vi"][0] == pytest.approx((1 + R) ** 2 / (total * R), rel=1e-12)
    assert out["yi"][0] > 0


def test_medians_assume_exponential_survival_and_say_so():
    out = log_hazard_ratios(median1=[20.0], median2=[10.0], events1=[30], events2=[40])
    assert out["yi"][0] == pytest.approx(np.log(10 / 20))
    assert out["vi"][0] == pytest.approx(1 / 30 + 1 / 40)
    assert "exponential" in out["note"][0]


def test_preference_order_and_unusable_rows():
    out = log_hazard_ratios(hr=[0.5, 0.5, np.nan], hr_lower=[0.3, np.nan, np.nan], hr_upper=[0.8, np.nan, np.nan],
                            p_value=[0.01, 0.01, np.nan], o_minus_e=[-3.0, -3.0, np.nan], v=[5.0, 5.0, np.nan])
    assert out["method"].tolist() == ["hr_ci", "o_minus_e", ""]
    assert np.isnan(out["yi"][2]) and "no usable" in out["note"][2]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"hr": [-1.0]}, "must be positive"),
    ({"hr": [0.5], "p_value": [1.5]}, "p_value"),
    ({"hr": [0.5], "hr_lower": [0.9], "hr_upper": [0.4]}, "not below"),
])
def test_bad_statistics_are_named(kwargs, message):
    with pytest.raises(InputError, match=message):
        log_hazard_ratios(**kwargs)


SHEET = """study,year,design,arm,n,events,median,hr,hr_lower,hr_upper,p_value,o_minus_e,v,favours,outcome
Alpha,2010,rct,msc,40,12,,0.60,0.35,1.02,,,,,os
Alpha,2010,rct,control,42,20,,,,,,,,,os
Beta,2012,rct,msc,30,9,,0.70,,,0.20,,,,os
Beta,2012,rct,control,30,12,,,,,,,,,os
Gamma,2015,nrsi,msc,25,8,,,,,0.04,,,msc,os
Gamma,2015,nrsi,control,25,15,,,,,,,,,os
Delta,2018,rct,msc,50,20,,,,,,-4.2,11.5,,os
Delta,2018,rct,control,50,25,,,,,,,,,os
Epsilon,2019,single_arm,msc,20,5,,,,,,,,,os
"""


def test_sheet_pools_hazard_ratios_by_the_best_available_method(tmp_path):
    path = tmp_path / "os.csv"
    path.write_text(SHEET)
    prepared = prepare_outcome(read_extraction_sheet(path), "os", compare=("msc", "control"), source="os.csv")
    studies = prepared.studies
    assert prepared.measure == "HR"
    assert studies["label"].tolist() == ["Alpha 2010", "Beta 2012", "Gamma 2015", "Delta 2018"]
    assert studies["hr_method"].tolist() == ["hr_ci", "hr_p", "p_events", "o_minus_e"]
    expected = log_hazard_ratios(hr=[0.6], hr_lower=[0.35], hr_upper=[1.02])
    assert studies["yi"][0] == pytest.approx(expected["yi"][0], rel=1e-15)
    # Gamma: p = 0.04 favouring MSC, 8 vs 15 events: V = 8*15/23.
    V = 8 * 15 / 23
    assert studies["vi"][2] == pytest.approx(1 / V, rel=1e-12)
    assert studies["yi"][2] < 0
    assert studies[["events_1", "n_1", "events_2", "n_2"]].iloc[0].tolist() == [12, 40, 20, 42]
    assert any("p-value" in note for note in prepared.conversions)


def test_hazard_ratio_on_the_control_row_is_refused(tmp_path):
    path = tmp_path / "os.csv"
    path.write_text(SHEET.replace("Alpha,2010,rct,control,42,20,,,,,,,,,os",
                                  "Alpha,2010,rct,control,42,20,,1.6,,,,,,,os"))
    with pytest.raises(InputError, match="control arm's row"):
        prepare_outcome(read_extraction_sheet(path), "os", compare=("msc", "control"))


def test_sheet_checks_hazard_ratio_columns(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("study,n,outcome,hr,hr_lower,hr_upper,p_value\nA,10,os,0.5,0.7,0.9,0\n")
    with pytest.raises(InputError) as error:
        read_extraction_sheet(path)
    assert "hr_lower/hr/hr_upper" in str(error.value) and "p_value: 0" in str(error.value)


def test_default_measure_is_hr_when_the_outcome_has_hazard_ratios(tmp_path):
    path = tmp_path / "os.csv"
    path.write_text(pd.read_csv(pd.io.common.StringIO(SHEET)).query("arm == 'msc' and study != 'Epsilon'")
                    .to_csv(index=False))
    prepared = prepare_outcome(read_extraction_sheet(path), "os")
    assert prepared.measure == "HR" and len(prepared.studies) == 3  # Gamma has no direction without compare

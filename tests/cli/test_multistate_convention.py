"""graftline multistate under the statistics commands' convention (#20): the input forms, the summary, --out.

R references (no R at test time): tests/reference/multistate_ebmt4.R writes the
long (tmerge) ebmt4 data and survfit(Surv(tstart, tstop, state) ~ proph,
id = id) state probabilities and ~ 1 restricted mean times; cmprsk_cuminc.R
writes cuminc() on KMsurv bmt (status 0/1/2), whose cumulative incidence is
the Aalen-Johansen probability of the competing-risks model's states.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from illness_death_table import write_endpoint_table
from tolerances import TOLERANCE

from graftline.cli import main

EBMT4_ARGS = ["--start", "tstart", "--time", "tstop", "--event", "state", "--id", "id"]


def run(arguments, capsys):
    with pytest.raises(SystemExit) as done:
        main(["multistate", *map(str, arguments)])
    captured = capsys.readouterr()
    return done.value.code, captured.out, " ".join(captured.err.split())


@pytest.fixture
def endpoint_table(tmp_path):
    return write_endpoint_table(tmp_path)[0]


def test_long_rows_by_group_equal_r(fixtures_dir, tmp_path, capsys):
    """--start/--time/--event/--id: survfit(Surv(tstart, tstop, state) ~ proph, id = id) on ebmt4."""
    reference = json.loads((fixtures_dir / "multistate_ebmt4.json").read_text())["proph"]
    code, out, _ = run([fixtures_dir / "multistate_ebmt4_long.csv", *EBMT4_ARGS, "--model", "ebmt6",
                        "--group", "proph", "--times", "100,365,1825", "--tau", "1825", "--out", tmp_path / "ms"],
                       capsys)
    assert code == 0
    at = pd.read_csv(tmp_path / "ms" / "multistate_tstop_at.csv")
    states = reference["states"]
    for row, (stratum, day) in enumerate(zip(reference["strata"], reference["time"], strict=True)):
        part = at[(at.group == stratum.split("=")[1]) & (at.time == day)].set_index("state").loc[states]
        np.testing.assert_allclose(part.probability, reference["pstate"][row], **TOLERANCE["closed_form"])
        np.testing.assert_allclose(part.se, reference["std_err"][row], **TOLERANCE["closed_form"])
    assert "R: survfit(Surv(tstart, tstop, state) ~ proph, id = id)" in out
    assert "2279 patients, 4640 intervals" in out
    # survcheck's table: the rows that enter a state, and the patients whose follow-up ends censored
    # (a censored row continued by the patient's next row is neither).
    long = pd.read_csv(fixtures_dir / "multistate_ebmt4_long.csv")
    transitions = pd.read_csv(tmp_path / "ms" / "multistate_tstop_transitions.csv")
    censored = transitions.to_state == "(censored)"
    assert transitions.n[~censored].sum() == (long.state != "censor").sum()
    assert transitions.n[censored].sum() == (long.groupby("id").state.last() == "censor").sum()


def test_long_rows_time_in_state_equal_r(fixtures_dir, tmp_path, capsys):
    """print(survfit(...), rmean = 1825): rmean and se(rmean) per state (influence = TRUE)."""
    reference = json.loads((fixtures_dir / "multistate_ebmt4.json").read_text())["rmean"]
    code, out, _ = run([fixtures_dir / "multistate_ebmt4_long.csv", *EBMT4_ARGS, "--initial", "transplant",
                        "--tau", "1825", "--out", tmp_path / "ms"], capsys)
    assert code == 0
    stay = pd.read_csv(tmp_path / "ms" / "multistate_tstop_time_in_state.csv").set_index("state")
    stay = stay.loc[reference["states"]]
    np.testing.assert_allclose(stay.rmean, reference["rmean"], **TOLERANCE["closed_form"])
    np.testing.assert_allclose(stay.se, reference["se"], **TOLERANCE["closed_form"])
    # The summary prints R's rmean at 4 significant digits, state by state.
    for state, rmean in zip(reference["states"], reference["rmean"], strict=True):
        assert re.search(rf"^{state}\s+2279\s+\d+\s+{rmean:.4g}\s", out, flags=re.MULTILINE), state
    assert "(max time = 1825)" in out


def test_one_row_per_patient_equals_cmprsk(fixtures_dir, tmp_path, capsys):
    """--time/--event with codes 0/1/2: Pr(state "1") is cmprsk's cumulative incidence of cause 1."""
    code, out, _ = run([fixtures_dir / "cmprsk_input_bmt_relapse.csv", "--time", "time", "--event", "status",
                        "--group", "group", "--times", "100,365,1000", "--out", tmp_path / "ms"], capsys)
    assert code == 0
    at = pd.read_csv(tmp_path / "ms" / "multistate_time_at.csv", dtype={"state": str})
    cuminc = pd.read_csv(fixtures_dir / "cmprsk_cuminc_bmt_relapse.csv")
    for (group, cause), curve in cuminc.groupby(["group", "cause"]):
        for day in (100, 365, 1000):
            expected = curve[curve.time <= day].estimate.iloc[-1]  # the step function at day
            got = at[(at.group == group) & (at.time == day) & (at.state == str(cause))].probability
            np.testing.assert_allclose(got, [expected], **TOLERANCE["closed_form"])
    assert "states: (s0), 1, 2" in out          # R's names: survfit(Surv(time, factor(status)))
    assert "R: survfit(Surv(time, factor(status)) ~ group)" in out


def test_endpoint_is_its_time_and_status(endpoint_table, tmp_path, capsys):
    """--endpoint relapse reads what --time relapse_day --event relapse_status reads; states are named."""
    code, out, _ = run([endpoint_table, "--endpoint", "relapse", "--out", tmp_path / "a"], capsys)
    assert code == 0
    assert "states: event-free, relapse, death without relapse" in out
    code, _, _ = run([endpoint_table, "--time", "relapse_day", "--event", "relapse_status", "--group", "arm",
                      "--times", "100,365,730", "--tau", "730", "--out", tmp_path / "b"], capsys)
    assert code == 0
    a = pd.read_csv(tmp_path / "a" / "multistate_relapse_at.csv")
    b = pd.read_csv(tmp_path / "b" / "multistate_relapse_day_at.csv")
    np.testing.assert_array_equal(a.probability.to_numpy(), b.probability.to_numpy())
    np.testing.assert_array_equal(a.se.to_numpy(), b.se.to_numpy())
    assert list(b.state.unique()) == ["(s0)", "1", "2"]


def test_out_folder_holds_the_tables_and_one_figure(endpoint_table, tmp_path, capsys):
    code, out, err = run([endpoint_table, "--out", tmp_path / "ms"], capsys)
    assert code == 0
    stem = "multistate_illness_death"
    expected = {f"{stem}_{name}.csv" for name in
                ("data", "probabilities", "at", "time_in_state", "transitions", "hazards")}
    expected |= {f"{stem}.svg", f"{stem}.png"}
    assert {p.name for p in (tmp_path / "ms").iterdir()} == expected
    svg = (tmp_path / "ms" / f"{stem}.svg").read_text()
    assert "<svg" in svg and "<text" not in svg          # text as paths, as the report's figures
    assert (tmp_path / "ms" / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The summary (stdout) leads with the model and the R call; messages go to stderr.
    assert out.startswith("Multi-state model (illness-death)")
    assert "arm=allo, transplant" in out and "arm=mst, death" in out
    assert "wrote" in err and "wrote" not in out


def test_csv_prints_the_probabilities(endpoint_table, tmp_path, capsys):
    code, out, _ = run([endpoint_table, "--times", "100,365", "--csv", "--out", tmp_path / "ms"], capsys)
    assert code == 0
    printed = pd.read_csv(pd.io.common.StringIO(out))
    written = pd.read_csv(tmp_path / "ms" / "multistate_illness_death_at.csv")
    pd.testing.assert_frame_equal(printed, written)


@pytest.mark.parametrize("arguments, message", [
    (["--time", "tstop", "--event", "state", "--start", "tstart"], "--start tstart: name the patient column with --id"),
    (["--endpoint", "relapse", "--time", "tstop", "--event", "state"], "give either --endpoint or --time/--event"),
    (["--time", "tstop"], "--time and --event go together"),
    (["--out", "results.csv"], "--out results.csv: expected a folder"),
    (["--model", "ebmt6", "--initial", "start"], "--initial: --model ebmt6 names its own states"),
])
def test_mistakes_are_one_line(fixtures_dir, arguments, message, capsys):
    code, _, err = run([fixtures_dir / "multistate_ebmt4_long.csv", *arguments], capsys)
    assert code == 1
    assert message in err


def test_bad_rows_name_the_file_row_and_the_patient(tmp_path, capsys):
    rows = pd.DataFrame({"pid": [7, 7, 8], "t0": [0, 10, 0], "t1": [12, 30, 20],
                         "to": ["relapse", "death", "death"]})
    rows.loc[1, "t0"] = 11          # starts before the patient's first row ends at 12 (file row 3)
    rows.to_csv(tmp_path / "long.csv", index=False)
    code, _, err = run([tmp_path / "long.csv", "--start", "t0", "--time", "t1", "--event", "to", "--id", "pid"],
                       capsys)
    assert code == 1
    assert "long.csv: row 3 (patient 7): interval (11, 30] overlaps the row before (12)" in err
    pd.DataFrame({"t": [5, 0], "s": [1, 1]}).to_csv(tmp_path / "wide.csv", index=False)
    code, _, err = run([tmp_path / "wide.csv", "--time", "t", "--event", "s"], capsys)
    assert code == 1
    assert "wide.csv row 3, column t: an event at time 0" in err
    pd.DataFrame({"t": [5, 8], "s": ["relapse", "(s0)"]}).to_csv(tmp_path / "named.csv", index=False)
    code, _, err = run([tmp_path / "named.csv", "--time", "t", "--event", "s"], capsys)
    assert code == 1
    assert "--initial (s0): also a value of the status column" in err


def test_covariates_fit_transition_specific_cox_models_equal_r(fixtures_dir, tmp_path, capsys):
    """--covariates with --reference: coxph(Surv(tstart, tstop, state) ~ year + agecl + proph + match,
    id = id) on ebmt4 (tests/reference/multistate_cox_ebmt4.R sets agecl's reference to <=20 and
    match's to "no gender mismatch"; alphabetical order would choose 20-40 and "gender mismatch")."""
    reference = json.loads((fixtures_dir / "multistate_cox_ebmt4.json").read_text())["efron"]
    code, out, _ = run([fixtures_dir / "multistate_ebmt4_long.csv", *EBMT4_ARGS, "--model", "ebmt6",
                        "--covariates", "year,agecl,proph,match", "--reference", "agecl=<=20",
                        "--reference", "match=no gender mismatch", "--times", "365", "--out", tmp_path / "ms"],
                       capsys)
    assert code == 0
    got = pd.read_csv(tmp_path / "ms" / "multistate_tstop_coefficients.csv")
    states = reference["states"]
    for k, pair in enumerate(reference["transitions"]):
        a, b = (states[int(i) - 1] for i in pair.split(":"))
        part = got[(got.from_state == a) & (got.to_state == b)].set_index("term").loc[reference["terms"]]
        np.testing.assert_allclose(part.coef, reference["coef"][k], **TOLERANCE["same_iterations"])
        np.testing.assert_allclose(part.se, reference["se"][k], **TOLERANCE["robust_variance"])
        np.testing.assert_allclose(part.naive_se, reference["naive_se"][k], **TOLERANCE["same_iterations"])
    tests = pd.read_csv(tmp_path / "ms" / "multistate_tstop_tests.csv").set_index("test").statistic
    np.testing.assert_allclose(tests["Wald"], reference["wald"][0], **TOLERANCE["robust_variance"])
    np.testing.assert_allclose(tests["score (log-rank)"], reference["score"][0], **TOLERANCE["same_iterations"])
    np.testing.assert_allclose(tests["likelihood ratio"], 2 * np.diff(reference["loglik"])[0],
                               **TOLERANCE["same_iterations"])
    levels = pd.read_csv(tmp_path / "ms" / "multistate_tstop_reference_levels.csv")
    assert dict(zip(levels.covariate, levels.reference_level, strict=True)) == {
        "year": "1985-1989", "agecl": "<=20", "proph": "no", "match": "no gender mismatch"}
    assert "Reference levels: year = 1985-1989, agecl = <=20, proph = no, match = no gender mismatch" in out
    assert "transition 1: transplant -> platelet_recovery" in out


def test_numeric_codes_as_covariates_warn_or_become_categories(fixtures_dir, capsys):
    """A 1/2/3 column without -c gets the shared warning; with -c and --reference it is a factor."""
    table = fixtures_dir / "cmprsk_input_bmt_relapse.csv"
    code, out, err = run([table, "--time", "time", "--event", "status", "--covariates", "group"], capsys)
    assert code == 0
    assert "warning: covariate 'group' is numeric with 3 distinct values (1, 2, 3)" in err
    assert re.search(r"^group\s", out, flags=re.MULTILINE)           # one linear term
    code, out, _ = run([table, "--time", "time", "--event", "status", "--covariates", "group", "-c", "group",
                        "--reference", "group=2"], capsys)
    assert code == 0
    assert "Reference levels: group = 2" in out
    assert re.search(r"^group1\s", out, flags=re.MULTILINE) and re.search(r"^group3\s", out, flags=re.MULTILINE)


def test_nothing_to_estimate_is_said(tmp_path, capsys):
    pd.DataFrame({"t": [5, 8, 9], "s": [0, 0, 0]}).to_csv(tmp_path / "censored.csv", index=False)
    code, _, err = run([tmp_path / "censored.csv", "--time", "t", "--event", "s"], capsys)
    assert code == 1
    assert "censored.csv: no patient enters a state (every s is censored or 0)" in err

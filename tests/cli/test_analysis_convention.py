"""The statistics commands' shared command line (km, cox, cuminc, fine-gray).

Input: ``--endpoint NAME`` or ``--time/--event``; covariates with
``--covariates``, ``-c`` and ``--reference``; output: an R-like summary on
stdout, ``--csv``, and ``--out DIR`` with CSV tables and a figure.

Numbers: the categorical models with a chosen reference level are compared
with R (tests/reference/cli_reference_levels.R: survival::coxph and
cmprsk::crr with relevel() on KMsurv::bmt); the rest compares the written
tables with the library functions, whose values other tests check against R.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tolerances import TOLERANCE

from graftline.cli import main
from graftline.stats import cumulative_incidence, kaplan_meier

FIXTURES = Path(__file__).resolve().parents[1] / "reference" / "fixtures"


def _run(args) -> int:
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    return stop.value.code


@pytest.fixture(scope="module")
def bmt() -> pd.DataFrame:
    """KMsurv::bmt with relapse (1) / death in remission (2) as one status column."""
    frame = pd.read_csv(FIXTURES / "survival_bmt.csv")
    frame["status"] = np.where(frame.d2 == 1, 1, np.where(frame.d1 == 1, 2, 0))
    frame["disease"] = np.array(["ALL", "AML-low", "AML-high"])[frame.group - 1]
    return frame


@pytest.fixture()
def plain_csv(tmp_path, bmt) -> Path:
    path = tmp_path / "bmt.csv"
    bmt.to_csv(path, index=False)
    return path


@pytest.fixture()
def endpoint_csv(tmp_path, bmt) -> Path:
    """The same patients as an endpoint table: relapse (competing death) and dfs."""
    table = pd.DataFrame({
        "patient_id": np.arange(1, len(bmt) + 1), "group": bmt.group, "z1": bmt.z1, "disease": bmt.disease,
        "relapse_day": bmt.t2, "relapse_status": bmt.status, "dfs_day": bmt.t2, "dfs_status": bmt.d3})
    path = tmp_path / "endpoints.csv"
    table.to_csv(path, index=False)
    return path


def _r(model: str) -> pd.DataFrame:
    frame = pd.read_csv(FIXTURES / "cli_reference_levels.csv")
    return frame[frame.model == model].reset_index(drop=True)


def _compare(written: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert written.term.tolist() == expected.term.tolist()
    for column in ("coef", "se", "hr", "lower", "upper"):
        np.testing.assert_allclose(written[column], expected[column], **TOLERANCE["iterative"])
    np.testing.assert_allclose(written.p_value, expected.p_value, rtol=1e-5)


def test_cox_with_a_chosen_reference_level_equals_r(plain_csv, tmp_path, capsys):
    # R: coxph(Surv(t2, d3) ~ relevel(factor(group), ref = "2") + z1, ties = "efron")
    out = tmp_path / "cox"
    assert _run(["cox", plain_csv, "--time", "t2", "--event", "d3", "--covariates", "group,z1", "-c", "group",
                 "--reference", "group=2", "--out", out]) == 0
    _compare(pd.read_csv(out / "cox_t2_coefficients.csv"), _r("cox_group_ref2"))
    assert pd.read_csv(out / "cox_t2_reference_levels.csv").to_dict("records") == [
        {"covariate": "group", "reference_level": 2}]
    stdout = capsys.readouterr().out
    assert "Reference levels: group = 2" in stdout
    assert "n = 137, events = 83" in stdout
    assert "exp(coef)" in stdout and "lower .95" in stdout


def test_cox_text_covariate_reference_and_the_old_x_option(plain_csv, capsys):
    # R: coxph(Surv(t2, d3) ~ relevel(disease, ref = "AML-low") + z1): text columns need no -c.
    assert _run(["cox", plain_csv, "--time", "t2", "--event", "d3", "-x", "disease", "-x", "z1",
                 "--reference", "disease=AML-low", "--csv"]) == 0
    written = pd.read_csv(io.StringIO(capsys.readouterr().out))
    _compare(written, _r("cox_disease_ref_aml_low"))


def test_fine_gray_categorical_with_reference_equals_r(plain_csv, endpoint_csv, tmp_path, capsys):
    # R: crr(t2, status, model.matrix(~ relevel(factor(group), ref = "3") + z1)[, -1])
    expected = _r("fine_gray_group_ref3")
    for source, outcome in ((plain_csv, ["--time", "t2", "--event", "status"]),
                            (endpoint_csv, ["--endpoint", "relapse"])):
        out = tmp_path / source.stem
        assert _run(["fine-gray", source, *outcome, "--covariates", "group,z1", "-c", "group",
                     "--reference", "group=3", "--out", out]) == 0
        stem = "t2" if source == plain_csv else "relapse"
        _compare(pd.read_csv(out / f"fine_gray_{stem}_coefficients.csv"), expected)
        stdout = capsys.readouterr().out
        assert "Reference levels: group = 3" in stdout
        assert "events = 42, competing events = 41" in stdout


def test_numeric_codes_without_c_are_fitted_as_numbers_with_a_warning(plain_csv, tmp_path, capsys):
    # The model R fits for `~ group + z1` with group numeric (the silent mistake), now said.
    out = tmp_path / "fg"
    assert _run(["fine-gray", plain_csv, "--time", "t2", "--event", "status", "--covariates", "group,z1",
                 "--out", out]) == 0
    _compare(pd.read_csv(out / "fine_gray_t2_coefficients.csv"), _r("fine_gray_group_numeric"))
    err = " ".join(capsys.readouterr().err.split())
    assert "covariate 'group' is numeric with 3 distinct values (1, 2, 3)" in err
    assert "add -c group" in err
    assert "'z1'" not in err  # age has many values: no warning


@pytest.mark.parametrize("command", ["km", "cuminc"])
def test_curve_commands_take_both_input_forms_and_write_the_same_numbers(command, plain_csv, endpoint_csv,
                                                                        tmp_path, capsys, bmt):
    plain = ["--time", "t2", "--event", "d3" if command == "km" else "status"]
    endpoint = ["--endpoint", "dfs" if command == "km" else "relapse"]
    folders = {}
    for source, outcome in ((plain_csv, plain), (endpoint_csv, endpoint)):
        out = tmp_path / f"{command}_{source.stem}"
        assert _run([command, source, *outcome, "--group", "group", "--out", out]) == 0
        folders[source.stem] = out
    capsys.readouterr()
    plain_out, endpoint_out = folders["bmt"], folders["endpoints"]
    if command == "km":
        files = ["km_t2_summary.csv", "km_t2_curves.csv", "km_t2_logrank.csv", "km_t2_at_risk.csv",
                 "km_t2.svg", "km_t2.png"]
        assert sorted(p.name for p in plain_out.iterdir()) == sorted(files)
        a, b = pd.read_csv(plain_out / "km_t2_curves.csv"), pd.read_csv(endpoint_out / "km_dfs_curves.csv")
        expected = kaplan_meier(bmt.t2, bmt.d3, bmt.group).to_frame()
        np.testing.assert_allclose(a.survival, expected.survival, rtol=1e-12)
        summary = pd.read_csv(plain_out / "km_t2_summary.csv")
        assert summary[["group", "n", "events"]].values.tolist() == [[1, 38, 24], [2, 54, 25], [3, 45, 34]]
        svg = (plain_out / "km_t2.svg").read_text()
    else:
        files = ["cuminc_t2_summary.csv", "cuminc_t2_at.csv", "cuminc_t2_curves.csv", "cuminc_t2_gray.csv",
                 "cuminc_t2.svg", "cuminc_t2.png"]
        assert sorted(p.name for p in plain_out.iterdir()) == sorted(files)
        a, b = pd.read_csv(plain_out / "cuminc_t2_at.csv"), pd.read_csv(endpoint_out / "cuminc_relapse_at.csv")
        expected = cumulative_incidence(bmt.t2, bmt.status, bmt.group).at([30.0, 100.0, 365.0])
        np.testing.assert_allclose(a.estimate, expected.estimate, rtol=1e-12)
        svg = (plain_out / "cuminc_t2.svg").read_text()
    pd.testing.assert_frame_equal(a, b)
    # The figure is the report's: an SVG with text as paths and a PNG at 300 dpi.
    assert svg.startswith("<?xml") and "<path" in svg
    assert (plain_out / files[-1]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_km_summary_reads_like_print_survfit(plain_csv, capsys):
    # R: survfit(Surv(t2, d3) ~ group, data = bmt): n, events, median, 0.95LCL, 0.95UCL;
    # group 1 median 418 (194, NA); survdiff chisq 13.8 on 2 df.
    assert _run(["km", plain_csv, "--time", "t2", "--event", "d3", "--group", "group"]) == 0
    out = capsys.readouterr().out
    lines = [line.split() for line in out.splitlines()]
    assert ["n", "events", "median", "0.95LCL", "0.95UCL"] in lines
    assert ["group=1", "38", "24", "418", "194", "NR"] in lines
    assert "NR: not reached" in out
    assert "Log-rank test (survdiff): chi-square = 13.8037 on 2 df" in out


def test_cuminc_summary_names_counts_medians_and_the_test(plain_csv, capsys):
    assert _run(["cuminc", plain_csv, "--time", "t2", "--event", "status", "--group", "disease",
                 "--times", "365"]) == 0
    out = capsys.readouterr().out
    assert "137 patients, 42 events, 41 competing events, 54 censored" in out
    assert ["disease=AML-high", "45", "21", "13", "11", "NR", "390", "NR"] in [ln.split() for ln in out.splitlines()]
    assert "Gray's test, cause 1: chi-square = " in out


@pytest.mark.parametrize(("args", "message"), [
    (["km", "--endpoint", "relapse"],
     "relapse has 41 competing event(s) (status 2), which `graftline km` would have to treat as censoring"),
    # The first patient who died in remission is data row 15: spreadsheet row 16 (header = row 1).
    (["km", "--time", "t2", "--event", "status"],
     "row 16, column status: 2 (41 such rows); a 2 (competing event) needs `graftline cuminc --time t2 --event status`"),
    (["cox", "--endpoint", "relapse", "--covariates", "z1"], "use `graftline cuminc --endpoint relapse`"),
    (["cuminc", "--endpoint", "relapse", "--time", "t2"], "give either --endpoint or --time/--event, not both"),
    (["fine-gray", "--endpoint", "relapse", "--covariates", "z1", "-c", "group"],
     "-c group: not among the covariates (z1); add it to --covariates"),
    (["fine-gray", "--endpoint", "relapse", "--covariates", "group,z1", "-c", "group", "--reference", "group=7"],
     "--reference group=7: group has no level '7'; its levels are 1, 2, 3"),
    (["cox", "--endpoint", "dfs", "--covariates", "z1", "--reference", "z1=30"],
     "--reference z1=30: z1 is numeric; add -c z1"),
    (["cox", "--endpoint", "dfs", "--covariates", "group", "--reference", "group"], "expected COLUMN=LEVEL"),
    (["fine-gray", "--endpoint", "relapse", "--covariates", "z1", "--out", "fg.csv"],
     "--out fg.csv: expected a folder"),
    (["cox", "--endpoint", "dfs"], "cox: no covariates; give --covariates a,b"),
])
def test_mistakes_are_one_clear_line(endpoint_csv, tmp_path, capsys, args, message, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = endpoint_csv
    if "--time" in args and "--endpoint" not in args:
        source = tmp_path / "plain.csv"
        frame = pd.read_csv(FIXTURES / "survival_bmt.csv")
        frame["status"] = np.where(frame.d2 == 1, 1, np.where(frame.d1 == 1, 2, 0))
        frame.to_csv(source, index=False)
    assert _run([args[0], source, *args[1:]]) == 1
    assert message in " ".join(capsys.readouterr().err.split())
    assert not (tmp_path / "fg.csv").exists()


def test_missing_group_values_are_left_out_and_said(tmp_path, bmt, capsys):
    path = tmp_path / "gaps.csv"
    bmt.assign(group=bmt.group.astype(float).where(bmt.index % 10 != 0)).to_csv(path, index=False)
    assert _run(["km", path, "--time", "t2", "--event", "d3", "--group", "group", "--csv"]) == 0
    captured = capsys.readouterr()
    assert "14 row(s) with a missing group left out" in " ".join(captured.err.split())
    summary = pd.read_csv(io.StringIO(captured.out))
    assert summary.n.sum() == 137 - 14
    assert summary.group.tolist() == [1, 2, 3]  # codes shown as written, not 1.0


def test_cox_reads_an_endpoint_as_it_reads_time_and_event(plain_csv, endpoint_csv, tmp_path, capsys):
    # dfs_day/dfs_status of the endpoint table are t2/d3 of the plain table: the same model.
    for source, outcome in ((plain_csv, ["--time", "t2", "--event", "d3"]), (endpoint_csv, ["--endpoint", "dfs"])):
        assert _run(["cox", source, *outcome, "--covariates", "disease,z1", "--reference", "disease=AML-low",
                     "--out", tmp_path / source.stem]) == 0
    capsys.readouterr()
    a = pd.read_csv(tmp_path / "bmt" / "cox_t2_coefficients.csv")
    b = pd.read_csv(tmp_path / "endpoints" / "cox_dfs_coefficients.csv")
    pd.testing.assert_frame_equal(a, b)
    _compare(b, _r("cox_disease_ref_aml_low"))
    tests = pd.read_csv(tmp_path / "endpoints" / "cox_dfs_tests.csv")
    assert tests.test.tolist() == ["likelihood ratio", "Wald", "score (log-rank)"]

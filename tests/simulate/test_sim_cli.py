"""The simulate / predict / power commands, end to end in-process."""

from __future__ import annotations

import pytest

from graftline.cli import main


@pytest.fixture(autouse=True)
def wide_console(monkeypatch):
    # Wide enough that Rich never shortens a table cell, whatever COLUMNS says.
    from graftline.cli.app import console

    monkeypatch.setattr(console, "width", 200)


def _run(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return exit_info.value.code, captured.out + captured.err


def test_simulate_writes_every_table(tmp_path, capsys):
    code, output = _run(["simulate", "--arm", "mst", "--arm", "chemo", "--n", "12", "--seed", "7",
                         "--out", str(tmp_path / "cohort")], capsys)
    assert code == 0, output
    assert sorted(p.name for p in (tmp_path / "cohort").iterdir())[:2] == ["adverse_events.csv", "chimerism.csv"]
    assert len(list((tmp_path / "cohort").glob("*.csv"))) == 10


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["simulate", "--arm", "mst", "--arm", "allo_heart", "--n", "5", "--seed", "1", "--out", "x"], "unknown arm 'allo_heart'"),
        (["simulate", "--arm", "mst", "--n", "0", "--seed", "1", "--out", "x"], "must be a positive integer, got 0"),
        (["predict", "--modality", "mst", "--graft-source", "cord", "--cd34-per-kg", "2e5"], "microtransplantation uses G-CSF"),
        (["predict", "--modality", "allo_hsct", "--graft-source", "pbsc", "--cd34-per-kg", "-4e6"], "cd34_per_kg must be >= 0"),
        (["predict", "--modality", "allo_hsct", "--cd34-per-kg", "4e6"], "--graft-source is required"),
        (["simulate", "--arm", "allo_pbsc", "--n", "5", "--seed", "1", "--out", "x", "--regimen", "7+3"],
         "apply to chemo and MST arms; none was given"),
        (["predict", "--modality", "chemo", "--regimen", "cytarabine 100 mg d1-7"], "cannot read 'cytarabine 100 mg d1-7'"),
        (["predict", "--modality", "mst", "--cd34-per-kg", "1e6", "--regimen", "flag"], "unknown regimen 'flag'"),
        (["power", "--arm", "chemo", "--arm", "mst", "--n", "5", "--trials", "2", "--cycles", "0"],
         "cycles must be a positive integer, got 0"),
    ],
)
def test_user_mistakes_are_one_clear_line(argv, message, capsys):
    code, output = _run(argv, capsys)
    assert code == 1
    assert message in " ".join(output.split())
    assert "Traceback" not in output


def test_predict_prints_the_interval_and_writes_the_plot(tmp_path, capsys):
    code, output = _run(["predict", "--modality", "allo_hsct", "--graft-source", "pbsc", "--cd34-per-kg", "4e6",
                         "--msc", "--replicates", "200", "--plot", str(tmp_path / "p.png")], capsys)
    assert code == 0, output
    assert "neutrophil_engraftment" in output and "80 % interval (patient)" in output
    assert "95 % interval (median)" in output and "over the calibration's posterior" in output
    assert (tmp_path / "p.png").stat().st_size > 1000


def test_predict_with_a_regimen_cycles_and_gcsf_prints_what_predict_engraftment_gives(capsys):
    argv = ["predict", "--modality", "mst", "--cd34-per-kg", "1.5e6", "--regimen", "7+3", "--gcsf",
            "--replicates", "100", "--seed", "3", "--fixed-parameters"]
    code, output = _run(argv, capsys)
    assert code == 0, output
    assert "point values" in output and "95 % interval (median)" not in output
    from graftline.simulate import custom_arm
    from graftline.simulate.predict import predict_engraftment

    plan = custom_arm(modality="mst", graft_source="pbsc", cd34_per_kg=1.5e6, regimen="7+3", gcsf=True)
    frame = predict_engraftment(plan, replicates=100, seed=3, parameter_uncertainty=False).to_frame()
    for row in frame.itertuples():
        assert f"{row.lower:.0f}-{row.upper:.0f}" in output


def test_simulate_applies_the_regimen_to_chemo_and_mst_arms_only(tmp_path, capsys):
    import pandas as pd

    code, output = _run(["simulate", "--arm", "chemo", "--arm", "mst", "--arm", "allo_pbsc", "--n", "4", "--seed", "2",
                         "--out", str(tmp_path / "c"), "--regimen", "7+3", "--cycles", "2", "--gcsf"], capsys)
    assert code == 0, output
    labels = pd.read_csv(tmp_path / "c" / "treatments.csv").groupby("arm")["conditioning"].first()
    assert labels["chemo"] == labels["mst"] == "7+3 + 1 x idac + G-CSF"
    assert labels["allo_pbsc"] == "mac"


def test_power_reports_intervals(capsys):
    code, output = _run(["power", "--arm", "chemo", "--arm", "mst", "--endpoint", "os", "--n", "10",
                         "--trials", "10"], capsys)
    assert code == 0, output
    assert "Clopper-Pearson" in output and "Wilson" in output
    # The printed row is trial_power's result with the command's default seed 0
    # (its numbers are checked in test_sim_power.py).
    from graftline.simulate.power import trial_power

    row = trial_power(["chemo", "mst"], "os", [10], trials=10, seed=0).to_frame().iloc[0]
    for shown in (f"{row.power:.3f}", f"{row.wilson_low:.3f}-{row.wilson_high:.3f}",
                  f"{row.clopper_pearson_low:.3f}-{row.clopper_pearson_high:.3f}"):
        assert shown in output, shown

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
    assert "neutrophil_engraftment" in output and "80 % interval" in output
    assert (tmp_path / "p.png").stat().st_size > 1000


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

"""`graftline km` and `graftline cox` on KMsurv::bmt: the printed tables are
the library's (whose values test_kaplan_meier/test_cox check against R)."""

from __future__ import annotations

import pandas as pd
import pytest

from graftline.cli import main
from graftline.stats import cox_ph, kaplan_meier


@pytest.fixture()
def bmt_csv(tmp_path, bmt):
    path = tmp_path / "bmt.csv"
    bmt.to_csv(path, index=False)  # disease group as the codes 1, 2, 3
    return path


def _run(args: list[str]) -> int:
    """Run the CLI as the `graftline` entry point does and return its exit status."""
    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code


def test_km_prints_medians_and_logrank(bmt_csv, bmt, survival_fixtures, capsys):
    assert _run(["km", str(bmt_csv), "--time", "t2", "--event", "d3", "--group", "group"]) == 0
    out, err = capsys.readouterr()
    assert out == kaplan_meier(bmt.t2, bmt.d3, bmt.group.astype(str)).median().to_csv(index=False)
    # R: survdiff(Surv(t2, d3) ~ group, data = bmt) -> 13.803721887 on 2 df (the fixture's bmt_dfs_rho0).
    r = pd.read_csv(survival_fixtures / "survival_km_logrank.csv").query("key == 'bmt_dfs_rho0'").iloc[0]
    assert f"log-rank: chi-square {r.statistic:.4f} on {r.df} df" in err
    assert "log-rank: chi-square 13.8037 on 2 df" in err


def test_cox_prints_terms(bmt_csv, bmt, capsys):
    assert _run(["cox", str(bmt_csv), "--time", "t2", "--event", "d3", "-x", "group", "-x", "z1",
                 "-c", "group"]) == 0
    out, err = capsys.readouterr()
    expected = cox_ph(bmt.t2, bmt.d3, bmt.assign(group=bmt.group.astype(str))[["group", "z1"]])
    assert out == expected.to_frame().to_csv(index=False)
    assert "converged: True" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [(["km", "--time", "days"], "bmt.csv: no column ['days', 'event']"),
     (["km", "--time", "t2", "--event", "group"], "bmt.csv: event[38] = 2"),
     (["cox", "-x", "z1", "-x", "z1_copy", "--time", "t2", "--event", "d3"],
      "'z1_copy' is a linear combination of ['z1']")],
)
def test_user_mistakes_exit_1_with_a_message(tmp_path, bmt, capsys, args, message):
    path = tmp_path / "bmt.csv"
    bmt.assign(z1_copy=bmt.z1).to_csv(path, index=False)
    assert _run([args[0], str(path), *args[1:]]) == 1
    assert message in capsys.readouterr().err.replace("\n", "")

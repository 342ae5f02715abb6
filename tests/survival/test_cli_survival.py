"""`graftline km` and `graftline cox` on KMsurv::bmt: the printed tables are
the library's (whose values test_kaplan_meier/test_cox check against R)."""

from __future__ import annotations

import io

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
    assert _run(["km", str(bmt_csv), "--time", "t2", "--event", "d3", "--group", "group", "--csv"]) == 0
    out, err = capsys.readouterr()
    medians = kaplan_meier(bmt.t2, bmt.d3, bmt.group.astype(str)).median()
    written = pd.read_csv(io.StringIO(out))
    assert written.columns.tolist() == ["group", "n", "events", "median", "lower", "upper"]
    pd.testing.assert_frame_equal(written[["median", "lower", "upper"]], medians[["median", "lower", "upper"]])
    assert _run(["km", str(bmt_csv), "--time", "t2", "--event", "d3", "--group", "group"]) == 0
    out = capsys.readouterr().out
    # R: survdiff(Surv(t2, d3) ~ group, data = bmt) -> 13.803721887 on 2 df (the fixture's bmt_dfs_rho0).
    r = pd.read_csv(survival_fixtures / "survival_km_logrank.csv").query("key == 'bmt_dfs_rho0'").iloc[0]
    assert f"chi-square = {r.statistic:.4f} on {r.df} df" in out
    assert "Log-rank test (survdiff): chi-square = 13.8037 on 2 df" in out


def test_cox_prints_terms(bmt_csv, bmt, capsys):
    assert _run(["cox", str(bmt_csv), "--time", "t2", "--event", "d3", "-x", "group", "-x", "z1",
                 "-c", "group", "--csv"]) == 0
    out, err = capsys.readouterr()
    expected = cox_ph(bmt.t2, bmt.d3, bmt.assign(group=bmt.group.astype(str))[["group", "z1"]])
    assert out == expected.to_frame().to_csv(index=False)
    assert "did not converge" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [(["km", "--time", "days"], "bmt.csv: no column ['days', 'event']"),
     # bmt.group codes 1/2/3: the first 2 is data row 39, spreadsheet row 40 (header = row 1).
     (["km", "--time", "t2", "--event", "group"], "bmt.csv row 40, column group: 2 (99 such rows)"),
     (["cox", "-x", "z1", "-x", "z1_copy", "--time", "t2", "--event", "d3"],
      "'z1_copy' is a linear combination of ['z1']")],
)
def test_user_mistakes_exit_1_with_a_message(tmp_path, bmt, capsys, args, message):
    path = tmp_path / "bmt.csv"
    bmt.assign(z1_copy=bmt.z1).to_csv(path, index=False)
    assert _run([args[0], str(path), *args[1:]]) == 1
    assert message in capsys.readouterr().err.replace("\n", "")

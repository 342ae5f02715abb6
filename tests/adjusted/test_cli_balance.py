"""`graftline balance` on KMsurv::bmt (MTX vs none): the printed table is the
library's, whose values test_propensity_reference checks against R."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from graftline.cli import main
from graftline.stats import balance_table, match_nearest, propensity_weights


@pytest.fixture()
def bmt_csv(tmp_path, fixtures):
    bmt = pd.read_csv(fixtures / "survival_bmt.csv")
    path = tmp_path / "bmt.csv"
    bmt.to_csv(path, index=False)
    return path, bmt


def _run(args):
    with pytest.raises(SystemExit) as stop:
        main(args)
    return stop.value.code


def test_balance_iptw_prints_the_library_table(bmt_csv, tmp_path, capsys):
    path, bmt = bmt_csv
    plot = tmp_path / "love.png"
    assert _run(["balance", str(path), "--treatment", "z10", "--adjust", "group,z1,z7", "-c", "group",
                 "--estimand", "ATO", "--love-plot", str(plot)]) == 0
    out, err = capsys.readouterr()
    covariates = bmt[["group", "z1", "z7"]].assign(group=bmt.group.astype(str))
    expected = balance_table(bmt.z10, covariates, propensity_weights(bmt.z10, covariates, estimand="ATO"))
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(out)), pd.read_csv(io.StringIO(expected.to_frame().to_csv(index=False))))
    assert "IPTW (ATO)" in err and "all below 0.1" in err  # overlap weights balance exactly
    assert plot.stat().st_size > 1000


def test_balance_matching_reports_matched_treated(bmt_csv, capsys):
    path, bmt = bmt_csv
    assert _run(["balance", str(path), "--treatment", "z10", "--adjust", "z1,z2,z7", "--method", "match",
                 "--caliper", "0.1"]) == 0
    _, err = capsys.readouterr()
    result = match_nearest(bmt.z10, bmt[["z1", "z2", "z7"]], caliper=0.1)
    assert f"{result.n_matched_treated} of 40 treated matched" in err


@pytest.mark.parametrize(("args", "message"), [
    (["--treatment", "arm", "--adjust", "z1"], "no column ['arm']"),
    (["--treatment", "group", "--adjust", "z1"], "exactly two arms"),
    (["--treatment", "z10", "--adjust", "z1", "--method", "ipw"], "--method 'ipw'"),
])
def test_balance_errors_are_one_line(bmt_csv, capsys, args, message):
    path, _ = bmt_csv
    assert _run(["balance", str(path), *args]) == 1
    assert message in capsys.readouterr().err

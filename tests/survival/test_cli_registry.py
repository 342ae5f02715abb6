"""`graftline cox --start/--cluster/--weights`, `rmst`, `time-dependent`, `landmark` and
`fine-gray --cluster/--weights/--cengroup`: the printed tables are the library's
(whose values the other tests check against R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from graftline.cli import main
from graftline.cli._analysis_output import number as shown_number
from graftline.stats import cox_ph, fine_gray, landmark, rmst, time_dependent


def _run(args: list[str]) -> int:
    with pytest.raises(SystemExit) as stop:
        main([str(a) for a in args])
    return stop.value.code


@pytest.fixture()
def endpoints(tmp_path, bmt):
    """KMsurv bmt as an endpoint table (see test_time_varying)."""
    relapse = np.where(bmt.d2 == 1, 1, np.where(bmt.d1 == 1, 2, 0))
    frame = pd.DataFrame({
        "patient_id": np.arange(1, len(bmt) + 1), "arm": bmt.group.map({1: "ALL", 2: "AML-low", 3: "AML-high"}),
        "hospital": bmt.z9, "os_day": bmt.t1, "os_status": bmt.d1, "relapse_day": bmt.t2,
        "relapse_status": relapse, "agvhd_2_4_day": bmt.ta, "agvhd_2_4_status": bmt.da,
    })
    path = tmp_path / "endpoints.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_time_dependent_then_clustered_weighted_cox(tmp_path, endpoints, capsys):
    path, frame = endpoints
    rows_path = tmp_path / "rows.csv"
    assert _run(["time-dependent", path, "--outcome", "relapse", "-x", "agvhd=agvhd_2_4",
                 "--fixed", "arm", "--fixed", "hospital", "--out", rows_path]) == 0
    rows = pd.read_csv(rows_path)
    expected = time_dependent(frame, outcome="relapse", covariates={"agvhd": "agvhd_2_4"}, fixed=["arm", "hospital"])
    pd.testing.assert_frame_equal(rows, expected, check_dtype=False)
    assert f"{len(rows)} rows for {len(frame)} patients" in capsys.readouterr().err
    rows.assign(w=1 + rows.patient_id % 3 / 2).to_csv(rows_path, index=False)
    assert _run(["cox", rows_path, "--time", "tstop", "--event", "event", "-x", "agvhd", "-x", "arm",
                 "--start", "tstart", "--cluster", "hospital", "--weights", "w", "--id", "patient_id", "--csv"]) == 0
    out, err = capsys.readouterr()
    fit = cox_ph(rows.tstop, rows.event, rows[["agvhd", "arm"]], start=rows.tstart, cluster=rows.hospital,
                 weights=1 + rows.patient_id % 3 / 2, id=rows.patient_id)
    assert out == fit.to_frame().to_csv(index=False)
    # The summary (stdout without --csv) says the variance is robust, as summary(coxph) does.
    assert _run(["cox", rows_path, "--time", "tstop", "--event", "event", "-x", "agvhd", "-x", "arm",
                 "--start", "tstart", "--cluster", "hospital", "--weights", "w", "--id", "patient_id"]) == 0
    out = capsys.readouterr().out
    assert "Robust variance over 4 clusters" in out and "intervals (tstart, tstop]" in out


def test_rmst_and_contrasts(tmp_path, bmt, capsys):
    path = tmp_path / "bmt.csv"
    bmt.to_csv(path, index=False)
    assert _run(["rmst", path, "--time", "t2", "--event", "d3", "--tau", "1000", "--group", "group", "--csv"]) == 0
    result = rmst(bmt.t2, bmt.d3, 1000, bmt.group)
    assert capsys.readouterr().out == result.to_frame().to_csv(index=False)
    assert _run(["rmst", path, "--time", "t2", "--event", "d3", "--tau", "1000", "--group", "group",
                 "--contrasts", "--csv"]) == 0
    assert capsys.readouterr().out == result.contrasts().to_csv(index=False)
    assert _run(["rmst", path, "--time", "t2", "--event", "d3", "--tau", "1000", "--group", "group",
                 "--contrasts", "--out", tmp_path / "rmst"]) == 0
    summary = capsys.readouterr().out
    assert "Restricted mean survival time of t2 (event: d3) up to 1000" in summary and "rmst_difference" in summary
    written = pd.read_csv(tmp_path / "rmst" / "rmst_t2_summary.csv")
    np.testing.assert_allclose(written.rmst, result.to_frame().rmst, rtol=1e-12)
    assert _run(["rmst", path, "--time", "t2", "--event", "d3", "--tau", "5000", "--group", "group",
                 "--contrasts"]) == 1
    assert "is beyond the last follow-up" in capsys.readouterr().err.replace("\n", "")


def test_landmark_prints_cox_per_landmark(endpoints, capsys):
    path, frame = endpoints
    assert _run(["landmark", path, "--outcome", "os", "--at", "90", "--at", "180", "-x", "agvhd=agvhd_2_4",
                 "--fixed", "arm", "--group", "agvhd"]) == 0
    out, err = capsys.readouterr()
    result = landmark(frame, at=[90, 180], outcome="os", covariates={"agvhd": "agvhd_2_4"}, fixed=["arm"],
                      group="agvhd")
    assert out == result.to_frame().to_csv(index=False)
    n90 = result.summary().n.iloc[0]
    assert f"landmark day 90: {n90} event-free patients" in err
    assert _run(["landmark", path, "--outcome", "os", "--at", "90", "-x", "agvhd", "--group", "agvhd"]) == 1
    assert "expected NAME=ENDPOINT" in capsys.readouterr().err


def test_fine_gray_cluster_and_cengroup(endpoints, capsys):
    path, frame = endpoints
    assert _run(["fine-gray", path, "--endpoint", "relapse", "--covariates", "arm", "--cluster", "hospital"]) == 0
    shown = capsys.readouterr().out  # the summary is the command's result: stdout
    fit = fine_gray(frame.relapse_day, frame.relapse_status, frame[["arm"]], cluster=frame.hospital)
    first = fit.to_frame().iloc[0]
    assert shown_number(first.hr) in shown and shown_number(first.lower) in shown and shown_number(first.upper) in shown
    assert _run(["fine-gray", path, "--endpoint", "relapse", "--covariates", "arm", "--cengroup", "hospital"]) == 0
    fit = fine_gray(frame.relapse_day, frame.relapse_status, frame[["arm"]], cengroup=frame.hospital)
    assert shown_number(fit.to_frame().iloc[0].lower) in capsys.readouterr().out

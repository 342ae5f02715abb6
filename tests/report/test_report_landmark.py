"""The report's landmark analysis (report/landmark_section.py) equals
graftline.stats.landmark called directly (whose numbers test_time_varying
checks against R), and says why when it cannot be estimated."""

from __future__ import annotations

import pandas as pd

from graftline.report.writer import ReportWriter
from graftline.stats import landmark


def test_landmark_table_equals_stats(simulated_trial):
    root, report, endpoints = simulated_trial
    table = pd.read_csv(root / "report" / "tables" / "landmark_analysis.csv")
    data = endpoints.dropna(subset=["os_day", "os_status"])
    arms = [a for a in ["chemo", "mst", "allo_pbsc_msc"] if a in set(data["arm"])]
    direct = landmark(data.assign(arm=pd.Categorical(data["arm"], categories=arms)), at=[100, 180],
                      outcome="os", covariates={"agvhd": "agvhd_2_4"}, fixed=["arm"], group="agvhd")
    expected = direct.to_frame()
    assert list(table.term) == list(expected.term)
    pd.testing.assert_series_equal(table.coef, expected.coef, check_exact=False, rtol=1e-12)
    html = (root / "report" / "index.html").read_text(encoding="utf-8")
    assert "Landmark analysis of overall survival by acute GVHD II-IV" in html


def test_missing_endpoints_are_a_stated_reason(tmp_path):
    from graftline.report.landmark_section import landmark_section
    from graftline.report.palette import make_palette

    writer = ReportWriter(tmp_path, make_palette(["a"]))
    section = landmark_section(writer, pd.DataFrame({"patient_id": ["P1"], "arm": ["a"]}), ["a"])
    assert "no overall survival or acute GVHD II-IV columns" in section.blocks[0].text
    assert writer.not_estimated[0]["endpoint"].startswith("Landmark analysis")

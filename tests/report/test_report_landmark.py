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


def _no_deaths_with_agvhd():
    """20 patients alive at day 180: 10 with aGVHD II-IV on day 30, none of whom dies; 5 of the 10
    without it die between days 200 and 300. The aGVHD hazard ratio is 0 (its log runs to -infinity)."""
    rows = []
    for k in range(20):
        agvhd = k < 10
        dies = not agvhd and k < 15
        rows.append({"patient_id": f"P{k}", "arm": "a",
                     "os_day": 200.0 + 20 * (k - 10) if dies else 400.0, "os_status": int(dies),
                     "agvhd_2_4_day": 30.0 if agvhd else 400.0, "agvhd_2_4_status": int(agvhd)})
    return pd.DataFrame(rows)


def test_stats_landmark_notes_a_monotone_likelihood_per_day():
    import pytest

    from graftline.stats import ConvergenceWarning

    with pytest.warns(ConvergenceWarning, match="monotone likelihood"):
        result = landmark(_no_deaths_with_agvhd(), at=[100, 180], outcome="os", covariates={"agvhd": "agvhd_2_4"})
    for analysis in result.analyses:
        assert any(note.startswith(f"day {analysis.day}: ") and "['agvhd']" in note for note in analysis.notes)


def test_report_names_the_monotone_likelihood_and_shows_no_infinite_hazard_ratio(tmp_path):
    import warnings

    from graftline.report.landmark_section import landmark_section
    from graftline.report.palette import make_palette

    writer = ReportWriter(tmp_path, make_palette(["a"]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")        # nothing reaches the user's terminal
        landmark_section(writer, _no_deaths_with_agvhd(), ["a"])
    reasons = [r["reason"] for r in writer.not_estimated]
    assert len(reasons) == 2 and all("likelihood is monotone in aGVHD" in r for r in reasons)
    # The one term of each landmark's model is the infinite one: no coefficient table at all.
    assert "landmark_analysis" not in writer.frames

"""This cohort against the literature, and what the report says about its data.

Numbers: the pooled estimates, prediction intervals and the cohort's Wilson
interval are compared with R (tests/reference/report_literature.R: metafor
``rma`` + ``predict``, ``prop.test(correct = FALSE)``). The report built once
here also carries the wording checks of #20: a simulated-data banner, count
recovery for arms without a graft, reference levels, NR.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from synthetic import endpoint_frame
from tolerances import TOLERANCE

from graftline.errors import InputError
from graftline.meta.sheet import read_extraction_sheet
from graftline.report import build_report
from graftline.report.literature import (
    cohort_mean_days,
    cohort_proportion,
    compare_with_literature,
    sheet_provenance,
)
from graftline.report.writer import time_ci

ROOT = Path(__file__).resolve().parents[2]
SOURCED = ROOT / "examples" / "meta" / "msc_cotransplantation_sourced.csv"
ILLUSTRATIVE = ROOT / "examples" / "meta" / "msc_engraftment_illustrative.csv"
FIXTURE = ROOT / "tests" / "reference" / "fixtures" / "report_literature.csv"


def _r(case: str) -> pd.Series:
    return pd.read_csv(FIXTURE).set_index("case").loc[case]


def _cohort(n_per_arm: int = 20) -> pd.DataFrame:
    """The synthetic three-arm table (chemo, mst, allo_msc with MSC) with the simulator's patient ids."""
    frame = endpoint_frame(n_per_arm, seed=4)
    frame["patient_id"] = [f"SIM{i + 1:06d}" for i in range(len(frame))]
    return frame


def test_pooled_proportions_and_their_prediction_intervals_equal_metafor():
    sheet = read_extraction_sheet(SOURCED)
    cohort = _cohort()
    msc = cohort[cohort.msc]
    comparisons, reasons = compare_with_literature(msc, sheet, cohort_label="allo_msc")
    found = {c.outcome.cohort: c for c in comparisons}
    assert set(found) == {"agvhd_2_4", "primary_graft_failure"}
    for outcome, case in (("agvhd_2_4", "agvhd_2_4_sourced_msc"),
                          ("primary_graft_failure", "engraftment_failure_sourced_msc")):
        natural, expected = found[outcome].natural, _r(case)
        assert found[outcome].pooled.k == 2
        for name in ("estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"):
            np.testing.assert_allclose(getattr(natural, name), expected[name], **TOLERANCE["iterative"])
    # The cohort in the same measure: crude aGVHD II-IV proportion with the Wilson interval.
    agvhd = found["agvhd_2_4"].cohort
    assert agvhd.events == int((msc.agvhd_2_4_status == 1).sum()) and agvhd.n == len(msc)
    assert found["agvhd_2_4"].position == (
        "inside" if found["agvhd_2_4"].natural.pi_lower <= agvhd.estimate <= found["agvhd_2_4"].natural.pi_upper
        else "above" if agvhd.estimate > found["agvhd_2_4"].natural.pi_upper else "below")
    # Outcomes the sheet has and the cohort cannot be set against are named, with the reason.
    text = " ".join(reasons)
    assert "neutrophil_engraftment_days: " in text  # medians without spread: no mean to pool
    assert "platelet_engraftment_50_days" in text  # >50 is not the cohort's >= 20 definition
    assert "acute_gvhd_grade_3_4: 1 study" in text


@pytest.mark.parametrize(("events", "n"), [(19, 60), (0, 25), (25, 25)])
def test_cohort_proportion_has_the_wilson_interval_of_prop_test(events, n):
    estimate, expected = cohort_proportion(events, n), _r(f"wilson_{events}_of_{n}")
    np.testing.assert_allclose([estimate.estimate, estimate.lower, estimate.upper],
                               expected[["estimate", "ci_lower", "ci_upper"]].astype(float), **TOLERANCE["closed_form"])


def test_mean_days_pool_like_metafor_and_the_cohort_mean_has_its_standard_error(tmp_path):
    rows = pd.read_csv(ILLUSTRATIVE)
    chosen = rows[(rows.outcome == "neutrophil_engraftment_days") & rows["mean"].notna() & rows["sd"].notna()]
    path = tmp_path / "means.csv"
    chosen.to_csv(path, index=False)
    cohort = _cohort()
    comparisons, _ = compare_with_literature(cohort[cohort.msc], read_extraction_sheet(path), cohort_label="allo_msc")
    (days,) = [c for c in comparisons if c.outcome.cohort == "neutrophil_engraftment"]
    expected = _r("neutrophil_days_illustrative_mean_sd")
    for name in ("estimate", "ci_lower", "ci_upper", "pi_lower", "pi_upper"):
        np.testing.assert_allclose(getattr(days.natural, name), expected[name], **TOLERANCE["iterative"])
    np.testing.assert_allclose(days.pooled.tau2, expected["tau2"], **TOLERANCE["iterative"])
    # Hand-built: days 10, 12, 14 -> mean 12, SD 2, SE 2/sqrt(3), CI 12 +- 1.959964 * 1.154701.
    e = cohort_mean_days(np.array([10.0, 12.0, 14.0]))
    np.testing.assert_allclose([e.lower, e.upper], [12 - 1.959963984540054 * 2 / np.sqrt(3),
                                                    12 + 1.959963984540054 * 2 / np.sqrt(3)], rtol=1e-12)
    # The cohort's engrafted patients only: status 1 and applicable.
    msc = cohort[cohort.msc]
    engrafted = (msc.neutrophil_engraftment_status == 1) & msc.neutrophil_engraftment_applicable
    np.testing.assert_allclose(days.cohort.estimate, msc.neutrophil_engraftment_day[engrafted].mean(), rtol=1e-12)
    assert days.cohort.n == engrafted.sum()


def test_sheets_say_where_their_numbers_come_from():
    text, invented = sheet_provenance(read_extraction_sheet(ILLUSTRATIVE), ILLUSTRATIVE)
    assert invented and "ILLUSTRATIVE" in text
    text, invented = sheet_provenance(read_extraction_sheet(SOURCED), SOURCED)
    assert not invented and "published studies" in text


def test_median_text_is_nr_everywhere():
    assert time_ci(np.nan, np.nan, np.nan, "days") == "NR"
    assert time_ci(22.0, np.nan, np.nan, "days") == "22 (CI NR)"
    assert time_ci(22.0, 20.0, np.nan, "days") == "22 (20-NR)"
    assert time_ci(np.nan, np.nan, np.nan, "months", with_unit=True) == "not reached"


@pytest.fixture(scope="module")
def literature_report(tmp_path_factory):
    out = tmp_path_factory.mktemp("literature") / "report"
    cohort = _cohort()
    report = build_report(cohort, out, adjust=("age", "disease_risk"), literature=[SOURCED, ILLUSTRATIVE],
                          reference={"disease_risk": "low", "arm": "mst"})
    return report, report.index.read_text(encoding="utf-8")


def test_report_has_the_literature_section_with_the_cohort_row(literature_report):
    report, page = literature_report
    assert "This cohort against the literature" in page
    assert "ILLUSTRATIVE numbers invented" in page
    table = pd.read_csv(report.tables["literature"])
    assert set(table.sheet) == {SOURCED.name, ILLUSTRATIVE.name}
    assert set(table.position) <= {"inside", "above", "below"}
    assert table.cohort.unique().tolist() == ["allo_msc"]  # the MSC recipients of the cohort
    for name, figure in report.figures.items():
        if name.startswith("literature_"):
            svg = figure.svg.decode()
            assert 'id="cohort-row"' in svg and 'id="prediction-interval"' in svg, name


def test_report_says_simulated_counts_recovery_and_names_reference_levels(literature_report):
    report, page = literature_report
    # Every patient id has the simulator's form: banner, title and Methods say so.
    assert "Cohort analysis: simulated data" in page
    assert 'class="banner"' in page and "These are not results of real patients" in page
    assert "virtual patients simulated with graftline simulate" in page
    # chemo and mst have no engrafting graft: recovery, not engraftment (DOMAIN.md, MST: donor cells rejected).
    assert "Engraftment and count recovery" in page
    assert "No graft engrafts in the mst and chemo arms" in page  # report order: the reference arm first
    assert "Neutrophil engraftment or count recovery" in page
    # Reference levels: the arm named first, disease_risk = low (not R's alphabetical "high").
    hr = pd.read_csv(report.tables["hazard_ratios"])
    assert set(hr.reference_arm) == {"mst"}
    assert "disease_riskhigh" in set(hr.term) and "disease_risklow" not in set(hr.term)
    assert "reference levels: disease_risk = low" in page
    assert "mst as the reference arm" in page
    assert "NR-NR" not in page and "not reached months" not in page


def test_an_ordinary_cohort_gets_no_banner(tmp_path):
    frame = endpoint_frame(8, seed=2)[["patient_id", "arm", "os_day", "os_status"]]
    page = build_report(frame, tmp_path / "r").index.read_text(encoding="utf-8")
    assert "simulated" not in page.lower().split("<body>")[1].split("methods")[0]
    assert 'class="banner"' not in page


@pytest.mark.browser
def test_literature_section_in_chromium_at_1400_px(literature_report, tmp_path, in_ci):
    """Headless Chromium, 1400-px-wide window at 100 % zoom: the forest plots render at full width,
    the table marks where the cohort falls; the section's screenshot is kept in test-artifacts/."""
    import base64
    import subprocess

    from test_report_browser import ARTIFACTS, DevTools, _chromium, _debugger_url

    chromium = _chromium(in_ci)
    if not in_ci:
        pytest.importorskip("websocket", reason="websocket-client (test extra) drives Chromium's DevTools protocol")
    report, _ = literature_report
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
         "--disable-background-networking", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--force-device-scale-factor=1",
         f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        tools = DevTools(_debugger_url(profile, process))
        tools.call("Page.enable")
        tools.events.clear()
        tools.call("Page.navigate", url=report.index.resolve().as_uri())
        tools.wait_for("Page.loadEventFired")
        found = tools.call("Runtime.evaluate", returnByValue=True, expression="""(() => {
            const section = document.getElementById('literature');
            const box = section.getBoundingClientRect();
            const figures = Array.from(section.querySelectorAll('figure img')).map(img => ({
                complete: img.complete, width: img.getBoundingClientRect().width, alt: img.alt}));
            const cells = Array.from(section.querySelectorAll('table')).map(t =>
                Array.from(t.querySelectorAll('tbody tr')).map(r => r.lastElementChild.textContent));
            return {top: box.top + window.scrollY, height: box.height, width: document.body.clientWidth,
                    figures, cells, banner: !!document.querySelector('p.banner')};
        })()""")["result"]["value"]
        shot = tools.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                          clip={"x": 0, "y": found["top"], "width": 1400, "height": found["height"], "scale": 1})
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / "report_literature.png").write_bytes(base64.b64decode(shot["data"]))
    finally:
        process.terminate()
        process.wait(timeout=30)

    literature = [name for name in report.figures if name.startswith("literature_")]
    assert len(found["figures"]) == len(literature) >= 3
    for figure in found["figures"]:
        assert figure["complete"], figure["alt"]
        assert figure["width"] >= 850, figure  # a wide figure, not a thumbnail
        assert "prediction interval" in figure["alt"]
    # Each sheet's table ends with where the cohort falls.
    assert all(cell in {"inside", "above", "below"} for table in found["cells"] for cell in table)
    assert found["banner"]
    assert (ARTIFACTS / "report_literature.png").stat().st_size > 20_000


def test_a_bad_sheet_stops_the_report_before_it_writes_anything(tmp_path):
    sheet = tmp_path / "bad.csv"
    sheet.write_text("study,year,arm,n,events,outcome\nA,2020,msc,10,12,acute_gvhd_grade_2_4\n")
    with pytest.raises(InputError, match="line 2, column events: 12 must be between 0 and n = 10"):
        build_report(_cohort(4), tmp_path / "report", literature=[sheet])
    assert not (tmp_path / "report").exists()

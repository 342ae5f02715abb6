"""The report's landmark analysis: overall survival from day 100 and 180 by acute GVHD status.

A patient's acute GVHD happens after day 0, so comparing survival from day 0
by "ever had aGVHD" credits the aGVHD group with the days it had to survive
to develop it (immortal-time bias). The landmark method compares patients
alive at the landmark day by their aGVHD status on that day
(:func:`graftline.stats.landmark`; EBMT guidelines, Iacobelli, BMT
2013;48:S1-S37). The fixed-day estimates elsewhere in the report (the
``landmarks.csv`` table) are something else: curves read at chosen days.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd

from graftline.report.html import Paragraph, Section, TableBlock
from graftline.report.table1 import format_p
from graftline.report.writer import ReportWriter

LANDMARK_DAYS = (100, 180)
SECTION = "Disease and survival"
TITLE = "Landmark analysis of overall survival by acute GVHD II-IV"


def landmark_section(writer: ReportWriter, endpoints: pd.DataFrame, arms: Sequence[str]) -> Section:
    """Cox hazard ratio of aGVHD II-IV present by the landmark day (adjusted for arm), per landmark."""
    section = Section("landmark-analysis", TITLE)
    needed = ["os_day", "os_status", "agvhd_2_4_day", "agvhd_2_4_status"]
    if any(c not in endpoints for c in needed):
        section.blocks.append(writer.reason(SECTION, TITLE, "the endpoint table has no overall survival "
                                                            "or acute GVHD II-IV columns"))
        return section
    data = endpoints.dropna(subset=["os_day", "os_status"])
    if data.empty:
        section.blocks.append(writer.reason(SECTION, TITLE, "no patient with overall survival data"))
        return section
    try:
        _analyse(section, writer, data, arms)
    except Exception as error:  # noqa: BLE001 - one failed analysis must not stop the report
        section.blocks.append(writer.reason(SECTION, TITLE, f"not estimated ({type(error).__name__}: {error})"))
    return section


def _analyse(section: Section, writer: ReportWriter, data: pd.DataFrame, arms: Sequence[str]) -> None:
    from graftline.stats import landmark

    data = data.assign(arm=pd.Categorical(data["arm"], categories=[a for a in arms if a in set(data["arm"])]))
    fixed = ["arm"] if data["arm"].nunique() > 1 else []
    with warnings.catch_warnings():
        # A monotone likelihood comes back as a note of its landmark (below); the overflow of its
        # infinite hazard ratio's limits is not shown.
        warnings.simplefilter("ignore")
        result = landmark(data, at=LANDMARK_DAYS, outcome="os", covariates={"agvhd": "agvhd_2_4"},
                          fixed=fixed, group="agvhd")
        coefficients = result.to_frame()
    # (day, term) whose coefficient runs to infinity: its hazard ratio is not shown.
    infinite = {(a.day, term) for a in result.analyses for note in a.notes if "monotone likelihood" in note
                for term in re.findall(r"'([^']+)'", note)}
    keep = [(day, term) not in infinite for day, term in zip(coefficients["landmark"], coefficients["term"],
                                                               strict=True)]
    coefficients = coefficients[keep].reset_index(drop=True)
    monotone = {day for day, term in infinite if term == "agvhd"}
    writer.collect("landmark_analysis", coefficients)
    one_year = result.at([365])
    rows = []
    for analysis in result.analyses:
        day = analysis.day
        exposed = int(analysis.data["agvhd"].sum()) if analysis.n else 0
        row = {"landmark": f"day {day}", "alive, event-free": analysis.n, "with aGVHD II-IV": exposed,
               "deaths after landmark": analysis.n_events}
        term = coefficients[(coefficients["landmark"] == day) & (coefficients["term"] == "agvhd")]
        if len(term):
            t = term.iloc[0]
            row["HR aGVHD (95% CI)"] = f"{t.hr:.2f} ({t.lower:.2f}-{t.upper:.2f})"
            row["p"] = format_p(t.p_value)
        else:
            row["HR aGVHD (95% CI)"], row["p"] = "-", "-"
            notes = [note for note in analysis.notes if "monotone likelihood" not in note]
            if day in monotone:
                notes.insert(0, "the Cox model's likelihood is monotone in aGVHD (a hazard ratio of 0 or "
                                "infinity, e.g. no deaths among the patients with, or without, aGVHD)")
            why = "; ".join(notes) or "no deaths after the landmark"
            section.blocks.append(writer.reason(SECTION, f"{TITLE}, day {day}", "no hazard ratio: " + why))
        for status, label in ((1, "with"), (0, "without")):
            hit = one_year[(one_year["landmark"] == day) & (one_year["group"] == status)]
            value = hit["survival"].iloc[0] if len(hit) else np.nan
            row[f"OS 1 year later, {label} aGVHD"] = "-" if not np.isfinite(value) else f"{100 * value:.0f}%"
        rows.append(row)
    adjusted = "adjusted for arm" if fixed else "one arm, unadjusted"
    section.blocks.append(TableBlock(
        pd.DataFrame(rows), "Overall survival from the landmark day by acute GVHD II-IV present on that day",
        note=f"Patients alive and followed beyond each landmark day; aGVHD status frozen at the landmark; "
             f"Cox proportional hazards (Efron ties), {adjusted}; Kaplan-Meier survival one year after the "
             "landmark. Coefficients in tables/landmark_analysis.csv."))
    section.blocks.append(Paragraph(
        "Landmark analysis avoids the immortal-time bias of comparing patients by an event that happens "
        "after day 0 (Anderson, Cain, Gelber, J Clin Oncol 1983;1:710-719).", "note"))

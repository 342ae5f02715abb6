"""Consistency warnings that need the endpoint rules: validation's second look.

The cohort layer checks every value of every file on its own; these checks
read the rows as the endpoint rules will, and warn where the data say two
things at once or where a rule changes what a row means:

- an entered overall acute GVHD grade (or chronic GVHD global severity)
  that disagrees with the grade (severity) from the organ measures of the
  same assessment - and which one graftline uses;
- chronic GVHD organ scores without an NIH diagnosis (no diagnostic sign):
  not counted as chronic GVHD;
- a row diagnosed as GVHD whose findings all have another cause;
- a death from the disease with no relapse recorded before it: counted as a
  relapse on the death day (``relapse_at_disease_death``), the patient named.

``graftline validate`` and ``graftline ingest`` run them on the staged files
(rows located by file and row); :func:`consistency_problems` also runs on a
store.
"""

from __future__ import annotations

import ibis
import pandas as pd

from graftline.cohort.problems import Problem
from graftline.endpoints.definitions import EndpointDefinitions
from graftline.endpoints.gvhd import (
    AGVHD_ORGAN_COLUMNS,
    CGVHD_ORGANS,
    CGVHD_SEVERITIES,
    staged_assessments,
)
from graftline.endpoints.tables import CohortTables, load_tables
from graftline.endpoints.timeline import patient_base

#: The column a staged view carries with the file row of each record (see graftline.cohort.validation).
SOURCE_ROW = "_source_row"
ROMAN = ("0", "I", "II", "III", "IV")


def _row(record: pd.Series) -> int | None:
    value = record.get(SOURCE_ROW)
    return None if value is None or pd.isna(value) else int(value)


def _file(files: dict[str, str], table: str) -> str:
    return files.get(table, table)


def consistency_problems(
    source: ibis.BaseBackend | CohortTables,
    definitions: EndpointDefinitions | None = None,
    *,
    files: dict[str, str] | None = None,
) -> list[Problem]:
    """Warnings (never errors) on rows the endpoint rules read differently from what they say.

    Parameters
    ----------
    source
        A cohort store, or the staged cohort of ``graftline validate``.
    definitions
        The rules to read the rows with (default: the default preset).
    files
        ``{table: file name}`` to name in the problems (default: the table name).
    """
    d = definitions or EndpointDefinitions.preset()
    tables = source if isinstance(source, CohortTables) else load_tables(source)
    files = files or {}
    return _gvhd_problems(tables, d, files) + _death_problems(tables, d, files)


def _gvhd_problems(tables: CohortTables, d: EndpointDefinitions, files: dict[str, str]) -> list[Problem]:
    a = tables.gvhd_assessments
    keep = [c for c in (SOURCE_ROW,) if c in a.columns]
    has_organs = ibis.or_(*[a[c].notnull() for c in AGVHD_ORGAN_COLUMNS])
    has_scores = ibis.or_(*[a[f"cgvhd_{organ}"].notnull() for organ in CGVHD_ORGANS])
    # All-zero organ scores record an assessment without chronic GVHD: nothing to diagnose.
    has_findings = ibis.or_(*[a[f"cgvhd_{organ}"].coalesce(0) > 0 for organ in CGVHD_ORGANS])
    # Only the rows that can raise a warning come back to Python.
    candidates = a.filter(
        (a.agvhd_overall_grade.notnull() & has_organs)
        | (a.cgvhd_global_severity.notnull() & has_scores)
        | has_findings
        | (a.gvhd_diagnosed.coalesce(False) & a.alternative_cause.notnull())
    )
    staged = staged_assessments(candidates, tables.patients.select("patient_id", "weight_kg"), d)
    rows = staged.select(
        "patient_id", "day", *keep, "agvhd_overall_grade", "agvhd_grade_computed", "cgvhd_global_severity",
        "cgvhd_rank_computed", "cgvhd_diagnosis_day", "skin", "liver", "upper", "lower",
        "gvhd_diagnosed", "alternative_cause", "alternative_cause_organ",
        has_organs=ibis.or_(*[staged[c].notnull() for c in AGVHD_ORGAN_COLUMNS]),
        has_scores=ibis.or_(*[staged[f"cgvhd_{organ}"].notnull() for organ in CGVHD_ORGANS]),
        has_findings=ibis.or_(*[staged[f"cgvhd_{organ}"].coalesce(0) > 0 for organ in CGVHD_ORGANS]),
    ).order_by(["patient_id", "day"]).to_pandas()
    file = _file(files, "gvhd_assessments")
    uses = "the entered value" if d.gvhd_entered_values == "prefer" else "the value from the organ measures"
    problems = []
    unscored = set()
    for _, r in rows.iterrows():
        where = f"patient {r.patient_id!r} day {int(r.day)}"
        if pd.notna(r.agvhd_overall_grade) and r.has_organs and int(r.agvhd_overall_grade) != int(r.agvhd_grade_computed):
            stages = ", ".join(f"{organ} {int(r[c])}" for organ, c in (("skin", "skin"), ("liver", "liver"), ("upper GI", "upper"), ("lower GI", "lower")) if pd.notna(r[c]))
            problems.append(Problem(
                file, _row(r), "agvhd_overall_grade", ROMAN[int(r.agvhd_overall_grade)],
                f"{where}: the entered overall acute GVHD grade {ROMAN[int(r.agvhd_overall_grade)]} disagrees with "
                f"{d.agvhd_grading.upper()} grade {ROMAN[int(r.agvhd_grade_computed)]} from the organ stages ({stages}); graftline uses {uses}",
                "an entered grade that matches the organ measures (or only one of them)", "warning",
            ))
        if pd.notna(r.cgvhd_global_severity) and r.has_scores and r.cgvhd_global_severity != CGVHD_SEVERITIES[int(r.cgvhd_rank_computed)]:
            problems.append(Problem(
                file, _row(r), "cgvhd_global_severity", r.cgvhd_global_severity,
                f"{where}: the entered chronic GVHD global severity {r.cgvhd_global_severity} disagrees with NIH severity "
                f"{CGVHD_SEVERITIES[int(r.cgvhd_rank_computed)]} from the organ scores; graftline uses {uses}",
                "an entered severity that matches the organ scores (or only one of them)", "warning",
            ))
        if d.cgvhd_requires_diagnostic_sign and r.has_findings and pd.isna(r.cgvhd_diagnosis_day) and r.patient_id not in unscored:
            unscored.add(r.patient_id)
            problems.append(Problem(
                file, _row(r), "cgvhd_diagnostic_sign", None,
                f"{where}: chronic GVHD organ scores but no NIH diagnosis for this patient (no cgvhd_diagnostic_sign = yes "
                "and no entered global severity): organ scores alone are not a diagnosis (Jagasia 2015), so no chronic GVHD is counted",
                "cgvhd_diagnostic_sign = yes on the assessment that met the NIH criteria (or --option cgvhd_requires_diagnostic_sign=false)",
                "warning",
            ))
        whole_row = pd.isna(r.alternative_cause_organ) or r.alternative_cause_organ == "all"
        if r.gvhd_diagnosed is True and pd.notna(r.alternative_cause) and whole_row:
            problems.append(Problem(
                file, _row(r), "alternative_cause", r.alternative_cause,
                f"{where}: gvhd_diagnosed is yes but alternative_cause {r.alternative_cause} explains every organ of the "
                "row, so nothing in it is staged as acute GVHD",
                "alternative_cause_organ naming the organ it explains, or gvhd_diagnosed empty/no", "warning",
            ))
    return problems


def _death_problems(tables: CohortTables, d: EndpointDefinitions, files: dict[str, str]) -> list[Problem]:
    if not d.relapse_at_disease_death:
        return []
    base = patient_base(tables, d)
    deaths = base.filter(base.relapse_at_death).select("patient_id", "death_day", "death_cause")
    f = tables.followup
    keep = [c for c in (SOURCE_ROW,) if c in f.columns]
    deaths = deaths.left_join(f.select("patient_id", *keep), "patient_id").drop("patient_id_right")
    rows = deaths.order_by("patient_id").to_pandas()
    file = _file(files, "followup")
    return [
        Problem(
            file, _row(r), "cause", r.death_cause,
            f"patient {r.patient_id!r} died on day {int(r.death_day)} of {r.death_cause} but has no relapse or progression "
            "recorded on or before that day: counted as a relapse on the death day, not non-relapse mortality",
            "a disease_assessments row with the relapse (or --option relapse_at_disease_death=false)", "warning",
        )
        for _, r in rows.iterrows()
    ]

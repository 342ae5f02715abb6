"""The report section "This cohort against the literature" (``graftline report --literature SHEET.csv``).

The numbers come from :mod:`graftline.report.literature`; this module only
chooses the compared patients, lays out the figures, table and sentences,
and collects the CSV table ``tables/literature.csv``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.report.html import FigureBlock, Notice, Paragraph, Section, TableBlock
from graftline.report.literature import (
    compare_with_literature,
    describe,
    literature_forest,
    literature_table,
    sheet_provenance,
)


def compared_patients(endpoints: pd.DataFrame, arms: Sequence[str], *, cohort_arm: str | None,
                      sheet_arm: str | None) -> tuple[pd.DataFrame, str]:
    """The cohort's patients set against the studies, and their label.

    ``cohort_arm`` names an arm; by default the patients who received MSC
    when the sheet's arm is ``msc`` (or unnamed) and the cohort records it,
    else every patient.
    """
    if cohort_arm is not None:
        if cohort_arm not in arms:
            raise InputError(f"--cohort-arm {cohort_arm}: no such arm; the arms are {', '.join(arms)}")
        return endpoints[endpoints["arm"].astype(str) == cohort_arm], cohort_arm
    if sheet_arm in (None, "msc") and "msc" in endpoints.columns:
        given = endpoints["msc"].map(lambda v: v in (True, "yes", "true", "True", 1))
        if given.any():
            chosen = endpoints[given.to_numpy(dtype=bool)]
            names = sorted(set(chosen["arm"].astype(str)))
            return chosen, ("MSC recipients" if len(names) > 1 else names[0])
    return endpoints, "all patients"


def read_sheets(paths: Sequence[str | Path]) -> list[tuple[Path, pd.DataFrame]]:
    """Read and check every sheet before the report writes anything (a bad sheet stops it early)."""
    from graftline.meta.sheet import read_extraction_sheet

    return [(Path(path), read_extraction_sheet(path)) for path in paths]


def literature_section(writer, endpoints: pd.DataFrame, arms: Sequence[str],
                       sheets: Sequence[tuple[Path, pd.DataFrame]], *, sheet_arm: str | None = None,
                       cohort_arm: str | None = None) -> Section:
    """One subsection per sheet (from :func:`read_sheets`): provenance, the comparison table, one forest
    plot per outcome."""
    section = Section("literature", "This cohort against the literature", [Paragraph(
        "For each outcome that the extraction sheet and this cohort both have, the studies are pooled "
        "(random effects, REML) and the cohort is drawn as its own row under the pooled estimate and its 95 % "
        "prediction interval (where a new, similar study is expected to fall). Engraftment days: the mean day "
        "among patients who engrafted (SE = SD/sqrt(n)), as the studies report means; proportions: events / "
        "patients with the Wilson 95 % interval, crude as studies report them (unlike the cumulative "
        "incidences above, they ignore censoring). Definitions in the studies may differ from this cohort's; "
        "check them before reading a difference as an effect.", "note")])
    patients, label = compared_patients(endpoints, arms, cohort_arm=cohort_arm, sheet_arm=sheet_arm)
    for index, (path, sheet) in enumerate(sheets):
        provenance, illustrative = sheet_provenance(sheet, Path(path))
        part = Section(f"literature-{index + 1}", f"Sheet {Path(path).name}",
                       [Paragraph(provenance, "notice") if illustrative else Paragraph(f"Source: {provenance}")])
        comparisons, reasons = compare_with_literature(patients, sheet, cohort_label=label, sheet_arm=sheet_arm,
                                                       source=Path(path).name)
        if comparisons:
            part.blocks.append(TableBlock(literature_table(comparisons),
                                          f"Pooled studies and this cohort ({label})",
                                          note="PI: 95 % prediction interval. 'cohort vs PI': whether the cohort's "
                                               "estimate lies inside, above or below it."))
            for comparison in comparisons:
                name = f"literature_{index + 1}_{comparison.outcome.cohort}"
                figure = literature_forest(comparison, title="(ILLUSTRATIVE studies)" if illustrative else None)
                rendered = writer.figure(figure, name)
                part.blocks.append(FigureBlock(rendered, describe(comparison), wide=True))
                writer.collect("literature", comparison.to_frame().assign(sheet=Path(path).name))
                writer.collect("literature_studies", comparison.studies[["label", "n", "yi", "vi"]].assign(
                    sheet=Path(path).name, outcome=comparison.outcome.cohort, measure=comparison.pooled.measure))
        else:
            part.blocks.append(Notice("No outcome of the sheet could be set against the cohort."))
        for comparison in comparisons:
            for excluded in comparison.excluded:
                part.blocks.append(Paragraph(f"Left out of {comparison.sheet_outcome}: {excluded}", "note"))
        for reason in reasons:
            part.blocks.append(Paragraph(f"Not compared: {reason}", "note"))
        section.subsections.append(part)
    return section

"""The Methods section and the data-quality appendix."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from importlib import metadata

import pandas as pd

from graftline.report import analysis
from graftline.report.html import Definitions, Paragraph, Section, TableBlock
from graftline.report.inputs import ReportInputs, redact
from graftline.report.writer import ReportWriter

SOFTWARE = ("graftline", "numpy", "scipy", "pandas", "matplotlib", "duckdb", "ibis-framework")


def methods_section(inputs: ReportInputs, adjust: Sequence[str], date: str, *, simulated: bool = False,
                    references: dict[str, str] | None = None, reference_arm: str | None = None) -> Section:
    from graftline.report.provenance import METHODS

    blocks: list = [Paragraph(METHODS)] if simulated else []
    blocks.append(Paragraph(f"Data source: {inputs.source}." if simulated else f"Data: {inputs.source}."))
    definitions = inputs.definitions
    if definitions is not None:
        preset = getattr(definitions, "preset_name", "custom")
        deviations = definitions.deviations() if hasattr(definitions, "deviations") else []
        blocks.append(Paragraph(f"Endpoint definitions: preset '{preset}'"
                                + (f" with {len(deviations)} deviation(s):" if deviations
                                   else " without deviations.")))
        if deviations:
            rows = [(name, _text(base), _text(value)) for name, base, value in deviations]
            table = pd.DataFrame(rows, columns=["option", "preset value", "value used"])
            blocks.append(TableBlock(table, "Deviations from the preset"))
        if hasattr(definitions, "describe"):
            options = pd.DataFrame(definitions.describe())
            options["value"] = options["value"].map(_text)
            options = options.astype(str)
            blocks.append(TableBlock(options, "Every endpoint option used"))
    else:
        blocks.append(Paragraph("Endpoint definitions: the endpoint table was supplied by the user; "
                                "graftline did not derive it."))
    blocks.append(Paragraph(
        "Statistics: cumulative incidence by the Aalen-Johansen estimator with competing events and "
        "Gray's test (cmprsk conventions; where Gray's statistic degenerates because nobody is censored, "
        "the log-rank test of the subdistribution hazards, competing events kept in the risk set); "
        "estimates after an arm's last follow-up are given only when its longest-followed patients "
        "all had an event (the curve is then final); Kaplan-Meier estimates with log-transformed 95 % confidence "
        "intervals and the log-rank test (survival conventions); hazard ratios from Cox models (Efron "
        "ties) and Fine-Gray models (robust variance), with "
        + (f"{reference_arm} as the reference arm" if reference_arm else "the first arm as reference")
        + (f", adjusted for {', '.join(adjust)}" if adjust else "")
        + (" (reference levels: " + ", ".join(f"{c} = {level}" for c, level in references.items()) + ")"
           if references else "")
        + "; complete remission rates with exact (Clopper-Pearson) and Wilson 95 % intervals. "
        "Table 1: Kruskal-Wallis test for continuous variables, chi-square or Fisher's exact test "
        "(Monte-Carlo for tables larger than 2x2) for categorical ones. Numbers at risk count patients "
        "with follow-up at or after the day shown. Arms with fewer than "
        f"{analysis.MIN_ARM_PATIENTS} patients are shown but left out of tests and models."))
    versions = []
    for package in SOFTWARE:
        try:
            versions.append((package, metadata.version(package)))
        except metadata.PackageNotFoundError:
            continue
    versions.insert(0, ("python", platform.python_version()))
    blocks.append(Definitions(tuple([("report date", date), *versions])))
    return Section("methods", "Methods", blocks)


def quality_section(writer: ReportWriter, inputs: ReportInputs, ids: Sequence[str], include_ids: bool) -> Section:
    section = Section("data-quality", "Appendix: data quality")
    warnings = inputs.warnings
    if warnings is None:
        section.blocks.append(Paragraph("No validation warnings are available: the report was built from "
                                        "an endpoint table, not from a cohort store."))
        return section
    if warnings.empty:
        section.blocks.append(Paragraph("The cohort store has no validation warnings."))
        return section
    shown = warnings.copy()
    if not include_ids:
        for column in shown.columns:
            if not pd.api.types.is_numeric_dtype(shown[column]):
                shown[column] = shown[column].map(lambda v: redact(v, ids) if isinstance(v, str) else v)
        shown = shown.drop(columns=[c for c in ("patient_id",) if c in shown.columns])
    writer.collect("data_quality", shown)
    section.blocks.append(TableBlock(shown.astype(str), f"Validation warnings ({len(shown)})",
                                     note="" if include_ids else "Patient identifiers are replaced by "
                                     "[patient]; rerun with --include-ids to show them."))
    return section


def _text(value) -> str:
    """An option value as written in the preset (None means the option is off)."""
    return "none" if value is None else str(value)

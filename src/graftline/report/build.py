"""``build_report``: the cohort's analysis as one HTML file, figures and CSV tables."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

import pandas as pd

from graftline.errors import InputError
from graftline.export import staged_folder
from graftline.report import endpoints_shown
from graftline.report.figures import RenderedFigure
from graftline.report.html import Paragraph, Section, TableBlock, render_html
from graftline.report.inputs import (
    PATIENT_COLUMNS,
    TREATMENT_COLUMNS,
    ReportInputs,
    check_endpoints,
    derive_endpoints,
    join_characteristics,
    patient_characteristics,
    read_endpoint_file,
    store_warnings,
)
from graftline.report.landmark_section import landmark_section
from graftline.report.methods import methods_section, quality_section
from graftline.report.multistate_section import multistate_section
from graftline.report.palette import arm_order, make_palette
from graftline.report.provenance import BANNER, apply_reference_levels, looks_simulated
from graftline.report.sections import (
    cohort_section,
    cr_block,
    endpoint_blocks,
    engraftment_section,
    gvhd_section,
    hazard_ratio_block,
)
from graftline.report.writer import ReportWriter


@dataclass(frozen=True)
class Report:
    """What :func:`build_report` wrote.

    Attributes
    ----------
    index
        The self-contained ``index.html``.
    figures, tables
        Every figure (SVG and PNG) and every table (CSV) by name.
    not_estimated
        ``section, endpoint, reason`` of everything that could not be estimated.
    """

    index: Path
    figures: dict[str, RenderedFigure]
    tables: dict[str, Path]
    not_estimated: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        rows = [{"kind": "html", "name": "index", "path": str(self.index)}]
        rows += [{"kind": "figure", "name": n, "path": str(f.svg_path)} for n, f in self.figures.items()]
        rows += [{"kind": "table", "name": n, "path": str(p)} for n, p in self.tables.items()]
        return pd.DataFrame(rows)


# --- entry point ---------------------------------------------------------------


def _connect(store):
    if not isinstance(store, str | os.PathLike):
        return store
    from graftline.cohort import connect
    from graftline.credentials import is_url

    url = is_url(os.fspath(store))
    if not url and not Path(store).exists():
        raise InputError(f"{store}: cohort store not found; create it with `graftline ingest DIR --db {store}`")
    return connect(os.fspath(store), read_only=not url)


def _given_endpoints(frame: pd.DataFrame, source: str, store, definitions) -> ReportInputs:
    """An endpoint table given by the caller; ``definitions`` say how it was derived, if known."""
    if store is None:
        return ReportInputs(frame, None, source, definitions)
    con = _connect(store)
    return ReportInputs(join_characteristics(frame, patient_characteristics(con)), store_warnings(con),
                        f"{source}, with patient characteristics from the cohort store", definitions)


def _load(con_or_endpoints, definitions, store) -> ReportInputs:
    if isinstance(con_or_endpoints, pd.DataFrame):
        source = ("the endpoint table derived from the cohort store" if definitions is not None
                  else "an endpoint table supplied by the user")
        return _given_endpoints(check_endpoints(con_or_endpoints, "endpoint table"), source, store,
                                definitions)
    if isinstance(con_or_endpoints, str | os.PathLike) and (Path(con_or_endpoints).suffix.lower() in (
            ".csv", ".parquet", ".txt") or Path(con_or_endpoints).is_dir()):
        path = Path(con_or_endpoints)
        frame = read_endpoint_file(path)
        if definitions is None:
            # A table written by `graftline endpoints` carries the definitions it was derived with.
            from graftline.endpoints import read_endpoint_definitions

            definitions = read_endpoint_definitions(path).definitions
        return _given_endpoints(frame, f"endpoint table {path.name}", store, definitions)
    con = _connect(con_or_endpoints)
    if definitions is None:
        from graftline.endpoints import EndpointDefinitions

        definitions = EndpointDefinitions.preset()
    endpoints = check_endpoints(derive_endpoints(con, definitions), "derived endpoint table")
    characteristics = patient_characteristics(con)
    return ReportInputs(join_characteristics(endpoints, characteristics), store_warnings(con),
                        "cohort store", definitions)


def _report_date() -> str:
    # SOURCE_DATE_EPOCH (reproducible-builds convention) pins the date, so a
    # rebuilt report is byte-identical.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC))
    return when.strftime("%Y-%m-%d")


def build_report(con_or_endpoints, out_dir: str | os.PathLike, *, adjust: Sequence[str] = (),
                 adjust_method: str | None = None, adjust_estimand: str = "ATE", include_ids: bool = False,
                 definitions=None, store=None,
                 progress: Callable[[str], None] | None = None, reference: Mapping[str, str] | None = None,
                 simulated: bool | None = None, literature: Sequence[str | os.PathLike] = (),
                 literature_arm: str | None = None, cohort_arm: str | None = None) -> Report:
    """Write the cohort's analysis: ``index.html``, ``figures/*.svg|png``, ``tables/*.csv``.

    Parameters
    ----------
    con_or_endpoints
        A cohort store (Ibis connection, or the path of a DuckDB file), an
        endpoint table (pandas DataFrame), or the path of one (.csv/.parquet).
    out_dir
        Folder to write into (created if needed; files of an earlier report
        are overwritten). The files appear there together when the report
        is complete; a failed or interrupted build leaves the folder as it was.
    adjust
        Covariates the arm hazard ratios are adjusted for, e.g. ``("age", "disease_risk")``;
        columns of the endpoint table or of ``patients``/``treatments``.
    adjust_method
        ``"iptw"``, ``"gcomp"`` or ``"aiptw"``: add an "Adjusted comparison"
        section (balance table, Love plot, adjusted risks and curves of
        relapse, NRM and survival beside the crude ones) adjusted for ``adjust``
        (:mod:`graftline.report.adjusted`).
    adjust_estimand
        The population the adjusted comparison is standardised to: ``"ATE"``
        (default; the whole cohort of the two arms), ``"ATT"`` (the patients
        given the compared arm) or ``"ATO"`` (overlap weights); ATT and ATO
        with ``adjust_method`` ``"iptw"`` or ``"gcomp"``. It sets the balance
        weights, the standardised risks and the weighted hazard ratios.
    include_ids
        Show patient identifiers (a per-patient listing and unredacted warnings).
        Off by default: no identifier appears in any file of the report.
    definitions
        :class:`graftline.endpoints.EndpointDefinitions` used to derive the
        endpoints from a store (default: the ``harmonized2024`` preset); with an
        endpoint table, the definitions it was derived with (for Methods;
        default: those stored with a table file written by ``graftline endpoints``).
    store
        When starting from an endpoint table: a cohort store (connection or
        path) to take patient characteristics and validation warnings from.
    progress
        Called with the name of each step, for a progress display.
    reference
        Reference levels, ``{"disease_risk": "favorable", "arm": "chemo"}``:
        the arm the others are compared with (default: the first in report
        order) and the reference of categorical adjusters (default: the
        alphabetically first level, as R's ``factor()``).
    simulated
        Whether the data come from ``graftline simulate``; None: decided from
        the patient ids (the simulator's ``SIM000001`` form). Simulated data
        get a banner, a title and a Methods sentence that say so.
    literature
        Extraction sheets (``docs/extraction-sheet.md``): a section pools each
        sheet's studies for the outcomes the cohort also has and draws the
        cohort as its own row against the pooled estimate and its 95 %
        prediction interval (:mod:`graftline.report.literature`).
    literature_arm, cohort_arm
        The sheet's arm to pool (default ``msc`` where present) and the
        cohort's arm set against it (default: the patients given MSC when
        the cohort records it, else all patients).

    Returns
    -------
    Report

    Notes
    -----
    Whatever cannot be estimated (no patients, an arm with one patient, no
    events of a kind, a singular model) is stated in the report with the
    reason, and listed in ``tables/not_estimated.csv``; the report still builds.

    Examples
    --------
    >>> build_report("cohort.duckdb", "report", adjust=("age",))  # doctest: +SKIP
    """
    step = progress or (lambda name: None)
    step("reading data")
    inputs = _load(con_or_endpoints, definitions, store)
    endpoints = inputs.endpoints
    adjust = tuple(a.strip() for a in adjust if a.strip())
    unknown = [a for a in adjust if a not in endpoints.columns]
    if unknown:
        raise InputError(f"--adjust {','.join(unknown)}: no such column; expected columns of the endpoint "
                         f"table or of patients/treatments, e.g. {', '.join(_adjustable(endpoints))}")
    if adjust_method is not None:
        from graftline.report.adjusted import METHODS, check_estimand

        if adjust_method not in METHODS:
            raise InputError(f"--adjust-method {adjust_method!r}: expected one of {', '.join(METHODS)}")
        if not adjust:
            raise InputError("--adjust-method needs the confounders to adjust for: --adjust age,disease_risk")
        adjust_estimand = check_estimand(adjust_method, adjust_estimand)
    elif str(adjust_estimand).upper() != "ATE":
        raise InputError(f"--adjust-estimand {adjust_estimand}: give it with --adjust-method iptw or gcomp")
    modality = {}
    if "modality" in endpoints:
        modality = endpoints.dropna(subset=["modality"]).groupby("arm")["modality"].first().to_dict()
    arms = arm_order(endpoints["arm"], modality)
    endpoints, arms, references = apply_reference_levels(endpoints, arms, reference or {}, adjust)
    if literature:
        from graftline.report.literature_section import read_sheets

        sheets = read_sheets(literature)  # a bad sheet stops the report before it writes anything
    else:
        sheets = []
    simulated = looks_simulated(endpoints) if simulated is None else simulated
    out = Path(out_dir)
    # Written into a hidden folder and moved into out_dir when complete, so
    # a failed or interrupted report leaves an earlier one as it was.
    with staged_folder(out) as staging:
        writer = ReportWriter(staging, make_palette(arms))
        _write_report(writer, inputs, endpoints, arms, adjust, include_ids, step, references=references,
                      sheets=sheets, simulated=simulated, literature_arm=literature_arm, cohort_arm=cohort_arm,
                      adjust_method=adjust_method, adjust_estimand=adjust_estimand)

    def moved(path: Path) -> Path:
        return out / path.relative_to(staging)

    figures = {name: replace(figure, svg_path=moved(figure.svg_path), png_path=moved(figure.png_path))
               for name, figure in writer.figures.items()}
    return Report(out / "index.html", figures, {name: moved(path) for name, path in writer.tables.items()},
                  pd.DataFrame(writer.not_estimated, columns=["section", "endpoint", "reason"]))


def _write_report(writer: ReportWriter, inputs: ReportInputs, endpoints: pd.DataFrame, arms, adjust,
                  include_ids: bool, step: Callable[[str], None], *, references, sheets, simulated: bool,
                  literature_arm, cohort_arm, adjust_method: str | None, adjust_estimand: str = "ATE") -> None:
    """The sections, tables and ``index.html`` of :func:`build_report`, into ``writer.out_dir``."""
    ids = endpoints["patient_id"].astype(str).tolist()

    step("cohort and Table 1")
    sections = [cohort_section(writer, endpoints, arms)]
    step("engraftment")
    engraftment, s1 = engraftment_section(writer, endpoints, arms, adjust, inputs.definitions)
    step("GVHD")
    gvhd, s2 = gvhd_section(writer, endpoints, arms, adjust)
    step("disease and survival")
    disease_blocks = cr_block(writer, endpoints, arms)
    blocks, s3 = endpoint_blocks(writer, endpoints, endpoints_shown.DISEASE + endpoints_shown.SURVIVAL,
                                  arms, "Disease and survival", adjust)
    disease = Section("disease", "Disease and survival", disease_blocks + blocks)
    disease.blocks.extend(hazard_ratio_block(s1 + s2 + s3, adjust, references))
    step("landmark analysis")
    disease.subsections.append(landmark_section(writer, endpoints, arms))
    sections += [engraftment, gvhd, disease]
    step("multi-state models")
    multistate = multistate_section(writer, endpoints, arms)
    if multistate is not None:
        sections.append(multistate)
    if adjust_method is not None and len(arms) > 1:
        from graftline.report.adjusted import adjusted_section

        step("adjusted comparison")
        sections.append(adjusted_section(writer, endpoints, arms, adjust, adjust_method, adjust_estimand))
    if sheets:
        step("literature")
        from graftline.report.literature_section import literature_section

        sections.append(literature_section(writer, endpoints, arms, sheets, sheet_arm=literature_arm,
                                           cohort_arm=cohort_arm))
    date = _report_date()
    methods = methods_section(inputs, adjust, date, simulated=simulated, references=references,
                              reference_arm=arms[0] if arms else None)
    if adjust_method is not None and len(arms) > 1:
        from graftline.report.adjusted import methods_text

        methods.blocks.insert(len(methods.blocks) - 1, Paragraph(methods_text(adjust_method, adjust, adjust_estimand)))
    sections.append(methods)
    sections.append(quality_section(writer, inputs, ids, include_ids))
    extra = {}
    if include_ids:
        listing = Section("patients", "Appendix: patient listing (identifiers shown on request)")
        extra["patient_endpoints"] = endpoints
        listing.blocks.append(Paragraph(f"{len(endpoints)} patients; the full endpoint table is in "
                                        "tables/patient_endpoints.csv."))
        shown = [c for c in ("patient_id", "arm", "neutrophil_engraftment_day", "platelet_engraftment_day",
                             "agvhd_max_grade", "os_day", "os_status") if c in endpoints]
        listing.blocks.append(TableBlock(endpoints[shown].astype(str), "Patients"))
        sections.append(listing)
    step("writing files")
    writer.write_tables(extra)
    subtitle = (f"{len(endpoints)} patients, {len(arms)} arm(s). Report date {date}. graftline "
                f"{_version()}.")
    index = writer.out_dir / "index.html"
    title = "Cohort analysis: simulated data" if simulated else "Cohort analysis"
    index.write_text(render_html(title, subtitle, sections, banner=BANNER if simulated else None), encoding="utf-8")


def _adjustable(endpoints: pd.DataFrame) -> list[str]:
    known = [c for c in (*PATIENT_COLUMNS, *TREATMENT_COLUMNS) if c in endpoints.columns and c != "arm"]
    return known or ["age", "disease_risk"]


def _version() -> str:
    try:
        return metadata.version("graftline")
    except metadata.PackageNotFoundError:
        return "unknown"

"""Endpoint definitions: every rule choice as a named, documented option.

Published definitions (the 2024 harmonised EBMT/ASTCT/CIBMTR/APBMT
consensus, CIBMTR forms, MAGIC, NIH, ELN 2022) leave details open: the gap
allowed between the three counts, whether a missing day breaks a run,
whether a transfusion exactly seven days before recovery is inside the
window, how "associated pancytopenia" is measured. Every such choice is an
option of :class:`EndpointDefinitions`; a named preset fixes them all, and
:meth:`EndpointDefinitions.deviations` lists what a user changed so that the
report's Methods section can print it.

Presets
-------
``harmonized2024`` (default)
    Sureda et al., Bone Marrow Transplant 2024;59:832, Table 1 (the EBMT,
    ASTCT, CIBMTR and APBMT panels endorsing Kharfan-Dabaja et al., TCT
    2021;27:642): primary graft failure by day +30 (PBSC, marrow) or +42
    (cord) with associated pancytopenia; secondary graft failure after both
    neutrophil and platelet recovery, not explained by relapse. Counts on
    different days make a run, as the registries' revised forms collect them.
``astct2021``
    The ASTCT text read literally: as ``harmonized2024`` but "first of 3
    successive days" (a day without a value breaks the run).
``cibmtr``
    The rules of earlier CIBMTR-style analyses, for reproducing them: primary
    graft failure by day +28 (cord +42) without the pancytopenia condition,
    secondary graft failure from ANC alone.

Each option's ``metadata`` carries the rule in words and its source (paper
and table or page; [C] read in the source, [NC] not confirmed, hence an
option; "documented choice" where no source speaks).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from graftline.errors import InputError

CompetingEvent = Literal["death", "relapse", "second_infusion"]

# Sources, cited the same way in every option (docs/endpoints.md prints them).
SUREDA_2024 = "Sureda et al., BMT 2024;59:832, Table 1"
ASTCT_2021 = "Kharfan-Dabaja et al., TCT 2021;27:642"
CIBMTR_FORMS = "CIBMTR forms instruction manual (DOMAIN.md 2)"
MAGIC_2016 = "Harris et al., BBMT 2016;22:4-10 (MAGIC)"
NIH_2015 = "Jagasia et al., BBMT 2015;21:389-401 (NIH)"
ELN_2022 = "Döhner et al., Blood 2022;140:1345-1377 (ELN 2022)"
HOLTAN_2015 = "Holtan et al., Blood 2015;125:1333"
MST_CONSENSUS = "Ai et al., Heliyon 2023;9:e14924 (International Microtransplant Interest Group)"


def _opt(default: Any, doc: str, source: str) -> Any:
    return field(default=default, metadata={"doc": doc, "source": source})


@dataclass(frozen=True)
class EndpointDefinitions:
    """All options of the endpoint rules; build one with :meth:`preset`.

    ``EndpointDefinitions()`` is the default preset, ``harmonized2024``.

    Examples
    --------
    >>> d = EndpointDefinitions.preset("harmonized2024").replace(engraftment_max_gap_days=3)
    >>> d.deviations()
    [('engraftment_max_gap_days', None, 3)]
    """

    preset_name: str = _opt("harmonized2024", "Name of the preset these options started from.", "-")

    # --- neutrophil and platelet recovery -------------------------------
    anc_threshold: float = _opt(
        0.5, "ANC threshold for neutrophil engraftment, x10^9/L (0.5 = 500/uL).", f"{SUREDA_2024}; {CIBMTR_FORMS} [C]"
    )
    engraftment_values: int = _opt(
        3, "Number of consecutive values (on different days) at or above the threshold; the engraftment day is the first.", f"{SUREDA_2024}: 'first of 3 successive days' [C]"
    )
    engraftment_max_gap_days: int | None = _opt(
        None, "Largest allowed gap in days between two successive values of a run (None: no limit; sources give none).", "not in sources [NC]"
    )
    engraftment_missing_day_breaks_run: bool = _opt(
        False, "A day without a value breaks the run ('successive days' read literally) rather than only requiring different days (registry forms).", f"{ASTCT_2021} and {SUREDA_2024}: 'successive days'; {CIBMTR_FORMS}: 'different days' [C]"
    )
    engraftment_first_day: int = _opt(
        0, "Counts before this day (relative to day 0) are ignored for recovery endpoints.", "day 0 = infusion, DOMAIN.md 2 [C]"
    )
    engraftment_after_nadir: bool = _opt(
        True, "A run counts only if it starts after the first value below the threshold (platelets: or the first platelet transfusion), i.e. after the post-transplant nadir.", f"{SUREDA_2024}: 'after post-transplantation nadir' [C]"
    )
    same_day_values: Literal["min", "max"] = _opt(
        "min", "How several values of one analyte on the same day combine into that day's value ('min' is conservative).", "not in sources; documented choice"
    )
    derive_anc_from_wbc: bool = _opt(
        True, "On days without an ANC value, ANC = WBC x (% segmented + % bands) / 100.", f"{CIBMTR_FORMS} [C]"
    )
    platelet_threshold: float = _opt(20.0, "Platelet engraftment threshold, x10^9/L.", f"{SUREDA_2024}: '20,000/uL or higher' [C]")
    platelet50_threshold: float = _opt(50.0, "Threshold of the >= 50 variant, x10^9/L.", f"{CIBMTR_FORMS} [C]")
    platelet_transfusion_free_days: int = _opt(
        7, "No platelet transfusion within this many days before the first value of the run.", f"{SUREDA_2024}: 'absence of platelet transfusion for 7 consecutive days' [C]"
    )
    platelet_transfusion_window_inclusive: bool = _opt(
        False, "True: a transfusion exactly N days before the recovery day disqualifies it. False (CIBMTR worked example, June 13 -> June 20): recovery day - last transfusion day >= N is transfusion-free.", f"{CIBMTR_FORMS}, worked example [C]"
    )
    engraftment_not_applicable: Literal["excluded", "event_day0"] = _opt(
        "excluded", "How a patient whose count never fell below the threshold ('not applicable') enters engraftment incidence estimates (report, cuminc, competing()): left out of the analysis (excluded), or counted as engrafted on day 0 (event_day0). The endpoint table itself keeps E_applicable = False either way.", f"{CIBMTR_FORMS}: 'not applicable' [C]; its analysis [NC: option]"
    )
    engraftment_competing: tuple[CompetingEvent, ...] = _opt(
        ("death",), "Events that compete with engraftment when they come first (death; relapse and second_infusion by option).", f"{CIBMTR_FORMS}: death before engraftment [C]; relapse, second infusion [NC: option]"
    )

    # --- graft failure and rejection ---------------------------------------
    graft_failure_modalities: tuple[str, ...] = _opt(
        ("allo_hsct", "auto_hsct"), "Modalities in which a graft is expected to engraft; for others (mst, chemo) graft failure is 'not_applicable'.", "DOMAIN.md 1-2: MST donor cells are never graft failure [C]"
    )
    primary_graft_failure_day_bm: int = _opt(
        30, "Primary graft failure: no neutrophil engraftment by this day, unstimulated bone marrow graft.", f"{SUREDA_2024}: 'by day +30' [C]; earlier CIBMTR analyses day +28"
    )
    primary_graft_failure_day_pbsc: int = _opt(
        30, "Same, peripheral blood stem cells.", f"{SUREDA_2024}: 'by day +30' [C]; earlier CIBMTR analyses day +28"
    )
    primary_graft_failure_day_cord: int = _opt(42, "Same, cord blood.", f"{SUREDA_2024}: 'by day +42' [C]")
    primary_graft_failure_pancytopenia: bool = _opt(
        True, "Primary graft failure also needs associated pancytopenia around the cut-off day: an ANC below anc_threshold and a platelet count below pancytopenia_platelet_below or a platelet transfusion, within graft_failure_window_days of the cut-off.", f"{SUREDA_2024}: 'with associated pancytopenia' [C]; its measurement [NC: option]"
    )
    pancytopenia_platelet_below: float = _opt(
        20.0, "Pancytopenia: a platelet count below this (x10^9/L), or a platelet transfusion, near the cut-off day.", "not in sources; the platelet recovery threshold, documented choice [NC]"
    )
    graft_failure_window_days: int = _opt(
        7, "Primary graft failure needs evidence near the cut-off: a low ANC on days cut-off - N .. cut-off, and (with pancytopenia) a low platelet count or platelet transfusion on days cut-off - N .. cut-off + N. Without it: not_evaluable.", "not in sources; documented choice [NC]"
    )
    secondary_graft_failure_rule: Literal["harmonized", "anc_only"] = _opt(
        "harmonized", "harmonized: a decline after BOTH neutrophil and platelet recovery (ANC below the threshold on secondary_graft_failure_values consecutive values, or renewed platelet-transfusion dependence), not explained by relapse. anc_only: ANC decline after neutrophil engraftment only.", f"{SUREDA_2024}: 'after having met the standard definition of hematopoietic (neutrophils and platelets) recovery' [C]; numeric form [NC: option]"
    )
    secondary_graft_failure_values: int = _opt(
        3, "Secondary graft failure: this many consecutive values with ANC below the ANC threshold after recovery.", "numeric preset, DOMAIN.md 2 [NC: option]"
    )
    secondary_graft_failure_transfusions: int = _opt(
        2, "Renewed platelet-transfusion dependence (harmonized rule): this many platelet transfusions within secondary_graft_failure_transfusion_days after platelet recovery.", f"{SUREDA_2024}: 'necessitating blood products' [C]; count [NC: option]"
    )
    secondary_graft_failure_transfusion_days: int = _opt(
        7, "Window (days, first to last transfusion inclusive) of the renewed transfusion dependence.", "not in sources [NC: option]"
    )
    secondary_graft_failure_relapse_window_days: int | None = _opt(
        14, "A relapse/progression assessment within this many days (before or after) of the decline explains it: not graft failure. None: relapse never explains a decline.", f"{SUREDA_2024}: poor graft function 'in the absence of other explanations, such as disease relapse' [C]; window [NC: option]"
    )
    # --- chimerism -------------------------------------------------------
    chimerism_full_above_pct: float = _opt(
        95.0, "Full donor chimerism (allo-HSCT): donor % above this in every lineage of the assessment; the name says when only one lineage (or unsorted blood) was tested.", f"{SUREDA_2024}: 'Full: >95% for both myeloid and lymphoid lineages' [C]"
    )
    chimerism_mixed_from_pct: float = _opt(
        5.0, "Allo-HSCT: donor % from this value up to the full cut-off is mixed; below it in every lineage of an assessment (or not detected) is donor_loss, i.e. graft rejection - never microchimerism.", f"{SUREDA_2024}: mixed 5-95 % [C]; DOMAIN.md 2 [C]"
    )
    chimerism_assessment_window_days: int = _opt(
        7, "Tests of one patient within this many days before an assessment's day form that assessment (the latest value per lineage group counts), so lineages sorted on different days are read together.", "not in sources; documented choice"
    )
    chimerism_landmark_day: int | None = _opt(
        None, "The deciding assessment is the last one on or before this day (None: the last test); MST microchimerism uses the tests up to this day.", "not in sources; documented choice"
    )
    mst_microchimerism_below_pct: float = _opt(
        1.0, "MST: donor cells detected below this % are microchimerism (at or above it: macrochimerism).", f"DOMAIN.md 1 'commonly < 1 %'; {MST_CONSENSUS} gives no number [NC: option]"
    )
    mst_microchimerism_persistence_days: int = _opt(
        28, "MST: microchimerism is persistent when detected on at least two tests this many days apart or more.", "MST papers report persistence; interval not in sources [NC: option]"
    )

    # --- GVHD ------------------------------------------------------------
    agvhd_grading: Literal["magic", "glucksberg"] = _opt(
        "magic", "Acute GVHD overall grade: MAGIC or modified Glucksberg/Keystone (lower GI stage 4 -> grade III).", f"{MAGIC_2016} [C]; Glucksberg [NC]"
    )
    agvhd_child_weight_kg: float = _opt(50.0, "Below this weight the paediatric lower GI rule (mL/kg/day) applies.", f"{MAGIC_2016}, staging table [C]")
    stool_ml_per_episode: float = _opt(200.0, "Volume of an unmeasured stool episode, adults (mL).", f"{MAGIC_2016} [C]")
    stool_ml_per_kg_per_episode: float = _opt(3.0, "Volume of an unmeasured stool episode, children (mL/kg).", f"{MAGIC_2016} [C]")
    stool_average_days: int = _opt(
        3, "Lower GI is staged on the average stool output (mL, or episodes) of the rows on the assessment day and the days before, over this many days (1: the day's value).", f"{MAGIC_2016}: 3-day average [C]"
    )
    gvhd_entered_values: Literal["fallback", "prefer"] = _opt(
        "fallback", "An entered overall aGVHD grade (agvhd_overall_grade) or cGVHD global severity (cgvhd_global_severity) is used when the row has no organ measure, stage or score (fallback), or wins over them (prefer). Validation reports rows where they disagree.", "not in sources; documented choice (organ measures are reproducible)"
    )
    cgvhd_requires_diagnostic_sign: bool = _opt(
        True, "Chronic GVHD counts from the first assessment meeting the NIH diagnosis (cgvhd_diagnostic_sign, or an entered global severity); organ scores before it, or without it, are not chronic GVHD.", f"{NIH_2015}: diagnostic sign, or distinctive sign confirmed by biopsy or test [C]"
    )
    gvhd_competing: tuple[CompetingEvent, ...] = _opt(
        ("death",), "Events that compete with acute and chronic GVHD (death without GVHD).", "DOMAIN.md 2 acute GVHD [C]"
    )
    cgvhd_event_severity: Literal["mild", "moderate", "severe"] = _opt(
        "mild", "Time to chronic GVHD counts the first assessment with NIH global severity at least this.", f"{NIH_2015} [C]; threshold documented choice"
    )
    grfs_agvhd_min_grade: int = _opt(3, "GRFS counts acute GVHD of at least this grade.", f"{HOLTAN_2015} [C]")
    grfs_cgvhd_requires_systemic_therapy: bool = _opt(
        True, "GRFS counts chronic GVHD only when systemic therapy was given.", f"{HOLTAN_2015} [C]"
    )

    # --- disease, infections, immune recovery, safety -------------------
    relapse_statuses: tuple[str, ...] = _opt(("relapse", "progression"), "Disease statuses that count as relapse/progression.", "DOMAIN.md 2 disease endpoints [C]")
    relapse_at_disease_death: bool = _opt(
        True, "A death whose cause is the disease (relapse, progression) with no relapse recorded on or before it is a relapse on the death day, not non-relapse mortality (validation names the patient).", "registry practice, DOMAIN.md 2 [S]; documented choice"
    )
    cr_definition: Literal["cr", "cr_crh", "cr_crh_cri"] = _opt(
        "cr", "What cr_achieved (and EFS's induction success) counts: CR only, CR or CRh, or CR, CRh or CRi.", f"{ELN_2022}: response categories; composite CR/CRh/CRi as reported options [C]"
    )
    response_window_days: int | None = _opt(
        None, "best_response, cr_achieved and EFS's induction failure use response assessments up to this many days after the time origin (None: all before relapse).", f"{ELN_2022}: response after induction; window documented choice"
    )
    time_origin: Literal["infusion", "treatment_start", "randomisation"] = _opt(
        "infusion", "Day 0 of the disease and survival endpoints (relapse, nrm, os, pfs, efs) and of the response window: the cell infusion, treatments.treatment_start_day (day 1 of induction), or patients.randomisation_day. A patient without that day has no value for them.", f"{ELN_2022}: time from randomisation or treatment start [C]"
    )
    infection_first_day: int = _opt(0, "Infections before this day are ignored.", "DOMAIN.md 2 infections; documented choice")
    infection_count_days: int = _opt(100, "infections_by_day100 counts infections on days infection_first_day..this day.", "DOMAIN.md 2 infections [C]")
    cd4_threshold: float = _opt(0.2, "Immune reconstitution: CD4+ T cells at or above this, x10^9/L (0.2 = 200/uL).", "DOMAIN.md 2 immune reconstitution [NC: option]")
    alc_threshold: float = _opt(0.5, "Lymphocyte recovery: ALC at or above this, x10^9/L.", "DOMAIN.md 2 immune reconstitution [NC: option]")
    immune_values: int = _opt(1, "Consecutive values (different days) needed for CD4 and ALC recovery.", "not in sources; documented choice")
    immune_first_day: int = _opt(1, "CD4 and ALC values before this day are ignored (pre-infusion counts are not recovery).", "documented choice")
    sae_min_grade: int = _opt(3, "Serious adverse event: CTCAE grade at or above this.", "DOMAIN.md 2 safety [C]")
    sae_attributions: tuple[str, ...] = _opt(
        ("msc_infusion", "donor_cells", "graft"), "Attributions that mean 'related to the cell infusion'.", "DOMAIN.md 2 safety [C]"
    )

    def __post_init__(self) -> None:
        if "PRESETS" in globals() and self.preset_name not in PRESETS:
            raise InputError(f"unknown endpoint preset {self.preset_name!r}; expected one of {sorted(PRESETS)}")
        counts = (self.engraftment_values, self.secondary_graft_failure_values, self.secondary_graft_failure_transfusions, self.immune_values)
        if min(counts) < 1:
            raise InputError("the number of consecutive values (or transfusions) must be at least 1")
        if self.engraftment_max_gap_days is not None and self.engraftment_max_gap_days < 1:
            raise InputError("engraftment_max_gap_days must be at least 1 (or None for no limit)")
        if not 0 < self.chimerism_mixed_from_pct <= self.chimerism_full_above_pct <= 100:
            raise InputError("chimerism cut-offs must satisfy 0 < chimerism_mixed_from_pct <= chimerism_full_above_pct <= 100")
        if not 0 < self.mst_microchimerism_below_pct <= 100:
            raise InputError("mst_microchimerism_below_pct must be above 0 and at most 100")
        if self.stool_average_days < 1:
            raise InputError("stool_average_days must be at least 1 (1: no averaging)")
        for name in ("graft_failure_window_days", "secondary_graft_failure_transfusion_days", "chimerism_assessment_window_days", "mst_microchimerism_persistence_days"):
            if getattr(self, name) < 0:
                raise InputError(f"{name} must be 0 or more, not {getattr(self, name)}")
        for name in ("engraftment_competing", "gvhd_competing"):
            unknown = set(getattr(self, name)) - {"death", "relapse", "second_infusion"}
            if unknown:
                raise InputError(f"{name}: unknown competing event(s) {sorted(unknown)}; expected death, relapse, second_infusion")
        for f, hint in typing.get_type_hints(type(self)).items():
            if typing.get_origin(hint) is Literal and getattr(self, f) not in typing.get_args(hint):
                allowed = " or ".join(repr(a) for a in typing.get_args(hint))
                raise InputError(f"{f} must be {allowed}, not {getattr(self, f)!r}")

    # --- construction ------------------------------------------------------
    @classmethod
    def preset(cls, name: str = "harmonized2024") -> EndpointDefinitions:
        """The named preset: ``harmonized2024`` (default), ``astct2021`` or ``cibmtr``."""
        try:
            return PRESETS[name]
        except KeyError:
            raise InputError(f"unknown endpoint preset {name!r}; expected one of {sorted(PRESETS)}") from None

    def replace(self, **changes: Any) -> EndpointDefinitions:
        """A copy with some options changed (the preset name is kept)."""
        names = {f.name for f in dataclasses.fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise InputError(f"unknown endpoint option(s) {unknown}; see docs/endpoints.md for the list")
        return dataclasses.replace(self, **changes)

    def with_options(self, pairs: list[str]) -> EndpointDefinitions:
        """Apply ``key=value`` strings (the CLI's ``--option``), converting by the option's type."""
        changes: dict[str, Any] = {}
        hints = typing.get_type_hints(type(self))
        for pair in pairs:
            key, sep, text = pair.partition("=")
            key = key.strip()
            if not sep or key not in hints or key == "preset_name":
                raise InputError(f"--option {pair!r}: expected key=value with key one of the options in docs/endpoints.md")
            changes[key] = _parse_option(key, text.strip(), hints[key])
        return self.replace(**changes)

    # --- description ------------------------------------------------------
    def deviations(self) -> list[tuple[str, Any, Any]]:
        """Options that differ from the preset: ``(name, preset value, value)``."""
        base = PRESETS[self.preset_name]
        return [
            (f.name, getattr(base, f.name), getattr(self, f.name))
            for f in dataclasses.fields(self)
            if f.name != "preset_name" and getattr(base, f.name) != getattr(self, f.name)
        ]

    def methods_text(self) -> str:
        """One paragraph for a report's Methods section: preset and deviations.

        Examples
        --------
        >>> EndpointDefinitions.preset("astct2021").replace(anc_threshold=1.0).methods_text()
        'Endpoints were derived with the astct2021 definition preset of graftline (docs/endpoints.md), with these deviations: anc_threshold = 1.0 (preset 0.5).'
        """
        changes = self.deviations()
        text = f"Endpoints were derived with the {self.preset_name} definition preset of graftline (docs/endpoints.md)"
        if not changes:
            return text + ", without deviations."
        listed = "; ".join(f"{name} = {value!r} (preset {base!r})" for name, base, value in changes)
        return f"{text}, with these deviations: {listed}."

    def describe(self) -> list[dict[str, Any]]:
        """Every option with its value, rule in words and source (for docs and reports)."""
        return [
            {"option": f.name, "value": getattr(self, f.name), "rule": f.metadata["doc"], "source": f.metadata["source"]}
            for f in dataclasses.fields(self)
            if f.name != "preset_name"
        ]

    # --- stored with a derived endpoint table ------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The preset, every option's value and the deviations, as JSON-ready data.

        Written beside every endpoint table graftline derives (see
        :mod:`graftline.endpoints.stored`), so that the commands reading the
        table later use and print the same definitions.
        """
        return {
            "preset": self.preset_name,
            "options": {f.name: _jsonable(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name != "preset_name"},
            "deviations": [[name, _jsonable(base), _jsonable(value)] for name, base, value in self.deviations()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, where: str = "the endpoint definitions") -> EndpointDefinitions:
        """Rebuild the definitions written by :meth:`to_dict`.

        Options missing from ``data`` (written by an older graftline) take
        the preset's value; unknown options are an error, because the table
        was then derived by rules this version does not know.
        """
        if not isinstance(data, dict) or not isinstance(data.get("preset"), str) or not isinstance(data.get("options", {}), dict):
            raise InputError(f"{where}: expected an object with 'preset' and 'options'")
        base = cls.preset(data["preset"])
        hints = typing.get_type_hints(cls)
        options = data.get("options", {})
        unknown = sorted(set(options) - set(hints) - {"preset_name"})
        if unknown:
            raise InputError(f"{where}: unknown endpoint option(s) {unknown}; the table was derived by another graftline version")
        changes = {}
        for name, value in options.items():
            is_tuple = typing.get_origin(hints[name]) is tuple
            changes[name] = tuple(value) if is_tuple and isinstance(value, list) else value
        return base.replace(**changes)

    def to_json(self) -> str:
        """:meth:`to_dict` as indented JSON (deterministic: option order, no timestamps)."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, *, where: str = "the endpoint definitions") -> EndpointDefinitions:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not valid JSON ({error.msg} at line {error.lineno})") from None
        return cls.from_dict(data, where=where)

    def summary(self) -> str:
        """One line: the preset and the number of deviations, e.g. for a command's output."""
        changes = self.deviations()
        if not changes:
            return f"preset {self.preset_name}, no deviations"
        listed = ", ".join(f"{name}={_text(value)}" for name, _, value in changes)
        return f"preset {self.preset_name} with {len(changes)} deviation(s): {listed}"

    def primary_graft_failure_day(self, graft_source: str) -> int | None:
        return {
            "bm": self.primary_graft_failure_day_bm,
            "pbsc": self.primary_graft_failure_day_pbsc,
            "cord": self.primary_graft_failure_day_cord,
        }.get(graft_source)


def _parse_option(key: str, text: str, hint: Any) -> Any:
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    optional = origin in (typing.Union, types.UnionType) and type(None) in args
    if optional and text.lower() in ("none", "null", ""):
        return None
    base = next(a for a in args if a is not type(None)) if optional else hint
    base_origin = typing.get_origin(base)
    try:
        if base is bool:
            if text.lower() in ("true", "yes", "1"):
                return True
            if text.lower() in ("false", "no", "0"):
                return False
            raise ValueError(text)
        if base is int:
            return int(text)
        if base is float:
            return float(text)
        if base_origin is tuple:
            return tuple(item.strip() for item in text.split(",") if item.strip())
        if base_origin is Literal:
            if text not in typing.get_args(base):
                raise ValueError(text)
            return text
        return text
    except ValueError:
        raise InputError(f"--option {key}={text!r}: not a valid value for {key} (expected {hint})") from None


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _text(value: Any) -> str:
    """An option value as a person writes it in --option (tuples comma-separated)."""
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value) or "(none)"
    return str(value).lower() if isinstance(value, bool) else str(value)


HARMONIZED2024 = EndpointDefinitions()
ASTCT2021 = dataclasses.replace(HARMONIZED2024, preset_name="astct2021", engraftment_missing_day_breaks_run=True)
CIBMTR = dataclasses.replace(
    HARMONIZED2024,
    preset_name="cibmtr",
    primary_graft_failure_day_bm=28,
    primary_graft_failure_day_pbsc=28,
    primary_graft_failure_pancytopenia=False,
    secondary_graft_failure_rule="anc_only",
    secondary_graft_failure_relapse_window_days=None,
)

#: Named presets; see the module docstring and docs/endpoints.md for what each fixes.
PRESETS: dict[str, EndpointDefinitions] = {"harmonized2024": HARMONIZED2024, "astct2021": ASTCT2021, "cibmtr": CIBMTR}
DEFAULT_PRESET = "harmonized2024"

"""Endpoint definitions: every rule choice as a named, documented option.

Published definitions (CIBMTR, ASTCT 2021, MAGIC, NIH) leave details open:
the gap allowed between the three counts, whether a missing day breaks a
run, whether a transfusion exactly seven days before recovery is inside the
window, the primary graft failure cut-off. Every such choice is an option of
:class:`EndpointDefinitions`; a named preset fixes them all, and
:meth:`EndpointDefinitions.deviations` lists what a user changed so that the
report's Methods section can print it.

Each option's ``metadata`` carries the rule in words and its source (section
of ``DOMAIN.md`` and the tag there: [C] read in the source, [S] secondary,
[NC] not confirmed, hence an option).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

from graftline.errors import InputError

CompetingEvent = Literal["death", "relapse", "second_infusion"]


def _opt(default: Any, doc: str, source: str) -> Any:
    return field(default=default, metadata={"doc": doc, "source": source})


@dataclass(frozen=True)
class EndpointDefinitions:
    """All options of the endpoint rules; build one with :meth:`preset`.

    Examples
    --------
    >>> d = EndpointDefinitions.preset("cibmtr").replace(engraftment_max_gap_days=3)
    >>> d.deviations()
    [('engraftment_max_gap_days', None, 3)]
    """

    preset_name: str = _opt("cibmtr", "Name of the preset these options started from.", "-")

    # --- neutrophil and platelet recovery -------------------------------
    anc_threshold: float = _opt(
        0.5, "ANC threshold for neutrophil engraftment, x10^9/L (0.5 = 500/uL).", "DOMAIN.md 2 neutrophil, CIBMTR [C]"
    )
    engraftment_values: int = _opt(
        3, "Number of consecutive values (on different days) at or above the threshold; the engraftment day is the first.", "DOMAIN.md 2, CIBMTR and ASTCT 2021 [C]"
    )
    engraftment_max_gap_days: int | None = _opt(
        None, "Largest allowed gap in days between two successive values of a run (None: no limit; sources give none).", "DOMAIN.md 2 ambiguity [NC]"
    )
    engraftment_missing_day_breaks_run: bool = _opt(
        False, "A day without a value breaks the run ('successive days', ASTCT 2021) rather than only requiring different days (CIBMTR).", "DOMAIN.md 2 ambiguity; ASTCT 2021 'first of 3 successive days' [C]"
    )
    engraftment_first_day: int = _opt(
        0, "Counts before this day (relative to day 0) are ignored for recovery endpoints.", "day 0 = infusion, DOMAIN.md 2 [C]"
    )
    engraftment_after_nadir: bool = _opt(
        True, "A run counts only if it starts after the first value below the threshold (platelets: or the first platelet transfusion), i.e. after the post-transplant nadir.", "DOMAIN.md 2 'count only after the post-transplant nadir' [C]"
    )
    same_day_values: Literal["min", "max"] = _opt(
        "min", "How several values of one analyte on the same day combine into that day's value ('min' is conservative).", "not in sources; documented choice"
    )
    derive_anc_from_wbc: bool = _opt(
        True, "On days without an ANC value, ANC = WBC x (% segmented + % bands) / 100.", "DOMAIN.md 2, CIBMTR [C]"
    )
    platelet_threshold: float = _opt(20.0, "Platelet engraftment threshold, x10^9/L.", "DOMAIN.md 2 platelet, CIBMTR/ASTCT [C]")
    platelet50_threshold: float = _opt(50.0, "Threshold of the >= 50 variant, x10^9/L.", "DOMAIN.md 2 platelet [C]")
    platelet_transfusion_free_days: int = _opt(
        7, "No platelet transfusion within this many days before the first value of the run.", "DOMAIN.md 2 platelet, CIBMTR/ASTCT [C]"
    )
    platelet_transfusion_window_inclusive: bool = _opt(
        False, "True: a transfusion exactly N days before the recovery day disqualifies it. False (CIBMTR worked example, June 13 -> June 20): recovery day - last transfusion day >= N is transfusion-free.", "DOMAIN.md 2 platelet, CIBMTR worked example [C]"
    )
    engraftment_competing: tuple[CompetingEvent, ...] = _opt(
        ("death", "relapse", "second_infusion"), "Events that compete with engraftment when they come first.", "DOMAIN.md 2 survival endpoints [NC: option]"
    )

    # --- graft failure ---------------------------------------------------
    graft_failure_modalities: tuple[str, ...] = _opt(
        ("allo_hsct", "auto_hsct"), "Modalities in which a graft is expected to engraft; for others (mst, chemo) graft failure is 'not_applicable'.", "DOMAIN.md 1 and 2 chimerism: MST donor cells are never graft failure [C]"
    )
    primary_graft_failure_day_bm: int = _opt(28, "Primary graft failure: no neutrophil engraftment by this day, bone marrow graft.", "DOMAIN.md 2 graft failure, +28/+30 [C, option]")
    primary_graft_failure_day_pbsc: int = _opt(28, "Same, peripheral blood stem cells.", "DOMAIN.md 2 graft failure [C, option]")
    primary_graft_failure_day_cord: int = _opt(42, "Same, cord blood.", "DOMAIN.md 2 graft failure [C]")
    secondary_graft_failure_values: int = _opt(
        3, "Secondary graft failure: this many consecutive values with ANC below the ANC threshold after engraftment.", "DOMAIN.md 2 graft failure, numeric preset [C, preset]"
    )

    # --- chimerism -------------------------------------------------------
    chimerism_full_above_pct: float = _opt(95.0, "Full donor chimerism: donor % above this in every lineage tested that day.", "DOMAIN.md 2 chimerism [C]")
    chimerism_mixed_from_pct: float = _opt(5.0, "Mixed chimerism: donor % from this value up to the full cut-off.", "DOMAIN.md 2 chimerism [C, common usage]")
    chimerism_micro_below_pct: float = _opt(1.0, "Microchimerism: detected donor % below this value.", "DOMAIN.md 2 chimerism [C]")
    chimerism_between_micro_and_mixed: Literal["mixed", "microchimerism"] = _opt(
        "mixed", "Category for detected values between the microchimerism and mixed cut-offs (1-5 % by default), which the sources leave open.", "DOMAIN.md 2 chimerism gap [NC]"
    )
    chimerism_landmark_day: int | None = _opt(
        None, "The deciding test is the last one on or before this day (None: the last test).", "not in sources; documented choice"
    )

    # --- GVHD ------------------------------------------------------------
    agvhd_grading: Literal["magic", "glucksberg"] = _opt(
        "magic", "Acute GVHD overall grade: MAGIC (Harris 2016) or modified Glucksberg/Keystone (lower GI stage 4 -> grade III).", "DOMAIN.md 2 acute GVHD [C]; Glucksberg [NC]"
    )
    agvhd_child_weight_kg: float = _opt(50.0, "Below this weight the paediatric lower GI rule (mL/kg/day) applies.", "DOMAIN.md 2 MAGIC table [C]")
    stool_ml_per_episode: float = _opt(200.0, "Volume of an unmeasured stool episode, adults (mL).", "DOMAIN.md 2 MAGIC conventions [C]")
    stool_ml_per_kg_per_episode: float = _opt(3.0, "Volume of an unmeasured stool episode, children (mL/kg).", "DOMAIN.md 2 MAGIC conventions [C]")
    gvhd_competing: tuple[CompetingEvent, ...] = _opt(
        ("death",), "Events that compete with acute and chronic GVHD (death without GVHD).", "DOMAIN.md 2 acute GVHD [C]"
    )
    cgvhd_event_severity: Literal["mild", "moderate", "severe"] = _opt(
        "mild", "Time to chronic GVHD counts the first assessment with NIH global severity at least this.", "DOMAIN.md 2 NIH [C]; threshold documented choice"
    )
    grfs_agvhd_min_grade: int = _opt(3, "GRFS counts acute GVHD of at least this grade.", "DOMAIN.md 2 GRFS, Holtan 2015 [C]")
    grfs_cgvhd_requires_systemic_therapy: bool = _opt(
        True, "GRFS counts chronic GVHD only when systemic therapy was given.", "DOMAIN.md 2 GRFS, Holtan 2015 [C]"
    )

    # --- disease, infections, immune recovery, safety -------------------
    relapse_statuses: tuple[str, ...] = _opt(("relapse", "progression"), "Disease statuses that count as relapse/progression.", "DOMAIN.md 2 disease endpoints [C]")
    cr_includes_cri: bool = _opt(False, "cr_achieved also counts CR with incomplete count recovery (CRi).", "not in sources; documented choice")
    response_window_days: int | None = _opt(None, "best_response uses assessments up to this day (None: all before relapse).", "DOMAIN.md 2 CR rate; documented choice")
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
        if self.engraftment_values < 1 or self.secondary_graft_failure_values < 1 or self.immune_values < 1:
            raise InputError("the number of consecutive values must be at least 1")
        if self.engraftment_max_gap_days is not None and self.engraftment_max_gap_days < 1:
            raise InputError("engraftment_max_gap_days must be at least 1 (or None for no limit)")
        if not self.chimerism_micro_below_pct <= self.chimerism_mixed_from_pct <= self.chimerism_full_above_pct:
            raise InputError("chimerism cut-offs must satisfy micro <= mixed <= full")
        for name in ("engraftment_competing", "gvhd_competing"):
            unknown = set(getattr(self, name)) - {"death", "relapse", "second_infusion"}
            if unknown:
                raise InputError(f"{name}: unknown competing event(s) {sorted(unknown)}; expected death, relapse, second_infusion")
        if self.agvhd_grading not in ("magic", "glucksberg"):
            raise InputError(f"agvhd_grading must be 'magic' or 'glucksberg', not {self.agvhd_grading!r}")

    # --- construction ------------------------------------------------------
    @classmethod
    def preset(cls, name: str = "cibmtr") -> EndpointDefinitions:
        """The named preset: ``cibmtr`` (default) or ``astct2021``."""
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


CIBMTR = EndpointDefinitions()
ASTCT2021 = dataclasses.replace(CIBMTR, preset_name="astct2021", engraftment_missing_day_breaks_run=True)

#: Named presets. ``cibmtr``: three values on different days, any gap.
#: ``astct2021``: three successive days (a day without a value breaks the run).
PRESETS: dict[str, EndpointDefinitions] = {"cibmtr": CIBMTR, "astct2021": ASTCT2021}

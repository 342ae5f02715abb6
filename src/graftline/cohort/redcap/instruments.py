"""What REDCap needs beyond the canonical schema: instruments, labels, choice labels, branching.

The data dictionary (:mod:`graftline.cohort.redcap.dictionary`) is derived
from :mod:`graftline.cohort.schema`; this module adds only what the schema
does not say: which instrument holds each table, whether it repeats, the
field-name prefix, the words a data manager sees (labels, choice labels,
notes) and when a field is shown. A schema column without an entry here
gets a label made from its name, and ``tests/cohort/test_redcap_dictionary.py``
fails until one is written, so schema changes cannot drift silently.

Clinical wording follows DOMAIN.md: MAGIC acute GVHD organ stages (Harris,
BBMT 2016;22:4-10), NIH chronic GVHD organ scores 0-3 (Jagasia, BBMT
2015;21:389), CTCAE v5 grades.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Instrument:
    """A REDCap instrument (form) holding one canonical table."""

    form: str
    table: str
    #: Field names are ``<prefix>_<column>``.
    prefix: str
    #: A repeating instrument: one instance per row of the table.
    repeating: bool
    #: Column and time names in form order; the others follow in schema order.
    order: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The instrument's label as REDCap shows it (and writes it in a labels export)."""
        return self.form.replace("_", " ").title()


INSTRUMENTS: tuple[Instrument, ...] = (
    Instrument("patient", "patients", "pt", False),
    Instrument("treatment", "treatments", "tx", False),
    Instrument("daily_labs", "labs", "lab", True, ("date", "day")),
    Instrument("transfusions", "transfusions", "tf", True, ("date", "day")),
    Instrument("gvhd_assessment", "gvhd_assessments", "gvhd", True, (
        "date", "day", "gvhd_diagnosed", "alternative_cause", "alternative_cause_organ",
        "skin_bsa_pct", "skin_bullae", "bilirubin_mg_dl", "upper_gi", "stool_ml_day",
        "stool_episodes_day", "lower_gi_severe", "skin_stage", "liver_stage", "lower_gi_stage",
        "cgvhd_skin", "cgvhd_mouth", "cgvhd_eyes", "cgvhd_gi", "cgvhd_liver", "cgvhd_lungs", "cgvhd_joints",
        "cgvhd_genital", "cgvhd_diagnostic_sign", "agvhd_overall_grade", "cgvhd_global_severity",
        "systemic_therapy",
    )),
    Instrument("chimerism", "chimerism", "chim", True, ("date", "day")),
    Instrument("disease_assessment", "disease_assessments", "dis", True, ("date", "day")),
    Instrument("infection", "infections", "inf", True, ("date", "day")),
    Instrument("adverse_event", "adverse_events", "ae", True, ("date", "day")),
    Instrument("follow_up", "followup", "fu", False,
               ("last_contact", "last_contact_day", "vital_status", "death_date", "death_day", "cause")),
)

RECORD_ID = "record_id"
RECORD_ID_LABEL = "Patient ID"
RECORD_ID_NOTE = ("Pseudonymous study ID (no name, hospital number or date of birth); "
                  "graftline's patient_id.")


@dataclass(frozen=True)
class FieldText:
    """What a data manager sees for one canonical column, and how it is entered.

    ``factor`` makes the field hold the value in a larger unit (``"1e6"``:
    the field holds x10^6/kg, the canonical column cells/kg); ``choices``
    labels the values of an integer scale (organ stages, grades), which
    then becomes a dropdown.
    """

    label: str
    note: str | None = None
    name: str | None = None
    factor: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    branching: str = ""
    section: str = ""
    identifier: bool = False


_not_chemo = "[tx_modality] <> 'chemo'"

#: Labels and details per (table, column); times are labelled in TIME_LABELS.
FIELD_TEXT: dict[tuple[str, str], FieldText] = {
    ("patients", "sex"): FieldText("Sex", note=""),
    ("patients", "birth_date"): FieldText("Date of birth", note="Age at day 0 is derived from it.", identifier=True),
    ("patients", "age"): FieldText("Age at day 0 (years)", note="Only if the date of birth is not recorded.",
                                   branching="[pt_birth_date] = ''"),
    ("patients", "diagnosis"): FieldText("Diagnosis", note="e.g. aml, all, mds, lymphoma"),
    ("patients", "disease_risk"): FieldText("Disease risk at day 0",
                                            note="e.g. DRI low/intermediate/high/very_high or ELN favorable/intermediate/adverse"),
    ("patients", "weight_kg"): FieldText("Body weight at day 0 (kg)", note="Needed for the paediatric stool-volume rule."),
    ("treatments", "day0_date"): FieldText("Day 0: date of the cell infusion (or of treatment start for chemotherapy alone)",
                                           note="Needed whenever other forms give dates."),
    ("treatments", "modality"): FieldText("Therapy", note=""),
    ("treatments", "arm"): FieldText("Study arm or group", note="Defaults to the therapy."),
    ("treatments", "donor_type"): FieldText("Donor", note="", branching=_not_chemo),
    ("treatments", "hla_match"): FieldText("HLA match", note="As reported, e.g. 10/10, 8/8, 5/10.",
                                           branching="[tx_modality] = 'allo_hsct' or [tx_modality] = 'mst'"),
    ("treatments", "graft_source"): FieldText("Graft source", note="", branching=_not_chemo),
    ("treatments", "cd34_per_kg"): FieldText("CD34+ cells infused (x10^6/kg)", note="e.g. 4.5 for 4.5 x 10^6 CD34+ cells/kg",
                                             name="tx_cd34_e6_per_kg", factor="1e6", branching=_not_chemo),
    ("treatments", "msc"): FieldText("Mesenchymal stromal cells (MSC) co-infused?", note="", branching=_not_chemo),
    ("treatments", "msc_source"): FieldText("MSC source", note="", branching="[tx_msc] = '1'"),
    ("treatments", "msc_dose_per_kg"): FieldText("MSC dose (x10^6/kg)", note="e.g. 1.5 for 1.5 x 10^6 MSC/kg",
                                                 name="tx_msc_dose_e6_per_kg", factor="1e6", branching="[tx_msc] = '1'"),
    ("treatments", "conditioning"): FieldText("Conditioning or chemotherapy regimen",
                                              note="e.g. mac, ric, nma, or the regimen's name"),
    ("transfusions", "product"): FieldText("Product", note=""),
    ("transfusions", "units"): FieldText("Units or bags", note=""),
    ("gvhd_assessments", "skin_bsa_pct"): FieldText(
        "Skin: active erythema (% body surface area)", note="", section="Acute GVHD: organ findings (staged by MAGIC)"),
    ("gvhd_assessments", "skin_bullae"): FieldText(
        "Skin: generalised erythroderma with bullae and desquamation > 5 % BSA?", note=""),
    ("gvhd_assessments", "bilirubin_mg_dl"): FieldText("Liver: total bilirubin (mg/dL)", note="Only findings attributed to GVHD are staged."),
    ("gvhd_assessments", "upper_gi"): FieldText("Upper GI: persistent nausea, vomiting or anorexia?", note=""),
    ("gvhd_assessments", "stool_ml_day"): FieldText(
        "Lower GI: diarrhoea volume (mL/day)", note="3-day average; an unmeasured episode counts as 200 mL."),
    ("gvhd_assessments", "stool_episodes_day"): FieldText(
        "Lower GI: diarrhoea episodes per day", note="Only when the volume is not measured.",
        branching="[gvhd_stool_ml_day] = ''"),
    ("gvhd_assessments", "lower_gi_severe"): FieldText(
        "Lower GI: severe abdominal pain with or without ileus, or grossly bloody stool?", note=""),
    ("gvhd_assessments", "skin_stage"): FieldText(
        "Skin stage", note="", section="Acute GVHD: organ stages (only if staged at the bedside instead of the findings above)",
        choices=(("0", "0: no active rash"), ("1", "1: rash < 25 % BSA"), ("2", "2: rash 25-50 % BSA"),
                 ("3", "3: rash > 50 % BSA"),
                 ("4", "4: generalised erythroderma with bullae and desquamation > 5 % BSA"))),
    ("gvhd_assessments", "liver_stage"): FieldText(
        "Liver stage", note="",
        choices=(("0", "0: bilirubin < 2 mg/dL"), ("1", "1: bilirubin 2-3 mg/dL"), ("2", "2: bilirubin 3.1-6 mg/dL"),
                 ("3", "3: bilirubin 6.1-15 mg/dL"), ("4", "4: bilirubin > 15 mg/dL"))),
    ("gvhd_assessments", "lower_gi_stage"): FieldText(
        "Lower GI stage", note="",
        choices=(("0", "0: < 500 mL/day or < 3 episodes/day"), ("1", "1: 500-999 mL/day or 3-4 episodes/day"),
                 ("2", "2: 1000-1500 mL/day or 5-7 episodes/day"), ("3", "3: > 1500 mL/day or > 7 episodes/day"),
                 ("4", "4: severe abdominal pain with or without ileus, or grossly bloody stool"))),
    ("gvhd_assessments", "systemic_therapy"): FieldText(
        "Systemic immunosuppressive therapy started or escalated for GVHD?", note="", section="Treatment"),
    ("gvhd_assessments", "gvhd_diagnosed"): FieldText(
        "Findings attributed to GVHD by the clinician?", name="gvhd_diagnosed",
        note="No: nothing in this assessment is staged for acute GVHD. Empty: attributed, unless another cause is given."),
    ("gvhd_assessments", "alternative_cause"): FieldText(
        "Another cause of (some of) the findings", name="gvhd_alternative_cause",
        note="MAGIC stages only findings attributed to GVHD (e.g. SOS/VOD for bilirubin, C. difficile for diarrhoea)."),
    ("gvhd_assessments", "alternative_cause_organ"): FieldText(
        "Organ(s) the other cause explains", name="gvhd_alt_cause_organ", note="",
        branching="[gvhd_alternative_cause] <> ''"),
    ("gvhd_assessments", "cgvhd_diagnostic_sign"): FieldText(
        "Chronic GVHD: a diagnostic sign, or a distinctive sign confirmed by biopsy or another test?",
        name="gvhd_cgvhd_diagnostic_sign", note="NIH diagnosis (Jagasia 2015); organ scores alone are not a diagnosis."),
    ("gvhd_assessments", "agvhd_overall_grade"): FieldText(
        "Overall acute GVHD grade", name="gvhd_overall_grade",
        note="Only where organ findings or stages are not collected (e.g. a registry form).",
        section="Where only the overall grade or severity is collected",
        choices=(("0", "0: none"), ("1", "I"), ("2", "II"), ("3", "III"), ("4", "IV"))),
    ("gvhd_assessments", "cgvhd_global_severity"): FieldText(
        "Chronic GVHD: NIH global severity", name="gvhd_cgvhd_severity",
        note="Only where organ scores are not collected."),
    ("chimerism", "lineage"): FieldText("Cells tested", note=""),
    ("chimerism", "donor_pct"): FieldText("Donor cells (%)", note="Leave empty when donor cells were not detected (never 0)."),
    ("chimerism", "method"): FieldText("Assay", note=""),
    ("chimerism", "lod_pct"): FieldText("Assay's limit of detection (%)", note="STR-PCR 1-5 %, qPCR/InDel about 0.1 %"),
    ("disease_assessments", "status"): FieldText("Disease status", note=""),
    ("disease_assessments", "method"): FieldText("Assessed by", note="e.g. marrow morphology, flow MRD"),
    ("infections", "kind"): FieldText("Kind of infection", note=""),
    ("infections", "organism"): FieldText("Organism", note="e.g. CMV, E. coli, Aspergillus"),
    ("infections", "site"): FieldText("Site", note="e.g. blood, lung"),
    ("infections", "severity"): FieldText("Severity", note=""),
    ("adverse_events", "term"): FieldText("CTCAE term", note="e.g. Febrile neutropenia"),
    ("adverse_events", "ctcae_grade"): FieldText(
        "CTCAE grade", note="",
        choices=(("1", "1: mild"), ("2", "2: moderate"), ("3", "3: severe or medically significant"),
                 ("4", "4: life-threatening"), ("5", "5: death related to the event"))),
    ("adverse_events", "attributed_to"): FieldText("Attributed to", note=""),
    ("followup", "vital_status"): FieldText("Vital status at last contact", note=""),
    ("followup", "cause"): FieldText("Cause of death", note="", branching="[fu_vital_status] = 'dead'"),
}

_CGVHD_ORGANS = {
    "skin": "skin", "mouth": "mouth", "eyes": "eyes", "gi": "GI tract", "liver": "liver",
    "lungs": "lungs", "joints": "joints and fascia", "genital": "genital tract",
}
_CGVHD_SCORES = (("0", "0: none"), ("1", "1: mild"), ("2", "2: moderate"), ("3", "3: severe"))
for _organ, _words in _CGVHD_ORGANS.items():
    FIELD_TEXT[("gvhd_assessments", f"cgvhd_{_organ}")] = FieldText(
        f"Chronic GVHD, {_words}: NIH organ score", note="", name=f"gvhd_cgvhd_{_organ}", choices=_CGVHD_SCORES,
        section="Chronic GVHD: NIH organ scores (0-3)" if _organ == "skin" else "",
    )

#: What each time is, for its two fields (date, and days from day 0 when the date is unknown).
TIME_LABELS: dict[tuple[str, str], str] = {
    ("treatments", "second_infusion_day"): "Second cell infusion (boost or second transplant), if any",
    ("treatments", "treatment_start_day"): "Start of treatment (day 1 of induction chemotherapy, or of conditioning)",
    ("patients", "randomisation_day"): "Randomisation or study entry, if any",
    ("labs", "day"): "Blood draw",
    ("transfusions", "day"): "Transfusion",
    ("gvhd_assessments", "day"): "Assessment",
    ("chimerism", "day"): "Sample",
    ("disease_assessments", "day"): "Assessment",
    ("infections", "day"): "Onset",
    ("adverse_events", "day"): "Onset",
    ("followup", "last_contact_day"): "Last contact",
    ("followup", "death_day"): "Death",
}
#: Times shown only under a condition (on top of "the date is empty" for the day field).
TIME_BRANCHING: dict[tuple[str, str], str] = {
    ("followup", "death_day"): "[fu_vital_status] = 'dead'",
    ("treatments", "second_infusion_day"): _not_chemo,
}

#: Label of every category value (the choice's label; its code is the value itself).
VALUE_LABELS: dict[str, str] = {
    # sex
    "male": "Male", "female": "Female", "other": "Other", "unknown": "Unknown",
    # modality
    "allo_hsct": "Allogeneic HSCT",
    "mst": "Microtransplantation (MST): chemotherapy + HLA-mismatched G-CSF-mobilised PBSC",
    "chemo": "Chemotherapy alone",
    "auto_hsct": "Autologous HSCT",
    # graft source, MSC source
    "bm": "Bone marrow", "pbsc": "Peripheral blood stem cells (G-CSF mobilised)", "cord": "Cord blood",
    "none": "None", "umbilical_cord": "Umbilical cord", "adipose": "Adipose tissue", "placenta": "Placenta",
    # donor type
    "matched_related": "Matched related (sibling)", "matched_unrelated": "Matched unrelated",
    "mismatched_unrelated": "Mismatched unrelated", "haploidentical": "Haploidentical",
    "mismatched_related": "Mismatched related (not haploidentical)", "autologous": "Autologous",
    # transfusions
    "platelets": "Platelets", "rbc": "Red blood cells", "granulocytes": "Granulocytes", "plasma": "Plasma",
    # chimerism
    "whole_blood": "Whole blood", "marrow": "Bone marrow", "cd3": "CD3+ T cells", "cd33": "CD33+ myeloid cells",
    "cd34": "CD34+ cells", "myeloid": "Myeloid cells", "lymphoid": "Lymphoid cells", "nk": "NK cells",
    "cd15": "CD15+ granulocytes", "cd19": "CD19+ B cells",
    "str_pcr": "STR-PCR", "qpcr": "qPCR", "indel": "InDel qPCR", "ngs": "NGS", "fish": "FISH (XY)",
    "ddpcr": "Droplet digital PCR",
    # disease status
    "cr": "Complete remission (CR)", "cri": "CR with incomplete haematologic recovery (CRi)",
    "crh": "CR with partial haematologic recovery (CRh)", "mlfs": "Morphologic leukaemia-free state (MLFS)",
    "pr": "Partial remission (PR)", "sd": "Stable disease", "nr": "No response (refractory)",
    "relapse": "Relapse", "progression": "Progression",
    # infections
    "bacterial": "Bacterial", "viral": "Viral (including CMV reactivation)", "fungal": "Fungal",
    "mild": "Mild", "moderate": "Moderate", "severe": "Severe", "life_threatening": "Life-threatening",
    "fatal": "Fatal",
    # attribution
    "msc_infusion": "MSC infusion", "donor_cells": "Donor cells", "graft": "Graft",
    "conditioning": "Conditioning", "gvhd": "GVHD",
    # follow-up
    "alive": "Alive", "dead": "Dead", "infection": "Infection", "graft_failure": "Graft failure",
    "organ_toxicity": "Organ toxicity", "hemorrhage": "Haemorrhage",
    "infection_bacterial": "Infection, bacterial", "infection_viral": "Infection, viral",
    "infection_fungal": "Infection, fungal", "infection_other": "Infection, other or unknown organism",
    "interstitial_pneumonitis": "Interstitial pneumonitis (IPS)", "organ_failure": "Organ failure",
    "sos_vod": "SOS/VOD", "secondary_malignancy": "Secondary malignancy",
    # alternative causes of GVHD-like findings, and the organs they explain
    "drug": "Drug", "engraftment_syndrome": "Engraftment syndrome", "tma": "Transplant-associated TMA",
    "skin": "Skin", "liver": "Liver", "upper_gi": "Upper GI", "lower_gi": "Lower GI", "gi": "Upper and lower GI",
    "all": "All organs of this assessment",
}
#: A value whose label depends on the column.
VALUE_LABEL_OVERRIDES: dict[tuple[str, str, str], str] = {
    ("treatments", "graft_source", "none"): "None (chemotherapy alone)",
    ("treatments", "donor_type", "none"): "None (chemotherapy alone)",
    ("adverse_events", "attributed_to", "none"): "Not related",
    ("adverse_events", "attributed_to", "chemo"): "Chemotherapy",
    ("gvhd_assessments", "cgvhd_global_severity", "none"): "None",
}


@dataclass(frozen=True)
class UnitChoice:
    """A unit a lab value may be entered in: REDCap code, graftline's spelling, label."""

    code: str
    spelling: str
    label: str


#: The units offered per analyte (one unit only: no unit field, the unit is fixed).
COUNT_UNITS = (
    UnitChoice("e9_l", "10^9/L", "x10^9/L (= 10^3/uL = K/uL = G/L)"),
    UnitChoice("per_ul", "/uL", "/uL (= cells/mm3)"),
)
LAB_UNITS: dict[str, tuple[UnitChoice, ...]] = {
    "anc": COUNT_UNITS, "plt": COUNT_UNITS, "wbc": COUNT_UNITS, "alc": COUNT_UNITS, "cd4": COUNT_UNITS,
    "neut_pct": (UnitChoice("pct", "%", "%"),),
    "bands_pct": (UnitChoice("pct", "%", "%"),),
    "hb": (UnitChoice("g_dl", "g/dL", "g/dL"), UnitChoice("g_l", "g/L", "g/L"), UnitChoice("mmol_l", "mmol/L", "mmol/L")),
    "bilirubin": (UnitChoice("mg_dl", "mg/dL", "mg/dL"), UnitChoice("umol_l", "umol/L", "umol/L")),
}
LAB_LABELS: dict[str, str] = {
    "anc": "Absolute neutrophil count (ANC)",
    "plt": "Platelets",
    "wbc": "White blood cells (WBC)",
    "alc": "Absolute lymphocyte count (ALC)",
    "cd4": "CD4+ T cells",
    "neut_pct": "Segmented neutrophils (% of WBC)",
    "bands_pct": "Band neutrophils (% of WBC)",
    "hb": "Haemoglobin",
    "bilirubin": "Total bilirubin",
}

#: Canonical columns graftline's dictionary does not collect, and why.
NOT_COLLECTED: dict[tuple[str, str], str] = {
    ("labs", "qualifier"): "a numeric REDCap field cannot hold '<0.1'; a centre that records qualifiers "
                           "adds its own field and maps it (docs/redcap.md)",
    ("labs", "source_row"): "set by ingest",
    ("labs", "source_file"): "set by ingest",
}


"""The canonical cohort tables: defined once, imported by everything else.

Every table a user supplies (``DIR/<table>.csv|.parquet|.xlsx``) and every
table the simulator writes has the columns defined here. Times in the event
tables may be given as calendar dates (``date``) or as integer days relative
to day 0, the day of the cell infusion (``day``); ingest normalises both to
``day`` using ``treatments.day0_date``. Cell counts are stored in 10^9/L.

The schema is data, not code: readers, validators, the store, the
documentation (``docs/data-model.md``) and the simulator all walk these
definitions, so a column added here appears everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["string", "integer", "number", "boolean", "date", "category"]


@dataclass(frozen=True)
class Column:
    """One column of a canonical table.

    Parameters
    ----------
    name
        Column name as it appears in the input file and the store.
    kind
        ``string``, ``integer``, ``number``, ``boolean``, ``date`` (ISO
        ``YYYY-MM-DD``) or ``category`` (one of ``allowed``).
    required
        The column must be present and every value non-empty.
    allowed
        For ``category`` columns: the allowed values (lower case).
    unit
        Unit of the stored value, if any.
    minimum, maximum
        Inclusive bounds for numeric columns.
    description
        What the column means, in the domain's words.
    aliases
        Other spellings accepted for ``category`` values (and for the
        words accepted by an ``integer`` column, e.g. Roman grades), mapped
        to the stored value; compared after lower-casing and turning spaces
        and hyphens into underscores (see :func:`normal_spelling`).
    """

    name: str
    kind: ColumnKind
    description: str
    required: bool = False
    allowed: tuple[str, ...] | None = None
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    aliases: tuple[tuple[str, str], ...] = ()


def normal_spelling(text: str) -> str:
    """How a category value is compared: trimmed, lower case, spaces and hyphens as underscores."""
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def _aliases(mapping: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """Normalised spellings -> value; spellings equal to the value or repeated are dropped."""
    out: dict[str, str] = {}
    for spelling, value in mapping.items():
        key = normal_spelling(spelling)
        if key != value:
            out.setdefault(key, value)
    return tuple(out.items())


@dataclass(frozen=True)
class TimeField:
    """A time that may be given either as a date or as days from day 0.

    ``day`` is the stored name (integer days relative to day 0);
    ``date`` the alternative input name (a calendar date, converted with the
    patient's ``treatments.day0_date``). ``required`` means one of the two
    must be present for every row.
    """

    day: str
    date: str
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    """A canonical cohort table."""

    name: str
    description: str
    columns: tuple[Column, ...]
    times: tuple[TimeField, ...] = ()
    required: bool = False
    #: Columns that identify a row; duplicate keys are an input error.
    key: tuple[str, ...] = ()

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name} has no column {name!r}")

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    @property
    def stored_columns(self) -> tuple[str, ...]:
        """Column order in the store: id, times as days (and dates), the rest."""
        names = [c.name for c in self.columns if c.name == "patient_id"]
        for time in self.times:
            names += [time.day, time.date]
        names += [c.name for c in self.columns if c.name != "patient_id"]
        return tuple(names)


# --- allowed values --------------------------------------------------------

MODALITIES = ("allo_hsct", "mst", "chemo", "auto_hsct")
GRAFT_SOURCES = ("bm", "pbsc", "cord", "none")
DONOR_TYPES = (
    "matched_related",
    "matched_unrelated",
    "mismatched_unrelated",
    "haploidentical",
    "mismatched_related",
    "cord",
    "autologous",
    "none",
)
#: Registry abbreviations of donor types (CIBMTR/EBMT usage).
DONOR_TYPE_ALIASES = _aliases({
    "MSD": "matched_related", "MRD": "matched_related", "matched sibling": "matched_related", "sibling": "matched_related",
    "MUD": "matched_unrelated", "MMUD": "mismatched_unrelated", "MMRD": "mismatched_related",
    "haplo": "haploidentical", "haploidentical related": "haploidentical",
    "UCB": "cord", "CB": "cord", "cord blood": "cord", "auto": "autologous",
})
SEXES = ("male", "female", "other", "unknown")
#: Cell counts are stored in 10^9/L; see :mod:`graftline.cohort.units`.
COUNT_ANALYTES = ("anc", "plt", "wbc", "alc", "cd4")
ANALYTES = COUNT_ANALYTES + ("neut_pct", "bands_pct", "hb", "bilirubin")
TRANSFUSION_PRODUCTS = ("platelets", "rbc", "granulocytes", "plasma")
CHIMERISM_LINEAGES = ("whole_blood", "marrow", "cd3", "cd15", "cd19", "cd33", "cd34", "myeloid", "lymphoid", "nk")
CHIMERISM_METHODS = ("str_pcr", "qpcr", "indel", "ngs", "fish", "ddpcr", "other")
#: ELN 2022 responses (Döhner, Blood 2022;140:1345, response criteria) and relapse/progression. ``sd``
#: (stable disease) is kept for non-AML diseases.
DISEASE_STATUSES = ("cr", "crh", "cri", "mlfs", "pr", "sd", "nr", "relapse", "progression")
DISEASE_STATUS_ALIASES = _aliases({
    "complete remission": "cr", "complete response": "cr", "CR1": "cr", "CR2": "cr",
    "CR with partial hematologic recovery": "crh", "CRp": "cri",
    "CR with incomplete hematologic recovery": "cri", "CR with incomplete count recovery": "cri",
    "morphologic leukemia-free state": "mlfs", "partial remission": "pr", "partial response": "pr",
    "no response": "nr", "refractory": "nr", "resistant disease": "nr", "stable disease": "sd",
    "relapsed": "relapse", "progressive disease": "progression", "PD": "progression",
})
INFECTION_KINDS = ("bacterial", "viral", "fungal", "other")
INFECTION_SEVERITIES = ("mild", "moderate", "severe", "life_threatening", "fatal")
ATTRIBUTIONS = (
    "msc_infusion",
    "donor_cells",
    "graft",
    "chemo",
    "conditioning",
    "gvhd",
    "other",
    "none",
    "unknown",
)
VITAL_STATUSES = ("alive", "dead")
#: Causes of death: the CIBMTR categories (primary disease, GVHD, infection by kind, interstitial
#: pneumonitis, organ failure, SOS/VOD, haemorrhage, graft rejection/failure, secondary malignancy,
#: other). ``relapse``/``progression`` are the primary disease.
DEATH_CAUSES = (
    "relapse",
    "progression",
    "gvhd",
    "infection",
    "infection_bacterial",
    "infection_viral",
    "infection_fungal",
    "infection_other",
    "interstitial_pneumonitis",
    "organ_failure",
    "sos_vod",
    "hemorrhage",
    "graft_failure",
    "secondary_malignancy",
    "other",
    "unknown",
)
#: Causes that mean death from the underlying disease (a relapse on the death day when none was recorded).
DISEASE_DEATH_CAUSES = ("relapse", "progression")
DEATH_CAUSE_ALIASES = _aliases({
    "primary disease": "relapse", "disease": "relapse", "recurrence": "relapse", "persistent disease": "progression",
    "progressive disease": "progression", "leukemia": "relapse", "leukaemia": "relapse",
    "GvHD": "gvhd", "graft versus host disease": "gvhd", "graft-versus-host disease": "gvhd",
    "acute gvhd": "gvhd", "chronic gvhd": "gvhd",
    "sepsis": "infection", "septic shock": "infection", "bacterial infection": "infection_bacterial",
    "viral infection": "infection_viral", "fungal infection": "infection_fungal", "CMV": "infection_viral",
    "aspergillosis": "infection_fungal", "IPn": "interstitial_pneumonitis", "IPS": "interstitial_pneumonitis",
    "idiopathic pneumonia syndrome": "interstitial_pneumonitis", "pneumonitis": "interstitial_pneumonitis",
    "ARDS": "interstitial_pneumonitis", "organ toxicity": "organ_failure", "multi-organ failure": "organ_failure",
    "multiorgan failure": "organ_failure", "MOF": "organ_failure",
    "VOD": "sos_vod", "SOS": "sos_vod", "SOS/VOD": "sos_vod", "veno-occlusive disease": "sos_vod",
    "sinusoidal obstruction syndrome": "sos_vod", "haemorrhage": "hemorrhage", "bleeding": "hemorrhage",
    "graft rejection": "graft_failure", "rejection": "graft_failure", "graft failure": "graft_failure",
    "second malignancy": "secondary_malignancy", "PTLD": "secondary_malignancy",
})
#: What may explain an acute GVHD-like finding instead (MAGIC stages only findings attributed to GVHD).
ALTERNATIVE_CAUSES = ("sos_vod", "infection", "drug", "engraftment_syndrome", "tma", "other")
ALTERNATIVE_CAUSE_ALIASES = _aliases({
    "VOD": "sos_vod", "SOS": "sos_vod", "SOS/VOD": "sos_vod", "veno-occlusive disease": "sos_vod",
    "C. difficile": "infection", "C.difficile": "infection", "c diff": "infection", "cdiff": "infection",
    "clostridium difficile": "infection", "CMV": "infection", "norovirus": "infection", "viral enteritis": "infection",
    "drug reaction": "drug", "medication": "drug", "drug toxicity": "drug", "mucositis": "drug",
    "TA-TMA": "tma", "thrombotic microangiopathy": "tma",
})
GVHD_ORGANS = ("skin", "liver", "upper_gi", "lower_gi", "gi", "all")
CGVHD_SEVERITIES = ("none", "mild", "moderate", "severe")
AGVHD_GRADE_WORDS = _aliases({"I": "1", "II": "2", "III": "3", "IV": "4", "grade I": "1", "grade II": "2", "grade III": "3", "grade IV": "4", "none": "0"})
MSC_SOURCES = ("bm", "umbilical_cord", "adipose", "placenta", "other")

_PATIENT = Column("patient_id", "string", "Pseudonymous patient identifier.", required=True)
_EVENT_TIME = TimeField("day", "date", "When it happened: days from day 0, or a date.", required=True)

PATIENTS = Table(
    name="patients",
    description="One row per patient: who they are at day 0.",
    required=True,
    key=("patient_id",),
    columns=(
        _PATIENT,
        Column("sex", "category", "Sex (m/f accepted and normalised).", allowed=SEXES),
        Column("birth_date", "date", "Date of birth; age at day 0 is derived from it."),
        Column("age", "number", "Age in years at day 0 (if no birth_date).", unit="years", minimum=0, maximum=120),
        Column("diagnosis", "string", "Underlying disease, e.g. aml, all, mds, lymphoma."),
        Column("disease_risk", "string", "Disease risk at day 0, e.g. DRI low/intermediate/high/very_high or ELN favorable/intermediate/adverse."),
        Column("weight_kg", "number", "Body weight at day 0 (paediatric stool-volume rule).", unit="kg", minimum=0.3, maximum=400),
    ),
    times=(
        TimeField(
            "randomisation_day", "randomisation_date",
            "Randomisation or study entry, if any: a time origin for the disease endpoints of trials (ELN 2022).",
        ),
    ),
)

TREATMENTS = Table(
    name="treatments",
    description="One row per patient: the cell therapy given on day 0.",
    required=True,
    key=("patient_id",),
    times=(
        TimeField("second_infusion_day", "second_infusion_date", "A second cell infusion (stem-cell boost, second transplant), if any."),
        TimeField(
            "treatment_start_day", "treatment_start_date",
            "First day of treatment (chemotherapy or conditioning; day 1 of induction), usually on or before day 0: "
            "a time origin for the disease endpoints of chemotherapy and MST arms (ELN 2022).",
        ),
    ),
    columns=(
        _PATIENT,
        Column("day0_date", "date", "Date of the cell infusion (day 0); needed whenever other tables give dates."),
        Column("modality", "category", "allo_hsct, mst (microtransplantation), chemo (chemotherapy alone) or auto_hsct.", required=True, allowed=MODALITIES),
        Column("arm", "string", "Study arm or group label; defaults to the modality."),
        Column("donor_type", "category", "Donor relation and match; registry abbreviations (MSD/MRD, MUD, MMUD, MMRD, haplo, cord/UCB, auto) are accepted.", allowed=DONOR_TYPES, aliases=DONOR_TYPE_ALIASES),
        Column("hla_match", "string", "HLA match as reported, e.g. 10/10, 8/8, 5/10."),
        Column("graft_source", "category", "bm (bone marrow), pbsc (G-CSF mobilised peripheral blood), cord, or none (chemotherapy alone).", allowed=GRAFT_SOURCES),
        Column("cd34_per_kg", "number", "CD34+ cells infused per kg recipient weight (e.g. 4e6).", unit="cells/kg", minimum=0),
        Column("msc", "boolean", "Mesenchymal stromal cells co-infused."),
        Column("msc_source", "category", "Tissue the MSCs came from.", allowed=MSC_SOURCES),
        Column("msc_dose_per_kg", "number", "MSC dose per kg (e.g. 1e6).", unit="cells/kg", minimum=0),
        Column("conditioning", "string", "Conditioning or chemotherapy regimen, e.g. mac, ric, nma, or the regimen name."),
    ),
)

LABS = Table(
    name="labs",
    description="Blood counts and chemistry, one row per measured value.",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("analyte", "category", "What was measured.", required=True, allowed=ANALYTES),
        Column("value", "number", "Measured value, stored in the analyte's canonical unit.", required=True, minimum=0),
        Column("unit", "string", "Unit as given; stored as the canonical unit (10^9/L for counts, % , g/dL, mg/dL).", required=True),
        Column("qualifier", "category", "'<' or '>' when the laboratory reported a value below/above its range (e.g. '<0.1').", allowed=("<", ">")),
        Column("source_row", "integer", "Row of the source file (1-based, header is row 1), set by ingest."),
        Column("source_file", "string", "Name of the source file (e.g. labs.csv), set by ingest; with source_row it traces every value to its origin."),
    ),
)

TRANSFUSIONS = Table(
    name="transfusions",
    description="Blood products given, one row per transfusion.",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("product", "category", "Product transfused.", required=True, allowed=TRANSFUSION_PRODUCTS),
        Column("units", "number", "Number of units/bags.", minimum=0),
    ),
)

_stage = dict(kind="integer", minimum=0, maximum=4)
_cgvhd = dict(kind="integer", minimum=0, maximum=3)

GVHD_ASSESSMENTS = Table(
    name="gvhd_assessments",
    description=(
        "GVHD assessments. Acute GVHD: raw organ measures (staged by MAGIC) or organ "
        "stages; chronic GVHD: NIH organ scores 0-3."
    ),
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("skin_bsa_pct", "number", "Active erythema, % body surface area.", unit="%", minimum=0, maximum=100),
        Column("skin_bullae", "boolean", "Generalised erythroderma with bullous formation and desquamation > 5 % BSA (skin stage 4)."),
        Column("skin_stage", description="Acute skin stage 0-4, if staged at the bedside.", **_stage),
        Column("bilirubin_mg_dl", "number", "Total serum bilirubin.", unit="mg/dL", minimum=0),
        Column("liver_stage", description="Acute liver stage 0-4.", **_stage),
        Column("upper_gi", "boolean", "Persistent nausea, vomiting or anorexia (upper GI stage 1)."),
        Column("stool_ml_day", "number", "Diarrhoea volume per day (adults) in mL; an unmeasured episode counts as 200 mL.", unit="mL/day", minimum=0),
        Column("stool_episodes_day", "number", "Diarrhoea episodes per day when volume is not measured.", minimum=0),
        Column("lower_gi_severe", "boolean", "Severe abdominal pain with or without ileus, or grossly bloody stool (lower GI stage 4)."),
        Column("lower_gi_stage", description="Acute lower GI stage 0-4.", **_stage),
        Column("cgvhd_skin", description="NIH chronic GVHD score, skin.", **_cgvhd),
        Column("cgvhd_mouth", description="NIH chronic GVHD score, mouth.", **_cgvhd),
        Column("cgvhd_eyes", description="NIH chronic GVHD score, eyes.", **_cgvhd),
        Column("cgvhd_gi", description="NIH chronic GVHD score, GI tract.", **_cgvhd),
        Column("cgvhd_liver", description="NIH chronic GVHD score, liver.", **_cgvhd),
        Column("cgvhd_lungs", description="NIH chronic GVHD score, lungs.", **_cgvhd),
        Column("cgvhd_joints", description="NIH chronic GVHD score, joints and fascia.", **_cgvhd),
        Column("cgvhd_genital", description="NIH chronic GVHD score, genital tract.", **_cgvhd),
        Column("systemic_therapy", "boolean", "Systemic immunosuppressive therapy started or escalated for GVHD."),
        Column(
            "gvhd_diagnosed", "boolean",
            "The clinician attributed this assessment's findings to GVHD. 'no': nothing in the row is staged "
            "(MAGIC stages only findings attributed to GVHD). Empty: attributed, unless alternative_cause says otherwise.",
        ),
        Column(
            "alternative_cause", "category",
            "Another cause of the findings (e.g. SOS/VOD for bilirubin, an infection such as C. difficile for "
            "diarrhoea, a drug rash): the organ(s) in alternative_cause_organ are not staged for acute GVHD.",
            allowed=ALTERNATIVE_CAUSES, aliases=ALTERNATIVE_CAUSE_ALIASES,
        ),
        Column(
            "alternative_cause_organ", "category",
            "Which organ the alternative cause explains: skin, liver, upper_gi, lower_gi, gi (both GI), or all "
            "(empty = all organs of the row).",
            allowed=GVHD_ORGANS,
        ),
        Column(
            "agvhd_overall_grade", "integer",
            "Overall acute GVHD grade 0-4 as entered (e.g. a registry export; I-IV accepted). Used when the row has "
            "no organ measure or stage (option gvhd_entered_values); validation reports disagreements.",
            minimum=0, maximum=4, aliases=AGVHD_GRADE_WORDS,
        ),
        Column(
            "cgvhd_global_severity", "category",
            "NIH chronic GVHD global severity as entered: none, mild, moderate, severe. An entered mild-severe "
            "severity counts as an NIH diagnosis unless cgvhd_diagnostic_sign is 'no'.",
            allowed=CGVHD_SEVERITIES,
        ),
        Column(
            "cgvhd_diagnostic_sign", "boolean",
            "NIH diagnosis criterion met (Jagasia 2015): at least one diagnostic sign of chronic GVHD, or a "
            "distinctive sign confirmed by biopsy or another test. Organ scores alone are not a diagnosis.",
        ),
    ),
)

CHIMERISM = Table(
    name="chimerism",
    description="Donor chimerism tests. A result below the assay's limit of detection is 'not detected', never 0 %.",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("lineage", "category", "Cells tested.", required=True, allowed=CHIMERISM_LINEAGES),
        Column("donor_pct", "number", "Donor cells, % of cells tested; empty when not detected.", unit="%", minimum=0, maximum=100),
        Column("method", "category", "Assay.", allowed=CHIMERISM_METHODS),
        Column("lod_pct", "number", "The assay's limit of detection (STR-PCR 1-5 %, qPCR/InDel ~0.1 %).", unit="%", minimum=0, maximum=100),
    ),
)

DISEASE_ASSESSMENTS = Table(
    name="disease_assessments",
    description="Response and relapse assessments of the underlying disease.",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column(
            "status", "category",
            "ELN 2022 response: cr, crh (CR with partial haematologic recovery), cri (CR with incomplete "
            "haematologic recovery), mlfs (morphologic leukaemia-free state), pr, nr (no response / "
            "refractory); sd (stable disease, other diseases); relapse or progression.",
            required=True, allowed=DISEASE_STATUSES, aliases=DISEASE_STATUS_ALIASES,
        ),
        Column("method", "string", "How it was assessed, e.g. marrow morphology, flow MRD."),
    ),
)

INFECTIONS = Table(
    name="infections",
    description="Documented infections (including CMV reactivation as viral).",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("kind", "category", "bacterial, viral, fungal or other.", required=True, allowed=INFECTION_KINDS),
        Column("organism", "string", "Organism, e.g. CMV, E. coli, Aspergillus."),
        Column("site", "string", "Site, e.g. blood, lung."),
        Column("severity", "category", "Severity.", allowed=INFECTION_SEVERITIES),
    ),
)

ADVERSE_EVENTS = Table(
    name="adverse_events",
    description="Adverse events graded by CTCAE, with attribution.",
    times=(_EVENT_TIME,),
    columns=(
        _PATIENT,
        Column("term", "string", "CTCAE term.", required=True),
        Column("ctcae_grade", "integer", "CTCAE grade 1-5.", required=True, minimum=1, maximum=5),
        Column("attributed_to", "category", "What the investigator attributed it to.", allowed=ATTRIBUTIONS),
    ),
)

FOLLOWUP = Table(
    name="followup",
    description="One row per patient: last contact and vital status.",
    key=("patient_id",),
    times=(
        TimeField("last_contact_day", "last_contact", "Last contact (days from day 0, or a date).", required=True),
        TimeField("death_day", "death_date", "Death, if dead."),
    ),
    columns=(
        _PATIENT,
        Column("vital_status", "category", "alive or dead at last contact.", required=True, allowed=VITAL_STATUSES),
        Column(
            "cause", "category",
            "Cause of death, CIBMTR categories: relapse/progression (the primary disease), gvhd, infection "
            "(or infection_bacterial/_viral/_fungal/_other), interstitial_pneumonitis, organ_failure, sos_vod, "
            "hemorrhage, graft_failure (rejection or failure), secondary_malignancy, other, unknown. Common "
            "spellings are accepted (sepsis -> infection, VOD -> sos_vod).",
            allowed=DEATH_CAUSES, aliases=DEATH_CAUSE_ALIASES,
        ),
    ),
)

#: All canonical tables, in dependency order (parents first).
TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        PATIENTS,
        TREATMENTS,
        LABS,
        TRANSFUSIONS,
        GVHD_ASSESSMENTS,
        CHIMERISM,
        DISEASE_ASSESSMENTS,
        INFECTIONS,
        ADVERSE_EVENTS,
        FOLLOWUP,
    )
}

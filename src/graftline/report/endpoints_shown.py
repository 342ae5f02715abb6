"""Which endpoints the report shows, how, and at which landmark days."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EndpointSpec:
    """How one time-to-event endpoint appears in the report.

    Attributes
    ----------
    name
        Stem of the endpoint table's ``<name>_day`` / ``<name>_status`` columns.
    title
        Heading in the domain's words.
    kind
        ``incidence`` (cumulative incidence, competing events, Gray's test,
        Fine-Gray) or ``survival`` (Kaplan-Meier, log-rank, Cox).
    unit
        Time unit of the figure and of the medians in the HTML (CSV files are in days).
    cap_days
        Right end of the figure's time axis at most (None: longest follow-up).
    landmarks
        Days at which estimates with 95 % CI are tabulated.
    competing
        What competes with the event, for the figure caption.
    short
        Figure title (fits a single journal column).
    """

    name: str
    title: str
    kind: str
    unit: str
    cap_days: float | None
    landmarks: tuple[int, ...]
    competing: str = ""
    short: str = ""


ENGRAFTMENT = (
    EndpointSpec("neutrophil_engraftment", "Neutrophil engraftment (ANC >= 0.5 x10^9/L)", "incidence",
                 "days", 60, (14, 28, 100), "death before engraftment", "Neutrophil engraftment"),
    EndpointSpec("platelet_engraftment", "Platelet engraftment (>= 20 x10^9/L, transfusion-free)",
                 "incidence", "days", 100, (14, 28, 100), "death before engraftment",
                 "Platelet engraftment (>= 20)"),
)
GVHD = (
    EndpointSpec("agvhd_2_4", "Acute GVHD grade II-IV", "incidence", "days", 180, (100, 180),
                 "death without acute GVHD", "Acute GVHD II-IV"),
    EndpointSpec("agvhd_3_4", "Acute GVHD grade III-IV", "incidence", "days", 180, (100, 180),
                 "death without acute GVHD", "Acute GVHD III-IV"),
    EndpointSpec("cgvhd", "Chronic GVHD", "incidence", "months", 5 * 365.25, (365, 730),
                 "death without chronic GVHD", "Chronic GVHD"),
)
DISEASE = (
    EndpointSpec("relapse", "Relapse", "incidence", "months", 5 * 365.25, (365, 730),
                 "death without relapse", "Relapse"),
    EndpointSpec("nrm", "Non-relapse mortality", "incidence", "months", 5 * 365.25, (365, 730),
                 "relapse", "Non-relapse mortality"),
)
SURVIVAL = (
    EndpointSpec("os", "Overall survival", "survival", "months", 5 * 365.25, (365, 730),
                 short="Overall survival"),
    EndpointSpec("pfs", "Progression-free survival", "survival", "months", 5 * 365.25, (365, 730),
                 short="Progression-free survival"),
    EndpointSpec("grfs", "GVHD-free, relapse-free survival", "survival", "months", 5 * 365.25,
                 (365, 730), short="GRFS"),
)
ALL = ENGRAFTMENT + GVHD + DISEASE + SURVIVAL


def recovery_wording(spec: EndpointSpec, *, all_arms: bool) -> EndpointSpec:
    """An engraftment endpoint named for arms without a graft: count recovery.

    After chemotherapy alone or MST (donor cells rejected) nothing engrafts; the
    same counting rule then measures recovery of the blood count. ``all_arms``:
    no arm has a graft ("recovery"); else some do ("engraftment or recovery").
    """
    import dataclasses

    cell = "Neutrophil" if spec.name.startswith("neutrophil") else "Platelet"
    detail = spec.title[spec.title.find("("):] if "(" in spec.title else ""
    threshold = spec.short[spec.short.find("("):] if "(" in spec.short else ""
    if all_arms:
        title, short, word = f"{cell} recovery {detail}".strip(), f"{cell} recovery {threshold}", "recovery"
    else:
        title = f"{cell} engraftment or count recovery {detail}".strip()
        short, word = f"{cell} engraftment / recovery {threshold}", "engraftment or recovery"
    short = short.strip()
    competing = spec.competing.replace("engraftment", word) if spec.competing else spec.competing
    return dataclasses.replace(spec, title=title, short=short, competing=competing)

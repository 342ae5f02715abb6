"""Risk-of-bias tables: RoB 2, ROBINS-I and the Newcastle-Ottawa Scale, with their overall judgements.

A review records, per study (and optionally per outcome), one judgement per
domain of the tool that fits its design, with the text that supports it
(Cochrane Handbook chapters 8 and 25; PRISMA 2020 items 11 and 18). The table
is a CSV file in long format, one row per study and domain::

    study,year,outcome,tool,domain,judgement,support
    Lee,2013,,rob2,D1,low,"central web randomisation (p 3)"
    Lee,2013,,rob2,D2,some concerns,"open label; no deviations reported"

``outcome`` may be empty (the judgement holds for every outcome). The
overall judgement is derived from the domains by each tool's rule; an entered
``overall`` row is kept, and a message says when it is less severe than the
rule allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from graftline.errors import InputError

#: Domains of each tool (codes and names), in the order the tools list them.
TOOLS: dict[str, dict[str, str]] = {
    "rob2": {  # Sterne et al. BMJ 2019;366:l4898
        "D1": "Bias arising from the randomisation process",
        "D2": "Bias due to deviations from intended interventions",
        "D3": "Bias due to missing outcome data",
        "D4": "Bias in measurement of the outcome",
        "D5": "Bias in selection of the reported result",
    },
    "robins-i": {  # Sterne et al. BMJ 2016;355:i4919
        "D1": "Bias due to confounding",
        "D2": "Bias in selection of participants into the study",
        "D3": "Bias in classification of interventions",
        "D4": "Bias due to deviations from intended interventions",
        "D5": "Bias due to missing data",
        "D6": "Bias in measurement of outcomes",
        "D7": "Bias in selection of the reported result",
    },
    "nos": {  # Wells et al., Newcastle-Ottawa Scale for cohort studies
        "selection": "Selection (0-4 stars)",
        "comparability": "Comparability (0-2 stars)",
        "outcome": "Outcome (0-3 stars)",
    },
}

#: Judgements each tool allows, from least to most severe (NOS: stars, see below).
JUDGEMENTS: dict[str, tuple[str, ...]] = {
    "rob2": ("low", "some concerns", "high"),
    "robins-i": ("low", "moderate", "serious", "critical"),
}
NO_INFORMATION = "no information"
NOS_MAX_STARS = {"selection": 4, "comparability": 2, "outcome": 3}
TOOL_NAMES = {"rob2": "RoB 2", "robins-i": "ROBINS-I", "nos": "Newcastle-Ottawa Scale"}
_TOOL_ALIASES = {"rob2": "rob2", "rob 2": "rob2", "rob-2": "rob2", "robins-i": "robins-i", "robins_i": "robins-i",
                 "robinsi": "robins-i", "nos": "nos", "newcastle-ottawa": "nos", "newcastle_ottawa": "nos"}

#: The common three-level scale every tool's overall judgement maps to (for GRADE and plots).
SEVERITY = ("low", "some concerns", "high")


@dataclass(frozen=True, eq=False)  # holds DataFrames
class RiskOfBiasTable:
    """Validated risk-of-bias judgements.

    ``judgements`` is the long table (``study, label, outcome, tool, domain,
    judgement, support``); ``overall`` one row per study and outcome with
    the tool's overall judgement, ``severity`` (low / some concerns / high,
    for GRADE and summary plots) and ``reason`` (how the overall was reached).
    """

    judgements: pd.DataFrame
    overall: pd.DataFrame
    messages: tuple[str, ...]

    def for_outcome(self, outcome: str | None) -> RiskOfBiasTable:
        """Judgements that apply to one outcome (rows for it, and rows for all outcomes)."""
        if outcome is None:
            return self
        keep_j = self.judgements["outcome"].isin(["", outcome])
        keep_o = self.overall["outcome"].isin(["", outcome])
        return RiskOfBiasTable(self.judgements[keep_j].reset_index(drop=True),
                               self.overall[keep_o].reset_index(drop=True), self.messages)

    def wide(self, tool: str) -> pd.DataFrame:
        """One row per study: ``label, for_outcome``, a column per domain and ``overall`` (robvis input)."""
        rows = self.judgements[self.judgements["tool"] == tool]
        overall = self.overall[self.overall["tool"] == tool]
        records = []
        for _, study in overall.iterrows():
            mine = rows[(rows["label"] == study["label"]) & (rows["outcome"] == study["outcome"])]
            record = {"label": study["label"], "for_outcome": study["outcome"]}
            record.update(dict(zip(mine["domain"], mine["judgement"], strict=True)))
            record["overall"] = study["overall"]
            records.append(record)
        columns = ["label", "for_outcome", *TOOLS[tool], "overall"]
        return pd.DataFrame(records, columns=columns)

    def to_frame(self) -> pd.DataFrame:
        return self.overall.copy()

    def traffic_light_plot(self, tool: str, **kwargs):
        from graftline.meta.plots_bias import traffic_light_plot

        return traffic_light_plot(self, tool, **kwargs)

    def summary_plot(self, tool: str, **kwargs):
        from graftline.meta.plots_bias import summary_plot

        return summary_plot(self, tool, **kwargs)


def nos_rating(selection: float, comparability: float, outcome: float) -> str:
    """AHRQ standard from Newcastle-Ottawa stars: good, fair or poor.

    Good: 3-4 stars in selection, 1-2 in comparability and 2-3 in outcome;
    fair: 2 in selection, 1-2 in comparability, 2-3 in outcome; poor: 0-1 in
    selection or 0 in comparability or 0-1 in outcome. Single-arm studies
    (comparability not applicable, NaN) are rated on selection and outcome.
    """
    comparable = np.isnan(comparability) or comparability >= 1
    if selection <= 1 or outcome <= 1 or not comparable:
        return "poor"
    if selection >= 3:
        return "good"
    return "fair"


def overall_judgement(tool: str, domains: dict[str, str]) -> tuple[str, str]:
    """The tool's overall judgement from its domain judgements, and the reason in words.

    RoB 2 (Sterne 2019): high if any domain is high, low if all are low,
    otherwise some concerns (the guidance also allows "high" for some concerns
    in several domains -- enter an ``overall`` row to say so). ROBINS-I
    (Sterne 2016): the most severe domain judgement; "no information" only if
    no domain is serious or critical and some domain lacks information.
    NOS: good/fair/poor from the stars (:func:`nos_rating`).
    """
    if tool == "nos":
        stars = {d: float(domains.get(d, "nan")) for d in NOS_MAX_STARS}
        rating = nos_rating(stars["selection"], stars["comparability"], stars["outcome"])
        shown = ", ".join(f"{d} {'n/a' if np.isnan(v) else int(v)}" for d, v in stars.items())
        return rating, f"{shown} stars -> {rating} (AHRQ standard)"
    order = JUDGEMENTS[tool]
    values = [v for v in domains.values() if v != NO_INFORMATION]
    missing = [d for d, v in domains.items() if v == NO_INFORMATION]
    worst = max(values, key=order.index) if values else NO_INFORMATION
    if tool == "rob2":
        if "high" in values:
            worst_domains = [d for d, v in domains.items() if v == "high"]
            return "high", f"high risk in {', '.join(worst_domains)}"
        if values and all(v == "low" for v in values) and not missing:
            return "low", "low risk in every domain"
        concerns = [d for d, v in domains.items() if v != "low"]
        return "some concerns", f"some concerns in {', '.join(concerns)}"
    if worst in {"serious", "critical"}:
        worst_domains = [d for d, v in domains.items() if v == worst]
        return worst, f"{worst} risk in {', '.join(worst_domains)}"
    if missing:
        return NO_INFORMATION, f"no information in {', '.join(missing)}"
    worst_domains = [d for d, v in domains.items() if v == worst]
    return worst, ("low risk in every domain" if worst == "low"
                   else f"{worst} risk in {', '.join(worst_domains)}")


def severity(tool: str, overall: str) -> str:
    """Map a tool's overall judgement to low / some concerns / high (for GRADE and summaries)."""
    if tool == "rob2":
        return overall
    if tool == "robins-i":
        return {"low": "low", "moderate": "some concerns", "serious": "high", "critical": "high",
                NO_INFORMATION: "some concerns"}[overall]
    return {"good": "low", "fair": "some concerns", "poor": "high"}[overall]


def read_risk_of_bias(path: str | Path) -> RiskOfBiasTable:
    """Read and validate a risk-of-bias table (CSV, long format; see the module docstring).

    Every problem is reported at once with file, line, column and value.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise InputError(f"{path}: not a readable CSV file ({error})") from None
    raw.columns = [c.strip().lower() for c in raw.columns]
    missing = [c for c in ("study", "tool", "domain", "judgement") if c not in raw.columns]
    if missing:
        raise InputError(f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(raw.columns)}")
    return risk_of_bias_table(raw, source=str(path))


def risk_of_bias_table(frame: pd.DataFrame, *, source: str = "risk-of-bias table") -> RiskOfBiasTable:
    """Validate judgements given as a DataFrame (columns as in :func:`read_risk_of_bias`)."""
    data = frame.copy()
    for column in ("year", "outcome", "support"):
        if column not in data:
            data[column] = ""
    data = data.fillna("").astype(str).apply(lambda c: c.str.strip())
    data.insert(0, "line", np.arange(2, len(data) + 2))
    problems: list[str] = []
    tools, domains, judgements = [], [], []
    for row in data.itertuples(index=False):
        where = f"line {row.line}"
        tool = _TOOL_ALIASES.get(row.tool.lower())
        if tool is None:
            problems.append(f"{where}, column tool: {row.tool!r} is not one of rob2, robins-i, nos")
            tools.append(""), domains.append(""), judgements.append("")
            continue
        domain = _domain(tool, row.domain)
        judgement = row.judgement.lower()
        if domain is None:
            known = ", ".join([*TOOLS[tool], "overall"])
            problems.append(f"{where}, column domain: {row.domain!r} is not a {TOOL_NAMES[tool]} domain ({known})")
        elif tool == "nos":
            limit = NOS_MAX_STARS.get(domain)
            ok = (judgement in {"", "n/a", "na"} and domain == "comparability") or (
                judgement.isdigit() and limit is not None and 0 <= int(judgement) <= limit)
            if domain == "overall":
                ok = judgement in {"good", "fair", "poor"}
            if not ok:
                expected = "good, fair or poor" if domain == "overall" else f"0-{limit} stars"
                problems.append(f"{where}, column judgement: {row.judgement!r} for NOS {domain} (expected {expected})")
            judgement = "nan" if judgement in {"", "n/a", "na"} else judgement
        elif judgement not in (*JUDGEMENTS[tool], NO_INFORMATION):
            problems.append(f"{where}, column judgement: {row.judgement!r} is not one of "
                            f"{', '.join((*JUDGEMENTS[tool], NO_INFORMATION))} ({TOOL_NAMES[tool]})")
        if not row.study:
            problems.append(f"{where}, column study: empty")
        tools.append(tool), domains.append(domain or ""), judgements.append(judgement)
    if problems:
        shown = problems[:20]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InputError(f"{source}: {len(problems)} problem(s):\n  " + "\n  ".join(shown) + more)
    data["tool"], data["domain"], data["judgement"] = tools, domains, judgements
    data["label"] = data["study"] + data["year"].map(lambda y: f" {y}" if y else "")
    duplicated = data.duplicated(["label", "outcome", "tool", "domain"], keep=False)
    if duplicated.any():
        first = data[duplicated].iloc[0]
        raise InputError(f"{source}: line {first['line']}: {first['label']} has two judgements for "
                         f"{first['tool']} {first['domain']}{' (' + first['outcome'] + ')' if first['outcome'] else ''}")
    rows, messages = [], []
    for (label, outcome, tool), group in data.groupby(["label", "outcome", "tool"], sort=False):
        by_domain = dict(zip(group["domain"], group["judgement"], strict=True))
        entered = by_domain.pop("overall", None)
        absent = [d for d in TOOLS[tool] if d not in by_domain]
        if absent and tool != "nos":
            messages.append(f"{label}{' (' + outcome + ')' if outcome else ''}: {TOOL_NAMES[tool]} domain(s) "
                            f"{', '.join(absent)} not judged; counted as 'no information'")
            for d in absent:
                by_domain[d] = NO_INFORMATION
        if absent and tool == "nos" and any(d != "comparability" for d in absent):
            messages.append(f"{label}: NOS {', '.join(absent)} not rated; counted as 0 stars")
            for d in absent:
                by_domain[d] = "0" if d != "comparability" else "nan"
        derived, reason = overall_judgement(tool, by_domain)
        overall = derived
        if entered:
            order = ("good", "fair", "poor") if tool == "nos" else (*JUDGEMENTS[tool], NO_INFORMATION)
            if entered in order and derived in order and order.index(entered) < order.index(derived):
                messages.append(f"{label}: entered overall {entered!r} is less severe than the domains allow "
                                f"({derived!r}: {reason}); the entered value is kept")
            overall, reason = entered, f"entered ({reason})"
        rows.append({"study": group["study"].iat[0], "label": label, "outcome": outcome, "tool": tool,
                     "overall": overall, "severity": severity(tool, overall), "reason": reason})
    judged = data[data["domain"] != "overall"][["study", "label", "outcome", "tool", "domain", "judgement",
                                                "support"]].reset_index(drop=True)
    return RiskOfBiasTable(judged, pd.DataFrame(rows), tuple(messages))


def _domain(tool: str, text: str) -> str | None:
    key = text.strip()
    if key.lower() == "overall":
        return "overall"
    for code, name in TOOLS[tool].items():
        if key.lower() in {code.lower(), name.lower()}:
            return code
    return None

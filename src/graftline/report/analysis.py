"""The report's estimates, computed with :mod:`graftline.stats` per endpoint.

This module turns one endpoint (``E_day``, ``E_status`` of the endpoint
table) into what a paper shows: the curves by arm, the estimates with 95 %
confidence intervals at landmark days, the median time, the between-arm
test, and the hazard ratios of the arms. Anything that cannot be estimated
becomes a plain sentence with the reason (``notices``), never an exception:
a report of a small or odd cohort still builds.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from graftline.errors import GraftlineError
from graftline.report.figures import StepCurve

#: An arm needs at least this many patients to enter a between-arm test or model.
MIN_ARM_PATIENTS = 2


@dataclass(frozen=True)
class EndpointData:
    """One time-to-event endpoint, ready for estimation.

    ``status`` is 0 censored, 1 event, 2 competing event (0/1 only for
    survival endpoints). Patients without a usable time or status are
    dropped and counted in ``excluded``.
    """

    name: str
    time: np.ndarray
    status: np.ndarray
    arm: np.ndarray
    covariates: pd.DataFrame
    excluded: int
    arms: tuple[str, ...]
    not_applicable: int = 0
    #: Positions in the endpoint table of the patients kept (None when not built from one).
    rows: np.ndarray | None = None


@dataclass(frozen=True)
class EndpointAnalysis:
    """Everything the report shows for one endpoint."""

    name: str
    curves: list[StepCurve] = field(default_factory=list)
    landmarks: pd.DataFrame | None = None
    medians: pd.DataFrame | None = None
    test: pd.DataFrame | None = None
    hazard_ratios: pd.DataFrame | None = None
    notices: list[str] = field(default_factory=list)
    #: Informative remarks (how something was estimated), not failures.
    remarks: list[str] = field(default_factory=list)

    @property
    def test_note(self) -> str | None:
        if self.test is None or self.test.empty:
            return None
        row = self.test.iloc[0]
        name = "Log-rank (subdistribution)" if row["test"] == "Subdistribution log-rank" else row["test"]
        return f"{name} p {_p_phrase(row['p_value'])}"


def _p_phrase(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"


def endpoint_data(endpoints: pd.DataFrame, name: str, arms: Sequence[str],
                  covariates: Sequence[str] = (), not_applicable: str = "excluded") -> EndpointData | str:
    """Select a usable endpoint from the endpoint table, or say why it cannot be used.

    ``not_applicable`` (the ``engraftment_not_applicable`` option): patients whose
    count never fell below the threshold are left out (``excluded``) or
    counted as engrafted on day 0 (``event_day0``).
    """
    day, status = f"{name}_day", f"{name}_status"
    if day not in endpoints.columns or status not in endpoints.columns:
        return f"the endpoint table has no {day}/{status} columns"
    time = pd.to_numeric(endpoints[day], errors="coerce").to_numpy(dtype=float)
    code = pd.to_numeric(endpoints[status], errors="coerce").to_numpy(dtype=float)
    # Engraftment is "not applicable" when the count never fell below the
    # threshold (CIBMTR): left out, or (option) engrafted on day 0.
    applicable = np.ones(len(endpoints), dtype=bool)
    if f"{name}_applicable" in endpoints.columns:
        applicable = endpoints[f"{name}_applicable"].astype("boolean").fillna(True).to_numpy(dtype=bool)
    n_not_applicable = int((~applicable).sum())
    if not_applicable == "event_day0":
        time, code = np.where(applicable, time, 0.0), np.where(applicable, code, 1.0)
        applicable = np.ones(len(endpoints), dtype=bool)
    usable = np.isfinite(time) & np.isin(code, (0, 1, 2)) & (time >= 0)
    usable &= applicable
    for column in covariates:
        usable &= endpoints[column].notna().to_numpy()
    kept = endpoints.loc[usable]
    if not usable.any():
        return "no patient has a usable time and status for it"
    return EndpointData(
        name=name, time=time[usable], status=code[usable].astype(int),
        arm=kept["arm"].astype(str).to_numpy(), covariates=kept[list(covariates)].reset_index(drop=True),
        excluded=int((~usable).sum()) - (0 if not_applicable == "event_day0" else n_not_applicable),
        not_applicable=n_not_applicable,
        arms=tuple(a for a in arms if (kept["arm"].astype(str) == a).any()),
        rows=np.flatnonzero(usable),
    )


def _first_crossing(time: np.ndarray, value: np.ndarray, level: float, rising: bool) -> float:
    hit = value >= level - 1e-12 if rising else value <= level + 1e-12
    return float(time[np.argmax(hit)]) if hit.any() else np.nan


def _carry_final_values(rows: pd.DataFrame, data: EndpointData, final: dict[str, dict],
                        uncensored: Callable[[np.ndarray], np.ndarray]) -> pd.DataFrame:
    """Fill landmarks after an arm's last follow-up when the curve is complete there.

    R (``cmprsk::timepoints``, ``summary.survfit``) gives no estimate after a
    group's last time. When the patients followed longest in an arm all ended
    with an event (or a competing event), nobody is left whose outcome is
    unknown: the curve is final and stays at its last value (e.g. every
    patient engrafted by day 24, so the incidence at day 28 is that at day 24).
    Such rows are marked ``carried_forward``.
    """
    rows = rows.copy()
    rows["carried_forward"] = False
    for arm in data.arms:
        in_arm = data.arm == arm
        last = data.time[in_arm].max()
        if not uncensored(data.status[in_arm & (data.time == last)]).all():
            continue
        fill = (rows["arm"] == arm) & (rows["day"] > last) & rows["estimate"].isna()
        for column, value in final[arm].items():
            rows.loc[fill, column] = value
        rows.loc[fill, "carried_forward"] = True
    return rows


def _small_arms(data: EndpointData) -> list[str]:
    return [a for a in data.arms if (data.arm == a).sum() < MIN_ARM_PATIENTS]


def incidence_by_arm(data: EndpointData, *, landmarks: Sequence[float]) -> EndpointAnalysis:
    """Cumulative incidence (Aalen-Johansen) of cause 1 by arm, competing cause 2, Gray's test.

    The median time is the first day the incidence reaches 50 %, and its
    95 % confidence interval the first days the pointwise upper and lower
    limits reach 50 % (inversion of the pointwise interval, as R's
    ``survfit`` does for the median survival); "not reached" is NaN.
    """
    from graftline.stats import cumulative_incidence

    notices: list[str] = []
    remarks: list[str] = []
    if not (data.status > 0).any():
        return _no_events(data, landmarks)
    with warnings.catch_warnings():
        # log(-log) limits of estimates at 0 or 1 overflow to the limit itself.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = cumulative_incidence(data.time, data.status, group=data.arm)
        frame = result.to_frame()
        at = result.at(list(landmarks))
    curves, medians = [], []
    for arm in data.arms:
        in_arm = data.arm == arm
        rows = frame[(frame["group"] == arm) & (frame["cause"] == 1)]
        if rows.empty:
            time, value = np.array([0.0]), np.array([0.0])
            lower = upper = value
        else:
            time, value = rows["time"].to_numpy(), rows["estimate"].to_numpy()
            lower, upper = rows["lower"].to_numpy(), rows["upper"].to_numpy()
        curves.append(StepCurve(arm, time, value, end=float(data.time[in_arm].max())))
        medians.append({
            "arm": arm, "patients": int(in_arm.sum()),
            "events": int((data.status[in_arm] == 1).sum()),
            "competing_events": int((data.status[in_arm] == 2).sum()),
            "censored": int((data.status[in_arm] == 0).sum()),
            "median_day": _first_crossing(time, value, 0.5, rising=True),
            "median_lower": _first_crossing(time, np.nan_to_num(upper), 0.5, rising=True),
            "median_upper": _first_crossing(time, np.nan_to_num(lower), 0.5, rising=True),
        })
    landmark_rows = at[at["cause"] == 1].rename(columns={"group": "arm", "time": "day"})
    landmark_rows = landmark_rows[["arm", "day", "estimate", "variance", "lower", "upper"]]
    final = {}
    for arm in data.arms:
        rows = frame[(frame["group"] == arm) & (frame["cause"] == 1)]
        last = rows.iloc[-1] if len(rows) else None
        final[arm] = ({c: last[c] for c in ("estimate", "variance", "lower", "upper")} if last is not None
                      else {"estimate": 0.0, "variance": 0.0, "lower": np.nan, "upper": np.nan})
    landmark_rows = _carry_final_values(landmark_rows, data, final, lambda status: status > 0)
    test = None
    small = _small_arms(data)
    compared = [a for a in data.arms if a not in small]
    if len(compared) < 2:
        notices.append("Gray's test: fewer than two arms to compare.")
    elif (data.status == 1).any() and not (data.status[np.isin(data.arm, compared)] == 1).any():
        notices.append("Gray's test: no events in the compared arms.")
    elif (data.status == 1).any():
        keep = np.isin(data.arm, compared)
        try:
            gray = cumulative_incidence(data.time[keep], data.status[keep], group=data.arm[keep]).gray_test()
            row = gray[gray["cause"] == 1].iloc[0]
            if not np.isfinite(row["statistic"]) or row["statistic"] < 0:
                raise ValueError(
                    f"the statistic is {row['statistic']:.4g} (R's cmprsk::cuminc gives the same): its "
                    "variance estimate degenerates when every patient has an event or a competing event "
                    "and nobody is censored, so no p-value is reported")
            test = pd.DataFrame([{"test": "Gray's test", "arms": ", ".join(compared),
                                  "statistic": row["statistic"], "df": row["df"], "p_value": row["p_value"]}])
        except (GraftlineError, ValueError, IndexError) as error:
            notices.append(f"Gray's test not reported: {error}.")
            test = _subdistribution_logrank(data, compared)
            if test is not None:
                remarks.append(
                    "Instead, arms are compared with the log-rank test of the subdistribution hazards: "
                    "patients with a competing event stay in the risk set (as in Fine-Gray), which with "
                    "no censoring is the score test of equal subdistribution hazards.")
    if not (data.status == 1).any():
        notices.append("No events of this kind were recorded in any arm: the incidence is 0 throughout "
                       "and no median time or hazard ratio exists.")
    else:
        remarks += _arms_without_events(data, "the incidence stays at 0 % (the flat line along the bottom of "
                                              "the figure)")
    return EndpointAnalysis(data.name, curves, landmark_rows.reset_index(drop=True),
                            pd.DataFrame(medians), test, notices=notices, remarks=remarks)


def _subdistribution_logrank(data: EndpointData, compared: Sequence[str]) -> pd.DataFrame | None:
    """Log-rank test of time to cause 1 with competing events never leaving the risk set.

    Used only when nobody in the compared arms is censored (then the
    subdistribution risk set is known exactly without censoring weights):
    a competing event is recorded as censored after the last observed time.
    """
    from graftline.stats import logrank_test

    keep = np.isin(data.arm, compared)
    status, time = data.status[keep], data.time[keep]
    if (status == 0).any() or not (status == 1).any():
        return None
    event = (status == 1).astype(int)
    moved = np.where(event == 1, time, time.max() + 1.0)
    result = logrank_test(moved, event, data.arm[keep])
    return pd.DataFrame([{"test": "Subdistribution log-rank", "arms": ", ".join(compared),
                          "statistic": result.statistic, "df": result.df, "p_value": result.p_value}])


def _no_events(data: EndpointData, landmarks: Sequence[float]) -> EndpointAnalysis:
    """Every patient censored: the incidence is 0 up to each arm's last follow-up."""
    curves, medians, rows = [], [], []
    for arm in data.arms:
        in_arm = data.arm == arm
        end = float(data.time[in_arm].max())
        curves.append(StepCurve(arm, np.array([0.0]), np.array([0.0]), end=end))
        medians.append({"arm": arm, "patients": int(in_arm.sum()), "events": 0, "competing_events": 0,
                        "censored": int(in_arm.sum()), "median_day": np.nan, "median_lower": np.nan,
                        "median_upper": np.nan})
        for day in landmarks:
            rows.append({"arm": arm, "day": day, "estimate": 0.0 if day <= end else np.nan,
                         "variance": 0.0 if day <= end else np.nan, "lower": np.nan, "upper": np.nan,
                         "carried_forward": False})
    notice = ("No events and no competing events were recorded in any arm (every patient censored): "
              "the incidence is 0 throughout, and no median, confidence interval, test or hazard "
              "ratio exists.")
    return EndpointAnalysis(data.name, curves, pd.DataFrame(rows), pd.DataFrame(medians), None,
                            notices=[notice])


def survival_by_arm(data: EndpointData, *, landmarks: Sequence[float]) -> EndpointAnalysis:
    """Kaplan-Meier survival by arm (log confidence intervals, R's default) and the log-rank test."""
    from graftline.stats import kaplan_meier, logrank_test

    notices: list[str] = []
    event = (data.status == 1).astype(int)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        result = kaplan_meier(data.time, event, group=data.arm)
        frame = result.to_frame()
        medians_frame = result.median()
        at = result.at(list(landmarks))
    curves, medians = [], []
    for arm in data.arms:
        in_arm = data.arm == arm
        rows = frame[frame["group"] == arm]
        time = np.concatenate([[0.0], rows["time"].to_numpy()])
        value = np.concatenate([[1.0], rows["survival"].to_numpy()])
        censored = np.unique(data.time[in_arm & (event == 0)])
        curves.append(StepCurve(arm, time, value, end=float(data.time[in_arm].max()), censored=censored))
        median = medians_frame[medians_frame["group"] == arm].iloc[0]
        medians.append({
            "arm": arm, "patients": int(in_arm.sum()), "events": int(event[in_arm].sum()),
            "censored": int((event[in_arm] == 0).sum()),
            "median_day": median["median"], "median_lower": median["lower"], "median_upper": median["upper"],
        })
    landmark_rows = at.rename(columns={"group": "arm", "time": "day", "survival": "estimate"})
    landmark_rows = landmark_rows[["arm", "day", "estimate", "std_err", "lower", "upper"]]
    final = {}
    for arm in data.arms:
        rows = frame[frame["group"] == arm]
        final[arm] = ({"estimate": rows["survival"].iloc[-1], "std_err": rows["std_err"].iloc[-1],
                       "lower": rows["lower"].iloc[-1], "upper": rows["upper"].iloc[-1]} if len(rows)
                      else {"estimate": 1.0, "std_err": 0.0, "lower": np.nan, "upper": np.nan})
    landmark_rows = _carry_final_values(landmark_rows, data, final, lambda status: status == 1)
    test = None
    small = _small_arms(data)
    compared = [a for a in data.arms if a not in small]
    keep = np.isin(data.arm, compared)
    if len(compared) < 2:
        notices.append("Log-rank test: fewer than two arms to compare.")
    elif event.any() and not event[keep].any():
        notices.append("Log-rank test: no events in the compared arms.")
    elif event.any():
        try:
            lr = logrank_test(data.time[keep], event[keep], data.arm[keep])
            test = pd.DataFrame([{"test": "Log-rank", "arms": ", ".join(compared),
                                  "statistic": lr.statistic, "df": lr.df, "p_value": lr.p_value}])
        except (GraftlineError, ValueError) as error:
            notices.append(f"The log-rank test could not be computed: {error}")
    if not event.any():
        notices.append("No events were recorded in any arm: survival is 100 % throughout.")
    remarks = _arms_without_events(data, "survival stays at 100 % (the flat line along the top of the figure)") \
        if event.any() else []
    return EndpointAnalysis(data.name, curves, landmark_rows.reset_index(drop=True),
                            pd.DataFrame(medians), test, notices=notices, remarks=remarks)


def _arms_without_events(data: EndpointData, meaning: str) -> list[str]:
    """A sentence naming the arms with no event while others have some (their curve is flat)."""
    silent = [a for a in data.arms if not (data.status[data.arm == a] == 1).any()]
    if not silent:
        return []
    many = len(silent) > 1
    return [f"No events in the {', '.join(silent)} arm{'s' if many else ''}: {meaning}, marked "
            f"\"(no events)\" in the legend."]


def hazard_ratios(data: EndpointData, *, model: str, adjust: Sequence[str]) -> tuple[pd.DataFrame | None, str | None]:
    """Hazard ratios of the arms against the first arm, adjusted for ``adjust``.

    ``model`` is ``"cox"`` (cause-specific/all-cause hazard, Efron ties) or
    ``"fine_gray"`` (subdistribution hazard of cause 1, competing cause 2).
    Returns the model's terms, or None and the reason it could not be fitted.
    """
    small = _small_arms(data)
    arms = [a for a in data.arms if a not in small]
    keep = np.isin(data.arm, arms)
    if len(arms) < 2:
        return None, f"fewer than two arms with at least {MIN_ARM_PATIENTS} patients"
    event = data.status[keep] == 1
    if not event.any():
        return None, "no events in the compared arms"
    without = [a for a in arms if not (data.status[data.arm == a] == 1).any()]
    if without:
        return None, (f"arm(s) {', '.join(without)} have no events: their hazard ratio would be 0 "
                      "and the model cannot be fitted")
    covariates = data.covariates.loc[keep].reset_index(drop=True).copy()
    covariates.insert(0, "arm", pd.Categorical(data.arm[keep], categories=arms))
    try:
        # A non-convergence warning is reported through ``converged`` below.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if model == "cox":
                from graftline.stats import cox_ph

                fit = cox_ph(data.time[keep], event.astype(int), covariates, ties="efron")
            else:
                from graftline.stats import fine_gray

                fit = fine_gray(data.time[keep], data.status[keep], covariates, cause=1, censor_code=0)
    except (GraftlineError, ValueError, np.linalg.LinAlgError) as error:
        return None, f"the model could not be fitted: {error}"
    except Exception as error:  # noqa: BLE001 - a failed model must not stop the whole report
        return None, f"the model could not be fitted ({type(error).__name__}: {error})"
    if not bool(getattr(fit, "converged", True)):
        return None, "the model did not converge (an arm with no events or a covariate that separates them)"
    terms = fit.to_frame().copy()
    if not np.isfinite(terms["coef"].to_numpy(dtype=float)).all():
        return None, "the model gave infinite or missing coefficients (no events in an arm)"
    terms.insert(0, "model", "Cox" if model == "cox" else "Fine-Gray")
    terms.insert(1, "reference_arm", arms[0])
    terms.insert(2, "patients", int(keep.sum()))
    terms.insert(3, "events", int(event.sum()))
    if small:
        terms["note"] = f"left out arm(s) with fewer than {MIN_ARM_PATIENTS} patients: {', '.join(small)}"
    return terms.reset_index(drop=True), None


def proportion_by_arm(successes: pd.Series, arm: pd.Series, arms: Sequence[str]) -> pd.DataFrame:
    """Rate per arm with the exact (Clopper-Pearson) and Wilson 95 % intervals.

    Patients with a missing value are not evaluable and left out of the
    denominator (their number is in ``not_evaluable``).
    """
    rows = []
    for name in arms:
        values = successes[arm == name]
        known = values.dropna().astype(bool)
        k, n = int(known.sum()), int(known.size)
        row = {"arm": name, "responders": k, "evaluable": n, "not_evaluable": int(values.isna().sum()),
               "rate": k / n if n else np.nan}
        if n:
            test = scipy_stats.binomtest(k, n)
            exact, wilson = test.proportion_ci(method="exact"), test.proportion_ci(method="wilson")
            row.update(exact_lower=exact.low, exact_upper=exact.high,
                       wilson_lower=wilson.low, wilson_upper=wilson.high)
        rows.append(row)
    return pd.DataFrame(rows, columns=["arm", "responders", "evaluable", "not_evaluable", "rate",
                                       "exact_lower", "exact_upper", "wilson_lower", "wilson_upper"])

"""Adjusted absolute risks of two arms at chosen times: G-computation, IPTW, AIPTW.

Equal to ``riskRegression::ate`` (Ozenne, Scheike, Staerk, Gerds 2020) for
right-censored survival and competing risks, with the models it is usually
given: an outcome Cox model (cause-specific Cox models for competing risks)
with the treatment and the confounders, a logistic propensity model, and a
Cox model of censoring on the treatment and the confounders, all with
Breslow ties.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import special, stats

from graftline.errors import InputError
from graftline.stats._blas import single_blas_thread
from graftline.stats._design import model_matrix
from graftline.stats._validation import check_status, check_time
from graftline.stats.adjusted import augmented, gformula, weighting
from graftline.stats.adjusted._cox_influence import breslow_from_cox
from graftline.stats.adjusted._treatment import Treatment, check_confounders, check_treatment
from graftline.stats.adjusted.propensity import ESTIMANDS
from graftline.stats.adjusted.propensity import _fit as fit_logistic
from graftline.stats.survival.cox import cox_ph

METHODS = ("gcomp", "iptw", "aiptw")


class BeyondFollowUpWarning(UserWarning):
    """A requested time lies beyond an arm's last follow-up: its risk there is extrapolated."""

VARIANCES = ("full", "known")


@dataclass(frozen=True)
class AdjustedRisks:
    """Standardised risks by arm and their contrasts at chosen times.

    Attributes
    ----------
    times : ndarray (m,)
    labels : tuple
        ``(control, treated)`` arm labels.
    risk, risk_se : ndarray (2, m)
        Risk of the event (cumulative incidence of ``cause``) by each time
        had everyone received the control arm (row 0) or the treated arm (row 1).
    influence : ndarray (n, 2, m)
        Sum-form influence functions (:math:`\\mathrm{se} = \\sqrt{\\sum_i \\psi_i^2}`).
    method, variance : str
    cause : int or None
        The cause of interest (None: a single event type, risk = 1 - survival).
    n : int
    estimand : str
        "ATE" (the whole cohort), "ATT" (patients like the treated) or
        "ATO" (the overlap population).
    """

    times: np.ndarray
    labels: tuple[object, object]
    risk: np.ndarray
    risk_se: np.ndarray
    influence: np.ndarray
    method: str
    variance: str
    cause: int | None
    n: int
    estimand: str = "ATE"

    @property
    def survival(self) -> np.ndarray:
        """1 - risk (meaningful when there are no competing events)."""
        return 1.0 - self.risk

    def difference(self, *, conf_level: float = 0.95):
        """Risk difference treated - control: ``time, estimate, se, lower, upper, p_value`` (Wald).

        The interval is truncated to [-1, 1], as riskRegression's ``confint`` does.
        """
        estimate = self.risk[1] - self.risk[0]
        se = np.sqrt(np.sum((self.influence[:, 1] - self.influence[:, 0]) ** 2, axis=0))
        return self._contrast(estimate, se, 0.0, conf_level, bounds=(-1.0, 1.0))

    def ratio(self, *, conf_level: float = 0.95):
        """Risk ratio treated / control with a delta-method SE on the ratio scale (as riskRegression).

        Undefined (inf or NaN, without a NumPy warning) where the control
        risk is 0, e.g. before that arm's first event. The interval's lower
        limit is at least 0, as riskRegression's ``confint`` has it.
        """
        with np.errstate(divide="ignore", invalid="ignore"):
            estimate = self.risk[1] / self.risk[0]
            psi = self.influence[:, 1] / self.risk[0] - self.risk[1] * self.influence[:, 0] / self.risk[0] ** 2
            return self._contrast(estimate, np.sqrt(np.sum(psi**2, axis=0)), 1.0, conf_level,
                                  bounds=(0.0, np.inf))

    def _contrast(self, estimate, se, null, conf_level, *, bounds):
        import pandas as pd

        z = special.ndtri(1 - (1 - conf_level) / 2)
        return pd.DataFrame({
            "time": self.times, "estimate": estimate, "se": se,
            "lower": np.clip(estimate - z * se, *bounds), "upper": np.clip(estimate + z * se, *bounds),
            # NaN where se is 0 (at time 0, before any event): no test.
            "p_value": 2 * stats.norm.sf(np.abs(estimate - null) / np.where(se > 0, se, np.nan)),
        })

    def plot(self, ax=None, *, survival: bool | None = None, confidence: bool = True,
             colors: tuple[str, str] = ("#0072B2", "#D55E00")):
        """Adjusted curves per arm (risk, or survival when there is one event type); returns the Axes.

        Evaluate at many ``times`` (e.g. ``numpy.linspace(0, 730, 80)``) for a
        smooth curve; points are joined as steps.
        """
        import matplotlib.pyplot as plt

        ax = ax if ax is not None else plt.subplots()[1]
        show_survival = self.cause is None if survival is None else survival
        z = special.ndtri(0.975)
        for a in (0, 1):
            value = self.risk[a]
            low, high = value - z * self.risk_se[a], value + z * self.risk_se[a]
            if show_survival:
                value, low, high = 1 - value, 1 - high, 1 - low
            ax.step(self.times, value, where="post", color=colors[a], label=f"{self.labels[a]} (adjusted)")
            if confidence:
                ax.fill_between(self.times, np.clip(low, 0, 1), np.clip(high, 0, 1), step="post",
                                color=colors[a], alpha=0.15, linewidth=0)
        ax.set_xlabel("time")
        ax.set_ylabel("survival probability" if show_survival else "cumulative incidence")
        ax.set_ylim(0, 1.02)
        ax.legend()
        return ax

    def to_frame(self, *, conf_level: float = 0.95):
        """One row per arm and time: ``arm, time, risk, se, lower, upper``.

        Wald intervals truncated to [0, 1], as riskRegression's ``confint``
        (no transformation) gives them.
        """
        import pandas as pd

        z = special.ndtri(1 - (1 - conf_level) / 2)
        rows = []
        for a in (0, 1):
            rows.append(pd.DataFrame({
                "arm": [self.labels[a]] * len(self.times), "time": self.times, "risk": self.risk[a],
                "se": self.risk_se[a], "lower": np.clip(self.risk[a] - z * self.risk_se[a], 0.0, 1.0),
                "upper": np.clip(self.risk[a] + z * self.risk_se[a], 0.0, 1.0),
            }))
        return pd.concat(rows, ignore_index=True)


@single_blas_thread
def adjusted_risks(time, status, treatment, covariates, *, times, method: str = "gcomp",
                   cause: int | None = None, variance: str = "full", treated: object = None,
                   estimand: str = "ATE") -> AdjustedRisks:
    """Risks by each time had every patient received each arm, adjusted for confounders.

    Parameters
    ----------
    time : array_like
        Follow-up time per patient.
    status : array_like
        0 = censored; 1 = event (survival) or 1, 2, ... = cause (competing risks).
    treatment : array_like
        Two arms (0/1, booleans or two labels); ``treated`` names the treated one.
    covariates : DataFrame or 2-D array
        Confounders, in every model (R treatment contrasts for categoricals).
    times : array_like
        Times at which to report the risks.
    method : {"gcomp", "iptw", "aiptw"}, default "gcomp"
        G-computation (direct standardisation from a Cox model, or from
        cause-specific Cox models), inverse probability of treatment and
        censoring weighting, or the doubly robust augmented estimator.
    cause : int, optional
        Cause of interest when ``status`` has several causes (default 1).
    variance : {"full", "known"}, default "full"
        "full": the influence function includes the estimation of every
        nuisance model (riskRegression's ``known.nuisance = FALSE``);
        "known": treats them as known (``TRUE``), which for AIPTW is its
        usual efficient-influence-function variance.
    estimand : {"ATE", "ATT", "ATO"}, default "ATE"
        The population the risks are standardised to: the whole cohort (ATE,
        every method), the treated (ATT) or the overlap population (ATO,
        Li et al. 2018); ATT and ATO with ``method="iptw"`` or ``"gcomp"``.

    Returns
    -------
    AdjustedRisks

    Notes
    -----
    For arm a, time t and event indicator :math:`D_i(t) = 1\\{T_i \\le t,
    \\Delta_i = k\\}`:

    - G-computation: :math:`\\hat\\theta_a = n^{-1}\\sum_i \\hat F_k(t | a, X_i)`.
    - G-computation for the ATT: the mean over the :math:`n_1` treated,
      :math:`n_1^{-1}\\sum_i A_i \\hat F_k(t | a, X_i)`, with influence
      :math:`A_i(\\hat F_k(t|a,X_i) - \\hat\\theta_a)/n_1` plus the outcome
      models' terms with their gradients averaged over the treated
      (``riskRegression::ate`` with ``data.index`` the treated). For the ATO
      the overlap-weighted mean :math:`\\sum_i h_i \\hat F_k(t|a,X_i)/\\sum_i h_i`,
      :math:`h_i = \\hat e_i(1-\\hat e_i)`, whose influence adds the logistic
      model's term through :math:`\\partial h_i/\\partial\\gamma`.
    - IPTW: :math:`n^{-1}\\sum_i 1\\{A_i = a\\} D_i(t) / \\{\\hat\\pi_a(X_i)
      \\hat G(T_i- | A_i, X_i)\\}`, with :math:`\\hat G` the censoring survival.
    - IPTW for the ATT and ATO: each arm's weighted mean of
      :math:`1\\{A_i = a\\} D_i(t)/\\hat G(T_i- | A_i, X_i)` with the weights
      :math:`w_a(\\hat\\pi)` of :func:`propensity_weights` (ATT: 1 treated,
      :math:`e/(1-e)` control; ATO: :math:`1-e` treated, :math:`e` control),
      normalised within the arm (Hajek); its influence function includes
      the logistic and censoring models (``variance="full"``).
    - AIPTW: the IPTW term plus :math:`(1 - 1\\{A_i=a\\}/\\hat\\pi_a)\\hat F_k(t|a,X_i)`
      plus the censoring augmentation
      :math:`1\\{A_i=a\\}/\\hat\\pi_a \\int_0^{t} \\{\\hat F_k(t|\\cdot) - \\hat F_k(s|\\cdot)\\}
      / \\{\\hat S(s|\\cdot)\\hat G(s|\\cdot)\\} d\\hat M^c_i(s)`.

    Standard errors are :math:`\\sqrt{\\sum_i \\psi_i^2}` from the influence
    functions; intervals and tests are Wald, on the risk scale, as
    ``riskRegression::ate`` reports them. Models use Breslow ties and no
    strata. Predicted survival within the models is :math:`\\exp(-\\Lambda)`.

    References
    ----------
    .. [1] Ozenne BMH, Scheike TH, Staerk L, Gerds TA. On the estimation of
       average treatment effects with right-censored time to event outcome and
       competing risks. Biom J 2020;62:751-63.
    .. [2] Austin PC. The use of propensity score methods with survival or
       time-to-event outcomes. Stat Med 2014;33:1242-58.
    .. [3] Li F, Morgan KL, Zaslavsky AM. Balancing covariates via propensity
       score weighting. JASA 2018;113:390-400.
    """
    key = str(method).lower()
    if key not in METHODS:
        raise InputError(f"method={method!r}; expected one of {list(METHODS)}")
    if variance not in VARIANCES:
        raise InputError(f"variance={variance!r}; expected 'full' or 'known'")
    target_population = str(estimand).upper()
    if target_population not in ESTIMANDS:
        raise InputError(f"estimand={estimand!r}; expected one of {list(ESTIMANDS)}")
    if target_population != "ATE" and key == "aiptw":
        raise InputError(f"estimand={target_population!r} is offered with method='iptw' or 'gcomp' "
                         f"(AIPTW here standardises to the whole cohort, the ATE)")
    t = check_time(time)
    codes = check_status(status, len(t))
    causes = sorted(int(c) for c in np.unique(codes) if c != 0)
    if not causes:
        raise InputError("status has no event (every patient censored); nothing to estimate")
    competing = len(causes) > 1 or (cause is not None and cause != 1) or max(causes) > 1
    target = 1 if cause is None else int(cause)
    if target not in causes:
        raise InputError(f"cause={target} does not occur in status (causes present: {causes})")
    if key == "gcomp" and variance == "known":
        raise InputError("variance='known' is for iptw and aiptw; G-computation's variance must "
                         "include the outcome model's estimation")
    horizon = np.atleast_1d(np.asarray(times, dtype=np.float64))
    if horizon.size == 0 or not np.isfinite(horizon).all() or (horizon < 0).any():
        raise InputError("times must be finite times >= 0 at which to report the risks")
    arms = check_treatment(treatment, treated=treated, n=len(t))
    if key != "gcomp" or target_population == "ATO":   # a propensity model is fitted
        check_confounders(covariates, arms)
    design = model_matrix(covariates, n=len(t))
    _check_events_per_arm(codes, arms, target, competing)
    _warn_beyond_follow_up(t, arms, horizon)
    a = arms.indicator
    x = np.column_stack([a, design.matrix])   # column 0: the treatment
    names = ("treated", *design.names)

    def cox_fit(indicator):
        return breslow_from_cox(cox_ph(t, indicator, x_frame(x, names), ties="breslow"), x)

    outcome = None
    if key in ("gcomp", "aiptw"):
        if competing:
            outcome = [cox_fit((codes == k).astype(float)) for k in causes]
        else:
            outcome = [cox_fit((codes == target).astype(float))]
    if key == "gcomp":
        population = gformula.target_population(
            target_population, a, design=np.column_stack([np.ones(len(t)), design.matrix]), names=design.names,
            arms=arms) if target_population != "ATE" else None
        if competing:
            risk, influence = gformula.competing_risks(outcome, x, 0, horizon, causes.index(target) + 1,
                                                       population)
        else:
            risk, influence = gformula.survival_risks(outcome[0], x, 0, horizon, population)
    else:
        propensity = fit_logistic(np.column_stack([np.ones(len(t)), design.matrix]),
                                  ("(Intercept)", *design.names), arms, max_iter=100, tolerance=1e-12)
        censoring = cox_fit((codes == 0).astype(float)) if (codes == 0).any() else _uncensored(x)
        if key == "aiptw":
            risk, influence = augmented.augmented_risks(
                t, codes, target, a, propensity, censoring, outcome, causes.index(target) + 1 if competing else 1,
                x, horizon, full=variance == "full")
        else:
            risk, influence = weighting.weighted_risks(t, codes, target, a, propensity, censoring, x, horizon,
                                                       full=variance == "full", estimand=target_population)
    se = np.sqrt(np.sum(influence**2, axis=0))
    return AdjustedRisks(times=horizon, labels=arms.labels, risk=risk, risk_se=se, influence=influence,
                         method=key, variance=variance, cause=target if competing else None, n=len(t),
                         estimand=target_population)


def _check_events_per_arm(codes: np.ndarray, arms: Treatment, target: int, competing: bool) -> None:
    """Refuse an arm without an event of the cause of interest.

    With none, the arm's risk is 0 with a standard error of ~0 (the Cox
    models' treatment coefficient is infinite: monotone likelihood, R's
    coxph warns "Loglik converged before variable"), so the difference's
    interval and the ratio and its p-value are meaningless. A competing
    cause absent from one arm is not refused: its cause-specific hazard in
    that arm is then ~0, which is what the data say, and the cause of
    interest's risks stay finite (checked on a cohort without competing
    events in one arm: G-computation, IPTW and AIPTW agree).
    """
    for a, label in ((True, arms.labels[1]), (False, arms.labels[0])):
        in_arm = arms.treated == a
        if not (codes[in_arm] == target).any():
            what = f"event of cause {target}" if competing else "event"
            raise InputError(
                f"arm {label} has no {what} ({int(in_arm.sum())} patients, all censored"
                f"{' or with another cause' if competing else ''}): its adjusted risk would be 0 with no "
                "variance (and an outcome Cox model's treatment coefficient infinite), so neither the "
                "difference's interval nor the ratio would mean anything; report the crude counts instead"
            )


def _warn_beyond_follow_up(time: np.ndarray, arms: Treatment, horizon: np.ndarray) -> None:
    """Warn when a time lies beyond an arm's last follow-up: the risk there is an extrapolation.

    Beyond the last follow-up of an arm, no patient of that arm is observed:
    the weighting estimators hold the arm's risk at its last value (a
    censoring survival of 0 is never reached), the Cox-based ones extrapolate
    through the proportional-hazards assumption, and past the cohort's last
    time ``riskRegression::ate`` reports NA for G-computation. The numbers
    are computed as ``ate`` does but are not data; the CLI refuses such times.
    """
    for a, label in ((True, arms.labels[1]), (False, arms.labels[0])):
        last = float(time[arms.treated == a].max())
        beyond = horizon[horizon > last]
        if beyond.size:
            warnings.warn(
                f"times {[float(f'{v:g}') for v in beyond]} lie beyond the last follow-up of arm {label} "
                f"({last:g}): its risk there is extrapolated, not estimated from data",
                BeyondFollowUpWarning, stacklevel=4)


def _uncensored(x: np.ndarray):
    """No censored patient: G = 1, a censoring model without jumps and without influence."""
    from graftline.stats.adjusted._cox_influence import BreslowFit

    n, p = x.shape
    empty = np.empty(0)
    return BreslowFit(jumps=empty, hazard=empty, s0=empty, xbar=np.empty((0, p)), beta=np.zeros(p),
                      beta_influence=np.zeros((n, p)), risk=np.ones(n), last_jump=np.zeros(n, dtype=np.intp),
                      event_jump=np.full(n, -1), jumps_before=np.zeros(n, dtype=np.intp))


def x_frame(x: np.ndarray, names: tuple[str, ...]):
    """The model matrix as a frame, so cox_ph keeps its columns as they are."""
    import pandas as pd

    return pd.DataFrame(x, columns=list(names))

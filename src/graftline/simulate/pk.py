"""Pharmacokinetics and myelosuppressive effect of the chemotherapy drugs.

Each drug has a linear mammillary PK model (1-3 compartments, clearances and
volumes per m^2 body surface area) and a pharmacodynamic effect ``E(C)`` on
proliferating haematopoietic progenitors, either linear (``E = slope C``) or
saturating (``E = Emax C / (EC50 + C)``), as in Friberg et al. 2002. The
count model turns ``E`` into a kill rate of the progenitor pools
(:mod:`graftline.simulate.model`); this module only computes the drug
*exposure* per integration step,

    X_k = integral of E(C(t)) dt over step k   (days),

for every patient, from the doses of a regimen
(:mod:`graftline.simulate.regimens`).

Method
------
For a unit dose the plasma concentration of a linear model is a sum of
exponentials, ``C(t) = sum_i A_i exp(-lambda_i t)`` (``lambda_i`` the
eigenvalues of the compartment matrix, ``A_i`` the macro-constants per
mg/m^2). Each exponential is a state ``u_i`` that decays exactly over a
sub-step of length ``dt`` while the infusion rate ``R`` is constant::

    u_i(t + dt) = u_i e^(-l dt) + R A_i (1 - e^(-l dt)) / l
    int u_i dt  = u_i (1 - e^(-l dt)) / l + R A_i (dt - (1 - e^(-l dt)) / l) / l

so concentrations and their integrals are exact (no ODE solver) on a
sub-grid of ``1/24`` day (hourly; infusions start and stop on the hour).
Infusions are moved to the hour (start rounded, at least one hour long:
a 30-minute infusion is given over the hour). A linear effect integrates
exactly; a saturating one is evaluated on 5-minute mean concentrations in
the four hours after any change of infusion rate (short half-lives -
cytarabine ~12 min - make the concentration move fast there) and on hourly
means otherwise (a plateau or a slow tail). Steps with no drug on board
(every exponential below 1e-9 of its peak) are skipped.

References
----------
1. Friberg LE, Henningsson A, Maas H, Nguyen L, Karlsson MO. Model of
   chemotherapy-induced myelosuppression with parameter consistency across
   drugs. J Clin Oncol 2002;20:4713-4721.
2. Fleming RA, Capizzi RL, Rosner GL, et al. Clinical pharmacology of
   cytarabine in patients with acute myeloid leukemia: a Cancer and Leukemia
   Group B study. Cancer Chemother Pharmacol 1995;36:425-430 (abstract:
   clearance 134 (SD 71) L/h/m^2, Css 0.30 uM at 200 mg/m^2/day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError

SUBSTEPS_PER_DAY = 24
#: Saturating effects: 5-minute means in the hours around a change of infusion rate.
FINE_PER_HOUR = 12
FINE_HOURS_AFTER_CHANGE = 4


@dataclass(frozen=True)
class Drug:
    """PK and PD of one cytotoxic drug (per m^2 body surface area).

    Parameters
    ----------
    name
        Lower-case drug name used in regimens.
    clearance
        Central clearance, L/h/m^2.
    volumes
        Central and peripheral volumes, L/m^2 (1-3 values).
    intercompartmental
        Inter-compartmental clearances, L/h/m^2 (one per peripheral volume).
    clearance_cv
        Between-patient coefficient of variation of the clearance.
    slope
        Linear effect per mg/L (``E = slope C``); ``None`` with ``emax``.
    emax, ec50
        Saturating effect ``Emax C / (EC50 + C)``, EC50 in mg/L.
    source
        Where the numbers come from, with tags as in DOMAIN.md
        ([C] read in the source, [S] secondary, [NC] not confirmed).
    """

    name: str
    clearance: float
    volumes: tuple[float, ...]
    intercompartmental: tuple[float, ...] = ()
    clearance_cv: float = 0.3
    slope: float | None = None
    emax: float | None = None
    ec50: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        if len(self.intercompartmental) != len(self.volumes) - 1:
            raise ValueError(f"{self.name}: one inter-compartmental clearance per peripheral volume")
        if (self.slope is None) == (self.emax is None):
            raise ValueError(f"{self.name}: give either slope or emax/ec50")

    def effect(self, concentration: np.ndarray) -> np.ndarray:
        """``E(C)`` for concentrations in mg/L."""
        if self.slope is not None:
            return self.slope * concentration
        return self.emax * concentration / (self.ec50 + concentration)


#: The drugs of the named regimens. PD values are the *reference* potencies
#: that the lineage sensitivity of :class:`graftline.simulate.parameters.Chemotherapy`
#: multiplies; they set the relative myelotoxicity of the drugs (see docs).
DRUGS: dict[str, Drug] = {
    drug.name: drug
    for drug in (
        # Clearance 134 L/h/m^2 (CV 53 %) [C: Fleming 1995 abstract]; the
        # volume (half-life ~12 min) is assumed [NC]. Saturating effect: the
        # intracellular ara-CTP formation saturates at plasma levels of a few
        # uM, the rationale of the HiDAC debate [S]; EC50 1 uM = 0.243 mg/L [NC].
        Drug("cytarabine", clearance=134.0, volumes=(40.0,), clearance_cv=0.53, emax=1.0, ec50=0.243,
             source="CL: Fleming 1995 [C]; V, EC50 assumed [NC]"),
        # Two-compartment models with terminal half-lives of about a day
        # (daunorubicin, idarubicin) and several days (mitoxantrone) [S:
        # product labels]; linear effects, potencies relative to cytarabine [NC].
        Drug("daunorubicin", clearance=40.0, volumes=(20.0, 600.0), intercompartmental=(60.0,), slope=0.25,
             source="PK: product label, terminal t1/2 ~ 18-27 h [S]; slope assumed [NC]"),
        Drug("idarubicin", clearance=30.0, volumes=(15.0, 700.0), intercompartmental=(50.0,), slope=1.5,
             source="PK: product label, terminal t1/2 ~ 22 h [S]; slope assumed [NC]"),
        Drug("mitoxantrone", clearance=15.0, volumes=(10.0, 800.0), intercompartmental=(40.0,), slope=2.5,
             source="PK: product label, terminal t1/2 ~ 3 days [S]; slope assumed [NC]"),
        # Docetaxel: Friberg 2002 Table 4 (neutrophils): Emax 83.9, EC50 7.17 uM
        # [S: as transcribed by Norris, DTAT package]; PK of Onoue 2016 Table 2
        # (CL 32.6 L/h, Vc 5.77 L, Q 5.34 L/h, Vp 11.0 L per patient, here per
        # 1.8 m^2) [S]. Used to reproduce the published model (friberg.py).
        Drug("docetaxel", clearance=32.6 / 1.8, volumes=(5.77 / 1.8, 11.0 / 1.8),
             intercompartmental=(5.34 / 1.8,), clearance_cv=0.3, emax=83.9, ec50=7.17 * 0.808,
             source="Friberg 2002 Table 4 [S]; PK Onoue 2016 Table 2 [S]"),
    )
}


def resolve_drug(name: str) -> Drug:
    key = name.strip().lower()
    aliases = {"ara-c": "cytarabine", "arac": "cytarabine", "dnr": "daunorubicin", "ida": "idarubicin",
               "mtx": "mitoxantrone", "mitox": "mitoxantrone", "dauno": "daunorubicin"}
    key = aliases.get(key, key)
    if key not in DRUGS:
        raise InputError(f"unknown drug {name!r}; known drugs: {', '.join(DRUGS)}")
    return DRUGS[key]


def macro_constants(drug: Drug, clearance: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exponents ``lambda`` (1/day) and coefficients ``A`` (mg/L per mg/m^2).

    Returns arrays of shape ``(n, k)`` for ``n`` patients (individual
    clearances, L/h/m^2) and ``k`` compartments: the response to a bolus of
    1 mg/m^2 is ``C(t) = sum_i A_i exp(-lambda_i t)`` mg/L. The eigen-decomposition is done in
    per-hour units and converted to days.
    """
    clearance = np.asarray(clearance, dtype=float)
    n, k = clearance.size, len(drug.volumes)
    v = np.asarray(drug.volumes, dtype=float)
    q = np.asarray(drug.intercompartmental, dtype=float)
    # Rate matrix of amounts, per hour: dA/dt = M A.
    m = np.zeros((n, k, k))
    m[:, 0, 0] = -clearance / v[0] - q.sum() / v[0]
    for j in range(1, k):
        m[:, 0, j] = q[j - 1] / v[j]
        m[:, j, 0] = q[j - 1] / v[0]
        m[:, j, j] = -q[j - 1] / v[j]
    values, vectors = np.linalg.eig(m)
    values, vectors = values.real, vectors.real
    # Bolus of 1 mg/m^2 into the central compartment: A(t) = V e^{Lt} V^-1 e1.
    coefficients = np.linalg.solve(vectors, np.broadcast_to(np.eye(k)[:, :1], (n, k, 1)))[:, :, 0]
    a = vectors[:, 0, :] * coefficients / v[0]  # concentration per mg/m^2
    return -values * 24.0, a


@dataclass(frozen=True)
class Administration:
    """One drug given to every patient of a group, as infusions on a day grid.

    ``start`` and ``duration`` are in days relative to day 0 (the cell
    infusion); ``dose`` is mg/m^2 per administration.
    """

    drug: Drug
    start: float
    duration: float
    dose: float


def on_the_hour(adm: Administration) -> Administration:
    """The infusion moved to the hourly grid: start rounded, at least one hour long."""
    hours = SUBSTEPS_PER_DAY
    start = round(adm.start * hours) / hours
    duration = max(round(adm.duration * hours), 1) / hours
    return Administration(adm.drug, start, duration, adm.dose)


def exposure(
    administrations: Sequence[Administration],
    clearance_factor: dict[str, np.ndarray],
    *,
    t0: float,
    n_steps: int,
    step: float,
    potency: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Drug exposure ``X`` (sum over drugs of the integral of E) per step.

    Parameters
    ----------
    administrations
        Every infusion of the regimen (same for all patients of the call).
    clearance_factor
        Per drug name, each patient's clearance relative to the typical value
        (lognormal between-patient variability), shape ``(n,)``.
    t0
        Time of the first step, days relative to day 0.
    n_steps, step
        Integration grid of the count model. Exposure is computed hour by
        hour from the hour at or before ``t0`` and its running integral is
        interpolated linearly onto the grid (exact when the grid is a
        multiple of an hour, as with the default half-day step).
    potency
        Per drug name, each patient's factor on the drug's effect (default 1).

    Returns
    -------
    ndarray
        ``(n, n_steps)``; ``X[:, k]`` multiplies the pools' division rate in
        the kill ``exp(-p sigma X)``.
    """
    hour = 1.0 / SUBSTEPS_PER_DAY
    start = np.floor(t0 * SUBSTEPS_PER_DAY + 1e-9) / SUBSTEPS_PER_DAY
    on_the_grid = abs(step * SUBSTEPS_PER_DAY - round(step * SUBSTEPS_PER_DAY)) < 1e-9 and step >= hour
    if on_the_grid and abs(start - t0) < 1e-12:
        return _grid_exposure(administrations, clearance_factor, t0=t0, n_steps=n_steps, step=step, potency=potency)
    n_hours = int(np.ceil((t0 + n_steps * step - start) * SUBSTEPS_PER_DAY - 1e-9))
    hourly = _grid_exposure(administrations, clearance_factor, t0=start, n_steps=n_hours, step=hour, potency=potency)
    cumulative = np.concatenate([np.zeros((hourly.shape[0], 1)), np.cumsum(hourly, axis=1)], axis=1)
    edges = start + np.arange(n_hours + 1) * hour
    grid = t0 + np.arange(n_steps + 1) * step
    at = np.stack([np.interp(grid, edges, row) for row in cumulative]) if cumulative.size else np.zeros((0, n_steps + 1))
    return np.diff(at, axis=1)


def _grid_exposure(
    administrations: Sequence[Administration],
    clearance_factor: dict[str, np.ndarray],
    *,
    t0: float,
    n_steps: int,
    step: float,
    potency: dict[str, np.ndarray] | None = None,
) -> np.ndarray:
    """Exposure on a grid whose step is a whole number of hours (see :func:`exposure`).

    Parameters
    ----------
    administrations
        Every infusion of the regimen (same for all patients of the call).
    clearance_factor
        Per drug name, each patient's clearance relative to the typical value
        (lognormal between-patient variability), shape ``(n,)``.
    t0
        Time of the first step, days relative to day 0.
    n_steps, step
        Integration grid of the count model.
    potency
        Per drug name, each patient's factor on the drug's effect (default 1).

    Returns
    -------
    ndarray
        ``(n, n_steps)``; ``X[:, k]`` multiplies the pools' division rate in
        the kill ``exp(-p sigma X)``.
    """
    n = next(iter(clearance_factor.values())).size if clearance_factor else 0
    out = np.zeros((n, n_steps))
    by_drug: dict[str, list[Administration]] = {}
    for adm in administrations:
        by_drug.setdefault(adm.drug.name, []).append(on_the_hour(adm))
    sub = int(round(step * SUBSTEPS_PER_DAY))
    dt = step / sub
    total = out
    for doses in by_drug.values():
        drug = doses[0].drug
        out = np.zeros_like(total)
        lam, coef = macro_constants(drug, drug.clearance * clearance_factor[drug.name])
        decay, frac = np.exp(-lam * dt), -np.expm1(-lam * dt) / lam
        integral_in = (dt - frac) / lam
        decay_step, frac_step = np.exp(-lam * step), -np.expm1(-lam * step) / lam
        dt_f = dt / FINE_PER_HOUR
        decay_f, frac_f = np.exp(-lam * dt_f), -np.expm1(-lam * dt_f) / lam
        integral_in_f = (dt_f - frac_f) / lam
        last_rate, since_change = 0.0, FINE_HOURS_AFTER_CHANGE
        u = np.zeros_like(lam)
        peak = 0.0
        for k in range(n_steps):
            t_start = t0 + k * step
            rates = [(a.start, a.start + a.duration, a.dose / a.duration) for a in doses
                     if a.start < t_start + step - 1e-9 and a.start + a.duration > t_start + 1e-9]
            if not rates:
                if peak == 0.0 or np.abs(u).sum(axis=1).max() < 1e-9 * peak:
                    continue  # nothing on board
                if drug.slope is not None:  # linear effect: the whole step at once, exactly
                    out[:, k] += drug.slope * (u * frac_step).sum(axis=1)
                    u = u * decay_step
                    continue
            for j in range(sub):
                ts = t_start + j * dt
                rate = sum(r for s, e, r in rates if s <= ts + 1e-9 and e >= ts + dt - 1e-9)
                if rate != last_rate:
                    since_change, last_rate = 0, rate
                if drug.slope is not None or since_change >= FINE_HOURS_AFTER_CHANGE:
                    auc = (u * frac + rate * coef * integral_in).sum(axis=1)
                    u = u * decay + rate * coef * frac
                    out[:, k] += drug.slope * auc if drug.slope is not None else drug.effect(np.maximum(auc / dt, 0.0)) * dt
                else:  # saturating effect while the concentration moves fast: 5-minute means
                    for _ in range(FINE_PER_HOUR):
                        auc = (u * frac_f + rate * coef * integral_in_f).sum(axis=1)
                        u = u * decay_f + rate * coef * frac_f
                        out[:, k] += drug.effect(np.maximum(auc / dt_f, 0.0)) * dt_f
                since_change += 1
            peak = max(peak, float(np.abs(u).sum(axis=1).max()))
        factor = None if potency is None else potency.get(drug.name)
        total += out if factor is None else out * np.asarray(factor, dtype=float)[:, None]
    return total


def concentration_curve(drug: Drug, administrations: Sequence[Administration], times: np.ndarray) -> np.ndarray:
    """Typical-patient concentration (mg/L) at ``times`` (days), by superposition.

    A second, independent evaluation (closed-form infusion response) used by
    the tests to check :func:`exposure`.
    """
    lam, coef = macro_constants(drug, np.array([drug.clearance]))
    lam, coef = lam[0], coef[0]
    conc = np.zeros_like(times, dtype=float)
    for adm in map(on_the_hour, administrations):
        rate = adm.dose / adm.duration
        t_in = np.clip(times - adm.start, 0, None)
        t_on = np.minimum(t_in, adm.duration)
        after = np.clip(times - adm.start - adm.duration, 0, None)
        for a_i, l_i in zip(coef, lam, strict=True):
            conc += rate * a_i / l_i * (1 - np.exp(-l_i * t_on)) * np.exp(-l_i * after)
    return conc

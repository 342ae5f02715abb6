"""A cohort with known confounding and a known marginal effect (not a clinical model).

Two confounders raise both the chance of treatment and the hazard: L (e.g.
age, standardised) and B (high disease risk). Treatment lowers the hazard
(hazard ratio exp(-0.5)). Censoring is administrative, uniform on
(200, 1000) days. Because the treated are sicker, the crude comparison
understates the benefit; the true standardised risks at time t are
E_{L,B}[1 - exp(-lambda_a(L, B) t)], computed here by Gauss-Hermite
quadrature over L (exact to ~1e-12) and the two values of B.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

BASELINE = 0.0015          # per day
EFFECT = -0.5              # log hazard ratio of treatment
LOG_HR_L, LOG_HR_B = 0.6, 0.5
PS_INTERCEPT, PS_L, PS_B = -0.3, 0.8, 0.7
P_B = 0.4


def simulate(n: int, rng: np.random.Generator) -> pd.DataFrame:
    l_value = rng.normal(0.0, 1.0, n)
    b_value = (rng.random(n) < P_B).astype(int)
    treated = (rng.random(n) < 1 / (1 + np.exp(-(PS_INTERCEPT + PS_L * l_value + PS_B * b_value)))).astype(int)
    rate = BASELINE * np.exp(EFFECT * treated + LOG_HR_L * l_value + LOG_HR_B * b_value)
    event_time = rng.exponential(1 / rate)
    censor_time = rng.uniform(200.0, 1000.0, n)
    return pd.DataFrame({
        "time": np.minimum(event_time, censor_time), "status": (event_time <= censor_time).astype(int),
        "treated": treated, "l": l_value, "b": b_value,
    })


def true_risks(t: float, estimand: str = "ATE") -> tuple[float, float]:
    """Standardised risks by time t had everyone been untreated / treated.

    ``estimand`` is the population standardised to: everyone (ATE), the
    treated (ATT: covariates weighted by the true propensity e(L, B)) or the
    overlap population (ATO: weighted by e(1 - e)).
    """
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)   # N(0, 1) quadrature
    weights = weights / weights.sum()
    out = []
    for a in (0, 1):
        risk = total = 0.0
        for b, p in ((0, 1 - P_B), (1, P_B)):
            score = 1 / (1 + np.exp(-(PS_INTERCEPT + PS_L * nodes + PS_B * b)))
            tilt = {"ATE": np.ones_like(score), "ATT": score, "ATO": score * (1 - score)}[estimand]
            rate = BASELINE * np.exp(EFFECT * a + LOG_HR_L * nodes + LOG_HR_B * b)
            risk += p * np.sum(weights * tilt * (1 - np.exp(-rate * t)))
            total += p * np.sum(weights * tilt)
        out.append(risk / total)
    return out[0], out[1]

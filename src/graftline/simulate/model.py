"""The count model: a self-renewing progenitor pool per population feeding a
Friberg transit chain, with feedback from the circulating count.

For each lineage L (neutrophils N, platelets P) and population q (host h,
donor d) the progenitor pool ``P_q`` (in units of the host's steady-state
pool) follows the Marciniak-Czochra / Stiehl self-renewal model, its
differentiated progeny mature through ``n`` transit compartments (Friberg
2002) and enter the blood, where they are cleared::

    s      = 1 / (1 + k C + c (P_h + P_d))       k = (1 - w)(2a - 1) / C_ss,  c = w (2a - 1)
    dP_q   = (2 a s - 1) m_q p P_q - r_q(t) P_q
    dT_1q  = 2 (1 - a s) m_q p P_q - k_tr T_1q    k_tr = n / MTT
    dT_iq  = k_tr (T_(i-1)q - T_iq)
    dC_q   = A k_tr T_nq - d C_q                  A = d C_ss / p

``C`` is the total circulating count (host + donor + transfused platelets),
so one cytokine signal (G-CSF for neutrophils, TPO for platelets) regulates
both populations. A share ``w`` of the steady-state feedback comes from
crowding of the progenitor niche (``c P``) rather than from the blood: the
blood signal arrives a maturation time late, and with it alone the model
overshoots into large oscillations (platelets several-fold above normal);
the niche term damps them without changing the early, unregulated
regrowth (``s ~ 1`` while counts and pools are small). At steady state
``2 a s = 1``, and since ``C = C_ss P`` there, ``P = 1`` and ``C = C_ss``
whatever the populations' shares. ``m_q`` is the MSC factor on the donor division
rate, ``r_q`` the immune clearance (MST rejection of donor cells; allo
elimination of host cells). In MST the host division rate is multiplied by
a support factor ``m_h`` for the first ``support_days`` days (the
alloreaction against the donor cells releases cytokines that stimulate the
recipient's own marrow; Guo 2011 discussion) - a phenomenological,
calibrated term. Neutrophils keep host and donor transit chains
apart (for chimerism); platelets share one chain. Transfused platelets form
their own compartment cleared at ``k_tx``.

All functions work on arrays of shape ``(n_states, n_patients)`` and
per-patient parameter arrays: one integration step advances every patient.

References
----------
1. Marciniak-Czochra A, Stiehl T, Ho AD, Jager W, Wagner W. Modeling of
   asymmetric cell division in hematopoietic stem cells - regulation of
   self-renewal is essential for efficient repopulation. Stem Cells Dev
   2009;18:377-385.
2. Stiehl T, Ho AD, Marciniak-Czochra A. Mathematical modeling of the impact
   of cytokine response of acute myeloid leukemia cells on patient
   prognosis. Sci Rep 2018;8:2809 (and Stiehl 2015 parameter family).
3. Friberg LE, Henningsson A, Maas H, Nguyen L, Karlsson MO. Model of
   chemotherapy-induced myelosuppression with parameter consistency across
   drugs. J Clin Oncol 2002;20:4713-4721.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# State rows. Neutrophils: progenitors, 3 transit (host), 3 transit (donor), blood.
NP_H, NP_D = 0, 1
NT_H = slice(2, 5)
NT_D = slice(5, 8)
N_H, N_D = 8, 9
# Platelets: progenitors (host, donor), 3 shared transit, endogenous blood, transfused.
MP_H, MP_D = 10, 11
MT = slice(12, 15)
PLT, PLT_TX = 15, 16
N_STATES = 17


@dataclass(frozen=True)
class Kinetics:
    """Per-patient model parameters, each an array of shape ``(n,)``.

    ``*_n`` are neutrophil, ``*_p`` platelet parameters; ``msc_*`` the
    factor on donor division rates; ``reject_*`` the donor clearance rate
    and the day it starts (MST); ``host_elim`` the host clearance (allo).
    """

    css_n: np.ndarray
    css_p: np.ndarray
    a_n: np.ndarray
    a_p: np.ndarray
    w_n: np.ndarray
    w_p: np.ndarray
    p_n: np.ndarray
    p_p: np.ndarray
    ktr_n: np.ndarray
    ktr_p: np.ndarray
    d_n: np.ndarray
    d_p: np.ndarray
    msc_n: np.ndarray
    msc_p: np.ndarray
    reject_rate: np.ndarray
    reject_onset: np.ndarray
    host_elim: np.ndarray
    support_n: np.ndarray
    support_p: np.ndarray
    support_days: float
    tx_clearance: float

    @property
    def n(self) -> int:
        return self.css_n.shape[0]

    @property
    def k_n(self) -> np.ndarray:
        return (1 - self.w_n) * (2 * self.a_n - 1) / self.css_n

    @property
    def k_p(self) -> np.ndarray:
        return (1 - self.w_p) * (2 * self.a_p - 1) / self.css_p

    @property
    def c_n(self) -> np.ndarray:
        return self.w_n * (2 * self.a_n - 1)

    @property
    def c_p(self) -> np.ndarray:
        return self.w_p * (2 * self.a_p - 1)

    @property
    def amp_n(self) -> np.ndarray:
        return self.d_n * self.css_n / self.p_n

    @property
    def amp_p(self) -> np.ndarray:
        return self.d_p * self.css_p / self.p_p


def steady_state(kin: Kinetics) -> np.ndarray:
    """The unperturbed state: host pool 1, no donor cells, counts at C_ss.

    At ``P = 1`` and ``s = 1/(2a)`` the outflow of the pool is ``p``, each
    transit compartment holds ``p / k_tr`` and the blood ``A p / d = C_ss``.
    """
    x = np.zeros((N_STATES, kin.n))
    x[NP_H] = 1.0
    x[NT_H] = kin.p_n / kin.ktr_n
    x[N_H] = kin.css_n
    x[MP_H] = 1.0
    x[MT] = kin.p_p / kin.ktr_p
    x[PLT] = kin.css_p
    return x


def _constants(kin: Kinetics) -> dict[str, np.ndarray]:
    """Per-patient products used at every step, computed once per call of :func:`advance`."""
    return {
        "k_n": kin.k_n, "c_n": kin.c_n, "amp_ktr_n": kin.amp_n * kin.ktr_n,
        "k_p": kin.k_p, "c_p": kin.c_p, "amp_ktr_p": kin.amp_p * kin.ktr_p,
        "p_msc_n": kin.p_n * kin.msc_n, "p_msc_p": kin.p_p * kin.msc_p,
    }


def derivatives(x: np.ndarray, t: float, kin: Kinetics, const: dict | None = None) -> np.ndarray:
    """Right-hand side of the model for every patient at time ``t`` (days)."""
    c = _constants(kin) if const is None else const
    dx = np.empty_like(x)
    reject = np.where(t >= kin.reject_onset, kin.reject_rate, 0.0)
    supported = t < kin.support_days

    # Neutrophils: pools, then both transit chains at once as a (2, n_transit, n) block.
    s_n = 1.0 / (1.0 + c["k_n"] * (x[N_H] + x[N_D]) + c["c_n"] * (x[NP_H] + x[NP_D]))
    a_s = kin.a_n * s_n
    p_host = kin.p_n * kin.support_n if supported else kin.p_n
    dx[NP_H] = ((2 * a_s - 1) * p_host - kin.host_elim) * x[NP_H]
    dx[NP_D] = ((2 * a_s - 1) * c["p_msc_n"] - reject) * x[NP_D]
    out = 2 * (1 - a_s)
    chains = x[NT_H.start:NT_D.stop].reshape(2, -1, x.shape[1])
    d_chains = dx[NT_H.start:NT_D.stop].reshape(2, -1, x.shape[1])
    d_chains[0, 0] = out * p_host * x[NP_H] - kin.ktr_n * chains[0, 0]
    d_chains[1, 0] = out * c["p_msc_n"] * x[NP_D] - kin.ktr_n * chains[1, 0]
    d_chains[:, 1:] = kin.ktr_n * (chains[:, :-1] - chains[:, 1:])
    dx[N_H:N_D + 1] = c["amp_ktr_n"] * chains[:, -1] - kin.d_n * x[N_H:N_D + 1]

    # Platelets: pools, one shared transit chain, endogenous and transfused platelets.
    s_p = 1.0 / (1.0 + c["k_p"] * (x[PLT] + x[PLT_TX]) + c["c_p"] * (x[MP_H] + x[MP_D]))
    a_s = kin.a_p * s_p
    p_host = kin.p_p * kin.support_p if supported else kin.p_p
    dx[MP_H] = ((2 * a_s - 1) * p_host - kin.host_elim) * x[MP_H]
    dx[MP_D] = ((2 * a_s - 1) * c["p_msc_p"] - reject) * x[MP_D]
    first = MT.start
    dx[first] = 2 * (1 - a_s) * (p_host * x[MP_H] + c["p_msc_p"] * x[MP_D]) - kin.ktr_p * x[first]
    dx[first + 1:MT.stop] = kin.ktr_p * (x[first:MT.stop - 1] - x[first + 1:MT.stop])
    dx[PLT] = c["amp_ktr_p"] * x[MT.stop - 1] - kin.d_p * x[PLT]
    dx[PLT_TX] = -kin.tx_clearance * x[PLT_TX]
    return dx


def advance(x: np.ndarray, t: float, days: float, step: float, kin: Kinetics) -> np.ndarray:
    """Integrate from ``t`` over ``days`` with Heun's method (explicit RK2).

    A fixed step over all patients at once keeps the cost per step at a few
    dozen array operations; ``step * clearance`` must stay well below 2 for
    stability (0.5 * 2.3 = 1.15 with the defaults). Counts are clipped at 0.
    """
    const = _constants(kin)
    n_steps = max(1, round(days / step))
    h = days / n_steps
    x = x.copy()
    for i in range(n_steps):
        ti = t + i * h
        k1 = derivatives(x, ti, kin, const)
        k2 = derivatives(x + h * k1, ti + h, kin, const)
        k1 += k2
        k1 *= 0.5 * h
        x += k1
        np.maximum(x, 0.0, out=x)
    return x


def neutrophils(x: np.ndarray) -> np.ndarray:
    """Circulating ANC, 10^9/L."""
    return x[N_H] + x[N_D]


def platelets(x: np.ndarray) -> np.ndarray:
    """Circulating platelets (endogenous + transfused), 10^9/L."""
    return x[PLT] + x[PLT_TX]


def donor_fraction(x: np.ndarray) -> np.ndarray:
    """Donor share of circulating neutrophils (myeloid chimerism), 0-1."""
    total = x[N_H] + x[N_D]
    return np.divide(x[N_D], total, out=np.zeros_like(total), where=total > 0)

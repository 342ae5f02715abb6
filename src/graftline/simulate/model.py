"""The count model: self-renewing progenitor pools (host, rejected donor,
persistent donor) feeding a Friberg transit chain, with feedback from the
circulating count, chemotherapy kill, G-CSF and immune control of donor cells.

For each lineage L (neutrophils N, platelets P) the progenitor pools ``P_q``
(in units of the host's steady-state pool) follow the Marciniak-Czochra /
Stiehl self-renewal model; their progeny mature through ``n = 3`` transit
compartments (Friberg 2002) into the blood::

    s      = 1 / (1 + k C + c (P_h + P_r + P_p))      k = (1 - w)(2a - 1) / C_ss,  c = w (2a - 1)
    dP_q   = [(2 a s - 1) p m_q - e_q] P_q - p sigma E(t) P_q
    dT_1   = 2 (1 - a s) p sum_q m_q P_q - k_tr' T_1   k_tr = n / MTT,  k_tr' = k_tr / f_G
    dT_i   = k_tr' (T_(i-1) - T_i)
    dC     = A k_tr' T_n - d C                         A = d C_ss / p

Pools: ``h`` host, ``r`` donor cells under immune rejection, ``p`` donor
cells that persist under host immune control (MST microchimerism).
Clearances ``e_q``: ``e_r`` = rejection rate from the onset day (MST; 0 in
allo-HSCT), ``e_p`` = slow immune control of the persistent cells, ``e_h`` =
elimination of host cells by the graft (allo). Division factors ``m_q``:
``m_h = g (1 + beta A / (A + K))`` - G-CSF ``g`` and, in MST, support of
the host marrow while donor cells are being rejected (``A`` = the rejected
neutrophil progenitor pool: the alloreaction load), ``m_r = m_p = g msc``.
Chemotherapy kills dividing progenitors at the rate ``p sigma E(t)``
(Friberg's drug effect on the proliferating compartment; ``sigma`` the
lineage's sensitivity, ``E`` from :mod:`graftline.simulate.pk`). G-CSF,
while given, multiplies the neutrophil division rate by ``g = 1 + g_p`` and
the maturation time by ``f_G < 1``.

A patient's state stays frozen before its ``start`` (first drug day), so
arms whose regimens start on different days share one clock.
Neutrophils keep host and donor transit chains apart (for chimerism);
platelets share one chain; transfused platelets are a separate compartment.
At steady state ``P_h = 1``, ``2 a s = 1``, ``T_i = p / k_tr``, ``C = C_ss``.

Integration: Heun's method (explicit RK2), fixed step; the chemotherapy kill
is applied exactly by Strang splitting (half the step's kill
``exp(-p sigma X_k / 2)`` before and after each Heun step, ``X_k`` the
step's integrated drug effect), so a large kill never makes the explicit
step unstable. The compiled kernel (Numba) advances every patient by one
day in parallel; :func:`derivatives` is the same right-hand side in NumPy,
kept as the tests' reference.

References
----------
1. Marciniak-Czochra A, Stiehl T, Ho AD, Jager W, Wagner W. Modeling of
   asymmetric cell division in hematopoietic stem cells - regulation of
   self-renewal is essential for efficient repopulation. Stem Cells Dev
   2009;18:377-385.
2. Friberg LE, Henningsson A, Maas H, Nguyen L, Karlsson MO. Model of
   chemotherapy-induced myelosuppression with parameter consistency across
   drugs. J Clin Oncol 2002;20:4713-4721.
3. Lord BI, Bronchud MH, Owens S, et al. The kinetics of human granulopoiesis
   following treatment with granulocyte colony-stimulating factor in vivo.
   Proc Natl Acad Sci USA 1989;86:9499-9503.
"""

from __future__ import annotations

import numba
import numpy as np

# State rows. Neutrophils: pools (host, rejected donor, persistent donor),
# 3 transit (host), 3 transit (donor), blood host, blood donor.
NP_H, NP_R, NP_P = 0, 1, 2
NT_H = slice(3, 6)
NT_D = slice(6, 9)
N_H, N_D = 9, 10
# Platelets: pools (host, rejected donor, persistent donor), 3 shared transit,
# endogenous blood, transfused.
MP_H, MP_R, MP_P = 11, 12, 13
MT = slice(14, 17)
PLT, PLT_TX = 17, 18
N_STATES = 19

# Rows of the per-patient parameter matrix (see :class:`Kinetics`).
PARAMETERS = (
    "css_n", "css_p", "a_n", "a_p", "w_n", "w_p", "p_n", "p_p", "ktr_n", "ktr_p", "d_n", "d_p",
    "msc_n", "msc_p", "reject_rate", "reject_onset", "host_elim", "persist_decay",
    "support_n", "support_p", "support_half", "sigma_n", "sigma_p", "gcsf_prolif", "gcsf_mtt",
    "tx_clearance", "start",
)
(CSS_N, CSS_P, A_N, A_P, W_N, W_P, P_N, P_P, KTR_N, KTR_P, D_N, D_P, MSC_N, MSC_P, REJECT_RATE,
 REJECT_ONSET, HOST_ELIM, PERSIST_DECAY, SUPPORT_N, SUPPORT_P, SUPPORT_HALF, SIGMA_N, SIGMA_P,
 GCSF_PROLIF, GCSF_MTT, TX_CLEARANCE, START) = range(len(PARAMETERS))
N_PARAMETERS = len(PARAMETERS)


class Kinetics:
    """Per-patient model parameters: a ``(N_PARAMETERS, n)`` matrix with named rows.

    ``kin.p_n`` etc. read a row; the matrix (``kin.values``) goes to the
    compiled kernel as it is.
    """

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray):
        values = np.ascontiguousarray(values, dtype=np.float64)
        if values.ndim != 2 or values.shape[0] != N_PARAMETERS:
            raise ValueError(f"kinetics need shape ({N_PARAMETERS}, n), got {values.shape}")
        object.__setattr__(self, "values", values)

    def __setattr__(self, name, value):  # frozen
        raise AttributeError("Kinetics is immutable")

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.values[PARAMETERS.index(name)]
        except ValueError:
            raise AttributeError(name) from None

    @classmethod
    def from_rows(cls, n: int, **rows) -> Kinetics:
        values = np.empty((N_PARAMETERS, n))
        missing = set(PARAMETERS) - set(rows)
        if missing:
            raise ValueError(f"missing kinetics: {sorted(missing)}")
        for name, row in rows.items():
            values[PARAMETERS.index(name)] = row
        return cls(values)

    @property
    def n(self) -> int:
        return self.values.shape[1]


def steady_state(kin: Kinetics) -> np.ndarray:
    """The unperturbed state: host pools 1, no donor cells, counts at C_ss."""
    x = np.zeros((N_STATES, kin.n))
    x[NP_H] = 1.0
    x[NT_H] = kin.p_n / kin.ktr_n
    x[N_H] = kin.css_n
    x[MP_H] = 1.0
    x[MT] = kin.p_p / kin.ktr_p
    x[PLT] = kin.css_p
    return x


def derivatives(x: np.ndarray, t: float, kin: Kinetics, gcsf: np.ndarray | None = None) -> np.ndarray:
    """Right-hand side for every patient at time ``t`` (NumPy reference of the kernel).

    ``gcsf``: 1.0 where the patient is on G-CSF, else 0.0. The chemotherapy
    kill is not part of the right-hand side (it is applied by splitting).
    """
    k = kin
    g = np.zeros(k.n) if gcsf is None else np.asarray(gcsf, dtype=float)
    dx = np.empty_like(x)
    reject = np.where(t >= k.reject_onset, k.reject_rate, 0.0)
    load = x[NP_R]
    alloreaction = load / (load + k.support_half)
    prolif = 1.0 + g * k.gcsf_prolif
    ktr_n = k.ktr_n / (1.0 - g * (1.0 - k.gcsf_mtt))

    # Neutrophils.
    kk = (1 - k.w_n) * (2 * k.a_n - 1) / k.css_n
    cc = k.w_n * (2 * k.a_n - 1)
    s = 1.0 / (1.0 + kk * (x[N_H] + x[N_D]) + cc * (x[NP_H] + x[NP_R] + x[NP_P]))
    a_s = k.a_n * s
    p_host = k.p_n * prolif * (1.0 + k.support_n * alloreaction)
    p_donor = k.p_n * prolif * k.msc_n
    dx[NP_H] = ((2 * a_s - 1) * p_host - k.host_elim) * x[NP_H]
    dx[NP_R] = ((2 * a_s - 1) * p_donor - reject) * x[NP_R]
    dx[NP_P] = ((2 * a_s - 1) * p_donor - k.persist_decay) * x[NP_P]
    out = 2 * (1 - a_s)
    dx[NT_H.start] = out * p_host * x[NP_H] - ktr_n * x[NT_H.start]
    dx[NT_D.start] = out * p_donor * (x[NP_R] + x[NP_P]) - ktr_n * x[NT_D.start]
    for chain in (NT_H, NT_D):
        dx[chain.start + 1:chain.stop] = ktr_n * (x[chain.start:chain.stop - 1] - x[chain.start + 1:chain.stop])
    amp = k.d_n * k.css_n / k.p_n
    dx[N_H] = amp * ktr_n * x[NT_H.stop - 1] - k.d_n * x[N_H]
    dx[N_D] = amp * ktr_n * x[NT_D.stop - 1] - k.d_n * x[N_D]

    # Platelets.
    kk = (1 - k.w_p) * (2 * k.a_p - 1) / k.css_p
    cc = k.w_p * (2 * k.a_p - 1)
    s = 1.0 / (1.0 + kk * (x[PLT] + x[PLT_TX]) + cc * (x[MP_H] + x[MP_R] + x[MP_P]))
    a_s = k.a_p * s
    p_host = k.p_p * (1.0 + k.support_p * alloreaction)
    p_donor = k.p_p * k.msc_p
    dx[MP_H] = ((2 * a_s - 1) * p_host - k.host_elim) * x[MP_H]
    dx[MP_R] = ((2 * a_s - 1) * p_donor - reject) * x[MP_R]
    dx[MP_P] = ((2 * a_s - 1) * p_donor - k.persist_decay) * x[MP_P]
    first = MT.start
    dx[first] = 2 * (1 - a_s) * (p_host * x[MP_H] + p_donor * (x[MP_R] + x[MP_P])) - k.ktr_p * x[first]
    dx[first + 1:MT.stop] = k.ktr_p * (x[first:MT.stop - 1] - x[first + 1:MT.stop])
    dx[PLT] = k.d_p * k.css_p / k.p_p * k.ktr_p * x[MT.stop - 1] - k.d_p * x[PLT]
    dx[PLT_TX] = -k.tx_clearance * x[PLT_TX]
    dx[:, t < k.start - 1e-9] = 0.0  # not yet started: frozen
    return dx


def chemotherapy_kill(x: np.ndarray, kin: Kinetics, exposure: np.ndarray) -> None:
    """Apply ``exp(-p sigma X)`` to every progenitor pool in place (NumPy reference)."""
    fn = np.exp(-kin.p_n * kin.sigma_n * exposure)
    fp = np.exp(-kin.p_p * kin.sigma_p * exposure)
    x[NP_H:NP_P + 1] *= fn
    x[MP_H:MP_P + 1] *= fp


def advance_reference(x, t, days, step, kin, exposure=None, gcsf=None) -> np.ndarray:
    """NumPy version of :func:`advance` (slow; for tests)."""
    n_steps = max(1, round(days / step))
    h = days / n_steps
    x = x.copy()
    for i in range(n_steps):
        ti = t + i * h
        started = ti >= kin.start - 1e-9
        if exposure is not None:
            chemotherapy_kill(x, kin, 0.5 * exposure[:, i] * started)
        k1 = derivatives(x, ti, kin, gcsf)
        k2 = derivatives(x + h * k1, ti + h, kin, gcsf)
        x += 0.5 * h * (k1 + k2) * started
        np.maximum(x, 0.0, out=x)
        if exposure is not None:
            chemotherapy_kill(x, kin, 0.5 * exposure[:, i] * started)
    return x


@numba.njit(cache=True, fastmath=False)
def _rhs(y, dy, t, pr, g):  # pragma: no cover - compiled; checked against derivatives()
    reject = pr[REJECT_RATE] if t >= pr[REJECT_ONSET] else 0.0
    load = y[NP_R]
    alloreaction = load / (load + pr[SUPPORT_HALF])
    prolif = 1.0 + g * pr[GCSF_PROLIF]
    ktr = pr[KTR_N] / (1.0 - g * (1.0 - pr[GCSF_MTT]))
    a = pr[A_N]
    kk = (1.0 - pr[W_N]) * (2.0 * a - 1.0) / pr[CSS_N]
    cc = pr[W_N] * (2.0 * a - 1.0)
    s = 1.0 / (1.0 + kk * (y[N_H] + y[N_D]) + cc * (y[NP_H] + y[NP_R] + y[NP_P]))
    a_s = a * s
    p_host = pr[P_N] * prolif * (1.0 + pr[SUPPORT_N] * alloreaction)
    p_donor = pr[P_N] * prolif * pr[MSC_N]
    grow = 2.0 * a_s - 1.0
    dy[NP_H] = (grow * p_host - pr[HOST_ELIM]) * y[NP_H]
    dy[NP_R] = (grow * p_donor - reject) * y[NP_R]
    dy[NP_P] = (grow * p_donor - pr[PERSIST_DECAY]) * y[NP_P]
    out = 2.0 * (1.0 - a_s)
    dy[3] = out * p_host * y[NP_H] - ktr * y[3]
    dy[4] = ktr * (y[3] - y[4])
    dy[5] = ktr * (y[4] - y[5])
    dy[6] = out * p_donor * (y[NP_R] + y[NP_P]) - ktr * y[6]
    dy[7] = ktr * (y[6] - y[7])
    dy[8] = ktr * (y[7] - y[8])
    amp = pr[D_N] * pr[CSS_N] / pr[P_N]
    dy[N_H] = amp * ktr * y[5] - pr[D_N] * y[N_H]
    dy[N_D] = amp * ktr * y[8] - pr[D_N] * y[N_D]

    a = pr[A_P]
    kk = (1.0 - pr[W_P]) * (2.0 * a - 1.0) / pr[CSS_P]
    cc = pr[W_P] * (2.0 * a - 1.0)
    s = 1.0 / (1.0 + kk * (y[PLT] + y[PLT_TX]) + cc * (y[MP_H] + y[MP_R] + y[MP_P]))
    a_s = a * s
    p_host = pr[P_P] * (1.0 + pr[SUPPORT_P] * alloreaction)
    p_donor = pr[P_P] * pr[MSC_P]
    grow = 2.0 * a_s - 1.0
    dy[MP_H] = (grow * p_host - pr[HOST_ELIM]) * y[MP_H]
    dy[MP_R] = (grow * p_donor - reject) * y[MP_R]
    dy[MP_P] = (grow * p_donor - pr[PERSIST_DECAY]) * y[MP_P]
    ktr = pr[KTR_P]
    dy[14] = 2.0 * (1.0 - a_s) * (p_host * y[MP_H] + p_donor * (y[MP_R] + y[MP_P])) - ktr * y[14]
    dy[15] = ktr * (y[14] - y[15])
    dy[16] = ktr * (y[15] - y[16])
    dy[PLT] = pr[D_P] * pr[CSS_P] / pr[P_P] * ktr * y[16] - pr[D_P] * y[PLT]
    dy[PLT_TX] = -pr[TX_CLEARANCE] * y[PLT_TX]


@numba.njit(cache=True)
def _kill(y, pr, x_half):  # pragma: no cover - compiled
    fn = np.exp(-pr[P_N] * pr[SIGMA_N] * x_half)
    fp = np.exp(-pr[P_P] * pr[SIGMA_P] * x_half)
    y[NP_H] *= fn
    y[NP_R] *= fn
    y[NP_P] *= fn
    y[MP_H] *= fp
    y[MP_R] *= fp
    y[MP_P] *= fp


@numba.njit(cache=True, parallel=True)
def _advance(x, par, t0, n_steps, h, exposure, gcsf):  # pragma: no cover - compiled
    n = x.shape[1]
    chunk = 256
    n_chunks = (n + chunk - 1) // chunk
    has_drug = exposure.shape[1] > 0
    for c in numba.prange(n_chunks):
        y = np.empty(N_STATES)
        k1 = np.empty(N_STATES)
        k2 = np.empty(N_STATES)
        tmp = np.empty(N_STATES)
        pr = np.empty(N_PARAMETERS)
        for i in range(c * chunk, min(n, (c + 1) * chunk)):
            for j in range(N_STATES):
                y[j] = x[j, i]
            for j in range(N_PARAMETERS):
                pr[j] = par[j, i]
            g = gcsf[i]
            for s in range(n_steps):
                t = t0 + s * h
                if t < pr[START] - 1e-9:
                    continue  # this patient's treatment has not started
                if has_drug:
                    _kill(y, pr, 0.5 * exposure[i, s])
                _rhs(y, k1, t, pr, g)
                for j in range(N_STATES):
                    tmp[j] = y[j] + h * k1[j]
                _rhs(tmp, k2, t + h, pr, g)
                for j in range(N_STATES):
                    v = y[j] + 0.5 * h * (k1[j] + k2[j])
                    y[j] = v if v > 0.0 else 0.0
                if has_drug:
                    _kill(y, pr, 0.5 * exposure[i, s])
            for j in range(N_STATES):
                x[j, i] = y[j]


_NO_EXPOSURE = np.zeros((0, 0))


def advance(
    x: np.ndarray,
    t: float,
    days: float,
    step: float,
    kin: Kinetics,
    exposure: np.ndarray | None = None,
    gcsf: np.ndarray | None = None,
) -> np.ndarray:
    """Integrate every patient from ``t`` over ``days`` (returns a new array).

    Parameters
    ----------
    x
        ``(N_STATES, n)`` state.
    t, days, step
        Start (days from day 0), length and step of the integration; the
        step is ``days / round(days / step)``. ``step * clearance`` must stay
        well below 2 (0.5 x 2.3 = 1.15 with the defaults).
    kin
        Per-patient parameters.
    exposure
        ``(n, n_steps)`` integrated drug effect per step (see
        :func:`graftline.simulate.pk.exposure`), or None.
    gcsf
        ``(n,)`` 1.0 while on G-CSF, else 0.0; None = nobody.
    """
    n_steps = max(1, round(days / step))
    h = days / n_steps
    out = np.array(x, dtype=np.float64, order="C", copy=True)
    if exposure is None:
        exposure = _NO_EXPOSURE
    elif exposure.shape != (kin.n, n_steps):
        raise ValueError(f"exposure must have shape {(kin.n, n_steps)}, got {exposure.shape}")
    g = np.zeros(kin.n) if gcsf is None else np.ascontiguousarray(gcsf, dtype=np.float64)
    _advance(out, kin.values, float(t), n_steps, float(h), np.ascontiguousarray(exposure, dtype=np.float64), g)
    return out


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

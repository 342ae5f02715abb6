"""The count model's mechanics: steady state, mass balance, growth rate,
neutral host/donor competition, numerical convergence."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from graftline.simulate import ARMS, DEFAULT_PARAMETERS, model
from graftline.simulate.calibrate import engraftment_days
from graftline.simulate.virtual import sample_cohort


def _kinetics(n: int = 200, seed: int = 1) -> model.Kinetics:
    cohort = sample_cohort([ARMS["chemo"]], np.zeros(n, dtype=np.int64), DEFAULT_PARAMETERS, np.random.default_rng(seed))
    return cohort.kinetics


def test_steady_state_is_a_fixed_point_and_stays_put_for_100_days():
    # Identity: at P = 1, T_i = p/k_tr, C = C_ss every derivative is zero
    # (2 a s = 1 in the pool; inflow = outflow in every compartment), so the
    # unperturbed model must not move over 100 days of integration.
    kin = _kinetics()
    x0 = model.steady_state(kin)
    dx = model.derivatives(x0, 0.0, kin)
    scale = np.maximum(np.abs(x0), 1e-12)
    assert np.max(np.abs(dx) / scale) < 1e-12
    x100 = model.advance(x0.copy(), 0.0, 100.0, DEFAULT_PARAMETERS.step_days, kin)
    np.testing.assert_allclose(model.neutrophils(x100), kin.css_n, rtol=1e-10)
    np.testing.assert_allclose(model.platelets(x100), kin.css_p, rtol=1e-10)


def test_mass_balance_of_the_transit_chain_at_steady_state():
    # Cells leaving the progenitor pool per day (2 (1 - a s) p P = p) times the
    # amplification A equal the cells cleared from blood per day (d C_ss).
    kin = _kinetics()
    x = model.steady_state(kin)
    s_n = 1 / (1 + kin.k_n * x[model.N_H] + kin.c_n * x[model.NP_H])
    produced = 2 * (1 - kin.a_n * s_n) * kin.p_n * x[model.NP_H] * kin.amp_n
    cleared = kin.d_n * x[model.N_H]
    np.testing.assert_allclose(produced, cleared, rtol=1e-12)
    np.testing.assert_allclose(s_n, 1 / (2 * kin.a_n), rtol=1e-12)


def test_pool_regrows_at_the_unregulated_rate_when_empty():
    # With counts and pools near zero the feedback s ~ 1, so the progenitor
    # pool grows like exp((2a - 1) p t): the model's early-recovery rate.
    kin = _kinetics(n=5)
    x = model.steady_state(kin) * 1e-9
    x1 = model.advance(x.copy(), 0.0, 5.0, 0.01, kin)
    rate = np.log(x1[model.NP_H] / x[model.NP_H]) / 5.0
    # Not exact: Heun's O(dt^2) error at dt = 0.01 is ~2e-6 relative (4x smaller
    # at dt = 0.005) and the feedback 1 - s stays below 1e-9, so rtol 1e-5.
    np.testing.assert_allclose(rate, (2 * kin.a_n - 1) * kin.p_n, rtol=1e-5)


def test_identical_host_and_donor_compete_neutrally():
    # With the same kinetics, no MSC factor and no immune clearance the donor
    # share of the progenitor pool cannot change: both see the same s.
    kin = _kinetics(n=50)
    x = model.steady_state(kin)
    x[model.NP_H] = 0.02
    x[model.NP_D] = 0.01
    x[model.MP_H] = 0.02
    x[model.MP_D] = 0.01
    x60 = model.advance(x, 0.0, 60.0, 0.25, kin)
    np.testing.assert_allclose(x60[model.NP_D] / (x60[model.NP_H] + x60[model.NP_D]), 1 / 3, rtol=1e-9)
    np.testing.assert_allclose(x60[model.MP_D] / (x60[model.MP_H] + x60[model.MP_D]), 1 / 3, rtol=1e-9)


@pytest.mark.parametrize("arm", ["chemo", "allo_pbsc"])
def test_step_size_does_not_move_engraftment_days(arm):
    # Heun at the default 0.25-day step against a 0.05-day step: the median
    # engraftment days must agree to within half a day.
    fine = replace(DEFAULT_PARAMETERS, step_days=0.05)
    coarse_days = engraftment_days([arm], 1000, seed=3)
    fine_days = engraftment_days([arm], 1000, seed=3, params=fine)
    for endpoint in ("neutrophil", "platelet"):
        assert abs(np.nanmedian(coarse_days[endpoint]) - np.nanmedian(fine_days[endpoint])) <= 0.5

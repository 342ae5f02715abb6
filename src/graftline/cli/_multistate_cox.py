"""``graftline multistate --covariates``: transition-specific Cox models, as R's multi-state ``coxph``.

``coxph(Surv(tstart, tstop, state) ~ a + b, id = id)`` gives every
covariate one coefficient per transition, with the robust (by patient)
standard error; :func:`graftline.stats.multistate_cox` fits the same
models. Covariates follow the shared convention (``--covariates``, ``-c``,
``--reference``, :func:`graftline.cli._analysis_input.covariate_frame`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from types import SimpleNamespace

from graftline.cli import _analysis_input as given
from graftline.cli import _analysis_output as shown
from graftline.cli.app import console
from graftline.errors import InputError


def fit_transition_cox(given_data, names: Sequence[str], *, categorical: Sequence[str], reference: Sequence[str]):
    """The fit and the reference level of each categorical covariate.

    Patients with a missing covariate value on any row are left out (all
    their rows), and counted on stderr.
    """
    from graftline.stats import multistate_cox

    data = given_data.data
    frame = data.frame
    missing = frame[list(names)].isna().any(axis=1)
    if missing.any():
        dropped = frame.loc[missing, "id"].unique()
        console.print(f"{dropped.size} patient(s) with a missing {' or '.join(names)} left out of the Cox models "
                      "(R: deleted due to missingness)", highlight=False, markup=False)
        frame = frame[~frame["id"].isin(dropped)].reset_index(drop=True)
        if frame.empty:
            raise InputError(f"{given_data.source}: every patient misses {' or '.join(names)}")
    rows = SimpleNamespace(frame=frame, source=given_data.source)
    covariates, references = given.covariate_frame(rows, list(names), categorical=categorical,
                                                   reference=given.parse_reference(reference),
                                                   command="multistate")
    frame = frame.assign(**{name: covariates[name] for name in names})
    try:
        fit = multistate_cox(replace(data, frame=frame), list(names))
    except InputError as error:
        raise InputError(f"{given_data.source}: {error}") from None
    return fit, references


def cox_lines(fit, references: dict) -> list[str]:
    """R's ``summary(coxph)`` for a multi-state fit: one coefficient table per transition, the global tests."""
    from graftline.cli.survival import coefficient_lines, global_test_lines, reference_lines

    coefficients = fit.to_frame()
    lines = [f"Transition-specific Cox models ({fit.ties} ties; se(coef): robust by "
             f"{'cluster' if fit.n_clusters else 'patient'}, as R's multi-state coxph): n = {fit.n} rows",
             *reference_lines(references)]
    for (start, end), number, events in zip(fit.transitions, fit.numbers, fit.n_events, strict=True):
        part = coefficients[(coefficients.from_state == start) & (coefficients.to_state == end)]
        lines += ["", f"transition {number}: {start} -> {end} ({events} events)"]
        if part.empty:
            lines.append("  no covariates")
            continue
        lines += coefficient_lines(part, ratio="exp(coef)")
    lines += ["", *global_test_lines(fit)]
    if fit.robust_score is not None:
        rs = fit.robust_score
        lines.append(f"Robust score test     = {rs.statistic:.4g} on {rs.df} df, p = {shown.p_value(rs.p_value)}")
    if not fit.converged:
        lines.append(f"did not converge after {fit.iterations} iterations")
    return lines


def cox_tables(fit, references: dict) -> dict[str, object]:
    """``coefficients``, ``tests`` and ``reference_levels`` tables for --out."""
    import pandas as pd

    tests = [("likelihood ratio", fit.likelihood_ratio), ("Wald", fit.wald), ("score (log-rank)", fit.score)]
    if fit.robust_score is not None:
        tests.append(("robust score", fit.robust_score))
    return {
        "coefficients": fit.to_frame(),
        "tests": pd.DataFrame([{"test": name, "statistic": t.statistic, "df": t.df, "p_value": t.p_value}
                               for name, t in tests]),
        "reference_levels": pd.DataFrame({"covariate": list(references),
                                          "reference_level": list(references.values())}),
    }

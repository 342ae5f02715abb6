"""pool_mh and pool_peto equal metafor's rma.mh and rma.peto (metafor 3.8).

Reference values: tests/reference/meta_sparse.R -> fixtures/meta_sparse.json, on
dat.bcg, dat.nielweise2007 (zero cells, one double-zero study) and a small
sparse set built like MSC graft-failure data (zero cells, a double zero).
"""

import numpy as np
import pytest
from meta_reference import SPARSE, assert_close

from graftline.errors import InputError
from graftline.meta import pool_mh, pool_peto

SETS = ["bcg", "nielweise2007", "sparse"]
MH_FIELDS = ["estimate", "se", "statistic", "p_value", "ci_lower", "ci_upper", "q", "q_p_value", "i2",
             "h2", "cmh", "cmh_p_value", "breslow_day", "breslow_day_p_value", "tarone", "tarone_p_value",
             "weights", "yi", "vi"]


def _counts(name):
    d = SPARSE[name]["data"]
    return d["ai"], d["n1i"], d["ci"], d["n2i"]


def _compare(result, ref, fields, what):
    for field in fields:
        if field not in ref:
            continue
        expected = np.array(ref[field] if isinstance(ref[field], list) else [ref[field]], dtype=float)
        actual = np.atleast_1d(np.asarray(getattr(result, field), dtype=float))
        # metafor gives NA where a test does not apply (CMH for RR/RD, the
        # estimate of a double-zero study): graftline gives NaN there.
        np.testing.assert_array_equal(np.isnan(actual), np.isnan(expected), err_msg=f"{what}: {field} NA")
        ok = ~np.isnan(expected)
        assert_close(actual[ok], expected[ok], "closed_form", f"{what}: {field}")


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("key", ["mh_OR", "mh_RR", "mh_RD", "mh_OR_uncorrected"])
def test_mantel_haenszel_equals_rma_mh(name, key):
    # R: rma.mh(measure = M, ai, n1i, ci, n2i[, correct = FALSE])
    measure = key.split("_")[1]
    result = pool_mh(*_counts(name), measure=measure, correct=key != "mh_OR_uncorrected")
    ref = SPARSE[name][key]
    _compare(result, ref, MH_FIELDS, f"{name} {key}")
    assert result.k == ref["k"]
    assert result.q_df == ref["k_yi"] - 1


@pytest.mark.parametrize("name", SETS)
def test_peto_equals_rma_peto(name):
    # R: rma.peto(ai, n1i, ci, n2i)
    result = pool_peto(*_counts(name))
    _compare(result, SPARSE[name]["peto"], MH_FIELDS, f"{name} peto")
    assert result.method == "Peto" and result.measure == "OR"


def test_double_zero_study_has_weight_zero_and_a_message():
    # Yucel 2004 (study 15 of dat.nielweise2007) has 0/118 vs 0/105.
    result = pool_mh(*_counts("nielweise2007"))
    assert result.weights[14] == 0 and np.isnan(result.yi[14])
    assert any("both arms" in m for m in result.messages)
    assert result.k == 18 and result.q_df == 16


def test_mh_needs_no_continuity_correction():
    # Identity: the MH odds ratio is a ratio of sums of a d/N and b c/N on the
    # raw counts, so adding a study with a zero cell changes it by exactly that
    # study's terms (a continuity correction would add 1/2 to every cell).
    a, n1, c, n2 = [0, 3], [10, 20], [2, 5], [10, 20]
    result = pool_mh(a, n1, c, n2)
    r = sum(ai * (m2 - ci) / (m1 + m2) for ai, m1, ci, m2 in zip(a, n1, c, n2, strict=True))
    s = sum((m1 - ai) * ci / (m1 + m2) for ai, m1, ci, m2 in zip(a, n1, c, n2, strict=True))
    assert result.estimate == pytest.approx(np.log(r / s), rel=1e-14)


def test_odds_ratio_not_estimable_without_events_in_the_experimental_arms():
    result = pool_mh([0, 0], [10, 12], [2, 3], [10, 12])
    assert np.isnan(result.estimate) and "not estimable" in result.messages[0]


def test_back_transform_gives_ratios():
    result = pool_mh(*_counts("bcg"), measure="RR")
    bt = result.back_transform()
    assert bt.scale == "risk ratio"
    assert bt.estimate == pytest.approx(np.exp(result.estimate), rel=1e-15)


@pytest.mark.parametrize(("args", "message"), [
    (([1, 2], [10], [1, 2], [10, 10]), "different lengths"),
    (([11], [10], [1], [10]), "cannot exceed n"),
    (([1.5], [10], [1], [10]), "whole number"),
])
def test_bad_counts_are_named(args, message):
    with pytest.raises(InputError, match=message):
        pool_mh(*args)


def test_peto_refuses_tables_without_variance():
    with pytest.raises(InputError, match="Peto"):
        pool_peto([0, 0], [10, 10], [0, 0], [10, 10])

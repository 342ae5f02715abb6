"""GRADE certainty: each derived rating on data where the rule's answer is known, entered ratings, SoF rows.

Rules (GRADE Handbook; Guyatt et al., J Clin Epidemiol 2011, GRADE 4-9; Cochrane
Handbook 10.10.2 and 13.3.5.4) are stated in graftline.meta.grade.grade_certainty.
"""

import numpy as np
import pandas as pd
import pytest
from meta_reference import RMA

from graftline.errors import InputError
from graftline.meta import pool, pool_mh
from graftline.meta.grade import grade_certainty, summary_of_findings
from graftline.meta.risk_of_bias import risk_of_bias_table

BCG = RMA["bcg"]


def test_bcg_inconsistency_and_publication_bias():
    # 13 trials, I^2 = 92%, prediction interval 0.15-1.55 crosses RR = 1:
    # considerable heterogeneity -> -2; Egger's test p = 0.19 (>= 10 trials) -> 0.
    result = pool(BCG["yi"], BCG["vi"], measure="RR")
    grade = grade_certainty(result, outcome="tuberculosis", design="rct")
    assert grade.ratings["inconsistency"].change == -2
    assert "I² = 92%" in grade.ratings["inconsistency"].reason
    assert grade.ratings["publication_bias"].change == 0
    assert "Egger" in grade.ratings["publication_bias"].reason
    # CI 0.34-0.70 excludes 1 and 357 + ... participants: imprecision from the OIS only if below 400.
    assert grade.ratings["imprecision"].change == 0
    assert grade.certainty == "low"  # high - 2


def test_imprecision_from_the_ci_and_the_optimal_information_size():
    # Two small trials, CI includes RR = 1 and 12 events (< 300): -2.
    result = pool_mh([2, 3], [20, 25], [4, 3], [20, 24], measure="RR")
    grade = grade_certainty(result, outcome="graft failure", design="rct")
    assert grade.ratings["imprecision"].change == -2
    assert "12 events" in grade.ratings["imprecision"].reason
    assert grade.ratings["publication_bias"].change == 0 and "not assessable" in \
        grade.ratings["publication_bias"].reason


def test_risk_of_bias_rating_uses_the_weight_of_high_risk_studies():
    result = pool([0.1, 0.2, 0.3], [0.01, 0.04, 0.04], labels=["A", "B", "C"], measure="MD")
    rows = [(s, "rob2", f"D{i}", "high" if s == "A" and i == 1 else "low") for s in "ABC" for i in range(1, 6)]
    table = risk_of_bias_table(pd.DataFrame(rows, columns=["study", "tool", "domain", "judgement"]))
    grade = grade_certainty(result, outcome="x", risk_of_bias=table)
    # Study A carries 2/3 of the inverse-variance weight (1/0.01 of 1/0.01 + 2/0.04).
    assert grade.ratings["risk_of_bias"].change == -1
    assert grade.ratings["risk_of_bias"].reason.startswith("67% of the weight from studies at high risk")


def test_observational_start_and_large_effect_upgrade():
    result = pool(np.log([0.30, 0.32, 0.29]), [0.02, 0.02, 0.02], measure="RR")
    grade = grade_certainty(result, outcome="x", design="observational",
                            imprecision="0: 2400 patients in the cohorts")
    assert grade.start == "low"
    assert grade.ratings["upgrade"].change == 1  # RR 0.30 < 0.5: large effect
    assert grade.certainty == "moderate"


def test_entered_ratings_need_a_reason():
    result = pool([0.1, 0.2], [0.01, 0.02])
    grade = grade_certainty(result, outcome="x", indirectness="-1: adults only, review asks about children")
    assert grade.ratings["indirectness"].change == -1 and grade.ratings["indirectness"].entered
    with pytest.raises(InputError, match="reason"):
        grade_certainty(result, outcome="x", indirectness="-1:")
    with pytest.raises(InputError, match="-2 to"):
        grade_certainty(result, outcome="x", indirectness="-3: no")


def test_summary_of_findings_absolute_effect_per_1000():
    # RR from MH on 40/200 vs 80/200: control risk 400 per 1000; the corresponding
    # risk difference is 1000 * 0.4 * (RR - 1).
    result = pool_mh([40], [200], [80], [200], measure="RR")
    grade = grade_certainty(result, outcome="aGVHD II-IV", design="rct")
    rr = np.exp(result.estimate)
    assert grade.absolute_effect.startswith(f"400 per 1000 with control; {1000 * 0.4 * (rr - 1):+.0f} per 1000")
    table = summary_of_findings([grade])
    assert table["participants (studies)"][0] == "400 (1)"
    assert table["certainty"][0] in {"HIGH", "Moderate", "Low", "Very low"}

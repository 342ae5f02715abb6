"""Bad requests fail with a clear InputError naming the problem."""

from __future__ import annotations

import pytest

from graftline.errors import InputError
from graftline.simulate import ArmSpec, custom_arm, simulate_cohort


@pytest.mark.parametrize("n", [0, -5, 2.5, True])
def test_n_must_be_a_positive_integer(n):
    with pytest.raises(InputError, match="n \\(patients per arm\\) must be a positive integer"):
        simulate_cohort(["chemo"], n, 1)


def test_unknown_arm_lists_the_known_ones():
    with pytest.raises(InputError, match="unknown arm 'allo_liver'.*chemo, mst, chemo_cycles"):
        simulate_cohort(["chemo", "allo_liver"], 10, 1)


def test_no_arms_and_duplicate_arms():
    with pytest.raises(InputError, match="at least one arm"):
        simulate_cohort([], 10, 1)
    with pytest.raises(InputError, match="repeated: mst"):
        simulate_cohort(["mst", "mst"], 10, 1)


def test_negative_dose():
    with pytest.raises(InputError, match="cd34_per_kg must be >= 0, got -1000000.0"):
        ArmSpec("bad", "allo_hsct", "pbsc", cd34_per_kg=-1e6, conditioning="mac")
    with pytest.raises(InputError, match="msc_dose_per_kg must be >= 0"):
        ArmSpec("bad", "allo_hsct", "pbsc", cd34_per_kg=4e6, conditioning="mac", msc=True, msc_dose_per_kg=-1.0)


def test_mst_with_cord_blood_makes_no_sense():
    with pytest.raises(InputError, match="microtransplantation uses G-CSF-mobilised peripheral blood"):
        custom_arm(modality="mst", graft_source="cord", cd34_per_kg=2e5)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(modality="chemo", graft_source="pbsc", cd34_per_kg=1e6), "chemotherapy alone has no graft"),
        (dict(modality="allo_hsct", graft_source="none"), "needs a graft_source"),
        (dict(modality="allo_hsct", graft_source="bm", cd34_per_kg=0.0), "needs cd34_per_kg > 0"),
        (dict(modality="mst", graft_source="pbsc", cd34_per_kg=1e6, msc=True), "MSC co-infusion with MST"),
        (dict(modality="auto", graft_source="pbsc", cd34_per_kg=1e6), "modality 'auto' is not one of"),
        (dict(modality="allo_hsct", graft_source="liver", cd34_per_kg=1e6), "graft_source 'liver' is not one of"),
    ],
)
def test_arm_combinations_that_make_no_sense(kwargs, message):
    with pytest.raises(InputError, match=message):
        custom_arm(**kwargs)

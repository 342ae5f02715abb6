"""Primary and secondary graft failure on hand-built timelines.

Source sentences (Sureda et al., Bone Marrow Transplant 2024;59:832, Table 1,
endorsing Kharfan-Dabaja et al., TCT 2021;27:642):

- PBSC / unstimulated BM: "lack of achievement of an ANC >=500/uL by day +30
  with associated pancytopenia"; UCB: the same "by day +42".
- Secondary graft failure: "a decline in hematopoietic function ...
  necessitating blood products or growth factor support, after having met
  the standard definition of hematopoietic (neutrophils and platelets)
  recovery"; relapse, drugs and infection are other explanations.

Every patient is alive at day 365 unless stated. "Low" is ANC 0.1 and
platelets 10 (x10^9/L): pancytopenia.
"""

from __future__ import annotations

import pandas as pd
from endpoint_timelines import many, one

from graftline.endpoints import EndpointDefinitions

HARMONIZED = EndpointDefinitions.preset("harmonized2024")
CIBMTR = EndpointDefinitions.preset("cibmtr")


def engrafting_on(day: int, *, until: int = 60) -> dict[int, float]:
    """ANC 0.1 from day 0, then >= 0.5 from ``day`` on (the run starts on ``day``)."""
    return {d: (0.1 if d < day else 0.9) for d in range(0, until)}


def aplastic(until: int = 60) -> dict[int, float]:
    return {d: 10.0 for d in range(0, until)}


def test_pbsc_cut_off_day_30_and_cord_day_42():
    # "by day +30" (PBSC): a run starting on day 29 or 30 is in time, day 31 is late. "by day +42"
    # (UCB): 41 and 42 in time, 43 late. Platelets 10 throughout give the associated pancytopenia.
    cases = {(source, day): expected for source, days in (("pbsc", (29, 30, 31)), ("cord", (41, 42, 43)))
             for day, expected in zip(days, ("no", "no", "yes"), strict=True)}
    rows = many({key: (lambda c, key=key: c.patient("p", graft_source=key[0]).anc(engrafting_on(key[1])).plt(aplastic())) for key in cases})
    for key, expected in cases.items():
        assert rows[key].neutrophil_engraftment_day == key[1]
        assert rows[key].primary_graft_failure == expected, key


def test_bone_marrow_uses_day_30_and_the_cibmtr_preset_day_28():
    # Unstimulated marrow, engraftment on day 29: in time by day +30 (harmonized), late by day +28
    # (the cibmtr preset of earlier analyses, without the pancytopenia condition).
    def build(c):
        c.patient("p", graft_source="bm").anc(engrafting_on(29)).plt(aplastic())

    assert one(build, HARMONIZED).primary_graft_failure == "no"
    assert one(build, CIBMTR).primary_graft_failure == "yes"


def test_no_anc_values_is_not_evaluable_never_yes():
    # An allo-HSCT patient without a single ANC row, alive at day 365: nobody can say the graft
    # failed -> not_evaluable (graftline used to report "yes").
    for definitions in (HARMONIZED, CIBMTR):
        assert one(lambda c: c.patient("p").plt(aplastic()), definitions).primary_graft_failure == "not_evaluable"


def test_lost_or_dead_before_the_cut_off_is_not_evaluable():
    # Aplastic and pancytopenic, but last contact on day 25 (alive) or death on day 29: the cut-off
    # day 30 was never reached -> not_evaluable. Followed to exactly day 30 -> "yes".
    lost = one(lambda c: c.patient("p", last_contact=25).anc(engrafting_on(99, until=26)).plt(aplastic(26)))
    dead = one(lambda c: c.patient("p", death=29).anc(engrafting_on(99, until=30)).plt(aplastic(30)))
    reached = one(lambda c: c.patient("p", last_contact=30).anc(engrafting_on(99, until=31)).plt(aplastic(31)))
    assert (lost.primary_graft_failure, dead.primary_graft_failure) == ("not_evaluable", "not_evaluable")
    assert reached.primary_graft_failure == "yes"


def test_no_counts_near_the_cut_off_is_not_evaluable():
    # ANC low on days 0-15, then no count until the run on days 40-42: on days 23-30 (cut-off - 7
    # .. cut-off) nothing shows a low ANC -> not_evaluable. With a low value on day 23 -> "yes".
    anc = {**{d: 0.1 for d in range(16)}, 40: 0.9, 41: 0.9, 42: 0.9}
    assert one(lambda c: c.patient("p").anc(anc).plt(aplastic())).primary_graft_failure == "not_evaluable"
    assert one(lambda c: c.patient("p").anc({**anc, 23: 0.1}).plt(aplastic())).primary_graft_failure == "yes"


def test_associated_pancytopenia_is_needed_by_the_harmonized_definition():
    # ANC never reaches 0.5 by day 40, but platelets are 80 without transfusion around day 30:
    # not pancytopenic -> "no" (harmonized); "yes" for the cibmtr preset (no pancytopenia condition).
    def build(c):
        c.patient("p").anc(engrafting_on(99, until=41)).plt({d: 80.0 for d in range(41)})

    assert one(build, HARMONIZED).primary_graft_failure == "no"
    assert one(build, CIBMTR).primary_graft_failure == "yes"
    # Platelets 25 (>= 20) but transfused on day 35 (within 7 days of day 30): transfusion-dependent
    # -> pancytopenia -> "yes". Transfused on day 38 (8 days after the cut-off) -> "no".
    for transfused, expected in ((35, "yes"), (38, "no")):
        row = one(lambda c, t=transfused: c.patient("p").anc(engrafting_on(99, until=41)).plt({d: 25.0 for d in range(41)}).transfusion(t))
        assert row.primary_graft_failure == expected, transfused


def test_without_platelet_data_pancytopenia_cannot_be_judged():
    # ANC low through day 40, no platelet count and no transfusion at all -> not_evaluable
    # (harmonized); the cibmtr preset does not ask for pancytopenia -> "yes".
    def build(c):
        c.patient("p").anc(engrafting_on(99, until=41))

    assert one(build, HARMONIZED).primary_graft_failure == "not_evaluable"
    assert one(build, CIBMTR).primary_graft_failure == "yes"


def test_pancytopenia_platelet_threshold_is_an_option():
    # Platelets 30 around the cut-off: not pancytopenic at < 20, pancytopenic at < 50.
    def build(c):
        c.patient("p").anc(engrafting_on(99, until=41)).plt({d: 30.0 for d in range(41)})

    assert one(build).primary_graft_failure == "no"
    assert one(build, HARMONIZED.replace(pancytopenia_platelet_below=50.0)).primary_graft_failure == "yes"


def test_never_below_threshold_and_mst_chemo():
    # ANC never below 0.5: the graft did not fail -> "no". MST and chemotherapy alone: no
    # engrafting graft -> not_applicable, whatever the counts (MST donor cells are never graft failure).
    assert one(lambda c: c.patient("p").anc({d: 1.0 for d in range(30)})).primary_graft_failure == "no"
    for modality, source in (("mst", "pbsc"), ("chemo", "none")):
        row = one(lambda c, m=modality, s=source: c.patient("p", modality=m, graft_source=s).anc(engrafting_on(99)).plt(aplastic()))
        assert (row.primary_graft_failure, row.secondary_graft_failure) == ("not_applicable", "not_applicable")


# --- secondary graft failure -----------------------------------------------------------

def recovered_then(anc_after: dict[int, float] | None = None) -> dict[str, dict[int, float]]:
    """Neutrophils engraft on day 14, platelets on day 17 (no transfusion); counts fine to day 80."""
    anc = {**{d: 0.1 for d in range(14)}, **{d: 1.5 for d in range(14, 81)}}
    plt = {**{d: 10.0 for d in range(17)}, **{d: 60.0 for d in range(17, 81)}}
    anc.update(anc_after or {})
    return {"anc": anc, "plt": plt}


def secondary(build, definitions=HARMONIZED):
    row = one(build, definitions)
    day = row.secondary_graft_failure_day
    return row.secondary_graft_failure, (None if pd.isna(day) else int(day))


def test_anc_decline_after_both_recoveries_is_secondary_graft_failure():
    # ANC < 0.5 on days 40, 41, 42 (three consecutive values) after both recoveries -> yes, day 40.
    # Two low values only -> no.
    counts = recovered_then({40: 0.2, 41: 0.1, 42: 0.3})
    assert secondary(lambda c: c.patient("p").anc(counts["anc"]).plt(counts["plt"])) == ("yes", 40)
    counts = recovered_then({40: 0.2, 41: 0.1})
    assert secondary(lambda c: c.patient("p").anc(counts["anc"]).plt(counts["plt"])) == ("no", None)


def test_decline_within_14_days_of_relapse_is_not_graft_failure():
    # The decline starts on day 40. A relapse assessed 14 days before (day 26) or after (day 54)
    # explains it: not graft failure ("in the absence of other explanations, such as disease
    # relapse"). 15 days away (day 25 or 55) it does not.
    counts = recovered_then({40: 0.2, 41: 0.1, 42: 0.3})
    cases = {25: ("yes", 40), 26: ("no", None), 54: ("no", None), 55: ("yes", 40)}
    rows = many({day: (lambda c, day=day: c.patient("p").anc(counts["anc"]).plt(counts["plt"]).disease(day, "relapse")) for day in cases})
    for day, expected in cases.items():
        got = rows[day]
        assert (got.secondary_graft_failure, None if pd.isna(got.secondary_graft_failure_day) else int(got.secondary_graft_failure_day)) == expected, day


def test_relapse_window_none_and_the_cibmtr_anc_only_rule():
    # cibmtr: ANC-only rule, relapse never explains -> the same decline is "yes" despite a relapse on day 45.
    counts = recovered_then({40: 0.2, 41: 0.1, 42: 0.3})

    def build(c):
        c.patient("p").anc(counts["anc"]).plt(counts["plt"]).disease(45, "relapse")

    assert secondary(build, HARMONIZED) == ("no", None)
    assert secondary(build, CIBMTR) == ("yes", 40)


def test_renewed_platelet_transfusion_dependence():
    # After recovery (day 17), platelet transfusions on days 60 and 66 (two within 7 days, first to
    # last inclusive) -> yes, day 60. Days 60 and 67 (8 days) -> no. The ANC-only rule ignores them.
    counts = recovered_then()

    def build(second):
        return lambda c: c.patient("p").anc(counts["anc"]).plt(counts["plt"]).transfusion(60).transfusion(second)

    assert secondary(build(66)) == ("yes", 60)
    assert secondary(build(67)) == ("no", None)
    assert secondary(build(66), CIBMTR) == ("no", None)


def test_secondary_needs_platelet_recovery_under_the_harmonized_rule():
    # Neutrophils engraft on day 14, platelets stay 10 (never recovered): the harmonized rule needs
    # both recoveries -> not_applicable; the ANC-only rule (cibmtr) finds the ANC decline -> yes.
    anc = recovered_then({40: 0.2, 41: 0.1, 42: 0.3})["anc"]

    def build(c):
        c.patient("p").anc(anc).plt(aplastic(81))

    assert secondary(build, HARMONIZED) == ("not_applicable", None)
    assert secondary(build, CIBMTR) == ("yes", 40)
    # Without any platelet data the harmonized rule cannot tell -> not_evaluable.
    assert secondary(lambda c: c.patient("p").anc(anc), HARMONIZED) == ("not_evaluable", None)


def test_never_engrafted_is_not_applicable():
    # No neutrophil recovery at all: secondary graft failure does not apply.
    assert secondary(lambda c: c.patient("p").anc(engrafting_on(99)).plt(aplastic())) == ("not_applicable", None)

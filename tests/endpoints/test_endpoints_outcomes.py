"""Relapse, NRM, OS, PFS, GRFS, infections, immune recovery, response and safety.

Definitions: DOMAIN.md section 2 (relapse with death competing; NRM = death
without prior relapse with relapse competing; GRFS per Holtan, Blood 2015).
"""

from __future__ import annotations

from endpoint_timelines import one

from graftline.endpoints import EndpointDefinitions


def pair(row, name):
    return (row[f"{name}_day"], row[f"{name}_status"])


def test_relapse_then_death():
    # Relapse day 100, death day 200: relapse (100, event), NRM (100, competing: relapse came first),
    # OS (200, event), PFS (100, event), GRFS (100, event).
    row = one(lambda c: c.patient("p", death=200).disease(30, "cr").disease(100, "relapse"))
    assert pair(row, "relapse") == (100, 1)
    assert pair(row, "nrm") == (100, 2)
    assert pair(row, "os") == (200, 1)
    assert pair(row, "pfs") == (100, 1)
    assert pair(row, "grfs") == (100, 1)


def test_death_without_relapse_is_nrm():
    # Death on day 50 in CR: NRM event on day 50; relapse competing on day 50.
    row = one(lambda c: c.patient("p", death=50).disease(28, "cr"))
    assert pair(row, "nrm") == (50, 1)
    assert pair(row, "relapse") == (50, 2)
    assert pair(row, "pfs") == (50, 1)


def test_relapse_and_death_on_the_same_day_is_not_nrm():
    # Relapse found on the day of death: the death is not non-relapse mortality; relapse is the event.
    row = one(lambda c: c.patient("p", death=80).disease(80, "relapse"))
    assert pair(row, "relapse") == (80, 1)
    assert pair(row, "nrm") == (80, 2)


def test_alive_without_events_censored_at_last_contact():
    # Alive, no relapse, last contact day 400: everything censored at 400.
    row = one(lambda c: c.patient("p", last_contact=400).disease(30, "cr"))
    for name in ("relapse", "nrm", "os", "pfs", "grfs", "agvhd_2_4", "cgvhd", "infection"):
        assert pair(row, name) == (400, 0), name


def test_disease_status_before_day_0_is_not_a_relapse():
    # "progression" recorded on day -5 (active disease at transplant) does not start the relapse clock.
    row = one(lambda c: c.patient("p", last_contact=300).disease(-5, "progression"))
    assert pair(row, "relapse") == (300, 0)


def test_grfs_counts_grade_3_4_agvhd_and_treated_cgvhd_only():
    # aGVHD grade II on day 30 (skin 60 %) does not count; chronic GVHD without systemic therapy on day 150
    # does not count; chronic GVHD with systemic therapy on day 200 does -> GRFS day 200.
    def build(c, grade_3_on_day_45=False):
        p = c.patient("p", last_contact=500)
        p.gvhd(30, skin_bsa_pct=60).gvhd(150, cgvhd_mouth=1, cgvhd_diagnostic_sign=True).gvhd(200, cgvhd_mouth=2, systemic_therapy=True)
        if grade_3_on_day_45:
            p.gvhd(45, stool_ml_day=1200)

    assert pair(one(build), "grfs") == (200, 1)
    # Grade III (stool 1200 mL -> lower GI stage 2) on day 45 makes GRFS day 45.
    assert pair(one(lambda c: build(c, grade_3_on_day_45=True)), "grfs") == (45, 1)


def test_first_infection_by_kind_and_count_to_day_100():
    # Viral day 20, bacterial day 35, bacterial day 101 (outside day 100), fungal day -3 (before day 0: ignored).
    def build(c):
        c.patient("p", death=150).infection(20, "viral").infection(35, "bacterial").infection(101, "bacterial").infection(-3, "fungal")

    row = one(build)
    assert pair(row, "infection") == (20, 1)
    assert pair(row, "infection_bacterial") == (35, 1)
    assert pair(row, "infection_fungal") == (150, 2)  # no fungal infection after day 0; death competes
    assert row.infections_by_day100 == 2
    assert (row.infections_by_day100_viral, row.infections_by_day100_bacterial, row.infections_by_day100_fungal) == (1, 1, 0)


def test_immune_reconstitution_cd4_per_microlitre():
    # CD4 given in /uL: 150 on day 60, 200 on day 90 -> 200/uL = 0.2 x10^9/L reaches the threshold on day 90.
    row = one(lambda c: c.patient("p").lab("cd4", {30: 50.0, 60: 150.0, 90: 200.0}, unit="/uL"))
    assert pair(row, "immune_reconstitution") == (90, 1)
    # Threshold as an option: 0.1 x10^9/L -> day 60.
    row = one(lambda c: c.patient("p").lab("cd4", {30: 50.0, 60: 150.0, 90: 200.0}, unit="/uL"), EndpointDefinitions().replace(cd4_threshold=0.1))
    assert pair(row, "immune_reconstitution") == (60, 1)


def test_lymphocyte_recovery_ignores_pre_infusion_counts():
    # ALC 1.2 on day 0 (before conditioning effect) is not recovery; 0.6 on day 21 is (threshold 0.5).
    row = one(lambda c: c.patient("p").lab("alc", {0: 1.2, 7: 0.1, 14: 0.3, 21: 0.6}))
    assert pair(row, "lymphocyte_recovery") == (21, 1)


def test_best_response_and_cr():
    # PR on day 14 then CR on day 28 -> best response cr, CR achieved.
    row = one(lambda c: c.patient("p").disease(14, "pr").disease(28, "cr"))
    assert (row.best_response, bool(row.cr_achieved)) == ("cr", True)
    # CRi only: not CR by default, CR with cr_includes_cri.
    build = lambda c: c.patient("p").disease(28, "cri")  # noqa: E731
    assert (one(build).best_response, bool(one(build).cr_achieved)) == ("cri", False)
    assert bool(one(build, EndpointDefinitions().replace(cr_includes_cri=True)).cr_achieved) is True
    # A "cr" after relapse does not count as the best response before relapse: nr -> relapse -> cr -> best nr.
    row = one(lambda c: c.patient("p").disease(28, "nr").disease(60, "relapse").disease(90, "cr"))
    assert row.best_response == "nr"
    # Never assessed: not_assessed, and CR not achieved.
    row = one(lambda c: c.patient("p"))
    assert (row.best_response, bool(row.cr_achieved)) == ("not_assessed", False)


def test_serious_adverse_event_attributed_to_the_infusion():
    # Grade 3 attributed to the MSC infusion -> True; grade 3 attributed to chemo or grade 2 to MSC -> False.
    assert bool(one(lambda c: c.patient("p").adverse_event(1, 3, "msc_infusion")).serious_adverse_event_attributed) is True
    assert bool(one(lambda c: c.patient("p").adverse_event(1, 3, "chemo")).serious_adverse_event_attributed) is False
    assert bool(one(lambda c: c.patient("p").adverse_event(1, 2, "msc_infusion")).serious_adverse_event_attributed) is False
    assert bool(one(lambda c: c.patient("p")).serious_adverse_event_attributed) is False


def test_arm_defaults_to_modality():
    row = one(lambda c: c.patient("p", modality="mst", arm=None))
    assert (row.arm, row.modality) == ("mst", "mst")
    assert one(lambda c: c.patient("p", modality="mst", arm="MST + chemo")).arm == "MST + chemo"

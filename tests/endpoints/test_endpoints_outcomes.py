"""Relapse, NRM, OS, PFS, GRFS, infections, immune recovery, response and safety.

Definitions: DOMAIN.md section 2 (relapse with death competing; NRM = death
without prior relapse with relapse competing; GRFS per Holtan, Blood 2015).
"""

from __future__ import annotations

import pandas as pd
from endpoint_timelines import many, one

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
    # A "cr" after relapse does not count as the best response before relapse: nr -> relapse -> cr -> best nr.
    row = one(lambda c: c.patient("p").disease(28, "nr").disease(60, "relapse").disease(90, "cr"))
    assert row.best_response == "nr"
    # Never assessed: not_assessed, and CR not achieved.
    row = one(lambda c: c.patient("p"))
    assert (row.best_response, bool(row.cr_achieved)) == ("not_assessed", False)


def test_eln_2022_responses_and_the_cr_definition():
    # Döhner et al., Blood 2022;140:1345: responses CR, CRh, CRi, MLFS, PR, NR; composite CR
    # endpoints are reported as CR, CR/CRh or CR/CRh/CRi. Best of cr > crh > cri > mlfs > pr > nr.
    statuses = {"crh": ("pr", "crh"), "cri": ("mlfs", "cri"), "mlfs": ("nr", "mlfs"), "pr": ("nr", "pr")}
    builds = {best: (lambda c, s=seq: c.patient("p", modality="chemo", graft_source="none").disease(21, s[0]).disease(35, s[1]))
              for best, seq in statuses.items()}
    expected_cr = {
        "cr": {"crh": False, "cri": False, "mlfs": False, "pr": False},
        "cr_crh": {"crh": True, "cri": False, "mlfs": False, "pr": False},
        "cr_crh_cri": {"crh": True, "cri": True, "mlfs": False, "pr": False},
    }
    for definition, expected in expected_cr.items():
        rows = many(builds, EndpointDefinitions().replace(cr_definition=definition))
        for best, achieved in expected.items():
            assert rows[best].best_response == best
            assert bool(rows[best].cr_achieved) is achieved, (definition, best)


def test_efs_counts_induction_failure_on_day_1():
    # ELN 2022: EFS events are failure to achieve CR after induction - dated day 1 (the time
    # origin) -, relapse and death. NR on day 28 -> EFS event on day 0 of the origin. CR on day
    # 28 then relapse on day 200 -> EFS day 200. CRi without CR -> event on day 0 (CR only), but
    # with cr_definition=cr_crh_cri the patient is in remission -> censored at day 365.
    rows = many({
        "nr": lambda c: c.patient("p", modality="chemo", graft_source="none").disease(28, "nr"),
        "cr": lambda c: c.patient("p", modality="chemo", graft_source="none").disease(28, "cr").disease(200, "relapse"),
        "cri": lambda c: c.patient("p", modality="chemo", graft_source="none").disease(28, "cri"),
        "unassessed": lambda c: c.patient("p", modality="chemo", graft_source="none", death=20),
    })
    assert pair(rows["nr"], "efs") == (0, 1)
    assert pair(rows["cr"], "efs") == (200, 1)
    assert pair(rows["cri"], "efs") == (0, 1)
    # Died on day 20 before any response assessment: the death is the EFS event.
    assert pair(rows["unassessed"], "efs") == (20, 1)
    composite = many({"cri": lambda c: c.patient("p", modality="chemo", graft_source="none").disease(28, "cri")},
                     EndpointDefinitions().replace(cr_definition="cr_crh_cri"))
    assert pair(composite["cri"], "efs") == (365, 0)


def test_time_origin_treatment_start_or_randomisation():
    # MST: chemotherapy starts on day -5 (day 1 of induction), randomised on day -7, cells on day 0;
    # death on day 100. OS from the infusion: 100; from treatment start: 105; from randomisation:
    # 107. Induction failure (NR day 28) is an EFS event at time 0 whatever the origin. Engraftment
    # days stay from the infusion.
    def build(c):
        c.patient("p", modality="mst", treatment_start=-5, randomisation=-7, death=100).disease(28, "nr").anc({**{d: 0.1 for d in range(11)}, 11: 0.8, 12: 0.9, 13: 1.0})

    for origin, os_day in (("infusion", 100), ("treatment_start", 105), ("randomisation", 107)):
        row = one(build, EndpointDefinitions().replace(time_origin=origin))
        assert pair(row, "os") == (os_day, 1), origin
        assert pair(row, "efs") == (0, 1), origin
        assert row.neutrophil_engraftment_day == 11
    # Without a randomisation date the patient has no OS under that origin (never a silent day 0).
    row = one(lambda c: c.patient("p", death=100), EndpointDefinitions().replace(time_origin="randomisation"))
    assert pd.isna(row.os_day) and pd.isna(row.os_status)


def test_death_from_relapse_without_a_relapse_record_is_a_relapse():
    # Died on day 100 of relapse, no relapse assessment on record: a relapse on the death day (registry
    # practice), so relapse incidence has the event and NRM the competing event - not NRM.
    # Death from infection: NRM. With relapse_at_disease_death off: the relapse death is NRM.
    rows = many({
        "relapse": lambda c: c.patient("p", death=100, cause="relapse"),
        "infection": lambda c: c.patient("p", death=100, cause="infection"),
        "recorded": lambda c: c.patient("p", death=100, cause="relapse").disease(80, "relapse"),
    })
    assert (pair(rows["relapse"], "relapse"), pair(rows["relapse"], "nrm")) == ((100, 1), (100, 2))
    assert bool(rows["relapse"].relapse_at_death) and rows["relapse"].death_cause == "relapse"
    assert (pair(rows["infection"], "relapse"), pair(rows["infection"], "nrm")) == ((100, 2), (100, 1))
    # A relapse recorded on day 80: that is the relapse; the death is not turned into another one.
    assert pair(rows["recorded"], "relapse") == (80, 1) and not bool(rows["recorded"].relapse_at_death)
    off = one(lambda c: c.patient("p", death=100, cause="relapse"), EndpointDefinitions().replace(relapse_at_disease_death=False))
    assert pair(off, "nrm") == (100, 1)


def test_crfs_and_grfs():
    # CRFS: chronic GVHD needing systemic therapy, relapse or death. Treated chronic GVHD (NIH
    # diagnosed) on day 200, grade III acute GVHD on day 45: GRFS day 45, CRFS day 200.
    def build(c):
        c.patient("p", last_contact=500).gvhd(45, stool_ml_day=1200).gvhd(200, cgvhd_mouth=2, cgvhd_diagnostic_sign=True, systemic_therapy=True)

    row = one(build)
    assert (pair(row, "grfs"), pair(row, "crfs")) == ((45, 1), (200, 1))


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

"""Write examples/cohort/labs.csv and transfusions.csv from hand-chosen recovery days.

The eight example patients' daily ANC and platelet counts follow a simple,
deterministic shape (no randomness): counts fall from day -3 to a nadir, rise
through four sub-threshold days and cross the threshold on the chosen
recovery day (ANC >= 0.5, platelets >= 20 x10^9/L) and stay above it.
Platelets are transfused every other day while below 10 x10^9/L, never in
the 7 days before platelet recovery. Units, and dates versus days, vary by
patient on purpose, as they do in real exports. Run from the repository
root: ``python examples/make_cohort_labs.py``.
"""

import csv
import datetime as dt
from pathlib import Path

OUT = Path(__file__).parent / "cohort"

# patient: (day0_date, ANC recovery day, platelet recovery day, last lab day,
#           ANC unit, PLT unit, times as "date" | "day" | "mixed")
PATIENTS = {
    "EX01": ("2023-02-06", 11, 14, 30, "/uL", "/uL", "date"),          # MST
    "EX02": ("2023-04-17", 12, 15, 30, "10^9/L", "10^9/L", "date"),    # MST, '<0.1' at nadir
    "EX03": ("2023-03-01", 16, 20, 30, "10^9/L", "K/uL", "mixed"),     # chemo alone
    "EX04": ("2023-05-22", None, None, 13, "10^9/L", "10^9/L", "date"),  # chemo, dies day 14
    "EX05": ("2023-09-11", 14, 18, 30, "10^9/L", "K/uL", "day"),       # allo PBSC
    "EX06": ("2023-10-02", 12, 15, 30, "G/L", "G/L", "day"),           # allo PBSC + MSC
    "EX07": ("2024-01-15", 19, 25, 32, "cells/mm3", "10^9/L", "day"),  # allo marrow
    "EX08": ("2024-02-19", 24, 38, 44, "10*3/uL", "10*3/uL", "day"),   # allo cord blood
}


def anc(day, recovery):
    if recovery is not None and day >= recovery:
        return min(0.5 + 0.3 * (day - recovery), 4.0)
    if recovery is not None and day >= recovery - 4:
        return 0.1 * (4 - (recovery - day))  # 0.0 .. 0.4
    return max(1.5 * 0.45 ** (day + 3), 0.05)


def platelets(day, recovery):
    if recovery is not None and day >= recovery:
        return min(20 + 6 * (day - recovery), 180)
    if recovery is not None and day >= recovery - 4:
        return (10, 13, 16, 18)[day - (recovery - 4)]
    return max(60 * 0.6 ** (day + 3), 8)


def in_unit(value, unit):
    return str(round(value * 1000)) if unit in ("/uL", "cells/mm3") else f"{value:.2f}".rstrip("0").rstrip(".")


def main():
    labs, transfusions = [], []
    for patient, (day0, anc_day, plt_day, last, anc_unit, plt_unit, times) in PATIENTS.items():
        start = dt.date.fromisoformat(day0)
        for day in range(-3, last + 1):
            by_date = times == "date" or (times == "mixed" and day % 2 == 0)
            when = ("", (start + dt.timedelta(days=day)).isoformat()) if by_date else (str(day), "")
            value = anc(day, anc_day)
            text = "<0.1" if patient == "EX02" and value < 0.1 else in_unit(max(value, 0.05), anc_unit)
            labs.append([patient, *when, "ANC", text, anc_unit])
            count = platelets(day, plt_day)
            labs.append([patient, *when, "PLT", in_unit(count, plt_unit), plt_unit])
            if count < 10 and day % 2 == 0 and (plt_day is None or day <= plt_day - 8):
                transfusions.append([patient, *when, "platelets", "1"])
    with (OUT / "labs.csv").open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["patient_id", "day", "date", "analyte", "value", "unit"])
        writer.writerows(labs)
    with (OUT / "transfusions.csv").open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["patient_id", "day", "date", "product", "units"])
        writer.writerows(transfusions)


if __name__ == "__main__":
    main()

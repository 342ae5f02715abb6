"""Synthetic search results with known duplicates, for measuring de-duplication.

Each synthetic article is exported by one to four databases, and each export
is altered the way real exports differ (observed in PubMed, Embase, Scopus and
Web of Science exports of the same articles): capitalisation, punctuation,
HTML markup, British/American spelling, a typing error, MEDLINE's brackets
around translated titles, a missing DOI, an abbreviated journal, the online
year instead of the print year, author name formats. Hard negatives are added
that a careless matcher merges: errata, conference abstracts with the
article's title, updated reviews years later, and different articles with the
same generic title. The label ``true_cluster`` says which records are one
report.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

_INTERVENTIONS = [
    "mesenchymal stromal cell co-infusion", "mesenchymal stem cell co-transplantation",
    "microtransplantation", "haploidentical stem cell transplantation", "cord blood transplantation",
    "post-transplant cyclophosphamide", "antithymocyte globulin", "reduced-intensity conditioning",
    "myeloablative conditioning", "donor lymphocyte infusion", "ruxolitinib", "abatacept",
    "CD34-selected grafts", "alpha/beta T-cell depletion", "HLA-mismatched stem cell microtransplantation",
    "intrabone cord blood injection", "decitabine priming", "granulocyte colony-stimulating factor",
    "letermovir prophylaxis", "vedolizumab", "extracorporeal photopheresis", "sirolimus",
]
_OUTCOMES = [
    "haematopoietic recovery", "neutrophil engraftment", "platelet engraftment", "graft failure",
    "acute graft-versus-host disease", "chronic graft-versus-host disease", "relapse",
    "non-relapse mortality", "overall survival", "immune reconstitution", "poor graft function",
    "cytomegalovirus reactivation", "GVHD-free relapse-free survival", "leukaemia-free survival",
]
_POPULATIONS = [
    "children with severe aplastic anaemia", "adults with acute myeloid leukaemia",
    "elderly patients with acute myeloid leukaemia", "patients with myelodysplastic syndrome",
    "paediatric acute lymphoblastic leukaemia", "patients with thalassaemia major",
    "recipients of haploidentical grafts", "patients with refractory lymphoma",
    "patients with multiple myeloma", "adolescents and young adults with leukaemia",
    "patients over 60 years", "patients with primary myelofibrosis",
]
_DESIGNS = [
    "a randomised controlled trial", "a multicentre retrospective study", "a prospective phase II trial",
    "a single-centre experience", "a systematic review and meta-analysis", "a registry analysis",
    "a matched-pair analysis", "a phase I/II study", "long-term follow-up", "a cohort study",
]
_FORMS = [
    "{i} and {o} in {p}: {d}",
    "Effect of {i} on {o} in {p}",
    "{i} improves {o} in {p}: {d}",
    "Impact of {i} on {o} after transplantation in {p}",
    "{o} after {i} in {p}: results of {d}",
    "Safety and efficacy of {i} for {p}: {d}",
    "Does {i} reduce the risk of poor {o}? {d} in {p}",
    "{p} treated with {i}: {o} in {d}",
    "Risk factors for {o} in {p} receiving {i}",
    "Comparison of {i} with standard care for {o} in {p}",
    "Predictors of {o} after {i}: {d}",
    "{i} as salvage therapy in {p}: {o} and toxicity",
    "Cost-effectiveness of {i} for {p}",
    "Quality of life and {o} after {i} in {p}: {d}",
]
_SURNAMES = [
    "Smith", "Wang", "Li", "Zhang", "Müller", "García", "Rossi", "Nguyen", "Kim", "Tanaka", "Kumar",
    "Silva", "Novak", "Ivanova", "O'Brien", "Dubois", "Kowalski", "Yilmaz", "Haddad", "Andersen",
    "Johansson", "Pérez", "Chen", "Liu", "Guo", "Ai", "Hu", "Sun", "Zhao", "Huang", "Brown", "Taylor",
    "Schmidt", "Fernández", "Costa", "Bianchi", "Moreau", "Jansen", "Nakamura", "Park",
    "Wu", "Xu", "Ma", "Lin", "Zhou", "Yang", "Lee", "Choi", "Yamamoto", "Sato", "Singh", "Patel", "Shah",
    "Rahman", "Okafor", "Mensah", "Santos", "Oliveira", "Ferreira", "Romano", "Esposito", "Lefebvre",
    "Martin", "Bernard", "Weber", "Fischer", "Wagner", "Becker", "Hoffmann", "Nowak", "Wiśniewski",
    "Horváth", "Nagy", "Popescu", "Petrov", "Smirnov", "Cohen", "Levi", "Ozturk", "Demir", "Jones",
]
_JOURNALS = [
    ("Biology of Blood and Marrow Transplantation", "Biol Blood Marrow Transplant", "10.1016"),
    ("Bone Marrow Transplantation", "Bone Marrow Transplant", "10.1038"),
    ("Blood", "Blood", "10.1182"),
    ("Haematologica", "Haematologica", "10.3324"),
    ("Journal of Clinical Oncology", "J Clin Oncol", "10.1200"),
    ("Stem Cell Research & Therapy", "Stem Cell Res Ther", "10.1186"),
    ("Frontiers in Immunology", "Front Immunol", "10.3389"),
    ("Transplantation and Cellular Therapy", "Transplant Cell Ther", "10.1016"),
    ("Leukemia", "Leukemia", "10.1038"),
    ("British Journal of Haematology", "Br J Haematol", "10.1111"),
]
_SPELLING = [("haemato", "hemato"), ("leukaemia", "leukemia"), ("anaemia", "anemia"),
             ("paediatric", "pediatric"), ("randomised", "randomized"), ("thalassaemia", "thalassemia"),
             ("centre", "center")]
_SOURCES = ["pubmed", "embase", "scopus", "wos", "cochrane"]


def _article(rng: np.random.Generator, number: int) -> dict:
    form = _FORMS[rng.integers(len(_FORMS))]
    title = form.format(i=_INTERVENTIONS[rng.integers(len(_INTERVENTIONS))],
                        o=_OUTCOMES[rng.integers(len(_OUTCOMES))],
                        p=_POPULATIONS[rng.integers(len(_POPULATIONS))],
                        d=_DESIGNS[rng.integers(len(_DESIGNS))])
    # Real titles carry specifics (numbers, places) that make them distinct.
    if rng.random() < 0.6:
        title += f" ({int(rng.integers(12, 900))} patients)"
    title = title[0].upper() + title[1:]
    n_authors = int(rng.integers(1, 7))
    authors = [f"{_SURNAMES[rng.integers(len(_SURNAMES))]}, {chr(65 + rng.integers(26))}."
               for _ in range(n_authors)]
    journal = _JOURNALS[rng.integers(len(_JOURNALS))]
    year = int(rng.integers(2000, 2026))
    return {"title": title, "authors": authors, "year": year, "journal": journal[0],
            "journal_abbrev": journal[1], "doi": f"{journal[2]}/j.{year}.{number:07d}",
            "pmid": str(10_000_000 + number * 7) if rng.random() < 0.85 else None,
            "abstract": f"Background: {title}. Methods and results of study {number}."}


def _typo(rng: np.random.Generator, text: str) -> str:
    letters = [k for k, ch in enumerate(text) if ch.isalpha()]
    k = letters[rng.integers(len(letters))]
    return text[:k] + chr(97 + rng.integers(26)) + text[k + 1:]


def _perturb(rng: np.random.Generator, article: dict, source: str) -> tuple[dict, list[str]]:
    record = dict(article)
    changes = []
    title = record["title"]
    if source == "wos" and rng.random() < 0.5:
        title, _ = title.upper(), changes.append("upper case")
    if rng.random() < 0.3:
        title, _ = title.replace(":", " -").rstrip(".") + ".", changes.append("punctuation")
    if rng.random() < 0.2:
        for british, american in _SPELLING:
            title = title.replace(british, american)
        changes.append("spelling")
    if rng.random() < 0.1:
        title, _ = title.replace("alpha/beta", "α/β").replace("GVHD", "<i>GVHD</i>"), changes.append("markup")
    if rng.random() < 0.1:
        title, _ = _typo(rng, title), changes.append("typo")
    if source == "pubmed" and rng.random() < 0.05:
        title, _ = f"[{title}].", changes.append("translated-title brackets")
    record["title"] = title
    if source != "pubmed" and rng.random() < 0.3:
        record["doi"], _ = None, changes.append("no DOI")
    if source == "pubmed":
        record["journal"] = record["journal_abbrev"]
        record["authors"] = [a.replace(",", "").rstrip(".") for a in record["authors"]]
        changes.append("abbreviated journal")
    else:
        if rng.random() < 0.5:
            record["pmid"] = None
        if rng.random() < 0.15:
            record["year"], _ = record["year"] + 1, changes.append("online year")
        if source == "scopus" and rng.random() < 0.5:
            record["authors"] = [unicodedata.normalize("NFKD", a).encode("ascii", "ignore").decode()
                                 for a in record["authors"]]
        if source == "embase" and rng.random() < 0.05:
            # Embase lists some articles under the journal's later name, or none.
            renamed = {"Biology of Blood and Marrow Transplantation": "Transplantation and Cellular Therapy"}
            record["journal"] = renamed.get(record["journal"])
            changes.append("journal renamed or missing")
    if source == "pubmed" and not record["pmid"]:
        record["pmid"] = None
    return record, changes


def _hard_negative(rng: np.random.Generator, article: dict, number: int) -> tuple[dict, str]:
    record = dict(article)
    kind = ["erratum", "conference abstract", "update", "same title other authors"][rng.integers(4)]
    record["pmid"] = None
    if kind == "erratum":
        record["title"] = f"Erratum: {article['title']}"
        record["year"] = article["year"] + int(rng.integers(0, 2))
        record["doi"] = f"{article['doi']}.err"
    elif kind == "conference abstract":
        record["year"] = article["year"] - int(rng.integers(0, 2))
        record["journal"] = "Blood"
        record["doi"] = f"10.1182/blood-{record['year']}-{number:06d}"
    elif kind == "update":
        record["year"] = article["year"] + int(rng.integers(3, 8))
        record["doi"] = None
    else:
        record["authors"] = [f"{_SURNAMES[(k * 7 + 3) % len(_SURNAMES)]}, Q." for k in range(2)]
        if record["authors"][0].split(",")[0] in article["authors"][0]:
            record["authors"] = ["Okonkwo, Q."]
        record["doi"] = None
    return record, kind


def synthetic_search_results(n_articles: int, *, rng: np.random.Generator,
                             duplicate_rate: float = 0.6, hard_negative_rate: float = 0.05) -> pd.DataFrame:
    """Records of ``n_articles`` articles as several databases would export them.

    Parameters
    ----------
    n_articles : int
        Distinct articles.
    rng : numpy.random.Generator
        The only source of randomness.
    duplicate_rate : float
        Probability that an article is found by more than one database.
    hard_negative_rate : float
        Probability that an article has a distinct look-alike report.

    Returns
    -------
    DataFrame
        Record-table columns plus ``record_id``, ``true_cluster`` (records
        with the same value are one report) and ``perturbation``.
    """
    rows = []
    for number in range(n_articles):
        article = _article(rng, number)
        n_copies = 1 + (int(rng.integers(1, 4)) if rng.random() < duplicate_rate else 0)
        sources = rng.choice(_SOURCES, size=n_copies, replace=False)
        for source in sources:
            record, changes = _perturb(rng, article, str(source))
            rows.append({**record, "source": str(source), "true_cluster": number,
                         "perturbation": ", ".join(changes) or "none"})
        if rng.random() < hard_negative_rate:
            record, kind = _hard_negative(rng, article, number)
            rows.append({**record, "source": str(rng.choice(_SOURCES)), "true_cluster": n_articles + number,
                         "perturbation": f"hard negative: {kind}"})
    frame = pd.DataFrame(rows)
    frame.insert(0, "record_id", np.arange(1, len(frame) + 1))
    frame["source_id"] = frame["source"] + ":" + frame["record_id"].astype(str)
    columns = ["record_id", "source", "source_id", "pmid", "doi", "title", "abstract", "authors", "year",
               "journal", "true_cluster", "perturbation"]
    return frame[columns]

"""Order unscreened records by predicted relevance (active-learning style
screening prioritisation, as in ASReview: van de Schoot et al. 2021, Nat Mach
Intell 3:125-133).

A TF-IDF representation of title and abstract and a logistic regression are
trained on the title/abstract decisions made so far; unscreened records are
ranked by the predicted probability of inclusion. The ranking only changes
the ORDER in which a reviewer sees records. It never decides: every record
still needs a reviewer's decision, and PRISMA counts come only from those.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graftline.errors import InputError
from graftline.review.screening import effective_decisions, unscreened

STATEMENT = ("This ranking only orders unscreened records by predicted relevance; it never decides. "
             "Every record must still be screened by a reviewer.")


@dataclass(frozen=True)
class Prioritisation:
    """Unscreened records ranked by predicted relevance.

    Attributes
    ----------
    ranking : DataFrame
        ``rank``, ``record_id``, ``relevance`` (predicted probability of
        inclusion, 0-1), ``title``; most relevant first.
    n_training : int
        Decisions the model learned from.
    n_included_training : int
        Of which include or maybe.
    statement : str
        That the ranking orders and never decides.
    """

    ranking: pd.DataFrame
    n_training: int
    n_included_training: int
    statement: str = STATEMENT

    def to_frame(self) -> pd.DataFrame:
        return self.ranking.copy()


def _text(frame: pd.DataFrame) -> list[str]:
    return (frame["title"].fillna("") + " " + frame["abstract"].fillna("")).tolist()


def text_features(texts: list[str]):
    """TF-IDF matrix (sparse, one row per text) of words and word pairs.

    ``TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), strip_accents="unicode")``;
    deterministic. Fitted on every record (training and candidates alike),
    as active-learning screening tools do: the representation uses no label.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), strip_accents="unicode",
                                 dtype=np.float32)
    return vectorizer.fit_transform(texts)


def relevance_from_features(features, training_rows: np.ndarray, labels: np.ndarray,
                            candidate_rows: np.ndarray) -> np.ndarray:
    """Predicted probability of inclusion of the candidate rows of ``features`` (pure function).

    Notes
    -----
    ``LogisticRegression(class_weight="balanced", solver="liblinear")`` on the
    training rows: inclusions are rare, so classes are weighted by inverse
    frequency. liblinear's coordinate descent works on the decided rows'
    non-zero features, so training time grows with the decisions made, not
    with the vocabulary of 100,000 records (lbfgs updates a dense vector of
    every word pair at each iteration: seconds at that size). Its shuffling
    is fixed (``random_state=0``), so the ranking is deterministic.
    """
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(class_weight="balanced", solver="liblinear", random_state=0, max_iter=1000)
    model.fit(features[training_rows], labels)
    return model.predict_proba(features[candidate_rows])[:, 1]


def rank_by_relevance(training_text: list[str], labels: np.ndarray, candidate_text: list[str]) -> np.ndarray:
    """Predicted probability of inclusion of each candidate (pure function).

    TF-IDF features of training and candidate texts together
    (:func:`text_features`) and a class-weighted logistic regression
    (:func:`relevance_from_features`).
    """
    features = text_features(list(training_text) + list(candidate_text))
    n = len(training_text)
    return relevance_from_features(features, np.arange(n), labels, np.arange(n, features.shape[0]))


def prioritise(project) -> Prioritisation:
    """Rank the project's records awaiting title/abstract screening.

    Raises
    ------
    InputError
        Until at least one record is included (or maybe) and one excluded.
    """
    decided = effective_decisions(project, "title_abstract").dropna(subset=["decision"])
    records = project.query("SELECT record_id, title, abstract FROM records")
    training = decided.merge(records, on="record_id")
    labels = training["decision"].isin(["include", "maybe"]).to_numpy(int)
    if labels.sum() == 0 or labels.sum() == len(labels):
        raise InputError("prioritisation needs title/abstract decisions with at least one include (or maybe) and "
                         f"one exclude; so far {int(labels.sum())} included of {len(labels)} decided")
    candidates = unscreened(project, "title_abstract")
    relevance = (rank_by_relevance(_text(training), labels, _text(candidates))
                 if len(candidates) else np.empty(0))
    ranking = candidates.assign(relevance=relevance)
    ranking = ranking.sort_values(["relevance", "record_id"], ascending=[False, True], ignore_index=True)
    ranking.insert(0, "rank", np.arange(1, len(ranking) + 1))
    return Prioritisation(ranking=ranking[["rank", "record_id", "relevance", "title"]],
                          n_training=len(labels), n_included_training=int(labels.sum()))

"""The binary treatment of an adjusted comparison, checked once at the boundary."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError
from graftline.stats._validation import _to_numpy, check_group


@dataclass(frozen=True)
class Treatment:
    """Treatment as 0/1 per patient and the label of each arm.

    Attributes
    ----------
    treated : ndarray of bool, shape (n,)
        True for the treated (exposed) arm.
    labels : tuple
        ``(control label, treated label)`` as given by the caller.
    """

    treated: np.ndarray
    labels: tuple[object, object]

    @property
    def n(self) -> int:
        return len(self.treated)

    @property
    def indicator(self) -> np.ndarray:
        """1.0 for treated, 0.0 for control (the glm response)."""
        return self.treated.astype(np.float64)


def check_treatment(treatment: object, *, treated: object = None, n: int | None = None,
                    name: str = "treatment") -> Treatment:
    """Encode a two-arm treatment; the treated arm is ``treated`` or R's second level.

    Without ``treated``, the treated arm is the second level in R's
    ``factor()`` order (declared categories, else sorted values): 1 for 0/1
    codes, True for booleans, ``"mst"`` for ``{"chemo", "mst"}``. That is the
    level ``glm(family = binomial)`` models the probability of.
    """
    array = _to_numpy(treatment, name)
    if n is not None and len(array) != n:
        raise InputError(f"{name} has {len(array)} values but the covariates have {n} rows; "
                         "expected one per patient")
    groups = check_group(treatment, len(array), name=name)
    if groups.count != 2:
        raise InputError(
            f"{name} has {groups.count} distinct value{'s' if groups.count != 1 else ''} "
            f"{list(groups.labels)[:5]}; an adjusted comparison needs exactly two arms "
            "(compare arms pairwise, e.g. MST vs chemotherapy)"
        )
    if treated is None:
        index = 1
    else:
        matches = [k for k, label in enumerate(groups.labels) if label == treated or str(label) == str(treated)]
        if not matches:
            raise InputError(f"treated={treated!r} is not one of the arms {list(groups.labels)} in {name}")
        index = matches[0]
    labels = (groups.labels[1 - index], groups.labels[index])
    return Treatment(treated=groups.codes == index, labels=labels)

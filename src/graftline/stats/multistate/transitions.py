"""The states of a multi-state model and the transitions allowed between them.

A :class:`TransitionMatrix` plays the part of mstate's ``transMat``: it names
the states in order, lists the allowed transitions (numbered 1..K in row
order, as mstate numbers them) and is what the data checks use to refuse an
impossible transition with the patient and row. Presets cover the models of
EBMT analyses: the illness-death model, the six-state model of mstate's
``ebmt4`` example, and the current GRFS and current LFS models.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from graftline.errors import InputError


@dataclass(frozen=True)
class TransitionMatrix:
    """States and allowed transitions of a multi-state model.

    Attributes
    ----------
    states : tuple of str
        State names in order; the first is the usual initial state.
    allowed : tuple of (str, str)
        Allowed transitions ``(from, to)``, in mstate's numbering order (by
        the ``from`` state, then the ``to`` state, in state order).

    Examples
    --------
    >>> tm = TransitionMatrix.from_dict({"transplant": ["relapse", "death"], "relapse": ["death"]})
    >>> tm.states, tm.absorbing
    (('transplant', 'relapse', 'death'), ('death',))
    >>> tm.transition_number("relapse", "death")
    3
    """

    states: tuple[str, ...]
    allowed: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        if len(set(self.states)) != len(self.states):
            raise InputError(f"state names repeat: {list(self.states)}; every state needs its own name")
        if not self.states:
            raise InputError("a multi-state model needs at least one state")
        index = {s: k for k, s in enumerate(self.states)}
        for a, b in self.allowed:
            for s in (a, b):
                if s not in index:
                    raise InputError(f"transition {a} -> {b} names state {s!r}, which is not one of {list(self.states)}")
            if a == b:
                raise InputError(f"transition {a} -> {b} goes from a state to itself; list only changes of state")
        ordered = tuple(sorted(set(self.allowed), key=lambda ab: (index[ab[0]], index[ab[1]])))
        object.__setattr__(self, "allowed", ordered)

    @classmethod
    def from_dict(cls, reachable: Mapping[str, Iterable[str]], *, states: Sequence[str] | None = None) -> TransitionMatrix:
        """Build from ``{from_state: [to_state, ...]}``, as mstate's ``transMat(list(...))``.

        States are ordered as given in ``states``, else by first mention
        (keys and targets in the order written).
        """
        order = list(states) if states is not None else []
        for a, targets in reachable.items():
            for s in (a, *targets):
                if s not in order:
                    order.append(s)
        allowed = tuple((a, b) for a, targets in reachable.items() for b in targets)
        return cls(states=tuple(order), allowed=allowed)

    @classmethod
    def illness_death(cls, *, initial: str = "transplant", illness: str = "relapse",
                      death: str = "death") -> TransitionMatrix:
        """initial -> illness -> death and initial -> death (EBMT: transplant, relapse, death)."""
        return cls.from_dict({initial: [illness, death], illness: [death]})

    @classmethod
    def ebmt6(cls) -> TransitionMatrix:
        """The six-state model of mstate's ``ebmt4`` (Fiocco, Putter, van Houwelingen 2008).

        States ``transplant``, ``platelet_recovery``, ``agvhd`` (the adverse
        event), ``recovery_agvhd`` (both), ``relapse``, ``death``; relapse and
        death are absorbing, 12 transitions numbered as in the mstate
        tutorial (1: transplant -> platelet_recovery, ..., 12:
        recovery_agvhd -> death).
        """
        return cls.from_dict({
            "transplant": ["platelet_recovery", "agvhd", "relapse", "death"],
            "platelet_recovery": ["recovery_agvhd", "relapse", "death"],
            "agvhd": ["recovery_agvhd", "relapse", "death"],
            "recovery_agvhd": ["relapse", "death"],
        }, states=["transplant", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death"])

    @classmethod
    def current_grfs(cls) -> TransitionMatrix:
        """Current GRFS (Solomon et al., BBMT 2017;23:1208): GVHD therapy can end and start again.

        States ``grfs`` (alive, relapse-free, no GVHD needing systemic
        therapy), ``gvhd`` (on systemic therapy for GVHD), ``relapse``,
        ``death``; ``gvhd -> grfs`` when the therapy stops. Current GRFS at
        time t is the probability of ``grfs``.
        """
        return cls.from_dict({"grfs": ["gvhd", "relapse", "death"],
                              "gvhd": ["grfs", "relapse", "death"]})

    @classmethod
    def current_lfs(cls) -> TransitionMatrix:
        """Current LFS (Klein et al., Stat Med 2000;19:3005): relapse, then a second remission.

        States ``remission`` (first remission), ``relapse``, ``remission2``
        (after salvage or donor lymphocyte infusion), ``relapse2``,
        ``death``. Current LFS at time t is the probability of ``remission``
        or ``remission2``.
        """
        return cls.from_dict({"remission": ["relapse", "death"],
                              "relapse": ["remission2", "death"],
                              "remission2": ["relapse2", "death"],
                              "relapse2": ["death"]})

    @property
    def absorbing(self) -> tuple[str, ...]:
        """States with no transition out (e.g. death)."""
        leaving = {a for a, _ in self.allowed}
        return tuple(s for s in self.states if s not in leaving)

    @property
    def transient(self) -> tuple[str, ...]:
        leaving = {a for a, _ in self.allowed}
        return tuple(s for s in self.states if s in leaving)

    def index(self, state: str) -> int:
        try:
            return self.states.index(state)
        except ValueError:
            raise InputError(f"{state!r} is not a state of this model; states: {list(self.states)}") from None

    def transition_number(self, from_state: str, to_state: str) -> int:
        """mstate's transition number (1-based, in row order); error if not allowed."""
        try:
            return self.allowed.index((from_state, to_state)) + 1
        except ValueError:
            raise InputError(f"{from_state} -> {to_state} is not an allowed transition; allowed: "
                             f"{', '.join(f'{a} -> {b}' for a, b in self.allowed)}") from None

    def is_allowed(self, from_state: str, to_state: str) -> bool:
        return (from_state, to_state) in self.allowed

    def matrix(self) -> np.ndarray:
        """Integer matrix as mstate's ``transMat``: transition number, 0 where not allowed."""
        out = np.zeros((len(self.states), len(self.states)), dtype=np.int64)
        for k, (a, b) in enumerate(self.allowed, start=1):
            out[self.index(a), self.index(b)] = k
        return out

    def to_frame(self):
        """One row per allowed transition: ``transition, from_state, to_state``."""
        import pandas as pd

        return pd.DataFrame({"transition": np.arange(1, len(self.allowed) + 1),
                             "from_state": [a for a, _ in self.allowed],
                             "to_state": [b for _, b in self.allowed]})

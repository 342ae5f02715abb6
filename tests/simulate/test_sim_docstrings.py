"""The Examples sections of the simulator's public functions run and are right."""

from __future__ import annotations

import doctest

import pytest

from graftline.simulate import power, predict, tables


@pytest.mark.parametrize("module", [tables, predict, power], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0

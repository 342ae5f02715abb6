"""The Examples sections of graftline.meta's docstrings run and print what they show."""

import doctest
import importlib

import pytest

MODULES = ["effect_sizes", "conversion", "heterogeneity", "pooling", "bias", "votes", "plots", "sparse", "glmm",
           "diagnostics", "time_to_event", "reconstruct"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"graftline.meta.{name}")
    failures, tried = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried > 0
    assert failures == 0

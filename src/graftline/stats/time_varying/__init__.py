"""Exposures that begin after day 0 (acute GVHD, platelet recovery, response).

Two remedies for immortal-time bias: time-dependent covariates on start-stop
rows (``time_dependent``, then ``cox_ph(..., start=)``) and landmark analysis
(``landmark``). The public names are exported from :mod:`graftline.stats`.
"""

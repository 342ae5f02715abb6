"""Time to one event: Kaplan-Meier, log-rank and G-rho tests, Cox regression.

The public names are exported from :mod:`graftline.stats`.
"""

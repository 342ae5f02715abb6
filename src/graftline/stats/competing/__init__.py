"""Competing risks: cumulative incidence (Aalen-Johansen), Gray's test, Fine-Gray.

The public names are exported from :mod:`graftline.stats`.
"""

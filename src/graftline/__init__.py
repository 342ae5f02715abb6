"""graftline: from the records of patients treated with hematopoietic cell
therapies to endpoints, statistics, evidence syntheses and simulations.

Subpackages (the flow never goes backwards):

- :mod:`graftline.cohort`     canonical tables, ingest, validation, the store
- :mod:`graftline.endpoints`  engraftment, GVHD, disease and survival endpoints
- :mod:`graftline.stats`      Kaplan-Meier, log-rank, Cox, cumulative incidence, Fine-Gray
- :mod:`graftline.meta`       effect sizes, pooling, heterogeneity, forest plots
- :mod:`graftline.review`     systematic-review workflow and PRISMA 2020
- :mod:`graftline.simulate`   mechanistic blood-count recovery, virtual patients
- :mod:`graftline.report`     the self-contained HTML report
"""

__version__ = "0.1.0"

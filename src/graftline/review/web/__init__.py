"""``graftline review serve``: a local web app for title/abstract and
full-text screening, whose server is the project file's only writer.

Modules: :mod:`~graftline.review.web.desk` (the decisions, in memory and in
the file, and who screens what next), :mod:`~graftline.review.web.ordering`
(active-learning order, retrained in the background),
:mod:`~graftline.review.web.pages` (server-rendered, escaped HTML),
:mod:`~graftline.review.web.app` (routes, sessions, tokens, CSRF) and
:mod:`~graftline.review.web.serve` (binding and running under uvicorn).
"""

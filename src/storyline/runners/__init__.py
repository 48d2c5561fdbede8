"""Runners: where the per-article pipeline executes.

- ``local`` (default): ``storyline.runners.local.ingest``, streaming on this machine.
- ``ray``: :func:`storyline.runners.ray_runner.ingest_ray`, the same per-article
  functions (``steps.py``) mapped over Ray Data, writing Parquet partitions that
  the store then loads. Both give identical records.
- ``link_job``: the cross-article linking over a store (``link_pending``, ``link``,
  ``relink_all``, ``corpus_events``), run after either ingest runner; the pure linking
  functions are ``storyline.link``.
"""

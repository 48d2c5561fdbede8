"""Runners: where the per-article pipeline executes.

- ``local`` (default): ``storyline.pipeline.ingest``, streaming on this machine.
- ``ray``: :func:`storyline.runners.ray_runner.ingest_ray`, the same per-article
  functions (``steps.py``) mapped over Ray Data, writing Parquet partitions that
  the store then loads. Both give identical records.
"""

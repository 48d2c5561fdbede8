"""``storyline ingest --runner ray``: the per-article pipeline on Ray Data.

Files, folders or object-store paths (``s3://…``, ``gs://…``) are read by Ray,
split into articles, cleaned and dated, then parsed and analysed by a pool of
actors that each load the spaCy pipeline once. The records are written as
Parquet partitions, which the store then loads in path order -- so the store
ends up exactly as the local runner leaves it.

Ray is an optional extra: ``pip install 'storyline[ray]'``. To use a real
cluster, pass ``--ray-address ray://HEAD:10001`` (or set ``RAY_ADDRESS``) and give
paths every worker can read (an object store or a shared file system).
"""
from __future__ import annotations

import datetime as dt
import glob
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..ingest.readers import _files_under
from ..nlp import get_nlp
from ..records import IngestReport, RawInput, Rejection
from ..store import Store
from . import steps
from .link_job import link_pending

CONFIDENT = 0.9
ACTOR_CPUS = 0.75


def _ray() -> Any:
    try:
        import ray
    except ImportError as e:
        raise UsageError("the Ray runner needs Ray: pip install 'storyline[ray]' (or use the default local runner)") from e
    return ray


def _is_remote(p: str) -> bool:
    return "://" in p


class _Analyser:
    """A Ray actor: loads the spaCy pipeline once, then analyses batches of rows."""

    def __init__(self, years: list[int], today: str | None):
        get_nlp()
        self.years = set(years)
        self.today = dt.date.fromisoformat(today) if today else None

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        rows = [dict(zip(batch, vals)) for vals in zip(*batch.values())]
        out = steps.parse_and_analyse(rows, self.years, self.today)
        keys = ("kind", "id", "path", "year", "confidence", "payload")
        return {k: [r[k] for r in out] for k in keys}


def _split_and_clean(row: dict[str, Any], today: dt.date | None) -> list[dict[str, Any]]:
    path = row["path"]
    data = row.get("bytes")
    if data is None:
        data = Path(path).read_bytes()
    out = []
    for item in steps.raw_inputs(path, data):
        if isinstance(item, Rejection):
            out.append(steps.rejection_to_row(item))
        else:
            assert isinstance(item, RawInput)
            out.append(steps.clean_and_date(item, today))
    return out


def ingest_ray(paths: list[str], db: str | os.PathLike[str] | None = None, *, num_cpus: int | None = None,
               address: str | None = None, actors: int | None = None, out_dir: str | None = None,
               today: dt.date | None = None) -> Any:
    """Run the pipeline on Ray and load the result into the store. Returns an IngestReport."""
    ray = _ray()

    address = address or os.environ.get("RAY_ADDRESS")
    if not ray.is_initialized():
        kw: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "ignore_reinit_error": True}
        if address:
            ray.init(address=address, **kw)
        else:
            ray.init(num_cpus=num_cpus or os.cpu_count(), **kw)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False

    local = [p for p in paths if not _is_remote(p)]
    remote = [p for p in paths if _is_remote(p)]
    files = [str(f) for p in local for f in _files_under(Path(p))]
    datasets = []
    if files:
        datasets.append(ray.data.from_items([{"path": f} for f in files]))
    if remote:
        datasets.append(ray.data.read_binary_files(remote, include_paths=True))
    if not datasets:
        raise UsageError("no inputs given")
    ds = datasets[0] if len(datasets) == 1 else datasets[0].union(*datasets[1:])
    cleaned = ds.flat_map(lambda row: _split_and_clean(row, today)).materialize()

    with Store(db) as store:
        report = IngestReport(db=str(Path(store.path).resolve()))
        known = store.known_ids(r["id"] for r in cleaned.select_columns(["id"]).iter_rows())
        years = set(store.confident_years(CONFIDENT))
    years |= {r["year"] for r in cleaned.filter(lambda r: r["kind"] == "article" and r["year"] is not None
                                                 and r["confidence"] >= CONFIDENT).select_columns(["year"]).iter_rows()}
    fresh = cleaned.filter(lambda r: r["kind"] == "article" and r["id"] not in known).materialize()
    rejected = cleaned.filter(lambda r: r["kind"] == "rejection").materialize()
    n_actors = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    # actors take most of a CPU each but leave room for the write tasks, or the two starve each other
    analysed = fresh.map_batches(_Analyser, fn_constructor_kwargs={"years": sorted(years),
                                                                   "today": today.isoformat() if today else None},
                                 batch_size=16, concurrency=n_actors, num_cpus=ACTOR_CPUS)
    out = out_dir or tempfile.mkdtemp(prefix="storyline-ray-")
    analysed.union(rejected).write_parquet(out, ray_remote_args={"num_cpus": 1 - ACTOR_CPUS})
    n_known = cleaned.filter(lambda r: r["kind"] == "article" and r["id"] in known).count()
    _load_partitions(out, db, report, n_known)
    return report


def _load_partitions(out: str, db: str | os.PathLike[str] | None, report: Any, n_known: int) -> None:
    """Load the Parquet partitions into the store in path order, as the local runner would write them."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for f in sorted(glob.glob(os.path.join(out, "*.parquet"))):
        rows.extend(pq.read_table(f).to_pylist())
    rows.sort(key=lambda r: (r["path"], r["kind"]))
    report.unchanged = 0
    seen: set[str] = set()
    records, rejections = [], []
    for r in rows:
        if r["kind"] == "rejection":
            rejections.append(steps.row_to_rejection(r))
        elif r["id"] in seen:
            report.unchanged += 1
        else:
            seen.add(r["id"])
            records.append(json.loads(r["payload"]))
    report.unchanged += n_known
    report.rejected.extend(rejections)
    with Store(db) as store:
        for i in range(0, max(len(records), 1), 256):
            store.write_batch(records[i:i + 256], rejections if i == 0 else [])
        report.ingested = len(records)

        report.linked = link_pending(store)     # linking runs over the store, as after a local ingest

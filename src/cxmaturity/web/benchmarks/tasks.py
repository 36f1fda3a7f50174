"""The background recompute: queued nightly (`cxm benchmark recompute --queue` from cron)."""

from __future__ import annotations

from django_tasks import task

from . import store


@task()
def recompute_benchmarks() -> int:
    """Rebuild every entry and peer group from the stored results; returns the entry count.

    Incremental updates keep the groups current between runs; the recompute repairs
    anything a failed update left behind and applies opt-outs made outside the app.
    """
    return store.recompute()

"""Keeping peer entries and their derived counts in step with results, opt-ins and imports.

What counts (the privacy rules of the issue, decided here and nowhere else):

* only organizations with `peer_opt_in`; a self-assessment without an organization
  never counts, and neither does one campaign respondent's own assessment;
* per organization and model one entry: the later of its latest completed
  self-assessment and its latest closed campaign's final result;
* imported rows (`import:<dataset>`) count as they are, one score each.

Every change runs in one transaction that also adjusts the derived `PeerScore` rows
and `PeerGroup` slot counts, so readers never see an entry without its counts.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from django.db import connection, transaction
from django.db.models import F

from cxmaturity.core.benchmarks import OVERALL, ExchangeRow
from cxmaturity.core.benchmarks._keys import wider_filters

from ..assessments.models import Assessment
from ..organizations.models import Organization
from .models import ANY, SLOTS, PeerDataVersion, PeerEntry, PeerGroup, PeerScore

log = logging.getLogger(__name__)

GroupId = tuple[str, str, str, str, str]  # model, dimension, industry, region, size ('' = any)
Progress = Callable[[int, int], None]
CHUNK = 2000


def slot_of(score: float) -> int:
    """The one-point slot of a 0-100 score: [n, n+1) is slot n; exactly 100 is slot 100."""
    return min(int(score), SLOTS - 1)


def scores_of(result: dict[str, Any]) -> dict[str, float]:
    """The scored dimensions and the overall score of a stored `Result.to_dict()`."""
    scores = {
        d["id"]: round(float(d["score"]), 2)
        for d in result.get("dimensions", [])
        if d.get("score") is not None
    }
    overall = (result.get("overall") or {}).get("score")
    if overall is not None:
        scores[OVERALL] = round(float(overall), 2)
    return scores


@dataclass(frozen=True, slots=True)
class Candidate:
    """What an organization would contribute for one model, and from where."""

    model_id: str
    model_version: str
    industry: str
    region: str
    size: str
    scores: dict[str, float]
    source: str
    when: datetime


def _candidate(result: dict[str, Any], source: str, when: datetime) -> Candidate | None:
    scores = scores_of(result)
    if not scores:
        return None
    model = result.get("model") or {}
    return Candidate(
        str(model.get("id", "")),
        str(model.get("version", "")),
        result.get("industry") or "",
        result.get("region") or "",
        result.get("size") or "",
        scores,
        source,
        when,
    )


def latest_results(
    org_ids: Iterable[int] | None, model_id: str | None = None
) -> dict[tuple[int, str], Candidate]:
    """Per (organization, model) the result that counts (see the module docstring).

    Opt-in is not checked here: the organization page shows an opted-out
    organization's own latest results too, it just does not enter any group.
    """
    self_rows = Assessment.objects.filter(
        status=Assessment.Status.COMPLETED,
        organization__isnull=False,
        respondent__isnull=True,
        result__isnull=False,
    )
    if org_ids is not None:
        self_rows = self_rows.filter(organization_id__in=list(org_ids))
    if model_id is not None:
        self_rows = self_rows.filter(model_version__model_id=model_id)
    latest: dict[tuple[int, str], tuple[datetime, Any]] = {}
    for pk, org_id, model, when in self_rows.values_list(
        "pk", "organization_id", "model_version__model_id", "completed_at"
    ):
        key = (org_id, model)
        if when is not None and (key not in latest or when > latest[key][0]):
            latest[key] = (when, pk)
    out: dict[tuple[int, str], Candidate] = {}
    ids = {pk: key for key, (_, pk) in latest.items()}
    chosen = list(ids)
    for start in range(0, len(chosen), CHUNK):
        for pk, result in Assessment.objects.filter(
            pk__in=chosen[start : start + CHUNK]
        ).values_list("pk", "result"):
            key = ids[pk]
            candidate = _candidate(result or {}, PeerEntry.Source.SELF, latest[key][0])
            if candidate is not None:
                out[key] = candidate
    for key, candidate in _campaign_results(org_ids, model_id).items():
        if key not in out or candidate.when >= out[key].when:
            out[key] = candidate
    return out


def _campaign_results(
    org_ids: Iterable[int] | None, model_id: str | None
) -> dict[tuple[int, str], Candidate]:
    """The final result of each organization's latest closed campaign per model."""
    from ..campaigns.models import Campaign

    closed = Campaign.objects.filter(status=Campaign.Status.CLOSED, closed_at__isnull=False)
    if org_ids is not None:
        closed = closed.filter(organization_id__in=list(org_ids))
    if model_id is not None:
        closed = closed.filter(model_version__model_id=model_id)
    out: dict[tuple[int, str], Candidate] = {}
    for campaign in closed.select_related("model_version").order_by("closed_at", "pk"):
        if campaign.closed_at is None:
            continue
        result = campaign.result or _final_result(campaign)
        candidate = _candidate(result or {}, PeerEntry.Source.CAMPAIGN, campaign.closed_at)
        if candidate is not None:
            out[(campaign.organization_id, campaign.model_version.model_id)] = candidate
    return out


def _final_result(campaign: Any) -> dict[str, Any] | None:
    """A closed campaign's consensus result when the campaign did not store one."""
    from ..campaigns.summary import campaign_aggregate

    aggregate = campaign_aggregate(campaign)
    if aggregate.respondents < 1:
        return None
    result: dict[str, Any] = aggregate.result.to_dict()
    return result


# --- the derived counts -------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _group_ids(
    model_id: str, dimension: str, industry: str, region: str, size: str
) -> tuple[GroupId, ...]:
    """The (up to 8) groups a score with these attributes belongs to; cached for rebuilds."""
    filters = (industry or None, region or None, size or None)
    return tuple(
        (model_id, dimension, i or ANY, r or ANY, s or ANY) for i, r, s in wider_filters(filters)
    )


def _deltas(entry: PeerEntry, sign: int, into: defaultdict[GroupId, Counter[int]]) -> None:
    for dimension, score in entry.scores.items():
        if score is None:
            continue
        slot = slot_of(float(score))
        for group in _group_ids(
            entry.model_id, dimension, entry.industry, entry.region, entry.size
        ):
            into[group][slot] += sign


def _apply(deltas: defaultdict[GroupId, Counter[int]]) -> None:
    """Add slot deltas to their groups (inside the caller's transaction), locking in key order."""
    changed = {g: c for g, c in deltas.items() if any(c.values())}
    if not changed:
        return
    _new_version()
    PeerGroup.objects.bulk_create(
        [
            PeerGroup(
                model_id=m, dimension=d, industry=i, region=r, size=s, members=0, slots=[0] * SLOTS
            )
            for m, d, i, r, s in sorted(changed)
        ],
        ignore_conflicts=True,
    )
    # A superset of the changed keys that one indexed query finds: the values seen per column.
    columns: list[set[str]] = [set(), set(), set(), set(), set()]
    for group in changed:
        for values, value in zip(columns, group, strict=True):
            values.add(value)
    rows = (
        PeerGroup.objects.select_for_update()
        .filter(
            model_id__in=columns[0],
            dimension__in=columns[1],
            industry__in=columns[2],
            region__in=columns[3],
            size__in=columns[4],
        )
        .order_by("pk")
    )
    update: list[PeerGroup] = []
    empty: list[PeerGroup] = []
    for row in rows:
        delta = changed.get((row.model_id, row.dimension, row.industry, row.region, row.size))
        if delta is None:
            continue
        slots = list(row.slots)
        for slot, change in delta.items():
            slots[slot] += change
        row.slots = slots
        row.members = sum(slots)
        (update if row.members > 0 else empty).append(row)
    PeerGroup.objects.bulk_update(update, ["slots", "members"], batch_size=500)
    PeerGroup.objects.filter(pk__in=[row.pk for row in empty]).delete()


def _new_version() -> None:
    """Move the peer data version (in the caller's transaction): cached comparisons expire."""
    moved = PeerDataVersion.objects.filter(pk=PeerDataVersion.ROW).update(number=F("number") + 1)
    if not moved:  # a fresh or flushed database: the row comes with the first change
        PeerDataVersion.objects.get_or_create(pk=PeerDataVersion.ROW, defaults={"number": 1})


def _score_rows(entry: PeerEntry) -> list[PeerScore]:
    return [
        PeerScore(
            entry_id=entry.pk,
            model_id=entry.model_id,
            dimension=dimension,
            industry=entry.industry,
            region=entry.region,
            size=entry.size,
            score=float(score),
        )
        for dimension, score in entry.scores.items()
        if score is not None
    ]


# --- changes one organization at a time ------------------------------------------------------


def refresh_organization(org_id: int, model_id: str | None = None) -> None:
    """Bring an organization's entries (for one model, or all) in line with its results."""
    with transaction.atomic():
        org = Organization.objects.filter(pk=org_id).values_list("peer_opt_in", flat=True).first()
        wanted = latest_results([org_id], model_id) if org else {}
        current = PeerEntry.objects.select_for_update().filter(organization_id=org_id)
        if model_id is not None:
            current = current.filter(model_id=model_id)
        deltas: defaultdict[GroupId, Counter[int]] = defaultdict(Counter)
        existing = {entry.model_id: entry for entry in current}
        for model, gone in existing.items():
            if (org_id, model) not in wanted:
                _deltas(gone, -1, deltas)
                gone.delete()
        for (_, model), candidate in wanted.items():
            previous = existing.get(model)
            if previous is not None and _same(previous, candidate):
                continue
            if previous is not None:
                _deltas(previous, -1, deltas)
                PeerScore.objects.filter(entry=previous).delete()
                entry = previous
            else:
                entry = PeerEntry(organization_id=org_id, model_id=model)
            entry.model_version = candidate.model_version
            entry.industry, entry.region, entry.size = (
                candidate.industry,
                candidate.region,
                candidate.size,
            )
            entry.scores = candidate.scores
            entry.source = candidate.source
            entry.save()
            PeerScore.objects.bulk_create(_score_rows(entry))
            _deltas(entry, +1, deltas)
        _apply(deltas)


def remove_organization(org_id: int) -> None:
    """Take every entry of an organization out of the groups (its deletion)."""
    with transaction.atomic():
        deltas: defaultdict[GroupId, Counter[int]] = defaultdict(Counter)
        for entry in PeerEntry.objects.select_for_update().filter(organization_id=org_id):
            _deltas(entry, -1, deltas)
            entry.delete()
        _apply(deltas)


def _same(entry: PeerEntry, candidate: Candidate) -> bool:
    return (
        entry.model_version,
        entry.industry,
        entry.region,
        entry.size,
        entry.scores,
        entry.source,
    ) == (
        candidate.model_version,
        candidate.industry,
        candidate.region,
        candidate.size,
        candidate.scores,
        candidate.source,
    )


def refresh_safely(org_id: int, model_id: str | None = None) -> None:
    """`refresh_organization`, never failing its caller (finishing an assessment must not).

    Runs in a savepoint: a failure rolls back the benchmark change only and is logged;
    the next recompute repairs it.
    """
    try:
        with transaction.atomic():
            refresh_organization(org_id, model_id)
    except Exception:
        log.exception(
            "peer benchmark update failed for organization %s; recompute repairs it", org_id
        )


# --- imports and full rebuilds ------------------------------------------------------------------


def replace_dataset(name: str, rows: list[ExchangeRow]) -> int:
    """Replace the imported set `name` with `rows` (each its own entry), then rebuild the counts."""
    source = f"import:{name}"
    with transaction.atomic():
        PeerEntry.objects.filter(source=source).delete()
        PeerEntry.objects.bulk_create(
            (
                PeerEntry(
                    organization=None,
                    model_id=row.model_id,
                    model_version=row.model_version,
                    industry=row.industry or "",
                    region=row.region or "",
                    size=row.size or "",
                    scores={row.dimension: round(row.score, 2)},
                    source=source,
                )
                for row in rows
            ),
            batch_size=CHUNK,
        )
        rebuild_counts()
    return len(rows)


def recompute(progress: Progress | None = None) -> int:
    """Derive every organization's entries from its results again, then rebuild the counts.

    Imported sets are kept. Returns the number of entries afterwards.
    """
    with transaction.atomic():
        opted_in = set(Organization.objects.filter(peer_opt_in=True).values_list("pk", flat=True))
        wanted = {k: c for k, c in latest_results(None).items() if k[0] in opted_in}
        PeerEntry.objects.filter(organization__isnull=False).delete()
        entries = [
            PeerEntry(
                organization_id=org_id,
                model_id=model,
                model_version=c.model_version,
                industry=c.industry,
                region=c.region,
                size=c.size,
                scores=c.scores,
                source=c.source,
            )
            for (org_id, model), c in wanted.items()
        ]
        PeerEntry.objects.bulk_create(entries, batch_size=CHUNK)
        rebuild_counts(progress)
    return PeerEntry.objects.count()


def rebuild_counts(progress: Progress | None = None) -> None:
    """Rebuild `PeerScore` and `PeerGroup` from the entries (in the caller's transaction)."""
    _new_version()
    PeerScore.objects.all().delete()
    PeerGroup.objects.all().delete()
    total = PeerEntry.objects.count()
    groups: defaultdict[GroupId, list[int]] = defaultdict(lambda: [0] * SLOTS)
    done = 0
    for batch in _batches(total):
        rows = []
        for pk, model_id, industry, region, size, scores in batch:
            for dimension, score in scores.items():
                if score is None:
                    continue
                value = float(score)
                rows.append((pk, model_id, dimension, industry, region, size, value))
                slot = slot_of(value)
                for group in _group_ids(model_id, dimension, industry, region, size):
                    groups[group][slot] += 1
        _insert_scores(rows)
        done += len(batch)
        if progress:
            progress(done, total)
    PeerGroup.objects.bulk_create(
        (
            PeerGroup(
                model_id=m, dimension=d, industry=i, region=r, size=s, members=sum(c), slots=c
            )
            for (m, d, i, r, s), c in groups.items()
        ),
        batch_size=CHUNK,
    )


def _batches(total: int) -> Iterator[list[tuple[Any, ...]]]:
    """The entries in primary-key order, CHUNK * 10 at a time (bounded memory)."""
    last = 0
    size = CHUNK * 10
    query = PeerEntry.objects.order_by("pk").values_list(
        "pk", "model_id", "industry", "region", "size", "scores"
    )
    while True:
        batch = list(query.filter(pk__gt=last)[:size])
        if not batch:
            return
        last = batch[-1][0]
        yield batch


_COLUMNS = ("entry_id", "model_id", "dimension", "industry", "region", "size", "score")


def _insert_scores(rows: list[tuple[Any, ...]]) -> None:
    """Insert score rows the fastest way the database offers (COPY on PostgreSQL)."""
    if not rows:
        return
    table = PeerScore._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor, for COPY
            with raw.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_COLUMNS))
            cursor.executemany(
                f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({marks})", rows
            )

"""Peer groups and the index that keeps every group's scores sorted as results come and go.

A group is a model, one dimension (or the overall score) and any combination of
industry, region and company size, None meaning "any". An organization belongs to
every group whose filters it matches: with all three stated, to 8 groups per
dimension (retail, retail + europe, ..., and the unfiltered one). An organization
that did not state its region is in no region's group, but in every "any region" one.

What counts is the caller's decision, made before entries reach the index: one
entry per organization and model, holding its latest completed result (a campaign
by its final result), and only for organizations that opted in. The index enforces
the "one per organization and model" part: ``put`` replaces an organization's
previous entry for the model.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import NamedTuple

from ._distribution import ScoreDistribution, check_score
from ._keys import GroupKey, wider_filters
from ._privacy import GroupVisibility, PrivacyPolicy, visibility_of

_Key = tuple[str, str, str | None, str | None, str | None]


class PeerEntry(NamedTuple):
    """What one organization contributes for one model: its attributes and its scores.

    `scores` maps dimension ids and OVERALL to 0-100 scores; None (a dimension the
    result left unscored) keeps the organization out of that dimension's groups.
    A row in the order (org_key, model_id, industry, region, size, scores) converts
    with ``PeerEntry(*row)``. `org_key` is any hashable id the caller uses for the
    organization; it never leaves the index.
    """

    org_key: Hashable
    model_id: str
    industry: str | None
    region: str | None
    size: str | None
    scores: Mapping[str, float | None]


class PeerIndex:
    """Sorted scores per peer group, maintained one organization at a time or rebuilt at once.

    ``put`` and ``remove`` cost one sorted insertion or deletion per group the
    organization is in (8 per dimension at most): a memory move of at most the
    group's size, well under a millisecond per dimension at 100,000 members. Lists
    change in place, so a ``ScoreDistribution`` taken from the index follows later
    updates; call ``snapshot()`` on it to keep the figures of one moment (and hold
    a lock around updates if other threads read). ``build`` groups the
    entries by exact attribute cell, sorts each cell once and merges cells into
    groups, which is several times faster than putting entries one by one.
    """

    __slots__ = ("_entries", "_groups")

    def __init__(self) -> None:
        self._entries: dict[tuple[Hashable, str], PeerEntry] = {}
        self._groups: dict[_Key, list[float]] = {}

    @classmethod
    def build(cls, entries: Iterable[PeerEntry]) -> PeerIndex:
        """An index of `entries`; a ValueError if an organization appears twice for a model."""
        index = cls()
        cells: defaultdict[_Key, list[float]] = defaultdict(list)
        for entry in entries:
            ident = (entry.org_key, entry.model_id)
            if ident in index._entries:
                raise ValueError(
                    f"organization {entry.org_key!r} appears twice for model {entry.model_id!r}:"
                    " pass only its latest completed result"
                )
            scores = _checked_scores(entry)
            index._entries[ident] = entry._replace(scores=dict(scores))
            for dimension, score in scores:
                cells[(entry.model_id, dimension, entry.industry, entry.region, entry.size)].append(
                    score
                )
        groups: defaultdict[_Key, list[float]] = defaultdict(list)
        for (model_id, dimension, industry, region, size), cell in cells.items():
            cell.sort()
            for wider in wider_filters((industry, region, size)):
                groups[(model_id, dimension, *wider)] += cell
        for group in groups.values():
            group.sort()  # a concatenation of sorted runs: Timsort merges them in near-linear time
        index._groups = dict(groups)
        return index

    def put(self, entry: PeerEntry) -> None:
        """Add an organization's entry for a model, replacing its previous one if any."""
        scores = _checked_scores(entry)
        self.remove(entry.org_key, entry.model_id)
        # A private copy of the scores: removal must find exactly what was inserted even
        # if the caller reuses its dictionary.
        self._entries[(entry.org_key, entry.model_id)] = entry._replace(scores=dict(scores))
        for key, score in _keys_of(entry, scores):
            self._insert(key, score)

    def remove(self, org_key: Hashable, model_id: str) -> bool:
        """Take an organization out of a model's groups (opt-out, deletion); False if it was not in."""
        entry = self._entries.pop((org_key, model_id), None)
        if entry is None:
            return False
        for key, score in _keys_of(entry, _checked_scores(entry)):
            scores = self._groups[key]
            del scores[bisect_left(scores, score)]
            if not scores:
                del self._groups[key]
        return True

    def _insert(self, key: _Key, score: float) -> None:
        scores = self._groups.get(key)
        if scores is None:
            self._groups[key] = [score]
        else:
            insort(scores, score)

    def __len__(self) -> int:
        """The number of (organization, model) entries."""
        return len(self._entries)

    def __contains__(self, ident: object) -> bool:
        """Whether an (org_key, model_id) pair has an entry."""
        return ident in self._entries

    def entries(self) -> Iterator[PeerEntry]:
        """The current entries (for export and checks), with their stated scores only."""
        return iter(self._entries.values())

    def distribution(self, key: GroupKey) -> ScoreDistribution:
        """The group's scores (empty if no organization matches); a live view, see the class."""
        return ScoreDistribution.presorted(self._groups.get(key, []))

    def size(self, key: GroupKey) -> int:
        """Members of the group (0 if none)."""
        return len(self._groups.get(key, ()))

    def visibility(self, key: GroupKey, policy: PrivacyPolicy | None = None) -> GroupVisibility:
        """Whether the group may be shown under `policy` (see ``visibility_of``)."""
        return visibility_of(key, self.size, policy)

    def sizes(self, model_id: str | None = None) -> dict[GroupKey, int]:
        """Members per non-empty group (of one model, if given): what the privacy rules need."""
        return {
            GroupKey(*key): len(scores)
            for key, scores in self._groups.items()
            if model_id is None or key[0] == model_id
        }


def _checked_scores(entry: PeerEntry) -> list[tuple[str, float]]:
    """(dimension, score) pairs of the entry's stated scores, each checked to be 0-100."""
    out = []
    for dimension, score in entry.scores.items():
        if score is None:
            continue
        try:
            out.append((dimension, check_score(score)))
        except ValueError as error:
            raise ValueError(
                f"organization {entry.org_key!r}, model {entry.model_id!r}, {dimension}: {error}"
            ) from None
    return out


def _keys_of(entry: PeerEntry, scores: list[tuple[str, float]]) -> Iterator[tuple[_Key, float]]:
    """Every (group key, score) pair the entry contributes."""
    wider = wider_filters((entry.industry, entry.region, entry.size))
    for dimension, score in scores:
        for industry, region, size in wider:
            yield (entry.model_id, dimension, industry, region, size), score

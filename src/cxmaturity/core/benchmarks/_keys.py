"""Peer group keys: a model, a dimension (or the overall score) and optional filters."""

from __future__ import annotations

from itertools import product
from typing import NamedTuple

OVERALL = "overall"
"""The dimension name of the overall score in group keys, entries and exchange files."""

Filters = tuple[str | None, str | None, str | None]


class GroupKey(NamedTuple):
    """Which peers to compare with: model, dimension (or OVERALL) and optional filters."""

    model_id: str
    dimension: str
    industry: str | None = None
    region: str | None = None
    size: str | None = None

    @property
    def filter_count(self) -> int:
        """How many of industry, region and size are set (0-3)."""
        return (self.industry is not None) + (self.region is not None) + (self.size is not None)

    def parents(self) -> list[GroupKey]:
        """The wider groups with one filter fewer: the groups this one could be subtracted from."""
        out = []
        if self.industry is not None:
            out.append(self._replace(industry=None))
        if self.region is not None:
            out.append(self._replace(region=None))
        if self.size is not None:
            out.append(self._replace(size=None))
        return out

    def ancestors(self) -> list[GroupKey]:
        """Every strictly wider group of the same model and dimension (up to 7), widest first."""
        wider = [
            GroupKey(self.model_id, self.dimension, *filters)
            for filters in wider_filters((self.industry, self.region, self.size))
        ]
        wider.remove(self)
        return sorted(wider, key=lambda key: key.filter_count)


def wider_filters(filters: Filters) -> list[Filters]:
    """Every combination of keeping or dropping each stated filter (itself included)."""
    options = [(value, None) if value is not None else (None,) for value in filters]
    return [(i, r, s) for i, r, s in product(*options)]

"""Which peer groups may be shown: a minimum size, and no group derivable by subtraction.

The rules, applied to the sizes of all groups of a model and dimension at once (so
every viewer sees the same decision for the same data):

1. Minimum size. A group with fewer than `min_size` members (default 5, never
   below 3) is not shown.
2. Complementary suppression. Groups are decided widest first. A group is not
   shown if, for any wider group already shown (every group with a subset of its
   filters: its parents with one filter fewer, and their parents), the difference
   in members is between 1 and `min_size - 1`. Showing both would let anyone
   subtract one distribution from the other ("retail" n=12 minus "retail + europe"
   n=10 leaves the 2 retailers outside Europe). The narrower group is the one
   suppressed, because the wider one is the better comparison for most people. A
   difference of 0 is fine: the two groups are the same organizations.

What this guarantees: for any two shown groups of the same model and dimension where
one's filters include the other's, their difference is empty or has at least
`min_size` members; no shown group is smaller than `min_size`.

What it does not guarantee:

* Differences of more than two groups: "all" minus "retail" minus "finance" minus
  "telco" isolates the other industries; sibling groups ("retail + europe" and
  "retail + asia") subtracted from "retail" isolate retailers with no stated region.
  Such combinations can have fewer than `min_size` members.
* Differencing over time: figures change when one organization completes or
  withdraws an assessment, so comparing a view before and after can reveal that
  organization's score. Recomputing on a schedule (not on every result) and
  showing rounded figures blunts this; the rules here do not.
* The viewer's own organization is a member of its group: in a group of 5, it
  learns about the other 4 only.
* Sizes of hidden groups: the reasons below carry them for logs and tests; a page
  must say only "not enough peers to compare", never the size or the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from ._keys import GroupKey

MIN_ALLOWED_GROUP_SIZE = 3
DEFAULT_MIN_GROUP_SIZE = 5


class GroupTooSmallError(ValueError):
    """A figure was asked of a peer group too small to be shown."""


@dataclass(frozen=True, slots=True)
class PrivacyPolicy:
    """The minimum size of a shown peer group (default 5; a ValueError below 3)."""

    min_size: int = DEFAULT_MIN_GROUP_SIZE

    def __post_init__(self) -> None:
        if isinstance(self.min_size, bool) or not isinstance(self.min_size, int):
            raise ValueError(f"min_size must be a whole number, got {self.min_size!r}")
        if self.min_size < MIN_ALLOWED_GROUP_SIZE:
            raise ValueError(
                f"min_size={self.min_size} is too small: a peer group must have at least "
                f"{MIN_ALLOWED_GROUP_SIZE} members to be shown, otherwise each of two "
                "members could read the other's score from the figures"
            )

    def require_shown(self, size: int) -> None:
        """Refuse (GroupTooSmallError) a group below the minimum size."""
        if size < self.min_size:
            raise GroupTooSmallError(
                f"this peer group has fewer than {self.min_size} members and cannot be shown"
            )


@dataclass(frozen=True, slots=True)
class GroupVisibility:
    """Whether a group is shown and why not. `size` and `because_of` are for logs, not pages."""

    key: GroupKey
    size: int
    shown: bool
    reason: Literal["shown", "too_small", "derivable"]
    because_of: GroupKey | None = None


def group_visibility(
    sizes: Mapping[GroupKey, int], policy: PrivacyPolicy | None = None
) -> dict[GroupKey, GroupVisibility]:
    """The decision for every group in `sizes` (members per group; a missing group has 0).

    Pass the sizes of all groups of a model (``PeerIndex.sizes(model_id)``), not a
    selection: the decision for a group depends on its wider groups.
    """
    rules = policy or PrivacyPolicy()
    decided: dict[GroupKey, GroupVisibility] = {}
    for key in sizes:
        _decide(key, lambda k: sizes.get(k, 0), rules, decided)
    return {key: decided[key] for key in sizes}


def visibility_of(
    key: GroupKey, size_of: Callable[[GroupKey], int], policy: PrivacyPolicy | None = None
) -> GroupVisibility:
    """The decision for one group, from the sizes of it and its wider groups (at most 8 looked up).

    The same decision ``group_visibility`` makes for that group, at a request's cost:
    `size_of` is e.g. ``PeerIndex.size`` or a lookup in stored group sizes.
    """
    return _decide(key, size_of, policy or PrivacyPolicy(), {})


def _decide(
    key: GroupKey,
    size_of: Callable[[GroupKey], int],
    rules: PrivacyPolicy,
    decided: dict[GroupKey, GroupVisibility],
) -> GroupVisibility:
    """Decide `key` after its wider groups (memoized in `decided`)."""
    known = decided.get(key)
    if known is not None:
        return known
    size = size_of(key)
    verdict = GroupVisibility(key, size, True, "shown")
    if size < rules.min_size:
        verdict = GroupVisibility(key, size, False, "too_small")
    else:
        for wider in key.ancestors():  # widest first
            wider_verdict = _decide(wider, size_of, rules, decided)
            if wider_verdict.size < size:
                raise ValueError(
                    f"inconsistent sizes: {key} has {size} members, its wider group {wider}"
                    f" only {wider_verdict.size}"
                )
            if wider_verdict.shown and 0 < wider_verdict.size - size < rules.min_size:
                verdict = GroupVisibility(key, size, False, "derivable", wider)
                break
    decided[key] = verdict
    return verdict

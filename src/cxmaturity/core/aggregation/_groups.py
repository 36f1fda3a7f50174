"""Which department groups may be shown: the minimum group size and complementary suppression.

A group (a department or team; respondents without one form the group None) is shown
only with at least `min_group` members counted in the figure at hand. Hiding the small
groups is not enough: the campaign's total n and mean are always shown, so the hidden
groups' n and mean together follow by subtraction from the total. When the hidden
groups hold 1 to min_group − 1 respondents together, the smallest shown group (ties:
the group None first, then by name) is hidden too, and so on, until what is hidden together is either nobody or
at least min_group respondents. What subtraction then gives is the union of several
groups of at least min_group respondents, never a group smaller than that.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import TypeVar

MIN_GROUP = 3  # the smallest group ever shown; a campaign may ask for more, never less

K = TypeVar("K", bound=Hashable)


def check_min_group(min_group: int) -> int:
    """`min_group` itself if allowed; a ValueError saying why otherwise."""
    if isinstance(min_group, bool) or not isinstance(min_group, int):
        raise TypeError(f"min_group must be a whole number, got {min_group!r}")
    if min_group < MIN_GROUP:
        raise ValueError(
            f"min_group must be at least {MIN_GROUP}: a group of {min_group} respondents "
            "would expose individual answers"
        )
    return min_group


def shown_groups(counts: Mapping[K, int], min_group: int = MIN_GROUP) -> tuple[set[K], int]:
    """(groups that may be shown, respondents hidden together) for groups of these sizes.

    The hidden number is 0, at least `min_group`, or everyone (when no group is shown).
    """
    check_min_group(min_group)
    hidden = {key for key, n in counts.items() if 0 < n < min_group}
    hidden_n = sum(counts[key] for key in hidden)
    if 0 < hidden_n < min_group:
        candidates = sorted(
            ((key, n) for key, n in counts.items() if n > 0 and key not in hidden),
            key=lambda pair: (pair[1], pair[0] is not None, str(pair[0])),
        )
        for key, n in candidates:
            hidden.add(key)
            hidden_n += n
            if hidden_n >= min_group:
                break
    shown = {key for key, n in counts.items() if n > 0 and key not in hidden}
    return shown, hidden_n

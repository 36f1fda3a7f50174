"""What a report is made from: one scored result and the words around it.

`ReportData` is the one input of every renderer. The CLI builds it from an answers file
(`cxm report FILE --model ID`); the web app builds it from a stored assessment (its
`Result.to_dict()`, model version, organization and answers). Neither database nor web
framework is needed to render it.

`plan`, `peers` and `campaign` come from the planning, benchmark and campaign features
(the web app fills them from its database; the CLI from a plan file or the planner).
They are read defensively: a report renders only what is present, so a key added later
shows up without breaking older callers.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cxmaturity.core.model import MaturityModel
from cxmaturity.core.scoring import Answers

MIN_PEER_GROUP = 5  # a peer group smaller than this is never shown (PRODUCT.md)
MIN_ALLOWED_GROUP = 3  # the least an installation may set (CXM_PEER_MIN_GROUP), as the core
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}){1,2}$")
_LOGO_TYPES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


class ReportError(ValueError):
    """The report cannot be made from what it was given (a bad logo, colour, table name)."""


@dataclass(frozen=True, slots=True)
class Organization:
    """Whose report it is: a name, and optionally a logo and a brand colour.

    `logo` is the image itself (PNG, JPEG, GIF or SVG bytes) or a path to one; it is
    embedded in the document, never linked. `colour` is a CSS hex colour (#1f5a96).
    """

    name: str
    logo: bytes | Path | None = None
    colour: str | None = None

    def __post_init__(self) -> None:
        if self.colour is not None and not _COLOUR.match(self.colour):
            raise ReportError(f"brand colour '{self.colour}' is not a hex colour like #1f5a96")

    def logo_image(self) -> tuple[str, bytes] | None:
        """(media type, bytes) of the logo, or None; a logo that is no image is an error."""
        if self.logo is None:
            return None
        if isinstance(self.logo, Path):
            try:
                data = self.logo.read_bytes()
            except OSError as exc:
                raise ReportError(f"cannot read the logo {self.logo}: {exc.strerror}") from exc
        else:
            data = self.logo
        for magic, media in _LOGO_TYPES:
            if data.startswith(magic):
                return media, data
        head = data[:512].lstrip().lower()
        if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
            return "image/svg+xml", data
        raise ReportError("the logo must be a PNG, JPEG, GIF or SVG image")


@dataclass(frozen=True, slots=True)
class AnswerSheet:
    """One respondent's answers as given (question id → answer) and their notes.

    Answers take the shapes of an answers file or of checked `Answers`: an option id, a
    list or set of option ids, a number, a boolean, `dont_know` / `not_applicable`, or
    for a use-case matrix item → facet → option id(s).
    """

    values: Mapping[str, Any]
    notes: Mapping[str, str] = field(default_factory=dict)
    respondent: str | None = None

    @classmethod
    def from_answers(cls, answers: Answers, respondent: str | None = None) -> AnswerSheet:
        return cls(dict(answers.values), dict(answers.notes), respondent)


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything a report shows. Only `result` and `model` are required.

    - `result`: `Result.to_dict()` of the assessment, with its explanation (scoring with
      `explain=True`); without one, the report leaves out how scores were computed.
    - `model`: the model version the result was scored on.
    - `completed`: when the assessment was completed (default: today); the next
      re-assessment is due `model.reassess_months` later.
    - `answers`: the answers appendix. Left out for anonymous campaigns, whatever is given.
    - `plan`: `priorities` [{title, action, dimension, stage, kind, effort, gain,
      challenge, recommendation, kpis: [str | {label, baseline, target, unit}], value,
      value_amount, currency, owner, due}], `targets` {dimension id: target score},
      `overall` {current, target, gap}, `phases` [{name, kind, items: [str]}],
      `task_force` [{role, person}], `kpis` [{id, label, unit, baseline, target}],
      `status` (approved | draft | suggested), `approved_on`, `title`, `source`,
      `horizon_months`, `reassess_months`, `notes`. `plan_report(document, model)` makes
      it from a plan's JSON document (`cxm plan --format json`, or the web app's
      `plan.json`); every key is optional.
    - `peers`: `group` (a label), `size`, `percentile`, `low` and `high` (its likely
      range), `confidence` (%), `quartile`, `median`, `min_size` (the smallest group the
      installation shows; never below MIN_ALLOWED_GROUP, default MIN_PEER_GROUP),
      `dimensions` {dimension id: {size, percentile, low, high, quartile, median}} and
      `distribution` [{label, score, size, bin_edges, counts, lower_quartile, median,
      upper_quartile}] (group-level figures for the distribution chart). A group (or a
      dimension's group) smaller than the minimum is never shown, whatever is given.
    - `campaign` (provisional): `name`, `respondents`, `anonymous`, `questions`
      {question id: {spread, consensus, note}}, `dimensions` {dimension id: {spread,
      agreement, note}}.
    """

    result: Mapping[str, Any]
    model: MaturityModel
    completed: date | None = None
    organization: Organization | None = None
    answers: AnswerSheet | None = None
    plan: Mapping[str, Any] | None = None
    peers: Mapping[str, Any] | None = None
    campaign: Mapping[str, Any] | None = None

    @property
    def completed_on(self) -> date:
        return self.completed or date.today()

    @property
    def next_assessment(self) -> date:
        """The completion date plus the model's re-assessment interval."""
        return add_months(self.completed_on, self.model.reassess_months)

    @property
    def anonymous(self) -> bool:
        return bool(self.campaign and self.campaign.get("anonymous"))

    @property
    def shown_answers(self) -> AnswerSheet | None:
        """The answers a report may show: none of an anonymous campaign's respondents."""
        return None if self.anonymous else self.answers

    @property
    def peer_minimum(self) -> int:
        """The smallest peer group shown: the installation's minimum, else MIN_PEER_GROUP."""
        given = (self.peers or {}).get("min_size")
        if isinstance(given, int) and not isinstance(given, bool):
            return max(given, MIN_ALLOWED_GROUP)
        return MIN_PEER_GROUP

    @property
    def shown_peers(self) -> Mapping[str, Any] | None:
        """The peer comparison, unless its group is too small to be shown; a dimension
        whose own group is too small is left out of it."""
        if not self.peers:
            return None
        minimum = self.peer_minimum
        if not _big_enough(self.peers.get("size"), minimum):
            return None
        dimensions = self.peers.get("dimensions")
        kept = {
            k: v
            for k, v in (dimensions.items() if isinstance(dimensions, Mapping) else ())
            if isinstance(v, Mapping) and ("size" not in v or _big_enough(v["size"], minimum))
        }
        distribution = [
            row
            for row in self.peers.get("distribution") or []
            if isinstance(row, Mapping) and _big_enough(row.get("size"), minimum)
        ]
        return {**self.peers, "dimensions": kept, "distribution": distribution}


def _big_enough(size: Any, minimum: int) -> bool:
    return isinstance(size, int) and not isinstance(size, bool) and size >= minimum


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

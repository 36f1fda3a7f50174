"""The anonymized benchmark exchange format (CSV), its writer and its all-or-nothing reader.

One row per score, nothing else::

    model,model_version,dimension,industry,region,size,score
    cx-automation,1.0,journey,retail,europe,250-999,41.25

`dimension` is a dimension id or ``overall``; `industry`, `region` and `size` may be
empty (not stated, or coarsened for privacy, see below); `score` is 0-100. There is
no organization column and rows are sorted by attributes then score, so rows of one
organization cannot be told apart from others or linked across dimensions.

Attributes are what could single an organization out (the only large European
retailer), so ``anonymize_for_exchange`` coarsens them until every exported
combination of (model, dimension, industry, region, size) has at least `min_size`
rows: it keeps all three where the cell is large enough, else drops size, then
region, then industry; scores that would still sit in a smaller set are withheld
and counted.

Rows are numbered as in a spreadsheet: the header is row 1, the first score row 2.
A reader error names the row and the column; any error means nothing is returned.
"""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

from ._distribution import SCORE_MAX, SCORE_MIN, check_score
from ._groups import PeerEntry
from ._keys import OVERALL
from ._privacy import PrivacyPolicy

EXCHANGE_COLUMNS = ("model", "model_version", "dimension", "industry", "region", "size", "score")
MAX_PROBLEMS = 50
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SIZE = re.compile(r"^[A-Za-z0-9+<>=._ -]{1,40}$")
_Cell = tuple[str | None, str | None, str | None]
_VERSION = re.compile(r"^[A-Za-z0-9+._-]{1,40}$")


@dataclass(frozen=True, slots=True)
class ExchangeRow:
    """One anonymized score: which model and dimension, which kind of organization, what score."""

    model_id: str
    model_version: str
    dimension: str
    industry: str | None
    region: str | None
    size: str | None
    score: float


@dataclass(frozen=True, slots=True)
class ExchangeProblem:
    """One thing wrong with an exchange file, where it is, and what was expected."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class ExchangeFormatError(ValueError):
    """The file was refused; `problems` lists every problem found (up to MAX_PROBLEMS)."""

    def __init__(self, problems: list[ExchangeProblem], truncated: bool = False) -> None:
        self.problems = tuple(problems)
        self.truncated = truncated
        more = f"\n(stopped after {len(problems)} problems)" if truncated else ""
        super().__init__("\n".join(str(p) for p in problems) + more)


@dataclass(frozen=True, slots=True)
class AnonymizedExport:
    """Rows safe to hand out, how many were coarsened, and how many were withheld."""

    rows: list[ExchangeRow]
    coarsened: int
    withheld: int


def write_exchange_csv(rows: Iterable[ExchangeRow]) -> Iterator[str]:
    """The CSV lines (header first, each ending in a newline) for `rows`, in the given order."""
    yield ",".join(EXCHANGE_COLUMNS) + "\n"
    for row in rows:
        yield _csv_line(
            [
                row.model_id,
                row.model_version,
                row.dimension,
                row.industry or "",
                row.region or "",
                row.size or "",
                repr(float(row.score)),
            ]
        )


def _csv_line(cells: list[str]) -> str:
    return ",".join(f'"{c}"' if any(ch in c for ch in ',"\n\r') else c for c in cells) + "\n"


def parse_exchange_csv(
    lines: Iterable[str],
    *,
    dimensions: Mapping[str, Collection[str]] | None = None,
) -> list[ExchangeRow]:
    """Every row of an exchange file, or ExchangeFormatError naming each problem's row and column.

    `dimensions` (model id → its dimension ids), if given, also checks that each row's
    model is installed and its dimension belongs to it. Blank lines are skipped.
    """
    reader = csv.reader(_without_bom(lines), strict=True)
    problems: list[ExchangeProblem] = []
    rows: list[ExchangeRow] = []
    number = 1  # the row being read, counted as a spreadsheet does (quoted newlines included)
    try:
        header = _read_header(reader, problems)
        if header is None:
            raise ExchangeFormatError(problems)
        number = 2
        for cells in reader:
            if cells and any(c.strip() for c in cells):
                row = _read_cells(number, header, cells, dimensions, problems)
                if row is not None:
                    rows.append(row)
                if len(problems) >= MAX_PROBLEMS:
                    raise ExchangeFormatError(problems, truncated=True)
            number += 1
    except csv.Error as error:
        problems.append(ExchangeProblem(number, None, f"not readable as CSV ({error})"))
    if problems:
        raise ExchangeFormatError(problems)
    return rows


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    """The lines, without the byte-order mark spreadsheet programs put before the header."""
    first = True
    for line in lines:
        yield line.removeprefix("\ufeff") if first else line
        first = False


def _read_header(reader: Iterator[list[str]], problems: list[ExchangeProblem]) -> list[str] | None:
    header = next(reader, None)
    expected = ", ".join(EXCHANGE_COLUMNS)
    if header is None:
        problems.append(
            ExchangeProblem(1, None, f"the file is empty; expected a header: {expected}")
        )
        return None
    names = [h.strip().lower() for h in header]
    missing = [c for c in EXCHANGE_COLUMNS if c not in names]
    unknown = [n for n in names if n not in EXCHANGE_COLUMNS]
    repeated = sorted({n for n in names if names.count(n) > 1})
    for name in missing:
        problems.append(ExchangeProblem(1, name, f"missing from the header (expected: {expected})"))
    for name in unknown:
        problems.append(ExchangeProblem(1, name or "''", f"unknown column (expected: {expected})"))
    for name in repeated:
        problems.append(ExchangeProblem(1, name, "appears more than once in the header"))
    return None if problems else names


def _read_cells(
    number: int,
    header: list[str],
    cells: list[str],
    dimensions: Mapping[str, Collection[str]] | None,
    problems: list[ExchangeProblem],
) -> ExchangeRow | None:
    """The row, or None after adding its problems (a wrong column count, or one per column)."""
    if len(cells) != len(EXCHANGE_COLUMNS):
        message = f"expected {len(EXCHANGE_COLUMNS)} columns, found {len(cells)}"
        problems.append(ExchangeProblem(number, None, message))
        return None
    found = len(problems)

    def problem(column: str, message: str) -> None:
        problems.append(ExchangeProblem(number, column, message))

    values = {name: cell.strip() for name, cell in zip(header, cells, strict=True)}
    model_id, version, dimension = values["model"], values["model_version"], values["dimension"]
    if not _ID.match(model_id):
        problem("model", f"{model_id!r} is not a model id (lower-case letters, digits, '-', '_')")
    elif dimensions is not None and model_id not in dimensions:
        problem(
            "model", f"{model_id!r} is not an installed model ({', '.join(sorted(dimensions))})"
        )
    if not _VERSION.match(version):
        problem("model_version", f"{version!r} is not a model version such as 1.0")
    if not _ID.match(dimension):
        problem("dimension", f"{dimension!r} is not a dimension id or {OVERALL!r}")
    elif dimensions is not None and model_id in dimensions:
        known = dimensions[model_id]
        if dimension != OVERALL and dimension not in known:
            problem(
                "dimension",
                f"{dimension!r} is not a dimension of {model_id} ({', '.join(sorted(known))},"
                f" {OVERALL})",
            )
    for column in ("industry", "region"):
        if values[column] and not _ID.match(values[column]):
            problem(
                column,
                f"{values[column]!r} is not an id (lower-case letters, digits, '-', '_') or empty",
            )
    if values["size"] and not _SIZE.match(values["size"]):
        problem("size", f"{values['size']!r} is not a company size such as 250-999 or empty")
    score = _number(values["score"])
    if score is None:
        problem(
            "score",
            f"{values['score']!r} is not a number between {SCORE_MIN:g} and {SCORE_MAX:g}",
        )
    if len(problems) > found or score is None:
        return None
    return ExchangeRow(
        model_id,
        version,
        dimension,
        values["industry"] or None,
        values["region"] or None,
        values["size"] or None,
        score,
    )


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    if not math.isfinite(value) or not SCORE_MIN <= value <= SCORE_MAX:
        return None
    return value


def anonymize_for_exchange(
    entries: Iterable[PeerEntry],
    versions: Mapping[str, str],
    *,
    policy: PrivacyPolicy | None = None,
) -> AnonymizedExport:
    """Exchange rows for `entries`, coarsened so no attribute combination has fewer than min_size.

    `versions` gives each model id's version for the rows (a KeyError names a missing
    one). Pass the same entries the peer groups hold: opted-in organizations, latest
    completed result per model.
    """
    min_size = (policy or PrivacyPolicy()).min_size
    pending: defaultdict[tuple[str, str], list[tuple[str | None, str | None, str | None, float]]]
    pending = defaultdict(list)  # (model, dimension) -> (industry, region, size, score)
    for entry in entries:
        for dimension, score in entry.scores.items():
            if score is not None:
                pending[(entry.model_id, dimension)].append(
                    (entry.industry, entry.region, entry.size, check_score(score))
                )
    rows: list[ExchangeRow] = []
    coarsened = withheld = 0
    for (model_id, dimension), records in pending.items():
        version = versions[model_id]
        for kept in (3, 2, 1, 0):  # keep industry, region, size; then drop size, region, industry
            cells: defaultdict[_Cell, list[float]] = defaultdict(list)
            for industry, region, size, score in records:
                attributes = (industry, region, size)[:kept] + (None,) * (3 - kept)
                cells[(attributes[0], attributes[1], attributes[2])].append(score)
            records = []
            for (industry, region, size), scores in cells.items():
                if len(scores) < min_size:
                    records.extend((industry, region, size, s) for s in scores)
                    continue
                coarsened += len(scores) if kept < 3 else 0
                rows.extend(
                    ExchangeRow(model_id, version, dimension, industry, region, size, s)
                    for s in scores
                )
        withheld += len(records)
    rows.sort(
        key=lambda r: (
            r.model_id,
            r.dimension,
            r.industry or "",
            r.region or "",
            r.size or "",
            r.score,
        )
    )
    return AnonymizedExport(rows, coarsened, withheld)


def exchange_entries(rows: Iterable[ExchangeRow], source: str = "import") -> Iterator[PeerEntry]:
    """Imported rows as peer entries: each row its own member (org_key = (source, n)).

    Rows are not linked across dimensions, so each is an entry with one score; remove
    an imported set by removing the keys with its `source`.
    """
    for n, row in enumerate(rows):
        yield PeerEntry(
            (source, n),
            row.model_id,
            row.industry,
            row.region,
            row.size,
            {row.dimension: row.score},
        )

"""Read answer files (YAML, JSON, JSON Lines, CSV, XLSX) into checked answers.

Every problem names its place: file and line for YAML/JSON, row and column
(letter and header) for spreadsheets, always with the question id.

A file is read in batches of raw rows (`read_batches`); checking a batch needs only the
answer reader, so batches of a large file can be checked in other processes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cxmaturity.core.model import parse_document
from cxmaturity.core.scoring import AnswerProblem, AnswerReader, Answers
from cxmaturity.core.scoring._answers import SheetReader

SPREADSHEETS = (".csv", ".xlsx")
DOCUMENTS = (".yaml", ".yml", ".json")
BATCH_ROWS = 1_000


@dataclass(frozen=True, slots=True)
class Record:
    """One respondent read from a file: answers, or the problems that stop them being scored."""

    label: str
    answers: Answers | None
    problems: tuple[str, ...]


class InputError(Exception):
    """The file as a whole cannot be read (missing, wrong format, no header)."""


def read_records(path: Path, reader: AnswerReader, industry: str | None) -> Iterator[Record]:
    """Every respondent of the file, checked, in file order."""
    for batch in read_batches(path, industry):
        yield from batch.records(reader)


def read_batches(path: Path, industry: str | None, size: int = BATCH_ROWS) -> Iterator[Batch]:
    """The file's respondents in batches of about `size`, in file order, not yet checked.

    Raises InputError (possibly after some batches) when the file as a whole is unreadable;
    a batch's `records` raises it too, for a CSV line the csv module refuses.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if suffix == ".csv":
        yield from _csv(path, industry, size)
    elif suffix == ".xlsx":
        yield from _xlsx(path, industry, size)
    elif suffix == ".jsonl":
        yield from _jsonl(path, industry, size)
    elif suffix in DOCUMENTS:
        yield _Document(path, industry)
    else:
        raise InputError(
            f"{path}: unsupported file type '{suffix}'; use .yaml, .json, .jsonl, .csv or .xlsx"
        )


@dataclass(frozen=True)
class Batch:
    """Some respondents of a file as read, before checking; small and picklable."""

    path: Path
    industry: str | None

    @property
    def size(self) -> int:
        """How many respondents (at most) the batch holds."""
        raise NotImplementedError

    def records(self, reader: AnswerReader) -> Iterator[Record]:
        """The batch's respondents, checked, in file order."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Document(Batch):
    """A YAML or JSON file: one respondent."""

    @property
    def size(self) -> int:
        return 1

    def records(self, reader: AnswerReader) -> Iterator[Record]:
        yield _document(self.path, reader, self.industry)


@dataclass(frozen=True)
class _JsonLines(Batch):
    """Lines of a JSON Lines file, with their line numbers; blank lines left out."""

    lines: list[tuple[int, bytes]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.lines)

    def records(self, reader: AnswerReader) -> Iterator[Record]:
        for number, line in self.lines:
            yield _json_line(self.path, number, line, reader, self.industry)


@dataclass(frozen=True)
class _SheetRows(Batch):
    """Spreadsheet rows already split into cells, with their row numbers; blank rows left out."""

    header: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.rows)

    def records(self, reader: AnswerReader) -> Iterator[Record]:
        sheet = reader.sheet(self.header)
        for number, cells in self.rows:
            yield _row(self.path, number, self.header, cells, sheet, self.industry)


@dataclass(frozen=True)
class _CsvText(Batch):
    """Whole lines of a CSV file without quotes, where a line is a row; `first` is its number.

    Splitting such text needs no CSV parsing, so a large file is parsed where it is checked.
    """

    header: list[str] = field(default_factory=list)
    text: str = ""
    first: int = 2

    @property
    def size(self) -> int:
        return self.text.count("\n") + (not self.text.endswith("\n"))

    def records(self, reader: AnswerReader) -> Iterator[Record]:
        sheet = reader.sheet(self.header)
        number = self.first - 1
        try:
            for row in self._rows():
                number += 1
                if "".join(row).strip():  # not a blank row
                    yield _row(self.path, number, self.header, row, sheet, self.industry)
        except csv.Error as exc:
            raise InputError(f"{self.path}: row {number}: not readable as CSV ({exc})") from exc

    def _rows(self) -> Iterator[list[str]]:
        """The rows as the csv module reads them; for lines without quotes that is a split
        at commas, several times faster. Lines it would refuse go to the csv module."""
        if "\0" in self.text:
            yield from csv.reader(io.StringIO(self.text, newline=""))
            return
        limit = csv.field_size_limit()
        lines = self.text.split("\n")
        if lines[-1] == "":
            lines.pop()  # the end of the last line, not a line
        for line in lines:
            if line.endswith("\r"):
                line = line[:-1]
            if len(line) > limit:
                yield next(csv.reader([line]))
            elif line:
                yield line.split(",")
            else:
                yield []


def _document(path: Path, reader: AnswerReader, industry: str | None) -> Record:
    text = _text(path)
    data, positions, syntax = parse_document(text, str(path))
    if syntax:
        return Record(str(path), None, tuple(str(p) for p in syntax))
    if not isinstance(data, dict):
        return Record(
            str(path), None, (f"{path}:1:1: expected a mapping with 'answers' (and 'industry')",)
        )

    def where(problem: AnswerProblem) -> str:
        answers = data.get("answers")
        top_level = problem.field in data and not (
            isinstance(answers, dict) and problem.field in answers
        )
        parts: tuple[str | int, ...] = (
            (problem.field,)
            if top_level or problem.field in ("industry", "region", "size", "answers")
            else ("answers", *problem.field.split("."))
        )
        for end in range(len(parts), 0, -1):
            if parts[:end] in positions:
                line, column = positions[parts[:end]]
                return f"{path}:{line}:{column}: {problem}"
        return f"{path}: {problem}"

    return _record(str(path), data, reader, industry, where)


def _jsonl(path: Path, industry: str | None, size: int) -> Iterator[Batch]:
    lines: list[tuple[int, bytes]] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                lines.append((number, line))
            if len(lines) == size:
                yield _JsonLines(path, industry, lines)
                lines = []
    if lines:
        yield _JsonLines(path, industry, lines)


def _json_line(
    path: Path, number: int, line: bytes, reader: AnswerReader, industry: str | None
) -> Record:
    label = f"{path}:{number}"
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return Record(label, None, (f"{label}: not valid JSON: {exc}",))
    if not isinstance(data, dict):
        return Record(label, None, (f"{label}: expected a JSON object with 'answers'",))
    return _record(label, data, reader, industry, lambda p: f"{label}: {p}")


def _record(
    label: str, data: Mapping[str, Any], reader: AnswerReader, industry: str | None, where: Any
) -> Record:
    if industry and not data.get("industry"):
        data = {**data, "industry": industry}
    problems: list[AnswerProblem] = []
    context = reader.context(data, problems)
    unknown = [
        k
        for k in data
        if k not in ("respondent", "industry", "region", "size", "answers", "notes", "model")
    ]
    problems += [
        AnswerProblem(str(k), f"unknown key '{k}'; expected answers, industry, region, size, notes")
        for k in unknown
    ]
    raw = data.get("answers")
    if not isinstance(raw, Mapping):
        problems.append(AnswerProblem("answers", "expected a mapping of question id to answer"))
        return Record(str(data.get("respondent") or label), None, tuple(where(p) for p in problems))
    answers, more = reader.read(raw, context)
    problems += more
    name = str(data.get("respondent") or label)
    if problems:
        return Record(name, None, tuple(where(p) for p in problems))
    notes = data.get("notes")
    if isinstance(notes, Mapping):
        answers = Answers(
            answers.values, answers.context, {str(k): str(v) for k, v in notes.items()}
        )
    return Record(name, answers, ())


def _csv(path: Path, industry: str | None, size: int) -> Iterator[Batch]:
    text = _text(path)
    if '"' in text or text.count("\r") != text.count("\r\n"):
        # quoted cells may hold line breaks: only the csv module knows where rows end
        yield from _csv_rows(path, text, industry, size)
        return
    start = text.find("\n") + 1 or len(text)
    header = _csv_header(path, csv.reader(io.StringIO(text[:start], newline="")))
    first = 2
    while start < len(text):
        end = start
        for _ in range(size):
            end = text.find("\n", end) + 1
            if not end:
                end = len(text)
                break
        batch = _CsvText(path, industry, header, text[start:end], first)
        first += batch.size
        start = end
        yield batch


def _csv_rows(path: Path, text: str, industry: str | None, size: int) -> Iterator[Batch]:
    rows = csv.reader(io.StringIO(text, newline=""))
    header = _csv_header(path, rows)
    number = 1
    batch: list[tuple[int, list[str]]] = []
    try:
        for row in rows:
            number += 1
            if "".join(row).strip():  # not a blank row
                batch.append((number, row))
            if len(batch) == size:
                yield _SheetRows(path, industry, header, batch)
                batch = []
    except csv.Error as exc:
        raise InputError(f"{path}: row {number}: not readable as CSV ({exc})") from exc
    if batch:
        yield _SheetRows(path, industry, header, batch)


def _csv_header(path: Path, rows: Iterator[list[str]]) -> list[str]:
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise InputError(f"{path}: row 1: not readable as CSV ({exc})") from exc
    if not header:
        raise InputError(f"{path}: the file is empty; the first row must hold question ids")
    return [h.strip().lstrip("\ufeff") for h in header]


def _xlsx(path: Path, industry: str | None, size: int) -> Iterator[Batch]:
    from openpyxl import load_workbook  # here: openpyxl takes 0.25 s to import

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputError(
            f"{path}: not a readable XLSX workbook ({exc.__class__.__name__})"
        ) from exc
    sheet = book["answers"] if "answers" in book.sheetnames else book.worksheets[0]
    try:
        rows = sheet.iter_rows(values_only=True)
        first = next(rows, None)
        header = [str(h).strip() if h is not None else "" for h in first or ()]
        if not any(header):
            raise InputError(
                f"{path}: the first row of sheet '{sheet.title}' is empty; it must hold question ids"
            )
        batch: list[tuple[int, list[str]]] = []
        for number, values in enumerate(rows, 2):
            cells = [_cell(v) for v in values]
            if any(cells):
                batch.append((number, cells))
            if len(batch) == size:
                yield _SheetRows(path, industry, header, batch)
                batch = []
        if batch:
            yield _SheetRows(path, industry, header, batch)
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read, not when opened
        raise InputError(
            f"{path}: the workbook is damaged ({exc.__class__.__name__}: {exc})"
        ) from exc
    finally:
        book.close()


def _row(
    path: Path,
    number: int,
    header: list[str],
    cells: list[str],
    sheet: SheetReader,
    industry: str | None,
) -> Record:
    problems: list[str] = []
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        problems.append(f"{path}: row {number}: more cells than header columns")
    answers, found = sheet.read(cells, industry)
    for problem in found:
        index = _column_of(problem.field, header)
        place = f"column {_column_letter(index)}" if index is not None else "no column"
        problems.append(f"{path}: row {number}, {place}: {problem}")
    label = sheet.respondent(cells) or f"{path.name}:{number}"
    return Record(label, None if problems else answers, tuple(problems))


def _column_letter(index: int) -> str:
    """A spreadsheet's name for the column at `index` (0 is A)."""
    from openpyxl.utils import get_column_letter  # here: openpyxl takes 0.25 s to import

    return get_column_letter(index + 1)


def _column_of(field: str, header: list[str]) -> int | None:
    if field in header:
        return header.index(field)
    return next((i for i, h in enumerate(header) if h.startswith(field + ".")), None)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror}") from exc

"""Read answer files (YAML, JSON, JSON Lines, CSV, XLSX) into checked answers.

Every problem names its place: file and line for YAML/JSON, row and column
(letter and header) for spreadsheets, always with the question id.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxmaturity.core.model import parse_document
from cxmaturity.core.scoring import AnswerProblem, AnswerReader, Answers

SPREADSHEETS = (".csv", ".xlsx")
DOCUMENTS = (".yaml", ".yml", ".json")


@dataclass(frozen=True, slots=True)
class Record:
    """One respondent read from a file: answers, or the problems that stop them being scored."""

    label: str
    answers: Answers | None
    problems: tuple[str, ...]


class InputError(Exception):
    """The file as a whole cannot be read (missing, wrong format, no header)."""


def read_records(path: Path, reader: AnswerReader, industry: str | None) -> Iterator[Record]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if suffix == ".csv":
        yield from _csv(path, reader, industry)
    elif suffix == ".xlsx":
        yield from _xlsx(path, reader, industry)
    elif suffix == ".jsonl":
        yield from _jsonl(path, reader, industry)
    elif suffix in DOCUMENTS:
        yield _document(path, reader, industry)
    else:
        raise InputError(
            f"{path}: unsupported file type '{suffix}'; use .yaml, .json, .jsonl, .csv or .xlsx"
        )


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


def _jsonl(path: Path, reader: AnswerReader, industry: str | None) -> Iterator[Record]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            label = f"{path}:{number}"
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                yield Record(label, None, (f"{label}: not valid JSON: {exc}",))
                continue
            if not isinstance(data, dict):
                yield Record(label, None, (f"{label}: expected a JSON object with 'answers'",))
                continue
            yield _record(label, data, reader, industry, lambda p, label=label: f"{label}: {p}")


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


def _csv(path: Path, reader: AnswerReader, industry: str | None) -> Iterator[Record]:
    text = _text(path)
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise InputError(f"{path}: row 1: not readable as CSV ({exc})") from exc
    if not header:
        raise InputError(f"{path}: the file is empty; the first row must hold question ids")
    header = [h.strip().lstrip("\ufeff") for h in header]
    number = 1
    try:
        for row in rows:
            number += 1
            if any(cell.strip() for cell in row):
                yield _row(path, number, header, row, reader, industry)
    except csv.Error as exc:
        raise InputError(f"{path}: row {number}: not readable as CSV ({exc})") from exc


def _xlsx(path: Path, reader: AnswerReader, industry: str | None) -> Iterator[Record]:
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
        for number, values in enumerate(rows, 2):
            cells = [_cell(v) for v in values]
            if any(cells):
                yield _row(path, number, header, cells, reader, industry)
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
    reader: AnswerReader,
    industry: str | None,
) -> Record:
    problems: list[str] = []
    if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
        problems.append(f"{path}: row {number}: more cells than header columns")
    row = {name: cell for name, cell in zip(header, cells, strict=False) if name}
    if industry and not row.get("industry"):
        row["industry"] = industry
    answers, found = reader.read_row(row)
    for problem in found:
        index = _column_of(problem.field, header)
        place = f"column {get_column_letter(index + 1)}" if index is not None else "no column"
        problems.append(f"{path}: row {number}, {place}: {problem}")
    label = row.get("respondent") or f"{path.name}:{number}"
    return Record(label, None if problems else answers, tuple(problems))


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

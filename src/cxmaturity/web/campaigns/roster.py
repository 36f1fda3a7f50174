"""Respondent lists from CSV or XLSX: all rows are checked before any is imported.

A list with one bad row imports nothing; every problem names its row (the header is
row 1, as a spreadsheet shows it) and column, so it can be fixed in one pass.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

COLUMNS = ("name", "email", "department", "role")
REQUIRED = ("name", "email")
MAX_ROWS = 5000


@dataclass(frozen=True)
class RosterRow:
    row: int
    name: str
    email: str
    department: str
    role: str


class RosterError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def read_roster(filename: str, data: bytes, taken: set[str]) -> list[RosterRow]:
    """Check and return every row; `taken` holds e-mails already in the campaign."""
    rows = _xlsx_rows(data) if filename.lower().endswith(".xlsx") else _csv_rows(data)
    if not rows:
        raise RosterError(["the file is empty: expected a header row with name and email"])
    header = [str(h or "").strip().lower() for h in rows[0]]
    problems: list[str] = []
    for position, column in enumerate(header, start=1):
        if column and column not in COLUMNS:
            problems.append(
                f"row 1, column {position}: unknown column '{column}'; use {', '.join(COLUMNS)}"
            )
    problems += [f"row 1: the column '{c}' is missing" for c in REQUIRED if c not in header]
    if problems:
        raise RosterError(problems)
    if len(rows) - 1 > MAX_ROWS:
        raise RosterError([f"the file has {len(rows) - 1} rows; at most {MAX_ROWS} at once"])
    out: list[RosterRow] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(rows[1:], start=2):
        values = {
            column: str(cells[i] if i < len(cells) and cells[i] is not None else "").strip()
            for i, column in enumerate(header)
            if column
        }
        if not any(values.values()):
            continue  # a blank line between blocks is not an error
        email = values.get("email", "").lower()
        if not values.get("name"):
            problems.append(f"row {number}, column name: the name is empty")
        try:
            validate_email(email)
        except ValidationError:
            problems.append(
                f"row {number}, column email: '{values.get('email', '')}' is not an e-mail address"
            )
        else:
            if email in seen:
                problems.append(
                    f"row {number}, column email: {email} is already on row {seen[email]}"
                )
            elif email in taken:
                problems.append(f"row {number}, column email: {email} is already a respondent")
            seen.setdefault(email, number)
        for column in ("department", "role"):
            if len(values.get(column, "")) > 100:
                problems.append(f"row {number}, column {column}: longer than 100 characters")
        out.append(
            RosterRow(
                number,
                values.get("name", "")[:200],
                email,
                values.get("department", ""),
                values.get("role", ""),
            )
        )
    if problems:
        raise RosterError(problems)
    if not out:
        raise RosterError(["the file has a header but no respondents"])
    return out


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(
            [f"the file is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8"]
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise RosterError(
            [f"the file is not a readable XLSX workbook ({exc.__class__.__name__})"]
        ) from exc
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows

"""The report's tables as XLSX, CSV and JSON (see _tables for the tables themselves).

CSV: `--format csv` writes a zip archive holding one CSV file per table (summary.csv,
dimensions.csv, …), because CSV has one table per file; `--table NAME` writes that one
table as a plain CSV file instead. Files are UTF-8 with a header row, comma-separated,
dates as ISO 8601, empty cells for missing values.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date
from typing import Any

import orjson
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ._content import Content
from ._data import ReportData, ReportError
from ._tables import TABLES, Cell, Table, tables

MAX_WIDTH = 60  # characters: wider columns wrap in Excel rather than run off the screen
_ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # fixed timestamps: the same report, the same bytes


def render_xlsx(data: ReportData) -> bytes:
    """A workbook with one tidy sheet per table: header row frozen, typed cells."""
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for table in tables(data).values():
        sheet = book.create_sheet(table.name)
        sheet.append(list(table.columns))
        for row in table.rows:
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for n, column in enumerate(table.columns, 1):
            width = max([len(column), *(len(_shown(r[n - 1])) for r in table.rows)])
            sheet.column_dimensions[get_column_letter(n)].width = min(width + 2, MAX_WIDTH)
            if any(isinstance(r[n - 1], date) for r in table.rows):
                for (cell,) in sheet.iter_rows(min_row=2, min_col=n, max_col=n):
                    cell.number_format = "yyyy-mm-dd"
        if table.rows:
            sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return "yyyy-mm-dd"
    return str(value)


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def table_csv(table: Table) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue().encode("utf-8")


def render_csv(data: ReportData, table: str | None = None) -> bytes:
    """One table as CSV, or (without `table`) a zip archive of every table as CSV."""
    found = tables(data)
    if table is not None:
        if table not in found:
            have = ", ".join(found)
            hint = " (it exists only when a plan is given)" if table in TABLES else ""
            raise ReportError(f"no table '{table}' in this report{hint}; tables: {have}")
        return table_csv(found[table])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for t in found.values():
            info = zipfile.ZipInfo(f"{t.name}.csv", _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, table_csv(t))
    return out.getvalue()


def report_json(data: ReportData) -> dict[str, Any]:
    """The result, the model it was scored on, and the same tables as lists of records."""
    content = Content(data)
    return {
        "model": {
            "id": data.model.id,
            "version": data.model.version,
            "title": content.model_title,
        },
        "completed": data.completed_on.isoformat(),
        "next_assessment": data.next_assessment.isoformat(),
        "organization": data.organization.name if data.organization else None,
        "result": dict(data.result),
        "tables": {name: t.records() for name, t in tables(data, content).items()},
    }


def render_json(data: ReportData) -> bytes:
    return orjson.dumps(report_json(data), option=orjson.OPT_INDENT_2) + b"\n"

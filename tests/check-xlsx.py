#!/usr/bin/python3
# check-xlsx.py: compares an exported workbook with what the database holds (expected.json),
# reading it with openpyxl, a reader independent of libxlsxwriter.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import datetime
import json
import sys
import zipfile

import openpyxl

FORBIDDEN = set('[]:*?/\\')
problems = []


def fail(message):
    problems.append(message if len(message) < 400 else message[:400] + '…')


def text(value):
    if isinstance(value, datetime.datetime):
        return value.strftime('%Y-%m-%d')
    if isinstance(value, (int, float)):
        return str(int(value))
    return '' if value is None else value


ROW_MAX = 409.0
LINE = 15.0


def lines_at_least(value, width):
    # Fewer lines than any renderer wraps the text into: 1.25 characters per unit of width
    # is more than Calibri fits, and words are taken as if they could break anywhere.
    # A line break at the very end leaves an empty line: nothing is hidden if that one is cut.
    per_line = max(1, int(width * 1.25))
    value = value[:-1] if value.endswith('\n') else value
    return sum(max(1, -(-len(p) // per_line)) for p in value.split('\n'))


def check_heights(book):
    """No row is over Excel's limit, and no answer is taller than its row unless flagged."""
    for sheet in book.worksheets:
        for index, dimension in sheet.row_dimensions.items():
            if dimension.height is not None and dimension.height > ROW_MAX:
                fail(f'{sheet.title}!{index}: row of {dimension.height} pt')
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                if not isinstance(cell.value, str) or len(cell.value) < 200:
                    continue
                columns = [cell.column_letter]
                for merged in sheet.merged_cells.ranges:
                    if cell.coordinate in merged:
                        columns = [openpyxl.utils.get_column_letter(c)
                                   for c in range(merged.min_col, merged.max_col + 1)]
                width = sum(sheet.column_dimensions[c].width or 8.43 for c in columns)
                height = sheet.row_dimensions[cell.row].height or LINE
                needed = lines_at_least(cell.value, width) * LINE
                if needed > ROW_MAX and cell.comment is None:
                    fail(f'{sheet.title}!{cell.coordinate}: {len(cell.value)} characters need '
                         f'more than a row ({needed:.0f} pt at width {width}), unmarked')
                needed = min(ROW_MAX, needed)
                if height < needed and cell.comment is None:
                    fail(f'{sheet.title}!{cell.coordinate}: {len(cell.value)} characters need '
                         f'{needed:.0f} pt at width {width}, the row has {height}')


def main(path, expected_path):
    with open(expected_path, encoding='utf-8') as f:
        expected = json.load(f)
    book = openpyxl.load_workbook(path)

    # Sheet names: Excel's limits, unique regardless of case.
    names = book.sheetnames
    if len({n.casefold() for n in names}) != len(names):
        fail(f'sheet names not unique: {names}')
    for name in names:
        if len(name) > 31 or FORBIDDEN & set(name):
            fail(f'sheet name not allowed by Excel: {name!r}')

    matrix = book.worksheets[0]
    header = [text(c.value) for c in matrix[2]]
    # Unit, status, the first interview's date, mode, participants, roles and length, the
    # interviews held, the respondent check's two dates; then the questions.
    if header[10:] != expected['header']:
        fail(f'matrix header {header[10:]!r} != {expected["header"]!r}')
    question_row = [c.value for c in matrix[1] if c.value is not None]
    for question_text in expected['question_texts']:
        if question_text not in question_row:
            fail(f'question text missing from the first row: {question_text!r}')
    if matrix.freeze_panes != 'B3':
        fail(f'panes frozen at {matrix.freeze_panes}, expected B3')
    if not matrix.auto_filter.ref or not matrix.auto_filter.ref.startswith('A2:'):
        fail(f'autofilter {matrix.auto_filter.ref!r}')

    # Every cell of the matrix, character for character, and always a string.
    rows = expected['rows']
    n_cells = 0
    for r, row in enumerate(rows):
        for c, want in enumerate(row):
            cell = matrix.cell(row=r + 3, column=c + 1)
            got = text(cell.value)
            if len(want.encode('utf-16-le')) // 2 > 32767:
                # Split: the matrix keeps the first part and flags the cell.
                if not want.startswith(got) or len(got) == 0 or cell.comment is None:
                    fail(f'long answer at {cell.coordinate} not split and flagged')
                continue
            if got != want:
                fail(f'{cell.coordinate}: {got!r} != {want!r}')
            if c in (2, 8, 9) and want:
                if not isinstance(cell.value, datetime.datetime) or not cell.is_date:
                    fail(f'{cell.coordinate}: date {cell.value!r} not a date cell')
                continue
            if c in (4, 6, 7) and want:
                if cell.data_type != 'n':
                    fail(f'{cell.coordinate}: count {cell.value!r} not a number')
                continue
            if want and cell.data_type != 's':
                fail(f'{cell.coordinate} is of type {cell.data_type!r}, not a string')
            n_cells += 1
    if matrix.max_row != len(rows) + 2:
        fail(f'matrix has {matrix.max_row - 2} unit rows, database {len(rows)}')

    # The formula-looking answer stays text, in the matrix and in the file itself.
    formula_cells = [c for row in matrix.iter_rows() for c in row if c.value == '=SUM(A1)']
    if not formula_cells or any(c.data_type != 's' for c in formula_cells):
        fail('"=SUM(A1)" is not kept as a string')
    with zipfile.ZipFile(path) as archive:
        for member in archive.namelist():
            if member.startswith('xl/worksheets/') and b'<f>' in archive.read(member):
                fail(f'{member} contains a formula')
        charts = [m for m in archive.namelist() if m.startswith('xl/charts/chart')]
    if len(charts) != len(expected['summary']):
        fail(f'{len(charts)} charts, expected one per summary table ({len(expected["summary"])})')

    # Summary: count tables found by their titles; status last.
    summary = book.worksheets[1]
    column_a = [text(c.value) for c in summary['A']]
    for title, counts in expected['summary'].items():
        if title == 'status':
            starts = [i for i, v in enumerate(column_a) if v and
                      all(k in column_a[i:i + 12] for k in counts)]
            start = starts[-1] if starts else None
        else:
            start = column_a.index(title) if title in column_a else None
        if start is None:
            fail(f'summary table {title!r} missing')
            continue
        for label, count in counts.items():
            try:
                row = column_a.index(label, start) + 1
            except ValueError:
                fail(f'summary {title!r}: no row {label!r}')
                continue
            got = summary.cell(row=row, column=2).value
            if got != count:
                fail(f'summary {title!r} / {label!r}: {got!r} != {count}')

    # Every answer is whole in its question's sheet: the rows of a unit (the first, then
    # those marked as continued) joined give back the answer exactly.
    titles = expected['header']
    n_sheets_checked = 0
    for sheet in book.worksheets[2:-1]:
        title = text(sheet['A1'].value)
        if title not in titles:
            continue
        matrix_col = 10 + titles.index(title)
        header_row = [text(c.value) for c in sheet[2]]
        answer_col = next(i for i, h in enumerate(header_row) if h in ('Answer', 'Svar'))
        if any(header_row[answer_col + 1:]):
            fail(f'{sheet.title}: columns after the answer: {header_row[answer_col + 1:]}')
        parts = {}
        order = []
        for row in sheet.iter_rows(min_row=3):
            unit = text(row[2].value)
            base = unit
            for r in rows:
                if unit.startswith(r[0] + ' (') and unit != r[0]:
                    base = r[0]
            if base not in parts:
                order.append(base)
                parts[base] = []
            elif base == unit:
                fail(f'{sheet.title}: {unit} twice without being marked as continued')
            parts[base].append(text(row[answer_col].value))
        for r in rows:
            want = r[matrix_col]
            got = ''.join(parts.get(r[0], []))
            if got != want:
                fail(f'{sheet.title}: {r[0]}\'s answer not whole ({len(got)} of {len(want)} '
                     f'characters)')
        n_sheets_checked += 1
    if n_sheets_checked != len(expected['question_texts']):
        fail(f'{n_sheets_checked} question sheets checked of {len(expected["question_texts"])}')
    check_heights(book)

    # Printed: as wide as one page, the title above and the page number below, header rows
    # repeated, and landscape where the sheet is wide.
    for sheet in book.worksheets:
        if not sheet.sheet_properties.pageSetUpPr.fitToPage or \
                (sheet.page_setup.fitToWidth or 1) != 1 or sheet.page_setup.fitToHeight != 0:
            fail(f'{sheet.title}: not printed fit to the width of a page')
        if 'Region Dalarna' not in (sheet.oddHeader.center.text or ''):
            fail(f'{sheet.title}: page header {sheet.oddHeader.center.text!r}')
        footer = sheet.oddFooter.right.text or ''
        if footer not in ('Page &P of &N', 'Sida &P av &N'):
            fail(f'{sheet.title}: page footer {footer!r}')
    wide = [book.worksheets[0]] + [s for s in book.worksheets if text(s['A1'].value) in titles]
    for sheet in wide:
        if sheet.page_setup.orientation != 'landscape':
            fail(f'{sheet.title}: printed {sheet.page_setup.orientation}')
        if (sheet.print_title_rows or '').replace('$', '') != '1:2':
            fail(f'{sheet.title}: header rows repeated {sheet.print_title_rows!r}')

    # The about sheet names the region and counts the units.
    about = book.worksheets[-1]
    values = [c.value for row in about.iter_rows() for c in row if c.value is not None]
    if 'Region Dalarna' not in values or len(rows) not in values:
        fail(f'about sheet lacks region or unit count: {values[:20]}')

    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    print(f'{n_cells} matrix cells match; sheets: {names}')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])

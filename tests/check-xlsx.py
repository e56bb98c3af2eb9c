#!/usr/bin/python3
# check-xlsx.py: compares an exported workbook with what the database holds (expected.json),
# reading it with openpyxl, a reader independent of libxlsxwriter.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import sys
import zipfile

import openpyxl

FORBIDDEN = set('[]:*?/\\')
problems = []


def fail(message):
    problems.append(message)


def text(value):
    return '' if value is None else value


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
    if header[4:] != expected['header']:
        fail(f'matrix header {header[4:]!r} != {expected["header"]!r}')
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
            if len(want) > 32767:
                # Split: the matrix keeps the first part and flags the cell.
                if not want.startswith(got) or len(got) == 0 or cell.comment is None:
                    fail(f'long answer at {cell.coordinate} not split and flagged')
                continue
            if got != want:
                fail(f'{cell.coordinate}: {got!r} != {want!r}')
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

    # The over-long answer is whole in its long-form sheet, across continuation cells.
    found = False
    for sheet in book.worksheets[2:]:
        for row in sheet.iter_rows(min_row=3):
            if text(row[2].value) != expected['long_text_unit']:
                continue
            cells = [text(c.value) for c in row]
            answer_col = [text(c.value) for c in sheet[2]].index(
                next(h for h in (text(c.value) for c in sheet[2]) if h in ('Answer', 'Svar')))
            joined = ''.join(cells[answer_col:])
            if joined == expected['long_text']:
                found = True
    if not found:
        fail('the over-long answer is not whole in its long-form sheet')

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

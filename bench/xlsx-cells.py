#!/usr/bin/python3
# xlsx-cells.py: the cells of a workbook as lines bench-xlsx-floor writes again
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: xlsx-cells.py WORKBOOK.xlsx CELLS.txt
# One line "S<TAB>name" per sheet, then "<kind><TAB>row<TAB>column<TAB>value" per cell (kind n
# number, d date as a serial number, b boolean, s string with \\, \t and \n escaped), rows and
# columns from 0. Reading is not measured: the floor follows the app's workbook as it grows.

import datetime
import sys

import openpyxl

EPOCH = datetime.datetime(1899, 12, 30)


def escape(text):
    return text.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')


def main():
    workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
    with open(sys.argv[2], 'w', encoding='utf-8') as out:
        for sheet in workbook.worksheets:
            out.write(f'S\t{escape(sheet.title)}\n')
            for r, row in enumerate(sheet.iter_rows(values_only=True)):
                for c, value in enumerate(row):
                    if value is None or value == '':
                        continue
                    if isinstance(value, bool):
                        out.write(f'b\t{r}\t{c}\t{int(value)}\n')
                    elif isinstance(value, (int, float)):
                        out.write(f'n\t{r}\t{c}\t{value!r}\n')
                    elif isinstance(value, datetime.datetime):
                        serial = (value - EPOCH).total_seconds() / 86400
                        out.write(f'd\t{r}\t{c}\t{serial!r}\n')
                    elif isinstance(value, datetime.date):
                        serial = (datetime.datetime.combine(value, datetime.time()) - EPOCH).days
                        out.write(f'd\t{r}\t{c}\t{serial}\n')
                    else:
                        out.write(f's\t{r}\t{c}\t{escape(str(value))}\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# check-xlsx-libreoffice.py: converts a workbook to PDF with headless LibreOffice (its own
# profile and HOME, as in CI), checks the text, and renders the first page to PNG to look at.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import subprocess
import sys
import tempfile


def main(path, keep_prefix):
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home)
        profile = 'file://' + os.path.join(home, 'profile')
        result = subprocess.run(
            ['soffice', '-env:UserInstallation=' + profile, '--headless', '--norestore',
             '--convert-to', 'pdf', '--outdir', home, path],
            env=env, capture_output=True, text=True, timeout=180)
        pdf = os.path.join(home, os.path.splitext(os.path.basename(path))[0] + '.pdf')
        if result.returncode != 0 or not os.path.exists(pdf):
            print('LibreOffice failed:', result.stdout, result.stderr)
            sys.exit(1)
        text = subprocess.run(['pdftotext', '-f', '1', '-l', '1', pdf, '-'],
                              capture_output=True, text=True).stdout
        for word in ('Falun', 'Borlänge', 'Säter'):
            if word not in text:
                print(f'{word!r} not on the first page:\n{text[:2000]}')
                sys.exit(1)
        # Printed with the page number below, and long answers continued in marked rows.
        if 'Sida 1 av' not in text and 'Page 1 of' not in text:
            print(f'no page number on the first page:\n{text[-500:]}')
            sys.exit(1)
        everything = subprocess.run(['pdftotext', pdf, '-'], capture_output=True,
                                    text=True).stdout
        if '(forts.)' not in everything and '(continued)' not in everything:
            print('no answer is continued in a marked row')
            sys.exit(1)
        subprocess.run(['pdftoppm', '-f', '1', '-l', '1', '-r', '70', '-png', '-singlefile',
                        pdf, keep_prefix], check=True)
        shutil.copy(pdf, keep_prefix + '.pdf')
        print(f'converted; first page in {keep_prefix}.png')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])

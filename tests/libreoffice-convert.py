#!/usr/bin/python3
# libreoffice-convert.py: converts a file with headless LibreOffice in a throwaway profile and
# HOME (as in CI) and prints the path of the result.
# Usage: libreoffice-convert.py INPUT OUTDIR FILTER   e.g. FILTER 'csv:Text - txt - csv
# (StarCalc):59,34,76,1' for the first sheet as UTF-8 CSV separated by semicolons.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile


def main(path, outdir, convert_filter):
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, HOME=home)
        profile = 'file://' + os.path.join(home, 'profile')
        result = subprocess.run(
            ['soffice', '-env:UserInstallation=' + profile, '--headless', '--norestore',
             '--convert-to', convert_filter, '--outdir', outdir, path],
            env=env, capture_output=True, text=True, timeout=180)
    extension = convert_filter.split(':')[0]
    out = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + '.' + extension)
    if result.returncode != 0 or not os.path.exists(out):
        print('LibreOffice failed:', result.stdout, result.stderr, file=sys.stderr)
        sys.exit(1)
    print(out)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])

#!/usr/bin/python3
# test-open-errors.py: a database the app cannot open is explained in the window, with what to
# do, and left untouched.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import os
import sqlite3

from uppgui import App, TestFailure, find, import_example, run, temp_db


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def check(apps, path, advice):
    before = digest(path)
    app = App(path)
    apps.append(app)
    find(app, 'label', name='Could Not Open the Database')
    find(app, 'label', contains=advice)
    find(app, 'push button', contains='Open Another Database…')
    app.quit()
    if digest(path) != before:
        raise TestFailure(f'{os.path.basename(path)} was changed')


def test(apps):
    # Made by a newer version of the app.
    newer = temp_db()
    with sqlite3.connect(newer) as db:
        db.execute('CREATE TABLE future (x)')
        db.execute('PRAGMA user_version = 999')
    check(apps, newer, 'newer version of Uppföljning')

    # Not a database at all.
    garbage = temp_db()
    with open(garbage, 'wb') as f:
        f.write(b'This is not an SQLite database, just some text.\n' * 100)
    check(apps, garbage, 'not an Uppföljning database')

    # A database whose first pages read, whose answers' pages do not: the window opens it and
    # reads it whole after its first frame, then says it is damaged, having written nothing.
    damaged = temp_db()
    import_example(damaged)
    with sqlite3.connect(damaged) as db:
        db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    size = os.path.getsize(damaged)
    with open(damaged, 'r+b') as f:
        f.seek(size - 4 * 4096)
        f.write(b'\x5a' * 4 * 4096)
    check(apps, damaged, 'is damaged')


if __name__ == '__main__':
    run(test)

#!/usr/bin/python3
# test-autosave-full-disk.py: typing into the interview form on a full disk (issue 11): the
# form says "Not saved" with a banner saying why, the text stays in the field, and once there
# is room again the form saves it by itself. The database lives on a small tmpfs that the
# test fills; skipped (77) where mounting is not permitted.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile


from uppgui import (App, TestFailure, find, find_all, import_example, log, open_first_form,
                    run, saved_answer, set_text, text_of, wait_for)

SKIP = 77
# Larger than anything the -wal file could still hold from earlier writes.
LONG_ANSWER = 'Styrgruppen träffas varannan månad och IBM startade i mars. ' * 6000


def mount_tmpfs(folder):
    return subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=3m,mode=0700', 'tmpfs', folder],
                          capture_output=True).returncode == 0


def fill(folder):
    with open(os.path.join(folder, 'filler'), 'wb', buffering=0) as f:
        for size in (65536, 4096, 1):
            try:
                while True:
                    f.write(b'\0' * size)
            except OSError:
                pass


def test(apps, folder):
    db = os.path.join(folder, 'test.db')
    round_id = import_example(db)
    app = App(db)
    apps.append(app)

    form = open_first_form(app)
    unit = 'Falun'
    find(form, 'label', name=unit)
    answer = find(form, 'text', name='Answer to question 1')

    fill(folder)
    set_text(answer, LONG_ANSWER)
    find(form, 'label', name='Not saved', timeout=10)
    # A banner says why, as long as the text is not on disk.
    find(form, 'label', contains='Not saved: The disk is full')
    if text_of(answer) != LONG_ANSWER:
        raise TestFailure('the text that could not be saved is no longer in the form')
    if saved_answer(db, round_id, unit, 'agreement') == LONG_ANSWER:
        raise TestFailure('the answer is in the database although the disk is full')

    # Room again: the form tries by itself, without another keystroke.
    os.unlink(os.path.join(folder, 'filler'))
    find(form, 'label', name='Saved', timeout=15)
    wait_for('the banner to go once saved',
             lambda: not find_all(form, 'label', contains='Not saved: The disk is full'),
             timeout=10)
    wait_for('the answer in the database',
             lambda: saved_answer(db, round_id, unit, 'agreement') == LONG_ANSWER, timeout=5)
    app.quit()
    if saved_answer(db, round_id, unit, 'agreement') != LONG_ANSWER:
        raise TestFailure('the answer was lost at quit')


def main():
    if os.geteuid() != 0:
        log('skipped: mounting a tmpfs needs root')
        return SKIP
    folder = tempfile.mkdtemp(prefix='upp-gui-full-')
    if not mount_tmpfs(folder):
        os.rmdir(folder)
        log('skipped: mounting a tmpfs is not permitted here')
        return SKIP
    try:
        run(lambda apps: test(apps, folder))
    finally:
        subprocess.run(['umount', '-l', folder])
        os.rmdir(folder)
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# test-autosave.py: typing without a pause is saved at least once a second (issue 11): type
# into an answer a key every 150 ms for 5 s, kill -9 the app at once, and find in the
# database everything typed up to a second before the kill.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import time

import pyatspi

from uppgui import (App, TestFailure, find, import_example, log, open_first_form, run,
                    saved_answer, set_text, temp_db, wait_for)

KEY_INTERVAL = 0.150
TYPING_TIME = 5.0
# Distinct characters, so the saved text tells exactly how far the typing had come.
TYPED = 'abcdefghijklmnopqrstuvwxyz0123456789'


def type_key(char):
    pyatspi.Registry.generateKeyboardEvent(ord(char), None, pyatspi.KEY_SYM)


def test(apps):
    db = temp_db()
    round_id = import_example(db)
    app = App(db)
    apps.append(app)

    form = open_first_form(app)
    unit = find(form, 'label', contains=' · 1 of ').parent
    unit = next(c.name for c in unit if c.getRoleName() == 'label' and ' · ' not in c.name)
    log(f'typing into {unit}')

    # The first answer has the focus when the form opens; start it empty and saved.
    answer = find(form, 'text', name='Answer to question 1')
    wait_for('the first answer to have the focus',
             lambda: answer.getState().contains(pyatspi.STATE_FOCUSED))
    set_text(answer, '')
    wait_for('the emptied answer to be saved',
             lambda: saved_answer(db, round_id, unit, 'agreement') == '', timeout=10)

    typed_at = []
    start = time.monotonic()
    i = 0
    while time.monotonic() - start < TYPING_TIME:
        type_key(TYPED[i % len(TYPED)])
        typed_at.append(time.monotonic())
        i += 1
        time.sleep(max(0.0, start + i * KEY_INTERVAL - time.monotonic()))
    killed_at = time.monotonic()
    os.kill(app.process.pid, 9)
    app.process.wait()
    typed = ''.join(TYPED[j % len(TYPED)] for j in range(len(typed_at)))

    saved = saved_answer(db, round_id, unit, 'agreement')
    must_have = sum(1 for t in typed_at if t < killed_at - 1.0)
    log(f'typed {len(typed)} characters in {killed_at - start:.1f} s; saved {len(saved)}: '
        f'“{saved}”; at least {must_have} must be saved')
    if not typed.startswith(saved):
        raise TestFailure(f'the saved text “{saved}” is not what was typed, “{typed}”')
    if len(saved) < must_have:
        raise TestFailure(f'only {len(saved)} of the {must_have} characters typed more than a '
                          f'second before the kill were saved: “{saved}”')


if __name__ == '__main__':
    run(test)

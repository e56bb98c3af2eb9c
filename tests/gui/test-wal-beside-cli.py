#!/usr/bin/python3
# test-wal-beside-cli.py: the app's file choosers list the database's own folder (GTK reads
# the first bytes of files it cannot type by name: the .db, -wal and -shm), then the CLI
# works on the same database. Before the fix, the chooser's close of those files dropped the
# app's SQLite locks; the CLI then deleted the -wal file the app still wrote into, and what
# the window had saved never reached the file. Now: the -wal the app holds is the one on
# disk, and no committed answer of either side is lost, even when the app is killed.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import time

import pyatspi

from uppgui import (App, TestFailure, children, cli, click, click_at, find, find_all, log,
                    press_combination, press_key, run, set_text, temp_db, wait_for)

EXAMPLE = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__) + '/..'),
                       'fixtures', 'dalarna.txt')


def held_files(pid):
    """What the process's descriptors point at, as /proc shows them ("… (deleted)")."""
    held = []
    folder = f'/proc/{pid}/fd'
    for name in os.listdir(folder):
        try:
            held.append((os.readlink(os.path.join(folder, name)),
                         os.stat(os.path.join(folder, name))))
        except OSError:
            continue
    return held


def check_wal_is_on_disk(app, db):
    """The app's -wal is the file on disk (same inode), not a deleted one."""
    wal = db + '-wal'
    held = held_files(app.process.pid)
    deleted = [target for target, _ in held if target.endswith(' (deleted)')]
    if deleted:
        raise TestFailure(f'the app writes into deleted files: {deleted}')
    if not os.path.exists(wal):
        raise TestFailure(f'{wal} is gone while the app has the database open')
    on_disk = os.stat(wal)
    ours = [info for target, info in held if target == wal]
    if not ours:
        raise TestFailure('the app holds no -wal file')
    if any((info.st_dev, info.st_ino) != (on_disk.st_dev, on_disk.st_ino) for info in ours):
        raise TestFailure('the -wal file the app holds is not the one on disk')


def answers_of(db, round_id, unit):
    shown = json.loads(cli('show', '--round', round_id, '--unit', unit, '--json', db=db))
    return {a['question']: a['text'] for u in shown['units'] for a in u['answers']}


def browse_and_cancel(app, open_chooser, title, db, navigate):
    """Opens a file chooser showing the database's folder, waits until it lists the
    database (so GTK has looked at every file there), and cancels it."""
    open_chooser()
    chooser = app.find_window(title)
    log(f'{title}: open')
    if navigate:
        time.sleep(0.5)
        type_path(os.path.dirname(db) + '/')
    # Its path bar names the folder; it lists the folder's files with their content types
    # (even those its filter hides) right after.
    name = os.path.basename(os.path.dirname(db))
    wait_for(f'the chooser to show the folder {name}',
             lambda: find_all(chooser, contains=name, showing_only=False))
    time.sleep(1.5)
    press_key('Escape')
    wait_for(f'“{title}” to close',
             lambda: all(w.name != title for w in children(app.accessible)))


def type_answer(form, question, text):
    answer = find(form, 'text', name=f'Answer to question {question}')
    set_text(answer, text)
    find(form, 'label', name='Saved')


def type_path(path):
    """Types a path into the chooser as a user does: "/" opens its location entry."""
    pyatspi.Registry.generateKeyboardEvent(0, path, pyatspi.KEY_STRING)
    press_key('Return')


def test(apps):
    db = temp_db()
    folder = os.path.dirname(db)
    cli('import', EXAMPLE, '--year', '2025', db=db)
    round_id = cli('rounds', db=db).split('\t')[0]

    os.chdir(folder)  # a save chooser without a folder of its own shows the working folder
    app = App(db)
    apps.append(app)

    find(app, 'list', name='Follow-up Rounds')
    press_key('Home')
    press_key('Return')

    # The window saves an answer: committed, sitting in the -wal file.
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'table row')
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    units = cli('show', '--round', round_id, db=db)
    unit = wait_for('the unit name',
                    lambda: next((label.name for label in find_all(form, 'label')
                                  if label.name and label.name in units), None))
    log(f'unit: {unit}')
    type_answer(form, 6, 'Från fönstret före filväljaren')

    # An open chooser taken to the database's folder, cancelled.
    def receive():
        click(find(form, 'push button', name='Main Menu'))
        click(find(app, 'menu item', name='Receive Answers from a Colleague…'))
    browse_and_cancel(app, receive, 'Import Exchange File', db, navigate=True)

    # Back on the round page (Alt+Left), a save chooser: it shows the working folder.
    press_combination('Alt_L', 'Left')
    round_page = find(app, 'filler', name='UppRoundPage')

    def export_excel():
        click(find(round_page, 'push button', name='Round Menu'))
        click(find(app, 'menu item', name='Export as Excel…'))
    browse_and_cancel(app, export_excel, 'Export to Excel', db, navigate=False)

    # Into the same unit's form again, with the mouse and the keyboard.
    click_at(find(app, 'label', name=unit))
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    find(form, 'label', name=unit)

    # The CLI beside the window: it opens, reads and closes the database, then writes.
    cli('rounds', db=db)
    check_wal_is_on_disk(app, db)
    cli('answer', '--round', round_id, '--unit', unit, '--question', 'challenges',
        '--text', 'Från CLI', db=db)
    check_wal_is_on_disk(app, db)

    # The window writes again, after the CLI: both must be in the file.
    type_answer(form, 5, 'Från fönstret efter CLI')
    check_wal_is_on_disk(app, db)
    expected = (('other', 'Från fönstret före filväljaren'),
                ('deviations', 'Från fönstret efter CLI'),
                ('challenges', 'Från CLI'))
    seen = answers_of(db, round_id, unit)
    for question, text in expected:
        if seen.get(question) != text:
            raise TestFailure(f'the CLI reads {question} = {seen.get(question)!r}, '
                              f'not {text!r}, while the app is open')

    # A crash now must cost nothing that either side committed.
    app.kill()
    seen = answers_of(db, round_id, unit)
    for question, text in expected:
        if seen.get(question) != text:
            raise TestFailure(f'after kill -9 the file has {question} = '
                              f'{seen.get(question)!r}, not {text!r}')


if __name__ == '__main__':
    run(test)

#!/usr/bin/python3
# test-exchange-send.py: "Send Answers to a Colleague…" with only two ticked units, and
# "Export Everything for Exchange…" with two rounds; the files are read back with the CLI
# into fresh databases.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import tempfile

import pyatspi

from uppgui import (App, TestFailure, children, cli, click, find, find_all, log, press_key,
                    run, set_text, temp_db, text_of, wait_for)

EXAMPLE = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__) + '/..'),
                       'fixtures', 'dalarna.txt')
SENT = ['Falun', 'Säter']


def frame_named(app, title):
    """A top-level window of the app by its title, whatever its role: GTK 4.8 shows its own
    file chooser (and window subclasses) as a "filler"."""
    def look():
        app.frames()  # looks the app up afresh
        for window in children(app.accessible):
            if (window.name or '') == title:
                return window
        return None
    return wait_for(f'a window titled “{title}”', look)


def is_sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def is_checked(node):
    return node.getState().contains(pyatspi.STATE_CHECKED)


def rounds_in(db):
    return [line.split('\t') for line in cli('rounds', db=db).strip().splitlines()]


def answered(unit):
    return sum(1 for answer in unit['answers'] if answer['text'] or answer['choices'])


def units_of(db, round_id):
    shown = json.loads(cli('show', '--round', round_id, '--json', db=db))
    return {unit['name']: unit for unit in shown['units']}


def save_in_chooser(app, title, folder, expect_in_name):
    """GTK's own file chooser (no portal under Xvfb): checks the name offered, then saves
    in folder under that name."""
    chooser = frame_named(app, title)
    name_entry = find(chooser, 'text', contains='Name')
    offered = wait_for('the name offered', lambda: text_of(name_entry))
    log(f'file name offered: {offered}')
    for part in expect_in_name:
        if part not in offered:
            raise TestFailure(f'the file name offered, “{offered}”, lacks “{part}”')
    path = os.path.join(folder, offered)
    set_text(name_entry, path)
    click(find(chooser, 'push button', contains='Export'))
    return path


def read_back(path):
    """Imports the exchange file into a fresh database, as the colleague does."""
    other = temp_db()
    cli('import', path, db=other)
    return other


def test_send_two_units(app, db, folder):
    round_id = next(fields[0] for fields in rounds_in(db) if fields[1] == '2025')
    expected = units_of(db, round_id)
    n_answers = sum(answered(expected[name]) for name in SENT)
    n_all = sum(answered(unit) for unit in expected.values())

    find(app, 'list', name='Follow-up Rounds')
    press_key('Home')
    press_key('Return')
    round_page = find(app, 'filler', name='UppRoundPage')
    click(find(round_page, 'push button', name='Round Menu'))
    click(find(app, 'menu item', name='Send Answers to a Colleague…'))

    dialog = frame_named(app, 'Send Answers to a Colleague')
    find(dialog, 'label', name=f'11 of 11 units · {n_all} answers')
    # A check box for each unit, and the switch that encrypts the file (off).
    def unit_boxes():
        return [box for box in find_all(dialog, 'check box', showing_only=False)
                if 'Passphrase' not in box.name]
    boxes = wait_for('11 check boxes', lambda: len(unit_boxes()) == 11 and unit_boxes())
    if not all(is_checked(box) for box in boxes):
        raise TestFailure('not every unit is ticked when the dialog opens')
    if is_checked(find(dialog, 'check box', name='Encrypt with a Passphrase')):
        raise TestFailure('the file is encrypted unless asked')

    click(find(dialog, 'push button', contains='Select None'))
    find(dialog, 'label', name='0 of 11 units · 0 answers')
    choose = find(dialog, 'push button', contains='Choose File…')
    wait_for('“Choose File…” insensitive with nothing ticked',
             lambda: not is_sensitive(choose))

    # Säter found by searching (case does not matter): "Select All" ticks only the units
    # found.
    search = find(dialog, 'entry', name='Search units')
    set_text(search, 'SÄT')
    click(find(dialog, 'push button', contains='Select All'))
    find(dialog, 'label', name=f'1 of 11 units · {answered(expected["Säter"])} answers')
    set_text(search, 'no such unit')
    find(dialog, 'label', name='No unit has that name')
    set_text(search, '')
    click(find(dialog, 'check box', contains='Falun'))
    find(dialog, 'label', name=f'2 of 11 units · {n_answers} answers')
    wait_for('“Choose File…” sensitive again', lambda: is_sensitive(choose))

    # Cancelling the file chooser keeps the dialog and the units ticked.
    click(choose)
    chooser = frame_named(app, 'Save Answers for a Colleague')
    click(find(chooser, 'push button', contains='Cancel'))
    wait_for('the file chooser closed',
             lambda: not any((window.name or '') == 'Save Answers for a Colleague'
                             for window in children(app.accessible)))
    find(dialog, 'label', name=f'2 of 11 units · {n_answers} answers')
    click(choose)

    path = save_in_chooser(app, 'Save Answers for a Colleague', folder,
                           ['Region Dalarna – Uppföljning LÖK 2025 – 2 units ', '.json'])
    find(app, 'label', contains='Saved “' + os.path.basename(path))
    if not os.path.exists(path):
        raise TestFailure(f'no file {path}')
    leftovers = [f for f in os.listdir(folder) if f != os.path.basename(path)]
    if leftovers:
        raise TestFailure(f'files left beside the export: {leftovers}')

    other = read_back(path)
    rounds = rounds_in(other)
    if len(rounds) != 1 or rounds[0][1] != '2025':
        raise TestFailure(f'the file holds the rounds {rounds}')
    got = units_of(other, rounds[0][0])
    if sorted(got) != sorted(SENT):
        raise TestFailure(f'the file holds the units {sorted(got)}, not {SENT}')
    for name in SENT:
        mine = {a['question']: (a['text'], a['choices']) for a in expected[name]['answers']}
        theirs = {a['question']: (a['text'], a['choices']) for a in got[name]['answers']}
        if mine != theirs:
            raise TestFailure(f'the answers of {name} differ after the exchange:\n'
                              f'{mine}\n{theirs}')
    if sum(answered(unit) for unit in got.values()) != n_answers:
        raise TestFailure('the file does not hold as many answers as the dialog said')


def export_everything(app, folder):
    click(find(app, 'push button', name='Main Menu'))
    click(find(app, 'menu item', name='Export Everything for Exchange…'))
    return save_in_chooser(app, 'Export Everything for Exchange', folder,
                           ['Follow-up – All Rounds – ', '.json'])


def test_export_everything(app, db, folder):
    # A folder nothing can be written to: one clear message, and no file.
    failed = export_everything(app, '/proc')
    message = wait_for('the message “Export Failed”',
                       lambda: next((frame for frame in app.frames()
                                     if find_all(frame, 'label', name='Export Failed')), None))
    find(message, 'label', contains='Could not write')
    if os.path.exists(failed):
        raise TestFailure(f'a failed export left {failed}')
    click(find(message, 'push button', contains='Close'))
    wait_for('the message closed', lambda: not any(find_all(frame, 'label', name='Export Failed')
                                                   for frame in app.frames()))

    path = export_everything(app, folder)
    find(app, 'label', contains='Saved “' + os.path.basename(path))

    with open(path, encoding='utf-8') as file:
        if json.load(file).get('device_name') != 'Kontorets dator':
            raise TestFailure('the file does not carry the computer’s name')

    other = read_back(path)
    years = sorted(fields[1] for fields in rounds_in(other))
    if years != ['2024', '2025']:
        raise TestFailure(f'the whole-database file holds the rounds of {years}')
    for fields in rounds_in(other):
        if fields[4] != '11':
            raise TestFailure(f'the {fields[1]} round came with {fields[4]} units, not 11')


def test(apps):
    db = temp_db()
    cli('import', '--year', '2024', EXAMPLE, db=db)
    cli('import', '--year', '2025', EXAMPLE, db=db)
    # Named beforehand, with the CLI: exports are not asked for the name (the asking is
    # tested in test-privacy-export.c).
    cli('device-name', 'Kontorets dator', db=db)
    app = App(db)
    apps.append(app)

    test_send_two_units(app, db, tempfile.mkdtemp(prefix='upp-send-'))
    test_export_everything(app, db, tempfile.mkdtemp(prefix='upp-all-'))
    app.quit()


if __name__ == '__main__':
    run(test)

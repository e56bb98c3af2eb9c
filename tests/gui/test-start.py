#!/usr/bin/python3
# test-start.py: the app starts on an empty temporary database, offers the example, opens it,
# and lists the round.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

from uppgui import (App, TestFailure, cli, click, find, find_all, press_key, run, temp_db,
                    wait_for)


def test(apps):
    db = temp_db()
    app = App(db)
    apps.append(app)

    rounds_page = find(app, 'filler', name='UppRoundsPage')
    find(rounds_page, 'label', contains='No Follow-up Rounds Yet')
    click(find(rounds_page, 'push button', contains='Open Example'))

    # The example round opens: its units, with Region Dalarna's groups as in the source.
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name='Mora, Orsa och Älvdalen')
    find(overview, 'label', name='Falun')
    find(overview, 'label', contains='of 11 answered')

    # Back to the round list, which now lists the round.
    round_page = find(app, 'filler', name='UppRoundPage')
    click(find(round_page, 'push button', name='Back to the Rounds'))
    rounds_list = find(rounds_page, 'list', name='Follow-up Rounds')
    row = find(rounds_list, 'filler', contains='Region Dalarna')
    if find_all(row, 'label', contains='of 11 answered') == []:
        raise TestFailure('the round row shows no progress “N of 11 answered”')

    # The first use of the day made the day's backup, readable by its owner only.
    backups = os.path.join(os.path.dirname(db), 'backups')
    daily = [name for name in os.listdir(backups) if '-daily-' in name]
    if len(daily) != 1:
        raise TestFailure(f'expected one daily backup in {backups}, found {os.listdir(backups)}')
    mode = os.stat(os.path.join(backups, daily[0])).st_mode & 0o777
    if mode != 0o600:
        raise TestFailure(f'the daily backup has mode {mode:o}, not 600')

    # The keyboard shortcuts window opens from the main menu, lists the form's keys, and is
    # gone (not hidden) once closed.
    click(find(app, 'push button', name='Main Menu'))
    click(find(app, 'menu item', name='Keyboard Shortcuts'))
    shortcuts = app.find_window('GtkShortcutsWindow')
    find(shortcuts, 'label', name='Next unit')
    press_key('Escape')
    wait_for('the shortcuts window to close',
             lambda: [frame.name for frame in app.frames()] == ['Uppföljning'])

    # What the window showed is what the database holds.
    app.quit()
    lines = cli('rounds', db=db).strip().splitlines()
    if len(lines) != 1 or 'Region Dalarna' not in lines[0]:
        raise TestFailure(f'expected one Dalarna round in the database, got {lines}')
    fields = lines[0].split('\t')
    if '11' not in fields:
        raise TestFailure(f'expected 11 units in {fields}')


if __name__ == '__main__':
    run(test)

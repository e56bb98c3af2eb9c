#!/usr/bin/python3
# test-round-actions.py: duplicate a round for a new year (with the year checked inline),
# delete a round and undo it from the toast, delete it for good, all through the round menu.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os

import pyatspi

from uppgui import (App, TestFailure, cli, click, find, find_all, press_combination,
                    press_key, run, set_text, temp_db, wait_for)

EXAMPLE = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__) + '/..'),
                       'fixtures', 'dalarna.txt')


def focused(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def years_in(db):
    return sorted(line.split('\t')[1] for line in cli('rounds', db=db).strip().splitlines())


def frame_with(app, text):
    def look():
        for frame in app.frames():
            if find_all(frame, 'label', name=text):
                return frame
        return None
    return wait_for(f'a window with “{text}”', look)


def round_menu(app, item):
    round_page = find(app, 'filler', name='UppRoundPage')
    click(find(round_page, 'push button', name='Round Menu'))
    click(find(app, 'menu item', name=item))


def count_rounds_listed(app):
    rounds_list = find(app, 'list', name='Follow-up Rounds')
    return len(find_all(rounds_list, 'list item'))


def test(apps):
    db = temp_db()
    cli('import', '--year', '2025', EXAMPLE, db=db)
    app = App(db)
    apps.append(app)

    find(app, 'list', name='Follow-up Rounds')
    press_key('Return')
    find(app, 'label', name='Mora, Orsa och Älvdalen')

    # Keyboard: open the first unit, go two units on, back: the focus is on that unit's row,
    # so Return opens it again.
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    find(form, 'label', contains=' · 1 of 11')
    wait_for('the focus in the form', lambda: any(focused(node) for node in find_all(form)))
    press_combination('Control_L', 'Page_Down')
    press_combination('Control_L', 'Page_Down')
    find(form, 'label', contains=' · 3 of 11')
    first_answer = find(form, 'text', name='Answer to question 1')
    wait_for('the focus in the form', lambda: focused(first_answer))
    press_combination('Alt_L', 'Left')
    round_page = find(app, 'filler', name='UppRoundPage')
    wait_for('the focus on the row of Säter, the third unit',
             lambda: any(focused(node) and find_all(node, 'label', name='Säter')
                         for node in find_all(round_page)))
    press_key('Return')
    find(form, 'label', contains=' · 3 of 11')
    click(find(form, 'push button', name='Back to the Round'))

    # Duplicate for 2026; a year with a letter is explained and not accepted.
    round_menu(app, 'Duplicate for a New Year…')
    dialog = frame_with(app, 'Duplicate Round')
    year = find(dialog, 'text', name='Year')
    set_text(year, '202x')
    find(dialog, 'label', contains='Write the year with four digits')
    set_text(year, '2026')
    click(find(dialog, 'push button', contains='Duplicate'))
    find(app, 'label', contains='2026 · Region Dalarna ·')
    wait_for('the 2026 round in the database', lambda: years_in(db) == ['2025', '2026'])

    # Delete the 2026 round, then undo from the toast: nothing is lost.
    round_menu(app, 'Delete Round…')
    dialog = frame_with(app, 'Delete Round?')
    click(find(dialog, 'push button', contains='Delete'))
    wait_for('one round listed', lambda: count_rounds_listed(app) == 1)
    click(find(app, 'push button', contains='Undo'))
    wait_for('two rounds listed again', lambda: count_rounds_listed(app) == 2)
    if years_in(db) != ['2025', '2026']:
        raise TestFailure(f'undo left the rounds {years_in(db)}')

    # Delete it again and quit while the toast still shows: the deletion is carried out.
    find(app, 'list', name='Follow-up Rounds')
    press_key('Home')  # the newest round is first
    press_key('Return')
    find(app, 'label', contains='2026 · Region Dalarna ·')
    round_menu(app, 'Delete Round…')
    dialog = frame_with(app, 'Delete Round?')
    click(find(dialog, 'push button', contains='Delete'))
    wait_for('one round listed', lambda: count_rounds_listed(app) == 1)
    app.quit()
    if years_in(db) != ['2025']:
        raise TestFailure(f'after deleting, the database has the rounds {years_in(db)}')


if __name__ == '__main__':
    run(test)

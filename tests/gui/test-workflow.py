#!/usr/bin/python3
# test-workflow.py: create a round through the dialog (with the inline errors a user can
# cause), type an answer for a unit, quit, start again and find the answer, in the window
# and in the database.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json

import pyatspi

from uppgui import (App, TestFailure, cli, click, find, find_all, log, press_combination,
                    press_key, run, set_text, temp_db, text_of, wait_for)

TITLE = 'GUI-test LÖK'
GROUP = 'Avesta and Borlänge'
ANSWER = 'Styrgruppen träffas varannan månad.\nIBM startade i mars.'


def sensitive(node):
    return node.getState().contains(pyatspi.STATE_SENSITIVE)


def create_round(app):
    rounds_page = find(app, 'filler', name='UppRoundsPage')
    click(find(rounds_page, 'push button', contains='New Round…'))
    dialog = app.find_window('New Round')
    create = find(dialog, 'push button', contains='Create')

    # A year with letters is explained where it is typed, and blocks Create.
    year = find(dialog, 'text', name='Year')
    set_text(year, '20x6')
    find(dialog, 'label', contains='Write the year with digits only')
    wait_for('Create to be insensitive', lambda: not sensitive(create))
    set_text(year, '2031')

    title = find(dialog, 'text', name='Title')
    set_text(title, 'x')
    set_text(title, '')
    find(dialog, 'label', contains='Give the round a title')
    set_text(title, TITLE)

    # Units start as Dalarna's municipalities; merge the first two into a group (ticked
    # with the mouse: GTK 4.8 gives check buttons no accessible action).
    units = find(dialog, 'list', name='Units')
    click(find(units, 'check box', name='Borlänge'))
    click(find(units, 'check box', name='Avesta'))
    click(find(dialog, 'push button', contains='Merge'))
    group = find(units, 'text', contains=GROUP)

    # Leave Leksand out: the round's overview will show it as not covered.
    click(find(units, 'check box', name='Leksand'))
    click(find(dialog, 'push button', name='Remove the ticked units'))
    wait_for('Leksand to be removed', lambda: not find_all(units, 'check box', name='Leksand'))

    # A duplicate unit name is refused inline.
    gagnef = find(units, 'text', contains='Gagnef')
    set_text(gagnef, 'falun')
    find(dialog, 'label', contains='Two units cannot have the same name')
    wait_for('Create to be insensitive', lambda: not sensitive(create))
    set_text(gagnef, 'Gagnef')
    wait_for('Create to be sensitive', lambda: sensitive(create))

    click(create)
    wait_for('the dialog to close',
             lambda: all(f.name != 'New Round' for f in app.frames()))
    return group


def open_first_unit(app):
    """Opens the first unit of the round with the keyboard; returns the form and the unit."""
    overview = find(app, 'filler', name='UppRoundOverview')
    rows = find(overview, 'list', name='GtkColumnListView')
    first_cell = find(find(rows, 'table row'), 'table cell')
    unit = find(first_cell, 'label').name
    # The units have the keyboard focus when the round opens; Return opens the first.
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    find(form, 'label', name=unit)
    return form, unit


def test(apps):
    db = temp_db()
    app = App(db)
    apps.append(app)

    create_round(app)
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name=TITLE)
    find(overview, 'label', name=GROUP)
    find(overview, 'label', contains='0 of 13 answered')
    find(overview, 'label', name='1 municipality is not covered by any unit')
    find(overview, 'label', name='Leksand')

    form, unit = open_first_unit(app)
    answer = find(form, 'text', name='Answer to question 3')
    set_text(answer, ANSWER)
    click(find(form, 'radio button', name='Klar och undertecknad'))
    find(form, 'label', name='Saved')

    # Keyboard only: Ctrl+Page Down goes to the next unit, Ctrl+Page Up back; nothing typed
    # is lost on the way.
    press_combination('Control_L', 'Page_Down')
    find(form, 'label', contains=' · 2 of 13')
    press_combination('Control_L', 'Page_Up')
    find(form, 'label', contains=' · 1 of 13')
    answer = find(form, 'text', name='Answer to question 3')
    wait_for('the answer after coming back', lambda: text_of(answer) == ANSWER)

    # The first answer has the focus; Tab leaves it for the next field instead of typing a
    # tab character into the answer.
    first = find(form, 'text', name='Answer to question 1')
    wait_for('the first answer to have the focus',
             lambda: first.getState().contains(pyatspi.STATE_FOCUSED))
    press_key('Tab')
    wait_for('Tab to move the focus on',
             lambda: not first.getState().contains(pyatspi.STATE_FOCUSED))
    if '\t' in (text_of(first) or ''):
        raise TestFailure('Tab typed a tab character into the answer')
    set_text(answer, ANSWER + ' ')
    set_text(answer, ANSWER)
    # Quit at once: what the debounce has not written yet is written on the way out.
    app.quit()

    # The database has it, exactly as typed.
    rounds = cli('rounds', db=db).strip().splitlines()
    round_id = rounds[0].split('\t')[0]
    shown = json.loads(cli('show', '--round', round_id, '--unit', unit, '--json', db=db))
    answers = {a['question']: a for shown_unit in shown['units'] if shown_unit['name'] == unit
               for a in shown_unit['answers']}
    if answers.get('good_examples', {}).get('text') != ANSWER:
        raise TestFailure(f'the typed answer is not in the database: {answers}')
    if answers.get('agreement', {}).get('choices') != ['signed']:
        raise TestFailure(f'the chosen code is not in the database: {answers}')

    # And the window shows it again after a restart.
    app = App(db)
    apps.append(app)
    rounds_page = find(app, 'filler', name='UppRoundsPage')
    find(rounds_page, 'filler', contains=TITLE)
    find(rounds_page, 'label', contains='1 of 13 answered')
    press_key('Return')
    form, reopened_unit = open_first_unit(app)
    if reopened_unit != unit:
        raise TestFailure(f'the first unit was {unit}, now {reopened_unit}')
    answer = find(form, 'text', name='Answer to question 3')
    wait_for('the saved answer in the form', lambda: text_of(answer) == ANSWER)
    app.quit()


if __name__ == '__main__':
    run(test)

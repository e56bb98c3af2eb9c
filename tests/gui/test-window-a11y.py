#!/usr/bin/python3
# test-window-a11y.py: the window as a screen reader and a keyboard user meet it, in Swedish:
# the round overview's rows named after their unit and what the row shows, no mnemonic
# underscores or doubled words in the header bar, view switcher and main menu, Alt+1 … Alt+6
# switching a round's views (also from inside a text view), and Ctrl+N making a new round on
# the rounds list and a new template on the templates page.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import re
import time

import pyatspi

from uppgui import (KEYCODES, App, TestFailure, check_names, children, click, click_at, find,
                    find_all, import_example, log, press_combination, press_key,
                    require_swedish_locale, run, temp_db, wait_for)

LANG = 'sv_SE.UTF-8'

# Hardware key codes of Xvfb's default (evdev) keyboard for the digits and N.
KEYCODES.update({str(digit): 9 + digit for digit in range(1, 10)})
KEYCODES['n'] = 57


# The roles whose names come from a label with a mnemonic; a label's own text may hold an
# underscore (a template's key).

# The view switcher's tabs, in their order.
VIEWS = {'UppRoundOverview': 'Översikt', 'UppComparisonView': 'Jämförelse',
         'UppChartsView': 'Diagram', 'UppReportPage': 'Rapport', 'UppThemesView': 'Teman',
         'UppCodingView': 'Kodning'}


def selected_tabs(switcher):
    """The titles of the view switcher's selected tabs."""
    selected = []
    for tab in children(switcher):
        states = tab.getState()
        if states.contains(pyatspi.STATE_SELECTED) or states.contains(pyatspi.STATE_CHECKED):
            selected.append(tab.name)
    return selected


def switch_view(switcher, digit, widget):
    press_combination('Alt_L', digit)
    wait_for(f'Alt+{digit} to show {widget}',
             lambda: selected_tabs(switcher) == [VIEWS[widget]])


def test(apps):
    require_swedish_locale()

    db = temp_db()
    import_example(db)
    app = App(db, lang=LANG)
    apps.append(app)

    # Ctrl+N on the rounds list: a new round.
    check_names(find(app, 'filler', name='UppRoundsPage'), 'the rounds page')
    press_combination('Control_L', 'n')
    wait_for('Ctrl+N to open the new round dialog',
             lambda: any((frame.name or '') == 'Ny omgång' for frame in app.frames()))
    press_key('Escape')
    wait_for('the new round dialog to close', lambda: len(app.frames()) == 1)

    # The round, from the list.
    press_key('Return')
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name='Falun')

    # Every row of units is named after its unit, status, date and answered questions; the
    # header row after the columns.
    units = find(overview, 'tree table', name='Enheter')
    header = find(units, 'table row', contains='Enhet')
    if header.name != 'Enhet, Status, Intervju, Besvarade':
        raise TestFailure(f'the header row is named “{header.name}”')
    rows = wait_for('the rows of units',
                    lambda: [row for row in find_all(find(units, 'list'), 'table row')
                             if find_all(row, 'label')])
    named = 0
    for row in rows:
        labels = [label.name for label in find_all(row, 'label')
                  if label.name and not label.name.startswith('Gtk')]
        if not labels:
            continue
        name = row.name or ''
        log(f'row “{name}”')
        if not name.startswith(labels[0] + ', '):
            raise TestFailure(f'the row of {labels[0]} is named “{name}”')
        for label in labels[1:]:
            counts = re.fullmatch(r'(\d+) av (\d+)', label)
            if counts:
                expected = f'{counts[1]} av {counts[2]} frågor besvarade'
                if expected not in name:
                    raise TestFailure(f'the row “{name}” does not say “{expected}”')
            elif label not in name:
                raise TestFailure(f'the row “{name}” does not say “{label}”, which it shows')
        named += 1
    if named < 5:
        raise TestFailure(f'only {named} rows of units found')

    # The window's chrome: the round page's header bar, view switcher and overview.
    round_page = find(app, 'filler', name='UppRoundPage')
    check_names(round_page, 'the round page')
    find(round_page, 'label', name='Översikt')
    click(find(round_page, 'push button', name='Huvudmeny'))
    find(app, 'menu item', contains='Tangentbordsgenvägar')
    for frame in app.frames():
        for item in find_all(frame, 'menu item'):
            check_names(item, 'the main menu')
    press_key('Escape')
    wait_for('the main menu to close',
             lambda: not any(find_all(frame, 'menu item', contains='Tangentbordsgenvägar')
                             for frame in app.frames()))

    # Alt+1 … Alt+6 switch the views, from wherever the focus is.
    switcher = find(round_page, 'page tab', name='Översikt').parent
    switch_view(switcher, '2', 'UppComparisonView')
    find(app, 'filler', name='UppComparisonView')
    switch_view(switcher, '3', 'UppChartsView')
    switch_view(switcher, '4', 'UppReportPage')
    switch_view(switcher, '5', 'UppThemesView')
    switch_view(switcher, '6', 'UppCodingView')
    switch_view(switcher, '4', 'UppReportPage')
    # From inside a text field (the report's author), where Alt+digit could be typing.
    report = find(app, 'filler', name='UppReportPage')
    click_at(find(report, 'text'))
    time.sleep(0.5)
    switch_view(switcher, '1', 'UppRoundOverview')

    # Ctrl+N on the templates page: a new template, not a new round.
    click(find(round_page, 'push button', name='Huvudmeny'))
    click(find(app, 'menu item', name='Mallar'))
    check_names(find(app, 'filler', name='UppTemplatesPage'), 'the templates page')
    press_combination('Control_L', 'n')
    def new_toplevels():
        app.frames()  # looks the app up afresh
        return [window for window in children(app.accessible) if window != app.window]

    editor = wait_for('Ctrl+N to open the template editor',
                      lambda: next((window for window in new_toplevels()
                                    if find_all(window, 'label', name='Ny mall')), None))
    if any((window.name or '') == 'Ny omgång' for window in new_toplevels()):
        raise TestFailure('Ctrl+N on the templates page opened a new round')
    log(f'the template editor: “{editor.name}”')
    app.kill()


if __name__ == '__main__':
    run(test)

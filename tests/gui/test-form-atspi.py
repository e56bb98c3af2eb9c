#!/usr/bin/python3
# test-form-atspi.py: the interview form as a screen reader sees it, in Swedish
#
# Issue 18: a single-choice question's options are radio buttons in a group named by the
# question (multiple choice: check boxes); no name carries a mnemonic's underscore or says a
# word or itself twice ("_Rensa valet Rensa valet", "Deltagare Deltagare"); and with real
# key presses, Tab goes through a radio group in one stop and never to "Rensa valet".
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later


import pyatspi

from uppgui import (App, TestFailure, check_names, click, find, find_all, import_example, log,
                    press_combination, press_key, require_swedish_locale, run, temp_db,
                    wait_for, walk)

LANG = 'sv_SE.UTF-8'


def ancestors(node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def card_of(node):
    return next((a for a in ancestors(node) if a.name == 'UppQuestionCard'), None)


def has_focus(node):
    return node.getState().contains(pyatspi.STATE_FOCUSED)


def focused(root):
    """The focused widget under root, as “role “name””."""
    for node in walk(root, showing_only=False):
        try:
            if has_focus(node):
                return f'{node.getRoleName()} “{node.name}”'
        except Exception:
            continue
    return None


def test(apps):
    require_swedish_locale()

    db = temp_db()
    import_example(db)
    app = App(db, lang=LANG)
    apps.append(app)

    find(app, 'list', name='Uppföljningsomgångar')
    press_key('Return')
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'list', name='GtkColumnListView')
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    find(form, 'text', name='Svar på fråga 6')

    # Ctrl+Down from question to question, then Tab, with real key presses: from the answer
    # to question 4 to that of question 5. First, as the form opens at the top.
    answer1 = find(form, 'text', name='Svar på fråga 1')
    answer4 = find(form, 'text', name='Svar på fråga 4')
    answer5 = find(form, 'text', name='Svar på fråga 5')
    # The form opens with the first answer focused.
    wait_for('the answer to question 1 focused', lambda: has_focus(answer1))
    for _ in range(3):
        press_combination('Control_L', 'Down')
    wait_for('the answer to question 4 focused', lambda: has_focus(answer4))
    visited = []
    for _ in range(10):
        before = focused(form)
        press_key('Tab')
        wait_for('the focus to move', lambda: focused(form) not in (None, before), timeout=5)
        visited.append(focused(form))
        if has_focus(answer5):
            break
    log('Tab stops: ' + ', '.join(visited))
    if visited[-1] != 'text “Svar på fråga 5”':
        raise TestFailure('Tab never reached the answer to question 5')
    if sum(1 for stop in visited if stop.startswith('radio button')) != 1:
        raise TestFailure('the radio group of question 5 is not one Tab stop')
    if any('Rensa valet' in stop for stop in visited):
        raise TestFailure('“Rensa valet” is a Tab stop')

    # Radio buttons, in groups named by their question.
    radios = wait_for('the radio buttons', lambda: find_all(form, 'radio button',
                                                              showing_only=False))
    groups = set()
    for radio in radios:
        group = next((a for a in ancestors(radio) if a.getRoleName() == 'grouping'), None)
        card = card_of(radio)
        if group is None or card is None:
            raise TestFailure(f'radio button “{radio.name}” is in no group of a question')
        questions = [label.name for label in find_all(card, 'label', showing_only=False)]
        if group.name not in questions or len(group.name) < 10:
            raise TestFailure(f'the group of “{radio.name}” is named “{group.name}”, '
                              f'not by its question')
        groups.add(group.name)
    # Questions 1 and 5 of the LÖK template: five and four options.
    if len(radios) != 9 or len(groups) != 2:
        raise TestFailure(f'{len(radios)} radio buttons in {len(groups)} groups, not 9 in 2')
    if len(find_all(form, 'check box', showing_only=False)) != 3:
        raise TestFailure('question 2 (multiple choice) does not have its 3 check boxes')

    # A further interview, with its own spin buttons, in the tree too.
    click(find(form, 'push button', name='Lägg till intervju'))
    find(form, 'spin button', name='Deltagare')
    log(f'{check_names(form, "the form", showing_only=False)} names checked')

    app.quit()


if __name__ == '__main__':
    run(test)

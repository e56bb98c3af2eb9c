#!/usr/bin/python3
# test-live-updates.py: the window shows what changed without a click or a refresh: changes
# made by the CLI beside it (a second process: a new round, a unit added and renamed, an
# answer), in the rounds list, the round's overview and the comparison view; and a change
# saved by the app's own worker thread (the interview form's save queue), in the overview and
# the rounds list.
#
# Before the session's live models the window read the database only when it navigated or
# after its own changes, so nothing the CLI did showed until the user went elsewhere and back.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

from uppgui import (App, EXAMPLE, cli, click, click_at, find, find_all, log, press_combination,
                    press_key, run, set_text, temp_db, wait_for)


def shows_label(root, text):
    return bool(find_all(root, 'label', name=text))


def test(apps):
    db = temp_db()
    cli('import', '--year', '2025', EXAMPLE, db=db)
    round_id = next(line.split('\t')[0] for line in cli('rounds', db=db).splitlines()
                    if '\t2025\t' in line)

    app = App(db)
    apps.append(app)
    rounds = find(app, 'list', name='Follow-up Rounds')
    find(rounds, 'label', name='10 of 11 answered')

    # 1. The CLI beside the window. A new round appears in the list, nothing clicked.
    cli('import', '--year', '2026', EXAMPLE, db=db)
    find(app, 'label', name='Uppföljning LÖK 2026')
    log('rounds list: the round imported by the CLI shows')

    # A unit added to the open round changes its progress in the list.
    cli('units', 'add', '--round', round_id, '--name', 'Nytt team', db=db)
    find(rounds, 'label', name='10 of 12 answered')
    log('rounds list: the unit added by the CLI counts')

    # Into the round of 2025; its overview follows a rename.
    click_at(find(app, 'label', name='Uppföljning LÖK 2025'))
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name='Falun')
    find(overview, 'label', name='Nytt team')
    cli('units', 'rename', '--round', round_id, '--unit', 'Falun', '--name', 'Falu kommun',
        db=db)
    find(overview, 'label', name='Falu kommun')
    wait_for('Falun to leave the overview', lambda: not shows_label(overview, 'Falun'))
    log('overview: the rename by the CLI shows')

    # The comparison view follows an answer given through the CLI.
    round_page = find(app, 'filler', name='UppRoundPage')
    click(find(round_page, 'page tab', name='Comparison'))
    find(app, 'filler', name='UppComparisonView')
    cli('answer', '--round', round_id, '--unit', 'Borlänge', '--question', 'challenges',
        '--text', 'Live från terminalen', db=db)
    find(app, 'label', contains='Live från terminalen')
    log('comparison: the answer from the CLI shows')

    # 2. The app's own worker: the form's save queue writes an answer for the new unit, which
    # then counts as answered in the overview and in the rounds list.
    click(find(round_page, 'page tab', name='Overview'))
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name='10 of 12 answered')
    click_at(find(overview, 'label', name='Nytt team'))
    press_key('Return')
    form = find(app, 'filler', name='UppResponseForm')
    find(form, 'label', name='Nytt team')
    set_text(find(form, 'text', name='Answer to question 1'), 'Sparat av formuläret')
    find(form, 'label', name='Saved')
    press_combination('Alt_L', 'Left')
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', name='11 of 12 answered')
    log('overview: the answer saved by the form counts')
    press_combination('Alt_L', 'Left')
    rounds = find(app, 'list', name='Follow-up Rounds')
    find(rounds, 'label', name='11 of 12 answered')
    log('rounds list: the answer saved by the form counts')

    app.quit()


if __name__ == '__main__':
    run(test)

#!/usr/bin/python3
# test-suggestion.py: the interview form suggests a coded choice from the answer text
# (issue 13): type a text that a choice's phrases match into an answer without a choice, see
# "Suggestion: …" beside the choices, accept it, and find the choice saved with the text; then
# the round's suggested codes in their dialog, accepted one by one and all at once (on a worker
# thread, all at once after a backup).
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil

from uppgui import (EXAMPLE, App, TestFailure, cli, click, find, find_all, is_showing, log,
                    open_first_form, run, set_text, temp_db, wait_for)


def codes(db, round_id, unit, question):
    shown = cli('show', '--round', round_id, '--unit', unit, '--json', db=db)
    for answer in json.loads(shown)['units'][0]['answers']:
        if answer['question'] == question:
            return answer['text'], answer.get('choices', [])
    return None, []


def test(apps):
    db = temp_db()
    # The Dalarna table, but not the example byte for byte: imported uncoded.
    table = os.path.join(os.path.dirname(db), 'dalarna.txt')
    shutil.copy(EXAMPLE, table)
    with open(table, 'a', encoding='utf-8') as f:
        f.write('\n')
    cli('import', '--year', '2025', table, db=db)
    round_id = cli('rounds', db=db).split('\t')[0]
    app = App(db)
    apps.append(app)

    form = open_first_form(app)
    answer = find(form, 'text', name='Answer to question 1')
    card = answer.parent

    def suggestion():
        labels = [label for label in find_all(card, 'label', contains='Suggestion: ')
                  if is_showing(label)]
        return labels[0].name if labels else None

    # Falun's "Nej Men arbete pågår …" has no choice yet: it is suggested, not chosen.
    wait_for('the suggestion of the imported text',
             lambda: suggestion() == 'Suggestion: Arbete pågår')
    if codes(db, round_id, 'Falun', 'agreement')[1]:
        raise TestFailure('a suggestion was saved as a choice before it was accepted')

    set_text(answer, 'Vi har ingen ännu.')
    wait_for('no suggestion for a text that matches nothing', lambda: suggestion() is None)
    set_text(answer, 'Den är klar och undertecknad sedan mars.')
    wait_for('the suggestion of the typed text',
             lambda: suggestion() == 'Suggestion: Klar och undertecknad')
    log('suggested:', suggestion())

    click(find(card, 'push button', name='Accept'))
    wait_for('the accepted choice to be saved with the text',
             lambda: codes(db, round_id, 'Falun', 'agreement') ==
             ('Den är klar och undertecknad sedan mars.', ['signed']), timeout=10)
    wait_for('the suggestion to go once a choice is made', lambda: suggestion() is None)

    click(find(form, 'push button', name='Back to the Round'))
    round_page = find(app, 'filler', name='UppRoundPage')
    click(find(round_page, 'push button', name='Round Menu'))
    click(find(app, 'menu item', name='Suggested Codes…'))
    dialog = app.find_window('Suggested Codes')
    accepts = wait_for('the other 23 suggestions',
                       lambda: len(find_all(dialog, 'push button', contains='Accept: ',
                                            showing_only=False)) == 23)
    log('suggestions listed:', accepts)
    if codes(db, round_id, 'Borlänge', 'agreement')[1]:
        raise TestFailure('listing the suggestions coded an answer')
    click(find(dialog, 'push button', contains='Accept: Borlänge — LÖK-status: Arbete pågår'))
    wait_for('Borlänge’s accepted code',
             lambda: codes(db, round_id, 'Borlänge', 'agreement')[1] == ['in_progress'])
    wait_for('22 suggestions left',
             lambda: len(find_all(dialog, 'push button', contains='Accept: ',
                                  showing_only=False)) == 22)
    # A suggestion the analyst does not agree with is coded with another choice instead.
    click(find(dialog, 'push button', contains='Change: Säter — LÖK-status'))
    click(find(app, 'menu item', name='Ingen lokal överenskommelse'))
    wait_for('Säter coded with the choice picked instead of the suggested one',
             lambda: codes(db, round_id, 'Säter', 'agreement')[1] == ['none'])
    wait_for('21 suggestions left',
             lambda: len(find_all(dialog, 'push button', contains='Accept: ',
                                  showing_only=False)) == 21)
    backups = os.path.join(os.path.dirname(db), 'backups')

    def coding_backups():
        if not os.path.isdir(backups):
            return []
        return [name for name in os.listdir(backups) if '-coding-' in name]

    if coding_backups():
        raise TestFailure('accepting one suggestion made a backup')
    # On a worker thread, after a backup; the list is read again when it is done.
    click(find(dialog, 'push button', contains='Accept All'))
    find(dialog, 'label', name='Nothing to Suggest')
    wait_for('the backup before Accept All', lambda: len(coding_backups()) == 1)
    if codes(db, round_id, 'Vansbro', 'structure')[1] != ['strategic', 'operative']:
        raise TestFailure('Accept All did not code Vansbro’s structure')
    if codes(db, round_id, 'Falun', 'agreement')[1] != ['signed']:
        raise TestFailure('Accept All changed a code chosen in the form')
    app.quit()


if __name__ == '__main__':
    run(test)

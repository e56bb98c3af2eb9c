#!/usr/bin/python3
# screenshots.py: the main screens of the app in Swedish at a given window size, for looking
# at before a change lands. Run through build-aux/screenshots, which builds first.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: screenshots.py OUTPUT-FOLDER WIDTHxHEIGHT [forms] [dark]
# Writes rounds.png, new-round.png, overview.png, send.png, form.png, form-suggestion.png,
# search.png, form-history.png, form-privacy.png, form-long-answer.png, form-previous.png, form-coding.png, agreement-dialog.png, form-interviews.png,
# comparison.png, comparison-grouped.png, comparison-filter.png, comparison-search.png,
# charts.png, charts-grouped.png, report.png,
# themes.png, codebook.png, theme-passages.png, coding.png, suggestions.png,
# charts-themes.png, round-dialog.png, templates.png, of the template editor on a copy of
# the checklist, editor.png, editor-choices.png, editor-question.png, editor-preview.png,
# primary-menu.png, shortcuts.png, privacy.png, device-name.png and conflicts.png;
# form-checklist.png and form-samla.png (rounds of the built-in checklist and SAMLA
# templates). With "forms" as the third argument (after it, "dark" may follow), only the
# last two.

import json
import os
import re
import subprocess
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'gui'))

from uppgui import (CLI, PROGRAM_ENV, App, cli, click, click_at, find, find_all,  # noqa: E402
                    press_combination, press_key, set_text, temp_db, wait_for)

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
EXAMPLE = os.path.join(TOP, 'data', 'dalarna-example.txt')
SWEDISH = 'sv_SE.UTF-8'
# A small codebook for the themes view: each theme codes the sentence around its first match
# in each answer.
THEMES = (
    ('Styrgrupp och ledning', 'promoting', r'styrgrupp|ledning'),
    ('Gemensamma möten', 'promoting', r'möte'),
    ('SIP', 'promoting', r'SIP'),
    ('Personalbrist', 'hindering', r'personal|bemanning'),
    ('Olika system', 'hindering', r'journal|system'),
    ('Väntetider', 'hindering', r'vänt'),
    ('Lokaler', 'neutral', r'lokal(?!a)'),
)


# County parts as seed 001 has them; Leksand and Mora's group are left without one.
PARTS = (
    ('Västra', ('Malung-Sälen', 'Vansbro', 'Västerbergslagen (Ludvika och Smedjebacken)')),
    ('Centrala', ('Falun', 'Borlänge', 'Säter', 'Gagnef')),
    ('Östra', ('Södra (Avesta och Hedemora)', 'Rättvik')),
)


# Hardware key codes of Xvfb's default (evdev) keyboard.
CONTROL_L, SHIFT_L, RIGHT, T = 37, 50, 114, 28


def scroll_into_view(node, window_height):
    """Turns the mouse wheel over the window until node is in it (GTK 4.8 offers no
    scrolling through AT-SPI)."""
    for _ in range(40):
        x, y, width, height = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        if y + min(height, 80) < window_height - 40:
            return
        pyatspi.Registry.generateMouseEvent(640 if window_height > 600 else 400,
                                            window_height // 2, 'b5c')
        time.sleep(0.1)


def code_words(answer, n_words):
    """Selects the first words of an answer as a keyboard user does (GTK 4.8 offers no
    selection through AT-SPI), then presses Ctrl+T."""
    click_at(answer)
    # The form glides to the focused answer; the picker points where the words are after.
    time.sleep(0.8)
    press_key('Home')
    for code in (CONTROL_L, SHIFT_L):
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
    for _ in range(n_words):
        pyatspi.Registry.generateKeyboardEvent(RIGHT, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(SHIFT_L, None, pyatspi.KEY_RELEASE)
    pyatspi.Registry.generateKeyboardEvent(T, None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(CONTROL_L, None, pyatspi.KEY_RELEASE)


def detail_texts(form):
    """The form's text fields above the answers, in order."""
    return [node for node in find_all(form, 'text') if not (node.name or '').startswith('Svar')]


def shoot(folder, name):
    # Let the last change draw before taking the picture.
    time.sleep(0.8)
    path = os.path.join(folder, name)
    subprocess.run(['import', '-window', 'root', path], check=True)
    print(path)


def example_database():
    """Last year's Dalarna round and this year's, where Falun has a new answer."""
    db = temp_db()
    cli('import', '--year', '2024', EXAMPLE, db=db)
    cli('import', '--year', '2025', EXAMPLE, db=db)
    rounds = {line.split('\t')[1]: line.split('\t')[0]
              for line in cli('rounds', db=db).splitlines()}
    round_2025 = rounds['2025']
    cli('answer', '--round', round_2025, '--unit', 'Falun', '--question', 'agreement',
        '--choice', 'signed', '--text', 'Ja, undertecknad i mars 2025 av kommun och region.',
        db=db)
    for name, kind, _ in THEMES:
        cli('themes', 'add', name, '--kind', kind, db=db)
    # Some answers without their codes: their suggestions are reviewed in a dialog.
    for unit in ('Borlänge', 'Säter', 'Rättvik', 'Vansbro'):
        cli('answer', '--round', round_2025, '--unit', unit, '--question', 'agreement',
            '--no-choice', db=db)
    for part, units in PARTS:
        for unit in units:
            cli('units', 'set-part', '--round', round_2025, '--unit', unit, '--part', part,
                db=db)
    # Both years: a theme's passages are listed across them.
    code_themes(db, rounds['2024'])
    code_themes(db, round_2025)
    add_own_checklist(db)
    return db


def add_own_checklist(db):
    """A template of one's own made from the built-in checklist, for the editor to edit."""
    path = os.path.join(tempfile.mkdtemp(prefix='upp-shots-'), 'checklista.json')
    cli('templates', 'export', 'vgr_checklista', '-o', path, db=db)
    with open(path, encoding='utf-8') as file:
        template = json.load(file)
    template.update(key='var_checklista', title='Vår checklista',
                    uuid='5b0e3c1e-7d2f-4a6a-a5d9-2c4e7b9f1a64')
    with open(path, 'w', encoding='utf-8') as file:
        json.dump(template, file, ensure_ascii=False)
    cli('templates', 'import', path, db=db)


def code_themes(db, round_id):
    units = json.loads(cli('show', '--round', round_id, '--json', db=db))['units']
    for unit in units:
        for answer in unit['answers']:
            text = answer['text']
            for name, _, pattern in THEMES:
                match = re.search(pattern, text, re.IGNORECASE)
                if match is None:
                    continue
                start = max(text.rfind('.', 0, match.start()) + 1,
                            text.rfind('\n', 0, match.start()) + 1)
                while start < match.start() and text[start].isspace():
                    start += 1
                ends = [i for i in (text.find('.', match.end()), text.find('\n', match.end()))
                        if i >= 0]
                end = min(ends) if ends else len(text)
                cli('code', '--round', round_id, '--unit', unit['name'], '--question',
                    answer['question'], '--start', str(start), '--end', str(end), '--theme', name,
                    db=db)


def click_tab(round_page, tab, width):
    # The switcher is at the top of a wide window and at the bottom of a narrow one. Only the
    # shown one is clicked: where the hidden top one would be is the header bar's menu button.
    find(round_page, 'label', name=tab)
    labels = find_all(round_page, 'label', name=tab)
    click_at(max(labels, key=lambda label: label.queryComponent().getExtents(
        pyatspi.WINDOW_COORDS)[1]) if width < 1000 else labels[0])


def settings_for(width, height):
    """A keyfile GSettings backend that opens the window at the given size."""
    config = tempfile.mkdtemp(prefix='upp-shots-')
    folder = os.path.join(config, 'glib-2.0', 'settings')
    os.makedirs(folder)
    with open(os.path.join(folder, 'keyfile'), 'w') as keyfile:
        keyfile.write('[se/uppfoljning/Uppfoljning]\n'
                      f'window-width={width}\nwindow-height={height}\n')
    return {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config}


def shoot_editor(app, folder, height):
    """The editor on a checklist of one's own: parts, the shared choices, an item's fields."""
    click(find(app, 'list item', name='Vår checklista'))
    editor = app.find_window('Mall')
    find(editor, 'list item', name='1. Avtal/ök')
    shoot(folder, 'editor.png')
    choices = find(editor, 'list item', name='Klart / Pågår / Ej påbörjat')
    scroll_to_top(choices, height)
    click_at(choices)
    shoot(folder, 'editor-choices.png')
    item = find(editor, 'list item', name='1.1 Nedtecknad avtal/överenskommelse')
    scroll_to_top(item, height, top=90)
    click_at(item)
    find(editor, 'text', name='Fältets etikett')
    shoot(folder, 'editor-question.png')
    click(find(editor, 'push button', contains='Förhandsgranska'))
    app.find_window('Förhandsgranskning')
    shoot(folder, 'editor-preview.png')
    press_key('Escape')
    wait_for('the preview to close',
             lambda: 'Förhandsgranskning' not in [f.name for f in app.frames()])
    press_key('Escape')
    wait_for('the editor to close', lambda: 'Mall' not in [f.name for f in app.frames()])


def scroll_to_top(node, window_height, top=130):
    """Turns the mouse wheel until node is near the top of the window, below the header."""
    unmoved = 0
    last = None
    for _ in range(120):
        y = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)[1]
        if y < top:
            return
        unmoved = unmoved + 1 if y == last else 0
        if unmoved > 5:
            return
        last = y
        pyatspi.Registry.generateMouseEvent(640 if window_height > 600 else 400,
                                            window_height // 2, 'b5c')
        time.sleep(0.15)


def template_forms(folder, width, height, env):
    """A checklist round filled in for its first unit, and a SAMLA round whose first unit has
    three goal / activity / follow-up rows."""
    db = temp_db()
    checklist = cli('create-round', '--template', 'vgr_checklista', '--year', '2026',
                    '--region', 'Region Dalarna', db=db).strip()
    samla = cli('create-round', '--template', 'samla_uppfoljning', '--year', '2026',
                '--region', 'Region Dalarna', db=db).strip()
    statuses = ('klart', 'pagar', 'ej_paborjat')
    people = ('Socialchef', 'Verksamhetschef', 'Enhetschef IFO', 'MAS', 'Styrgruppen')
    times = ('2026', 'vt 2027', 'ht 2026', 'Klart 2025')
    shown = json.loads(cli('show', '--round', checklist, '--json', db=db))
    first = shown['units'][0]['name']
    with open(os.path.join(TOP, 'data', 'templates', 'vgr-checklista.json'),
              encoding='utf-8') as file:
        questions = [q['key'] for q in json.load(file)['questions']]
    for i, key in enumerate(questions):
        cli('answer', '--round', checklist, '--unit', first, '--question', key,
            '--choice', statuses[i % 3], db=db)
        cli('answer', '--round', checklist, '--unit', first, '--question', key,
            '--field', 'ansvar', '--text', people[i % len(people)], db=db)
        cli('answer', '--round', checklist, '--unit', first, '--question', key,
            '--field', 'tid', '--text', times[i % len(times)], db=db)
    table = 'mal_aktivitet_utfall'
    first_samla = json.loads(cli('show', '--round', samla, '--json', db=db))['units'][0]['name']
    rows = (('Färre avvikelser mellan huvudmännen',
             'Analysera avvikelserna i Synergi varje kvartal och återkoppla i styrgruppen',
             'Analysgrupp utsedd; två analyser gjorda'),
            ('Fler SIP med brukarens delaktighet', 'Utbildning i SIP för båda huvudmännen',
             'Delvis uppnått: 40 personer utbildade'),
            ('Gemensam väg in för unga vuxna', 'Öppen mottagning en dag i veckan',
             'Pågår, utvärderas hösten 2026'))
    for goal, activity, follow_up in rows:
        cli('answer', '--round', samla, '--unit', first_samla, '--question', table, '--row', 'new',
            '--column', 'mal', '--text', goal, db=db)
    for number, (goal, activity, follow_up) in enumerate(rows, start=1):
        cli('answer', '--round', samla, '--unit', first_samla, '--question', table,
            '--row', str(number), '--column', 'aktivitet', '--text', activity, db=db)
        cli('answer', '--round', samla, '--unit', first_samla, '--question', table,
            '--row', str(number), '--column', 'uppfoljning', '--text', follow_up, db=db)

    app = App(db, lang=SWEDISH, extra_env=env)
    try:
        for title, unit, heading, name in (
                ('Checklista', first, '1 Avtal/ök', 'form-checklist.png'),
                ('Verksamhetsuppföljning', first_samla, '2 Mål, aktivitet och utfall',
                 'form-samla.png')):
            click(find(app, 'label', contains=title).parent)
            round_page = find(app, 'filler', name='UppRoundPage')
            find(round_page, 'label', name=unit)
            press_key('Return')
            form = find(app, 'filler', name='UppResponseForm')
            scroll_to_top(find(form, 'label', name=heading), height)
            shoot(folder, name)
            click(find(form, 'push button', name='Tillbaka till omgången'))
            click(find(round_page, 'push button', name='Tillbaka till omgångarna'))
    finally:
        app.kill()


def shoot_comparison_tools(app, round_page, folder):
    """The unit filter open, and a search whose matches are also in columns out of sight."""
    unit_filter = find(round_page, None, name='Enhetsfilter')
    click(unit_filter)
    find(app, 'check box', name='Östra')
    shoot(folder, 'comparison-filter.png')
    # Without a window manager the key goes to the main window: the button closes it.
    click(unit_filter)
    wait_for('the unit filter to close', lambda: not find_all(app, 'check box', name='Östra'))
    search = find(round_page, 'entry', name='Sök i svaren')
    set_text(search, 'lokal')
    shoot(folder, 'comparison-search.png')
    set_text(search, '')


def shoot_from_primary_menu(app, folder, item, name):
    """A window opened from the rounds page's main menu, then closed with Escape."""
    shown = len(app.frames())
    click(find(app, 'push button', name='Huvudmeny'))
    click(find(app, 'menu item', name=item))
    wait_for(f'the window of “{item}”', lambda: len(app.frames()) > shown)
    shoot(folder, name)
    press_key('Escape')
    wait_for(f'the window of “{item}” to close', lambda: len(app.frames()) == shown)


def add_conflict(db, round_id):
    """Falun's answer changed here and on a colleague's computer, whose answers come in: one
    conflict to resolve."""
    folder = tempfile.mkdtemp(prefix='upp-shots-')
    start = os.path.join(folder, 'start.json')
    theirs = os.path.join(folder, 'kollega.json')
    colleague = os.path.join(folder, 'kollega.db')
    # The long answer typed into the form holds a personal number on purpose.
    cli('export', '--round', round_id, '--format', 'json', '--allow-personal-data', '-o', start,
        db=db)
    cli('import', start, db=colleague)
    cli('device-name', 'Annas bärbara dator', db=colleague)
    cli('answer', '--round', round_id, '--unit', 'Falun', '--question', 'challenges',
        '--text', 'Personalbristen inom hemtjänsten.', db=db)
    cli('answer', '--round', round_id, '--unit', 'Falun', '--question', 'challenges',
        '--text', 'Personalbristen och långa väntetider till särskilt boende.', db=colleague)
    cli('export', '--round', round_id, '--format', 'json', '--allow-personal-data', '-o', theirs,
        db=colleague)
    # Exit status 3: imported, with conflicts left to resolve.
    result = subprocess.run([CLI, '--db', db, 'import', theirs], capture_output=True,
                            text=True, env=PROGRAM_ENV)
    if result.returncode != 3:
        raise RuntimeError(f'no conflict from the colleague\'s answers: {result.stderr}')


def shoot_windows_and_conflicts(app, db, folder):
    """From the rounds page: the main menu, the shortcuts, the personal data words; then a
    colleague's answers with a conflict come in, and the conflicts page asks this computer's
    name first."""
    click(find(app, 'push button', name='Huvudmeny'))
    find(app, 'menu item', name='Mallar')
    shoot(folder, 'primary-menu.png')
    press_key('Escape')
    shoot_from_primary_menu(app, folder, 'Tangentbordsgenvägar', 'shortcuts.png')
    shoot_from_primary_menu(app, folder, 'Personuppgifter…', 'privacy.png')

    rounds = {line.split('\t')[1]: line.split('\t')[0]
              for line in cli('rounds', db=db).splitlines()}
    add_conflict(db, rounds['2025'])
    shown = len(app.frames())
    click(find(app, 'push button', name='Huvudmeny'))
    click(find(app, 'menu item', name='Lös konflikter'))
    wait_for('the computer name to be asked', lambda: len(app.frames()) > shown)
    shoot(folder, 'device-name.png')
    press_key('Return')
    wait_for('the computer name dialog to close', lambda: len(app.frames()) == shown)
    find(app, 'label', contains='Annas bärbara dator')
    shoot(folder, 'conflicts.png')


def main():
    if len(sys.argv) not in (3, 4, 5):
        print('usage: screenshots.py OUTPUT-FOLDER WIDTHxHEIGHT [forms] [dark]', file=sys.stderr)
        return 2
    folder = sys.argv[1]
    width, height = (int(n) for n in sys.argv[2].split('x'))
    os.makedirs(folder, exist_ok=True)

    env = settings_for(width, height)
    if sys.argv[3:] == ['dark']:
        env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
    if 'forms' in sys.argv[3:]:
        if 'dark' in sys.argv[3:]:
            env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
        template_forms(folder, width, height, env)
        return 0
    db = example_database()
    app = App(db, lang=SWEDISH, extra_env=env)
    try:
        find(app, 'list', name='Uppföljningsomgångar')
        shoot(folder, 'rounds.png')

        click(find(app, 'push button', name='Ny omgång'))
        dialog = app.find_window('Ny omgång')
        shoot(folder, 'new-round.png')
        press_key('Escape')
        wait_for('the dialog to close', lambda: 'Ny omgång' not in [f.name for f in app.frames()])

        press_key('Return')
        round_page = find(app, 'filler', name='UppRoundPage')
        find(round_page, 'label', name='Falun')
        shoot(folder, 'overview.png')

        press_key('Return')
        form = find(app, 'filler', name='UppResponseForm')
        find(form, 'label', contains='Falun')
        shoot(folder, 'form.png')
        # Falun's first answer without its choice: the text suggests one, to accept.
        answer = find(form, 'text', name='Svar på fråga 1')
        click(find(answer.parent, 'push button', contains='Rensa valet'))
        find(answer.parent, 'label', name='Förslag: Klar och undertecknad')
        shoot(folder, 'form-suggestion.png')
        click(find(answer.parent, 'push button', name='Godta'))
        # Accepting puts the focus on the choice: after that, not into the words selected next.
        wait_for('the suggestion to be accepted',
                 lambda: not find_all(answer.parent, 'push button', name='Godta'))
        # The first words of the first answer selected, Ctrl+T: the theme picker, filtered.
        # The answer is below the interview's details, the register and the choices.
        scroll_into_view(answer, height)
        code_words(answer, 4)
        set_text(find(app, 'entry', name='Tema'), 's')
        shoot(folder, 'form-coding.png')
        press_key('Escape')
        click_at(answer)
        # From the first answer, Tab goes to last year's answer; Space opens it, and the
        # focus scrolls it into a small window too.
        find(form, 'label', name='Svar år 2024')
        press_key('Tab')
        press_key('space')
        shoot(folder, 'form-previous.png')
        # The unit's agreements register: one added through its dialog (name, signed, valid
        # from, valid to, note: its text fields in order).
        click(find(form, 'push button', contains='Lägg till överenskommelse'))
        dialog = app.find_window('Ny överenskommelse')
        texts = find_all(dialog, 'text')
        for node, text in zip(texts, ('LÖK Falun 2022–2025', '2021-11-30', '2022-01-01',
                                      '2025-12-31', 'Ska förlängas')):
            set_text(node, text)
        shoot(folder, 'agreement-dialog.png')
        click(find(dialog, 'push button', contains='Spara'))
        wait_for('the dialog to close',
                 lambda: 'Ny överenskommelse' not in [f.name for f in app.frames()])
        # A further interview, added below the first one: its text fields come after the
        # first interview's date and roles.
        click(find(form, 'push button', contains='Lägg till intervju'))
        wait_for('the new interview', lambda: len(detail_texts(form)) >= 5)
        for node, text in zip(detail_texts(form)[2:], ('2025-04-02', 'Socialchef, MAS',
                                                       'Uppföljning av SIP-frågan')):
            set_text(node, text)
        find(form, None, name='LÖK Falun 2022–2025')
        shoot(folder, 'form-interviews.png')
        # The first answer's history: its imported text, then the choice accepted above.
        scroll_into_view(answer, height)
        click(find(form, 'push button', name='Historik för svaret på fråga 1'))
        find(app, 'label', contains='Historik för fråga 1')
        shoot(folder, 'form-history.png')
        press_key('Escape')
        # Personal data typed into an answer: underlined, and the warning under it.
        other = find(form, 'text', name='Svar på fråga 6')
        scroll_into_view(other, height)
        set_text(other, 'Klienten 850412-1230 ringde från 070-123 45 67 om sin SIP.')
        find(form, 'label', contains='personuppgifter')
        shoot(folder, 'form-privacy.png')
        # A long answer typed at the window's edge: it grows and the page follows the cursor.
        click_at(other)
        press_key('End')
        for line in range(1, 13):
            press_key('Return')
            pyatspi.Registry.generateKeyboardEvent(0, f'Rad {line} av ett långt svar',
                                                   pyatspi.KEY_STRING)
            # A line at a time, as typed: a whole answer within the page's glide to the
            # clicked field would be typed before the page could follow.
            time.sleep(0.15)
        shoot(folder, 'form-long-answer.png')
        click(find(form, 'push button', name='Tillbaka till omgången'))

        for tab, name in (('Jämförelse', 'comparison.png'), ('Diagram', 'charts.png'),
                          ('Rapport', 'report.png'), ('Teman', 'themes.png'),
                          ('Kodning', 'coding.png')):
            click_tab(round_page, tab, width)
            shoot(folder, name)
            # The comparison and the charts grouped by county part, and back.
            if name == 'comparison.png':
                shoot_comparison_tools(app, round_page, folder)
            if name in ('comparison.png', 'charts.png'):
                # The comparison's button comes first, also when its page is hidden.
                find(round_page, None, contains='Gruppera efter länsdel')
                group = find_all(round_page, None, contains='Gruppera efter länsdel')[-1]
                if group.getRoleName() == 'label':
                    group = group.parent
                click(group)
                shoot(folder, name.replace('.png', '-grouped.png'))
                click(group)

        # The round's units with their county parts.
        click(find(app, 'push button', name='Omgångsmeny'))
        click(find(app, 'menu item', name='Redigera omgång…'))
        app.find_window('Redigera omgång')
        shoot(folder, 'round-dialog.png')
        press_key('Escape')
        wait_for('the dialog to close',
                 lambda: 'Redigera omgång' not in [f.name for f in app.frames()])

        # The codebook, and one theme's passages in both years (from its matrix column).
        # GTK 4.8 names a button with a mnemonic "_Kodbok Kodbok".
        click_tab(round_page, 'Teman', width)
        click(find(app, 'push button', contains='Kodbok'))
        app.find_window('Kodbok')
        shoot(folder, 'codebook.png')
        press_key('Escape')
        wait_for('the codebook to close', lambda: 'Kodbok' not in [f.name for f in app.frames()])
        click(find(app, 'push button', name='Personalbrist'))
        app.find_window('Kodbok')
        shoot(folder, 'theme-passages.png')
        press_key('Escape')
        press_key('Escape')
        wait_for('the codebook to close', lambda: 'Kodbok' not in [f.name for f in app.frames()])

        # The review of the round's suggested codes.
        click(find(app, 'push button', name='Omgångsmeny'))
        click(find(app, 'menu item', name='Föreslagna koder…'))
        app.find_window('Föreslagna koder')
        shoot(folder, 'suggestions.png')
        press_key('Escape')
        wait_for('the suggestions to close',
                 lambda: 'Föreslagna koder' not in [f.name for f in app.frames()])

        # The themes chart: the region's themes by number of units, both years.
        click_tab(round_page, 'Diagram', width)
        # The themes chart is the last kind in the chart list.
        click(find(find(app, 'combo box', name='Diagram'), 'push button'))
        time.sleep(0.5)
        press_key('End')
        press_key('Return')
        find(app, 'filler', name='Teman efter antal enheter')
        shoot(folder, 'charts-themes.png')
        wait_for('the codebook to close', lambda: 'Kodbok' not in [f.name for f in app.frames()])

        click(find(app, 'push button', name='Omgångsmeny'))
        click(find(app, 'menu item', name='Skicka svar till en kollega…'))
        app.find_window('Skicka svar till en kollega')
        shoot(folder, 'send.png')
        press_key('Escape')
        wait_for('the dialog to close',
                 lambda: 'Skicka svar till en kollega' not in [f.name for f in app.frames()])

        click(find(round_page, 'push button', name='Tillbaka till omgångarna'))
        click(find(app, 'push button', name='Huvudmeny'))
        click(find(app, 'menu item', name='Mallar'))
        find(app, 'filler', name='UppTemplatesPage')
        shoot(folder, 'templates.png')

        shoot_editor(app, folder, height)

        # Every round's answers searched, from the rounds page's search button.
        press_combination('Alt_L', 'Left')
        click(find(app, 'push button', name='Sök i svaren'))
        set_text(find(app, 'entry', name='Sök i alla omgångars svar'), 'överenskommelse')
        find(app, 'label', contains='Rättvik')
        shoot(folder, 'search.png')
        press_key('Escape')
        press_combination('Alt_L', 'Left')
        find(app, 'list', name='Uppföljningsomgångar')
        shoot_windows_and_conflicts(app, db, folder)
    finally:
        app.kill()
    template_forms(folder, width, height, env)
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
# test-narrow-window.py: in Swedish on an 800×600 screen, every view of a round fits the
# window: none makes it wider than the screen (issue 18), which would put the window's own
# buttons and the view's right edge out of reach.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import tempfile
import time

import pyatspi

from uppgui import (KEYCODES, App, TestFailure, find, import_example, press_combination,
                    press_key, run, temp_db)

LANG = 'sv_SE.UTF-8'
WIDTH, HEIGHT = 800, 600
VIEWS = ('Översikt', 'Jämförelse', 'Diagram', 'Rapport', 'Teman', 'Kodning')
for number in range(1, 7):
    KEYCODES[str(number)] = 9 + number


def settings_for(width, height):
    """A keyfile GSettings backend that opens the window at the given size."""
    config = tempfile.mkdtemp(prefix='upp-gui-')
    folder = os.path.join(config, 'glib-2.0', 'settings')
    os.makedirs(folder)
    with open(os.path.join(folder, 'keyfile'), 'w') as keyfile:
        keyfile.write('[se/uppfoljning/Uppfoljning]\n'
                      f'window-width={width}\nwindow-height={height}\n')
    return {'GSETTINGS_BACKEND': 'keyfile', 'XDG_CONFIG_HOME': config}


def window_width(app):
    return app.window.queryComponent().getExtents(pyatspi.WINDOW_COORDS)[2]


def test(apps):
    locales = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.lower()
    if 'sv_se.utf8' not in locales and 'sv_se.utf-8' not in locales:
        raise TestFailure('the sv_SE.UTF-8 locale is missing (build-aux/test generates it)')

    db = temp_db()
    import_example(db)
    app = App(db, lang=LANG, extra_env=settings_for(WIDTH, HEIGHT))
    apps.append(app)

    find(app, 'list', name='Uppföljningsomgångar')
    # The window as opened: 800 px and its frame's few pixels around it.
    opened = window_width(app)
    if opened > WIDTH + 10:
        raise TestFailure(f'the rounds page is {opened} px wide')
    press_key('Return')
    find(app, 'filler', name='UppRoundOverview')
    for number, view in enumerate(VIEWS, start=1):
        press_combination('Alt_L', str(number))
        # Long enough for the view to be laid out and the window to grow if it would.
        time.sleep(1.0)
        width = window_width(app)
        print(f'{view}: {width} px', flush=True)
        if width > opened:
            raise TestFailure(f'“{view}” makes the window {width} px wide, not {opened}')
    app.quit()


if __name__ == '__main__':
    run(test)

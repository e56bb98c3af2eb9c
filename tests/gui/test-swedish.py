#!/usr/bin/python3
# test-swedish.py: with a Swedish locale the window speaks Swedish.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later

from uppgui import (App, TestFailure, click, find, find_all, require_swedish_locale, run,
                    temp_db)

LANG = 'sv_SE.UTF-8'


def test(apps):
    require_swedish_locale()

    db = temp_db()
    app = App(db, lang=LANG)
    apps.append(app)

    rounds_page = find(app, 'filler', name='UppRoundsPage')
    find(rounds_page, 'label', name='Uppföljningsomgångar')
    click(find(rounds_page, 'push button', contains='Öppna exempel'))

    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'label', contains='av 11 besvarade')
    find(overview, 'label', name='Enhet')
    find(app, 'label', name='Översikt')
    for english in ('answered', 'Overview', 'Unit', 'Follow-up Rounds'):
        if any(find_all(frame, 'label', contains=english) for frame in app.frames()):
            raise TestFailure(f'English text “{english}” left in the Swedish window')
    app.quit()


if __name__ == '__main__':
    run(test)

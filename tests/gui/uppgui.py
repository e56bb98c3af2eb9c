# uppgui.py: drives the real Uppföljning window through the accessibility tree (AT-SPI).
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Every wait polls with a timeout instead of sleeping a fixed time, so the tests are as fast
# as the app and fail with a message saying what never appeared.

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

import pyatspi

APP = os.environ.get('UPP_APP', 'uppfoljning')
CLI = os.environ.get('UPP_CLI', 'uppfoljning-cli')
TIMEOUT = float(os.environ.get('UPP_GUI_TIMEOUT', '30'))

# The app and the CLI run with G_DEBUG as every test program does (fatal warnings); this
# driver gets it under another name (tests/meson.build), as the AT-SPI client library in it
# warns on its own when a window goes away, which is no bug of the app.
PROGRAM_ENV = dict(os.environ)
if os.environ.get('UPP_PROGRAM_G_DEBUG'):
    PROGRAM_ENV['G_DEBUG'] = os.environ['UPP_PROGRAM_G_DEBUG']


class TestFailure(Exception):
    pass


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def wait_for(what, predicate, timeout=TIMEOUT, interval=0.1):
    """Calls predicate until it returns something true, and returns that."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = predicate()
            if result:
                return result
        except TestFailure:
            raise
        except Exception as error:  # the tree changes under our feet while the app works
            last_error = error
        time.sleep(interval)
    raise TestFailure(f'timed out after {timeout:.0f} s waiting for {what}'
                      + (f' (last error: {last_error})' if last_error else ''))


def children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def is_showing(node):
    """GTK 4.8 sets no SHOWING state; a widget on a hidden page has an empty extent."""
    try:
        x, y, width, height = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        return width > 0 and height > 0
    except NotImplementedError:
        return True
    except Exception:
        return False


def walk(node, showing_only=True):
    """All descendants of node, depth first, skipping hidden subtrees."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        for child in reversed(children(current)):
            if not showing_only or is_showing(child):
                stack.append(child)


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except Exception:
        return None


def find_all(root, role=None, name=None, contains=None, showing_only=True):
    found = []
    for node in walk(root, showing_only):
        try:
            if role is not None and node.getRoleName() != role:
                continue
            node_name = node.name or ''
            if name is not None and node_name != name:
                continue
            if contains is not None:
                if contains not in node_name and contains not in (text_of(node) or ''):
                    continue
            found.append(node)
        except Exception:
            continue
    return found


def find(root, role=None, name=None, contains=None, timeout=TIMEOUT):
    """The first widget under root that matches, waiting for it. root may be an App: then
    its windows are looked up afresh on every try, as GTK 4.8 sometimes loses a subtree."""
    what = f'{role or "widget"} ' + (f'named “{name}”' if name is not None else
                                     f'showing “{contains}”' if contains is not None else '')

    def look():
        roots = root.frames() if isinstance(root, App) else [root]
        for node in roots:
            found = find_all(node, role, name, contains)
            if found:
                return found[0]
        return None
    return wait_for(what, look, timeout)


def dump(root, out=sys.stderr):
    def rec(node, depth):
        try:
            line = f'{"  " * depth}{node.getRoleName()} “{node.name}”'
            text = text_of(node)
            if text:
                line += f' text=“{text[:60]}”'
        except Exception as error:
            line = f'{"  " * depth}? {error}'
        print(line, file=out)
        for child in children(node):
            if is_showing(child):
                rec(child, depth + 1)
    rec(root, 0)


def do_action(node, *names):
    action = node.queryAction()
    available = [action.getName(i) for i in range(action.nActions)]
    for i, name in enumerate(available):
        if name in names:
            return action.doAction(i)
    raise TestFailure(f'{node.getRoleName()} “{node.name}” has no action {names}, '
                      f'only {available}')


def click(node):
    """Clicks through the widget's accessible action, or with the mouse where GTK 4.8 offers
    none (check and radio buttons)."""
    try:
        if node.queryAction().nActions > 0:
            return do_action(node, 'click', 'activate', 'press', 'toggle')
    except NotImplementedError:
        pass
    click_at(node)


def set_text(node, text):
    """Replaces the text of an entry or text view as typing would."""
    editable = node.queryEditableText()
    editable.setTextContents(text)


KEYSYMS = {'Return': 0xff0d, 'Home': 0xff50, 'End': 0xff57, 'Tab': 0xff09, 'Escape': 0xff1b, 'Page_Up': 0xff55,
           'Page_Down': 0xff56, 'Control_L': 0xffe3, 'space': 0x20}


# Hardware key codes of Xvfb's default (evdev) keyboard, for key combinations.
KEYCODES = {'Control_L': 37, 'Alt_L': 64, 'Page_Up': 112, 'Page_Down': 117, 'Left': 113,
            'Up': 111, 'Down': 116}


def press_key(keyname):
    """A real key press through the X server (XTest), e.g. "Return"."""
    pyatspi.Registry.generateKeyboardEvent(KEYSYMS[keyname], None, pyatspi.KEY_SYM)


def press_combination(modifier, keyname):
    """A key pressed while a modifier is held, e.g. Control_L + Page_Down."""
    pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_PRESS)
    pyatspi.Registry.generateKeyboardEvent(KEYCODES[keyname], None, pyatspi.KEY_PRESSRELEASE)
    pyatspi.Registry.generateKeyboardEvent(KEYCODES[modifier], None, pyatspi.KEY_RELEASE)


def click_at(node):
    """A real mouse click in the middle of node, for rows that offer no action."""
    component = node.queryComponent()
    # GTK 4.8 reports positions in the window; the window sits at the origin of the
    # screen without a window manager.
    x, y, width, height = component.getExtents(pyatspi.WINDOW_COORDS)
    pyatspi.Registry.generateMouseEvent(x + width // 2, y + height // 2, 'b1c')


def parent_pid(pid):
    """The parent of pid, so the app is found also when started through a wrapper (gdb)."""
    try:
        with open(f'/proc/{pid}/stat') as stat:
            return int(stat.read().rsplit(')', 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


class App:
    """One run of the app on a database, found in the accessibility tree by its process id."""

    def __init__(self, db, lang=None, extra_env=None):
        env = dict(PROGRAM_ENV)
        env.setdefault('GSETTINGS_BACKEND', 'memory')
        env['NO_AT_BRIDGE'] = '0'
        env['GTK_A11Y'] = 'atspi'
        if lang is not None:
            env['LANG'] = lang
            env['LC_ALL'] = lang
            env['LANGUAGE'] = ''
        env.update(extra_env or {})
        self.process = subprocess.Popen([APP, '--db', db], env=env)
        self.accessible = wait_for('the app on the accessibility bus', self._find)
        self.window = wait_for('the main window',
                               lambda: next((c for c in children(self.accessible)
                                             if c.getRoleName() == 'frame'), None))

    def _find(self):
        if self.process.poll() is not None:
            raise TestFailure(f'the app exited with {self.process.returncode}')
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                pid = app.get_process_id()
                if pid == self.process.pid or parent_pid(pid) == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def frames(self):
        self.accessible = self._find() or self.accessible
        return [c for c in children(self.accessible) if c.getRoleName() in ('frame', 'dialog')]

    def find_window(self, title, timeout=TIMEOUT):
        """A top-level window by its title, whatever its role: GTK 4.8 shows its own file
        chooser as a "filler"."""
        def look():
            self.frames()  # looks the app up afresh
            for window in children(self.accessible):
                if (window.name or '') == title:
                    return window
            return None
        return wait_for(f'a window titled “{title}”', look, timeout)

    def quit(self, timeout=TIMEOUT):
        """Quits like the session ending does (SIGTERM → app.quit), and checks the exit."""
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise TestFailure('the app did not quit')
        if code != 0:
            raise TestFailure(f'the app exited with {code}')

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def cli(*args, db):
    result = subprocess.run([CLI, '--db', db, *args], capture_output=True, text=True,
                            env=PROGRAM_ENV)
    if result.returncode != 0:
        raise TestFailure(f'uppfoljning-cli {" ".join(args)} failed: {result.stderr}')
    return result.stdout


def temp_db():
    folder = tempfile.mkdtemp(prefix='upp-gui-')
    return os.path.join(folder, 'test.db')


# The Dalarna table, the round the form tests start from.
EXAMPLE = os.path.join(os.environ.get('G_TEST_SRCDIR', os.path.dirname(__file__) + '/..'),
                       'fixtures', 'dalarna.txt')


def import_example(db):
    """Imports the Dalarna table as the round of 2025 into db; returns the round's id."""
    cli('import', '--year', '2025', EXAMPLE, db=db)
    return cli('rounds', db=db).split('\t')[0]


def open_first_form(app):
    """Opens the first round and the interview form of its first unit, as Return twice
    does; returns the form."""
    find(app, 'list', name='Follow-up Rounds')
    press_key('Return')
    overview = find(app, 'filler', name='UppRoundOverview')
    find(overview, 'list', name='GtkColumnListView')
    press_key('Return')
    return find(app, 'filler', name='UppResponseForm')


def saved_answer(db, round_id, unit, question):
    """The answer text in the database, read through the CLI."""
    shown = cli('show', '--round', round_id, '--unit', unit, '--json', db=db)
    for answer in json.loads(shown)['units'][0]['answers']:
        if answer['question'] == question:
            return answer['text']
    raise TestFailure(f'no question {question} in {shown}')

def require_swedish_locale():
    """A test in Swedish needs the locale; build-aux/test generates it."""
    locales = subprocess.run(['locale', '-a'], capture_output=True, text=True).stdout.lower()
    if 'sv_se.utf8' not in locales and 'sv_se.utf-8' not in locales:
        raise TestFailure('the sv_SE.UTF-8 locale is missing (build-aux/test generates it)')


# Roles whose name comes from a label with a mnemonic.
MNEMONIC_ROLES = {'push button', 'toggle button', 'menu item', 'check box', 'radio button',
                  'page tab', 'check menu item', 'radio menu item'}
REPEATED_WORD = re.compile(r'\b(\w+)\s+\1\b', re.IGNORECASE)
REPEATED_NAME = re.compile(r'^(.+)\s+\1$')


def check_names(root, where, showing_only=True):
    """No name under root shows a mnemonic's underscore or says a word, or itself, twice
    (a label given twice); returns how many names were checked."""
    checked = 0
    for node in walk(root, showing_only=showing_only):
        name = node.name or ''
        checked += 1
        if '_' in name and node.getRoleName() in MNEMONIC_ROLES:
            raise TestFailure(f'{where}: {node.getRoleName()} named “{name}” shows its mnemonic')
        if REPEATED_WORD.search(name) or REPEATED_NAME.match(name):
            raise TestFailure(f'{where}: {node.getRoleName()} named “{name}” says it twice')
    return checked


def run(test):
    """Runs one test function; prints the tree of the window when it fails."""
    app_holder = []
    try:
        test(app_holder)
    except Exception:
        for app in app_holder:
            try:
                for frame in app.frames():
                    dump(frame)
            except Exception:
                pass
        # What the screen showed, for whoever reads the failure.
        shot = os.path.join(os.environ.get('G_TEST_BUILDDIR', tempfile.gettempdir()),
                            os.path.basename(sys.argv[0]).replace('.py', '-failure.png'))
        if subprocess.call(['import', '-window', 'root', shot],
                           stderr=subprocess.DEVNULL) == 0:
            log(f'screenshot of the failure: {shot}')
        raise
    finally:
        for app in app_holder:
            app.kill()
    log('ok')

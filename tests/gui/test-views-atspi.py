#!/usr/bin/python3
# test-views-atspi.py: the comparison view as a screen reader sees it, in Swedish
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts tests/gui/views-harness on a fresh database with the Dalarna example imported and
# reads every cell of the matrix through AT-SPI: 11 units × 6 questions, each compared with
# the answer stored in the database. Then searches and checks the rows that remain.
# Run under `xvfb-run -a dbus-run-session`; exits 77 (skip) without a display.

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

SKIP = 77


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    print("No display; skipping.")
    sys.exit(SKIP)

try:
    import pyatspi
except ImportError:
    print("pyatspi missing; skipping.")
    sys.exit(SKIP)

harness = os.environ.get("UPP_VIEWS_HARNESS")
srcdir = os.environ.get("G_TEST_SRCDIR", os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
fixture = os.path.join(srcdir, "fixtures", "dalarna.txt")
if not harness or not os.path.exists(harness):
    fail("UPP_VIEWS_HARNESS does not name the harness program")

swedish = "sv_se.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
NO_ANSWER = "Inget svar" if swedish else "No answer"


def text_of(node):
    try:
        text = node.queryText()
        return text.getText(0, text.characterCount)
    except NotImplementedError:
        return node.name


def walk(node):
    yield node
    for child in node:
        if child is not None:
            yield from walk(child)


def find(root, predicate, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        for node in walk(root):
            try:
                if predicate(node):
                    return node
            except Exception:
                pass
        time.sleep(0.3)
    return None


def find_app(name, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name == name:
                return app
        time.sleep(0.3)
    return None


def cell_labels(table):
    """Rows of the table's list, each a list of the label texts of its cells."""
    body = [child for child in table if child is not None and child.getRole() == pyatspi.ROLE_LIST]
    if not body:
        return []
    rows = []
    for row in body[0]:
        # Rows come and go while a filter runs; a vanished one is skipped and polled again.
        if row is None:
            continue
        cells = []
        for cell in row:
            if cell is None or cell.getRole() != pyatspi.ROLE_TABLE_CELL:
                continue
            labels = [n for n in walk(cell) if n.getRole() == pyatspi.ROLE_LABEL]
            # A long answer is cut where the cell's lines end, marked "…"; its accessible
            # name is the whole answer, which is what a screen reader reads. The cell draws
            # its text itself: without a text interface, what it shows is its name.
            shown = text_of(labels[0]) if labels else None
            if shown is not None and shown not in ('—', NO_ANSWER):
                # Shown as one paragraph: line breaks are line separators (U+2028).
                visible = shown.replace('\u2028', '\n')
                name = labels[0].name
                if visible == name or (visible.endswith('…') and name.startswith(visible[:-1])):
                    shown = name
                else:
                    shown = 'shows %r but is named %r' % (visible, name)
            cells.append(shown)
        rows.append(cells)
    return rows


def expected_answers(db_path):
    db = sqlite3.connect(db_path)
    (template_json,) = db.execute(
        "SELECT t.json FROM rounds r JOIN templates t ON t.id = r.template_id").fetchone()
    keys = [q["key"] for q in json.loads(template_json)["questions"]]
    answers = {}
    for unit, key, text in db.execute(
            "SELECT u.name, a.question_key, a.text FROM answers a "
            "JOIN responses p ON p.id = a.response_id JOIN units u ON u.id = p.unit_id"):
        answers[(unit, key)] = text.rstrip()
    units = [name for (name,) in db.execute(
        "SELECT u.name FROM responses p JOIN units u ON u.id = p.unit_id")]
    return keys, units, answers


def expected_questions(db_path):
    db = sqlite3.connect(db_path)
    (template_json,) = db.execute(
        "SELECT t.json FROM rounds r JOIN templates t ON t.id = r.template_id").fetchone()
    return json.loads(template_json)["questions"]


def main():
    workdir = tempfile.mkdtemp(prefix="upp-views-atspi-")
    db_path = os.path.join(workdir, "views.db")
    env = dict(os.environ)
    # G_DEBUG for the harness, not for this driver (see tests/gui/uppgui.py).
    if os.environ.get("UPP_PROGRAM_G_DEBUG"):
        env["G_DEBUG"] = os.environ["UPP_PROGRAM_G_DEBUG"]
    env["NO_AT_BRIDGE"] = "0"
    env["GTK_A11Y"] = "atspi"
    if swedish:
        env["LANG"] = env["LC_ALL"] = "sv_SE.UTF-8"
        env.pop("LANGUAGE", None)
    process = subprocess.Popen([harness, "--db", db_path, "--import-dalarna", fixture,
                                "--widget", "comparison"], env=env)
    try:
        app = find_app("views-harness")
        if app is None:
            fail("the harness window did not appear on the accessibility bus")

        search_name = "Sök i svaren" if swedish else "Search answers"
        matrix_name = "Svar per enhet och fråga" if swedish else "Answers by unit and question"
        units_name = "Enheter" if swedish else "Units"

        matrix = find(app, lambda n: n.getRole() == pyatspi.ROLE_TREE_TABLE and n.name == matrix_name)
        units_table = find(app, lambda n: n.getRole() == pyatspi.ROLE_TREE_TABLE and n.name == units_name)
        if matrix is None or units_table is None:
            fail("no matrix named %r and unit column named %r" % (matrix_name, units_name))

        keys, units, answers = expected_answers(db_path)
        if len(keys) != 6 or len(units) != 11:
            fail("the example round should have 6 questions and 11 units, not %d and %d"
                 % (len(keys), len(units)))

        # Rows appear once the list has been laid out.
        end = time.time() + 10
        rows = unit_rows = []
        while time.time() < end:
            rows = cell_labels(matrix)
            unit_rows = cell_labels(units_table)
            if len(rows) == 11 and len(unit_rows) == 11 and all(len(r) == 7 for r in rows):
                break
            time.sleep(0.3)
        if len(rows) != 11 or len(unit_rows) != 11:
            fail("expected 11 rows, found %d in the matrix and %d unit names" % (len(rows), len(unit_rows)))

        found = 0
        for unit_row, row in zip(unit_rows, rows):
            unit = unit_row[0]
            if unit not in units:
                fail("row for unknown unit %r (%r)" % (unit, unit_rows))
            if len(row) != 1 + len(keys):
                fail("row %s has %d cells, expected a status and %d answers" % (unit, len(row), len(keys)))
            for key, shown in zip(keys, row[1:]):
                want = answers.get((unit, key), "")
                if want == "":
                    # The dash of an empty cell is read as words.
                    if shown != NO_ANSWER:
                        fail("%s/%s should be empty, shows %r" % (unit, key, shown))
                elif shown != want:
                    fail("%s/%s shows %r, expected %r" % (unit, key, shown, want))
                found += 1
        if found != 66:
            fail("found %d cells, expected 66" % found)
        print("ok: all 66 cells of the Dalarna round read through AT-SPI")

        # The header names each question by its short label and describes it with its text.
        questions = expected_questions(db_path)
        titles = [n for n in walk(matrix) if n.getRoleName() == "filler"
                  and any(c is not None and c.getRole() == pyatspi.ROLE_LABEL for c in walk(n))
                  and n.description]
        described = {n.description for n in titles}
        for question in questions:
            if question["text"] not in described:
                fail("no column header described by the question %r" % question["text"])
        print("ok: every question's column header carries its full text")

        # Swedish: the filter widgets and the count speak Swedish.
        entry = find(app, lambda n: n.getRole() == pyatspi.ROLE_ENTRY and n.name == search_name, 5)
        if entry is None:
            fail("no search entry named %r" % search_name)
        count = find(app, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                     and text_of(n).startswith("11 av 11" if swedish else "11 of 11"), 5)
        if count is None:
            fail("no label counting 11 of 11 units")
        if swedish:
            print("ok: Swedish text in the window:", text_of(count))

        # Search: type into the entry; the rows that stay all contain the word.
        needle = "synergi"
        entry.queryEditableText().setTextContents(needle)
        expected_units = {u for u in units
                          if needle in u.lower()
                          or any(needle in answers.get((u, k), "").lower() for k in keys)}
        end = time.time() + 10
        while time.time() < end:
            try:
                shown_units = {r[0] for r in cell_labels(units_table) if r}
            except Exception:  # a row disposed between listing and reading it
                shown_units = None
            if shown_units == expected_units:
                break
            time.sleep(0.3)
        if shown_units != expected_units:
            fail("searching %r shows %s, expected %s" % (needle, sorted(shown_units), sorted(expected_units)))
        if not 0 < len(expected_units) < 11:
            fail("the search word should match some units but not all")
        print("ok: searching %r leaves %d units" % (needle, len(expected_units)))
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(workdir, ignore_errors=True)


main()

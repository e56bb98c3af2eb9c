#!/usr/bin/python3
"""uppfoljning-cli end to end: the Dalarna import read back identical to the source text,
and bad input that exits non-zero with one message and leaves the database as it was."""

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unittest

CLI = os.environ.get("UPP_CLI", "uppfoljning-cli")
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
DALARNA = os.path.join(FIXTURES, "dalarna.txt")


def read_dalarna_table(path):
    """An independent reader of the Word-table text: a tab starts a cell, a line without one
    continues the cell before it, a blank line ends a unit. Returns [(name, [cells])]."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = lines.index("\tFalun")
    units, cells = [], []
    blank_before = False
    for line in lines[start:]:
        if line == "":
            blank_before = True
            continue
        if line.startswith("\t"):
            if blank_before and cells:
                units.append(cells)
                cells = []
            cells.append([line[1:].rstrip()])
        else:
            cells[-1].append(line.rstrip())
        blank_before = False
    units.append(cells)
    return [("\n".join(c[0]).strip(), ["\n".join(cell).rstrip() for cell in c[1:]])
            for c in units]


def run(*args, db=None, check=True):
    command = [CLI] + (["--db", db] if db else []) + list(args)
    result = subprocess.run(command, capture_output=True, text=True,
                            env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    if check and result.returncode != 0:
        raise AssertionError(f"{command} failed: {result.stderr}")
    return result


def dump(db):
    connection = sqlite3.connect(db)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


class DalarnaImport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        result = run("import", "--year", "2023", DALARNA, db=self.db)
        self.assertIn("Imported 11 units", result.stdout)
        self.round_id = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def test_rounds_line(self):
        lines = run("rounds", db=self.db).stdout.splitlines()
        self.assertEqual(len(lines), 1)
        fields = lines[0].split("\t")
        self.assertEqual(len(fields), 6)
        self.assertRegex(fields[0], r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(fields[1:], ["2023", "Region Dalarna", "Uppföljning LÖK 2023", "11", "10"])

    def test_show_json_identical_to_source(self):
        expected = read_dalarna_table(DALARNA)
        shown = json.loads(run("show", "--round", self.round_id, "--json", db=self.db).stdout)
        self.assertEqual(len(shown["units"]), 11)
        cells = 0
        for (name, answers), unit in zip(expected, shown["units"]):
            self.assertEqual(unit["name"], name)
            self.assertEqual(len(unit["answers"]), 6)
            answers = answers + [""] * (6 - len(answers))
            for want, got in zip(answers, unit["answers"]):
                self.assertEqual(got["text"], want, f"{name} / {got['question']}")
                cells += 1
        self.assertEqual(cells, 66)

    def test_show_text_has_every_answer(self):
        text = run("show", "--round", self.round_id, db=self.db).stdout
        for name, answers in read_dalarna_table(DALARNA):
            self.assertIn(f"## {name}\n", text)
            for answer in answers:
                if answer:
                    self.assertIn(answer + "\n", text)

    def test_show_one_unit(self):
        text = run("show", "--round", self.round_id, "--unit", "leksand", db=self.db).stdout
        self.assertIn("## Leksand\n", text)
        self.assertNotIn("## Rättvik", text)
        self.assertIn("Klart, men inte påskrivet ännu.\n", text)

    def test_answer_sets_text_and_choices(self):
        run("answer", "--round", self.round_id[:8], "--unit", "Leksand", "--question", "agreement",
            "--choice", "ready_unsigned", db=self.db)
        run("answer", "--round", self.round_id, "--unit", "Leksand", "--question", "structure",
            "--choice", "strategic", "--choice", "operative", db=self.db)
        run("answer", "--round", self.round_id, "--unit", "Leksand", "--question", "other",
            "--text", "=1+1\nrad två", db=self.db)
        shown = json.loads(run("show", "--round", self.round_id, "--unit", "Leksand", "--json",
                               db=self.db).stdout)
        answers = {a["question"]: a for a in shown["units"][0]["answers"]}
        self.assertEqual(answers["agreement"]["choices"], ["ready_unsigned"])
        self.assertEqual(answers["agreement"]["text"], "Klart, men inte påskrivet ännu.")
        self.assertEqual(answers["structure"]["choices"], ["strategic", "operative"])
        self.assertEqual(answers["other"]["text"], "=1+1\nrad två")

    def assert_refused(self, args, status=None, db=None):
        db = db or self.db
        before = dump(db)
        result = run(*args, db=db, check=False)
        self.assertNotEqual(result.returncode, 0, args)
        if status is not None:
            self.assertEqual(result.returncode, status, args)
        message = result.stderr.strip().splitlines()
        self.assertTrue(message, f"no message for {args}")
        self.assertTrue(message[0].startswith("uppfoljning-cli: "), message)
        self.assertEqual(dump(db), before, f"{args} changed the database")
        return result.stderr

    def test_bad_input_changes_nothing(self):
        r = self.round_id
        self.assertIn("no choice “maybe”", self.assert_refused(
            ["answer", "--round", r, "--unit", "Falun", "--question", "agreement", "--choice", "maybe"], 1))
        self.assert_refused(["answer", "--round", r, "--unit", "Falun", "--question", "agreement",
                             "--choice", "signed", "--choice", "planned"], 1)
        self.assertIn("no unit called", self.assert_refused(
            ["answer", "--round", r, "--unit", "Atlantis", "--question", "other", "--text", "x"], 1))
        self.assert_refused(["answer", "--round", r, "--unit", "Falun", "--question", "nope",
                             "--text", "x"], 1)
        self.assert_refused(["answer", "--round", r, "--unit", "Falun"], 2)
        self.assertIn("no round", self.assert_refused(
            ["show", "--round", "00000000-dead-beef-0000-000000000000"], 1))
        self.assert_refused(["show"], 1)
        self.assert_refused(["import", os.path.join(self.tmp.name, "missing.txt")], 1)
        self.assertIn("already has the round", self.assert_refused(
            ["import", "--year", "2023", DALARNA], 1))
        self.assert_refused(["import", "--year", "twenty", DALARNA], 2)
        self.assert_refused(["import", "--year", "23", DALARNA], 2)
        self.assert_refused(["frobnicate"], 2)
        self.assert_refused(["rounds", "extra"], 2)
        not_a_table = os.path.join(self.tmp.name, "notes.txt")
        with open(not_a_table, "w", encoding="utf-8") as f:
            f.write("Anteckningar från mötet\n")
        self.assertIn("notes.txt", self.assert_refused(["import", not_a_table], 1))


class DatabaseFiles(unittest.TestCase):
    def test_newer_database_refused_untouched(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "future.db")
            connection = sqlite3.connect(db)
            connection.execute("CREATE TABLE t (x)")
            connection.execute("PRAGMA user_version = 42")
            connection.commit()
            connection.close()
            with open(db, "rb") as f:
                before = f.read()
            result = run("rounds", db=db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertIn("newer version", result.stderr)
            with open(db, "rb") as f:
                self.assertEqual(f.read(), before)

    def test_not_a_database(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "notes.db")
            with open(db, "w") as f:
                f.write("x" * 5000)
            result = run("rounds", db=db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1)
            self.assertIn("not an Uppföljning database", result.stderr)

    def test_new_database_is_private(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "new.db")
            self.assertEqual(run("rounds", db=db).stdout, "")
            self.assertEqual(os.stat(db).st_mode & 0o777, 0o600)


if __name__ == "__main__":
    unittest.main(verbosity=2)

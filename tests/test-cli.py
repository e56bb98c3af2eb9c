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

from clitest import CLI, DALARNA, FIXTURES, dump, run


# Gagnef's only cell: the unit did not answer, which is its status and no answer text.
NO_ANSWER = "Har ej fått in svar"


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


class DalarnaImport(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        result = run("import", "--year", "2023", DALARNA, db=self.db)
        self.assertIn("Imported 11 units", result.stdout)
        self.assertIn("10 of 11 units answered. No answer received from Gagnef.\n",
                      result.stdout)
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

    def test_round_by_any_unique_prefix(self):
        # As the README says: any unique prefix, three characters or one.
        for length in (1, 3, 8):
            shown = json.loads(run("show", "--round", self.round_id[:length], "--json",
                                   db=self.db).stdout)
            self.assertEqual(shown["round"]["id"], self.round_id)
        # Two rounds whose ids start alike: a prefix both share is refused with one line.
        run("import", "--year", "2024", DALARNA, db=self.db)
        ids = [line.split("\t")[0] for line in run("rounds", db=self.db).stdout.splitlines()]
        shared = os.path.commonprefix(ids)
        if shared:
            result = run("show", "--round", shared, db=self.db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertIn("matches 2 rounds", result.stderr)

    def test_swedish_from_the_build_tree(self):
        # Without UPP_LOCALEDIR the CLI of an uninstalled build finds the build's translations.
        if "sv_se.utf8" not in subprocess.run(["locale", "-a"], capture_output=True,
                                              text=True).stdout.lower():
            self.skipTest("no sv_SE.UTF-8 locale")
        env = {k: v for k, v in os.environ.items() if k != "UPP_LOCALEDIR"}
        env.update(LANG="sv_SE.UTF-8", LC_ALL="sv_SE.UTF-8", LANGUAGE="")
        result = subprocess.run([CLI, "--help"], capture_output=True, text=True, env=env)
        self.assertIn("Kommandon:", result.stdout)

    def test_show_json_identical_to_source(self):
        expected = read_dalarna_table(DALARNA)
        shown = json.loads(run("show", "--round", self.round_id, "--json", db=self.db).stdout)
        self.assertEqual(len(shown["units"]), 11)
        cells = 0
        for (name, answers), unit in zip(expected, shown["units"]):
            self.assertEqual(unit["name"], name)
            self.assertEqual(len(unit["answers"]), 6)
            answers = answers + [""] * (6 - len(answers))
            self.assertEqual(unit["status"], "no_answer" if NO_ANSWER in answers else "done")
            answers = ["" if answer == NO_ANSWER else answer for answer in answers]
            for want, got in zip(answers, unit["answers"]):
                self.assertEqual(got["text"], want, f"{name} / {got['question']}")
                cells += 1
        self.assertEqual(cells, 66)

    def test_show_text_has_every_answer(self):
        text = run("show", "--round", self.round_id, db=self.db).stdout
        for name, answers in read_dalarna_table(DALARNA):
            self.assertIn(f"## {name}\n", text)
            for answer in answers:
                if answer and answer != NO_ANSWER:
                    self.assertIn(answer + "\n", text)
        self.assertIn("## Gagnef\nStatus: No answer received\n", text)
        self.assertNotIn(NO_ANSWER, text)

    def test_csv_of_the_same_table_agrees(self):
        """The table saved as CSV by Excel: the same units, statuses, answer texts and counts
        (the example's text import also accepts the codes its texts suggest, so codes are
        not compared)."""
        csv_db = os.path.join(self.tmp.name, "csv.db")
        result = run("import", "--year", "2023", os.path.join(FIXTURES, "csv", "dalarna-table.csv"),
                     db=csv_db)
        self.assertIn("Imported 11 units and 43 answers", result.stdout)
        self.assertIn("10 of 11 units answered. No answer received from Gagnef.\n",
                      result.stdout)
        csv_round = run("rounds", db=csv_db).stdout.split("\t")[0]

        def units(db, round_id):
            listed = json.loads(run("units", "--round", round_id, "--json", db=db).stdout)
            return [{k: v for k, v in unit.items() if k != "id"} for unit in listed]

        def texts(db, round_id):
            shown = json.loads(run("show", "--round", round_id, "--json", db=db).stdout)
            return [[unit["name"]] + [answer["text"] for answer in unit["answers"]]
                    for unit in shown["units"]]

        from_text = units(self.db, self.round_id)
        self.assertEqual(units(csv_db, csv_round), from_text)
        gagnef = [unit for unit in from_text if unit["name"] == "Gagnef"][0]
        self.assertEqual((gagnef["status"], gagnef["answered"]), ("no_answer", 0))
        self.assertEqual(texts(csv_db, csv_round), texts(self.db, self.round_id))
        self.assertEqual(run("rounds", db=csv_db).stdout.split("\t")[-2:],
                         run("rounds", db=self.db).stdout.split("\t")[-2:])

    def test_one_unit_said_in_the_singular(self):
        """A table of one unit with one answer is "1 unit and 1 answer", not "1 units"."""
        path = os.path.join(self.tmp.name, "one.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("Enhet;Har ni tecknat en lokal överenskommelse?\nFalun;Ja, i våras.\n")
        db = os.path.join(self.tmp.name, "one.db")
        result = run("import", "--year", "2023", "--region", "20", "--dry-run", path, db=db)
        self.assertIn("Would import 1 unit and 1 answer as a new round", result.stdout)
        result = run("import", "--year", "2023", "--region", "20", path, db=db)
        self.assertIn("Imported 1 unit and 1 answer into round ", result.stdout)

    def test_csv_exported_in_swedish_agrees(self):
        """The round exported as CSV by the CLI in Swedish and imported in English: Gagnef's
        "Inget svar inkommet" is its status, not an unknown one left out."""
        import locale
        try:
            locale.setlocale(locale.LC_ALL, "sv_SE.UTF-8")
        except locale.Error:
            self.skipTest("no Swedish locale")
        finally:
            locale.setlocale(locale.LC_ALL, "C.UTF-8")
        exported = os.path.join(self.tmp.name, "svenska.csv")
        subprocess.run([CLI, "--db", self.db, "export", "--round", self.round_id, "--format",
                        "csv", "-o", exported], check=True, capture_output=True,
                       env=dict(os.environ, LANG="sv_SE.UTF-8", LC_ALL="sv_SE.UTF-8"))
        with open(exported, encoding="utf-8-sig") as f:
            self.assertIn(";Gagnef;Inget svar inkommet;", f.read())
        csv_db = os.path.join(self.tmp.name, "csv.db")
        result = run("import", "--year", "2023", exported, db=csv_db)
        self.assertEqual(result.stderr, "")
        listed = run("units", "--round", run("rounds", db=csv_db).stdout.split("\t")[0],
                     db=csv_db).stdout
        self.assertEqual(listed, run("units", "--round", self.round_id, db=self.db).stdout)

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

    def test_damaged_pages_refused_before_any_change(self):
        # The header and the first pages read; the last ones do not. Commands read without
        # reading the file whole, but nothing is written or backed up before a check of the
        # whole file, and that check refuses it.
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "damaged.db")
            run("import", "--year", "2023", DALARNA, db=db)
            connection = sqlite3.connect(db)
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
            size = os.path.getsize(db)
            with open(db, "r+b") as f:
                f.seek(size - 4 * 4096)
                f.write(b"\x5a" * 4 * 4096)
            with open(db, "rb") as f:
                before = f.read()
            backups = sorted(os.listdir(os.path.join(tmp, "backups")))

            result = run("import", "--year", "2024", DALARNA, db=db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1)
            self.assertIn("is damaged", result.stderr)

            # The first command of a day makes the day's backup: not of a damaged file.
            for name in backups:
                os.unlink(os.path.join(tmp, "backups", name))
            result = run("rounds", db=db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1)
            self.assertIn("is damaged", result.stderr)
            self.assertEqual(os.listdir(os.path.join(tmp, "backups")), [])
            with open(db, "rb") as f:
                self.assertEqual(f.read(), before)

    def test_new_database_is_private(self):
        with tempfile.TemporaryDirectory() as tmp:
            db = os.path.join(tmp, "new.db")
            self.assertEqual(run("rounds", db=db).stdout, "")
            self.assertEqual(os.stat(db).st_mode & 0o777, 0o600)


class ImporterRefusals(unittest.TestCase):
    """CSV and Word-text imports: bad files get one line naming the file and exit 1, dry runs
    change nothing, and neither leaves a byte of the database or a backup behind."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2023", DALARNA, db=self.db)

    def tearDown(self):
        self.tmp.cleanup()

    def state(self):
        """The database's bytes (and its WAL's, if one was left) and the backups folder."""
        files = {}
        for suffix in ("", "-wal"):
            path = self.db + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    files[suffix] = f.read()
        backups = os.path.join(self.tmp.name, "backups")
        return files, sorted(os.listdir(backups)) if os.path.isdir(backups) else []

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_import_refused(self, name, data, expected, *options):
        path = self.write(name, data)
        before = self.state()
        result = run("import", *options, path, db=self.db, check=False)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(result.returncode, 1, f"{name}: {result.stdout} {result.stderr}")
        self.assertEqual(len(lines), 1, f"{name}: {result.stderr}")
        self.assertIn(path, lines[0])
        self.assertIn(expected, lines[0])
        self.assertEqual(result.stdout, "")
        self.assertTrue(self.state() == before, f"{name} changed the database or its backups")

    def test_nul_byte(self):
        self.assert_import_refused(
            "nul.csv", "Enhet;1\nFalun;Ja\nBorlänge;\0Nej\nMora;Nej\n".encode(),
            "NUL byte on line 3", "--region", "Dalarna", "--year", "2030")

    def test_damaged_utf8(self):
        data = "Enhet;1\nFalun;Ja, så\n".encode() + b"Borl\xe4nge;Nej\nMora;\xc3\xa5\n"
        self.assert_import_refused("damaged.csv", data, "line 3 (byte offset 26)",
                                   "--region", "Dalarna", "--year", "2030")
        text = open(DALARNA, "rb").read().replace("Säter".encode(), b"S\xe4ter", 1)
        self.assert_import_refused("damaged.txt", text, "line ", "--year", "2030")

    def test_errors_name_the_file(self):
        cases = [
            ("empty.csv", b"", "empty"),
            ("header-only.csv", "Enhet;1;2\r\n".encode(), "no rows"),
            ("unclosed.csv", 'Enhet;1\nFalun;"Ja\n'.encode(), "never closed"),
            ("no-unit.csv", "1;2\nJa;Nej\n".encode(), "unit names"),
            ("no-questions.csv", "Enhet;Färg\nFalun;röd\n".encode(), "No column matches"),
            ("duplicate.csv", "Enhet;1;Fråga 1\nFalun;Ja;Nej\n".encode(), "Columns 2 and 3"),
            ("wide.csv", ("Enhet;" + ";".join(f"c{i}" for i in range(1, 100000)) + "\nFalun" +
                          ";x" * 99999 + "\n").encode(), "No column matches"),
            ("long-line.csv", b"x" * (10 * 1024 * 1024), "No column is headed"),
            ("no-unit-heading.csv", "Färg;1\nröd;Ja\n".encode(), "No column is headed"),
            ("png.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", "not a text file"),
            ("png.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01", "not a text file"),
            ("no-questions.txt", "\tRegion Dalarna\n\t\n\n\tFalun\n\tJa\n".encode(),
             "numbered questions"),
            ("empty.txt", b"", "empty"),
        ]
        for name, data, expected in cases:
            with self.subTest(name):
                self.assert_import_refused(name, data, expected, "--region", "Dalarna",
                                           "--year", "2030")

    def test_not_a_file(self):
        before = self.state()
        for path in ("/dev/zero", self.tmp.name):
            result = run("import", "--year", "2030", path, db=self.db, check=False)
            lines = result.stderr.strip().splitlines()
            self.assertEqual(result.returncode, 1)
            self.assertEqual(len(lines), 1, lines)
            self.assertIn(path, lines[0])
        self.assertTrue(self.state() == before)

    def test_text_in_utf16_as_csv_is(self):
        text = open(DALARNA, encoding="utf-8").read()
        for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
            path = self.write(f"dalarna-{encoding}.txt", bom + text.encode(encoding))
            result = run("import", "--year", "2031", "--dry-run", path, db=self.db)
            self.assertIn("Would import 11 units and 43 answers", result.stdout)

    def test_dry_run_changes_nothing(self):
        csv = os.path.join(FIXTURES, "csv-table-utf8.csv")
        backups = os.path.join(self.tmp.name, "backups")
        for path, options in ((csv, ["--year", "2030"]), (DALARNA, ["--year", "2030"])):
            with self.subTest(os.path.basename(path)):
                # As on the first use of a day: not even the day's backup is written.
                for name in os.listdir(backups):
                    if "-daily-" in name:
                        os.unlink(os.path.join(backups, name))
                before = self.state()
                result = run("import", "--dry-run", *options, path, db=self.db)
                self.assertRegex(result.stdout, r"^Would import \d+ units and \d+ answers")
                self.assertTrue(self.state() == before, "a dry run changed the database")
                self.assertEqual(len(run("rounds", db=self.db).stdout.splitlines()), 1)
        # What the dry run said is what the import then does.
        dry = run("import", "--dry-run", "--year", "2030", csv, db=self.db).stdout
        real = run("import", "--year", "2030", csv, db=self.db).stdout
        self.assertEqual(re.findall(r"\d+ units and \d+ answers", dry),
                         re.findall(r"\d+ units and \d+ answers", real))
        # A dry run of what would be refused is refused the same way.
        self.assert_import_refused("again.csv", open(csv, "rb").read(), "already has the round",
                                   "--dry-run", "--year", "2030")


class NonAsciiArguments(unittest.TestCase):
    """Text options are UTF-8 whatever the locale; invalid UTF-8 is refused with one line."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2023", DALARNA, db=self.db)
        self.round_id = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def run_c(self, *args):
        """The CLI under LC_ALL=C, arguments as bytes."""
        command = [CLI.encode(), b"--db", self.db.encode()]
        command += [a if isinstance(a, bytes) else a.encode() for a in args]
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
        env.update(LANG="C", LC_ALL="C")
        return subprocess.run(command, capture_output=True, env=env)

    def test_answer_and_show_under_c_locale(self):
        result = self.run_c("answer", "--round", self.round_id, "--unit", "Malung-Sälen",
                            "--question", "other", "--text", "Åsa är här")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = self.run_c("show", "--round", self.round_id, "--unit", "Malung-Sälen",
                            "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        shown = json.loads(result.stdout.decode("utf-8"))
        answers = {a["question"]: a["text"] for a in shown["units"][0]["answers"]}
        self.assertEqual(answers["other"], "Åsa är här")
        self.assertIn("Åsa är här", self.run_c("show", "--round", self.round_id, "--unit",
                                               "Malung-Sälen").stdout.decode("utf-8"))

    def test_region_under_c_locale(self):
        table = os.path.join(self.tmp.name, "jönköping.csv")
        with open(table, "w", encoding="utf-8") as f:
            f.write("Enhet;1\nJönköping;Ja\nVärnamo;Nej\n")
        result = self.run_c("import", "--region", "Region Jönköpings län", "--year", "2024",
                            table)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Region Jönköpings län", run("rounds", db=self.db).stdout)

    def test_invalid_utf8_refused(self):
        with open(self.db, "rb") as f:
            before = f.read()
        for args in (["--unit", b"Malung-S\xe4len", "--text", "x"],
                     ["--unit=Falun", "--text", b"\xff\xfe"]):
            result = self.run_c("answer", "--round", self.round_id, "--question", "other",
                                *args)
            lines = result.stderr.decode("utf-8").strip().splitlines()
            self.assertEqual(result.returncode, 2, lines)
            self.assertEqual(len(lines), 1, lines)
            self.assertIn("not UTF-8", lines[0])
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)

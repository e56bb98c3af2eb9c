#!/usr/bin/python3
"""uppfoljning-cli code (issue 13): --suggest prints the codes that the answers' texts
suggest, one line each, and changes nothing; --accept sets them all after a backup, in one
transaction; the example is imported coded. Refused commands print one line, exit 1 (2 for
wrong arguments) and leave the database file byte-identical."""

import glob
import json
import os
import shutil
import tempfile
import unittest

from clitest import DALARNA, dump, read_bytes, run

EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data",
                       "dalarna-example.txt")


class Code(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        # Not the example byte for byte, so that it is imported uncoded as any table is.
        table = os.path.join(self.tmp.name, "dalarna.txt")
        shutil.copy(DALARNA, table)
        with open(table, "a", encoding="utf-8") as f:
            f.write("\n")
        run("import", "--year", "2025", table, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def codes(self):
        shown = json.loads(run("show", "--round", self.round, "--json", db=self.db).stdout)
        return {(unit["name"], answer["question"]): answer.get("choices", [])
                for unit in shown["units"] for answer in unit.get("answers", [])}

    def assert_refused(self, *args, code=1, says=None):
        before = read_bytes(self.db)
        result = run(*args, db=self.db, check=False)
        self.assertEqual(result.returncode, code, f"{args}: {result.stderr}")
        self.assertEqual(len(result.stderr.splitlines()), 1, f"{args}: {result.stderr!r}")
        self.assertTrue(result.stderr.startswith("uppfoljning-cli: "), result.stderr)
        if says is not None:
            self.assertIn(says, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(read_bytes(self.db), before, f"{args} changed the database")

    def test_suggest_changes_nothing(self):
        before = dump(self.db)
        lines = run("code", "--round", self.round[:8], "--suggest",
                    db=self.db).stdout.splitlines()
        self.assertEqual(dump(self.db), before)
        self.assertEqual(len(lines), 24)
        rows = [line.split("\t") for line in lines]
        self.assertTrue(all(len(row) == 5 for row in rows), rows)
        self.assertIn(["Falun", "agreement", "in_progress", "Arbete pågår", "pågår"], rows)
        self.assertIn(["Leksand", "agreement", "ready_unsigned", "Klar, inte undertecknad",
                       "inte påskrivet"], rows)
        self.assertIn(["Rättvik", "structure", "strategic,operative",
                       "Strategisk nivå (styrgrupp), Operativ nivå (t.ex. IBM)",
                       "Styrgrupp; operativ nivå"], rows)
        self.assertNotIn("Gagnef", [row[0] for row in rows])
        # Suggestions are not codes.
        self.assertFalse(any(self.codes().values()))

    def test_suggest_json(self):
        listed = json.loads(run("code", "--round", self.round, "--suggest", "--json",
                                db=self.db).stdout)
        self.assertEqual(len(listed), 24)
        self.assertEqual(listed[0], {"unit": "Falun", "question": "agreement",
                                     "choices": ["in_progress"], "label": "Arbete pågår",
                                     "matched": "pågår"})

    def test_accept(self):
        shown = json.loads(run("show", "--round", self.round, "--json", db=self.db).stdout)
        result = run("code", "--round", self.round, "--accept", db=self.db)
        self.assertEqual(result.stdout, "Accepted 24 suggested codes.\n")
        self.assertEqual(len(glob.glob(os.path.join(self.tmp.name, "backups",
                                                    "x-coding-*.db"))), 1)
        codes = self.codes()
        self.assertEqual(codes[("Falun", "agreement")], ["in_progress"])
        self.assertEqual(codes[("Mora, Orsa och Älvdalen", "agreement")], ["signed"])
        self.assertEqual(codes[("Vansbro", "structure")], ["strategic", "operative"])
        self.assertEqual(codes[("Södra (Avesta och Hedemora", "deviations")], ["unknown"])
        self.assertEqual(codes[("Gagnef", "agreement")], [])
        # The texts stay as they were.
        again = json.loads(run("show", "--round", self.round, "--json", db=self.db).stdout)
        texts = [[a["text"] for a in u.get("answers", [])] for u in shown["units"]]
        self.assertEqual([[a["text"] for a in u.get("answers", [])] for u in again["units"]],
                         texts)
        # Nothing left to suggest; nothing to accept writes nothing.
        self.assertEqual(run("code", "--round", self.round, "--suggest", db=self.db).stdout, "")
        before = read_bytes(self.db)
        self.assertEqual(run("code", "--round", self.round, "--accept", db=self.db).stdout,
                         "Accepted 0 suggested codes.\n")
        self.assertEqual(read_bytes(self.db), before)

    def test_example_imported_coded(self):
        db = os.path.join(self.tmp.name, "example.db")
        run("import", "--year", "2024", EXAMPLE, db=db)
        round_id = run("rounds", db=db).stdout.split("\t")[0]
        shown = json.loads(run("show", "--round", round_id, "--json", db=db).stdout)
        codes = {(unit["name"], answer["question"]): answer.get("choices", [])
                 for unit in shown["units"] for answer in unit.get("answers", [])}
        self.assertEqual(codes[("Säter", "agreement")], ["planned"])
        self.assertEqual(codes[("Leksand", "structure")], ["strategic", "operative"])
        self.assertEqual(run("code", "--round", round_id, "--suggest", db=db).stdout, "")

    def test_example_year_and_unit_names(self):
        # The example is the follow-up of its own year, not of whatever year it is now, and
        # its units are named as written out whole: no hyphen left from a line break, every
        # parenthesis closed.
        db = os.path.join(self.tmp.name, "example.db")
        run("import", EXAMPLE, db=db)
        rounds = run("rounds", db=db).stdout.strip().split("\n")
        self.assertEqual(len(rounds), 1)
        self.assertIn("\t2022\t", rounds[0])
        shown = json.loads(run("show", "--round", rounds[0].split("\t")[0], "--json",
                               db=db).stdout)
        self.assertEqual(shown["round"]["year"], 2022)
        names = [unit["name"] for unit in shown["units"]]
        self.assertEqual(len(names), 11)
        self.assertIn("Västerbergslagen (Ludvika och Smedjebacken)", names)
        self.assertIn("Södra (Avesta och Hedemora)", names)
        for name in names:
            self.assertEqual(name.count("("), name.count(")"), name)
            self.assertNotIn("- ", name)
            self.assertEqual(name, name.strip())

    def test_other_regions_report_does_not_name_dalarna(self):
        import subprocess

        db = os.path.join(self.tmp.name, "uppsala.db")
        round_id = run("create-round", "--template", "lok", "--year", "2026",
                       "--region", "Region Uppsala", db=db).stdout.strip()
        report = os.path.join(self.tmp.name, "uppsala.pdf")
        run("export", "--round", round_id, "--format", "pdf", "-o", report, db=db)
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", report, "-"],
                              capture_output=True, text=True, check=True).stdout
        # The appendix has the built-in template's questionnaire, and says nothing of Dalarna.
        self.assertIn("Region Uppsala", text)
        self.assertIn("Har ni tecknat en lokal överenskommelse", text)
        self.assertNotIn("Dalarna", text)

    def test_workbook_and_report_say_not_coded(self):
        import openpyxl
        import subprocess

        run("answer", "--round", self.round, "--unit", "Mora, Orsa och Älvdalen",
            "--question", "agreement", "--choice", "signed", db=self.db)
        workbook = os.path.join(self.tmp.name, "x.xlsx")
        run("export", "--round", self.round, "--format", "xlsx", "-o", workbook, db=self.db)
        sheet = openpyxl.load_workbook(workbook)["Summary"]
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        labels = [row[0] for row in rows]
        # The first block is LÖK-status: Mora coded, Gagnef declined, the others in words.
        not_coded = rows[labels.index("Not coded")]
        no_answer = rows[labels.index("No answer")]
        self.assertEqual(not_coded[1], 9, rows)
        self.assertEqual(no_answer[1], 1, rows)

        report = os.path.join(self.tmp.name, "x.pdf")
        run("export", "--round", self.round, "--format", "pdf", "-o", report, db=self.db)
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", report, "-"],
                              capture_output=True, text=True, check=True).stdout
        self.assertTrue("Not coded: 9" in text, "the report counts no uncoded answers")

    def test_refused(self):
        self.assert_refused("code", "--round", "ffffffff", "--accept", says="ffffffff")
        self.assert_refused("code", "--round", self.round, code=2, says="--suggest")
        self.assert_refused("code", "--round", self.round, "--suggest", "--accept", code=2)
        self.assert_refused("code", "--suggest", code=2)
        self.assert_refused("code", "--round", self.round, "--accept", "--json", code=2)
        self.assert_refused("code", "--round", self.round, "--suggest", "extra", code=2)


if __name__ == "__main__":
    unittest.main(verbosity=2)

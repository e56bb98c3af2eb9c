#!/usr/bin/python3
"""uppfoljning-cli themes, code --theme and matrix (issue 13): the
codebook of the database's region, coded passages of answers, and units × themes of one or
more rounds; every refused command prints one line, exits 1 (2 for wrong arguments) and
leaves the database file byte-identical."""

import csv
import io
import json
import os
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run

CODE = "code"


class Themes(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "other",
            "--text", "Åtta möten med regionen. Brist på personal.", db=self.db)

    def tearDown(self):
        self.tmp.cleanup()

    def themes(self):
        lines = run("themes", db=self.db).stdout.splitlines()
        return [line.split("\t") for line in lines]

    def code(self, unit, start, end, theme, question="other", round=None):
        return run(CODE, "--round", round or self.round, "--unit", unit, "--question",
                   question, "--start", str(start), "--end", str(end), "--theme", theme,
                   db=self.db)

    def assert_refused(self, *args, code=1, says=None):
        before = read_bytes(self.db)
        result = run(*args, db=self.db, check=False)
        self.assertEqual(result.returncode, code, f"{args}: {result.stderr}")
        self.assertEqual(len(result.stderr.splitlines()), 1, f"{args}: {result.stderr!r}")
        self.assertTrue(result.stderr.startswith("uppfoljning-cli: "), result.stderr)
        if says is not None:
            self.assertIn(says, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertFalse(os.path.exists(self.db + "-wal") and os.path.getsize(self.db + "-wal"),
                         f"{args} left a write in the WAL")
        self.assertEqual(read_bytes(self.db), before, f"{args} changed the database")

    def test_add_list_rename(self):
        self.assertEqual(self.themes(), [])
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        run("themes", "add", "Personalbrist", "--kind", "hindering", db=self.db)
        run("themes", "add", "Lokaler", db=self.db)
        self.assertEqual(self.themes(), [["Lokaler", "neutral", "0"],
                                         ["Personalbrist", "hindering", "0"],
                                         ["Samverkan", "promoting", "0"]])
        run("themes", "rename", "samverkan", "Samverkan med regionen", db=self.db)
        self.assertEqual(self.themes()[2], ["Samverkan med regionen", "promoting", "0"])
        # The region can be named too, by name or code.
        self.assertEqual(len(run("themes", "--region", "Region Dalarna", db=self.db)
                             .stdout.splitlines()), 3)
        self.assertEqual(run("themes", "--region", "01", db=self.db).stdout, "")

    def test_refused(self):
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        run("themes", "add", "Personalbrist", "--kind", "hindering", db=self.db)
        self.assert_refused("themes", "add", "SAMVERKAN", says="already has a theme")
        self.assert_refused("themes", "add", "Ny", "--kind", "good", code=2, says="good")
        self.assert_refused("themes", "add", code=2)
        self.assert_refused("themes", "rename", "Okänd", "Ny", says="Okänd")
        self.assert_refused("themes", "rename", "Personalbrist", "samverkan",
                            says="already has a theme")
        self.assert_refused("themes", "merge", "Samverkan", "Samverkan", says="itself")
        self.assert_refused("themes", "merge", "Samverkan", "Okänd", says="Okänd")
        self.assert_refused("themes", "split", "Samverkan", code=2, says="split")
        self.assert_refused("themes", "--region", "Atlantis", says="Atlantis")

    def test_no_rounds_needs_region(self):
        empty = os.path.join(self.tmp.name, "empty.db")
        run("rounds", db=empty)
        before = read_bytes(empty)
        result = run("themes", "add", "Samverkan", db=empty, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("--region", result.stderr)
        self.assertEqual(read_bytes(empty), before)
        run("themes", "add", "Samverkan", "--region", "Region Dalarna", db=empty)
        self.assertEqual(run("themes", "--region", "20", db=empty).stdout,
                         "Samverkan\tneutral\t0\n")

    def test_code_passage(self):
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        # Characters, not bytes: "Å" and "ö" are two bytes each.
        coded = self.code("Falun", 5, 10, "samverkan").stdout.rstrip("\n").split("\t")
        self.assertEqual(coded[1], "möten")
        self.assertEqual(self.themes(), [["Samverkan", "promoting", "1"]])

        base = [CODE, "--round", self.round, "--unit", "Falun", "--question", "other",
                "--theme", "Samverkan"]
        for start, end in ((-1, 3), (3, 3), (5, 2), (0, 44)):
            self.assert_refused(*base, "--start", str(start), "--end", str(end),
                                says="43 characters")
        self.assert_refused(*base, "--start", "0", code=2, says="--end")
        self.assert_refused(*base, "--start", "x", "--end", "3", code=2)
        self.assert_refused(CODE, "--round", self.round, "--unit", "Falun", "--question",
                            "other", "--start", "0", "--end", "3", "--theme", "Okänd",
                            says="Okänd")
        self.assert_refused(CODE, "--round", self.round, "--unit", "Atlantis", "--question",
                            "other", "--start", "0", "--end", "3", "--theme", "Samverkan",
                            says="Atlantis")
        self.assert_refused(CODE, "--round", self.round, "--unit", "Falun", "--question",
                            "good_examples", "--start", "0", "--end", "3", "--theme",
                            "Samverkan", says="no answer text")
        self.assert_refused(CODE, "--round", self.round, "--unit", "Falun", "--question",
                            "nothing", "--start", "0", "--end", "3", "--theme", "Samverkan",
                            says="nothing")

    def test_codes_follow_edits_and_merge(self):
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        run("themes", "add", "Samarbete", "--kind", "promoting", db=self.db)
        self.code("Falun", 5, 10, "Samarbete")
        self.code("Falun", 5, 10, "Samverkan")
        self.code("Falun", 25, 43, "Samarbete")
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "other",
            "--text", "Sedan i våras: Åtta möten med regionen. Brist på personal.", db=self.db)
        run("themes", "merge", "Samarbete", "Samverkan", db=self.db)
        self.assertEqual(self.themes(), [["Samverkan", "promoting", "2"]])
        shown = run("matrix", "--round", self.round, "--format", "json", "--counts",
                    db=self.db).stdout
        falun = [row for row in json.loads(shown)["rows"] if row["unit"] == "Falun"][0]
        self.assertEqual(falun["themes"], {"Samverkan": 2})

    def test_matrix(self):
        run("import", "--year", "2024", DALARNA, db=self.db)
        rounds = dict(line.split("\t")[1::-1][:2] for line in
                      run("rounds", db=self.db).stdout.splitlines())
        earlier = rounds["2024"]
        run("answer", "--round", earlier, "--unit", "Borlänge", "--question", "other",
            "--text", "Personalen räcker inte.", db=self.db)
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        run("themes", "add", "Personalbrist; stor", "--kind", "hindering", db=self.db)
        self.code("Falun", 5, 10, "Samverkan")
        self.code("Falun", 25, 43, "Personalbrist; stor")
        self.code("Borlänge", 0, 10, "Personalbrist; stor", round=earlier)

        out = os.path.join(self.tmp.name, "matrix.csv")
        run("matrix", "--round", self.round, "--round", earlier, "--format", "csv", "-o", out,
            db=self.db)
        with open(out, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        self.assertEqual(rows[0], ["unit", "year", "Personalbrist; stor", "Samverkan"])
        self.assertEqual(len(rows), 1 + 22)
        table = {(row[0], row[1]): row[2:] for row in rows[1:]}
        self.assertEqual(table[("Falun", "2025")], ["1", "1"])
        self.assertEqual(table[("Borlänge", "2024")], ["1", "0"])
        self.assertEqual(table[("Falun", "2024")], ["0", "0"])
        self.assertEqual(rows[1][1], "2024")   # the older year first

        shown = json.loads(run("matrix", "--round", self.round, "--format", "json",
                               db=self.db).stdout)
        self.assertEqual([t["name"] for t in shown["themes"]], ["Personalbrist; stor",
                                                                "Samverkan"])
        self.assertEqual([t["kind"] for t in shown["themes"]], ["hindering", "promoting"])
        self.assertEqual(len(shown["rows"]), 11)
        falun = shown["rows"][0]
        self.assertEqual((falun["unit"], falun["year"]), ("Falun", 2025))
        self.assertEqual(falun["themes"], {"Personalbrist; stor": 1, "Samverkan": 1})

        # stdout CSV is the same as the file.
        self.assertEqual(run("matrix", "--round", self.round, "--round", earlier, "--format",
                             "csv", db=self.db).stdout.encode(), read_bytes(out)
                         .replace(b"\r\n", b"\n"))

    def test_matrix_refused(self):
        self.assert_refused("matrix", "--round", self.round, code=2, says="--format")
        self.assert_refused("matrix", "--round", self.round, "--format", "xml", code=2)
        self.assert_refused("matrix", "--format", "csv", code=2, says="--round")
        self.assert_refused("matrix", "--round", "ffffffff", "--format", "csv")
        missing = os.path.join(self.tmp.name, "no", "such", "folder", "m.csv")
        self.assert_refused("matrix", "--round", self.round, "--format", "csv", "-o", missing,
                            says="m.csv")

    def test_chart(self):
        """chart --chart themes: the themes by number of units, per year, in the SVG's words."""
        run("import", "--year", "2024", DALARNA, db=self.db)
        rounds = dict(line.split("\t")[1::-1][:2] for line in
                      run("rounds", db=self.db).stdout.splitlines())
        run("answer", "--round", rounds["2024"], "--unit", "Borlänge", "--question", "other",
            "--text", "Åtta möten med regionen.", db=self.db)
        run("themes", "add", "Samverkan", "--kind", "promoting", db=self.db)
        self.code("Falun", 5, 10, "Samverkan")
        self.code("Borlänge", 5, 10, "Samverkan", round=rounds["2024"])
        self.assertIn("themes\t", run("chart", "--list", db=self.db).stdout)
        out = os.path.join(self.tmp.name, "themes.svg")
        run("chart", "--round", self.round, "--chart", "themes", "-o", out, db=self.db)
        with open(out, encoding="utf-8") as f:
            svg = f.read()
        desc = svg[svg.index("<desc>"):svg.index("</desc>")]
        self.assertIn("Themes by number of units", desc)
        self.assertIn("Samverkan: 1 (2024), 1 (2025): Falun", desc)


if __name__ == "__main__":
    unittest.main()

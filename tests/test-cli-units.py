#!/usr/bin/python3
"""uppfoljning-cli units (issue 11): list a round's units, add, rename and remove one as the
window's round dialog does; every refused command prints one line, exits 1 (2 for wrong
arguments) and leaves the database file byte-identical."""

import json
import os
import sqlite3
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run


class Units(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def units(self):
        lines = run("units", "--round", self.round, db=self.db).stdout.splitlines()
        return {fields[0]: fields[1:] for fields in (line.split("\t") for line in lines)}

    def shown(self, name):
        shown = json.loads(run("show", "--round", self.round, "--unit", name, "--json",
                               db=self.db).stdout)
        return shown["units"][0]

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

    def test_list(self):
        lines = run("units", "--round", self.round[:8], db=self.db).stdout.splitlines()
        self.assertEqual(len(lines), 11)
        self.assertEqual(lines[0].split("\t"),
                         ["Falun", "municipality", "2080", "done", "3", ""])
        units = self.units()
        self.assertEqual(units["Mora, Orsa och Älvdalen"][:2], ["group", "2034,2039,2062"])
        self.assertEqual(units["Gagnef"][2], "no_answer")

    def test_list_json(self):
        listed = json.loads(run("units", "--round", self.round, "--json", db=self.db).stdout)
        self.assertEqual([u["name"] for u in listed], list(self.units()))
        falun = listed[0]
        self.assertEqual(falun["kind"], "municipality")
        self.assertEqual(falun["municipalities"], ["2080"])
        self.assertEqual((falun["status"], falun["answered"], falun["questions"]),
                         ("done", 3, 6))
        self.assertEqual(falun["id"], self.shown("Falun")["id"])

    def test_add_other_municipality_and_group(self):
        run("units", "add", "--round", self.round, "--name", "Hälso- och sjukvården",
            db=self.db)
        run("units", "add", "--round", self.round, "--name", "Mora kommun",
            "--municipality", "2062", db=self.db)
        run("units", "add", "--round", self.round, "--name", "Norra",
            "--municipality", "2034", "--municipality", "2039", db=self.db)
        units = self.units()
        self.assertEqual(len(units), 14)
        self.assertEqual(units["Hälso- och sjukvården"][:4], ["other", "", "not_contacted", "0"])
        self.assertEqual(units["Mora kommun"][:4], ["municipality", "2062", "not_contacted", "0"])
        self.assertEqual(units["Norra"][:4], ["group", "2034,2039", "not_contacted", "0"])
        # Added last, and answered like any other unit.
        self.assertEqual(list(units)[-1], "Norra")
        run("answer", "--round", self.round, "--unit", "Norra", "--question", "other",
            "--text", "Ny grupp.", db=self.db)
        answers = {a["question"]: a["text"] for a in self.shown("Norra")["answers"]}
        self.assertEqual(answers["other"], "Ny grupp.")

    def test_rename_keeps_answers(self):
        before = self.shown("Falun")
        run("units", "rename", "--round", self.round, "--unit", "falun", "--name",
            "Falu kommun", db=self.db)
        units = self.units()
        self.assertNotIn("Falun", units)
        self.assertEqual(list(units)[0], "Falu kommun")
        after = self.shown("Falu kommun")
        self.assertEqual(after["id"], before["id"])
        self.assertEqual(after["answers"], before["answers"])

    def test_remove(self):
        run("units", "add", "--round", self.round, "--name", "Tillfällig", db=self.db)
        run("units", "remove", "--round", self.round, "--unit", "Tillfällig", db=self.db)
        self.assertNotIn("Tillfällig", self.units())

        # Interview details are the unit's data as much as answers are.
        connection = sqlite3.connect(self.db)
        with connection:
            connection.execute("UPDATE responses SET participant_count = 3 WHERE unit_id = "
                               "(SELECT id FROM units WHERE name = 'Gagnef')")
            connection.execute("DELETE FROM answers WHERE response_id = (SELECT id FROM "
                               "responses WHERE unit_id = (SELECT id FROM units "
                               "WHERE name = 'Gagnef'))")
        connection.close()
        self.assert_refused("units", "remove", "--round", self.round, "--unit", "Gagnef",
                            says="interview details")

        self.assert_refused("units", "remove", "--round", self.round, "--unit", "Falun",
                            says="--force")
        falun = self.shown("Falun")
        run("units", "remove", "--round", self.round, "--unit", "Falun", "--force", db=self.db)
        units = self.units()
        self.assertEqual(len(units), 10)
        self.assertNotIn("Falun", units)

        # Added again by name, it is the same unit (its id), without the removed answers.
        run("units", "add", "--round", self.round, "--name", "Falun", db=self.db)
        again = self.shown("Falun")
        self.assertEqual(again["id"], falun["id"])
        self.assertEqual(again["municipalities"], ["2080"])
        self.assertTrue(all(a["text"] == "" and a["choices"] == [] for a in again["answers"]))

    def test_refused(self):
        r = self.round
        self.assert_refused("units", "--round", "ffffffff", says="ffffffff")
        self.assert_refused("units", "add", "--round", "ffffffff", "--name", "X")
        self.assert_refused("units", "rename", "--round", r, "--unit", "Atlantis", "--name", "X",
                            says="Atlantis")
        self.assert_refused("units", "remove", "--round", r, "--unit", "Atlantis",
                            says="Atlantis")
        self.assert_refused("units", "add", "--round", r, "--name", "leksand", says="leksand")
        self.assert_refused("units", "rename", "--round", r, "--unit", "Falun", "--name",
                            "Borlänge", says="Borlänge")
        self.assert_refused("units", "add", "--round", r, "--name", "  ")
        self.assert_refused("units", "rename", "--round", r, "--unit", "Falun", "--name", " ")
        self.assert_refused("units", "add", "--round", r, "--name", "X", "--municipality",
                            "9999", says="9999")
        # Stockholm's Upplands Väsby is not in Dalarna.
        self.assert_refused("units", "add", "--round", r, "--name", "X", "--municipality",
                            "0114", says="0114")
        # A name the region knows, with other municipalities than that unit's.
        run("units", "remove", "--round", r, "--unit", "Falun", "--force", db=self.db)
        self.assert_refused("units", "add", "--round", r, "--name", "Falun", "--municipality",
                            "2081", says="Falun")

    def test_wrong_arguments(self):
        r = self.round
        self.assert_refused("units", "split", "--round", r, code=2, says="split")
        self.assert_refused("units", "add", "--round", r, code=2, says="--name")
        self.assert_refused("units", "rename", "--round", r, "--unit", "Falun", code=2)
        self.assert_refused("units", "remove", "--round", r, code=2)
        self.assert_refused("units", "--round", r, "extra", code=2, says="extra")
        self.assert_refused("units", "--round", r, "--colour", code=2)

    def test_invalid_utf8_refused(self):
        r = self.round
        self.assert_refused("units", "rename", "--round", r, "--unit", "Falun", "--name",
                            b"F\xe4lun", code=2, says="not UTF-8")
        self.assert_refused("units", "add", "--round", r, "--name", b"\xff\xfe", code=2,
                            says="not UTF-8")

    def test_help(self):
        result = run("units", "--help")
        self.assertIn("units rename --round ID --unit NAME --name NEW", result.stdout)
        result = run("units", "remove", "--help")
        self.assertIn("--force", result.stdout)
        self.assertIn("units", run("--help").stdout)

    def test_set_part(self):
        """Issue 14: the county part of a unit, shown by `units` and cleared with an empty
        --part; it is the unit's in every round."""
        r = self.round
        run("units", "set-part", "--round", r, "--unit", "falun", "--part", " Centrala ",
            db=self.db)
        run("units", "set-part", "--round", r, "--unit", "Mora, Orsa och Älvdalen", "--part",
            "Västra", db=self.db)
        units = self.units()
        self.assertEqual(units["Falun"][4], "Centrala")
        self.assertEqual(units["Mora, Orsa och Älvdalen"][4], "Västra")
        self.assertEqual(units["Gagnef"][4], "")
        listed = json.loads(run("units", "--round", r, "--json", db=self.db).stdout)
        self.assertEqual({u["name"]: u["part"] for u in listed if u["part"]},
                         {"Falun": "Centrala", "Mora, Orsa och Älvdalen": "Västra"})
        self.assertEqual(self.shown("Falun")["part"], "Centrala")

        # Next year's round has the same unit, in the same part.
        run("import", "--year", "2026", DALARNA, db=self.db, check=False)
        rounds = run("rounds", db=self.db).stdout.splitlines()
        for line in rounds:
            other = line.split("\t")[0]
            lines = run("units", "--round", other, db=self.db).stdout.splitlines()
            falun = [l.split("\t") for l in lines if l.startswith("Falun\t")]
            self.assertEqual(falun[0][5], "Centrala", line)

        run("units", "set-part", "--round", r, "--unit", "Falun", "--part", "", db=self.db)
        self.assertEqual(self.units()["Falun"][4], "")

    def test_set_part_refused(self):
        r = self.round
        run("units", "set-part", "--round", r, "--unit", "Falun", "--part", "Centrala",
            db=self.db)
        self.assert_refused("units", "set-part", "--round", r, "--unit", "Atlantis", "--part",
                            "Östra", says="Atlantis")
        self.assert_refused("units", "set-part", "--round", "ffffffff", "--unit", "Falun",
                            "--part", "Östra", says="ffffffff")
        self.assert_refused("units", "set-part", "--round", r, "--unit", "Falun", "--part",
                            "Östra\nVästra", says="one line")
        self.assert_refused("units", "set-part", "--round", r, "--unit", "Falun", code=2,
                            says="--part")
        self.assert_refused("units", "set-part", "--round", r, "--unit", "Falun", "--part",
                            b"\xff", code=2, says="not UTF-8")
        self.assertEqual(self.units()["Falun"][4], "Centrala")


if __name__ == "__main__":
    unittest.main(verbosity=2)

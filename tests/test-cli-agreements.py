#!/usr/bin/python3
"""uppfoljning-cli agreements and interviews (issue 14): the agreements register of a round's
units and the interviews held, listed, added, edited and removed from the command line; the
first interview's length and the respondent check set with `interviews details`. Every
refused command prints one line, exits 1 (2 for wrong arguments) and leaves the database file
byte-identical."""

import json
import os
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run


class Command(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def cli(self, *args):
        return run(*args, db=self.db).stdout

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


class Agreements(Command):
    def add(self, unit, name, *options):
        uuid = self.cli("agreements", "add", "--round", self.round, "--unit", unit,
                        "--name", name, *options).strip()
        self.assertRegex(uuid, r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$")
        return uuid

    def listed(self, *options):
        return [line.split("\t") for line in
                self.cli("agreements", "--round", self.round, *options).splitlines()]

    def test_add_list_edit_remove(self):
        self.assertEqual(self.listed(), [])
        psychiatry = self.add("Falun", "LÖK psykiatri", "--kind", "lok", "--signed",
                              "2015-03-01", "--from", "2015-01-01", "--to", "2017-12-31",
                              "--note", "Ska förlängas\tsnart")
        rok = self.add("Gagnef", "RÖK", "--kind", "RÖK", "--status", "in_preparation")
        self.assertEqual(self.listed(), [
            ["Falun", "lok", "in_force", "LÖK psykiatri", "2015-03-01", "2015-01-01",
             "2017-12-31", "Ska förlängas snart", psychiatry],
            ["Gagnef", "rok", "in_preparation", "RÖK", "", "", "", "", rok],
        ])
        self.assertEqual([row[0] for row in self.listed("--unit", "gagnef")], ["Gagnef"])

        # edit changes what is given, by a prefix of the id; an empty date clears it
        self.cli("agreements", "edit", psychiatry[:8], "--status", "under_revision", "--to", "")
        listed = json.loads(self.cli("agreements", "--round", self.round, "--unit", "Falun",
                                     "--json"))
        self.assertEqual(listed, [{
            "id": psychiatry, "unit": "Falun", "kind": "lok", "status": "under_revision",
            "name": "LÖK psykiatri", "signed": "2015-03-01", "valid_from": "2015-01-01",
            "valid_to": "", "period": "from 2015-01-01, until further notice",
            "note": "Ska förlängas\tsnart"}])

        self.cli("agreements", "remove", psychiatry)
        self.assertEqual([row[-1] for row in self.listed()], [rok])
        self.assert_refused("agreements", "remove", psychiatry, says=psychiatry)
        self.assert_refused("agreements", "edit", psychiatry, "--name", "x", says=psychiatry)

    def test_belongs_to_the_unit_in_every_round(self):
        uuid = self.add("Falun", "LÖK psykiatri")
        run("import", "--year", "2026", DALARNA, db=self.db)
        rounds = [line.split("\t") for line in self.cli("rounds").splitlines()]
        later = [r[0] for r in rounds if r[1] == "2026"][0]
        listed = self.cli("agreements", "--round", later, "--unit", "Falun").split("\t")
        self.assertEqual(listed[-1].strip(), uuid)

    def test_refused(self):
        self.add("Falun", "LÖK psykiatri")
        round_id = self.round
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            "--name", "X", "--to", "2017-02-30", says="2017-02-30")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            "--name", "X", "--kind", "kommunal", says="kommunal")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            "--name", "X", "--status", "signed", says="signed")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            "--name", "X", "--from", "2018-01-01", "--to", "2017-12-31",
                            says="before it begins")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            "--name", "  ", says="name")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Ingenstans",
                            "--name", "X", says="Ingenstans")
        self.assert_refused("agreements", "add", "--round", round_id, "--unit", "Falun",
                            code=2)
        self.assert_refused("agreements", "edit", "--name", "X", code=2)
        self.assert_refused("agreements", "remove", "0000", says="0000")
        self.assert_refused("agreements", "frobnicate", code=2, says="frobnicate")
        self.assert_refused("agreements", "--round", "nosuchround", says="nosuchround")


class Interviews(Command):
    def listed(self, *options):
        return [line.split("\t") for line in
                self.cli("interviews", "--round", self.round, *options).splitlines()]

    def test_details_and_further_interviews(self):
        self.assertEqual(self.listed(), [])
        self.cli("interviews", "details", "--round", self.round, "--unit", "Falun",
                 "--date", "2025-10-14", "--mode", "visit", "--duration", "90",
                 "--participants", "3", "--roles", "Socialchef, MAS",
                 "--check-sent", "2025-10-20", "--check-approved", "2025-10-27")
        second = self.cli("interviews", "add", "--round", self.round, "--unit", "Falun",
                          "--date", "2025-11-03", "--mode", "phone", "--duration", "30",
                          "--participants", "1", "--roles", "Enhetschef",
                          "--note", "Komplettering").strip()
        self.cli("interviews", "add", "--round", self.round, "--unit", "Gagnef",
                 "--mode", "video")
        rows = self.listed()
        self.assertEqual(rows[:2], [
            ["Falun", "2025-10-14", "visit", "90", "3", "Socialchef, MAS", "", ""],
            ["Falun", "2025-11-03", "phone", "30", "1", "Enhetschef", "Komplettering", second],
        ])
        self.assertEqual([row[0] for row in rows], ["Falun", "Falun", "Gagnef"])

        listed = json.loads(self.cli("interviews", "--round", self.round, "--unit", "Falun",
                                     "--json"))
        self.assertEqual(len(listed), 2)
        self.assertTrue(listed[0]["first"])
        self.assertEqual(listed[0]["check_sent"], "2025-10-20")
        self.assertEqual(listed[0]["check_approved"], "2025-10-27")
        self.assertEqual(listed[0]["duration_minutes"], 90)
        self.assertEqual(listed[1]["id"], second)
        self.assertEqual(listed[1]["participants"], 1)

        # details not given stay as they were
        self.cli("interviews", "details", "--round", self.round, "--unit", "Falun",
                 "--check-approved", "")
        first = json.loads(self.cli("interviews", "--round", self.round, "--unit", "Falun",
                                    "--json"))[0]
        self.assertEqual((first["date"], first["duration_minutes"], first["check_approved"]),
                         ("2025-10-14", 90, ""))

        self.cli("interviews", "remove", second[:13])
        self.assertEqual(len(self.listed("--unit", "Falun")), 1)
        self.assert_refused("interviews", "remove", second, says=second)

    def test_unit_with_interviews_removed_only_with_force(self):
        # A new unit has no status; its first interview's length, a respondent check or a
        # further interview is data of its own, kept unless --force is given.
        for name, args in (("Ny enhet", ("details", "--duration", "30")),
                           ("Andra enheten", ("details", "--check-sent", "2025-10-20")),
                           ("Tredje enheten", ("add", "--date", "2025-10-20"))):
            self.cli("units", "add", "--round", self.round, "--name", name)
            self.cli("interviews", *args[:1], "--round", self.round, "--unit", name, *args[1:])
            self.assert_refused("units", "remove", "--round", self.round, "--unit", name,
                                says="--force")
            self.cli("units", "remove", "--round", self.round, "--unit", name, "--force")

    def test_refused(self):
        round_id = self.round
        self.assert_refused("interviews", "add", "--round", round_id, "--unit", "Falun",
                            "--date", "2025-02-29", says="2025-02-29")
        self.assert_refused("interviews", "add", "--round", round_id, "--unit", "Falun",
                            "--mode", "letter", says="letter")
        self.assert_refused("interviews", "add", "--round", round_id, "--unit", "Falun",
                            "--duration", "-5", says="-5")
        self.assert_refused("interviews", "add", "--round", round_id, "--unit", "Falun",
                            "--participants", "many", says="many")
        self.assert_refused("interviews", "details", "--round", round_id, "--unit", "Falun",
                            "--check-sent", "20251020", says="20251020")
        self.assert_refused("interviews", "details", "--round", round_id, "--unit", "Falun",
                            "--duration", "100001", says="100001")
        self.assert_refused("interviews", "details", "--round", round_id, "--unit", "Falun",
                            code=2)
        self.assert_refused("interviews", "add", "--round", round_id, "--unit", "Ingenstans",
                            says="Ingenstans")
        self.assert_refused("interviews", "remove", code=2)
        self.assert_refused("interviews", "remove", "0000", says="0000")


if __name__ == "__main__":
    unittest.main()

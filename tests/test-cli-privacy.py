#!/usr/bin/python3
"""uppfoljning-cli privacy (issue 17): what looks like personal data in a round's answers,
interview notes and report texts, as lines or JSON; the database's own words not to share;
an ordinary number or a date range is not flagged; export refuses (exit 1, listing them)
unless --allow-personal-data is given."""

import json
import os
import tempfile
import unittest

from clitest import DALARNA, run


class Privacy(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def answer(self, unit, text):
        run("answer", "--round", self.round, "--unit", unit, "--question", "other", "--text",
            text, db=self.db)

    def test_findings(self):
        # The example's answers hold no personal data.
        result = run("privacy", "--round", self.round, db=self.db)
        self.assertEqual(result.stdout, "")
        self.assertIn("personal data", result.stderr)

        self.answer("Falun", "Klienten 850412-1230 ringde från 070-123 45 67.")
        self.answer("Säter", "Avtal 2024-01-01–2024-12-31, dnr 1234567890, org.nr 556016-0680.")
        self.answer("Mora, Orsa och Älvdalen", "Skriv till anna.berg@mora.se.")
        lines = [line.split("\t") for line in
                 run("privacy", "--round", self.round, db=self.db).stdout.splitlines()]
        self.assertEqual(lines, [
            ["Falun", "other", "personal_number", "850412-1230"],
            ["Falun", "other", "phone", "070-123 45 67"],
            ["Mora, Orsa och Älvdalen", "other", "email", "anna.berg@mora.se"],
        ])

    def test_words(self):
        self.answer("Falun", "Kalle Anka har en SIP.")
        self.assertEqual(json.loads(run("privacy", "--round", self.round, "--json",
                                        db=self.db).stdout), [])
        words = run("privacy", "words", "--add", "Kalle Anka", "--add", "Musse Pigg",
                    db=self.db).stdout.splitlines()
        self.assertEqual(words, ["Kalle Anka", "Musse Pigg"])
        found = json.loads(run("privacy", "--round", self.round, "--json", db=self.db).stdout)
        self.assertEqual([(f["unit"], f["kind"], f["text"]) for f in found],
                         [("Falun", "listed_word", "Kalle Anka")])
        self.assertIn("Kalle Anka", found[0]["context"])
        words = run("privacy", "words", "--remove", "Kalle Anka", db=self.db).stdout
        self.assertEqual(words, "Musse Pigg\n")

    def test_export_refused(self):
        self.answer("Falun", "Klienten 850412-1230 ringde.")
        for name, extra in (("ut.xlsx", []), ("ut.csv", []), ("ut.json", ["--format", "json"])):
            path = os.path.join(self.tmp.name, name)
            result = run("export", "--round", self.round, "-o", path, *extra, db=self.db,
                         check=False)
            self.assertEqual(result.returncode, 1, result.stdout)
            self.assertIn("Falun\tother\tpersonal_number\t", result.stderr)
            self.assertIn("--allow-personal-data", result.stderr.splitlines()[-1])
            self.assertFalse(os.path.exists(path))
            run("export", "--round", self.round, "-o", path, "--allow-personal-data", *extra,
                db=self.db)
            self.assertTrue(os.path.exists(path))

    def test_bad_round(self):
        result = run("privacy", "--round", "nej", db=self.db, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)


if __name__ == "__main__":
    unittest.main()

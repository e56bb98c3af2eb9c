#!/usr/bin/python3
"""uppfoljning-cli search (issue 15): the answers of every round that match a query, as
tab-separated lines or JSON; no match is exit 0 with one line on stderr; a bad --year is one
line and exit 1, the database byte-identical."""

import json
import os
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run


class Search(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2024", DALARNA, db=self.db)
        run("import", "--year", "2025", DALARNA, db=self.db)
        rounds = [line.split("\t") for line in run("rounds", db=self.db).stdout.splitlines()]
        self.rounds = {int(fields[1]): fields[0] for fields in rounds}
        for year in (2024, 2025):
            run("answer", "--round", self.rounds[year], "--unit", "Leksand", "--question",
                "other", "--text", f"{year}: vi följer samverkansöverenskommelsen.", db=self.db)
        run("answer", "--round", self.rounds[2025], "--unit", "Falun", "--question",
            "challenges", "--text", "A forum for the units.", db=self.db)

    def tearDown(self):
        self.tmp.cleanup()

    def test_lines(self):
        result = run("search", "ÖVERENSKOMMELSEN", "--question", "other", "--unit", "leksand",
                     db=self.db)
        lines = [line.split("\t") for line in result.stdout.splitlines()]
        self.assertEqual(len(lines), 2, result.stdout)
        # Newest round first; round, year, unit, question, snippet with the match marked.
        self.assertEqual(lines[0][:4], [self.rounds[2025], "2025", "Leksand", "other"])
        self.assertEqual(lines[0][4], "2025: vi följer samverkans«överenskommelsen».")
        self.assertEqual(lines[1][:4], [self.rounds[2024], "2024", "Leksand", "other"])
        self.assertEqual(result.stderr, "")

    def test_json_and_year(self):
        result = run("search", "överenskommelse", "--year", "2024", "--question", "other",
                     "--unit", "Leksand", "--json", db=self.db)
        hits = json.loads(result.stdout)
        self.assertEqual(len(hits), 1)
        hit = hits[0]
        self.assertEqual((hit["round"], hit["year"], hit["unit"], hit["question"]),
                         (self.rounds[2024], 2024, "Leksand", "other"))
        self.assertEqual(hit["snippet"], "2024: vi följer samverkans«överenskommelse»n.")
        self.assertEqual(hit["text"][hit["match_start"]:hit["match_end"]], "överenskommelse")

    def test_letters_and_phrases(self):
        # "för" is not "for", and a phrase in quotes only matches as it is.
        found = run("search", "för", "--unit", "Falun", "--question", "challenges",
                    db=self.db).stdout
        self.assertEqual(found, "")
        found = run("search", "\"forum for\"", "--json", db=self.db).stdout
        self.assertEqual([h["unit"] for h in json.loads(found)], ["Falun"])
        found = run("search", "\"for forum\"", "--json", db=self.db).stdout
        self.assertEqual(json.loads(found), [])

    def test_interview_notes(self):
        run("interviews", "add", "--round", self.rounds[2025], "--unit", "Leksand", "--note",
            "Ett lodjur sågs vid kommunhuset.", db=self.db)
        hits = json.loads(run("search", "LODJUR", "--json", db=self.db).stdout)
        self.assertEqual([(h["kind"], h["unit"], h["question"], h["snippet"]) for h in hits],
                         [("interview-note", "Leksand", "",
                           "Ett «lodjur» sågs vid kommunhuset.")])
        # A note answers no question.
        result = run("search", "lodjur", "--question", "other", db=self.db)
        self.assertEqual(result.stdout, "")

    def test_themes_and_report_texts(self):
        run("themes", "add", "Pingvinsamverkan", db=self.db)
        summary = os.path.join(self.tmp.name, "summary.txt")
        with open(summary, "w", encoding="utf-8") as f:
            f.write("Pingvinerna samverkar.")
        run("report-text", "--round", self.rounds[2024], "--part", "summary", "--file", summary,
            db=self.db)
        hits = json.loads(run("search", "pingvin", "--json", db=self.db).stdout)
        # The round's report text, then the region's theme, each saying what it is.
        self.assertEqual([(h["kind"], h["round"], h["year"], h["unit"], h["question"])
                          for h in hits],
                         [("report-text", self.rounds[2024], 2024, "", "summary"),
                          ("theme", "", 0, "", "")])
        self.assertEqual(hits[1]["snippet"], "«Pingvin»samverkan")
        lines = [line.split("\t") for line in run("search", "pingvin", db=self.db)
                 .stdout.splitlines()]
        self.assertEqual([(fields[1], fields[5]) for fields in lines],
                         [("2024", "report-text"), ("", "theme")])
        # A filter by unit keeps to the units' answers and notes.
        result = run("search", "pingvin", "--unit", "Leksand", db=self.db)
        self.assertEqual(result.stdout, "")

    def test_no_match(self):
        before = read_bytes(self.db)
        for query in ("glasberg", "\"", "glasberg NEAR(", "glasberg*", "AND glasberg",
                      "\"glasberg"):
            result = run("search", query, db=self.db)
            self.assertEqual(result.stdout, "", query)
            self.assertEqual(result.stderr, "No answers match.\n", query)
        result = run("search", "glasberg", "--json", db=self.db)
        self.assertEqual(json.loads(result.stdout), [])
        self.assertEqual(read_bytes(self.db), before)

    def test_bad_year(self):
        before = read_bytes(self.db)
        for year in ("tjugo", "20", "2024x", ""):
            result = run("search", "överenskommelse", "--year", year, db=self.db, check=False)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
            self.assertTrue(result.stderr.startswith("uppfoljning-cli: "), result.stderr)
            self.assertIn("2026", result.stderr)
            self.assertEqual(result.stdout, "")
        self.assertEqual(read_bytes(self.db), before)


if __name__ == "__main__":
    unittest.main()

#!/usr/bin/python3
"""uppfoljning-cli history (issue 15): every saved version of one answer, oldest first, as
readable lines or JSON; --restore N sets an earlier value again as a new version; the history
goes with an exchange file to a second database; bad input is one line, exit 1, and the
database byte-identical."""

import json
import os
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run


class History(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def answer(self, text, db=None):
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "challenges",
            "--text", text, db=db or self.db)

    def history(self, *args, db=None, check=True):
        return run("history", "--round", self.round, "--unit", "Falun", "--question",
                   "challenges", *args, db=db or self.db, check=check)

    def test_versions_and_restore(self):
        for text in ("Ett.", "Två,\növer två rader.", "Tre."):
            self.answer(text)
        versions = json.loads(self.history("--json").stdout)
        self.assertEqual([v["text"] for v in versions], ["Ett.", "Två,\növer två rader.", "Tre."])
        self.assertEqual([v["version"] for v in versions], [1, 2, 3])
        self.assertEqual({v["origin"] for v in versions}, {"cli"})
        self.assertTrue(all(v["this_computer"] for v in versions))
        self.assertEqual([v["current"] for v in versions], [False, False, True])

        # Readable: a line per version, "*" on the value now, the text indented below it.
        lines = self.history().stdout.splitlines()
        self.assertTrue(lines[0].startswith("1\t"), lines)
        self.assertIn("    över två rader.", lines)
        self.assertTrue(lines[-2].startswith("*3\t"), lines)

        restored = json.loads(self.history("--restore", "2", "--json").stdout)
        self.assertEqual(len(restored), 4)
        self.assertEqual(restored[3]["text"], "Två,\növer två rader.")
        self.assertEqual(restored[3]["origin"], "restore")
        shown = json.loads(run("show", "--round", self.round, "--unit", "Falun", "--json",
                               db=self.db).stdout)
        answers = {a["question"]: a["text"] for a in shown["units"][0]["answers"]}
        self.assertEqual(answers["challenges"], "Två,\növer två rader.")

    def test_bad_input_changes_nothing(self):
        self.answer("Ett.")
        before = read_bytes(self.db)
        for args in (["--restore", "7"], ["--restore", "-1"]):
            result = self.history(*args, check=False)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        result = run("history", "--round", self.round, "--unit", "Falun", "--question", "nej",
                     db=self.db, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertIn("nej", result.stderr)
        result = run("history", "--round", self.round, "--unit", "Ingenstans", "--question",
                     "other", db=self.db, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(read_bytes(self.db), before)

    def test_travels_with_exchange(self):
        for text in ("Ett.", "Två.", "Tre."):
            self.answer(text)
        exported = os.path.join(self.tmp.name, "ut.json")
        run("export", "--round", self.round, "--format", "json", "-o", exported, db=self.db)
        second = os.path.join(self.tmp.name, "second.db")
        run("import", exported, db=second)
        mine = json.loads(self.history("--json").stdout)
        theirs = json.loads(self.history("--json", db=second).stdout)
        self.assertEqual([v["text"] for v in theirs], [v["text"] for v in mine])
        self.assertEqual([v["modified"] for v in theirs], [v["modified"] for v in mine])
        self.assertFalse(any(v["this_computer"] for v in theirs))
        self.assertEqual({v["origin"] for v in theirs}, {"exchange"})


if __name__ == "__main__":
    unittest.main()

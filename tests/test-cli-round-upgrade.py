#!/usr/bin/python3
"""uppfoljning-cli rounds upgrade-template (issue 15): a round moved to a newer version of its
template prints what each changed question comes from, keeps every answer and carries the
answers over; with nothing newer or an unknown version it prints one line, exits 1 and leaves
the database file byte-identical."""

import json
import os
import sqlite3
import tempfile
import unittest
import uuid

from clitest import DALARNA, read_bytes, run


def add_version_2(db):
    """Version 2 of the built-in template: question 2 renamed (2b), 3 and 4 merged, 5
    removed, 6 split in two (6a, 6b), 7 new."""
    connection = sqlite3.connect(db)
    with connection:
        (text,) = connection.execute(
            "SELECT json FROM templates WHERE key = 'lok' AND version = 1").fetchone()
        template = json.loads(text)
        template["uuid"] = str(uuid.uuid4())
        template["version"] = 2
        old = {question["key"]: question for question in template["questions"]}
        structure = dict(old["structure"], key="collaboration", number="2b",
                         text="Hur samverkar ni?")
        structure["from"] = ["structure"]

        def text_question(key, number, text, sources):
            return {"key": key, "number": number, "text": text, "short_label": number,
                    "kind": "text", "from": sources}

        template["questions"] = [
            old["agreement"], structure,
            text_question("experiences", "3", "Erfarenheter?", ["good_examples", "challenges"]),
            text_question("other_region", "6a", "Till regionen?", ["other"]),
            text_question("other_municipality", "6b", "Till kommunen?", ["other"]),
            text_question("followup", "7", "Uppföljning?", []),
        ]
        connection.execute(
            "INSERT INTO templates (uuid, key, version, title, json, modified) "
            "VALUES (?, 'lok', 2, ?, ?, '2026-01-01T00:00:00.000000Z')",
            (template["uuid"], template["title"], json.dumps(template, ensure_ascii=False)))
    connection.close()


class RoundUpgrade(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]
        for key, text in [("good_examples", "Gemensam utbildning"),
                          ("challenges", "Personalbrist"), ("other", "Tack för samarbetet")]:
            run("answer", "--round", self.round, "--unit", "Falun", "--question", key,
                "--text", text, db=self.db)

    def tearDown(self):
        self.tmp.cleanup()

    def answers(self):
        connection = sqlite3.connect(self.db)
        rows = connection.execute(
            "SELECT u.name, a.question_key, a.uuid, a.text, a.choices, a.modified, a.device "
            "FROM answers a JOIN responses r ON r.id = a.response_id "
            "JOIN units u ON u.id = r.unit_id ORDER BY a.uuid").fetchall()
        connection.close()
        return rows

    def assert_refused(self, *args, says):
        before = read_bytes(self.db)
        result = run(*args, db=self.db, check=False)
        self.assertEqual(result.returncode, 1, f"{args}: {result.stderr}")
        self.assertEqual(len(result.stderr.splitlines()), 1, f"{args}: {result.stderr!r}")
        self.assertTrue(result.stderr.startswith("uppfoljning-cli: "), result.stderr)
        self.assertIn(says, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(read_bytes(self.db), before, f"{args} changed the database")

    def test_upgrade(self):
        add_version_2(self.db)
        before = self.answers()
        result = run("rounds", "upgrade-template", "--round", self.round[:8], db=self.db)
        self.assertEqual(result.stdout.splitlines(), [
            "2b ← 2", "3 ← 3, 4", "6a ← 6", "6b ← 6", "7 (new question)",
            "5 (removed; its answers are kept)"])

        after = self.answers()
        # Every old answer as it was.
        self.assertEqual([row for row in after if row in before], before)
        falun = {row[1]: row[3] for row in after if row[0] == "Falun"}
        self.assertEqual(falun["experiences"], "Gemensam utbildning\n\nPersonalbrist")
        self.assertEqual(falun["other_region"], "Tack för samarbetet")
        self.assertEqual(falun["other_municipality"], "Tack för samarbetet")
        self.assertEqual(falun["collaboration"], falun["structure"])
        self.assertNotIn("followup", falun)

        # Shown: the round's new version, its questions with their answers, no old key.
        shown = json.loads(run("show", "--round", self.round, "--unit", "Falun", "--json",
                               db=self.db).stdout)
        self.assertEqual(shown["round"]["template_version"], 2)
        answers = {a["question"]: a["text"] for a in shown["units"][0]["answers"]}
        self.assertEqual(list(answers), ["agreement", "collaboration", "experiences",
                                         "other_region", "other_municipality", "followup"])
        self.assertEqual(answers["other_municipality"], "Tack för samarbetet")

        # Done: nothing newer now, and the same version again is refused.
        self.assert_refused("rounds", "upgrade-template", "--round", self.round,
                            says="already uses the newest version (2)")
        self.assert_refused("rounds", "upgrade-template", "--round", self.round,
                            "--version", "2", says="already uses version 2")

    def test_nothing_newer(self):
        self.assert_refused("rounds", "upgrade-template", "--round", self.round,
                            says="already uses the newest version (1)")

    def test_unknown_version(self):
        add_version_2(self.db)
        self.assert_refused("rounds", "upgrade-template", "--round", self.round,
                            "--version", "9", says="no template “lok” version 9")

    def test_older_version(self):
        self.assert_refused("rounds", "upgrade-template", "--round", self.round,
                            "--version", "1", says="already uses version 1")


if __name__ == "__main__":
    unittest.main()

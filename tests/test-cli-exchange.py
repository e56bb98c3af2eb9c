#!/usr/bin/python3
"""uppfoljning-cli and exchange files: export --format json, import FILE.json with its summary
and exit status 3 while conflicts remain, conflicts and resolve, and bad files refused with
one message and the database unchanged."""

import json
import os
import sqlite3
import subprocess
import tempfile
import unittest

CLI = os.environ.get("UPP_CLI", "uppfoljning-cli")
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
DALARNA = os.path.join(FIXTURES, "dalarna.txt")


def run(*args, db, expect=0):
    command = [CLI, "--db", db] + list(args)
    result = subprocess.run(command, capture_output=True, text=True,
                            env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    if expect is not None and result.returncode != expect:
        raise AssertionError(f"{command} exited {result.returncode}, not {expect}: "
                             f"{result.stdout}{result.stderr}")
    return result


def dump(db):
    connection = sqlite3.connect(db)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


class ExchangeCli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = lambda name: os.path.join(self.dir.name, name)
        run("import", "--year", "2025", DALARNA, db=self.path("coordinator.db"))
        rounds = run("rounds", db=self.path("coordinator.db")).stdout.strip().split("\n")
        self.round = rounds[0].split("\t")[0]

    def tearDown(self):
        self.dir.cleanup()

    def export(self, db, name):
        out = self.path(name)
        result = run("export", "--round", self.round, "--format", "json", "-o", out, db=db)
        self.assertIn(name, result.stdout)
        return out

    def test_two_laptops(self):
        start = self.export(self.path("coordinator.db"), "start.json")
        with open(start, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(data["format"], "uppfoljning-exchange")
        self.assertEqual(data["format_version"], 1)
        self.assertEqual(len(data["rounds"][0]["responses"]), 11)

        a, b = self.path("a.db"), self.path("b.db")
        result = run("import", start, db=a)
        self.assertEqual(result.stdout.strip(), "1 round added, 11 units added, "
                         "11 responses added, 44 answers added")
        run("import", start, db=b)
        self.assertEqual(run("import", start, db=b).stdout.strip(), "Nothing new")

        run("answer", "--round", self.round, "--unit", "Falun", "--question", "challenges",
            "--text", "A: personalbrist", db=a)
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "challenges",
            "--text", "B: långa väntetider", db=b)
        run("answer", "--round", self.round, "--unit", "Säter", "--question", "other",
            "--text", "B: nytt", db=b)
        from_a, from_b = self.export(a, "a.json"), self.export(b, "b.json")

        preview = run("import", "--dry-run", from_b, db=a, expect=3)
        self.assertIn("Would import: 1 answer updated, 1 conflict", preview.stdout)
        result = run("import", from_b, db=a, expect=3)
        self.assertEqual(result.stdout.strip(), "1 answer updated, 1 conflict")
        self.assertIn("1 conflict to resolve", result.stderr)
        run("import", from_a, db=b, expect=3)

        listing = run("conflicts", db=a, expect=3).stdout
        self.assertIn("Falun", listing)
        self.assertIn("A: personalbrist", listing)
        self.assertIn("B: långa väntetider", listing)
        conflict_id = listing.split("\t")[0]

        run("resolve", "--conflict", conflict_id, db=a, expect=2)
        run("resolve", "--conflict", conflict_id, "--keep", "both", db=a, expect=2)
        run("resolve", "--conflict", conflict_id, "--text", "A och B", db=a)
        self.assertEqual(run("conflicts", db=a).stdout.strip(), "No conflicts.")
        run("resolve", "--conflict", conflict_id, "--keep", "mine", db=a, expect=1)

        settled = self.export(a, "settled.json")
        self.assertEqual(run("import", settled, db=b).stdout.strip(), "1 answer updated")
        self.assertEqual(run("conflicts", db=b).stdout.strip(), "No conflicts.")
        for db in (a, b):
            shown = run("show", "--round", self.round, "--unit", "Falun", db=db).stdout
            self.assertIn("A och B", shown)
        self.assertEqual(run("show", "--round", self.round, db=a).stdout,
                         run("show", "--round", self.round, db=b).stdout)

    def test_name_and_detail_conflicts(self):
        """A unit renamed and a status changed differently on two other laptops: the
        conflicts list them in words, and resolve settles them."""
        start = self.export(self.path("coordinator.db"), "start.json")
        a = self.path("a.db")
        run("import", start, db=a)
        with open(start, encoding="utf-8") as f:
            data = json.load(f)
        units = data["regions"][0]["units"]
        falun = next(u for u in units if u["name"] == "Falun")
        leksand = next(u for u in units if u["name"] == "Leksand")
        response = next(r for r in data["rounds"][0]["responses"] if r["unit"] == leksand["uuid"])
        # Both laptops start from the coordinator's status: it is in their history.
        shared = [f"{v['modified']} {v['device']}" for v in response.get("versions", [])
                  if v["field"] == "status"]

        def laptop_file(name, new_name, status, modified, device):
            falun["name"] = new_name
            falun["versions"] = [{"field": "name", "modified": modified, "device": device,
                                  "history": []}]
            response["status"] = status
            response["versions"] = [{"field": "status", "modified": modified, "device": device,
                                     "history": shared}]
            path = self.path(name)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(data, f)
            return path

        x = laptop_file("x.json", "Falu kommun", "booked", "2026-06-01T10:00:00.000Z",
                        "11111111-1111-4111-8111-111111111111")
        y = laptop_file("y.json", "Falun stad", "no_answer", "2026-06-02T10:00:00.000Z",
                        "22222222-2222-4222-8222-222222222222")
        self.assertIn("1 unit renamed", run("import", x, db=a).stdout)
        run("import", y, db=a, expect=3)

        listing = run("conflicts", db=a, expect=3).stdout
        self.assertIn("Unit name", listing)
        self.assertIn("Falu kommun", listing)
        self.assertIn("Falun stad", listing)
        self.assertIn("Status", listing)
        self.assertIn("Interview booked", listing)
        ids = {line.split("\t")[3]: line.split("\t")[0] for line in listing.split("\n")
               if line and not line.startswith(" ")}

        before = dump(a)
        result = run("resolve", "--conflict", ids["Status"], "--text", "booked", db=a, expect=1)
        self.assertEqual(len(result.stderr.strip().split("\n")), 1)
        self.assertIn("Status", result.stderr)
        self.assertEqual(dump(a), before)

        run("resolve", "--conflict", ids["Unit name"], "--keep", "theirs", db=a)
        run("resolve", "--conflict", ids["Status"], "--keep", "mine", db=a)
        self.assertIn("No conflicts", run("conflicts", db=a).stdout)
        connection = sqlite3.connect(a)
        try:
            name = connection.execute("SELECT name FROM units WHERE uuid = ?",
                                      (falun["uuid"],)).fetchone()[0]
            status = connection.execute("SELECT status FROM responses WHERE uuid = ?",
                                        (response["uuid"],)).fetchone()[0]
        finally:
            connection.close()
        self.assertEqual(name, "Falun stad")
        self.assertEqual(status, "booked")

    def test_export_all(self):
        out = self.path("all.json")
        run("export", "--all", "--format", "json", "-o", out, db=self.path("coordinator.db"))
        run("export", "--format", "json", "-o", out, db=self.path("coordinator.db"), expect=2)
        result = run("import", out, db=self.path("new.db"))
        self.assertIn("1 round added", result.stdout)

    def test_bad_files(self):
        db = self.path("coordinator.db")
        before = dump(db)
        for name in sorted(os.listdir(os.path.join(FIXTURES, "exchange"))):
            if name == "valid-small.json":
                continue
            path = os.path.join(FIXTURES, "exchange", name)
            result = run("import", path, db=db, expect=1)
            lines = result.stderr.strip().split("\n")
            self.assertEqual(len(lines), 1, result.stderr)
            self.assertIn(path, lines[0])
            self.assertEqual(result.stdout, "")
            self.assertEqual(dump(db), before, name)


if __name__ == "__main__":
    unittest.main(verbosity=2)

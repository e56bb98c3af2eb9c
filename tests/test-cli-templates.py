#!/usr/bin/python3
"""uppfoljning-cli templates, create-round and answer --field / --row (issue 16): the built-in
checklist and SAMLA templates listed, exported and imported; a round of each made and filled
from the command line; show --json gives item fields and table rows; a template file of a
newer format, or a broken one, is refused with one line, exit 1, and the database unchanged."""

import json
import os
import tempfile
import unittest

from clitest import dump, read_bytes, run

CHECKLIST = "vgr_checklista"
SAMLA = "samla_uppfoljning"
TABLE = "mal_aktivitet_utfall"


class Templates(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def create_round(self, template, *args):
        result = run("create-round", "--template", template, "--year", "2026",
                     "--region", "Region Dalarna", *args, db=self.db)
        round_id = result.stdout.strip()
        self.assertRegex(round_id, r"^[0-9a-f-]{36}$")
        return round_id

    def answer(self, round_id, unit, question, *args):
        return run("answer", "--round", round_id, "--unit", unit, "--question", question, *args,
                   db=self.db)

    def unit(self, round_id, name):
        shown = json.loads(run("show", "--round", round_id, "--unit", name, "--json",
                               db=self.db).stdout)
        return {a["question"]: a for a in shown["units"][0]["answers"]}

    def test_list_export_import(self):
        lines = run("templates", db=self.db).stdout.splitlines()
        self.assertEqual(lines, [
            "lok\t1\tUppföljning av lokal överenskommelse (LÖK)",
            f"{SAMLA}\t1\tVerksamhetsuppföljning mål–aktivitet–uppföljning",
            f"{CHECKLIST}\t1\tChecklista för organiserat integrerat arbete"])

        exported = self.path("checklista.json")
        run("templates", "export", CHECKLIST, "-o", exported, db=self.db)
        with open(exported, encoding="utf-8") as f:
            template = json.load(f)
        self.assertEqual(template["format_version"], 2)
        self.assertEqual([s["title"] for s in template["sections"]],
                         ["Avtal/ök", "Ansvarsgränser och rutiner", "SIP - samtycke",
                          "Teambaserat arbete", "Verksamhetens innehåll",
                          "Uppföljning och utvärdering"])
        self.assertEqual(len(template["questions"]), 24)
        # The shared set is written once and referred to, not copied into each item.
        self.assertTrue(all(q["choice_set"] == "status" and "choices" not in q
                            for q in template["questions"]))

        # A new version of it imports; the same file again changes nothing.
        del template["uuid"]
        template["version"] = 2
        template["title"] = "Checklista, reviderad"
        second = self.path("checklista-2.json")
        with open(second, "w", encoding="utf-8") as f:
            json.dump(template, f, ensure_ascii=False)
        run("templates", "import", second, db=self.db)
        self.assertIn(f"{CHECKLIST}\t2\tChecklista, reviderad",
                      run("templates", db=self.db).stdout.splitlines())
        before = dump(self.db)
        result = run("templates", "import", exported, db=self.db)
        self.assertIn("already has", result.stdout)
        self.assertEqual(dump(self.db), before)

    def check_refused(self, contents, message):
        path = self.path("refused.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(contents)
        run("templates", db=self.db)
        before = read_bytes(self.db)
        before_dump = dump(self.db)
        result = run("templates", "import", path, db=self.db, check=False)
        self.assertEqual(result.returncode, 1)
        lines = result.stderr.splitlines()
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn(path, lines[0])
        self.assertIn(message, lines[0])
        self.assertEqual(read_bytes(self.db), before)
        self.assertEqual(dump(self.db), before_dump)

    def test_refused_files(self):
        exported = self.path("samla.json")
        run("templates", "export", SAMLA, "-o", exported, db=self.db)
        with open(exported, encoding="utf-8") as f:
            template = json.load(f)

        newer = dict(template, format_version=3, version=5)
        self.check_refused(json.dumps(newer, ensure_ascii=False),
                           "was made by a newer version of Uppföljning (template format 3); "
                           "this version reads templates up to format 2.")

        broken = json.loads(json.dumps(template))
        broken["version"] = 5
        del broken["uuid"]
        broken["questions"][2]["kind"] = "text"
        self.check_refused(json.dumps(broken, ensure_ascii=False),
                           f"Question “{TABLE}” has columns but is of kind “text”")

        changed = json.loads(json.dumps(template))
        changed["questions"][0]["text"] = "Något annat"
        self.check_refused(json.dumps(changed, ensure_ascii=False),
                           f"already has another template “{SAMLA}” version 1")

    def test_checklist_round(self):
        round_id = self.create_round(CHECKLIST)
        units = run("units", "--round", round_id, db=self.db).stdout.splitlines()
        self.assertEqual(len(units), 15)  # Dalarna's municipalities, as the window fills them
        rounds = run("rounds", db=self.db).stdout
        self.assertIn("Checklista för organiserat integrerat arbete 2026", rounds)

        for unit, status, who, when in (("Falun", "klart", "Socialchef", "2026"),
                                        ("Mora", "pagar", "Verksamhetschef", "vt 2027")):
            self.answer(round_id, unit, "styrgrupp", "--choice", status)
            self.answer(round_id, unit, "styrgrupp", "--field", "ansvar", "--text", who)
            self.answer(round_id, unit, "styrgrupp", "--field", "tid", "--text", when)

        self.assertEqual(self.answered(round_id), 2)
        falun = self.unit(round_id, "Falun")["styrgrupp"]
        self.assertEqual(falun["number"], "1.3")
        self.assertEqual(falun["choices"], ["klart"])
        self.assertEqual(falun["fields"], {"ansvar": "Socialchef", "tid": "2026"})
        mora = self.unit(round_id, "Mora")["styrgrupp"]
        self.assertEqual(mora["choices"], ["pagar"])
        self.assertEqual(mora["fields"], {"ansvar": "Verksamhetschef", "tid": "vt 2027"})
        self.assertEqual(self.unit(round_id, "Mora")["uppdrag"]["fields"],
                         {"ansvar": "", "tid": ""})

        # A field the item does not have: one line, exit 1, nothing changed.
        before = dump(self.db)
        result = run("answer", "--round", round_id, "--unit", "Falun", "--question", "styrgrupp",
                     "--field", "datum", "--text", "x", db=self.db, check=False)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr.splitlines(),
                         ["uppfoljning-cli: Question “styrgrupp” of the round’s template has no "
                          "field “datum”."])
        self.assertEqual(dump(self.db), before)

    def answered(self, round_id):
        for line in run("rounds", db=self.db).stdout.splitlines():
            if line.startswith(round_id):
                return int(line.split("\t")[5])
        self.fail(f"no round {round_id}")

    def test_samla_rows(self):
        round_id = self.create_round(SAMLA, "--title", "SAMLA 2026")
        # A row alone holds only its position: no unit has answered yet.
        self.answer(round_id, "Falun", TABLE, "--row", "new")
        self.answer(round_id, "Falun", TABLE, "--row", "1", "--remove-row")
        self.assertEqual(self.answered(round_id), 0)
        rows = (("Färre avvikelser", "Analysera avvikelser", "Grupp utsedd"),
                ("Öka antalet SIP", "Utbildningsdag", "Genomförd i februari"),
                ("Tidiga insatser", "Ansökan till Skolverket", "Beviljad"))
        for number, (goal, activity, follow_up) in enumerate(rows, start=1):
            added = self.answer(round_id, "Mora", TABLE, "--row", "new", "--column", "mal",
                                "--text", goal)
            self.assertEqual(added.stdout.strip(), str(number))
            self.answer(round_id, "Mora", TABLE, "--row", str(number), "--column", "aktivitet",
                        "--text", activity)
            self.answer(round_id, "Mora", TABLE, "--row", str(number), "--column",
                        "uppfoljning", "--text", follow_up)

        table = self.unit(round_id, "Mora")[TABLE]
        self.assertEqual([(r["mal"], r["aktivitet"], r["uppfoljning"]) for r in table["rows"]],
                         list(rows))
        # The unit with rows counts as answered, as the window's progress counts it.
        self.assertEqual(self.answered(round_id), 1)
        self.assertEqual(len({r["id"] for r in table["rows"]}), 3)
        self.assertEqual(self.unit(round_id, "Falun")[TABLE]["rows"], [])
        shown = run("show", "--round", round_id, "--unit", "Mora", db=self.db).stdout
        self.assertIn("Mål\tAktivitet\tUppföljning\nFärre avvikelser\tAnalysera avvikelser",
                      shown)

        # A row that is not there, a column the table lacks: one line, exit 1, no change.
        before = dump(self.db)
        for args, message in (
                (("--row", "4", "--column", "mal", "--text", "x"),
                 f"Question “{TABLE}” of “Mora” has 3 rows; give --row from 1 to 3, or --row "
                 "new."),
                (("--row", "1", "--column", "budget", "--text", "x"),
                 f"Question “{TABLE}” has no column “budget”.")):
            result = run("answer", "--round", round_id, "--unit", "Mora", "--question", TABLE,
                         *args, db=self.db, check=False)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stderr.splitlines(), ["uppfoljning-cli: " + message])
        self.assertEqual(dump(self.db), before)

        self.answer(round_id, "Mora", TABLE, "--row", "2", "--remove-row")
        table = self.unit(round_id, "Mora")[TABLE]
        self.assertEqual([r["mal"] for r in table["rows"]], ["Färre avvikelser",
                                                             "Tidiga insatser"])

    def test_create_round_refused(self):
        before = dump(self.db) if os.path.exists(self.db) else None
        run("templates", db=self.db)
        before = dump(self.db)
        for args, message in ((("--template", "nope", "--year", "2026", "--region", "Dalarna"),
                               "There is no template “nope”"),
                              (("--template", SAMLA, "--year", "2026", "--region", "Atlantis"),
                               "Atlantis")):
            result = run("create-round", *args, db=self.db, check=False)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertEqual(len(result.stderr.splitlines()), 1)
            self.assertIn(message, result.stderr)
        self.assertEqual(dump(self.db), before)


if __name__ == "__main__":
    unittest.main()

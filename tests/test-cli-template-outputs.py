#!/usr/bin/python3
"""The workbook, the CSV and the report of rounds of every template shape (issue 16): a checklist
round (parts, items numbered 1.1…, a status with the fields Ansvar and Tid) and a SAMLA round (a
table of goal, activity and follow-up rows) made and filled from the command line, exported
with `export --format xlsx|csv|pdf` and read back with openpyxl, the csv module, pdftotext and
headless LibreOffice."""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from clitest import run

CHECKLIST = "vgr_checklista"
SAMLA = "samla_uppfoljning"
TABLE = "mal_aktivitet_utfall"
STATUSES = (("klart", "Klart"), ("pagar", "Pågår"), ("ej_paborjat", "Ej påbörjat"))
UNITS = ("Falun", "Mora")


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def squeeze(text):
    """pdftotext's layout puts runs of spaces between columns; one space is enough to find
    a sentence."""
    return re.sub(r"[ \t]+", " ", text)


class TemplateOutputs(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def create_round(self, template):
        result = run("create-round", "--template", template, "--year", "2026",
                     "--region", "Region Dalarna", db=self.db)
        return result.stdout.strip()

    def answer(self, round_id, unit, question, *args):
        return run("answer", "--round", round_id, "--unit", unit, "--question", question, *args,
                   db=self.db)

    def export(self, round_id, name):
        path = self.path(name)
        run("export", "--round", round_id, "-o", path, db=self.db)
        return path

    # The checklist -----------------------------------------------------------------------

    def checklist(self):
        """The template's parts and items as (number, key, label, part title)."""
        exported = self.path("checklista.json")
        run("templates", "export", CHECKLIST, "-o", exported, db=self.db)
        with open(exported, encoding="utf-8") as f:
            template = json.load(f)
        parts = [s["key"] for s in template["sections"]]
        titles = {s["key"]: s["title"] for s in template["sections"]}
        counts = {}
        items = []
        for question in template["questions"]:
            part = parts.index(question["section"]) + 1
            counts[part] = counts.get(part, 0) + 1
            items.append((f"{part}.{counts[part]}", question["key"], question["short_label"],
                          titles[question["section"]]))
        return [titles[key] for key in parts], items

    def fill_checklist(self, round_id, items):
        """Every item for both units, different per unit: the status cycles, shifted by one
        for Mora; Ansvar and Tid name the unit and the item."""
        values = {}
        for u, unit in enumerate(UNITS):
            for i, (number, key, _, _) in enumerate(items):
                status = STATUSES[(i + u) % 3]
                who = f"Chef {unit} {number}"
                when = f"vt {2027 + u}"
                self.answer(round_id, unit, key, "--choice", status[0])
                self.answer(round_id, unit, key, "--field", "ansvar", "--text", who)
                self.answer(round_id, unit, key, "--field", "tid", "--text", when)
                values[unit, key] = (status[1], who, when)
        return values

    def test_checklist_outputs(self):
        parts, items = self.checklist()
        self.assertEqual(len(parts), 6)
        self.assertEqual(len(items), 24)
        round_id = self.create_round(CHECKLIST)
        values = self.fill_checklist(round_id, items)

        self.check_workbook(self.export(round_id, "checklista.xlsx"), parts, items, values)
        self.check_csv(self.export(round_id, "checklista.csv"), items, values)
        self.check_report(self.export(round_id, "checklista.pdf"), parts, items, values)

    def check_workbook(self, path, parts, items, values):
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Matrix"]
        rows = [[c.value for c in row] for row in sheet.iter_rows()]
        header_row = next(i for i, row in enumerate(rows) if row[0] == "Unit")
        header = rows[header_row]

        # One column each for status, Ansvar and Tid per item, in the template's order.
        item_columns = [h for h in header[header.index(f"1.1 {items[0][2]} – Status"):]
                        if h is not None]
        expected = []
        for number, _, label, _ in items:
            expected += [f"{number} {label} – Status", f"{number} {label} – Ansvar",
                         f"{number} {label} – Tid"]
        self.assertEqual(item_columns, expected)

        # The parts' titles in the row above, each over its first item's columns.
        part_row = rows[0]
        for title in parts:
            first = next(n for n, _, _, part in items if part == title)
            label = next(lbl for n, _, lbl, _ in items if n == first)
            column = header.index(f"{first} {label} – Status")
            self.assertEqual(part_row[column], f"{first.split('.')[0]}. {title}")
        merged = [str(r) for r in sheet.merged_cells.ranges]
        self.assertTrue(any(r.startswith(sheet.cell(1, header.index(
            f"1.1 {items[0][2]} – Status") + 1).coordinate) for r in merged), merged)

        # Each unit's values under its item's columns.
        by_unit = {row[0]: row for row in rows[header_row + 1:]}
        for unit in UNITS:
            row = by_unit[unit]
            for number, key, label, _ in items:
                status, who, when = values[unit, key]
                column = header.index(f"{number} {label} – Status")
                self.assertEqual(row[column:column + 3], [status, who, when],
                                 f"{unit} {number}")
        # A unit without answers has empty cells there.
        self.assertIsNone(by_unit["Leksand"][header.index(f"1.1 {items[0][2]} – Status")])

        # The item's own sheet has the fields beside the choice.
        item_sheet = workbook[next(name for name in workbook.sheetnames
                                   if name.startswith("1.1 "))]
        sheet_rows = [[c.value for c in row] for row in item_sheet.iter_rows()]
        self.assertIn("Ansvar", sheet_rows[1])
        self.assertIn("Tid", sheet_rows[1])
        falun = next(r for r in sheet_rows if r[2] == "Falun")
        self.assertEqual(falun[sheet_rows[1].index("Ansvar")], f"Chef Falun 1.1")

        # Headers wrap in their cells, so the words looked for are short.
        self.check_libreoffice(path, [f"1. {parts[0]}", "Chef Falun 1.1", "Ej påbörjat"])

    def check_libreoffice(self, path, words):
        """The workbook opens in LibreOffice as a user's would: converted to PDF headless in a
        throwaway profile, its matrix's first page has the part, the headers and a value."""
        if not shutil.which("soffice"):
            self.skipTest("LibreOffice is not installed")
        with tempfile.TemporaryDirectory() as home:
            result = subprocess.run(
                ["soffice", "-env:UserInstallation=file://" + os.path.join(home, "profile"),
                 "--headless", "--norestore", "--convert-to", "pdf", "--outdir", home, path],
                env=dict(os.environ, HOME=home), capture_output=True, text=True, timeout=240)
            pdf = os.path.join(home, os.path.splitext(os.path.basename(path))[0] + ".pdf")
            self.assertTrue(os.path.exists(pdf), result.stdout + result.stderr)
            text = squeeze(subprocess.run(["pdftotext", "-f", "1", "-l", "3", pdf, "-"],
                                          capture_output=True, text=True).stdout)
            for word in words:
                self.assertIn(word, text.replace("\n", " "))

    def check_csv(self, path, items, values):
        with open(path, encoding="utf-8-sig", newline="") as f:
            records = list(csv.DictReader(f, delimiter=";"))
        falun = [r for r in records if r["unit"] == "Falun"]
        # The items in order, numbered; each followed by its fields under their own keys.
        keys = [(r["question_number"], r["question_key"]) for r in falun]
        expected = []
        for number, key, _, _ in items:
            expected += [(number, key), (number, f"{key}:ansvar"), (number, f"{key}:tid")]
        self.assertEqual(keys, expected)
        for unit in UNITS:
            for number, key, label, _ in items:
                status, who, when = values[unit, key]
                mine = {r["question_key"]: r for r in records if r["unit"] == unit}
                self.assertEqual(mine[key]["choices"], status)
                self.assertEqual(mine[f"{key}:ansvar"]["answer"], who)
                self.assertEqual(mine[f"{key}:ansvar"]["short_label"], f"{label} – Ansvar")
                self.assertEqual(mine[f"{key}:tid"]["answer"], when)
        # The file still imports as a units × questions table: the statuses are read, the
        # fields' records left aside.
        imported = run("import", path, "--template", CHECKLIST, "--year", "2027", "--dry-run",
                       db=self.db)
        self.assertIn(f"Would import 15 units and {2 * len(items)} answers", imported.stdout)

    def check_report(self, path, parts, items, values):
        text = pdf_text(path)
        flat = squeeze(text)
        # The results: each part a heading, its items in order with their numbers.
        results = flat.index("Part 1: ")
        results = flat.index("Part 1: ", results + 1)  # past the table of contents
        position = results
        for p, title in enumerate(parts, start=1):
            position = flat.index(f"Part {p}: {title}", position)
            for number, key, label, part in items:
                if part != title:
                    continue
                position = flat.index(f"{number} {label}", position)
                # Each unit's status and fields on the line of its name, before the next item.
                found = []
                for unit in UNITS:
                    status, who, when = values[unit, key]
                    line = f"{unit}: {status} · Ansvar: {who} · Tid: {when}"
                    found.append(flat.index(line, position))
                self.assertLess(max(found), flat.index("No answer:", position))
                position = max(found)
        # The contents list the parts.
        contents = flat[:results]
        for p, title in enumerate(parts, start=1):
            self.assertIn(f"Part {p}: {title}", contents)

        # The checklist's finding: per item of each part, units per status. Falun has item i
        # at status i % 3, Mora at (i + 1) % 3; the other 13 units have none.
        for i, (number, _, label, _) in enumerate(items):
            counts = [0, 0, 0]
            counts[i % 3] += 1
            counts[(i + 1) % 3] += 1
            row = " ".join(str(c) for c in counts + [13])
            # The item's text may wrap in its cell: its first word is on the counts' line.
            self.assertRegex(flat, re.escape(f"{number} {label.split()[0]}") + r"[^\n]*? " +
                             row + "\n",
                             f"status row of {number}")

        # The questionnaire in the appendix, with the parts and the items' fields.
        appendix = flat.index("Appendix: Questionnaire", results)
        position = appendix
        for number, _, label, part in items:
            position = flat.index(f"{number} {label}", position)
        self.assertIn("Ansvar: ____", flat[appendix:])

    # SAMLA ----------------------------------------------------------------------------------

    ROWS = (("Färre avvikelser", "Analysera avvikelser", "Grupp utsedd"),
            ("Fler SIP", "Utbildningsdag", "Genomförd i februari"),
            ("Tidiga insatser", "Ansökan skickad", "Beviljad"))

    def fill_samla(self, round_id):
        # Mora: three rows, and one added between them then removed.
        for number, (goal, activity, follow_up) in enumerate(self.ROWS, start=1):
            self.answer(round_id, "Mora", TABLE, "--row", "new", "--column", "mal",
                        "--text", goal)
            self.answer(round_id, "Mora", TABLE, "--row", str(number), "--column", "aktivitet",
                        "--text", activity)
            self.answer(round_id, "Mora", TABLE, "--row", str(number), "--column",
                        "uppfoljning", "--text", follow_up)
            if number == 2:
                self.answer(round_id, "Mora", TABLE, "--row", "new", "--column", "mal",
                            "--text", "Borttaget mål")
                self.answer(round_id, "Mora", TABLE, "--row", "3", "--remove-row")
        # Falun: one row, and a summary in words.
        self.answer(round_id, "Falun", TABLE, "--row", "new", "--column", "mal",
                    "--text", "Gemensam rutin")
        self.answer(round_id, "Falun", "sammanfattning", "--text", "Ett år av samarbete.")

    def test_samla_outputs(self):
        round_id = self.create_round(SAMLA)
        self.fill_samla(round_id)

        workbook = openpyxl.load_workbook(self.export(round_id, "samla.xlsx"))
        name = next(n for n in workbook.sheetnames if n.endswith("Mål, aktivitet och utfall"))
        rows = [[c.value for c in row] for row in workbook[name].iter_rows()]
        self.assertEqual(rows[1], ["Unit", "Row", "Mål", "Aktivitet", "Uppföljning"])
        self.assertEqual([tuple(r) for r in rows[2:] if r[0] == "Mora"],
                         [("Mora", n, *texts) for n, texts in enumerate(self.ROWS, start=1)])
        self.assertEqual([tuple(r) for r in rows[2:] if r[0] == "Falun"],
                         [("Falun", 1, "Gemensam rutin", None, None)])
        # The matrix counts each unit's rows.
        matrix = [[c.value for c in row] for row in workbook["Matrix"].iter_rows()]
        header = next(r for r in matrix if r[0] == "Unit")
        column = next(i for i, h in enumerate(header) if h and h.endswith("– Rows"))
        self.assertEqual({r[0]: r[column] for r in matrix if r[0] in UNITS},
                         {"Falun": 1, "Mora": 3})

        # The CSV: one record per cell of each row, in row order, under the cell's key.
        with open(self.export(round_id, "samla.csv"), encoding="utf-8-sig", newline="") as f:
            records = [r for r in csv.DictReader(f, delimiter=";")
                       if r["unit"] == "Mora" and r["question_key"].startswith(TABLE + ":")]
        self.assertEqual([r["answer"] for r in records],
                         [text for row in self.ROWS for text in row])
        self.assertEqual(records[3]["short_label"], "Mål, aktivitet och utfall – Row 2 – Mål")
        self.assertNotIn("Borttaget mål", [r["answer"] for r in records])

        # The report: Mora's rows as a table, each row's texts on one line, in order, below
        # the columns' headings.
        text = squeeze(pdf_text(self.export(round_id, "samla.pdf")))
        self.assertNotIn("Borttaget mål", text)
        results = text.index("Part 2: Mål, aktivitet och utfall")
        results = text.index("Part 2: Mål, aktivitet och utfall", results + 1)
        position = text.index("Mora", results)
        position = text.index("Mål Aktivitet Uppföljning", position)
        for row in self.ROWS:
            position = text.index(" ".join(row), position)
        self.assertIn("Ett år av samarbete.", text)


if __name__ == "__main__":
    unittest.main()

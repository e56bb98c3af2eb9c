#!/usr/bin/python3
"""uppfoljning-cli and exchange files: export --format json, import FILE.json with its summary
and exit status 3 while conflicts remain, conflicts and resolve, and bad files refused with
one message and the database unchanged."""

import copy
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest
import uuid

from clitest import CLI, DALARNA, FIXTURES, dump

VALID = os.path.join(FIXTURES, "exchange", "valid-small.json")
DEVICE = "e89637fe-5022-4298-bde8-8227b1a241f3"


def run(*args, db, expect=0):
    command = [CLI, "--db", db] + list(args)
    result = subprocess.run(command, capture_output=True, text=True,
                            env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    if expect is not None and result.returncode != expect:
        raise AssertionError(f"{command} exited {result.returncode}, not {expect}: "
                             f"{result.stdout}{result.stderr}")
    return result


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

    def test_device_name(self):
        """The computer's name, set with device-name, goes with its exchange files; an empty
        one is refused with one line and nothing written."""
        coordinator = self.path("coordinator.db")
        self.assertEqual(run("device-name", db=coordinator).stdout, "")
        before = dump(coordinator)
        result = run("device-name", " ", db=coordinator, expect=1)
        self.assertEqual(result.stderr.count("\n"), 1)
        self.assertIn("name cannot be empty", result.stderr)
        self.assertEqual(dump(coordinator), before)

        result = run("device-name", "  Kontorets dator ", db=coordinator)
        self.assertEqual(result.stdout, "Kontorets dator\n")
        self.assertEqual(run("device-name", db=coordinator).stdout, "Kontorets dator\n")
        start = self.export(coordinator, "named.json")
        with open(start, encoding="utf-8") as f:
            self.assertEqual(json.load(f)["device_name"], "Kontorets dator")
        # The other side does not take the name for its own.
        laptop = self.path("laptop.db")
        run("import", start, db=laptop)
        self.assertEqual(run("device-name", db=laptop).stdout, "")

    def test_two_laptops(self):
        start = self.export(self.path("coordinator.db"), "start.json")
        with open(start, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual(data["format"], "uppfoljning-exchange")
        self.assertEqual(data["format_version"], 2)
        self.assertEqual(len(data["rounds"][0]["responses"]), 11)

        a, b = self.path("a.db"), self.path("b.db")
        result = run("import", start, db=a)
        self.assertEqual(result.stdout.strip(), "1 round added, 11 units added, "
                         "11 responses added, 43 answers added")
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

    def test_theme_conflict(self):
        """A theme renamed differently on two other laptops: the conflicts list it in words,
        and resolve settles it; the coded passage stays with the theme."""
        coordinator = self.path("coordinator.db")
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "challenges",
            "--text", "Samverkan brister.", db=coordinator)
        run("themes", "add", "Samverkan", "--kind", "hindering", db=coordinator)
        run("code", "--round", self.round, "--unit", "Falun", "--question", "challenges",
            "--start", "0", "--end", "9", "--theme", "Samverkan", db=coordinator)
        start = self.export(coordinator, "start.json")
        with open(start, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual([t["name"] for t in data["themes"]], ["Samverkan"])
        self.assertEqual([c["anchor"] for c in data["codings"]], ["Samverkan"])
        a = self.path("a.db")
        result = run("import", start, db=a)
        self.assertIn("1 theme added, 1 coded passage added", result.stdout)
        theme = data["themes"][0]

        def laptop_file(name, new_name, modified, device):
            theme["name"] = new_name
            theme["versions"] = [{"field": "name", "modified": modified, "device": device,
                                  "history": []}]
            path = self.path(name)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(data, f)
            return path

        x = laptop_file("x.json", "Samarbete", "2026-06-01T10:00:00.000Z",
                        "11111111-1111-4111-8111-111111111111")
        y = laptop_file("y.json", "Samverkan över gränser", "2026-06-02T10:00:00.000Z",
                        "22222222-2222-4222-8222-222222222222")
        self.assertIn("Would import: 1 theme updated",
                      run("import", "--dry-run", x, db=a).stdout)
        self.assertEqual(run("import", x, db=a).stdout.strip(), "1 theme updated")
        run("import", y, db=a, expect=3)

        listing = run("conflicts", db=a, expect=3).stdout
        self.assertIn("Theme name", listing)
        self.assertIn("Region Dalarna", listing)
        self.assertIn("Samarbete", listing)
        self.assertIn("Samverkan över gränser", listing)
        conflict_id = listing.split("\t")[0]
        run("resolve", "--conflict", conflict_id, "--keep", "theirs", db=a)
        self.assertIn("No conflicts", run("conflicts", db=a).stdout)
        themes = run("themes", db=a).stdout
        self.assertIn("Samverkan över gränser", themes)
        self.assertNotIn("Samarbete", themes)

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


def file_bytes(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def first_answer(data):
    return data["rounds"][0]["responses"][0]["answers"][0]


def set_text(data, text):
    first_answer(data)["text"] = text


def new_uuids(value):
    """A copy of a response or answer with identifiers of its own."""
    value = copy.deepcopy(value)
    value["uuid"] = str(uuid.uuid4())
    for answer in value.get("answers", []):
        answer["uuid"] = str(uuid.uuid4())
    return value


def another_region_unit(data):
    unit = {"uuid": str(uuid.uuid4()), "name": "Ockelbo", "kind": "municipality",
            "sub_area": "", "modified": "2026-11-23T16:50:09.054426Z", "members": ["2101"]}
    data["regions"].append({"code": "21", "units": [unit]})
    data["rounds"][0]["responses"][0]["unit"] = unit["uuid"]


def uppercase_copy(data):
    answers = data["rounds"][0]["responses"][0]["answers"]
    twin = dict(answers[0], uuid=answers[0]["uuid"].upper(), question="other")
    answers.append(twin)


def long_history(data):
    first_answer(data)["history"] = ["2026-01-01T00:00:00.%06dZ %s" % (i, DEVICE)
                                     for i in range(1001)]


def other_template_uuid(data):
    other = str(uuid.uuid4())
    data["templates"][0]["uuid"] = other
    data["rounds"][0]["template"] = other


def template_choice(data, key):
    data["templates"][0]["questions"][0]["choices"][0]["key"] = key
    for response in data["rounds"][0]["responses"]:
        for answer in response["answers"]:
            answer["choices"] = []


THEME = "3f0c2a8e-6c1b-4f5e-9a51-0c6f3e2b9d11"
CODING = "7a4d0c55-2b8e-4f0a-8c3d-5e6f7a8b9c0d"
TIME = "2026-11-23T16:50:09.054426Z"


def with_coding(data):
    """valid-small.json with a theme of its region and one coded passage: "Nej" of the first
    answer."""
    data["themes"] = [{"uuid": THEME, "region": "20", "name": "Samverkan", "description": "",
                       "kind": "promoting", "parent": "", "colour": "#2a7fff",
                       "retired": False, "merged_into": "", "modified": TIME,
                       "device": DEVICE}]
    data["codings"] = [{"uuid": CODING, "answer": first_answer(data)["uuid"], "theme": THEME,
                        "start": 0, "end": 3, "anchor": "Nej", "flagged": False,
                        "quote": False, "modified": TIME, "device": DEVICE}]
    data["removed_codings"] = []


def theme(data):
    return data["themes"][0]


def coding(data):
    return data["codings"][0]


def second_theme(data, **fields):
    data["themes"].append(dict(theme(data), uuid=str(uuid.uuid4()), **fields))


def without(member):
    return lambda d: coding(d).pop(member)


# The codebook and coding cases start from with_coding().
CODING_CASES = {
    "theme-kind": (lambda d: theme(d).update(kind="positive"), "unknown kind “positive”"),
    "theme-colour": (lambda d: theme(d).update(colour="blue"), "colour “blue”"),
    "theme-colour-short": (lambda d: theme(d).update(colour="#fff"), "colour “#fff”"),
    "theme-name-empty": (lambda d: theme(d).update(name=" "), "needs a name"),
    "theme-name-two-lines": (lambda d: theme(d).update(name="Sam\nverkan"), "needs a name"),
    "theme-name-number": (lambda d: theme(d).update(name=5), "text field “name”"),
    "theme-retired-string": (lambda d: theme(d).update(retired="yes"), "neither true nor false"),
    "theme-region-unknown": (lambda d: theme(d).update(region="99"), "region “99”"),
    "theme-parent-missing": (lambda d: theme(d).update(parent=str(uuid.uuid4())),
                             "“parent” theme that is neither"),
    "theme-parent-itself": (lambda d: theme(d).update(parent=THEME), "names itself"),
    "theme-merged-in-use": (lambda d: second_theme(d, name="Annat", merged_into=THEME),
                            "still in use"),
    "theme-same-name-twice": (lambda d: second_theme(d, name="samverkan "),
                              "name “samverkan ” of another theme"),
    "theme-version-field": (lambda d: theme(d).update(versions=[
        {"field": "size", "modified": TIME, "device": DEVICE}]), "unknown field “size”"),
    "theme-uuid-repeated": (lambda d: d["themes"].append(dict(theme(d), name="Annat")),
                            "repeats the identifier"),
    "themes-not-list": (lambda d: d.update(themes={"uuid": THEME}), "list field “themes”"),
    "coding-theme-missing": (lambda d: coding(d).update(theme=str(uuid.uuid4())),
                             "theme that is neither"),
    "coding-theme-other-region": (lambda d: (second_theme(d, name="Annat", region="21"),
                                             coding(d).update(theme=d["themes"][1]["uuid"])),
                                  "region 20 with a theme of region 21"),
    "coding-answer-missing": (lambda d: coding(d).update(answer=str(uuid.uuid4())),
                              "answer that is neither"),
    "coding-start-is-end": (lambda d: coding(d).update(start=3), "not before its end"),
    "coding-start-after-end": (lambda d: coding(d).update(start=10), "not before its end"),
    "coding-beyond-text": (lambda d: coding(d).update(end=1000), "beyond the answer’s text"),
    "coding-negative-start": (lambda d: coding(d).update(start=-1), "“start” out of range"),
    "coding-negative-end": (lambda d: coding(d).update(end=-3), "“end” out of range"),
    "coding-start-text": (lambda d: coding(d).update(start="0"), "whole-number field “start”"),
    "coding-end-fraction": (lambda d: coding(d).update(end=2.5), "whole-number field “end”"),
    "coding-flagged-number": (lambda d: coding(d).update(flagged=1), "neither true nor false"),
    "coding-quote-null": (lambda d: coding(d).update(quote=None), "neither true nor false"),
    "coding-anchor-missing": (without("anchor"), "text field “anchor”"),
    "coding-anchor-empty": (lambda d: coding(d).update(anchor=""), "no passage text"),
    "coding-uuid-repeated": (lambda d: d["codings"].append(dict(coding(d), start=4, end=6)),
                             "repeats the identifier"),
    "coding-time-future": (lambda d: coding(d).update(modified="2999-01-01T00:00:00Z"),
                           "in the future"),
    "coding-not-object": (lambda d: d["codings"].append("Nej"), "is not an object"),
    "removed-coding-time": (lambda d: d["removed_codings"].append(
        {"uuid": str(uuid.uuid4()), "modified": "zzzz", "device": DEVICE}), "not a time"),
    "removed-coding-uuid": (lambda d: d["removed_codings"].append(
        {"uuid": "x", "modified": TIME, "device": DEVICE}), "invalid identifier"),
}

# Each case: how valid-small.json is spoiled (a function of the data, or of its text), and
# words of the one line that must name the problem.
DATA_CASES = {
    "time-zzzz": (lambda d: first_answer(d).update(modified="zzzz"), "not a time"),
    "time-year-9999": (lambda d: first_answer(d).update(modified="9999-12-31T23:59:59.000000Z"),
                       "in the future"),
    "time-offset": (lambda d: first_answer(d).update(modified="2026-11-23T16:50:09+01:00"),
                    "not a time"),
    "time-empty": (lambda d: d["rounds"][0].update(modified=""), "not a time"),
    "history-time": (lambda d: first_answer(d).update(history=["zzzz " + DEVICE]),
                     "history entry"),
    "history-too-long": (long_history, "more than 1000 versions"),
    "title-empty": (lambda d: d["rounds"][0].update(title=" "), "no title"),
    "device-empty": (lambda d: first_answer(d).update(device=""), "“device”"),
    "device-response-empty": (lambda d: d["rounds"][0]["responses"][0].update(device=""),
                              "“device”"),
    "unit-other-region": (another_region_unit, "region 21"),
    "uuid-uppercase-copy": (uppercase_copy, "invalid identifier"),
    "two-responses-one-unit": (lambda d: d["rounds"][0]["responses"].append(
        new_uuids(d["rounds"][0]["responses"][0])), "second response"),
    "same-question-twice": (lambda d: d["rounds"][0]["responses"][0]["answers"].append(
        new_uuids(first_answer(d))), "a second time"),
    "choice-unknown": (lambda d: first_answer(d).update(choices=["no_such_choice"]),
                       "no_such_choice"),
    "choice-with-newline": (lambda d: first_answer(d).update(choices=["signed\nnone"]),
                            "has no choice"),
    "choices-for-text": (lambda d: d["rounds"][0]["responses"][1]["answers"][1].update(
        choices=["signed"]), "takes no choices"),
    "interview-date": (lambda d: d["rounds"][0]["responses"][0].update(
        interview_date="igår"), "interview date"),
    "interview-date-february-30": (lambda d: d["rounds"][0]["responses"][0].update(
        interview_date="2025-02-30"), "interview date"),
    "interview-date-signed-year": (lambda d: d["rounds"][0]["responses"][0].update(
        interview_date="+202-10-14"), "interview date"),
    "template-other-content": (lambda d: d["templates"][0]["questions"][0].update(
        text="Ändrad fråga?"), "differs from the template"),
    "template-other-uuid": (other_template_uuid, "another template"),
    "template-version-2^32+1": (lambda d: d["templates"][0].update(version=2**32 + 1),
                                "“version”"),
    "template-version-string": (lambda d: d["templates"][0].update(version="7"), "“version”"),
    "template-version-negative": (lambda d: d["templates"][0].update(version=-5), "“version”"),
    "template-version-fraction": (lambda d: d["templates"][0].update(version=1.5),
                                  "“version”"),
    "template-choice-key-newline": (lambda d: template_choice(d, "sig\nned"),
                                    "may only contain"),
    "template-question-key-space": (lambda d: d["templates"][0]["questions"][5].update(
        key="other thing"), "may only contain"),
}

TEXT_CASES = {
    "lone-surrogate": (lambda t: t.replace('"MARKER"', '"a\\ud800b"'), "surrogate"),
    "lone-low-surrogate": (lambda t: t.replace('"MARKER"', '"\\udc00"'), "surrogate"),
    "surrogate-then-letter": (lambda t: t.replace('"MARKER"', '"\\ud800\\u0041"'),
                              "surrogate"),
    "nul-escape": (lambda t: t.replace('"MARKER"', '"before\\u0000after"'), "\\u0000"),
    "raw-control-character": (lambda t: t.replace('"MARKER"', '"a\x01b"'),
                              "control character"),
    "trailing-object": (lambda t: t + '\n{"format": "uppfoljning-exchange"}\n',
                        "after the end"),
    "trailing-garbage": (lambda t: t + "xyz", "after the end"),
    "deep-nesting": (lambda t: t.replace('"MARKER"', "[" * 100000 + "]" * 100000),
                     "nested more than 32"),
    "deep-nesting-objects": (lambda t: t.replace('"MARKER"', '{"a":' * 100000 + "1" +
                                                 "}" * 100000), "nested more than 32"),
    "deep-nesting-cut-short": (lambda t: t[:t.index('"MARKER"')] + "[" * 100000,
                               "nested more than 32"),
}


class BadExchangeInput(unittest.TestCase):
    """Hand-made bad inputs: each is refused with one line that names the file and the
    problem, exit status 1, and the database exactly as it was, byte for byte."""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.TemporaryDirectory()
        cls.db = os.path.join(cls.dir.name, "laptop.db")
        run("import", "--year", "2025", DALARNA, db=cls.db)
        with open(VALID, encoding="utf-8") as f:
            cls.valid = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.dir.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir.name, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def check_refused(self, name, text, words):
        path = self.write(name, text)
        # Each case on its own copy: one wrongly accepted must not spoil the next.
        db = os.path.join(self.dir.name, name + ".db")
        shutil.copyfile(self.db, db)
        before, before_bytes = dump(db), file_bytes(db)
        result = run("import", path, db=db, expect=1)
        lines = result.stderr.strip().split("\n")
        self.assertEqual(len(lines), 1, result.stderr)
        self.assertIn(path, lines[0])
        self.assertIn(words, lines[0])
        self.assertEqual(result.stdout, "")
        self.assertEqual(file_bytes(db), before_bytes, name)
        self.assertEqual(dump(db), before, name)
        self.assertEqual(run("import", "--dry-run", path, db=db, expect=1).stderr,
                         result.stderr)

    def test_control(self):
        """The file the bad ones are made from imports, so each refusal is for its fault."""
        copy_db = os.path.join(self.dir.name, "control.db")
        run("import", "--year", "2025", DALARNA, db=copy_db)
        data = copy.deepcopy(self.valid)
        set_text(data, "MARKER")
        data["rounds"][0]["responses"][0]["interview_date"] = "2024-02-29"
        result = run("import", self.write("control", json.dumps(data)), db=copy_db)
        self.assertIn("1 round added", result.stdout)

        coded_db = os.path.join(self.dir.name, "control-coded.db")
        run("import", "--year", "2025", DALARNA, db=coded_db)
        data = copy.deepcopy(self.valid)
        with_coding(data)
        result = run("import", self.write("control-coded", json.dumps(data)), db=coded_db)
        self.assertIn("1 theme added, 1 coded passage added", result.stdout)

    def test_coding_cases(self):
        for name, (spoil, words) in CODING_CASES.items():
            with self.subTest(name):
                data = copy.deepcopy(self.valid)
                with_coding(data)
                spoil(data)
                self.check_refused(name, json.dumps(data, ensure_ascii=False), words)

    def test_data_cases(self):
        for name, (spoil, words) in DATA_CASES.items():
            with self.subTest(name):
                data = copy.deepcopy(self.valid)
                spoil(data)
                self.check_refused(name, json.dumps(data, ensure_ascii=False), words)

    def test_text_cases(self):
        data = copy.deepcopy(self.valid)
        set_text(data, "MARKER")
        text = json.dumps(data, ensure_ascii=False, indent=1)
        for name, (spoil, words) in TEXT_CASES.items():
            with self.subTest(name):
                self.check_refused(name, spoil(text), words)

    def test_byte_order_mark(self):
        db = os.path.join(self.dir.name, "bom.db")
        with open(VALID, encoding="utf-8") as f:
            text = f.read()
        result = run("import", self.write("bom", "\ufeff" + text), db=db)
        self.assertIn("1 round added", result.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)

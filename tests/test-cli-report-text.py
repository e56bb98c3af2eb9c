#!/usr/bin/python3
"""uppfoljning-cli report-text and export --format pdf --compare-with (issue 14): a report
written headless, its texts from files or standard input; every refused command prints one
line, exits 1 (2 for wrong arguments) and leaves the database file byte-identical."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from clitest import CLI, DALARNA, read_bytes, run


class ReportText(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def texts(self):
        connection = sqlite3.connect(self.db)
        try:
            return dict(connection.execute("SELECT key, text FROM round_texts"))
        finally:
            connection.close()

    def assert_refused(self, *args, code=1, says=None):
        before = read_bytes(self.db)
        result = run(*args, db=self.db, check=False)
        self.assertEqual(result.returncode, code, f"{args}: {result.stderr}")
        self.assertEqual(len(result.stderr.splitlines()), 1, f"{args}: {result.stderr!r}")
        self.assertTrue(result.stderr.startswith("uppfoljning-cli: "), result.stderr)
        if says is not None:
            self.assertIn(says, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(read_bytes(self.db), before, f"{args} changed the database")

    def test_parts_from_files_and_stdin(self):
        summary = self.write("summary.txt",
                             "Arbetet med LÖK pågår i nästan hela länet.\n- använda SIP\n".encode())
        run("report-text", "--round", self.round, "--part", "summary", "--file", summary,
            db=self.db)
        # Windows-1252, as older Swedish Word saves a .txt.
        areas = self.write("areas.txt", "Samsjuklighet och väntetider\r\n".encode("cp1252"))
        run("report-text", "--round", self.round, "--part", "follow-up-areas", "--file", areas,
            db=self.db)
        result = subprocess.run([CLI, "--db", self.db, "report-text", "--round", self.round,
                                 "--part", "recommendations", "--file", "-"],
                                input="Teckna LÖK under året.\n".encode(), capture_output=True,
                                env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.texts(), {
            "summary": "Arbetet med LÖK pågår i nästan hela länet.\n- använda SIP",
            "follow_up_areas": "Samsjuklighet och väntetider",
            "recommendations": "Teckna LÖK under året.",
        })

        run("report-text", "--round", self.round, "--part", "recommendations", "--clear",
            db=self.db)
        self.assertNotIn("recommendations", self.texts())

        # The report has them, written headless.
        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext (poppler-utils) is needed")
        pdf = os.path.join(self.tmp.name, "r.pdf")
        run("export", "--round", self.round, "--format", "pdf", "-o", pdf, db=self.db)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        self.assertIn("Arbetet med LÖK pågår i nästan hela länet.", text)
        self.assertIn("Samsjuklighet och väntetider", text)
        self.assertNotIn("Teckna LÖK", text)

    def test_refused(self):
        summary = self.write("summary.txt", b"Sammanfattning.\n")
        self.assert_refused("report-text", "--round", self.round, "--part", "conclusion",
                            "--file", summary, says="conclusion")
        missing = os.path.join(self.tmp.name, "saknas.txt")
        self.assert_refused("report-text", "--round", self.round, "--part", "summary",
                            "--file", missing, says="saknas.txt")
        binary = self.write("bild.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        self.assert_refused("report-text", "--round", self.round, "--part", "summary",
                            "--file", binary, says="bild.png")
        self.assert_refused("report-text", "--round", "nosuchround", "--part", "summary",
                            "--file", summary)
        self.assert_refused("report-text", "--round", self.round, "--part", "summary",
                            code=2)
        self.assertEqual(self.texts(), {})

    def test_analysis_and_method_parts(self):
        """The analysis of one question (--question), the title page's series and ISSN, the
        method plan, the delimitation and the references; the report shows each, and
        --answers-in-appendix and --group-by-part set the report's layout for one export."""
        plan = self.write("plan.txt", "Alla kommuner intervjuas var för sig.\n".encode())
        analysis = self.write("analys.txt", "Fler kommuner har tecknat LÖK.\n".encode())
        run("report-text", "--round", self.round, "--part", "analysis", "--question",
            "agreement", "--file", analysis, db=self.db)
        run("report-text", "--round", self.round, "--part", "method_plan", "--file", plan,
            db=self.db)
        for part, text in (("series", "FoU arbetsrapport 3:2025"), ("issn", "1651-0232"),
                           ("delimitation", "Primärvården intervjuades inte."),
                           ("references", "Nationella riktlinjer 2019.\nBehovsanalys 2025.")):
            result = subprocess.run([CLI, "--db", self.db, "report-text", "--round", self.round,
                                     "--part", part, "--file", "-"], input=text.encode(),
                                    capture_output=True)
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.texts(), {
            "analysis:agreement": "Fler kommuner har tecknat LÖK.",
            "method_plan": "Alla kommuner intervjuas var för sig.",
            "series": "FoU arbetsrapport 3:2025",
            "issn": "1651-0232",
            "delimitation": "Primärvården intervjuades inte.",
            "references": "Nationella riktlinjer 2019.\nBehovsanalys 2025.",
        })

        # The analysis of a question the questionnaire lacks, or without its question, and a
        # question given to another part, are refused.
        self.assert_refused("report-text", "--round", self.round, "--part", "analysis",
                            "--question", "nosuchquestion", "--file", analysis,
                            says="nosuchquestion")
        self.assert_refused("report-text", "--round", self.round, "--part", "analysis",
                            "--file", analysis, code=2, says="--question")
        self.assert_refused("report-text", "--round", self.round, "--part", "summary",
                            "--question", "agreement", "--file", analysis, code=2,
                            says="--question")
        self.assert_refused("export", "--round", self.round, "--format", "xlsx", "-o",
                            os.path.join(self.tmp.name, "r.xlsx"), "--answers-in-appendix",
                            code=2)

        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext (poppler-utils) is needed")
        pdf = os.path.join(self.tmp.name, "r.pdf")
        before = read_bytes(self.db)
        run("export", "--round", self.round, "--format", "pdf", "-o", pdf,
            "--answers-in-appendix", "--group-by-part", db=self.db)
        # The flags are for this export: nothing saved.
        self.assertEqual(read_bytes(self.db), before)
        text = " ".join(subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                                       check=True).stdout.split())
        for expected in ("FoU arbetsrapport 3:2025", "ISSN 1651-0232", "Method plan",
                         "Alla kommuner intervjuas var för sig.", "Delimitation",
                         "Primärvården intervjuades inte.", "Implementation", "References",
                         "Nationella riktlinjer 2019.", "Behovsanalys 2025.", "Analysis",
                         "Fler kommuner har tecknat LÖK.", "Appendix: Answers in full"):
            self.assertIn(expected, text)
        # In the results, before the appendix (the contents name it first).
        self.assertLess(text.index("Fler kommuner har tecknat LÖK."),
                        text.rindex("Appendix: Answers in full"))

    def test_compare_with(self):
        run("import", "--year", "2024", DALARNA, db=self.db)
        run("import", "--year", "2026", DALARNA, db=self.db)
        rounds = dict((line.split("\t")[1], line.split("\t")[0])
                      for line in run("rounds", db=self.db).stdout.splitlines())
        pdf = os.path.join(self.tmp.name, "r.pdf")
        # A later round is no round to compare with; nor does the workbook compare.
        self.assert_refused("export", "--round", rounds["2025"], "--format", "pdf", "-o", pdf,
                            "--compare-with", rounds["2026"], says="2026")
        self.assertFalse(os.path.exists(pdf))
        self.assert_refused("export", "--round", rounds["2025"], "--format", "xlsx", "-o",
                            pdf + ".xlsx", "--compare-with", rounds["2024"], code=2)

        if shutil.which("pdftotext") is None:
            self.skipTest("pdftotext (poppler-utils) is needed")
        run("answer", "--round", rounds["2024"], "--unit", "Falun", "--question", "agreement",
            "--choice", "in_progress", db=self.db)
        run("answer", "--round", rounds["2025"], "--unit", "Falun", "--question", "agreement",
            "--choice", "signed", db=self.db)
        run("export", "--round", rounds["2025"], "--format", "pdf", "-o", pdf,
            "--compare-with", rounds["2024"], db=self.db)
        text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True,
                              check=True).stdout
        self.assertIn("Years compared", text)
        self.assertIn("since 2024", " ".join(text.split()))


if __name__ == "__main__":
    unittest.main()

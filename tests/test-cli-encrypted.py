#!/usr/bin/python3
"""Encrypted exchange files (issue 17): `export --encrypt --passphrase-file` and `import
--passphrase-file` round-trip a round between two databases; the file shows a clear header
and no answer text; a wrong passphrase, one flipped byte, a cut-short file and a missing
passphrase are each refused with one line and leave the database byte-identical."""

import os
import stat
import tempfile
import unittest

from clitest import DALARNA, read_bytes, run


class Encrypted(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "a.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]
        run("answer", "--round", self.round, "--unit", "Falun", "--question", "other",
            "--text", "Hemlig uppgift om samverkan.", db=self.db)
        self.passphrase = self.path("pass.txt", "korrekt häst batteri häftklammer\n")
        self.exported = os.path.join(self.tmp.name, "ut.uppkrypt")
        run("export", "--round", self.round, "--format", "json", "--encrypt",
            "--passphrase-file", self.passphrase, "-o", self.exported, db=self.db)
        self.second = os.path.join(self.tmp.name, "b.db")
        run("rounds", db=self.second)

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name, text):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_round_trip(self):
        data = open(self.exported, "rb").read()
        self.assertTrue(data.startswith(b"uppfoljning-encrypted 1\n"))
        self.assertNotIn("Hemlig uppgift".encode(), data)
        self.assertNotIn(b"Falun", data)
        self.assertEqual(stat.S_IMODE(os.stat(self.exported).st_mode), 0o600)

        run("import", self.exported, "--passphrase-file", self.passphrase, db=self.second)
        shown = run("show", "--round", self.round, "--unit", "Falun", db=self.second).stdout
        self.assertIn("Hemlig uppgift om samverkan.", shown)

    def refused(self, path, *args):
        before = read_bytes(self.second)
        result = run("import", path, *args, db=self.second, check=False)
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertEqual(read_bytes(self.second), before)
        return result.stderr

    def test_refusals(self):
        data = open(self.exported, "rb").read()
        wrong = self.path("wrong.txt", "fel lösen\n")
        self.assertIn("passphrase", self.refused(self.exported, "--passphrase-file", wrong))
        self.assertIn("passphrase", self.refused(self.exported))

        for offset in (30, len(data) // 2, len(data) - 1):
            flipped = bytearray(data)
            flipped[offset] ^= 0x01
            path = os.path.join(self.tmp.name, f"flipped-{offset}.uppkrypt")
            open(path, "wb").write(bytes(flipped))
            self.refused(path, "--passphrase-file", self.passphrase)

        for length in (10, 100, len(data) - 1):
            path = os.path.join(self.tmp.name, f"cut-{length}.uppkrypt")
            open(path, "wb").write(data[:length])
            self.refused(path, "--passphrase-file", self.passphrase)

        empty = self.path("empty.txt", "\n")
        self.refused(self.exported, "--passphrase-file", empty)

    def test_export_needs_both(self):
        result = run("export", "--round", self.round, "--format", "json", "--encrypt",
                     "-o", os.path.join(self.tmp.name, "x.uppkrypt"), db=self.db, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("--passphrase-file", result.stderr)


if __name__ == "__main__":
    unittest.main()

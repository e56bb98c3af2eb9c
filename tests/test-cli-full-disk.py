#!/usr/bin/python3
"""uppfoljning-cli on a full disk (issue 11): every writing command fails with one line that
says the disk is full, exit 1, and the database files stay byte-identical. Runs on a real
full file system, a small tmpfs mounted for the test; skipped (77) where mounting is not
permitted."""

import os
import sqlite3
import subprocess
import sys
import tempfile
import unittest

from clitest import DALARNA, run

SKIP = 77


def read_bytes(path):
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def mount_tmpfs(folder):
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs",
                             folder], capture_output=True, text=True)
    return result.returncode == 0


def fill(folder):
    """Writes until the file system has no byte left: blocks, then single bytes."""
    with open(os.path.join(folder, "filler"), "wb", buffering=0) as f:
        for size in (65536, 4096, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError:
                pass


class FullDisk(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="upp-full-")
        if not mount_tmpfs(self.folder):
            os.rmdir(self.folder)
            self.skipTest("mounting a tmpfs is not permitted")
        self.db = os.path.join(self.folder, "x.db")
        run("import", "--year", "2025", DALARNA, db=self.db)
        self.round = run("rounds", db=self.db).stdout.split("\t")[0]
        self.holder = None

    def tearDown(self):
        if self.holder is not None:
            self.holder.close()
        subprocess.run(["umount", "-l", self.folder])
        os.rmdir(self.folder)

    def files(self):
        # An empty -wal holds nothing: whether SQLite left one is no change.
        return {suffix: read_bytes(self.db + suffix) or b"" for suffix in ("", "-wal")}

    def assert_one_line_refusal(self, *args):
        before = self.files()
        result = run(*args, db=self.db, check=False)
        args = args[:4]
        self.assertEqual(result.returncode, 1, f"{args}: {result.stderr}")
        self.assertEqual(result.stderr.count("\n"), 1, f"{args}: {result.stderr!r}")
        self.assertRegex(result.stderr, r"^uppfoljning-cli: The disk is full", result.stderr)
        self.assertEqual(self.files(), before, f"{args} changed the database")

    def writing_commands(self):
        r = self.round
        return [
            ("answer", "--round", r, "--unit", "Falun", "--question", "other", "--text",
             "Ett nytt svar som inte får plats. " * 200),
            ("answer", "--round", r, "--unit", "Falun", "--question", "agreement",
             "--choice", "none"),
            ("units", "add", "--round", r, "--name", "Ny enhet", "--municipality", "2080"),
            ("units", "rename", "--round", r, "--unit", "Falun", "--name", "Falu kommun"),
            ("units", "remove", "--round", r, "--unit", "Falun", "--force"),
            ("import", "--year", "2026", DALARNA),
        ]

    def test_while_the_app_holds_the_database(self):
        # As with the window open: the -wal and -shm files exist, so SQLite gets as far as
        # the commit before the disk refuses.
        self.holder = sqlite3.connect(self.db)
        self.holder.execute("SELECT count(*) FROM answers").fetchall()
        fill(self.folder)
        for args in self.writing_commands():
            with self.subTest(command=args[:2]):
                self.assert_one_line_refusal(*args)

    def test_closed_database(self):
        fill(self.folder)
        for args in self.writing_commands():
            with self.subTest(command=args[:2]):
                self.assert_one_line_refusal(*args)

    def test_first_use_of_the_day(self):
        # The daily backup fails on the full disk too; still one line, the command's.
        backups = os.path.join(self.folder, "backups")
        for name in os.listdir(backups):
            if "-daily-" in name:
                os.unlink(os.path.join(backups, name))
        self.holder = sqlite3.connect(self.db)
        self.holder.execute("SELECT count(*) FROM answers").fetchall()
        fill(self.folder)
        self.assert_one_line_refusal(*self.writing_commands()[0])


if __name__ == "__main__":
    if os.geteuid() != 0:
        print("skipped: mounting a tmpfs needs root", file=sys.stderr)
        sys.exit(SKIP)
    probe = tempfile.mkdtemp(prefix="upp-full-probe-")
    try:
        if not mount_tmpfs(probe):
            print("skipped: mounting a tmpfs is not permitted here", file=sys.stderr)
            sys.exit(SKIP)
        subprocess.run(["umount", probe])
    finally:
        os.rmdir(probe)
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)

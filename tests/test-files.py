#!/usr/bin/python3
"""The files that hold answers and what happens to them: modes (the database, its -wal and
-shm, exports, backups), what a killed process leaves behind and how the next start cleans
it, a read-only database, and a backup folder that belongs to root."""

import os
import sqlite3
import stat
import subprocess
import tempfile
import unittest

from clitest import CLI, DALARNA

NOBODY = 65534
IS_ROOT = os.geteuid() == 0


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def dead_pid():
    """The process id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


class FilesTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.mkdtemp(prefix="upp-files-")
        self.state = os.path.join(self.folder, "state")
        self.db = os.path.join(self.folder, "r.db")
        os.chmod(self.folder, 0o755)

    def run_cli(self, *args, as_other_user=False, check=True):
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", XDG_STATE_HOME=self.state)
        command = [CLI, "--db", self.db, *args]
        if as_other_user:
            # Root may write any file; a read-only database is only read-only to a user.
            command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                       "env", f"HOME={self.folder}"] + command
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if check and result.returncode != 0:
            self.fail(f"{command} failed: {result.stderr}")
        return result

    def import_example(self, **kwargs):
        self.run_cli("import", DALARNA, "--year", "2025", **kwargs)
        return self.run_cli("rounds", **kwargs).stdout.split("\t")[0]

    def assert_refused(self, result, *words):
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        for word in words:
            self.assertIn(word, result.stderr)

    def test_new_database_and_side_files_are_private(self):
        os.umask(0o022)
        self.import_example()
        self.assertEqual(mode(self.db), 0o600)
        # Keep the database open in WAL mode so its side files stay, then look at them.
        holder = sqlite3.connect(self.db)
        holder.execute("SELECT count(*) FROM rounds").fetchall()
        try:
            for suffix in ("-wal", "-shm"):
                self.assertEqual(mode(self.db + suffix), 0o600, suffix)
        finally:
            holder.close()

    def test_loose_modes_are_tightened(self):
        """A database that was 0644 had its -wal and -shm made 0644 too."""
        self.import_example()
        holder = sqlite3.connect(self.db)
        holder.execute("SELECT count(*) FROM rounds").fetchall()
        try:
            for path in (self.db, self.db + "-wal", self.db + "-shm"):
                os.chmod(path, 0o644)
            self.run_cli("rounds")
            for path in (self.db, self.db + "-wal", self.db + "-shm"):
                self.assertEqual(mode(path), 0o600, path)
        finally:
            holder.close()

    def test_exports_are_private_unless_the_file_was_not(self):
        os.umask(0o022)
        round_id = self.import_example()
        for format in ("xlsx", "csv", "pdf", "json"):
            path = os.path.join(self.folder, f"out.{format}")
            self.run_cli("export", "--round", round_id, "--format", format, "-o", path)
            self.assertEqual(mode(path), 0o600, format)
            # The user made it readable to others: replacing it keeps that.
            os.chmod(path, 0o644)
            self.run_cli("export", "--round", round_id, "--format", format, "-o", path)
            self.assertEqual(mode(path), 0o644, format)
        chart = os.path.join(self.folder, "chart.png")
        self.run_cli("chart", "--round", round_id, "--chart", "answered-questions",
                     "--format", "png", "-o", chart)
        self.assertEqual(mode(chart), 0o600)
        # Nothing hidden is left beside them.
        self.assertEqual([name for name in os.listdir(self.folder) if name.startswith(".")], [])

    def test_exports_in_a_folder_shared_with_a_group_are_readable_by_it(self):
        """A folder set up for a group (setgid, group-writable) gets exports the group can
        read; a folder anyone may write to does not."""
        os.umask(0o022)
        round_id = self.import_example()
        shared = os.path.join(self.folder, "shared")
        public = os.path.join(self.folder, "public")
        os.mkdir(shared)
        os.mkdir(public)
        os.chmod(shared, 0o2770)
        os.chmod(public, 0o3777)
        for format in ("xlsx", "json"):
            path = os.path.join(shared, f"out.{format}")
            self.run_cli("export", "--round", round_id, "--format", format, "-o", path)
            self.assertEqual(mode(path), 0o640, format)
            path = os.path.join(public, f"out.{format}")
            self.run_cli("export", "--round", round_id, "--format", format, "-o", path)
            self.assertEqual(mode(path), 0o600, format)
        encrypted = os.path.join(shared, "out.uppkrypt")
        passphrase = os.path.join(self.folder, "passphrase")
        with open(passphrase, "w") as file:
            file.write("fyra ord blir starka\n")
        self.run_cli("export", "--round", round_id, "--format", "json", "--encrypt",
                     "--passphrase-file", passphrase, "-o", encrypted)
        self.assertEqual(mode(encrypted), 0o640)

    def test_a_killed_exports_temporary_is_removed_on_the_next_start(self):
        self.import_example()
        records = os.path.join(self.state, "uppfoljning", "partial-files")
        os.makedirs(records, exist_ok=True)
        killed = os.path.join(self.folder, ".report.pdf.upp-partial-AbC123")
        running = os.path.join(self.folder, ".other.pdf.upp-partial-XyZ789")
        not_ours = os.path.join(self.folder, "notes.txt")
        for path in (killed, running, not_ours):
            with open(path, "w") as f:
                f.write("half")
        with open(os.path.join(records, f"{dead_pid()}-a"), "w") as f:
            f.write(killed)
        with open(os.path.join(records, f"{os.getpid()}-b"), "w") as f:
            f.write(running)
        with open(os.path.join(records, f"{dead_pid()}-c"), "w") as f:
            f.write(not_ours)  # a record that names a file we never make: left alone

        self.run_cli("rounds")
        self.assertFalse(os.path.exists(killed))
        self.assertTrue(os.path.exists(running))
        self.assertTrue(os.path.exists(not_ours))
        self.assertEqual(sorted(os.listdir(records)), [f"{os.getpid()}-b"])

    def test_a_killed_backups_partial_copy_is_removed_on_the_next_start(self):
        self.import_example()
        backups = os.path.join(self.folder, "backups")
        old_style = os.path.join(backups, "r-daily-20260101-000000-000000.db.partial")
        killed = os.path.join(backups, f"r-import-20260101-000000-000000.db.partial-{dead_pid()}")
        running = os.path.join(backups, f"r-import-20260101-000001-000000.db.partial-{os.getpid()}")
        for path in (old_style, killed, running):
            with open(path, "w") as f:
                f.write("half")
        self.run_cli("rounds")
        self.assertFalse(os.path.exists(old_style))
        self.assertFalse(os.path.exists(killed))
        self.assertTrue(os.path.exists(running))
        for name in os.listdir(backups):
            if name.endswith(".db"):
                self.assertEqual(mode(os.path.join(backups, name)), 0o600, name)

    @unittest.skipUnless(IS_ROOT, "needs root to run the CLI as another user")
    def test_read_only_database(self):
        os.chown(self.folder, NOBODY, NOBODY)
        round_id = self.import_example(as_other_user=True)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.db + suffix):
                os.unlink(self.db + suffix)
        os.chmod(self.db, 0o444)
        with open(self.db, "rb") as f:
            before = f.read()

        shown = self.run_cli("rounds", as_other_user=True)
        self.assertIn("Uppföljning LÖK 2025", shown.stdout)
        refused = self.run_cli("answer", "--round", round_id, "--unit", "Falun", "--question",
                               "other", "--text", "Nytt", as_other_user=True, check=False)
        self.assert_refused(refused, "read-only", self.db)
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before)
        self.assertFalse(mode(self.db) & 0o222, "a read-only database became writable")

        # Once writable again, nothing left behind (a read-only -shm) blocks a change.
        os.chmod(self.db, 0o600)
        self.run_cli("answer", "--round", round_id, "--unit", "Falun", "--question", "other",
                     "--text", "Nytt", as_other_user=True)

    @unittest.skipUnless(IS_ROOT, "needs root to make a folder another user cannot write")
    def test_backup_folder_owned_by_root(self):
        os.chown(self.folder, NOBODY, NOBODY)
        self.import_example(as_other_user=True)
        backups = os.path.join(self.folder, "backups")
        os.chown(backups, 0, 0)
        os.chmod(backups, 0o755)
        with open(self.db, "rb") as f:
            before = f.read()
        refused = self.run_cli("import", DALARNA, "--year", "2026", as_other_user=True,
                               check=False)
        self.assert_refused(refused, backups, "chown")
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)

"""What the uppfoljning-cli tests share: the program and the Dalarna fixture, running a
command in a UTF-8 locale, and reading a database back to compare it before and after."""

import os
import sqlite3
import subprocess

CLI = os.environ.get("UPP_CLI", "uppfoljning-cli")
FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
DALARNA = os.path.join(FIXTURES, "dalarna.txt")


def run(*args, db=None, check=True):
    command = [CLI] + (["--db", db] if db else []) + list(args)
    result = subprocess.run(command, capture_output=True, text=True,
                            env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
    if check and result.returncode != 0:
        raise AssertionError(f"{command} failed: {result.stderr}")
    return result


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def dump(db):
    connection = sqlite3.connect(db)
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()

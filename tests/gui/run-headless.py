#!/usr/bin/python3
# run-headless.py: runs a command on its own virtual display (Xvfb) in its own D-Bus session.
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Like `xvfb-run -a dbus-run-session -- COMMAND`, but Xvfb picks a free display itself
# (-displayfd), so tests running at the same time never race for a display number.

import os
import shutil
import subprocess
import sys

SKIP = 77


def main():
    if len(sys.argv) < 2:
        print('usage: run-headless.py COMMAND [ARG…]', file=sys.stderr)
        return 2

    if shutil.which('Xvfb') is None or shutil.which('dbus-run-session') is None:
        print('skipped: Xvfb and dbus-run-session are needed', file=sys.stderr)
        return SKIP

    read_fd, write_fd = os.pipe()
    size = os.environ.get('UPP_SCREEN', '1280x800x24')
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', size,
                             '-nolisten', 'tcp', '-noreset'],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    if not display:
        print('Xvfb did not start', file=sys.stderr)
        return 1

    env = dict(os.environ, DISPLAY=':' + display)
    env.pop('WAYLAND_DISPLAY', None)
    env.pop('DBUS_SESSION_BUS_ADDRESS', None)
    env.pop('AT_SPI_BUS_ADDRESS', None)
    try:
        return subprocess.call(['dbus-run-session', '--'] + sys.argv[1:], env=env)
    finally:
        xvfb.terminate()
        xvfb.wait()


if __name__ == '__main__':
    sys.exit(main())

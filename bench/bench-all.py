#!/usr/bin/python3
# bench-all.py: every benchmark beside its floor, in one table (run through build-aux/bench)
#
# Copyright 2026 The Uppföljning authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each figure is the median of paired runs: the app and its floor one after the other, so a
# busy moment of the machine falls on both. Processor time and peak memory of a whole process
# come from the kernel (wait4); the floors print their own, without their reading of the input.

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))


class Figures:
    def __init__(self):
        self.rows = []

    def add(self, figure, app, floor, unit, goal, note=''):
        ratio = app / floor if floor else float('nan')
        self.rows.append((figure, app, floor, unit, ratio, goal, note))

    def print(self):
        print()
        print(f'{"figure":50} {"app":>10} {"floor":>10} {"ratio":>7} {"goal":>7}  ')
        for figure, app, floor, unit, ratio, goal, note in self.rows:
            within = '' if goal is None else ('ok' if ratio <= goal else 'OVER')
            goal_text = '' if goal is None else f'{goal:.1f}×'
            print(f'{figure:50} {app:9.2f}{unit:1} {floor:9.2f}{unit:1} {ratio:6.2f}× '
                  f'{goal_text:>7}  {within} {note}')


def run_measured(argv, env=None, stdin=subprocess.DEVNULL):
    """Runs argv; returns (processor seconds, peak KiB, stdout+stderr)."""
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=stdin)
        _, status, usage = os.wait4(process.pid, 0)
        out.seek(0)
        text = out.read().decode('utf-8', 'replace')
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f'{" ".join(argv)} failed:\n{text}')
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, text


def field(text, name):
    match = re.search(rf'{name}=([0-9.]+)', text)
    if match is None:
        raise RuntimeError(f'no {name} in:\n{text}')
    return float(match.group(1))


def app_env(build, data):
    env = dict(os.environ)
    env.update(GSETTINGS_SCHEMA_DIR=os.path.join(build, 'data'), GSETTINGS_BACKEND='memory',
               UPP_LOCALEDIR=os.path.join(build, 'po'), LANG='sv_SE.UTF-8',
               LC_ALL='sv_SE.UTF-8', GTK_A11Y='none', NO_AT_BRIDGE='1',
               XDG_DATA_HOME=os.path.join(data, 'home', 'data'),
               XDG_CONFIG_HOME=os.path.join(data, 'home', 'config'),
               XDG_STATE_HOME=os.path.join(data, 'home', 'state'),
               XDG_CACHE_HOME=os.path.join(data, 'home', 'cache'))
    return env


def make_data(build, data):
    cli = os.path.join(build, 'src', 'cli', 'uppfoljning-cli')
    ten = os.path.join(data, 'ten-years.db')
    dalarna = os.path.join(data, 'dalarna.db')
    if not os.path.exists(ten):
        subprocess.run([os.path.join(build, 'bench', 'bench-make-data'), ten + '.partial'],
                       check=True)
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(ten + '.partial' + suffix):
                os.rename(ten + '.partial' + suffix, ten + suffix)
    if not os.path.exists(dalarna):
        subprocess.run([cli, '--db', dalarna, 'import', '--year', '2025',
                        os.path.join(TOP, 'tests', 'fixtures', 'dalarna.txt')],
                       check=True, stdout=subprocess.DEVNULL)
    return {'Dalarna': dalarna, 'ten years': ten}


def bench_startup(build, data, databases, runs, figures):
    preload = os.path.join(build, 'bench', 'libfirst-frame-exit.so')
    app = os.path.join(build, 'src', 'app', 'uppfoljning')
    floor = os.path.join(build, 'bench', 'bench-minimal-window')
    env = app_env(build, data)
    env['LD_PRELOAD'] = preload
    for name, db in databases.items():
        # A first start does once-a-day work (the backup): not what every start costs.
        run_measured([app, '--db', db], env)
        cpu = {'app': [], 'floor': []}
        rss = {'app': [], 'floor': []}
        for _ in range(runs):
            for who, argv in (('app', [app, '--db', db]), ('floor', [floor])):
                _, _, text = run_measured(argv, env)
                cpu[who].append(field(text, 'cpu_us') / 1e6)
                rss[who].append(field(text, 'rss_kib') / 1024)
        figures.add(f'start-up to first frame, {name} (CPU)', statistics.median(cpu['app']),
                    statistics.median(cpu['floor']), 's', 1.5 if name == 'ten years' else None)
        figures.add(f'start-up to first frame, {name} (memory)', statistics.median(rss['app']),
                    statistics.median(rss['floor']), 'M', None)


def bench_workbook(build, data, databases, runs, figures):
    cli = os.path.join(build, 'src', 'cli', 'uppfoljning-cli')
    db = databases['ten years']
    rounds = [line.split('\t')[0] for line in
              subprocess.run([cli, '--db', db, 'rounds'], check=True, capture_output=True,
                             text=True).stdout.splitlines()]
    workbook = os.path.join(data, 'ten-years.xlsx')
    cells = os.path.join(data, 'ten-years-cells.txt')
    argv = [cli, '--db', db, 'export', '--format', 'xlsx', '--output', workbook,
            '--allow-personal-data']
    for round_id in rounds:
        argv += ['--round', round_id]
    env = app_env(build, data)
    run_measured(argv, env)
    subprocess.run(['/usr/bin/python3', os.path.join(TOP, 'bench', 'xlsx-cells.py'), workbook,
                    cells], check=True)
    floor = [os.path.join(build, 'bench', 'bench-xlsx-floor'), cells,
             os.path.join(data, 'floor.xlsx')]
    cpu = {'app': [], 'floor': []}
    rss = {'app': [], 'floor': []}
    for _ in range(runs):
        seconds, kib, _ = run_measured(argv, env)
        cpu['app'].append(seconds)
        rss['app'].append(kib / 1024)
        _, _, text = run_measured(floor, env)
        cpu['floor'].append(field(text, 'cpu_s'))
        rss['floor'].append(field(text, 'rss_kib') / 1024)
    note = f'({len(rounds)} rounds)'
    figures.add('workbook export (CPU)', statistics.median(cpu['app']),
                statistics.median(cpu['floor']), 's', 1.3, note)
    figures.add('workbook export (memory)', statistics.median(rss['app']),
                statistics.median(rss['floor']), 'M', 1.5, note)


def bench_report(build, data, databases, runs, figures):
    cli = os.path.join(build, 'src', 'cli', 'uppfoljning-cli')
    db = databases['ten years']
    newest = subprocess.run([cli, '--db', db, 'rounds'], check=True, capture_output=True,
                            text=True).stdout.splitlines()[0].split('\t')[0]
    report = os.path.join(data, 'report.pdf')
    pages = os.path.join(data, 'report.txt')
    argv = [cli, '--db', db, 'export', '--round', newest, '--format', 'pdf', '--output', report,
            '--allow-personal-data']
    env = app_env(build, data)
    run_measured(argv, env)
    subprocess.run(['pdftotext', report, pages], check=True)
    floor = [os.path.join(build, 'bench', 'bench-report-floor'), pages,
             os.path.join(data, 'floor.pdf')]
    cpu = {'app': [], 'floor': []}
    n_pages = 0
    for _ in range(runs):
        seconds, _, _ = run_measured(argv, env)
        cpu['app'].append(seconds)
        _, _, text = run_measured(floor, env)
        cpu['floor'].append(field(text, 'cpu_s'))
        n_pages = int(field(text, 'pages'))
    figures.add('report of 290 units (CPU; goal 1.0 s)', statistics.median(cpu['app']),
                statistics.median(cpu['floor']), 's', None, f'({n_pages} pages)')


def bench_search(build, figures):
    _, _, text = run_measured([os.path.join(build, 'bench', 'bench-search')])
    app, floor, ratios = [], [], []
    for line in text.splitlines():
        numbers = re.findall(r'\s(\d+\.\d+)', line)
        if len(numbers) == 4:
            app.append(float(numbers[0]))
            floor.append(float(numbers[1]))
            ratios.append(float(numbers[2]))
    if not ratios:
        raise RuntimeError(f'bench-search printed no queries:\n{text}')
    worst = max(range(len(ratios)), key=lambda i: ratios[i])
    figures.add('search, median of 7 queries (ms)', statistics.median(app),
                statistics.median(floor), ' ', 2.0)
    figures.add('search, the slowest query against its floor (ms)', app[worst], floor[worst],
                ' ', 2.0)


def bench_autosave(build, figures):
    _, _, text = run_measured([os.path.join(build, 'bench', 'bench-answer-save'), '400'])
    medians = dict(re.findall(r'^(\S.*?)\s+median\s+([0-9.]+) ms', text, re.M))
    worst = dict(re.findall(r'^(\S.*?)\s+median.*worst\s+([0-9.]+) ms', text, re.M))
    app = float(medians['answer save, one editing'])
    floor = float(medians['floor: bare WAL upsert'])
    figures.add('autosave commit, median (ms)', app, floor, ' ', None)
    figures.add('autosave commit, worst (ms; goal under 50 ms)',
                float(worst['answer save, one editing']),
                float(worst['floor: bare WAL upsert']), ' ', None)


def bench_window(build, data, databases, runs, figures):
    env = app_env(build, data)
    _, _, text = run_measured([os.path.join(build, 'bench', 'bench-window'),
                               databases['ten years'], str(runs)], env)
    steps = re.findall(r'window-step name="([^"]*)" cpu_us=([0-9]+) longest_us=([0-9]+)', text)
    if not steps:
        raise RuntimeError(f'bench-window printed no steps:\n{text}')
    for name, cpu, longest in steps:
        # No floor: the goal is a fixed budget of main-thread work, 100 ms.
        figures.add(f'window, {name} (main-thread ms)', int(cpu) / 1000, 100.0, ' ', 1.0,
                    f'(longest turn {int(longest) / 1000:.0f} ms)')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--build', default=os.path.join(TOP, '_build'))
    parser.add_argument('--runs', type=int, default=5)
    parser.add_argument('--only', action='append',
                        choices=('startup', 'workbook', 'report', 'search', 'autosave', 'window'))
    args = parser.parse_args()
    data = os.path.join(args.build, 'bench-data')
    os.makedirs(data, exist_ok=True)
    only = set(args.only or ('startup', 'workbook', 'report', 'search', 'autosave', 'window'))

    databases = make_data(args.build, data)
    figures = Figures()
    if 'startup' in only:
        bench_startup(args.build, data, databases, args.runs, figures)
    if 'workbook' in only:
        bench_workbook(args.build, data, databases, args.runs, figures)
    if 'report' in only:
        bench_report(args.build, data, databases, args.runs, figures)
    if 'window' in only:
        bench_window(args.build, data, databases, args.runs, figures)
    if 'search' in only:
        bench_search(args.build, figures)
    if 'autosave' in only:
        bench_autosave(args.build, figures)
    figures.print()
    print(f'\n{os.cpu_count()} cores; medians of {args.runs} paired runs')
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
"""The Flatpak manifests: they parse, target the chosen GNOME runtime, pin every source by a
commit or a sha256, build nothing the runtime ships, keep the finish-args minimal, and the
development manifest differs from the release only in its app id and profile. With
flatpak-builder installed, it reads each manifest too (--show-manifest needs no network).

Usage: check-flatpak.py SOURCE-ROOT"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

RUNTIME_VERSION = '50'
APP_ID = 'se.uppfoljning.Uppfoljning'
FINISH_ARGS = {'--share=ipc', '--socket=fallback-x11', '--socket=wayland', '--device=dri'}
# What org.gnome.Platform ships and must not be built again.
IN_RUNTIME = {'json-glib', 'glib', 'gtk', 'gtk4', 'libadwaita', 'sqlite', 'cairo', 'pango'}


def problems_of(path, manifest, app_id):
    problems = []
    if manifest.get('id') != app_id:
        problems.append('the id is not ' + app_id)
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        problems.append('the runtime is not org.gnome.Platform with org.gnome.Sdk')
    if manifest.get('runtime-version') != RUNTIME_VERSION:
        problems.append('the runtime version is not ' + RUNTIME_VERSION)
    extra = set(manifest.get('finish-args', [])) - FINISH_ARGS
    if extra:
        problems.append('finish-args beyond the minimal set: ' + ', '.join(sorted(extra)))
    for module in manifest.get('modules', []):
        name = module.get('name', '?')
        if name in IN_RUNTIME:
            problems.append('module %s is in the runtime already' % name)
        for source in module.get('sources', []):
            if source.get('type') == 'dir':
                continue
            if not source.get('commit') and not source.get('sha256'):
                problems.append('a source of module %s has no commit or sha256' % name)
    return problems


def main():
    top = sys.argv[1]
    failures = []
    manifests = {}
    for app_id in (APP_ID, APP_ID + '.Devel'):
        path = os.path.join(top, 'flatpak', app_id + '.json')
        try:
            with open(path, encoding='utf-8') as f:
                manifests[app_id] = json.load(f)
        except (OSError, ValueError) as e:
            failures.append('%s: %s' % (path, e))
            continue
        failures += ['%s: %s' % (path, p) for p in problems_of(path, manifests[app_id], app_id)]
        if shutil.which('flatpak-builder'):
            # It leaves a .flatpak-builder state folder where it runs.
            with tempfile.TemporaryDirectory() as work:
                run = subprocess.run(['flatpak-builder', '--show-manifest',
                                      os.path.abspath(path)],
                                     capture_output=True, text=True, cwd=work)
            # An unknown key or source type is only a warning, with exit status 0.
            if run.returncode != 0 or 'WARNING' in run.stderr:
                said = [line.split('**: ')[-1] for line in run.stderr.splitlines() if line.strip()]
                failures.append('%s: flatpak-builder: %s' % (path, '; '.join(said)))

    if len(manifests) == 2:
        release, devel = (json.loads(json.dumps(m)) for m in manifests.values())
        devel['id'] = release['id']
        for module in devel['modules']:
            opts = module.get('config-opts', [])
            if '-Dprofile=development' in opts:
                opts.remove('-Dprofile=development')
        if release != devel:
            failures.append('flatpak/%s.Devel.json differs from the release beyond its id and '
                            '-Dprofile=development' % APP_ID)

    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        return 1
    print('both manifests pass')
    return 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/python3
"""The built AppStream metainfo passes `appstreamcli validate --strict` and has what Flathub's
quality guidelines ask for: a launchable, a developer with an id, screenshots with captions
whose images are in data/screenshots/, release notes for the project's version, a content
rating and brand colours for both styles.

Usage: check-metainfo.py METAINFO VERSION SOURCE-ROOT"""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

# AppStream before 1.0 (Debian 12 has 0.16) does not know <developer>, which Flathub asks
# for in place of the deprecated <developer_name>.
PRE_1_0_UNKNOWN = {('unknown-tag', 'developer')}


def appstream_version():
    out = subprocess.run(['appstreamcli', '--version'], capture_output=True, text=True).stdout
    match = re.search(r'(\d+)\.(\d+)', out)
    return (int(match.group(1)), int(match.group(2))) if match else (0, 0)


def validation_problems(path):
    """The issues `appstreamcli validate --strict` fails on, less those only an old AppStream
    raises."""
    run = subprocess.run(['appstreamcli', 'validate', '--strict', '--no-net', path],
                         capture_output=True, text=True)
    ignored = PRE_1_0_UNKNOWN if appstream_version() < (1, 0) else set()
    problems = []
    issues = 0
    for line in run.stdout.splitlines():
        match = re.match(r'^([EWI]): [^ ]+ ([\w-]+)(?: (.*))?$', line.strip())
        if not match:
            continue
        issues += 1
        if (match.group(2), (match.group(3) or '').strip()) not in ignored:
            problems.append(line.strip())
    # A failure without an issue line (no appstreamcli, a crash) is a problem of its own.
    if run.returncode != 0 and issues == 0:
        problems.append(' '.join((run.stdout + run.stderr).split()))
    return problems


def main():
    path, version, top = sys.argv[1:4]
    failures = ['appstreamcli: ' + p for p in validation_problems(path)]
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print('%s: %s' % (path, e), file=sys.stderr)
        return 1

    def need(condition, what):
        if not condition:
            failures.append(what)

    app_id = root.findtext('id')
    launchable = root.find('launchable')
    need(launchable is not None and launchable.get('type') == 'desktop-id'
         and launchable.text == app_id + '.desktop', 'a <launchable> of the desktop file')
    developer = root.find('developer')
    need(developer is not None and developer.get('id') and developer.findtext('name'),
         'a <developer id=…> with a <name>')
    need(root.find("url[@type='homepage']") is not None, 'a homepage <url>')

    screenshots = root.findall('screenshots/screenshot')
    need(len(screenshots) >= 1, 'screenshots')
    need(len([s for s in screenshots if s.get('type') == 'default']) == 1,
         'one default screenshot')
    for shot in screenshots:
        image = shot.findtext('image') or ''
        need(shot.findtext('caption'), 'a caption for ' + image)
        name = os.path.basename(image)
        need(os.path.isfile(os.path.join(top, 'data', 'screenshots', name)),
             'data/screenshots/' + name)

    releases = root.findall('releases/release')
    need(releases and releases[0].get('version') == version,
         'the newest release is the project version ' + version)
    for release in releases:
        need(release.find('description') is not None,
             'release notes for ' + str(release.get('version')))

    rating = root.find('content_rating')
    need(rating is not None and rating.get('type') == 'oars-1.1', 'an OARS 1.1 content rating')
    schemes = {c.get('scheme_preference') for c in root.findall("branding/color[@type='primary']")}
    need(schemes == {'light', 'dark'}, 'primary brand colours for the light and the dark style')
    need(root.find("requires/display_length") is not None, 'a required display length')
    controls = {c.text for c in root.findall('supports/control')}
    need({'keyboard', 'pointing'} <= controls, 'keyboard and pointing controls')

    if failures:
        for failure in failures:
            print('%s: %s' % (path, failure), file=sys.stderr)
        return 1
    print('%s passes appstreamcli validate --strict and the Flathub checks' % path)
    return 0


if __name__ == '__main__':
    sys.exit(main())

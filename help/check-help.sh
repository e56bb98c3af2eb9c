#!/bin/sh
# check-help.sh: every help page is valid Mallard, and help/sv/sv.po translates every message
# of the current pages, without fuzzy entries, and compiles with its checks.
# Usage: check-help.sh SOURCE-ROOT
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top/help"
if command -v yelp-check >/dev/null; then
  yelp-check validate C/*.page
else
  # Without yelp-tools, well-formed XML is what can be checked.
  xmllint --noout C/*.page
fi

if ! command -v itstool >/dev/null; then
  echo "itstool is not installed: the Swedish help is not checked" >&2
  exit 77
fi
itstool -o "$work/help.pot" C/*.page
msgmerge --quiet --no-fuzzy-matching sv/sv.po "$work/help.pot" -o "$work/merged.po"
msgfmt --check -o /dev/null sv/sv.po

untranslated=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything is listed.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "help/sv/sv.po: $untranslated untranslated and $fuzzy fuzzy messages:" >&2
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -A1 '^msgid ' >&2
  exit 1
fi
echo "help: every page is valid and help/sv/sv.po translates every message"

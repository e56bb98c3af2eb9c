#!/bin/sh
# check-translations.sh: every translatable string of the sources is translated in po/sv.po,
# without fuzzy entries, and the catalogue compiles with format checks.
# Usage: check-translations.sh SOURCE-ROOT
set -eu
top=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$top"
xgettext --files-from=po/POTFILES.in --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --keyword=ngettext:1,2 -o "$work/uppfoljning.pot" 2>"$work/xgettext.log" || {
  cat "$work/xgettext.log" >&2; exit 1; }
msgmerge --quiet --no-fuzzy-matching po/sv.po "$work/uppfoljning.pot" -o "$work/merged.po"
msgfmt --check -o /dev/null po/sv.po

untranslated=$(msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/merged.po" | grep -c '^msgid ' || true)
# msgattrib prints the header entry too when anything is listed.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/sv.po: $untranslated untranslated and $fuzzy fuzzy messages:" >&2
  msgattrib --untranslated --no-obsolete "$work/merged.po" | grep -A1 '^msgid ' >&2
  exit 1
fi
echo "po/sv.po translates every message"

# Shared by build-aux/run and build-aux/test: install what is missing, configure, build.
# Sourced, not run.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$top/_build"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_swedish_locale() {
  if locale -a 2>/dev/null | grep -qi '^sv_SE\.utf-\?8$'; then
    return 0
  fi
  echo "Generating the sv_SE.UTF-8 locale"
  if [ -f /etc/locale.gen ] && grep -q 'sv_SE.UTF-8' /etc/locale.gen; then
    as_root sed -i 's/^# *sv_SE.UTF-8 UTF-8/sv_SE.UTF-8 UTF-8/' /etc/locale.gen
  else
    echo 'sv_SE.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
  fi
  as_root locale-gen >/dev/null
}

# Extra meson options (e.g. the sanitizers) go in $setup_options, with their own $build.
configure_and_build() {
  "$top/build-aux/install-deps"
  if [ ! -f "$build/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$build" "$top" --buildtype=debugoptimized ${setup_options:-}
  fi
  ninja -C "$build"
}

# Run the app and CLI from the build folder: schemas and translations from there.
export GSETTINGS_SCHEMA_DIR="$build/data"
export UPP_LOCALEDIR="$build/po"

/* main.c: starts the Uppföljning window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "upp-application.h"
#include "upp-util.h"

/* The translations of an uninstalled build are found in the build folder, so build-aux/run
 * and the tests show the Swedish interface without installing. */
static const char *
find_locale_dir (void)
{
  const char *dir = g_getenv ("UPP_LOCALEDIR");
  g_autofree char *installed = NULL;

  if (dir != NULL && *dir != '\0')
    return dir;

  installed = g_build_filename (LOCALEDIR, "sv", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (installed, G_FILE_TEST_EXISTS))
    {
      g_autofree char *built = g_build_filename (UPP_BUILD_LOCALEDIR, "sv", "LC_MESSAGES",
                                                 GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (built, G_FILE_TEST_EXISTS))
        return UPP_BUILD_LOCALEDIR;
    }

  return LOCALEDIR;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(UppApplication) app = NULL;

  upp_core_tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Uppföljning"));

  app = upp_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

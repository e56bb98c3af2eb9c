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

int
main (int    argc,
      char **argv)
{
  g_autoptr(UppApplication) app = NULL;

  upp_core_tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, upp_core_find_locale_dir (UPP_BUILD_LOCALEDIR));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Uppföljning"));

  app = upp_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* test-file-names.c: the one scheme of the names offered for every export
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "test-util.h"
#include "upp-files.h"
#include "upp-round.h"

/* The workbook, the report and a chart of one round: the same words, in the same order. */
static void
test_round_names (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "names");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2024);
  g_autofree char *workbook = NULL;
  g_autofree char *report = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *without_year = NULL;

  upp_round_set_title (round, "LÖK-uppföljning 2024");
  workbook = upp_files_dup_round_export_name (round, NULL, "xlsx");
  report = upp_files_dup_round_export_name (round, "Rapport", "pdf");
  chart = upp_files_dup_round_export_name (round, "Jämförelse över år", "png");
  g_assert_cmpstr (workbook, ==, "Region Dalarna – LÖK-uppföljning 2024.xlsx");
  g_assert_cmpstr (report, ==, "Region Dalarna – LÖK-uppföljning 2024 – Rapport.pdf");
  g_assert_cmpstr (chart, ==, "Region Dalarna – LÖK-uppföljning 2024 – Jämförelse över år.png");

  /* A title without the year gets it: last year's file is not this year's. */
  upp_round_set_title (round, "LÖK-uppföljning");
  without_year = upp_files_dup_round_export_name (round, "Rapport", "pdf");
  g_assert_cmpstr (without_year, ==, "Region Dalarna – LÖK-uppföljning 2024 – Rapport.pdf");

  g_clear_object (&round);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Characters that a file system refuses, here or on a USB stick formatted for Windows. */
static void
test_refused_characters (void)
{
  const char *slash[] = { "Region Dalarna", "LÖK 2024/2025", "Fråga: vad?", NULL };
  const char *quoted[] = { "\"Citat\" <a|b> *", "rad\nbrytning\ttab", NULL };
  const char *dots[] = { " .dold. ", "", "  ", NULL };
  const char *nothing[] = { "...", NULL };
  g_autofree char *from_slash = upp_files_dup_export_name (slash, "pdf");
  g_autofree char *from_quoted = upp_files_dup_export_name (quoted, "csv");
  g_autofree char *from_dots = upp_files_dup_export_name (dots, "png");
  g_autofree char *from_nothing = upp_files_dup_export_name (nothing, "json");

  g_assert_cmpstr (from_slash, ==, "Region Dalarna – LÖK 2024-2025 – Fråga- vad-.pdf");
  g_assert_cmpstr (from_quoted, ==, "-Citat- -a-b- - – rad brytning tab.csv");
  /* Empty parts are left out; a leading dot would hide the file. */
  g_assert_cmpstr (from_dots, ==, "dold.png");
  /* A name of nothing but dots is the app's ("Uppföljning" in Swedish). */
  {
    g_autofree char *fallback = g_strconcat (g_dgettext (GETTEXT_PACKAGE, "Follow-up"), ".json",
                                             NULL);

    g_assert_cmpstr (from_nothing, ==, fallback);
  }
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("UPP_LOCALEDIR");

  /* Names are offered in the user's language; these tests read them in Swedish. */
  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-names/round", test_round_names);
  g_test_add_func ("/file-names/refused-characters", test_refused_characters);

  return g_test_run ();
}

/* test-report-page.c: the report page: texts saved as typed, preview, export off the main thread
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb (suite 'gui'). UPP_TEST_LINGER=SECONDS keeps the window open at the end,
 * for a screenshot.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "import/import-dalarna.h"
#include "report/upp-report.h"
#include "upp-report-page.h"
#include "upp-round.h"
#include "upp-store.h"

#include "test-gui-util.h"
#include "test-util.h"

static gboolean
has_preview (gpointer data)
{
  return upp_report_page_get_n_pages (data) > 0;
}

static gboolean
export_done (gpointer data)
{
  return !upp_report_page_is_exporting (data);
}

static GtkTextView *
find_text_view (GtkWidget *widget,
                guint     *skip)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      if (*skip == 0)
        return GTK_TEXT_VIEW (widget);
      (*skip)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkTextView *found = find_text_view (child, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
tick (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_report_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(UppImportResult) result = test_import_dalarna (store, 2026);
  g_autoptr(UppRound) round = test_load_round (store, result->round_uuid);
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  GtkWidget *window;
  GtkWidget *page;
  GtkTextView *summary;
  guint pages_before;
  guint ticks = 0;
  guint tick_source;

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  page = upp_report_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  upp_report_page_set_round (UPP_REPORT_PAGE (page), store, round);

  /* The preview is made on a worker thread. */
  g_assert_true (test_gui_wait_until (has_preview, page, 20000));
  pages_before = upp_report_page_get_n_pages (UPP_REPORT_PAGE (page));
  g_assert_cmpuint (pages_before, >, 5);

  /* Typing a summary saves it with the round and adds its page to the report. */
  {
    guint skip = 0;

    summary = find_text_view (page, &skip);
    g_assert_nonnull (summary);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (summary),
                              "Arbetet med lokala överenskommelser pågår i hela länet.", -1);
  }
  {
    gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (upp_report_page_get_n_pages (UPP_REPORT_PAGE (page)) == pages_before
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (upp_report_page_get_n_pages (UPP_REPORT_PAGE (page)), ==, pages_before + 1);
  {
    g_autoptr(UppStore) other = upp_store_open (upp_store_get_path (store), &error);
    g_autoptr(UppRound) saved = NULL;

    g_assert_no_error (error);
    saved = upp_store_load_round (other, result->round_uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (upp_round_get_text (saved, UPP_REPORT_TEXT_SUMMARY), ==,
                     "Arbetet med lokala överenskommelser pågår i hela länet.");
  }

  /* Export: the main loop keeps running while the worker writes. */
  tick_source = g_timeout_add (1, tick, &ticks);
  upp_report_page_export_to (UPP_REPORT_PAGE (page), pdf_file);
  g_assert_true (upp_report_page_is_exporting (UPP_REPORT_PAGE (page)));
  g_assert_true (test_gui_wait_until (export_done, page, 30000));
  g_source_remove (tick_source);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  }

  /* Print draws the same pages through GtkPrintOperation; exported to a file here. */
  {
    g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
    g_autofree char *info = NULL;
    guint n_pages = upp_report_page_get_n_pages (UPP_REPORT_PAGE (page));
    g_autofree char *expected = g_strdup_printf ("Pages:           %u\n", n_pages);
    const char *argv[] = { "pdfinfo", printed, NULL };

    g_assert_true (upp_report_page_print_to_file (UPP_REPORT_PAGE (page), printed, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 &info, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (info, expected));
    g_assert_nonnull (strstr (info, "595.276 x 841.89 pts (A4)"));
    if (g_getenv ("UPP_TEST_KEEP_PRINTED") != NULL)
      g_rename (printed, g_getenv ("UPP_TEST_KEEP_PRINTED"));
    else
      g_unlink (printed);
  }

  if (g_getenv ("UPP_TEST_LINGER") != NULL)
    {
      gint64 end = g_get_monotonic_time ()
                   + g_ascii_strtoll (g_getenv ("UPP_TEST_LINGER"), NULL, 10) * G_USEC_PER_SEC;

      while (g_get_monotonic_time () < end)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/report-page/texts-preview-export", test_report_page);

  return g_test_run ();
}

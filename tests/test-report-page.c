/* test-report-page.c: the report page: texts saved as typed, a preview that follows the
 * round's answers, export through the session
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
#include "upp-session.h"
#include "upp-store.h"

#include "test-gui-util.h"
#include "test-util.h"

static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer  data,
            guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  return done (data);
}

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

typedef struct
{
  UppReportPage *page;
  guint          n_pages;
} PageCount;

static gboolean
has_more_pages (gpointer data)
{
  PageCount *count = data;

  return upp_report_page_get_n_pages (count->page) > count->n_pages;
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
  g_autofree char *db = g_strdup (upp_store_get_path (store));
  g_autofree char *pdf = g_build_filename (dir, "rapport.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  UppSession *session;
  UppRound *round;
  GtkWidget *window;
  GtkWidget *page;
  GtkTextView *summary;
  guint pages_before;
  guint ticks = 0;
  guint tick_source;

  g_clear_object (&store);
  session = upp_session_new (db);
  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, result->round_uuid);
  g_assert_nonnull (round);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  page = upp_report_page_new ();
  g_object_ref (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set (page, "session", session, "round", round, NULL);

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
    /* The session reads the round again before the text is saved (a commit elsewhere): what
     * was typed is saved all the same. */
    upp_session_note_changes (session, UPP_SESSION_CHANGED_ROUNDS);
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }
  {
    gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (upp_report_page_get_n_pages (UPP_REPORT_PAGE (page)) == pages_before
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (upp_report_page_get_n_pages (UPP_REPORT_PAGE (page)), ==, pages_before + 1);
  {
    g_autoptr(UppStore) other = upp_store_open (db, &error);
    g_autoptr(UppRound) saved = NULL;

    g_assert_no_error (error);
    saved = upp_store_load_round (other, result->round_uuid, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (upp_round_get_text (saved, UPP_REPORT_TEXT_SUMMARY), ==,
                     "Arbetet med lokala överenskommelser pågår i hela länet.");
  }

  /* An answer written beside the window (the CLI, a colleague's import) shows in the preview
   * without anything telling the page: a long answer makes the report longer. */
  {
    g_autoptr(UppStore) other = upp_store_open (db, &error);
    g_autoptr(GString) long_answer = g_string_new (NULL);
    PageCount count = { UPP_REPORT_PAGE (page), 0 };

    g_assert_no_error (error);
    count.n_pages = upp_report_page_get_n_pages (count.page);
    for (guint i = 0; i < 120; i++)
      g_string_append (long_answer, "Samverkan kring SIP har utvecklats under året och "
                                    "rutinerna följs upp varje månad av ledningsgruppen.\n");
    test_set_answer (other, result->round_uuid, "Falun", "challenges", long_answer->str);
    g_assert_true (wait_until (has_more_pages, &count, 20000));
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
  /* Jobs still under way hold the page and the session until their callbacks ran. */
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (page);
  g_object_unref (session);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((page != NULL || session != NULL) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  g_assert_null (page);
  g_assert_null (session);
  g_unlink (pdf);
  {
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (backups);
    g_rmdir (dir);
  }
}

static AdwComboRow *
find_combo_row (GtkWidget *widget)
{
  if (ADW_IS_COMBO_ROW (widget))
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  UppReportPage *page;
  guint          n_pages;
} PagesEqual;

static gboolean
has_n_pages (gpointer data)
{
  PagesEqual *wanted = data;

  return upp_report_page_get_n_pages (wanted->page) == wanted->n_pages;
}

static gboolean
has_fewer_pages (gpointer data)
{
  PagesEqual *wanted = data;
  guint n_pages = upp_report_page_get_n_pages (wanted->page);

  return n_pages > 0 && n_pages < wanted->n_pages;
}

static char *
dup_saved_text (const char *db,
                const char *round_uuid,
                const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) other = upp_store_open (db, &error);
  g_autoptr(UppRound) saved = NULL;

  g_assert_no_error (error);
  saved = upp_store_load_round (other, round_uuid, &error);
  g_assert_no_error (error);
  return g_strdup (upp_round_get_text (saved, key));
}

/* Years compared: the round the report compares with is chosen on the page, saved with the
 * round, and the preview follows (the chapter, with its chart, starts a page of its own). */
static void
test_report_page_compare_with (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(UppImportResult) earlier = test_import_dalarna (store, 2024);
  g_autoptr(UppImportResult) result = test_import_dalarna (store, 2026);
  g_autofree char *db = g_strdup (upp_store_get_path (store));
  const char *in_progress[] = { "in_progress", NULL };
  const char *signed_choice[] = { "signed", NULL };
  UppSession *session;
  UppRound *round;
  GtkWidget *window;
  GtkWidget *page;
  AdwComboRow *compare;
  PagesEqual wanted = { NULL, 0 };
  PagesEqual wanted_fewer = { NULL, 0 };
  guint pages_compared;

  /* Falun's LÖK status changed since 2024. */
  test_set_answer_choices (store, earlier->round_uuid, "Falun", "agreement", "Arbete pågår.",
                           in_progress);
  test_set_answer_choices (store, result->round_uuid, "Falun", "agreement", "Klar.",
                           signed_choice);
  g_clear_object (&store);
  session = upp_session_new (db);
  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, result->round_uuid);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  page = upp_report_page_new ();
  g_object_ref (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set (page, "session", session, "round", round, NULL);
  g_assert_true (test_gui_wait_until (has_preview, page, 20000));
  pages_compared = upp_report_page_get_n_pages (UPP_REPORT_PAGE (page));
  wanted.page = UPP_REPORT_PAGE (page);
  wanted_fewer.page = UPP_REPORT_PAGE (page);
  wanted_fewer.n_pages = pages_compared;

  /* The latest earlier round, none, and the one earlier round of the region. */
  compare = find_combo_row (page);
  g_assert_nonnull (compare);
  g_assert_cmpuint (adw_combo_row_get_selected (compare), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (compare)), ==, 3);

  adw_combo_row_set_selected (compare, 1);
  g_assert_true (test_gui_wait_until (has_fewer_pages, &wanted_fewer, 20000));
  {
    g_autofree char *saved = dup_saved_text (db, result->round_uuid,
                                             UPP_REPORT_TEXT_COMPARE_WITH);

    g_assert_cmpstr (saved, ==, UPP_REPORT_COMPARE_WITH_NONE);
  }

  adw_combo_row_set_selected (compare, 2);
  wanted.n_pages = pages_compared;
  g_assert_true (test_gui_wait_until (has_n_pages, &wanted, 20000));
  {
    g_autofree char *saved = dup_saved_text (db, result->round_uuid,
                                             UPP_REPORT_TEXT_COMPARE_WITH);

    g_assert_cmpstr (saved, ==, earlier->round_uuid);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (page);
  g_object_unref (session);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((page != NULL || session != NULL) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  g_assert_null (page);
  g_assert_null (session);
  {
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (backups);
    g_rmdir (dir);
  }
}

/* The skip-th widget of type in widget's tree, depth first. */
static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type,
             guint     *skip)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      if (*skip == 0)
        return widget;
      (*skip)--;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, skip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  const char *db;
  const char *round_uuid;
  const char *key;
  const char *text;
} SavedText;

static gboolean
is_saved (gpointer data)
{
  SavedText *wanted = data;
  g_autofree char *saved = dup_saved_text (wanted->db, wanted->round_uuid, wanted->key);

  return g_strcmp0 (saved, wanted->text) == 0;
}

/* The analysis of each question, the title page's series and the report's layout are typed
 * or switched on the page and saved with the round as they change; the page shows them
 * again when the round comes back. */
static void
test_report_page_analysis_and_layout (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "uppfoljning");
  g_autoptr(UppImportResult) result = test_import_dalarna (store, 2026);
  g_autofree char *db = g_strdup (upp_store_get_path (store));
  static const char *analysis = "Fler kommuner har tecknat en överenskommelse.";
  SavedText wanted = { db, result->round_uuid, NULL, NULL };
  UppSession *session;
  UppRound *round;
  GtkWidget *window;
  GtkWidget *page;
  GtkTextView *analysis_view;
  GtkWidget *appendix_switch;
  GtkWidget *series_row;
  guint skip;

  g_clear_object (&store);
  session = upp_session_new (db);
  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, result->round_uuid);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  page = upp_report_page_new ();
  g_object_ref (page);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set (page, "session", session, "round", round, NULL);
  g_assert_true (test_gui_wait_until (has_preview, page, 20000));

  /* Seven texts of the report, then a box per question: the first is the LÖK status's. */
  skip = 7;
  analysis_view = find_text_view (page, &skip);
  g_assert_nonnull (analysis_view);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (analysis_view), analysis, -1);
  wanted.key = "analysis:agreement";
  wanted.text = analysis;
  g_assert_true (test_gui_wait_until (is_saved, &wanted, 10000));

  skip = 0;
  appendix_switch = find_widget (page, GTK_TYPE_SWITCH, &skip);
  g_assert_nonnull (appendix_switch);
  gtk_switch_set_active (GTK_SWITCH (appendix_switch), TRUE);
  wanted.key = UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX;
  wanted.text = UPP_REPORT_SETTING_ON;
  g_assert_true (test_gui_wait_until (is_saved, &wanted, 10000));

  /* Author, organisation, then series and number. */
  skip = 2;
  series_row = find_widget (page, ADW_TYPE_ENTRY_ROW, &skip);
  g_assert_nonnull (series_row);
  gtk_editable_set_text (GTK_EDITABLE (series_row), "FoU arbetsrapport 3:2026");
  wanted.key = UPP_REPORT_TEXT_SERIES;
  wanted.text = "FoU arbetsrapport 3:2026";
  g_assert_true (test_gui_wait_until (is_saved, &wanted, 10000));

  /* Switched off, the setting is gone from the round. */
  gtk_switch_set_active (GTK_SWITCH (appendix_switch), FALSE);
  wanted.key = UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX;
  wanted.text = NULL;
  g_assert_true (test_gui_wait_until (is_saved, &wanted, 10000));
  gtk_switch_set_active (GTK_SWITCH (appendix_switch), TRUE);

  /* Another round and back: the texts and the setting as saved. */
  upp_report_page_set_round (UPP_REPORT_PAGE (page), NULL);
  upp_report_page_set_round (UPP_REPORT_PAGE (page), round);
  skip = 7;
  analysis_view = find_text_view (page, &skip);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (analysis_view);
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, analysis);
  }
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (appendix_switch)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (series_row)), ==,
                   "FoU arbetsrapport 3:2026");

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (page);
  g_object_unref (session);
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while ((page != NULL || session != NULL) && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  }
  g_assert_null (page);
  g_assert_null (session);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/report-page/texts-preview-export", test_report_page);
  g_test_add_func ("/report-page/compare-with", test_report_page_compare_with);
  g_test_add_func ("/report-page/analysis-and-layout", test_report_page_analysis_and_layout);

  return g_test_run ();
}

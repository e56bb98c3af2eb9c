/* test-export-gui.c: the CSV import dialog and the export action, driven in a real window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-csv-import-dialog.h"
#include "upp-export-actions.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-toast.h"

#include "test-gui-util.h"
#include "test-util.h"

static void
iterate_until (gboolean *done,
               guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!*done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (*done);
}

/* Saves the screen, to look at: G_TEST_BUILDDIR/name.png (ImageMagick's import). */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, file, NULL);
  const char *argv[] = { "/usr/bin/import", "-window", "root", path, NULL };

  test_gui_iterate (200);
  if (!g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    return;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, NULL, NULL);
  g_test_message ("screenshot: %s", path);
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
find_combo_row (GtkWidget  *root,
                const char *title)
{
  if (ADW_IS_COMBO_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return ADW_COMBO_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
on_open_file_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  char **opened = user_data;

  g_free (*opened);
  *opened = g_variant_dup_string (parameter, NULL);
}

/* Puts an action in place of the overlay's "toast.open-file", to see what it would open
 * without starting another app. */
static void
capture_open_file (GtkWidget  *overlay,
                   char      **opened)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-file", G_VARIANT_TYPE_STRING);

  g_signal_connect (action, "activate", G_CALLBACK (on_open_file_cb), opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (overlay, "toast", G_ACTION_GROUP (group));
}

static UppSession *
open_session (UppStore *store)
{
  g_autoptr(GError) error = NULL;
  UppSession *session = upp_session_new (upp_store_get_path (store));

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  return session;
}

/* A worker may hold the session a moment after its callback ran. */
static void
assert_finalized (gpointer object)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (object), &object);
  g_object_unref (object);
  while (object != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (object);
}

static void
on_imported_cb (UppCsvImportDialog *dialog,
                const char         *uuid,
                char              **out)
{
  *out = g_strdup (uuid);
}

static gboolean
set_done (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
test_csv_import_dialog (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "gui");
  g_autofree char *path = test_fixture_path ("csv-table-utf8.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uuid = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) falun = NULL;
  g_autoptr(GError) error = NULL;
  UppSession *session = open_session (store);
  UppCsvImportDialog *dialog;
  AdwComboRow *row;
  gboolean shown = FALSE;
  gboolean imported = FALSE;

  dialog = upp_csv_import_dialog_new (NULL, session);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &uuid);
  gtk_window_present (GTK_WINDOW (dialog));
  upp_csv_import_dialog_load_file (dialog, file);
  g_timeout_add (500, set_done, &shown);
  iterate_until (&shown, 5);

  /* The user corrects a guess: "Fråga 3" is left out. */
  row = find_combo_row (GTK_WIDGET (dialog), "Fråga 3");
  g_assert_nonnull (row);
  g_assert_cmpuint (adw_combo_row_get_selected (row), >, 1);
  adw_combo_row_set_selected (row, 0);
  g_assert_nonnull (find_combo_row (GTK_WIDGET (dialog), "Avvikelser (val)"));
  save_screenshot (GTK_WIDGET (dialog), "csv-import-dialog");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  while (uuid == NULL)
    g_main_context_iteration (NULL, TRUE);
  imported = TRUE;
  test_gui_iterate (300);
  save_screenshot (GTK_WIDGET (dialog), "csv-import-dialog-done");
  g_assert_true (imported);

  /* The session's rounds include the new one when the dialog says it is imported. */
  g_assert_nonnull (upp_session_find_round (session, uuid));
  round = upp_store_load_round (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_round_get_region_name (round), ==, "Region Dalarna");
  falun = upp_store_find_response (store, round, "Falun", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_answer_get_choice (upp_response_get_answer (falun, "deviations")), ==,
                   "regular");
  g_assert_true (upp_response_get_answer (falun, "good_examples") == NULL ||
                 upp_answer_is_empty (upp_response_get_answer (falun, "good_examples")));

  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_finalized (session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The Dalarna table as CSV: the done page counts the units as the overview does and names
 * Gagnef, whose row says it did not answer. */
static void
test_csv_import_dialog_counts (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "gui-counts");
  g_autofree char *path = test_fixture_path ("csv/dalarna-table.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uuid = NULL;
  g_autofree char *answered = NULL;
  g_autofree char *no_answer = NULL;
  UppSession *session = open_session (store);
  UppCsvImportDialog *dialog;
  gboolean shown = FALSE;

  dialog = upp_csv_import_dialog_new (NULL, session);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &uuid);
  gtk_window_present (GTK_WINDOW (dialog));
  upp_csv_import_dialog_load_file (dialog, file);
  g_timeout_add (500, set_done, &shown);
  iterate_until (&shown, 5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.import", NULL));
  while (uuid == NULL)
    g_main_context_iteration (NULL, TRUE);
  test_gui_iterate (300);

  answered = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unit answered.",
                                           "%u of %u units answered.", 11), 10, 11);
  no_answer = g_strdup_printf (_("No answer received from %s."), "Gagnef");
  save_screenshot (GTK_WIDGET (dialog), "csv-import-dialog-counts");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), answered));
  g_assert_nonnull (find_label_containing (GTK_WIDGET (dialog), no_answer));

  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_finalized (session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_export_action (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "gui-export");
  g_autoptr(UppRound) round = test_import_dalarna_round (store, 2025);
  g_autofree char *path = g_build_filename (dir, "Region Dalarna.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  GtkWidget *window = adw_window_new ();
  GtkWidget *toasts = adw_toast_overlay_new ();
  UppSession *session = NULL;
  gint64 end;

  name = upp_export_actions_dup_default_name (round, "xlsx");
  g_assert_cmpstr (name, ==, "Region Dalarna – Uppföljning LÖK 2025.xlsx");

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (toasts), gtk_label_new ("Uppföljning"));
  adw_window_set_content (ADW_WINDOW (window), toasts);
  upp_toast_set_overlay (GTK_WINDOW (window), ADW_TOAST_OVERLAY (toasts));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 300);
  gtk_window_present (GTK_WINDOW (window));

  session = open_session (store);
  upp_export_actions_export_to (GTK_WINDOW (window), session, round, "xlsx", path);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!g_file_test (path, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  test_gui_iterate (600);
  save_screenshot (window, "export-action-toast");
  /* The toast says where it went, and its Open button opens that file. */
  {
    g_autofree char *exported = g_strdup_printf (_("Exported “%s”"), "Region Dalarna.xlsx");
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *uri = g_file_get_uri (file);
    g_autofree char *opened = NULL;
    GtkWidget *button;

    g_assert_nonnull (find_label_containing (window, exported));
    button = find_button_labelled (window, _("_Open"));
    g_assert_nonnull (button);
    capture_open_file (toasts, &opened);
    g_signal_emit_by_name (button, "clicked");
    test_gui_iterate (100);
    g_assert_cmpstr (opened, ==, uri);
  }

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "PK"));

  gtk_window_destroy (GTK_WINDOW (window));
  assert_finalized (session);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* Every chooser of an export starts in the folder the last one was saved in, also after a
 * restart (GSettings), and not in one that has gone. */
static void
test_last_folder (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Region Dalarna – Uppföljning LÖK 2025.pdf",
                                            NULL);
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  g_autofree char *in_gone = g_build_filename (gone, "x.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) gone_file = g_file_new_for_path (in_gone);
  g_autoptr(GFile) gone_folder = g_file_new_for_path (gone);
  g_autofree char *folder_uri = g_file_get_uri (folder);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *stored = NULL;
  g_autofree char *last = NULL;
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) current = NULL;

  upp_export_actions_remember_folder (file);
  stored = g_settings_get_string (settings, "last-export-folder");
  g_assert_cmpstr (stored, ==, folder_uri);
  last = upp_export_actions_dup_last_folder ();
  g_assert_cmpstr (last, ==, folder_uri);

  chooser = gtk_file_chooser_native_new ("Export", NULL, GTK_FILE_CHOOSER_ACTION_SAVE, NULL,
                                         NULL);
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (chooser));
  /* GTK's own chooser, the one without a portal, reads the folder before it is there. */
  test_gui_iterate (300);
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_nonnull (current);
  g_assert_true (g_file_equal (current, folder));
  g_object_unref (chooser);

  /* A folder taken away since (a USB stick): the chooser starts where it would. */
  upp_export_actions_remember_folder (gone_file);
  chooser = gtk_file_chooser_native_new ("Export", NULL, GTK_FILE_CHOOSER_ACTION_SAVE, NULL,
                                         NULL);
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&current);
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_assert_true (current == NULL || !g_file_equal (current, gone_folder));
  g_object_unref (chooser);

  g_settings_reset (settings, "last-export-folder");
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("UPP_LOCALEDIR");

  /* The Swedish interface, as users see it, when the locale is installed. */
  gtk_disable_setlocale ();
  if (setlocale (LC_ALL, "sv_SE.UTF-8") == NULL)
    setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/export-gui/csv-import-dialog", test_csv_import_dialog);
  g_test_add_func ("/export-gui/csv-import-dialog-counts", test_csv_import_dialog_counts);
  g_test_add_func ("/export-gui/export-action", test_export_action);
  g_test_add_func ("/export-gui/last-folder", test_last_folder);

  return g_test_run ();
}

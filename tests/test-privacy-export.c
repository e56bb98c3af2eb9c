/* test-privacy-export.c: the check before a round leaves the computer, in the real window: a
 * personal identity number typed into an answer, the export to Excel stopped by a dialog
 * that lists it, and masked, exported anyway or cancelled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-export-actions.h"
#include "upp-privacy-dialog.h"
#include "upp-question-card.h"
#include "upp-response-form.h"
#include "upp-session.h"
#include "upp-window.h"

/* Valid: a real date and the right Luhn check digit. */
#define NUMBER "850412-1230"
#define ANSWER "Klienten " NUMBER " fick en SIP."
#define MASKED "Klienten [personal identity number] fick en SIP."

typedef struct
{
  char      *dir;
  char      *db;
  char      *round_uuid;
  char      *xlsx;
  GtkWidget *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(UppStore) store = NULL;

  fixture->dir = test_make_temp_dir ();
  store = test_open_store (fixture->dir, "privacy-export");
  fixture->round_uuid = test_import_dalarna_uuid (store);
  fixture->db = g_strdup (upp_store_get_path (store));
  fixture->xlsx = g_build_filename (fixture->dir, "export.xlsx", NULL);
  if (data != NULL)
    test_set_answer (store, fixture->round_uuid, "Falun", "other", data);
  g_clear_object (&store);

  fixture->window = GTK_WIDGET (upp_window_new (NULL, fixture->db));
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_gui_iterate (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  test_gui_iterate (200);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->round_uuid);
  g_free (fixture->xlsx);
}

static gboolean
is_card_of (GtkWidget     *widget,
            gconstpointer  key)
{
  return UPP_IS_QUESTION_CARD (widget) &&
         g_str_equal (upp_question_get_key (upp_question_card_get_question
                                            (UPP_QUESTION_CARD (widget))), key);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
find_dialog (gpointer data)
{
  UppPrivacyDialog **dialog = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (UPP_IS_PRIVACY_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *dialog = UPP_PRIVACY_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Starts the export to Excel as the round page's menu does, without the file chooser; the
 * dialog it brings up. */
static UppPrivacyDialog *
export_expecting_dialog (Fixture *fixture)
{
  UppSession *session = upp_window_get_session (UPP_WINDOW (fixture->window));
  UppRound *round = upp_session_find_round (session, fixture->round_uuid);
  UppPrivacyDialog *dialog = NULL;

  upp_export_actions_export_to (GTK_WINDOW (fixture->window), session, round, "xlsx",
                                fixture->xlsx);
  g_assert_true (test_gui_wait_until (find_dialog, &dialog, 10000));
  g_assert_false (g_file_test (fixture->xlsx, G_FILE_TEST_EXISTS));
  return dialog;
}

/* Every cell of the workbook, one a line (openpyxl). */
static char *
dup_workbook_cells (const char *path)
{
  const char *script =
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "for sheet in book.worksheets:\n"
    "    for row in sheet.iter_rows(values_only=True):\n"
    "        for value in row:\n"
    "            if value is not None:\n"
    "                print(value)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };

  return test_run (argv, NULL);
}

static void
wait_for_workbook (Fixture *fixture)
{
  g_assert_true (test_gui_wait_until (file_exists, fixture->xlsx, 30000));
  /* The toast comes after the rename; the file is whole by then. */
  test_gui_iterate (500);
}

static void
test_typed_then_masked (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *form, *card;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter at;
  UppPrivacyDialog *dialog;
  g_autofree char *row = NULL;
  g_autofree char *cells = NULL;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (fixture->window, "win.show-response", "(su)",
                                             fixture->round_uuid, 0));
  form = test_gui_find_of_type (fixture->window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  test_gui_iterate (300);
  card = test_gui_find_widget (form, is_card_of, "other");
  g_assert_nonnull (card);
  view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
  buffer = gtk_text_view_get_buffer (view);

  /* Typed, and marked as it is. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_set_text (buffer, ANSWER, -1);
  test_gui_iterate (600);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "upp-privacy");
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 12);
  g_assert_true (gtk_text_iter_has_tag (&at, tag));
  g_assert_true (upp_response_form_flush (UPP_RESPONSE_FORM (form)));
  test_gui_iterate (1000);

  /* The dialog names the unit, the question and the number. */
  dialog = export_expecting_dialog (fixture);
  row = g_strdup_printf ("Falun · %s. ",
                         upp_question_get_number (upp_question_card_get_question
                                                  (UPP_QUESTION_CARD (card))));
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_label_with, row));
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_label_with, NUMBER));

  /* Masked, then exported: the workbook holds the answer without the number. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "mask");
  wait_for_workbook (fixture);
  cells = dup_workbook_cells (fixture->xlsx);
  g_assert_null (strstr (cells, NUMBER));
  g_assert_nonnull (strstr (cells, MASKED));

  /* The form shows the masked answer too (and so does not save the number again). */
  test_gui_iterate (500);
  card = test_gui_find_widget (form, is_card_of, "other");
  view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
  text = test_gui_dup_text (view);
  g_assert_cmpstr (text, ==, MASKED);
}

static void
test_export_anyway (Fixture       *fixture,
                    gconstpointer  data)
{
  UppPrivacyDialog *dialog = export_expecting_dialog (fixture);
  g_autofree char *cells = NULL;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "export");
  wait_for_workbook (fixture);
  cells = dup_workbook_cells (fixture->xlsx);
  g_assert_nonnull (strstr (cells, ANSWER));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  UppPrivacyDialog *dialog = export_expecting_dialog (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autofree char *text = NULL;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  test_gui_iterate (1500);
  g_assert_false (g_file_test (fixture->xlsx, G_FILE_TEST_EXISTS));
  store = upp_store_open (fixture->db, &error);
  g_assert_no_error (error);
  text = test_dup_answer_text (store, fixture->round_uuid, "Falun", "other");
  g_assert_cmpstr (text, ==, ANSWER);
}

/* A round without personal data is exported without a dialog. */
static void
test_clean_round (Fixture       *fixture,
                  gconstpointer  data)
{
  UppSession *session = upp_window_get_session (UPP_WINDOW (fixture->window));
  UppRound *round = upp_session_find_round (session, fixture->round_uuid);
  UppPrivacyDialog *dialog = NULL;

  upp_export_actions_export_to (GTK_WINDOW (fixture->window), session, round, "xlsx",
                                fixture->xlsx);
  wait_for_workbook (fixture);
  g_assert_false (find_dialog (&dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/privacy-export/typed-then-masked", Fixture, NULL, fixture_set_up,
              test_typed_then_masked, fixture_tear_down);
  g_test_add ("/privacy-export/export-anyway", Fixture, ANSWER, fixture_set_up,
              test_export_anyway, fixture_tear_down);
  g_test_add ("/privacy-export/cancel", Fixture, ANSWER, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/privacy-export/clean-round", Fixture, NULL, fixture_set_up, test_clean_round,
              fixture_tear_down);

  return g_test_run ();
}

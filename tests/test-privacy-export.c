/* test-privacy-export.c: the check before a round leaves the computer, in the real window: a
 * personal identity number typed into an answer, the export to Excel stopped by a dialog
 * that lists it, and masked, exported anyway or cancelled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-exchange-actions.h"
#include "upp-exchange-export-dialog.h"
#include "upp-export-actions.h"
#include "upp-interview-row.h"
#include "upp-privacy-dialog.h"
#include "upp-privacy.h"
#include "upp-report-page.h"
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
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Presses a response's button, as a click does: the dialog closes and answers. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = test_gui_find_widget (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  /* A click takes the focus first (the entry that had it is gone with the dialog). */
  gtk_widget_grab_focus (button);
  g_signal_emit_by_name (button, "clicked");
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
  card = test_gui_find_widget (form, test_gui_is_card_of, "other");
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
  click_response (ADW_MESSAGE_DIALOG (dialog), "_Mask All");
  wait_for_workbook (fixture);
  cells = dup_workbook_cells (fixture->xlsx);
  g_assert_null (strstr (cells, NUMBER));
  g_assert_nonnull (strstr (cells, MASKED));

  /* The form shows the masked answer too (and so does not save the number again). */
  test_gui_iterate (500);
  card = test_gui_find_widget (form, test_gui_is_card_of, "other");
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

  click_response (ADW_MESSAGE_DIALOG (dialog), "_Export Anyway");
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

  click_response (ADW_MESSAGE_DIALOG (dialog), "_Cancel");
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

#define PASSPHRASE "fyra ord blir starka"

static gboolean
is_password_row (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PASSWORD_ENTRY_ROW (widget);
}

/* The message dialog on screen with this heading, or NULL. */
static AdwMessageDialog *
find_message (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                     heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message (gpointer heading)
{
  return find_message (heading) != NULL;
}

static gboolean
is_asked_again (gpointer data)
{
  AdwMessageDialog *dialog = find_message ("Encrypted Exchange File");
  AdwMessageDialog *refused = find_message ("This File Cannot Be Imported");

  if (refused != NULL)
    g_error ("Refused: %s", adw_message_dialog_get_body (refused));
  return dialog != NULL &&
         test_gui_find_widget (GTK_WIDGET (dialog), is_label_with,
                               "Wrong passphrase or damaged file") != NULL;
}

/* The database file and its log, as a refused import must leave them. */
static char *
dup_db_bytes (const char *db,
              gsize      *length)
{
  g_autofree char *wal_path = g_strconcat (db, "-wal", NULL);
  g_autofree char *main = NULL;
  g_autofree char *wal = NULL;
  gsize main_length = 0, wal_length = 0;
  char *all;

  g_assert_true (g_file_get_contents (db, &main, &main_length, NULL));
  if (!g_file_get_contents (wal_path, &wal, &wal_length, NULL))
    wal = g_strdup ("");
  all = g_malloc (main_length + wal_length + 1);
  memcpy (all, main, main_length);
  memcpy (all + main_length, wal, wal_length);
  *length = main_length + wal_length;
  return all;
}

static void
assert_db_unchanged (const char *db,
                     const char *before,
                     gsize       before_length)
{
  gsize length = 0;
  g_autofree char *after = dup_db_bytes (db, &length);

  g_assert_cmpmem (after, length, before, before_length);
}

static void
type_passphrase (AdwMessageDialog *dialog,
                 const char       *passphrase)
{
  GtkWidget *row = test_gui_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_PASSWORD_ENTRY);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), passphrase);
  click_response (dialog, "_Open");
}

/* Sent encrypted from the window, read in a second database from its window: a wrong
 * passphrase is asked again with one line and changes nothing, Cancel changes nothing, the
 * right one imports. */
static void
test_encrypted_exchange (Fixture       *fixture,
                         gconstpointer  data)
{
  UppSession *session = upp_window_get_session (UPP_WINDOW (fixture->window));
  UppRound *round = upp_session_find_round (session, fixture->round_uuid);
  g_autofree char *path = g_build_filename (fixture->dir, "Falun.uppkrypt", NULL);
  g_autofree char *other_db = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *before = NULL;
  gsize before_length = 0;
  UppExchangeExportDialog *units;
  GtkWidget *other_window, *rows[2], *hint;
  AdwMessageDialog *dialog;

  /* The dialog asks for a strong passphrase, twice the same. */
  units = upp_exchange_export_dialog_new (GTK_WINDOW (fixture->window), session, round);
  gtk_window_present (GTK_WINDOW (units));
  test_gui_iterate (300);
  /* The units to pick from come by name, as in every unit list. */
  {
    GtkWidget *first = test_gui_find_of_type (GTK_WIDGET (units), ADW_TYPE_ACTION_ROW);
    GtkWidget *list = gtk_widget_get_parent (first);
    const char *previous = NULL;
    guint n_rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        const char *name;

        if (!ADW_IS_ACTION_ROW (row))
          continue;
        name = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
        if (previous != NULL)
          g_assert_cmpint (g_utf8_collate (previous, name), <, 0);
        previous = name;
        n_rows++;
      }
    g_assert_cmpuint (n_rows, >, 1);
  }
  gtk_switch_set_active (GTK_SWITCH (test_gui_find_of_type (GTK_WIDGET (units),
                                                            GTK_TYPE_SWITCH)), TRUE);
  rows[0] = test_gui_find_widget (GTK_WIDGET (units), is_password_row, NULL);
  g_assert_nonnull (rows[0]);
  rows[1] = gtk_widget_get_next_sibling (rows[0]);
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (rows[1]));
  gtk_editable_set_text (GTK_EDITABLE (rows[0]), "kort");
  hint = test_gui_find_widget (GTK_WIDGET (units), is_label_with, "at least 10 characters");
  g_assert_nonnull (hint);
  gtk_editable_set_text (GTK_EDITABLE (rows[0]), PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (rows[1]), PASSPHRASE "!");
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (units), is_label_with, "differ"));
  gtk_editable_set_text (GTK_EDITABLE (rows[1]), PASSPHRASE);
  g_assert_null (test_gui_find_widget (GTK_WIDGET (units), is_label_with, "differ"));
  gtk_window_destroy (GTK_WINDOW (units));

  /* The first exchange file: the computer is named first, once, with a name to change. */
  upp_exchange_actions_export_to (GTK_WINDOW (fixture->window), session, fixture->round_uuid,
                                  NULL, PASSPHRASE, path);
  g_assert_true (test_gui_wait_until (has_message, "Name This Computer", 30000));
  dialog = find_message ("Name This Computer");
  {
    GtkWidget *entry = test_gui_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
    g_autofree char *suggested = upp_store_dup_default_device_name ();

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, suggested);
    g_assert_false (file_exists (path));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Kontorets dator");
  }
  click_response (dialog, "_Save");

  /* Written encrypted: the header says so, the answers are not readable. */
  g_assert_true (test_gui_wait_until (file_exists, path, 30000));
  test_gui_iterate (500);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "uppfoljning-encrypted 1"));
  g_assert_null (strstr (contents, "Falun"));

  {
    g_autoptr(UppStore) other = test_open_store (fixture->dir, "other");

    other_db = g_strdup (upp_store_get_path (other));
  }
  other_window = GTK_WIDGET (upp_window_new (NULL, other_db));
  gtk_window_present (GTK_WINDOW (other_window));
  test_gui_iterate (500);
  before = dup_db_bytes (other_db, &before_length);
  session = upp_window_get_session (UPP_WINDOW (other_window));

  /* A wrong passphrase: asked again, with why. */
  upp_exchange_actions_preview_and_import (GTK_WINDOW (other_window), session, path);
  g_assert_true (test_gui_wait_until (has_message, "Encrypted Exchange File", 10000));
  dialog = find_message ("Encrypted Exchange File");
  g_assert_null (test_gui_find_widget (GTK_WIDGET (dialog), is_label_with, "Wrong"));
  type_passphrase (dialog, "fel fras helt och hållet");
  g_assert_true (test_gui_wait_until (is_asked_again, NULL, 30000));
  dialog = find_message ("Encrypted Exchange File");
  assert_db_unchanged (other_db, before, before_length);

  /* Cancel: nothing more. */
  click_response (dialog, "_Cancel");
  test_gui_iterate (1000);
  g_assert_null (find_message ("Encrypted Exchange File"));
  g_assert_null (find_message ("Import Exchange File?"));
  assert_db_unchanged (other_db, before, before_length);

  /* The right passphrase: the preview, then the import. */
  upp_exchange_actions_preview_and_import (GTK_WINDOW (other_window), session, path);
  g_assert_true (test_gui_wait_until (has_message, "Encrypted Exchange File", 10000));
  type_passphrase (find_message ("Encrypted Exchange File"), PASSPHRASE);
  g_assert_true (test_gui_wait_until (has_message, "Import Exchange File?", 30000));
  click_response (find_message ("Import Exchange File?"), "_Import");
  {
    gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (upp_session_find_round (session, fixture->round_uuid) == NULL &&
           g_get_monotonic_time () < end)
      test_gui_iterate (100);
  }
  g_assert_nonnull (upp_session_find_round (session, fixture->round_uuid));
  /* The name came with the file. */
  {
    UppStore *first = upp_session_get_store (upp_window_get_session (UPP_WINDOW (fixture->window)));
    g_autofree char *name = upp_store_dup_device_name (upp_session_get_store (session),
                                                       upp_store_get_device_id (first), NULL);

    g_assert_cmpstr (name, ==, "Kontorets dator");
  }

  /* Named now: the next file is not asked for a name. */
  {
    g_autofree char *again = g_build_filename (fixture->dir, "again.uppkrypt", NULL);

    upp_exchange_actions_export_to (GTK_WINDOW (fixture->window),
                                    upp_window_get_session (UPP_WINDOW (fixture->window)),
                                    fixture->round_uuid, NULL, PASSPHRASE, again);
    g_assert_true (test_gui_wait_until (file_exists, again, 30000));
    g_assert_null (find_message ("Name This Computer"));
  }

  gtk_window_destroy (GTK_WINDOW (other_window));
  test_gui_iterate (200);
}

static gboolean
is_entry_row (GtkWidget     *widget,
              gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && !ADW_IS_PASSWORD_ENTRY_ROW (widget);
}

static gboolean
is_remove_button (GtkWidget     *widget,
                  gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Whether the answer's text is marked at offset, in the form as it is now. */
static gboolean
is_marked_at (GtkWidget *form,
              int        offset)
{
  GtkWidget *card = test_gui_find_widget (form, test_gui_is_card_of, "other");
  GtkTextView *view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "upp-privacy");
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_offset (buffer, &at, offset);
  return gtk_text_iter_has_tag (&at, tag);
}

/* A name added to the words not to share is marked in the open form at once, and no longer
 * once removed; the database keeps the list. */
static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  UppSession *session = upp_window_get_session (UPP_WINDOW (fixture->window));
  AdwMessageDialog *dialog;
  GtkWidget *form, *row;
  g_auto(GStrv) words = NULL;

  g_assert_true (gtk_widget_activate_action (fixture->window, "win.show-response", "(su)",
                                             fixture->round_uuid, 0));
  form = test_gui_find_of_type (fixture->window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  test_gui_iterate (300);
  g_assert_false (is_marked_at (form, 2));

  g_assert_true (gtk_widget_activate_action (fixture->window, "win.privacy-words", NULL));
  g_assert_true (test_gui_wait_until (has_message, "Words Not to Share", 5000));
  dialog = find_message ("Words Not to Share");
  row = test_gui_find_widget (GTK_WIDGET (dialog), is_entry_row, NULL);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "Anna Svensson ");
  g_signal_emit_by_name (row, "apply");
  test_gui_iterate (300);
  words = upp_store_dup_privacy_words (upp_session_get_store (session), NULL);
  g_assert_cmpstrv (words, ((const char * const []) { "Anna Svensson", NULL }));
  g_assert_true (is_marked_at (form, 2));
  g_assert_false (is_marked_at (form, 20));

  g_signal_emit_by_name (test_gui_find_widget (GTK_WIDGET (dialog), is_remove_button,
                                               "Remove “Anna Svensson”"), "clicked");
  test_gui_iterate (300);
  g_clear_pointer (&words, g_strfreev);
  words = upp_store_dup_privacy_words (upp_session_get_store (session), NULL);
  g_assert_cmpstrv (words, ((const char * const []) { NULL }));
  g_assert_false (is_marked_at (form, 2));
  click_response (dialog, "_Close");
}

static gboolean
is_note_row (GtkWidget     *widget,
             gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Note") == 0;
}

/* Interview notes and report texts are marked as answers are, the listed words included. */
static void
test_notes_and_report_texts (Fixture       *fixture,
                             gconstpointer  data)
{
  UppSession *session = upp_window_get_session (UPP_WINDOW (fixture->window));
  UppRound *round = upp_session_find_round (session, fixture->round_uuid);
  const char *words[] = { "Anna Svensson", NULL };
  GtkWidget *form, *row, *note, *text, *window, *page;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter at;

  g_assert_true (upp_store_set_privacy_words (upp_session_get_store (session), words, NULL));
  g_assert_true (gtk_widget_activate_action (fixture->window, "win.show-response", "(su)",
                                             fixture->round_uuid, 0));
  form = test_gui_find_of_type (fixture->window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  gtk_widget_activate_action (form, "form.add-interview", NULL);
  test_gui_iterate (300);
  row = test_gui_find_of_type (form, UPP_TYPE_INTERVIEW_ROW);
  note = test_gui_find_widget (row, is_note_row, NULL);
  g_assert_nonnull (note);
  gtk_editable_set_text (GTK_EDITABLE (note), "Anna Svensson ringer 070-123 45 67.");
  test_gui_iterate (600);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (note), ==,
                   upp_privacy_kind_describe (UPP_PRIVACY_LISTED_WORD));
  text = test_gui_find_of_type (note, GTK_TYPE_TEXT);
  g_assert_nonnull (gtk_text_get_attributes (GTK_TEXT (text)));
  gtk_editable_set_text (GTK_EDITABLE (note), "Uppföljning av SIP.");
  test_gui_iterate (600);
  g_assert_null (gtk_widget_get_tooltip_text (note));
  g_assert_null (gtk_text_get_attributes (GTK_TEXT (text)));

  /* The report's texts. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  page = upp_report_page_new ();
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_object_set (page, "session", session, "round", round, NULL);
  test_gui_iterate (500);
  view = GTK_TEXT_VIEW (test_gui_find_of_type (page, GTK_TYPE_TEXT_VIEW));
  buffer = gtk_text_view_get_buffer (view);
  /* The page reads the round's texts on a worker; on a busy machine that can land after the
   * text typed here, so type it again until it stays, then wait for the mark. */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_autofree char *typed = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_set_text (buffer, "Frågor till asa@example.se.", -1);
      test_gui_iterate (500);
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      typed = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      gtk_text_buffer_get_iter_at_offset (buffer, &at, 14);
      if (g_str_equal (typed, "Frågor till asa@example.se.") &&
          gtk_text_iter_has_tag (&at, gtk_text_tag_table_lookup
                                      (gtk_text_buffer_get_tag_table (buffer), "upp-privacy")))
        break;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 14);
  g_assert_true (gtk_text_iter_has_tag (&at, gtk_text_tag_table_lookup
                                             (gtk_text_buffer_get_tag_table (buffer),
                                              "upp-privacy")));
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 2);
  g_assert_false (gtk_text_iter_has_tag (&at, gtk_text_tag_table_lookup
                                              (gtk_text_buffer_get_tag_table (buffer),
                                               "upp-privacy")));
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (500);
}

/* Go To stops the export and opens the answer with the match selected. */
static void
test_go_to (Fixture       *fixture,
            gconstpointer  data)
{
  UppPrivacyDialog *dialog = export_expecting_dialog (fixture);
  GtkWidget *form, *card, *view;
  GtkTextIter start, end;

  g_signal_emit_by_name (test_gui_find_widget (GTK_WIDGET (dialog), is_button_labelled,
                                               "_Go To"), "clicked");
  test_gui_iterate (1000);
  g_assert_false (find_dialog (&dialog));
  g_assert_false (g_file_test (fixture->xlsx, G_FILE_TEST_EXISTS));
  form = test_gui_find_of_type (fixture->window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (gtk_widget_get_mapped (form));
  card = test_gui_find_widget (form, test_gui_is_card_of, "other");
  view = upp_question_card_get_text_view (UPP_QUESTION_CARD (card));
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (view)) == view);
  g_assert_true (gtk_text_buffer_get_selection_bounds
                 (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end));
  g_assert_cmpint (gtk_text_iter_get_offset (&start), ==, 9);
  g_assert_cmpint (gtk_text_iter_get_offset (&end), ==, 20);
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
  g_test_add ("/privacy-export/encrypted-exchange", Fixture, NULL, fixture_set_up,
              test_encrypted_exchange, fixture_tear_down);
  g_test_add ("/privacy-export/words", Fixture, "Anna Svensson var med på mötet.",
              fixture_set_up, test_words, fixture_tear_down);
  g_test_add ("/privacy-export/notes-and-report-texts", Fixture, NULL, fixture_set_up,
              test_notes_and_report_texts, fixture_tear_down);
  g_test_add ("/privacy-export/go-to", Fixture, ANSWER, fixture_set_up, test_go_to,
              fixture_tear_down);
  g_test_add ("/privacy-export/clean-round", Fixture, NULL, fixture_set_up, test_clean_round,
              fixture_tear_down);

  return g_test_run ();
}

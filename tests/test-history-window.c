/* test-history-window.c: the "Historik" popover of an answer in the interview form: an answer
 * typed in three bursts is three versions, the changes of each are marked, an earlier one is
 * restored (a new version), and the CLI sees the same history
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-answer-history.h"
#include "upp-question-card.h"
#include "upp-response-form.h"
#include "upp-session.h"
#include "upp-window.h"


static gboolean
is_restore_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget));
}

/* Types words into the answer one by one, a keystroke's pause apart, for a while longer than
 * the autosave's second. */
static void
type_burst (GtkTextView *view,
            const char  *words)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_auto(GStrv) split = g_strsplit (words, " ", -1);

  gtk_widget_grab_focus (GTK_WIDGET (view));
  test_gui_iterate (50);
  for (guint i = 0; split[i] != NULL; i++)
    {
      GtkTextIter end;

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert (buffer, &end, split[i], -1);
      gtk_text_buffer_get_end_iter (buffer, &end);
      if (split[i + 1] != NULL)
        gtk_text_buffer_insert (buffer, &end, " ", -1);
      test_gui_iterate (300);
    }
}

static guint
count_cli_versions (const char *db,
                    const char *round_uuid,
                    char      **last_text,
                    char      **last_origin)
{
  const char *argv[] = {
    g_getenv ("UPP_CLI"), "--db", db, "history", "--round", round_uuid, "--unit", "Falun",
    "--question", "challenges", "--json", NULL
  };
  g_autofree char *out = test_run (argv, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *versions;
  JsonObject *last;

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  versions = json_node_get_array (json_parser_get_root (parser));
  last = json_array_get_object_element (versions, json_array_get_length (versions) - 1);
  *last_text = g_strdup (json_object_get_string_member (last, "text"));
  *last_origin = g_strdup (json_object_get_string_member (last, "origin"));
  return json_array_get_length (versions);
}

static void
test_bursts_and_restore (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *changes = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *last_origin = NULL;
  GtkWidget *window, *form, *card, *other_card, *history, *restore;
  GtkTextView *view, *other_view;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "history");

    uuid = test_import_dalarna_uuid (store);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  /* Falun, the first unit; its "challenges" answer is empty in the example. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 0));
  form = test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  card = test_gui_find_widget (form, test_gui_is_card_of, "challenges");
  other_card = test_gui_find_widget (form, test_gui_is_card_of, "other");
  g_assert_nonnull (card);
  g_assert_nonnull (other_card);
  view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
  other_view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (other_card)));

  /* Three editings: left for another answer twice, then still in it. Each lasts longer than
   * a second, so the autosave wrote each several times. */
  type_burst (view, "Svårt att få tag i rätt personer.");
  gtk_widget_grab_focus (GTK_WIDGET (other_view));
  test_gui_iterate (300);
  type_burst (view, " Möten ställs in.");
  gtk_widget_grab_focus (GTK_WIDGET (other_view));
  test_gui_iterate (300);
  type_burst (view, " SIP används för sällan.");

  /* The history pops up from the card's button, newest first. */
  g_signal_emit_by_name (upp_question_card_get_history_button (UPP_QUESTION_CARD (card)),
                         "clicked");
  history = test_gui_find_of_type (form, UPP_TYPE_ANSWER_HISTORY);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, history, 5000));
  g_assert_cmpuint (upp_answer_history_get_n_rows (UPP_ANSWER_HISTORY (history)), ==, 3);

  /* The second version, selected first, shows what it added. */
  changes = test_gui_dup_text (upp_answer_history_get_changes_view (UPP_ANSWER_HISTORY (history)));
  g_assert_cmpstr (changes, ==, "Svårt att få tag i rätt personer. Möten ställs in.");
  {
    GtkTextBuffer *buffer =
      gtk_text_view_get_buffer (upp_answer_history_get_changes_view (UPP_ANSWER_HISTORY (history)));
    GtkTextTag *inserted = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                                      "inserted");
    GtkTextIter at;

    gtk_text_buffer_get_iter_at_offset (buffer, &at, (int) g_utf8_strlen ("Svårt att få tag i "
                                                                          "rätt personer. ", -1));
    g_assert_true (gtk_text_iter_has_tag (&at, inserted));
    gtk_text_buffer_get_start_iter (buffer, &at);
    g_assert_false (gtk_text_iter_has_tag (&at, inserted));
  }

  /* Restoring the first: the answer is as it was, and that is a fourth version. */
  upp_answer_history_select_row (UPP_ANSWER_HISTORY (history), 2);
  restore = test_gui_find_widget (history, is_restore_button, NULL);
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_get_sensitive (restore));
  g_signal_emit_by_name (restore, "clicked");
  test_gui_iterate (200);
  shown = test_gui_dup_text (view);
  g_assert_cmpstr (shown, ==, "Svårt att få tag i rätt personer.");

  g_assert_cmpuint (count_cli_versions (db, uuid, &last_text, &last_origin), ==, 4);
  g_assert_cmpstr (last_text, ==, "Svårt att få tag i rätt personer.");
  g_assert_cmpstr (last_origin, ==, "restore");

  /* Shown again, the history has all four, and the value now cannot be restored. */
  g_signal_emit_by_name (upp_question_card_get_history_button (UPP_QUESTION_CARD (card)),
                         "clicked");
  test_gui_iterate (100);
  g_assert_cmpuint (upp_answer_history_get_n_rows (UPP_ANSWER_HISTORY (history)), ==, 4);
  upp_answer_history_select_row (UPP_ANSWER_HISTORY (history), 0);
  g_assert_false (gtk_widget_get_sensitive (restore));
  gtk_popover_popdown (GTK_POPOVER (history));

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/history-window/bursts-and-restore", test_bursts_and_restore);

  return g_test_run ();
}

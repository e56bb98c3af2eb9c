/* test-privacy-window.c: personal data marked in the interview form as it is typed: the
 * warning under the answer, masking, and "not personal data" remembered for the answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-question-card.h"
#include "upp-response-form.h"
#include "upp-session.h"
#include "upp-window.h"


static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              label) == 0;
}

static gboolean
is_warning_box (GtkWidget     *widget,
                gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "upp-privacy-warning");
}

static void
set_answer_text (GtkTextView *view,
                 const char  *text)
{
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  test_gui_iterate (600);
}

static GtkWidget *
open_falun (GtkWidget  *window,
            const char *uuid)
{
  GtkWidget *form;

  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 0));
  form = test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  test_gui_iterate (300);
  return test_gui_find_widget (form, test_gui_is_card_of, "other");
}

static void
test_mark_mask_and_except (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *masked = NULL;
  GtkWidget *window, *card, *warning;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter at;
  GtkTextTag *tag;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "privacy");

    uuid = test_import_dalarna_uuid (store);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);
  card = open_falun (window, uuid);
  g_assert_nonnull (card);
  view = GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
  buffer = gtk_text_view_get_buffer (view);
  warning = test_gui_find_widget (card, is_warning_box, NULL);
  g_assert_nonnull (warning);
  g_assert_false (gtk_widget_get_visible (warning));

  /* Typed: the number is underlined and the warning says what it looks like. */
  set_answer_text (view, "Klienten 850412-1230 fick en SIP.");
  g_assert_true (gtk_widget_get_visible (warning));
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "upp-privacy");
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 12);
  g_assert_true (gtk_text_iter_has_tag (&at, tag));
  gtk_text_buffer_get_iter_at_offset (buffer, &at, 2);
  g_assert_false (gtk_text_iter_has_tag (&at, tag));

  /* Masked: the rest of the answer as it was. */
  g_signal_emit_by_name (test_gui_find_widget (card, is_button_labelled, "Mask"), "clicked");
  test_gui_iterate (200);
  masked = test_gui_dup_text (view);
  g_assert_cmpstr (masked, ==, "Klienten [personal identity number] fick en SIP.");
  g_assert_false (gtk_widget_get_visible (warning));

  /* Not personal data: no longer flagged in this answer, also after the form is opened
   * again. */
  set_answer_text (view, "Växeln 08-123 456 78 är kommunens.");
  g_assert_true (gtk_widget_get_visible (warning));
  g_signal_emit_by_name (test_gui_find_widget (card, is_button_labelled, "Not Personal Data"),
                         "clicked");
  test_gui_iterate (300);
  g_assert_false (gtk_widget_get_visible (warning));
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  test_gui_iterate (300);
  card = open_falun (window, uuid);
  warning = test_gui_find_widget (card, is_warning_box, NULL);
  g_assert_false (gtk_widget_get_visible (warning));
  {
    const char *argv[] = { g_getenv ("UPP_CLI"), "--db", db, "privacy", "--round", uuid, NULL };
    g_autofree char *out = test_run (argv, NULL);

    g_assert_cmpstr (out, ==, "");
  }

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

  g_test_add_func ("/privacy-window/mark-mask-and-except", test_mark_mask_and_except);

  return g_test_run ();
}

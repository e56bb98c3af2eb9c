/* test-round-dialog.c: the new-round dialog is never thrown away unasked: Esc on an untouched
 * dialog closes it, Esc after a change asks first (keep editing, or discard)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-round-dialog.h"
#include "upp-session.h"


static void
test_escape_asks (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "dialog");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(GError) error = NULL;
  UppRoundDialog *dialog;
  AdwMessageDialog *question;
  gpointer weak;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);

  /* Untouched: Esc closes it at once. */
  dialog = upp_round_dialog_new (NULL, session, NULL);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate (200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  test_gui_iterate (100);
  g_assert_null (weak);

  /* A year typed: Esc asks, and Keep Editing keeps everything. */
  dialog = upp_round_dialog_new (NULL, session, NULL);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate (200);
  {
    GtkWidget *year = test_gui_find_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);

    gtk_editable_set_text (GTK_EDITABLE (year), "2031");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  test_gui_iterate (100);
  question = test_gui_find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (question);
  g_assert_nonnull (weak);
  adw_message_dialog_response (question, "cancel");
  test_gui_iterate (100);
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* Discard closes it, and no round was made. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  test_gui_iterate (100);
  question = test_gui_find_message_dialog (GTK_WINDOW (dialog));
  g_assert_nonnull (question);
  adw_message_dialog_response (question, "discard");
  test_gui_iterate (200);
  g_assert_null (weak);
  {
    g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rounds->len, ==, 0);
  }

  g_clear_object (&session);
  test_close_store (&store, &dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/round-dialog/escape-asks", test_escape_asks);

  return g_test_run ();
}

/* test-round-upgrade-window.c: the round menu offers to upgrade the round's template once a
 * newer version exists; the dialog lists the mapping and the upgrade shows in the window
 * (issue 15)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-question.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-template.h"
#include "upp-window.h"

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The round menu hides the item while its action is disabled; a button for the same action
 * inside the page is sensitive exactly when the action is enabled. */
static GtkWidget *
add_probe (GtkWidget *page)
{
  GtkWidget *probe = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), "round.upgrade-template");
  gtk_widget_set_visible (probe, FALSE);
  gtk_widget_set_parent (probe, page);
  return probe;
}

static gboolean
upgrade_offered (GtkWidget *probe)
{
  test_gui_iterate (50);
  return gtk_widget_get_sensitive (probe);
}

static gboolean
upgrade_offered_cb (gpointer probe)
{
  return gtk_widget_get_sensitive (probe);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
round_upgraded (gpointer round)
{
  return upp_template_get_version (upp_round_get_template (round)) == 2;
}

/* Version 2: question 6 split in two. */
static void
save_version_2 (UppStore *store)
{
  const char *from_other[] = { "other", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) lok = upp_store_load_template (store, UPP_TEMPLATE_BUILTIN_LOK, 1,
                                                        &error);
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppQuestion) region = NULL;
  g_autoptr(UppQuestion) municipality = NULL;

  g_assert_no_error (error);
  template = upp_template_duplicate (lok, NULL, NULL);
  upp_template_set_version (template, 2);
  upp_template_remove_question (template, upp_template_get_n_questions (template) - 1);
  region = upp_question_new ("other_region", "6a", "Till regionen?", "6a",
                             UPP_QUESTION_KIND_TEXT);
  municipality = upp_question_new ("other_municipality", "6b", "Till kommunen?", "6b",
                                   UPP_QUESTION_KIND_TEXT);
  upp_question_set_from (region, from_other);
  upp_question_set_from (municipality, from_other);
  upp_template_add_question (template, region);
  upp_template_add_question (template, municipality);
  g_assert_true (upp_store_save_template (store, template, &error));
  g_assert_no_error (error);
}

static void
test_upgrade_from_round_menu (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  AdwMessageDialog *dialog;
  UppSession *session;
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *probe;
  UppRound *round;
  const char *body;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "window");

    uuid = test_import_dalarna_uuid (store);
    test_set_answer (store, uuid, "Falun", "other", "Tack för samarbetet");
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  session = upp_window_get_session (UPP_WINDOW (window));
  test_gui_iterate (300);
  g_assert_true (gtk_widget_activate_action (window, "win.show-round", "s", uuid));
  page = test_gui_find_widget (window, is_type, GSIZE_TO_POINTER (UPP_TYPE_ROUND_PAGE));
  g_assert_nonnull (page);
  g_assert_true (test_gui_wait_until (is_mapped, page, 5000));
  round = upp_session_find_round (session, uuid);
  probe = add_probe (page);

  /* Nothing newer yet: no such item. */
  g_assert_false (upgrade_offered (probe));

  /* A newer version saved (as the templates page does) brings the item. */
  save_version_2 (upp_session_get_store (session));
  upp_session_note_changes (session, UPP_SESSION_CHANGED_TEMPLATES);
  g_assert_true (test_gui_wait_until (upgrade_offered_cb, probe, 5000));

  g_assert_true (gtk_widget_activate_action (page, "round.upgrade-template", NULL));
  g_assert_true (test_gui_wait_until (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "Every answer given is kept"));
  g_assert_nonnull (strstr (body, "Question 6a ← question 6 (split)"));
  g_assert_nonnull (strstr (body, "Question 6b ← question 6 (split)"));

  adw_message_dialog_response (dialog, "upgrade");
  g_assert_true (test_gui_wait_until (round_upgraded, round, 5000));
  /* The same round object, now with the new version: the views follow it. */
  g_assert_true (upp_session_find_round (session, uuid) == round);
  g_assert_false (test_gui_wait_until (upgrade_offered_cb, probe, 0));
  text = test_dup_answer_text (upp_session_get_store (session), uuid, "Falun", "other_region");
  g_assert_cmpstr (text, ==, "Tack för samarbetet");

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

  g_test_add_func ("/round-upgrade-window/upgrade-from-round-menu",
                   test_upgrade_from_round_menu);
  return g_test_run ();
}

/* test-conflicts-view.c: the conflicts view and the import preview in a real window: a
 * conflict from two laptops is shown side by side and settled with a combined text
 *
 * Run with --demo to keep the window open for a screenshot.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "import/import-dalarna.h"
#include "test-gui-util.h"
#include "test-util.h"
#include "upp-answer.h"
#include "upp-backup.h"
#include "upp-conflict.h"
#include "upp-conflicts-view.h"
#include "upp-exchange-actions.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-theme.h"
#include "upp-toast.h"
#include "upp-unit.h"
#include "upp-window.h"

static void
export_to (UppStore   *store,
           const char *round_uuid,
           const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_exchange_export_file (store, round_uuid, NULL, path, &error));
  g_assert_no_error (error);
}

/* Destroys the window and checks that it and the view are freed (laptops_tear_down checks
 * the session). */
static void
destroy_and_check_freed (GtkWidget *window,
                         GtkWidget *view)
{
  gpointer window_pointer = window;
  gpointer view_pointer = view;

  g_object_add_weak_pointer (G_OBJECT (window), &window_pointer);
  g_object_add_weak_pointer (G_OBJECT (view), &view_pointer);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);
  g_assert_null (window_pointer);
  g_assert_null (view_pointer);
}

/* The view follows the session by itself: a change on another connection shows after the
 * session's next look at the database, without anything being called. */
static void
wait_for_n_conflicts (GtkWidget *view,
                      guint      n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (upp_conflicts_view_get_n_conflicts (UPP_CONFLICTS_VIEW (view)) != n &&
         g_get_monotonic_time () < end)
    test_gui_iterate (20);
  g_assert_cmpuint (upp_conflicts_view_get_n_conflicts (UPP_CONFLICTS_VIEW (view)), ==, n);
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_list_box (GtkWidget     *widget,
             gconstpointer  unused)
{
  return GTK_IS_LIST_BOX (widget);
}

static gboolean
is_editable_text_view (GtkWidget     *widget,
                       gconstpointer  unused)
{
  return GTK_IS_TEXT_VIEW (widget) && gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
}

static gboolean
is_text_view_with (GtkWidget     *widget,
                   gconstpointer  text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *contents = NULL;

  if (!GTK_IS_TEXT_VIEW (widget) || gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)))
    return FALSE;
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  contents = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strcmp0 (contents, text) == 0;
}

static AdwMessageDialog *
find_message_dialog_except (AdwMessageDialog *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          window != (GObject *) except)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return find_message_dialog_except (NULL);
}

/* The work runs on a worker thread: wait for its dialog. */
static AdwMessageDialog *
wait_for_message_dialog (void)
{
  for (guint i = 0; i < 200; i++)
    {
      AdwMessageDialog *dialog = find_message_dialog ();

      if (dialog != NULL)
        return dialog;
      test_gui_iterate (50);
    }
  return NULL;
}

static void
on_resolved_cb (UppConflictsView *view,
                const char       *answer_uuid,
                char            **resolved)
{
  g_free (*resolved);
  *resolved = g_strdup (answer_uuid);
}

static guint
n_session_conflicts (UppSession *session)
{
  return g_list_model_get_n_items (upp_session_get_conflicts (session));
}

/* A window whose toasts show in an overlay around child, as the app's window. */
static GtkWidget *
window_with_toasts (GtkWidget *child)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  upp_toast_set_overlay (GTK_WINDOW (window), ADW_TOAST_OVERLAY (overlay));
  return window;
}

typedef struct
{
  char       *dir;
  UppStore   *a;
  UppStore   *b;
  UppSession *session_a;  /* the window's session on a's database */
  char       *round_uuid;
  char       *from_b;
} Laptops;

static void
laptops_set_up (Laptops *self)
{
  g_autoptr(UppStore) coordinator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *from_a = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;

  self->dir = test_make_temp_dir ();
  coordinator = test_open_store (self->dir, "coordinator");
  self->a = test_open_store (self->dir, "a");
  self->b = test_open_store (self->dir, "b");
  self->round_uuid = test_import_dalarna_uuid (coordinator);
  start = g_build_filename (self->dir, "start.json", NULL);
  from_a = g_build_filename (self->dir, "from-a.json", NULL);
  self->from_b = g_build_filename (self->dir, "from-b.json", NULL);
  export_to (coordinator, self->round_uuid, start);
  summary = upp_exchange_import_file (self->a, start, UPP_EXCHANGE_IMPORT_DEFAULT, &error);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  summary = upp_exchange_import_file (self->b, start, UPP_EXCHANGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  test_set_answer (self->a, self->round_uuid, "Falun", "challenges",
                   "Personalbrist gör att samverkan kring SIP tar tid.");
  test_set_answer (self->b, self->round_uuid, "Falun", "challenges",
                   "Långa väntetider till IBM; socialtjänsten och psykiatrin har olika system.");
  test_set_answer (self->b, self->round_uuid, "Säter", "good_examples",
                   "SIP-mötena fungerar bra.");
  export_to (self->b, self->round_uuid, self->from_b);

  self->session_a = upp_session_new (upp_store_get_path (self->a));
  g_assert_true (upp_session_open (self->session_a, &error));
  g_assert_no_error (error);
}

static void
laptops_tear_down (Laptops *self)
{
  /* A worker may still hold the session for a moment after its callback. */
  g_object_add_weak_pointer (G_OBJECT (self->session_a), (gpointer *) &self->session_a);
  g_object_unref (self->session_a);
  for (guint i = 0; i < 100 && self->session_a != NULL; i++)
    test_gui_iterate (20);
  g_assert_null (self->session_a);
  g_clear_object (&self->a);
  g_clear_object (&self->b);
  test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->round_uuid);
  g_free (self->from_b);
}

static void
test_import_preview_and_resolve (void)
{
  Laptops laptops = { 0 };
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *label;
  GtkWidget *combined;
  AdwMessageDialog *dialog;
  g_autofree char *resolved = NULL;
  g_autofree char *body = NULL;
  g_autofree char *falun = NULL;
  g_autofree char *sater = NULL;

  laptops_set_up (&laptops);

  view = upp_conflicts_view_new ();
  window = window_with_toasts (view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  g_signal_connect (view, "resolved", G_CALLBACK (on_resolved_cb), &resolved);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  /* No conflicts yet: the empty state. */
  g_assert_cmpuint (upp_conflicts_view_get_n_conflicts (UPP_CONFLICTS_VIEW (view)), ==, 0);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "No Conflicts"));

  /* Import with a preview: nothing happens before the user agrees. */
  upp_exchange_actions_preview_and_import (GTK_WINDOW (window), laptops.session_a, laptops.from_b);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "body", &body, NULL);
  g_test_message ("preview: %s", body);
  g_assert_nonnull (strstr (body, "1 answer updated, 1 conflict"));
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 0);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 0);
  sater = test_dup_answer_text (laptops.a, laptops.round_uuid, "Säter", "good_examples");
  g_assert_cmpstr (sater, !=, "SIP-mötena fungerar bra.");
  /* As the Import button does; closing it afterwards answers "cancel", which does nothing. */
  adw_message_dialog_response (dialog, "import");
  gtk_window_close (GTK_WINDOW (dialog));
  dialog = wait_for_message_dialog ();
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 1);
  /* The session's models followed the import before it was reported. */
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 1);
  g_assert_nonnull (dialog);
  g_clear_pointer (&body, g_free);
  g_object_get (dialog, "body", &body, NULL);
  g_assert_nonnull (strstr (body, "1 conflict"));
  gtk_window_close (GTK_WINDOW (dialog));
  test_gui_iterate (100);
  g_assert_null (find_message_dialog ());
  /* And the toast that leads to them. */
  g_assert_nonnull (test_gui_find_widget (window, is_label_containing,
                                 "1 conflict: a value was changed on two computers"));

  /* The view shows both sides, without being told that the import happened. */
  wait_for_n_conflicts (view, 1);
  test_gui_iterate (100);
  label = test_gui_find_widget (view, is_label_containing, "Falun: 4. Utmaningar");
  g_assert_nonnull (label);
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with,
                                          "Personalbrist gör att samverkan kring SIP tar tid."));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with,
                                          "Långa väntetider till IBM; socialtjänsten och "
                                          "psykiatrin har olika system."));
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "this computer"));
  /* The other computer has no name: it goes by the start of its device id. */
  {
    g_autofree char *other = g_strdup_printf ("computer %.8s",
                                              upp_store_get_device_id (laptops.b));

    g_assert_nonnull (test_gui_find_widget (view, is_label_containing, other));
  }

  /* Settle it with an edited combined text. */
  combined = test_gui_find_widget (view, is_editable_text_view, NULL);
  g_assert_nonnull (combined);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (combined)),
                            "Personalbrist och långa väntetider till IBM.", -1);
  g_assert_true (gtk_widget_activate_action (view, "conflict.use-combined", NULL));
  test_gui_iterate (300);
  g_assert_nonnull (resolved);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 0);
  g_assert_cmpuint (upp_conflicts_view_get_n_conflicts (UPP_CONFLICTS_VIEW (view)), ==, 0);
  falun = test_dup_answer_text (laptops.a, laptops.round_uuid, "Falun", "challenges");
  g_assert_cmpstr (falun, ==, "Personalbrist och långa väntetider till IBM.");
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "No Conflicts"));

  destroy_and_check_freed (window, view);
  laptops_tear_down (&laptops);
}

/* The toast that leads to the conflicts outlives the import's message, however long it is
 * read, and goes once the conflicts are settled. */
static void
test_toast_stays (void)
{
  Laptops laptops = { 0 };
  GtkWidget *window;
  GtkWidget *view;
  AdwMessageDialog *dialog;
  const char *toast_text = "1 conflict: a value was changed on two computers";

  laptops_set_up (&laptops);
  view = upp_conflicts_view_new ();
  window = window_with_toasts (view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  upp_exchange_actions_preview_and_import (GTK_WINDOW (window), laptops.session_a, laptops.from_b);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "import");
  gtk_window_close (GTK_WINDOW (dialog));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);

  /* Longer than a toast's usual five seconds, with the message still open. */
  test_gui_iterate (6500);
  g_assert_nonnull (find_message_dialog ());
  g_assert_nonnull (test_gui_find_widget (window, is_label_containing, toast_text));
  gtk_window_close (GTK_WINDOW (dialog));
  test_gui_iterate (500);
  g_assert_nonnull (test_gui_find_widget (window, is_label_containing, toast_text));

  /* Settled: the toast has nothing left to lead to. */
  wait_for_n_conflicts (view, 1);
  test_gui_iterate (100);
  g_assert_true (gtk_widget_activate_action (view, "conflict.keep-mine", NULL));
  wait_for_n_conflicts (view, 0);
  test_gui_iterate (1000);
  g_assert_null (test_gui_find_widget (window, is_label_containing, toast_text));

  destroy_and_check_freed (window, view);
  laptops_tear_down (&laptops);
}

/* A named computer's changes say whose they are. */
static void
test_other_computer_named (void)
{
  Laptops laptops = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppExchangeSummary) summary = NULL;
  GtkWidget *window;
  GtkWidget *view;

  laptops_set_up (&laptops);
  g_assert_true (upp_store_set_device_name (laptops.b, "Annas dator", &error));
  g_assert_no_error (error);
  export_to (laptops.b, laptops.round_uuid, laptops.from_b);
  summary = upp_exchange_import_file (laptops.a, laptops.from_b, UPP_EXCHANGE_IMPORT_NO_BACKUP,
                                      &error);
  g_assert_no_error (error);

  view = upp_conflicts_view_new ();
  window = window_with_toasts (view);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_n_conflicts (view, 1);
  test_gui_iterate (300);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "on “Annas dator”"));
  {
    g_autofree char *by_id = g_strdup_printf ("computer %.8s",
                                              upp_store_get_device_id (laptops.b));

    g_assert_null (test_gui_find_widget (view, is_label_containing, by_id));
  }

  destroy_and_check_freed (window, view);

  /* In the app's window, the conflicts shown the first time ask this computer's name too,
   * once. */
  {
    GtkWidget *app_window = GTK_WIDGET (upp_window_new (NULL, upp_store_get_path (laptops.a)));
    AdwMessageDialog *question;
    g_autofree char *name = NULL;
    g_autofree char *suggested = upp_store_dup_default_device_name ();

    gtk_window_present (GTK_WINDOW (app_window));
    test_gui_iterate (500);
    g_assert_true (gtk_widget_activate_action (app_window, "win.conflicts", NULL));
    question = wait_for_message_dialog ();
    g_assert_nonnull (question);
    g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Name This Computer");
    adw_message_dialog_response (question, "save");
    gtk_window_close (GTK_WINDOW (question));
    test_gui_iterate (200);
    name = upp_store_dup_device_name (laptops.a, NULL, NULL);
    g_assert_cmpstr (name, ==, suggested);
    g_assert_true (gtk_widget_activate_action (app_window, "win.conflicts", NULL));
    test_gui_iterate (300);
    g_assert_null (find_message_dialog ());
    gtk_window_destroy (GTK_WINDOW (app_window));
    test_gui_iterate (200);
  }
  laptops_tear_down (&laptops);
}

static void
test_bad_file_preview (void)
{
  Laptops laptops = { 0 };
  g_autofree char *bad = test_fixture_path ("exchange/truncated.json");
  GtkWidget *window;
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  laptops_set_up (&laptops);
  window = window_with_toasts (gtk_label_new (""));
  gtk_window_present (GTK_WINDOW (window));
  upp_exchange_actions_preview_and_import (GTK_WINDOW (window), laptops.session_a, bad);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "body", &body, NULL);
  g_assert_nonnull (strstr (body, "truncated.json"));
  g_assert_nonnull (strstr (body, "not valid JSON"));
  gtk_window_close (GTK_WINDOW (dialog));
  test_gui_iterate (100);
  g_assert_null (find_message_dialog ());
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  laptops_tear_down (&laptops);
}

static void
set_choice (UppStore   *store,
            const char *round_uuid,
            const char *unit_name,
            const char *question_key,
            const char *choice,
            const char *text)
{
  const char *choices[] = { choice, NULL };

  test_set_answer_choices (store, round_uuid, unit_name, question_key, text, choices);
}

/* A coded answer in conflict shows its codes by their labels; keeping theirs keeps their code. */
static void
test_coded_conflict (void)
{
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from_b = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) gagnef = NULL;
  GtkWidget *window;
  GtkWidget *view;
  UppAnswer *answer;

  laptops_set_up (&laptops);
  set_choice (laptops.a, laptops.round_uuid, "Gagnef", "agreement", "signed", "Klar i mars.");
  set_choice (laptops.b, laptops.round_uuid, "Gagnef", "agreement", "in_progress",
              "Arbete pågår.");
  from_b = g_build_filename (laptops.dir, "from-b-codes.json", NULL);
  export_to (laptops.b, laptops.round_uuid, from_b);
  summary = upp_exchange_import_file (laptops.a, from_b, UPP_EXCHANGE_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->conflicts, ==, 2);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  view = upp_conflicts_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  /* The import above was made on another connection: the session notices by itself. */
  wait_for_n_conflicts (view, 2);

  /* The list shows both; pick the coded one (the second, after Falun's). */
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "Gagnef · 1. LÖK-status"));
  {
    GtkWidget *list = test_gui_find_widget (view, is_list_box, NULL);
    gtk_list_box_select_row (GTK_LIST_BOX (list),
                             gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  }
  test_gui_iterate (200);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing,
                                          "codes: Klar och undertecknad"));
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "codes: Arbete pågår"));

  g_assert_true (gtk_widget_activate_action (view, "conflict.keep-theirs", NULL));
  test_gui_iterate (200);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 1);
  round = upp_store_load_round (laptops.a, laptops.round_uuid, NULL);
  gagnef = upp_store_find_response (laptops.a, round, "Gagnef", NULL);
  answer = upp_response_get_answer (gagnef, "agreement");
  g_assert_cmpstr (upp_answer_get_choice (answer), ==, "in_progress");
  g_assert_cmpstr (upp_answer_get_text (answer), ==, "Arbete pågår.");

  destroy_and_check_freed (window, view);
  laptops_tear_down (&laptops);
}

/* The view with one conflict, for a screenshot: UPP_DEMO_SECONDS=6 test-conflicts-view. */
static void
show_demo (int seconds)
{
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) summary = NULL;
  GtkWidget *window;
  GtkWidget *view;

  laptops_set_up (&laptops);
  if (g_strcmp0 (g_getenv ("UPP_DEMO_DIALOG"), "import") != 0)
    summary = upp_exchange_import_file (laptops.a, laptops.from_b, UPP_EXCHANGE_IMPORT_DEFAULT,
                                        NULL);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  view = upp_conflicts_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  /* UPP_DEMO_DIALOG=restore or import shows that dialog over the view. */
  if (g_strcmp0 (g_getenv ("UPP_DEMO_DIALOG"), "restore") == 0)
    upp_exchange_actions_restore_backup (GTK_WINDOW (window), laptops.session_a);
  else if (g_strcmp0 (g_getenv ("UPP_DEMO_DIALOG"), "import") == 0)
    upp_exchange_actions_preview_and_import (GTK_WINDOW (window), laptops.session_a, laptops.from_b);
  test_gui_iterate (seconds * 1000);
  gtk_window_destroy (GTK_WINDOW (window));
  laptops_tear_down (&laptops);
}

static void
on_store_changed_cb (UppSession *session,
                     GParamSpec *pspec,
                     guint      *n_changes)
{
  (*n_changes)++;
}

/* Chooses the newest backup in the restore dialog and waits until the session has opened
 * the restored file. */
static void
restore_newest_backup (GtkWidget  *window,
                       UppSession *session,
                       guint       n_backups)
{
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  guint n_changes = 0;
  gulong handler;

  handler = g_signal_connect (session, "notify::store", G_CALLBACK (on_store_changed_cb),
                              &n_changes);
  upp_exchange_actions_restore_backup (GTK_WINDOW (window), session);
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  drop_down = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (drop_down));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down))),
                    ==, n_backups);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), 0);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_close (GTK_WINDOW (dialog));
  for (guint i = 0; i < 200 && n_changes == 0; i++)
    test_gui_iterate (50);
  g_signal_handler_disconnect (session, handler);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_null (find_message_dialog ());
}

static void
test_restore_backup (void)
{
  Laptops laptops = { 0 };
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *restored_sater = NULL;
  UppStore *before;
  UppStore *restored;
  GtkWidget *window;
  AdwMessageDialog *dialog;

  laptops_set_up (&laptops);
  window = window_with_toasts (gtk_label_new (""));
  gtk_window_present (GTK_WINDOW (window));

  /* An import makes a backup of the state before it. */
  upp_exchange_actions_preview_and_import (GTK_WINDOW (window), laptops.session_a, laptops.from_b);
  dialog = wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "import");
  gtk_window_close (GTK_WINDOW (dialog));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  test_gui_iterate (100);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 1);
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 1);

  /* Before the first import (of the coordinator's file) and before this one, newest first. */
  before = upp_session_get_store (laptops.session_a);
  restore_newest_backup (window, laptops.session_a, 2);

  /* The session on the restored file: the state before the import, no conflict. */
  restored = upp_session_get_store (laptops.session_a);
  g_assert_nonnull (restored);
  g_assert_true (restored != before);
  g_assert_cmpuint (upp_store_count_conflicts (restored), ==, 0);
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 0);
  restored_sater = test_dup_answer_text (restored, laptops.round_uuid, "Säter",
                                         "good_examples");
  g_assert_cmpstr (restored_sater, !=, "SIP-mötena fungerar bra.");
  g_assert_true (g_str_has_prefix (restored_sater, "Psykolog från primärvården"));
  backups = upp_store_list_backups (upp_store_get_path (restored), NULL);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpstr (upp_backup_get_reason (g_ptr_array_index (backups, 0)), ==,
                   UPP_BACKUP_BEFORE_RESTORE);

  gtk_window_destroy (GTK_WINDOW (window));
  laptops_tear_down (&laptops);
}

/* A database that cannot be opened (damaged) still offers its backups, and restoring one
 * opens the session on it. */
static void
test_restore_damaged (void)
{
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *falun = NULL;
  GtkWidget *window;

  laptops_set_up (&laptops);
  summary = upp_exchange_import_file (laptops.a, laptops.from_b, UPP_EXCHANGE_IMPORT_DEFAULT,
                                      &error);
  g_assert_no_error (error);
  path = g_strdup (upp_store_get_path (laptops.a));
  g_clear_object (&laptops.a);

  /* The file is damaged while no one has it open. */
  g_clear_object (&laptops.session_a);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_set_contents (path, "not a database, not at all", -1, &error));
  laptops.session_a = upp_session_new (path);
  g_assert_false (upp_session_open (laptops.session_a, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (upp_session_get_store (laptops.session_a));

  window = window_with_toasts (gtk_label_new (""));
  gtk_window_present (GTK_WINDOW (window));
  restore_newest_backup (window, laptops.session_a, 2);

  g_assert_nonnull (upp_session_get_store (laptops.session_a));
  g_assert_cmpuint (g_list_model_get_n_items (upp_session_get_rounds (laptops.session_a)), ==, 1);
  /* The backup made before b's file came in: a's own answer, no conflict. */
  g_assert_cmpuint (n_session_conflicts (laptops.session_a), ==, 0);
  falun = test_dup_answer_text (upp_session_get_store (laptops.session_a), laptops.round_uuid,
                                "Falun", "challenges");
  g_assert_cmpstr (falun, ==, "Personalbrist gör att samverkan kring SIP tar tid.");

  gtk_window_destroy (GTK_WINDOW (window));
  laptops_tear_down (&laptops);
}

static void
select_conflict_of_kind (GtkWidget       *view,
                         UppStore        *store,
                         UppConflictKind  kind)
{
  g_autoptr(GPtrArray) conflicts = upp_store_list_conflicts (store, NULL, NULL);
  GtkListBox *list = GTK_LIST_BOX (test_gui_find_widget (view, is_list_box, NULL));

  for (guint i = 0; i < conflicts->len; i++)
    {
      if (upp_conflict_get_kind (g_ptr_array_index (conflicts, i)) == kind)
        {
          gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, i));
          test_gui_iterate (200);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
rename_unit (UppStore   *store,
             const char *round_uuid,
             const char *unit_name,
             const char *new_name)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);
  g_autoptr(GError) error = NULL;

  upp_unit_set_name (upp_response_get_unit (response), new_name);
  g_assert_true (upp_store_save_unit (store, upp_response_get_unit (response), &error));
  g_assert_no_error (error);
}

static void
set_status (UppStore          *store,
            const char        *round_uuid,
            const char        *unit_name,
            UppResponseStatus  status)
{
  g_autoptr(UppRound) round = test_load_round (store, round_uuid);
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);
  g_autoptr(GError) error = NULL;

  upp_response_set_status (response, status);
  g_assert_true (upp_store_save_response_details (store, response, &error));
  g_assert_no_error (error);
  g_usleep (2000);
}

/* A unit renamed on both laptops and a status changed on both are shown in words, and
 * settled from the view: a name can be written, a status only chosen. */
static void
test_name_and_detail_conflicts (void)
{
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) leksand = NULL;
  GtkWidget *window;
  GtkWidget *view;
  GtkWidget *combined;

  laptops_set_up (&laptops);
  rename_unit (laptops.a, laptops.round_uuid, "Borlänge", "Borlänge kommun");
  rename_unit (laptops.b, laptops.round_uuid, "Borlänge", "Borlänge stad");
  set_status (laptops.a, laptops.round_uuid, "Leksand", UPP_RESPONSE_STATUS_BOOKED);
  set_status (laptops.b, laptops.round_uuid, "Leksand", UPP_RESPONSE_STATUS_NO_ANSWER);
  export_to (laptops.b, laptops.round_uuid, laptops.from_b);
  summary = upp_exchange_import_file (laptops.a, laptops.from_b, UPP_EXCHANGE_IMPORT_NO_BACKUP,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->conflicts, ==, 3);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  view = upp_conflicts_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_n_conflicts (view, 3);

  /* The name: both shown, and a third one written. */
  select_conflict_of_kind (view, laptops.a, UPP_CONFLICT_KIND_UNIT_NAME);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing,
                                          "Borlänge kommun: Unit name"));
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "renamed on this computer"));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with, "Borlänge kommun"));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with, "Borlänge stad"));
  combined = test_gui_find_widget (view, is_editable_text_view, NULL);
  g_assert_true (gtk_widget_get_mapped (combined));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (combined)),
                            "Borlänge (kommun och stad)", -1);
  g_assert_true (gtk_widget_activate_action (view, "conflict.use-combined", NULL));
  test_gui_iterate (300);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 2);
  round = test_load_round (laptops.a, laptops.round_uuid);
  {
    g_autoptr(UppResponse) borlange = test_find_response (laptops.a, round,
                                                          "Borlänge (kommun och stad)");
    g_assert_nonnull (borlange);
  }

  /* The status: labels, not keys, and no written value. */
  select_conflict_of_kind (view, laptops.a, UPP_CONFLICT_KIND_DETAIL);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "Leksand: Status"));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with, "Interview booked"));
  g_assert_false (gtk_widget_get_mapped (test_gui_find_widget (view, is_editable_text_view, NULL)));
  g_assert_true (gtk_widget_activate_action (view, "conflict.keep-theirs", NULL));
  test_gui_iterate (300);
  g_assert_cmpuint (upp_store_count_conflicts (laptops.a), ==, 1);
  leksand = test_find_response (laptops.a, round, "Leksand");
  g_assert_cmpint (upp_response_get_status (leksand), ==, UPP_RESPONSE_STATUS_NO_ANSWER);

  destroy_and_check_freed (window, view);
  laptops_tear_down (&laptops);
}

/* A theme renamed on both laptops is shown in words and settled by choosing a side. */
static void
test_theme_name_conflict (void)
{
  Laptops laptops = { 0 };
  g_autoptr(UppExchangeSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTheme) on_a = NULL;
  g_autoptr(UppTheme) on_b = NULL;
  g_autoptr(UppTheme) settled = NULL;
  g_autofree char *from_a = NULL;
  GtkWidget *window;
  GtkWidget *view;

  laptops_set_up (&laptops);
  on_a = upp_store_add_theme (laptops.a, "20", "Samverkan", UPP_THEME_KIND_PROMOTING, &error);
  g_assert_no_error (error);
  from_a = g_build_filename (laptops.dir, "from-a-theme.json", NULL);
  export_to (laptops.a, laptops.round_uuid, from_a);
  summary = upp_exchange_import_file (laptops.b, from_a, UPP_EXCHANGE_IMPORT_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_clear_pointer (&summary, upp_exchange_summary_free);
  on_b = upp_store_find_theme (laptops.b, "20", "Samverkan", &error);
  g_assert_no_error (error);
  g_usleep (2000);
  g_assert_true (upp_store_rename_theme (laptops.a, on_a, "Samarbete", &error));
  g_assert_true (upp_store_rename_theme (laptops.b, on_b, "Samverkan i länet", &error));
  g_assert_no_error (error);
  export_to (laptops.b, laptops.round_uuid, laptops.from_b);
  summary = upp_exchange_import_file (laptops.a, laptops.from_b, UPP_EXCHANGE_IMPORT_NO_BACKUP,
                                      &error);
  g_assert_no_error (error);

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  view = upp_conflicts_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  upp_conflicts_view_set_session (UPP_CONFLICTS_VIEW (view), laptops.session_a);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_n_conflicts (view, upp_store_count_conflicts (laptops.a));

  select_conflict_of_kind (view, laptops.a, UPP_CONFLICT_KIND_THEME_NAME);
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing, "Samarbete: Theme name"));
  g_assert_nonnull (test_gui_find_widget (view, is_label_containing,
                                          "theme of the codebook was renamed"));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with, "Samarbete"));
  g_assert_nonnull (test_gui_find_widget (view, is_text_view_with, "Samverkan i länet"));
  g_assert_true (gtk_widget_activate_action (view, "conflict.keep-theirs", NULL));
  test_gui_iterate (300);
  settled = upp_store_find_theme (laptops.a, "20", "Samverkan i länet", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_theme_get_uuid (settled), ==, upp_theme_get_uuid (on_a));

  destroy_and_check_freed (window, view);
  laptops_tear_down (&laptops);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* For screenshots in Swedish from the build folder (the assertions expect English). */
  if (g_getenv ("UPP_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("UPP_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (g_getenv ("UPP_DEMO_SECONDS") != NULL)
    {
      setlocale (LC_ALL, "");
      show_demo (atoi (g_getenv ("UPP_DEMO_SECONDS")));
      return 0;
    }

  g_test_add_func ("/conflicts-view/import-preview-and-resolve", test_import_preview_and_resolve);
  g_test_add_func ("/conflicts-view/toast-stays", test_toast_stays);
  g_test_add_func ("/conflicts-view/other-computer-named", test_other_computer_named);
  g_test_add_func ("/conflicts-view/bad-file-preview", test_bad_file_preview);
  g_test_add_func ("/conflicts-view/restore-backup", test_restore_backup);
  g_test_add_func ("/conflicts-view/restore-damaged", test_restore_damaged);
  g_test_add_func ("/conflicts-view/coded-conflict", test_coded_conflict);
  g_test_add_func ("/conflicts-view/name-and-detail", test_name_and_detail_conflicts);
  g_test_add_func ("/conflicts-view/theme-name", test_theme_name_conflict);

  return g_test_run ();
}

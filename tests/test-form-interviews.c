/* test-form-interviews.c: interviews as they happen and the agreements register, in the form
 *
 * Issue 14 in the window: the first interview's length and the respondent check typed beside
 * the other details, a further interview added and filled in, an agreement added through its
 * dialog (a bad date refused there with the store's reason, Esc asking before throwing edits
 * away); all of it in the database, read through another connection as the CLI would. The
 * agreement is the unit's: the next round's form of the same unit shows it, and one added
 * beside the window (the CLI) shows up by itself.
 *
 * UPP_FORM_DUMP_DIR=/tmp/x keeps screenshots of the form and the dialog to look at.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-agreement-dialog.h"
#include "upp-agreement.h"
#include "upp-date-row.h"
#include "upp-interview-row.h"
#include "upp-interview.h"
#include "upp-response-form.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-toast.h"
#include "upp-unit.h"

#define UNIT "Falun"

typedef struct
{
  char       *dir;
  UppStore   *store;     /* another connection than the session's, as the CLI beside it */
  UppRound   *round;     /* 2024 */
  UppRound   *next;      /* 2025, duplicated from it */
  UppSession *session;
  GtkWidget  *window;
  GtkWidget  *form;
} Fixture;

static guint
position_of (Fixture  *fixture,
             UppRound *round,
             const char *unit)
{
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session, round);

  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

      if (g_str_equal (upp_response_get_unit_name (response), unit))
        return i;
    }
  g_assert_not_reached ();
}

static void
show_round (Fixture  *fixture,
            UppRound *round)
{
  UppRound *session_round = upp_session_find_round (fixture->session, upp_round_get_uuid (round));

  g_assert_nonnull (session_round);
  upp_response_form_set_round (UPP_RESPONSE_FORM (fixture->form), session_round);
  upp_response_form_set_position (UPP_RESPONSE_FORM (fixture->form),
                                  position_of (fixture, session_round, UNIT));
  test_gui_iterate (200);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "interviews");
  fixture->round = test_import_dalarna_round (fixture->store, 2024);
  fixture->next = upp_store_duplicate_round (fixture->store, fixture->round, 2025, &error);
  g_assert_no_error (error);

  fixture->session = upp_session_new (upp_store_get_path (fixture->store));
  g_assert_true (upp_session_open (fixture->session, &error));
  g_assert_no_error (error);

  fixture->form = g_object_new (UPP_TYPE_RESPONSE_FORM, "session", fixture->session, NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 760);
  /* Toasts with their Undo, as in the app's window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->form);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  upp_toast_set_overlay (GTK_WINDOW (fixture->window), ADW_TOAST_OVERLAY (overlay));
  gtk_window_present (GTK_WINDOW (fixture->window));
  show_round (fixture, fixture->round);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer session = fixture->session;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  test_gui_iterate (100);
  g_object_add_weak_pointer (G_OBJECT (fixture->session), &session);
  g_object_unref (fixture->session);
  for (guint i = 0; i < 100 && session != NULL; i++)
    test_gui_iterate (20);
  g_assert_null (session);
  g_clear_object (&fixture->round);
  g_clear_object (&fixture->next);
  test_close_store (&fixture->store, &fixture->dir);
}

static void
dump (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("UPP_FORM_DUMP_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  if (dir == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* ---- finding widgets ------------------------------------------------------------------ */

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = test_gui_find_widget (root, is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  return test_gui_find_widget (root, is_of_type, GSIZE_TO_POINTER (type));
}

/* Types text into a spin button as a user does: the text, then the value it says. */
static void
type_into_spin (GtkWidget  *row,
                const char *text)
{
  GtkWidget *spin = find_of_type (row, GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_row (root, title)), text);
}

static GtkWidget *
find_dialog (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* ---- the database, as the CLI reads it -------------------------------------------------- */

static UppResponse *
stored_response (Fixture  *fixture,
                 UppRound *round)
{
  g_autoptr(GError) error = NULL;
  UppResponse *response = upp_store_find_response (fixture->store, round, UNIT, &error);

  g_assert_no_error (error);
  return response;
}

static GPtrArray *
stored_agreements (Fixture *fixture)
{
  g_autoptr(UppResponse) response = stored_response (fixture, fixture->round);
  g_autoptr(GError) error = NULL;
  GPtrArray *agreements = upp_store_list_agreements (fixture->store, NULL,
                                                     upp_response_get_unit (response), &error);

  g_assert_no_error (error);
  return agreements;
}

static GPtrArray *
stored_interviews (Fixture *fixture)
{
  g_autoptr(UppResponse) response = stored_response (fixture, fixture->round);
  g_autoptr(GError) error = NULL;
  GPtrArray *interviews = upp_store_list_interviews (fixture->store, fixture->round, response,
                                                     &error);

  g_assert_no_error (error);
  return interviews;
}

typedef struct
{
  Fixture    *fixture;
  guint       n;
  const char *note;  /* of the first */
} Stored;

static gboolean
interviews_stored (gpointer data)
{
  Stored *expected = data;
  g_autoptr(GPtrArray) interviews = stored_interviews (expected->fixture);

  return interviews->len == expected->n &&
         (expected->n == 0 ||
          g_strcmp0 (upp_interview_get_note (interviews->pdata[0]), expected->note) == 0);
}

/* Waits for the form to save by itself, as it does while the officer types (within a
 * second; longer only on a loaded machine). */
static void
wait_for_interviews (Fixture    *fixture,
                     guint       n,
                     const char *note)
{
  Stored expected = { fixture, n, note };

  g_assert_true (test_gui_wait_until (interviews_stored, &expected, 5000));
}

static gboolean
agreement_listed (GtkWidget  *form,
                  const char *name,
                  const char *subtitle)
{
  GtkWidget *row = test_gui_find_widget (form, is_row_titled, name);

  return row != NULL && ADW_IS_ACTION_ROW (row) &&
         (subtitle == NULL ||
          g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) == 0);
}

typedef struct
{
  GtkWidget  *form;
  const char *name;
  const char *subtitle;  /* or NULL: any */
} Listed;

static gboolean
is_listed (gpointer data)
{
  Listed *listed = data;

  return agreement_listed (listed->form, listed->name, listed->subtitle);
}

/* The session reads the register again soon after a change, not at once. */
static void
wait_for_listed (GtkWidget  *form,
                 const char *name,
                 const char *subtitle)
{
  Listed listed = { form, name, subtitle };

  g_assert_true (test_gui_wait_until (is_listed, &listed, 5000));
}

static gboolean
no_agreement_dialog (gpointer unused)
{
  return find_dialog (UPP_TYPE_AGREEMENT_DIALOG) == NULL;
}

static gboolean
is_not_listed (gpointer data)
{
  return !is_listed (data);
}

/* The form fits a small laptop's 800 px window, with whatever it shows now. */
static void
assert_fits_small_window (GtkWidget *form)
{
  int minimum = 0;

  gtk_widget_measure (form, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("The form needs %d px", minimum);
  g_assert_cmpint (minimum, <=, 800);
}

/* ---- the tests ------------------------------------------------------------------------ */

static void
test_details_and_interviews (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *form = fixture->form;
  GtkWidget *row;
  GtkWidget *undo;
  g_autoptr(UppResponse) stored = NULL;
  g_autoptr(GPtrArray) interviews = NULL;

  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (form, "Status")),
                              UPP_RESPONSE_STATUS_DONE);
  type_into_spin (find_row (form, "Length (minutes)"), "95");
  type_into (form, "Summary sent (YYYY-MM-DD)", "2024-03-20");
  /* Half typed: not a date yet and not saved as one, but not marked while it is typed; a
   * whole date that is none is. */
  type_into (form, "Approved (YYYY-MM-DD)", "2024-03-2");
  g_assert_false (gtk_widget_has_css_class (find_row (form, "Approved (YYYY-MM-DD)"), "error"));
  type_into (form, "Approved (YYYY-MM-DD)", "2024-13-27");
  g_assert_true (gtk_widget_has_css_class (find_row (form, "Approved (YYYY-MM-DD)"), "error"));
  type_into (form, "Approved (YYYY-MM-DD)", "2024-03-27");
  g_assert_false (gtk_widget_has_css_class (find_row (form, "Approved (YYYY-MM-DD)"), "error"));
  /* Approved by the unit: the done interview is now "Approved by respondent". */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_row (form, "Status"))), ==,
                    UPP_RESPONSE_STATUS_APPROVED);

  gtk_widget_activate_action (form, "form.add-interview", NULL);
  test_gui_iterate (300);
  row = find_of_type (form, UPP_TYPE_INTERVIEW_ROW);
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  /* The new interview has the cursor, in its date. */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)),
                                         find_row (row, "Date (YYYY-MM-DD)")));
  type_into (row, "Date (YYYY-MM-DD)", "2024-04-15");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (row, "Mode")), UPP_INTERVIEW_MODE_VIDEO);
  type_into_spin (find_row (row, "Length (minutes)"), "40");
  type_into_spin (find_row (row, "Participants"), "2");
  type_into (row, "Participants’ roles", "Socialchef, MAS");
  type_into (row, "Note", "Uppföljning av SIP");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Interview on 2024-04-15");
  test_gui_iterate (100);
  dump (fixture->form, "form-interviews.png");
  assert_fits_small_window (form);

  /* Saved as it is typed, without leaving the form; the details were queued first. */
  wait_for_interviews (fixture, 1, "Uppföljning av SIP");
  stored = stored_response (fixture, fixture->round);
  g_assert_cmpint (upp_response_get_duration_minutes (stored), ==, 95);
  g_assert_cmpstr (upp_response_get_check_sent (stored), ==, "2024-03-20");
  g_assert_cmpstr (upp_response_get_check_approved (stored), ==, "2024-03-27");
  g_assert_cmpint (upp_response_get_status (stored), ==, UPP_RESPONSE_STATUS_APPROVED);
  interviews = stored_interviews (fixture);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_date (interviews->pdata[0]), ==, "2024-04-15");
  g_assert_cmpint (upp_interview_get_mode (interviews->pdata[0]), ==, UPP_INTERVIEW_MODE_VIDEO);
  g_assert_cmpint (upp_interview_get_duration_minutes (interviews->pdata[0]), ==, 40);
  g_assert_cmpint (upp_interview_get_participant_count (interviews->pdata[0]), ==, 2);
  g_assert_cmpstr (upp_interview_get_participant_roles (interviews->pdata[0]), ==,
                   "Socialchef, MAS");
  g_assert_cmpstr (upp_interview_get_note (interviews->pdata[0]), ==, "Uppföljning av SIP");

  /* Typing on is one interview still, and the row stays the same widget while the model
   * follows the saves. */
  type_into (row, "Note", "Uppföljning av SIP och IBM");
  wait_for_interviews (fixture, 1, "Uppföljning av SIP och IBM");
  test_gui_iterate (200);
  g_assert_true (find_of_type (form, UPP_TYPE_INTERVIEW_ROW) == row);
  g_clear_pointer (&interviews, g_ptr_array_unref);
  interviews = stored_interviews (fixture);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_note (interviews->pdata[0]), ==,
                   "Uppföljning av SIP och IBM");

  /* Shown again when the form comes back to the unit. */
  show_round (fixture, fixture->next);
  g_assert_null (find_of_type (form, UPP_TYPE_INTERVIEW_ROW));
  show_round (fixture, fixture->round);
  row = find_of_type (form, UPP_TYPE_INTERVIEW_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (row, "Note"))), ==,
                   "Uppföljning av SIP och IBM");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (
                     find_of_type (find_row (form, "Length (minutes)"), GTK_TYPE_SPIN_BUTTON))),
                   ==, 95);

  /* Removed: gone from the database, at once. */
  g_signal_emit_by_name (row, "remove");
  test_gui_iterate (200);
  g_assert_null (find_of_type (form, UPP_TYPE_INTERVIEW_ROW));
  g_clear_pointer (&interviews, g_ptr_array_unref);
  interviews = stored_interviews (fixture);
  g_assert_cmpuint (interviews->len, ==, 0);

  /* Undo brings it back, all of it, as a new interview (the removed one stays removed for
   * an exchange). */
  undo = test_gui_find_widget (fixture->window, is_undo_button, NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_interviews (fixture, 1, "Uppföljning av SIP och IBM");
  row = find_of_type (form, UPP_TYPE_INTERVIEW_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (row, "Note"))), ==,
                   "Uppföljning av SIP och IBM");
  g_clear_pointer (&interviews, g_ptr_array_unref);
  interviews = stored_interviews (fixture);
  g_assert_cmpuint (interviews->len, ==, 1);
  g_assert_cmpstr (upp_interview_get_note (interviews->pdata[0]), ==,
                   "Uppföljning av SIP och IBM");
  g_assert_cmpstr (upp_interview_get_date (interviews->pdata[0]), ==, "2024-04-15");
  g_assert_cmpint (upp_interview_get_duration_minutes (interviews->pdata[0]), ==, 40);
}

static void
test_agreements (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *form = fixture->form;
  GtkWidget *dialog;
  GtkWidget *reason;
  g_autoptr(GPtrArray) agreements = NULL;
  g_autoptr(UppAgreement) beside = NULL;
  g_autoptr(UppResponse) next_falun = NULL;
  g_autoptr(GError) error = NULL;
  Listed listed = { form, "RÖK psykisk hälsa", NULL };
  gsize before_length, after_length;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  gtk_widget_activate_action (form, "form.add-agreement", NULL);
  test_gui_iterate (200);
  dialog = find_dialog (UPP_TYPE_AGREEMENT_DIALOG);
  g_assert_nonnull (dialog);
  type_into (dialog, "Name", "LÖK Falun");
  type_into (dialog, "Signed", "2021-11-30");
  type_into (dialog, "Valid from", "2022-01-01");
  /* A period that ends before it begins: refused in the dialog, with the store's words. */
  type_into (dialog, "Valid to", "2021-12-31");
  test_gui_iterate (100);
  dump (dialog, "agreement-dialog.png");
  before = test_dup_database_bytes (fixture->store, &before_length);
  gtk_widget_activate_action (dialog, "agreement.save", NULL);
  test_gui_iterate (100);
  g_assert_true (find_dialog (UPP_TYPE_AGREEMENT_DIALOG) == dialog);
  reason = test_gui_find_widget (dialog, is_error_label, NULL);
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (reason)), ==,
                   "The agreement’s period ends (2021-12-31) before it begins (2022-01-01).");
  after = test_dup_database_bytes (fixture->store, &after_length);
  g_assert_cmpmem (before, before_length, after, after_length);

  type_into (dialog, "Valid to", "2025-12-31");
  gtk_widget_activate_action (dialog, "agreement.save", NULL);
  test_gui_iterate (300);
  g_assert_null (find_dialog (UPP_TYPE_AGREEMENT_DIALOG));
  agreements = stored_agreements (fixture);
  g_assert_cmpuint (agreements->len, ==, 1);
  g_assert_cmpstr (upp_agreement_get_name (agreements->pdata[0]), ==, "LÖK Falun");
  g_assert_cmpint (upp_agreement_get_kind (agreements->pdata[0]), ==, UPP_AGREEMENT_KIND_LOK);
  g_assert_cmpstr (upp_agreement_get_signed (agreements->pdata[0]), ==, "2021-11-30");
  g_assert_cmpstr (upp_agreement_get_valid_to (agreements->pdata[0]), ==, "2025-12-31");
  wait_for_listed (form, "LÖK Falun", "LÖK · In force · 2022-01-01 – 2025-12-31");
  assert_fits_small_window (form);

  /* Esc with an edit asks first, and keeps the dialog; discarding changes nothing. */
  gtk_widget_activate_action (form, "form.add-agreement", NULL);
  test_gui_iterate (200);
  dialog = find_dialog (UPP_TYPE_AGREEMENT_DIALOG);
  type_into (dialog, "Name", "Halvskriven");
  gtk_widget_activate_action (dialog, "agreement.cancel", NULL);
  test_gui_iterate (200);
  g_assert_true (find_dialog (UPP_TYPE_AGREEMENT_DIALOG) == dialog);
  g_assert_nonnull (find_dialog (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (find_dialog (ADW_TYPE_MESSAGE_DIALOG)),
                               "discard");
  g_assert_true (test_gui_wait_until (no_agreement_dialog, NULL, 3000));
  g_clear_pointer (&agreements, g_ptr_array_unref);
  agreements = stored_agreements (fixture);
  g_assert_cmpuint (agreements->len, ==, 1);

  /* The unit's agreement is in the next round's form too. */
  show_round (fixture, fixture->next);
  g_assert_true (agreement_listed (form, "LÖK Falun",
                                   "LÖK · In force · 2022-01-01 – 2025-12-31"));

  /* One added beside the window (the CLI) shows up by itself. */
  next_falun = stored_response (fixture, fixture->next);
  beside = upp_agreement_new ("RÖK psykisk hälsa", UPP_AGREEMENT_KIND_ROK);
  g_assert_true (upp_store_save_agreement (fixture->store, upp_response_get_unit (next_falun),
                                           beside, &error));
  g_assert_no_error (error);
  g_assert_true (test_gui_wait_until (is_listed, &listed, 5000));

  /* Edited from its row: the same dialog, filled in. */
  g_signal_emit_by_name (gtk_widget_get_parent (find_row (form, "RÖK psykisk hälsa")),
                         "row-activated", find_row (form, "RÖK psykisk hälsa"));
  test_gui_iterate (200);
  dialog = find_dialog (UPP_TYPE_AGREEMENT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (dialog, "Name"))), ==,
                   "RÖK psykisk hälsa");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_row (dialog, "Status")),
                              UPP_AGREEMENT_STATUS_IN_PREPARATION);
  gtk_widget_activate_action (dialog, "agreement.save", NULL);
  wait_for_listed (form, "RÖK psykisk hälsa", "RÖK · In preparation");
  g_clear_pointer (&agreements, g_ptr_array_unref);
  agreements = stored_agreements (fixture);
  g_assert_cmpuint (agreements->len, ==, 2);

  /* Removed from its row, from every round; Undo brings it back. */
  g_signal_emit_by_name (find_of_type (find_row (form, "RÖK psykisk hälsa"), GTK_TYPE_BUTTON),
                         "clicked");
  g_assert_true (test_gui_wait_until (is_not_listed, &listed, 5000));
  g_clear_pointer (&agreements, g_ptr_array_unref);
  agreements = stored_agreements (fixture);
  g_assert_cmpuint (agreements->len, ==, 1);
  g_signal_emit_by_name (test_gui_find_widget (fixture->window, is_undo_button, NULL),
                         "clicked");
  wait_for_listed (form, "RÖK psykisk hälsa", "RÖK · In preparation");
  g_clear_pointer (&agreements, g_ptr_array_unref);
  agreements = stored_agreements (fixture);
  g_assert_cmpuint (agreements->len, ==, 2);
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static void
expand_all (GtkWidget *widget)
{
  if (GTK_IS_EXPANDER (widget) && gtk_widget_get_visible (widget))
    gtk_expander_set_expanded (GTK_EXPANDER (widget), TRUE);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    expand_all (child);
}

/* A round asked with a newer template version, where question 2 is reworded under a new key:
 * beside it the form shows last year's answer to question 2 (issue 15). */
static void
test_previous_answer_mapped (Fixture       *fixture,
                             gconstpointer  unused)
{
  static const char *strategic[] = { "strategic", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) lok = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  g_autoptr(GString) json = NULL;
  g_autofree char *lok_json = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  GtkWidget *label;
  GtkWidget *expander;

  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->next), UNIT, "structure",
                           "Styrgrupp varje kvartal", strategic);

  lok = upp_store_load_template (fixture->store, "lok", 0, &error);
  g_assert_no_error (error);
  lok_json = upp_template_to_json (lok);
  json = g_string_new (lok_json);
  g_assert_cmpuint (g_string_replace (json, "\"key\" : \"structure\"",
                                      "\"key\" : \"collaboration\", \"from\" : [\"structure\"]",
                                      0), ==, 1);
  template = upp_template_new_from_json (json->str, -1, &error);
  g_assert_no_error (error);
  upp_template_set_uuid (template, uuid);
  upp_template_set_version (template, 2);
  g_assert_true (upp_store_save_template (fixture->store, template, &error));
  g_assert_no_error (error);

  responses = upp_store_list_responses (fixture->store, fixture->next, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    g_ptr_array_add (units, upp_response_get_unit (g_ptr_array_index (responses, i)));
  round = upp_round_new (2026, upp_round_get_region (fixture->next), "LÖK 2026", template);
  g_assert_true (upp_store_create_round (fixture->store, round, units, &error));
  g_assert_no_error (error);
  upp_session_check_for_changes (fixture->session);
  test_gui_iterate (200);

  show_round (fixture, round);
  /* A collapsed expander keeps its child out of the widget tree. */
  expand_all (fixture->form);
  label = test_gui_find_widget (fixture->form, is_label_with, "Styrgrupp varje kvartal");
  g_assert_nonnull (label);
  expander = gtk_widget_get_ancestor (label, GTK_TYPE_EXPANDER);
  g_assert_nonnull (expander);
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_nonnull (strstr (gtk_expander_get_label (GTK_EXPANDER (expander)), "2025"));
}

int
main (int    argc,
      char **argv)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("No display: run under build-aux/test or xvfb-run.\n");
      return 77;
    }

  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/form-interviews/details-and-interviews", Fixture, NULL, fixture_set_up,
              test_details_and_interviews, fixture_tear_down);
  g_test_add ("/form-interviews/agreements", Fixture, NULL, fixture_set_up, test_agreements,
              fixture_tear_down);
  g_test_add ("/form-interviews/previous-answer-mapped", Fixture, NULL, fixture_set_up,
              test_previous_answer_mapped, fixture_tear_down);

  return g_test_run ();
}

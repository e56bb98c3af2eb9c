/* test-form-keyboard.c: the interview form typed in on a small screen, with the keyboard
 *
 * Issue 18 in the form, at 800×600: an answer grows with its text and the page follows the
 * cursor as lines are typed at the window's edge; a single-choice question is one Tab stop
 * with arrow keys that choose; Ctrl+Down and Ctrl+Up go from question to question; last
 * year's answer stays open or closed as it was left, in a new window too, and can be copied
 * into the answer without losing what was typed; the form opens with its first answer in
 * view; a new interview row is scrolled to.
 *
 * The keys go the way GTK takes them: first the key controllers that capture them on the
 * way to the focus, then the window's own Tab and arrow handling ("move-focus").
 *
 * UPP_FORM_DUMP_DIR=/tmp/x keeps screenshots of the form to look at.
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
#include "upp-answer-version.h"
#include "upp-answer.h"
#include "upp-interview-row.h"
#include "upp-response-form.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-toast.h"

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
position_of (Fixture    *fixture,
             UppRound   *round,
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
  test_gui_iterate (300);
}

/* A window of 800×600 with the form, as on a small laptop screen. */
static void
open_window (Fixture *fixture)
{
  GtkWidget *overlay;

  fixture->form = g_object_new (UPP_TYPE_RESPONSE_FORM, "session", fixture->session, NULL);
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 800, 600);
  /* Toasts with their Undo, as in the app's window. */
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), fixture->form);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  upp_toast_set_overlay (GTK_WINDOW (fixture->window), ADW_TOAST_OVERLAY (overlay));
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
close_window (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  fixture->form = NULL;
  test_gui_iterate (100);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "keyboard");
  fixture->round = test_import_dalarna_round (fixture->store, 2024);
  fixture->next = upp_store_duplicate_round (fixture->store, fixture->round, 2025, &error);
  g_assert_no_error (error);

  fixture->session = upp_session_new (upp_store_get_path (fixture->store));
  g_assert_true (upp_session_open (fixture->session, &error));
  g_assert_no_error (error);

  open_window (fixture);
  show_round (fixture, fixture->round);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer session = fixture->session;

  if (fixture->window != NULL)
    close_window (fixture);
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
  const char *folder = g_getenv ("UPP_FORM_DUMP_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  if (folder == NULL)
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
  path = g_build_filename (folder, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* ---- keys, as GTK takes them -------------------------------------------------------------- */

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_root_get_focus (GTK_ROOT (fixture->window));
}

/* The capture-phase key controllers from the window down to the focus, as GTK runs them
 * before the focused widget sees the key; whether one took it. */
static gboolean
capture_key (Fixture         *fixture,
             guint            keyval,
             GdkModifierType  state)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  for (GtkWidget *widget = focus_of (fixture); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    g_ptr_array_insert (path, 0, widget);

  for (guint i = 0; i < path->len; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (path->pdata[i]);

      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, j);
          gboolean handled = FALSE;

          if (gtk_event_controller_get_propagation_phase (controller) != GTK_PHASE_CAPTURE)
            continue;
          if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
          if (handled)
            return TRUE;
        }
    }
  return FALSE;
}

/* Tab (or Shift+Tab): what is captured on the way, else the window's own focus move. */
static void
press_tab (Fixture  *fixture,
           gboolean  backward)
{
  if (!capture_key (fixture, backward ? GDK_KEY_ISO_Left_Tab : GDK_KEY_Tab,
                    backward ? GDK_SHIFT_MASK : 0))
    g_signal_emit_by_name (fixture->window, "move-focus",
                           backward ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
  test_gui_iterate (30);
}

static void
press_down (Fixture *fixture)
{
  if (!capture_key (fixture, GDK_KEY_Down, 0))
    g_signal_emit_by_name (fixture->window, "move-focus", GTK_DIR_DOWN);
  test_gui_iterate (30);
}

/* A shortcut of the form: its capture-phase shortcut controller, as a key press reaches it. */
static void
press_shortcut (Fixture    *fixture,
                const char *accelerator)
{
  GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accelerator);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->form);
  gboolean done = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !done; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !done; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            done = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 fixture->form, NULL);
        }
    }
  g_object_unref (trigger);
  g_assert_true (done);
  test_gui_iterate (100);
}

static UppQuestionCard *
card_of (Fixture    *fixture,
         const char *key)
{
  GtkWidget *card = test_gui_find_widget (fixture->form, test_gui_is_card_of, key);

  g_assert_nonnull (card);
  return UPP_QUESTION_CARD (card);
}

static GtkWidget *
text_view_of (Fixture    *fixture,
              const char *key)
{
  return upp_question_card_get_text_view (card_of (fixture, key));
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  unused)
{
  return GTK_IS_CHECK_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
scrolled_window_of (Fixture *fixture)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (text_view_of (fixture, "agreement"),
                                                 GTK_TYPE_SCROLLED_WINDOW);

  g_assert_nonnull (scrolled);
  return scrolled;
}

/* Where widget's rectangle (x, y, …) of its own is in the visible part of the page. */
static void
assert_in_view (Fixture    *fixture,
                GtkWidget  *widget,
                double      y,
                double      height,
                const char *what)
{
  GtkWidget *scrolled = scrolled_window_of (fixture);
  graphene_point_t top;

  g_assert_true (gtk_widget_compute_point (widget, scrolled, &GRAPHENE_POINT_INIT (0, y), &top));
  g_test_message ("%s at %.0f–%.0f of a page of %d px", what, top.y, top.y + height,
                  gtk_widget_get_height (scrolled));
  g_assert_cmpfloat (top.y, >=, 0);
  g_assert_cmpfloat (top.y + height, <=, gtk_widget_get_height (scrolled));
}

/* ---- the tests ---------------------------------------------------------------------------- */

/* For test_gui_wait_until (): whether the cursor of the last answer is on the page. */
static gboolean
cursor_in_view (gpointer data)
{
  Fixture *fixture = data;
  GtkTextView *view = GTK_TEXT_VIEW (text_view_of (fixture, "other"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *scrolled = scrolled_window_of (fixture);
  graphene_point_t top;
  GdkRectangle cursor;
  GtkTextIter at;
  int x, y;

  gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (view, &at, &cursor);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, cursor.x, cursor.y,
                                         &x, &y);
  return gtk_widget_compute_point (GTK_WIDGET (view), scrolled, &GRAPHENE_POINT_INIT (0, y),
                                   &top) &&
         top.y >= 0 && top.y + cursor.height <= gtk_widget_get_height (scrolled);
}

/* Lines typed into the last answer at the bottom of a 800×600 window: the answer grows and
 * the page scrolls with the cursor, line by line. */
static void
test_answer_grows_with_cursor_in_view (Fixture       *fixture,
                                       gconstpointer  unused)
{
  GtkTextView *view = GTK_TEXT_VIEW (text_view_of (fixture, "other"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;
  int height_before;

  gtk_text_buffer_set_text (buffer, "", -1);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  test_gui_iterate (300);
  height_before = gtk_widget_get_height (GTK_WIDGET (view));

  for (guint line = 1; line <= 12; line++)
    {
      g_autofree char *text = g_strdup_printf ("%sRad %u av svaret, skriven under intervjun",
                                               line > 1 ? "\n" : "", line);
      GdkRectangle cursor;
      GtkTextIter at;
      int x, y;

      gtk_text_buffer_insert_at_cursor (buffer, text, -1);
      /* A frame or two, longer on a loaded machine. */
      test_gui_iterate (100);
      test_gui_wait_until (cursor_in_view, fixture, 2000);

      gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
      gtk_text_view_get_iter_location (view, &at, &cursor);
      gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, cursor.x, cursor.y,
                                             &x, &y);
      assert_in_view (fixture, GTK_WIDGET (view), y, cursor.height, "the cursor");
    }

  g_test_message ("The answer grew from %d to %d px", height_before,
                  gtk_widget_get_height (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >, height_before + 100);
  /* The text is all there and no inner scrollbar: the answer is no scrolled window. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  g_assert_cmpint (gtk_text_iter_get_line (&end), ==, 11);
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW) ==
                 scrolled_window_of (fixture));
  dump (fixture->window, "form-long-answer-800x600.png");
}

/* From question 1's answer, Tab reaches question 2's history button, then its options as
 * one stop, then its answer: the group is one stop whether a choice is made or not. The
 * arrows choose within it, Delete clears it. */
static void
test_choices_are_one_tab_stop (Fixture       *fixture,
                               gconstpointer  unused)
{
  UppQuestionCard *deviations = card_of (fixture, "deviations");
  GtkWidget *target = upp_question_card_get_text_view (deviations);
  GtkWidget *first_choice;
  g_auto(GStrv) chosen = NULL;
  guint presses = 0;

  /* Nothing chosen yet, and no text that suggests a choice (its Accept is a stop). */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (target)), "", -1);
  gtk_widget_grab_focus (GTK_WIDGET (upp_question_card_get_history_button (deviations)));
  test_gui_iterate (50);
  first_choice = test_gui_find_widget (GTK_WIDGET (deviations), is_check_button, NULL);
  g_assert_nonnull (first_choice);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_choice), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (first_choice), FALSE);
  /* Tab goes by where the widgets are: the suggestion shown by now is laid out. */
  test_gui_iterate (200);

  gtk_widget_grab_focus (text_view_of (fixture, "challenges"));
  while (focus_of (fixture) != target && presses < 20)
    {
      press_tab (fixture, FALSE);
      presses++;
      g_test_message ("Tab %u: %s", presses, G_OBJECT_TYPE_NAME (focus_of (fixture)));
    }
  /* The history button, the options, the answer. */
  g_assert_cmpuint (presses, ==, 3);

  /* Back into the group: the arrows choose, as radio buttons do. */
  press_tab (fixture, TRUE);
  g_assert_true (GTK_IS_CHECK_BUTTON (focus_of (fixture)));
  press_down (fixture);
  chosen = upp_question_card_dup_choices (deviations);
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (focus_of (fixture))));
  g_clear_pointer (&chosen, g_strfreev);

  /* With a choice made, the group is still one stop, entered at the choice. */
  gtk_widget_grab_focus (text_view_of (fixture, "challenges"));
  presses = 0;
  while (focus_of (fixture) != target && presses < 20)
    {
      press_tab (fixture, FALSE);
      presses++;
      if (GTK_IS_CHECK_BUTTON (focus_of (fixture)))
        g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (focus_of (fixture))));
    }
  g_assert_cmpuint (presses, ==, 3);

  /* Delete in the group clears the choice. */
  press_tab (fixture, TRUE);
  g_assert_true (capture_key (fixture, GDK_KEY_Delete, 0));
  chosen = upp_question_card_dup_choices (deviations);
  g_assert_cmpuint (g_strv_length (chosen), ==, 0);
}

/* For test_gui_wait_until (): whether the focused answer's first lines are on the page, a
 * frame or two after the focus moved (longer on a loaded machine). */
static gboolean
focus_in_view (gpointer data)
{
  Fixture *fixture = data;
  GtkWidget *scrolled = scrolled_window_of (fixture);
  GtkWidget *focus = focus_of (fixture);
  graphene_point_t top;

  return gtk_widget_compute_point (focus, scrolled, &GRAPHENE_POINT_INIT (0, 0), &top) &&
         top.y >= 0 &&
         top.y + MIN (gtk_widget_get_height (focus), 40) <= gtk_widget_get_height (scrolled);
}

/* Ctrl+Down and Ctrl+Up from inside an answer: the next and the previous question's answer,
 * in view. */
static void
test_next_question_shortcut (Fixture       *fixture,
                             gconstpointer  unused)
{
  static const char *order[] = { "agreement", "structure", "good_examples", "challenges",
                                 "deviations", "other" };

  gtk_widget_grab_focus (text_view_of (fixture, order[0]));
  test_gui_iterate (100);
  for (guint i = 1; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *view = text_view_of (fixture, order[i]);

      press_shortcut (fixture, "<Control>Down");
      g_assert_true (focus_of (fixture) == view);
      test_gui_wait_until (focus_in_view, fixture, 5000);
      assert_in_view (fixture, view, 0, MIN (gtk_widget_get_height (view), 40), order[i]);
    }
  for (int i = G_N_ELEMENTS (order) - 2; i >= 0; i--)
    {
      GtkWidget *view = text_view_of (fixture, order[i]);

      press_shortcut (fixture, "<Control>Up");
      g_assert_true (focus_of (fixture) == view);
      test_gui_wait_until (focus_in_view, fixture, 5000);
      assert_in_view (fixture, view, 0, MIN (gtk_widget_get_height (view), 40), order[i]);
    }
}

static GtkExpander *
previous_expander_of (Fixture    *fixture,
                      const char *key)
{
  GtkWidget *expander = test_gui_find_of_type (GTK_WIDGET (card_of (fixture, key)),
                                               GTK_TYPE_EXPANDER);

  return GTK_EXPANDER (expander);
}

/* Last year's answer opened in one card is open in every card, on the next unit, and in a
 * new window; closed again the same way. */
static void
test_previous_answer_remembered (Fixture       *fixture,
                                 gconstpointer  unused)
{
  test_set_answer (fixture->store, upp_round_get_uuid (fixture->round), UNIT, "challenges",
                   "Förra årets utmaningar");
  show_round (fixture, fixture->next);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (previous_expander_of (fixture,
                                                                          "challenges"))));
  g_assert_false (gtk_expander_get_expanded (previous_expander_of (fixture, "challenges")));

  g_signal_emit_by_name (previous_expander_of (fixture, "challenges"), "activate");
  test_gui_iterate (100);
  g_assert_true (gtk_expander_get_expanded (previous_expander_of (fixture, "challenges")));
  g_assert_true (gtk_expander_get_expanded (previous_expander_of (fixture, "agreement")));

  close_window (fixture);
  open_window (fixture);
  show_round (fixture, fixture->next);
  g_assert_true (gtk_expander_get_expanded (previous_expander_of (fixture, "challenges")));
  g_assert_true (gtk_expander_get_expanded (previous_expander_of (fixture, "other")));

  g_signal_emit_by_name (previous_expander_of (fixture, "other"), "activate");
  test_gui_iterate (100);
  g_assert_false (gtk_expander_get_expanded (previous_expander_of (fixture, "challenges")));
}

static gboolean
is_copy_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "Copy Last Year’s Answer") == 0;
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} Expected;

static gboolean
answer_stored (gpointer data)
{
  Expected *expected = data;
  g_autofree char *text = test_dup_answer_text (expected->fixture->store,
                                                upp_round_get_uuid (expected->fixture->next),
                                                UNIT, "agreement");

  return g_strcmp0 (text, expected->text) == 0;
}

static void
wait_for_answer (Fixture    *fixture,
                 const char *text)
{
  Expected expected = { fixture, text };

  if (!test_gui_wait_until (answer_stored, &expected, 5000))
    {
      g_autofree char *stored = test_dup_answer_text (fixture->store,
                                                      upp_round_get_uuid (fixture->next),
                                                      UNIT, "agreement");

      g_error ("Stored “%s”, not “%s”", stored, text);
    }
}

static UppAnswer *
stored_answer (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppResponse) response = upp_store_find_response (fixture->store, fixture->next, UNIT,
                                                             &error);
  UppAnswer *answer;

  g_assert_no_error (error);
  answer = upp_response_get_answer (response, "agreement");
  g_assert_nonnull (answer);
  return g_object_ref (answer);
}

/* For test_gui_wait_until (): whether the answer's history has the text typed before the
 * copy, and the copy after it. */
static gboolean
typed_text_kept (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(UppAnswer) answer = stored_answer (fixture);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;

  versions = upp_store_list_answer_versions (fixture->store, upp_answer_get_uuid (answer), &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < versions->len; i++)
    if (g_strcmp0 (upp_answer_version_get_text (versions->pdata[i]),
                   "Nytt svar skrivet i år") == 0)
      return g_strcmp0 (upp_answer_version_get_text (versions->pdata[versions->len - 1]),
                        "Arbetet med överenskommelsen pågår") == 0;
  return FALSE;
}

/* Copy Last Year's Answer: an empty answer is filled and saved, text and choice; over typed
 * text the typed text is kept in the history and Undo brings it back. */
static void
test_copy_previous_answer (Fixture       *fixture,
                           gconstpointer  unused)
{
  static const char *in_progress[] = { "in_progress", NULL };
  UppQuestionCard *card;
  GtkTextBuffer *buffer;
  GtkWidget *copy;
  GtkWidget *undo;
  g_autoptr(UppAnswer) answer = NULL;
  g_auto(GStrv) chosen = NULL;

  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->round), UNIT,
                           "agreement", "Arbetet med överenskommelsen pågår", in_progress);
  test_set_answer_choices (fixture->store, upp_round_get_uuid (fixture->next), UNIT,
                           "agreement", "", NULL);
  show_round (fixture, fixture->next);
  card = card_of (fixture, "agreement");
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (upp_question_card_get_text_view (card)));
  gtk_expander_set_expanded (previous_expander_of (fixture, "agreement"), TRUE);
  test_gui_iterate (100);
  copy = test_gui_find_widget (GTK_WIDGET (card), is_copy_button, NULL);
  g_assert_nonnull (copy);

  /* Empty: filled, saved, no question asked. */
  g_signal_emit_by_name (copy, "clicked");
  wait_for_answer (fixture, "Arbetet med överenskommelsen pågår");
  answer = stored_answer (fixture);
  g_assert_cmpstrv (upp_answer_get_choices (answer), in_progress);
  g_clear_object (&answer);
  g_assert_null (test_gui_find_widget (fixture->window, is_undo_button, NULL));

  /* Typed over: copying again keeps the typed text as a version and offers Undo. */
  gtk_text_buffer_set_text (buffer, "Nytt svar skrivet i år", -1);
  test_gui_iterate (50);
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (test_gui_wait_until (typed_text_kept, fixture, 5000));
  wait_for_answer (fixture, "Arbetet med överenskommelsen pågår");

  undo = test_gui_find_widget (fixture->window, is_undo_button, NULL);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_for_answer (fixture, "Nytt svar skrivet i år");
  chosen = upp_question_card_dup_choices (card);
  /* The choice as it was before the copy (the first copy's). */
  g_assert_cmpstrv (chosen, in_progress);
}

/* A new interview row, added from the button at the bottom of the window, is focused and
 * scrolled into view. */
static void
test_new_interview_row_in_view (Fixture       *fixture,
                                gconstpointer  unused)
{
  GtkWidget *scrolled = scrolled_window_of (fixture);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *focus;
  GtkWidget *row;

  gtk_adjustment_set_value (adjustment, 0);
  test_gui_iterate (100);
  gtk_widget_activate_action (fixture->form, "form.add-interview", NULL);
  test_gui_iterate (800);

  focus = focus_of (fixture);
  g_assert_nonnull (focus);
  row = gtk_widget_get_ancestor (focus, UPP_TYPE_INTERVIEW_ROW);
  g_assert_nonnull (row);
  assert_in_view (fixture, row, 0, MIN (gtk_widget_get_height (row),
                                        gtk_widget_get_height (scrolled)), "the new row");
  assert_in_view (fixture, focus, 0, gtk_widget_get_height (focus), "its first field");
}

/* The form opens with its first answer focused and in view, though the unit's details above
 * it fill the page: typing does not start below the window's edge. */
static void
test_opens_with_first_answer_in_view (Fixture       *fixture,
                                      gconstpointer  unused)
{
  GtkWidget *answer = text_view_of (fixture, "agreement");

  upp_response_form_focus_first (UPP_RESPONSE_FORM (fixture->form));
  test_gui_iterate (800);
  dump (fixture->form, "opens-with-first-answer.png");

  g_assert_true (focus_of (fixture) == answer);
  assert_in_view (fixture, answer, 0, MIN (gtk_widget_get_height (answer), 48),
                  "the first answer");
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

  g_test_add ("/form-keyboard/answer-grows-with-cursor-in-view", Fixture, NULL, fixture_set_up,
              test_answer_grows_with_cursor_in_view, fixture_tear_down);
  g_test_add ("/form-keyboard/choices-are-one-tab-stop", Fixture, NULL, fixture_set_up,
              test_choices_are_one_tab_stop, fixture_tear_down);
  g_test_add ("/form-keyboard/next-question-shortcut", Fixture, NULL, fixture_set_up,
              test_next_question_shortcut, fixture_tear_down);
  g_test_add ("/form-keyboard/previous-answer-remembered", Fixture, NULL, fixture_set_up,
              test_previous_answer_remembered, fixture_tear_down);
  g_test_add ("/form-keyboard/copy-previous-answer", Fixture, NULL, fixture_set_up,
              test_copy_previous_answer, fixture_tear_down);
  g_test_add ("/form-keyboard/opens-with-first-answer-in-view", Fixture, NULL, fixture_set_up,
              test_opens_with_first_answer_in_view, fixture_tear_down);
  g_test_add ("/form-keyboard/new-interview-row-in-view", Fixture, NULL, fixture_set_up,
              test_new_interview_row_in_view, fixture_tear_down);

  return g_test_run ();
}

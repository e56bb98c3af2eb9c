/* test-search-window.c: the window's search of every round's answers (Ctrl+F): hits grouped
 * by round and unit with the match in bold, and a hit that opens the interview form at the
 * answer with the match selected
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-interview.h"
#include "upp-response-form.h"
#include "upp-round-page.h"
#include "upp-search-page.h"
#include "upp-session.h"
#include "upp-window.h"

#define ANSWER "Vi följer samverkansöverenskommelsen sedan 2019."

/* The row of the hit in Vansbro's answer to "other". */
static GtkWidget *
find_vansbro_row (GtkWidget *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      UppSearchHit *hit = g_object_get_data (G_OBJECT (child), "upp-search-hit");

      if (hit != NULL && g_strcmp0 (upp_search_hit_get_unit_name (hit), "Vansbro") == 0 &&
          g_strcmp0 (upp_search_hit_get_question_key (hit), "other") == 0)
        return child;
    }
  return NULL;
}

static gboolean
has_vansbro_row (gpointer list)
{
  return find_vansbro_row (list) != NULL;
}

static gboolean
has_bold (GtkWidget     *widget,
          gconstpointer  markup)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), markup);
}

static gboolean
has_selection (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *text_view = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT_VIEW) : NULL;

  return text_view != NULL &&
         gtk_text_buffer_get_has_selection (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)));
}

static void
test_search_opens_the_answer (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GListModel) responses = NULL;
  g_autoptr(UppResponse) response = NULL;
  GtkWidget *window, *page, *entry, *list, *row, *form, *text_view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  UppSession *session;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "search");

    uuid = test_import_dalarna_uuid (store);
    test_set_answer (store, uuid, "Vansbro", "other", ANSWER);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  session = upp_window_get_session (UPP_WINDOW (window));
  test_gui_iterate (300);

  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  page = test_gui_find_of_type (window, UPP_TYPE_SEARCH_PAGE);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, page, 5000));
  entry = test_gui_find_of_type (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "överenskommelse");

  /* The hit is listed under a heading of its round and unit, the match in bold. */
  list = test_gui_find_of_type (page, GTK_TYPE_LIST_BOX);
  g_assert_true (test_gui_wait_until (has_vansbro_row, list, 5000));
  row = find_vansbro_row (list);
  g_assert_nonnull (test_gui_find_widget (row, has_bold, "samverkans<b>överenskommelse</b>n"));
  g_assert_nonnull (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (row)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_header
                                                            (GTK_LIST_BOX_ROW (row)))),
                            "Vansbro"));

  /* Activating it opens Vansbro's form with the match selected in the answer. */
  g_signal_emit_by_name (row, "activate");
  form = test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  g_assert_true (test_gui_wait_until (has_selection, window, 5000));

  responses = upp_session_dup_responses (session, upp_session_find_round (session, uuid));
  response = g_list_model_get_item (responses,
                                    upp_response_form_get_position (UPP_RESPONSE_FORM (form)));
  g_assert_cmpstr (upp_response_get_unit_name (response), ==, "Vansbro");
  text_view = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                       GTK_TYPE_TEXT_VIEW);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, ANSWER);
  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "överenskommelse");

  /* Back leads to the round the answer is of. */
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  test_gui_iterate (100);

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

/* The row of the hit of a kind. */
static GtkWidget *
find_kind_row (GtkWidget        *list,
               UppSearchHitKind  kind)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      UppSearchHit *hit = g_object_get_data (G_OBJECT (child), "upp-search-hit");

      if (hit != NULL && upp_search_hit_get_kind (hit) == kind)
        return child;
    }
  return NULL;
}

static gboolean
has_report_text_row (gpointer list)
{
  return find_kind_row (list, UPP_SEARCH_HIT_REPORT_TEXT) != NULL;
}

static gboolean
has_label (GtkWidget     *widget,
           gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

typedef struct
{
  GtkWidget  *round_page;
  const char *round_uuid;
} ShownRound;

static gboolean
shows_round (gpointer data)
{
  ShownRound *shown = data;
  UppRound *round = upp_round_page_get_round (UPP_ROUND_PAGE (shown->round_page));

  return gtk_widget_get_mapped (shown->round_page) && round != NULL &&
         g_strcmp0 (upp_round_get_uuid (round), shown->round_uuid) == 0;
}

/* The round page's view in front. */
static const char *
get_round_view (GtkWidget *round_page)
{
  return adw_view_stack_get_visible_child_name
           (ADW_VIEW_STACK (test_gui_find_of_type (round_page, ADW_TYPE_VIEW_STACK)));
}

/* Report texts and themes are found too, each under its heading and labelled with its kind;
 * a report text opens its round. */
static void
test_search_finds_themes_and_report_texts (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *window, *page, *entry, *list, *row;
  ShownRound shown;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "search");
    g_autoptr(UppRound) round = NULL;
    g_autoptr(UppTheme) theme = NULL;
    g_autoptr(GError) error = NULL;

    uuid = test_import_dalarna_uuid (store);
    round = test_load_round (store, uuid);
    upp_round_set_text (round, "summary", "Pingvinerna samverkar.");
    g_assert_true (upp_store_update_round (store, round, &error));
    theme = upp_store_add_theme (store, "20", "Pingvinsamverkan", UPP_THEME_KIND_NEUTRAL,
                                 &error);
    g_assert_no_error (error);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  page = test_gui_find_of_type (window, UPP_TYPE_SEARCH_PAGE);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, page, 5000));
  entry = test_gui_find_of_type (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "pingvin");

  list = test_gui_find_of_type (page, GTK_TYPE_LIST_BOX);
  g_assert_true (test_gui_wait_until (has_report_text_row, list, 5000));
  row = find_kind_row (list, UPP_SEARCH_HIT_THEME);
  g_assert_nonnull (row);
  g_assert_nonnull (test_gui_find_widget (row, has_label, "Theme"));
  g_assert_nonnull (test_gui_find_widget (row, has_bold, "<b>Pingvin</b>samverkan"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_list_box_row_get_header
                                                   (GTK_LIST_BOX_ROW (row)))), ==, "Codebook");
  row = find_kind_row (list, UPP_SEARCH_HIT_REPORT_TEXT);
  g_assert_nonnull (test_gui_find_widget (row, has_label, "Report text"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (test_gui_find_widget (page, has_label,
                                                                         "2 hits"))),
                   ==, "2 hits");

  g_signal_emit_by_name (row, "activate");
  shown.round_page = test_gui_find_of_type (window, UPP_TYPE_ROUND_PAGE);
  shown.round_uuid = uuid;
  g_assert_true (test_gui_wait_until (shows_round, &shown, 5000));
  g_assert_cmpstr (get_round_view (shown.round_page), ==, "report");

  /* A theme leads to the codebook of its region's newest round. */
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, page, 5000));
  g_assert_true (test_gui_wait_until (has_report_text_row, list, 5000));
  g_signal_emit_by_name (find_kind_row (list, UPP_SEARCH_HIT_THEME), "activate");
  g_assert_true (test_gui_wait_until (shows_round, &shown, 5000));
  g_assert_cmpstr (get_round_view (shown.round_page), ==, "themes");

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (200);
  test_remove_tree (dir);
}

static gboolean
has_interview_note_row (gpointer list)
{
  return find_kind_row (list, UPP_SEARCH_HIT_INTERVIEW_NOTE) != NULL;
}

static gboolean
has_editable_selection (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int start = 0, end = 0;

  return GTK_IS_EDITABLE (focus) &&
         gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end) && start != end;
}

/* An interview note's hit opens the unit's form with the match selected in the note. */
static void
test_search_opens_the_interview_note (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *selected = NULL;
  GtkWidget *window, *page, *entry, *list, *row, *form, *focus;
  int start = 0, end = 0;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "search");
    g_autoptr(UppRound) round = NULL;
    g_autoptr(UppResponse) response = NULL;
    g_autoptr(UppInterview) interview = upp_interview_new ();
    g_autoptr(GError) error = NULL;

    uuid = test_import_dalarna_uuid (store);
    round = test_load_round (store, uuid);
    response = test_find_response (store, round, "Vansbro");
    upp_interview_set_note (interview, "Socialchefen nämnde lodjursinventeringen.");
    g_assert_true (upp_store_save_interview (store, response, interview, &error));
    g_assert_no_error (error);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  page = test_gui_find_of_type (window, UPP_TYPE_SEARCH_PAGE);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, page, 5000));
  entry = test_gui_find_of_type (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "lodjur");
  list = test_gui_find_of_type (page, GTK_TYPE_LIST_BOX);
  g_assert_true (test_gui_wait_until (has_interview_note_row, list, 5000));
  row = find_kind_row (list, UPP_SEARCH_HIT_INTERVIEW_NOTE);

  g_signal_emit_by_name (row, "activate");
  form = test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, form, 5000));
  g_assert_true (test_gui_wait_until (has_editable_selection, window, 5000));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_is_ancestor (focus, form));
  gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end);
  selected = gtk_editable_get_chars (GTK_EDITABLE (focus), start, end);
  g_assert_cmpstr (selected, ==, "lodjur");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus)), ==,
                   "Socialchefen nämnde lodjursinventeringen.");

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

  g_test_add_func ("/search-window/opens-the-answer", test_search_opens_the_answer);
  g_test_add_func ("/search-window/opens-the-interview-note",
                   test_search_opens_the_interview_note);
  g_test_add_func ("/search-window/themes-and-report-texts",
                   test_search_finds_themes_and_report_texts);

  return g_test_run ();
}

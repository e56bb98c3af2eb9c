/* test-views.c: the comparison view, the templates page and the template editor in a window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "../test-gui-util.h"
#include "../test-util.h"
#include "import/import-answer.h"
#include "import/import-dalarna.h"
#include "upp-answer.h"
#include "upp-comparison-cell.h"
#include "upp-comparison-view.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template-editor.h"
#include "upp-template.h"
#include "upp-templates-page.h"
#include "upp-unit.h"

typedef struct
{
  char       *dir;
  UppStore   *store;
  UppSession *session;  /* on the same database as store */
  GtkWidget  *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "views");
}

/* The session on the fixture's database, opened when a page first needs it (after the
 * test has filled the database through its own connection). */
static UppSession *
get_session (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  if (fixture->session == NULL)
    {
      fixture->session = upp_session_new (upp_store_get_path (fixture->store));
      g_assert_true (upp_session_open (fixture->session, &error));
      g_assert_no_error (error);
    }
  return fixture->session;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer window = fixture->window;

  if (fixture->window != NULL)
    {
      /* The window and what it shows are freed, and with them the session. */
      g_object_add_weak_pointer (G_OBJECT (fixture->window), &window);
      gtk_window_destroy (GTK_WINDOW (fixture->window));
      for (int i = 0; i < 50 && window != NULL; i++)
        g_main_context_iteration (NULL, FALSE);
      g_assert_null (window);
    }
  if (fixture->session != NULL)
    {
      /* A worker may let go of its task (and the session) just after its callback ran. */
      g_object_add_weak_pointer (G_OBJECT (fixture->session), (gpointer *) &fixture->session);
      g_object_unref (fixture->session);
      for (guint i = 0; i < 500 && fixture->session != NULL; i++)
        g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
      g_assert_null (fixture->session);
    }
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GtkWidget *
show_in_window (Fixture   *fixture,
                GtkWidget *widget,
                int        width,
                int        height)
{
  fixture->window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, height);
  adw_window_set_content (ADW_WINDOW (fixture->window), widget);
  gtk_window_present (GTK_WINDOW (fixture->window));
  test_gui_iterate (700);
  return widget;
}

/* A comparison view of the round (by its uuid) through a session on the fixture's database. */
static GtkWidget *
comparison_view_new (Fixture  *fixture,
                     UppRound *round)
{
  UppSession *session = get_session (fixture);

  return g_object_new (UPP_TYPE_COMPARISON_VIEW,
                       "session", session,
                       "round", upp_session_find_round (session,
                                                        upp_round_get_uuid (round)),
                       NULL);
}

static UppRound *
import_dalarna (Fixture *fixture)
{
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = upp_import_dalarna_file (fixture->store, file, 2025, &error);
  UppRound *round;

  g_assert_no_error (error);
  round = upp_store_load_round (fixture->store, result->round_uuid, &error);
  g_assert_no_error (error);
  return round;
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (UPP_IS_COMPARISON_CELL (widget))
    {
      if (upp_comparison_cell_get_row_item (UPP_COMPARISON_CELL (widget)) != NULL)
        g_ptr_array_add (cells, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* Answer cells (not unit or status cells) that are bound to a row. */
static GPtrArray *
collect_answer_cells (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *answers = g_ptr_array_new ();

  collect_cells (root, all);
  for (guint i = 0; i < all->len; i++)
    {
      const char *key = upp_comparison_cell_get_column_key (g_ptr_array_index (all, i));

      if (key != NULL && key[0] != ':')
        g_ptr_array_add (answers, g_ptr_array_index (all, i));
    }
  return answers;
}

static char *
normalize (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return g_strdup (g_strstrip (copy));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
test_comparison_dalarna_cells (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(UppRound) round = test_import_dalarna_round (fixture->store, 2025);
  g_autofree char *path = test_fixture_path ("dalarna.txt");
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(UppImportDalarnaTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *view = comparison_view_new (fixture, round);

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  table = upp_import_dalarna_table_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 11);
  g_assert_cmpuint (table->questions->len, ==, 6);

  show_in_window (fixture, view, 1280, 800);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 11);

  cells = collect_answer_cells (view);
  g_assert_cmpuint (cells->len, ==, 66);

  /* Each of the 11 × 6 positions exactly once, and the texts those of the table. */
  for (guint i = 0; i < cells->len; i++)
    {
      UppComparisonCell *cell = g_ptr_array_index (cells, i);
      UppResponse *response = UPP_RESPONSE (upp_comparison_cell_get_row_item (cell));
      char *position = g_strdup_printf ("%s/%s", upp_response_get_unit_name (response),
                                        upp_comparison_cell_get_column_key (cell));

      g_assert_false (g_hash_table_contains (seen, position));
      g_hash_table_add (seen, position);
      g_ptr_array_add (shown, normalize (upp_comparison_cell_get_text (cell)));
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      UppImportDalarnaRow *row = g_ptr_array_index (table->rows, r);

      for (guint c = 0; c < 6; c++)
        {
          const char *text = c < row->cells->len ? g_ptr_array_index (row->cells, c) : "";

          /* Gagnef's "Har ej fått in svar" is its status, no answer to show. */
          g_ptr_array_add (expected, normalize (upp_import_answer_is_no_answer (text) ? "" : text));
        }
    }
  g_ptr_array_sort (expected, compare_strings);
  g_ptr_array_sort (shown, compare_strings);
  g_assert_cmpuint (expected->len, ==, shown->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (shown, i), ==, g_ptr_array_index (expected, i));
    }
}

static void
test_comparison_search (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(UppRound) round = test_import_dalarna_round (fixture->store, 2025);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplate *template = upp_round_get_template (round);
  GtkWidget *view = comparison_view_new (fixture, round);
  const char *needles[] = { "STYRGRUPP", "synergi", "Gagnef", "ingen träff alls" };

  show_in_window (fixture, view, 1280, 800);
  responses = upp_store_list_responses (fixture->store, round, &error);
  g_assert_no_error (error);

  for (guint n = 0; n < G_N_ELEMENTS (needles); n++)
    {
      g_autofree char *needle = g_utf8_casefold (needles[n], -1);
      guint expected = 0;

      for (guint i = 0; i < responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (responses, i);
          g_autofree char *name = g_utf8_casefold (upp_response_get_unit_name (response), -1);
          gboolean hit = strstr (name, needle) != NULL;

          for (guint q = 0; q < upp_template_get_n_questions (template) && !hit; q++)
            {
              UppQuestion *question = upp_template_get_question (template, q);
              UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
              g_autofree char *text = answer ? g_utf8_casefold (upp_answer_get_text (answer), -1) : NULL;

              hit = text != NULL && strstr (text, needle) != NULL;
            }
          expected += hit;
        }

      upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), needles[n]);
      test_gui_iterate (200);
      g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, expected);
      if (n < 2)
        g_assert_cmpuint (expected, >, 1);
      if (n == 3)
        g_assert_cmpuint (expected, ==, 0);
    }

  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), "");
  test_gui_iterate (200);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 11);

  /* The unit filter, alone and with a search. */
  g_assert_true (upp_comparison_view_set_unit_filter (UPP_COMPARISON_VIEW (view), "Säter"));
  test_gui_iterate (100);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 1);
  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), "synergi");
  test_gui_iterate (100);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 1);
  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), "ingen träff alls");
  test_gui_iterate (100);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 0);
  g_assert_false (upp_comparison_view_set_unit_filter (UPP_COMPARISON_VIEW (view), "Stockholm"));
  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), NULL);
  g_assert_true (upp_comparison_view_set_unit_filter (UPP_COMPARISON_VIEW (view), NULL));
  test_gui_iterate (100);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view)), ==, 11);

  /* A click on a cell opens that unit's answers. */
  g_assert_true (upp_comparison_view_show_answers (UPP_COMPARISON_VIEW (view), "Säter", "challenges"));
  g_assert_false (upp_comparison_view_show_answers (UPP_COMPARISON_VIEW (view), "Stockholm", NULL));
}

/* A template of another size than six, with coded answers: columns follow the template and
 * codes show their labels. */
static void
test_comparison_other_template (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(UppTemplate) template = upp_template_new ("small", "Three questions");
  g_autoptr(UppRegion) region = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) cells = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  const char *codes[] = { "b", NULL };
  gboolean found_label = FALSE;
  UppQuestion *question;

  question = upp_question_new ("pick", "1", "Which one?", "Pick", UPP_QUESTION_KIND_SINGLE_CHOICE);
  upp_question_add_choice (question, "a", "Alpha");
  upp_question_add_choice (question, "b", "Bravo label");
  upp_template_add_question (template, question);
  g_object_unref (question);
  upp_template_add_question (template, question = upp_question_new ("why", "2", "Why?", "Why", UPP_QUESTION_KIND_TEXT));
  g_object_unref (question);
  upp_template_add_question (template, question = upp_question_new ("more", "3", "More?", "More", UPP_QUESTION_KIND_TEXT));
  g_object_unref (question);
  g_assert_true (upp_store_save_template (fixture->store, template, &error));
  g_assert_no_error (error);

  region = upp_store_find_region (fixture->store, "20", &error);
  g_assert_no_error (error);
  round = upp_round_new (2026, region, "Small round", template);
  g_ptr_array_add (units, upp_unit_new ("Falun", "20", UPP_UNIT_KIND_MUNICIPALITY));
  g_ptr_array_add (units, upp_unit_new ("Mora", "20", UPP_UNIT_KIND_MUNICIPALITY));
  g_assert_true (upp_store_create_round (fixture->store, round, units, &error));
  g_assert_no_error (error);

  responses = upp_store_list_responses (fixture->store, round, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (responses->len, ==, 2);
  g_assert_true (upp_store_set_answer (fixture->store, round, g_ptr_array_index (responses, 0),
                                       "pick", "", codes, &error));
  g_assert_no_error (error);

  view = comparison_view_new (fixture, round);
  show_in_window (fixture, view, 800, 600);

  cells = collect_answer_cells (view);
  g_assert_cmpuint (cells->len, ==, 2 * 3);
  for (guint i = 0; i < cells->len; i++)
    found_label |= g_strcmp0 (upp_comparison_cell_get_text (g_ptr_array_index (cells, i)),
                              "Bravo label") == 0;
  g_assert_true (found_label);
}

typedef struct
{
  char *path;
  char *round_uuid;
} WriteAnswer;

/* A worker thread of another part of the app, with its own connection. */
static gpointer
write_answer_thread (gpointer data)
{
  WriteAnswer *write = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = upp_store_open (write->path, &error);

  g_assert_no_error (error);
  test_set_answer (store, write->round_uuid, "Vansbro", "challenges",
                   "Vi ser synergier mellan kommunens och regionens team.");
  return NULL;
}

static guint
n_visible (GtkWidget *view)
{
  return upp_comparison_view_get_n_visible_units (UPP_COMPARISON_VIEW (view));
}

static void
wait_for_n_visible (GtkWidget *view,
                    guint      expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (n_visible (view) != expected && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  g_assert_cmpuint (n_visible (view), ==, expected);
}

static gboolean
is_label_with (GtkWidget  *widget,
               const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (is_label_with (child, text))
      return TRUE;
  return FALSE;
}

/* Answers changed by a worker thread and by the CLI beside the window show in the view by
 * themselves; the search and the open answers stay. */
static void
test_comparison_follows_changes (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(UppRound) round = import_dalarna (fixture);
  GtkWidget *view = comparison_view_new (fixture, round);
  WriteAnswer write = { (char *) upp_store_get_path (fixture->store),
                        (char *) upp_round_get_uuid (round) };
  const char *cli = g_getenv ("UPP_CLI");
  GThread *thread;
  guint before;

  show_in_window (fixture, view, 1280, 800);
  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), "synergi");
  test_gui_iterate (100);
  before = n_visible (view);
  g_assert_cmpuint (before, >, 0);
  g_assert_true (upp_comparison_view_show_answers (UPP_COMPARISON_VIEW (view), "Vansbro", NULL));
  test_gui_iterate (100);
  g_assert_false (is_label_with (view, "Vi ser synergier"));

  thread = g_thread_new ("write-answer", write_answer_thread, &write);
  g_thread_join (thread);
  wait_for_n_visible (view, before + 1);
  test_gui_iterate (100);
  /* The side panel shows Vansbro's new answer; the search is still typed. */
  g_assert_true (is_label_with (view, "Vi ser synergier"));

  /* The CLI, another process, writes the same word into Rättvik's answer. */
  g_assert_nonnull (cli);
  {
    g_autoptr(GError) error = NULL;
    const char *argv[] = { cli, "--db", write.path, "answer", "--round", write.round_uuid,
                           "--unit", "Rättvik", "--question", "challenges",
                           "--text", "Synergi i arbetet med SIP.", NULL };
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }
  wait_for_n_visible (view, before + 2);

  /* Nothing but the window holds the view. */
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  fixture->window = NULL;
  test_gui_iterate (100);
  g_assert_null (view);
}

/* Answer cells of units' rows (not of the county parts' headings). */
static GPtrArray *
collect_response_cells (GtkWidget *root)
{
  g_autoptr(GPtrArray) answers = collect_answer_cells (root);
  GPtrArray *cells = g_ptr_array_new ();

  for (guint i = 0; i < answers->len; i++)
    {
      UppComparisonCell *cell = g_ptr_array_index (answers, i);

      if (UPP_IS_RESPONSE (upp_comparison_cell_get_row_item (cell)))
        g_ptr_array_add (cells, cell);
    }
  return cells;
}

/* Hidden (no round) and shown again, the view keeps its rows and their cells instead of
 * making them again, which was most of switching to it; an answer changed meanwhile shows,
 * also under the county parts' headings. */
static void
test_comparison_keeps_rows_when_shown_again (Fixture       *fixture,
                                             gconstpointer  data)
{
  gboolean grouped = GPOINTER_TO_INT (data);
  g_autoptr(UppRound) round = test_import_dalarna_round (fixture->store, 2025);
  GtkWidget *view = comparison_view_new (fixture, round);
  UppSession *session = get_session (fixture);
  UppRound *live = upp_session_find_round (session, upp_round_get_uuid (round));
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  UppResponse *falun = NULL;
  g_autofree char *key = NULL;
  guint kept = 0;
  gboolean changed_shown = FALSE;

  upp_comparison_view_set_group_by_sub_area (UPP_COMPARISON_VIEW (view), grouped);
  show_in_window (fixture, view, 1280, 800);
  before = collect_response_cells (view);
  g_assert_cmpuint (before->len, ==, 66);
  /* Marked, not compared by address: a new cell may come where a freed one was. */
  for (guint i = 0; i < before->len; i++)
    g_object_set_data (g_ptr_array_index (before, i), "made-before", GINT_TO_POINTER (TRUE));
  key = g_strdup (upp_comparison_cell_get_column_key (g_ptr_array_index (before, 0)));

  upp_comparison_view_set_round (UPP_COMPARISON_VIEW (view), NULL);
  test_gui_iterate (100);
  responses = upp_store_list_responses (fixture->store, round, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < responses->len; i++)
    if (g_str_equal (upp_response_get_unit_name (g_ptr_array_index (responses, i)), "Falun"))
      falun = g_ptr_array_index (responses, i);
  g_assert_nonnull (falun);
  g_assert_true (upp_store_set_answer (fixture->store, round, falun, key,
                                       "Ändrat medan vyn var dold", NULL, &error));
  g_assert_no_error (error);
  upp_session_check_for_changes (session);
  test_gui_iterate (200);

  upp_comparison_view_set_round (UPP_COMPARISON_VIEW (view), live);
  test_gui_iterate (200);
  after = collect_response_cells (view);
  g_assert_cmpuint (after->len, ==, 66);
  for (guint i = 0; i < after->len; i++)
    {
      UppComparisonCell *cell = g_ptr_array_index (after, i);

      kept += g_object_get_data (G_OBJECT (cell), "made-before") != NULL;
      changed_shown |= g_str_equal (upp_comparison_cell_get_text (cell),
                                    "Ändrat medan vyn var dold");
    }
  /* All but Falun's row, whose response is a new object. */
  g_assert_cmpuint (kept, >=, 60);
  g_assert_true (changed_shown);
}

/* The text a cell hands to Pango (not the whole answer it holds). */
static const char *
shown_text (GtkWidget *cell)
{
  return upp_comparison_cell_get_shown_text (UPP_COMPARISON_CELL (cell));
}

/* An answer longer than the cell's lines ends in "…", also when the cut falls exactly at a
 * line break, where the lines shown are whole and nothing else would tell. */
static void
test_comparison_cut_at_line_break (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *four = upp_comparison_cell_new (4);
  GtkWidget *five = upp_comparison_cell_new (4);
  GtkWidget *crlf = upp_comparison_cell_new (4);
  GtkWidget *labelled = upp_comparison_cell_new (4);

  gtk_box_append (GTK_BOX (box), four);
  gtk_box_append (GTK_BOX (box), five);
  gtk_box_append (GTK_BOX (box), crlf);
  gtk_box_append (GTK_BOX (box), labelled);
  show_in_window (fixture, box, 400, 600);

  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (four), NULL, "Ett\nTvå\nTre\nFyra",
                                   NULL);
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (five), NULL,
                                   "Ett\nTvå\nTre\nFyra\nFem", NULL);
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (crlf), NULL,
                                   "Ett\r\nTvå\r\nTre\r\nFyra\r\nFem", NULL);
  /* A coded answer's label is the first line; three lines of text fill the cell. */
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (labelled), "Arbete pågår",
                                   "Ett\nTvå\nTre\nFyra", NULL);
  test_gui_iterate (100);

  g_assert_false (g_str_has_suffix (shown_text (four), "…"));
  g_assert_true (g_str_has_suffix (shown_text (five), "Fyra…"));
  g_assert_null (strstr (shown_text (five), "Fem"));
  g_assert_true (g_str_has_suffix (shown_text (crlf), "Fyra…"));
  g_assert_true (g_str_has_suffix (shown_text (labelled), "Tre…"));
  g_assert_false (upp_comparison_cell_is_ellipsized (UPP_COMPARISON_CELL (four)));
  g_assert_true (upp_comparison_cell_is_ellipsized (UPP_COMPARISON_CELL (five)));
  /* The cell still holds the whole answer, for the side panel and screen readers. */
  g_assert_cmpstr (upp_comparison_cell_get_text (UPP_COMPARISON_CELL (five)), ==,
                   "Ett\nTvå\nTre\nFyra\nFem");
}

/* The cell draws its own text: a paragraph longer than its lines is drawn ending in "…" in
 * the cell's width, and drawn again in full when the cell is widened; a short one is not cut;
 * an empty answer is a dim dash; a heading is in the accent colour. */
static void
test_comparison_cell_draws_ellipsized (Fixture       *fixture,
                                       gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *long_cell = upp_comparison_cell_new (2);
  GtkWidget *short_cell = upp_comparison_cell_new (2);
  GtkWidget *empty = upp_comparison_cell_new (2);
  GtkWidget *heading = upp_comparison_cell_new (1);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  /* About 1 700 pixels of text. */
  for (guint i = 0; i < 8; i++)
    g_string_append (paragraph, "samverkan kring barn och unga ");
  gtk_widget_set_size_request (long_cell, 300, -1);
  gtk_box_append (GTK_BOX (box), long_cell);
  gtk_box_append (GTK_BOX (box), short_cell);
  gtk_box_append (GTK_BOX (box), empty);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_widget_set_halign (long_cell, GTK_ALIGN_START);
  show_in_window (fixture, box, 1200, 600);

  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (long_cell), NULL, paragraph->str, NULL);
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (short_cell), NULL, "Ja", NULL);
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (empty), NULL, NULL, NULL);
  upp_comparison_cell_set_heading (UPP_COMPARISON_CELL (heading), "Södra Dalarna");
  test_gui_iterate (100);

  g_assert_cmpint (gtk_widget_get_width (long_cell), ==, 300);
  /* Not cut by characters: two lines of 300 pixels hold less than the paragraph. */
  g_assert_false (g_str_has_suffix (shown_text (long_cell), "…"));
  g_assert_true (upp_comparison_cell_is_ellipsized (UPP_COMPARISON_CELL (long_cell)));
  g_assert_false (upp_comparison_cell_is_ellipsized (UPP_COMPARISON_CELL (short_cell)));
  g_assert_cmpstr (shown_text (empty), ==, "—");
  g_assert_true (gtk_widget_has_css_class (empty, "dim-label"));
  g_assert_cmpstr (upp_comparison_cell_get_text (UPP_COMPARISON_CELL (empty)), ==, "");
  g_assert_true (gtk_widget_has_css_class (heading, "accent"));
  g_assert_false (gtk_widget_has_css_class (heading, "dim-label"));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (long_cell)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);

  /* Reused for an answer: the dash's dim style goes with it. */
  upp_comparison_cell_set_content (UPP_COMPARISON_CELL (empty), NULL, "Nej", NULL);
  g_assert_false (gtk_widget_has_css_class (empty, "dim-label"));

  /* Wide enough for the whole paragraph on its two lines: drawn in full. */
  gtk_widget_set_size_request (long_cell, 1150, -1);
  test_gui_iterate (200);
  g_assert_cmpint (gtk_widget_get_width (long_cell), ==, 1150);
  g_assert_false (upp_comparison_cell_is_ellipsized (UPP_COMPARISON_CELL (long_cell)));
}

static gboolean
is_matrix_view (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_COLUMN_VIEW (widget) && gtk_widget_has_css_class (widget, "comparison-matrix");
}

static gboolean
is_matches_button (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
         g_str_has_suffix (gtk_button_get_label (GTK_BUTTON (widget)), "→");
}

/* The search of the answers, not that of the unit filter's popover. */
static gboolean
is_answers_search_entry (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL;
}

/* The header's title widget of the matrix's column i (0: status), where the user sees it. */
static GtkWidget *
matrix_header_title (GtkWidget *matrix,
                     guint      i)
{
  for (GtkWidget *child = gtk_widget_get_first_child (matrix); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *title = gtk_widget_get_first_child (child);

      if (g_strcmp0 (gtk_widget_get_css_name (child), "header") != 0)
        continue;
      for (guint j = 0; j < i && title != NULL; j++)
        title = gtk_widget_get_next_sibling (title);
      return title;
    }
  return NULL;
}

/* Whether the column's title is wholly inside the scrolled window around the matrix. */
static gboolean
column_in_sight (GtkWidget *matrix,
                 guint      i)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (matrix, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *title = matrix_header_title (matrix, i);
  graphene_rect_t bounds;

  g_assert_nonnull (title);
  g_assert_true (gtk_widget_compute_bounds (title, scroller, &bounds));
  return bounds.origin.x >= -1 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (scroller) + 1;
}

static const char *
column_title (GtkWidget *matrix,
              guint      i)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (matrix)), i);

  return gtk_column_view_column_get_title (column);
}

/* A search whose matches are in columns out of sight says so, and the button (or Enter)
 * brings the next such column into sight. */
static void
test_comparison_matches_out_of_sight (Fixture       *fixture,
                                      gconstpointer  data)
{
  g_autoptr(UppRound) round = import_dalarna (fixture);
  GtkWidget *view;
  GtkWidget *matrix;
  GtkWidget *button;
  GtkWidget *entry;
  g_autofree char *two_out = NULL;
  g_autofree char *one_out = NULL;

  /* Question 2 (in sight at first) for one unit, question 6 (far right) for two. */
  test_set_answer (fixture->store, upp_round_get_uuid (round), "Säter", "structure",
                   "En zebrafink i styrgruppen.");
  test_set_answer (fixture->store, upp_round_get_uuid (round), "Falun", "other",
                   "Zebrafinkar.");
  test_set_answer (fixture->store, upp_round_get_uuid (round), "Leksand", "other",
                   "Om zebrafinken.");
  view = comparison_view_new (fixture, round);
  show_in_window (fixture, view, 1280, 800);
  matrix = test_gui_find_widget (view, is_matrix_view, NULL);
  g_assert_nonnull (matrix);
  button = test_gui_find_widget (view, is_matches_button, NULL);
  g_assert_null (button);
  g_assert_true (column_in_sight (matrix, 2));
  g_assert_false (column_in_sight (matrix, 6));

  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), "zebrafink");
  test_gui_iterate (300);
  g_assert_cmpuint (n_visible (view), ==, 3);
  /* Each question's column counts its matches. */
  g_assert_true (g_str_has_suffix (column_title (matrix, 2), " (1)"));
  g_assert_true (g_str_has_suffix (column_title (matrix, 6), " (2)"));
  g_assert_false (g_str_has_suffix (column_title (matrix, 3), ")"));

  two_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in columns out of sight →",
                                          "%u matches in columns out of sight →", 2), 2);
  button = test_gui_find_widget (view, is_matches_button, NULL);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, two_out);

  /* The button scrolls the column with the matches into sight; now question 2 is out. */
  g_signal_emit_by_name (button, "clicked");
  test_gui_iterate (300);
  g_assert_true (column_in_sight (matrix, 6));
  g_assert_false (column_in_sight (matrix, 2));
  one_out = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in columns out of sight →",
                                          "%u matches in columns out of sight →", 1), 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, one_out);

  /* Enter in the search goes on to the next, from the start again. */
  entry = test_gui_find_widget (view, is_answers_search_entry, NULL);
  g_assert_nonnull (entry);
  g_signal_emit_by_name (entry, "activate");
  test_gui_iterate (300);
  g_assert_true (column_in_sight (matrix, 2));
  g_assert_false (gtk_widget_get_visible (button) &&
                  g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), one_out) == 0);

  /* No search, no counts and no button. */
  upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (view), NULL);
  test_gui_iterate (200);
  g_assert_false (g_str_has_suffix (column_title (matrix, 6), ")"));
  g_assert_false (gtk_widget_get_visible (button));
}

/* Templates page */

static void
test_templates_page_list (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(UppRound) round = test_import_dalarna_round (fixture->store, 2025);
  GtkWidget *page = upp_templates_page_new ();
  GListModel *model;
  g_autoptr(UppTemplate) lok = NULL;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);

  model = upp_templates_page_get_templates (UPP_TEMPLATES_PAGE (page));
  /* LÖK, then the built-in SAMLA and checklist templates, by key. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  lok = g_list_model_get_item (model, 0);
  g_assert_cmpstr (upp_template_get_key (lok), ==, UPP_TEMPLATE_BUILTIN_LOK);
  g_assert_cmpuint (upp_template_get_n_questions (lok), ==, 6);
  g_assert_cmpuint (upp_templates_page_count_rounds (UPP_TEMPLATES_PAGE (page), lok), ==, 1);
}

static void
count_change (guint *changes)
{
  (*changes)++;
}

static GFile *
write_temp (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static char *
lok_json_with (const char *from,
               const char *to)
{
  g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
  g_autofree char *json = upp_template_to_json (lok);
  g_auto(GStrv) parts = g_strsplit (json, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strjoin (to, parts[0], parts[1], NULL);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static double
x_of_label (GtkWidget  *page,
            const char *text)
{
  GtkWidget *label = test_gui_find_widget (page, is_label_with_text, text);
  graphene_point_t point;

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_compute_point (label, page, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.x;
}

/* A template of one's own has no star, and its title still lines up with the built-in
 * ones'. */
static void
test_templates_page_titles_line_up (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
  g_autoptr(UppTemplate) own = upp_template_duplicate (lok, "egen", "Egen mall");
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  g_assert_true (upp_store_save_template (fixture->store, own, &error));
  g_assert_no_error (error);
  page = upp_templates_page_new ();
  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);

  g_assert_cmpfloat (x_of_label (page, "Egen mall"), ==,
                     x_of_label (page, upp_template_get_title (lok)));
}

static void
test_templates_page_import_export (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (page);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) imported = NULL;
  g_autoptr(UppTemplate) reread = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GFile) unknown_kind = NULL;
  g_autoptr(GFile) duplicate_key = NULL;
  g_autoptr(GFile) good = NULL;
  g_autoptr(GFile) exported = NULL;
  g_autofree char *json = NULL;
  GListModel *model;
  guint changes = 0;

  upp_templates_page_set_session (self, get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  model = upp_templates_page_get_templates (self);
  g_signal_connect_swapped (page, "changed", G_CALLBACK (count_change), &changes);

  broken = write_temp (fixture, "broken.json", "{ \"format\": \"uppfoljning-template\", ");
  g_assert_null (upp_templates_page_import_file (self, broken, &error));
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_JSON);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);

  json = lok_json_with ("\"kind\" : \"text\"", "\"kind\" : \"essay\"");
  unknown_kind = write_temp (fixture, "kind.json", json);
  g_assert_null (upp_templates_page_import_file (self, unknown_kind, &error));
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_UNKNOWN_KIND);
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);

  json = lok_json_with ("\"key\" : \"challenges\"", "\"key\" : \"good_examples\"");
  duplicate_key = write_temp (fixture, "dup.json", json);
  g_assert_null (upp_templates_page_import_file (self, duplicate_key, &error));
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY);
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  g_assert_cmpuint (changes, ==, 0);

  /* The built-in template itself is already there. */
  {
    g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
    g_autofree char *lok_json = upp_template_to_json (lok);
    g_autoptr(GFile) same = write_temp (fixture, "lok.json", lok_json);

    g_assert_null (upp_templates_page_import_file (self, same, &error));
    g_assert_error (error, UPP_TEMPLATES_PAGE_ERROR, UPP_TEMPLATES_PAGE_ERROR_EXISTS);
    g_clear_error (&error);
  }

  json = lok_json_with ("\"key\" : \"lok\"", "\"key\" : \"lok-imported\"");
  good = write_temp (fixture, "good.json", json);
  imported = upp_templates_page_import_file (self, good, &error);
  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 4);
  g_assert_cmpuint (changes, ==, 1);
  /* The file had the built-in template's uuid; that one is untouched. */
  {
    g_autoptr(UppTemplate) lok = upp_store_load_template (fixture->store, "lok", 0, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (upp_template_get_uuid (lok), !=, upp_template_get_uuid (imported));
    g_assert_cmpuint (upp_template_get_n_questions (lok), ==, 6);
  }

  exported = g_file_new_build_filename (fixture->dir, "out", "lok-imported.json", NULL);
  g_assert_false (upp_templates_page_export_file (self, imported, exported, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&exported);
  exported = g_file_new_build_filename (fixture->dir, "lok-imported.json", NULL);
  g_assert_true (upp_templates_page_export_file (self, imported, exported, &error));
  g_assert_no_error (error);
  reread = upp_template_new_from_file (exported, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_template_get_key (reread), ==, "lok-imported");
  g_assert_cmpuint (upp_template_get_n_questions (reread), ==, 6);
}

/* Template editor */

static GtkWidget *
find_row (GtkWidget  *widget,
          GType       type,
          const char *title,
          guint       nth)
{
  guint seen = 0;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *current = g_ptr_array_steal_index (stack, 0);

      if (G_TYPE_CHECK_INSTANCE_TYPE (current, type)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (current)), title) == 0
          && seen++ == nth)
        return current;
      for (GtkWidget *child = gtk_widget_get_first_child (current); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return NULL;
}

/* An entry row's text, or a text row's (several lines, e.g. "Question"). */
static void
set_row_text (GtkWidget  *root,
              const char *title,
              guint       nth,
              const char *text)
{
  GtkWidget *row = find_row (root, ADW_TYPE_PREFERENCES_ROW, title, nth);

  g_assert_nonnull (row);
  if (GTK_IS_EDITABLE (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  else
    {
      GtkWidget *view = test_gui_find_of_type (row, GTK_TYPE_TEXT_VIEW);

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
    }
}

/* The title of a question's key row. */
#define QUESTION_KEY "Key (made from the text if empty)"

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                              label) == 0;
}

static gboolean
is_button_with_tooltip (GtkWidget     *widget,
                        gconstpointer  tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* The label entries of the choices, in order. */
static void
collect_choice_labels (GtkWidget *widget,
                       GPtrArray *found)
{
  if (GTK_IS_ENTRY (widget) &&
      g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), "Label") == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_choice_labels (child, found);
}

/* A checklist's items typed as people do: one item with its three choices (labels only),
 * duplicated, the copies' texts changed; no key typed anywhere. */
static void
test_template_editor_keys_and_duplicate (Fixture       *fixture,
                                         gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  g_autoptr(UppTemplate) empty = upp_template_new ("", "");
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "Nedtecknad avtal/överenskommelse", "Ansvarsfördelning",
                          "Styrgrupp" };
  const char *keys[] = { "nedtecknad_avtal_overenskommelse", "ansvarsfordelning",
                         "styrgrupp" };
  const char *choice_labels[] = { "Klart", "Pågår", "Ej påbörjat" };
  const char *choice_keys[] = { "klart", "pagar", "ej_paborjat" };
  UppTemplateEditor *editor;
  GtkWidget *kind, *add_choice, *duplicate;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  upp_template_set_version (empty, 1);
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), empty, TRUE);
  g_object_ref (editor);
  test_gui_iterate (200);

  set_row_text (GTK_WIDGET (editor), "Title", 0, "Checklista för test");
  set_row_text (GTK_WIDGET (editor), "Question", 0, texts[0]);
  kind = find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Kind", 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), UPP_QUESTION_KIND_SINGLE_CHOICE);
  test_gui_iterate (100);
  add_choice = test_gui_find_widget (GTK_WIDGET (editor), is_button_labelled, "Add _Choice");
  g_assert_nonnull (add_choice);
  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    g_signal_emit_by_name (add_choice, "clicked");
  collect_choice_labels (GTK_WIDGET (editor), labels);
  g_assert_cmpuint (labels->len, ==, 3);
  for (guint i = 0; i < labels->len; i++)
    gtk_editable_set_text (GTK_EDITABLE (labels->pdata[i]), choice_labels[i]);

  /* Twice duplicated: the copies come below, numbered on. */
  test_gui_iterate (100);
  duplicate = test_gui_find_widget (GTK_WIDGET (editor), is_button_with_tooltip,
                                    "Duplicate Question");
  g_assert_nonnull (duplicate);
  g_signal_emit_by_name (duplicate, "clicked");
  g_signal_emit_by_name (duplicate, "clicked");
  set_row_text (GTK_WIDGET (editor), "Question", 1, texts[2]);
  set_row_text (GTK_WIDGET (editor), "Question", 2, texts[1]);
  set_row_text (GTK_WIDGET (editor), "Question", 1, texts[1]);
  set_row_text (GTK_WIDGET (editor), "Question", 2, texts[2]);

  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);

  stored = upp_store_load_template (fixture->store, "checklista_for_test", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpuint (upp_template_get_n_questions (stored), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      UppQuestion *question = upp_template_get_question (stored, i);
      GPtrArray *choices = upp_question_get_choices (question);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      g_assert_cmpstr (upp_question_get_key (question), ==, keys[i]);
      g_assert_cmpstr (upp_question_get_text (question), ==, texts[i]);
      g_assert_cmpstr (upp_question_get_number (question), ==, number);
      g_assert_cmpint (upp_question_get_kind (question), ==, UPP_QUESTION_KIND_SINGLE_CHOICE);
      g_assert_cmpuint (choices->len, ==, 3);
      for (guint j = 0; j < 3; j++)
        {
          UppChoice *choice = g_ptr_array_index (choices, j);

          g_assert_cmpstr (choice->key, ==, choice_keys[j]);
          g_assert_cmpstr (choice->label, ==, choice_labels[j]);
        }
    }

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static void
test_template_editor_new (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  g_autoptr(UppTemplate) empty = upp_template_new ("", "");
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplateEditor *editor;
  GtkWidget *kind;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  upp_template_set_version (empty, 1);
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), empty, TRUE);
  g_object_ref (editor);
  g_assert_false (upp_template_editor_is_read_only (editor));
  test_gui_iterate (200);

  /* Nothing filled in: the key is the first problem, explained in the dialog. */
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_error (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_INVALID);
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "key"));
  g_clear_error (&error);

  set_row_text (GTK_WIDGET (editor), "Key", 0, "small");
  set_row_text (GTK_WIDGET (editor), "Title", 0, "A small template");
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "no question text"));
  g_clear_error (&error);

  set_row_text (GTK_WIDGET (editor), "Question", 0, "How is it going?");
  kind = find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, "Kind", 0);
  g_assert_nonnull (kind);
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), UPP_QUESTION_KIND_SINGLE_CHOICE);
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "choice"));
  g_clear_error (&error);

  /* Yes/no fills in its two choices. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (kind), UPP_QUESTION_KIND_YES_NO);
  upp_template_editor_add_question (editor);
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 0, "q1");
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 1, "q1");
  set_row_text (GTK_WIDGET (editor), "Question", 1, "Anything else?");
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_nonnull (strstr (upp_template_editor_get_error (editor), "q1"));
  g_clear_error (&error);

  /* A key left empty is made from the text. */
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 0, "");
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 1, "other");
  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);

  stored = upp_store_load_template (fixture->store, "small", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_template_get_title (stored), ==, "A small template");
  g_assert_cmpuint (upp_template_get_n_questions (stored), ==, 2);
  g_assert_cmpint (upp_question_get_kind (upp_template_get_question (stored, 0)), ==,
                   UPP_QUESTION_KIND_YES_NO);
  g_assert_cmpuint (upp_question_get_choices (upp_template_get_question (stored, 0))->len, ==, 2);
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (stored, 0)), ==,
                   "how_is_it_going");
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (stored, 1)), ==, "other");
  /* The three built-in templates and the new one. */
  g_assert_cmpuint (g_list_model_get_n_items (upp_templates_page_get_templates (UPP_TEMPLATES_PAGE (page))), ==, 4);

  gtk_window_destroy (GTK_WINDOW (editor));
  g_object_unref (editor);
}

static GtkWidget *
find_toplevel (GType type)
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

/* The built-in checklist and SAMLA templates stay read-only as built-ins; a copy of either
 * edits and saves with its parts, choice set, item fields and table columns as they were. */
static void
test_template_editor_keeps_shapes (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  const char *builtins[] = { "vgr_checklista", "samla_uppfoljning" };

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);

  for (guint i = 0; i < G_N_ELEMENTS (builtins); i++)
    {
      g_autoptr(UppTemplate) builtin = NULL;
      g_autoptr(UppTemplate) copy = NULL;
      g_autoptr(UppTemplate) stored = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *saved = NULL;
      UppTemplateEditor *editor;

      builtin = upp_store_load_template (fixture->store, builtins[i], 0, &error);
      g_assert_no_error (error);
      g_assert_true (upp_template_uses_format_2 (builtin));

      editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), builtin, FALSE);
      g_assert_true (upp_template_editor_is_read_only (editor));
      gtk_window_destroy (GTK_WINDOW (editor));

      /* A copy, its first question reworded: everything else comes back as it was. */
      copy = upp_templates_page_dup_copy (UPP_TEMPLATES_PAGE (page), builtin);
      editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), copy, TRUE);
      g_assert_false (upp_template_editor_is_read_only (editor));
      g_assert_false (upp_template_editor_has_changes (editor));
      set_row_text (GTK_WIDGET (editor), "Question", 0, "Omformulerad fråga");
      g_assert_true (upp_template_editor_has_changes (editor));
      g_assert_true (upp_template_editor_save (editor, &error));
      g_assert_no_error (error);
      gtk_window_destroy (GTK_WINDOW (editor));

      upp_question_set_text (upp_template_get_question (copy, 0), "Omformulerad fråga");
      stored = upp_store_load_template (fixture->store, upp_template_get_key (copy), 0, &error);
      g_assert_no_error (error);
      g_assert_nonnull (stored);
      g_assert_cmpuint (upp_template_get_n_sections (stored), ==,
                        upp_template_get_n_sections (builtin));
      g_assert_cmpuint (upp_template_get_n_choice_sets (stored), ==,
                        upp_template_get_n_choice_sets (builtin));
      upp_template_set_id (copy, upp_template_get_id (stored));
      expected = upp_template_to_json (copy);
      saved = upp_template_to_json (stored);
      g_assert_cmpstr (saved, ==, expected);
    }
}

static void
test_template_editor_read_only (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(UppRound) round = test_import_dalarna_round (fixture->store, 2025);
  GtkWidget *page = upp_templates_page_new ();
  g_autoptr(UppTemplate) lok = NULL;
  g_autoptr(UppTemplate) copy = NULL;
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplateEditor *editor;
  GtkWidget *question;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  lok = upp_store_load_template (fixture->store, UPP_TEMPLATE_BUILTIN_LOK, 0, &error);
  g_assert_no_error (error);

  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), lok, FALSE);
  g_assert_true (upp_template_editor_is_read_only (editor));
  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_error (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_READ_ONLY);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A duplicate gets a free key and can be edited and stored. */
  copy = upp_templates_page_dup_copy (UPP_TEMPLATES_PAGE (page), lok);
  g_assert_cmpstr (upp_template_get_key (copy), ==, "lok-copy");
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), copy, TRUE);
  g_assert_false (upp_template_editor_is_read_only (editor));
  set_row_text (GTK_WIDGET (editor), "Question", 5, "Något annat?");
  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));

  stored = upp_store_load_template (fixture->store, "lok-copy", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_question_get_text (upp_template_get_question (stored, 5)), ==, "Något annat?");
  g_assert_false (upp_store_template_is_used (fixture->store, stored));

  /* Unused and not built in: editable. */
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), stored, FALSE);
  g_assert_false (upp_template_editor_is_read_only (editor));
  g_assert_false (upp_template_editor_has_changes (editor));

  /* A change is not thrown away on Esc or Cancel: closing asks first, and Discard closes. */
  g_object_ref (editor);
  set_row_text (GTK_WIDGET (editor), "Question", 5, "Något helt annat?");
  g_assert_true (upp_template_editor_has_changes (editor));
  gtk_window_close (GTK_WINDOW (editor));
  test_gui_iterate (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  question = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "discard");
  test_gui_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  g_clear_object (&stored);
  stored = upp_store_load_template (fixture->store, "lok-copy", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_question_get_text (upp_template_get_question (stored, 5)), ==, "Något annat?");
}


static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Moving and removing questions: the order is stored, numbers 1, 2, … follow it. */
static void
test_template_editor_reorder (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
  g_autoptr(UppTemplate) copy = NULL;
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplateEditor *editor;
  GtkWidget *first;
  GtkWidget *last;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  copy = upp_templates_page_dup_copy (UPP_TEMPLATES_PAGE (page), lok);
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), copy, TRUE);

  /* Question 1 (agreement) down one place. */
  first = find_row (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW, "1. LÖK-status", 0);
  g_assert_nonnull (first);
  g_assert_false (gtk_widget_get_sensitive (find_button (first, "Move Up")));
  g_signal_emit_by_name (find_button (first, "Move Down"), "clicked");
  /* The last one (other) removed. */
  last = find_row (GTK_WIDGET (editor), ADW_TYPE_EXPANDER_ROW, "6. Övrigt", 0);
  g_assert_nonnull (last);
  g_signal_emit_by_name (find_button (last, "Remove Question"), "clicked");

  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));

  stored = upp_store_load_template (fixture->store, upp_template_get_key (copy), 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_template_get_n_questions (stored), ==, 5);
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (stored, 0)), ==, "structure");
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (stored, 0)), ==, "1");
  g_assert_cmpstr (upp_question_get_key (upp_template_get_question (stored, 1)), ==, "agreement");
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (stored, 1)), ==, "2");
  g_assert_cmpuint (upp_question_get_choices (upp_template_get_question (stored, 1))->len, ==, 5);
  g_assert_null (upp_template_find_question (stored, "other"));
}

/* A new version asking under new keys: saving asks where each new question comes from,
 * proposing the old question of the close text, and stores what the user confirms. */
static void
test_template_editor_mapping (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *page = upp_templates_page_new ();
  g_autoptr(UppTemplate) lok = upp_template_new_builtin_lok ();
  g_autoptr(UppTemplate) copy = NULL;
  g_autoptr(UppTemplate) first = NULL;
  g_autoptr(UppTemplate) next = NULL;
  g_autoptr(UppTemplate) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reworded = NULL;
  g_autofree char *reworded_title = NULL;
  UppTemplateEditor *editor;
  GtkWidget *dialog;
  GtkWidget *renamed_row;
  GtkWidget *new_row;

  upp_templates_page_set_session (UPP_TEMPLATES_PAGE (page), get_session (fixture));
  show_in_window (fixture, page, 800, 600);
  copy = upp_templates_page_dup_copy (UPP_TEMPLATES_PAGE (page), lok);
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), copy, TRUE);
  g_assert_true (upp_template_editor_save (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  first = upp_store_load_template (fixture->store, upp_template_get_key (copy), 1, &error);
  g_assert_no_error (error);

  /* Version 2: question 2 reworded under a new key, question 6 replaced by a new one. */
  next = upp_template_duplicate (first, upp_template_get_key (first),
                                 upp_template_get_title (first));
  upp_template_set_version (next, 2);
  editor = upp_templates_page_open_editor (UPP_TEMPLATES_PAGE (page), next, TRUE);
  g_object_ref (editor);
  reworded = g_strconcat (upp_question_get_text (upp_template_find_question (first, "structure")),
                          " i dag", NULL);
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 1, "collaboration");
  set_row_text (GTK_WIDGET (editor), "Question", 1, reworded);
  set_row_text (GTK_WIDGET (editor), QUESTION_KEY, 5, "staff");
  set_row_text (GTK_WIDGET (editor), "Question", 5, "Hur många arbetar med frågan?");

  g_assert_false (upp_template_editor_save (editor, &error));
  g_assert_error (error, UPP_TEMPLATE_EDITOR_ERROR, UPP_TEMPLATE_EDITOR_ERROR_MAPPING);
  g_clear_error (&error);
  test_gui_iterate (100);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  reworded_title = g_strdup_printf ("2. %s", reworded);
  renamed_row = find_row (dialog, ADW_TYPE_COMBO_ROW, reworded_title, 0);
  new_row = find_row (dialog, ADW_TYPE_COMBO_ROW, "6. Hur många arbetar med frågan?", 0);
  g_assert_nonnull (renamed_row);
  g_assert_nonnull (new_row);
  /* Proposed: renamed from "structure" (the first old question offered), the other new. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (renamed_row)), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (new_row)), ==, 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  test_gui_iterate (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_object_unref (editor);

  stored = upp_store_load_template (fixture->store, upp_template_get_key (copy), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (stored, "collaboration")),
                    ((const char *[]) { "structure", NULL }));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (stored, "staff")),
                    ((const char *[]) { NULL }));
  g_assert_null (upp_question_get_from (upp_template_find_question (stored, "agreement")));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display; skipping the GUI tests.\n");
      return 77;
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/views/comparison/dalarna-cells", test_comparison_dalarna_cells);
  ADD ("/views/comparison/search", test_comparison_search);
  ADD ("/views/comparison/other-template", test_comparison_other_template);
  ADD ("/views/comparison/follows-changes", test_comparison_follows_changes);
  ADD ("/views/comparison/matches-out-of-sight", test_comparison_matches_out_of_sight);
  ADD ("/views/comparison/cut-at-line-break", test_comparison_cut_at_line_break);
  ADD ("/views/comparison/cell-draws-ellipsized", test_comparison_cell_draws_ellipsized);
  g_test_add ("/views/comparison/keeps-rows-when-shown-again", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_comparison_keeps_rows_when_shown_again, fixture_tear_down);
  g_test_add ("/views/comparison/keeps-grouped-rows-when-shown-again", Fixture,
              GINT_TO_POINTER (TRUE), fixture_set_up, test_comparison_keeps_rows_when_shown_again,
              fixture_tear_down);
  ADD ("/views/templates/list", test_templates_page_list);
  ADD ("/views/templates/import-export", test_templates_page_import_export);
  ADD ("/views/templates/titles-line-up", test_templates_page_titles_line_up);
  ADD ("/views/editor/new", test_template_editor_new);
  ADD ("/views/editor/keys-and-duplicate", test_template_editor_keys_and_duplicate);
  ADD ("/views/editor/read-only", test_template_editor_read_only);
  ADD ("/views/editor/keeps-shapes", test_template_editor_keeps_shapes);
  ADD ("/views/editor/reorder", test_template_editor_reorder);
  ADD ("/views/editor/mapping", test_template_editor_mapping);
#undef ADD

  return g_test_run ();
}

/* test-coding.c: coding passages in the window: the interview form and the coding view
 *
 * The done-when test of issue 13: passages of two units coded in the window (select words,
 * Ctrl+T, a theme typed into the picker), the theme renamed, the answer's text edited around
 * the passage; the coding is intact in the matrix, in the workbook's "Teman" sheet and after
 * an exchange to a second database. And:
 * highlights come back with the form, a coding is removed from the form and from the view.
 *
 * UPP_CODING_DUMP_DIR=/tmp/x keeps screenshots of the windows to look at.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "export/export-xlsx.h"
#include "test-gui-util.h"
#include "test-util.h"
#include "upp-coding-highlight.h"
#include "upp-coding-view.h"
#include "upp-coding.h"
#include "upp-question-card.h"
#include "upp-question.h"
#include "upp-response-form.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-theme-matrix.h"
#include "upp-theme-picker.h"
#include "upp-theme.h"

#define QUESTION "challenges"
#define FALUN_TEXT   "Samverkan kring SIP fungerar bra. Personalbrist gör att det tar tid."
#define FALUN_CODED  "Personalbrist gör att det tar tid"
#define LEKSAND_TEXT "Svårt att rekrytera sjuksköterskor till IBM. Lokalerna är bra."
#define LEKSAND_CODED "Svårt att rekrytera sjuksköterskor"
#define PREFIX "Nytt i år: "

typedef struct
{
  char       *dir;
  UppStore   *store;     /* another connection than the session's, as the CLI beside it */
  UppRound   *round;
  UppSession *session;
  UppRound   *session_round;
  GtkWidget  *form_window;
  GtkWidget  *form;
  GtkWidget  *view_window;
  GtkWidget  *view;
} Fixture;

static guint
char_offset (const char *text,
             const char *passage)
{
  const char *at = strstr (text, passage);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static GtkWidget *
present (GtkWidget *child,
         int        width,
         int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static guint
position_of (Fixture    *fixture,
             const char *unit)
{
  g_autoptr(GListModel) responses = upp_session_dup_responses (fixture->session,
                                                               fixture->session_round);

  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

      if (g_str_equal (upp_response_get_unit_name (response), unit))
        return i;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *uuid;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "coding");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);
  uuid = upp_round_get_uuid (fixture->round);
  test_set_answer (fixture->store, uuid, "Falun", QUESTION, FALUN_TEXT);
  test_set_answer (fixture->store, uuid, "Leksand", QUESTION, LEKSAND_TEXT);

  fixture->session = upp_session_new (upp_store_get_path (fixture->store));
  g_assert_true (upp_session_open (fixture->session, &error));
  g_assert_no_error (error);
  fixture->session_round = upp_session_find_round (fixture->session, uuid);
  g_assert_nonnull (fixture->session_round);

  fixture->form = g_object_new (UPP_TYPE_RESPONSE_FORM, "session", fixture->session,
                                "round", fixture->session_round, NULL);
  fixture->form_window = present (fixture->form, 1000, 760);
  upp_response_form_set_position (UPP_RESPONSE_FORM (fixture->form),
                                  position_of (fixture, "Falun"));
  fixture->view = upp_coding_view_new ();
  g_object_set (fixture->view, "session", fixture->session, "round", fixture->session_round,
                NULL);
  upp_coding_view_set_question_key (UPP_CODING_VIEW (fixture->view), QUESTION);
  fixture->view_window = present (fixture->view, 1000, 760);
  test_gui_iterate (300);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gpointer session = fixture->session;

  gtk_window_destroy (GTK_WINDOW (fixture->form_window));
  gtk_window_destroy (GTK_WINDOW (fixture->view_window));
  test_gui_iterate (100);
  g_object_add_weak_pointer (G_OBJECT (fixture->session), &session);
  g_object_unref (fixture->session);
  for (guint i = 0; i < 100 && session != NULL; i++)
    test_gui_iterate (20);
  g_assert_null (session);
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
}


static gboolean
is_picker (GtkWidget     *widget,
           gconstpointer  unused)
{
  return UPP_IS_THEME_PICKER (widget);
}

static gboolean
is_remove_button_of (GtkWidget     *widget,
                     gconstpointer  accessible_name)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove Coding") == 0;
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static GtkTextView *
form_text_view (Fixture *fixture)
{
  GtkWidget *card = test_gui_find_widget (fixture->form, test_gui_is_card_of, QUESTION);

  g_assert_nonnull (card);
  return GTK_TEXT_VIEW (upp_question_card_get_text_view (UPP_QUESTION_CARD (card)));
}

static void
select_passage (GtkTextView *text_view,
                guint        start,
                guint        length)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter from, to;

  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, start + length);
  gtk_text_buffer_select_range (buffer, &from, &to);
  /* The focused answer scrolls into sight. */
  test_gui_iterate (200);
}

/* Types name into the open picker under parent and presses Enter; at once, without running
 * the main loop in between, when quickly. */
static void
pick_theme_full (GtkWidget  *parent,
                 const char *name,
                 gboolean    quickly)
{
  GtkWidget *picker = test_gui_find_widget (parent, is_picker, NULL);
  GtkEditable *entry;

  g_assert_nonnull (picker);
  g_assert_true (gtk_widget_get_visible (picker));
  entry = upp_theme_picker_get_search_entry (UPP_THEME_PICKER (picker));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (entry))
                 || gtk_widget_is_focus (GTK_WIDGET (entry))
                 || gtk_widget_get_focus_child (GTK_WIDGET (entry)) != NULL);
  gtk_editable_set_text (entry, name);
  if (!quickly)
    test_gui_iterate (50);
  g_signal_emit_by_name (entry, "activate");
  if (!quickly)
    test_gui_iterate (50);
  g_assert_false (gtk_widget_get_visible (picker));
}

static void
pick_theme (GtkWidget  *parent,
            const char *name)
{
  pick_theme_full (parent, name, FALSE);
}

static GPtrArray *
list_codings (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *codings = upp_store_list_codings (fixture->store, fixture->round, NULL, NULL,
                                               &error);

  g_assert_no_error (error);
  return codings;
}

static UppCoding *
find_coding (GPtrArray  *codings,
             const char *unit)
{
  for (guint i = 0; i < codings->len; i++)
    if (g_str_equal (upp_coding_get_unit_name (g_ptr_array_index (codings, i)), unit))
      return g_ptr_array_index (codings, i);
  return NULL;
}

/* The codings highlighted at a character of the text view. */
static GPtrArray *
highlighted_at (GtkTextView *text_view,
                guint        offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_offset (buffer, &at, offset);
  return upp_coding_highlight_dup_codings_in (buffer, &at, &at);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shows (gpointer data)
{
  LabelWait *wait = data;

  return test_gui_find_widget (wait->root, is_mapped_label, wait->text) != NULL;
}

static gboolean
label_gone (gpointer data)
{
  return !label_shows (data);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} TextWait;

static gboolean
falun_saved (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *stored = test_dup_answer_text (wait->fixture->store,
                                                  upp_round_get_uuid (wait->fixture->round),
                                                  "Falun", QUESTION);

  return g_str_equal (stored, wait->text);
}

typedef struct
{
  GtkTextView *text_view;
  guint        offset;
  guint        start;
} HighlightWait;

/* The highlight at offset is the stored coding that starts at start. */
static gboolean
highlight_refreshed (gpointer data)
{
  HighlightWait *wait = data;
  g_autoptr(GPtrArray) codings = highlighted_at (wait->text_view, wait->offset);

  return codings->len == 1
         && upp_coding_get_start (g_ptr_array_index (codings, 0)) == wait->start;
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *trigger,
              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *named = gtk_shortcut_get_action (shortcut);

          if (g_str_equal (text, trigger) && GTK_IS_NAMED_ACTION (named)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (named)),
                              action))
            return TRUE;
        }
    }
  return FALSE;
}

/* The context menu of a text view: the item labels of its extra menu. */
static gboolean
menu_has_item (GtkTextView *text_view,
               const char  *label)
{
  GMenuModel *menu = gtk_text_view_get_extra_menu (text_view);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item)
          && g_str_equal (item, label))
        return TRUE;
    }
  return FALSE;
}

static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("UPP_CODING_DUMP_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  test_gui_iterate (300);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot),
                          gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_done_when (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) highlighted = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(UppThemeMatrix) matrix = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "coding.xlsx", NULL);
  g_autofree char *out = NULL;
  GtkTextView *form_view = form_text_view (fixture);
  GtkTextView *leksand_view;
  GtkTextIter start;
  guint falun_start = char_offset (FALUN_TEXT, FALUN_CODED);
  guint falun_length = g_utf8_strlen (FALUN_CODED, -1);
  guint prefix_length = g_utf8_strlen (PREFIX, -1);
  g_autofree char *edited = g_strconcat (PREFIX, FALUN_TEXT, NULL);
  TextWait saved = { fixture, edited };
  HighlightWait moved = { form_view, falun_start + prefix_length + 1,
                          falun_start + prefix_length };
  LabelWait renamed = { fixture->view, "Bemanning" };
  const char *script =
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "sheet = book[sys.argv[2]]\n"
    "rows = [[c.value for c in r] for r in sheet.iter_rows()]\n"
    "assert rows[0][2:] == ['Bemanning'], rows[0]\n"
    "table = {(r[0], r[1]): r[2:] for r in rows[1:]}\n"
    "assert len(table) == 11, table\n"
    "assert table[('Falun', 2025)] == [1], table\n"
    "assert table[('Leksand', 2025)] == [1], table\n"
    "assert sum(v[0] for v in table.values()) == 2, table\n"
    "print('ok')\n";
  /* "Teman" in Swedish; the test runs untranslated. */
  const char *argv[] = { "/usr/bin/python3", "-c", script, path,
                         g_dgettext (GETTEXT_PACKAGE, "Themes"), NULL };

  /* Ctrl+T codes the selection in the form; without one, the picker does not open. */
  g_assert_true (has_shortcut (test_gui_find_widget (fixture->form, test_gui_is_card_of, QUESTION),
                              "<Control>t", "card.code-selection"));
  g_assert_true (has_shortcut (fixture->view, "<Control>t", "coding.code-selection"));
  gtk_widget_grab_focus (GTK_WIDGET (form_view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_view), "card.code-selection",
                                             NULL));
  g_assert_null (test_gui_find_widget (fixture->form, is_picker, NULL));

  /* A passage of Falun's answer, coded with a theme that the picker creates. */
  select_passage (form_view, falun_start, falun_length);
  g_assert_true (menu_has_item (form_view, "Code Selection…"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_view), "card.code-selection",
                                             NULL));
  maybe_screenshot (fixture->form_window, "form-picker.png");
  pick_theme (fixture->form, "Personalbrist");
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (upp_coding_get_unit_name (g_ptr_array_index (codings, 0)), ==, "Falun");
  g_assert_cmpstr (upp_coding_get_question_key (g_ptr_array_index (codings, 0)), ==, QUESTION);
  g_assert_cmpstr (upp_coding_get_text (g_ptr_array_index (codings, 0)), ==, FALUN_CODED);
  g_assert_cmpstr (upp_coding_get_theme_name (g_ptr_array_index (codings, 0)), ==,
                   "Personalbrist");
  theme = upp_store_find_theme (fixture->store, "20", "Personalbrist", &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_theme_get_kind (theme), ==, UPP_THEME_KIND_NEUTRAL);
  /* Highlighted, and the context menu offers to remove it. */
  highlighted = highlighted_at (form_view, falun_start + 1);
  g_assert_cmpuint (highlighted->len, ==, 1);
  g_clear_pointer (&highlighted, g_ptr_array_unref);
  highlighted = highlighted_at (form_view, falun_start - 2);
  g_assert_cmpuint (highlighted->len, ==, 0);
  g_clear_pointer (&highlighted, g_ptr_array_unref);
  g_assert_true (menu_has_item (form_view, "Remove Coding “Personalbrist”"));
  maybe_screenshot (fixture->form_window, "form-coded.png");

  /* A passage of Leksand's answer, in the coding view, with the theme there is: its name
   * typed in another case picks it. */
  test_gui_iterate (500);
  leksand_view = upp_coding_view_get_text_view (UPP_CODING_VIEW (fixture->view), "Leksand");
  g_assert_nonnull (leksand_view);
  select_passage (leksand_view, 0, g_utf8_strlen (LEKSAND_CODED, -1));
  g_assert_true (gtk_widget_activate_action (fixture->view, "coding.code-selection", NULL));
  pick_theme (fixture->view, "personalbrist");
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 2);
  g_assert_cmpstr (upp_coding_get_text (find_coding (codings, "Leksand")), ==, LEKSAND_CODED);
  g_assert_cmpstr (upp_coding_get_theme_uuid (find_coding (codings, "Leksand")), ==,
                   upp_theme_get_uuid (theme));
  highlighted = highlighted_at (leksand_view, 1);
  g_assert_cmpuint (highlighted->len, ==, 1);
  g_clear_pointer (&highlighted, g_ptr_array_unref);
  maybe_screenshot (fixture->view_window, "coding-view.png");

  /* The theme renamed on the other connection: the view follows by itself. */
  g_assert_true (upp_store_rename_theme (fixture->store, theme, "Bemanning", &error));
  g_assert_no_error (error);
  g_assert_true (test_gui_wait_until (label_shows, &renamed, 10000));

  /* Words typed before the passage in the form: saved by the form, the coding follows its
   * words, in the store and in the highlight. */
  gtk_widget_grab_focus (GTK_WIDGET (form_view));
  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (form_view), &start);
  gtk_text_buffer_insert (gtk_text_view_get_buffer (form_view), &start, PREFIX, -1);
  g_assert_true (test_gui_wait_until (falun_saved, &saved, 10000));
  g_assert_true (test_gui_wait_until (highlight_refreshed, &moved, 10000));
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 2);
  g_assert_cmpuint (upp_coding_get_start (find_coding (codings, "Falun")), ==,
                    falun_start + prefix_length);
  g_assert_cmpstr (upp_coding_get_text (find_coding (codings, "Falun")), ==, FALUN_CODED);
  g_assert_false (upp_coding_get_flagged (find_coding (codings, "Falun")));
  g_assert_cmpstr (upp_coding_get_theme_name (find_coding (codings, "Falun")), ==, "Bemanning");

  /* The matrix and the workbook's "Teman" sheet count both units. */
  rounds = test_rounds_of (fixture->round);
  matrix = upp_theme_matrix_new (fixture->store, rounds, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (upp_theme_matrix_get_n_themes (matrix), ==, 1);
  g_assert_cmpstr (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, 0)), ==,
                   "Bemanning");
  for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
    {
      const char *unit = upp_theme_matrix_get_unit_name (matrix, r);
      gboolean coded = g_str_equal (unit, "Falun") || g_str_equal (unit, "Leksand");

      g_assert_cmpuint (upp_theme_matrix_get_count (matrix, r, 0), ==, coded ? 1 : 0);
    }
  g_assert_true (upp_export_xlsx (fixture->store, rounds, path, &error));
  g_assert_no_error (error);
  out = test_run (argv, NULL);
  g_test_message ("%s", out);

  /* Sent to a second computer, the coding arrives with its theme's new name and its moved
   * place, and the matrix there is the same. */
  {
    g_autofree char *other_dir = test_make_temp_dir ();
    g_autoptr(UppStore) other = test_open_store (other_dir, "other");
    g_autofree char *file = test_export_exchange (fixture->store, fixture->dir, "coded",
                                                  upp_round_get_uuid (fixture->round));
    g_autoptr(UppExchangeSummary) summary = test_import_exchange (other, file, 0);
    g_autoptr(GPtrArray) other_rounds = upp_store_list_rounds (other, &error);
    g_autoptr(GPtrArray) other_codings = NULL;
    g_autoptr(UppThemeMatrix) other_matrix = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (other_rounds->len, ==, 1);
    other_codings = upp_store_list_codings (other, other_rounds->pdata[0], NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (other_codings->len, ==, 2);
    g_assert_cmpuint (upp_coding_get_start (find_coding (other_codings, "Falun")), ==,
                      falun_start + prefix_length);
    g_assert_cmpstr (upp_coding_get_text (find_coding (other_codings, "Falun")), ==,
                     FALUN_CODED);
    g_assert_cmpstr (upp_coding_get_theme_name (find_coding (other_codings, "Leksand")), ==,
                     "Bemanning");
    other_matrix = upp_theme_matrix_new (other, other_rounds, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (upp_theme_matrix_get_n_themes (other_matrix), ==, 1);
    g_assert_cmpuint (upp_theme_matrix_get_n_rows (other_matrix), ==,
                      upp_theme_matrix_get_n_rows (matrix));
    for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
      {
        g_assert_cmpstr (upp_theme_matrix_get_unit_name (other_matrix, r), ==,
                         upp_theme_matrix_get_unit_name (matrix, r));
        g_assert_cmpuint (upp_theme_matrix_get_count (other_matrix, r, 0), ==,
                          upp_theme_matrix_get_count (matrix, r, 0));
      }
    g_clear_pointer (&summary, upp_exchange_summary_free);
    test_close_store (&other, &other_dir);
  }
}

static void
code_falun (Fixture *fixture)
{
  GtkTextView *form_view = form_text_view (fixture);

  select_passage (form_view, char_offset (FALUN_TEXT, FALUN_CODED),
                  g_utf8_strlen (FALUN_CODED, -1));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_view), "card.code-selection",
                                             NULL));
  pick_theme (fixture->form, "Personalbrist");
}

/* The form of another unit and back: the highlight is read from the store again. */
static void
test_highlight_after_reopening (Fixture       *fixture,
                                gconstpointer  user_data)
{
  guint falun_start = char_offset (FALUN_TEXT, FALUN_CODED);
  g_autoptr(GPtrArray) highlighted = NULL;

  code_falun (fixture);
  upp_response_form_set_position (UPP_RESPONSE_FORM (fixture->form),
                                  position_of (fixture, "Leksand"));
  test_gui_iterate (100);
  highlighted = highlighted_at (form_text_view (fixture), 1);
  g_assert_cmpuint (highlighted->len, ==, 0);
  g_clear_pointer (&highlighted, g_ptr_array_unref);

  upp_response_form_set_position (UPP_RESPONSE_FORM (fixture->form),
                                  position_of (fixture, "Falun"));
  test_gui_iterate (100);
  highlighted = highlighted_at (form_text_view (fixture), falun_start);
  g_assert_cmpuint (highlighted->len, ==, 1);
  g_assert_cmpstr (upp_coding_get_text (g_ptr_array_index (highlighted, 0)), ==, FALUN_CODED);
  g_clear_pointer (&highlighted, g_ptr_array_unref);
  highlighted = highlighted_at (form_text_view (fixture), falun_start - 2);
  g_assert_cmpuint (highlighted->len, ==, 0);
}

/* The form's context menu removes a coding; so does the button of its label in the view. */
static void
test_remove (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) highlighted = NULL;
  guint falun_start = char_offset (FALUN_TEXT, FALUN_CODED);
  LabelWait chip = { fixture->view, "Personalbrist" };
  GtkWidget *button;

  code_falun (fixture);
  code_falun (fixture);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_text_view (fixture)),
                                             "card.remove-coding", "s",
                                             upp_coding_get_uuid (g_ptr_array_index (codings,
                                                                                     0))));
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  highlighted = highlighted_at (form_text_view (fixture), falun_start + 1);
  g_assert_cmpuint (highlighted->len, ==, 0);
  /* The view follows the form. */
  g_assert_true (test_gui_wait_until (label_gone, &chip, 10000));

  code_falun (fixture);
  g_assert_true (test_gui_wait_until (label_shows, &chip, 10000));
  button = test_gui_find_widget (fixture->view, is_remove_button_of, NULL);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  test_gui_iterate (100);
  g_assert_null (test_gui_find_widget (fixture->view, is_mapped_label, "Personalbrist"));
}

/* Words typed just before Ctrl+T are saved first: the passage is the selected words in the
 * stored text, not what was there before. */
static void
test_code_unsaved_text (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkTextView *form_view = form_text_view (fixture);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (form_view);
  guint start = g_utf8_strlen (PREFIX, -1) + char_offset (FALUN_TEXT, FALUN_CODED);
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *stored = NULL;
  GtkTextIter at, from, to;

  gtk_widget_grab_focus (GTK_WIDGET (form_view));
  gtk_text_buffer_get_start_iter (buffer, &at);
  gtk_text_buffer_insert (buffer, &at, PREFIX, -1);
  gtk_text_buffer_get_iter_at_offset (buffer, &from, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, start + g_utf8_strlen (FALUN_CODED, -1));
  gtk_text_buffer_select_range (buffer, &from, &to);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form_view), "card.code-selection",
                                             NULL));
  pick_theme_full (fixture->form, "Personalbrist", TRUE);

  stored = test_dup_answer_text (fixture->store, upp_round_get_uuid (fixture->round), "Falun",
                                 QUESTION);
  g_assert_true (g_str_has_prefix (stored, PREFIX));
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 1);
  g_assert_cmpstr (upp_coding_get_text (g_ptr_array_index (codings, 0)), ==, FALUN_CODED);
  g_assert_cmpuint (upp_coding_get_start (g_ptr_array_index (codings, 0)), ==, start);
}

typedef struct
{
  UppCodingView *view;
  const char    *unit;
  const char    *text;
} ViewTextWait;

static gboolean
view_shows_text (gpointer data)
{
  ViewTextWait *wait = data;
  GtkTextView *text_view = upp_coding_view_get_text_view (wait->view, wait->unit);
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (text_view == NULL || !gtk_widget_get_visible (GTK_WIDGET (text_view)))
    return FALSE;
  buffer = gtk_text_view_get_buffer (text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_str_equal (text, wait->text);
}

/* An answer saved on another connection shows in the view by itself; words selected in an
 * answer that changed since it was shown are not coded (their place in the stored text is
 * another), and the view shows the new text. */
static void
test_view_follows_answers (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char *uuid = upp_round_get_uuid (fixture->round);
  ViewTextWait borlange = { UPP_CODING_VIEW (fixture->view), "Borlänge",
                            "Lång väntan på SIP." };
  ViewTextWait leksand = { UPP_CODING_VIEW (fixture->view), "Leksand", "Ny text från Leksand." };
  g_autoptr(GPtrArray) codings = NULL;
  GtkTextView *text_view;

  g_assert_false (view_shows_text (&borlange));
  test_set_answer (fixture->store, uuid, "Borlänge", QUESTION, borlange.text);
  g_assert_true (test_gui_wait_until (view_shows_text, &borlange, 10000));

  text_view = upp_coding_view_get_text_view (UPP_CODING_VIEW (fixture->view), "Leksand");
  select_passage (text_view, 0, 5);
  test_set_answer (fixture->store, uuid, "Leksand", QUESTION, leksand.text);
  g_assert_true (gtk_widget_activate_action (fixture->view, "coding.code-selection", NULL));
  g_assert_null (test_gui_find_widget (fixture->view, is_picker, NULL));
  codings = list_codings (fixture);
  g_assert_cmpuint (codings->len, ==, 0);
  g_assert_true (view_shows_text (&leksand));
}

static gboolean
is_coding_view (GtkWidget     *widget,
                gconstpointer  unused)
{
  return UPP_IS_CODING_VIEW (widget);
}

/* The round page shows the view as its "coding" tab, with its session and round. */
static void
test_round_page_tab (Fixture       *fixture,
                     gconstpointer  user_data)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (UPP_TYPE_ROUND_PAGE,
                                                     "session", fixture->session,
                                                     "round", fixture->session_round, NULL));
  GtkWidget *view = test_gui_find_widget (page, is_coding_view, NULL);
  AdwViewStackPage *stack_page;

  g_assert_nonnull (view);
  g_assert_true (upp_coding_view_get_session (UPP_CODING_VIEW (view)) == fixture->session);
  /* The view gets the round when its tab is first shown, and lets go of it when hidden. */
  g_assert_null (upp_coding_view_get_round (UPP_CODING_VIEW (view)));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_parent (view)), "coding");
  g_assert_true (upp_coding_view_get_round (UPP_CODING_VIEW (view)) == fixture->session_round);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_parent (view)),
                                         "overview");
  g_assert_null (upp_coding_view_get_round (UPP_CODING_VIEW (view)));
  stack_page = adw_view_stack_get_page (ADW_VIEW_STACK (gtk_widget_get_parent (view)), view);
  g_assert_cmpstr (adw_view_stack_page_get_name (stack_page), ==, "coding");
  g_assert_cmpstr (adw_view_stack_page_get_title (stack_page), ==, "Coding");
  g_object_unref (page);
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

  g_test_add ("/coding/done-when", Fixture, NULL, fixture_set_up, test_done_when,
              fixture_tear_down);
  g_test_add ("/coding/highlight-after-reopening", Fixture, NULL, fixture_set_up,
              test_highlight_after_reopening, fixture_tear_down);
  g_test_add ("/coding/remove", Fixture, NULL, fixture_set_up, test_remove,
              fixture_tear_down);
  g_test_add ("/coding/code-unsaved-text", Fixture, NULL, fixture_set_up,
              test_code_unsaved_text, fixture_tear_down);
  g_test_add ("/coding/view-follows-answers", Fixture, NULL, fixture_set_up,
              test_view_follows_answers, fixture_tear_down);
  g_test_add ("/coding/round-page-tab", Fixture, NULL, fixture_set_up, test_round_page_tab,
              fixture_tear_down);

  return g_test_run ();
}

/* test-themes-view.c: the themes view in a real window: the units × themes matrix and the
 * factor table follow passages coded on another connection, without being refreshed; the
 * codebook dialog adds, renames and merges themes, lists a theme's passages of every round
 * and chooses the factor table's quotes
 *
 * UPP_THEMES_DUMP_DIR=/tmp/x keeps a screenshot of the window to look at.
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
#include "upp-codebook-dialog.h"
#include "upp-coding.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"
#include "upp-themes-view.h"

#define DALARNA "20"

#define FALUN_TEXT    "Samverkan kring SIP fungerar bra. Personalbrist gör att det tar tid."
#define LEKSAND_TEXT  "Gemensamma utbildningar och samverkan på ledningsnivå."
#define BORLANGE_TEXT "Svårt att rekrytera sjuksköterskor till IBM."

typedef struct
{
  char       *dir;
  UppStore   *store;     /* another connection than the session's, as the CLI beside it */
  UppRound   *round;
  UppTheme   *cooperation;
  UppTheme   *staff;
} Fixture;

static UppTheme *
add_theme (UppStore     *store,
           const char   *name,
           UppThemeKind  kind)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_add_theme (store, DALARNA, name, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (theme);
  return theme;
}

/* Codes the characters of the unit's answer to question that spell passage. */
static void
code (Fixture    *fixture,
      const char *unit,
      const char *question,
      const char *text,
      const char *passage,
      UppTheme   *theme)
{
  g_autoptr(UppResponse) response = test_find_response (fixture->store, fixture->round, unit);
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, passage);
  glong start;

  g_assert_nonnull (at);
  start = g_utf8_pointer_to_offset (text, at);
  coding = upp_store_code_passage (fixture->store, fixture->round, response, question, start,
                                   start + g_utf8_strlen (passage, -1), theme, &error);
  g_assert_no_error (error);
  g_assert_nonnull (coding);
  g_assert_cmpstr (upp_coding_get_text (coding), ==, passage);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *uuid;

  fixture->dir = test_make_temp_dir ();
  fixture->store = test_open_store (fixture->dir, "themes-view");
  fixture->round = test_import_dalarna_round (fixture->store, 2025);
  uuid = upp_round_get_uuid (fixture->round);
  test_set_answer (fixture->store, uuid, "Falun", "challenges", FALUN_TEXT);
  test_set_answer (fixture->store, uuid, "Leksand", "good_examples", LEKSAND_TEXT);
  test_set_answer (fixture->store, uuid, "Borlänge", "challenges", BORLANGE_TEXT);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->cooperation);
  g_clear_object (&fixture->staff);
  g_clear_object (&fixture->round);
  test_close_store (&fixture->store, &fixture->dir);
}

static gboolean
is_grid (GtkWidget     *widget,
         gconstpointer  unused)
{
  return GTK_IS_GRID (widget);
}

static gboolean
is_mapped_label (GtkWidget     *widget,
                 gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_factor_row (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static guint
find_column (UppThemeMatrix *matrix,
             const char     *theme)
{
  for (guint c = 0; c < upp_theme_matrix_get_n_themes (matrix); c++)
    if (g_str_equal (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, c)), theme))
      return c;
  g_assert_not_reached ();
}

static guint
find_row (UppThemeMatrix *matrix,
          const char     *unit)
{
  for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
    if (g_str_equal (upp_theme_matrix_get_unit_name (matrix, r), unit))
      return r;
  g_assert_not_reached ();
}

/* The text of the matrix's cell on screen, as the grid shows it. */
static const char *
cell_text (UppThemesView *view,
           const char    *unit,
           const char    *theme)
{
  UppThemeMatrix *matrix = upp_themes_view_get_matrix (view);
  GtkWidget *grid = test_gui_find_widget (GTK_WIDGET (view), is_grid, NULL);
  GtkWidget *cell;

  g_assert_nonnull (matrix);
  g_assert_nonnull (grid);
  cell = gtk_grid_get_child_at (GTK_GRID (grid), find_column (matrix, theme) + 1,
                                find_row (matrix, unit) + 1);
  g_assert_true (GTK_IS_LABEL (cell));
  return gtk_label_get_label (GTK_LABEL (cell));
}

/* The factor row's subtitle (the quote) and its number of units. */
static void
assert_factor (UppThemesView *view,
               const char    *theme,
               const char    *quote,
               const char    *units)
{
  GtkWidget *row = test_gui_find_widget (GTK_WIDGET (view), is_factor_row, theme);

  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), quote));
  g_assert_nonnull (test_gui_find_widget (row, is_mapped_label, units));
}

typedef struct
{
  UppThemesView *view;
  const char    *unit;
  const char    *theme;
  const char    *text;
} CellWait;

static gboolean
cell_shows (gpointer data)
{
  CellWait *wait = data;
  UppThemeMatrix *matrix = upp_themes_view_get_matrix (wait->view);

  if (matrix == NULL || upp_theme_matrix_get_n_themes (matrix) == 0)
    return FALSE;
  for (guint c = 0; c < upp_theme_matrix_get_n_themes (matrix); c++)
    if (g_str_equal (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, c)), wait->theme))
      return g_strcmp0 (cell_text (wait->view, wait->unit, wait->theme), wait->text) == 0;
  return FALSE;
}

/* The view follows the session by itself: what another connection commits shows after the
 * session's next look at the database, without anything being called. */
static void
wait_for_cell (UppThemesView *view,
               const char    *unit,
               const char    *theme,
               const char    *text)
{
  CellWait wait = { view, unit, theme, text };

  test_gui_wait_until (cell_shows, &wait, 10000);
  g_assert_cmpstr (cell_text (view, unit, theme), ==, text);
}

static void
maybe_screenshot (GtkWidget  *window,
                  const char *name)
{
  const char *dir = g_getenv ("UPP_THEMES_DUMP_DIR");
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
test_view (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = upp_themes_view_new ();
  gpointer window_pointer = window;
  gpointer view_pointer = view;
  gpointer session_pointer = session;
  g_autoptr(UppTheme) premises = NULL;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  g_object_set (view, "session", session,
                "round", upp_session_find_round (session, upp_round_get_uuid (fixture->round)),
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  /* No themes yet: the empty state says how to add them. */
  g_assert_null (upp_themes_view_get_matrix (UPP_THEMES_VIEW (view)));
  g_assert_nonnull (test_gui_find_widget (view, is_mapped_label, "No Themes Yet"));

  /* Themes added and passages coded on another connection. */
  fixture->cooperation = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  fixture->staff = add_theme (fixture->store, "Personalbrist", UPP_THEME_KIND_HINDERING);
  premises = add_theme (fixture->store, "Lokaler", UPP_THEME_KIND_NEUTRAL);
  code (fixture, "Falun", "challenges", FALUN_TEXT, "Samverkan kring SIP fungerar bra",
        fixture->cooperation);
  code (fixture, "Falun", "challenges", FALUN_TEXT, "fungerar bra", fixture->cooperation);
  code (fixture, "Falun", "challenges", FALUN_TEXT, "Personalbrist gör att det tar tid",
        fixture->staff);
  code (fixture, "Leksand", "good_examples", LEKSAND_TEXT, "samverkan på ledningsnivå",
        fixture->cooperation);

  wait_for_cell (UPP_THEMES_VIEW (view), "Falun", "Samverkan", "2");
  g_assert_cmpuint (upp_theme_matrix_get_n_themes (upp_themes_view_get_matrix (
    UPP_THEMES_VIEW (view))), ==, 3);
  g_assert_cmpuint (upp_theme_matrix_get_n_rows (upp_themes_view_get_matrix (
    UPP_THEMES_VIEW (view))), ==, 11);
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Leksand", "Samverkan"), ==, "1");
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Falun", "Personalbrist"), ==, "1");
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Borlänge", "Personalbrist"), ==, "");
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Falun", "Lokaler"), ==, "");
  g_assert_nonnull (test_gui_find_widget (view, is_mapped_label, "Samverkan"));

  /* The factor table: the number of units and the first coded passage; a neutral theme is
   * no factor. */
  assert_factor (UPP_THEMES_VIEW (view), "Samverkan", "Samverkan kring SIP fungerar bra",
                 "2 units");
  assert_factor (UPP_THEMES_VIEW (view), "Personalbrist", "Personalbrist gör att det tar tid",
                 "1 unit");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (
    test_gui_find_widget (view, is_factor_row, "Personalbrist"))), "Falun"));
  g_assert_null (test_gui_find_widget (view, is_factor_row, "Lokaler"));

  /* Yes–no: whether a unit has the theme at all. */
  upp_themes_view_set_counts (UPP_THEMES_VIEW (view), FALSE);
  g_assert_false (upp_themes_view_get_counts (UPP_THEMES_VIEW (view)));
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Falun", "Samverkan"), ==, "✓");
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Borlänge", "Samverkan"), ==, "");
  upp_themes_view_set_counts (UPP_THEMES_VIEW (view), TRUE);
  g_assert_cmpstr (cell_text (UPP_THEMES_VIEW (view), "Falun", "Samverkan"), ==, "2");
  maybe_screenshot (window, "themes-view.png");

  /* A passage coded afterwards on the other connection shows by itself, in the matrix and
   * in the factor table. */
  code (fixture, "Borlänge", "challenges", BORLANGE_TEXT, "Svårt att rekrytera sjuksköterskor",
        fixture->staff);
  wait_for_cell (UPP_THEMES_VIEW (view), "Borlänge", "Personalbrist", "1");
  assert_factor (UPP_THEMES_VIEW (view), "Personalbrist", "Personalbrist gör att det tar tid",
                 "2 units");

  /* A theme renamed there is renamed here. */
  g_assert_true (upp_store_rename_theme (fixture->store, fixture->cooperation, "Samarbete",
                                         &error));
  g_assert_no_error (error);
  wait_for_cell (UPP_THEMES_VIEW (view), "Falun", "Samarbete", "2");
  assert_factor (UPP_THEMES_VIEW (view), "Samarbete", "Samverkan kring SIP fungerar bra",
                 "2 units");

  g_object_add_weak_pointer (G_OBJECT (window), &window_pointer);
  g_object_add_weak_pointer (G_OBJECT (view), &view_pointer);
  g_object_add_weak_pointer (G_OBJECT (session), &session_pointer);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);
  g_assert_null (window_pointer);
  g_assert_null (view_pointer);
  g_object_unref (session);
  for (guint i = 0; i < 100 && session_pointer != NULL; i++)
    test_gui_iterate (20);
  g_assert_null (session_pointer);
}

/* ---- the codebook dialog ------------------------------------------------------------ */

typedef struct
{
  UppSession    *session;
  GtkWidget     *window;
  UppThemesView *view;
} Shown;

static void
show_view (Fixture *fixture,
           Shown   *shown)
{
  g_autoptr(GError) error = NULL;

  shown->session = upp_session_new (upp_store_get_path (fixture->store));
  g_assert_true (upp_session_open (shown->session, &error));
  g_assert_no_error (error);
  shown->window = gtk_window_new ();
  shown->view = UPP_THEMES_VIEW (upp_themes_view_new ());
  g_object_set (shown->view, "session", shown->session,
                "round", upp_session_find_round (shown->session,
                                                 upp_round_get_uuid (fixture->round)),
                NULL);
  gtk_window_set_default_size (GTK_WINDOW (shown->window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (shown->window), GTK_WIDGET (shown->view));
  gtk_window_present (GTK_WINDOW (shown->window));
  test_gui_iterate (300);
}

/* Closes the window and its dialogs; everything is freed. */
static void
close_view (Shown *shown)
{
  gpointer window_pointer = shown->window;
  gpointer session_pointer = shown->session;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i - 1);

      if (toplevel != GTK_WINDOW (shown->window))
        gtk_window_destroy (toplevel);
    }
  g_object_add_weak_pointer (G_OBJECT (shown->window), &window_pointer);
  g_object_add_weak_pointer (G_OBJECT (shown->session), &session_pointer);
  gtk_window_destroy (GTK_WINDOW (shown->window));
  test_gui_iterate (100);
  g_assert_null (window_pointer);
  g_object_unref (shown->session);
  for (guint i = 0; i < 100 && session_pointer != NULL; i++)
    test_gui_iterate (20);
  g_assert_null (session_pointer);
}

/* The open window of this type, NULL when there is none. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }
  return NULL;
}

static UppCodebookDialog *
find_codebook (void)
{
  GtkWindow *dialog = find_toplevel (UPP_TYPE_CODEBOOK_DIALOG);

  g_assert_nonnull (dialog);
  return UPP_CODEBOOK_DIALOG (dialog);
}

/* Answers the message dialog that is open (it must be) with response; its body. */
static char *
answer_message (const char *response)
{
  AdwMessageDialog *dialog = NULL;
  char *body;

  test_gui_iterate (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  body = g_strdup (adw_message_dialog_get_body (dialog));
  /* As a click on the response's button does: respond, then close. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_gui_iterate (100);
  return body;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_titled_row (gpointer    root,
                 const char *title)
{
  GtkWidget *row = test_gui_find_widget (GTK_WIDGET (root), is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_colour_button (GtkWidget     *widget,
                  gconstpointer  unused)
{
  return GTK_IS_COLOR_BUTTON (widget);
}

static gboolean
is_check_button (GtkWidget     *widget,
                 gconstpointer  unused)
{
  return GTK_IS_CHECK_BUTTON (widget);
}

static gboolean
is_remove_button (GtkWidget     *widget,
                  gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Remove Coding") == 0;
}

/* Types text into the theme page's entry row of that title. */
static void
type_into (UppCodebookDialog *dialog,
           const char        *title,
           const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (find_titled_row (dialog, title)), text);
  test_gui_iterate (50);
}

/* Chooses item of the combo row of that title by its label. */
static void
choose (UppCodebookDialog *dialog,
        const char        *title,
        const char        *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_titled_row (dialog, title));
  GListModel *items = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (items), i), item) == 0)
      {
        adw_combo_row_set_selected (row, i);
        test_gui_iterate (50);
        return;
      }
  g_assert_not_reached ();
}

static void
activate (gpointer    widget,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  test_gui_iterate (100);
}

static gboolean
matrix_has_theme (gpointer data)
{
  gpointer *wait = data;
  UppThemeMatrix *matrix = upp_themes_view_get_matrix (wait[0]);

  for (guint c = 0; matrix != NULL && c < upp_theme_matrix_get_n_themes (matrix); c++)
    if (g_str_equal (upp_theme_get_name (upp_theme_matrix_get_theme (matrix, c)), wait[1]))
      return TRUE;
  return FALSE;
}

static gboolean
view_shows_label (gpointer data)
{
  gpointer *wait = data;

  return matrix_has_theme (data) && test_gui_find_widget (wait[0], is_mapped_label, wait[1]);
}

/* A theme added and renamed in the codebook shows in the matrix; Esc with edits asks
 * before it discards them. */
static void
test_codebook_add_rename (Fixture       *fixture,
                          gconstpointer  user_data)
{
  Shown shown = { 0 };
  UppCodebookDialog *dialog;
  gpointer wait[2];
  g_autofree char *body = NULL;
  g_autoptr(UppTheme) stored = NULL;
  g_autoptr(GError) error = NULL;

  show_view (fixture, &shown);
  activate (shown.view, "themes.codebook");
  dialog = find_codebook ();

  /* Added: name and kind. */
  activate (dialog, "codebook.add");
  type_into (dialog, "Name", "Samverkan");
  choose (dialog, "Kind", "Promoting");
  activate (dialog, "codebook.save");
  wait[0] = shown.view;
  wait[1] = "Samverkan";
  g_assert_true (test_gui_wait_until (view_shows_label, wait, 5000));
  g_assert_cmpstr (cell_text (shown.view, "Falun", "Samverkan"), ==, "");
  stored = upp_store_find_theme (fixture->store, DALARNA, "Samverkan", &error);
  g_assert_no_error (error);
  g_assert_cmpint (upp_theme_get_kind (stored), ==, UPP_THEME_KIND_PROMOTING);
  g_clear_object (&stored);

  /* Renamed, with a description and a hindering kind. */
  gtk_widget_activate (find_titled_row (dialog, "Samverkan"));
  test_gui_iterate (100);
  type_into (dialog, "Name", "Samarbete");
  type_into (dialog, "Description", "Kommun och region arbetar ihop");
  choose (dialog, "Kind", "Hindering");
  activate (dialog, "codebook.save");
  wait[1] = "Samarbete";
  g_assert_true (test_gui_wait_until (view_shows_label, wait, 5000));
  g_assert_false (matrix_has_theme ((gpointer[]) { shown.view, "Samverkan" }));
  stored = upp_store_find_theme (fixture->store, DALARNA, "Samarbete", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upp_theme_get_description (stored), ==, "Kommun och region arbetar ihop");
  g_assert_cmpint (upp_theme_get_kind (stored), ==, UPP_THEME_KIND_HINDERING);
  g_clear_object (&stored);

  /* Another one, grouped under it, with a colour of its own: listed right after it. */
  activate (dialog, "codebook.back");
  activate (dialog, "codebook.add");
  type_into (dialog, "Name", "Ledningens stöd");
  choose (dialog, "Grouped Under", "Samarbete");
  {
    GtkWidget *colour = test_gui_find_widget (GTK_WIDGET (dialog), is_colour_button, NULL);
    GdkRGBA blue = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };

    gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (colour), &blue);
    g_signal_emit_by_name (colour, "color-set");
  }
  activate (dialog, "codebook.save");
  g_assert_true (gtk_widget_get_next_sibling (find_titled_row (dialog, "Samarbete")) ==
                 find_titled_row (dialog, "Ledningens stöd"));
  stored = upp_store_find_theme (fixture->store, DALARNA, "Samarbete", &error);
  g_assert_no_error (error);
  {
    g_autoptr(UppTheme) child = upp_store_find_theme (fixture->store, DALARNA,
                                                      "Ledningens stöd", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (upp_theme_get_parent_uuid (child), ==, upp_theme_get_uuid (stored));
    g_assert_cmpstr (upp_theme_get_colour (child), ==, "#1c71d8");
  }
  g_clear_object (&stored);
  /* The theme with one under it cannot be grouped itself. */
  gtk_widget_activate (find_titled_row (dialog, "Samarbete"));
  test_gui_iterate (100);
  g_assert_false (gtk_widget_get_sensitive (find_titled_row (dialog, "Grouped Under")));

  /* An edit not saved: Esc asks; kept, the page stays; discarded, the list shows and
   * nothing was saved. */
  type_into (dialog, "Name", "Något annat");
  activate (dialog, "codebook.escape");
  body = answer_message ("keep");
  g_assert_nonnull (strstr (body, "Samarbete"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_titled_row (dialog, "Name"))), ==,
                   "Något annat");
  activate (dialog, "codebook.escape");
  g_clear_pointer (&body, g_free);
  body = answer_message ("discard");
  g_assert_nonnull (find_titled_row (dialog, "Samarbete"));
  stored = upp_store_find_theme (fixture->store, DALARNA, "Något annat", NULL);
  g_assert_null (stored);

  /* A name the codebook has (in another case): one toast says so, the page stays and the
   * database is untouched. */
  {
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    gsize before_length, after_length;

    activate (dialog, "codebook.add");
    type_into (dialog, "Name", " samarbete ");
    before = test_dup_database_bytes (fixture->store, &before_length);
    activate (dialog, "codebook.save");
    g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_label,
                                            "The codebook already has a theme called "
                                            "“Samarbete”."));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_titled_row (dialog, "Name"))),
                     ==, " samarbete ");
    after = test_dup_database_bytes (fixture->store, &after_length);
    g_assert_cmpmem (before, before_length, after, after_length);
    activate (dialog, "codebook.escape");
    g_clear_pointer (&body, g_free);
    body = answer_message ("discard");
    g_assert_cmpstr (body, ==, "The new theme is not added.");
  }

  /* Without edits, Esc goes back and then closes. */
  gtk_widget_activate (find_titled_row (dialog, "Samarbete"));
  test_gui_iterate (100);
  activate (dialog, "codebook.escape");
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  activate (dialog, "codebook.escape");
  test_gui_iterate (100);
  g_assert_null (find_toplevel (UPP_TYPE_CODEBOOK_DIALOG));

  /* Closing the window with an edit not saved asks too; discarded, the window goes (from
   * inside the question's answer, which must not touch the window after it is gone). */
  activate (shown.view, "themes.codebook");
  dialog = find_codebook ();
  gtk_widget_activate (find_titled_row (dialog, "Samarbete"));
  test_gui_iterate (100);
  type_into (dialog, "Name", "Något tredje");
  gtk_window_close (GTK_WINDOW (dialog));
  g_clear_pointer (&body, g_free);
  body = answer_message ("discard");
  g_assert_nonnull (strstr (body, "Samarbete"));
  g_assert_null (find_toplevel (UPP_TYPE_CODEBOOK_DIALOG));
  stored = upp_store_find_theme (fixture->store, DALARNA, "Något tredje", NULL);
  g_assert_null (stored);

  close_view (&shown);
}

static const char *
factor_subtitle (UppThemesView *view,
                 const char    *theme)
{
  GtkWidget *row = test_gui_find_widget (GTK_WIDGET (view), is_factor_row, theme);

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : "";
}

static gboolean
factor_quotes (gpointer data)
{
  gpointer *wait = data;

  return strstr (factor_subtitle (wait[0], wait[1]), wait[2]) != NULL &&
         (wait[3] == NULL || strstr (factor_subtitle (wait[0], wait[1]), wait[3]) == NULL);
}

static gboolean
is_subtitled_row (GtkWidget     *widget,
                  gconstpointer  text)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_get_mapped (widget) &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) ?: "", text) != NULL;
}

static gboolean
is_undo_button (GtkWidget     *widget,
                gconstpointer  unused)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Undo") == 0;
}

static void
remember_parameter (GSimpleAction *action,
                    GVariant      *parameter,
                    GVariant     **remembered)
{
  g_clear_pointer (remembered, g_variant_unref);
  *remembered = g_variant_ref (parameter);
}

/* A theme's passages in every round, with their year, unit and question; the one chosen as
 * quote becomes the factor table's; a passage whose text went is marked. */
static void
test_codebook_passages (Fixture       *fixture,
                        gconstpointer  user_data)
{
  Shown shown = { 0 };
  g_autoptr(UppRound) earlier = test_import_dalarna_round (fixture->store, 2024);
  UppCodebookDialog *dialog;
  GtkWidget *row;
  gpointer wait[4];
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  test_set_answer (fixture->store, upp_round_get_uuid (earlier), "Borlänge", "challenges",
                   "Samverkan med regionen saknas. " BORLANGE_TEXT);
  fixture->cooperation = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  code (fixture, "Falun", "challenges", FALUN_TEXT, "Samverkan kring SIP fungerar bra",
        fixture->cooperation);
  code (fixture, "Leksand", "good_examples", LEKSAND_TEXT, "samverkan på ledningsnivå",
        fixture->cooperation);
  {
    g_autoptr(UppRound) round = g_steal_pointer (&fixture->round);

    fixture->round = g_object_ref (earlier);
    code (fixture, "Borlänge", "challenges", "Samverkan med regionen saknas. " BORLANGE_TEXT,
          "Samverkan med regionen saknas", fixture->cooperation);
    g_set_object (&fixture->round, round);
  }

  show_view (fixture, &shown);
  wait[0] = shown.view;
  wait[1] = "Samverkan";
  wait[2] = "Samverkan kring SIP fungerar bra";
  wait[3] = NULL;
  g_assert_true (test_gui_wait_until (factor_quotes, wait, 5000));

  /* From the factor table to the theme's passages, of both years. */
  gtk_widget_activate (test_gui_find_widget (GTK_WIDGET (shown.view), is_factor_row,
                                             "Samverkan"));
  test_gui_iterate (200);
  dialog = find_codebook ();
  g_assert_nonnull (find_titled_row (dialog, "“Samverkan med regionen saknas”"));
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_subtitled_row,
                                          "2024 · Borlänge · "));
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_subtitled_row,
                                          "2025 · Falun · "));
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (dialog), is_subtitled_row,
                                          "2025 · Leksand · "));
  g_assert_null (test_gui_find_widget (GTK_WIDGET (dialog), is_subtitled_row,
                                       "The text is no longer in the answer"));

  /* Leksand's passage as the quote: the factor table quotes it instead of Falun's. */
  row = find_titled_row (dialog, "“samverkan på ledningsnivå”");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (test_gui_find_widget (row, is_check_button,
                                                                       NULL)), TRUE);
  wait[2] = "samverkan på ledningsnivå";
  wait[3] = "Samverkan kring SIP fungerar bra";
  g_assert_true (test_gui_wait_until (factor_quotes, wait, 5000));
  theme = upp_store_find_theme (fixture->store, DALARNA, "Samverkan", &error);
  g_assert_no_error (error);
  codings = upp_store_list_codings (fixture->store, fixture->round, NULL, theme, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codings->len, ==, 2);
  g_assert_false (upp_coding_get_quote (codings->pdata[0]));
  g_assert_true (upp_coding_get_quote (codings->pdata[1]));

  /* The 2024 answer rewritten without the passage: it is kept, and marked. */
  test_set_answer (fixture->store, upp_round_get_uuid (earlier), "Borlänge", "challenges",
                   BORLANGE_TEXT);
  upp_session_check_for_changes (shown.session);
  test_gui_iterate (100);
  g_assert_nonnull (test_gui_find_widget (GTK_WIDGET (find_codebook ()), is_subtitled_row,
                                          "The text is no longer in the answer"));

  /* Removing a coding takes it out of the list and the matrix. */
  row = find_titled_row (dialog, "“Samverkan kring SIP fungerar bra”");
  gtk_widget_activate (test_gui_find_widget (row, is_remove_button, NULL));
  wait_for_cell (shown.view, "Falun", "Samverkan", "");
  g_assert_null (test_gui_find_widget (GTK_WIDGET (dialog), is_row_titled,
                                       "“Samverkan kring SIP fungerar bra”"));
  /* Undone from the toast, it is coded again. */
  gtk_widget_activate (test_gui_find_widget (GTK_WIDGET (dialog), is_undo_button, NULL));
  wait_for_cell (shown.view, "Falun", "Samverkan", "1");
  test_gui_iterate (100);
  g_assert_nonnull (find_titled_row (dialog, "“Samverkan kring SIP fungerar bra”"));

  /* A passage opens the interview form at its unit, through the window's action, and the
   * codebook closes. */
  {
    g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();
    g_autoptr(GSimpleAction) show_response =
      g_simple_action_new ("show-response", G_VARIANT_TYPE ("(su)"));
    g_autoptr(GVariant) shown_response = NULL;
    g_autoptr(GListModel) responses = NULL;
    g_autoptr(UppResponse) response = NULL;
    const char *round_uuid;
    guint position;

    g_signal_connect (show_response, "activate", G_CALLBACK (remember_parameter),
                      &shown_response);
    g_action_map_add_action (G_ACTION_MAP (actions), G_ACTION (show_response));
    gtk_widget_insert_action_group (shown.window, "win", G_ACTION_GROUP (actions));
    gtk_widget_activate (find_titled_row (dialog, "“samverkan på ledningsnivå”"));
    test_gui_iterate (100);
    g_assert_null (find_toplevel (UPP_TYPE_CODEBOOK_DIALOG));
    g_assert_nonnull (shown_response);
    g_variant_get (shown_response, "(&su)", &round_uuid, &position);
    g_assert_cmpstr (round_uuid, ==, upp_round_get_uuid (fixture->round));
    responses = upp_session_dup_responses (shown.session, upp_session_find_round (
      shown.session, round_uuid));
    response = g_list_model_get_item (responses, position);
    g_assert_cmpstr (upp_response_get_unit_name (response), ==, "Leksand");
  }

  close_view (&shown);
}

/* Merged in the codebook (after confirming), the passages count under the other theme. */
static void
test_codebook_merge (Fixture       *fixture,
                     gconstpointer  user_data)
{
  Shown shown = { 0 };
  g_autoptr(UppTheme) together = NULL;
  UppCodebookDialog *dialog;
  g_autofree char *body = NULL;
  gpointer wait[2];

  fixture->cooperation = add_theme (fixture->store, "Samverkan", UPP_THEME_KIND_PROMOTING);
  together = add_theme (fixture->store, "Samarbete", UPP_THEME_KIND_PROMOTING);
  code (fixture, "Falun", "challenges", FALUN_TEXT, "Samverkan kring SIP fungerar bra",
        fixture->cooperation);
  code (fixture, "Leksand", "good_examples", LEKSAND_TEXT, "samverkan på ledningsnivå",
        together);
  code (fixture, "Leksand", "good_examples", LEKSAND_TEXT, "Gemensamma utbildningar", together);

  show_view (fixture, &shown);
  wait_for_cell (shown.view, "Leksand", "Samarbete", "2");
  g_assert_cmpstr (cell_text (shown.view, "Leksand", "Samverkan"), ==, "");

  activate (shown.view, "themes.codebook");
  dialog = find_codebook ();
  gtk_widget_activate (find_titled_row (dialog, "Samarbete"));
  test_gui_iterate (100);
  choose (dialog, "Merge Into", "Samverkan");
  activate (dialog, "codebook.merge");
  /* Cancelled, nothing moves. */
  body = answer_message ("cancel");
  g_assert_nonnull (strstr (body, "Move all 2 coded passages of “Samarbete” to “Samverkan”?"));
  g_assert_cmpstr (cell_text (shown.view, "Leksand", "Samarbete"), ==, "2");

  activate (dialog, "codebook.merge");
  g_clear_pointer (&body, g_free);
  body = answer_message ("merge");
  wait_for_cell (shown.view, "Leksand", "Samverkan", "2");
  g_assert_cmpstr (cell_text (shown.view, "Falun", "Samverkan"), ==, "1");
  wait[0] = shown.view;
  wait[1] = "Samarbete";
  g_assert_false (matrix_has_theme (wait));
  assert_factor (shown.view, "Samverkan", "Samverkan kring SIP fungerar bra", "2 units");
  /* The merged theme is retired, listed apart. */
  activate (dialog, "codebook.back");
  g_assert_true (gtk_widget_get_parent (find_titled_row (dialog, "Samarbete")) !=
                 gtk_widget_get_parent (find_titled_row (dialog, "Samverkan")));

  close_view (&shown);
}

static gboolean
is_themes_view (GtkWidget     *widget,
                gconstpointer  unused)
{
  return UPP_IS_THEMES_VIEW (widget);
}

/* The round page shows the view as its "themes" tab, with its session and round. */
static void
test_round_page_tab (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  GtkWidget *page;
  GtkWidget *view;
  UppRound *round;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, upp_round_get_uuid (fixture->round));
  page = g_object_ref_sink (g_object_new (UPP_TYPE_ROUND_PAGE, "session", session,
                                          "round", round, NULL));
  view = test_gui_find_widget (page, is_themes_view, NULL);
  g_assert_nonnull (view);
  g_assert_true (upp_themes_view_get_session (UPP_THEMES_VIEW (view)) == session);
  /* The view gets the round when its tab is first shown, and lets go of it when hidden. */
  g_assert_null (upp_themes_view_get_round (UPP_THEMES_VIEW (view)));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_parent (view)), "themes");
  g_assert_true (upp_themes_view_get_round (UPP_THEMES_VIEW (view)) == round);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (gtk_widget_get_parent (view)),
                                         "overview");
  g_assert_null (upp_themes_view_get_round (UPP_THEMES_VIEW (view)));
  g_assert_cmpstr (adw_view_stack_page_get_name (adw_view_stack_get_page (
    ADW_VIEW_STACK (gtk_widget_get_parent (view)), view)), ==, "themes");
  g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (
    ADW_VIEW_STACK (gtk_widget_get_parent (view)), view)), ==, "Themes");
  g_object_unref (page);
  g_assert_finalize_object (session);
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

  g_test_add ("/themes-view/view", Fixture, NULL, fixture_set_up, test_view,
              fixture_tear_down);
  g_test_add ("/themes-view/codebook/add-rename", Fixture, NULL, fixture_set_up,
              test_codebook_add_rename, fixture_tear_down);
  g_test_add ("/themes-view/codebook/passages", Fixture, NULL, fixture_set_up,
              test_codebook_passages, fixture_tear_down);
  g_test_add ("/themes-view/codebook/merge", Fixture, NULL, fixture_set_up,
              test_codebook_merge, fixture_tear_down);
  g_test_add ("/themes-view/round-page-tab", Fixture, NULL, fixture_set_up, test_round_page_tab,
              fixture_tear_down);

  return g_test_run ();
}

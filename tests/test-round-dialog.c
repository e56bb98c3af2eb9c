/* test-round-dialog.c: the new-round dialog is never thrown away unasked: Esc on an untouched
 * dialog closes it, Esc after a change asks first (keep editing, or discard); it says why it
 * cannot create yet, marks a year only once it is wrong, without moving the form; its lists
 * show names in full, the region list searches, and units come in one order
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

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

static UppRoundDialog *
open_new_round_dialog (UppSession *session)
{
  UppRoundDialog *dialog = upp_round_dialog_new (NULL, session, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate (200);
  return dialog;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (UppRoundDialog *dialog,
          const char     *title)
{
  GtkWidget *row = test_gui_find_widget (GTK_WIDGET (dialog), is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  id)
{
  return g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0;
}

static GtkWidget *
find_named (UppRoundDialog *dialog,
            const char     *id)
{
  GtkWidget *found = test_gui_find_widget (GTK_WIDGET (dialog), is_named, id);

  g_assert_nonnull (found);
  return found;
}

/* Where the units list is in the dialog: it must not move when a hint comes or goes. */
static double
units_list_y (UppRoundDialog *dialog)
{
  GtkWidget *list = find_named (dialog, "units_list");
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (list, GTK_WIDGET (dialog),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static gboolean
is_save_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "dialog.save") == 0;
}

static GtkWidget *
find_create_button (UppRoundDialog *dialog)
{
  return test_gui_find_widget (GTK_WIDGET (dialog), is_save_button, NULL);
}

static void
test_why_not_create (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "dialog");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(GError) error = NULL;
  UppRoundDialog *dialog;
  GtkWidget *hint, *year, *title, *create;
  double y;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  dialog = open_new_round_dialog (session);
  hint = find_named (dialog, "form_hint");
  year = find_row (dialog, "Year");
  title = find_row (dialog, "Title");
  create = find_create_button (dialog);
  g_assert_nonnull (create);

  /* No title yet: Create is off, and says so, in the hint line and its tooltip. */
  g_assert_false (gtk_widget_get_sensitive (create));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "Enter a title");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (create), ==, "Enter a title");
  g_assert_false (gtk_widget_has_css_class (hint, "error"));
  y = units_list_y (dialog);

  /* A year half typed is not marked, but Create says what it waits for. */
  gtk_widget_grab_focus (year);
  gtk_editable_set_text (GTK_EDITABLE (year), "20");
  test_gui_iterate (50);
  g_assert_false (gtk_widget_has_css_class (year, "error"));
  g_assert_false (gtk_widget_has_css_class (hint, "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (create), ==, "Enter the year");

  /* One that can no longer be a year is, and nothing below it moves. */
  gtk_editable_set_text (GTK_EDITABLE (year), "20x");
  test_gui_iterate (100);
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  g_assert_true (gtk_widget_has_css_class (hint, "error"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "digits only"));
  g_assert_cmpfloat (units_list_y (dialog), ==, y);

  /* Half typed again: not marked until left. */
  gtk_editable_set_text (GTK_EDITABLE (year), "2031");
  test_gui_iterate (50);
  g_assert_false (gtk_widget_has_css_class (year, "error"));
  gtk_editable_set_text (GTK_EDITABLE (year), "203");
  test_gui_iterate (50);
  g_assert_false (gtk_widget_has_css_class (year, "error"));
  gtk_widget_grab_focus (title);
  test_gui_iterate (50);
  g_assert_true (gtk_widget_has_css_class (year, "error"));
  gtk_editable_set_text (GTK_EDITABLE (year), "2031");

  /* Everything there: Create is on and the hint line empty, still in its place. */
  gtk_editable_set_text (GTK_EDITABLE (title), "Uppföljning 2031");
  test_gui_iterate (100);
  g_assert_true (gtk_widget_get_sensitive (create));
  g_assert_null (gtk_widget_get_tooltip_text (create));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (hint)), ==, "");
  g_assert_cmpfloat (units_list_y (dialog), ==, y);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&session);
  test_close_store (&store, &dir);
}

/* The names of the units the dialog lists, in its order. */
static GPtrArray *
dup_unit_names (UppRoundDialog *dialog)
{
  GtkWidget *list = find_named (dialog, "units_list");
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);

      g_ptr_array_add (names, g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
    }
  return names;
}

static void
assert_collated (GPtrArray *names)
{
  g_assert_cmpuint (names->len, >, 1);
  for (guint i = 1; i < names->len; i++)
    g_assert_cmpint (g_utf8_collate (g_ptr_array_index (names, i - 1),
                                     g_ptr_array_index (names, i)), <, 0);
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* "Annan aktör" adds a row under the region's units: focused, and scrolled into view. */
static void
test_added_unit_in_view (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "dialog");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(GError) error = NULL;
  UppRoundDialog *dialog;
  GtkWidget *list;
  GtkWidget *scrolled_window;
  GtkListBoxRow *added = NULL;
  graphene_point_t top;
  int n = 0;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  dialog = open_new_round_dialog (session);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 600, 500);
  test_gui_iterate (200);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.add-unit", NULL));
  test_gui_iterate (800);

  list = find_named (dialog, "units_list");
  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    added = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n++);
  g_assert_cmpint (n, ==, 16);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         GTK_WIDGET (added))
                 || gtk_root_get_focus (GTK_ROOT (dialog)) == GTK_WIDGET (added));
  scrolled_window = gtk_widget_get_ancestor (GTK_WIDGET (added), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (added), scrolled_window,
                                           &GRAPHENE_POINT_INIT (0, 0), &top));
  g_assert_cmpfloat (top.y, >=, 0);
  g_assert_cmpfloat (top.y + gtk_widget_get_height (GTK_WIDGET (added)), <=,
                     gtk_widget_get_height (scrolled_window));

  gtk_window_destroy (GTK_WINDOW (dialog));
  test_gui_iterate (100);
  test_remove_tree (dir);
}

static void
test_lists (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autoptr(UppStore) store = test_open_store (dir, "dialog");
  g_autoptr(UppSession) session = upp_session_new (upp_store_get_path (store));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  UppRoundDialog *dialog;
  GtkDropDown *regions;
  GtkWidget *window;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  dialog = open_new_round_dialog (session);

  /* Dalarna's municipalities, not yet units: by name, not by code (Vansbro is 2021). */
  fresh = dup_unit_names (dialog);
  g_assert_cmpuint (fresh->len, ==, 15);
  assert_collated (fresh);
  g_assert_cmpstr (g_ptr_array_index (fresh, 0), ==, "Avesta");

  /* The region list searches by the name without "Region", and lists names in full. */
  regions = GTK_DROP_DOWN (test_gui_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
  g_assert_true (gtk_drop_down_get_enable_search (regions));
  {
    g_autoptr(GtkStringFilter) filter = NULL;
    g_autoptr(GtkFilterListModel) found = NULL;
    g_autoptr(GtkStringObject) first = NULL;

    filter = gtk_string_filter_new (gtk_expression_ref (gtk_drop_down_get_expression (regions)));
    gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_PREFIX);
    gtk_string_filter_set_search (filter, "dal");
    found = gtk_filter_list_model_new (g_object_ref (gtk_drop_down_get_model (regions)),
                                       GTK_FILTER (g_steal_pointer (&filter)));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
    first = g_list_model_get_item (G_LIST_MODEL (found), 0);
    g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Region Dalarna");
  }

  /* The template list: the name in full, with what tells templates apart under it. */
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 400);
  {
    AdwComboRow *templates = ADW_COMBO_ROW (find_row (dialog, "Template"));
    GtkListItemFactory *factory = adw_combo_row_get_list_factory (templates);
    GListModel *model = adw_combo_row_get_model (templates);
    g_autoptr(GtkStringObject) name = g_list_model_get_item (model, 0);
    GtkWidget *view, *label;

    g_assert_nonnull (factory);
    view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (model))),
                              g_object_ref (factory));
    gtk_window_set_child (GTK_WINDOW (window), view);
    gtk_window_present (GTK_WINDOW (window));
    test_gui_iterate (200);
    label = test_gui_find_widget (view, is_label_with_text,
                                  gtk_string_object_get_string (name));
    g_assert_nonnull (label);
    g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (label)), ==, PANGO_ELLIPSIZE_NONE);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (label))),
                              "questions"));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* Created, the units are stored; the next round lists them in the same order. */
  gtk_editable_set_text (GTK_EDITABLE (find_row (dialog, "Title")), "Uppföljning");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  test_gui_iterate (200);
  dialog = open_new_round_dialog (session);
  stored = dup_unit_names (dialog);
  g_assert_cmpuint (stored->len, ==, fresh->len);
  for (guint i = 0; i < stored->len; i++)
    g_assert_cmpstr (g_ptr_array_index (stored, i), ==, g_ptr_array_index (fresh, i));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&session);
  test_close_store (&store, &dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/round-dialog/escape-asks", test_escape_asks);
  g_test_add_func ("/round-dialog/why-not-create", test_why_not_create);
  g_test_add_func ("/round-dialog/lists", test_lists);
  g_test_add_func ("/round-dialog/added-unit-in-view", test_added_unit_in_view);

  return g_test_run ();
}

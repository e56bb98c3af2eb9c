/* test-county-parts.c: county parts set in the round dialog and through the store, and the
 * comparison and the charts grouped by them, in a real window
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "chart-fixture.h"
#include "test-gui-util.h"
#include "test-util.h"
#include "charts/upp-chart.h"
#include "upp-charts-view.h"
#include "upp-comparison-view.h"
#include "upp-response.h"
#include "upp-round-dialog.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-unit.h"

/* Sets a unit's part through the store's own connection, as the CLI beside the window does. */
static void
set_part (UppStore   *store,
          UppRound   *round,
          const char *unit_name,
          const char *part)
{
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);
  g_autoptr(GError) error = NULL;

  g_assert_true (upp_store_set_unit_sub_area (store, upp_response_get_unit (response), part,
                                              &error));
  g_assert_no_error (error);
}

/* The comparison's rows as text: "# Part" for a heading, the unit's name for a unit. */
static char *
dup_rows (UppComparisonView *view)
{
  GListModel *rows = upp_comparison_view_get_rows (view);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (GTK_IS_STRING_OBJECT (item))
        g_string_append_printf (text, "# %s\n",
                                gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      else
        g_string_append_printf (text, "%s\n", upp_response_get_unit_name (UPP_RESPONSE (item)));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

typedef struct
{
  UppComparisonView *view;
  const char        *wanted;
} RowsWait;

static gboolean
rows_start_with (gpointer data)
{
  RowsWait *wait = data;
  g_autofree char *rows = dup_rows (wait->view);

  return g_str_has_prefix (rows, wait->wanted);
}

/* Whether the lines come in this order in text. */
static gboolean
in_order (const char         *text,
          const char * const *lines)
{
  const char *at = text;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strconcat ("\n", lines[i], "\n", NULL);

      at = strstr (at, line);
      if (at == NULL)
        return FALSE;
      at += 1;
    }
  return TRUE;
}

static void
test_comparison_and_charts (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  UppComparisonView *comparison = UPP_COMPARISON_VIEW (upp_comparison_view_new ());
  UppChartsView *charts = UPP_CHARTS_VIEW (upp_charts_view_new ());
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *text = NULL;
  UppRound *round;
  UppChart *chart;
  RowsWait wait;

  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, upp_round_get_uuid (fixture->round_2025));

  gtk_widget_set_vexpand (GTK_WIDGET (comparison), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (charts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (comparison));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (charts));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (window), box);
  upp_comparison_view_set_session (comparison, session);
  upp_comparison_view_set_round (comparison, round);
  upp_charts_view_set_session (charts, session);
  upp_charts_view_set_round (charts, round);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (200);

  /* Grouped before any unit has a part: all of them under one heading, in the round's order. */
  g_assert_cmpuint (g_list_model_get_n_items (upp_comparison_view_get_rows (comparison)), ==,
                    FIXTURE_N_UNITS);
  upp_comparison_view_set_group_by_sub_area (comparison, TRUE);
  rows = dup_rows (comparison);
  g_assert_true (g_str_has_prefix (rows, "# Without county part\n"));
  g_assert_cmpuint (g_list_model_get_n_items (upp_comparison_view_get_rows (comparison)), ==,
                    FIXTURE_N_UNITS + 1);
  g_clear_pointer (&rows, g_free);

  /* Parts set beside the window show as groups by themselves: parts in alphabetical order,
   * units without one last. */
  set_part (fixture->store, fixture->round_2025, "Falun", "Centrala");
  set_part (fixture->store, fixture->round_2025, "Leksand", "Västra");
  set_part (fixture->store, fixture->round_2025, "Mora, Orsa och Älvdalen", "Västra");
  set_part (fixture->store, fixture->round_2025, "Gagnef", "Östra");
  upp_session_check_for_changes (session);
  wait.view = comparison;
  wait.wanted = "# Centrala\nFalun\n# Västra\nLeksand\nMora, Orsa och Älvdalen\n# Östra\n"
                "Gagnef\n# Without county part\n";
  g_assert_true (test_gui_wait_until (rows_start_with, &wait, 10000));
  g_assert_cmpuint (g_list_model_get_n_items (upp_comparison_view_get_rows (comparison)), ==,
                    FIXTURE_N_UNITS + 4);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (comparison), ==, FIXTURE_N_UNITS);

  /* The unit filter and the search keep the headings of what they let through. */
  g_assert_true (upp_comparison_view_set_unit_filter (comparison, "Leksand"));
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "# Västra\nLeksand\n");
  g_clear_pointer (&rows, g_free);
  upp_comparison_view_set_unit_filter (comparison, NULL);
  test_gui_iterate (100);

  /* Not grouped: the units alone, in the round's order. */
  upp_comparison_view_set_group_by_sub_area (comparison, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (upp_comparison_view_get_rows (comparison)), ==,
                    FIXTURE_N_UNITS);
  upp_comparison_view_set_group_by_sub_area (comparison, TRUE);
  test_gui_iterate (200);

  /* The coded-by-unit chart: a heading above each part's units, every unit still there. */
  upp_charts_view_set_group_by_sub_area (charts, TRUE);
  chart = upp_charts_view_get_chart (charts);
  g_assert_nonnull (chart);
  g_assert_cmpint (upp_chart_get_kind (chart), ==, UPP_CHART_CODED_BY_UNIT);
  g_assert_true (upp_chart_get_group_by_sub_area (chart));
  g_assert_cmpuint (upp_chart_get_n_units (chart), ==, FIXTURE_N_UNITS);
  text = upp_chart_dup_text (chart);
  {
    const char *order[] = { "Centrala", "Västra", "Östra", "Without county part", NULL };

    g_assert_true (in_order (text, order));
    g_assert_nonnull (strstr (text, "\nCentrala\nFalun: "));
    g_assert_nonnull (strstr (text, "\nÖstra\nGagnef: "));
  }
  g_clear_pointer (&text, g_free);

  /* Ungrouped again, the chart has no headings. */
  upp_charts_view_set_group_by_sub_area (charts, FALSE);
  text = upp_chart_dup_text (upp_charts_view_get_chart (charts));
  g_assert_null (strstr (text, "\nCentrala\n"));
  g_assert_null (strstr (text, "Without county part"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (session);
}

static gboolean
is_check_labelled (GtkWidget     *widget,
                   gconstpointer  label)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), label) == 0;
}

/* Checks (or unchecks) the unit or county part in the open unit filter, as a click does. */
static void
set_checked (GtkWidget  *popover,
             const char *label,
             gboolean    checked)
{
  GtkWidget *check = test_gui_find_widget (popover, is_check_labelled, label);

  g_assert_nonnull (check);
  g_assert_true (gtk_widget_get_mapped (check));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), checked);
  test_gui_iterate (100);
}

/* A key pressed in the unit filter's list, as its capture-phase key controllers take it
 * before the focused check does. */
static void
press_key_in_list (GtkWidget *popover,
                   guint      keyval)
{
  g_autoptr(GListModel) controllers =
    gtk_widget_observe_controllers (test_gui_find_of_type (popover, GTK_TYPE_LIST_BOX));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  test_gui_iterate (30);
}

/* The unit filter: several units at once, a whole county part, both; what is chosen stays
 * while the view is hidden and the round's responses change. */
static void
test_unit_filter (Fixture       *fixture,
                  gconstpointer  user_data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  UppComparisonView *comparison = UPP_COMPARISON_VIEW (upp_comparison_view_new ());
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  GtkMenuButton *button;
  GtkWidget *popover;
  RowsWait wait;

  set_part (fixture->store, fixture->round_2025, "Leksand", "Västra");
  set_part (fixture->store, fixture->round_2025, "Mora, Orsa och Älvdalen", "Västra");
  set_part (fixture->store, fixture->round_2025, "Gagnef", "Östra");
  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);

  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (comparison), "comparison");
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Charts"), "charts");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_child (GTK_WINDOW (window), stack);
  upp_comparison_view_set_session (comparison, session);
  upp_comparison_view_set_round (comparison,
                                 upp_session_find_round (session,
                                                         upp_round_get_uuid (fixture->round_2025)));
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  button = GTK_MENU_BUTTON (test_gui_find_of_type (GTK_WIDGET (comparison),
                                                   GTK_TYPE_MENU_BUTTON));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  gtk_menu_button_popup (button);
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, popover, 5000));
  test_gui_iterate (200);

  /* Tab from the search goes from check to check, one stop per row (over the headings), to
   * "Show All Units". */
  {
    GtkWidget *search = test_gui_find_of_type (popover, GTK_TYPE_SEARCH_ENTRY);
    guint n_checks = 0;
    GtkWidget *focus;

    gtk_widget_grab_focus (search);
    for (guint i = 0; i < 100; i++)
      {
        g_assert_true (gtk_widget_child_focus (popover, GTK_DIR_TAB_FORWARD));
        focus = gtk_root_get_focus (GTK_ROOT (window));
        g_test_message ("Tab %u: %s %s", i, G_OBJECT_TYPE_NAME (focus),
                        GTK_IS_CHECK_BUTTON (focus)
                          ? gtk_check_button_get_label (GTK_CHECK_BUTTON (focus)) : "");
        if (GTK_IS_BUTTON (focus))
          break;
        g_assert_true (GTK_IS_CHECK_BUTTON (focus));
        n_checks++;
      }
    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpuint (n_checks, ==, FIXTURE_N_UNITS + 2);

    /* Down and Up go from check to check, over the heading between the parts and units. */
    gtk_widget_grab_focus (test_gui_find_widget (popover, is_check_labelled, "Östra"));
    press_key_in_list (popover, GDK_KEY_Down);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                   test_gui_find_widget (popover, is_check_labelled, "Falun"));
    press_key_in_list (popover, GDK_KEY_Up);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                   test_gui_find_widget (popover, is_check_labelled, "Östra"));
  }

  /* Two units: exactly those rows, in the round's order. */
  set_checked (popover, "Säter", TRUE);
  set_checked (popover, "Falun", TRUE);
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "Falun\nSäter\n");
  g_clear_pointer (&rows, g_free);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (comparison), ==, 2);

  /* One county part instead: its units, and no other. */
  set_checked (popover, "Säter", FALSE);
  set_checked (popover, "Falun", FALSE);
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (comparison), ==, FIXTURE_N_UNITS);
  set_checked (popover, "Västra", TRUE);
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "Leksand\nMora, Orsa och Älvdalen\n");
  g_clear_pointer (&rows, g_free);

  /* A part and a unit of another. */
  set_checked (popover, "Gagnef", TRUE);
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "Gagnef\nLeksand\nMora, Orsa och Älvdalen\n");
  g_clear_pointer (&rows, g_free);

  /* The search in the popover finds parts and units by any part of their names. */
  gtk_editable_set_text (GTK_EDITABLE (test_gui_find_of_type (popover, GTK_TYPE_SEARCH_ENTRY)),
                         "mora");
  test_gui_iterate (200);
  g_assert_false (gtk_widget_get_mapped (test_gui_find_widget (popover, is_check_labelled,
                                                               "Falun")));
  g_assert_true (gtk_widget_get_mapped (test_gui_find_widget (popover, is_check_labelled,
                                                              "Mora, Orsa och Älvdalen")));
  gtk_popover_popdown (GTK_POPOVER (popover));
  test_gui_iterate (200);

  /* Another view and back, and a change to the round's answers: the choice stays. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "charts");
  test_gui_iterate (100);
  set_part (fixture->store, fixture->round_2025, "Falun", "Centrala");
  upp_session_check_for_changes (session);
  wait.view = comparison;
  wait.wanted = "Gagnef\nLeksand\nMora, Orsa och Älvdalen\n";
  g_assert_true (test_gui_wait_until (rows_start_with, &wait, 5000));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "comparison");
  test_gui_iterate (200);
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "Gagnef\nLeksand\nMora, Orsa och Älvdalen\n");
  g_clear_pointer (&rows, g_free);

  /* Grouped, the parts' headings stay over what is chosen. */
  upp_comparison_view_set_group_by_sub_area (comparison, TRUE);
  rows = dup_rows (comparison);
  g_assert_cmpstr (rows, ==, "# Västra\nLeksand\nMora, Orsa och Älvdalen\n# Östra\nGagnef\n");
  g_clear_pointer (&rows, g_free);

  /* "Show All Units" clears the choice. */
  g_assert_true (upp_comparison_view_set_unit_filter (comparison, NULL));
  g_assert_cmpuint (upp_comparison_view_get_n_visible_units (comparison), ==, FIXTURE_N_UNITS);
  {
    const char *units[] = { "Falun", NULL };
    const char *parts[] = { "Norra", NULL };

    /* A part the round does not have changes nothing. */
    g_assert_false (upp_comparison_view_choose_units (comparison, units, parts));
    g_assert_cmpuint (upp_comparison_view_get_n_visible_units (comparison), ==,
                      FIXTURE_N_UNITS);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (session);
}

static gboolean
is_part_entry_of (GtkWidget     *widget,
                  gconstpointer  data)
{
  UppUnit *unit;

  if (!GTK_IS_ENTRY (widget))
    return FALSE;
  unit = g_object_get_data (G_OBJECT (widget), "unit");
  return unit != NULL && g_strcmp0 (upp_unit_get_name (unit), data) == 0;
}

static char *
dup_stored_part (UppStore   *store,
                 UppRound   *round,
                 const char *unit_name)
{
  g_autoptr(UppResponse) response = test_find_response (store, round, unit_name);

  return g_strdup (upp_unit_get_sub_area (upp_response_get_unit (response)));
}

/* The round dialog: a part typed for a unit is saved with the round, and completes from the
 * parts the region already uses. */
static void
test_round_dialog (Fixture       *fixture,
                   gconstpointer  user_data)
{
  UppSession *session = upp_session_new (upp_store_get_path (fixture->store));
  g_autoptr(GError) error = NULL;
  UppRoundDialog *dialog;
  GtkWidget *entry;
  GtkEntryCompletion *completion;
  GtkTreeModel *model;
  GtkTreeIter iter;
  UppRound *round;

  set_part (fixture->store, fixture->round_2025, "Leksand", "Västra");
  g_assert_true (upp_session_open (session, &error));
  g_assert_no_error (error);
  round = upp_session_find_round (session, upp_round_get_uuid (fixture->round_2025));

  dialog = upp_round_dialog_new (NULL, session, round);
  gtk_window_present (GTK_WINDOW (dialog));
  test_gui_iterate (200);

  entry = test_gui_find_widget (GTK_WIDGET (dialog), is_part_entry_of, "Leksand");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Västra");

  entry = test_gui_find_widget (GTK_WIDGET (dialog), is_part_entry_of, "Falun");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  completion = gtk_entry_get_completion (GTK_ENTRY (entry));
  g_assert_nonnull (completion);
  model = gtk_entry_completion_get_model (completion);
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  {
    g_autofree char *first = NULL;

    gtk_tree_model_get (model, &iter, 0, &first, -1);
    g_assert_cmpstr (first, ==, "Västra");
    g_assert_false (gtk_tree_model_iter_next (model, &iter));
  }

  gtk_editable_set_text (GTK_EDITABLE (entry), "  Centrala ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.save", NULL));
  test_gui_iterate (100);

  {
    g_autofree char *falun = dup_stored_part (fixture->store, fixture->round_2025, "Falun");
    g_autofree char *leksand = dup_stored_part (fixture->store, fixture->round_2025, "Leksand");
    g_autofree char *gagnef = dup_stored_part (fixture->store, fixture->round_2025, "Gagnef");
    /* A unit is the same body in every round: next year's Falun is in Centrala too. */
    g_autofree char *next_year = dup_stored_part (fixture->store, fixture->round_2026,
                                                  "Falun");

    g_assert_cmpstr (falun, ==, "Centrala");
    g_assert_cmpstr (leksand, ==, "Västra");
    g_assert_cmpstr (gagnef, ==, "");
    g_assert_cmpstr (next_year, ==, "Centrala");
  }

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

  g_test_add ("/county-parts/comparison-and-charts", Fixture, NULL, fixture_set_up,
              test_comparison_and_charts, fixture_tear_down);
  g_test_add ("/county-parts/round-dialog", Fixture, NULL, fixture_set_up, test_round_dialog,
              fixture_tear_down);
  g_test_add ("/county-parts/unit-filter", Fixture, NULL, fixture_set_up, test_unit_filter,
              fixture_tear_down);

  return g_test_run ();
}

/* test-window.c: the window as a navigation shell: pages reached by its actions alone, and
 * everything it made (the session, the pages, the views inside them) freed with it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "test-gui-util.h"
#include "test-util.h"
#include "upp-application.h"
#include "upp-charts-view.h"
#include "upp-comparison-view.h"
#include "upp-primary-menu.h"
#include "upp-report-page.h"
#include "upp-response-form.h"
#include "upp-round-overview.h"
#include "upp-round-page.h"
#include "upp-rounds-page.h"
#include "upp-search-page.h"
#include "upp-session.h"
#include "upp-window.h"

/* The window's page of the type comes on screen. */
static void
assert_shows (GtkWidget *window,
              GType      type)
{
  g_assert_true (test_gui_wait_until (test_gui_is_mapped, test_gui_find_of_type (window, type),
                                      5000));
}

static void
test_window_navigates_and_frees (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  GtkWidget *window;
  UppSession *session;
  GType types[] = {
    UPP_TYPE_ROUNDS_PAGE, UPP_TYPE_ROUND_PAGE, UPP_TYPE_ROUND_OVERVIEW, UPP_TYPE_RESPONSE_FORM,
    UPP_TYPE_COMPARISON_VIEW, UPP_TYPE_CHARTS_VIEW, UPP_TYPE_REPORT_PAGE, UPP_TYPE_SEARCH_PAGE,
  };
  gpointer weak[G_N_ELEMENTS (types) + 2] = { NULL };

  {
    g_autoptr(UppStore) store = test_open_store (dir, "window");

    uuid = test_import_dalarna_uuid (store);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_present (GTK_WINDOW (window));
  session = upp_window_get_session (UPP_WINDOW (window));
  g_assert_nonnull (upp_session_get_store (session));
  test_gui_iterate (300);

  /* Every page is reached through the window's actions, as pages do. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-round", "s", uuid));
  assert_shows (window, UPP_TYPE_ROUND_PAGE);
  g_assert_true (upp_round_page_get_round (UPP_ROUND_PAGE (test_gui_find_of_type
                                                          (window, UPP_TYPE_ROUND_PAGE)))
                 == upp_session_find_round (session, uuid));
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 2));
  assert_shows (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  assert_shows (window, UPP_TYPE_ROUND_PAGE);
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  assert_shows (window, UPP_TYPE_SEARCH_PAGE);
  g_assert_true (gtk_widget_activate_action (window, "win.show-rounds", NULL));
  assert_shows (window, UPP_TYPE_ROUNDS_PAGE);

  /* Nothing outlives the window: no reference cycle between pages, views and the session. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      weak[i] = test_gui_find_of_type (window, types[i]);
      g_object_add_weak_pointer (weak[i], &weak[i]);
    }
  weak[G_N_ELEMENTS (types)] = session;
  g_object_add_weak_pointer (G_OBJECT (session), &weak[G_N_ELEMENTS (types)]);
  weak[G_N_ELEMENTS (types) + 1] = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak[G_N_ELEMENTS (types) + 1]);

  gtk_window_destroy (GTK_WINDOW (window));
  /* Workers let go of their tasks just after the callbacks ran. */
  for (guint i = 0; i < 500; i++)
    {
      gboolean all_gone = TRUE;

      for (guint j = 0; j < G_N_ELEMENTS (weak); j++)
        all_gone &= weak[j] == NULL;
      if (all_gone)
        break;
      test_gui_iterate (10);
    }
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (weak[i] != NULL)
      g_error ("%s outlived the window", g_type_name (types[i]));
  g_assert_null (weak[G_N_ELEMENTS (types)]);      /* the session */
  g_assert_null (weak[G_N_ELEMENTS (types) + 1]);  /* the window */

  test_remove_tree (dir);
}

/* The item of menu, or of a section in it, that activates action; NULL when there is none. */
static char *
find_menu_label (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      g_autofree char *label = NULL;

      if (section != NULL)
        {
          char *found = find_menu_label (section, action);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && g_str_equal (item_action, action)
          && g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return g_steal_pointer (&label);
    }

  return NULL;
}

/* For test_gui_find_widget (): whether the widget is a shortcuts window's line for accelerator. */
static gboolean
is_shortcut_of (GtkWidget     *widget,
                gconstpointer  accelerator)
{
  g_autofree char *its_accelerator = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "accelerator", &its_accelerator, NULL);
  return g_strcmp0 (its_accelerator, accelerator) == 0;
}

/* F1 and Help in the main menu open the help (yelp itself is not launched here), and the
 * shortcuts window lists F1 truthfully. */
static void
test_window_help_action (void)
{
  g_autoptr(UppApplication) app = upp_application_new ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) accels = NULL;
  g_autofree char *label = NULL;
  GtkWidget *shortcuts;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "help"));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.help");
  g_assert_true (g_strv_contains ((const char * const *) accels, "F1"));

  label = find_menu_label (upp_primary_menu_get (), "app.help");
  g_assert_cmpstr (label, ==, "_Help");

  builder = gtk_builder_new_from_resource ("/se/uppfoljning/Uppfoljning/upp-shortcuts-window.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (test_gui_find_widget (shortcuts, is_shortcut_of, "F1"));
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/navigates-and-frees", test_window_navigates_and_frees);
  g_test_add_func ("/window/help-action", test_window_help_action);

  return g_test_run ();
}

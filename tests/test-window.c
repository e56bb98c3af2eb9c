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
#include "upp-response.h"
#include "upp-round-dialog.h"
#include "upp-round-overview.h"
#include "upp-round-page.h"
#include "upp-rounds-page.h"
#include "upp-search-page.h"
#include "upp-session.h"
#include "upp-template-editor.h"
#include "upp-templates-page.h"
#include "upp-unit.h"
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

/* The application, registered once: a second one in the process could not export its
 * actions on the bus where the first did. */
static UppApplication *
get_registered_app (void)
{
  static UppApplication *app;
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;
  app = upp_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* F1 and Help in the main menu open the help (yelp itself is not launched here), and the
 * shortcuts window lists F1 truthfully. */
static void
test_window_help_action (void)
{
  UppApplication *app = get_registered_app ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_auto(GStrv) accels = NULL;
  g_autofree char *label = NULL;
  GtkWidget *shortcuts;

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

/* An accelerator as GTK writes it, whatever the spelling ("<Primary>N", "<Control>n"). */
static char *
dup_normalized_accelerator (const char *accelerator)
{
  GdkModifierType modifiers;
  guint keyval;

  g_assert_true (gtk_accelerator_parse (accelerator, &keyval, &modifiers));
  return gtk_accelerator_name (gdk_keyval_to_lower (keyval), modifiers);
}

/* Every keyboard shortcut of the app's own widgets under root, as accelerator → action, into
 * shortcuts: the actions they name (those of GTK's classes, inherited or not, emit signals:
 * Ctrl+Up moving the focus). A key without modifier (Escape closing a dialog) is not the
 * shortcuts window's business. */
static void
collect_widget_shortcuts (GtkWidget  *root,
                          gboolean    recursive,
                          GHashTable *shortcuts)
{
  if (g_str_has_prefix (G_OBJECT_TYPE_NAME (root), "Upp"))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (root);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller),
                                                                       j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
              GdkModifierType modifiers;

              if (!GTK_IS_KEYVAL_TRIGGER (trigger) || !GTK_IS_NAMED_ACTION (action))
                continue;
              modifiers = gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger));
              if (modifiers == 0)
                continue;
              g_hash_table_insert (shortcuts,
                                   gtk_accelerator_name (gtk_keyval_trigger_get_keyval (
                                                           GTK_KEYVAL_TRIGGER (trigger)),
                                                         modifiers),
                                   g_strdup (gtk_named_action_get_action_name (
                                     GTK_NAMED_ACTION (action))));
            }
        }
    }
  if (!recursive)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, TRUE, shortcuts);
}

/* What the shortcuts window's file lists, read as it is written: groups by their titles, each
 * line by its accelerators. */
typedef struct
{
  GPtrArray  *objects;        /* the classes of the open <object>s */
  char       *property;       /* the name of the open <property>, or NULL */
  char       *group;          /* the title of the group read */
  const char *skipped_group;
  GHashTable *accelerators;
} ListedShortcuts;

static void
listed_start_element (GMarkupParseContext  *context,
                      const char           *element,
                      const char          **names,
                      const char          **values,
                      gpointer              user_data,
                      GError              **error)
{
  ListedShortcuts *listed = user_data;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (element, "object") && g_str_equal (names[i], "class"))
        g_ptr_array_add (listed->objects, g_strdup (values[i]));
      else if (g_str_equal (element, "property") && g_str_equal (names[i], "name"))
        {
          g_free (listed->property);
          listed->property = g_strdup (values[i]);
        }
    }
}

static void
listed_end_element (GMarkupParseContext  *context,
                    const char           *element,
                    gpointer              user_data,
                    GError              **error)
{
  ListedShortcuts *listed = user_data;

  if (g_str_equal (element, "object"))
    g_ptr_array_remove_index (listed->objects, listed->objects->len - 1);
  else if (g_str_equal (element, "property"))
    g_clear_pointer (&listed->property, g_free);
}

static void
listed_text (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  ListedShortcuts *listed = user_data;
  const char *object = listed->objects->len > 0
                       ? g_ptr_array_index (listed->objects, listed->objects->len - 1) : NULL;
  g_autofree char *value = g_strndup (text, length);
  g_auto(GStrv) each = NULL;

  if (listed->property == NULL || object == NULL)
    return;
  if (g_str_equal (object, "GtkShortcutsGroup") && g_str_equal (listed->property, "title"))
    {
      g_free (listed->group);
      listed->group = g_strdup (value);
    }
  if (!g_str_equal (object, "GtkShortcutsShortcut") ||
      !g_str_equal (listed->property, "accelerator") ||
      g_strcmp0 (listed->group, listed->skipped_group) == 0)
    return;
  each = g_strsplit (value, " ", -1);
  for (guint i = 0; each[i] != NULL; i++)
    if (*each[i] != '\0')
      g_hash_table_add (listed->accelerators, dup_normalized_accelerator (each[i]));
}

/* The accelerators the shortcuts window lists, in every group or in all but one, into
 * accelerators. */
static void
collect_listed_shortcuts (const char *skipped_group,
                          GHashTable *accelerators)
{
  static const GMarkupParser parser = {
    listed_start_element, listed_end_element, listed_text, NULL, NULL
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ListedShortcuts listed = { objects, NULL, NULL, skipped_group, accelerators };
  gsize size;
  const char *text;

  bytes = g_resources_lookup_data ("/se/uppfoljning/Uppfoljning/upp-shortcuts-window.ui", 0,
                                   &error);
  g_assert_no_error (error);
  text = g_bytes_get_data (bytes, &size);
  context = g_markup_parse_context_new (&parser, 0, &listed, NULL);
  g_assert_true (g_markup_parse_context_parse (context, text, size, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_free (listed.property);
  g_free (listed.group);
}

/* The shortcuts window lists every shortcut the app has and none it has not: the
 * application's accelerators and the key bindings of the window's pages and views (a round
 * and an interview form shown), the round dialog and the template editor. Ctrl+N is the
 * window's, a new round or a new template by page, not the application's. */
static void
test_window_shortcuts_truthful (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  UppApplication *app = get_registered_app ();
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) listed_checked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                                NULL);
  g_autoptr(GHashTable) page_shortcuts = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_auto(GStrv) actions = NULL;
  GtkWidget *window, *shortcuts, *round_dialog, *editor;
  GHashTableIter iter;
  const char *accelerator;
  UppSession *session;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "shortcuts");

    uuid = test_import_dalarna_uuid (store);
    db = g_strdup (upp_store_get_path (store));
  }

  window = GTK_WIDGET (upp_window_new (GTK_APPLICATION (app), db));
  gtk_window_present (GTK_WINDOW (window));
  session = upp_window_get_session (UPP_WINDOW (window));
  test_gui_iterate (300);
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 0));
  assert_shows (window, UPP_TYPE_RESPONSE_FORM);
  test_gui_iterate (300);

  /* Application accelerators: Ctrl+N is none of them, it depends on the page. */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        g_hash_table_insert (existing, dup_normalized_accelerator (accels[j]),
                             g_strdup (actions[i]));
    }
  g_assert_false (g_hash_table_contains (existing, "<Control>n"));

  page_shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  collect_widget_shortcuts (window, FALSE, page_shortcuts);
  g_assert_cmpstr (g_hash_table_lookup (page_shortcuts, "<Control>n"), ==, "win.new");
  g_hash_table_remove_all (page_shortcuts);
  collect_widget_shortcuts (test_gui_find_of_type (window, UPP_TYPE_ROUND_PAGE), TRUE,
                            page_shortcuts);
  g_assert_cmpstr (g_hash_table_lookup (page_shortcuts, "<Alt>1"), ==, "round.show-view");
  g_assert_cmpstr (g_hash_table_lookup (page_shortcuts, "<Alt>6"), ==, "round.show-view");
  g_hash_table_remove_all (page_shortcuts);
  collect_widget_shortcuts (test_gui_find_of_type (window, UPP_TYPE_TEMPLATES_PAGE), TRUE,
                            page_shortcuts);
  g_assert_cmpstr (g_hash_table_lookup (page_shortcuts, "<Control>n"), ==, "templates.new");

  collect_widget_shortcuts (window, TRUE, existing);
  round_dialog = GTK_WIDGET (upp_round_dialog_new (GTK_WINDOW (window), session, NULL));
  collect_widget_shortcuts (round_dialog, TRUE, existing);
  template = g_list_model_get_item (upp_session_get_templates (session), 0);
  editor = GTK_WIDGET (upp_template_editor_new (session, template, TRUE));
  collect_widget_shortcuts (editor, TRUE, existing);

  /* GTK 4.8 lays a shortcuts window of more than two columns out with labels of negative
   * width (a warning, fatal here): it must show as it is. */
  builder = gtk_builder_new_from_resource ("/se/uppfoljning/Uppfoljning/upp-shortcuts-window.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  gtk_window_present (GTK_WINDOW (shortcuts));
  test_gui_iterate (500);
  gtk_window_destroy (GTK_WINDOW (shortcuts));

  collect_listed_shortcuts (NULL, listed);
  /* The form's group lists keys of GTK's own (Tab) and of widgets this round has none of. */
  collect_listed_shortcuts ("Interview Form", listed_checked);

  g_hash_table_iter_init (&iter, existing);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accelerator, NULL))
    if (!g_hash_table_contains (listed, accelerator))
      g_error ("%s (%s) is missing from the shortcuts window", accelerator,
               (char *) g_hash_table_lookup (existing, accelerator));
  g_hash_table_iter_init (&iter, listed_checked);
  while (g_hash_table_iter_next (&iter, (gpointer *) &accelerator, NULL))
    if (!g_hash_table_contains (existing, accelerator))
      g_error ("The shortcuts window lists %s, which does nothing", accelerator);

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (round_dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);
  test_remove_tree (dir);
}

/* The view shown of the window's round page. */
static const char *
shown_view (GtkWidget *window)
{
  return upp_round_page_get_view (UPP_ROUND_PAGE (test_gui_find_of_type (window,
                                                                         UPP_TYPE_ROUND_PAGE)));
}

static GtkWidget *
new_window_on (const char *db)
{
  GtkWidget *window = GTK_WIDGET (upp_window_new (NULL, db));

  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);
  return window;
}

static const char *
visible_page (GtkWidget *window)
{
  GtkWidget *stack = test_gui_find_of_type (window, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* A new window opens where the last one was closed: the round, its view, the unit whose
 * interview form was open; and on the rounds list when that round or unit is gone. */
static void
test_window_restores_navigation (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *unit_uuid = NULL;
  UppResponseForm *form;
  GtkWidget *window;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "navigation");

    uuid = test_import_dalarna_uuid (store);
    db = g_strdup (upp_store_get_path (store));
  }

  /* A round and its comparison. */
  window = new_window_on (db);
  g_assert_true (gtk_widget_activate_action (window, "win.show-round-view", "(ss)", uuid,
                                             "comparison"));
  assert_shows (window, UPP_TYPE_COMPARISON_VIEW);
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);

  window = new_window_on (db);
  assert_shows (window, UPP_TYPE_COMPARISON_VIEW);
  g_assert_cmpstr (visible_page (window), ==, "round");
  g_assert_cmpstr (shown_view (window), ==, "comparison");
  g_assert_true (upp_round_page_get_round (UPP_ROUND_PAGE (test_gui_find_of_type (
                   window, UPP_TYPE_ROUND_PAGE))) ==
                 upp_session_find_round (upp_window_get_session (UPP_WINDOW (window)), uuid));

  /* The third unit's interview form. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 2));
  assert_shows (window, UPP_TYPE_RESPONSE_FORM);
  form = UPP_RESPONSE_FORM (test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM));
  {
    UppRound *round = upp_session_find_round (upp_window_get_session (UPP_WINDOW (window)),
                                              uuid);
    g_autoptr(GListModel) responses = upp_session_dup_responses (
      upp_window_get_session (UPP_WINDOW (window)), round);
    g_autoptr(UppResponse) response = g_list_model_get_item (responses, 2);

    unit_uuid = g_strdup (upp_unit_get_uuid (upp_response_get_unit (response)));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);

  window = new_window_on (db);
  assert_shows (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_cmpstr (visible_page (window), ==, "response");
  form = UPP_RESPONSE_FORM (test_gui_find_of_type (window, UPP_TYPE_RESPONSE_FORM));
  g_assert_cmpuint (upp_response_form_get_position (form), ==, 2);
  /* Back leads to the round, as when the form was opened from it. */
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  g_assert_cmpstr (visible_page (window), ==, "round");
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", uuid, 2));
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);

  /* The round deleted meanwhile (from the command line, on another laptop's import): the
   * rounds list, without a word. */
  {
    g_autoptr(UppStore) store = test_open_store (dir, "navigation");
    g_autoptr(UppRound) round = test_load_round (store, uuid);
    g_autoptr(GError) error = NULL;

    g_assert_true (upp_store_delete_round (store, round, &error));
    g_assert_no_error (error);
  }
  window = new_window_on (db);
  assert_shows (window, UPP_TYPE_ROUNDS_PAGE);
  g_assert_cmpstr (visible_page (window), ==, "rounds");
  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);

  test_remove_tree (dir);
}

static gboolean
is_scrolled_to_top (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) == 0.0;
}

static gboolean
is_scrolled_down (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 0.0;
}

/* A round's overview opens at its top, not where the one before was scrolled to. */
static void
test_window_round_opens_at_top (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *db = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  GtkAdjustment *adjustment;
  GtkWidget *window, *overview, *scrolled;

  {
    g_autoptr(UppStore) store = test_open_store (dir, "top");
    g_autoptr(UppRound) round_2024 = test_import_dalarna_round (store, 2024);
    g_autoptr(UppRound) round_2025 = test_import_dalarna_round (store, 2025);

    first = g_strdup (upp_round_get_uuid (round_2024));
    second = g_strdup (upp_round_get_uuid (round_2025));
    db = g_strdup (upp_store_get_path (store));
  }

  /* Small enough that the units scroll. */
  window = GTK_WIDGET (upp_window_new (NULL, db));
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 500);
  gtk_window_present (GTK_WINDOW (window));
  test_gui_iterate (300);

  g_assert_true (gtk_widget_activate_action (window, "win.show-round", "s", first));
  assert_shows (window, UPP_TYPE_ROUND_OVERVIEW);
  overview = test_gui_find_of_type (window, UPP_TYPE_ROUND_OVERVIEW);
  scrolled = test_gui_find_of_type (overview, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  test_gui_iterate (300);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment));

  /* The last unit, and back from its form: the list scrolled down to it. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", first, 10));
  assert_shows (window, UPP_TYPE_RESPONSE_FORM);
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  g_assert_true (test_gui_wait_until (is_scrolled_down, adjustment, 3000));

  /* Another round, from the rounds list. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-rounds", NULL));
  g_assert_true (gtk_widget_activate_action (window, "win.show-round", "s", second));
  test_gui_iterate (500);
  g_assert_true (test_gui_wait_until (is_scrolled_to_top, adjustment, 2000));

  /* The same round again from the list opens at its top too. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-response", "(su)", second, 10));
  g_assert_true (gtk_widget_activate_action (window, "win.back", NULL));
  g_assert_true (test_gui_wait_until (is_scrolled_down, adjustment, 3000));
  g_assert_true (gtk_widget_activate_action (window, "win.show-rounds", NULL));
  g_assert_true (gtk_widget_activate_action (window, "win.show-round", "s", first));
  test_gui_iterate (500);
  g_assert_true (test_gui_wait_until (is_scrolled_to_top, adjustment, 2000));

  gtk_window_destroy (GTK_WINDOW (window));
  test_gui_iterate (100);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/navigates-and-frees", test_window_navigates_and_frees);
  g_test_add_func ("/window/help-action", test_window_help_action);
  g_test_add_func ("/window/shortcuts-truthful", test_window_shortcuts_truthful);
  g_test_add_func ("/window/restores-navigation", test_window_restores_navigation);
  g_test_add_func ("/window/round-opens-at-top", test_window_round_opens_at_top);

  return g_test_run ();
}

/* views-harness.c: a window with the comparison view or the templates page on a database,
 * for GUI tests and screenshots
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * views-harness --db PATH --widget comparison|templates [--round UUID]
 *               [--import-dalarna FILE] [--search TEXT] [--editor KEY|new] [--detail UNIT]
 *               [--dark] [--size WxH]
 */

#define G_LOG_DOMAIN "views-harness"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "import/import-dalarna.h"
#include "upp-comparison-view.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-templates-page.h"

static char *db_path;
static char *widget_name;
static char *round_uuid;
static char *import_path;
static char *search_text;
static char *editor_key;
static char *size_text;
static gboolean dark;
static gboolean editor_copy;
static int expand_question = -1;
static int editor_height = 0;
static gboolean editor_save;
static char *detail_unit;
static char *detail_question;
static int scroll_x = 0;
static int scroll_y = 0;

static GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database file", "PATH" },
  { "widget", 0, 0, G_OPTION_ARG_STRING, &widget_name, "comparison or templates", "NAME" },
  { "round", 0, 0, G_OPTION_ARG_STRING, &round_uuid, "Round uuid (default: the first)", "UUID" },
  { "import-dalarna", 0, 0, G_OPTION_ARG_FILENAME, &import_path, "Import this table first", "FILE" },
  { "search", 0, 0, G_OPTION_ARG_STRING, &search_text, "Search text for the comparison", "TEXT" },
  { "editor", 0, 0, G_OPTION_ARG_STRING, &editor_key, "Open the editor on a template key, or new", "KEY" },
  { "size", 0, 0, G_OPTION_ARG_STRING, &size_text, "Window size", "WxH" },
  { "copy", 0, 0, G_OPTION_ARG_NONE, &editor_copy, "Open the editor on a copy of --editor KEY", NULL },
  { "expand", 0, 0, G_OPTION_ARG_INT, &expand_question, "Expand this question (0-based) in the editor", "N" },
  { "editor-height", 0, 0, G_OPTION_ARG_INT, &editor_height, "Height of the editor", "PIXELS" },
  { "detail", 0, 0, G_OPTION_ARG_STRING, &detail_unit, "Show this unit's answers in full", "UNIT" },
  { "question", 0, 0, G_OPTION_ARG_STRING, &detail_question, "… at this question key", "KEY" },
  { "scroll-x", 0, 0, G_OPTION_ARG_INT, &scroll_x, "Scroll the matrix right", "PIXELS" },
  { "scroll-y", 0, 0, G_OPTION_ARG_INT, &scroll_y, "Scroll the matrix down", "PIXELS" },
  { "save", 0, 0, G_OPTION_ARG_NONE, &editor_save, "Press Save in the editor", NULL },
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark style", NULL },
  { NULL }
};

static UppStore *store;
static UppSession *session;

static gboolean
open_editor_cb (gpointer user_data)
{
  UppTemplatesPage *page = user_data;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplateEditor *editor;

  if (g_str_equal (editor_key, "new"))
    {
      g_autoptr(UppTemplate) empty = upp_template_new ("", "");

      upp_template_set_version (empty, 1);
      editor = upp_templates_page_open_editor (page, empty, TRUE);
      if (editor_save)
        gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
      return G_SOURCE_REMOVE;
    }

  template = upp_store_load_template (store, editor_key, 0, &error);
  if (template == NULL)
    {
      g_printerr ("%s\n", error->message);
      return G_SOURCE_REMOVE;
    }
  if (editor_copy)
    {
      g_autoptr(UppTemplate) copy = upp_templates_page_dup_copy (page, template);

      editor = upp_templates_page_open_editor (page, copy, TRUE);
    }
  else
    editor = upp_templates_page_open_editor (page, template, FALSE);

  if (editor_height > 0)
    gtk_window_set_default_size (GTK_WINDOW (editor), 680, editor_height);

  /* The question's expander row: the n-th AdwExpanderRow in the dialog. */
  if (expand_question >= 0)
    {
      g_autoptr(GPtrArray) queue = g_ptr_array_new ();
      int seen = 0;

      g_ptr_array_add (queue, editor);
      while (queue->len > 0)
        {
          GtkWidget *widget = g_ptr_array_steal_index (queue, 0);

          if (ADW_IS_EXPANDER_ROW (widget) && seen++ == expand_question)
            {
              adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
              break;
            }
          for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
               child = gtk_widget_get_next_sibling (child))
            g_ptr_array_add (queue, child);
        }
    }
  return G_SOURCE_REMOVE;
}

static GtkWidget *
find_matrix_scroller (GtkWidget *widget)
{
  /* The scrolled window that scrolls both ways: the answers, right of the unit column. */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      GtkPolicyType h, v;

      gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (widget), &h, &v);
      if (h == GTK_POLICY_AUTOMATIC && v == GTK_POLICY_AUTOMATIC)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_matrix_scroller (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
comparison_later_cb (gpointer user_data)
{
  UppComparisonView *view = user_data;
  GtkWidget *scroller = find_matrix_scroller (GTK_WIDGET (view));

  if (detail_unit != NULL && !upp_comparison_view_show_answers (view, detail_unit, detail_question))
    g_printerr ("No unit %s\n", detail_unit);
  if (scroller != NULL)
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)), scroll_x);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), scroll_y);
    }
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *overlay;
  GtkWidget *widget;
  int width = 1280, height = 800;

  if (dark)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  if (size_text != NULL)
    sscanf (size_text, "%dx%d", &width, &height);

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  overlay = adw_toast_overlay_new ();
  gtk_widget_set_vexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (box), overlay);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_strcmp0 (widget_name, "templates") == 0)
    {
      widget = upp_templates_page_new ();
      upp_templates_page_set_session (UPP_TEMPLATES_PAGE (widget), session);
      gtk_window_set_title (GTK_WINDOW (window), "Templates");
      if (editor_key != NULL)
        g_timeout_add (500, open_editor_cb, widget);
    }
  else
    {
      g_autoptr(UppRound) round = NULL;

      if (round_uuid != NULL)
        round = upp_store_load_round (store, round_uuid, &error);
      else
        {
          g_autoptr(GPtrArray) rounds = upp_store_list_rounds (store, &error);

          if (rounds != NULL && rounds->len > 0)
            round = g_object_ref (g_ptr_array_index (rounds, 0));
        }
      if (error != NULL)
        g_printerr ("%s\n", error->message);

      /* The view reads the round's responses from a session of its own on the database. */
      session = upp_session_new (db_path);
      if (!upp_session_open (session, &error))
        g_printerr ("%s\n", error->message);
      widget = upp_comparison_view_new ();
      upp_comparison_view_set_session (UPP_COMPARISON_VIEW (widget), session);
      if (round != NULL)
        upp_comparison_view_set_round (UPP_COMPARISON_VIEW (widget),
                                       upp_session_find_round (session,
                                                               upp_round_get_uuid (round)));
      if (search_text != NULL)
        upp_comparison_view_set_search_text (UPP_COMPARISON_VIEW (widget), search_text);
      gtk_window_set_title (GTK_WINDOW (window), "Compare Answers");
      g_timeout_add (500, comparison_later_cb, widget);
    }

  gtk_widget_set_name (widget, "views-harness-widget");
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), widget);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("UPP_LOCALEDIR");
  char *no_args[] = { argv[0], NULL };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new ("- show a view of Uppföljning");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--db is required");
      return 2;
    }

  store = upp_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (import_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (import_path);
      g_autoptr(UppImportResult) result = upp_import_dalarna_file (store, file, 2025, &error);

      if (result == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("round %s\n", result->round_uuid);
    }

  /* The templates page follows a session, as in the window. */
  session = upp_session_new (db_path);
  if (!upp_session_open (session, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  app = adw_application_new ("se.uppfoljning.ViewsHarness", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, no_args);
}

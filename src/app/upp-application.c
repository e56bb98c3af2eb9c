/* upp-application.c: the Uppföljning application: command line, actions, windows
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "upp-application.h"
#include "upp-store.h"
#include "upp-toast.h"
#include "upp-window.h"

struct _UppApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
};

G_DEFINE_FINAL_TYPE (UppApplication, upp_application, ADW_TYPE_APPLICATION)

UppApplication *
upp_application_new (void)
{
  return g_object_new (UPP_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/se/uppfoljning/Uppfoljning",
                       NULL);
}

const char *
upp_application_get_db_path (UppApplication *self)
{
  g_return_val_if_fail (UPP_IS_APPLICATION (self), NULL);

  if (self->db_path == NULL)
    self->db_path = upp_store_dup_default_path ();

  return self->db_path;
}

static int
upp_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  UppApplication *self = UPP_APPLICATION (application);
  const char *db_path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("uppfoljning %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db_path);

      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
      /* Another database is another document: this process shows it itself rather than
       * handing the request to a window that is already open on a different file. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
upp_application_activate (GApplication *application)
{
  UppApplication *self = UPP_APPLICATION (application);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (upp_window_new (GTK_APPLICATION (self),
                                         upp_application_get_db_path (self)));

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows first lets each save what is still being typed. */
  for (GList *l = windows; l != NULL;)
    {
      GList *next = l->next;

      gtk_window_close (GTK_WINDOW (l->data));
      l = next;
    }

  g_application_quit (G_APPLICATION (app));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Uppföljning authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Uppföljning"),
                        "developer-name", _("The Uppföljning authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Follow up the local cooperation agreements (LÖK) between "
                                      "a region and its municipalities: plan the interviews, "
                                      "type the answers, compare and report."),
                        "developers", developers,
                        "copyright", "© 2026 The Uppföljning authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
on_help_shown_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GtkWindow *window = GTK_WINDOW (source);
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (window, result, &error))
    return;

  /* Without yelp (or another help viewer) the launch fails: say so rather than nothing. */
  g_message ("Could not open the help: %s", error->message);
  upp_toast_show (GTK_WIDGET (window),
                  _("The help could not be opened: install the Yelp help viewer"));
}

static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window == NULL)
    return;

  gtk_show_uri_full (window, "help:uppfoljning", GDK_CURRENT_TIME, NULL, on_help_shown_cb, NULL);
}

/* A session that ends, or a test that stops the app, closes the windows like Quit does, so
 * what was still being typed is saved. */
static gboolean
on_terminate_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static const GActionEntry app_actions[] = {
  { "quit",  quit_activated },
  { "about", about_activated },
  { "help",  help_activated },
};

static void
upp_application_startup (GApplication *application)
{
  GtkApplication *app = GTK_APPLICATION (application);

  G_APPLICATION_CLASS (upp_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  g_unix_signal_add (SIGTERM, on_terminate_signal_cb, app);
  g_unix_signal_add (SIGINT, on_terminate_signal_cb, app);

  gtk_application_set_accels_for_action (app, "app.quit", (const char *[]) { "<Control>q", NULL });
  /* Ctrl+N is the window's win.new: what it makes depends on the page. */
  gtk_application_set_accels_for_action (app, "win.back",
                                         (const char *[]) { "<Alt>Left", NULL });
  /* Keep these in step with ui/upp-shortcuts-window.ui. */
  gtk_application_set_accels_for_action (app, "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });
  gtk_application_set_accels_for_action (app, "app.help", (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (app, "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
upp_application_finalize (GObject *object)
{
  UppApplication *self = UPP_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (upp_application_parent_class)->finalize (object);
}

static void
upp_application_class_init (UppApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = upp_application_finalize;

  app_class->handle_local_options = upp_application_handle_local_options;
  app_class->startup = upp_application_startup;
  app_class->activate = upp_application_activate;
}

static void
upp_application_init (UppApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database in FILE instead of the default one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

/* upp-export-actions.c: export a round to Excel or CSV from the window, through the session
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-export-actions.h"
#include "upp-files.h"
#include "upp-privacy-dialog.h"
#include "upp-round.h"
#include "upp-settings.h"
#include "upp-toast.h"

/* How long an export runs before its progress is shown. */
#define PROGRESS_DELAY_MS 400

typedef struct
{
  GtkWindow   *parent;      /* weak */
  UppSession  *session;
  UppRound    *round;
  char        *format;
  char        *path;
  UppProgress *progress;
  AdwToast    *progress_toast;
  guint        progress_timeout;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_handle_id (&job->progress_timeout, g_source_remove);
  if (job->progress_toast != NULL)
    adw_toast_dismiss (job->progress_toast);
  g_clear_object (&job->progress_toast);
  g_clear_weak_pointer (&job->parent);
  g_clear_object (&job->session);
  g_clear_object (&job->round);
  g_clear_object (&job->progress);
  g_free (job->format);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

char *
upp_export_actions_dup_default_name (UppRound   *round,
                                     const char *format)
{
  return upp_files_dup_round_export_name (round, NULL, format);
}

#define LAST_FOLDER_KEY "last-export-folder"

/* Without the installed schema (an uninstalled build), the folder is remembered for as long
 * as the app runs. */
static char *session_last_folder;


char *
upp_export_actions_dup_last_folder (void)
{
  g_autoptr(GSettings) settings = upp_settings_new_if_installed (LAST_FOLDER_KEY);
  g_autofree char *uri = NULL;

  if (settings == NULL)
    return g_strdup (session_last_folder);
  uri = g_settings_get_string (settings, LAST_FOLDER_KEY);
  return *uri != '\0' ? g_steal_pointer (&uri) : NULL;
}

void
upp_export_actions_remember_folder (GFile *file)
{
  g_autoptr(GSettings) settings = upp_settings_new_if_installed (LAST_FOLDER_KEY);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (G_IS_FILE (file));

  folder = g_file_get_parent (file);
  if (folder == NULL)
    return;
  uri = g_file_get_uri (folder);
  g_free (session_last_folder);
  session_last_folder = g_strdup (uri);
  if (settings != NULL)
    g_settings_set_string (settings, LAST_FOLDER_KEY, uri);
}

void
upp_export_actions_start_in_last_folder (GtkFileChooser *chooser)
{
  g_autofree char *uri = upp_export_actions_dup_last_folder ();
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (GTK_IS_FILE_CHOOSER (chooser));

  if (uri == NULL)
    return;
  folder = g_file_new_for_uri (uri);
  /* A folder on a USB stick that has been taken out: the chooser's own start. */
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    return;
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  ExportJob *job = user_data;
  GtkWidget *box, *label, *bar;
  g_autofree char *basename = g_path_get_basename (job->path);
  g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), basename);

  job->progress_timeout = 0;
  if (job->parent == NULL)
    return G_SOURCE_REMOVE;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  label = gtk_label_new (text);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  bar = gtk_progress_bar_new ();
  g_object_bind_property (job->progress, "fraction", bar, "fraction", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), bar);

  job->progress_toast = g_object_ref (adw_toast_new (""));
  adw_toast_set_custom_title (job->progress_toast, box);
  adw_toast_set_timeout (job->progress_toast, 0);
  adw_toast_set_priority (job->progress_toast, ADW_TOAST_PRIORITY_HIGH);
  upp_toast_add (GTK_WIDGET (job->parent), g_object_ref (job->progress_toast));
  return G_SOURCE_REMOVE;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ExportJob) job = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (job->path);
  g_autoptr(GFile) file = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_clear_handle_id (&job->progress_timeout, g_source_remove);
  if (job->progress_toast != NULL)
    {
      adw_toast_dismiss (job->progress_toast);
      g_clear_object (&job->progress_toast);
    }

  if (!upp_session_export_finish (UPP_SESSION (object), result, &error))
    {
      g_message ("Export failed: %s", error->message);
      if (job->parent == NULL)
        return;
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
      upp_toast_add (GTK_WIDGET (job->parent), toast);
      return;
    }
  if (job->parent == NULL)
    return;

  file = g_file_new_for_path (job->path);
  /* TRANSLATORS: %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), basename);
  upp_toast_add (GTK_WIDGET (job->parent), upp_toast_new_for_file (title, file));
}

static void
start_export (ExportJob *job)
{
  job->progress = upp_progress_new ();
  job->progress_timeout = g_timeout_add (PROGRESS_DELAY_MS, show_progress_cb, job);
  upp_session_export_async (job->session, job->round, job->format, job->path, job->progress,
                            NULL, export_done_cb, job);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        ExportJob       *job)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT ||
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL ||
      (job->path = g_file_get_path (file)) == NULL)
    {
      export_job_free (job);
      g_object_unref (chooser);
      return;
    }
  upp_export_actions_remember_folder (file);

  g_object_unref (chooser);
  start_export (job);
}

static void show_chooser (ExportJob *job);

/* After the check for personal data: on to the file (chosen already, or to choose). */
static void
on_checked_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ExportJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!upp_privacy_dialog_check_finish (result, &error))
    {
      if (error != NULL && job->parent != NULL)
        upp_toast_show (GTK_WIDGET (job->parent), error->message);
      export_job_free (job);
      return;
    }
  if (job->parent == NULL && job->path == NULL)
    {
      export_job_free (job);
      return;
    }
  if (job->path != NULL)
    start_export (job);
  else
    show_chooser (job);
}

static ExportJob *
export_job_new (GtkWindow  *parent,
                UppSession *session,
                UppRound   *round,
                const char *format)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  g_set_weak_pointer (&job->parent, parent);
  job->session = g_object_ref (session);
  job->round = g_object_ref (round);
  job->format = g_strdup (format);
  return job;
}

void
upp_export_actions_export_to (GtkWindow  *parent,
                              UppSession *session,
                              UppRound   *round,
                              const char *format,
                              const char *path)
{
  ExportJob *job;

  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (g_strcmp0 (format, "xlsx") == 0 || g_strcmp0 (format, "csv") == 0);
  g_return_if_fail (path != NULL);

  job = export_job_new (parent, session, round, format);
  job->path = g_strdup (path);
  upp_privacy_dialog_check_async (parent, session, upp_round_get_uuid (round), NULL,
                                  on_checked_cb, job);
}

static void
show_chooser (ExportJob *job)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *pattern = g_strdup_printf ("*.%s", job->format);
  const char *format = job->format;

  chooser = gtk_file_chooser_native_new (g_str_equal (format, "xlsx")
                                         ? _("Export to Excel") : _("Export to CSV"),
                                         job->parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, g_str_equal (format, "xlsx")
                                    ? _("Excel workbooks") : _("CSV files"));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = upp_export_actions_dup_default_name (job->round, format);
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
upp_export_actions_run (GtkWindow  *parent,
                        UppSession *session,
                        UppRound   *round,
                        const char *format)
{
  ExportJob *job;

  g_return_if_fail (UPP_IS_SESSION (session));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (g_strcmp0 (format, "xlsx") == 0 || g_strcmp0 (format, "csv") == 0);

  /* Personal data first, before a file name is asked for. */
  job = export_job_new (parent, session, round, format);
  upp_privacy_dialog_check_async (parent, session, upp_round_get_uuid (round), NULL,
                                  on_checked_cb, job);
}

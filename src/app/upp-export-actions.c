/* upp-export-actions.c: export a round to Excel or CSV from the window, off the main thread
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "export/export-csv.h"
#include "export/export-xlsx.h"
#include "upp-export-actions.h"
#include "upp-round.h"
#include "upp-store.h"

/* How long an export runs before its progress is shown. */
#define PROGRESS_DELAY_MS 400

typedef struct
{
  /* Read by the worker. */
  char            *db_path;
  char            *round_uuid;
  char            *format;
  char            *path;

  /* Main thread only. */
  GtkWindow       *parent;      /* weak */
  AdwToastOverlay *toasts;      /* weak */
  AdwToast        *progress_toast;
  GtkProgressBar  *progress_bar;
  guint            progress_timeout;

  /* Written by the worker, read by the main thread. */
  gint             permille;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_handle_id (&job->progress_timeout, g_source_remove);
  if (job->progress_toast != NULL)
    adw_toast_dismiss (job->progress_toast);
  g_clear_object (&job->progress_toast);
  g_clear_weak_pointer (&job->parent);
  g_clear_weak_pointer (&job->toasts);
  g_free (job->db_path);
  g_free (job->round_uuid);
  g_free (job->format);
  g_free (job->path);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

char *
upp_export_actions_dup_default_name (UppRound   *round,
                                     const char *format)
{
  g_autofree char *year = g_strdup_printf ("%d", upp_round_get_year (round));
  const char *title = upp_round_get_title (round);
  g_autofree char *name = NULL;

  if (strstr (title, year) != NULL)
    name = g_strdup_printf ("%s – %s.%s", upp_round_get_region_name (round), title, format);
  else
    name = g_strdup_printf ("%s – %s %s.%s", upp_round_get_region_name (round), title, year,
                            format);
  /* Titles may hold characters that file systems or other platforms refuse. */
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  return g_steal_pointer (&name);
}

/* Worker ---------------------------------------------------------------------------------- */

static void
on_progress (double   fraction,
             gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (fraction * 1000));
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok = FALSE;

  /* Its own connection: SQLite objects must not cross threads. */
  store = upp_store_open (job->db_path, &error);
  if (store != NULL)
    round = upp_store_load_round (store, job->round_uuid, &error);
  if (round == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_add (rounds, g_steal_pointer (&round));

  if (g_str_equal (job->format, "xlsx"))
    ok = upp_export_xlsx_full (store, rounds, job->path, on_progress, job, cancellable, &error);
  else if (g_str_equal (job->format, "csv"))
    ok = upp_export_csv (store, rounds, UPP_EXPORT_CSV_DEFAULT_SEPARATOR, job->path, &error);
  else
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 _("Unknown export format “%s”."), job->format);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Main thread ----------------------------------------------------------------------------- */

static gboolean
update_progress_cb (gpointer user_data)
{
  ExportJob *job = user_data;

  if (job->toasts == NULL)
    {
      job->progress_timeout = 0;
      return G_SOURCE_REMOVE;
    }

  if (job->progress_toast == NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *basename = g_path_get_basename (job->path);
      g_autofree char *text = g_strdup_printf (_("Exporting “%s”…"), basename);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      job->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (job->progress_bar));

      job->progress_toast = g_object_ref (adw_toast_new (""));
      adw_toast_set_custom_title (job->progress_toast, box);
      adw_toast_set_timeout (job->progress_toast, 0);
      adw_toast_set_priority (job->progress_toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (job->toasts, g_object_ref (job->progress_toast));
    }

  gtk_progress_bar_set_fraction (job->progress_bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_progress_cb (gpointer user_data)
{
  ExportJob *job = user_data;

  update_progress_cb (job);
  job->progress_timeout = g_timeout_add (100, update_progress_cb, job);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GtkWindow *parent;  /* weak */
  char      *uri;
} OpenData;

static void
open_data_free (gpointer data,
                GClosure *closure)
{
  OpenData *open = data;

  g_clear_weak_pointer (&open->parent);
  g_free (open->uri);
  g_free (open);
}

static void
on_open_clicked_cb (AdwToast *toast,
                    OpenData *open)
{
  gtk_show_uri (open->parent, open->uri, GDK_CURRENT_TIME);
}

static void
export_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_path_get_basename (job->path);
  AdwToast *toast;

  g_clear_handle_id (&job->progress_timeout, g_source_remove);
  if (job->progress_toast != NULL)
    {
      adw_toast_dismiss (job->progress_toast);
      g_clear_object (&job->progress_toast);
    }

  if (job->toasts == NULL)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Export failed: %s", error->message);
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (job->toasts, toast);
      return;
    }

  {
    OpenData *open = g_new0 (OpenData, 1);
    g_autoptr(GFile) file = g_file_new_for_path (job->path);

    g_set_weak_pointer (&open->parent, job->parent);
    open->uri = g_file_get_uri (file);

    /* TRANSLATORS: %s is a file name */
    toast = adw_toast_new_format (_("Exported “%s”"), basename);
    adw_toast_set_button_label (toast, _("_Open"));
    g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), open,
                           open_data_free, 0);
    adw_toast_overlay_add_toast (job->toasts, toast);
  }
}

static void
start_export (ExportJob *owned_job)
{
  g_autoptr(ExportJob) job = owned_job;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, export_done_cb, NULL);

  job->progress_timeout = g_timeout_add (PROGRESS_DELAY_MS, start_progress_cb, job);
  g_task_set_source_tag (task, start_export);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
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

  g_object_unref (chooser);
  start_export (job);
}

static ExportJob *
export_job_new (GtkWindow       *parent,
                UppStore        *store,
                UppRound        *round,
                const char      *format,
                AdwToastOverlay *toasts)
{
  ExportJob *job = g_new0 (ExportJob, 1);

  job->db_path = g_strdup (upp_store_get_path (store));
  job->round_uuid = g_strdup (upp_round_get_uuid (round));
  job->format = g_strdup (format);
  g_set_weak_pointer (&job->parent, parent);
  g_set_weak_pointer (&job->toasts, toasts);
  return job;
}

void
upp_export_actions_export_to (GtkWindow       *parent,
                              UppStore        *store,
                              UppRound        *round,
                              const char      *format,
                              const char      *path,
                              AdwToastOverlay *toasts)
{
  ExportJob *job;

  g_return_if_fail (UPP_IS_STORE (store));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (g_strcmp0 (format, "xlsx") == 0 || g_strcmp0 (format, "csv") == 0);
  g_return_if_fail (path != NULL);

  job = export_job_new (parent, store, round, format, toasts);
  job->path = g_strdup (path);
  start_export (job);
}

void
upp_export_actions_run (GtkWindow       *parent,
                        UppStore        *store,
                        UppRound        *round,
                        const char      *format,
                        AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *pattern = g_strdup_printf ("*.%s", format);
  ExportJob *job;

  g_return_if_fail (UPP_IS_STORE (store));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (g_strcmp0 (format, "xlsx") == 0 || g_strcmp0 (format, "csv") == 0);

  job = export_job_new (parent, store, round, format, toasts);

  chooser = gtk_file_chooser_native_new (g_str_equal (format, "xlsx")
                                         ? _("Export to Excel") : _("Export to CSV"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (filter, g_str_equal (format, "xlsx")
                                    ? _("Excel workbooks") : _("CSV files"));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  name = upp_export_actions_dup_default_name (round, format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

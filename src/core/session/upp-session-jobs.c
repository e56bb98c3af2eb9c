/* upp-session-jobs.c: the session's long work: exports, the report, exchange, imports,
 * backups; one GTask pattern for all of them
 *
 * Every job runs on a worker thread with a connection of its own (SQLite connections must not
 * cross threads, and the main thread's stays free for the window). When a job has changed the
 * database, the session's models follow before the caller's callback runs.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-session"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "exchange/exchange-read.h"
#include "exchange/exchange-write.h"
#include "export/export-csv.h"
#include "export/export-xlsx.h"
#include "import/import-csv.h"
#include "import/import-dalarna.h"
#include "upp-backup.h"
#include "upp-round.h"
#include "upp-session-private.h"
#include "upp-store.h"
#include "upp-suggestion.h"
#include "upp-template.h"

#define EXAMPLE_URI UPP_IMPORT_DALARNA_EXAMPLE_URI

/* ---- the one pattern --------------------------------------------------------------------- */

typedef struct
{
  UppSessionJob  job;
  char          *db_path;
} RunningJob;

static void
running_job_free (RunningJob *running)
{
  if (running->job.job_data_free != NULL)
    running->job.job_data_free (running->job.job_data);
  g_free (running->job.round_uuid);
  g_clear_object (&running->job.progress);
  g_free (running->db_path);
  g_free (running);
}

static void
run_job_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RunningJob *running = task_data;
  UppSessionJob *job = &running->job;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppStore) store = NULL;
  g_autoptr(UppRound) round = NULL;
  gpointer result;

  if (!job->without_store)
    {
      store = upp_store_open (running->db_path, &error);
      if (store != NULL && job->round_uuid != NULL)
        round = upp_store_load_round (store, job->round_uuid, &error);
      if (store == NULL || (job->round_uuid != NULL && round == NULL))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  result = job->func (store, round, job->job_data, job->progress, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else if (job->result_free == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, result, job->result_free);
}

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
  UppSessionChanges   changes;
} JobDone;

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  UppSession *self = UPP_SESSION (object);
  JobDone *done = user_data;

  /* Whatever it changed is in the models before the caller looks. A failed job rolled back,
   * but a check costs little: the database says whether anything was committed. */
  if (g_task_had_error (G_TASK (result)))
    upp_session_check_for_changes (self);
  else if (done->changes != 0)
    upp_session_reload_now (self, done->changes);

  if (done->callback != NULL)
    done->callback (object, result, done->user_data);
  g_free (done);
}

void
upp_session_run_job (UppSession         *self,
                     UppSessionJob      *job,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  RunningJob *running = g_new0 (RunningJob, 1);
  JobDone *done = g_new0 (JobDone, 1);

  running->job = *job;
  running->db_path = g_strdup (upp_session_get_path (self));
  done->callback = callback;
  done->user_data = user_data;
  done->changes = job->changes;

  task = g_task_new (self, cancellable, job_done_cb, done);
  g_task_set_source_tag (task, job->source_tag);
  g_task_set_name (task, job->name);
  g_task_set_task_data (task, running, (GDestroyNotify) running_job_free);
  g_task_run_in_thread (task, run_job_thread);
}

gpointer
upp_session_job_finish (UppSession    *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  RunningJob *running;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  running = g_task_get_task_data (G_TASK (result));
  if (running->job.result_free == NULL)
    return GINT_TO_POINTER (g_task_propagate_boolean (G_TASK (result), error));
  return g_task_propagate_pointer (G_TASK (result), error);
}

#define JOB_OK GINT_TO_POINTER (TRUE)

/* ---- exports ----------------------------------------------------------------------------- */

typedef struct
{
  char *format;
  char *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_free (data->format);
  g_free (data->path);
  g_free (data);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  if (user_data != NULL)
    upp_progress_set_fraction (user_data, fraction);
}

static gpointer
export_job (UppStore      *store,
            UppRound      *round,
            gpointer       job_data,
            UppProgress   *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportData *data = job_data;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean ok;

  g_ptr_array_add (rounds, g_object_ref (round));
  if (g_str_equal (data->format, "xlsx"))
    ok = upp_export_xlsx_full (store, rounds, data->path, export_progress_cb, progress,
                               cancellable, error);
  else
    ok = upp_export_csv (store, rounds, UPP_EXPORT_CSV_DEFAULT_SEPARATOR, data->path, error);
  return ok ? JOB_OK : NULL;
}

void
upp_session_export_async (UppSession         *self,
                          UppRound           *round,
                          const char         *format,
                          const char         *path,
                          UppProgress        *progress,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  ExportData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (g_strcmp0 (format, "xlsx") == 0 || g_strcmp0 (format, "csv") == 0);
  g_return_if_fail (path != NULL);

  data = g_new0 (ExportData, 1);
  data->format = g_strdup (format);
  data->path = g_strdup (path);
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-export",
                         .source_tag = upp_session_export_async,
                         .func = export_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) export_data_free,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                         .progress = progress ? g_object_ref (progress) : NULL,
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_export_finish (UppSession    *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_export_async, error) != NULL;
}

/* ---- the report -------------------------------------------------------------------------- */

static void
report_progress_cb (guint    page,
                    guint    n_pages,
                    gpointer user_data)
{
  if (user_data != NULL)
    upp_progress_set_fraction (user_data, n_pages > 0 ? (double) page / n_pages : 1.0);
}

static gpointer
export_report_job (UppStore      *store,
                   UppRound      *round,
                   gpointer       job_data,
                   UppProgress   *progress,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return upp_report_export_pdf (store, round, job_data, report_progress_cb, progress,
                                cancellable, error) ? JOB_OK : NULL;
}

void
upp_session_export_report_async (UppSession         *self,
                                 UppRound           *round,
                                 const char         *path,
                                 UppProgress        *progress,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (path != NULL);

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-export-report",
                         .source_tag = upp_session_export_report_async,
                         .func = export_report_job,
                         .job_data = g_strdup (path),
                         .job_data_free = g_free,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                         .progress = progress ? g_object_ref (progress) : NULL,
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_export_report_finish (UppSession    *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_export_report_async, error) != NULL;
}

static gpointer
load_report_job (UppStore      *store,
                 UppRound      *round,
                 gpointer       job_data,
                 UppProgress   *progress,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return upp_report_new (store, round, error);
}

void
upp_session_load_report_async (UppSession         *self,
                               UppRound           *round,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-load-report",
                         .source_tag = upp_session_load_report_async,
                         .func = load_report_job,
                         .result_free = g_object_unref,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                       }, cancellable, callback, user_data);
}

UppReport *
upp_session_load_report_finish (UppSession    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_load_report_async, error);
}

/* ---- exchange ---------------------------------------------------------------------------- */

typedef struct
{
  char     *round_uuid;
  char    **unit_uuids;
  char     *path;
  char     *passphrase;  /* NULL: not encrypted; cleared from memory when done */
  gboolean  dry_run;
} ExchangeData;

static void
exchange_data_free (ExchangeData *data)
{
  g_free (data->round_uuid);
  g_strfreev (data->unit_uuids);
  g_free (data->path);
  if (data->passphrase != NULL)
    explicit_bzero (data->passphrase, strlen (data->passphrase));
  g_free (data->passphrase);
  g_free (data);
}

static gpointer
exchange_export_job (UppStore      *store,
                     UppRound      *round,
                     gpointer       job_data,
                     UppProgress   *progress,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ExchangeData *data = job_data;

  if (data->passphrase != NULL)
    return upp_exchange_export_file_encrypted (store, data->round_uuid,
                                               (const char * const *) data->unit_uuids,
                                               data->path, data->passphrase, error)
           ? JOB_OK : NULL;
  return upp_exchange_export_file (store, data->round_uuid,
                                   (const char * const *) data->unit_uuids, data->path, error)
         ? JOB_OK : NULL;
}

void
upp_session_exchange_export_async (UppSession         *self,
                                   const char         *round_uuid,
                                   const char * const *unit_uuids,
                                   const char         *path,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  upp_session_exchange_export_encrypted_async (self, round_uuid, unit_uuids, path, NULL,
                                               cancellable, callback, user_data);
}

void
upp_session_exchange_export_encrypted_async (UppSession         *self,
                                             const char         *round_uuid,
                                             const char * const *unit_uuids,
                                             const char         *path,
                                             const char         *passphrase,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data)
{
  ExchangeData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExchangeData, 1);
  data->round_uuid = g_strdup (round_uuid);
  data->unit_uuids = g_strdupv ((char **) unit_uuids);
  data->path = g_strdup (path);
  data->passphrase = g_strdup (passphrase);
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-exchange-export",
                         .source_tag = upp_session_exchange_export_async,
                         .func = exchange_export_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) exchange_data_free,
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_exchange_export_finish (UppSession    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_exchange_export_async,
                                 error) != NULL;
}

static gpointer
exchange_import_job (UppStore      *store,
                     UppRound      *round,
                     gpointer       job_data,
                     UppProgress   *progress,
                     GCancellable  *cancellable,
                     GError       **error)
{
  ExchangeData *data = job_data;

  return upp_exchange_import_file_with_passphrase (store, data->path, data->passphrase,
                                                   data->dry_run ? UPP_EXCHANGE_IMPORT_DRY_RUN
                                                                 : UPP_EXCHANGE_IMPORT_DEFAULT,
                                                   error);
}

void
upp_session_exchange_import_async (UppSession         *self,
                                   const char         *path,
                                   gboolean            dry_run,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  upp_session_exchange_import_with_passphrase_async (self, path, NULL, dry_run, cancellable,
                                                     callback, user_data);
}

void
upp_session_exchange_import_with_passphrase_async (UppSession         *self,
                                                   const char         *path,
                                                   const char         *passphrase,
                                                   gboolean            dry_run,
                                                   GCancellable       *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer            user_data)
{
  ExchangeData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  data = g_new0 (ExchangeData, 1);
  data->path = g_strdup (path);
  data->passphrase = g_strdup (passphrase);
  data->dry_run = dry_run;
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-exchange-import",
                         .source_tag = upp_session_exchange_import_async,
                         .func = exchange_import_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) exchange_data_free,
                         .result_free = (GDestroyNotify) upp_exchange_summary_free,
                         .changes = dry_run ? 0 : UPP_SESSION_CHANGED_ALL,
                       }, cancellable, callback, user_data);
}

UppExchangeSummary *
upp_session_exchange_import_finish (UppSession    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_exchange_import_async, error);
}

/* ---- imports ----------------------------------------------------------------------------- */

typedef struct
{
  UppImportCsvTable   *table;    /* borrowed: the caller keeps it until the callback */
  UppImportCsvMapping *mapping;  /* borrowed too */
  char                *template_key;
  int                  template_version;
  int                  year;
  char                *region_code;
} CsvData;

static void
csv_data_free (CsvData *data)
{
  g_free (data->template_key);
  g_free (data->region_code);
  g_free (data);
}

static gpointer
import_csv_job (UppStore      *store,
                UppRound      *round,
                gpointer       job_data,
                UppProgress   *progress,
                GCancellable  *cancellable,
                GError       **error)
{
  CsvData *data = job_data;
  g_autoptr(UppTemplate) template = NULL;

  template = upp_store_load_template (store, data->template_key, data->template_version, error);
  if (template == NULL)
    return NULL;
  return upp_import_csv (store, data->table, data->mapping, template, data->year,
                         data->region_code, error);
}

void
upp_session_import_csv_async (UppSession         *self,
                              UppImportCsvTable        *table,
                              UppImportCsvMapping      *mapping,
                              const char         *template_key,
                              int                 template_version,
                              int                 year,
                              const char         *region_code,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  CsvData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (table != NULL && mapping != NULL && template_key != NULL);

  data = g_new0 (CsvData, 1);
  data->table = table;
  data->mapping = mapping;
  data->template_key = g_strdup (template_key);
  data->template_version = template_version;
  data->year = year;
  data->region_code = g_strdup (region_code);
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-import-csv",
                         .source_tag = upp_session_import_csv_async,
                         .func = import_csv_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) csv_data_free,
                         .result_free = (GDestroyNotify) upp_import_result_free,
                         .changes = UPP_SESSION_CHANGED_ALL,
                       }, cancellable, callback, user_data);
}

UppImportResult *
upp_session_import_csv_finish (UppSession    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_import_csv_async, error);
}

static gpointer
import_example_job (UppStore      *store,
                    UppRound      *round,
                    gpointer       job_data,
                    UppProgress   *progress,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (EXAMPLE_URI);

  /* The example ships coded, so that its charts show something on the first start. */
  return upp_import_dalarna_file_full (store, file, UPP_IMPORT_DALARNA_EXAMPLE_YEAR,
                                       UPP_IMPORT_ACCEPT_SUGGESTIONS, error);
}

void
upp_session_import_example_async (UppSession         *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-import-example",
                         .source_tag = upp_session_import_example_async,
                         .func = import_example_job,
                         .result_free = (GDestroyNotify) upp_import_result_free,
                         .changes = UPP_SESSION_CHANGED_ALL,
                       }, cancellable, callback, user_data);
}

UppImportResult *
upp_session_import_example_finish (UppSession    *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_import_example_async, error);
}

/* ---- suggested codes --------------------------------------------------------------------- */

static gpointer
accept_suggestions_job (UppStore      *store,
                        UppRound      *round,
                        gpointer       job_data,
                        UppProgress   *progress,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GPtrArray *suggestions = job_data;
  g_autofree guint *n_accepted = g_new0 (guint, 1);

  /* Every suggestion of the round as it is now: a backup first, as `code --accept` does. */
  if (suggestions == NULL)
    return upp_suggestion_accept_all (store, round, n_accepted, error)
           ? g_steal_pointer (&n_accepted) : NULL;

  if (suggestions->len == 0)
    return g_steal_pointer (&n_accepted);
  /* One answer accepted is an edit like the form's; several at once can be undone only from
   * a backup. */
  if (suggestions->len > 1 &&
      !upp_store_make_backup (store, UPP_BACKUP_BEFORE_CODING, NULL, error))
    return NULL;
  if (!upp_store_accept_suggestions (store, round, suggestions, n_accepted, error))
    return NULL;
  return g_steal_pointer (&n_accepted);
}

void
upp_session_accept_suggestions_async (UppSession         *self,
                                      UppRound           *round,
                                      GPtrArray          *suggestions,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-accept-suggestions",
                         .source_tag = upp_session_accept_suggestions_async,
                         .func = accept_suggestions_job,
                         .job_data = suggestions != NULL ? g_ptr_array_ref (suggestions) : NULL,
                         .job_data_free = suggestions != NULL
                                          ? (GDestroyNotify) g_ptr_array_unref : NULL,
                         .result_free = g_free,
                         .changes = UPP_SESSION_CHANGED_ROUNDS | UPP_SESSION_CHANGED_BACKUPS,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_accept_suggestions_finish (UppSession    *self,
                                       GAsyncResult  *result,
                                       guint         *n_accepted,
                                       GError       **error)
{
  g_autofree guint *accepted = upp_session_job_finish (self, result,
                                                       upp_session_accept_suggestions_async,
                                                       error);

  if (n_accepted != NULL)
    *n_accepted = accepted != NULL ? *accepted : 0;
  return accepted != NULL;
}

/* ---- backups ----------------------------------------------------------------------------- */

static gpointer
backup_daily_job (UppStore      *store,
                  UppRound      *round,
                  gpointer       job_data,
                  UppProgress   *progress,
                  GCancellable  *cancellable,
                  GError       **error)
{
  /* A read-only database cannot change, and may sit where nothing can be written. */
  if (upp_store_is_read_only (store))
    return JOB_OK;
  return upp_store_backup_daily (store, error) ? JOB_OK : NULL;
}

void
upp_session_backup_daily_async (UppSession         *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-backup-daily",
                         .source_tag = upp_session_backup_daily_async,
                         .func = backup_daily_job,
                         .changes = UPP_SESSION_CHANGED_BACKUPS,
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_backup_daily_finish (UppSession    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_backup_daily_async, error) != NULL;
}

typedef struct
{
  char *backup_path;
  char *db_path;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->backup_path);
  g_free (data->db_path);
  g_free (data);
}

static gpointer
restore_job (UppStore      *store,
             UppRound      *round,
             gpointer       job_data,
             UppProgress   *progress,
             GCancellable  *cancellable,
             GError       **error)
{
  RestoreData *data = job_data;

  return upp_store_restore_backup (data->backup_path, data->db_path, error) ? JOB_OK : NULL;
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  UppSession *self = UPP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  gboolean restored = upp_session_job_finish (self, result, restore_job, &error) != NULL;

  /* The restored file, or the untouched one when restoring failed, is opened again. */
  if (!upp_session_open (self, &open_error) && restored)
    error = g_steal_pointer (&open_error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
upp_session_restore_async (UppSession         *self,
                           const char         *backup_path,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task;
  RestoreData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (backup_path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, upp_session_restore_async);
  data = g_new0 (RestoreData, 1);
  data->backup_path = g_strdup (backup_path);
  data->db_path = g_strdup (upp_session_get_path (self));
  /* SQLite's backup API writes the file under its locks, beside our connection, which is
   * opened again afterwards: nothing of the old file is kept. */
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-restore",
                         .source_tag = restore_job,
                         .func = restore_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) restore_data_free,
                         .without_store = TRUE,
                       }, cancellable, restore_done_cb, task);
}

gboolean
upp_session_restore_finish (UppSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the whole-file check ----------------------------------------------------------------- */

static gpointer
check_file_job (UppStore      *store,
                UppRound      *round,
                gpointer       job_data,
                UppProgress   *progress,
                GCancellable  *cancellable,
                GError       **error)
{
  return upp_store_check_file (job_data, error) ? JOB_OK : NULL;
}

static void
check_file_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  UppSession *self = UPP_SESSION (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (upp_session_job_finish (self, result, check_file_job, &error) == NULL)
    {
      /* Shown no longer: what was read before the check may be wrong, and nothing is
       * written to it (the store refuses commits until its check passes). */
      if (g_error_matches (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT))
        upp_session_close_damaged (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
upp_session_check_file_async (UppSession         *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask *task;

  g_return_if_fail (UPP_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, upp_session_check_file_async);
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-check-file",
                         .source_tag = check_file_job,
                         .func = check_file_job,
                         .job_data = g_strdup (upp_session_get_path (self)),
                         .job_data_free = g_free,
                         .without_store = TRUE,
                       }, cancellable, check_file_done_cb, task);
}

gboolean
upp_session_check_file_finish (UppSession    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- search ------------------------------------------------------------------------------ */

/* Searches share one connection of their own, one search at a time, rather than a new one
 * each: the store keeps the order of hits in memory until the database changes, which makes
 * a search as the user types within 2× a bare query of the index (bench-search). */
typedef struct
{
  GMutex    lock;
  UppStore *store;  /* opened by the first search */
} SearchConnection;

typedef struct
{
  SearchConnection *connection;  /* the session's */
  char             *db_path;
  char             *query;
  guint             max_hits;
} SearchData;

static void
search_connection_free (SearchConnection *connection)
{
  g_clear_object (&connection->store);
  g_mutex_clear (&connection->lock);
  g_free (connection);
}

static SearchConnection *
get_search_connection (UppSession *self)
{
  SearchConnection *connection = g_object_get_data (G_OBJECT (self),
                                                    "upp-session-search-connection");

  if (connection == NULL)
    {
      connection = g_new0 (SearchConnection, 1);
      g_mutex_init (&connection->lock);
      g_object_set_data_full (G_OBJECT (self), "upp-session-search-connection", connection,
                              (GDestroyNotify) search_connection_free);
    }
  return connection;
}

typedef struct
{
  GPtrArray *hits;
  guint      n_matches;
} SearchResult;

static void
search_data_free (SearchData *data)
{
  g_free (data->db_path);
  g_free (data->query);
  g_free (data);
}

static void
search_result_free (SearchResult *result)
{
  g_ptr_array_unref (result->hits);
  g_free (result);
}

static gpointer
search_job (UppStore      *store,
            UppRound      *round,
            gpointer       job_data,
            UppProgress   *progress,
            GCancellable  *cancellable,
            GError       **error)
{
  SearchData *data = job_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&data->connection->lock);
  g_autoptr(GPtrArray) hits = NULL;
  SearchResult *result;
  guint n_matches = 0;

  if (data->connection->store == NULL)
    data->connection->store = upp_store_open (data->db_path, error);
  if (data->connection->store == NULL)
    return NULL;
  hits = upp_store_search_first (data->connection->store, data->query, NULL, data->max_hits,
                                 &n_matches, error);
  if (hits == NULL)
    return NULL;
  result = g_new0 (SearchResult, 1);
  result->hits = g_steal_pointer (&hits);
  result->n_matches = n_matches;
  return result;
}

void
upp_session_search_async (UppSession         *self,
                          const char         *query,
                          guint               max_hits,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  SearchData *data;

  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (SearchData, 1);
  data->connection = get_search_connection (self);
  data->db_path = g_strdup (upp_session_get_path (self));
  data->query = g_strdup (query);
  data->max_hits = max_hits;
  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-search",
                         .source_tag = upp_session_search_async,
                         .func = search_job,
                         .job_data = data,
                         .job_data_free = (GDestroyNotify) search_data_free,
                         .result_free = (GDestroyNotify) search_result_free,
                         .without_store = TRUE,
                       }, cancellable, callback, user_data);
}

GPtrArray *
upp_session_search_finish (UppSession    *self,
                           GAsyncResult  *result,
                           guint         *n_matches,
                           GError       **error)
{
  SearchResult *found = upp_session_job_finish (self, result, upp_session_search_async, error);
  GPtrArray *hits;

  if (found == NULL)
    return NULL;
  hits = g_steal_pointer (&found->hits);
  if (n_matches != NULL)
    *n_matches = found->n_matches;
  g_free (found);
  return hits;
}

/* ---- personal data ----------------------------------------------------------------------- */

static gpointer
find_personal_data_job (UppStore      *store,
                        UppRound      *round,
                        gpointer       job_data,
                        UppProgress   *progress,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return upp_store_find_personal_data (store, round, error);
}

void
upp_session_find_personal_data_async (UppSession         *self,
                                      UppRound           *round,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-find-personal-data",
                         .source_tag = upp_session_find_personal_data_async,
                         .func = find_personal_data_job,
                         .result_free = (GDestroyNotify) g_ptr_array_unref,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                       }, cancellable, callback, user_data);
}

GPtrArray *
upp_session_find_personal_data_finish (UppSession    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_find_personal_data_async, error);
}

static gpointer
mask_personal_data_job (UppStore      *store,
                        UppRound      *round,
                        gpointer       job_data,
                        UppProgress   *progress,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return upp_store_mask_personal_data (store, round, job_data, NULL, error) ? JOB_OK : NULL;
}

void
upp_session_mask_personal_data_async (UppSession         *self,
                                      UppRound           *round,
                                      GPtrArray          *findings,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (UPP_IS_SESSION (self));
  g_return_if_fail (UPP_IS_ROUND (round));
  g_return_if_fail (findings != NULL);

  upp_session_run_job (self, &(UppSessionJob) {
                         .name = "upp-session-mask-personal-data",
                         .source_tag = upp_session_mask_personal_data_async,
                         .func = mask_personal_data_job,
                         .job_data = g_ptr_array_ref (findings),
                         .job_data_free = (GDestroyNotify) g_ptr_array_unref,
                         .round_uuid = g_strdup (upp_round_get_uuid (round)),
                         .changes = UPP_SESSION_CHANGED_ROUNDS,
                       }, cancellable, callback, user_data);
}

gboolean
upp_session_mask_personal_data_finish (UppSession    *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return upp_session_job_finish (self, result, upp_session_mask_personal_data_async,
                                 error) != NULL;
}

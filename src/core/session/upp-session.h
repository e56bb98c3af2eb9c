/* upp-session.h: the open database as live models, and the long jobs that run beside it
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "exchange/exchange-common.h"
#include "import/import-csv.h"
#include "report/upp-report.h"
#include "upp-import-result.h"
#include "upp-progress.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* What a change may have touched, so that only those models are read again. */
typedef enum
{
  UPP_SESSION_CHANGED_ROUNDS    = 1 << 0,  /* rounds, their units, responses and answers */
  UPP_SESSION_CHANGED_TEMPLATES = 1 << 1,
  UPP_SESSION_CHANGED_CONFLICTS = 1 << 2,
  UPP_SESSION_CHANGED_BACKUPS   = 1 << 3,
  UPP_SESSION_CHANGED_THEMES    = 1 << 4,  /* the codebook and coded passages */
  UPP_SESSION_CHANGED_ALL       = 0x1f,
} UppSessionChanges;

#define UPP_TYPE_SESSION (upp_session_get_type ())

G_DECLARE_FINAL_TYPE (UppSession, upp_session, UPP, SESSION, GObject)

/* A session on the database file at path; nothing is read until upp_session_open(). Belongs
 * to the thread-default main context it is made on: models change and signals are emitted
 * only there. */
UppSession  *upp_session_new                 (const char         *path);
/* Opens (or opens again) the database and reads every model; on failure the session has no
 * store and empty models, and error says why. */
gboolean     upp_session_open                (UppSession         *self,
                                              GError            **error);
/* Reads the whole file once (upp_store_check_file()) on a worker: upp_session_open() leaves
 * it for after the first frame. A damaged file is closed (no store, empty models) and error
 * says so (UPP_STORE_ERROR_CORRUPT); nothing was written to it meanwhile. */
void         upp_session_check_file_async    (UppSession         *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_check_file_finish   (UppSession         *self,
                                              GAsyncResult       *result,
                                              GError            **error);
const char  *upp_session_get_path            (UppSession         *self);
/* The main thread's connection; NULL while the database could not be opened. */
UppStore    *upp_session_get_store           (UppSession         *self);
gboolean     upp_session_is_read_only        (UppSession         *self);

/* Live models: they follow every committed change, made here, on a worker thread, or by
 * another process (the CLI beside the window). Items keep their identity while they stay:
 * a round that changes is updated in place and notifies its properties. */
GListModel  *upp_session_get_rounds          (UppSession         *self);  /* UppRound */
GListModel  *upp_session_get_templates       (UppSession         *self);  /* UppTemplate */
GListModel  *upp_session_get_conflicts       (UppSession         *self);  /* UppConflict */
GListModel  *upp_session_get_backups         (UppSession         *self);  /* UppBackup */
/* The themes in use of every region's codebook (UppTheme), by region and name, each with its
 * number of coded passages; read again on THEMES and on ROUNDS changes (an answer's edit can
 * flag a passage, a deleted round takes its passages along). */
GListModel  *upp_session_get_themes          (UppSession         *self);  /* UppTheme */
/* One round's responses (UppResponse), by unit name; live while a reference is held. */
GListModel  *upp_session_dup_responses       (UppSession         *self,
                                              UppRound           *round);
/* The agreements of a unit (UppAgreement), the same in every round of it, as
 * upp_store_list_agreements () orders them; live while a reference is held. */
GListModel  *upp_session_dup_agreements      (UppSession         *self,
                                              UppUnit            *unit);
/* The further interviews of a response of the round (UppInterview), by date; live while a
 * reference is held. */
GListModel  *upp_session_dup_interviews      (UppSession         *self,
                                              UppRound           *round,
                                              UppResponse        *response);
/* The round in the rounds model with this uuid, or NULL (transfer none). */
UppRound    *upp_session_find_round          (UppSession         *self,
                                              const char         *uuid);

/* Says that something changed; the models are read again on the session's main context
 * (soon after, coalesced). May be called from any thread. */
void         upp_session_note_changes        (UppSession         *self,
                                              UppSessionChanges   changes);
/* Reads the models again now when the database changed since they were last read (by a
 * commit on any connection, including other processes); TRUE when it had. The session does
 * this by itself twice a second; windows call it when they regain focus. */
gboolean     upp_session_check_for_changes   (UppSession         *self);

/* Long work, each on a worker thread with its own connection (a GTask: the callback runs on
 * the caller's main context, after the models have followed the change). progress may be
 * NULL. */

/* Excel ("xlsx") or CSV ("csv") of one round. */
void         upp_session_export_async        (UppSession         *self,
                                              UppRound           *round,
                                              const char         *format,
                                              const char         *path,
                                              UppProgress        *progress,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_export_finish       (UppSession         *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The report of a round as PDF. */
void         upp_session_export_report_async (UppSession         *self,
                                              UppRound           *round,
                                              const char         *path,
                                              UppProgress        *progress,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_export_report_finish (UppSession        *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The report of a round laid out, for a preview; returns an UppReport to draw pages from
 * (it no longer needs the database). */
void         upp_session_load_report_async   (UppSession         *self,
                                              UppRound           *round,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
UppReport   *upp_session_load_report_finish  (UppSession         *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* Every round's answers, notes and report texts and the themes that match query, searched
 * in a worker thread (upp_store_search_first()): the first max_hits hits (UppSearchHit) and,
 * in n_matches, how many match in all. */
void         upp_session_search_async        (UppSession         *self,
                                              const char         *query,
                                              guint               max_hits,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GPtrArray   *upp_session_search_finish       (UppSession         *self,
                                              GAsyncResult       *result,
                                              guint              *n_matches,
                                              GError            **error);
/* An exchange file of a round (round_uuid), or of everything (NULL); unit_uuids, when not
 * NULL, limits the round to those units. */
void         upp_session_exchange_export_async (UppSession       *self,
                                              const char         *round_uuid,
                                              const char * const *unit_uuids,
                                              const char         *path,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_exchange_export_finish (UppSession      *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The same, encrypted with passphrase (exchange-crypt.h); the session keeps no copy of it
 * after the job. Finished with upp_session_exchange_export_finish (). */
void         upp_session_exchange_export_encrypted_async (UppSession *self,
                                              const char         *round_uuid,
                                              const char * const *unit_uuids,
                                              const char         *path,
                                              const char         *passphrase,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* Reads a colleague's exchange file; with dry_run, says what it would do and changes
 * nothing. Returns an UppExchangeSummary. */
void         upp_session_exchange_import_async (UppSession       *self,
                                              const char         *path,
                                              gboolean            dry_run,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
UppExchangeSummary *upp_session_exchange_import_finish (UppSession *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The same for a file that may be encrypted, with its passphrase (NULL refuses an
 * encrypted file with UPP_EXCHANGE_ERROR_ENCRYPTED). Finished with
 * upp_session_exchange_import_finish (). */
void         upp_session_exchange_import_with_passphrase_async (UppSession *self,
                                              const char         *path,
                                              const char         *passphrase,
                                              gboolean            dry_run,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
/* Imports a CSV table as mapped into a new round of the template (key, version), year and
 * region (NULL: as the table names it). The table and mapping are only read; the caller
 * keeps them unchanged until the callback. Returns an UppImportResult. */
void         upp_session_import_csv_async    (UppSession         *self,
                                              UppImportCsvTable  *table,
                                              UppImportCsvMapping *mapping,
                                              const char         *template_key,
                                              int                 template_version,
                                              int                 year,
                                              const char         *region_code,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
UppImportResult *upp_session_import_csv_finish (UppSession       *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The Region Dalarna example built into the app, as a round. Returns an UppImportResult. */
void         upp_session_import_example_async (UppSession        *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
UppImportResult *upp_session_import_example_finish (UppSession   *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* The day's backup, when there is none yet today. */
void         upp_session_backup_daily_async  (UppSession         *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_backup_daily_finish (UppSession         *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* Accepts suggested codes of a round (UppSuggestion, as upp_suggestion_list_for_round() made
 * them) as their answers' codes, in one transaction; NULL accepts every suggestion the round
 * has when the job runs. A backup comes first when more than one answer may change. A code
 * chosen since a suggestion was made stays. n_accepted gets the number of answers coded. */
void         upp_session_accept_suggestions_async  (UppSession         *self,
                                              UppRound           *round,
                                              GPtrArray          *suggestions,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_accept_suggestions_finish (UppSession        *self,
                                              GAsyncResult       *result,
                                              guint              *n_accepted,
                                              GError            **error);
/* Replaces the database by a backup (the current file is kept as a backup too) and opens it
 * again; works when the database could not be opened as well. */
void         upp_session_restore_async       (UppSession         *self,
                                              const char         *backup_path,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_restore_finish      (UppSession         *self,
                                              GAsyncResult       *result,
                                              GError            **error);

/* The personal data in a round (upp_store_find_personal_data ()), looked for on a worker
 * thread before anything leaves the computer. Returns a GPtrArray of UppPrivacyFinding. */
void         upp_session_find_personal_data_async  (UppSession         *self,
                                              UppRound           *round,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
GPtrArray   *upp_session_find_personal_data_finish (UppSession        *self,
                                              GAsyncResult       *result,
                                              GError            **error);
/* Masks the matches of findings (upp_store_mask_personal_data ()), in one transaction; the
 * caller keeps findings unchanged until the callback. */
void         upp_session_mask_personal_data_async  (UppSession         *self,
                                              UppRound           *round,
                                              GPtrArray          *findings,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
gboolean     upp_session_mask_personal_data_finish (UppSession        *self,
                                              GAsyncResult       *result,
                                              GError            **error);

G_END_DECLS

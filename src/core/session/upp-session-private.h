/* upp-session-private.h: what the session's files share
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-session.h"

G_BEGIN_DECLS

/* Runs on a worker thread with a connection of its own (store) and, when the job names a
 * round, that round loaded from it; returns the task's result (or NULL with error set). A
 * job that returns a boolean returns GINT_TO_POINTER (TRUE). */
typedef gpointer (*UppSessionJobFunc) (UppStore     *store,
                                       UppRound     *round,
                                       gpointer      job_data,
                                       UppProgress  *progress,
                                       GCancellable *cancellable,
                                       GError      **error);

typedef struct
{
  const char        *name;          /* the GTask's name, for debugging */
  gpointer           source_tag;
  UppSessionJobFunc  func;
  gpointer           job_data;
  GDestroyNotify     job_data_free;
  GDestroyNotify     result_free;   /* NULL: the result is a boolean */
  UppSessionChanges  changes;       /* what a successful run changed */
  gboolean           without_store; /* the job opens nothing itself (a restore) */
  char              *round_uuid;    /* NULL: no round to load */
  UppProgress       *progress;
} UppSessionJob;

/* The one way long work runs: a GTask in a worker thread; the models follow what it changed
 * before callback runs. Takes job's contents. */
void     upp_session_run_job          (UppSession         *self,
                                       UppSessionJob      *job,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gpointer upp_session_job_finish       (UppSession         *self,
                                       GAsyncResult       *result,
                                       gpointer            source_tag,
                                       GError            **error);
/* Drops the connection (NULL) or takes a new one, reading every model again. */
/* After a failed whole-file check: no store, and the backups to restore from. */
void     upp_session_close_damaged    (UppSession         *self);
void     upp_session_set_store        (UppSession         *self,
                                       UppStore           *store);
/* Reads every model again now (after a restore replaced the file, for one). */
void     upp_session_reload_now       (UppSession         *self,
                                       UppSessionChanges   changes);

G_END_DECLS

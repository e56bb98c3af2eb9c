/* upp-save-queue.h: the interview form's saves, written in order on a worker thread
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

typedef struct _UppSaveQueueJob UppSaveQueueJob;

/* Called on the thread that made the queue, once per job, in the order they were pushed;
 * error is NULL when everything in the job was written. */
typedef void (*UppSaveQueueJobDone) (UppSaveQueueJob *job,
                                     const GError    *error,
                                     gpointer         user_data);

/* One save of a unit's form: its interview details (when details is TRUE), answers and
 * further interviews. What it writes is copied when the job is made (or an answer or an
 * interview added), so the form can go on changing. */
UppSaveQueueJob *upp_save_queue_job_new           (UppRound            *round,
                                                   UppResponse         *response,
                                                   gboolean             details,
                                                   UppSaveQueueJobDone  done,
                                                   gpointer             user_data,
                                                   GDestroyNotify       user_data_free);
/* editing: the token of the officer's editing of the answer (upp_store_set_answer_from ()),
 * or NULL. */
void             upp_save_queue_job_add_answer    (UppSaveQueueJob     *job,
                                                   const char          *question_key,
                                                   const char          *text,
                                                   const char * const  *choices,
                                                   const char          *editing);
/* A further interview of the response, added or updated (upp_store_save_interview ()). */
void             upp_save_queue_job_add_interview (UppSaveQueueJob     *job,
                                                   UppInterview        *interview);
gpointer         upp_save_queue_job_get_user_data (UppSaveQueueJob     *job);

#define UPP_TYPE_SAVE_QUEUE (upp_save_queue_get_type ())

G_DECLARE_FINAL_TYPE (UppSaveQueue, upp_save_queue, UPP, SAVE_QUEUE, GObject)

/* A queue writing to the database at path through a connection of its own. */
UppSaveQueue *upp_save_queue_new           (const char     *path);
const char   *upp_save_queue_get_path      (UppSaveQueue   *self);
/* Takes the job; it is written after every job pushed before it. */
void          upp_save_queue_push          (UppSaveQueue    *self,
                                            UppSaveQueueJob *job);
/* Waits until every pushed job is written and reports them all (their done callbacks) before
 * returning: for leaving the form and closing the window. */
void          upp_save_queue_drain         (UppSaveQueue   *self);

G_END_DECLS

/* upp-store-private.h: what core modules share with the store beyond its public API
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "upp-store.h"

G_BEGIN_DECLS

/* A statement from the store's cache: bind, step, and let g_autoptr reset it, so no read
 * stays open (an open read would hold back WAL checkpoints). */
typedef sqlite3_stmt UppCachedStatement;

void                upp_cached_statement_release (UppCachedStatement *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppCachedStatement, upp_cached_statement_release)

sqlite3            *upp_store_get_db          (UppStore    *self);
/* Prepared once per store; NULL with error set when the SQL is wrong. */
UppCachedStatement *upp_store_statement       (UppStore    *self,
                                               const char  *sql,
                                               GError     **error);
/* Runs SQL without results (DDL, pragmas, several statements). */
gboolean            upp_store_exec            (UppStore    *self,
                                               const char  *sql,
                                               GError     **error);
/* Sets error from the connection's last SQLite error. */
void                upp_store_set_sqlite_error (UppStore   *self,
                                               GError     **error);
/* Transactions nest (savepoints inside); every multi-row change goes through these. */
gboolean            upp_store_begin           (UppStore    *self,
                                               GError     **error);
gboolean            upp_store_commit          (UppStore    *self,
                                               GError     **error);
void                upp_store_rollback        (UppStore    *self);

/* Loading helpers for modules that read rounds and responses by row id. */
UppRound           *upp_store_load_round_by_id (UppStore   *self,
                                               gint64       round_id,
                                               GError     **error);
UppTemplate        *upp_store_load_template_by_id (UppStore *self,
                                               gint64       template_id,
                                               GError     **error);
UppRegion          *upp_store_lookup_region   (UppStore    *self,
                                               const char  *code);
/* Drops cached objects after another module changed rows behind the store's back. */
void                upp_store_forget_cache    (UppStore    *self);

/* Choices are stored as keys joined by newlines. */
char               *upp_store_join_choices    (const char * const *choices);
char              **upp_store_split_choices   (const char  *stored);

G_END_DECLS

/* upp-store-private.h: what core modules share with the store beyond its public API
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "upp-store.h"

G_BEGIN_DECLS

/* The store's files (upp-store.c and upp-store-<area>.c) share the instance struct. */
struct _UppStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  char       *device_id;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  GHashTable *regions;      /* county code → UppRegion */
  GHashTable *templates;    /* row id → UppTemplate */
  guint       transaction_depth;
  guint       read_depth;   /* upp_store_begin_read () calls not yet ended */
  gboolean    read_began;   /* the outermost of them began a read transaction */
  gboolean    read_only;    /* the file is not writable for us: opened read-only */
  gboolean    check_pending; /* opened before its whole-file check: commits wait for it */
  gboolean    found_damaged; /* that check failed: every commit is refused */
};

/* A statement from the store's cache: bind, step, and let g_autoptr reset it, so no read
 * stays open (an open read would hold back WAL checkpoints). */
typedef sqlite3_stmt UppCachedStatement;

void                upp_cached_statement_release (UppCachedStatement *statement);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppCachedStatement, upp_cached_statement_release)

sqlite3            *upp_store_get_db          (UppStore    *self);
/* The whole-file check of a store opened with it left for later, run (or waited for) now:
 * what must pass before anything is written, or copied into a backup. */
gboolean            upp_store_ensure_checked  (UppStore    *self,
                                               GError     **error);
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
/* Steps a statement that returns no rows; FALSE with the SQLite error set when it fails. */
gboolean            upp_store_step_done       (UppStore     *self,
                                               sqlite3_stmt *statement,
                                               GError      **error);
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

/* A column's text, "" for NULL. */
const char         *upp_store_column_text     (sqlite3_stmt *statement,
                                               int           column);
/* Makes one object from the current row of a statement. */
typedef gpointer  (*UppStoreRowReader)        (sqlite3_stmt *statement);
/* Steps through all rows, one object each; NULL with error set when a step fails. */
GPtrArray          *upp_store_read_rows       (UppStore     *self,
                                               sqlite3_stmt *statement,
                                               UppStoreRowReader read_row,
                                               GError      **error);

/* Removes backups that a killed process left half written. */
void                upp_store_remove_abandoned_backups (UppStore *self);

/* Shared between the store's own files. */
/* Schema versions 2 and 3 (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_2    (UppStore    *self,
                                               GError     **error);
gboolean            upp_store_migrate_to_3    (UppStore    *self,
                                               GError     **error);
/* Schema 4: themes and codings (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_4    (UppStore    *self,
                                               GError     **error);
/* Schema 5: removed codings and quotes (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_5    (UppStore    *self,
                                               GError     **error);
/* Schema 6: interviews, respondent check, agreements (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_6    (UppStore    *self,
                                               GError     **error);
/* Schema 7: the full-text index of answers (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_7    (UppStore    *self,
                                               GError     **error);
/* Schema 8: the history of every answer (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_8    (UppStore    *self,
                                               GError     **error);
gboolean            upp_store_migrate_to_9    (UppStore    *self,
                                               GError     **error);
/* Schema 10: exceptions to the personal data found (upp-store-migrations.c). */
gboolean            upp_store_migrate_to_10   (UppStore    *self,
                                               GError     **error);
/* Keeps a version of an answer in its history (upp-store-history.c): a new one, or, when
 * editing names the same editing as the last version on this computer and no minute has
 * passed, that version brought up to date. Call inside the write's transaction. */
gboolean            upp_store_add_answer_version (UppStore       *self,
                                               const char      *answer_uuid,
                                               const char      *text,
                                               const char      *choices,
                                               const char      *modified,
                                               const char      *device,
                                               const char      *author,
                                               UppAnswerOrigin  origin,
                                               const char      *editing,
                                               GError         **error);
/* Moves each coding of the answer to where its passage is in the answer's new text: the
 * same place when the text there is unchanged, else the occurrence nearest to it; flags
 * those whose passage is gone (upp-store-themes.c). Call inside the write's transaction. */
gboolean            upp_store_reanchor_codings (UppStore   *self,
                                               const char  *answer_uuid,
                                               const char  *text,
                                               GError     **error);
/* Where anchor now is in text (in characters), nearest to old_start; FALSE when it is gone
 * (upp-store-themes.c). */
gboolean            upp_store_place_anchor    (const char  *text,
                                               const char  *anchor,
                                               glong        old_start,
                                               glong       *start,
                                               glong       *end);
gboolean            upp_store_load_register   (UppStore    *self,
                                               GError     **error);
gboolean            upp_store_load_regions    (UppStore    *self,
                                               GError     **error);
/* Columns: code, name, region_code. */
UppMunicipality    *upp_store_municipality_from_row (sqlite3_stmt *statement);
/* Columns from first on: id, uuid, name, region_code, kind, sub_area. */
UppUnit            *upp_store_unit_from_row   (sqlite3_stmt *statement,
                                               int           first);
gboolean            upp_store_load_unit_members (UppStore  *self,
                                               UppUnit     *unit,
                                               GError     **error);
gboolean            upp_store_load_round_texts (UppStore   *self,
                                               UppRound    *round,
                                               GError     **error);
/* Writes the round's texts and deletes those it no longer has. */
gboolean            upp_store_save_round_texts (UppStore   *self,
                                               UppRound    *round,
                                               GError     **error);

/* The rows of upp_store_upgrade_round_template() inside the caller's transaction, without
 * a backup: the merge upgrades a round that the file has at a newer version. The round's
 * modified time becomes at least modified (upp-store-upgrade.c). */
gboolean            upp_store_upgrade_round_rows (UppStore    *self,
                                               gint64       round_id,
                                               UppTemplate *older,
                                               UppTemplate *newer,
                                               const char  *modified,
                                               GError     **error);
/* Saves each built-in template the database lacks (by key), in one transaction; writes nothing
 * when none is missing. */
gboolean            upp_store_add_builtin_templates (UppStore  *self,
                                                     GError   **error);

/* Choices are stored as keys joined by newlines. */
char               *upp_store_join_choices    (const char * const *choices);
char              **upp_store_split_choices   (const char  *stored);

G_END_DECLS

/* upp-store.c: the SQLite database: opening, schema and migrations, statements, transactions
 *
 * The store's areas live beside it: upp-store-register.c, -templates.c, -units.c, -rounds.c,
 * -report-texts.c, -responses.c, -backups.c, -themes.c, and for exchange files -migrations.c
 * (schema 2 to 4), -fields.c, -conflicts.c, -merge.c and -exchange-data.c.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-files.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-util.h"

G_DEFINE_FINAL_TYPE (UppStore, upp_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (upp-store-error-quark, upp_store_error)

/* ---- schema and migrations ---------------------------------------------------------- */

/* Version 1. Choices are keys joined by "\n"; times are ISO 8601 UTC text. */
static const char schema_v1[] =
  "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
  "CREATE TABLE regions ("
  "  code TEXT PRIMARY KEY, name TEXT NOT NULL, county TEXT NOT NULL);"
  "CREATE TABLE municipalities ("
  "  code TEXT PRIMARY KEY, name TEXT NOT NULL,"
  "  region_code TEXT NOT NULL REFERENCES regions (code));"
  "CREATE TABLE templates ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, key TEXT NOT NULL,"
  "  version INTEGER NOT NULL, title TEXT NOT NULL, json TEXT NOT NULL,"
  "  modified TEXT NOT NULL, UNIQUE (key, version));"
  "CREATE TABLE units ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  region_code TEXT NOT NULL REFERENCES regions (code),"
  "  name TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,"
  "  sub_area TEXT NOT NULL DEFAULT '', modified TEXT NOT NULL,"
  "  UNIQUE (region_code, name_key));"
  "CREATE TABLE unit_members ("
  "  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,"
  "  municipality_code TEXT NOT NULL REFERENCES municipalities (code),"
  "  PRIMARY KEY (unit_id, municipality_code));"
  "CREATE TABLE rounds ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, year INTEGER NOT NULL,"
  "  region_code TEXT NOT NULL REFERENCES regions (code), title TEXT NOT NULL,"
  "  template_id INTEGER NOT NULL REFERENCES templates (id),"
  "  created TEXT NOT NULL, modified TEXT NOT NULL);"
  "CREATE TABLE round_texts ("
  "  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL, text TEXT NOT NULL, modified TEXT NOT NULL,"
  "  PRIMARY KEY (round_id, key));"
  "CREATE TABLE responses ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  status TEXT NOT NULL DEFAULT 'not_contacted', interview_date TEXT NOT NULL DEFAULT '',"
  "  mode TEXT NOT NULL DEFAULT '', participant_count INTEGER NOT NULL DEFAULT 0,"
  "  participant_roles TEXT NOT NULL DEFAULT '', modified TEXT NOT NULL,"
  "  device TEXT NOT NULL DEFAULT '', UNIQUE (round_id, unit_id));"
  "CREATE TABLE answers ("
  "  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
  "  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,"
  "  question_key TEXT NOT NULL, text TEXT NOT NULL DEFAULT '',"
  "  choices TEXT NOT NULL DEFAULT '', modified TEXT NOT NULL, device TEXT NOT NULL,"
  "  UNIQUE (response_id, question_key));"
  "CREATE INDEX responses_unit ON responses (unit_id);"
  "CREATE INDEX rounds_region ON rounds (region_code, year);"
  "CREATE INDEX municipalities_region ON municipalities (region_code);";

static gboolean
save_builtin_template (UppStore  *self,
                       GError   **error)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();

  return upp_store_save_template (self, template, error);
}

static gboolean
migrate_to_1 (UppStore  *self,
              GError   **error)
{
  g_autofree char *device = upp_new_uuid ();
  g_autoptr(UppCachedStatement) statement = NULL;

  if (!upp_store_exec (self, schema_v1, error))
    return FALSE;

  statement = upp_store_statement (self, "INSERT INTO meta (key, value) VALUES ('device_id', ?)",
                                   error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, device, -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    return FALSE;

  return upp_store_load_register (self, error) && save_builtin_template (self, error);
}

typedef gboolean (*MigrationStep) (UppStore *self, GError **error);

/* migrations[i] brings a database from version i to version i + 1. */
static const MigrationStep migrations[] = {
  migrate_to_1,
  upp_store_migrate_to_2,      /* conflicts and shared versions for exchange files */
  upp_store_migrate_to_3,      /* renames, interview details by field, removed units */
  upp_store_migrate_to_4,      /* themes and coded passages */
  upp_store_migrate_to_5,      /* removed codings, quotes */
  upp_store_migrate_to_6,      /* interviews, respondent check, agreements */
  upp_store_migrate_to_7,      /* full-text search of answers */
  upp_store_migrate_to_8,      /* the history of every answer */
  upp_store_migrate_to_9,      /* full-text search of themes and report texts */
  upp_store_migrate_to_10,     /* what is not personal data, per answer */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == UPP_STORE_SCHEMA_VERSION);

/* ---- statements and transactions ---------------------------------------------------- */

void
upp_cached_statement_release (UppCachedStatement *statement)
{
  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
}

sqlite3 *
upp_store_get_db (UppStore *self)
{
  return self->db;
}

void
upp_store_set_sqlite_error (UppStore  *self,
                            GError   **error)
{
  int code = sqlite3_extended_errcode (self->db) & 0xff;

  if (self->found_damaged)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("The database “%s” is damaged, so nothing was changed. Restore a backup, "
                     "or open another file."), self->path);
      return;
    }

  /* A full disk shows as an I/O error when the -shm or -wal file cannot grow. */
  if (code == SQLITE_FULL
      || (code == SQLITE_IOERR && sqlite3_system_errno (self->db) == ENOSPC))
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                 _("The disk is full; nothing was changed. Free some space and try again."));
  else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                 _("The database “%s” is damaged: %s"), self->path, sqlite3_errmsg (self->db));
  else if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                 _("The database “%s” cannot be written: %s"), self->path,
                 sqlite3_errmsg (self->db));
  else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                 _("The database is busy in another program; try again in a moment."));
  else
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                 _("Database error: %s"), sqlite3_errmsg (self->db));
}

UppCachedStatement *
upp_store_statement (UppStore    *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);

  if (statement != NULL)
    return statement;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL)
      != SQLITE_OK)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  /* Keys are the callers' string literals, which live as long as the program. */
  g_hash_table_insert (self->statements, (gpointer) sql, statement);
  return statement;
}

gboolean
upp_store_exec (UppStore    *self,
                const char  *sql,
                GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_step_done (UppStore      *self,
                     sqlite3_stmt  *statement,
                     GError       **error)
{
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_begin (UppStore  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

  if (self->read_only)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_READ_ONLY,
                   _("The database “%s” is read-only (its file may not be written), so "
                     "nothing was changed."), self->path);
      return FALSE;
    }
  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else
    sql = g_strdup_printf ("SAVEPOINT upp_%u", self->transaction_depth);
  if (!upp_store_exec (self, sql, error))
    return FALSE;
  self->transaction_depth++;
  return TRUE;
}

gboolean
upp_store_begin_read (UppStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (self->read_depth++ > 0 || !sqlite3_get_autocommit (self->db))
    return TRUE;
  /* A deferred transaction that only reads: its snapshot is taken by the first query. */
  if (!upp_store_exec (self, "BEGIN DEFERRED", error))
    {
      self->read_depth--;
      return FALSE;
    }
  self->read_began = TRUE;
  return TRUE;
}

void
upp_store_end_read (UppStore *self)
{
  g_return_if_fail (UPP_IS_STORE (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth > 0 || !self->read_began)
    return;
  self->read_began = FALSE;
  /* Nothing was written: ending it cannot fail for want of room, and a failure only means
   * SQLite already ended it. */
  if (!sqlite3_get_autocommit (self->db) &&
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Ending a read failed: %s", sqlite3_errmsg (self->db));
}

gboolean
upp_store_commit (UppStore  *self,
                  GError   **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth == 1)
    sql = g_strdup ("COMMIT");
  else
    sql = g_strdup_printf ("RELEASE upp_%u", self->transaction_depth - 1);
  if (!upp_store_exec (self, sql, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  self->transaction_depth--;
  return TRUE;
}

void
upp_store_rollback (UppStore *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (self->transaction_depth > 0);

  self->transaction_depth--;
  /* A full disk or an I/O error makes SQLite roll the whole transaction back itself; there
   * is nothing left to undo, and nothing to warn about: the caller reports the error. */
  if (sqlite3_get_autocommit (self->db))
    {
      upp_store_forget_cache (self);
      return;
    }
  if (self->transaction_depth == 0)
    sql = g_strdup ("ROLLBACK");
  else
    sql = g_strdup_printf ("ROLLBACK TO upp_%u; RELEASE upp_%u",
                           self->transaction_depth, self->transaction_depth);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));
  /* Objects cached from rows that were rolled back are no longer true. */
  upp_store_forget_cache (self);
}

void
upp_store_forget_cache (UppStore *self)
{
  g_hash_table_remove_all (self->templates);
}

char *
upp_store_join_choices (const char * const *choices)
{
  if (choices == NULL)
    return g_strdup ("");
  return g_strjoinv ("\n", (char **) choices);
}

char **
upp_store_split_choices (const char *stored)
{
  if (stored == NULL || *stored == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (stored, "\n", -1);
}

const char *
upp_store_column_text (sqlite3_stmt *statement,
                       int           column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  return text ? text : "";
}

GPtrArray *
upp_store_read_rows (UppStore           *self,
                     sqlite3_stmt       *statement,
                     UppStoreRowReader   read_row,
                     GError            **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (objects, read_row (statement));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  /* Done with it before the caller runs other statements on what was read. */
  sqlite3_reset (statement);
  return g_steal_pointer (&objects);
}

/* ---- object lifecycle --------------------------------------------------------------- */

static void
upp_store_finalize (GObject *object)
{
  UppStore *self = (UppStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->regions, g_hash_table_unref);
  g_clear_pointer (&self->templates, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (upp_store_parent_class)->finalize (object);
}

static void
upp_store_class_init (UppStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_store_finalize;
}

static void
finalize_statement (gpointer statement)
{
  sqlite3_finalize (statement);
}

static void
upp_store_init (UppStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            finalize_statement);
  self->regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->templates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

char *
upp_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "uppfoljning", "uppfoljning.db", NULL);
}

static gboolean
read_user_version (UppStore  *self,
                   int       *version,
                   GError   **error)
{
  sqlite3_stmt *statement = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &statement, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (statement);
  if (rc != SQLITE_ROW)
    {
      int code = sqlite3_extended_errcode (self->db) & 0xff;

      sqlite3_finalize (statement);
      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                     _("“%s” is not an Uppföljning database or is damaged, so it was not "
                       "opened and has not been changed. Open another file, or restore a "
                       "backup."), self->path);
      else
        upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  *version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  return TRUE;
}

/* The files (device and inode) this process has checked whole, or is checking. A quick check
 * reads every page, a large part of opening a database of ten years; the window, its workers
 * and its jobs each open the file again, and a file does not get damaged by being open. A file
 * put in its place (a restored backup, a copy) has another inode and is checked again. */
typedef enum
{
  FILE_CHECK_RUNNING = 1,
  FILE_CHECK_PASSED,
} FileCheck;

static GMutex checked_files_lock;
static GCond checked_files_cond;
static GHashTable *checked_files;   /* "device:inode" → FileCheck */

static char *
dup_file_identity (const char *path)
{
  GStatBuf info;

  if (g_stat (path, &info) != 0)
    return NULL;
  return g_strdup_printf ("%llu:%llu", (unsigned long long) info.st_dev,
                          (unsigned long long) info.st_ino);
}

/* Whether the file needs checking by the caller: FALSE when it passed already. A check
 * running on another thread is waited for, so a file is read whole once, not once per
 * connection opened while it runs. */
static gboolean
claim_file_check (const char *identity)
{
  FileCheck state;

  g_mutex_lock (&checked_files_lock);
  if (checked_files == NULL)
    checked_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((state = GPOINTER_TO_INT (g_hash_table_lookup (checked_files, identity)))
         == FILE_CHECK_RUNNING)
    g_cond_wait (&checked_files_cond, &checked_files_lock);
  if (state != FILE_CHECK_PASSED)
    g_hash_table_insert (checked_files, g_strdup (identity),
                         GINT_TO_POINTER (FILE_CHECK_RUNNING));
  g_mutex_unlock (&checked_files_lock);
  return state != FILE_CHECK_PASSED;
}

static void
settle_file_check (const char *identity,
                   gboolean    passed)
{
  g_mutex_lock (&checked_files_lock);
  /* A damaged file is not remembered: the next opener reads it again, and says so too. */
  if (passed)
    g_hash_table_insert (checked_files, g_strdup (identity),
                         GINT_TO_POINTER (FILE_CHECK_PASSED));
  else
    g_hash_table_remove (checked_files, identity);
  g_cond_broadcast (&checked_files_cond);
  g_mutex_unlock (&checked_files_lock);
}

static void
set_damaged_error (const char  *path,
                   GError     **error)
{
  g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
               _("The database “%s” is damaged, so it was not opened and has not been "
                 "changed. Restore a backup, or open another file."), path);
}

/* The whole file, read through db (any connection on path), once per process. */
static gboolean
check_file_once (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *identity = dup_file_identity (path);
  sqlite3_stmt *statement = NULL;
  gboolean ok = FALSE;
  int rc;

  if (identity != NULL && !claim_file_check (identity))
    return TRUE;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK)
    rc = sqlite3_step (statement);
  else
    rc = sqlite3_errcode (db);
  if (rc == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);

  if (identity != NULL)
    settle_file_check (identity, ok);
  /* A file held by another program could not be read just now: that is not damage. */
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                 _("The database is busy in another program; try again in a moment."));
  else if (!ok)
    set_damaged_error (path, error);
  return ok;
}

gboolean
upp_store_check_file (const char  *path,
                      GError     **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  upp_store_guard_locks ();
  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (SQLITE_NOMEM));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 5000);
  ok = check_file_once (db, path, error);
  sqlite3_close (db);
  return ok;
}

gboolean
upp_store_ensure_checked (UppStore  *self,
                          GError   **error)
{
  if (self->found_damaged)
    {
      set_damaged_error (self->path, error);
      return FALSE;
    }
  if (!self->check_pending)
    return TRUE;
  if (!upp_store_check_file (self->path, error))
    {
      self->found_damaged = TRUE;
      return FALSE;
    }
  self->check_pending = FALSE;
  return TRUE;
}

/* A store opened with its check left for later commits nothing before the check has passed:
 * the first commit waits for it (or runs it), and a damaged file turns the commit into a
 * rollback, so not one page of it is written. */
static int
check_before_first_commit_cb (gpointer user_data)
{
  return upp_store_ensure_checked (user_data, NULL) ? 0 : 1;
}

static gboolean
migrate (UppStore  *self,
         int        from_version,
         GError   **error)
{
  g_autofree char *sql = NULL;

  if (!upp_store_begin (self, error))
    return FALSE;
  for (int version = from_version; version < UPP_STORE_SCHEMA_VERSION; version++)
    {
      if (!migrations[version] (self, error))
        {
          upp_store_rollback (self);
          return FALSE;
        }
    }
  sql = g_strdup_printf ("PRAGMA user_version = %d", UPP_STORE_SCHEMA_VERSION);
  if (!upp_store_exec (self, sql, error))
    {
      upp_store_rollback (self);
      return FALSE;
    }
  return upp_store_commit (self, error);
}

static gboolean
load_meta (UppStore  *self,
           GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT value FROM meta WHERE key = 'device_id'", error);

  if (statement == NULL)
    return FALSE;
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("The database “%s” has no device id; it was not made by Uppföljning."),
                   self->path);
      return FALSE;
    }
  self->device_id = g_strdup (upp_store_column_text (statement, 0));
  return TRUE;
}

/* Every answer is in these files: group and others get nothing. The owner's bits stay, so
 * a file made read-only stays read-only. */
static void
keep_private (const char *path)
{
  GStatBuf info;

  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode) && (info.st_mode & 077) != 0)
    g_chmod (path, info.st_mode & 0700);
}

/* SQLite makes -wal and -shm in the database's mode: for a read-only database a read-only
 * -shm, which would make every later write fail, even once the database is writable again. */
static void
keep_side_files_private (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      GStatBuf info;

      if (g_stat (side, &info) == 0 && S_ISREG (info.st_mode) &&
          (info.st_mode & 07777) != 0600)
        g_chmod (side, 0600);
    }
}

/* A new database is private from its first byte, before SQLite creates its side files in
 * its mode. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0 && errno != EEXIST)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);
  return TRUE;
}

/* What a process killed mid-write left: hidden export temporaries, once per process. */
static void
remove_leftovers_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      upp_files_remove_leftovers ();
      g_once_init_leave (&done, 1);
    }
}

/* Whether the file is in WAL mode already. Only then can the check be left for later: its
 * reader runs beside this connection's commits, whereas switching a file to WAL (a restored
 * backup, a copy) is a write that holds the whole file. */
static gboolean
is_in_wal_mode (UppStore *self)
{
  sqlite3_stmt *statement = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    wal = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "wal") == 0;
  sqlite3_finalize (statement);
  return wal;
}

static UppStore *
open_store (const char  *path,
            gboolean     check_later,
            GError     **error)
{
  g_autoptr(UppStore) self = NULL;
  g_autofree char *folder = NULL;
  gboolean existed;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  upp_core_register_resources ();
  upp_store_guard_locks ();
  remove_leftovers_once ();
  self = g_object_new (UPP_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }

  existed = g_file_test (path, G_FILE_TEST_EXISTS);
  if (existed && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("“%s” is a folder, not a database file."), path);
      return NULL;
    }
  if (!existed && !create_private_file (path, error))
    return NULL;
  /* A file we may not write is opened read-only, not half-opened: a read-write open of it
   * would fail on the first change, after SQLite had made side files in its mode. */
  self->read_only = existed && g_access (path, W_OK) != 0;
  keep_private (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY
                                         : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not open the database “%s”: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* Look before writing anything: a newer or damaged file must stay exactly as it is. */
  if (!read_user_version (self, &version, error))
    return NULL;
  if (version > UPP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was made by a newer version of Uppföljning (schema %d; "
                     "this version knows %d). It was not opened and has not been changed. "
                     "Update Uppföljning to open it."),
                   path, version, UPP_STORE_SCHEMA_VERSION);
      return NULL;
    }
  if (version == UPP_STORE_SCHEMA_VERSION && check_later && is_in_wal_mode (self))
    {
      self->check_pending = TRUE;
      sqlite3_commit_hook (self->db, check_before_first_commit_cb, self);
    }
  else if (version > 0 && !check_file_once (self->db, path, error))
    {
      keep_side_files_private (path);
      return NULL;
    }

  if (self->read_only)
    {
      keep_side_files_private (path);
      if (version < UPP_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_READ_ONLY,
                       _("The database “%s” is read-only and from an older version of "
                         "Uppföljning; it must be writable to be brought up to date."), path);
          return NULL;
        }
      if (!upp_store_exec (self, "PRAGMA foreign_keys = ON;", error) || !load_meta (self, error)
          || !upp_store_load_regions (self, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!upp_store_exec (self,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;", error))
    return NULL;
  keep_side_files_private (path);

  if (version > 0 && version < UPP_STORE_SCHEMA_VERSION)
    {
      g_autofree char *reason = g_strdup_printf ("schema-v%d", version);

      if (!upp_store_make_backup (self, reason, NULL, error))
        return NULL;
    }
  if (version < UPP_STORE_SCHEMA_VERSION && !migrate (self, version, error))
    return NULL;

  if (!load_meta (self, error) || !upp_store_load_regions (self, error) ||
      !upp_store_add_builtin_templates (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

UppStore *
upp_store_open (const char  *path,
                GError     **error)
{
  return open_store (path, FALSE, error);
}

UppStore *
upp_store_open_checking_later (const char  *path,
                               GError     **error)
{
  return open_store (path, TRUE, error);
}

const char *
upp_store_get_path (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  return self->path;
}

gboolean
upp_store_is_read_only (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  return self->read_only;
}

const char *
upp_store_get_device_id (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  return self->device_id;
}

guint64
upp_store_get_data_version (UppStore *self)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), 0);

  statement = upp_store_statement (self, "PRAGMA data_version", NULL);
  if (statement == NULL || sqlite3_step (statement) != SQLITE_ROW)
    return 0;
  return (guint64) sqlite3_column_int64 (statement, 0);
}

guint64
upp_store_get_own_changes (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), 0);

  return (guint64) sqlite3_total_changes64 (self->db);
}

/* upp-store.c: the SQLite database of regions, templates, rounds, units and answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-answer.h"
#include "upp-municipality.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"
#include "exchange/exchange-common.h"

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
};

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

static gboolean load_register         (UppStore *self, GError **error);
static gboolean save_builtin_template (UppStore *self, GError **error);

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
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  return load_register (self, error) && save_builtin_template (self, error);
}

typedef gboolean (*MigrationStep) (UppStore *self, GError **error);

/* migrations[i] brings a database from version i to version i + 1. */
static const MigrationStep migrations[] = {
  migrate_to_1,
  upp_exchange_migrate_to_2,   /* conflicts and shared versions for exchange files */
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

  if (code == SQLITE_FULL)
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
upp_store_begin (UppStore  *self,
                 GError   **error)
{
  g_autofree char *sql = NULL;

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

static const char *
column_text (sqlite3_stmt *statement,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (statement, column);

  return text ? text : "";
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

static gboolean
check_integrity (UppStore  *self,
                 GError   **error)
{
  sqlite3_stmt *statement = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);

  if (!ok)
    g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                 _("The database “%s” is damaged, so it was not opened and has not been "
                   "changed. Restore a backup, or open another file."), self->path);
  return ok;
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
  self->device_id = g_strdup (column_text (statement, 0));
  return TRUE;
}

static gboolean
load_regions (UppStore  *self,
              GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT code, name, county FROM regions", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *code = column_text (statement, 0);

      g_hash_table_replace (self->regions, g_strdup (code),
                            upp_region_new (code, column_text (statement, 1),
                                            column_text (statement, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

UppStore *
upp_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(UppStore) self = NULL;
  g_autofree char *folder = NULL;
  gboolean existed;
  int version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  upp_core_register_resources ();
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

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
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
  if (version > 0 && !check_integrity (self, error))
    return NULL;

  if (!upp_store_exec (self,
                       "PRAGMA foreign_keys = ON;"
                       "PRAGMA journal_mode = WAL;"
                       "PRAGMA synchronous = FULL;", error))
    return NULL;
  g_chmod (path, 0600);

  if (version > 0 && version < UPP_STORE_SCHEMA_VERSION)
    {
      g_autofree char *reason = g_strdup_printf ("schema-v%d", version);

      if (!upp_store_backup_before_change (self, reason, error))
        return NULL;
    }
  if (version < UPP_STORE_SCHEMA_VERSION && !migrate (self, version, error))
    return NULL;

  if (!load_meta (self, error) || !load_regions (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
upp_store_get_path (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  return self->path;
}

const char *
upp_store_get_device_id (UppStore *self)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  return self->device_id;
}

gboolean
upp_store_backup_to (UppStore    *self,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *temporary = g_strconcat (path, ".partial", NULL);
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  g_unlink (temporary);
  rc = sqlite3_open_v2 (temporary, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (target, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (target);
    }
  if (rc == SQLITE_OK)
    {
      /* A backup is one self-contained file, not a WAL database with side files. */
      rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not back up the database to “%s”: %s"), path,
                   target ? sqlite3_errmsg (target) : sqlite3_errstr (rc));
      sqlite3_close (target);
      g_unlink (temporary);
      return FALSE;
    }
  sqlite3_close (target);
  g_chmod (temporary, 0600);
  if (g_rename (temporary, path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not back up the database to “%s”: %s"), path,
                   g_strerror (saved_errno));
      g_unlink (temporary);
      return FALSE;
    }
  return TRUE;
}

/* ---- register ----------------------------------------------------------------------- */

static gboolean
load_register (UppStore  *self,
               GError   **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(UppCachedStatement) insert_region = NULL;
  g_autoptr(UppCachedStatement) insert_municipality = NULL;

  bytes = g_resources_lookup_data ("/se/uppfoljning/core/se-municipalities.csv",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;

  insert_region = upp_store_statement (self,
                                       "INSERT OR IGNORE INTO regions (code, name, county) "
                                       "VALUES (?, ?, ?)", error);
  if (insert_region == NULL)
    return FALSE;
  insert_municipality = upp_store_statement (self,
                                             "INSERT OR REPLACE INTO municipalities "
                                             "(code, name, region_code) VALUES (?, ?, ?)", error);
  if (insert_municipality == NULL)
    return FALSE;

  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    lines = g_strsplit (text, "\n", -1);
  }

  /* municipality_code,municipality,county_code,county,region; the first line is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", 5);
      if (g_strv_length (fields) != 5)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       "Register line %u is malformed: %s", i + 1, lines[i]);
          return FALSE;
        }

      sqlite3_bind_text (insert_region, 1, fields[2], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_region, 2, fields[4], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_region, 3, fields[3], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert_region) != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          return FALSE;
        }
      sqlite3_reset (insert_region);

      sqlite3_bind_text (insert_municipality, 1, fields[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_municipality, 2, fields[1], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_municipality, 3, fields[2], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert_municipality) != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          return FALSE;
        }
      sqlite3_reset (insert_municipality);
    }
  return TRUE;
}

static gboolean
save_builtin_template (UppStore  *self,
                       GError   **error)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();

  return upp_store_save_template (self, template, error);
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b)
{
  UppRegion *region_a = *(UppRegion **) a;
  UppRegion *region_b = *(UppRegion **) b;

  return g_utf8_collate (upp_region_get_name (region_a), upp_region_get_name (region_b));
}

GPtrArray *
upp_store_list_regions (UppStore  *self,
                        GError   **error)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  g_hash_table_iter_init (&iter, self->regions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (regions, g_object_ref (value));
  g_ptr_array_sort (regions, compare_regions);
  return regions;
}

UppRegion *
upp_store_lookup_region (UppStore   *self,
                         const char *code)
{
  return g_hash_table_lookup (self->regions, code);
}

UppRegion *
upp_store_find_region (UppStore    *self,
                       const char  *code_or_name,
                       GError     **error)
{
  g_autofree char *wanted = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (code_or_name != NULL && g_hash_table_lookup (self->regions, code_or_name))
    return g_object_ref (g_hash_table_lookup (self->regions, code_or_name));

  wanted = g_utf8_casefold (code_or_name ? code_or_name : "", -1);
  g_strstrip (wanted);
  g_hash_table_iter_init (&iter, self->regions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *name = g_utf8_casefold (upp_region_get_name (value), -1);
      g_autofree char *county = g_utf8_casefold (upp_region_get_county (value), -1);

      if (g_strcmp0 (name, wanted) == 0 || g_strcmp0 (county, wanted) == 0)
        return g_object_ref (value);
    }

  g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
               _("There is no region called “%s”; give a region such as “Region Dalarna”, "
                 "a county or a county code."), code_or_name ? code_or_name : "");
  return NULL;
}

GPtrArray *
upp_store_list_municipalities (UppStore    *self,
                               const char  *region_code,
                               GError     **error)
{
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT code, name, region_code FROM municipalities "
                                   "WHERE ?1 IS NULL OR region_code = ?1 ORDER BY code", error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (municipalities,
                     upp_municipality_new (column_text (statement, 0), column_text (statement, 1),
                                           column_text (statement, 2)));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&municipalities);
}

/* ---- templates ---------------------------------------------------------------------- */

UppTemplate *
upp_store_load_template_by_id (UppStore  *self,
                               gint64     template_id,
                               GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GError) local_error = NULL;
  UppTemplate *template = g_hash_table_lookup (self->templates, &template_id);

  if (template != NULL)
    return g_object_ref (template);

  statement = upp_store_statement (self, "SELECT json FROM templates WHERE id = ?", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, template_id);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The survey template is missing from the database."));
      return NULL;
    }
  template = upp_template_new_from_json (column_text (statement, 0), -1, &local_error);
  if (template == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("A stored survey template cannot be read: %s"), local_error->message);
      return NULL;
    }
  upp_template_set_id (template, template_id);
  g_hash_table_insert (self->templates, g_memdup2 (&template_id, sizeof template_id),
                       g_object_ref (template));
  return template;
}

GPtrArray *
upp_store_list_templates (UppStore  *self,
                          GError   **error)
{
  g_autoptr(GPtrArray) templates = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self, "SELECT id FROM templates ORDER BY key, version",
                                   error);
  if (statement == NULL)
    return NULL;
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      UppTemplate *template = upp_store_load_template_by_id (self, g_array_index (ids, gint64, i),
                                                             error);
      if (template == NULL)
        return NULL;
      g_ptr_array_add (templates, template);
    }
  return g_steal_pointer (&templates);
}

UppTemplate *
upp_store_load_template (UppStore    *self,
                         const char  *key,
                         int          version,
                         GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  gint64 id;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT id FROM templates WHERE key = ?1 "
                                   "AND (?2 = 0 OR version = ?2) ORDER BY version DESC LIMIT 1",
                                   error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, version);
  if (sqlite3_step (statement) != SQLITE_ROW)
    {
      if (version > 0)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("There is no template “%s” version %d."), key, version);
      else
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("There is no template “%s”."), key);
      return NULL;
    }
  id = sqlite3_column_int64 (statement, 0);
  return upp_store_load_template_by_id (self, id, error);
}

static gboolean
template_row_is_used (UppStore *self,
                      gint64    template_id)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT 1 FROM rounds WHERE template_id = ? LIMIT 1", NULL);

  if (statement == NULL)
    return TRUE;
  sqlite3_bind_int64 (statement, 1, template_id);
  return sqlite3_step (statement) == SQLITE_ROW;
}

gboolean
upp_store_template_is_used (UppStore    *self,
                            UppTemplate *template)
{
  g_return_val_if_fail (UPP_IS_STORE (self), TRUE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), TRUE);

  if (upp_template_get_id (template) == 0)
    return FALSE;
  return template_row_is_used (self, upp_template_get_id (template));
}

gboolean
upp_store_save_template (UppStore     *self,
                         UppTemplate  *template,
                         GError      **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  g_autofree char *json = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  gint64 id = upp_template_get_id (template);

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  if (!upp_template_validate (template, error))
    return FALSE;

  find = upp_store_statement (self,
                              "SELECT id FROM templates WHERE (key = ? AND version = ?) OR uuid = ?",
                              error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (find, 2, upp_template_get_version (template));
  sqlite3_bind_text (find, 3, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  while (sqlite3_step (find) == SQLITE_ROW)
    {
      gint64 existing = sqlite3_column_int64 (find, 0);

      if (id != 0 && existing != id)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                       _("There is already a template “%s” version %d."),
                       upp_template_get_key (template), upp_template_get_version (template));
          return FALSE;
        }
      id = existing;
    }

  if (id != 0 && template_row_is_used (self, id))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE,
                   _("The template “%s” version %d is used by a round and cannot change; "
                     "save the changes as a new version."),
                   upp_template_get_key (template), upp_template_get_version (template));
      return FALSE;
    }

  json = upp_template_to_json (template);
  if (id == 0)
    write = upp_store_statement (self,
                                 "INSERT INTO templates (uuid, key, version, title, json, modified) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  else
    write = upp_store_statement (self,
                                 "UPDATE templates SET uuid = ?1, key = ?2, version = ?3, "
                                 "title = ?4, json = ?5, modified = ?6 WHERE id = ?7", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (write, 3, upp_template_get_version (template));
  sqlite3_bind_text (write, 4, upp_template_get_title (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, now, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (write, 7, id);
  if (sqlite3_step (write) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (id == 0)
    id = sqlite3_last_insert_rowid (self->db);
  upp_template_set_id (template, id);
  g_hash_table_remove (self->templates, &id);
  return TRUE;
}

gboolean
upp_store_delete_template (UppStore     *self,
                           UppTemplate  *template,
                           GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  gint64 id = upp_template_get_id (template);

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (upp_store_template_is_used (self, template))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_IN_USE,
                   _("The template “%s” is used by a round and cannot be deleted."),
                   upp_template_get_title (template));
      return FALSE;
    }
  statement = upp_store_statement (self, "DELETE FROM templates WHERE id = ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  g_hash_table_remove (self->templates, &id);
  upp_template_set_id (template, 0);
  return TRUE;
}

/* ---- units -------------------------------------------------------------------------- */

static gboolean
load_unit_members (UppStore  *self,
                   UppUnit   *unit,
                   GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self,
                         "SELECT municipality_code FROM unit_members WHERE unit_id = ? "
                         "ORDER BY municipality_code", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_unit_get_id (unit));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    upp_unit_add_member_code (unit, column_text (statement, 0));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Columns: id, uuid, name, region_code, kind, sub_area. */
static UppUnit *
unit_from_row (sqlite3_stmt *statement,
               int           first)
{
  UppUnitKind kind = UPP_UNIT_KIND_OTHER;
  UppUnit *unit;

  upp_unit_kind_from_key (column_text (statement, first + 4), &kind);
  unit = upp_unit_new (column_text (statement, first + 2), column_text (statement, first + 3),
                       kind);
  upp_unit_set_id (unit, sqlite3_column_int64 (statement, first));
  upp_unit_set_uuid (unit, column_text (statement, first + 1));
  upp_unit_set_sub_area (unit, column_text (statement, first + 5));
  return unit;
}

GPtrArray *
upp_store_list_units (UppStore    *self,
                      const char  *region_code,
                      GError     **error)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT id, uuid, name, region_code, kind, sub_area FROM units "
                                   "WHERE ?1 IS NULL OR region_code = ?1 ORDER BY name", error);
  if (statement == NULL)
    return NULL;
  if (region_code != NULL)
    sqlite3_bind_text (statement, 1, region_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (units, unit_from_row (statement, 0));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  sqlite3_reset (statement);

  for (guint i = 0; i < units->len; i++)
    {
      if (!load_unit_members (self, g_ptr_array_index (units, i), error))
        return NULL;
    }
  return g_steal_pointer (&units);
}

static gboolean
save_unit_members (UppStore  *self,
                   UppUnit   *unit,
                   GError   **error)
{
  g_autoptr(UppCachedStatement) clear = NULL;
  g_autoptr(UppCachedStatement) insert = NULL;
  const char * const *codes = upp_unit_get_member_codes (unit);

  clear = upp_store_statement (self, "DELETE FROM unit_members WHERE unit_id = ?", error);
  if (clear == NULL)
    return FALSE;
  sqlite3_bind_int64 (clear, 1, upp_unit_get_id (unit));
  if (sqlite3_step (clear) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }

  insert = upp_store_statement (self,
                                "INSERT INTO unit_members (unit_id, municipality_code) "
                                "VALUES (?, ?)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, upp_unit_get_id (unit));
      sqlite3_bind_text (insert, 2, codes[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          if ((sqlite3_extended_errcode (self->db) & 0xff) == SQLITE_CONSTRAINT)
            g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                         _("“%s” is not a municipality code of the register."), codes[i]);
          else
            upp_store_set_sqlite_error (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
save_unit_row (UppStore  *self,
               UppUnit   *unit,
               GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  g_autofree char *name = g_strstrip (g_strdup (upp_unit_get_name (unit)));
  /* SQLite's NOCASE folds only ASCII; "Östra" and "östra" must clash too. */
  g_autofree char *name_key = g_utf8_casefold (name, -1);
  gint64 id = upp_unit_get_id (unit);

  if (name[0] == '\0')
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("A unit needs a name."));
      return FALSE;
    }
  if (upp_store_lookup_region (self, upp_unit_get_region_code (unit)) == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The unit “%s” belongs to no known region."), name);
      return FALSE;
    }
  upp_unit_set_name (unit, name);

  if (id == 0)
    statement = upp_store_statement (self,
                                     "INSERT INTO units (uuid, name, region_code, kind, sub_area, "
                                     "modified, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8)",
                                     error);
  else
    statement = upp_store_statement (self,
                                     "UPDATE units SET uuid = ?1, name = ?2, region_code = ?3, "
                                     "kind = ?4, sub_area = ?5, modified = ?6, name_key = ?8 "
                                     "WHERE id = ?7", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_unit_get_uuid (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_unit_get_region_code (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_unit_kind_to_key (upp_unit_get_kind (unit)), -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (statement, 5, upp_unit_get_sub_area (unit), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (statement, 7, id);
  sqlite3_bind_text (statement, 8, name_key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (self->db)) == SQLITE_CONSTRAINT_UNIQUE)
        {
          UppRegion *region = upp_store_lookup_region (self, upp_unit_get_region_code (unit));
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE,
                       _("There is already a unit called “%s” in %s."), name,
                       upp_region_get_name (region));
        }
      else
        upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (id == 0)
    upp_unit_set_id (unit, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

gboolean
upp_store_save_unit (UppStore  *self,
                     UppUnit   *unit,
                     GError   **error)
{
  gint64 old_id;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_UNIT (unit), FALSE);

  old_id = upp_unit_get_id (unit);
  if (!upp_store_begin (self, error))
    return FALSE;
  if (!save_unit_row (self, unit, error) || !save_unit_members (self, unit, error))
    {
      upp_store_rollback (self);
      upp_unit_set_id (unit, old_id);
      return FALSE;
    }
  return upp_store_commit (self, error);
}

/* ---- rounds ------------------------------------------------------------------------- */

#define ROUND_COLUMNS \
  "r.id, r.uuid, r.year, r.region_code, r.title, r.template_id, " \
  "(SELECT count(*) FROM responses s WHERE s.round_id = r.id), " \
  "(SELECT count(*) FROM responses s WHERE s.round_id = r.id AND (s.status IN ('done', 'approved') " \
  "   OR (s.status <> 'no_answer' AND EXISTS (SELECT 1 FROM answers a WHERE a.response_id = s.id " \
  "       AND (trim (a.text, ' ' || char (9, 10, 13)) <> '' OR a.choices <> '')))))"

static gboolean
load_round_texts (UppStore  *self,
                  UppRound  *round,
                  GError   **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self, "SELECT key, text FROM round_texts WHERE round_id = ?", error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    upp_round_set_text (round, column_text (statement, 0), column_text (statement, 1));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Reads rounds from a statement selecting ROUND_COLUMNS. */
static GPtrArray *
rounds_from_statement (UppStore      *self,
                       sqlite3_stmt  *statement,
                       GError       **error)
{
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  /* Collect first: loading templates and texts uses other statements. */
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 9);  /* NULL-terminated for g_strfreev */

      for (int i = 0; i < 8; i++)
        row[i] = g_strdup (column_text (statement, i));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  sqlite3_reset (statement);

  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      g_autoptr(UppTemplate) template = NULL;
      UppRegion *region = upp_store_lookup_region (self, row[3]);
      UppRound *round;

      template = upp_store_load_template_by_id (self, g_ascii_strtoll (row[5], NULL, 10), error);
      if (template == NULL)
        return NULL;
      if (region == NULL)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                       _("A round refers to the unknown region code “%s”."), row[3]);
          return NULL;
        }
      round = upp_round_new ((int) g_ascii_strtoll (row[2], NULL, 10), region, row[4], template);
      upp_round_set_id (round, g_ascii_strtoll (row[0], NULL, 10));
      upp_round_set_uuid (round, row[1]);
      upp_round_set_counts (round, (guint) g_ascii_strtoull (row[6], NULL, 10),
                            (guint) g_ascii_strtoull (row[7], NULL, 10));
      g_ptr_array_add (rounds, round);
      if (!load_round_texts (self, round, error))
        return NULL;
    }
  return g_steal_pointer (&rounds);
}

GPtrArray *
upp_store_list_rounds (UppStore  *self,
                       GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  statement = upp_store_statement (self,
                                   "SELECT " ROUND_COLUMNS " FROM rounds r "
                                   "JOIN regions g ON g.code = r.region_code "
                                   "ORDER BY r.year DESC, g.name, r.title, r.id", error);
  if (statement == NULL)
    return NULL;
  return rounds_from_statement (self, statement, error);
}

static UppRound *
single_round (UppStore   *self,
              GPtrArray  *rounds,
              const char *wanted,
              GError    **error)
{
  if (rounds == NULL)
    return NULL;
  if (rounds->len == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("There is no round “%s”; list the rounds to see their ids."), wanted);
      return NULL;
    }
  if (rounds->len > 1)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_AMBIGUOUS,
                   _("“%s” matches %u rounds; give more of the id."), wanted, rounds->len);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rounds, 0));
}

UppRound *
upp_store_load_round (UppStore    *self,
                      const char  *uuid,
                      GError     **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *pattern = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);

  if (uuid == NULL || upp_str_is_blank (uuid))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND, _("No round was given."));
      return NULL;
    }

  statement = upp_store_statement (self,
                                   "SELECT " ROUND_COLUMNS " FROM rounds r "
                                   "WHERE r.uuid = ?1 OR (length (?1) >= 4 AND "
                                   "substr (r.uuid, 1, length (?1)) = ?1 "
                                   "AND NOT EXISTS (SELECT 1 FROM rounds x WHERE x.uuid = ?1))",
                                   error);
  if (statement == NULL)
    return NULL;
  pattern = g_ascii_strdown (uuid, -1);
  g_strstrip (pattern);
  sqlite3_bind_text (statement, 1, pattern, -1, SQLITE_TRANSIENT);
  rounds = rounds_from_statement (self, statement, error);
  return single_round (self, rounds, uuid, error);
}

UppRound *
upp_store_load_round_by_id (UppStore  *self,
                            gint64     round_id,
                            GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, round_id);

  statement = upp_store_statement (self,
                                   "SELECT " ROUND_COLUMNS " FROM rounds r WHERE r.id = ?",
                                   error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, round_id);
  rounds = rounds_from_statement (self, statement, error);
  return single_round (self, rounds, wanted, error);
}

static gboolean
validate_round (UppRound  *round,
                GError   **error)
{
  int year = upp_round_get_year (round);

  if (year < 1900 || year > 2200)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The year must be a year such as 2026, not %d."), year);
      return FALSE;
    }
  if (upp_str_is_blank (upp_round_get_title (round)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The round needs a title."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_round_texts (UppStore  *self,
                  UppRound  *round,
                  GError   **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;
  g_auto(GStrv) keys = upp_round_dup_text_keys (round);
  g_autofree char *now = upp_now_iso8601 ();

  /* Upsert so a text's modified time changes only when the text does; texts no longer
   * set are deleted below. */
  insert = upp_store_statement (self,
                                "INSERT INTO round_texts (round_id, key, text, modified) "
                                "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, key) DO UPDATE "
                                "SET text = excluded.text, modified = excluded.modified "
                                "WHERE text <> excluded.text", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    {
      sqlite3_reset (insert);
      sqlite3_bind_int64 (insert, 1, upp_round_get_id (round));
      sqlite3_bind_text (insert, 2, keys[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 3, upp_round_get_text (round, keys[i]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, now, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          return FALSE;
        }
    }

  {
    g_autoptr(GString) sql = g_string_new ("DELETE FROM round_texts WHERE round_id = ?");
    sqlite3_stmt *remove = NULL;
    gboolean ok;

    for (guint i = 0; keys[i] != NULL; i++)
      g_string_append (sql, i == 0 ? " AND key NOT IN (?" : ", ?");
    if (keys[0] != NULL)
      g_string_append (sql, ")");
    ok = sqlite3_prepare_v2 (self->db, sql->str, -1, &remove, NULL) == SQLITE_OK;
    if (ok)
      {
        sqlite3_bind_int64 (remove, 1, upp_round_get_id (round));
        for (guint i = 0; keys[i] != NULL; i++)
          sqlite3_bind_text (remove, i + 2, keys[i], -1, SQLITE_TRANSIENT);
        ok = sqlite3_step (remove) == SQLITE_DONE;
      }
    if (!ok)
      upp_store_set_sqlite_error (self, error);
    sqlite3_finalize (remove);
    return ok;
  }
}

static gboolean
insert_response (UppStore  *self,
                 UppRound  *round,
                 UppUnit   *unit,
                 int        position,
                 GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *uuid = upp_new_uuid ();
  g_autofree char *now = upp_now_iso8601 ();

  statement = upp_store_statement (self,
                                   "INSERT INTO responses (uuid, round_id, unit_id, position, "
                                   "modified, device) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_round_get_id (round));
  sqlite3_bind_int64 (statement, 3, upp_unit_get_id (unit));
  sqlite3_bind_int (statement, 4, position);
  sqlite3_bind_text (statement, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, self->device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_new_units (UppStore   *self,
                UppRound   *round,
                GPtrArray  *units,
                GError    **error)
{
  const char *region_code = upp_region_get_code (upp_round_get_region (round));

  for (guint i = 0; i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);

      if (g_strcmp0 (upp_unit_get_region_code (unit), region_code) != 0)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("The unit “%s” belongs to another region than the round."),
                       upp_unit_get_name (unit));
          return FALSE;
        }
      if (upp_unit_get_id (unit) == 0 && !upp_store_save_unit (self, unit, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
upp_store_create_round (UppStore   *self,
                        UppRound   *round,
                        GPtrArray  *units,
                        GError    **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *now = upp_now_iso8601 ();
  UppTemplate *template;
  int position = 0;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (upp_round_get_id (round) == 0, FALSE);

  if (!validate_round (round, error))
    return FALSE;
  template = upp_round_get_template (round);
  if (upp_template_get_id (template) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The round’s template “%s” must be saved first."),
                   upp_template_get_title (template));
      return FALSE;
    }

  if (!upp_store_begin (self, error))
    return FALSE;

  if (units != NULL && !save_new_units (self, round, units, error))
    goto failed;

  statement = upp_store_statement (self,
                                   "INSERT INTO rounds (uuid, year, region_code, title, "
                                   "template_id, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                   error);
  if (statement == NULL)
    goto failed;
  sqlite3_bind_text (statement, 1, upp_round_get_uuid (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 2, upp_round_get_year (round));
  sqlite3_bind_text (statement, 3, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 4, upp_round_get_title (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 5, upp_template_get_id (template));
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      goto failed;
    }
  upp_round_set_id (round, sqlite3_last_insert_rowid (self->db));

  for (guint i = 0; units != NULL && i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);
      gint64 unit_id = upp_unit_get_id (unit);

      if (!g_hash_table_add (seen, g_memdup2 (&unit_id, sizeof unit_id)))
        continue;
      if (!insert_response (self, round, unit, position++, error))
        goto failed;
    }
  if (!save_round_texts (self, round, error))
    goto failed;

  if (!upp_store_commit (self, error))
    {
      upp_round_set_id (round, 0);
      return FALSE;
    }
  upp_round_set_counts (round, position, 0);
  return TRUE;

failed:
  upp_store_rollback (self);
  upp_round_set_id (round, 0);
  return FALSE;
}

gboolean
upp_store_update_round (UppStore  *self,
                        UppRound  *round,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  if (!validate_round (round, error))
    return FALSE;
  if (!upp_store_begin (self, error))
    return FALSE;

  statement = upp_store_statement (self,
                                   "UPDATE rounds SET year = ?, title = ?, modified = ? "
                                   "WHERE id = ?", error);
  if (statement == NULL)
    goto failed;
  sqlite3_bind_int (statement, 1, upp_round_get_year (round));
  sqlite3_bind_text (statement, 2, upp_round_get_title (round), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 4, upp_round_get_id (round));
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      goto failed;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round “%s” no longer exists."), upp_round_get_title (round));
      goto failed;
    }
  if (!save_round_texts (self, round, error))
    goto failed;
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  return FALSE;
}

gboolean
upp_store_set_round_units (UppStore   *self,
                           UppRound   *round,
                           GPtrArray  *units,
                           GError    **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) existing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) list = NULL;
  g_autoptr(UppCachedStatement) remove = NULL;
  g_autoptr(UppCachedStatement) place = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  if (!upp_store_begin (self, error))
    return FALSE;
  if (!save_new_units (self, round, units, error))
    goto failed;

  list = upp_store_statement (self, "SELECT unit_id FROM responses WHERE round_id = ?", error);
  if (list == NULL)
    goto failed;
  sqlite3_bind_int64 (list, 1, upp_round_get_id (round));
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (list, 0);
      g_array_append_val (existing, id);
    }
  sqlite3_reset (list);

  for (guint i = 0; i < units->len; i++)
    {
      gint64 id = upp_unit_get_id (g_ptr_array_index (units, i));
      g_hash_table_insert (wanted, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (i + 1));
    }

  remove = upp_store_statement (self,
                                "DELETE FROM responses WHERE round_id = ? AND unit_id = ?", error);
  if (remove == NULL)
    goto failed;
  for (guint i = 0; i < existing->len; i++)
    {
      gint64 id = g_array_index (existing, gint64, i);

      if (g_hash_table_contains (wanted, &id))
        continue;
      sqlite3_reset (remove);
      sqlite3_bind_int64 (remove, 1, upp_round_get_id (round));
      sqlite3_bind_int64 (remove, 2, id);
      if (sqlite3_step (remove) != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          goto failed;
        }
    }

  place = upp_store_statement (self,
                               "UPDATE responses SET position = ? WHERE round_id = ? AND unit_id = ?",
                               error);
  if (place == NULL)
    goto failed;
  for (guint i = 0; i < units->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (units, i);

      sqlite3_reset (place);
      sqlite3_bind_int (place, 1, i);
      sqlite3_bind_int64 (place, 2, upp_round_get_id (round));
      sqlite3_bind_int64 (place, 3, upp_unit_get_id (unit));
      if (sqlite3_step (place) != SQLITE_DONE)
        {
          upp_store_set_sqlite_error (self, error);
          goto failed;
        }
      if (sqlite3_changes (self->db) == 0 && !insert_response (self, round, unit, i, error))
        goto failed;
    }
  return upp_store_commit (self, error);

failed:
  upp_store_rollback (self);
  return FALSE;
}

gboolean
upp_store_delete_round (UppStore  *self,
                        UppRound  *round,
                        GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  statement = upp_store_statement (self, "DELETE FROM rounds WHERE id = ?", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, upp_round_get_id (round));
  /* Responses, answers and texts go with it (ON DELETE CASCADE), in the same statement. */
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

UppRound *
upp_store_duplicate_round (UppStore  *self,
                           UppRound  *round,
                           int        year,
                           GError   **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppRound) copy = NULL;
  g_autofree char *title = NULL;
  g_autofree char *old_year = g_strdup_printf ("%d", upp_round_get_year (round));
  g_autofree char *new_year = g_strdup_printf ("%d", year);

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  responses = upp_store_list_responses (self, round, error);
  if (responses == NULL)
    return NULL;
  for (guint i = 0; i < responses->len; i++)
    g_ptr_array_add (units, g_object_ref (upp_response_get_unit (g_ptr_array_index (responses, i))));

  /* "Uppföljning LÖK 2025" becomes "Uppföljning LÖK 2026". */
  {
    g_auto(GStrv) parts = g_strsplit (upp_round_get_title (round), old_year, -1);
    title = g_strjoinv (new_year, parts);
  }

  copy = upp_round_new (year, upp_round_get_region (round), title, upp_round_get_template (round));
  if (!upp_store_create_round (self, copy, units, error))
    return NULL;
  return g_steal_pointer (&copy);
}

GPtrArray *
upp_store_list_uncovered_municipalities (UppStore  *self,
                                         UppRound  *round,
                                         GError   **error)
{
  g_autoptr(GPtrArray) municipalities = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  statement = upp_store_statement (self,
                                   "SELECT m.code, m.name, m.region_code FROM municipalities m "
                                   "WHERE m.region_code = ?1 AND m.code NOT IN ("
                                   "  SELECT um.municipality_code FROM unit_members um "
                                   "  JOIN responses r ON r.unit_id = um.unit_id "
                                   "  WHERE r.round_id = ?2) ORDER BY m.name", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, upp_round_get_id (round));
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (municipalities,
                     upp_municipality_new (column_text (statement, 0), column_text (statement, 1),
                                           column_text (statement, 2)));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&municipalities);
}

/* ---- responses and answers ---------------------------------------------------------- */

#define RESPONSE_COLUMNS \
  "s.id, s.uuid, s.status, s.interview_date, s.mode, s.participant_count, " \
  "s.participant_roles, s.modified, " \
  "u.id, u.uuid, u.name, u.region_code, u.kind, u.sub_area"

static UppResponse *
response_from_row (sqlite3_stmt *statement)
{
  g_autoptr(UppUnit) unit = unit_from_row (statement, 8);
  UppResponseStatus status = UPP_RESPONSE_STATUS_NOT_CONTACTED;
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;
  UppResponse *response = upp_response_new (unit);

  upp_response_status_from_key (column_text (statement, 2), &status);
  upp_interview_mode_from_key (column_text (statement, 4), &mode);
  upp_response_set_id (response, sqlite3_column_int64 (statement, 0));
  upp_response_set_uuid (response, column_text (statement, 1));
  upp_response_set_status (response, status);
  upp_response_set_interview_date (response, column_text (statement, 3));
  upp_response_set_mode (response, mode);
  upp_response_set_participant_count (response, sqlite3_column_int (statement, 5));
  upp_response_set_participant_roles (response, column_text (statement, 6));
  upp_response_set_modified (response, column_text (statement, 7));
  return response;
}

/* Columns: response_id, uuid, question_key, text, choices, modified, device. */
static UppAnswer *
answer_from_row (sqlite3_stmt *statement)
{
  g_auto(GStrv) choices = upp_store_split_choices (column_text (statement, 4));
  UppAnswer *answer = upp_answer_new (column_text (statement, 2));

  upp_answer_set_uuid (answer, column_text (statement, 1));
  upp_answer_set_text (answer, column_text (statement, 3));
  upp_answer_set_choices (answer, (const char * const *) choices);
  upp_answer_set_modified (answer, column_text (statement, 5));
  upp_answer_set_device (answer, column_text (statement, 6));
  return answer;
}

/* The responses of a round, all or one unit's (unit_id > 0), with members and answers. */
static GPtrArray *
load_responses (UppStore  *self,
                gint64     round_id,
                gint64     unit_id,
                GError   **error)
{
  g_autoptr(GPtrArray) responses = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(UppCachedStatement) answers = NULL;
  int rc;

  statement = upp_store_statement (self,
                                   "SELECT " RESPONSE_COLUMNS " FROM responses s "
                                   "JOIN units u ON u.id = s.unit_id "
                                   "WHERE s.round_id = ?1 AND (?2 = 0 OR s.unit_id = ?2) "
                                   "ORDER BY s.position, u.name", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, round_id);
  sqlite3_bind_int64 (statement, 2, unit_id);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    g_ptr_array_add (responses, response_from_row (statement));
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  sqlite3_reset (statement);

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      gint64 *id = g_new (gint64, 1);

      *id = upp_response_get_id (response);
      g_hash_table_insert (by_id, id, response);
      if (!load_unit_members (self, upp_response_get_unit (response), error))
        return NULL;
    }

  answers = upp_store_statement (self,
                                 "SELECT a.response_id, a.uuid, a.question_key, a.text, a.choices, "
                                 "a.modified, a.device FROM answers a "
                                 "JOIN responses s ON s.id = a.response_id "
                                 "WHERE s.round_id = ?1 AND (?2 = 0 OR s.unit_id = ?2)", error);
  if (answers == NULL)
    return NULL;
  sqlite3_bind_int64 (answers, 1, round_id);
  sqlite3_bind_int64 (answers, 2, unit_id);
  while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
    {
      gint64 response_id = sqlite3_column_int64 (answers, 0);
      UppResponse *response = g_hash_table_lookup (by_id, &response_id);

      if (response != NULL)
        upp_response_take_answer (response, answer_from_row (answers));
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&responses);
}

GPtrArray *
upp_store_list_responses (UppStore  *self,
                          UppRound  *round,
                          GError   **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  return load_responses (self, upp_round_get_id (round), 0, error);
}

UppResponse *
upp_store_find_response (UppStore    *self,
                         UppRound    *round,
                         const char  *unit_name,
                         GError     **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  responses = upp_store_list_responses (self, round, error);
  if (responses == NULL)
    return NULL;

  wanted = g_utf8_casefold (unit_name ? unit_name : "", -1);
  g_strstrip (wanted);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      g_autofree char *name = g_utf8_casefold (upp_response_get_unit_name (response), -1);

      if (g_strcmp0 (g_strstrip (name), wanted) == 0)
        return g_object_ref (response);
    }

  g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
               _("The round “%s” has no unit called “%s”."),
               upp_round_get_title (round), unit_name ? unit_name : "");
  return NULL;
}

UppResponse *
upp_store_find_previous_response (UppStore  *self,
                                  UppRound  *round,
                                  UppUnit   *unit,
                                  GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  gint64 previous_round;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (UPP_IS_UNIT (unit), NULL);

  statement = upp_store_statement (self,
                                   "SELECT r.id FROM rounds r "
                                   "JOIN templates t ON t.id = r.template_id "
                                   "JOIN responses s ON s.round_id = r.id AND s.unit_id = ?1 "
                                   "WHERE r.region_code = ?2 AND t.key = ?3 AND r.id <> ?4 "
                                   "AND (r.year < ?5 OR (r.year = ?5 AND r.id < ?4)) "
                                   "ORDER BY r.year DESC, r.id DESC LIMIT 1", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, upp_unit_get_id (unit));
  sqlite3_bind_text (statement, 2, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_template_get_key (upp_round_get_template (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 4, upp_round_get_id (round));
  sqlite3_bind_int (statement, 5, upp_round_get_year (round));
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  previous_round = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);

  responses = load_responses (self, previous_round, upp_unit_get_id (unit), error);
  if (responses == NULL || responses->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (responses, 0));
}

static gboolean
valid_date (const char *date)
{
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;

  if (date == NULL || *date == '\0')
    return TRUE;
  if (strlen (date) != 10)
    return FALSE;
  iso = g_strconcat (date, "T00:00:00Z", NULL);
  parsed = g_date_time_new_from_iso8601 (iso, NULL);
  return parsed != NULL;
}

gboolean
upp_store_save_response_details (UppStore     *self,
                                 UppResponse  *response,
                                 GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *now = upp_now_iso8601 ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);

  if (!valid_date (upp_response_get_interview_date (response)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The interview date “%s” is not a date; write it as 2026-11-23."),
                   upp_response_get_interview_date (response));
      return FALSE;
    }

  statement = upp_store_statement (self,
                                   "UPDATE responses SET status = ?1, interview_date = ?2, "
                                   "mode = ?3, participant_count = ?4, participant_roles = ?5, "
                                   "modified = ?6, device = ?7 WHERE id = ?8 AND "
                                   "(status, interview_date, mode, participant_count, "
                                   " participant_roles) IS NOT (?1, ?2, ?3, ?4, ?5)", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, upp_response_status_to_key (upp_response_get_status (response)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (statement, 2, upp_response_get_interview_date (response), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_interview_mode_to_key (upp_response_get_mode (response)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_int (statement, 4, upp_response_get_participant_count (response));
  sqlite3_bind_text (statement, 5, upp_response_get_participant_roles (response), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 8, upp_response_get_id (response));
  if (sqlite3_step (statement) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  if (sqlite3_changes (self->db) > 0)
    upp_response_set_modified (response, now);
  return TRUE;
}

static gboolean
validate_choices (UppQuestion         *question,
                  const char * const  *choices,
                  GError             **error)
{
  guint n = choices ? g_strv_length ((char **) choices) : 0;

  if (n == 0)
    return TRUE;
  if (!upp_question_kind_has_choices (upp_question_get_kind (question)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Question “%s” takes no choices, only text."), upp_question_get_key (question));
      return FALSE;
    }
  if (n > 1 && upp_question_get_kind (question) != UPP_QUESTION_KIND_MULTIPLE_CHOICE)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Question “%s” takes one choice, not %u."), upp_question_get_key (question), n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (upp_question_find_choice (question, choices[i]) == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          GPtrArray *all = upp_question_get_choices (question);

          for (guint j = 0; j < all->len; j++)
            {
              const UppChoice *choice = g_ptr_array_index (all, j);
              g_string_append_printf (known, "%s%s", j ? ", " : "", choice->key);
            }
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("Question “%s” has no choice “%s”; its choices are %s."),
                       upp_question_get_key (question), choices[i], known->str);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (choices[i], choices[j]) == 0)
            {
              g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                           _("The choice “%s” is given twice."), choices[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

gboolean
upp_store_set_answer (UppStore            *self,
                      UppRound            *round,
                      UppResponse         *response,
                      const char          *question_key,
                      const char          *text,
                      const char * const  *choices,
                      GError             **error)
{
  g_autoptr(UppCachedStatement) current = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  g_autoptr(UppCachedStatement) touch = NULL;
  g_autofree char *stored_choices = NULL;
  g_autofree char *now = NULL;
  g_autofree char *uuid = NULL;
  g_auto(GStrv) split = NULL;
  UppQuestion *question;
  UppAnswer *answer;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);

  if (text == NULL)
    text = "";
  question = upp_template_find_question (upp_round_get_template (round), question_key);
  if (question == NULL)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round’s template has no question “%s”."), question_key);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The answer is not valid UTF-8 text."));
      return FALSE;
    }
  if (!validate_choices (question, choices, error))
    return FALSE;
  stored_choices = upp_store_join_choices (choices);

  /* An edit that changes nothing is not written: it would look like a change when merging. */
  current = upp_store_statement (self,
                                 "SELECT uuid, text, choices FROM answers "
                                 "WHERE response_id = ? AND question_key = ?", error);
  if (current == NULL)
    return FALSE;
  sqlite3_bind_int64 (current, 1, upp_response_get_id (response));
  sqlite3_bind_text (current, 2, question_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (current);
  if (rc == SQLITE_ROW)
    {
      uuid = g_strdup (column_text (current, 0));
      if (g_strcmp0 (column_text (current, 1), text) == 0 &&
          g_strcmp0 (column_text (current, 2), stored_choices) == 0)
        return TRUE;
    }
  else if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  sqlite3_reset (current);

  if (uuid == NULL)
    {
      answer = upp_response_get_answer (response, question_key);
      uuid = answer ? g_strdup (upp_answer_get_uuid (answer)) : upp_new_uuid ();
    }
  now = upp_now_iso8601 ();

  if (!upp_store_begin (self, error))
    return FALSE;

  write = upp_store_statement (self,
                               "INSERT INTO answers (uuid, response_id, question_key, text, "
                               "choices, modified, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                               "ON CONFLICT (response_id, question_key) DO UPDATE SET "
                               "text = excluded.text, choices = excluded.choices, "
                               "modified = excluded.modified, device = excluded.device", error);
  if (write == NULL)
    goto failed;
  sqlite3_bind_text (write, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, upp_response_get_id (response));
  sqlite3_bind_text (write, 3, question_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, stored_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, self->device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (write) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("The unit “%s” is no longer part of the round."),
                     upp_response_get_unit_name (response));
      else
        upp_store_set_sqlite_error (self, error);
      goto failed;
    }

  touch = upp_store_statement (self, "UPDATE rounds SET modified = ? WHERE id = ?", error);
  if (touch == NULL)
    goto failed;
  sqlite3_bind_text (touch, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (touch, 2, upp_round_get_id (round));
  if (sqlite3_step (touch) != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      goto failed;
    }
  if (!upp_store_commit (self, error))
    return FALSE;

  answer = upp_answer_new (question_key);
  upp_answer_set_uuid (answer, uuid);
  upp_answer_set_text (answer, text);
  split = upp_store_split_choices (stored_choices);
  upp_answer_set_choices (answer, (const char * const *) split);
  upp_answer_set_modified (answer, now);
  upp_answer_set_device (answer, self->device_id);
  upp_response_take_answer (response, answer);
  return TRUE;

failed:
  upp_store_rollback (self);
  return FALSE;
}

/* ---- backups before changes --------------------------------------------------------- */

#define BACKUPS_KEPT_PER_REASON 5

char *
upp_store_dup_backup_folder (UppStore *self)
{
  g_autofree char *folder = g_path_get_dirname (self->path);

  return g_build_filename (folder, "backups", NULL);
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char **) a, *(const char **) b);
}

gboolean
upp_store_backup_before_change (UppStore    *self,
                                const char  *reason,
                                GError     **error)
{
  g_autofree char *folder = upp_store_dup_backup_folder (self);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *stem = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *entry;
  char *dot;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }

  stem = g_strdup (base);
  dot = strrchr (stem, '.');
  if (dot != NULL && dot != stem)
    *dot = '\0';
  prefix = g_strdup_printf ("%s-%s-", stem, reason);
  name = g_strdup_printf ("%s%s.db", prefix, stamp);
  path = g_build_filename (folder, name, NULL);
  if (!upp_store_backup_to (self, path, error))
    return FALSE;

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (entry, prefix) && g_str_has_suffix (entry, ".db"))
        g_ptr_array_add (old, g_strdup (entry));
    }
  g_ptr_array_sort (old, compare_names_descending);
  for (guint i = BACKUPS_KEPT_PER_REASON; i < old->len; i++)
    {
      g_autofree char *old_path = g_build_filename (folder, g_ptr_array_index (old, i), NULL);
      g_unlink (old_path);
    }
  return TRUE;
}

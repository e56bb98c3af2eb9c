/* backup.c: automatic backups of the database, their rotation, and restoring one
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-backup"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "backup.h"
#include "upp-store-private.h"

void
upp_backup_info_free (UppBackupInfo *info)
{
  g_free (info->path);
  g_free (info->reason);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info);
}

const char *
upp_backup_info_get_label (UppBackupInfo *info)
{
  if (g_strcmp0 (info->reason, UPP_BACKUP_DAILY) == 0)
    return _("Daily backup");
  if (g_strcmp0 (info->reason, UPP_BACKUP_BEFORE_IMPORT) == 0)
    return _("Before an exchange import");
  if (g_strcmp0 (info->reason, "import") == 0)
    return _("Before an import");
  if (g_strcmp0 (info->reason, UPP_BACKUP_BEFORE_RESTORE) == 0)
    return _("Before restoring a backup");
  if (g_str_has_prefix (info->reason, "schema-"))
    return _("Before upgrading the database");
  return info->reason;
}

char *
upp_backup_dup_folder (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);

  return g_build_filename (folder, "backups", NULL);
}

static char *
dup_stem (const char *db_path)
{
  g_autofree char *stem = g_path_get_basename (db_path);
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    *dot = '\0';
  return g_steal_pointer (&stem);
}

/* Parses "<stem>-<reason>-YYYYMMDD-HHMMSS-ffffff.db"; the reason may hold dashes. */
static UppBackupInfo *
parse_name (const char *folder,
            const char *stem,
            const char *name)
{
  g_autoptr(UppBackupInfo) info = NULL;
  int year, month, day, hour, minute, second, micro;
  gsize stem_length = strlen (stem);
  gsize length = strlen (name);
  const char *stamp;
  char tail[8];

  /* "-YYYYMMDD-HHMMSS-ffffff.db" is 26 characters. */
  if (strncmp (name, stem, stem_length) != 0 || name[stem_length] != '-' ||
      length < stem_length + 2 + 26 || !g_str_has_suffix (name, ".db"))
    return NULL;
  stamp = name + length - 26;
  if (sscanf (stamp, "-%4d%2d%2d-%2d%2d%2d-%6d%3s", &year, &month, &day, &hour, &minute,
              &second, &micro, tail) != 8 || strcmp (tail, ".db") != 0)
    return NULL;

  info = g_new0 (UppBackupInfo, 1);
  info->reason = g_strndup (name + stem_length + 1, stamp - (name + stem_length + 1));
  info->created = g_date_time_new_local (year, month, day, hour, minute,
                                         second + micro / 1e6);
  if (info->created == NULL || *info->reason == '\0')
    return NULL;
  info->path = g_build_filename (folder, name, NULL);
  return g_steal_pointer (&info);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const UppBackupInfo *info_a = *(UppBackupInfo * const *) a;
  const UppBackupInfo *info_b = *(UppBackupInfo * const *) b;

  return g_date_time_compare (info_b->created, info_a->created);
}

GPtrArray *
upp_backup_list (const char  *db_path,
                 GError     **error)
{
  g_autoptr(GPtrArray) backups =
    g_ptr_array_new_with_free_func ((GDestroyNotify) upp_backup_info_free);
  g_autofree char *folder = upp_backup_dup_folder (db_path);
  g_autofree char *stem = dup_stem (db_path);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      UppBackupInfo *info = parse_name (folder, stem, name);

      if (info != NULL)
        g_ptr_array_add (backups, info);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static void
rotate (const char *db_path,
        const char *reason)
{
  g_autoptr(GPtrArray) backups = upp_backup_list (db_path, NULL);
  guint kept = 0;

  if (backups == NULL)
    return;
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, reason) != 0)
        continue;
      if (++kept > UPP_BACKUP_KEEP && g_unlink (info->path) != 0)
        g_warning ("Could not delete the old backup “%s”: %s", info->path, g_strerror (errno));
    }
}

static char *
dup_new_backup_path (const char *db_path,
                     const char *reason)
{
  g_autofree char *folder = upp_backup_dup_folder (db_path);
  g_autofree char *stem = dup_stem (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.db", stem, reason, stamp);

  return g_build_filename (folder, name, NULL);
}

static gboolean
ensure_folder (const char  *db_path,
               GError     **error)
{
  g_autofree char *folder = upp_backup_dup_folder (db_path);

  if (!upp_store_make_backup_folder (folder, error))
    return FALSE;
  g_chmod (folder, 0700);
  return TRUE;
}

gboolean
upp_backup_make (UppStore    *store,
                 const char  *reason,
                 char       **path_out,
                 GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (!upp_store_backup_before_change (store, reason, error))
    return FALSE;
  if (path_out == NULL)
    return TRUE;
  backups = upp_backup_list (upp_store_get_path (store), error);
  if (backups == NULL)
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, reason) == 0)
        {
          *path_out = g_strdup (info->path);
          break;
        }
    }
  return TRUE;
}

gboolean
upp_backup_daily (UppStore  *store,
                  GError   **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (UPP_IS_STORE (store), FALSE);

  /* The app and the CLI call this when they start: the moment to clear what a killed
   * backup left. */
  upp_store_remove_abandoned_backups (store);
  backups = upp_backup_list (upp_store_get_path (store), error);
  if (backups == NULL)
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackupInfo *info = g_ptr_array_index (backups, i);

      if (g_strcmp0 (info->reason, UPP_BACKUP_DAILY) == 0 &&
          g_date_time_get_year (info->created) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (info->created) == g_date_time_get_day_of_year (now))
        return TRUE;
    }
  return upp_backup_make (store, UPP_BACKUP_DAILY, NULL, error);
}

/* Copies one database into another with the backup API, which respects the target's WAL. */
static int
copy_database (sqlite3 *source,
               sqlite3 *target)
{
  sqlite3_backup *backup = sqlite3_backup_init (target, "main", source, "main");
  int rc;

  if (backup == NULL)
    return sqlite3_errcode (target);
  do
    rc = sqlite3_backup_step (backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static gboolean
check_backup (sqlite3     *db,
              const char  *backup_path,
              GError     **error)
{
  sqlite3_stmt *statement = NULL;
  int version = -1;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    version = sqlite3_column_int (statement, 0);
  sqlite3_finalize (statement);
  statement = NULL;
  if (version > UPP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NEWER_SCHEMA,
                   _("The backup “%s” was made by a newer version of Uppföljning; nothing was "
                     "restored."), backup_path);
      return FALSE;
    }
  if (version > 0 &&
      sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &statement, NULL) == SQLITE_OK &&
      sqlite3_step (statement) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0;
  sqlite3_finalize (statement);
  if (!ok)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_CORRUPT,
                   _("“%s” is not an Uppföljning database or is damaged; nothing was "
                     "restored."), backup_path);
      return FALSE;
    }
  return TRUE;
}

/* Keeps the current database beside the backups before it is replaced. A sound file is
 * copied page by page; a damaged one cannot be, so it is moved aside as it is. */
static gboolean
keep_current (const char  *db_path,
              GError     **error)
{
  g_autofree char *safety_path = dup_new_backup_path (db_path, UPP_BACKUP_BEFORE_RESTORE);
  sqlite3 *current = NULL;
  sqlite3 *safety = NULL;
  int rc;

  rc = sqlite3_open_v2 (db_path, &current, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (safety_path, &safety, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                          NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (current, safety);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (safety, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (safety);
  sqlite3_close (current);

  if (rc != SQLITE_OK)
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
      g_autofree char *safety_wal = g_strconcat (safety_path, "-wal", NULL);

      g_unlink (safety_path);
      if (g_rename (db_path, safety_path) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not back up the current database before restoring: %s"),
                       g_strerror (saved_errno));
          return FALSE;
        }
      if (g_file_test (wal, G_FILE_TEST_EXISTS))
        g_rename (wal, safety_wal);
      g_unlink (shm);
    }
  g_chmod (safety_path, 0600);
  rotate (db_path, UPP_BACKUP_BEFORE_RESTORE);
  return TRUE;
}

gboolean
upp_backup_restore (const char  *backup_path,
                    const char  *db_path,
                    GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3 *target = NULL;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (backup_path != NULL && db_path != NULL, FALSE);

  upp_store_guard_locks ();
  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not open the backup “%s”: %s"), backup_path, sqlite3_errstr (rc));
      goto out;
    }
  if (!check_backup (source, backup_path, error))
    goto out;

  if (!ensure_folder (db_path, error))
    goto out;
  /* The current database is kept too, so a restore can itself be undone. */
  if (g_file_test (db_path, G_FILE_TEST_EXISTS) && !keep_current (db_path, error))
    goto out;

  rc = sqlite3_open_v2 (db_path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = copy_database (source, target);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_FAILED,
                   _("Could not restore the backup “%s”: %s"), backup_path,
                   target ? sqlite3_errmsg (target) : sqlite3_errstr (rc));
      goto out;
    }
  g_chmod (db_path, 0600);
  ok = TRUE;

out:
  sqlite3_close (source);
  sqlite3_close (target);
  return ok;
}

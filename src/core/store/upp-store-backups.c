/* upp-store-backups.c: copies of the database: on request, daily and before changes, their
 * rotation, the list of them, and restoring one
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-backup.h"
#include "upp-files.h"
#include "upp-store-private.h"

#define PARTIAL_MARK ".partial-"

gboolean
upp_store_backup_to (UppStore    *self,
                     const char  *path,
                     GError     **error)
{
  /* The process id tells a killed backup's leftover from one being written right now. */
  g_autofree char *temporary = g_strdup_printf ("%s" PARTIAL_MARK "%d", path, (int) getpid ());
  sqlite3 *target = NULL;
  sqlite3_backup *backup;
  int fd;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  /* Created private before SQLite opens it: a copy of every answer is never 0644, not even
   * half written. */
  g_unlink (temporary);
  fd = g_open (temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not back up the database to “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
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

/* ---- backups before changes --------------------------------------------------------- */

/* Whether name is a half-written backup whose writer is gone: killed, or an older version
 * of the app that named them without its process id. */
static gboolean
is_abandoned_partial (const char *name)
{
  const char *mark = strstr (name, PARTIAL_MARK);

  if (g_str_has_suffix (name, ".db.partial"))
    return TRUE;
  return mark != NULL && upp_files_writer_is_gone (mark + strlen (PARTIAL_MARK), '\0');
}

static char *
dup_backup_folder (const char *db_path)
{
  g_autofree char *folder = g_path_get_dirname (db_path);

  return g_build_filename (folder, "backups", NULL);
}

char *
upp_store_dup_backup_folder (UppStore *self)
{
  return dup_backup_folder (self->path);
}

/* Made private, with its parents; restore makes it for a database not yet open. */
static gboolean
make_backup_folder (const char  *folder,
                    GError     **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the backup folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (folder, 0700);
  return TRUE;
}

gboolean
upp_store_check_backup_folder (UppStore  *self,
                               GError   **error)
{
  g_autofree char *folder = upp_store_dup_backup_folder (self);

  if (!make_backup_folder (folder, error))
    return FALSE;
  /* Typically left behind by one run as root: say how to get out of it, since nothing
   * can change until a backup can be written. */
  if (g_access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The backup folder “%s” cannot be written to, so nothing was changed; "
                     "if it belongs to another user, give it back with: sudo chown -R %s "
                     "“%s”"), folder, g_get_user_name (), folder);
      return FALSE;
    }

  upp_store_remove_abandoned_backups (self);
  return TRUE;
}

void
upp_store_remove_abandoned_backups (UppStore *self)
{
  g_autofree char *folder = upp_store_dup_backup_folder (self);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      if (is_abandoned_partial (entry))
        {
          g_autofree char *partial = g_build_filename (folder, entry, NULL);
          g_unlink (partial);
        }
    }
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
static UppBackup *
parse_name (const char *folder,
            const char *stem,
            const char *name)
{
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *path = NULL;
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

  reason = g_strndup (name + stem_length + 1, stamp - (name + stem_length + 1));
  created = g_date_time_new_local (year, month, day, hour, minute, second + micro / 1e6);
  if (created == NULL || *reason == '\0')
    return NULL;
  path = g_build_filename (folder, name, NULL);
  return upp_backup_new (path, reason, created);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  UppBackup *backup_a = *(UppBackup * const *) a;
  UppBackup *backup_b = *(UppBackup * const *) b;

  return g_date_time_compare (upp_backup_get_created (backup_b),
                              upp_backup_get_created (backup_a));
}

GPtrArray *
upp_store_list_backups (const char  *db_path,
                        GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = dup_backup_folder (db_path);
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
      UppBackup *backup = parse_name (folder, stem, name);

      if (backup != NULL)
        g_ptr_array_add (backups, backup);
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static void
rotate (const char *db_path,
        const char *reason)
{
  g_autoptr(GPtrArray) backups = upp_store_list_backups (db_path, NULL);
  guint kept = 0;

  if (backups == NULL)
    return;
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackup *backup = g_ptr_array_index (backups, i);
      const char *path = upp_backup_get_path (backup);

      if (g_strcmp0 (upp_backup_get_reason (backup), reason) != 0)
        continue;
      if (++kept > UPP_BACKUP_KEEP && g_unlink (path) != 0)
        g_warning ("Could not delete the old backup “%s”: %s", path, g_strerror (errno));
    }
}

static char *
dup_new_backup_path (const char *db_path,
                     const char *reason)
{
  g_autofree char *folder = dup_backup_folder (db_path);
  g_autofree char *stem = dup_stem (db_path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S-%f");
  g_autofree char *name = g_strdup_printf ("%s-%s-%s.db", stem, reason, stamp);

  return g_build_filename (folder, name, NULL);
}

gboolean
upp_store_make_backup (UppStore    *self,
                       const char  *reason,
                       char       **path_out,
                       GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  /* A backup of a damaged file would push a good one out of the rotation. */
  if (!upp_store_ensure_checked (self, error) || !upp_store_check_backup_folder (self, error))
    return FALSE;
  path = dup_new_backup_path (self->path, reason);
  if (!upp_store_backup_to (self, path, error))
    return FALSE;
  rotate (self->path, reason);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return TRUE;
}

gboolean
upp_store_backup_daily (UppStore  *self,
                        GError   **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);

  /* The app and the CLI call this when they start: the moment to clear what a killed
   * backup left. */
  upp_store_remove_abandoned_backups (self);
  backups = upp_store_list_backups (self->path, error);
  if (backups == NULL)
    return FALSE;
  for (guint i = 0; i < backups->len; i++)
    {
      UppBackup *backup = g_ptr_array_index (backups, i);
      GDateTime *created = upp_backup_get_created (backup);

      if (g_strcmp0 (upp_backup_get_reason (backup), UPP_BACKUP_DAILY) == 0 &&
          g_date_time_get_year (created) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (created) == g_date_time_get_day_of_year (now))
        return TRUE;
    }
  return upp_store_make_backup (self, UPP_BACKUP_DAILY, NULL, error);
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
upp_store_restore_backup (const char  *backup_path,
                          const char  *db_path,
                          GError     **error)
{
  g_autofree char *folder = NULL;
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

  folder = dup_backup_folder (db_path);
  if (!make_backup_folder (folder, error))
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

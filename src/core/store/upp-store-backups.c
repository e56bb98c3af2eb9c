/* upp-store-backups.c: copies of the database: on request and before changes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "exchange/backup.h"
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

gboolean
upp_store_make_backup_folder (const char  *folder,
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
  return TRUE;
}

gboolean
upp_store_check_backup_folder (UppStore  *self,
                               GError   **error)
{
  g_autofree char *folder = upp_store_dup_backup_folder (self);

  if (!upp_store_make_backup_folder (folder, error))
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

#define BACKUPS_KEPT_PER_REASON 5

char *
upp_store_dup_backup_folder (UppStore *self)
{
  return upp_backup_dup_folder (self->path);
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

  if (!upp_store_check_backup_folder (self, error))
    return FALSE;

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

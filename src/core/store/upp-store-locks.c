/* upp-store-locks.c: SQLite's file locks made immune to other code closing the database file
 *
 * SQLite's unix VFS locks with POSIX advisory locks (fcntl F_SETLK), and POSIX drops every
 * lock a process holds on a file as soon as the process closes *any* descriptor of that
 * file. GIO code in our own process does open and close the database folder's files: a
 * file chooser sniffing content types, a copy, a thumbnailer. Each time, our locks on the
 * database and its -shm vanish without SQLite knowing; the CLI beside the window then thinks
 * it is the last user, checkpoints and deletes the -wal file that the window still writes
 * into, and committed answers are lost.
 *
 * Rather than hunting every such caller, the locks are taken differently: SQLite lets us
 * replace its fcntl() and close() system calls. Every lock request is turned into an open
 * file description lock (F_OFD_SETLK, Linux 3.15), held on one private duplicate descriptor
 * per file. OFD locks belong to that description, not to the process, so closing any other
 * descriptor of the file (ours or GIO's) leaves them in place. They conflict with classic
 * POSIX locks and with other OFD locks exactly as SQLite expects, so the CLI, the window and
 * the sqlite3 shell still exclude each other correctly. Using one description per file
 * keeps SQLite's own in-process bookkeeping right: all its connections in this process share
 * the locks, as they do with POSIX locks. The duplicate is closed, dropping its locks, when
 * SQLite closes the last descriptor it used for locking that file.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "upp-store-private.h"

typedef struct
{
  dev_t   device;
  ino_t   inode;
  int     lock_fd;       /* our duplicate: the description that owns the locks */
  GArray *sqlite_fds;    /* SQLite's descriptors that asked for locks on this file */
} LockedFile;

typedef int (*FcntlCall) (int, int, ...);
typedef int (*CloseCall) (int);

static GMutex lock_table_mutex;
static GPtrArray *locked_files;   /* LockedFile *, few: one per open database, -shm */
static FcntlCall real_fcntl;
static CloseCall real_close;
static gboolean ofd_supported;

static void
locked_file_free (LockedFile *file)
{
  real_close (file->lock_fd);
  g_array_unref (file->sqlite_fds);
  g_free (file);
}

static gboolean
holds_fd (LockedFile *file,
          int         fd)
{
  for (guint i = 0; i < file->sqlite_fds->len; i++)
    if (g_array_index (file->sqlite_fds, int, i) == fd)
      return TRUE;
  return FALSE;
}

/* The description that owns the locks of fd's file, made on first use; -1 with errno set. */
static int
lock_fd_for (int fd)
{
  struct stat info;
  LockedFile *file = NULL;
  int lock_fd;

  if (fstat (fd, &info) != 0)
    return -1;

  for (guint i = 0; i < locked_files->len && file == NULL; i++)
    {
      LockedFile *candidate = g_ptr_array_index (locked_files, i);

      if (candidate->device == info.st_dev && candidate->inode == info.st_ino)
        file = candidate;
    }

  if (file == NULL)
    {
      /* F_DUPFD_CLOEXEC, not dup(): the same open file description, and never inherited
       * by a program we start. */
      lock_fd = real_fcntl (fd, F_DUPFD_CLOEXEC, 0);
      if (lock_fd < 0)
        return -1;
      file = g_new0 (LockedFile, 1);
      file->device = info.st_dev;
      file->inode = info.st_ino;
      file->lock_fd = lock_fd;
      file->sqlite_fds = g_array_new (FALSE, FALSE, sizeof (int));
      g_ptr_array_add (locked_files, file);
    }

  if (!holds_fd (file, fd))
    g_array_append_val (file->sqlite_fds, fd);
  return file->lock_fd;
}

static int
ofd_command (int command)
{
  switch (command)
    {
    case F_SETLK:
      return F_OFD_SETLK;
    case F_SETLKW:
      return F_OFD_SETLKW;
    case F_GETLK:
      return F_OFD_GETLK;
    default:
      return 0;
    }
}

static int
guarded_fcntl (int fd,
               int command,
               ...)
{
  va_list args;
  void *argument;
  struct flock *request;
  struct flock ofd_request;
  int ofd = ofd_command (command);
  int lock_fd;
  int result;
  int saved_errno;

  va_start (args, command);
  argument = va_arg (args, void *);
  va_end (args);

  if (ofd == 0)
    return real_fcntl (fd, command, argument);

  request = argument;
  ofd_request = *request;
  ofd_request.l_pid = 0;   /* required by OFD locks */

  g_mutex_lock (&lock_table_mutex);
  lock_fd = lock_fd_for (fd);
  if (lock_fd < 0)
    result = -1;
  else
    result = real_fcntl (lock_fd, ofd, &ofd_request);
  saved_errno = errno;
  g_mutex_unlock (&lock_table_mutex);

  if (result == 0 && command == F_GETLK)
    {
      request->l_type = ofd_request.l_type;
      request->l_whence = ofd_request.l_whence;
      request->l_start = ofd_request.l_start;
      request->l_len = ofd_request.l_len;
      request->l_pid = ofd_request.l_pid;
    }
  errno = saved_errno;
  return result;
}

static int
guarded_close (int fd)
{
  g_mutex_lock (&lock_table_mutex);
  for (guint i = 0; i < locked_files->len; i++)
    {
      LockedFile *file = g_ptr_array_index (locked_files, i);

      for (guint j = 0; j < file->sqlite_fds->len; j++)
        {
          if (g_array_index (file->sqlite_fds, int, j) != fd)
            continue;
          g_array_remove_index_fast (file->sqlite_fds, j);
          /* SQLite closes a file's last descriptor only when it holds no lock on it (it
           * defers the close otherwise), except the -shm, whose locks die with it: so do
           * ours. */
          if (file->sqlite_fds->len == 0)
            g_ptr_array_remove_index_fast (locked_files, i);
          goto done;
        }
    }
done:
  g_mutex_unlock (&lock_table_mutex);
  return real_close (fd);
}

/* Whether this kernel has OFD locks; an old one gets SQLite's plain locks. */
static gboolean
probe_ofd_locks (void)
{
  g_autofree char *path = NULL;
  struct flock probe = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1 };
  int fd;
  gboolean works;

  fd = g_file_open_tmp ("uppfoljning-locks-XXXXXX", &path, NULL);
  if (fd < 0)
    return FALSE;
  works = fcntl (fd, F_OFD_SETLK, &probe) == 0;
  close (fd);
  g_unlink (path);
  return works;
}

/**
 * upp_store_guard_locks:
 *
 * Makes SQLite's locks in this process survive other code closing a database file (see the
 * top of this file). Called before the first database is opened; safe to call again.
 *
 * Returns: whether the locks are guarded (FALSE on a kernel without OFD locks).
 */
gboolean
upp_store_guard_locks (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      sqlite3_vfs *vfs = sqlite3_vfs_find ("unix");

      ofd_supported = vfs != NULL && vfs->iVersion >= 3 && probe_ofd_locks ();
      if (ofd_supported)
        {
          locked_files = g_ptr_array_new_with_free_func ((GDestroyNotify) locked_file_free);
          real_fcntl = (FcntlCall) vfs->xGetSystemCall (vfs, "fcntl");
          real_close = (CloseCall) vfs->xGetSystemCall (vfs, "close");
          if (real_fcntl == NULL || real_close == NULL ||
              vfs->xSetSystemCall (vfs, "fcntl", (sqlite3_syscall_ptr) guarded_fcntl) != SQLITE_OK ||
              vfs->xSetSystemCall (vfs, "close", (sqlite3_syscall_ptr) guarded_close) != SQLITE_OK)
            {
              g_warning ("Could not guard SQLite's file locks");
              ofd_supported = FALSE;
            }
        }
      g_once_init_leave (&installed, 1);
    }
  return ofd_supported;
}

/* upp-files.c: the files we write beside the user's: private modes, temporaries, leftovers
 *
 * Exports hold every answer of a round, so a new one is readable by its owner only (0600),
 * unless the folder is shared with a group (upp_files_get_new_mode ()); replacing a file
 * keeps the mode that file had, which the user chose. Every export is
 * written to a hidden temporary in the target's folder and renamed over the target, so a
 * failure never leaves half a file under the chosen name. A process killed mid-write would
 * leave the temporary behind; so each temporary is recorded, with the writer's process id,
 * in the user's state folder, and the next start of the app or the CLI removes those whose
 * writer is gone.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-files.h"
#include "upp-round.h"

#define TEMP_MARK ".upp-partial-"

static char *
dup_records_folder (void)
{
  return g_build_filename (g_get_user_state_dir (), "uppfoljning", "partial-files", NULL);
}

static char *
dup_record_path (const char *temp_path)
{
  g_autofree char *folder = dup_records_folder ();
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, temp_path, -1);
  g_autofree char *name = g_strdup_printf ("%d-%s", (int) getpid (), hash);

  return g_build_filename (folder, name, NULL);
}

/* Best effort: a temporary we cannot record is still removed on failure; only a kill
 * would leave it. */
static void
record_temp (const char *temp_path)
{
  g_autofree char *folder = dup_records_folder ();
  g_autofree char *record = dup_record_path (temp_path);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return;
  g_file_set_contents_full (record, temp_path, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL);
}

static void
forget_temp (const char *temp_path)
{
  g_autofree char *record = dup_record_path (temp_path);

  g_unlink (record);
}

int
upp_files_create_temp (const char  *path,
                       char       **temp_path_out,
                       GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_path = NULL;
  int fd;

  /* Hidden, in the same folder so the rename is atomic. */
  temp_path = g_strdup_printf ("%s%c.%s" TEMP_MARK "XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
      return -1;
    }
  record_temp (temp_path);
  *temp_path_out = g_steal_pointer (&temp_path);
  return fd;
}

guint
upp_files_get_new_mode (const char *folder)
{
  struct stat info;

  /* A folder set up for a group to share (group-writable, new files in its group: the
   * setgid bit) is one the user chose so that the group reads what is put there. A folder
   * anyone may write to (/tmp) is no such choice. */
  if (g_stat (folder, &info) == 0 && S_ISDIR (info.st_mode) &&
      (info.st_mode & S_ISGID) != 0 && (info.st_mode & S_IWGRP) != 0 &&
      (info.st_mode & S_IWOTH) == 0)
    return 0640;
  return 0600;
}

gboolean
upp_files_commit_temp (const char  *temp_path,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat existing;
  mode_t mode = upp_files_get_new_mode (folder);
  int saved_errno;

  /* Replacing a file keeps its mode: the user (or their umask) chose it. */
  if (g_stat (path, &existing) == 0 && S_ISREG (existing.st_mode))
    mode = existing.st_mode & 07777;

  if (g_chmod (temp_path, mode) == 0 && g_rename (temp_path, path) == 0)
    {
      forget_temp (temp_path);
      return TRUE;
    }

  saved_errno = errno;
  upp_files_discard_temp (temp_path);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
  return FALSE;
}

void
upp_files_discard_temp (const char *temp_path)
{
  g_unlink (temp_path);
  forget_temp (temp_path);
}

gboolean
upp_files_writer_is_gone (const char *pid_text,
                          char        end_mark)
{
  gint64 pid;
  char *end = NULL;

  pid = g_ascii_strtoll (pid_text, &end, 10);
  if (end == pid_text || *end != end_mark || pid <= 0 || pid > G_MAXINT)
    return FALSE;
  return kill ((pid_t) pid, 0) != 0 && errno == ESRCH;
}

void
upp_files_remove_leftovers (void)
{
  g_autofree char *folder = dup_records_folder ();
  g_autoptr(GDir) records = g_dir_open (folder, 0, NULL);
  const char *name;

  if (records == NULL)
    return;
  while ((name = g_dir_read_name (records)) != NULL)
    {
      g_autofree char *record = g_build_filename (folder, name, NULL);
      g_autofree char *temp_path = NULL;
      g_autofree char *temp_base = NULL;

      if (!upp_files_writer_is_gone (name, '-'))
        continue;
      /* Only ever a hidden temporary of ours, whatever the record says. */
      if (g_file_get_contents (record, &temp_path, NULL, NULL) &&
          g_path_is_absolute (temp_path) &&
          (temp_base = g_path_get_basename (temp_path)) != NULL &&
          temp_base[0] == '.' && strstr (temp_base, TEMP_MARK) != NULL)
        g_unlink (temp_path);
      g_unlink (record);
    }
}

gboolean
upp_files_write_private (const char  *path,
                         const char  *contents,
                         gsize        length,
                         GError     **error)
{
  g_autofree char *temp_path = NULL;
  gsize written = 0;
  int fd;

  fd = upp_files_create_temp (path, &temp_path, error);
  if (fd < 0)
    return FALSE;

  while (written < length)
    {
      gssize n = write (fd, contents + written, length - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      written += n;
    }
  if (written < length || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      upp_files_discard_temp (temp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s."), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return upp_files_commit_temp (temp_path, path, error);
}

/* Refused by Windows or macOS file systems (a file may go to a USB stick), or by all. */
static gboolean
is_refused_in_name (gunichar c)
{
  return c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
         c == '>' || c == '|' || g_unichar_iscntrl (c);
}

char *
upp_files_dup_export_name (const char * const *parts,
                           const char         *extension)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *valid = NULL;
  GString *safe;

  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (extension != NULL, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));

      if (*part == '\0')
        continue;
      if (name->len > 0)
        g_string_append (name, " – ");
      g_string_append (name, part);
    }

  valid = g_utf8_make_valid (name->str, -1);
  safe = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_refused_in_name (c))
        g_string_append_c (safe, c == '\n' || c == '\t' ? ' ' : '-');
      else
        g_string_append_unichar (safe, c);
    }
  /* A leading dot hides the file; a trailing one or space is dropped by Windows. */
  while (safe->len > 0 && (safe->str[0] == '.' || safe->str[0] == ' '))
    g_string_erase (safe, 0, 1);
  while (safe->len > 0 && (safe->str[safe->len - 1] == '.' || safe->str[safe->len - 1] == ' '))
    g_string_truncate (safe, safe->len - 1);
  if (safe->len == 0)
    /* Translators: the file name of an export that has no name of its own. */
    g_string_append (safe, _("Follow-up"));
  g_string_append_printf (safe, ".%s", extension);
  return g_string_free (safe, FALSE);
}

char *
upp_files_dup_round_export_name (UppRound   *round,
                                 const char *subject,
                                 const char *extension)
{
  g_autofree char *year = NULL;
  g_autofree char *title = NULL;
  const char *parts[4] = { NULL };

  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  year = g_strdup_printf ("%d", upp_round_get_year (round));
  if (strstr (upp_round_get_title (round), year) != NULL)
    title = g_strdup (upp_round_get_title (round));
  else
    title = g_strdup_printf ("%s %s", upp_round_get_title (round), year);
  parts[0] = upp_round_get_region_name (round);
  parts[1] = title;
  parts[2] = subject;
  return upp_files_dup_export_name (parts, extension);
}

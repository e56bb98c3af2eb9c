/* upp-files.h: the files we write beside the user's: private modes, temporaries, leftovers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* A new hidden temporary beside path, mode 0600, opened for writing; its path in
 * temp_path_out. Recorded until committed or discarded, so that the next start removes it
 * if this process is killed. Returns the descriptor, or -1. */
int       upp_files_create_temp      (const char  *path,
                                      char       **temp_path_out,
                                      GError     **error);
/* The mode of a new export in folder: 0600 (its owner only), or 0640 in a folder shared
 * with a group (group-writable with the setgid bit, not writable by all), where the group
 * the user put it there for can read it. */
guint     upp_files_get_new_mode     (const char  *folder);
/* Renames the temporary over path, with path's old mode if it existed, else the new mode
 * of its folder (upp_files_get_new_mode ()). The temporary is removed on failure. */
gboolean  upp_files_commit_temp      (const char  *temp_path,
                                      const char  *path,
                                      GError     **error);
void      upp_files_discard_temp     (const char  *temp_path);
/* Whether pid_text starts with a process id, followed by end_mark, of a process that has
 * ended: the writer of a leftover named after it. */
gboolean  upp_files_writer_is_gone   (const char  *pid_text,
                                      char         end_mark);
/* Removes the temporaries of processes that were killed while writing. */
void      upp_files_remove_leftovers (void);
/* Writes contents to path through a temporary: all or nothing, mode as above. */
gboolean  upp_files_write_private    (const char  *path,
                                      const char  *contents,
                                      gsize        length,
                                      GError     **error);

/* The one scheme of every file name offered for an export: its parts joined with " – ",
 * extension after a dot. Characters that file systems refuse ("/", ":", "?", control
 * characters …) become "-", and the name neither starts nor ends with a space or a dot. */
char     *upp_files_dup_export_name  (const char * const  *parts,
                                      const char          *extension);
/* The same for what is exported from round: region, title (with the year, when it does not
 * have it) and subject, e.g. "Region Dalarna – Uppföljning LÖK 2025 – Rapport.pdf"; subject
 * NULL for the round itself, as in "Region Dalarna – Uppföljning LÖK 2025.xlsx". */
char     *upp_files_dup_round_export_name (UppRound    *round,
                                           const char  *subject,
                                           const char  *extension);

G_END_DECLS

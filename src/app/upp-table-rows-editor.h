/* upp-table-rows-editor.h: the rows of a table question (Mål, Aktivitet, Uppföljning), edited
 * inline: added, removed, moved with the keyboard
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_TABLE_ROWS_EDITOR (upp_table_rows_editor_get_type ())

G_DECLARE_FINAL_TYPE (UppTableRowsEditor, upp_table_rows_editor, UPP, TABLE_ROWS_EDITOR,
                      GtkWidget)

/* Emits "changed" (an answer key, upp-answer-key.h) for every row added, removed or moved
 * (the row's key: its position, or "removed") and every cell typed in (the cell's key). */
GtkWidget *upp_table_rows_editor_new          (UppQuestion        *question);
/* Shows the response's rows without emitting "changed"; NULL shows none. */
void       upp_table_rows_editor_set_response (UppTableRowsEditor *self,
                                               UppResponse        *response);
/* The answer to store under answer_key (a row's or a cell's); FALSE when it is neither of a
 * row this editor has shown. */
gboolean   upp_table_rows_editor_dup_answer   (UppTableRowsEditor *self,
                                               const char         *answer_key,
                                               char              **text);
/* The ids of the rows shown, in order; free with g_strfreev(). */
char     **upp_table_rows_editor_dup_row_ids  (UppTableRowsEditor *self);
/* The text view of a cell, for focus and for tests; NULL when there is none. */
GtkWidget *upp_table_rows_editor_get_cell     (UppTableRowsEditor *self,
                                               guint               row,
                                               const char         *column_key);
/* The text view of the cell with this answer key, or NULL. */
GtkWidget *upp_table_rows_editor_get_cell_for_key (UppTableRowsEditor *self,
                                                   const char         *answer_key);
/* Adds a row after the last, with the focus in its first cell ("Add Row"). */
void       upp_table_rows_editor_add_row      (UppTableRowsEditor *self);

G_END_DECLS

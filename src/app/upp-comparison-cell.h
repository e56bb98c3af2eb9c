/* upp-comparison-cell.h: one cell of the comparison matrix, a fixed number of lines high
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define UPP_TYPE_COMPARISON_CELL (upp_comparison_cell_get_type ())

G_DECLARE_FINAL_TYPE (UppComparisonCell, upp_comparison_cell, UPP, COMPARISON_CELL, GtkWidget)

GtkWidget  *upp_comparison_cell_new              (guint               lines);
void        upp_comparison_cell_set_lines        (UppComparisonCell  *self,
                                                  guint               lines);
/* Shows text (NULL or "" shows a dash) with prefix in bold before it and every
 * case-insensitive occurrence of highlight marked. */
void        upp_comparison_cell_set_content      (UppComparisonCell  *self,
                                                  const char         *prefix,
                                                  const char         *text,
                                                  const char         *highlight);
/* A heading row's cell: heading in bold, or nothing at all (not the dash of no answer). */
void        upp_comparison_cell_set_heading      (UppComparisonCell  *self,
                                                  const char         *heading);
/* The text shown in full (the prefix when there is no text), without the dash of an empty
 * cell; for tests. */
const char *upp_comparison_cell_get_text         (UppComparisonCell  *self);
/* The text handed to Pango: the lines the cell can hold at most, as one paragraph, ending in
 * "…" where it was cut; for tests. */
const char *upp_comparison_cell_get_shown_text   (UppComparisonCell  *self);
/* Whether the text drawn in the cell's width ends in "…"; for tests. */
gboolean    upp_comparison_cell_is_ellipsized    (UppComparisonCell  *self);
/* What the cell belongs to, so a click can open the full answer. */
void        upp_comparison_cell_set_position     (UppComparisonCell  *self,
                                                  GObject            *row_item,
                                                  const char         *column_key);
GObject    *upp_comparison_cell_get_row_item     (UppComparisonCell  *self);
const char *upp_comparison_cell_get_column_key   (UppComparisonCell  *self);
/* Marks the ranges of text that match needle case-insensitively with attributes; used by
 * the cells and the detail panel. */
PangoAttrList *upp_comparison_cell_highlight_attributes (const char     *text,
                                                    gsize           text_offset,
                                                    const char     *needle,
                                                    PangoAttrList  *attrs);

G_END_DECLS

/* upp-theme-matrix.h: units × themes of one or more rounds: how many passages of each
 * unit's answers in each year are coded with each theme
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "export/upp-export.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_THEME_MATRIX (upp_theme_matrix_get_type ())

G_DECLARE_FINAL_TYPE (UppThemeMatrix, upp_theme_matrix, UPP, THEME_MATRIX, GObject)

/* One row per unit and round (rounds by year, units in the round's order), one column per
 * theme of the region in use, by name, and per retired theme that codes a passage of these
 * rounds. Rounds of several regions are refused as the exports refuse them. */
UppThemeMatrix *upp_theme_matrix_new            (UppStore        *store,
                                                 GPtrArray       *rounds,
                                                 GError         **error);
/* The same from what an export has loaded. */
UppThemeMatrix *upp_theme_matrix_new_for_export (UppStore        *store,
                                                 UppExportData   *data,
                                                 GError         **error);
guint           upp_theme_matrix_get_n_themes   (UppThemeMatrix  *self);
UppTheme       *upp_theme_matrix_get_theme      (UppThemeMatrix  *self,
                                                 guint            column);
guint           upp_theme_matrix_get_n_rows     (UppThemeMatrix  *self);
const char     *upp_theme_matrix_get_unit_name  (UppThemeMatrix  *self,
                                                 guint            row);
int             upp_theme_matrix_get_year       (UppThemeMatrix  *self,
                                                 guint            row);
UppRound       *upp_theme_matrix_get_round      (UppThemeMatrix  *self,
                                                 guint            row);
/* Coded passages of the row's answers with the column's theme (flagged ones too: their
 * coding stands until the analyst changes it). */
guint           upp_theme_matrix_get_count      (UppThemeMatrix  *self,
                                                 guint            row,
                                                 guint            column);
/* The matrix as CSV through the export's quoting: "unit", "year", then one column per theme
 * named by the theme, cells 0/1 (or the counts); UTF-8 with a byte order mark, CRLF. */
char           *upp_theme_matrix_to_csv         (UppThemeMatrix  *self,
                                                 gboolean         counts,
                                                 char             separator);

G_END_DECLS

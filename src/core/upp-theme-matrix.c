/* upp-theme-matrix.c: units × themes of one or more rounds
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-theme-matrix"

#include "config.h"

#include "export/export-csv.h"
#include "upp-coding.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"

typedef struct
{
  UppRound *round;
  char     *unit_name;
  char     *key;         /* "<round uuid>/<unit name>", as codings name their place */
} Row;

struct _UppThemeMatrix
{
  GObject     parent_instance;

  GPtrArray  *themes;   /* UppTheme *, the columns */
  GArray     *rows;     /* Row */
  guint      *counts;   /* rows × themes, row-major */
};

G_DEFINE_FINAL_TYPE (UppThemeMatrix, upp_theme_matrix, G_TYPE_OBJECT)

static void
clear_row (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->round);
  g_clear_pointer (&row->unit_name, g_free);
  g_clear_pointer (&row->key, g_free);
}

static void
upp_theme_matrix_finalize (GObject *object)
{
  UppThemeMatrix *self = (UppThemeMatrix *) object;

  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->counts, g_free);

  G_OBJECT_CLASS (upp_theme_matrix_parent_class)->finalize (object);
}

static void
upp_theme_matrix_class_init (UppThemeMatrixClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_theme_matrix_finalize;
}

static void
upp_theme_matrix_init (UppThemeMatrix *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, clear_row);
}

UppThemeMatrix *
upp_theme_matrix_new (UppStore   *store,
                      GPtrArray  *rounds,
                      GError    **error)
{
  UppExportData *data = upp_export_data_load (store, rounds, error);
  UppThemeMatrix *matrix;

  if (data == NULL)
    return NULL;
  matrix = upp_theme_matrix_new_for_export (store, data, error);
  upp_export_data_free (data);
  return matrix;
}

UppThemeMatrix *
upp_theme_matrix_new_for_export (UppStore       *store,
                                 UppExportData  *data,
                                 GError        **error)
{
  g_autoptr(UppThemeMatrix) self = g_object_new (UPP_TYPE_THEME_MATRIX, NULL);
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) all_codings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) row_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) coded = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *counts = NULL;
  const char *region_code;
  guint n_all;

  g_return_val_if_fail (data != NULL && data->rounds->len > 0, NULL);

  region_code = upp_region_get_code (upp_round_get_region (
    ((UppExportRound *) g_ptr_array_index (data->rounds, 0))->round));

  for (guint r = 0; r < data->rounds->len; r++)
    {
      UppExportRound *round = g_ptr_array_index (data->rounds, r);
      g_autoptr(GPtrArray) codings = NULL;

      for (guint i = 0; i < round->responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (round->responses, i);
          Row row = {
            g_object_ref (round->round),
            g_strdup (upp_response_get_unit_name (response)),
            g_strdup_printf ("%s/%s", upp_round_get_uuid (round->round),
                             upp_response_get_unit_name (response)),
          };

          g_array_append_val (self->rows, row);
        }
      codings = upp_store_list_codings (store, round->round, NULL, NULL, error);
      if (codings == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (all_codings, g_steal_pointer (&codings));
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = &g_array_index (self->rows, Row, i);

      g_hash_table_insert (row_of, row->key, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < all_codings->len; i++)
    g_hash_table_add (coded, (gpointer) upp_coding_get_theme_uuid (all_codings->pdata[i]));

  themes = upp_store_list_themes (store, region_code, TRUE, error);
  if (themes == NULL)
    return NULL;
  self->themes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *theme = g_ptr_array_index (themes, i);

      if (upp_theme_get_retired (theme) &&
          !g_hash_table_contains (coded, upp_theme_get_uuid (theme)))
        continue;
      g_hash_table_insert (column_of, (gpointer) upp_theme_get_uuid (theme),
                           GUINT_TO_POINTER (self->themes->len + 1));
      g_ptr_array_add (self->themes, g_object_ref (theme));
    }

  n_all = self->rows->len * self->themes->len;
  counts = g_new0 (guint, MAX (n_all, 1));
  for (guint i = 0; i < all_codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (all_codings, i);
      g_autofree char *key = g_strdup_printf ("%s/%s", upp_coding_get_round_uuid (coding),
                                              upp_coding_get_unit_name (coding));
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (row_of, key));
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (column_of,
                                                            upp_coding_get_theme_uuid (coding)));

      if (row == 0 || column == 0)
        continue;
      counts[(row - 1) * self->themes->len + (column - 1)]++;
    }
  self->counts = g_steal_pointer (&counts);
  return g_steal_pointer (&self);
}

guint
upp_theme_matrix_get_n_themes (UppThemeMatrix *self)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), 0);
  return self->themes->len;
}

UppTheme *
upp_theme_matrix_get_theme (UppThemeMatrix *self,
                            guint           column)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), NULL);
  g_return_val_if_fail (column < self->themes->len, NULL);
  return g_ptr_array_index (self->themes, column);
}

guint
upp_theme_matrix_get_n_rows (UppThemeMatrix *self)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), 0);
  return self->rows->len;
}

const char *
upp_theme_matrix_get_unit_name (UppThemeMatrix *self,
                                guint           row)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_array_index (self->rows, Row, row).unit_name;
}

int
upp_theme_matrix_get_year (UppThemeMatrix *self,
                           guint           row)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return upp_round_get_year (g_array_index (self->rows, Row, row).round);
}

UppRound *
upp_theme_matrix_get_round (UppThemeMatrix *self,
                            guint           row)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_array_index (self->rows, Row, row).round;
}

guint
upp_theme_matrix_get_count (UppThemeMatrix *self,
                            guint           row,
                            guint           column)
{
  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), 0);
  g_return_val_if_fail (row < self->rows->len && column < self->themes->len, 0);
  return self->counts[row * self->themes->len + column];
}

char *
upp_theme_matrix_to_csv (UppThemeMatrix *self,
                         gboolean        counts,
                         char            separator)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  g_return_val_if_fail (UPP_IS_THEME_MATRIX (self), NULL);

  /* "unit" and "year" are identifiers for R and SPSS, as in the long-form export. */
  upp_export_csv_append_cell (out, "unit", separator);
  g_string_append_c (out, separator);
  upp_export_csv_append_cell (out, "year", separator);
  for (guint c = 0; c < self->themes->len; c++)
    {
      g_string_append_c (out, separator);
      upp_export_csv_append_cell (out, upp_theme_get_name (self->themes->pdata[c]), separator);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < self->rows->len; r++)
    {
      g_autofree char *year = g_strdup_printf ("%d", upp_theme_matrix_get_year (self, r));

      upp_export_csv_append_cell (out, upp_theme_matrix_get_unit_name (self, r), separator);
      g_string_append_c (out, separator);
      g_string_append (out, year);
      for (guint c = 0; c < self->themes->len; c++)
        {
          guint count = upp_theme_matrix_get_count (self, r, c);

          g_string_append_printf (out, "%c%u", separator, counts ? count : count > 0);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

/* upp-factor-table.c: a round's promoting and hindering factors
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-factor-table"

#include "config.h"

#include "upp-coding.h"
#include "upp-factor-table.h"
#include "upp-region.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-theme.h"

typedef struct
{
  UppTheme   *theme;
  GHashTable *units;    /* unit names coded with the theme, a set */
  GPtrArray  *quotes;   /* UppCoding */
  UppCoding  *first;    /* the first coded passage, quoted when none is chosen */
} Factor;

struct _UppFactorTable
{
  GObject    parent_instance;

  GPtrArray *promoting;   /* Factor */
  GPtrArray *hindering;   /* Factor */
};

G_DEFINE_FINAL_TYPE (UppFactorTable, upp_factor_table, G_TYPE_OBJECT)

static Factor *
factor_new (UppTheme *theme)
{
  Factor *factor = g_new0 (Factor, 1);

  factor->theme = g_object_ref (theme);
  factor->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  factor->quotes = g_ptr_array_new_with_free_func (g_object_unref);
  return factor;
}

static void
factor_free (gpointer data)
{
  Factor *factor = data;

  g_clear_object (&factor->theme);
  g_clear_pointer (&factor->units, g_hash_table_unref);
  g_clear_pointer (&factor->quotes, g_ptr_array_unref);
  g_clear_object (&factor->first);
  g_free (factor);
}

static void
upp_factor_table_finalize (GObject *object)
{
  UppFactorTable *self = (UppFactorTable *) object;

  g_clear_pointer (&self->promoting, g_ptr_array_unref);
  g_clear_pointer (&self->hindering, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_factor_table_parent_class)->finalize (object);
}

static void
upp_factor_table_class_init (UppFactorTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_factor_table_finalize;
}

static void
upp_factor_table_init (UppFactorTable *self)
{
  self->promoting = g_ptr_array_new_with_free_func (factor_free);
  self->hindering = g_ptr_array_new_with_free_func (factor_free);
}

static int
compare_factors (gconstpointer a,
                 gconstpointer b)
{
  const Factor *fa = *(Factor * const *) a;
  const Factor *fb = *(Factor * const *) b;
  guint na = g_hash_table_size (fa->units);
  guint nb = g_hash_table_size (fb->units);

  if (na != nb)
    return na > nb ? -1 : 1;
  return g_utf8_collate (upp_theme_get_name (fa->theme), upp_theme_get_name (fb->theme));
}

static GPtrArray *
factors_of_kind (UppFactorTable *self,
                 UppThemeKind    kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return self->promoting;
    case UPP_THEME_KIND_HINDERING:
      return self->hindering;
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return NULL;
    }
}

UppFactorTable *
upp_factor_table_new (UppStore  *store,
                      UppRound  *round,
                      GError   **error)
{
  g_autoptr(UppFactorTable) self = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GHashTable) factor_of = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  themes = upp_store_list_themes (store, upp_region_get_code (upp_round_get_region (round)),
                                  FALSE, error);
  if (themes == NULL)
    return NULL;
  codings = upp_store_list_codings (store, round, NULL, NULL, error);
  if (codings == NULL)
    return NULL;

  self = g_object_new (UPP_TYPE_FACTOR_TABLE, NULL);
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *theme = g_ptr_array_index (themes, i);
      GPtrArray *factors = factors_of_kind (self, upp_theme_get_kind (theme));
      Factor *factor;

      if (factors == NULL)
        continue;
      factor = factor_new (theme);
      g_ptr_array_add (factors, factor);
      g_hash_table_insert (factor_of, (gpointer) upp_theme_get_uuid (factor->theme), factor);
    }

  /* Listed by unit, question and place: the first of each theme is the one to quote when
   * the analyst chose none. */
  for (guint i = 0; i < codings->len; i++)
    {
      UppCoding *coding = g_ptr_array_index (codings, i);
      Factor *factor = g_hash_table_lookup (factor_of, upp_coding_get_theme_uuid (coding));

      if (factor == NULL)
        continue;
      g_hash_table_add (factor->units, g_strdup (upp_coding_get_unit_name (coding)));
      if (factor->first == NULL)
        factor->first = g_object_ref (coding);
      if (upp_coding_get_quote (coding) && factor->quotes->len < UPP_FACTOR_TABLE_MAX_QUOTES)
        g_ptr_array_add (factor->quotes, g_object_ref (coding));
    }

  for (guint k = 0; k < 2; k++)
    {
      GPtrArray *factors = k == 0 ? self->promoting : self->hindering;

      for (guint i = 0; i < factors->len; i++)
        {
          Factor *factor = g_ptr_array_index (factors, i);

          if (factor->quotes->len == 0 && factor->first != NULL)
            g_ptr_array_add (factor->quotes, g_object_ref (factor->first));
        }
      g_ptr_array_sort (factors, compare_factors);
    }
  return g_steal_pointer (&self);
}

static Factor *
get_factor (UppFactorTable *self,
            UppThemeKind    kind,
            guint           position)
{
  GPtrArray *factors = factors_of_kind (self, kind);

  g_return_val_if_fail (factors != NULL && position < factors->len, NULL);
  return g_ptr_array_index (factors, position);
}

guint
upp_factor_table_get_n_factors (UppFactorTable *self,
                                UppThemeKind    kind)
{
  GPtrArray *factors;

  g_return_val_if_fail (UPP_IS_FACTOR_TABLE (self), 0);

  factors = factors_of_kind (self, kind);
  return factors != NULL ? factors->len : 0;
}

UppTheme *
upp_factor_table_get_theme (UppFactorTable *self,
                            UppThemeKind    kind,
                            guint           position)
{
  Factor *factor;

  g_return_val_if_fail (UPP_IS_FACTOR_TABLE (self), NULL);

  factor = get_factor (self, kind, position);
  return factor != NULL ? factor->theme : NULL;
}

guint
upp_factor_table_get_n_units (UppFactorTable *self,
                              UppThemeKind    kind,
                              guint           position)
{
  Factor *factor;

  g_return_val_if_fail (UPP_IS_FACTOR_TABLE (self), 0);

  factor = get_factor (self, kind, position);
  return factor != NULL ? g_hash_table_size (factor->units) : 0;
}

GPtrArray *
upp_factor_table_get_quotes (UppFactorTable *self,
                             UppThemeKind    kind,
                             guint           position)
{
  Factor *factor;

  g_return_val_if_fail (UPP_IS_FACTOR_TABLE (self), NULL);

  factor = get_factor (self, kind, position);
  return factor != NULL ? factor->quotes : NULL;
}

/* upp-round.c: a follow-up round: one year's survey of a region's units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round"

#include "config.h"

#include <stdlib.h>

#include "upp-region.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-util.h"

struct _UppRound
{
  GObject      parent_instance;

  gint64       id;
  char        *uuid;
  int          year;
  UppRegion   *region;
  char        *title;
  UppTemplate *template;
  guint        n_units;
  guint        n_answered;
  GHashTable  *texts;
};

G_DEFINE_FINAL_TYPE (UppRound, upp_round, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_TITLE,
  PROP_REGION_NAME,
  PROP_N_UNITS,
  PROP_N_ANSWERED,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_round_finalize (GObject *object)
{
  UppRound *self = (UppRound *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->region);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->template);
  g_clear_pointer (&self->texts, g_hash_table_unref);

  G_OBJECT_CLASS (upp_round_parent_class)->finalize (object);
}

static void
upp_round_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  UppRound *self = UPP_ROUND (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_REGION_NAME:
      g_value_set_string (value, upp_round_get_region_name (self));
      break;
    case PROP_N_UNITS:
      g_value_set_uint (value, self->n_units);
      break;
    case PROP_N_ANSWERED:
      g_value_set_uint (value, self->n_answered);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_round_class_init (UppRoundClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_round_finalize;
  object_class->get_property = upp_round_get_property;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REGION_NAME] =
    g_param_spec_string ("region-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_UNITS] =
    g_param_spec_uint ("n-units", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANSWERED] =
    g_param_spec_uint ("n-answered", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Another version of the same template once the round is upgraded. */
  properties[PROP_TEMPLATE] =
    g_param_spec_object ("template", NULL, NULL, UPP_TYPE_TEMPLATE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_round_init (UppRound *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

UppRound *
upp_round_new (int          year,
               UppRegion   *region,
               const char  *title,
               UppTemplate *template)
{
  UppRound *self;

  g_return_val_if_fail (UPP_IS_REGION (region), NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);

  self = g_object_new (UPP_TYPE_ROUND, NULL);
  self->uuid = upp_new_uuid ();
  self->year = year;
  self->region = g_object_ref (region);
  self->title = g_strdup (title ? title : "");
  self->template = g_object_ref (template);
  return self;
}

gint64
upp_round_get_id (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), 0);
  return self->id;
}

void
upp_round_set_id (UppRound *self,
                  gint64    id)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  self->id = id;
}

const char *
upp_round_get_uuid (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return self->uuid;
}

void
upp_round_set_uuid (UppRound   *self,
                    const char *uuid)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  upp_set_str (&self->uuid, uuid);
}

int
upp_round_get_year (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), 0);
  return self->year;
}

void
upp_round_set_year (UppRound *self,
                    int       year)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  if (self->year == year)
    return;
  self->year = year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

UppRegion *
upp_round_get_region (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return self->region;
}

const char *
upp_round_get_region_name (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return upp_region_get_name (self->region);
}

const char *
upp_round_get_title (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return self->title;
}

void
upp_round_set_title (UppRound   *self,
                     const char *title)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  if (upp_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

UppTemplate *
upp_round_get_template (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return self->template;
}

guint
upp_round_get_n_units (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), 0);
  return self->n_units;
}

guint
upp_round_get_n_answered (UppRound *self)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), 0);
  return self->n_answered;
}

void
upp_round_set_counts (UppRound *self,
                      guint     n_units,
                      guint     n_answered)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  if (self->n_units != n_units)
    {
      self->n_units = n_units;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNITS]);
    }
  if (self->n_answered != n_answered)
    {
      self->n_answered = n_answered;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANSWERED]);
    }
}

const char *
upp_round_get_text (UppRound   *self,
                    const char *key)
{
  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);
  return g_hash_table_lookup (self->texts, key);
}

void
upp_round_set_text (UppRound   *self,
                    const char *key,
                    const char *text)
{
  g_return_if_fail (UPP_IS_ROUND (self));
  g_return_if_fail (key != NULL);
  if (text == NULL)
    g_hash_table_remove (self->texts, key);
  else
    g_hash_table_replace (self->texts, g_strdup (key), g_strdup (text));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

char **
upp_round_dup_text_keys (UppRound *self)
{
  g_autofree const char **keys = NULL;
  guint n = 0;
  char **result;

  g_return_val_if_fail (UPP_IS_ROUND (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->texts, &n);
  result = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (keys[i]);
  qsort (result, n, sizeof (char *), compare_strings);
  return result;
}

gboolean
upp_round_update_from (UppRound *self,
                       UppRound *other)
{
  g_auto(GStrv) keys = NULL;
  gboolean changed;

  g_return_val_if_fail (UPP_IS_ROUND (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (other), FALSE);

  changed = self->year != other->year || g_strcmp0 (self->title, other->title) != 0 ||
            self->n_units != other->n_units || self->n_answered != other->n_answered ||
            g_hash_table_size (self->texts) != g_hash_table_size (other->texts);

  keys = upp_round_dup_text_keys (self);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (upp_round_get_text (self, keys[i]), upp_round_get_text (other, keys[i])) != 0)
      {
        changed = TRUE;
        upp_round_set_text (self, keys[i], upp_round_get_text (other, keys[i]));
      }
  g_clear_pointer (&keys, g_strfreev);
  keys = upp_round_dup_text_keys (other);
  for (guint i = 0; keys[i] != NULL; i++)
    upp_round_set_text (self, keys[i], upp_round_get_text (other, keys[i]));

  upp_round_set_year (self, other->year);
  upp_round_set_title (self, other->title);
  upp_round_set_counts (self, other->n_units, other->n_answered);
  if (other->template != NULL &&
      (self->template == NULL ||
       upp_template_get_id (self->template) != upp_template_get_id (other->template)))
    {
      changed = TRUE;
      g_set_object (&self->template, other->template);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEMPLATE]);
    }
  return changed;
}

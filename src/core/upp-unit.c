/* upp-unit.c: a respondent unit: a municipality, a group of them, or another body
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-unit"

#include "config.h"

#include "upp-unit.h"
#include "upp-util.h"

struct _UppUnit
{
  GObject      parent_instance;

  gint64       id;
  char        *uuid;
  char        *name;
  char        *region_code;
  char        *sub_area;
  UppUnitKind  kind;
  GPtrArray   *member_codes;  /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (UppUnit, upp_unit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SUB_AREA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_unit_finalize (GObject *object)
{
  UppUnit *self = (UppUnit *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->region_code, g_free);
  g_clear_pointer (&self->sub_area, g_free);
  g_clear_pointer (&self->member_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_unit_parent_class)->finalize (object);
}

static void
upp_unit_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  UppUnit *self = UPP_UNIT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SUB_AREA:
      g_value_set_string (value, self->sub_area);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_unit_class_init (UppUnitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_unit_finalize;
  object_class->get_property = upp_unit_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUB_AREA] =
    g_param_spec_string ("sub-area", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_unit_init (UppUnit *self)
{
  self->member_codes = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->sub_area = g_strdup ("");
}

UppUnit *
upp_unit_new (const char  *name,
              const char  *region_code,
              UppUnitKind  kind)
{
  UppUnit *self = g_object_new (UPP_TYPE_UNIT, NULL);

  self->uuid = upp_new_uuid ();
  self->name = g_strdup (name);
  self->region_code = g_strdup (region_code);
  self->kind = kind;
  return self;
}

gint64
upp_unit_get_id (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), 0);
  return self->id;
}

void
upp_unit_set_id (UppUnit *self,
                 gint64   id)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  self->id = id;
}

const char *
upp_unit_get_uuid (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), NULL);
  return self->uuid;
}

void
upp_unit_set_uuid (UppUnit    *self,
                   const char *uuid)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  upp_set_str (&self->uuid, uuid);
}

const char *
upp_unit_get_name (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), NULL);
  return self->name;
}

void
upp_unit_set_name (UppUnit    *self,
                   const char *name)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  if (upp_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
upp_unit_get_region_code (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), NULL);
  return self->region_code;
}

UppUnitKind
upp_unit_get_kind (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), UPP_UNIT_KIND_OTHER);
  return self->kind;
}

void
upp_unit_set_kind (UppUnit     *self,
                   UppUnitKind  kind)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  self->kind = kind;
}

const char *
upp_unit_get_sub_area (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), NULL);
  return self->sub_area;
}

void
upp_unit_set_sub_area (UppUnit    *self,
                       const char *sub_area)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  if (upp_set_str (&self->sub_area, sub_area ? sub_area : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUB_AREA]);
}

const char * const *
upp_unit_get_member_codes (UppUnit *self)
{
  g_return_val_if_fail (UPP_IS_UNIT (self), NULL);
  return (const char * const *) self->member_codes->pdata;
}

void
upp_unit_set_member_codes (UppUnit            *self,
                           const char * const *codes)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  g_ptr_array_set_size (self->member_codes, 0);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    upp_unit_add_member_code (self, codes[i]);
}

void
upp_unit_add_member_code (UppUnit    *self,
                          const char *code)
{
  g_return_if_fail (UPP_IS_UNIT (self));
  for (guint i = 0; i < self->member_codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->member_codes, i), code) == 0)
        return;
    }
  g_ptr_array_add (self->member_codes, g_strdup (code));
}

int
upp_unit_compare_by_name (gconstpointer a,
                          gconstpointer b)
{
  UppUnit *unit_a = *(UppUnit **) a;
  UppUnit *unit_b = *(UppUnit **) b;

  return g_utf8_collate (unit_a->name, unit_b->name);
}

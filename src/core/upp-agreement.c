/* upp-agreement.c: an agreement a unit has with the region (a LÖK, the RÖK, or another)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-agreement"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-agreement.h"
#include "upp-util.h"

struct _UppAgreement
{
  GObject             parent_instance;

  gint64              id;
  char               *uuid;
  char               *unit_uuid;
  char               *unit_name;
  char               *name;
  UppAgreementKind    kind;
  UppAgreementStatus  status;
  char               *signed_date;
  char               *valid_from;
  char               *valid_to;
  char               *note;
  char               *modified;
};

G_DEFINE_FINAL_TYPE (UppAgreement, upp_agreement, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KIND,
  PROP_STATUS,
  PROP_SIGNED,
  PROP_VALID_FROM,
  PROP_VALID_TO,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_agreement_finalize (GObject *object)
{
  UppAgreement *self = (UppAgreement *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->unit_uuid, g_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->signed_date, g_free);
  g_clear_pointer (&self->valid_from, g_free);
  g_clear_pointer (&self->valid_to, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->modified, g_free);

  G_OBJECT_CLASS (upp_agreement_parent_class)->finalize (object);
}

static void
upp_agreement_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  UppAgreement *self = UPP_AGREEMENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_SIGNED:
      g_value_set_string (value, self->signed_date);
      break;
    case PROP_VALID_FROM:
      g_value_set_string (value, self->valid_from);
      break;
    case PROP_VALID_TO:
      g_value_set_string (value, self->valid_to);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
upp_agreement_class_init (UppAgreementClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_agreement_finalize;
  object_class->get_property = upp_agreement_get_property;

  properties[PROP_NAME] = string_property ("name");
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, UPP_N_AGREEMENT_KINDS - 1, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, UPP_N_AGREEMENT_STATUSES - 1, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIGNED] = string_property ("signed");
  properties[PROP_VALID_FROM] = string_property ("valid-from");
  properties[PROP_VALID_TO] = string_property ("valid-to");
  properties[PROP_NOTE] = string_property ("note");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_agreement_init (UppAgreement *self)
{
  self->unit_uuid = g_strdup ("");
  self->unit_name = g_strdup ("");
  self->name = g_strdup ("");
  self->signed_date = g_strdup ("");
  self->valid_from = g_strdup ("");
  self->valid_to = g_strdup ("");
  self->note = g_strdup ("");
  self->modified = g_strdup ("");
}

UppAgreement *
upp_agreement_new (const char       *name,
                   UppAgreementKind  kind)
{
  UppAgreement *self = g_object_new (UPP_TYPE_AGREEMENT, NULL);

  self->uuid = upp_new_uuid ();
  upp_set_str (&self->name, name ? name : "");
  self->kind = kind;
  return self;
}

gint64
upp_agreement_get_id (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), 0);
  return self->id;
}

void
upp_agreement_set_id (UppAgreement *self,
                      gint64        id)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  self->id = id;
}

const char *
upp_agreement_get_uuid (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->uuid;
}

void
upp_agreement_set_uuid (UppAgreement *self,
                        const char   *uuid)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  upp_set_str (&self->uuid, uuid);
}

const char *
upp_agreement_get_unit_uuid (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->unit_uuid;
}

const char *
upp_agreement_get_unit_name (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->unit_name;
}

void
upp_agreement_set_unit (UppAgreement *self,
                        const char   *unit_uuid,
                        const char   *unit_name)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  upp_set_str (&self->unit_uuid, unit_uuid ? unit_uuid : "");
  upp_set_str (&self->unit_name, unit_name ? unit_name : "");
}

static void
set_string (UppAgreement  *self,
            char         **field,
            const char    *value,
            guint          prop)
{
  if (upp_set_str (field, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
upp_agreement_get_name (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->name;
}

void
upp_agreement_set_name (UppAgreement *self,
                        const char   *name)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  set_string (self, &self->name, name, PROP_NAME);
}

UppAgreementKind
upp_agreement_get_kind (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), UPP_AGREEMENT_KIND_OTHER);
  return self->kind;
}

void
upp_agreement_set_kind (UppAgreement     *self,
                        UppAgreementKind  kind)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  g_return_if_fail ((guint) kind < UPP_N_AGREEMENT_KINDS);
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

UppAgreementStatus
upp_agreement_get_status (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), UPP_AGREEMENT_STATUS_IN_FORCE);
  return self->status;
}

void
upp_agreement_set_status (UppAgreement       *self,
                          UppAgreementStatus  status)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  g_return_if_fail ((guint) status < UPP_N_AGREEMENT_STATUSES);
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
upp_agreement_get_signed (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->signed_date;
}

void
upp_agreement_set_signed (UppAgreement *self,
                          const char   *date)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  set_string (self, &self->signed_date, date, PROP_SIGNED);
}

const char *
upp_agreement_get_valid_from (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->valid_from;
}

void
upp_agreement_set_valid_from (UppAgreement *self,
                              const char   *date)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  set_string (self, &self->valid_from, date, PROP_VALID_FROM);
}

const char *
upp_agreement_get_valid_to (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->valid_to;
}

void
upp_agreement_set_valid_to (UppAgreement *self,
                            const char   *date)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  set_string (self, &self->valid_to, date, PROP_VALID_TO);
}

const char *
upp_agreement_get_note (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->note;
}

void
upp_agreement_set_note (UppAgreement *self,
                        const char   *note)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  set_string (self, &self->note, note, PROP_NOTE);
}

const char *
upp_agreement_get_modified (UppAgreement *self)
{
  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);
  return self->modified;
}

void
upp_agreement_set_modified (UppAgreement *self,
                            const char   *modified)
{
  g_return_if_fail (UPP_IS_AGREEMENT (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

char *
upp_agreement_dup_period_label (UppAgreement *self)
{
  gboolean has_from, has_to;

  g_return_val_if_fail (UPP_IS_AGREEMENT (self), NULL);

  has_from = self->valid_from[0] != '\0';
  has_to = self->valid_to[0] != '\0';
  if (has_from && has_to)
    return g_strdup_printf ("%s – %s", self->valid_from, self->valid_to);
  if (has_to)
    /* Translators: an agreement's period with only its end known ("t.o.m. 2017-12-31") */
    return g_strdup_printf (_("until %s"), self->valid_to);
  if (has_from)
    /* Translators: an agreement's period without an end ("från 2015-01-01, tills vidare") */
    return g_strdup_printf (_("from %s, until further notice"), self->valid_from);
  return g_strdup ("");
}

static int
year_of (const char *date)
{
  if (date == NULL || strlen (date) < 4)
    return 0;
  return (int) g_ascii_strtoll (date, NULL, 10);
}

gboolean
upp_agreement_applies_to_year (UppAgreement *self,
                               int           year)
{
  gboolean being_worked_on;
  int from, to;

  g_return_val_if_fail (UPP_IS_AGREEMENT (self), FALSE);

  /* Seed 001 lists agreements whose period ran out with "ska förlängas" or "revidering
   * pågår": one being prepared or revised is reported whatever its dates say. */
  being_worked_on = self->status == UPP_AGREEMENT_STATUS_IN_PREPARATION ||
                    self->status == UPP_AGREEMENT_STATUS_UNDER_REVISION;
  from = year_of (self->valid_from[0] != '\0' ? self->valid_from : self->signed_date);
  to = year_of (self->valid_to);
  if (from != 0 && from > year && !being_worked_on)
    return FALSE;
  if (to != 0 && to < year && !being_worked_on)
    return FALSE;
  return TRUE;
}

/* upp-interview.c: one more interview with a unit in a round, beyond its first
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-interview"

#include "config.h"

#include "upp-interview.h"
#include "upp-util.h"

struct _UppInterview
{
  GObject           parent_instance;

  gint64            id;
  char             *uuid;
  char             *response_uuid;
  char             *date;
  UppInterviewMode  mode;
  int               duration_minutes;
  int               participant_count;
  char             *participant_roles;
  char             *note;
  char             *modified;
};

G_DEFINE_FINAL_TYPE (UppInterview, upp_interview, G_TYPE_OBJECT)

static void
upp_interview_finalize (GObject *object)
{
  UppInterview *self = (UppInterview *) object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->response_uuid, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->participant_roles, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->modified, g_free);

  G_OBJECT_CLASS (upp_interview_parent_class)->finalize (object);
}

static void
upp_interview_class_init (UppInterviewClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_interview_finalize;
}

static void
upp_interview_init (UppInterview *self)
{
  self->response_uuid = g_strdup ("");
  self->date = g_strdup ("");
  self->participant_roles = g_strdup ("");
  self->note = g_strdup ("");
  self->modified = g_strdup ("");
}

UppInterview *
upp_interview_new (void)
{
  UppInterview *self = g_object_new (UPP_TYPE_INTERVIEW, NULL);

  self->uuid = upp_new_uuid ();
  return self;
}

gint64
upp_interview_get_id (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), 0);
  return self->id;
}

void
upp_interview_set_id (UppInterview *self,
                      gint64        id)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  self->id = id;
}

const char *
upp_interview_get_uuid (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->uuid;
}

void
upp_interview_set_uuid (UppInterview *self,
                        const char   *uuid)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->uuid, uuid);
}

const char *
upp_interview_get_response_uuid (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->response_uuid;
}

void
upp_interview_set_response_uuid (UppInterview *self,
                                 const char   *response_uuid)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->response_uuid, response_uuid ? response_uuid : "");
}

const char *
upp_interview_get_date (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->date;
}

void
upp_interview_set_date (UppInterview *self,
                        const char   *date)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->date, date ? date : "");
}

UppInterviewMode
upp_interview_get_mode (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), UPP_INTERVIEW_MODE_NONE);
  return self->mode;
}

void
upp_interview_set_mode (UppInterview     *self,
                        UppInterviewMode  mode)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  g_return_if_fail ((guint) mode < UPP_N_INTERVIEW_MODES);
  self->mode = mode;
}

int
upp_interview_get_duration_minutes (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), 0);
  return self->duration_minutes;
}

void
upp_interview_set_duration_minutes (UppInterview *self,
                                    int           minutes)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  self->duration_minutes = MAX (minutes, 0);
}

int
upp_interview_get_participant_count (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), 0);
  return self->participant_count;
}

void
upp_interview_set_participant_count (UppInterview *self,
                                     int           count)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  self->participant_count = MAX (count, 0);
}

const char *
upp_interview_get_participant_roles (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->participant_roles;
}

void
upp_interview_set_participant_roles (UppInterview *self,
                                     const char   *roles)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->participant_roles, roles ? roles : "");
}

const char *
upp_interview_get_note (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->note;
}

void
upp_interview_set_note (UppInterview *self,
                        const char   *note)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->note, note ? note : "");
}

const char *
upp_interview_get_modified (UppInterview *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW (self), NULL);
  return self->modified;
}

void
upp_interview_set_modified (UppInterview *self,
                            const char   *modified)
{
  g_return_if_fail (UPP_IS_INTERVIEW (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

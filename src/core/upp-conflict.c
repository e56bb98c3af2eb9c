/* upp-conflict.c: an answer, interview detail or unit name changed on two laptops, kept
 * side by side until settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-conflict"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "upp-conflict-private.h"

G_DEFINE_FINAL_TYPE (UppConflict, upp_conflict, G_TYPE_OBJECT)

static void
upp_conflict_finalize (GObject *object)
{
  UppConflict *self = (UppConflict *)object;

  g_free (self->answer_uuid);
  g_free (self->round_uuid);
  g_free (self->round_title);
  g_free (self->unit_name);
  g_free (self->question_key);
  g_free (self->question_label);
  g_free (self->mine_text);
  g_strfreev (self->mine_choices);
  g_free (self->mine_modified);
  g_free (self->mine_device);
  g_free (self->theirs_text);
  g_strfreev (self->theirs_choices);
  g_free (self->theirs_modified);
  g_free (self->theirs_device);

  G_OBJECT_CLASS (upp_conflict_parent_class)->finalize (object);
}

static void
upp_conflict_class_init (UppConflictClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_conflict_finalize;
}

static void
upp_conflict_init (UppConflict *self)
{
}

gint64       upp_conflict_get_id              (UppConflict *self) { return self->id; }
UppConflictKind upp_conflict_get_kind         (UppConflict *self) { return self->kind; }
const char  *upp_conflict_get_answer_uuid     (UppConflict *self) { return self->answer_uuid; }
const char  *upp_conflict_get_round_uuid      (UppConflict *self) { return self->round_uuid; }
const char  *upp_conflict_get_round_title     (UppConflict *self) { return self->round_title; }
const char  *upp_conflict_get_unit_name       (UppConflict *self) { return self->unit_name; }
const char  *upp_conflict_get_question_key    (UppConflict *self) { return self->question_key; }
const char  *upp_conflict_get_question_label  (UppConflict *self) { return self->question_label; }
const char  *upp_conflict_get_mine_text       (UppConflict *self) { return self->mine_text; }
const char  *upp_conflict_get_mine_modified   (UppConflict *self) { return self->mine_modified; }
const char  *upp_conflict_get_mine_device     (UppConflict *self) { return self->mine_device; }
const char  *upp_conflict_get_theirs_text     (UppConflict *self) { return self->theirs_text; }
const char  *upp_conflict_get_theirs_modified (UppConflict *self) { return self->theirs_modified; }
const char  *upp_conflict_get_theirs_device   (UppConflict *self) { return self->theirs_device; }

gboolean
upp_conflict_can_use_text (UppConflict *self)
{
  return self->kind != UPP_CONFLICT_KIND_DETAIL ||
         (g_strcmp0 (self->question_key, "status") != 0 &&
          g_strcmp0 (self->question_key, "mode") != 0);
}

const char * const *
upp_conflict_get_mine_choices (UppConflict *self)
{
  return (const char * const *) self->mine_choices;
}

const char * const *
upp_conflict_get_theirs_choices (UppConflict *self)
{
  return (const char * const *) self->theirs_choices;
}


const char *
upp_conflict_field_label (const char *field)
{
  if (g_strcmp0 (field, "name") == 0)
    return _("Unit name");
  if (g_strcmp0 (field, "theme_name") == 0)
    return _("Theme name");
  if (g_strcmp0 (field, "status") == 0)
    return _("Status");
  if (g_strcmp0 (field, "interview_date") == 0)
    return _("Interview date");
  if (g_strcmp0 (field, "mode") == 0)
    return _("Interview mode");
  if (g_strcmp0 (field, "participant_count") == 0)
    return _("Number of participants");
  if (g_strcmp0 (field, "participant_roles") == 0)
    return _("Participant roles");
  if (g_strcmp0 (field, "duration_minutes") == 0)
    return _("Interview length in minutes");
  if (g_strcmp0 (field, "check_sent") == 0)
    return _("Summary sent for checking");
  if (g_strcmp0 (field, "check_approved") == 0)
    return _("Summary approved");
  return field;
}

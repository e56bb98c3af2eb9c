/* upp-conflict.h: an answer, interview detail, unit or theme name changed on two laptops, kept
 * side by side until settled
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-types.h"

G_BEGIN_DECLS

typedef enum
{
  UPP_CONFLICT_KEEP_MINE,
  UPP_CONFLICT_KEEP_THEIRS,
  UPP_CONFLICT_USE_TEXT,     /* a combined text written by the user; our codes are kept */
} UppConflictResolution;

typedef enum
{
  UPP_CONFLICT_KIND_ANSWER,
  UPP_CONFLICT_KIND_DETAIL,     /* one interview detail of a response: status, date, … */
  UPP_CONFLICT_KIND_UNIT_NAME,
  UPP_CONFLICT_KIND_THEME_NAME, /* a theme of a region's codebook; the "round" is the region */
} UppConflictKind;

#define UPP_TYPE_CONFLICT (upp_conflict_get_type ())

G_DECLARE_FINAL_TYPE (UppConflict, upp_conflict, UPP, CONFLICT, GObject)

gint64              upp_conflict_get_id              (UppConflict *self);
UppConflictKind     upp_conflict_get_kind            (UppConflict *self);
/* The answer's, response's or unit's uuid. */
const char         *upp_conflict_get_answer_uuid     (UppConflict *self);
/* Whether a value written by the user can settle it (USE_TEXT): not for a status or mode. */
gboolean            upp_conflict_can_use_text        (UppConflict *self);
const char         *upp_conflict_get_round_uuid      (UppConflict *self);
/* The round's title, with its year when the title lacks it. */
const char         *upp_conflict_get_round_title     (UppConflict *self);
const char         *upp_conflict_get_unit_name       (UppConflict *self);
const char         *upp_conflict_get_question_key    (UppConflict *self);
/* The question's number and short label, e.g. "4 Utmaningar", or the field's name,
 * e.g. "Intervjudatum"; the key is the question's or the field's. */
const char         *upp_conflict_get_question_label  (UppConflict *self);
/* An answer's text, or a field's value as a user reads it ("Klar", "2026-03-01"). */
const char         *upp_conflict_get_mine_text       (UppConflict *self);
const char * const *upp_conflict_get_mine_choices    (UppConflict *self);
const char         *upp_conflict_get_mine_modified   (UppConflict *self);
const char         *upp_conflict_get_mine_device     (UppConflict *self);
const char         *upp_conflict_get_theirs_text     (UppConflict *self);
const char * const *upp_conflict_get_theirs_choices  (UppConflict *self);
const char         *upp_conflict_get_theirs_modified (UppConflict *self);
const char         *upp_conflict_get_theirs_device   (UppConflict *self);

/* What a user calls a field of a unit or response ("Unit name", "Interview date"),
 * translated; the field itself when it is unknown. */
const char         *upp_conflict_field_label         (const char  *field);

G_END_DECLS

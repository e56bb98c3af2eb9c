/* upp-interview.h: one more interview with a unit in a round, beyond its first
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_INTERVIEW (upp_interview_get_type ())

G_DECLARE_FINAL_TYPE (UppInterview, upp_interview, UPP, INTERVIEW, GObject)

/* A unit's first interview is kept with its response (date, mode, duration, participants),
 * as every file and older version of the app knows it; seed 001 held 18 interviews with 16
 * units, so a unit can have more, each one of these. */
UppInterview     *upp_interview_new                   (void);
gint64            upp_interview_get_id                (UppInterview     *self);
void              upp_interview_set_id                (UppInterview     *self,
                                                       gint64            id);
const char       *upp_interview_get_uuid              (UppInterview     *self);
void              upp_interview_set_uuid              (UppInterview     *self,
                                                       const char       *uuid);
/* The uuid of the response it belongs to, set when read from the store. */
const char       *upp_interview_get_response_uuid     (UppInterview     *self);
void              upp_interview_set_response_uuid     (UppInterview     *self,
                                                       const char       *response_uuid);
/* "YYYY-MM-DD" or "". */
const char       *upp_interview_get_date              (UppInterview     *self);
void              upp_interview_set_date              (UppInterview     *self,
                                                       const char       *date);
UppInterviewMode  upp_interview_get_mode              (UppInterview     *self);
void              upp_interview_set_mode              (UppInterview     *self,
                                                       UppInterviewMode  mode);
/* Minutes, 0 when not noted. */
int               upp_interview_get_duration_minutes  (UppInterview     *self);
void              upp_interview_set_duration_minutes  (UppInterview     *self,
                                                       int               minutes);
int               upp_interview_get_participant_count (UppInterview     *self);
void              upp_interview_set_participant_count (UppInterview     *self,
                                                       int               count);
const char       *upp_interview_get_participant_roles (UppInterview     *self);
void              upp_interview_set_participant_roles (UppInterview     *self,
                                                       const char       *roles);
const char       *upp_interview_get_note              (UppInterview     *self);
void              upp_interview_set_note              (UppInterview     *self,
                                                       const char       *note);
const char       *upp_interview_get_modified          (UppInterview     *self);
void              upp_interview_set_modified          (UppInterview     *self,
                                                       const char       *modified);

G_END_DECLS

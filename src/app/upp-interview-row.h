/* upp-interview-row.h: one further interview of a unit, edited in the interview form
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_INTERVIEW_ROW (upp_interview_row_get_type ())

G_DECLARE_FINAL_TYPE (UppInterviewRow, upp_interview_row, UPP, INTERVIEW_ROW, AdwExpanderRow)

/* A row editing interview: the row changes it as it is typed ("changed" says when); a date
 * is taken when it is one. */
GtkWidget    *upp_interview_row_new           (UppInterview    *interview);
UppInterview *upp_interview_row_get_interview (UppInterviewRow *self);
/* Shows what interview holds now (another process changed it), without "changed". */
void          upp_interview_row_update        (UppInterviewRow *self,
                                               UppInterview    *interview);
/* Expands the row and puts the cursor in its date. */
void          upp_interview_row_focus         (UppInterviewRow *self);
/* Expands the row and selects characters start to end of its note (a search hit). */
void          upp_interview_row_select_note   (UppInterviewRow *self,
                                               int              start,
                                               int              end);

G_END_DECLS

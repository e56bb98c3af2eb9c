/* upp-coding.h: a coded passage: characters start up to end of an answer's text, with a theme
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_CODING (upp_coding_get_type ())

G_DECLARE_FINAL_TYPE (UppCoding, upp_coding, UPP, CODING, GObject)

UppCoding  *upp_coding_new                (void);
gint64      upp_coding_get_id             (UppCoding  *self);
void        upp_coding_set_id             (UppCoding  *self,
                                           gint64      id);
const char *upp_coding_get_uuid           (UppCoding  *self);
void        upp_coding_set_uuid           (UppCoding  *self,
                                           const char *uuid);
const char *upp_coding_get_answer_uuid    (UppCoding  *self);
void        upp_coding_set_answer_uuid    (UppCoding  *self,
                                           const char *answer_uuid);
const char *upp_coding_get_theme_uuid     (UppCoding  *self);
void        upp_coding_set_theme_uuid     (UppCoding  *self,
                                           const char *theme_uuid);
const char *upp_coding_get_theme_name     (UppCoding  *self);
void        upp_coding_set_theme_name     (UppCoding  *self,
                                           const char *theme_name);
/* In characters (not bytes) of the answer's text; start < end. */
guint       upp_coding_get_start          (UppCoding  *self);
guint       upp_coding_get_end            (UppCoding  *self);
void        upp_coding_set_range          (UppCoding  *self,
                                           guint       start,
                                           guint       end);
/* The coded passage's text: what the coding is anchored to when the answer changes. */
const char *upp_coding_get_text           (UppCoding  *self);
void        upp_coding_set_text           (UppCoding  *self,
                                           const char *text);
/* The passage's text is no longer in the answer: kept, for the analyst to look at. */
gboolean    upp_coding_get_flagged        (UppCoding  *self);
void        upp_coding_set_flagged        (UppCoding  *self,
                                           gboolean    flagged);
/* Chosen by the analyst as one of the theme's quotes in the factor table. */
gboolean    upp_coding_get_quote          (UppCoding  *self);
void        upp_coding_set_quote          (UppCoding  *self,
                                           gboolean    quote);
/* Where the answer is: its round, year, unit and question. */
const char *upp_coding_get_round_uuid     (UppCoding  *self);
void        upp_coding_set_round_uuid     (UppCoding  *self,
                                           const char *round_uuid);
int         upp_coding_get_year           (UppCoding  *self);
void        upp_coding_set_year           (UppCoding  *self,
                                           int         year);
const char *upp_coding_get_unit_name      (UppCoding  *self);
void        upp_coding_set_unit_name      (UppCoding  *self,
                                           const char *unit_name);
const char *upp_coding_get_question_key   (UppCoding  *self);
void        upp_coding_set_question_key   (UppCoding  *self,
                                           const char *question_key);
const char *upp_coding_get_modified       (UppCoding  *self);
void        upp_coding_set_modified       (UppCoding  *self,
                                           const char *modified);
const char *upp_coding_get_device         (UppCoding  *self);
void        upp_coding_set_device         (UppCoding  *self,
                                           const char *device);

G_END_DECLS

/* upp-choice.h: a coded answer option of a question
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* A coded answer option; its key is stable across template versions and languages. match
 * holds the phrases (GRegex patterns, matched case-insensitively) that suggest the choice for
 * an answer text; NULL or empty when there are none. */
struct _UppChoice
{
  char  *key;
  char  *label;
  char **match;
};

#define UPP_TYPE_CHOICE (upp_choice_get_type ())

GType      upp_choice_get_type (void) G_GNUC_CONST;
UppChoice *upp_choice_new      (const char      *key,
                                const char      *label);
UppChoice *upp_choice_copy     (const UppChoice *choice);
void       upp_choice_free     (UppChoice       *choice);
void       upp_choice_set_match (UppChoice        *choice,
                                 const char * const *match);
/* Compiles one match phrase as every suggestion reads it: case-insensitive, Unicode. */
GRegex    *upp_choice_compile_phrase (const char  *phrase,
                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppChoice, upp_choice_free)

G_END_DECLS

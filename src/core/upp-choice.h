/* upp-choice.h: a coded answer option of a question
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* A coded answer option; its key is stable across template versions and languages. */
struct _UppChoice
{
  char *key;
  char *label;
};

#define UPP_TYPE_CHOICE (upp_choice_get_type ())

GType      upp_choice_get_type (void) G_GNUC_CONST;
UppChoice *upp_choice_new      (const char      *key,
                                const char      *label);
UppChoice *upp_choice_copy     (const UppChoice *choice);
void       upp_choice_free     (UppChoice       *choice);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppChoice, upp_choice_free)

G_END_DECLS

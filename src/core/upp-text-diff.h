/* upp-text-diff.h: what changed between two versions of a text, word by word
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  UPP_TEXT_CHANGE_SAME,
  UPP_TEXT_CHANGE_INSERTED,
  UPP_TEXT_CHANGE_DELETED,
} UppTextChangeKind;

typedef struct
{
  UppTextChangeKind  kind;
  char              *text;
} UppTextChange;

void           upp_text_change_free (UppTextChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppTextChange, upp_text_change_free)

/* The newer text as a run of pieces that both have, that only the newer has (inserted) and
 * that only the older had (deleted), compared by words, so that reading the pieces in order
 * gives both texts back. UppTextChange; adjacent pieces are never of the same kind. */
GPtrArray     *upp_text_diff        (const char *older,
                                     const char *newer);

G_END_DECLS

/* upp-conflict-private.h: the conflict's fields, filled in by the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-conflict.h"

G_BEGIN_DECLS

struct _UppConflict
{
  GObject           parent_instance;

  gint64            id;
  UppConflictKind   kind;
  char             *answer_uuid;
  char             *round_uuid;
  char             *round_title;
  char             *unit_name;
  char             *question_key;
  char             *question_label;
  char             *mine_text;
  char            **mine_choices;
  char             *mine_modified;
  char             *mine_device;
  char             *theirs_text;
  char            **theirs_choices;
  char             *theirs_modified;
  char             *theirs_device;
};

G_END_DECLS

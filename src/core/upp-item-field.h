/* upp-item-field.h: a typed field beside a question's answer, or a column of a table question
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* Stored in template files by their key strings ("text", "date", …), never by number. */
typedef enum
{
  UPP_FIELD_KIND_TEXT,    /* a short text, e.g. who is responsible */
  UPP_FIELD_KIND_DATE,    /* "YYYY-MM-DD" */
  UPP_FIELD_KIND_PERIOD,  /* free text for a time span, e.g. "2026" or "vt 2027" */
  UPP_FIELD_KIND_NUMBER,
  UPP_FIELD_KIND_CHOICE,  /* one of its choices */
  UPP_N_FIELD_KINDS
} UppFieldKind;

/* A field of an item (Ansvar, Tid) or a column of a table question (Mål, Aktivitet).
 * choices holds UppChoice for kind choice, copied from the template's choice set when
 * choice_set names one (the set is what the template file keeps); empty otherwise. */
struct _UppItemField
{
  char         *key;
  char         *label;
  UppFieldKind  kind;
  char         *choice_set;
  GPtrArray    *choices;
};

#define UPP_TYPE_ITEM_FIELD (upp_item_field_get_type ())

GType         upp_item_field_get_type      (void) G_GNUC_CONST;
UppItemField *upp_item_field_new           (const char         *key,
                                            const char         *label,
                                            UppFieldKind        kind);
UppItemField *upp_item_field_copy          (const UppItemField *field);
void          upp_item_field_free          (UppItemField       *field);
/* The choice with this key, or NULL. */
const UppChoice *upp_item_field_find_choice (const UppItemField *field,
                                             const char         *key);

const char   *upp_field_kind_to_key        (UppFieldKind        kind);
gboolean      upp_field_kind_from_key      (const char         *key,
                                            UppFieldKind       *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppItemField, upp_item_field_free)

G_END_DECLS

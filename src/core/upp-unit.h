/* upp-unit.h: a respondent unit: a municipality, a group of them, or another body
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-enums.h"
#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_UNIT (upp_unit_get_type ())

G_DECLARE_FINAL_TYPE (UppUnit, upp_unit, UPP, UNIT, GObject)

/* A new unit not yet stored (id 0) with a fresh uuid. */
UppUnit     *upp_unit_new                 (const char   *name,
                                           const char   *region_code,
                                           UppUnitKind   kind);
gint64       upp_unit_get_id              (UppUnit      *self);
void         upp_unit_set_id              (UppUnit      *self,
                                           gint64        id);
const char  *upp_unit_get_uuid            (UppUnit      *self);
void         upp_unit_set_uuid            (UppUnit      *self,
                                           const char   *uuid);
const char  *upp_unit_get_name            (UppUnit      *self);
void         upp_unit_set_name            (UppUnit      *self,
                                           const char   *name);
const char  *upp_unit_get_region_code     (UppUnit      *self);
UppUnitKind  upp_unit_get_kind            (UppUnit      *self);
void         upp_unit_set_kind            (UppUnit      *self,
                                           UppUnitKind   kind);
/* Optional label of a part of the county, e.g. Östergötland's "västra". */
const char  *upp_unit_get_sub_area        (UppUnit      *self);
void         upp_unit_set_sub_area        (UppUnit      *self,
                                           const char   *sub_area);
/* SCB codes of the member municipalities; NULL-terminated, borrowed. */
const char * const *upp_unit_get_member_codes (UppUnit  *self);
void         upp_unit_set_member_codes    (UppUnit      *self,
                                           const char * const *codes);
void         upp_unit_add_member_code     (UppUnit      *self,
                                           const char   *code);
/* For g_ptr_array_sort (): by name in the user's collation, the order of every unit list. */
int          upp_unit_compare_by_name     (gconstpointer  a,
                                           gconstpointer  b);

G_END_DECLS

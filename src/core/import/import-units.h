/* import-units.h: turns a unit name as written ("Södra (Avesta och Hedemora") into a unit
 * with its member municipalities from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-import-result.h"
#include "upp-types.h"

G_BEGIN_DECLS

/* The unit name a table's cell gives, on one line: a name cell of two lines in Word or Excel
 * ("Södra\n(Avesta och Hedemora") is one name, with a space for the line break. */
char    *upp_import_units_dup_name (const char      *cell);

/* Finds the unit of this name among existing (UppUnit *, may be NULL), or makes a new unit
 * (id 0) whose members are the register municipalities named in it: a municipality alone, a
 * list ("Mora, Orsa och Älvdalen") or a label with a list in parentheses. municipalities are
 * the region's UppMunicipality. Names it cannot match are added to result's warnings. */
UppUnit *upp_import_units_match (const char      *name,
                                 const char      *region_code,
                                 GPtrArray       *municipalities,
                                 GPtrArray       *existing_units,
                                 UppImportResult *result);

G_END_DECLS

/* upp-municipality.h: a Swedish municipality from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_MUNICIPALITY (upp_municipality_get_type ())

G_DECLARE_FINAL_TYPE (UppMunicipality, upp_municipality, UPP, MUNICIPALITY, GObject)

UppMunicipality *upp_municipality_new             (const char      *code,
                                                   const char      *name,
                                                   const char      *region_code);
/* The four-digit SCB municipality code, e.g. "2080" for Falun. */
const char      *upp_municipality_get_code        (UppMunicipality *self);
const char      *upp_municipality_get_name        (UppMunicipality *self);
const char      *upp_municipality_get_region_code (UppMunicipality *self);

G_END_DECLS

/* upp-region.h: a Swedish county and its regional authority, from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "upp-types.h"

G_BEGIN_DECLS

#define UPP_TYPE_REGION (upp_region_get_type ())

G_DECLARE_FINAL_TYPE (UppRegion, upp_region, UPP, REGION, GObject)

UppRegion  *upp_region_new            (const char *code,
                                       const char *name,
                                       const char *county);
/* The two-digit SCB county code, e.g. "20" for Dalarna. */
const char *upp_region_get_code       (UppRegion  *self);
/* The regional authority, e.g. "Region Dalarna". */
const char *upp_region_get_name       (UppRegion  *self);
/* The county, e.g. "Dalarnas län". */
const char *upp_region_get_county     (UppRegion  *self);

G_END_DECLS

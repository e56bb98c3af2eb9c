/* upp-region.c: a Swedish county and its regional authority, from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-region"

#include "config.h"

#include "upp-region.h"
#include "upp-register-record-private.h"

/* Code, name and county, read-only; the class is written like UppMunicipality's. */
UPP_DEFINE_REGISTER_RECORD (UppRegion, upp_region, REGION, county, "county")

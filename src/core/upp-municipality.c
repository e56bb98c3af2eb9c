/* upp-municipality.c: a Swedish municipality from the register
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-municipality"

#include "config.h"

#include "upp-municipality.h"
#include "upp-register-record-private.h"

/* Code, name and region code, read-only; the class is written like UppRegion's. */
UPP_DEFINE_REGISTER_RECORD (UppMunicipality, upp_municipality, MUNICIPALITY, region_code,
                            "region-code")

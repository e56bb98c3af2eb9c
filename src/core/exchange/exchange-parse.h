/* exchange-parse.h: reading an exchange file and checking every field of it, into memory,
 * before anything is written
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "exchange-common.h"
#include "upp-store-exchange.h"

G_BEGIN_DECLS

/* The contents of an exchange file, every field checked, with the templates its rounds use
 * resolved (from the file or the database). Only looks the database up; name is used in
 * messages. NULL with error set (mostly UPP_EXCHANGE_ERROR) when anything is wrong. */
UppExchangeData *upp_exchange_parse  (UppStore    *store,
                                      const char  *name,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);

G_END_DECLS

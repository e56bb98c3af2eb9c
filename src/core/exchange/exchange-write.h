/* exchange-write.h: writing rounds to exchange files for another laptop
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "exchange-common.h"

G_BEGIN_DECLS

/* The exchange JSON of one round (uuid or unique prefix), or of every round, unit and
 * template when round_id is NULL. unit_uuids, when not NULL, limits a round to those units.
 * Records the written versions as shared, so later edits are recognised as changes since. */
char     *upp_exchange_write_string  (UppStore            *store,
                                      const char          *round_id,
                                      const char * const  *unit_uuids,
                                      gsize               *length,
                                      GError             **error);
/* The same, written to path through a temporary file and a rename. */
gboolean  upp_exchange_export_file   (UppStore            *store,
                                      const char          *round_id,
                                      const char * const  *unit_uuids,
                                      const char          *path,
                                      GError             **error);

/* The same, encrypted with passphrase (exchange-crypt.h). */
gboolean  upp_exchange_export_file_encrypted (UppStore            *store,
                                              const char          *round_id,
                                              const char * const  *unit_uuids,
                                              const char          *path,
                                              const char          *passphrase,
                                              GError             **error);

G_END_DECLS

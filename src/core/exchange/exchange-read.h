/* exchange-read.h: reading exchange files and merging them without losing an answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "exchange-common.h"

G_BEGIN_DECLS

typedef enum
{
  UPP_EXCHANGE_IMPORT_DEFAULT   = 0,
  /* Works out what the import would do and changes nothing (a rolled-back transaction). */
  UPP_EXCHANGE_IMPORT_DRY_RUN   = 1 << 0,
  /* No backup before the import (tests and the fuzzer). */
  UPP_EXCHANGE_IMPORT_NO_BACKUP = 1 << 1,
} UppExchangeImportFlags;

/* Reads and checks the whole file before anything is written, backs the database up, then
 * merges in one transaction: new objects are added, objects changed on one side only since
 * the two last shared are updated, answers changed on both sides are kept as conflicts.
 * On any error the database is exactly as before and the message names the file. */
UppExchangeSummary *upp_exchange_import_file  (UppStore                *store,
                                               const char              *path,
                                               UppExchangeImportFlags   flags,
                                               GError                 **error);
/* The same for a file that may be encrypted (exchange-crypt.h) with passphrase; NULL
 * refuses an encrypted file with UPP_EXCHANGE_ERROR_ENCRYPTED. */
UppExchangeSummary *upp_exchange_import_file_with_passphrase (UppStore               *store,
                                                              const char             *path,
                                                              const char             *passphrase,
                                                              UppExchangeImportFlags  flags,
                                                              GError                **error);
/* The same for contents already in memory; name is used in messages. */
UppExchangeSummary *upp_exchange_import_data  (UppStore                *store,
                                               const char              *name,
                                               const char              *data,
                                               gsize                    length,
                                               UppExchangeImportFlags   flags,
                                               GError                 **error);

G_END_DECLS

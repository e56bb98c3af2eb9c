/* exchange-crypt.h: exchange files encrypted with a passphrase
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The file name ending of an encrypted exchange file. */
#define UPP_EXCHANGE_ENCRYPTED_SUFFIX ".uppkrypt"

/* Whether data begins as an encrypted exchange file of any format version does (the name
 * in its clear header). */
gboolean  upp_exchange_is_encrypted     (const char  *data,
                                         gsize        length);
/* data encrypted with a key derived from passphrase: a clear header naming the format and
 * its version, the key derivation's salt and costs, then the data in authenticated chunks
 * (libsodium: Argon2id, XChaCha20-Poly1305 secretstream). */
GBytes   *upp_exchange_encrypt          (const char  *data,
                                         gsize        length,
                                         const char  *passphrase,
                                         GError     **error);
/* The data back, or NULL with UPP_EXCHANGE_ERROR_DAMAGED (a wrong passphrase, a changed or
 * cut-short file: one line, naming the file as name). */
char     *upp_exchange_decrypt          (const char  *name,
                                         const char  *data,
                                         gsize        length,
                                         const char  *passphrase,
                                         gsize       *decrypted_length,
                                         GError     **error);
/* The passphrase in the file at path: its first line. Refused when empty. */
char     *upp_exchange_read_passphrase  (const char  *path,
                                         GError     **error);

G_END_DECLS

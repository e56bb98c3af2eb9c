/* upp-text.h: reading a text file an import was given, in whatever encoding it was saved
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define UPP_TEXT_ERROR (upp_text_error_quark ())

typedef enum
{
  UPP_TEXT_ERROR_UNREADABLE,
  UPP_TEXT_ERROR_TOO_LARGE,
  UPP_TEXT_ERROR_EMPTY,
  UPP_TEXT_ERROR_BINARY,     /* a NUL byte: not a text file */
  UPP_TEXT_ERROR_ENCODING,   /* mostly UTF-8 with a bad byte, or bytes no encoding has */
} UppTextError;

/* Larger than any real table; protects against being handed a disk image by mistake. */
#define UPP_TEXT_MAX_SIZE (64 * 1024 * 1024)

GQuark  upp_text_error_quark    (void);

/* The text as UTF-8 without a byte order mark: UTF-8 (with or without BOM), UTF-16 LE or BE
 * with BOM, or Windows-1252 (older Swedish Excel and Word) when no byte sequence in it is
 * UTF-8 beyond ASCII. A file that is UTF-8 but for a bad byte, or that holds a NUL, is
 * refused with the line and byte offset of the first bad byte. encoding is set to "UTF-8",
 * "UTF-16" or "WINDOWS-1252". */
char   *upp_text_decode         (const char   *data,
                                 gsize         length,
                                 const char  **encoding,
                                 GError      **error);

/* The file's bytes (NUL-terminated) unless it is unreadable, empty or larger than
 * UPP_TEXT_MAX_SIZE; errors name the file. */
char   *upp_text_load_file      (GFile        *file,
                                 gsize        *length,
                                 GError      **error);

/* Puts the file's name before an error's message and keeps the message to one line of
 * reasonable length, whatever text it quotes from the file. */
void    upp_text_error_add_file (GError      **error,
                                 GFile        *file);

G_END_DECLS

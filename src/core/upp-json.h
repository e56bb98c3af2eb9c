/* upp-json.h: JSON from outside the app, checked on the raw bytes before json-glib parses it,
 * and shorthands for the JSON the app writes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define UPP_JSON_ERROR (upp_json_error_quark ())

typedef enum
{
  UPP_JSON_ERROR_ENCODING,   /* not UTF-8 */
  UPP_JSON_ERROR_EMPTY,      /* nothing but white space */
  UPP_JSON_ERROR_NOT_JSON,   /* does not start with an object or a list */
  UPP_JSON_ERROR_TRUNCATED,  /* ends inside a value: most likely cut short */
  UPP_JSON_ERROR_INVALID,    /* anything else that is not strict JSON, or nested too deep */
} UppJsonError;

/* Exchange files nest 8 deep and templates 7; json-glib parses recursively, so a file
 * nested 100 000 deep would overflow the stack. 32 leaves room for later formats. */
#define UPP_JSON_MAX_DEPTH 32

GQuark      upp_json_error_quark (void);

/* Parses data as strict JSON (RFC 8259), after a UTF-8 byte order mark if there is one.
 * Refused before json-glib sees them: invalid UTF-8, nesting deeper than
 * UPP_JSON_MAX_DEPTH, anything after the value, control characters inside strings, and
 * the escapes \u0000 and unpaired surrogates (json-glib would store invalid UTF-8 or cut
 * the text at the NUL). So every string of the result is valid UTF-8 without NUL.
 * The error message is one line that says where and what, without the file's name. */
JsonParser *upp_json_parse       (const char  *data,
                                  gsize        length,
                                  GError     **error);

/* Builder shorthands for the files and output the app writes: a member and its value. A NULL
 * string is written as "", a NULL list as []. */
void        upp_json_add_string  (JsonBuilder        *builder,
                                  const char         *name,
                                  const char         *value);
void        upp_json_add_int     (JsonBuilder        *builder,
                                  const char         *name,
                                  gint64              value);
void        upp_json_add_strv    (JsonBuilder        *builder,
                                  const char         *name,
                                  const char * const *values);

G_END_DECLS

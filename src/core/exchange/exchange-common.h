/* exchange-common.h: what the exchange reader and writer share: the error domain, the file
 * format and its limits, the import summary
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "upp-store-exchange.h"

G_BEGIN_DECLS

#define UPP_EXCHANGE_ERROR (upp_exchange_error_quark ())

typedef enum
{
  UPP_EXCHANGE_ERROR_UNREADABLE,       /* missing, unreadable, empty or too large */
  UPP_EXCHANGE_ERROR_ENCODING,         /* not UTF-8 */
  UPP_EXCHANGE_ERROR_NOT_JSON,         /* not JSON, or truncated or invalid JSON */
  UPP_EXCHANGE_ERROR_WRONG_FORMAT,     /* JSON, but not an exchange file */
  UPP_EXCHANGE_ERROR_NEWER_VERSION,    /* an exchange file from a newer version of the app */
  UPP_EXCHANGE_ERROR_DAMAGED,          /* a field missing or of the wrong type */
  UPP_EXCHANGE_ERROR_UNKNOWN_TEMPLATE, /* a round's template is neither in file nor database */
  UPP_EXCHANGE_ERROR_UNKNOWN_REGION,   /* a region or municipality code not in the register */
  UPP_EXCHANGE_ERROR_NOT_FOUND,        /* no such round or conflict */
  UPP_EXCHANGE_ERROR_ENCRYPTED,        /* encrypted, and no passphrase was given */
} UppExchangeError;

/* An exchange file is UTF-8 JSON:
 *
 *   { "format": "uppfoljning-exchange", "format_version": 1,
 *     "device": "<uuid of the exporting database>", "exported": "<ISO 8601 UTC>",
 *     "device_name": "<what its user calls that computer>" (optional: older files and
 *                    computers not yet named have none, and are shown by their device id),
 *     "templates": [ <the full template JSON, as in data/templates/lok.json>, … ],
 *     "regions": [ { "code": "20", "units": [ { "uuid", "name", "kind", "sub_area",
 *                                               "modified", "members": ["2080", …] } ] } ],
 *     "rounds": [ { "uuid", "year", "region", "title", "template": "<template uuid>",
 *                   "created", "modified",
 *                   "texts": [ { "key", "text", "modified" } ],
 *                   "responses": [ { "uuid", "unit": "<unit uuid>", "position", "status",
 *                                    "interview_date", "mode", "participant_count",
 *                                    "participant_roles", "duration_minutes", "check_sent",
 *                                    "check_approved", "modified", "device", "history",
 *                                    "answers": [ { "uuid", "question", "text",
 *                                                   "choices": ["signed"], "modified",
 *                                                   "device", "history" } ] } ] } ] }
 *
 * "history" lists the versions ("<modified> <device>") the value descends from, so the
 * reader can tell a change on one side from changes on both. Identifiers and devices are
 * lowercase UUIDs, times UTC as "2025-10-14T09:30:00.123456Z" (compared as text), an
 * interview date "2025-10-14" or "".
 *
 * Since schema 3 a unit and a response may also carry "versions": [ { "field", "modified",
 * "device", "history" } ], the version of each field (a unit's "name", a response's
 * interview details) that changed since the round was made, so each merges on its own; and
 * a round may carry "removed_units": [ { "unit", "modified", "device", "known": [ids] } ],
 * the units taken out of it with the removed response's uuid and every version of its answers
 * and details the remover had seen. All three are optional, so files of older versions of the
 * app still read (their interview details count as changed together), and the format
 * version stayed 1: an older app ignored them and merged as it always did.
 *
 * Since schema 5 a file may also carry the codebooks of its rounds' regions and the coding
 * of its answers, all optional as well:
 *
 *   "themes": [ { "uuid", "region", "name", "description", "kind": "promoting", "parent":
 *                 "<theme uuid>" or "", "colour": "#2a7fff" or "", "retired": false,
 *                 "merged_into": "<theme uuid>" or "", "modified", "device",
 *                 "versions": [ { "field": "name", … } ] } ],
 *   "codings": [ { "uuid", "answer": "<answer uuid>", "theme": "<theme uuid>", "start",
 *                  "end", "anchor": "the passage's text", "flagged": false, "quote": false,
 *                  "modified", "device" } ],
 *   "removed_codings": [ { "uuid", "modified", "device" } ]
 *
 * A theme's fields (name, kind, description, colour, parent, retired) carry versions as a
 * unit's name does; start and end count characters of the answer's text in the file.
 *
 * Since schema 8 an answer may carry who saved it and its earlier values, newest
 * UPP_EXCHANGE_MAX_ANSWER_VERSIONS at most, for its history (optional: an older app ignores
 * them):
 *
 *   answer: "author": "Anna Berg", "earlier": [ { "text", "choices", "modified", "device",
 *                                                 "author", "origin": "edit" } ]
 *
 * Format version 2 (schema 6) adds the agreements register of each unit and the further
 * interviews of each response, and the first interview's length and respondent check
 * ("duration_minutes", "check_sent", "check_approved", also as detail "versions"):
 *
 *   unit:     "agreements": [ { "uuid", "name", "kind": "lok"|"rok"|"other", "status":
 *                               "in_force"|"in_preparation"|"under_revision"|"ended",
 *                               "signed", "valid_from", "valid_to", "note", "removed",
 *                               "modified", "device" } ]
 *   response: "interviews": [ { "uuid", "date", "mode", "duration_minutes",
 *                               "participant_count", "participant_roles", "note", "removed",
 *                               "modified", "device" } ]
 *
 * Each merges as a whole: the later ("modified", then "device") wins, a removal included.
 * The version went up because a version-1 reader refuses the new detail versions with a
 * message about an unknown field; now it says the file is from a newer version. Files of
 * version 1 still read: they have none of the new members. */
#define UPP_EXCHANGE_FORMAT         "uppfoljning-exchange"
#define UPP_EXCHANGE_FORMAT_VERSION 2
/* The oldest format version this build reads. */
#define UPP_EXCHANGE_OLDEST_FORMAT_VERSION 1
/* Limits on what a file may hold, so that a damaged or forged file cannot fill the disk:
 * larger files are refused before they are read (a whole database of twenty years of a
 * large region is a few MB; the database grows by at most about twice the file), and an
 * answer or response may descend from at most UPP_EXCHANGE_MAX_HISTORY versions (each
 * exchange adds one or two; a forged file with 1.5 million grew a database to 182 MB). */
#define UPP_EXCHANGE_MAX_FILE_SIZE  (64 * 1024 * 1024)
#define UPP_EXCHANGE_MAX_HISTORY    1000
/* An answer's earlier values: UPP_EXCHANGE_MAX_ANSWER_VERSIONS (upp-store-exchange.h). */
/* A unit's register and a round's interviews with a unit are short lists; a file with more
 * is damaged or forged. Names and notes are bounded in characters for the same reason. */
#define UPP_EXCHANGE_MAX_AGREEMENTS 1000
#define UPP_EXCHANGE_MAX_INTERVIEWS 100
#define UPP_EXCHANGE_MAX_NAME_CHARS 1000
#define UPP_EXCHANGE_MAX_NOTE_CHARS 100000

GQuark              upp_exchange_error_quark        (void);

UppExchangeSummary *upp_exchange_summary_new        (void);
void                upp_exchange_summary_free       (UppExchangeSummary *self);
/* Whether the import changes nothing at all. */
gboolean            upp_exchange_summary_is_empty   (UppExchangeSummary *self);
/* "3 units added, 12 answers updated, 1 conflict", or "Nothing new" when empty. */
char               *upp_exchange_summary_to_string  (UppExchangeSummary *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppExchangeSummary, upp_exchange_summary_free)

G_END_DECLS

/* upp-util.h: small helpers shared by the core (GLib 2.74 has no g_set_str)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces *str_pointer by a copy of new_str; TRUE when the value changed. */
gboolean  upp_set_str            (char       **str_pointer,
                                  const char  *new_str);
/* A new random UUID in its canonical lower-case form. */
char     *upp_new_uuid           (void);
/* The current time as an ISO 8601 UTC string with milliseconds, sortable as text. */
char     *upp_now_iso8601        (void);
/* Whether text is a real date written "YYYY-MM-DD", as the form, the files and the store
 * keep dates. */
gboolean  upp_is_iso_date        (const char  *text);
/* Whether typing on can still make text a date written "YYYY-MM-DD": "2026-0" can, "2026-13"
 * and "26.3" cannot. A date half typed is not marked as wrong while this holds. */
gboolean  upp_is_iso_date_prefix (const char  *text);
/* Whether text is NULL or holds only white space. */
gboolean  upp_str_is_blank       (const char  *text);
/* A copy of text without white space at its end (answers keep leading indentation). */
char     *upp_strdup_chomped     (const char  *text);
/* A copy for comparing what people write with a label: casefolded, runs of white space (also
 * no-break spaces) as one space, without white space at either end or ?.:! at the end. */
char     *upp_str_fold_for_matching (const char *text,
                                     gssize      length);
/* A key for what text names, as templates need them (a–z, digits, "_"): its first words,
 * lower case, without diacritics ("Ansvarsgränser och rutiner" → "ansvarsgranser_och_rutiner"),
 * at most 32 characters; fallback when text has no letter or digit; made unique with "_2",
 * "_3", … against the keys in taken (a set of strings; NULL for none). */
char     *upp_key_from_text      (const char  *text,
                                  const char  *fallback,
                                  GHashTable  *taken);
/* Makes the core's resources (register, built-in template, example table) available under
 * resource:///se/uppfoljning/core/; safe to call many times. A static library's resource
 * constructor would be dropped by the linker, so registration is explicit. */
void      upp_core_register_resources (void);
/* Sets up the C library's allocator for how the app and the CLI use memory; called first
 * in main (). */
void      upp_core_tune_allocator (void);
/* Where the translations are: $UPP_LOCALEDIR when set; else the installed ones, or, in a
 * build that is not installed, build_locale_dir (the build folder's po/), so build-aux/run,
 * the CLI from the build tree and the tests speak Swedish without installing. */
const char *upp_core_find_locale_dir (const char *build_locale_dir);

G_END_DECLS

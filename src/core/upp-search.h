/* upp-search.h: full-text search of answers: the query a user types, filters, and each hit
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "upp-types.h"

G_BEGIN_DECLS

/* What a user typed: words that must all occur in an answer, "a phrase in quotes" that must
 * occur as it is. Case is ignored, å, ä and ö are letters of their own, and a word is found
 * inside a longer one (Swedish compounds). No text is a syntax error. */
typedef struct _UppSearchQuery UppSearchQuery;

UppSearchQuery *upp_search_query_new        (const char           *text);
UppSearchQuery *upp_search_query_ref        (UppSearchQuery       *self);
void            upp_search_query_unref      (UppSearchQuery       *self);
/* Whether the text has no words to look for. */
gboolean        upp_search_query_is_empty   (const UppSearchQuery *self);
/* An FTS5 MATCH expression with every word and phrase quoted, or NULL when no word is long
 * enough for the trigram index (under three characters): then every answer is a candidate. */
/* Whether every word is long enough for the index, so that what it finds needs no check. */
gboolean        upp_search_query_is_indexed (const UppSearchQuery *self);
char           *upp_search_query_dup_match  (const UppSearchQuery *self);
/* Whether every word and phrase occurs in text; matches, when not NULL, gets the places of
 * all their occurrences in characters, as pairs of start and end, in order and not
 * overlapping. */
gboolean        upp_search_query_find       (const UppSearchQuery *self,
                                             const char           *text,
                                             GArray              **matches);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UppSearchQuery, upp_search_query_unref)

/* Narrows a search; 0 and NULL fields match everything. */
typedef struct
{
  int         year;
  const char *region_code;
  const char *unit_name;     /* the unit's name, case ignored */
  const char *question_key;
  const char *theme_uuid;    /* answers with a passage coded with the theme */
} UppSearchFilter;

typedef enum
{
  UPP_SEARCH_HIT_ANSWER,
  UPP_SEARCH_HIT_INTERVIEW_NOTE,  /* the note of one of the unit's interviews in the round */
  UPP_SEARCH_HIT_THEME,           /* a theme of a region's codebook: its name and description */
  UPP_SEARCH_HIT_REPORT_TEXT,     /* one of the round's report texts (UPP_REPORT_TEXT_*) */
} UppSearchHitKind;

/* The kind's name in the CLI's output: "answer", "interview-note", "theme", "report-text". */
const char      *upp_search_hit_kind_to_string    (UppSearchHitKind  kind);

#define UPP_TYPE_SEARCH_HIT (upp_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (UppSearchHit, upp_search_hit, UPP, SEARCH_HIT, GObject)

/* One answer (or interview note, theme, report text) that matches query; the places of the
 * matches are found when first asked for. A note has no question key and answer_uuid is the
 * interview's. A theme has no round, unit or question (""): answer_uuid is the theme's, its
 * text its name, a line break and its description. A report text has no unit ("") and its
 * question_key is the text's key. */
UppSearchHit    *upp_search_hit_new               (const char       *round_uuid,
                                                   const char       *round_title,
                                                   int               year,
                                                   const char       *region_code,
                                                   const char       *unit_uuid,
                                                   const char       *unit_name,
                                                   const char       *response_uuid,
                                                   const char       *question_key,
                                                   const char       *answer_uuid,
                                                   const char       *text,
                                                   UppSearchHitKind  kind,
                                                   UppSearchQuery   *query);
UppSearchHitKind upp_search_hit_get_kind          (UppSearchHit     *self);
const char      *upp_search_hit_get_round_uuid    (UppSearchHit     *self);
const char      *upp_search_hit_get_round_title   (UppSearchHit     *self);
int              upp_search_hit_get_year          (UppSearchHit     *self);
const char      *upp_search_hit_get_region_code   (UppSearchHit     *self);
const char      *upp_search_hit_get_unit_uuid     (UppSearchHit     *self);
const char      *upp_search_hit_get_unit_name     (UppSearchHit     *self);
const char      *upp_search_hit_get_response_uuid (UppSearchHit     *self);
const char      *upp_search_hit_get_question_key  (UppSearchHit     *self);
const char      *upp_search_hit_get_answer_uuid   (UppSearchHit     *self);
/* The answer's (or note's) whole text. */
const char      *upp_search_hit_get_text          (UppSearchHit     *self);
/* The first match, in characters of the text: what the form selects. */
glong            upp_search_hit_get_match_start   (UppSearchHit     *self);
glong            upp_search_hit_get_match_end     (UppSearchHit     *self);
/* The passage around the first match on one line, every match in it between before and
 * after, "…" where the text was cut; with escape_markup the text is escaped for Pango
 * markup (before and after are not). */
char            *upp_search_hit_dup_snippet       (UppSearchHit     *self,
                                                   const char       *before,
                                                   const char       *after,
                                                   gboolean          escape_markup);

G_END_DECLS

/* upp-search.c: full-text search of answers, notes, themes and report texts: the query a user
 * types, filters, and each hit
 *
 * The store finds candidates with its trigram index (upp-store-search.c); this file says
 * what a query means and places its matches in a hit's text, for the snippet and the form's
 * selection, and checks the candidates of words too short for the index.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-search"

#include "config.h"

#include <string.h>

#include "upp-search.h"

/* The trigram tokenizer cannot look up anything shorter. */
#define SHORTEST_INDEXED_TERM 3

/* Characters of context before the first match in a snippet, and its whole length. */
#define SNIPPET_BEFORE 40
#define SNIPPET_LENGTH 160

struct _UppSearchQuery
{
  GPtrArray *terms;         /* char *: words and phrases as typed */
  GPtrArray *folded_terms;  /* gunichar *: the same in lower case, 0-terminated */
  GArray    *folded_lengths;
};

/* Lower case one character at a time, so that places in the folded text are places in the
 * text (g_utf8_casefold() may change the length). */
static gunichar *
fold (const char *text,
      glong      *length)
{
  gunichar *chars = g_utf8_to_ucs4_fast (text, -1, length);

  for (glong i = 0; i < *length; i++)
    chars[i] = g_unichar_tolower (chars[i]);
  return chars;
}

static void
add_term (UppSearchQuery *self,
          GString        *term)
{
  g_autofree char *stripped = g_strstrip (g_strdup (term->str));
  glong length = 0;

  g_string_truncate (term, 0);
  if (*stripped == '\0')
    return;
  g_ptr_array_add (self->folded_terms, fold (stripped, &length));
  g_array_append_val (self->folded_lengths, length);
  g_ptr_array_add (self->terms, g_steal_pointer (&stripped));
}

UppSearchQuery *
upp_search_query_new (const char *text)
{
  UppSearchQuery *self = g_rc_box_new0 (UppSearchQuery);
  g_autoptr(GString) term = g_string_new (NULL);
  gboolean in_phrase = FALSE;

  self->terms = g_ptr_array_new_with_free_func (g_free);
  self->folded_terms = g_ptr_array_new_with_free_func (g_free);
  self->folded_lengths = g_array_new (FALSE, FALSE, sizeof (glong));

  /* An unbalanced quote makes the rest one phrase, as a user who forgot to close it meant. */
  for (const char *p = text ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"')
        {
          add_term (self, term);
          in_phrase = !in_phrase;
        }
      else if (g_unichar_isspace (c) && !in_phrase)
        add_term (self, term);
      else
        g_string_append_unichar (term, g_unichar_isspace (c) ? ' ' : c);
    }
  add_term (self, term);
  return self;
}

UppSearchQuery *
upp_search_query_ref (UppSearchQuery *self)
{
  return g_rc_box_acquire (self);
}

static void
query_clear (gpointer data)
{
  UppSearchQuery *self = data;

  g_ptr_array_unref (self->terms);
  g_ptr_array_unref (self->folded_terms);
  g_array_unref (self->folded_lengths);
}

void
upp_search_query_unref (UppSearchQuery *self)
{
  if (self != NULL)
    g_rc_box_release_full (self, query_clear);
}

gboolean
upp_search_query_is_indexed (const UppSearchQuery *self)
{
  for (guint i = 0; i < self->folded_lengths->len; i++)
    if (g_array_index (self->folded_lengths, glong, i) < SHORTEST_INDEXED_TERM)
      return FALSE;
  return TRUE;
}

gboolean
upp_search_query_is_empty (const UppSearchQuery *self)
{
  return self->terms->len == 0;
}

char *
upp_search_query_dup_match (const UppSearchQuery *self)
{
  g_autoptr(GString) match = g_string_new (NULL);

  /* Every term is an FTS5 string (quotes doubled inside), so AND, NEAR(, *, - and the like
   * are only text; strings side by side must all match. */
  for (guint i = 0; i < self->terms->len; i++)
    {
      const char *term = self->terms->pdata[i];

      if (g_array_index (self->folded_lengths, glong, i) < SHORTEST_INDEXED_TERM)
        continue;
      if (match->len > 0)
        g_string_append_c (match, ' ');
      g_string_append_c (match, '"');
      for (const char *p = term; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (match, '"');
          g_string_append_c (match, *p);
        }
      g_string_append_c (match, '"');
    }
  if (match->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&match), FALSE);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const glong *x = a;
  const glong *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? 1 : (x[1] > y[1] ? -1 : 0);
}

gboolean
upp_search_query_find (const UppSearchQuery  *self,
                       const char            *text,
                       GArray               **matches)
{
  g_autofree gunichar *folded = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (glong) * 2);
  g_autoptr(GArray) merged = NULL;
  glong length = 0;

  if (matches != NULL)
    *matches = NULL;
  if (upp_search_query_is_empty (self) || text == NULL)
    return FALSE;

  folded = fold (text, &length);
  for (guint i = 0; i < self->terms->len; i++)
    {
      const gunichar *term = self->folded_terms->pdata[i];
      glong term_length = g_array_index (self->folded_lengths, glong, i);
      gboolean found = FALSE;

      for (glong start = 0; start + term_length <= length; start++)
        {
          glong range[2] = { start, start + term_length };

          if (memcmp (folded + start, term, term_length * sizeof (gunichar)) != 0)
            continue;
          found = TRUE;
          g_array_append_val (ranges, range);
        }
      if (!found)
        return FALSE;
    }

  if (matches == NULL)
    return TRUE;

  /* Overlapping matches of different terms become one marked passage. */
  g_array_sort (ranges, compare_ranges);
  merged = g_array_new (FALSE, FALSE, sizeof (glong) * 2);
  for (guint i = 0; i < ranges->len; i++)
    {
      glong *range = (glong *) (ranges->data + i * 2 * sizeof (glong));
      glong *last = merged->len > 0
                    ? (glong *) (merged->data + (merged->len - 1) * 2 * sizeof (glong)) : NULL;

      if (last != NULL && range[0] <= last[1])
        last[1] = MAX (last[1], range[1]);
      else
        g_array_append_vals (merged, range, 1);
    }
  *matches = g_steal_pointer (&merged);
  return TRUE;
}

/* ---- hits ----------------------------------------------------------------------------- */

struct _UppSearchHit
{
  GObject           parent_instance;

  char             *round_uuid;
  char             *round_title;
  int               year;
  char             *region_code;
  char             *unit_uuid;
  char             *unit_name;
  char             *response_uuid;
  char             *question_key;
  char             *answer_uuid;
  char             *text;
  UppSearchHitKind  kind;
  UppSearchQuery   *query;
  GArray           *matches;  /* glong pairs: start, end in characters; NULL until asked */
};

G_DEFINE_FINAL_TYPE (UppSearchHit, upp_search_hit, G_TYPE_OBJECT)

static void
upp_search_hit_finalize (GObject *object)
{
  UppSearchHit *self = (UppSearchHit *)object;

  g_clear_pointer (&self->round_uuid, g_free);
  g_clear_pointer (&self->round_title, g_free);
  g_clear_pointer (&self->region_code, g_free);
  g_clear_pointer (&self->unit_uuid, g_free);
  g_clear_pointer (&self->unit_name, g_free);
  g_clear_pointer (&self->response_uuid, g_free);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->answer_uuid, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->query, upp_search_query_unref);

  G_OBJECT_CLASS (upp_search_hit_parent_class)->finalize (object);
}

static void
upp_search_hit_class_init (UppSearchHitClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = upp_search_hit_finalize;
}

static void
upp_search_hit_init (UppSearchHit *self)
{
}

UppSearchHit *
upp_search_hit_new (const char       *round_uuid,
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
                    UppSearchQuery   *query)
{
  UppSearchHit *self = g_object_new (UPP_TYPE_SEARCH_HIT, NULL);

  self->round_uuid = g_strdup (round_uuid);
  self->round_title = g_strdup (round_title);
  self->year = year;
  self->region_code = g_strdup (region_code);
  self->unit_uuid = g_strdup (unit_uuid);
  self->unit_name = g_strdup (unit_name);
  self->response_uuid = g_strdup (response_uuid);
  self->question_key = g_strdup (question_key);
  self->answer_uuid = g_strdup (answer_uuid);
  self->text = g_strdup (text);
  self->kind = kind;
  self->query = upp_search_query_ref (query);
  return self;
}

#define DEFINE_STRING_GETTER(field) \
  const char * \
  upp_search_hit_get_##field (UppSearchHit *self) \
  { \
    g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), NULL); \
    return self->field; \
  }

DEFINE_STRING_GETTER (round_uuid)
DEFINE_STRING_GETTER (round_title)
DEFINE_STRING_GETTER (region_code)
DEFINE_STRING_GETTER (unit_uuid)
DEFINE_STRING_GETTER (unit_name)
DEFINE_STRING_GETTER (response_uuid)
DEFINE_STRING_GETTER (question_key)
DEFINE_STRING_GETTER (answer_uuid)
DEFINE_STRING_GETTER (text)

const char *
upp_search_hit_kind_to_string (UppSearchHitKind kind)
{
  switch (kind)
    {
    case UPP_SEARCH_HIT_INTERVIEW_NOTE:
      return "interview-note";
    case UPP_SEARCH_HIT_THEME:
      return "theme";
    case UPP_SEARCH_HIT_REPORT_TEXT:
      return "report-text";
    case UPP_SEARCH_HIT_ANSWER:
    default:
      return "answer";
    }
}

UppSearchHitKind
upp_search_hit_get_kind (UppSearchHit *self)
{
  g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), UPP_SEARCH_HIT_ANSWER);
  return self->kind;
}

int
upp_search_hit_get_year (UppSearchHit *self)
{
  g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), 0);
  return self->year;
}

/* Most hits are never shown (a long list), so their matches are placed when asked for. */
static GArray *
get_matches (UppSearchHit *self)
{
  if (self->matches == NULL &&
      !upp_search_query_find (self->query, self->text, &self->matches))
    self->matches = g_array_new (FALSE, FALSE, sizeof (glong) * 2);
  return self->matches;
}

static const glong *
match_at (UppSearchHit *self,
          guint         index)
{
  return (const glong *) (get_matches (self)->data + index * 2 * sizeof (glong));
}

glong
upp_search_hit_get_match_start (UppSearchHit *self)
{
  g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), 0);
  return get_matches (self)->len > 0 ? match_at (self, 0)[0] : 0;
}

glong
upp_search_hit_get_match_end (UppSearchHit *self)
{
  g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), 0);
  return get_matches (self)->len > 0 ? match_at (self, 0)[1] : 0;
}

static void
append_chars (GString        *snippet,
              const gunichar *chars,
              glong           from,
              glong           to,
              gboolean        escape_markup)
{
  g_autoptr(GString) plain = g_string_new (NULL);

  /* One line: the list shows a row per hit. */
  for (glong i = from; i < to; i++)
    g_string_append_unichar (plain, g_unichar_isspace (chars[i]) ? ' ' : chars[i]);
  if (escape_markup)
    {
      g_autofree char *escaped = g_markup_escape_text (plain->str, plain->len);
      g_string_append (snippet, escaped);
    }
  else
    g_string_append_len (snippet, plain->str, plain->len);
}

char *
upp_search_hit_dup_snippet (UppSearchHit *self,
                            const char   *before,
                            const char   *after,
                            gboolean      escape_markup)
{
  g_autofree gunichar *chars = NULL;
  GString *snippet;
  glong length = 0;
  glong start, end, place;

  g_return_val_if_fail (UPP_IS_SEARCH_HIT (self), NULL);

  chars = g_utf8_to_ucs4_fast (self->text, -1, &length);
  start = MAX (0, upp_search_hit_get_match_start (self) - SNIPPET_BEFORE);
  end = MIN (length, start + SNIPPET_LENGTH);
  end = MAX (end, MIN (length, upp_search_hit_get_match_end (self)));
  /* Never through a match: half a word in bold reads as a match of its own. */
  for (guint i = 0; i < get_matches (self)->len; i++)
    {
      const glong *match = match_at (self, i);

      if (match[0] < end && match[1] > end)
        end = MIN (length, match[1]);
    }
  /* Cut between words where one is near. */
  for (glong i = start; start > 0 && i > 0 && i > start - 15; i--)
    if (g_unichar_isspace (chars[i - 1]))
      {
        start = i;
        break;
      }
  for (glong i = end; end < length && i < length && i < end + 15; i++)
    if (g_unichar_isspace (chars[i]))
      {
        end = i;
        break;
      }

  snippet = g_string_new (start > 0 ? "…" : NULL);
  place = start;
  for (guint i = 0; i < get_matches (self)->len; i++)
    {
      const glong *match = match_at (self, i);
      glong from = MAX (match[0], place);
      glong to = MIN (match[1], end);

      if (match[1] <= start || from >= end)
        continue;
      append_chars (snippet, chars, place, from, escape_markup);
      g_string_append (snippet, before);
      append_chars (snippet, chars, from, to, escape_markup);
      g_string_append (snippet, after);
      place = to;
    }
  append_chars (snippet, chars, place, end, escape_markup);
  if (end < length)
    g_string_append (snippet, "…");
  return g_string_free (snippet, FALSE);
}

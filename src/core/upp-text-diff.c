/* upp-text-diff.c: what changed between two versions of a text, word by word
 *
 * The longest common subsequence of words (and of the spaces and signs between them), after
 * the common beginning and end are set aside: an edit in the middle of a long answer
 * compares only the middle. Past a bound on the work the middle counts as replaced whole,
 * so a pasted page costs no more than a glance.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-text-diff"

#include "config.h"

#include <string.h>

#include "upp-text-diff.h"

/* Cells of the comparison table at most: 4 MB of work, a few milliseconds. */
#define MAX_CELLS (2000 * 2000)

void
upp_text_change_free (UppTextChange *change)
{
  if (change == NULL)
    return;
  g_free (change->text);
  g_free (change);
}

/* Words (letters and digits), runs of white space, and every other sign on its own. */
static GPtrArray *
split_tokens (const char *text)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = p;
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        {
          while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
        }
      else if (g_unichar_isspace (c))
        {
          while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
        }
      else
        p = g_utf8_next_char (p);
      g_ptr_array_add (tokens, g_strndup (start, p - start));
    }
  return tokens;
}

static void
add_change (GPtrArray         *changes,
            UppTextChangeKind  kind,
            const char        *text)
{
  UppTextChange *last = changes->len > 0 ? g_ptr_array_index (changes, changes->len - 1) : NULL;
  UppTextChange *change;

  if (*text == '\0')
    return;
  if (last != NULL && last->kind == kind)
    {
      char *joined = g_strconcat (last->text, text, NULL);

      g_free (last->text);
      last->text = joined;
      return;
    }
  change = g_new0 (UppTextChange, 1);
  change->kind = kind;
  change->text = g_strdup (text);
  g_ptr_array_add (changes, change);
}

static void
add_tokens (GPtrArray         *changes,
            UppTextChangeKind  kind,
            GPtrArray         *tokens,
            guint              from,
            guint              to)
{
  for (guint i = from; i < to; i++)
    add_change (changes, kind, g_ptr_array_index (tokens, i));
}

/* The middle of both texts, compared by the longest common subsequence. */
static void
diff_middle (GPtrArray *changes,
             GPtrArray *older,
             guint      older_from,
             guint      older_to,
             GPtrArray *newer,
             guint      newer_from,
             guint      newer_to)
{
  guint n = older_to - older_from;
  guint m = newer_to - newer_from;
  g_autofree guint32 *lengths = NULL;
  guint i = 0, j = 0;

  if (n == 0 || m == 0 || (guint64) (n + 1) * (m + 1) > MAX_CELLS)
    {
      add_tokens (changes, UPP_TEXT_CHANGE_DELETED, older, older_from, older_to);
      add_tokens (changes, UPP_TEXT_CHANGE_INSERTED, newer, newer_from, newer_to);
      return;
    }

  /* lengths[i][j]: the longest common run of older[i..] and newer[j..]. */
  lengths = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define AT(a, b) lengths[(gsize) (a) * (m + 1) + (b)]
  for (guint a = n; a-- > 0;)
    for (guint b = m; b-- > 0;)
      {
        if (g_str_equal (g_ptr_array_index (older, older_from + a),
                         g_ptr_array_index (newer, newer_from + b)))
          AT (a, b) = AT (a + 1, b + 1) + 1;
        else
          AT (a, b) = MAX (AT (a + 1, b), AT (a, b + 1));
      }

  while (i < n && j < m)
    {
      const char *old_token = g_ptr_array_index (older, older_from + i);
      const char *new_token = g_ptr_array_index (newer, newer_from + j);

      if (g_str_equal (old_token, new_token))
        {
          add_change (changes, UPP_TEXT_CHANGE_SAME, old_token);
          i++, j++;
        }
      else if (AT (i + 1, j) >= AT (i, j + 1))
        add_change (changes, UPP_TEXT_CHANGE_DELETED, g_ptr_array_index (older, older_from + i++));
      else
        add_change (changes, UPP_TEXT_CHANGE_INSERTED, g_ptr_array_index (newer, newer_from + j++));
    }
#undef AT
  add_tokens (changes, UPP_TEXT_CHANGE_DELETED, older, older_from + i, older_to);
  add_tokens (changes, UPP_TEXT_CHANGE_INSERTED, newer, newer_from + j, newer_to);
}

/* Spaces and signs, no word. */
static gboolean
has_no_word (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Changes with no word between them read as one: "removed words, added words" rather than
 * a word-by-word interleaving when a sentence is rewritten. */
static GPtrArray *
join_nearby_changes (GPtrArray *changes)
{
  GPtrArray *joined = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_text_change_free);
  guint i = 0;

  while (i < changes->len)
    {
      UppTextChange *change = g_ptr_array_index (changes, i);
      g_autoptr(GString) deleted = NULL;
      g_autoptr(GString) inserted = NULL;
      guint end = i;

      if (change->kind == UPP_TEXT_CHANGE_SAME)
        {
          add_change (joined, UPP_TEXT_CHANGE_SAME, change->text);
          i++;
          continue;
        }

      /* The run of changes from i, through wordless pieces that have a change after them. */
      for (guint j = i; j < changes->len; j++)
        {
          UppTextChange *next = g_ptr_array_index (changes, j);

          if (next->kind != UPP_TEXT_CHANGE_SAME)
            end = j;
          else if (!has_no_word (next->text))
            break;
        }
      deleted = g_string_new (NULL);
      inserted = g_string_new (NULL);
      for (guint j = i; j <= end; j++)
        {
          UppTextChange *piece = g_ptr_array_index (changes, j);

          if (piece->kind != UPP_TEXT_CHANGE_INSERTED)
            g_string_append (deleted, piece->text);
          if (piece->kind != UPP_TEXT_CHANGE_DELETED)
            g_string_append (inserted, piece->text);
        }
      add_change (joined, UPP_TEXT_CHANGE_DELETED, deleted->str);
      add_change (joined, UPP_TEXT_CHANGE_INSERTED, inserted->str);
      i = end + 1;
    }
  g_ptr_array_unref (changes);
  return joined;
}

GPtrArray *
upp_text_diff (const char *older,
               const char *newer)
{
  g_autoptr(GPtrArray) old_tokens = split_tokens (older ? older : "");
  g_autoptr(GPtrArray) new_tokens = split_tokens (newer ? newer : "");
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_text_change_free);
  guint prefix = 0, suffix = 0;

  while (prefix < old_tokens->len && prefix < new_tokens->len &&
         g_str_equal (old_tokens->pdata[prefix], new_tokens->pdata[prefix]))
    prefix++;
  while (suffix < old_tokens->len - prefix && suffix < new_tokens->len - prefix &&
         g_str_equal (old_tokens->pdata[old_tokens->len - 1 - suffix],
                      new_tokens->pdata[new_tokens->len - 1 - suffix]))
    suffix++;

  add_tokens (changes, UPP_TEXT_CHANGE_SAME, old_tokens, 0, prefix);
  diff_middle (changes, old_tokens, prefix, old_tokens->len - suffix,
               new_tokens, prefix, new_tokens->len - suffix);
  add_tokens (changes, UPP_TEXT_CHANGE_SAME, old_tokens, old_tokens->len - suffix,
              old_tokens->len);
  return join_nearby_changes (changes);
}

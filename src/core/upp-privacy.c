/* upp-privacy.c: personal data found in free text, and masking it
 *
 * Identity numbers are found by their shape and then checked as Skatteverket defines them:
 * YYMMDD or YYYYMMDD, a separator ("-", or "+" from the year a person turns 100) or none,
 * and four digits whose last is the Luhn check digit of the ten digits YYMMDDNNNN. A
 * coordination number is the same with 60 added to the day. The date must exist, so
 * organisation numbers (month 20 or more), ordinary ten-digit numbers and date ranges are
 * not flagged.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-privacy"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-privacy.h"

/* Digits and letters around a match mean it is part of something longer. */
#define NOT_AFTER_WORD "(?<![\\p{L}\\p{N}])"
#define NOT_BEFORE_WORD "(?![\\p{L}\\p{N}])"

static const char identity_pattern[] =
  NOT_AFTER_WORD "(\\d{6}|\\d{8})([-+]?)(\\d{4})" NOT_BEFORE_WORD;
/* 07x-xxx xx xx, 08-123 456 78, 0247-123 45, +46 70 123 45 67, 0046 …: an area code, a
 * hyphen or space after it or none, then digits with single spaces between. A hyphen after
 * six digits is how identity numbers are written, not phone numbers. */
static const char phone_pattern[] =
  "(?<![\\p{L}\\p{N}+])(?:(?:\\+46|0046)[ -]?(?:\\(0\\)[ -]?)?[1-9]|0[1-9])"
  "\\d{0,2}[ -]?\\d(?: ?\\d){4,7}" NOT_BEFORE_WORD;
static const char email_pattern[] =
  "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}";

static gboolean
luhn_valid (const char *digits)
{
  int sum = 0;

  for (int i = 0; i < 10; i++)
    {
      int value = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);

      sum += value > 9 ? value - 9 : value;
    }
  return sum % 10 == 0;
}

static gboolean
is_real_date (int year,
              int month,
              int day)
{
  return month >= 1 && month <= 12 && day >= 1 &&
         day <= g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
}

/* Whether the digits (6 or 8 of a date, the separator, 4 more) are an identity or
 * coordination number; which, in *kind. */
static gboolean
check_identity (const char     *date_digits,
                const char     *separator,
                const char     *last_digits,
                UppPrivacyKind *kind)
{
  gsize date_length = strlen (date_digits);
  char ten[11];
  int year, month, day;

  if (date_length == 8)
    {
      year = 0;
      for (int i = 0; i < 4; i++)
        year = year * 10 + (date_digits[i] - '0');
      memcpy (ten, date_digits + 2, 6);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int yy = (date_digits[0] - '0') * 10 + (date_digits[1] - '0');
      int this_year = g_date_time_get_year (now);

      /* The century in which the person has had this birthday; "+" a hundred years before. */
      year = this_year - ((this_year - yy) % 100 + 100) % 100;
      if (g_str_equal (separator, "+"))
        year -= 100;
      memcpy (ten, date_digits, 6);
    }
  memcpy (ten + 6, last_digits, 4);
  ten[10] = '\0';

  month = (ten[2] - '0') * 10 + (ten[3] - '0');
  day = (ten[4] - '0') * 10 + (ten[5] - '0');
  *kind = UPP_PRIVACY_PERSONAL_NUMBER;
  if (day > 60)
    {
      day -= 60;
      *kind = UPP_PRIVACY_COORDINATION_NUMBER;
    }
  return is_real_date (year, month, day) && luhn_valid (ten);
}

static void
add_match (GArray         *matches,
           UppPrivacyKind  kind,
           gsize           start,
           gsize           end)
{
  UppPrivacyMatch match = { kind, start, end };

  /* The first kind to claim a place keeps it: identity numbers are looked for first. */
  for (guint i = 0; i < matches->len; i++)
    {
      UppPrivacyMatch *other = &g_array_index (matches, UppPrivacyMatch, i);

      if (start < other->end && other->start < end)
        return;
    }
  g_array_append_val (matches, match);
}

static GRegex *
compile (const char        *pattern,
         GRegexCompileFlags flags)
{
  g_autoptr(GError) error = NULL;
  GRegex *regex = g_regex_new (pattern, flags | G_REGEX_OPTIMIZE, 0, &error);

  /* The patterns are ours; one that does not compile is a programming error. */
  if (regex == NULL)
    g_error ("A privacy pattern does not compile: %s", error->message);
  return regex;
}

static void
find_identity_numbers (const char *text,
                       GArray     *matches)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) info = NULL;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, compile (identity_pattern, 0));
  for (g_regex_match (regex, text, 0, &info); g_match_info_matches (info);
       g_match_info_next (info, NULL))
    {
      g_autofree char *date = g_match_info_fetch (info, 1);
      g_autofree char *separator = g_match_info_fetch (info, 2);
      g_autofree char *last = g_match_info_fetch (info, 3);
      UppPrivacyKind kind;
      int start, end;

      if (!check_identity (date, separator, last, &kind))
        continue;
      g_match_info_fetch_pos (info, 0, &start, &end);
      add_match (matches, kind, start, end);
    }
}

static void
find_pattern (const char     *text,
              GRegex         *regex,
              UppPrivacyKind  kind,
              GArray         *matches)
{
  g_autoptr(GMatchInfo) info = NULL;

  for (g_regex_match (regex, text, 0, &info); g_match_info_matches (info);
       g_match_info_next (info, NULL))
    {
      int start, end;

      g_match_info_fetch_pos (info, 0, &start, &end);
      add_match (matches, kind, start, end);
    }
}

/* A Swedish number has 8 to 10 digits written nationally (with its leading 0). */
static void
find_phones (const char *text,
             GRegex     *regex,
             GArray     *matches)
{
  g_autoptr(GMatchInfo) info = NULL;

  for (g_regex_match (regex, text, 0, &info); g_match_info_matches (info);
       g_match_info_next (info, NULL))
    {
      g_autofree char *found = g_match_info_fetch (info, 0);
      const char *p = found;
      guint digits = 1;  /* the national 0 */
      int start, end;

      if (g_str_has_prefix (p, "+46"))
        p += 3;
      else if (g_str_has_prefix (p, "0046"))
        p += 4;
      else
        p += 1;
      for (; *p != '\0'; p++)
        digits += g_ascii_isdigit (*p) && !g_str_has_prefix (p - 1, "(0") ? 1 : 0;
      if (digits < 8 || digits > 10)
        continue;
      g_match_info_fetch_pos (info, 0, &start, &end);
      add_match (matches, UPP_PRIVACY_PHONE, start, end);
    }
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const UppPrivacyMatch *x = a;
  const UppPrivacyMatch *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

GArray *
upp_privacy_find (const char         *text,
                  const char * const *listed)
{
  static GRegex *phone;
  static GRegex *email;
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (UppPrivacyMatch));

  if (text == NULL || *text == '\0')
    return matches;
  if (g_once_init_enter (&phone))
    g_once_init_leave (&phone, compile (phone_pattern, 0));
  if (g_once_init_enter (&email))
    g_once_init_leave (&email, compile (email_pattern, G_REGEX_CASELESS));

  find_identity_numbers (text, matches);
  find_pattern (text, email, UPP_PRIVACY_EMAIL, matches);
  find_phones (text, phone, matches);
  for (guint i = 0; listed != NULL && listed[i] != NULL; i++)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *pattern = NULL;
      g_autoptr(GRegex) word = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (listed[i]));

      if (*stripped == '\0')
        continue;
      escaped = g_regex_escape_string (stripped, -1);
      pattern = g_strconcat (NOT_AFTER_WORD, escaped, NOT_BEFORE_WORD, NULL);
      word = compile (pattern, G_REGEX_CASELESS);
      find_pattern (text, word, UPP_PRIVACY_LISTED_WORD, matches);
    }
  g_array_sort (matches, compare_matches);
  return matches;
}

char *
upp_privacy_mask (const char *text,
                  GArray     *matches)
{
  GString *masked = g_string_new (NULL);
  gsize at = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; matches != NULL && i < matches->len; i++)
    {
      const UppPrivacyMatch *match = &g_array_index (matches, UppPrivacyMatch, i);

      if (match->start < at || match->end > strlen (text))
        continue;
      g_string_append_len (masked, text + at, match->start - at);
      g_string_append (masked, upp_privacy_kind_get_token (match->kind));
      at = match->end;
    }
  g_string_append (masked, text + at);
  return g_string_free (masked, FALSE);
}

void
upp_privacy_finding_free (UppPrivacyFinding *finding)
{
  if (finding == NULL)
    return;
  g_free (finding->unit_name);
  g_free (finding->unit_uuid);
  g_free (finding->question_key);
  g_free (finding->place);
  g_free (finding->object_uuid);
  g_free (finding->text);
  g_free (finding);
}

char *
upp_privacy_finding_dup_matched (UppPrivacyFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);
  return g_strndup (finding->text + finding->match.start,
                    finding->match.end - finding->match.start);
}

char *
upp_privacy_finding_dup_context (UppPrivacyFinding *finding,
                                 guint              context)
{
  const char *text = finding->text;
  const char *start = text + finding->match.start;
  const char *end = text + finding->match.end;
  g_autofree char *joined = NULL;

  for (guint i = 0; i < context && start > text; i++)
    start = g_utf8_prev_char (start);
  for (guint i = 0; i < context && *end != '\0'; i++)
    end = g_utf8_next_char (end);
  joined = g_strdup_printf ("%s%.*s%s", start > text ? "…" : "", (int) (end - start), start,
                            *end != '\0' ? "…" : "");
  /* On one line. */
  for (char *p = joined; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return g_steal_pointer (&joined);
}

typedef struct
{
  const char *key;
  const char *description;
  const char *token;
} KindText;

static const KindText kinds[] = {
  { "personal_number",     N_("Looks like a personal identity number"),
                           N_("[personal identity number]") },
  { "coordination_number", N_("Looks like a coordination number"),
                           N_("[coordination number]") },
  { "phone",               N_("Looks like a phone number"), N_("[phone number]") },
  { "email",               N_("Looks like an e-mail address"), N_("[e-mail address]") },
  { "listed_word",         N_("A word on the list of words not to share"), N_("[removed]") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) == UPP_N_PRIVACY_KINDS);

const char *
upp_privacy_kind_describe (UppPrivacyKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_PRIVACY_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].description);
}

const char *
upp_privacy_kind_get_token (UppPrivacyKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_PRIVACY_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].token);
}

const char *
upp_privacy_kind_to_key (UppPrivacyKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_PRIVACY_KINDS, NULL);
  return kinds[kind].key;
}

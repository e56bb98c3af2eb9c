/* upp-util.c: small helpers shared by the core
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-util"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "upp-core-resources.h"
#include "upp-util.h"

gboolean
upp_set_str (char       **str_pointer,
             const char  *new_str)
{
  if (g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;
  g_free (*str_pointer);
  *str_pointer = g_strdup (new_str);
  return TRUE;
}

char *
upp_new_uuid (void)
{
  return g_uuid_string_random ();
}

char *
upp_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

gboolean
upp_is_iso_date (const char *text)
{
  const char *pattern = "dddd-dd-dd";

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i <= strlen (pattern); i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return FALSE;
    }
  return g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text));
}

gboolean
upp_is_iso_date_prefix (const char *text)
{
  const char *pattern = "dddd-dd-dd";
  gsize length;

  if (text == NULL)
    return FALSE;
  length = strlen (text);
  if (length >= strlen (pattern))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
        return FALSE;
    }
  /* A month or a day begun with a digit that no month or day begins with. */
  if (length >= 6 && text[5] > '1')
    return FALSE;
  if (length >= 9 && text[8] > '3')
    return FALSE;
  return TRUE;
}

gboolean
upp_str_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }
  return TRUE;
}

char *
upp_strdup_chomped (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  return g_strchomp (g_strdup (text));
}

/* Casefolded, white space collapsed, without trailing punctuation: "Övrigt ni önskar …?". */
char *
upp_str_fold_for_matching (const char *text,
                           gssize      length)
{
  g_autofree char *folded = g_utf8_casefold (text, length);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xA0)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && strchr ("?.:!", out->str[out->len - 1]) != NULL)
    g_string_truncate (out, out->len - 1);
  return g_strchomp (g_string_free (g_steal_pointer (&out), FALSE));
}

#define MAX_KEY_CHARS 32

char *
upp_key_from_text (const char *text,
                   const char *fallback,
                   GHashTable *taken)
{
  g_autofree char *decomposed = g_utf8_normalize (text != NULL ? text : "", -1,
                                                  G_NORMALIZE_NFD);
  g_autoptr(GString) key = g_string_new (NULL);
  gsize words_end = 0;   /* where the last whole word ends */
  gboolean cut = FALSE;
  char *unique;

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* The marks of å, ä, ö and é fall away; the letters stay. */
      if (g_unichar_ismark (c))
        continue;
      if (c < 0x80 && g_ascii_isalnum ((char) c))
        {
          if (key->len >= MAX_KEY_CHARS)
            {
              cut = TRUE;
              break;
            }
          g_string_append_c (key, g_ascii_tolower ((char) c));
        }
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        {
          words_end = key->len;
          if (key->len >= MAX_KEY_CHARS)
            break;
          g_string_append_c (key, '_');
        }
    }
  /* A long text is cut after a whole word, not in the middle of one. */
  if (cut && words_end > 0)
    g_string_truncate (key, words_end);
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);
  if (key->len == 0)
    g_string_assign (key, fallback);

  if (taken == NULL || !g_hash_table_contains (taken, key->str))
    return g_string_free (g_steal_pointer (&key), FALSE);
  for (guint n = 2;; n++)
    {
      unique = g_strdup_printf ("%s_%u", key->str, n);
      if (!g_hash_table_contains (taken, unique))
        return unique;
      g_free (unique);
    }
}

void
upp_core_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      upp_core_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

void
upp_core_tune_allocator (void)
{
#ifdef __GLIBC__
  /* Laying out a report or a workbook frees and takes back large blocks at the top of the
   * heap over and over; without a pad glibc gives each back to the kernel and asks again,
   * about a third of the report's time. The peak stays the same. */
  mallopt (M_TOP_PAD, 32 * 1024 * 1024);
#endif
}

const char *
upp_core_find_locale_dir (const char *build_locale_dir)
{
  const char *dir = g_getenv ("UPP_LOCALEDIR");
  g_autofree char *installed = NULL;
  g_autofree char *built = NULL;

  if (dir != NULL && *dir != '\0')
    return dir;

  installed = g_build_filename (LOCALEDIR, "sv", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (build_locale_dir == NULL || g_file_test (installed, G_FILE_TEST_EXISTS))
    return LOCALEDIR;
  built = g_build_filename (build_locale_dir, "sv", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  return g_file_test (built, G_FILE_TEST_EXISTS) ? build_locale_dir : LOCALEDIR;
}

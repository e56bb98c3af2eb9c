/* upp-text.c: reading a text file an import was given, in whatever encoding it was saved
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-text"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-text.h"

G_DEFINE_QUARK (upp-text-error-quark, upp_text_error)

/* Messages quote at most this much of what a file holds. */
#define MAX_MESSAGE_CHARS 400

/* The line (from 1) of offset, counting CRLF, LF and a lone CR as one line end each. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n')))
        line++;
    }
  return line;
}

/* Whether data holds a character beyond ASCII written as UTF-8: Windows-1252 text hardly ever
 * does by chance ("Ã¥"), so a file with one is UTF-8 that was damaged, not Windows-1252. */
static gboolean
has_utf8_sequence (const char *data,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar byte = data[i];
      gunichar c;

      if (byte < 0xC2 || byte > 0xF4)
        continue;
      c = g_utf8_get_char_validated (data + i, MIN (length - i, 4));
      if (c != (gunichar) -1 && c != (gunichar) -2)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_no_nul (const char  *text,
              gsize        length,
              gsize        bom_length,
              GError     **error)
{
  const char *nul = memchr (text, '\0', length);

  if (nul == NULL)
    return TRUE;
  g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_BINARY,
               _("The file holds a NUL byte on line %u (byte offset %u); it is not a text file."),
               line_of_offset (text, nul - text), (guint) (nul - text + bom_length));
  return FALSE;
}

static char *
decode_utf16 (const char  *data,
              gsize        length,
              GError     **error)
{
  const char *from = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
  g_autoptr(GError) local_error = NULL;
  g_autofree char *converted = NULL;
  gsize bytes_read = 0;
  gsize written = 0;

  converted = g_convert (data + 2, length - 2, "UTF-8", from, &bytes_read, &written,
                         &local_error);
  /* With bytes_read given, half a character at the end is no error to g_convert(). */
  if (converted == NULL || bytes_read != length - 2)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_ENCODING,
                   _("The file starts as UTF-16 text but is not UTF-16 at byte offset %u."),
                   (guint) bytes_read + 2);
      return NULL;
    }
  /* The NUL bytes of UTF-16 are part of its characters; a NUL character is not text. */
  if (!check_no_nul (converted, written, 0, error))
    return NULL;
  return g_steal_pointer (&converted);
}

char *
upp_text_decode (const char  *data,
                 gsize        length,
                 const char **encoding,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  gsize bom_length = 0;
  gsize bytes_read = 0;
  char *converted;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (encoding != NULL, NULL);

  if (length >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      *encoding = "UTF-16";
      return decode_utf16 (data, length, error);
    }

  *encoding = "UTF-8";
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    bom_length = 3;
  data += bom_length;
  length -= bom_length;

  if (!check_no_nul (data, length, bom_length, error))
    return NULL;
  if (g_utf8_validate (data, length, &end))
    return g_strndup (data, length);

  if (bom_length > 0 || has_utf8_sequence (data, length))
    {
      gsize offset = end - data;

      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_ENCODING,
                   _("The file is UTF-8 text but for an invalid byte on line %u (byte offset "
                     "%u); correct it or save the file as UTF-8 again."),
                   line_of_offset (data, offset), (guint) (offset + bom_length));
      return NULL;
    }

  /* No UTF-8 beyond ASCII at all: what older Swedish Excel saves as "CSV
   * (semikolonavgränsad)" and Word as "Oformaterad text". Every byte is a character in
   * Windows-1252 except five, which glibc rejects; those are not text. */
  *encoding = "WINDOWS-1252";
  converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", &bytes_read, NULL,
                         &local_error);
  if (converted == NULL)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_ENCODING,
                   _("The file is neither UTF-8 nor Windows-1252 text: the byte on line %u "
                     "(byte offset %u) is a character in neither."),
                   line_of_offset (data, bytes_read), (guint) bytes_read);
      return NULL;
    }
  return converted;
}

char *
upp_text_load_file (GFile   *file,
                    gsize   *length,
                    GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (length != NULL, NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  /* A folder, or a device such as /dev/zero that would be read without end. */
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_UNREADABLE,
                   _("“%s” is not a file."), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > UPP_TEXT_MAX_SIZE)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a follow-up table (more than %d MB)."), name,
                   UPP_TEXT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &size, NULL, &local_error))
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_UNREADABLE,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  /* It may have grown since it was measured, or be a device without a size. */
  if (size > UPP_TEXT_MAX_SIZE)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a follow-up table (more than %d MB)."), name,
                   UPP_TEXT_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (size == 0)
    {
      g_set_error (error, UPP_TEXT_ERROR, UPP_TEXT_ERROR_EMPTY, _("“%s” is empty."), name);
      return NULL;
    }
  *length = size;
  return g_steal_pointer (&contents);
}

void
upp_text_error_add_file (GError **error,
                         GFile   *file)
{
  g_autofree char *name = NULL;
  char *message;

  if (error == NULL || *error == NULL)
    return;

  name = g_file_get_parse_name (file);
  message = (*error)->message;
  if (g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
    {
      g_autofree char *start = g_utf8_substring (message, 0, MAX_MESSAGE_CHARS);

      message = g_strconcat (start, "…", NULL);
      g_free ((*error)->message);
      (*error)->message = message;
    }
  if (strstr (message, name) == NULL)
    g_prefix_error (error, "%s: ", name);

  /* Values quoted from the file (or a file name) may hold line breaks: one line. */
  for (char *p = (*error)->message; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7F)
        *p = ' ';
    }
}

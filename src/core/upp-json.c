/* upp-json.c: JSON from outside the app, checked on the raw bytes before json-glib parses it,
 * and shorthands for the JSON the app writes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-json"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-json.h"

G_DEFINE_QUARK (upp-json-error-quark, upp_json_error)

/* The checker walks the text once, without recursion, keeping the open objects and lists
 * on a small stack of its own. */
typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
} Scanner;

static gboolean
fail (Scanner     *self,
      int          code,
      GError     **error,
      const char  *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Scanner     *self,
      int          code,
      GError     **error,
      const char  *format,
      ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %u is a line number of a file, %s says what is wrong there. */
  g_set_error (error, UPP_JSON_ERROR, code, _("line %u: %s"), self->line, problem);
  return FALSE;
}

static gboolean
at_end (Scanner *self)
{
  return self->pos >= self->length;
}

static gboolean
ended_early (Scanner  *self,
             GError  **error)
{
  return fail (self, UPP_JSON_ERROR_TRUNCATED, error, _("the text ends before the JSON does."));
}

static gboolean
unexpected (Scanner  *self,
            GError  **error)
{
  gunichar c;

  if (at_end (self))
    return ended_early (self, error);
  c = g_utf8_get_char (self->data + self->pos);
  if (g_unichar_isgraph (c))
    {
      char utf8[7] = { 0 };

      g_unichar_to_utf8 (c, utf8);
      return fail (self, UPP_JSON_ERROR_INVALID, error, _("unexpected “%s”."), utf8);
    }
  return fail (self, UPP_JSON_ERROR_INVALID, error, _("unexpected character U+%04X."), c);
}

static void
skip_space (Scanner *self)
{
  for (; !at_end (self); self->pos++)
    {
      char c = self->data[self->pos];

      if (c == '\n')
        self->line++;
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
    }
}

static gboolean
read_hex4 (Scanner  *self,
           guint    *value,
           GError  **error)
{
  *value = 0;
  for (guint i = 0; i < 4; i++, self->pos++)
    {
      int digit;

      if (at_end (self))
        return ended_early (self, error);
      digit = g_ascii_xdigit_value (self->data[self->pos]);
      if (digit < 0)
        return fail (self, UPP_JSON_ERROR_INVALID, error, _("an invalid \\u escape."));
      *value = *value * 16 + digit;
    }
  return TRUE;
}

/* A \u escape, after the backslash and the u. */
static gboolean
check_unicode_escape (Scanner  *self,
                      GError  **error)
{
  guint value;
  guint low;

  if (!read_hex4 (self, &value, error))
    return FALSE;
  if (value == 0)
    return fail (self, UPP_JSON_ERROR_INVALID, error, _("\\u0000 (a NUL) inside a text."));
  if (value >= 0xdc00 && value <= 0xdfff)
    return fail (self, UPP_JSON_ERROR_INVALID, error,
                 _("an unpaired surrogate \\u%04x inside a text."), value);
  if (value < 0xd800 || value > 0xdbff)
    return TRUE;
  if (self->length - self->pos < 2 || self->data[self->pos] != '\\' ||
      self->data[self->pos + 1] != 'u')
    return fail (self, UPP_JSON_ERROR_INVALID, error,
                 _("an unpaired surrogate \\u%04x inside a text."), value);
  self->pos += 2;
  if (!read_hex4 (self, &low, error))
    return FALSE;
  if (low < 0xdc00 || low > 0xdfff)
    return fail (self, UPP_JSON_ERROR_INVALID, error,
                 _("an unpaired surrogate \\u%04x inside a text."), value);
  return TRUE;
}

static gboolean
check_string (Scanner  *self,
              GError  **error)
{
  self->pos++;  /* the opening quote */
  while (!at_end (self))
    {
      guchar c = self->data[self->pos];

      if (c == '"')
        {
          self->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return fail (self, UPP_JSON_ERROR_INVALID, error,
                     _("a line break or other control character inside a text; JSON writes "
                       "it as an escape such as \\n."));
      self->pos++;
      if (c != '\\')
        continue;
      if (at_end (self))
        break;
      c = self->data[self->pos++];
      if (c == 'u')
        {
          if (!check_unicode_escape (self, error))
            return FALSE;
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        {
          self->pos -= 2;
          return fail (self, UPP_JSON_ERROR_INVALID, error, _("an invalid escape inside a text."));
        }
    }
  return ended_early (self, error);
}

static gboolean
skip_digits (Scanner *self)
{
  gsize start = self->pos;

  while (!at_end (self) && g_ascii_isdigit (self->data[self->pos]))
    self->pos++;
  return self->pos > start;
}

static gboolean
check_number (Scanner  *self,
              GError  **error)
{
  gsize start = self->pos;

  if (self->data[self->pos] == '-')
    self->pos++;
  if (!at_end (self) && self->data[self->pos] == '0')
    self->pos++;
  else if (!skip_digits (self))
    goto invalid;
  if (!at_end (self) && self->data[self->pos] == '.')
    {
      self->pos++;
      if (!skip_digits (self))
        goto invalid;
    }
  if (!at_end (self) && (self->data[self->pos] == 'e' || self->data[self->pos] == 'E'))
    {
      self->pos++;
      if (!at_end (self) && (self->data[self->pos] == '+' || self->data[self->pos] == '-'))
        self->pos++;
      if (!skip_digits (self))
        goto invalid;
    }
  return TRUE;

invalid:
  if (at_end (self))
    return ended_early (self, error);
  self->pos = start;
  return fail (self, UPP_JSON_ERROR_INVALID, error, _("an invalid number."));
}

static gboolean
check_literal (Scanner  *self,
               GError  **error)
{
  const char *words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (self->length - self->pos >= n && memcmp (self->data + self->pos, words[i], n) == 0)
        {
          self->pos += n;
          return TRUE;
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize left = self->length - self->pos;

      if (left < strlen (words[i]) && memcmp (self->data + self->pos, words[i], left) == 0)
        return ended_early (self, error);
    }
  return unexpected (self, error);
}

typedef enum
{
  EXPECT_VALUE,
  EXPECT_KEY,
  AFTER_VALUE,
} State;

static gboolean
check_json (Scanner  *self,
            GError  **error)
{
  char open[UPP_JSON_MAX_DEPTH];  /* '{' or '[' */
  guint depth = 0;
  State state = EXPECT_VALUE;

  for (;;)
    {
      char c;

      skip_space (self);
      if (state == AFTER_VALUE && depth == 0)
        {
          if (!at_end (self))
            return fail (self, UPP_JSON_ERROR_INVALID, error,
                         _("more text after the end of the JSON."));
          return TRUE;
        }
      if (at_end (self))
        return ended_early (self, error);
      c = self->data[self->pos];

      switch (state)
        {
        case EXPECT_VALUE:
          if (c == '{' || c == '[')
            {
              if (depth == UPP_JSON_MAX_DEPTH)
                return fail (self, UPP_JSON_ERROR_INVALID, error,
                             _("nested more than %d levels deep."), UPP_JSON_MAX_DEPTH);
              open[depth++] = c;
              self->pos++;
              skip_space (self);
              if (!at_end (self) && self->data[self->pos] == (c == '{' ? '}' : ']'))
                {
                  self->pos++;
                  depth--;
                  state = AFTER_VALUE;
                }
              else
                state = c == '{' ? EXPECT_KEY : EXPECT_VALUE;
              continue;
            }
          if (c == '"')
            {
              if (!check_string (self, error))
                return FALSE;
            }
          else if (c == '-' || g_ascii_isdigit (c))
            {
              if (!check_number (self, error))
                return FALSE;
            }
          else if (!check_literal (self, error))
            return FALSE;
          state = AFTER_VALUE;
          break;

        case EXPECT_KEY:
          if (c != '"')
            return unexpected (self, error);
          if (!check_string (self, error))
            return FALSE;
          skip_space (self);
          if (at_end (self))
            return ended_early (self, error);
          if (self->data[self->pos] != ':')
            return unexpected (self, error);
          self->pos++;
          state = EXPECT_VALUE;
          break;

        case AFTER_VALUE:
        default:
          if (c == ',')
            {
              self->pos++;
              state = open[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
            }
          else if (c == (open[depth - 1] == '{' ? '}' : ']'))
            {
              self->pos++;
              depth--;
            }
          else
            return unexpected (self, error);
          break;
        }
    }
}

JsonParser *
upp_json_parse (const char  *data,
                gsize        length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  Scanner scanner = { data, length, 0, 1 };
  gsize start = 0;
  const char *end = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    start = scanner.pos = 3;
  if (!g_utf8_validate_len (data, length, &end))
    {
      g_set_error (error, UPP_JSON_ERROR, UPP_JSON_ERROR_ENCODING,
                   _("invalid byte at position %lu"), (unsigned long) (end - data));
      return NULL;
    }
  skip_space (&scanner);
  if (at_end (&scanner))
    {
      g_set_error_literal (error, UPP_JSON_ERROR, UPP_JSON_ERROR_EMPTY, _("it is empty"));
      return NULL;
    }
  if (data[scanner.pos] != '{' && data[scanner.pos] != '[')
    {
      g_set_error_literal (error, UPP_JSON_ERROR, UPP_JSON_ERROR_NOT_JSON,
                           _("it does not start with an object or a list"));
      return NULL;
    }
  if (!check_json (&scanner, error))
    return NULL;

  /* json-glib takes no byte order mark. The text is strict JSON by now, so what is left to
   * fail is what the check cannot see. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data + start, length - start, &local_error))
    {
      g_set_error (error, UPP_JSON_ERROR, UPP_JSON_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

void
upp_json_add_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value ? value : "");
}

void
upp_json_add_int (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
upp_json_add_strv (JsonBuilder        *builder,
                   const char         *name,
                   const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

/* exchange-parse.c: reading an exchange file and checking every field of it, into memory,
 * before anything is written
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-parse"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "exchange-parse.h"
#include "upp-agreement.h"
#include "upp-answer-key.h"
#include "upp-answer-version.h"
#include "upp-enums.h"
#include "upp-json.h"
#include "upp-question.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-unit.h"
#include "upp-util.h"

typedef struct
{
  UppStore        *store;
  const char      *name;        /* the file's, for messages */
  JsonParser      *parser;
  UppExchangeData *data;
  GHashTable      *round_units; /* uuids of the units answering in the round being read */
  GHashTable      *uuids;       /* of rounds, responses and answers, to find repeats */
  GHashTable      *answers;     /* uuid → UppExchangeAnswer of the file */
  GHashTable      *answer_regions; /* answer uuid → the region of its round */
  GDateTime       *latest;      /* later times are refused */
} Reader;

static void
reader_clear (Reader *self)
{
  g_clear_pointer (&self->round_units, g_hash_table_unref);
  g_clear_pointer (&self->uuids, g_hash_table_unref);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->answer_regions, g_hash_table_unref);
  g_clear_pointer (&self->data, upp_exchange_data_free);
  g_clear_object (&self->parser);
  g_clear_pointer (&self->latest, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* Messages from json-glib and the template reader may quote the input, line breaks and
 * all; a message to the user is one line of reasonable length. */
static char *
dup_one_line (const char *message)
{
  g_autofree char *line = g_strdup (message);
  const char *data_prefix = "<data>:";

  for (char *p = line; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        *p = ' ';
    }
  if (g_utf8_strlen (line, -1) > 160)
    {
      g_autofree char *start = g_utf8_substring (line, 0, 160);
      g_free (line);
      line = g_strconcat (start, "…", NULL);
    }
  if (g_str_has_prefix (line, data_prefix))
    {
      int line_number = 0;
      int column = 0;
      int consumed = 0;

      if (sscanf (line + strlen (data_prefix), "%d:%d: %n", &line_number, &column,
                  &consumed) == 2 && consumed > 0)
        return g_strdup_printf (_("line %d: %s"), line_number,
                                line + strlen (data_prefix) + consumed);
    }
  return g_steal_pointer (&line);
}

/* ---- checked access to the JSON --------------------------------------------------------- */

static gboolean
damaged (Reader      *self,
         GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
damaged (Reader      *self,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_DAMAGED,
               _("“%s” is damaged and was not imported: %s"), self->name, problem);
  return FALSE;
}

/* One object of the file, and the words that name it in messages ("Unit 2 of region 20"). */
typedef struct
{
  Reader     *reader;
  JsonObject *object;
  const char *where;
} Fields;

typedef enum
{
  REQUIRED,
  OPTIONAL,  /* a missing member reads as "", 0 or NULL; one of the wrong type is damage */
} Presence;

/* The value is a copy, for *value to keep. */
static gboolean
get_string (Fields       *fields,
            const char   *member,
            Presence      presence,
            char        **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (fields->object, member);

  if (node == NULL && presence == OPTIONAL)
    {
      upp_set_str (value, "");
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return damaged (fields->reader, error, _("%s has no text field “%s”."), fields->where,
                    member);
  upp_set_str (value, json_node_get_string (node));
  return TRUE;
}

static gboolean
get_uuid (Fields       *fields,
          const char   *member,
          char        **value,
          GError      **error)
{
  if (!get_string (fields, member, REQUIRED, value, error))
    return FALSE;
  /* Identifiers are compared as text: an uppercase copy would be another object. */
  if (!g_uuid_string_is_valid (*value) || strpbrk (*value, "ABCDEF") != NULL)
    return damaged (fields->reader, error, _("%s has an invalid identifier “%s”."),
                    fields->where, member);
  return TRUE;
}

/* Times are compared as text in merges, so they must be UTC as the app writes them
 * ("2025-10-14T09:30:00.123456Z"), and not later than a day from now: a time in the far
 * future would win every merge forever. */
static gboolean
is_time (const char *value)
{
  const char *pattern = "dddd-dd-ddTdd:dd:dd";
  g_autoptr(GDateTime) parsed = NULL;
  const char *p = value;

  for (const char *q = pattern; *q != '\0'; p++, q++)
    {
      if (*q == 'd' ? !g_ascii_isdigit (*p) : *p != *q)
        return FALSE;
    }
  if (*p == '.')
    {
      const char *digits = ++p;

      while (g_ascii_isdigit (*p))
        p++;
      if (p == digits || p - digits > 9)
        return FALSE;
    }
  if (strcmp (p, "Z") != 0)
    return FALSE;
  parsed = g_date_time_new_from_iso8601 (value, NULL);
  return parsed != NULL;
}

static gboolean
check_time (Fields      *fields,
            const char  *member,
            const char  *value,
            GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (!is_time (value))
    return damaged (fields->reader, error,
                    _("%s has “%s” that is not a time such as 2025-10-14T09:30:00Z."),
                    fields->where, member);
  parsed = g_date_time_new_from_iso8601 (value, NULL);
  if (g_date_time_compare (parsed, fields->reader->latest) > 0)
    return damaged (fields->reader, error,
                    _("%s has “%s” more than a day in the future (%s); check the clock of "
                      "the computer that wrote the file."), fields->where, member, value);
  return TRUE;
}

static gboolean
get_time (Fields       *fields,
          const char   *member,
          char        **value,
          GError      **error)
{
  return get_string (fields, member, REQUIRED, value, error) &&
         check_time (fields, member, *value, error);
}

/* Rounds, responses and answers each appear once in a file. */
static gboolean
check_new_uuid (Fields      *fields,
                const char  *uuid,
                GError     **error)
{
  if (!g_hash_table_add (fields->reader->uuids, (gpointer) uuid))
    return damaged (fields->reader, error,
                    _("%s repeats the identifier %s of another entry of the file."),
                    fields->where, uuid);
  return TRUE;
}

static gboolean
get_int (Fields      *fields,
         const char  *member,
         Presence     presence,
         gint64       minimum,
         gint64       maximum,
         gint64      *value,
         GError     **error)
{
  JsonNode *node = json_object_get_member (fields->object, member);

  if (node == NULL && presence == OPTIONAL)
    {
      *value = 0;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return damaged (fields->reader, error, _("%s has no whole-number field “%s”."),
                    fields->where, member);
  *value = json_node_get_int (node);
  if (*value < minimum || *value > maximum)
    return damaged (fields->reader, error, _("%s has “%s” out of range."), fields->where,
                    member);
  return TRUE;
}

static gboolean
get_boolean (Fields      *fields,
             const char  *member,
             gboolean    *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (fields->object, member);

  if (node == NULL)
    {
      *value = FALSE;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return damaged (fields->reader, error, _("%s has “%s” that is neither true nor false."),
                    fields->where, member);
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Fields      *fields,
           const char  *member,
           Presence     presence,
           JsonArray  **value,
           GError     **error)
{
  JsonNode *node = json_object_get_member (fields->object, member);

  if (node == NULL && presence == OPTIONAL)
    {
      *value = NULL;
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return damaged (fields->reader, error, _("%s has no list field “%s”."), fields->where,
                    member);
  *value = json_node_get_array (node);
  return TRUE;
}

/* An element of a list that must be an object, ready for the get_ functions. */
static gboolean
get_element (Reader      *self,
             JsonArray   *array,
             guint        index,
             const char  *where,
             Fields      *element,
             GError     **error)
{
  JsonNode *node = json_array_get_element (array, index);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return damaged (self, error, _("%s is not an object."), where);
  *element = (Fields) { self, json_node_get_object (node), where };
  return TRUE;
}

/* A list of strings; each is passed to add. */
static gboolean
get_strings (Fields      *fields,
             JsonArray   *array,
             GFunc        add,
             gpointer     user_data,
             GError     **error)
{
  if (array == NULL)
    return TRUE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return damaged (fields->reader, error, _("%s has a list entry that is not text."),
                        fields->where);
      add ((gpointer) json_node_get_string (node), user_data);
    }
  return TRUE;
}

static void
add_to_set (gpointer data,
            gpointer user_data)
{
  g_hash_table_add (user_data, g_strdup (data));
}

static void
add_to_array (gpointer data,
              gpointer user_data)
{
  g_ptr_array_add (user_data, data);
}

static void
add_copy_to_array (gpointer data,
                   gpointer user_data)
{
  g_ptr_array_add (user_data, g_strdup (data));
}

/* ---- reading: check every field before anything is written ------------------------------- */

static gboolean
read_templates (Fields  *file,
                GError **error)
{
  Reader *self = file->reader;
  JsonArray *array;

  if (!get_array (file, "templates", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Template %u"), i + 1);
      g_autofree char *json = NULL;
      g_autoptr(GError) local_error = NULL;
      UppTemplate *template;
      Fields element;

      /* Checked to be an object here; the template reader reads it whole. */
      if (!get_element (self, array, i, where, &element, error))
        return FALSE;
      json = json_to_string (json_array_get_element (array, i), FALSE);
      template = upp_template_new_from_json (json, -1, &local_error);
      if (template == NULL)
        {
          g_autofree char *problem = dup_one_line (local_error->message);
          return damaged (self, error, "%s: %s", where, problem);
        }
      g_ptr_array_add (self->data->templates, template);
    }
  return TRUE;
}

static gboolean
template_used_in_file (Reader     *self,
                       const char *uuid)
{
  for (guint i = 0; i < self->data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (self->data->rounds, i);

      if (strcmp (round->template, uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The merge takes a template of the file for the one of the database with its uuid or
 * its key and version, so the two must be the same template; only one that no round uses
 * may have been edited on one side (the database keeps its own). Checked after the rounds
 * are read, to know which templates the file's rounds use. */
static gboolean
check_templates (Reader  *self,
                 GError **error)
{
  for (guint i = 0; i < self->data->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->data->templates, i);
      const char *uuid = upp_template_get_uuid (template);
      const char *key = upp_template_get_key (template);
      int version = upp_template_get_version (template);
      g_autofree char *where = g_strdup_printf (_("Template %u"), i + 1);
      g_autoptr(GPtrArray) similar = NULL;

      for (guint j = 0; j < i; j++)
        {
          UppTemplate *other = g_ptr_array_index (self->data->templates, j);

          if (strcmp (upp_template_get_uuid (other), uuid) == 0 ||
              (strcmp (upp_template_get_key (other), key) == 0 &&
               upp_template_get_version (other) == version))
            return damaged (self, error, _("%s repeats the template “%s” version %d."), where,
                            key, version);
        }

      similar = upp_store_find_templates_like (self->store, uuid, key, version, error);
      if (similar == NULL)
        return FALSE;
      for (guint j = 0; j < similar->len; j++)
        {
          UppTemplate *local = g_ptr_array_index (similar, j);

          if (g_strcmp0 (upp_template_get_uuid (local), uuid) != 0)
            return damaged (self, error, _("%s, “%s” version %d, is another template than the "
                                           "one of that key and version in this database; one "
                                           "of them needs a new version."), where, key,
                            version);
          if (g_strcmp0 (upp_template_get_key (local), key) != 0 ||
              upp_template_get_version (local) != version)
            return damaged (self, error, _("%s, “%s” version %d, has the identifier of the "
                                           "template “%s” version %d in this database."),
                            where, key, version, upp_template_get_key (local),
                            upp_template_get_version (local));
        }
      for (guint j = 0; j < similar->len; j++)
        {
          UppTemplate *local = g_ptr_array_index (similar, j);

          if (!upp_template_same_survey (template, local) &&
              (template_used_in_file (self, uuid) ||
               upp_store_template_is_used (self->store, local)))
            return damaged (self, error, _("%s, “%s” version %d, differs from the template of "
                                           "that key and version in this database; a changed "
                                           "template needs a new version."), where, key,
                            version);
        }
    }
  return TRUE;
}

static gboolean
check_region (Reader      *self,
              const char  *code,
              const char  *where,
              GError     **error)
{
  if (upp_store_has_region (self->store, code))
    return TRUE;
  g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_REGION,
               _("“%s” was not imported: %s names the region “%s”, which is not in the "
                 "register."), self->name, where, code);
  return FALSE;
}

/* Whose fields a "versions" list gives. */
typedef enum
{
  VERSIONS_OF_UNIT,
  VERSIONS_OF_RESPONSE,
  VERSIONS_OF_THEME,
} VersionsOf;

static gboolean read_field_versions (Fields      *fields,
                                     VersionsOf   of,
                                     GPtrArray   *versions,
                                     GError     **error);

/* A text of at most limit characters. */
static gboolean
check_length (Fields      *fields,
              const char  *member,
              const char  *value,
              glong        limit,
              GError     **error)
{
  if (g_utf8_strlen (value, -1) > limit)
    return damaged (fields->reader, error, _("%s has a “%s” longer than %ld characters."),
                    fields->where, member, limit);
  return TRUE;
}

/* "" or a real date such as 2025-10-14. */
static gboolean
check_date (Fields      *fields,
            const char  *member,
            const char  *value,
            GError     **error)
{
  if (*value != '\0' && !upp_is_iso_date (value))
    return damaged (fields->reader, error,
                    _("%s has “%s” that is not a date such as 2025-10-14."), fields->where,
                    member);
  return TRUE;
}

static gboolean
read_agreement (Fields           *fields,
                UppExchangeUnit  *unit,
                GError          **error)
{
  Reader *self = fields->reader;
  UppExchangeAgreement *agreement = upp_exchange_agreement_new ();
  UppAgreementKind kind;
  UppAgreementStatus status;

  g_ptr_array_add (unit->agreements, agreement);
  if (!get_uuid (fields, "uuid", &agreement->uuid, error) ||
      !check_new_uuid (fields, agreement->uuid, error) ||
      !get_string (fields, "name", REQUIRED, &agreement->name, error) ||
      !get_string (fields, "kind", REQUIRED, &agreement->kind, error) ||
      !get_string (fields, "status", REQUIRED, &agreement->status, error) ||
      !get_string (fields, "signed", OPTIONAL, &agreement->signed_date, error) ||
      !get_string (fields, "valid_from", OPTIONAL, &agreement->valid_from, error) ||
      !get_string (fields, "valid_to", OPTIONAL, &agreement->valid_to, error) ||
      !get_string (fields, "note", OPTIONAL, &agreement->note, error) ||
      !get_boolean (fields, "removed", &agreement->removed, error) ||
      !get_time (fields, "modified", &agreement->modified, error) ||
      !get_uuid (fields, "device", &agreement->device, error) ||
      !check_length (fields, "name", agreement->name, UPP_EXCHANGE_MAX_NAME_CHARS, error) ||
      !check_length (fields, "note", agreement->note, UPP_EXCHANGE_MAX_NOTE_CHARS, error) ||
      !check_date (fields, "signed", agreement->signed_date, error) ||
      !check_date (fields, "valid_from", agreement->valid_from, error) ||
      !check_date (fields, "valid_to", agreement->valid_to, error))
    return FALSE;
  /* A removed agreement travels without its name, as the store keeps it. */
  if (!agreement->removed && upp_str_is_blank (agreement->name))
    return damaged (self, error, _("%s has no name."), fields->where);
  if (!upp_agreement_kind_from_key (agreement->kind, &kind))
    return damaged (self, error, _("%s has an unknown kind “%s”."), fields->where,
                    agreement->kind);
  if (!upp_agreement_status_from_key (agreement->status, &status))
    return damaged (self, error, _("%s has an unknown status “%s”."), fields->where,
                    agreement->status);
  if (*agreement->valid_from != '\0' && *agreement->valid_to != '\0' &&
      strcmp (agreement->valid_from, agreement->valid_to) > 0)
    return damaged (self, error, _("%s has a period that ends before it begins."),
                    fields->where);
  return TRUE;
}

static gboolean
read_agreements (Fields           *fields,
                 UppExchangeUnit  *unit,
                 GError          **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  if (!get_array (fields, "agreements", OPTIONAL, &array, error))
    return FALSE;
  if (array != NULL && json_array_get_length (array) > UPP_EXCHANGE_MAX_AGREEMENTS)
    return damaged (self, error, _("The unit “%s” has more than %d agreements."), unit->name,
                    UPP_EXCHANGE_MAX_AGREEMENTS);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Agreement %u of the unit “%s”"), i + 1,
                                                unit->name);
      Fields agreement;

      if (!get_element (self, array, i, where, &agreement, error) ||
          !read_agreement (&agreement, unit, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_unit (Fields      *fields,
           const char  *region,
           GError     **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeUnit *unit = upp_exchange_unit_new ();
  JsonArray *members;
  UppUnitKind kind;

  unit->region = g_strdup (region);
  g_ptr_array_add (self->data->units, unit);
  if (!get_uuid (fields, "uuid", &unit->uuid, error) ||
      !get_string (fields, "name", REQUIRED, &unit->name, error) ||
      !get_string (fields, "kind", REQUIRED, &unit->kind, error) ||
      !get_string (fields, "sub_area", OPTIONAL, &unit->sub_area, error) ||
      !get_time (fields, "modified", &unit->modified, error) ||
      !get_array (fields, "members", OPTIONAL, &members, error) ||
      !get_strings (fields, members, add_copy_to_array, unit->members, error) ||
      !read_field_versions (fields, VERSIONS_OF_UNIT, unit->versions, error))
    return FALSE;
  if (upp_str_is_blank (unit->name))
    return damaged (self, error, _("%s has no name."), where);
  if (!upp_unit_kind_from_key (unit->kind, &kind))
    return damaged (self, error, _("%s has an unknown kind “%s”."), where, unit->kind);
  for (guint i = 0; i < unit->members->len; i++)
    {
      const char *code = g_ptr_array_index (unit->members, i);

      if (!upp_store_has_municipality (self->store, code, region))
        {
          g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_REGION,
                       _("“%s” was not imported: the unit “%s” has the member “%s”, which is "
                         "not a municipality of its region in the register."),
                       self->name, unit->name, code);
          return FALSE;
        }
    }
  if (g_hash_table_contains (self->data->units_by_uuid, unit->uuid))
    return damaged (self, error, _("The unit “%s” appears twice."), unit->name);
  g_hash_table_insert (self->data->units_by_uuid, (gpointer) unit->uuid, unit);
  return read_agreements (fields, unit, error);
}

static gboolean
read_regions (Fields  *file,
              GError **error)
{
  Reader *self = file->reader;
  JsonArray *regions;

  if (!get_array (file, "regions", OPTIONAL, &regions, error))
    return FALSE;
  for (guint i = 0; regions != NULL && i < json_array_get_length (regions); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Region %u"), i + 1);
      Fields region;
      g_autofree char *code = NULL;
      JsonArray *units;

      if (!get_element (self, regions, i, where, &region, error) ||
          !get_string (&region, "code", REQUIRED, &code, error) ||
          !check_region (self, code, where, error) ||
          !get_array (&region, "units", REQUIRED, &units, error))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (units); j++)
        {
          g_autofree char *unit_where = g_strdup_printf (_("Unit %u of region %s"), j + 1, code);
          Fields unit;

          if (!get_element (self, units, j, unit_where, &unit, error) ||
              !read_unit (&unit, code, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A version is "<time> <device>" (upp_store_version_id()). */
static gboolean
is_version (const char *version)
{
  const char *space = strchr (version, ' ');
  g_autofree char *modified = NULL;

  if (space == NULL)
    return FALSE;
  modified = g_strndup (version, space - version);
  return is_time (modified) && g_uuid_string_is_valid (space + 1) &&
         strpbrk (space + 1, "ABCDEF") == NULL;
}

static gboolean
read_history (Fields       *fields,
              const char   *modified,
              const char   *device,
              GHashTable  **history,
              GError      **error)
{
  JsonArray *array;
  GHashTableIter iter;
  gpointer version;

  *history = upp_exchange_history_new ();
  g_hash_table_add (*history, upp_store_version_id (modified, device));
  if (!get_array (fields, "history", OPTIONAL, &array, error))
    return FALSE;
  if (array != NULL && json_array_get_length (array) > UPP_EXCHANGE_MAX_HISTORY)
    return damaged (fields->reader, error,
                    _("%s has a history of more than %d versions."), fields->where,
                    UPP_EXCHANGE_MAX_HISTORY);
  if (!get_strings (fields, array, add_to_set, *history, error))
    return FALSE;
  g_hash_table_iter_init (&iter, *history);
  while (g_hash_table_iter_next (&iter, &version, NULL))
    {
      if (!is_version (version))
        return damaged (fields->reader, error,
                        _("%s has a history entry that is not a time and a device."),
                        fields->where);
    }
  return TRUE;
}

static gboolean
is_unit_field (const char *field)
{
  return g_strcmp0 (field, UPP_STORE_FIELD_UNIT_NAME) == 0 ||
         g_strcmp0 (field, UPP_STORE_FIELD_UNIT_SUB_AREA) == 0;
}

static gboolean
is_detail_field (const char *field)
{
  return g_strv_contains (upp_store_detail_fields, field);
}

/* Whether field is one of a theme's, as named in files ("kind"); kept as the store names it
 * ("theme_kind"). */
static gboolean
take_theme_field (char **field)
{
  g_autofree char *stored = g_strconcat ("theme_", *field, NULL);

  if (!g_strv_contains (upp_store_theme_fields, stored))
    return FALSE;
  g_free (*field);
  *field = g_steal_pointer (&stored);
  return TRUE;
}

/* "versions": the fields of a unit (its name and county part), a response (its interview
 * details) or a theme that changed since it was made. */
static gboolean
read_field_versions (Fields      *fields,
                     VersionsOf   of,
                     GPtrArray   *versions,
                     GError     **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  if (!get_array (fields, "versions", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Version %u of %s"), i + 1, fields->where);
      UppExchangeVersion *version = upp_exchange_version_new ();
      Fields element;

      g_ptr_array_add (versions, version);
      if (!get_element (self, array, i, where, &element, error) ||
          !get_string (&element, "field", REQUIRED, &version->field, error) ||
          !get_time (&element, "modified", &version->modified, error) ||
          !get_uuid (&element, "device", &version->device, error) ||
          !read_history (&element, version->modified, version->device, &version->history,
                         error))
        return FALSE;
      if (of == VERSIONS_OF_UNIT ? !is_unit_field (version->field)
          : of == VERSIONS_OF_RESPONSE ? !is_detail_field (version->field)
          : !take_theme_field (&version->field))
        return damaged (self, error, _("%s names the unknown field “%s”."), where,
                        version->field);
      for (guint j = 0; j + 1 < versions->len; j++)
        {
          UppExchangeVersion *other = g_ptr_array_index (versions, j);

          if (g_strcmp0 (other->field, version->field) == 0)
            return damaged (self, error, _("%s gives the field “%s” twice."), fields->where,
                            version->field);
        }
    }
  return TRUE;
}

/* Each is a response's uuid or a version ("<modified> <device>"); stored one per line. */
static gboolean
check_known_versions (Reader      *self,
                      const char  *where,
                      GHashTable  *known,
                      GError     **error)
{
  GHashTableIter iter;
  gpointer entry;

  g_hash_table_iter_init (&iter, known);
  while (g_hash_table_iter_next (&iter, &entry, NULL))
    {
      const char *text = entry;

      if (!is_version (text) &&
          !(g_uuid_string_is_valid (text) && strpbrk (text, "ABCDEF") == NULL))
        return damaged (self, error, _("%s lists a known version that is neither an "
                                       "identifier nor a time and a device."), where);
    }
  return TRUE;
}

static gboolean
read_removed_units (Fields            *fields,
                    UppExchangeRound  *round,
                    GError           **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  round->has_versions = json_object_has_member (fields->object, "removed_units");
  if (!get_array (fields, "removed_units", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Removed unit %u of %s"), i + 1,
                                                fields->where);
      UppExchangeRemoval *removal = upp_exchange_removal_new ();
      JsonArray *known;
      Fields element;

      g_ptr_array_add (round->removed, removal);
      removal->known = upp_exchange_history_new ();
      if (!get_element (self, array, i, where, &element, error) ||
          !get_uuid (&element, "unit", &removal->unit, error) ||
          !get_time (&element, "modified", &removal->modified, error) ||
          !get_uuid (&element, "device", &removal->device, error) ||
          !get_array (&element, "known", OPTIONAL, &known, error))
        return FALSE;
      /* The removed response's uuid and the versions of its answers and details: a few per
       * question, each with its history. */
      if (known != NULL && json_array_get_length (known) > 64 * UPP_EXCHANGE_MAX_HISTORY)
        return damaged (self, error, _("%s lists more than %d known versions."), where,
                        64 * UPP_EXCHANGE_MAX_HISTORY);
      if (!get_strings (&element, known, add_to_set, removal->known, error))
        return FALSE;
      if (!check_known_versions (self, where, removal->known, error))
        return FALSE;
    }
  return TRUE;
}

/* An answer's earlier values, for its history: bounded, as a forged file could carry millions. */
static gboolean
read_earlier_versions (Fields             *fields,
                       UppExchangeAnswer  *answer,
                       GError            **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  if (!get_string (fields, "author", OPTIONAL, &answer->author, error) ||
      !check_length (fields, "author", answer->author, UPP_EXCHANGE_MAX_NAME_CHARS, error) ||
      !get_array (fields, "earlier", OPTIONAL, &array, error))
    return FALSE;
  if (array != NULL && json_array_get_length (array) > UPP_EXCHANGE_MAX_ANSWER_VERSIONS)
    return damaged (self, error, _("%s has more than %d earlier versions."), fields->where,
                    UPP_EXCHANGE_MAX_ANSWER_VERSIONS);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Earlier version %u of %s"), i + 1,
                                                fields->where);
      g_autoptr(UppAnswerVersion) version = upp_answer_version_new ();
      g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;
      g_autofree char *modified = NULL;
      g_autofree char *device = NULL;
      g_autofree char *author = NULL;
      g_autofree char *origin_key = NULL;
      UppAnswerOrigin origin = UPP_ANSWER_ORIGIN_EDIT;
      JsonArray *choice_array;
      Fields element;

      if (!get_element (self, array, i, where, &element, error) ||
          !get_string (&element, "text", REQUIRED, &text, error) ||
          !check_length (&element, "text", text, UPP_EXCHANGE_MAX_NOTE_CHARS, error) ||
          !get_array (&element, "choices", OPTIONAL, &choice_array, error) ||
          !get_strings (&element, choice_array, add_copy_to_array, choices, error) ||
          !get_time (&element, "modified", &modified, error) ||
          !get_uuid (&element, "device", &device, error) ||
          !get_string (&element, "author", OPTIONAL, &author, error) ||
          !check_length (&element, "author", author, UPP_EXCHANGE_MAX_NAME_CHARS, error) ||
          !get_string (&element, "origin", OPTIONAL, &origin_key, error))
        return FALSE;
      /* An origin a newer app knows and this one does not reads as an edit. */
      upp_answer_origin_from_key (origin_key, &origin);
      g_ptr_array_add (choices, NULL);
      upp_answer_version_set_text (version, text);
      upp_answer_version_set_choices (version, (const char * const *) choices->pdata);
      upp_answer_version_set_modified (version, modified);
      upp_answer_version_set_device (version, device);
      upp_answer_version_set_author (version, author);
      upp_answer_version_set_origin (version, origin);
      g_ptr_array_add (answer->earlier, g_steal_pointer (&version));
    }
  return TRUE;
}

/* The newest earlier version of template, in the file or the database, that asks key: a
 * round upgraded to a newer version keeps its answers to the questions of the old one. */
static UppTemplate *
find_earlier_version (Reader      *self,
                      UppTemplate *template,
                      const char  *key)
{
  const char *template_key = upp_template_get_key (template);
  g_autoptr(GPtrArray) stored = upp_store_list_template_versions (self->store, template_key,
                                                                  NULL);
  GPtrArray *sources[] = { self->data->templates, stored };
  UppTemplate *found = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      for (guint i = 0; sources[s] != NULL && i < sources[s]->len; i++)
        {
          UppTemplate *each = g_ptr_array_index (sources[s], i);
          int version = upp_template_get_version (each);

          if (g_strcmp0 (upp_template_get_key (each), template_key) == 0 &&
              version < upp_template_get_version (template) &&
              (found == NULL || version > upp_template_get_version (found)) &&
              upp_template_find_question (each, key) != NULL)
            found = each;
        }
    }
  return found != NULL ? g_object_ref (found) : NULL;
}

static gboolean
read_answer (Fields               *fields,
             UppExchangeResponse  *response,
             UppTemplate          *template,
             GError              **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeAnswer *answer = upp_exchange_answer_new ();
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UppTemplate) earlier = NULL;
  UppTemplate *answer_template;
  JsonArray *choice_array;

  g_ptr_array_add (response->answers, answer);
  if (!get_uuid (fields, "uuid", &answer->uuid, error) ||
      !check_new_uuid (fields, answer->uuid, error) ||
      !get_string (fields, "question", REQUIRED, &answer->question, error) ||
      !get_string (fields, "text", REQUIRED, &answer->text, error) ||
      !get_array (fields, "choices", OPTIONAL, &choice_array, error) ||
      !get_strings (fields, choice_array, add_to_array, choices, error) ||
      !get_time (fields, "modified", &answer->modified, error) ||
      !get_uuid (fields, "device", &answer->device, error) ||
      !read_history (fields, answer->modified, answer->device, &answer->history, error) ||
      !read_earlier_versions (fields, answer, error))
    return FALSE;
  g_hash_table_insert (self->answers, answer->uuid, answer);
  /* A question's key, or a derived key of one of its fields or table rows (upp-answer-key.h);
   * a round upgraded to a newer template version keeps its answers to the old questions. */
  answer_template = template;
  if (!upp_answer_key_resolve (template, answer->question, NULL, NULL, NULL, NULL) &&
      (earlier = find_earlier_version (self, template, answer->question)) != NULL)
    answer_template = earlier;
  if (!upp_answer_key_resolve (answer_template, answer->question, NULL, NULL, NULL, NULL))
    return damaged (self, error, _("%s answers the question “%s”, which its template does "
                                   "not have."), where, answer->question);
  for (guint i = 0; i + 1 < response->answers->len; i++)
    {
      UppExchangeAnswer *other = g_ptr_array_index (response->answers, i);

      if (strcmp (other->question, answer->question) == 0)
        return damaged (self, error, _("%s answers the question “%s” a second time."), where,
                        answer->question);
    }
  g_ptr_array_add (choices, NULL);
  /* The same rule as for an answer typed in the window. */
  if (!upp_store_validate_answer (answer_template, answer->question, answer->text,
                                  (const char * const *) choices->pdata, &local_error))
    return damaged (self, error, "%s: %s", where, local_error->message);
  answer->choices = g_strdupv ((char **) choices->pdata);
  return TRUE;
}

/* The region and name of a unit of the file or the database; FALSE if neither has it. */
static gboolean
find_unit (Reader      *self,
           const char  *uuid,
           char       **region,
           char       **name)
{
  UppExchangeUnit *unit = g_hash_table_lookup (self->data->units_by_uuid, uuid);

  if (unit == NULL)
    return upp_store_describe_unit (self->store, uuid, region, name);
  *region = g_strdup (unit->region);
  *name = g_strdup (unit->name);
  return TRUE;
}

static gboolean
read_interview (Fields               *fields,
                UppExchangeResponse  *response,
                GError              **error)
{
  UppExchangeInterview *interview = upp_exchange_interview_new ();
  UppInterviewMode mode;

  g_ptr_array_add (response->interviews, interview);
  if (!get_uuid (fields, "uuid", &interview->uuid, error) ||
      !check_new_uuid (fields, interview->uuid, error) ||
      !get_string (fields, "date", OPTIONAL, &interview->date, error) ||
      !get_string (fields, "mode", OPTIONAL, &interview->mode, error) ||
      !get_int (fields, "duration_minutes", OPTIONAL, 0, 100000,
                &interview->duration_minutes, error) ||
      !get_int (fields, "participant_count", OPTIONAL, 0, 100000,
                &interview->participant_count, error) ||
      !get_string (fields, "participant_roles", OPTIONAL, &interview->participant_roles,
                   error) ||
      !get_string (fields, "note", OPTIONAL, &interview->note, error) ||
      !get_boolean (fields, "removed", &interview->removed, error) ||
      !get_time (fields, "modified", &interview->modified, error) ||
      !get_uuid (fields, "device", &interview->device, error) ||
      !check_length (fields, "participant_roles", interview->participant_roles,
                     UPP_EXCHANGE_MAX_NOTE_CHARS, error) ||
      !check_length (fields, "note", interview->note, UPP_EXCHANGE_MAX_NOTE_CHARS, error) ||
      !check_date (fields, "date", interview->date, error))
    return FALSE;
  if (*interview->mode != '\0' && !upp_interview_mode_from_key (interview->mode, &mode))
    return damaged (fields->reader, error, _("%s has an unknown interview mode “%s”."),
                    fields->where, interview->mode);
  return TRUE;
}

static gboolean
read_interviews (Fields               *fields,
                 UppExchangeResponse  *response,
                 GError              **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  if (!get_array (fields, "interviews", OPTIONAL, &array, error))
    return FALSE;
  if (array != NULL && json_array_get_length (array) > UPP_EXCHANGE_MAX_INTERVIEWS)
    return damaged (self, error, _("%s has more than %d further interviews."), fields->where,
                    UPP_EXCHANGE_MAX_INTERVIEWS);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Interview %u of %s"), i + 1,
                                                fields->where);
      Fields interview;

      if (!get_element (self, array, i, where, &interview, error) ||
          !read_interview (&interview, response, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_response (Fields            *fields,
               UppExchangeRound  *round,
               GError           **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeResponse *response = upp_exchange_response_new ();
  g_autofree char *unit_region = NULL;
  g_autofree char *unit_name = NULL;
  UppResponseStatus status;
  UppInterviewMode mode;
  JsonArray *answers;

  g_ptr_array_add (round->responses, response);
  if (!get_uuid (fields, "uuid", &response->uuid, error) ||
      !check_new_uuid (fields, response->uuid, error) ||
      !get_uuid (fields, "unit", &response->unit, error) ||
      !get_int (fields, "position", OPTIONAL, 0, G_MAXINT32, &response->position, error) ||
      !get_string (fields, "status", REQUIRED, &response->status, error) ||
      !get_string (fields, "interview_date", OPTIONAL, &response->interview_date, error) ||
      !get_string (fields, "mode", OPTIONAL, &response->mode, error) ||
      !get_int (fields, "participant_count", OPTIONAL, 0, 100000,
                &response->participant_count, error) ||
      !get_string (fields, "participant_roles", OPTIONAL, &response->participant_roles,
                   error) ||
      !get_int (fields, "duration_minutes", OPTIONAL, 0, 100000,
                &response->duration_minutes, error) ||
      !get_string (fields, "check_sent", OPTIONAL, &response->check_sent, error) ||
      !get_string (fields, "check_approved", OPTIONAL, &response->check_approved, error) ||
      !get_time (fields, "modified", &response->modified, error) ||
      !get_uuid (fields, "device", &response->device, error) ||
      !read_history (fields, response->modified, response->device, &response->history,
                     error) ||
      !read_field_versions (fields, VERSIONS_OF_RESPONSE, response->versions, error) ||
      !read_interviews (fields, response, error) ||
      !get_array (fields, "answers", OPTIONAL, &answers, error))
    return FALSE;
  if (!upp_response_status_from_key (response->status, &status))
    return damaged (self, error, _("%s has an unknown status “%s”."), where, response->status);
  if (*response->mode != '\0' && !upp_interview_mode_from_key (response->mode, &mode))
    return damaged (self, error, _("%s has an unknown interview mode “%s”."), where,
                    response->mode);
  if (*response->interview_date != '\0' && !upp_is_iso_date (response->interview_date))
    return damaged (self, error, _("%s has an interview date that is not a date such as "
                                   "2025-10-14."), where);
  if ((*response->check_sent != '\0' && !upp_is_iso_date (response->check_sent)) ||
      (*response->check_approved != '\0' && !upp_is_iso_date (response->check_approved)))
    return damaged (self, error, _("%s has a date of the respondent check that is not a date "
                                   "such as 2025-10-14."), where);
  if (!find_unit (self, response->unit, &unit_region, &unit_name))
    return damaged (self, error, _("%s is for a unit that is neither in the file nor in the "
                                   "database."), where);
  if (strcmp (unit_region, round->region) != 0)
    return damaged (self, error, _("%s is for the unit “%s” of region %s, but the round is "
                                   "for region %s."), where, unit_name, unit_region,
                    round->region);
  if (!g_hash_table_add (self->round_units, response->unit))
    return damaged (self, error, _("%s is a second response for the unit “%s” in its round."),
                    where, unit_name);
  for (guint i = 0; answers != NULL && i < json_array_get_length (answers); i++)
    {
      g_autofree char *answer_where = g_strdup_printf (_("Answer %u of %s"), i + 1, where);
      UppExchangeAnswer *last;
      Fields answer;

      if (!get_element (self, answers, i, answer_where, &answer, error) ||
          !read_answer (&answer, response, round->resolved_template, error))
        return FALSE;
      last = g_ptr_array_index (response->answers, response->answers->len - 1);
      g_hash_table_insert (self->answer_regions, last->uuid, round->region);
    }
  return TRUE;
}

static UppTemplate *
resolve_template (Reader     *self,
                  const char *uuid)
{
  for (guint i = 0; i < self->data->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->data->templates, i);

      if (g_strcmp0 (upp_template_get_uuid (template), uuid) == 0)
        return g_object_ref (template);
    }
  return upp_store_load_template_by_uuid (self->store, uuid, NULL);
}

/* A round this database has keeps its template, or another version of it (the merge
 * upgrades ours when theirs is newer): answers are checked against the file's one. */
static gboolean
check_local_round_template (Fields            *fields,
                            UppExchangeRound  *round,
                            GError           **error)
{
  g_autofree char *local = upp_store_dup_round_template_uuid (fields->reader->store, round->uuid);
  g_autoptr(UppTemplate) ours = NULL;
  g_autoptr(UppTemplate) theirs = NULL;

  if (local == NULL || g_strcmp0 (local, round->template) == 0)
    return TRUE;
  ours = upp_store_load_template_by_uuid (fields->reader->store, local, NULL);
  theirs = resolve_template (fields->reader, round->template);
  if (ours != NULL && theirs != NULL &&
      g_strcmp0 (upp_template_get_key (ours), upp_template_get_key (theirs)) == 0)
    return TRUE;
  return damaged (fields->reader, error, _("%s uses another template than the same round "
                                             "in this database."), fields->where);
}

static gboolean
read_round (Fields  *fields,
            GError **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeRound *round = upp_exchange_round_new ();
  JsonArray *texts;
  JsonArray *responses;

  g_hash_table_remove_all (self->round_units);
  g_ptr_array_add (self->data->rounds, round);
  if (!get_uuid (fields, "uuid", &round->uuid, error) ||
      !check_new_uuid (fields, round->uuid, error) ||
      !get_int (fields, "year", REQUIRED, 1900, 2200, &round->year, error) ||
      !get_string (fields, "region", REQUIRED, &round->region, error) ||
      !check_region (self, round->region, where, error) ||
      !get_string (fields, "title", REQUIRED, &round->title, error) ||
      !get_uuid (fields, "template", &round->template, error) ||
      !get_time (fields, "created", &round->created, error) ||
      !get_time (fields, "modified", &round->modified, error) ||
      !get_array (fields, "texts", OPTIONAL, &texts, error) ||
      !get_array (fields, "responses", OPTIONAL, &responses, error) ||
      !read_removed_units (fields, round, error))
    return FALSE;
  if (upp_str_is_blank (round->title))
    return damaged (self, error, _("%s has no title."), where);
  if (!check_local_round_template (fields, round, error))
    return FALSE;

  round->resolved_template = resolve_template (self, round->template);
  if (round->resolved_template == NULL)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_TEMPLATE,
                   _("“%s” was not imported: the round “%s” uses a template that is neither "
                     "in the file nor in the database."), self->name, round->title);
      return FALSE;
    }

  for (guint i = 0; texts != NULL && i < json_array_get_length (texts); i++)
    {
      g_autofree char *text_where = g_strdup_printf (_("Text %u of %s"), i + 1, where);
      UppExchangeText *text = upp_exchange_text_new ();
      Fields text_fields;

      g_ptr_array_add (round->texts, text);
      if (!get_element (self, texts, i, text_where, &text_fields, error) ||
          !get_string (&text_fields, "key", REQUIRED, &text->key, error) ||
          !get_string (&text_fields, "text", REQUIRED, &text->text, error) ||
          !get_time (&text_fields, "modified", &text->modified, error))
        return FALSE;
      if (!upp_template_key_is_valid (text->key))
        return damaged (self, error, _("%s has an invalid key."), text_where);
    }
  for (guint i = 0; responses != NULL && i < json_array_get_length (responses); i++)
    {
      g_autofree char *response_where = g_strdup_printf (_("response %u of round %u"), i + 1,
                                                          self->data->rounds->len);
      Fields response;

      if (!get_element (self, responses, i, response_where, &response, error) ||
          !read_response (&response, round, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_rounds (Fields  *file,
             GError **error)
{
  Reader *self = file->reader;
  JsonArray *rounds;

  if (!get_array (file, "rounds", OPTIONAL, &rounds, error))
    return FALSE;
  for (guint i = 0; rounds != NULL && i < json_array_get_length (rounds); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Round %u"), i + 1);
      Fields round;

      if (!get_element (self, rounds, i, where, &round, error) ||
          !read_round (&round, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the codebook and coded passages ------------------------------------------------------ */

/* "#rrggbb", or "" for none, as the store takes it. */
static gboolean
is_colour (const char *colour)
{
  if (*colour == '\0')
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (colour[i]))
        return FALSE;
    }
  return TRUE;
}

/* "" or an identifier. */
static gboolean
get_optional_uuid (Fields       *fields,
                   const char   *member,
                   char        **value,
                   GError      **error)
{
  if (!get_string (fields, member, OPTIONAL, value, error))
    return FALSE;
  if (**value != '\0' && (!g_uuid_string_is_valid (*value) || strpbrk (*value, "ABCDEF")))
    return damaged (fields->reader, error, _("%s has an invalid identifier “%s”."),
                    fields->where, member);
  return TRUE;
}

static gboolean
read_theme (Fields  *fields,
            GError **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeTheme *theme = upp_exchange_theme_new ();
  UppThemeKind kind;

  g_ptr_array_add (self->data->themes, theme);
  if (!get_uuid (fields, "uuid", &theme->uuid, error) ||
      !check_new_uuid (fields, theme->uuid, error) ||
      !get_string (fields, "region", REQUIRED, &theme->region, error) ||
      !check_region (self, theme->region, where, error) ||
      !get_string (fields, "name", REQUIRED, &theme->name, error) ||
      !get_string (fields, "description", OPTIONAL, &theme->description, error) ||
      !get_string (fields, "kind", REQUIRED, &theme->kind, error) ||
      !get_optional_uuid (fields, "parent", &theme->parent, error) ||
      !get_string (fields, "colour", OPTIONAL, &theme->colour, error) ||
      !get_boolean (fields, "retired", &theme->retired, error) ||
      !get_optional_uuid (fields, "merged_into", &theme->merged_into, error) ||
      !get_time (fields, "modified", &theme->modified, error) ||
      !get_uuid (fields, "device", &theme->device, error) ||
      !read_field_versions (fields, VERSIONS_OF_THEME, theme->versions, error))
    return FALSE;
  if (upp_str_is_blank (theme->name) || strpbrk (theme->name, "\r\n\t") != NULL)
    return damaged (self, error, _("%s needs a name of one line that is not empty."), where);
  if (!upp_theme_kind_from_key (theme->kind, &kind))
    return damaged (self, error, _("%s has an unknown kind “%s”."), where, theme->kind);
  if (!is_colour (theme->colour))
    return damaged (self, error, _("%s has the colour “%s”, which is not one such as "
                                   "#2a7fff."), where, theme->colour);
  if (*theme->merged_into != '\0' && !theme->retired)
    return damaged (self, error, _("%s is merged into another theme but still in use."),
                    where);
  g_hash_table_insert (self->data->themes_by_uuid, theme->uuid, theme);
  return TRUE;
}

/* The region of a theme of the file or the database; NULL when neither has it. */
static char *
dup_theme_region (Reader     *self,
                  const char *uuid)
{
  UppExchangeTheme *theme = g_hash_table_lookup (self->data->themes_by_uuid, uuid);
  char *region = NULL;

  if (theme != NULL)
    return g_strdup (theme->region);
  if (!upp_store_describe_theme (self->store, uuid, &region))
    return NULL;
  return region;
}

/* A theme another one points to (its group, or where it was merged): a theme of the same
 * region, in the file or the database, and not itself. */
static gboolean
check_theme_link (Reader            *self,
                  UppExchangeTheme  *theme,
                  const char        *where,
                  const char        *member,
                  const char        *uuid,
                  GError           **error)
{
  g_autofree char *region = NULL;

  if (*uuid == '\0')
    return TRUE;
  if (strcmp (uuid, theme->uuid) == 0)
    return damaged (self, error, _("%s names itself as its “%s”."), where, member);
  region = dup_theme_region (self, uuid);
  if (region == NULL)
    return damaged (self, error, _("%s has a “%s” theme that is neither in the file nor in "
                                   "the database."), where, member);
  if (strcmp (region, theme->region) != 0)
    return damaged (self, error, _("%s has a “%s” theme of another region."), where, member);
  return TRUE;
}

static gboolean
read_themes (Fields  *file,
             GError **error)
{
  Reader *self = file->reader;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *array;

  if (!get_array (file, "themes", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Theme %u"), i + 1);
      Fields theme;

      if (!get_element (self, array, i, where, &theme, error) ||
          !read_theme (&theme, error))
        return FALSE;
    }

  /* Links are checked once every theme of the file is known. */
  for (guint i = 0; i < self->data->themes->len; i++)
    {
      UppExchangeTheme *theme = g_ptr_array_index (self->data->themes, i);
      g_autofree char *where = g_strdup_printf (_("Theme %u"), i + 1);
      g_autofree char *name_key = NULL;
      g_autofree char *key = NULL;

      if (!check_theme_link (self, theme, where, "parent", theme->parent, error) ||
          !check_theme_link (self, theme, where, "merged_into", theme->merged_into, error))
        return FALSE;
      if (theme->retired)
        continue;
      /* Names of themes in use are unique in a region, as in the database. */
      name_key = upp_store_dup_theme_name_key (theme->name);
      key = g_strconcat (theme->region, "\n", name_key, NULL);
      if (!g_hash_table_add (names, g_steal_pointer (&key)))
        return damaged (self, error, _("%s has the name “%s” of another theme in use."), where,
                        theme->name);
    }
  return TRUE;
}

static gboolean
read_coding (Fields  *fields,
             GError **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  UppExchangeCoding *coding = upp_exchange_coding_new ();
  UppExchangeAnswer *answer;
  g_autofree char *local_text = NULL;
  g_autofree char *local_region = NULL;
  g_autofree char *theme_region = NULL;
  const char *answer_region;
  const char *text;

  g_ptr_array_add (self->data->codings, coding);
  if (!get_uuid (fields, "uuid", &coding->uuid, error) ||
      !check_new_uuid (fields, coding->uuid, error) ||
      !get_uuid (fields, "answer", &coding->answer, error) ||
      !get_uuid (fields, "theme", &coding->theme, error) ||
      !get_int (fields, "start", REQUIRED, 0, G_MAXINT32, &coding->start, error) ||
      !get_int (fields, "end", REQUIRED, 0, G_MAXINT32, &coding->end, error) ||
      !get_string (fields, "anchor", REQUIRED, &coding->anchor, error) ||
      !get_boolean (fields, "flagged", &coding->flagged, error) ||
      !get_boolean (fields, "quote", &coding->quote, error) ||
      !get_time (fields, "modified", &coding->modified, error) ||
      !get_uuid (fields, "device", &coding->device, error))
    return FALSE;
  if (coding->start >= coding->end)
    return damaged (self, error, _("%s starts at %lld, not before its end at %lld."), where,
                    (long long) coding->start, (long long) coding->end);
  if (*coding->anchor == '\0')
    return damaged (self, error, _("%s has no passage text."), where);

  answer = g_hash_table_lookup (self->answers, coding->answer);
  if (answer != NULL)
    {
      text = answer->text;
      answer_region = g_hash_table_lookup (self->answer_regions, coding->answer);
    }
  else if (upp_store_describe_answer (self->store, coding->answer, &local_text, &local_region))
    {
      text = local_text;
      answer_region = local_region;
    }
  else
    return damaged (self, error, _("%s codes an answer that is neither in the file nor in the "
                                   "database."), where);
  theme_region = dup_theme_region (self, coding->theme);
  if (theme_region == NULL)
    return damaged (self, error, _("%s has a theme that is neither in the file nor in the "
                                   "database."), where);
  if (strcmp (answer_region, theme_region) != 0)
    return damaged (self, error, _("%s codes an answer of region %s with a theme of region "
                                   "%s."), where, answer_region, theme_region);
  /* A flagged passage is no longer in the text, and may lie beyond its end. */
  if (!coding->flagged && coding->end > g_utf8_strlen (text, -1))
    return damaged (self, error, _("%s ends at character %lld, beyond the answer’s text "
                                   "(%ld characters)."), where, (long long) coding->end,
                    g_utf8_strlen (text, -1));
  return TRUE;
}

static gboolean
read_codings (Fields  *file,
              GError **error)
{
  Reader *self = file->reader;
  JsonArray *codings;
  JsonArray *removed;

  if (!get_array (file, "codings", OPTIONAL, &codings, error) ||
      !get_array (file, "removed_codings", OPTIONAL, &removed, error))
    return FALSE;
  for (guint i = 0; codings != NULL && i < json_array_get_length (codings); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Coded passage %u"), i + 1);
      Fields coding;

      if (!get_element (self, codings, i, where, &coding, error) ||
          !read_coding (&coding, error))
        return FALSE;
    }
  for (guint i = 0; removed != NULL && i < json_array_get_length (removed); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Removed coded passage %u"), i + 1);
      UppExchangeRemovedCoding *coding = upp_exchange_removed_coding_new ();
      Fields element;

      g_ptr_array_add (self->data->removed_codings, coding);
      if (!get_element (self, removed, i, where, &element, error) ||
          !get_uuid (&element, "uuid", &coding->uuid, error) ||
          !get_time (&element, "modified", &coding->modified, error) ||
          !get_uuid (&element, "device", &coding->device, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_file (Reader      *self,
           const char  *data,
           gsize        length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root_node;
  JsonNode *format;
  Fields file;
  gint64 version;

  if (length == 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is empty (0 bytes), so there was nothing to import."), self->name);
      return FALSE;
    }
  if (length > UPP_EXCHANGE_MAX_FILE_SIZE)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is too large to be an exchange file (more than %d MB); it was not "
                     "imported."), self->name, UPP_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }

  self->parser = upp_json_parse (data, length, &local_error);
  if (self->parser == NULL)
    {
      g_autofree char *problem = dup_one_line (local_error->message);

      if (g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_ENCODING))
        g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_ENCODING,
                     _("“%s” is not an exchange file: it is not UTF-8 text (%s)."),
                     self->name, problem);
      else if (g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_EMPTY) ||
               g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_NOT_JSON))
        g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_JSON,
                     _("“%s” is not an exchange file: it does not contain JSON."), self->name);
      else if (g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_TRUNCATED))
        g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_JSON,
                     _("“%s” is not valid JSON, perhaps because it was cut short: %s"),
                     self->name, problem);
      else
        g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NOT_JSON,
                     _("“%s” is not valid JSON: %s"), self->name, problem);
      return FALSE;
    }

  root_node = json_parser_get_root (self->parser);
  format = root_node && JSON_NODE_HOLDS_OBJECT (root_node)
           ? json_object_get_member (json_node_get_object (root_node), "format") : NULL;
  if (format == NULL || !JSON_NODE_HOLDS_VALUE (format) ||
      json_node_get_value_type (format) != G_TYPE_STRING ||
      g_strcmp0 (json_node_get_string (format), UPP_EXCHANGE_FORMAT) != 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_WRONG_FORMAT,
                   _("“%s” is JSON but not an Uppföljning exchange file."), self->name);
      return FALSE;
    }
  file = (Fields) { self, json_node_get_object (root_node), _("The file") };
  if (!get_int (&file, "format_version", REQUIRED, 0, G_MAXINT32, &version, error))
    return FALSE;
  if (version < UPP_EXCHANGE_OLDEST_FORMAT_VERSION || version > UPP_EXCHANGE_FORMAT_VERSION)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NEWER_VERSION,
                   _("“%s” has exchange format version %lld, but this version "
                     "of Uppföljning reads version %d. Update Uppföljning on this computer, or "
                     "export the file again with a matching version."),
                   self->name, (long long) version, UPP_EXCHANGE_FORMAT_VERSION);
      return FALSE;
    }
  /* Optional: files of older versions and of unnamed computers have no name. */
  if (!get_string (&file, "device", OPTIONAL, &self->data->device, error) ||
      !get_string (&file, "device_name", OPTIONAL, &self->data->device_name, error))
    return FALSE;

  return read_templates (&file, error) &&
         read_regions (&file, error) &&
         read_rounds (&file, error) &&
         check_templates (self, error) &&
         read_themes (&file, error) &&
         read_codings (&file, error);
}

UppExchangeData *
upp_exchange_parse (UppStore    *store,
                    const char  *name,
                    const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_auto(Reader) self = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self.store = store;
  self.name = name;
  self.data = upp_exchange_data_new (name);
  self.round_units = g_hash_table_new (g_str_hash, g_str_equal);
  self.uuids = g_hash_table_new (g_str_hash, g_str_equal);
  self.answers = g_hash_table_new (g_str_hash, g_str_equal);
  self.answer_regions = g_hash_table_new (g_str_hash, g_str_equal);
  self.latest = g_date_time_add_days (now, 1);
  if (!read_file (&self, data, length, error))
    return NULL;
  return g_steal_pointer (&self.data);
}

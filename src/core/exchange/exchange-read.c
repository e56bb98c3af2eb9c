/* exchange-read.c: reading exchange files and merging them without losing an answer
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-read"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "backup.h"
#include "exchange-read.h"
#include "upp-enums.h"
#include "upp-json.h"
#include "upp-question.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"

/* ---- the file, checked ------------------------------------------------------------------ */

/* Strings are borrowed from the parsed JSON, which lives as long as the reader. */

/* The version of one field of a unit or response (its "versions" in the file). */
typedef struct
{
  const char *field;
  const char *modified;
  const char *device;
  GHashTable *history;
} FileVersion;

/* A unit taken out of a round, with the versions of its answers the remover had seen. */
typedef struct
{
  const char *unit;
  const char *modified;
  const char *device;
  GHashTable *known;
} FileRemoval;

typedef struct
{
  const char *uuid;
  const char *region;
  const char *name;
  const char *kind;
  const char *sub_area;
  const char *modified;
  GPtrArray  *members;      /* const char * */
  GPtrArray  *versions;     /* FileVersion */
  gint64      local_id;
} FileUnit;

typedef struct
{
  const char *uuid;
  const char *question;
  const char *text;
  char       *choices;      /* joined as the store keeps them */
  const char *modified;
  const char *device;
  GHashTable *history;      /* version ids, the answer's own included */
} FileAnswer;

typedef struct
{
  const char *uuid;
  const char *unit;
  gint64      position;
  const char *status;
  const char *interview_date;
  const char *mode;
  gint64      participant_count;
  const char *participant_roles;
  const char *modified;
  const char *device;
  GHashTable *history;
  GPtrArray  *answers;      /* FileAnswer */
  GPtrArray  *versions;     /* FileVersion */
  FileVersion whole;        /* the response's own version, for files without "versions" */
  gboolean    skipped;      /* its unit was removed here, and it brings nothing new */
  gint64      local_id;
} FileResponse;

typedef struct
{
  const char *key;
  const char *text;
  const char *modified;
} FileText;

typedef struct
{
  const char  *uuid;
  gint64       year;
  const char  *region;
  const char  *title;
  const char  *template;
  const char  *created;
  const char  *modified;
  GPtrArray   *texts;       /* FileText */
  GPtrArray   *responses;   /* FileResponse */
  GHashTable  *units;       /* uuids of the units answering, each once */
  GPtrArray   *removed;     /* FileRemoval */
  gboolean     has_versions; /* written by an app that keeps versions per field */
  UppTemplate *resolved_template;
  gint64       local_id;
} FileRound;

typedef struct
{
  UppStore           *store;
  const char         *name;
  JsonParser         *parser;
  GPtrArray          *templates;  /* UppTemplate */
  GPtrArray          *units;      /* FileUnit */
  GHashTable         *units_by_uuid;
  GPtrArray          *rounds;     /* FileRound */
  GHashTable         *uuids;      /* of rounds, responses and answers, to find repeats */
  GDateTime          *latest;     /* later times are refused */
  UppExchangeSummary *summary;
} Reader;

static void
file_version_free (FileVersion *version)
{
  g_clear_pointer (&version->history, g_hash_table_unref);
  g_free (version);
}

static void
file_removal_free (FileRemoval *removal)
{
  g_clear_pointer (&removal->known, g_hash_table_unref);
  g_free (removal);
}

static void
file_unit_free (FileUnit *unit)
{
  g_clear_pointer (&unit->members, g_ptr_array_unref);
  g_clear_pointer (&unit->versions, g_ptr_array_unref);
  g_free (unit);
}

static void
file_answer_free (FileAnswer *answer)
{
  g_free (answer->choices);
  g_clear_pointer (&answer->history, g_hash_table_unref);
  g_free (answer);
}

static void
file_response_free (FileResponse *response)
{
  g_clear_pointer (&response->history, g_hash_table_unref);
  g_clear_pointer (&response->answers, g_ptr_array_unref);
  g_clear_pointer (&response->versions, g_ptr_array_unref);
  g_free (response);
}

static void
file_round_free (FileRound *round)
{
  g_clear_pointer (&round->texts, g_ptr_array_unref);
  g_clear_pointer (&round->responses, g_ptr_array_unref);
  g_clear_pointer (&round->units, g_hash_table_unref);
  g_clear_pointer (&round->removed, g_ptr_array_unref);
  g_clear_object (&round->resolved_template);
  g_free (round);
}

static void
reader_clear (Reader *self)
{
  g_clear_object (&self->parser);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->units_by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->rounds, g_ptr_array_unref);
  g_clear_pointer (&self->uuids, g_hash_table_unref);
  g_clear_pointer (&self->latest, g_date_time_unref);
  g_clear_pointer (&self->summary, upp_exchange_summary_free);
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

static gboolean
get_string (Fields       *fields,
            const char   *member,
            Presence      presence,
            const char  **value,
            GError      **error)
{
  JsonNode *node = json_object_get_member (fields->object, member);

  if (node == NULL && presence == OPTIONAL)
    {
      *value = "";
      return TRUE;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return damaged (fields->reader, error, _("%s has no text field “%s”."), fields->where,
                    member);
  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_uuid (Fields       *fields,
          const char   *member,
          const char  **value,
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
          const char  **value,
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

/* ---- reading: check every field before anything is written ------------------------------- */

static gboolean done (Reader  *self,
                      int      rc,
                      GError **error);

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
      g_ptr_array_add (self->templates, template);
    }
  return TRUE;
}

static gboolean
template_used_in_file (Reader     *self,
                       const char *uuid)
{
  for (guint i = 0; i < self->rounds->len; i++)
    {
      FileRound *round = g_ptr_array_index (self->rounds, i);

      if (strcmp (round->template, uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
template_used_here (Reader *self,
                    gint64  id)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self->store, "SELECT 1 FROM rounds WHERE template_id = ?", NULL);

  if (statement == NULL)
    return TRUE;
  sqlite3_bind_int64 (statement, 1, id);
  return sqlite3_step (statement) == SQLITE_ROW;
}

/* The merge takes a template of the file for the one of the database with its uuid or
 * its key and version, so the two must be the same template; only one that no round uses
 * may have been edited on one side (the database keeps its own). Checked after the rounds
 * are read, to know which templates the file's rounds use. */
static gboolean
check_templates (Reader  *self,
                 GError **error)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->templates, i);
      const char *uuid = upp_template_get_uuid (template);
      const char *key = upp_template_get_key (template);
      int version = upp_template_get_version (template);
      g_autofree char *where = g_strdup_printf (_("Template %u"), i + 1);
      g_autoptr(UppCachedStatement) find = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      int rc;

      for (guint j = 0; j < i; j++)
        {
          UppTemplate *other = g_ptr_array_index (self->templates, j);

          if (strcmp (upp_template_get_uuid (other), uuid) == 0 ||
              (strcmp (upp_template_get_key (other), key) == 0 &&
               upp_template_get_version (other) == version))
            return damaged (self, error, _("%s repeats the template “%s” version %d."), where,
                            key, version);
        }

      find = upp_store_statement (self->store,
                                  "SELECT id, uuid, key, version FROM templates "
                                  "WHERE uuid = ?1 OR (key = ?2 AND version = ?3)", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 2, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (find, 3, version);
      while ((rc = sqlite3_step (find)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (find, 0);

          if (g_strcmp0 (upp_store_column_text (find, 1), uuid) != 0)
            return damaged (self, error, _("%s, “%s” version %d, is another template than the "
                                           "one of that key and version in this database; one "
                                           "of them needs a new version."), where, key,
                            version);
          if (g_strcmp0 (upp_store_column_text (find, 2), key) != 0 ||
              sqlite3_column_int (find, 3) != version)
            return damaged (self, error, _("%s, “%s” version %d, has the identifier of the "
                                           "template “%s” version %d in this database."),
                            where, key, version, upp_store_column_text (find, 2),
                            sqlite3_column_int (find, 3));
          g_array_append_val (ids, id);
        }
      if (!done (self, rc, error))
        return FALSE;
      g_clear_pointer (&find, upp_cached_statement_release);

      for (guint j = 0; j < ids->len; j++)
        {
          gint64 id = g_array_index (ids, gint64, j);
          g_autoptr(UppTemplate) local = upp_store_load_template_by_id (self->store, id, error);
          g_autofree char *theirs = NULL;
          g_autofree char *ours = NULL;

          if (local == NULL)
            return FALSE;
          theirs = upp_template_to_json (template);
          ours = upp_template_to_json (local);
          if (strcmp (theirs, ours) != 0 &&
              (template_used_in_file (self, uuid) || template_used_here (self, id)))
            return damaged (self, error, _("%s, “%s” version %d, differs from the template of "
                                           "that key and version in this database; a changed "
                                           "template needs a new version."), where, key,
                            version);
        }
    }
  return TRUE;
}

static gboolean
municipality_exists (Reader     *self,
                     const char *code,
                     const char *region_code)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (self->store,
                         "SELECT 1 FROM municipalities WHERE code = ? AND region_code = ?", NULL);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, region_code, -1, SQLITE_TRANSIENT);
  return sqlite3_step (statement) == SQLITE_ROW;
}

static gboolean
check_region (Reader      *self,
              const char  *code,
              const char  *where,
              GError     **error)
{
  if (upp_store_lookup_region (self->store, code) != NULL)
    return TRUE;
  g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_REGION,
               _("“%s” was not imported: %s names the region “%s”, which is not in the "
                 "register."), self->name, where, code);
  return FALSE;
}

static gboolean read_field_versions (Fields      *fields,
                                     gboolean     of_unit,
                                     GPtrArray  **versions,
                                     GError     **error);

static gboolean
read_unit (Fields      *fields,
           const char  *region,
           GError     **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  FileUnit *unit = g_new0 (FileUnit, 1);
  JsonArray *members;
  UppUnitKind kind;

  unit->region = region;
  unit->members = g_ptr_array_new ();
  g_ptr_array_add (self->units, unit);
  if (!get_uuid (fields, "uuid", &unit->uuid, error) ||
      !get_string (fields, "name", REQUIRED, &unit->name, error) ||
      !get_string (fields, "kind", REQUIRED, &unit->kind, error) ||
      !get_string (fields, "sub_area", OPTIONAL, &unit->sub_area, error) ||
      !get_time (fields, "modified", &unit->modified, error) ||
      !get_array (fields, "members", OPTIONAL, &members, error) ||
      !get_strings (fields, members, add_to_array, unit->members, error) ||
      !read_field_versions (fields, TRUE, &unit->versions, error))
    return FALSE;
  if (upp_str_is_blank (unit->name))
    return damaged (self, error, _("%s has no name."), where);
  if (!upp_unit_kind_from_key (unit->kind, &kind))
    return damaged (self, error, _("%s has an unknown kind “%s”."), where, unit->kind);
  for (guint i = 0; i < unit->members->len; i++)
    {
      const char *code = g_ptr_array_index (unit->members, i);

      if (!municipality_exists (self, code, region))
        {
          g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_REGION,
                       _("“%s” was not imported: the unit “%s” has the member “%s”, which is "
                         "not a municipality of its region in the register."),
                       self->name, unit->name, code);
          return FALSE;
        }
    }
  if (g_hash_table_contains (self->units_by_uuid, unit->uuid))
    return damaged (self, error, _("The unit “%s” appears twice."), unit->name);
  g_hash_table_insert (self->units_by_uuid, (gpointer) unit->uuid, unit);
  return TRUE;
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
      const char *code;
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

/* A version is "<time> <device>" (upp_exchange_version_id()). */
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

  *history = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (*history, upp_exchange_version_id (modified, device));
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
is_detail_field (const char *field)
{
  return g_strv_contains (upp_exchange_detail_fields, field);
}

/* "versions": the fields of a unit (its name) or a response (its interview details) that
 * changed since it was made. */
static gboolean
read_field_versions (Fields      *fields,
                     gboolean     of_unit,
                     GPtrArray  **versions,
                     GError     **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  *versions = g_ptr_array_new_with_free_func ((GDestroyNotify) file_version_free);
  if (!get_array (fields, "versions", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Version %u of %s"), i + 1, fields->where);
      FileVersion *version = g_new0 (FileVersion, 1);
      Fields element;

      g_ptr_array_add (*versions, version);
      if (!get_element (self, array, i, where, &element, error) ||
          !get_string (&element, "field", REQUIRED, &version->field, error) ||
          !get_time (&element, "modified", &version->modified, error) ||
          !get_uuid (&element, "device", &version->device, error) ||
          !read_history (&element, version->modified, version->device, &version->history,
                         error))
        return FALSE;
      if (of_unit ? g_strcmp0 (version->field, UPP_EXCHANGE_FIELD_UNIT_NAME) != 0
                  : !is_detail_field (version->field))
        return damaged (self, error, _("%s names the unknown field “%s”."), where,
                        version->field);
      for (guint j = 0; j + 1 < (*versions)->len; j++)
        {
          FileVersion *other = g_ptr_array_index (*versions, j);

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
read_removed_units (Fields     *fields,
                    FileRound  *round,
                    GError    **error)
{
  Reader *self = fields->reader;
  JsonArray *array;

  round->removed = g_ptr_array_new_with_free_func ((GDestroyNotify) file_removal_free);
  round->has_versions = json_object_has_member (fields->object, "removed_units");
  if (!get_array (fields, "removed_units", OPTIONAL, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Removed unit %u of %s"), i + 1,
                                                fields->where);
      FileRemoval *removal = g_new0 (FileRemoval, 1);
      JsonArray *known;
      Fields element;

      g_ptr_array_add (round->removed, removal);
      removal->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

static gboolean
read_answer (Fields        *fields,
             FileResponse  *response,
             UppTemplate   *template,
             GError       **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  FileAnswer *answer = g_new0 (FileAnswer, 1);
  g_autoptr(GPtrArray) choices = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  JsonArray *choice_array;
  UppQuestion *question;

  g_ptr_array_add (response->answers, answer);
  if (!get_uuid (fields, "uuid", &answer->uuid, error) ||
      !check_new_uuid (fields, answer->uuid, error) ||
      !get_string (fields, "question", REQUIRED, &answer->question, error) ||
      !get_string (fields, "text", REQUIRED, &answer->text, error) ||
      !get_array (fields, "choices", OPTIONAL, &choice_array, error) ||
      !get_strings (fields, choice_array, add_to_array, choices, error) ||
      !get_time (fields, "modified", &answer->modified, error) ||
      !get_uuid (fields, "device", &answer->device, error) ||
      !read_history (fields, answer->modified, answer->device, &answer->history, error))
    return FALSE;
  question = upp_template_find_question (template, answer->question);
  if (question == NULL)
    return damaged (self, error, _("%s answers the question “%s”, which its template does "
                                   "not have."), where, answer->question);
  for (guint i = 0; i + 1 < response->answers->len; i++)
    {
      FileAnswer *other = g_ptr_array_index (response->answers, i);

      if (strcmp (other->question, answer->question) == 0)
        return damaged (self, error, _("%s answers the question “%s” a second time."), where,
                        answer->question);
    }
  g_ptr_array_add (choices, NULL);
  /* The same rule as for an answer typed in the window. */
  if (!upp_store_validate_choices (question, (const char * const *) choices->pdata,
                                   &local_error))
    return damaged (self, error, "%s: %s", where, local_error->message);
  answer->choices = upp_store_join_choices ((const char * const *) choices->pdata);
  return TRUE;
}

/* The region and name of a unit of the file or the database; FALSE if neither has it. */
static gboolean
find_unit (Reader      *self,
           const char  *uuid,
           char       **region,
           char       **name)
{
  FileUnit *unit = g_hash_table_lookup (self->units_by_uuid, uuid);
  g_autoptr(UppCachedStatement) statement = NULL;

  if (unit != NULL)
    {
      *region = g_strdup (unit->region);
      *name = g_strdup (unit->name);
      return TRUE;
    }
  statement = upp_store_statement (self->store,
                                   "SELECT region_code, name FROM units WHERE uuid = ?", NULL);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return FALSE;
  *region = g_strdup (upp_store_column_text (statement, 0));
  *name = g_strdup (upp_store_column_text (statement, 1));
  return TRUE;
}

/* "YYYY-MM-DD", as the interview form and the CSV import write it. */
static gboolean
is_date (const char *value)
{
  const char *pattern = "dddd-dd-dd";

  for (guint i = 0; i <= strlen (pattern); i++)
    {
      if (pattern[i] == 'd' ? !g_ascii_isdigit (value[i]) : value[i] != pattern[i])
        return FALSE;
    }
  return g_date_valid_dmy (atoi (value + 8), atoi (value + 5), atoi (value));
}

static gboolean
read_response (Fields      *fields,
               FileRound   *round,
               GError     **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  FileResponse *response = g_new0 (FileResponse, 1);
  g_autofree char *unit_region = NULL;
  g_autofree char *unit_name = NULL;
  UppResponseStatus status;
  UppInterviewMode mode;
  JsonArray *answers;

  response->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) file_answer_free);
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
      !get_time (fields, "modified", &response->modified, error) ||
      !get_uuid (fields, "device", &response->device, error) ||
      !read_history (fields, response->modified, response->device, &response->history,
                     error) ||
      !read_field_versions (fields, FALSE, &response->versions, error) ||
      !get_array (fields, "answers", OPTIONAL, &answers, error))
    return FALSE;
  response->whole = (FileVersion) { NULL, response->modified, response->device,
                                    response->history };
  if (!upp_response_status_from_key (response->status, &status))
    return damaged (self, error, _("%s has an unknown status “%s”."), where, response->status);
  if (*response->mode != '\0' && !upp_interview_mode_from_key (response->mode, &mode))
    return damaged (self, error, _("%s has an unknown interview mode “%s”."), where,
                    response->mode);
  if (*response->interview_date != '\0' && !is_date (response->interview_date))
    return damaged (self, error, _("%s has an interview date that is not a date such as "
                                   "2025-10-14."), where);
  if (!find_unit (self, response->unit, &unit_region, &unit_name))
    return damaged (self, error, _("%s is for a unit that is neither in the file nor in the "
                                   "database."), where);
  if (strcmp (unit_region, round->region) != 0)
    return damaged (self, error, _("%s is for the unit “%s” of region %s, but the round is "
                                   "for region %s."), where, unit_name, unit_region,
                    round->region);
  if (!g_hash_table_add (round->units, (gpointer) response->unit))
    return damaged (self, error, _("%s is a second response for the unit “%s” in its round."),
                    where, unit_name);
  for (guint i = 0; answers != NULL && i < json_array_get_length (answers); i++)
    {
      g_autofree char *answer_where = g_strdup_printf (_("Answer %u of %s"), i + 1, where);
      Fields answer;

      if (!get_element (self, answers, i, answer_where, &answer, error) ||
          !read_answer (&answer, response, round->resolved_template, error))
        return FALSE;
    }
  return TRUE;
}

static UppTemplate *
resolve_template (Reader     *self,
                  const char *uuid)
{
  g_autoptr(UppCachedStatement) statement = NULL;

  for (guint i = 0; i < self->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (upp_template_get_uuid (template), uuid) == 0)
        return g_object_ref (template);
    }
  statement = upp_store_statement (self->store, "SELECT id FROM templates WHERE uuid = ?", NULL);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_text (statement, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) != SQLITE_ROW)
    return NULL;
  return upp_store_load_template_by_id (self->store, sqlite3_column_int64 (statement, 0), NULL);
}

/* A round this database has keeps its template: answers are checked against that one. */
static gboolean
check_local_round_template (Fields     *fields,
                            FileRound  *round,
                            GError    **error)
{
  g_autoptr(UppCachedStatement) statement =
    upp_store_statement (fields->reader->store,
                         "SELECT t.uuid FROM rounds r JOIN templates t ON t.id = r.template_id "
                         "WHERE r.uuid = ?", NULL);

  if (statement == NULL)
    return TRUE;
  sqlite3_bind_text (statement, 1, round->uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (statement) == SQLITE_ROW &&
      g_strcmp0 (upp_store_column_text (statement, 0), round->template) != 0)
    return damaged (fields->reader, error, _("%s uses another template than the same round "
                                             "in this database."), fields->where);
  return TRUE;
}

static gboolean
read_round (Fields  *fields,
            GError **error)
{
  Reader *self = fields->reader;
  const char *where = fields->where;
  FileRound *round = g_new0 (FileRound, 1);
  JsonArray *texts;
  JsonArray *responses;

  round->texts = g_ptr_array_new_with_free_func (g_free);
  round->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) file_response_free);
  round->units = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (self->rounds, round);
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
      FileText *text = g_new0 (FileText, 1);
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
                                                          self->rounds->len);
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
  if (version != UPP_EXCHANGE_FORMAT_VERSION)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_NEWER_VERSION,
                   _("“%s” has exchange format version %lld, but this version "
                     "of Uppföljning reads version %d. Update Uppföljning on this computer, or "
                     "export the file again with a matching version."),
                   self->name, (long long) version, UPP_EXCHANGE_FORMAT_VERSION);
      return FALSE;
    }

  return read_templates (&file, error) &&
         read_regions (&file, error) &&
         read_rounds (&file, error) &&
         check_templates (self, error);
}

/* ---- merging ------------------------------------------------------------------------------ */

static gboolean
done (Reader  *self,
      int      rc,
      GError **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  upp_store_set_sqlite_error (self->store, error);
  return FALSE;
}

static gboolean
merge_templates (Reader  *self,
                 GError **error)
{
  for (guint i = 0; i < self->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->templates, i);
      g_autoptr(UppCachedStatement) find = NULL;

      find = upp_store_statement (self->store,
                                  "SELECT id FROM templates WHERE uuid = ?1 "
                                  "OR (key = ?2 AND version = ?3)", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (find, 3, upp_template_get_version (template));
      if (sqlite3_step (find) == SQLITE_ROW)
        continue;
      g_clear_pointer (&find, upp_cached_statement_release);
      upp_template_set_id (template, 0);
      if (!upp_store_save_template (self->store, template, error))
        return FALSE;
      self->summary->templates_added++;
    }
  return TRUE;
}

static gint64
find_template_id (Reader      *self,
                  UppTemplate *template)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT id FROM templates WHERE uuid = ?1 "
                         "OR (key = ?2 AND version = ?3) ORDER BY uuid = ?1 DESC", NULL);

  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, upp_template_get_uuid (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, upp_template_get_key (template), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (find, 3, upp_template_get_version (template));
  if (sqlite3_step (find) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (find, 0);
}

static gboolean
insert_unit (Reader    *self,
             FileUnit  *unit,
             GError   **error)
{
  g_autoptr(UppUnit) new_unit = NULL;
  UppUnitKind kind = UPP_UNIT_KIND_OTHER;

  upp_unit_kind_from_key (unit->kind, &kind);
  new_unit = upp_unit_new (unit->name, unit->region, kind);
  upp_unit_set_uuid (new_unit, unit->uuid);
  upp_unit_set_sub_area (new_unit, unit->sub_area);
  g_ptr_array_add (unit->members, NULL);
  upp_unit_set_member_codes (new_unit, (const char * const *) unit->members->pdata);
  g_ptr_array_remove_index (unit->members, unit->members->len - 1);
  if (!upp_store_save_unit (self->store, new_unit, error))
    return FALSE;
  unit->local_id = upp_unit_get_id (new_unit);
  self->summary->units_added++;

  /* A renamed unit arrives with its name's version, to merge later renames against. */
  for (guint i = 0; i < unit->versions->len; i++)
    {
      FileVersion *version = g_ptr_array_index (unit->versions, i);
      g_autofree char *key = upp_exchange_field_key (unit->uuid, version->field);
      GHashTableIter iter;
      gpointer shared;

      if (!upp_exchange_stamp_field (self->store, unit->uuid, version->field, version->modified,
                                     version->device, error))
        return FALSE;
      g_hash_table_iter_init (&iter, version->history);
      while (g_hash_table_iter_next (&iter, &shared, NULL))
        {
          if (!upp_exchange_remember_version (self->store, key, shared, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* A unit is the same by uuid, or by name within its region (made on two laptops alike). */
static gboolean
merge_units (Reader  *self,
             GError **error)
{
  for (guint i = 0; i < self->units->len; i++)
    {
      FileUnit *unit = g_ptr_array_index (self->units, i);
      g_autoptr(UppCachedStatement) find = NULL;
      g_autofree char *name = g_strstrip (g_strdup (unit->name));
      g_autofree char *name_key = g_utf8_casefold (name, -1);

      find = upp_store_statement (self->store,
                                  "SELECT id FROM units WHERE uuid = ?1 "
                                  "OR (region_code = ?2 AND name_key = ?3) "
                                  "ORDER BY uuid = ?1 DESC", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, unit->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 2, unit->region, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (find, 3, name_key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) == SQLITE_ROW)
        {
          unit->local_id = sqlite3_column_int64 (find, 0);
          continue;
        }
      g_clear_pointer (&find, upp_cached_statement_release);
      if (!insert_unit (self, unit, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
local_unit_id (Reader     *self,
               const char *uuid)
{
  FileUnit *unit = g_hash_table_lookup (self->units_by_uuid, uuid);
  g_autoptr(UppCachedStatement) find = NULL;

  if (unit != NULL)
    return unit->local_id;
  find = upp_store_statement (self->store, "SELECT id FROM units WHERE uuid = ?", NULL);
  if (find == NULL)
    return 0;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (find, 0);
}

static gboolean
merge_round_texts (Reader     *self,
                   FileRound  *round,
                   gboolean   *changed,
                   GError    **error)
{
  for (guint i = 0; i < round->texts->len; i++)
    {
      FileText *text = g_ptr_array_index (round->texts, i);
      g_autoptr(UppCachedStatement) write = NULL;

      /* Report texts are written by the coordinator: the later edit wins. */
      write = upp_store_statement (self->store,
                                   "INSERT INTO round_texts (round_id, key, text, modified) "
                                   "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (round_id, key) DO "
                                   "UPDATE SET text = excluded.text, modified = excluded.modified "
                                   "WHERE excluded.modified > modified AND excluded.text != text",
                                   error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_text (write, 2, text->key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 3, text->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, text->modified, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (write), error))
        return FALSE;
      if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
        *changed = TRUE;
    }
  return TRUE;
}

static gboolean
merge_round_row (Reader     *self,
                 FileRound  *round,
                 gboolean   *changed,
                 GError    **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  gint64 template_id;

  find = upp_store_statement (self->store, "SELECT id FROM rounds WHERE uuid = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, round->uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      round->local_id = sqlite3_column_int64 (find, 0);
      write = upp_store_statement (self->store,
                                   "UPDATE rounds SET year = ?2, title = ?3, modified = ?4 "
                                   "WHERE id = ?1 AND ?4 > modified "
                                   "AND (year != ?2 OR title != ?3)", error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_int64 (write, 2, round->year);
      sqlite3_bind_text (write, 3, round->title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (write, 4, round->modified, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (write), error))
        return FALSE;
      if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
        *changed = TRUE;
      g_clear_pointer (&write, upp_cached_statement_release);

      /* Every answer edit touches the round; both sides settle on the later time. */
      write = upp_store_statement (self->store,
                                   "UPDATE rounds SET modified = ?2 WHERE id = ?1 "
                                   "AND ?2 > modified", error);
      if (write == NULL)
        return FALSE;
      sqlite3_bind_int64 (write, 1, round->local_id);
      sqlite3_bind_text (write, 2, round->modified, -1, SQLITE_TRANSIENT);
      return done (self, sqlite3_step (write), error);
    }

  template_id = find_template_id (self, round->resolved_template);
  if (template_id == 0)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNKNOWN_TEMPLATE,
                   _("“%s” was not imported: the round “%s” uses a template that is neither "
                     "in the file nor in the database."), self->name, round->title);
      return FALSE;
    }
  write = upp_store_statement (self->store,
                               "INSERT INTO rounds (uuid, year, region_code, title, template_id, "
                               "created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (write == NULL)
    return FALSE;
  sqlite3_bind_text (write, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, round->year);
  sqlite3_bind_text (write, 3, round->region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, round->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 5, template_id);
  sqlite3_bind_text (write, 6, round->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, round->modified, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (write), error))
    return FALSE;
  round->local_id = sqlite3_last_insert_rowid (upp_store_get_db (self->store));
  self->summary->rounds_added++;
  return TRUE;
}

/* ---- versions --------------------------------------------------------------------------- */

static gboolean
version_known (Reader     *self,
               const char *uuid,
               const char *version)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT 1 FROM sync_versions WHERE object_uuid = ? AND version = ?",
                         NULL);

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, version, -1, SQLITE_TRANSIENT);
  return sqlite3_step (find) == SQLITE_ROW;
}

static gboolean
remember_history (Reader      *self,
                  const char  *uuid,
                  GHashTable  *history,
                  GError     **error)
{
  GHashTableIter iter;
  gpointer version;

  g_hash_table_iter_init (&iter, history);
  while (g_hash_table_iter_next (&iter, &version, NULL))
    {
      if (!upp_exchange_remember_version (self->store, uuid, version, error))
        return FALSE;
    }
  return TRUE;
}

typedef enum
{
  SAME,          /* the same version on both sides */
  OURS_NEWER,    /* theirs is one we already had: nothing to do */
  THEIRS_NEWER,  /* ours is in their history: take theirs */
  BOTH_CHANGED,
} Relation;

static Relation
relate (Reader      *self,
        const char  *uuid,
        const char  *our_version,
        const char  *their_version,
        GHashTable  *their_history)
{
  if (g_strcmp0 (our_version, their_version) == 0)
    return SAME;
  if (version_known (self, uuid, their_version))
    return OURS_NEWER;
  if (g_hash_table_contains (their_history, our_version))
    return THEIRS_NEWER;
  return BOTH_CHANGED;
}

/* ---- responses and answers ------------------------------------------------------------- */

static gboolean
write_response_details (Reader        *self,
                        FileResponse  *response,
                        GError       **error)
{
  g_autoptr(UppCachedStatement) update =
    upp_store_statement (self->store,
                         "UPDATE responses SET status = ?2, interview_date = ?3, mode = ?4, "
                         "participant_count = ?5, participant_roles = ?6, modified = ?7, "
                         "device = ?8 WHERE id = ?1", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, response->local_id);
  sqlite3_bind_text (update, 2, response->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, response->interview_date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, response->mode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (update, 5, response->participant_count);
  sqlite3_bind_text (update, 6, response->participant_roles, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 7, response->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 8, response->device, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (update), error);
}

/* The version of a detail in the file: its own, or for a file of an app without versions
 * per field, the whole response's (details then count as changed together). NULL when the
 * detail has not changed since the response was made. */
static FileVersion *
file_detail_version (FileRound    *round,
                     FileResponse *response,
                     const char   *field)
{
  if (!round->has_versions)
    return &response->whole;
  for (guint i = 0; i < response->versions->len; i++)
    {
      FileVersion *version = g_ptr_array_index (response->versions, i);

      if (g_strcmp0 (version->field, field) == 0)
        return version;
    }
  return NULL;
}

static char *
dup_file_detail (FileResponse *response,
                 guint         index)
{
  switch (index)
    {
    case 0:
      return g_strdup (response->status);
    case 1:
      return g_strdup (response->interview_date);
    case 2:
      return g_strdup (response->mode);
    case 3:
      return g_strdup_printf ("%" G_GINT64_FORMAT, response->participant_count);
    default:
      return g_strdup (response->participant_roles);
    }
}

static gboolean merge_field (Reader       *self,
                             const char   *object_uuid,
                             const char   *field,
                             const char   *their_value,
                             FileVersion  *theirs,
                             gboolean     *taken,
                             GError      **error);

/* Whether every version the response brings (answers and details) is one the remover of
 * its unit had seen: then it brings nothing new and the unit stays out of the round. */
static gboolean
response_known_to (FileRound    *round,
                   FileResponse *response,
                   GHashTable   *known)
{
  /* Another response is the unit added again. */
  if (!g_hash_table_contains (known, response->uuid))
    return FALSE;
  for (guint i = 0; i < response->answers->len; i++)
    {
      FileAnswer *answer = g_ptr_array_index (response->answers, i);
      g_autofree char *version = upp_exchange_version_id (answer->modified, answer->device);

      if (!g_hash_table_contains (known, version))
        return FALSE;
    }
  for (guint i = 0; upp_exchange_detail_fields[i] != NULL; i++)
    {
      FileVersion *detail = file_detail_version (round, response, upp_exchange_detail_fields[i]);
      g_autofree char *version = NULL;

      if (detail == NULL)
        continue;
      version = upp_exchange_version_id (detail->modified, detail->device);
      if (!g_hash_table_contains (known, version))
        return FALSE;
    }
  return TRUE;
}

/* A unit removed from the round here stays out unless the response brings an answer or a
 * detail made since: then it comes back, answers and all, rather than losing them. */
static gboolean
check_removed_here (Reader        *self,
                    FileRound     *round,
                    FileResponse  *response,
                    GError       **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autoptr(UppCachedStatement) forget = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_auto(GStrv) versions = NULL;
  int rc;

  find = upp_store_statement (self->store,
                              "SELECT known FROM removed_units "
                              "WHERE round_uuid = ? AND unit_uuid = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, response->unit, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW)
    return done (self, rc, error);
  versions = g_strsplit (upp_store_column_text (find, 0), "\n", -1);
  g_clear_pointer (&find, upp_cached_statement_release);

  known = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; versions[i] != NULL; i++)
    g_hash_table_add (known, versions[i]);
  if (response_known_to (round, response, known))
    {
      response->skipped = TRUE;
      return TRUE;
    }

  forget = upp_store_statement (self->store,
                                "DELETE FROM removed_units WHERE round_uuid = ? AND unit_uuid = ?",
                                error);
  if (forget == NULL)
    return FALSE;
  sqlite3_bind_text (forget, 1, round->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (forget, 2, response->unit, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (forget), error);
}

static gboolean
add_response (Reader        *self,
              FileRound     *round,
              FileResponse  *response,
              gint64         unit_id,
              GError       **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;

  if (!check_removed_here (self, round, response, error))
    return FALSE;
  if (response->skipped)
    return TRUE;

  insert = upp_store_statement (self->store,
                                "INSERT INTO responses (uuid, round_id, unit_id, position, "
                                "modified, device) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, response->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (insert, 2, round->local_id);
  sqlite3_bind_int64 (insert, 3, unit_id);
  sqlite3_bind_int64 (insert, 4, response->position);
  sqlite3_bind_text (insert, 5, response->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, response->device, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  response->local_id = sqlite3_last_insert_rowid (upp_store_get_db (self->store));
  self->summary->responses_added++;
  if (!write_response_details (self, response, error) ||
      !remember_history (self, response->uuid, response->history, error))
    return FALSE;

  /* The details arrive with the versions they had there. */
  for (guint i = 0; upp_exchange_detail_fields[i] != NULL; i++)
    {
      const char *field = upp_exchange_detail_fields[i];
      FileVersion *version = file_detail_version (round, response, field);
      g_autofree char *key = upp_exchange_field_key (response->uuid, field);

      if (version == NULL)
        continue;
      if (!upp_exchange_stamp_field (self->store, response->uuid, field, version->modified,
                                     version->device, error) ||
          !remember_history (self, key, version->history, error))
        return FALSE;
    }
  return TRUE;
}

/* Interview details merge one by one, like answers: a detail changed on one side only is
 * taken, one changed on both to different values is kept as a conflict. */
static gboolean
merge_response_row (Reader        *self,
                    FileRound     *round,
                    FileResponse  *response,
                    GError       **error)
{
  g_autoptr(UppCachedStatement) find = NULL;
  g_autofree char *our_uuid = NULL;
  gint64 unit_id = local_unit_id (self, response->unit);
  gboolean updated = FALSE;

  find = upp_store_statement (self->store,
                              "SELECT id, uuid, round_id, unit_id "
                              "FROM responses WHERE uuid = ?1 OR (round_id = ?2 AND unit_id = ?3) "
                              "ORDER BY uuid = ?1 DESC", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, response->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, round->local_id);
  sqlite3_bind_int64 (find, 3, unit_id);
  if (sqlite3_step (find) == SQLITE_ROW)
    {
      response->local_id = sqlite3_column_int64 (find, 0);
      our_uuid = g_strdup (upp_store_column_text (find, 1));
      if (sqlite3_column_int64 (find, 2) != round->local_id ||
          sqlite3_column_int64 (find, 3) != unit_id)
        return damaged (self, error, _("The response %s is given for another round or unit "
                                       "than in this database."), response->uuid);
    }
  g_clear_pointer (&find, upp_cached_statement_release);

  if (response->local_id == 0)
    return add_response (self, round, response, unit_id, error);

  for (guint i = 0; upp_exchange_detail_fields[i] != NULL; i++)
    {
      const char *field = upp_exchange_detail_fields[i];
      g_autofree char *value = dup_file_detail (response, i);

      if (!merge_field (self, our_uuid, field, value, file_detail_version (round, response, field),
                        &updated, error))
        return FALSE;
    }
  if (updated)
    self->summary->responses_updated++;
  /* Kept for apps that know only the whole response's version. */
  return remember_history (self, our_uuid, response->history, error);
}

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *text;
  char   *choices;
  char   *version;
} LocalAnswer;

static void
local_answer_clear (LocalAnswer *self)
{
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->choices, g_free);
  g_clear_pointer (&self->version, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LocalAnswer, local_answer_clear)

static gboolean
find_local_answer (Reader        *self,
                   FileResponse  *response,
                   FileAnswer    *answer,
                   LocalAnswer   *local,
                   GError       **error)
{
  g_autoptr(UppCachedStatement) find =
    upp_store_statement (self->store,
                         "SELECT id, uuid, text, choices, modified, device, response_id, "
                         "question_key FROM answers "
                         "WHERE uuid = ?1 OR (response_id = ?2 AND question_key = ?3) "
                         "ORDER BY uuid = ?1 DESC", error);
  int rc;

  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, answer->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (find, 2, response->local_id);
  sqlite3_bind_text (find, 3, answer->question, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      local->id = sqlite3_column_int64 (find, 0);
      local->uuid = g_strdup (upp_store_column_text (find, 1));
      local->text = g_strdup (upp_store_column_text (find, 2));
      local->choices = g_strdup (upp_store_column_text (find, 3));
      local->version = upp_exchange_version_id (upp_store_column_text (find, 4),
                                                upp_store_column_text (find, 5));
      /* Only a damaged or forged file gives one answer's uuid to another question. */
      if (sqlite3_column_int64 (find, 6) != response->local_id ||
          g_strcmp0 (upp_store_column_text (find, 7), answer->question) != 0)
        return damaged (self, error, _("The answer %s is given for another unit or question "
                                       "than in this database."), answer->uuid);
    }
  return done (self, rc, error);
}

/* The same answer made on two laptops gets two uuids; both settle on the smaller one. */
static gboolean
adopt_answer_uuid (Reader       *self,
                   LocalAnswer  *local,
                   const char   *uuid,
                   GError      **error)
{
  g_autoptr(UppCachedStatement) rename_answer = NULL;
  g_autoptr(UppCachedStatement) rename_versions = NULL;
  g_autoptr(UppCachedStatement) forget = NULL;

  if (strcmp (uuid, local->uuid) >= 0)
    return TRUE;
  rename_answer = upp_store_statement (self->store, "UPDATE answers SET uuid = ? WHERE id = ?",
                                       error);
  if (rename_answer == NULL)
    return FALSE;
  sqlite3_bind_text (rename_answer, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (rename_answer, 2, local->id);
  if (!done (self, sqlite3_step (rename_answer), error))
    return FALSE;

  rename_versions = upp_store_statement (self->store,
                                         "UPDATE OR IGNORE sync_versions SET object_uuid = ? "
                                         "WHERE object_uuid = ?", error);
  if (rename_versions == NULL)
    return FALSE;
  sqlite3_bind_text (rename_versions, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (rename_versions, 2, local->uuid, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (rename_versions), error))
    return FALSE;
  forget = upp_store_statement (self->store, "DELETE FROM sync_versions WHERE object_uuid = ?",
                                error);
  if (forget == NULL)
    return FALSE;
  sqlite3_bind_text (forget, 1, local->uuid, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (forget), error))
    return FALSE;
  upp_set_str (&local->uuid, uuid);
  return TRUE;
}

static gboolean
write_answer (Reader      *self,
              LocalAnswer *local,
              FileAnswer  *answer,
              GError     **error)
{
  g_autoptr(UppCachedStatement) update =
    upp_store_statement (self->store,
                         "UPDATE answers SET text = ?2, choices = ?3, modified = ?4, device = ?5 "
                         "WHERE id = ?1", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, local->id);
  sqlite3_bind_text (update, 2, answer->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 3, answer->choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 4, answer->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (update, 5, answer->device, -1, SQLITE_TRANSIENT);
  return done (self, sqlite3_step (update), error);
}

/* Conflicts whose other side the answer now descends from are settled. */
static gboolean
drop_settled_conflicts (Reader      *self,
                        const char  *object_uuid,
                        const char  *field,
                        GHashTable  *history,
                        GError     **error)
{
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(UppCachedStatement) find = NULL;
  int rc;

  find = upp_store_statement (self->store,
                              "SELECT id, theirs_modified, theirs_device FROM conflicts "
                              "WHERE object_uuid = ? AND field = ?", error);
  if (find == NULL)
    return FALSE;
  sqlite3_bind_text (find, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (find, 2, field, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (find)) == SQLITE_ROW)
    {
      g_autofree char *version = upp_exchange_version_id (upp_store_column_text (find, 1),
                                                          upp_store_column_text (find, 2));
      if (g_hash_table_contains (history, version))
        {
          gint64 id = sqlite3_column_int64 (find, 0);
          g_array_append_val (settled, id);
        }
    }
  if (!done (self, rc, error))
    return FALSE;
  g_clear_pointer (&find, upp_cached_statement_release);

  for (guint i = 0; i < settled->len; i++)
    {
      g_autoptr(UppCachedStatement) delete =
        upp_store_statement (self->store, "DELETE FROM conflicts WHERE id = ?", error);

      if (delete == NULL)
        return FALSE;
      sqlite3_bind_int64 (delete, 1, g_array_index (settled, gint64, i));
      if (!done (self, sqlite3_step (delete), error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_history (GHashTable *history)
{
  g_autofree const char **versions = (const char **) g_hash_table_get_keys_as_array (history,
                                                                                   NULL);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; versions[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) versions[i]);
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return g_strjoinv ("\n", (char **) sorted->pdata);
}

/* Keeps their version of an answer or of a field (field "" for an answer) beside ours, for
 * the user to settle; a version already kept is not counted again. */
static gboolean
keep_conflict (Reader      *self,
               const char  *object_uuid,
               const char  *field,
               const char  *their_text,
               const char  *their_choices,
               const char  *their_modified,
               const char  *their_device,
               GHashTable  *their_history,
               GError     **error)
{
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *history = join_history (their_history);
  g_autofree char *now = upp_now_iso8601 ();

  insert = upp_store_statement (self->store,
                                "INSERT OR IGNORE INTO conflicts (object_uuid, field, theirs_text, "
                                "theirs_choices, theirs_modified, theirs_device, theirs_history, "
                                "created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_text (insert, 1, object_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 3, their_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 4, their_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 5, their_modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 6, their_device, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 7, history, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 8, now, -1, SQLITE_TRANSIENT);
  if (!done (self, sqlite3_step (insert), error))
    return FALSE;
  if (sqlite3_changes (upp_store_get_db (self->store)) > 0)
    self->summary->conflicts++;
  return TRUE;
}

static gboolean
merge_answer (Reader        *self,
              FileResponse  *response,
              FileAnswer    *answer,
              GError       **error)
{
  g_auto(LocalAnswer) local = { 0 };
  g_autoptr(UppCachedStatement) insert = NULL;
  g_autofree char *theirs = upp_exchange_version_id (answer->modified, answer->device);

  if (!find_local_answer (self, response, answer, &local, error))
    return FALSE;

  if (local.id == 0)
    {
      insert = upp_store_statement (self->store,
                                    "INSERT INTO answers (uuid, response_id, question_key, text, "
                                    "choices, modified, device) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_text (insert, 1, answer->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (insert, 2, response->local_id);
      sqlite3_bind_text (insert, 3, answer->question, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 4, answer->text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 5, answer->choices, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 6, answer->modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 7, answer->device, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (insert), error))
        return FALSE;
      self->summary->answers_added++;
      return remember_history (self, answer->uuid, answer->history, error);
    }

  if (!adopt_answer_uuid (self, &local, answer->uuid, error))
    return FALSE;

  switch (relate (self, local.uuid, local.version, theirs, answer->history))
    {
    case SAME:
      return remember_history (self, local.uuid, answer->history, error);

    case OURS_NEWER:
      return TRUE;

    case THEIRS_NEWER:
      self->summary->answers_updated++;
      return write_answer (self, &local, answer, error) &&
             remember_history (self, local.uuid, answer->history, error) &&
             drop_settled_conflicts (self, local.uuid, "", answer->history, error);

    case BOTH_CHANGED:
    default:
      /* Both wrote the same words: no conflict; both settle on the later stamp. */
      if (g_strcmp0 (local.text, answer->text) == 0 &&
          g_strcmp0 (local.choices, answer->choices) == 0)
        {
          if (g_strcmp0 (theirs, local.version) > 0 && !write_answer (self, &local, answer, error))
            return FALSE;
          return upp_exchange_remember_version (self->store, local.uuid, local.version, error) &&
                 remember_history (self, local.uuid, answer->history, error) &&
                 drop_settled_conflicts (self, local.uuid, "", answer->history, error);
        }
      return keep_conflict (self, local.uuid, "", answer->text, answer->choices,
                            answer->modified, answer->device, answer->history, error);
    }
}

/* A field's conflict: a value, without choices. */
static gboolean
keep_field_conflict (Reader       *self,
                     const char   *object_uuid,
                     const char   *field,
                     const char   *their_value,
                     FileVersion  *theirs,
                     GError      **error)
{
  return keep_conflict (self, object_uuid, field, their_value, "", theirs->modified,
                        theirs->device, theirs->history, error);
}

/* Takes their value of a field, or keeps both when a unit of the region already has the
 * name: the user settles it like any other conflict. */
static gboolean
take_field (Reader       *self,
            const char   *object_uuid,
            const char   *field,
            const char   *their_value,
            FileVersion  *theirs,
            gboolean     *taken,
            GError      **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!upp_exchange_write_field (self->store, object_uuid, field, their_value, theirs->modified,
                                 theirs->device, &local_error))
    {
      if (!g_error_matches (local_error, UPP_STORE_ERROR, UPP_STORE_ERROR_DUPLICATE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return keep_field_conflict (self, object_uuid, field, their_value, theirs, error);
    }
  *taken = TRUE;
  return TRUE;
}

/* One field of a unit or response, merged as an answer is. */
static gboolean
merge_field (Reader       *self,
             const char   *object_uuid,
             const char   *field,
             const char   *their_value,
             FileVersion  *theirs,
             gboolean     *taken,
             GError      **error)
{
  g_autofree char *key = upp_exchange_field_key (object_uuid, field);
  g_autofree char *our_value = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *their_version = NULL;
  Relation relation;

  /* Unchanged there since it was made: nothing new. */
  if (theirs == NULL)
    return TRUE;
  our_value = upp_exchange_dup_field_value (self->store, object_uuid, field, error);
  ours = our_value ? upp_exchange_dup_field_version (self->store, object_uuid, field, error)
                   : NULL;
  if (ours == NULL)
    return FALSE;
  their_version = upp_exchange_version_id (theirs->modified, theirs->device);

  if (*ours == '\0')
    relation = version_known (self, key, their_version) ? OURS_NEWER : THEIRS_NEWER;
  else
    relation = relate (self, key, ours, their_version, theirs->history);

  switch (relation)
    {
    case SAME:
      return remember_history (self, key, theirs->history, error);

    case OURS_NEWER:
      return TRUE;

    case THEIRS_NEWER:
      if (g_strcmp0 (our_value, their_value) == 0)
        {
          if (!upp_exchange_stamp_field (self->store, object_uuid, field, theirs->modified,
                                         theirs->device, error))
            return FALSE;
        }
      else if (!take_field (self, object_uuid, field, their_value, theirs, taken, error))
        return FALSE;
      return remember_history (self, key, theirs->history, error) &&
             drop_settled_conflicts (self, object_uuid, field, theirs->history, error);

    case BOTH_CHANGED:
    default:
      if (g_strcmp0 (our_value, their_value) != 0)
        return keep_field_conflict (self, object_uuid, field, their_value, theirs, error);
      /* Both made the same change: both settle on the later stamp. */
      if (g_strcmp0 (their_version, ours) > 0 &&
          !upp_exchange_stamp_field (self->store, object_uuid, field, theirs->modified,
                                     theirs->device, error))
        return FALSE;
      return upp_exchange_remember_version (self->store, key, ours, error) &&
             remember_history (self, key, theirs->history, error) &&
             drop_settled_conflicts (self, object_uuid, field, theirs->history, error);
    }
}

/* A unit known here by the same uuid takes a rename made there; a unit new here arrives
 * with its name's version. */
static gboolean
merge_unit_names (Reader  *self,
                  GError **error)
{
  for (guint i = 0; i < self->units->len; i++)
    {
      FileUnit *unit = g_ptr_array_index (self->units, i);
      g_autoptr(UppCachedStatement) find = NULL;
      FileVersion *theirs = NULL;
      gboolean taken = FALSE;

      for (guint j = 0; j < unit->versions->len; j++)
        {
          FileVersion *version = g_ptr_array_index (unit->versions, j);

          if (g_strcmp0 (version->field, UPP_EXCHANGE_FIELD_UNIT_NAME) == 0)
            theirs = version;
        }
      if (theirs == NULL)
        continue;

      find = upp_store_statement (self->store, "SELECT id FROM units WHERE uuid = ?", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_text (find, 1, unit->uuid, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (find) != SQLITE_ROW)
        continue;
      g_clear_pointer (&find, upp_cached_statement_release);

      if (!merge_field (self, unit->uuid, UPP_EXCHANGE_FIELD_UNIT_NAME, unit->name, theirs,
                        &taken, error))
        return FALSE;
      if (taken)
        self->summary->units_renamed++;
    }
  return TRUE;
}

/* Whether every version this database holds of the response (answers, details and the other
 * sides of open conflicts) is one the remover had seen. */
static gboolean
local_response_known_to (Reader      *self,
                         gint64       response_id,
                         GHashTable  *known,
                         gboolean    *all_known,
                         GError     **error)
{
  g_autoptr(UppCachedStatement) versions =
    upp_store_statement (self->store,
                         "SELECT a.modified || ' ' || a.device FROM answers a "
                         "WHERE a.response_id = ?1 "
                         "UNION ALL SELECT c.theirs_modified || ' ' || c.theirs_device "
                         "FROM conflicts c JOIN answers a ON a.uuid = c.object_uuid "
                         "WHERE a.response_id = ?1 "
                         "UNION ALL SELECT f.modified || ' ' || f.device FROM field_versions f "
                         "JOIN responses r ON r.uuid = f.object_uuid WHERE r.id = ?1 "
                         "UNION ALL SELECT c.theirs_modified || ' ' || c.theirs_device "
                         "FROM conflicts c JOIN responses r ON r.uuid = c.object_uuid "
                         "WHERE r.id = ?1", error);
  int rc;

  if (versions == NULL)
    return FALSE;
  sqlite3_bind_int64 (versions, 1, response_id);
  *all_known = TRUE;
  while ((rc = sqlite3_step (versions)) == SQLITE_ROW)
    {
      if (!g_hash_table_contains (known, upp_store_column_text (versions, 0)))
        *all_known = FALSE;
    }
  return done (self, rc, error);
}

/* A unit removed there leaves the round here too, unless this database holds an answer or
 * detail the remover had not seen: then the unit stays, and goes back to the remover with
 * the next file. Answers are never dropped for a removal made without knowing them. */
static gboolean
merge_removed_units (Reader     *self,
                     FileRound  *round,
                     GError    **error)
{
  for (guint i = 0; i < round->removed->len; i++)
    {
      FileRemoval *removal = g_ptr_array_index (round->removed, i);
      g_autoptr(UppCachedStatement) find = NULL;
      g_autoptr(UppCachedStatement) remember = NULL;
      g_autofree char *known = join_history (removal->known);
      gint64 response_id = 0;
      int rc;

      find = upp_store_statement (self->store,
                                  "SELECT r.id FROM responses r JOIN units u ON u.id = r.unit_id "
                                  "WHERE r.round_id = ? AND u.uuid = ?", error);
      if (find == NULL)
        return FALSE;
      sqlite3_bind_int64 (find, 1, round->local_id);
      sqlite3_bind_text (find, 2, removal->unit, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (find);
      if (rc == SQLITE_ROW)
        response_id = sqlite3_column_int64 (find, 0);
      else if (!done (self, rc, error))
        return FALSE;
      g_clear_pointer (&find, upp_cached_statement_release);

      if (response_id != 0)
        {
          g_autoptr(UppCachedStatement) remove = NULL;
          gboolean all_known = FALSE;

          if (!local_response_known_to (self, response_id, removal->known, &all_known, error))
            return FALSE;
          if (!all_known)
            continue;
          remove = upp_store_statement (self->store, "DELETE FROM responses WHERE id = ?",
                                        error);
          if (remove == NULL)
            return FALSE;
          sqlite3_bind_int64 (remove, 1, response_id);
          if (!done (self, sqlite3_step (remove), error))
            return FALSE;
          self->summary->units_removed++;
        }

      remember = upp_store_statement (self->store,
                                      "INSERT OR IGNORE INTO removed_units (round_uuid, "
                                      "unit_uuid, modified, device, known) "
                                      "VALUES (?, ?, ?, ?, ?)", error);
      if (remember == NULL)
        return FALSE;
      sqlite3_bind_text (remember, 1, round->uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 2, removal->unit, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 3, removal->modified, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 4, removal->device, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (remember, 5, known, -1, SQLITE_TRANSIENT);
      if (!done (self, sqlite3_step (remember), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
merge (Reader  *self,
       GError **error)
{
  if (!merge_templates (self, error) || !merge_units (self, error) ||
      !merge_unit_names (self, error))
    return FALSE;

  for (guint i = 0; i < self->rounds->len; i++)
    {
      FileRound *round = g_ptr_array_index (self->rounds, i);
      gboolean changed = FALSE;

      if (!merge_round_row (self, round, &changed, error) ||
          !merge_round_texts (self, round, &changed, error))
        return FALSE;
      if (changed && round->local_id != 0)
        self->summary->rounds_updated++;

      for (guint j = 0; j < round->responses->len; j++)
        {
          FileResponse *response = g_ptr_array_index (round->responses, j);

          if (!merge_response_row (self, round, response, error))
            return FALSE;
          for (guint k = 0; !response->skipped && k < response->answers->len; k++)
            {
              if (!merge_answer (self, response, g_ptr_array_index (response->answers, k),
                                 error))
                return FALSE;
            }
        }
      if (!merge_removed_units (self, round, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- entry points ------------------------------------------------------------------------ */

static gboolean
prefix_error (GError     **error,
              const char  *name)
{
  if (error != NULL && *error != NULL && (*error)->domain != UPP_EXCHANGE_ERROR)
    g_prefix_error (error, _("“%s” was not imported: "), name);
  return FALSE;
}

/* Values quoted from the file may hold line breaks or be long: the message stays one line. */
static void
tidy_error (GError **error)
{
  if (error == NULL || *error == NULL)
    return;
  for (char *p = (*error)->message; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        *p = ' ';
    }
  if (g_utf8_strlen ((*error)->message, -1) > 400)
    {
      g_autofree char *start = g_utf8_substring ((*error)->message, 0, 400);
      g_free ((*error)->message);
      (*error)->message = g_strconcat (start, "…", NULL);
    }
}

static UppExchangeSummary *
import_data (UppStore                *store,
             const char              *name,
             const char              *data,
             gsize                    length,
             UppExchangeImportFlags   flags,
             GError                 **error)
{
  g_auto(Reader) self = { 0 };

  self.store = store;
  self.name = name;
  self.templates = g_ptr_array_new_with_free_func (g_object_unref);
  self.units = g_ptr_array_new_with_free_func ((GDestroyNotify) file_unit_free);
  self.units_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self.rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) file_round_free);
  self.uuids = g_hash_table_new (g_str_hash, g_str_equal);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    self.latest = g_date_time_add_days (now, 1);
  }
  self.summary = upp_exchange_summary_new ();

  if (!read_file (&self, data, length, error))
    {
      prefix_error (error, name);
      return NULL;
    }

  if (!(flags & (UPP_EXCHANGE_IMPORT_DRY_RUN | UPP_EXCHANGE_IMPORT_NO_BACKUP)) &&
      !upp_backup_make (store, UPP_BACKUP_BEFORE_IMPORT, NULL, error))
    {
      prefix_error (error, name);
      return NULL;
    }

  if (!upp_store_begin (store, error))
    {
      prefix_error (error, name);
      return NULL;
    }
  if (!merge (&self, error))
    {
      upp_store_rollback (store);
      prefix_error (error, name);
      return NULL;
    }
  if (flags & UPP_EXCHANGE_IMPORT_DRY_RUN)
    upp_store_rollback (store);
  else if (!upp_store_commit (store, error))
    {
      prefix_error (error, name);
      return NULL;
    }
  upp_store_forget_cache (store);
  return g_steal_pointer (&self.summary);
}

UppExchangeSummary *
upp_exchange_import_data (UppStore                *store,
                          const char              *name,
                          const char              *data,
                          gsize                    length,
                          UppExchangeImportFlags   flags,
                          GError                 **error)
{
  UppExchangeSummary *summary;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  summary = import_data (store, name, data, length, flags, error);
  tidy_error (error);
  return summary;
}

UppExchangeSummary *
upp_exchange_import_file (UppStore                *store,
                          const char              *path,
                          UppExchangeImportFlags   flags,
                          GError                 **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  /* A huge file is refused before it is read into memory. */
  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is a folder, not an exchange file."), path);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > UPP_EXCHANGE_MAX_FILE_SIZE)
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” is too large to be an exchange file (more than %d MB); it was not "
                     "imported."), path, UPP_EXCHANGE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (info == NULL || !g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, UPP_EXCHANGE_ERROR, UPP_EXCHANGE_ERROR_UNREADABLE,
                   _("“%s” could not be read: %s"), path, local_error->message);
      return NULL;
    }
  return upp_exchange_import_data (store, path, data, length, flags, error);
}

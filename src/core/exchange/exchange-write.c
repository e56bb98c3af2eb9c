/* exchange-write.c: writing rounds to exchange files for another laptop
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-write"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "exchange-crypt.h"
#include "exchange-write.h"
#include "upp-answer-version.h"
#include "upp-files.h"
#include "upp-json.h"
#include "upp-store-exchange.h"
#include "upp-template.h"
#include "upp-util.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A set of versions, in order, so that the same database writes the same file. */
static void
add_sorted_set (JsonBuilder *builder,
                const char  *name,
                GHashTable  *set)
{
  g_autofree const char **values = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  guint length = g_strv_length ((char **) values);

  qsort (values, length, sizeof (char *), compare_strings);
  upp_json_add_strv (builder, name, values);
}

static void
add_choices (JsonBuilder        *builder,
             const char * const *choices)
{
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (*choices[i] != '\0')
        json_builder_add_string_value (builder, choices[i]);
    }
  json_builder_end_array (builder);
}

/* The versions of the object's fields that changed since it was made (a unit's name, a
 * response's interview details, a theme's), each with its history, so each merges on its
 * own. A theme's fields are named in the file without the store's "theme_". */
static void
write_field_versions (JsonBuilder *builder,
                      GPtrArray   *versions)
{
  if (versions->len == 0)
    return;
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < versions->len; i++)
    {
      UppExchangeVersion *version = g_ptr_array_index (versions, i);

      const char *field = version->field;

      if (g_str_has_prefix (field, "theme_"))
        field += strlen ("theme_");
      json_builder_begin_object (builder);
      upp_json_add_string (builder, "field", field);
      upp_json_add_string (builder, "modified", version->modified);
      upp_json_add_string (builder, "device", version->device);
      add_sorted_set (builder, "history", version->history);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Units taken out of the round, so the receiver takes them out too (or brings them back
 * with what it answered since). */
static void
write_removed_units (JsonBuilder      *builder,
                     UppExchangeRound *round)
{
  json_builder_set_member_name (builder, "removed_units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < round->removed->len; i++)
    {
      UppExchangeRemoval *removal = g_ptr_array_index (round->removed, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "unit", removal->unit);
      upp_json_add_string (builder, "modified", removal->modified);
      upp_json_add_string (builder, "device", removal->device);
      add_sorted_set (builder, "known", removal->known);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_templates (JsonBuilder     *builder,
                 UppExchangeData *data)
{
  json_builder_set_member_name (builder, "templates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->templates->len; i++)
    {
      g_autofree char *json = upp_template_to_json (g_ptr_array_index (data->templates, i));

      /* The template's own JSON, which reads back. */
      json_builder_add_value (builder, json_from_string (json, NULL));
    }
  json_builder_end_array (builder);
}

static void
add_boolean (JsonBuilder *builder,
             const char  *name,
             gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
write_agreements (JsonBuilder     *builder,
                  UppExchangeUnit *unit)
{
  json_builder_set_member_name (builder, "agreements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < unit->agreements->len; i++)
    {
      UppExchangeAgreement *agreement = g_ptr_array_index (unit->agreements, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", agreement->uuid);
      upp_json_add_string (builder, "name", agreement->name);
      upp_json_add_string (builder, "kind", agreement->kind);
      upp_json_add_string (builder, "status", agreement->status);
      upp_json_add_string (builder, "signed", agreement->signed_date);
      upp_json_add_string (builder, "valid_from", agreement->valid_from);
      upp_json_add_string (builder, "valid_to", agreement->valid_to);
      upp_json_add_string (builder, "note", agreement->note);
      add_boolean (builder, "removed", agreement->removed);
      upp_json_add_string (builder, "modified", agreement->modified);
      upp_json_add_string (builder, "device", agreement->device);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_unit (JsonBuilder     *builder,
            UppExchangeUnit *unit)
{
  json_builder_begin_object (builder);
  upp_json_add_string (builder, "uuid", unit->uuid);
  upp_json_add_string (builder, "name", unit->name);
  upp_json_add_string (builder, "kind", unit->kind);
  upp_json_add_string (builder, "sub_area", unit->sub_area);
  upp_json_add_string (builder, "modified", unit->modified);
  g_ptr_array_add (unit->members, NULL);
  upp_json_add_strv (builder, "members", (const char * const *) unit->members->pdata);
  g_ptr_array_remove_index (unit->members, unit->members->len - 1);
  write_field_versions (builder, unit->versions);
  write_agreements (builder, unit);
  json_builder_end_object (builder);
}

/* Units come by region: one entry per region with its units. */
static void
write_regions (JsonBuilder     *builder,
               UppExchangeData *data)
{
  const char *open_region = NULL;

  json_builder_set_member_name (builder, "regions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->units->len; i++)
    {
      UppExchangeUnit *unit = g_ptr_array_index (data->units, i);

      if (g_strcmp0 (open_region, unit->region) != 0)
        {
          if (open_region != NULL)
            {
              json_builder_end_array (builder);
              json_builder_end_object (builder);
            }
          open_region = unit->region;
          json_builder_begin_object (builder);
          upp_json_add_string (builder, "code", unit->region);
          json_builder_set_member_name (builder, "units");
          json_builder_begin_array (builder);
        }
      write_unit (builder, unit);
    }
  if (open_region != NULL)
    {
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_round_texts (JsonBuilder      *builder,
                   UppExchangeRound *round)
{
  json_builder_set_member_name (builder, "texts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < round->texts->len; i++)
    {
      UppExchangeText *text = g_ptr_array_index (round->texts, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "key", text->key);
      upp_json_add_string (builder, "text", text->text);
      upp_json_add_string (builder, "modified", text->modified);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_earlier_versions (JsonBuilder       *builder,
                        UppExchangeAnswer *answer)
{
  if (answer->author != NULL && *answer->author != '\0')
    upp_json_add_string (builder, "author", answer->author);
  if (answer->earlier->len == 0)
    return;
  json_builder_set_member_name (builder, "earlier");
  json_builder_begin_array (builder);
  for (guint i = 0; i < answer->earlier->len; i++)
    {
      UppAnswerVersion *version = g_ptr_array_index (answer->earlier, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "text", upp_answer_version_get_text (version));
      add_choices (builder, upp_answer_version_get_choices (version));
      upp_json_add_string (builder, "modified", upp_answer_version_get_modified (version));
      upp_json_add_string (builder, "device", upp_answer_version_get_device (version));
      upp_json_add_string (builder, "author", upp_answer_version_get_author (version));
      upp_json_add_string (builder, "origin",
                           upp_answer_origin_to_key (upp_answer_version_get_origin (version)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_answers (JsonBuilder         *builder,
               UppExchangeResponse *response)
{
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->answers->len; i++)
    {
      UppExchangeAnswer *answer = g_ptr_array_index (response->answers, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", answer->uuid);
      upp_json_add_string (builder, "question", answer->question);
      upp_json_add_string (builder, "text", answer->text);
      add_choices (builder, (const char * const *) answer->choices);
      upp_json_add_string (builder, "modified", answer->modified);
      upp_json_add_string (builder, "device", answer->device);
      add_sorted_set (builder, "history", answer->history);
      write_earlier_versions (builder, answer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_interviews (JsonBuilder         *builder,
                  UppExchangeResponse *response)
{
  json_builder_set_member_name (builder, "interviews");
  json_builder_begin_array (builder);
  for (guint i = 0; i < response->interviews->len; i++)
    {
      UppExchangeInterview *interview = g_ptr_array_index (response->interviews, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", interview->uuid);
      upp_json_add_string (builder, "date", interview->date);
      upp_json_add_string (builder, "mode", interview->mode);
      upp_json_add_int (builder, "duration_minutes", interview->duration_minutes);
      upp_json_add_int (builder, "participant_count", interview->participant_count);
      upp_json_add_string (builder, "participant_roles", interview->participant_roles);
      upp_json_add_string (builder, "note", interview->note);
      add_boolean (builder, "removed", interview->removed);
      upp_json_add_string (builder, "modified", interview->modified);
      upp_json_add_string (builder, "device", interview->device);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_responses (JsonBuilder      *builder,
                 UppExchangeRound *round)
{
  json_builder_set_member_name (builder, "responses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < round->responses->len; i++)
    {
      UppExchangeResponse *response = g_ptr_array_index (round->responses, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", response->uuid);
      upp_json_add_string (builder, "unit", response->unit);
      upp_json_add_int (builder, "position", response->position);
      upp_json_add_string (builder, "status", response->status);
      upp_json_add_string (builder, "interview_date", response->interview_date);
      upp_json_add_string (builder, "mode", response->mode);
      upp_json_add_int (builder, "participant_count", response->participant_count);
      upp_json_add_string (builder, "participant_roles", response->participant_roles);
      upp_json_add_int (builder, "duration_minutes", response->duration_minutes);
      upp_json_add_string (builder, "check_sent", response->check_sent);
      upp_json_add_string (builder, "check_approved", response->check_approved);
      upp_json_add_string (builder, "modified", response->modified);
      upp_json_add_string (builder, "device", response->device);
      add_sorted_set (builder, "history", response->history);
      write_field_versions (builder, response->versions);
      write_interviews (builder, response);
      write_answers (builder, response);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_rounds (JsonBuilder     *builder,
              UppExchangeData *data)
{
  json_builder_set_member_name (builder, "rounds");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->rounds->len; i++)
    {
      UppExchangeRound *round = g_ptr_array_index (data->rounds, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", round->uuid);
      upp_json_add_int (builder, "year", round->year);
      upp_json_add_string (builder, "region", round->region);
      upp_json_add_string (builder, "title", round->title);
      upp_json_add_string (builder, "template", round->template);
      upp_json_add_string (builder, "created", round->created);
      upp_json_add_string (builder, "modified", round->modified);
      write_round_texts (builder, round);
      write_responses (builder, round);
      write_removed_units (builder, round);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_themes (JsonBuilder     *builder,
              UppExchangeData *data)
{
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->themes->len; i++)
    {
      UppExchangeTheme *theme = g_ptr_array_index (data->themes, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", theme->uuid);
      upp_json_add_string (builder, "region", theme->region);
      upp_json_add_string (builder, "name", theme->name);
      upp_json_add_string (builder, "description", theme->description);
      upp_json_add_string (builder, "kind", theme->kind);
      upp_json_add_string (builder, "parent", theme->parent);
      upp_json_add_string (builder, "colour", theme->colour);
      add_boolean (builder, "retired", theme->retired);
      upp_json_add_string (builder, "merged_into", theme->merged_into);
      upp_json_add_string (builder, "modified", theme->modified);
      upp_json_add_string (builder, "device", theme->device);
      write_field_versions (builder, theme->versions);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
write_codings (JsonBuilder     *builder,
               UppExchangeData *data)
{
  json_builder_set_member_name (builder, "codings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->codings->len; i++)
    {
      UppExchangeCoding *coding = g_ptr_array_index (data->codings, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", coding->uuid);
      upp_json_add_string (builder, "answer", coding->answer);
      upp_json_add_string (builder, "theme", coding->theme);
      upp_json_add_int (builder, "start", coding->start);
      upp_json_add_int (builder, "end", coding->end);
      upp_json_add_string (builder, "anchor", coding->anchor);
      add_boolean (builder, "flagged", coding->flagged);
      add_boolean (builder, "quote", coding->quote);
      upp_json_add_string (builder, "modified", coding->modified);
      upp_json_add_string (builder, "device", coding->device);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "removed_codings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->removed_codings->len; i++)
    {
      UppExchangeRemovedCoding *removed = g_ptr_array_index (data->removed_codings, i);

      json_builder_begin_object (builder);
      upp_json_add_string (builder, "uuid", removed->uuid);
      upp_json_add_string (builder, "modified", removed->modified);
      upp_json_add_string (builder, "device", removed->device);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
upp_exchange_write_string (UppStore            *store,
                           const char          *round_id,
                           const char * const  *unit_uuids,
                           gsize               *length,
                           GError             **error)
{
  g_autoptr(UppExchangeData) data = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = upp_now_iso8601 ();
  g_autofree char *device_name = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  data = upp_store_load_exchange (store, round_id, unit_uuids, error);
  if (data == NULL)
    return NULL;
  device_name = upp_store_dup_device_name (store, NULL, error);
  if (device_name == NULL && error != NULL && *error != NULL)
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  upp_json_add_string (builder, "format", UPP_EXCHANGE_FORMAT);
  upp_json_add_int (builder, "format_version", UPP_EXCHANGE_FORMAT_VERSION);
  upp_json_add_string (builder, "device", upp_store_get_device_id (store));
  if (device_name != NULL)
    upp_json_add_string (builder, "device_name", device_name);
  upp_json_add_string (builder, "exported", now);
  write_templates (builder, data);
  write_regions (builder, data);
  write_rounds (builder, data);
  write_themes (builder, data);
  write_codings (builder, data);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 1);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

gboolean
upp_exchange_export_file (UppStore            *store,
                          const char          *round_id,
                          const char * const  *unit_uuids,
                          const char          *path,
                          GError             **error)
{
  g_autofree char *json = NULL;
  gsize length = 0;

  json = upp_exchange_write_string (store, round_id, unit_uuids, &length, error);
  if (json == NULL)
    return FALSE;
  return upp_files_write_private (path, json, length, error);
}

gboolean
upp_exchange_export_file_encrypted (UppStore            *store,
                                    const char          *round_id,
                                    const char * const  *unit_uuids,
                                    const char          *path,
                                    const char          *passphrase,
                                    GError             **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GBytes) encrypted = NULL;
  gsize length = 0;

  json = upp_exchange_write_string (store, round_id, unit_uuids, &length, error);
  if (json == NULL)
    return FALSE;
  encrypted = upp_exchange_encrypt (json, length, passphrase, error);
  if (encrypted == NULL)
    return FALSE;
  return upp_files_write_private (path, g_bytes_get_data (encrypted, NULL),
                                  g_bytes_get_size (encrypted), error);
}

/* upp-export.c: the rounds, questions and responses an export writes, loaded once
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "upp-export.h"
#include "upp-answer.h"
#include "upp-files.h"
#include "upp-item-field.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"

G_DEFINE_QUARK (upp-export-error-quark, upp_export_error)

static void
export_round_free (UppExportRound *round)
{
  g_clear_object (&round->round);
  g_clear_object (&round->template);
  g_clear_pointer (&round->responses, g_ptr_array_unref);
  g_free (round);
}

void
upp_export_data_free (UppExportData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->rounds, g_ptr_array_unref);
  g_clear_pointer (&data->questions, g_ptr_array_unref);
  g_clear_pointer (&data->template_versions, g_ptr_array_unref);
  g_free (data->region_name);
  g_free (data);
}

static int
compare_rounds (gconstpointer a,
                gconstpointer b)
{
  UppExportRound *ra = *(UppExportRound **) a;
  UppExportRound *rb = *(UppExportRound **) b;
  int ya = upp_round_get_year (ra->round);
  int yb = upp_round_get_year (rb->round);

  if (ya != yb)
    return ya < yb ? -1 : 1;
  return g_strcmp0 (upp_round_get_title (ra->round), upp_round_get_title (rb->round));
}

static const char *
round_region_code (UppRound *round)
{
  UppRegion *region = upp_round_get_region (round);

  return region != NULL ? upp_region_get_code (region) : "";
}

static UppExportData *
load_data (UppStore   *store,
           GPtrArray  *rounds,
           gboolean    without_answers,
           GError    **error)
{
  g_autoptr(UppExportData) data = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char *region_code;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);

  if (rounds == NULL || rounds->len == 0)
    {
      g_set_error_literal (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_NO_ROUNDS,
                           _("There is no round to export."));
      return NULL;
    }

  region_code = round_region_code (g_ptr_array_index (rounds, 0));
  for (guint i = 1; i < rounds->len; i++)
    {
      UppRound *round = g_ptr_array_index (rounds, i);

      if (g_strcmp0 (round_region_code (round), region_code) != 0)
        {
          g_set_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_MIXED_REGIONS,
                       _("Rounds of different regions cannot be exported together: “%s” "
                         "and “%s”."),
                       upp_round_get_region_name (g_ptr_array_index (rounds, 0)),
                       upp_round_get_region_name (round));
          return NULL;
        }
    }

  data = g_new0 (UppExportData, 1);
  data->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) export_round_free);
  data->questions = g_ptr_array_new ();
  data->region_name = g_strdup (upp_round_get_region_name (g_ptr_array_index (rounds, 0)));

  for (guint i = 0; i < rounds->len; i++)
    {
      UppRound *round = g_ptr_array_index (rounds, i);
      UppExportRound *entry;
      g_autoptr(GPtrArray) responses =
        without_answers ? upp_store_list_responses_without_answers (store, round, error)
                        : upp_store_list_responses (store, round, error);

      if (responses == NULL)
        return NULL;

      entry = g_new0 (UppExportRound, 1);
      entry->round = g_object_ref (round);
      entry->template = g_object_ref (upp_round_get_template (round));
      entry->responses = g_steal_pointer (&responses);
      g_ptr_array_add (data->rounds, entry);
    }

  g_ptr_array_sort (data->rounds, compare_rounds);

  data->template_versions =
    upp_store_list_template_versions (store,
                                      upp_template_get_key (((UppExportRound *) g_ptr_array_index (
                                        data->rounds, data->rounds->len - 1))->template),
                                      error);
  if (data->template_versions == NULL)
    return NULL;

  /* Newest template first, so renamed or reordered questions follow the current version. */
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = data->rounds->len; i > 0; i--)
    {
      UppExportRound *entry = g_ptr_array_index (data->rounds, i - 1);
      guint n = upp_template_get_n_questions (entry->template);

      for (guint q = 0; q < n; q++)
        {
          UppQuestion *question = upp_template_get_question (entry->template, q);
          const char *key = upp_question_get_key (question);

          if (g_hash_table_contains (seen, key))
            continue;
          g_hash_table_add (seen, (gpointer) key);
          g_ptr_array_add (data->questions, question);
        }
    }

  return g_steal_pointer (&data);
}

UppExportData *
upp_export_data_load (UppStore   *store,
                      GPtrArray  *rounds,
                      GError    **error)
{
  return load_data (store, rounds, FALSE, error);
}

UppExportData *
upp_export_data_load_without_answers (UppStore   *store,
                                      GPtrArray  *rounds,
                                      GError    **error)
{
  return load_data (store, rounds, TRUE, error);
}

gboolean
upp_export_round_load_answers (UppStore        *store,
                               UppExportRound  *round,
                               GError         **error)
{
  return upp_store_load_answers (store, round->round, round->responses, error);
}

void
upp_export_round_release_answers (UppExportRound *round)
{
  for (guint i = 0; i < round->responses->len; i++)
    upp_response_clear_answers (g_ptr_array_index (round->responses, i));
}

UppQuestion *
upp_export_round_find_question (UppExportRound *round,
                                const char     *question_key)
{
  return upp_template_find_question (round->template, question_key);
}

static UppTemplate *
newest_template (UppExportData *data)
{
  return ((UppExportRound *) g_ptr_array_index (data->rounds, data->rounds->len - 1))->template;
}

UppQuestion *
upp_export_round_find_mapped_question (UppExportData  *data,
                                       UppExportRound *round,
                                       UppQuestion    *question)
{
  UppTemplate *newest = newest_template (data);
  const char *key = upp_question_get_key (question);
  g_auto(GStrv) keys = NULL;

  if (upp_template_find_question (newest, key) != question)
    return upp_template_find_question (round->template, key);
  keys = upp_template_map_question_key (newest, round->template, data->template_versions, key);
  return keys[0] != NULL ? upp_template_find_question (round->template, keys[0]) : NULL;
}

UppAnswer *
upp_export_dup_mapped_answer (UppExportData  *data,
                              UppExportRound *round,
                              UppResponse    *response,
                              UppQuestion    *question)
{
  UppTemplate *newest = newest_template (data);
  const char *key = upp_question_get_key (question);
  UppAnswer *answer;

  if (upp_template_find_question (newest, key) == question)
    return upp_response_dup_mapped_answer (response, round->template, newest,
                                           data->template_versions, key);
  answer = upp_response_get_answer (response, key);
  return answer != NULL ? g_object_ref (answer) : NULL;
}

char *
upp_export_dup_choice_labels (UppQuestion *question,
                              UppAnswer   *answer)
{
  const char * const *choices;
  g_autoptr(GString) labels = g_string_new (NULL);

  if (answer == NULL)
    return g_strdup ("");

  choices = upp_answer_get_choices (answer);
  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      const UppChoice *choice = question != NULL
                                ? upp_question_find_choice (question, choices[i]) : NULL;

      if (labels->len > 0)
        g_string_append (labels, "; ");
      g_string_append (labels, choice != NULL ? choice->label : choices[i]);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

char *
upp_export_dup_choice_keys (UppAnswer *answer)
{
  const char * const *choices;

  if (answer == NULL)
    return g_strdup ("");
  choices = upp_answer_get_choices (answer);
  if (choices == NULL)
    return g_strdup ("");
  return g_strjoinv ("; ", (char **) choices);
}

char *
upp_export_dup_question_title (UppQuestion *question)
{
  const char *number = upp_question_get_number (question);
  const char *label = upp_question_get_short_label (question);

  if (label == NULL || *label == '\0')
    label = upp_question_get_key (question);
  if (number == NULL || *number == '\0')
    return g_strdup (label);
  if (strchr (number, '.') != NULL)
    return g_strdup_printf ("%s %s", number, label);
  return g_strdup_printf ("%s. %s", number, label);
}

char *
upp_export_dup_column_header (const char *title,
                              const char *label)
{
  return g_strdup_printf ("%s – %s", title, label);
}

char *
upp_export_dup_field_text (const UppItemField *field,
                           const char         *value)
{
  const UppChoice *choice;

  if (value == NULL)
    return g_strdup ("");
  if (field->kind != UPP_FIELD_KIND_CHOICE)
    return g_strdup (value);
  choice = upp_item_field_find_choice (field, value);
  return g_strdup (choice != NULL ? choice->label : value);
}

const char *
upp_export_get_status_label (void)
{
  /* TRANSLATORS: the header of the column with a checklist item's answer, beside the
   * columns of its fields: "1.1 Styrgrupp – Status" */
  return _("Status");
}

char *
upp_export_dup_choice_header (const char *title)
{
  /* TRANSLATORS: header of the column with a coded question's chosen answers, e.g.
   * "1. LÖK-status (choice)" */
  return g_strdup_printf (_("%s (choice)"), title);
}

gboolean
upp_export_is_choice_header (const char *header,
                             gsize      *title_length)
{
  g_autofree char *translated = upp_export_dup_choice_header ("");
  const char *suffixes[] = { translated, " (choice)", " (val)" };
  gsize header_length = strlen (header);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      gsize suffix_length = strlen (suffixes[i]);

      if (suffix_length > 0 && header_length > suffix_length &&
          g_ascii_strcasecmp (header + header_length - suffix_length, suffixes[i]) == 0)
        {
          if (title_length != NULL)
            *title_length = header_length - suffix_length;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
upp_export_write_via_temp (const char          *path,
                           UppExportWriteFunc   write_func,
                           gpointer             user_data,
                           GError             **error)
{
  g_autofree char *temp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  int fd;

  /* A hidden temporary beside the target, renamed over it at the end: a failure leaves
   * nothing under the chosen name. */
  fd = upp_files_create_temp (path, &temp_path, &local_error);
  if (fd < 0)
    {
      g_set_error_literal (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }
  close (fd);

  if (!write_func (temp_path, user_data, &local_error))
    {
      upp_files_discard_temp (temp_path);
      g_set_error (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  if (!upp_files_commit_temp (temp_path, path, &local_error))
    {
      g_set_error_literal (error, UPP_EXPORT_ERROR, UPP_EXPORT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }
  return TRUE;
}

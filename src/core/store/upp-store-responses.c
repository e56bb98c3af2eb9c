/* upp-store-responses.c: responses (a unit's interview in a round) and their answers in the store
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "upp-answer.h"
#include "upp-answer-key.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store-exchange.h"
#include "upp-store-private.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"

#define RESPONSE_COLUMNS \
  "s.id, s.uuid, s.status, s.interview_date, s.mode, s.participant_count, " \
  "s.participant_roles, s.modified, " \
  "u.id, u.uuid, u.name, u.region_code, u.kind, u.sub_area, " \
  "s.duration_minutes, s.check_sent, s.check_approved"

static UppResponse *
response_from_row (sqlite3_stmt *statement)
{
  g_autoptr(UppUnit) unit = upp_store_unit_from_row (statement, 8);
  UppResponseStatus status = UPP_RESPONSE_STATUS_NOT_CONTACTED;
  UppInterviewMode mode = UPP_INTERVIEW_MODE_NONE;
  UppResponse *response = upp_response_new_with_uuid (unit, upp_store_column_text (statement, 1));

  upp_response_status_from_key (upp_store_column_text (statement, 2), &status);
  upp_interview_mode_from_key (upp_store_column_text (statement, 4), &mode);
  upp_response_set_id (response, sqlite3_column_int64 (statement, 0));
  upp_response_set_status (response, status);
  upp_response_set_interview_date (response, upp_store_column_text (statement, 3));
  upp_response_set_mode (response, mode);
  upp_response_set_participant_count (response, sqlite3_column_int (statement, 5));
  upp_response_set_participant_roles (response, upp_store_column_text (statement, 6));
  upp_response_set_modified (response, upp_store_column_text (statement, 7));
  upp_response_set_duration_minutes (response, sqlite3_column_int (statement, 14));
  upp_response_set_check_sent (response, upp_store_column_text (statement, 15));
  upp_response_set_check_approved (response, upp_store_column_text (statement, 16));
  return response;
}

/* Columns: response_id, uuid, question_key, text, choices, modified, device. */
static UppAnswer *
answer_from_row (sqlite3_stmt *statement)
{
  g_auto(GStrv) choices = upp_store_split_choices (upp_store_column_text (statement, 4));
  UppAnswer *answer = upp_answer_new_with_uuid (upp_store_column_text (statement, 2),
                                                upp_store_column_text (statement, 1));

  upp_answer_set_text (answer, upp_store_column_text (statement, 3));
  upp_answer_set_choices (answer, (const char * const *) choices);
  upp_answer_set_modified (answer, upp_store_column_text (statement, 5));
  upp_answer_set_device (answer, upp_store_column_text (statement, 6));
  return answer;
}

/* Reads the answers of a round's responses, all or one unit's (unit_id > 0), into those of
 * responses that are there. */
static gboolean
load_answers (UppStore   *self,
              gint64      round_id,
              gint64      unit_id,
              GPtrArray  *responses,
              GError    **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(UppCachedStatement) answers = NULL;
  g_autofree gint64 *ids = g_new (gint64, MAX (responses->len, 1));
  int rc;

  for (guint i = 0; i < responses->len; i++)
    {
      ids[i] = upp_response_get_id (g_ptr_array_index (responses, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (responses, i));
    }

  answers = upp_store_statement (self,
                                 "SELECT a.response_id, a.uuid, a.question_key, a.text, a.choices, "
                                 "a.modified, a.device FROM answers a "
                                 "JOIN responses s ON s.id = a.response_id "
                                 "WHERE s.round_id = ?1 AND (?2 = 0 OR s.unit_id = ?2)", error);
  if (answers == NULL)
    return FALSE;
  sqlite3_bind_int64 (answers, 1, round_id);
  sqlite3_bind_int64 (answers, 2, unit_id);
  while ((rc = sqlite3_step (answers)) == SQLITE_ROW)
    {
      gint64 response_id = sqlite3_column_int64 (answers, 0);
      UppResponse *response = g_hash_table_lookup (by_id, &response_id);

      if (response != NULL)
        upp_response_take_answer (response, answer_from_row (answers));
    }
  if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* The responses of a round, all or one unit's (unit_id > 0), with members, and with answers
 * unless without_answers. */
static GPtrArray *
load_responses (UppStore  *self,
                gint64     round_id,
                gint64     unit_id,
                gboolean   without_answers,
                GError   **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(UppCachedStatement) statement = NULL;

  statement = upp_store_statement (self,
                                   "SELECT " RESPONSE_COLUMNS " FROM responses s "
                                   "JOIN units u ON u.id = s.unit_id "
                                   "WHERE s.round_id = ?1 AND (?2 = 0 OR s.unit_id = ?2) "
                                   "ORDER BY s.position, u.name", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, round_id);
  sqlite3_bind_int64 (statement, 2, unit_id);
  responses = upp_store_read_rows (self, statement, (UppStoreRowReader) response_from_row, error);
  if (responses == NULL)
    return NULL;

  for (guint i = 0; i < responses->len; i++)
    if (!upp_store_load_unit_members (self,
                                      upp_response_get_unit (g_ptr_array_index (responses, i)),
                                      error))
      return NULL;

  if (!without_answers && !load_answers (self, round_id, unit_id, responses, error))
    return NULL;
  return g_steal_pointer (&responses);
}

GPtrArray *
upp_store_list_responses (UppStore  *self,
                          UppRound  *round,
                          GError   **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  return load_responses (self, upp_round_get_id (round), 0, FALSE, error);
}

GPtrArray *
upp_store_list_responses_without_answers (UppStore  *self,
                                          UppRound  *round,
                                          GError   **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  return load_responses (self, upp_round_get_id (round), 0, TRUE, error);
}

gboolean
upp_store_load_answers (UppStore   *self,
                        UppRound   *round,
                        GPtrArray  *responses,
                        GError    **error)
{
  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);

  return load_answers (self, upp_round_get_id (round), 0, responses, error);
}

UppResponse *
upp_store_find_response (UppStore    *self,
                         UppRound    *round,
                         const char  *unit_name,
                         GError     **error)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  responses = upp_store_list_responses (self, round, error);
  if (responses == NULL)
    return NULL;

  wanted = g_utf8_casefold (unit_name ? unit_name : "", -1);
  g_strstrip (wanted);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      g_autofree char *name = g_utf8_casefold (upp_response_get_unit_name (response), -1);

      if (g_strcmp0 (g_strstrip (name), wanted) == 0)
        return g_object_ref (response);
    }

  g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
               _("The round “%s” has no unit called “%s”."),
               upp_round_get_title (round), unit_name ? unit_name : "");
  return NULL;
}

UppResponse *
upp_store_find_previous_response (UppStore  *self,
                                  UppRound  *round,
                                  UppUnit   *unit,
                                  GError   **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  gint64 previous_round;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (UPP_IS_UNIT (unit), NULL);

  statement = upp_store_statement (self,
                                   "SELECT r.id FROM rounds r "
                                   "JOIN templates t ON t.id = r.template_id "
                                   "JOIN responses s ON s.round_id = r.id AND s.unit_id = ?1 "
                                   "WHERE r.region_code = ?2 AND t.key = ?3 AND r.id <> ?4 "
                                   "AND (r.year < ?5 OR (r.year = ?5 AND r.id < ?4)) "
                                   "ORDER BY r.year DESC, r.id DESC LIMIT 1", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, upp_unit_get_id (unit));
  sqlite3_bind_text (statement, 2, upp_region_get_code (upp_round_get_region (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, upp_template_get_key (upp_round_get_template (round)), -1,
                     SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 4, upp_round_get_id (round));
  sqlite3_bind_int (statement, 5, upp_round_get_year (round));
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  previous_round = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);

  responses = load_responses (self, previous_round, upp_unit_get_id (unit), FALSE, error);
  if (responses == NULL || responses->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (responses, 0));
}

int
upp_store_find_response_year (UppStore     *self,
                              UppResponse  *response,
                              GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), 0);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), 0);

  statement = upp_store_statement (self,
                                   "SELECT r.year FROM responses s "
                                   "JOIN rounds r ON r.id = s.round_id WHERE s.id = ?", error);
  if (statement == NULL)
    return 0;
  sqlite3_bind_int64 (statement, 1, upp_response_get_id (response));
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    return 0;
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return 0;
    }
  return sqlite3_column_int (statement, 0);
}

UppTemplate *
upp_store_load_response_template (UppStore     *self,
                                  UppResponse  *response,
                                  GError      **error)
{
  g_autoptr(UppCachedStatement) statement = NULL;
  gint64 template_id;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), NULL);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), NULL);

  statement = upp_store_statement (self,
                                   "SELECT r.template_id FROM responses s "
                                   "JOIN rounds r ON r.id = s.round_id WHERE s.id = ?", error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, upp_response_get_id (response));
  rc = sqlite3_step (statement);
  if (rc == SQLITE_DONE)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return NULL;
    }
  template_id = sqlite3_column_int64 (statement, 0);
  sqlite3_reset (statement);
  return upp_store_load_template_by_id (self, template_id, error);
}

static gboolean
valid_date (const char *date)
{
  return date == NULL || *date == '\0' || upp_is_iso_date (date);
}

/* The interview details as text, in the order of upp_store_detail_fields. */
static void
response_detail_values (UppResponse *response,
                        char        *values[UPP_STORE_N_DETAIL_FIELDS])
{
  values[0] = g_strdup (upp_response_status_to_key (upp_response_get_status (response)));
  values[1] = g_strdup (upp_response_get_interview_date (response));
  values[2] = g_strdup (upp_interview_mode_to_key (upp_response_get_mode (response)));
  values[3] = g_strdup_printf ("%d", upp_response_get_participant_count (response));
  values[4] = g_strdup (upp_response_get_participant_roles (response));
  values[5] = g_strdup_printf ("%d", upp_response_get_duration_minutes (response));
  values[6] = g_strdup (upp_response_get_check_sent (response));
  values[7] = g_strdup (upp_response_get_check_approved (response));
}

static gboolean
write_response_details (UppStore     *self,
                        UppResponse  *response,
                        const char   *now,
                        GError      **error)
{
  g_autoptr(UppCachedStatement) current = NULL;
  g_autoptr(UppCachedStatement) statement = NULL;
  g_autofree char *uuid = NULL;
  char *old_values[UPP_STORE_N_DETAIL_FIELDS] = { NULL };
  char *new_values[UPP_STORE_N_DETAIL_FIELDS] = { NULL };
  gboolean changed = FALSE;
  gboolean ok = FALSE;
  int rc;

  current = upp_store_statement (self,
                                 "SELECT uuid, status, interview_date, mode, participant_count, "
                                 "participant_roles, duration_minutes, check_sent, "
                                 "check_approved FROM responses WHERE id = ?", error);
  if (current == NULL)
    return FALSE;
  sqlite3_bind_int64 (current, 1, upp_response_get_id (response));
  rc = sqlite3_step (current);
  /* A response removed meanwhile (its unit left the round) has nothing left to save. */
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  uuid = g_strdup (upp_store_column_text (current, 0));
  for (guint i = 0; i < UPP_STORE_N_DETAIL_FIELDS; i++)
    old_values[i] = g_strdup (upp_store_column_text (current, i + 1));
  g_clear_pointer (&current, upp_cached_statement_release);

  response_detail_values (response, new_values);
  for (guint i = 0; i < UPP_STORE_N_DETAIL_FIELDS; i++)
    {
      /* Each changed detail gets its own version, so it merges apart from the others. */
      if (g_strcmp0 (old_values[i], new_values[i]) == 0)
        continue;
      changed = TRUE;
      if (!upp_store_stamp_field (self, uuid, upp_store_detail_fields[i], now,
                                  self->device_id, error))
        goto out;
    }
  if (!changed)
    {
      ok = TRUE;
      goto out;
    }

  statement = upp_store_statement (self,
                                   "UPDATE responses SET status = ?1, interview_date = ?2, "
                                   "mode = ?3, participant_count = ?4, participant_roles = ?5, "
                                   "modified = ?6, device = ?7, duration_minutes = ?9, "
                                   "check_sent = ?10, check_approved = ?11 WHERE id = ?8", error);
  if (statement == NULL)
    goto out;
  sqlite3_bind_text (statement, 1, new_values[0], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 2, new_values[1], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 3, new_values[2], -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (statement, 4, upp_response_get_participant_count (response));
  sqlite3_bind_text (statement, 5, new_values[4], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 7, self->device_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 8, upp_response_get_id (response));
  sqlite3_bind_int (statement, 9, upp_response_get_duration_minutes (response));
  sqlite3_bind_text (statement, 10, new_values[6], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (statement, 11, new_values[7], -1, SQLITE_TRANSIENT);
  if (!upp_store_step_done (self, statement, error))
    goto out;
  upp_response_set_modified (response, now);
  ok = TRUE;

out:
  for (guint i = 0; i < UPP_STORE_N_DETAIL_FIELDS; i++)
    {
      g_free (old_values[i]);
      g_free (new_values[i]);
    }
  return ok;
}

gboolean
upp_store_save_response_details (UppStore     *self,
                                 UppResponse  *response,
                                 GError      **error)
{
  g_autofree char *now = upp_now_iso8601 ();
  g_autofree char *modified = NULL;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);

  if (!valid_date (upp_response_get_interview_date (response)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The interview date “%s” is not a date; write it as 2026-11-23."),
                   upp_response_get_interview_date (response));
      return FALSE;
    }
  if (!valid_date (upp_response_get_check_sent (response)) ||
      !valid_date (upp_response_get_check_approved (response)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The dates of the respondent check “%s” and “%s” must be dates; write them "
                     "as 2026-11-23."),
                   upp_response_get_check_sent (response),
                   upp_response_get_check_approved (response));
      return FALSE;
    }

  modified = g_strdup (upp_response_get_modified (response));
  if (!upp_store_begin (self, error))
    return FALSE;
  if (!write_response_details (self, response, now, error))
    {
      upp_store_rollback (self);
      upp_response_set_modified (response, modified);
      return FALSE;
    }
  return upp_store_commit (self, error);
}

gboolean
upp_store_validate_choices (UppQuestion         *question,
                            const char * const  *choices,
                            GError             **error)
{
  guint n = choices ? g_strv_length ((char **) choices) : 0;

  if (n == 0)
    return TRUE;
  if (!upp_question_kind_has_choices (upp_question_get_kind (question)))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Question “%s” takes no choices, only text."), upp_question_get_key (question));
      return FALSE;
    }
  if (n > 1 && upp_question_get_kind (question) != UPP_QUESTION_KIND_MULTIPLE_CHOICE)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Question “%s” takes one choice, not %u."), upp_question_get_key (question), n);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (upp_question_find_choice (question, choices[i]) == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);
          GPtrArray *all = upp_question_get_choices (question);

          for (guint j = 0; j < all->len; j++)
            {
              const UppChoice *choice = g_ptr_array_index (all, j);
              g_string_append_printf (known, "%s%s", j ? ", " : "", choice->key);
            }
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("Question “%s” has no choice “%s”; its choices are %s."),
                       upp_question_get_key (question), choices[i], known->str);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (choices[i], choices[j]) == 0)
            {
              g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                           _("The choice “%s” is given twice."), choices[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The value of an item field: a choice field takes one of its choices and no text, the others
 * text only, a date field a date, a number field a number. */
static gboolean
validate_field_value (UppQuestion         *question,
                      const UppItemField  *field,
                      const char          *text,
                      const char * const  *choices,
                      GError             **error)
{
  const char *key = upp_question_get_key (question);
  guint n = choices ? g_strv_length ((char **) choices) : 0;

  if (field->kind == UPP_FIELD_KIND_CHOICE)
    {
      if (n > 1 || *text != '\0')
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("Field “%s” of question “%s” takes one choice and no text."),
                       field->key, key);
          return FALSE;
        }
      if (n == 1 && upp_item_field_find_choice (field, choices[0]) == NULL)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint j = 0; j < field->choices->len; j++)
            {
              const UppChoice *choice = g_ptr_array_index (field->choices, j);
              g_string_append_printf (known, "%s%s", j ? ", " : "", choice->key);
            }
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("Field “%s” of question “%s” has no choice “%s”; its choices are %s."),
                       field->key, key, choices[0], known->str);
          return FALSE;
        }
      return TRUE;
    }
  if (n > 0)
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Field “%s” of question “%s” takes no choices, only text."), field->key, key);
      return FALSE;
    }
  if (field->kind == UPP_FIELD_KIND_DATE && !valid_date (text))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("Field “%s” of question “%s” is a date; write it as 2026-11-23, not “%s”."),
                   field->key, key, text);
      return FALSE;
    }
  if (field->kind == UPP_FIELD_KIND_NUMBER && *text != '\0')
    {
      g_autofree char *plain = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));
      char *end = NULL;

      g_ascii_strtod (plain, &end);
      if (*plain == '\0' || end == NULL || *end != '\0')
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("Field “%s” of question “%s” is a number, not “%s”."),
                       field->key, key, text);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
upp_store_validate_answer (UppTemplate         *template,
                           const char          *key,
                           const char          *text,
                           const char * const  *choices,
                           GError             **error)
{
  const UppItemField *field = NULL;
  UppQuestion *question = NULL;
  UppAnswerKeyKind kind;

  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  if (text == NULL)
    text = "";
  if (!upp_answer_key_resolve (template, key, &kind, &question, &field, NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round’s template has no question “%s”."), key);
      return FALSE;
    }
  switch (kind)
    {
    case UPP_ANSWER_KEY_QUESTION:
      return upp_store_validate_choices (question, choices, error);
    case UPP_ANSWER_KEY_FIELD:
      return validate_field_value (question, field, text, choices, error);
    case UPP_ANSWER_KEY_TABLE_ROW:
      if ((choices != NULL && choices[0] != NULL) || !upp_answer_key_is_row_text (text))
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("A row of question “%s” holds its position (a number) or “%s”, not "
                         "“%s”."), upp_question_get_key (question), UPP_TABLE_ROW_REMOVED, text);
          return FALSE;
        }
      return TRUE;
    case UPP_ANSWER_KEY_TABLE_CELL:
    default:
      if (choices != NULL && choices[0] != NULL)
        {
          g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                       _("A cell of question “%s” takes text only, no choices."),
                       upp_question_get_key (question));
          return FALSE;
        }
      return TRUE;
    }
}

gboolean
upp_store_set_answer (UppStore            *self,
                      UppRound            *round,
                      UppResponse         *response,
                      const char          *question_key,
                      const char          *text,
                      const char * const  *choices,
                      GError             **error)
{
  return upp_store_set_answer_from (self, round, response, question_key, text, choices,
                                    UPP_ANSWER_ORIGIN_EDIT, NULL, error);
}

gboolean
upp_store_set_answer_from (UppStore            *self,
                           UppRound            *round,
                           UppResponse         *response,
                           const char          *question_key,
                           const char          *text,
                           const char * const  *choices,
                           UppAnswerOrigin      origin,
                           const char          *editing,
                           GError             **error)
{
  g_autoptr(UppCachedStatement) current = NULL;
  g_autoptr(UppCachedStatement) write = NULL;
  g_autoptr(UppCachedStatement) touch = NULL;
  g_autofree char *stored_choices = NULL;
  g_autofree char *now = NULL;
  g_autofree char *uuid = NULL;
  g_auto(GStrv) split = NULL;
  UppAnswer *answer;
  int rc;

  g_return_val_if_fail (UPP_IS_STORE (self), FALSE);
  g_return_val_if_fail (UPP_IS_ROUND (round), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (response), FALSE);

  if (text == NULL)
    text = "";
  /* A question's own key, or a derived key of one of its fields or table rows. */
  if (!upp_answer_key_resolve (upp_round_get_template (round), question_key, NULL, NULL, NULL,
                               NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                   _("The round’s template has no question “%s”."), question_key);
      return FALSE;
    }
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_INVALID,
                   _("The answer is not valid UTF-8 text."));
      return FALSE;
    }
  if (!upp_store_validate_answer (upp_round_get_template (round), question_key, text, choices,
                                  error))
    return FALSE;
  stored_choices = upp_store_join_choices (choices);

  /* An edit that changes nothing is not written: it would look like a change when merging. */
  current = upp_store_statement (self,
                                 "SELECT uuid, text, choices FROM answers "
                                 "WHERE response_id = ? AND question_key = ?", error);
  if (current == NULL)
    return FALSE;
  sqlite3_bind_int64 (current, 1, upp_response_get_id (response));
  sqlite3_bind_text (current, 2, question_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (current);
  if (rc == SQLITE_ROW)
    {
      uuid = g_strdup (upp_store_column_text (current, 0));
      if (g_strcmp0 (upp_store_column_text (current, 1), text) == 0 &&
          g_strcmp0 (upp_store_column_text (current, 2), stored_choices) == 0)
        return TRUE;
    }
  else if (rc != SQLITE_DONE)
    {
      upp_store_set_sqlite_error (self, error);
      return FALSE;
    }
  sqlite3_reset (current);

  if (uuid == NULL)
    {
      answer = upp_response_get_answer (response, question_key);
      uuid = answer ? g_strdup (upp_answer_get_uuid (answer)) : upp_new_uuid ();
    }
  now = upp_now_iso8601 ();

  if (!upp_store_begin (self, error))
    return FALSE;

  write = upp_store_statement (self,
                               "INSERT INTO answers (uuid, response_id, question_key, text, "
                               "choices, modified, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                               "ON CONFLICT (response_id, question_key) DO UPDATE SET "
                               "text = excluded.text, choices = excluded.choices, "
                               "modified = excluded.modified, device = excluded.device", error);
  if (write == NULL)
    goto failed;
  sqlite3_bind_text (write, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (write, 2, upp_response_get_id (response));
  sqlite3_bind_text (write, 3, question_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 4, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 5, stored_choices, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (write, 7, self->device_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (write) != SQLITE_DONE)
    {
      if (sqlite3_extended_errcode (self->db) == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, UPP_STORE_ERROR, UPP_STORE_ERROR_NOT_FOUND,
                     _("The unit “%s” is no longer part of the round."),
                     upp_response_get_unit_name (response));
      else
        upp_store_set_sqlite_error (self, error);
      goto failed;
    }
  if (!upp_store_reanchor_codings (self, uuid, text, error) ||
      !upp_store_add_answer_version (self, uuid, text, stored_choices, now, self->device_id,
                                     upp_store_get_author (), origin, editing, error))
    goto failed;

  touch = upp_store_statement (self, "UPDATE rounds SET modified = ? WHERE id = ?", error);
  if (touch == NULL)
    goto failed;
  sqlite3_bind_text (touch, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (touch, 2, upp_round_get_id (round));
  if (!upp_store_step_done (self, touch, error))
    goto failed;
  if (!upp_store_commit (self, error))
    return FALSE;

  answer = upp_answer_new_with_uuid (question_key, uuid);
  upp_answer_set_text (answer, text);
  split = upp_store_split_choices (stored_choices);
  upp_answer_set_choices (answer, (const char * const *) split);
  upp_answer_set_modified (answer, now);
  upp_answer_set_device (answer, self->device_id);
  upp_response_take_answer (response, answer);
  return TRUE;

failed:
  upp_store_rollback (self);
  return FALSE;
}

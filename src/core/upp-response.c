/* upp-response.c: one unit's response in a round: status, interview and answers
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-response"

#include "config.h"

#include <math.h>
#include <string.h>

#include "upp-answer.h"
#include "upp-answer-key.h"
#include "upp-choice.h"
#include "upp-item-field.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-util.h"

struct _UppResponse
{
  GObject            parent_instance;

  gint64             id;
  char              *uuid;
  UppUnit           *unit;
  UppResponseStatus  status;
  char              *interview_date;
  UppInterviewMode   mode;
  int                participant_count;
  char              *participant_roles;
  int                duration_minutes;
  char              *check_sent;
  char              *check_approved;
  char              *modified;
  GHashTable        *answers;  /* question key → UppAnswer */
};

G_DEFINE_FINAL_TYPE (UppResponse, upp_response, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_UNIT_NAME,
  PROP_STATUS,
  PROP_INTERVIEW_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
upp_response_finalize (GObject *object)
{
  UppResponse *self = (UppResponse *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_object (&self->unit);
  g_clear_pointer (&self->interview_date, g_free);
  g_clear_pointer (&self->participant_roles, g_free);
  g_clear_pointer (&self->check_sent, g_free);
  g_clear_pointer (&self->check_approved, g_free);
  g_clear_pointer (&self->modified, g_free);
  g_clear_pointer (&self->answers, g_hash_table_unref);

  G_OBJECT_CLASS (upp_response_parent_class)->finalize (object);
}

static void
upp_response_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UppResponse *self = UPP_RESPONSE (object);

  switch (prop_id)
    {
    case PROP_UNIT_NAME:
      g_value_set_string (value, upp_response_get_unit_name (self));
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_INTERVIEW_DATE:
      g_value_set_string (value, self->interview_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_response_class_init (UppResponseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_response_finalize;
  object_class->get_property = upp_response_get_property;

  properties[PROP_UNIT_NAME] =
    g_param_spec_string ("unit-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, UPP_N_RESPONSE_STATUSES - 1, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVIEW_DATE] =
    g_param_spec_string ("interview-date", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_response_init (UppResponse *self)
{
  self->interview_date = g_strdup ("");
  self->participant_roles = g_strdup ("");
  self->check_sent = g_strdup ("");
  self->check_approved = g_strdup ("");
  self->modified = g_strdup ("");
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

UppResponse *
upp_response_new (UppUnit *unit)
{
  g_autofree char *uuid = upp_new_uuid ();

  return upp_response_new_with_uuid (unit, uuid);
}

UppResponse *
upp_response_new_with_uuid (UppUnit    *unit,
                            const char *uuid)
{
  UppResponse *self;

  g_return_val_if_fail (UPP_IS_UNIT (unit), NULL);

  self = g_object_new (UPP_TYPE_RESPONSE, NULL);
  self->uuid = g_strdup (uuid);
  self->unit = g_object_ref (unit);
  return self;
}

gint64
upp_response_get_id (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), 0);
  return self->id;
}

void
upp_response_set_id (UppResponse *self,
                     gint64       id)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  self->id = id;
}

const char *
upp_response_get_uuid (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->uuid;
}

void
upp_response_set_uuid (UppResponse *self,
                       const char  *uuid)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  upp_set_str (&self->uuid, uuid);
}

UppUnit *
upp_response_get_unit (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->unit;
}

const char *
upp_response_get_unit_name (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return upp_unit_get_name (self->unit);
}

UppResponseStatus
upp_response_get_status (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), UPP_RESPONSE_STATUS_NOT_CONTACTED);
  return self->status;
}

void
upp_response_set_status (UppResponse       *self,
                         UppResponseStatus  status)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  g_return_if_fail ((guint) status < UPP_N_RESPONSE_STATUSES);
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
upp_response_get_interview_date (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->interview_date;
}

void
upp_response_set_interview_date (UppResponse *self,
                                 const char  *date)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  if (upp_set_str (&self->interview_date, date ? date : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVIEW_DATE]);
}

UppInterviewMode
upp_response_get_mode (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), UPP_INTERVIEW_MODE_NONE);
  return self->mode;
}

void
upp_response_set_mode (UppResponse      *self,
                       UppInterviewMode  mode)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  g_return_if_fail ((guint) mode < UPP_N_INTERVIEW_MODES);
  self->mode = mode;
}

int
upp_response_get_participant_count (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), 0);
  return self->participant_count;
}

void
upp_response_set_participant_count (UppResponse *self,
                                    int          count)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  self->participant_count = MAX (count, 0);
}

const char *
upp_response_get_participant_roles (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->participant_roles;
}

void
upp_response_set_participant_roles (UppResponse *self,
                                    const char  *roles)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  upp_set_str (&self->participant_roles, roles ? roles : "");
}

int
upp_response_get_duration_minutes (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), 0);
  return self->duration_minutes;
}

void
upp_response_set_duration_minutes (UppResponse *self,
                                   int          minutes)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  self->duration_minutes = MAX (minutes, 0);
}

const char *
upp_response_get_check_sent (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->check_sent;
}

void
upp_response_set_check_sent (UppResponse *self,
                             const char  *date)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  upp_set_str (&self->check_sent, date ? date : "");
}

const char *
upp_response_get_check_approved (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->check_approved;
}

void
upp_response_set_check_approved (UppResponse *self,
                                 const char  *date)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  upp_set_str (&self->check_approved, date ? date : "");
}

gboolean
upp_response_has_interview (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), FALSE);
  return self->interview_date[0] != '\0' || self->mode != UPP_INTERVIEW_MODE_NONE ||
         self->duration_minutes > 0;
}

const char *
upp_response_get_modified (UppResponse *self)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return self->modified;
}

void
upp_response_set_modified (UppResponse *self,
                           const char  *modified)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  upp_set_str (&self->modified, modified ? modified : "");
}

UppAnswer *
upp_response_get_answer (UppResponse *self,
                         const char  *question_key)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  return g_hash_table_lookup (self->answers, question_key);
}

char *
upp_response_dup_field_value (UppResponse *self,
                              const char  *question_key,
                              const char  *field_key)
{
  g_autofree char *key = NULL;
  UppAnswer *answer;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);

  key = upp_answer_key_for_field (question_key, field_key);
  answer = g_hash_table_lookup (self->answers, key);
  if (answer == NULL)
    return NULL;
  if (upp_answer_get_choice (answer) != NULL)
    return g_strdup (upp_answer_get_choice (answer));
  return g_strdup (upp_answer_get_text (answer));
}

typedef struct
{
  const char *row_id;
  double      position;
} TableRow;

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const TableRow *row = a;
  const TableRow *other = b;

  if (row->position != other->position)
    return row->position < other->position ? -1 : 1;
  return strcmp (row->row_id, other->row_id);
}

/* The row id of key when it is "question_key:ROW", else NULL. */
static const char *
row_id_of_key (const char *key,
               const char *question_key)
{
  gsize length = strlen (question_key);
  const char *row_id;

  if (strncmp (key, question_key, length) != 0 || key[length] != UPP_ANSWER_KEY_SEPARATOR[0])
    return NULL;
  row_id = key + length + 1;
  if (strchr (row_id, UPP_ANSWER_KEY_SEPARATOR[0]) != NULL || !upp_answer_key_is_row_id (row_id))
    return NULL;
  return row_id;
}

static double
row_position (UppAnswer *answer)
{
  const char *text = upp_answer_get_text (answer);

  if (!upp_answer_key_is_row_text (text) || strcmp (text, UPP_TABLE_ROW_REMOVED) == 0)
    return NAN;
  return g_ascii_strtod (text, NULL);
}

char **
upp_response_list_table_rows (UppResponse *self,
                              const char  *question_key)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (TableRow));
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  g_return_val_if_fail (question_key != NULL, NULL);

  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      TableRow row = { row_id_of_key (key, question_key), row_position (value) };

      if (row.row_id != NULL && !isnan (row.position))
        g_array_append_val (rows, row);
    }
  g_array_sort (rows, compare_rows);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, g_array_index (rows, TableRow, i).row_id);
  return g_strv_builder_end (ids);
}

double
upp_response_get_table_row_position (UppResponse *self,
                                     const char  *question_key,
                                     const char  *row_id)
{
  g_autofree char *key = NULL;
  UppAnswer *answer;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NAN);

  key = upp_answer_key_for_row (question_key, row_id);
  answer = g_hash_table_lookup (self->answers, key);
  return answer != NULL ? row_position (answer) : NAN;
}

const char *
upp_response_get_table_cell (UppResponse *self,
                             const char  *question_key,
                             const char  *row_id,
                             const char  *column_key)
{
  g_autofree char *key = NULL;
  UppAnswer *answer;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);

  key = upp_answer_key_for_cell (question_key, row_id, column_key);
  answer = g_hash_table_lookup (self->answers, key);
  return answer != NULL ? upp_answer_get_text (answer) : "";
}

char *
upp_response_dup_fields_text (UppResponse *self,
                              UppQuestion *question)
{
  GPtrArray *fields;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);

  fields = upp_question_get_fields (question);
  for (guint i = 0; i < fields->len; i++)
    {
      UppItemField *field = g_ptr_array_index (fields, i);
      g_autofree char *value = upp_response_dup_field_value (self, upp_question_get_key (question),
                                                             field->key);
      const UppChoice *choice;

      if (value == NULL || *value == '\0')
        continue;
      choice = field->kind == UPP_FIELD_KIND_CHOICE ? upp_item_field_find_choice (field, value)
                                                    : NULL;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text, "%s: %s", field->label,
                              choice != NULL ? choice->label : value);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
upp_response_dup_table_text (UppResponse *self,
                             UppQuestion *question)
{
  const char *key;
  GPtrArray *columns;
  g_auto(GStrv) rows = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  g_return_val_if_fail (UPP_IS_QUESTION (question), NULL);

  key = upp_question_get_key (question);
  columns = upp_question_get_columns (question);
  rows = upp_response_list_table_rows (self, key);
  for (guint i = 0; rows != NULL && rows[i] != NULL; i++)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      for (guint j = 0; j < columns->len; j++)
        {
          UppItemField *column = g_ptr_array_index (columns, j);
          g_autofree char *cell = g_strdup (upp_response_get_table_cell (self, key, rows[i],
                                                                         column->key));

          /* One row stays one line, so rows can be told apart. */
          g_strdelimit (g_strstrip (cell), "\r\n", ' ');
          if (*cell == '\0')
            continue;
          if (line->len > 0)
            g_string_append (line, " — ");
          g_string_append (line, cell);
        }
      if (line->len == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line->str);
    }
  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

UppAnswer *
upp_response_dup_mapped_answer (UppResponse *self,
                                UppTemplate *response_template,
                                UppTemplate *template,
                                GPtrArray   *versions,
                                const char  *question_key)
{
  g_auto(GStrv) keys = NULL;
  g_autoptr(GPtrArray) answers = NULL;
  g_autoptr(GStrvBuilder) codes = NULL;
  g_autoptr(GString) text = NULL;
  g_auto(GStrv) joined_codes = NULL;
  UppAnswer *latest = NULL;
  UppAnswer *joined;
  UppAnswer *answer;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), NULL);
  g_return_val_if_fail (question_key != NULL, NULL);

  if (response_template == NULL || template == NULL)
    {
      answer = upp_response_get_answer (self, question_key);
      return answer != NULL ? g_object_ref (answer) : NULL;
    }
  /* The version the unit answered: nothing to map, as every round of one version asks (and
   * an export asks it of each answer). */
  if (response_template == template ||
      (g_strcmp0 (upp_template_get_key (response_template), upp_template_get_key (template)) == 0 &&
       upp_template_get_version (response_template) == upp_template_get_version (template)))
    {
      answer = upp_template_find_question (response_template, question_key) != NULL
               ? upp_response_get_answer (self, question_key) : NULL;
      return answer != NULL ? g_object_ref (answer) : NULL;
    }

  keys = upp_template_map_question_key (template, response_template, versions, question_key);
  answers = g_ptr_array_new ();
  for (guint i = 0; keys[i] != NULL; i++)
    {
      answer = upp_response_get_answer (self, keys[i]);
      if (answer != NULL && !upp_answer_is_empty (answer))
        g_ptr_array_add (answers, answer);
    }
  if (answers->len == 0)
    {
      answer = keys[0] != NULL ? upp_response_get_answer (self, keys[0]) : NULL;
      return answer != NULL ? g_object_ref (answer) : NULL;
    }
  if (answers->len == 1)
    return g_object_ref (g_ptr_array_index (answers, 0));

  /* Merged questions: their texts one after another, every code chosen in any of them. */
  codes = g_strv_builder_new ();
  text = g_string_new ("");
  for (guint i = 0; i < answers->len; i++)
    {
      const char * const *chosen;
      g_autofree char *stripped = NULL;

      answer = g_ptr_array_index (answers, i);
      chosen = upp_answer_get_choices (answer);
      stripped = g_strstrip (g_strdup (upp_answer_get_text (answer)));

      if (*stripped != '\0')
        g_string_append_printf (text, "%s%s", text->len > 0 ? "\n\n" : "", stripped);
      for (guint j = 0; chosen != NULL && chosen[j] != NULL; j++)
        g_strv_builder_add (codes, chosen[j]);
      if (latest == NULL ||
          g_strcmp0 (upp_answer_get_modified (answer), upp_answer_get_modified (latest)) > 0)
        latest = answer;
    }
  joined_codes = g_strv_builder_end (codes);
  joined = upp_answer_new (question_key);
  upp_answer_set_text (joined, text->str);
  upp_answer_set_choices (joined, (const char * const *) joined_codes);
  upp_answer_set_modified (joined, upp_answer_get_modified (latest));
  upp_answer_set_device (joined, upp_answer_get_device (latest));
  return joined;
}

void
upp_response_take_answer (UppResponse *self,
                          UppAnswer   *answer)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  g_return_if_fail (UPP_IS_ANSWER (answer));
  /* The key points into the answer, which the table owns. */
  g_hash_table_replace (self->answers, (gpointer) upp_answer_get_question_key (answer), answer);
}

void
upp_response_clear_answers (UppResponse *self)
{
  g_return_if_fail (UPP_IS_RESPONSE (self));
  g_hash_table_remove_all (self->answers);
}

/* Whether one of the question's item fields or table cells holds something; the rows
 * themselves ("QUESTION:ROW") hold only their positions. */
static gboolean
has_field_or_cell (UppResponse *self,
                   UppQuestion *question)
{
  const char *key = upp_question_get_key (question);
  gboolean is_table = upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE;
  gsize length = strlen (key);
  GHashTableIter iter;
  gpointer answer_key, answer;

  if (upp_question_get_fields (question)->len == 0 && !is_table)
    return FALSE;
  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &answer_key, &answer))
    {
      const char *derived = answer_key;

      if (strncmp (derived, key, length) != 0 || derived[length] != UPP_ANSWER_KEY_SEPARATOR[0])
        continue;
      if (is_table && strchr (derived + length + 1, UPP_ANSWER_KEY_SEPARATOR[0]) == NULL)
        continue;
      if (!upp_answer_is_empty (answer))
        return TRUE;
    }
  return FALSE;
}

guint
upp_response_count_answered (UppResponse *self,
                             UppTemplate *template)
{
  guint n = 0;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), 0);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), 0);

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      UppAnswer *answer = upp_response_get_answer (self, upp_question_get_key (question));

      if ((answer != NULL && !upp_answer_is_empty (answer)) ||
          has_field_or_cell (self, question))
        n++;
    }
  return n;
}

static gboolean
same_answer (UppAnswer *a,
             UppAnswer *b)
{
  const char * const *choices_a;
  const char * const *choices_b;

  if (a == NULL || b == NULL)
    return a == b;
  choices_a = upp_answer_get_choices (a);
  choices_b = upp_answer_get_choices (b);
  if ((choices_a == NULL) != (choices_b == NULL) ||
      (choices_a != NULL && !g_strv_equal ((const char **) choices_a, (const char **) choices_b)))
    return FALSE;
  return g_strcmp0 (upp_answer_get_text (a), upp_answer_get_text (b)) == 0 &&
         g_strcmp0 (upp_answer_get_modified (a), upp_answer_get_modified (b)) == 0 &&
         g_strcmp0 (upp_answer_get_uuid (a), upp_answer_get_uuid (b)) == 0;
}

gboolean
upp_response_same_content (UppResponse *self,
                           UppResponse *other)
{
  GHashTableIter iter;
  gpointer key, answer;

  g_return_val_if_fail (UPP_IS_RESPONSE (self), FALSE);
  g_return_val_if_fail (UPP_IS_RESPONSE (other), FALSE);

  if (self->id != other->id || g_strcmp0 (self->uuid, other->uuid) != 0 ||
      g_strcmp0 (upp_unit_get_name (self->unit), upp_unit_get_name (other->unit)) != 0 ||
      g_strcmp0 (upp_unit_get_sub_area (self->unit), upp_unit_get_sub_area (other->unit)) != 0 ||
      self->status != other->status || self->mode != other->mode ||
      g_strcmp0 (self->interview_date, other->interview_date) != 0 ||
      self->participant_count != other->participant_count ||
      g_strcmp0 (self->participant_roles, other->participant_roles) != 0 ||
      self->duration_minutes != other->duration_minutes ||
      g_strcmp0 (self->check_sent, other->check_sent) != 0 ||
      g_strcmp0 (self->check_approved, other->check_approved) != 0 ||
      g_strcmp0 (self->modified, other->modified) != 0 ||
      g_hash_table_size (self->answers) != g_hash_table_size (other->answers))
    return FALSE;

  g_hash_table_iter_init (&iter, self->answers);
  while (g_hash_table_iter_next (&iter, &key, &answer))
    if (!same_answer (answer, g_hash_table_lookup (other->answers, key)))
      return FALSE;
  return TRUE;
}

gboolean
upp_response_counts_as_answered (UppResponse *self,
                                 UppTemplate *template)
{
  g_return_val_if_fail (UPP_IS_RESPONSE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);

  if (upp_response_status_is_answered (self->status))
    return TRUE;
  return self->status != UPP_RESPONSE_STATUS_NO_ANSWER
         && upp_response_count_answered (self, template) > 0;
}

/* upp-template.c: a versioned survey template, read from and written to JSON
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-template"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "upp-json.h"
#include "upp-question.h"
#include "upp-template.h"
#include "upp-util.h"

#define TEMPLATE_FORMAT "uppfoljning-template"
#define TEMPLATE_FORMAT_VERSION UPP_TEMPLATE_FORMAT_VERSION

struct _UppTemplate
{
  GObject    parent_instance;

  gint64     id;
  char      *uuid;
  char      *key;
  int        version;
  char      *title;
  char      *description;
  GPtrArray *questions;
  GPtrArray *sections;     /* UppSection */
  GPtrArray *choice_sets;  /* ChoiceSet */
};

typedef struct
{
  char      *key;
  GPtrArray *choices;  /* UppChoice */
} ChoiceSet;

G_DEFINE_FINAL_TYPE (UppTemplate, upp_template, G_TYPE_OBJECT)
G_DEFINE_QUARK (upp-template-error-quark, upp_template_error)

enum {
  PROP_0,
  PROP_KEY,
  PROP_VERSION,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void make_one_line (char *message);

static void
section_free (UppSection *section)
{
  g_free (section->key);
  g_free (section->title);
  g_free (section->intro);
  g_free (section);
}

static void
choice_set_free (ChoiceSet *set)
{
  g_free (set->key);
  g_ptr_array_unref (set->choices);
  g_free (set);
}

static void
upp_template_finalize (GObject *object)
{
  UppTemplate *self = (UppTemplate *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->questions, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->choice_sets, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_template_parent_class)->finalize (object);
}

static void
upp_template_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  UppTemplate *self = UPP_TEMPLATE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_VERSION:
      g_value_set_int (value, self->version);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_template_class_init (UppTemplateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_template_finalize;
  object_class->get_property = upp_template_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int ("version", NULL, NULL, 0, G_MAXINT, 1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
upp_template_init (UppTemplate *self)
{
  self->version = 1;
  self->description = g_strdup ("");
  self->questions = g_ptr_array_new_with_free_func (g_object_unref);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->choice_sets = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_set_free);
}

UppTemplate *
upp_template_new (const char *key,
                  const char *title)
{
  UppTemplate *self = g_object_new (UPP_TYPE_TEMPLATE, NULL);

  self->uuid = upp_new_uuid ();
  self->key = g_strdup (key);
  self->title = g_strdup (title ? title : "");
  return self;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A key as a message shows it: line breaks and other control characters escaped (a message
 * is one line), letters such as å kept. */
static char *
dup_shown_key (const char *key)
{
  char keep[129];

  for (guint i = 0; i < 128; i++)
    keep[i] = (char) (0x80 + i);
  keep[128] = '\0';
  return g_strescape (key, keep);
}

/* A number that is a JSON integer, not "7" or 1.5, within minimum..maximum. */
static gboolean
member_int (JsonObject *object,
            const char *name,
            gint64      minimum,
            gint64      maximum,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return *value >= minimum && *value <= maximum;
}

/* Question numbers may be written as 1 or "1.2". */
static char *
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  return NULL;
}

/* "match": a list of phrases; whether they are valid patterns is upp_template_validate()'s
 * to say, with the template's title. */
static gboolean
choice_match_from_json (JsonObject  *object,
                        UppChoice   *choice,
                        const char  *question_key,
                        GError     **error)
{
  g_autoptr(GStrvBuilder) phrases = NULL;
  g_auto(GStrv) match = NULL;
  JsonNode *node = json_object_get_member (object, "match");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto not_texts;

  phrases = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *phrase = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (phrase) || json_node_get_value_type (phrase) != G_TYPE_STRING)
        goto not_texts;
      g_strv_builder_add (phrases, json_node_get_string (phrase));
    }
  match = g_strv_builder_end (phrases);
  upp_choice_set_match (choice, (const char * const *) match);
  return TRUE;

not_texts:
  g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
               _("The “match” of choice “%s” of question “%s” is not a list of texts."),
               choice->key, question_key);
  return FALSE;
}

/* "from": the keys of the previous version the question came from; absent in templates
 * written before questions were mapped, which then map by key. */
static gboolean
question_from_from_json (JsonObject   *object,
                         UppQuestion  *question,
                         GError      **error)
{
  g_autoptr(GStrvBuilder) keys = NULL;
  g_auto(GStrv) from = NULL;
  JsonNode *node = json_object_get_member (object, "from");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto not_keys;

  keys = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *key = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (key) || json_node_get_value_type (key) != G_TYPE_STRING ||
          !upp_template_key_is_valid (json_node_get_string (key)))
        goto not_keys;
      g_strv_builder_add (keys, json_node_get_string (key));
    }
  from = g_strv_builder_end (keys);
  upp_question_set_from (question, (const char * const *) from);
  return TRUE;

not_keys:
  g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
               _("The “from” of question “%s” is not a list of question keys."),
               upp_question_get_key (question));
  return FALSE;
}

/* A list of { "key", "label" } objects of a choice set or a choice field; not_a_list is the
 * one-line message for anything else. */
static gboolean
choice_list_from_json (JsonNode    *node,
                       GPtrArray   *into,
                       const char  *not_a_list,
                       GError     **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *key;
      const char *label;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto bad;
      key = member_string (json_node_get_object (element), "key");
      label = member_string (json_node_get_object (element), "label");
      if (key == NULL || *key == '\0' || label == NULL)
        goto bad;
      g_ptr_array_add (into, upp_choice_new (key, label));
    }
  return TRUE;

bad:
  g_set_error_literal (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD, not_a_list);
  return FALSE;
}

/* One of a question's "fields" or, for a table, "columns" (kind text unless told). */
static UppItemField *
item_field_from_json (JsonNode    *node,
                      const char  *question_key,
                      gboolean     is_column,
                      guint        position,
                      GError     **error)
{
  g_autoptr(UppItemField) field = NULL;
  g_autofree char *bad_choices = NULL;
  JsonObject *object;
  const char *key;
  const char *kind_key;
  UppFieldKind kind = UPP_FIELD_KIND_TEXT;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   is_column ? _("Column %u of question “%s” is not an object.")
                             : _("Field %u of question “%s” is not an object."),
                   position + 1, question_key);
      return NULL;
    }
  object = json_node_get_object (node);
  key = member_string (object, "key");
  if (key == NULL || *key == '\0')
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   is_column ? _("Column %u of question “%s” has no “key”.")
                             : _("Field %u of question “%s” has no “key”."),
                   position + 1, question_key);
      return NULL;
    }
  kind_key = member_string (object, "kind");
  if (json_object_has_member (object, "kind") &&
      (kind_key == NULL || !upp_field_kind_from_key (kind_key, &kind)))
    {
      g_autofree char *shown = dup_shown_key (kind_key ? kind_key : "");

      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_UNKNOWN_KIND,
                   _("Field “%s” of question “%s” has the unknown kind “%s”; use text, date, "
                     "period, number or choice."), key, question_key, shown);
      return NULL;
    }
  field = upp_item_field_new (key, member_string (object, "label"), kind);
  field->choice_set = g_strdup (member_string (object, "choice_set"));
  bad_choices = g_strdup_printf (_("The choices of field “%s” of question “%s” are not a list "
                                   "of objects with a “key” and a “label”."), key, question_key);
  if (json_object_has_member (object, "choices") &&
      !choice_list_from_json (json_object_get_member (object, "choices"), field->choices,
                              bad_choices, error))
    return NULL;
  return g_steal_pointer (&field);
}

/* The format 2 members of a question: section, heading, help, choice_set, fields, columns. */
static gboolean
question_parts_from_json (JsonObject   *object,
                          UppQuestion  *question,
                          GError      **error)
{
  const char *key = upp_question_get_key (question);
  const char *members[] = { "fields", "columns" };

  upp_question_set_section (question, member_string (object, "section"));
  upp_question_set_heading (question, member_string (object, "heading"));
  upp_question_set_help (question, member_string (object, "help"));
  upp_question_set_choice_set (question, member_string (object, "choice_set"));

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      JsonNode *node = json_object_get_member (object, members[m]);
      JsonArray *array;

      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       m == 0 ? _("The fields of question “%s” are not a list.")
                              : _("The columns of question “%s” are not a list."), key);
          return FALSE;
        }
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          UppItemField *field = item_field_from_json (json_array_get_element (array, i), key,
                                                      m == 1, i, error);

          if (field == NULL)
            return FALSE;
          if (m == 0)
            upp_question_add_field (question, field);
          else
            upp_question_add_column (question, field);
        }
    }
  return TRUE;
}

static UppQuestion *
question_from_json (JsonObject  *object,
                    guint        position,
                    GError     **error)
{
  g_autoptr(UppQuestion) question = NULL;
  g_autofree char *number = member_number (object, "number");
  const char *key = member_string (object, "key");
  const char *text = member_string (object, "text");
  const char *kind_key = member_string (object, "kind");
  UppQuestionKind kind;

  if (key == NULL || *key == '\0')
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("Question %u has no “key”."), position + 1);
      return NULL;
    }
  if (!upp_template_key_is_valid (key))
    {
      g_autofree char *shown = dup_shown_key (key);

      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY,
                   _("The key “%s” of question %u may only contain letters a–z, digits, "
                     "“-”, “_” and “.”."), shown, position + 1);
      return NULL;
    }
  if (text == NULL || upp_str_is_blank (text))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("Question “%s” has no “text”."), key);
      return NULL;
    }
  if (kind_key == NULL)
    kind_key = "text";
  if (!upp_question_kind_from_key (kind_key, &kind))
    {
      g_autofree char *shown = dup_shown_key (kind_key);

      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_UNKNOWN_KIND,
                   _("Question “%s” has the unknown kind “%s”; use text, single_choice, "
                     "multiple_choice, yes_no, number or table."), key, shown);
      return NULL;
    }

  if (number == NULL)
    number = g_strdup_printf ("%u", position + 1);

  question = upp_question_new (key, number, text, member_string (object, "short_label"), kind);

  if (json_object_has_member (object, "choices"))
    {
      JsonNode *node = json_object_get_member (object, "choices");
      JsonArray *choices;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("The choices of question “%s” are not a list."), key);
          return NULL;
        }
      choices = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (choices); i++)
        {
          JsonNode *choice_node = json_array_get_element (choices, i);
          JsonObject *choice;
          const char *choice_key;
          const char *label;
          UppChoice *added;

          if (!JSON_NODE_HOLDS_OBJECT (choice_node))
            {
              g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                           _("Choice %u of question “%s” is not an object."), i + 1, key);
              return NULL;
            }
          choice = json_node_get_object (choice_node);
          choice_key = member_string (choice, "key");
          label = member_string (choice, "label");
          if (choice_key == NULL || *choice_key == '\0' || label == NULL)
            {
              g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                           _("Choice %u of question “%s” needs a “key” and a “label”."),
                           i + 1, key);
              return NULL;
            }
          added = upp_question_add_choice (question, choice_key, label);
          if (!choice_match_from_json (choice, added, key, error))
            return NULL;
        }
    }

  if (!question_from_from_json (object, question, error) ||
      !question_parts_from_json (object, question, error))
    return NULL;

  /* Yes/no questions need no listed choices: the two answers are implied. */
  if (kind == UPP_QUESTION_KIND_YES_NO && upp_question_get_choices (question)->len == 0)
    {
      upp_question_add_choice (question, "yes", C_("answer", "Yes"));
      upp_question_add_choice (question, "no", C_("answer", "No"));
    }

  return g_steal_pointer (&question);
}

/* "sections": [ { "key", "title", "intro" } ]; checked by upp_template_validate (). */
static gboolean
sections_from_json (UppTemplate  *self,
                    JsonObject   *object,
                    GError      **error)
{
  JsonNode *node = json_object_get_member (object, "sections");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *section;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto bad;
      section = json_node_get_object (element);
      if (member_string (section, "key") == NULL || member_string (section, "title") == NULL)
        goto bad;
      upp_template_add_section (self, member_string (section, "key"),
                                member_string (section, "title"),
                                member_string (section, "intro"));
    }
  return TRUE;

bad:
  g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
               _("The template's “sections” are not a list of objects with a “key” and a "
                 "“title”."));
  return FALSE;
}

/* "choice_sets": [ { "key", "choices": [ { "key", "label" } ] } ]. */
static gboolean
choice_sets_from_json (UppTemplate  *self,
                       JsonObject   *object,
                       GError      **error)
{
  JsonNode *node = json_object_get_member (object, "choice_sets");
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *bad_choices = NULL;
      const char *key;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto bad;
      key = member_string (json_node_get_object (element), "key");
      if (key == NULL)
        goto bad;
      if (upp_template_find_choice_set (self, key) != NULL)
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       _("Two choice sets have the key “%s”."), key);
          return FALSE;
        }
      bad_choices = g_strdup_printf (_("The choices of choice set “%s” are not a list of objects "
                                       "with a “key” and a “label”."), key);
      if (!choice_list_from_json (json_object_get_member (json_node_get_object (element),
                                                          "choices"),
                                  upp_template_add_choice_set (self, key), bad_choices, error))
        return FALSE;
    }
  return TRUE;

bad:
  g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
               _("The template's “choice_sets” are not a list of objects with a “key” and "
                 "“choices”."));
  return FALSE;
}

static guint
section_position (UppTemplate *self,
                  const char  *key)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      UppSection *section = g_ptr_array_index (self->sections, i);

      if (g_strcmp0 (section->key, key) == 0)
        return i;
    }
  return G_MAXUINT;
}

/* Questions of a section without a number of their own get "S.N"; numbered may be NULL. */
static void
number_sections (UppTemplate *self,
                 gboolean    *numbered)
{
  g_autofree guint *counts = g_new0 (guint, self->sections->len + 1);

  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      guint section = section_position (self, upp_question_get_section (question));
      g_autofree char *number = NULL;

      if (section == G_MAXUINT)
        continue;
      counts[section]++;
      if (numbered != NULL && numbered[i])
        continue;
      number = g_strdup_printf ("%u.%u", section + 1, counts[section]);
      upp_question_set_number (question, number);
    }
}

UppTemplate *
upp_template_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(UppTemplate) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *questions_node;
  JsonArray *questions;
  const char *format;
  const char *key;
  const char *title;
  const char *uuid;
  g_autoptr(GArray) numbered = NULL;
  gint64 format_version = TEMPLATE_FORMAT_VERSION;
  gint64 version = 1;
  gboolean has_number;

  if (length < 0)
    length = strlen (json);
  if ((gsize) length > UPP_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_TOO_LARGE,
                   _("The template is larger than %d MB, too large to be a survey template."),
                   UPP_TEMPLATE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  parser = upp_json_parse (json, length, &local_error);
  if (parser == NULL)
    {
      if (g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_ENCODING))
        g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_JSON,
                     _("The template is not valid UTF-8 text."));
      else if (g_error_matches (local_error, UPP_JSON_ERROR, UPP_JSON_ERROR_EMPTY))
        g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_JSON,
                     _("The template is empty."));
      else
        g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_JSON,
                     _("The template is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("The template must be a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);

  format = member_string (object, "format");
  if (format != NULL && g_strcmp0 (format, TEMPLATE_FORMAT) != 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("This is a “%s” file, not a survey template."), format);
      return NULL;
    }
  if (json_object_has_member (object, "format_version") &&
      !member_int (object, "format_version", 1, G_MAXINT32, &format_version))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("The template's “format_version” is not a whole number from 1 to %d."),
                   G_MAXINT32);
      return NULL;
    }
  if (format_version > TEMPLATE_FORMAT_VERSION)
    {
      const char *name = member_string (object, "title");

      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("The template “%s” was made by a newer version of Uppföljning (template "
                     "format %d); this version reads templates up to format %d."),
                   name ? name : "", (int) format_version, TEMPLATE_FORMAT_VERSION);
      make_one_line ((*error)->message);
      return NULL;
    }

  key = member_string (object, "key");
  title = member_string (object, "title");
  if (key == NULL || *key == '\0')
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template has no “key”."));
      return NULL;
    }
  if (title == NULL || upp_str_is_blank (title))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template has no “title”."));
      return NULL;
    }

  self = upp_template_new (key, title);
  if (json_object_has_member (object, "uuid"))
    {
      uuid = member_string (object, "uuid");
      if (uuid == NULL || !g_uuid_string_is_valid (uuid))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                       _("The template's “uuid” is not a valid identifier."));
          return NULL;
        }
      /* Identifiers are compared as text: "ABC…" and "abc…" must be the same template. */
      g_free (self->uuid);
      self->uuid = g_ascii_strdown (uuid, -1);
    }
  if (json_object_has_member (object, "version") &&
      !member_int (object, "version", 1, G_MAXINT32, &version))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("The template's “version” is not a whole number from 1 to %d."),
                   G_MAXINT32);
      return NULL;
    }
  self->version = (int) version;
  if (member_string (object, "description") != NULL)
    upp_set_str (&self->description, member_string (object, "description"));

  questions_node = json_object_get_member (object, "questions");
  if (questions_node == NULL || !JSON_NODE_HOLDS_ARRAY (questions_node))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template has no list of “questions”."));
      return NULL;
    }
  if (!sections_from_json (self, object, error) || !choice_sets_from_json (self, object, error))
    return NULL;

  questions = json_node_get_array (questions_node);
  numbered = g_array_new (FALSE, FALSE, sizeof (gboolean));
  for (guint i = 0; i < json_array_get_length (questions); i++)
    {
      JsonNode *node = json_array_get_element (questions, i);
      UppQuestion *question;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Question %u is not an object."), i + 1);
          return NULL;
        }
      question = question_from_json (json_node_get_object (node), i, error);
      if (question == NULL)
        return NULL;
      g_ptr_array_add (self->questions, question);
      has_number = json_object_has_member (json_node_get_object (node), "number");
      g_array_append_val (numbered, has_number);
    }
  number_sections (self, (gboolean *) (gpointer) numbered->data);
  upp_template_apply_choice_sets (self);

  if (!upp_template_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Names and titles quoted from the file may hold line breaks; a message is one line. */
static void
make_one_line (char *message)
{
  for (char *p = message; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        *p = ' ';
    }
}

UppTemplate *
upp_template_new_from_file (GFile   *file,
                            GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  UppTemplate *self;
  gsize length = 0;

  /* A huge file is refused before it is read into memory. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > UPP_TEMPLATE_MAX_SIZE)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_TOO_LARGE,
                   _("%s: The template is larger than %d MB, too large to be a survey "
                     "template."), name, UPP_TEMPLATE_MAX_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read “%s”: %s"), name, local_error->message);
      return NULL;
    }
  self = upp_template_new_from_json (contents, length, &local_error);
  if (self == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", name, local_error->message);
      make_one_line ((*error)->message);
      return NULL;
    }
  return self;
}

static const struct
{
  const char *key;
  const char *resource;
} builtin_templates[] = {
  { UPP_TEMPLATE_BUILTIN_LOK,           "/se/uppfoljning/core/templates/lok.json" },
  { UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST, "/se/uppfoljning/core/templates/vgr-checklista.json" },
  { UPP_TEMPLATE_BUILTIN_SAMLA,         "/se/uppfoljning/core/templates/samla.json" },
};

const char * const *
upp_template_get_builtin_keys (void)
{
  static const char * const keys[] = {
    UPP_TEMPLATE_BUILTIN_LOK, UPP_TEMPLATE_BUILTIN_VGR_CHECKLIST, UPP_TEMPLATE_BUILTIN_SAMLA, NULL
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (builtin_templates) + 1);
  return keys;
}

UppTemplate *
upp_template_new_builtin (const char *key)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *resource = NULL;
  UppTemplate *self;
  gsize length = 0;
  const char *data;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_templates); i++)
    if (g_strcmp0 (builtin_templates[i].key, key) == 0)
      resource = builtin_templates[i].resource;
  if (resource == NULL)
    return NULL;

  upp_core_register_resources ();
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in template is missing from the resources: %s", error->message);
  data = g_bytes_get_data (bytes, &length);
  self = upp_template_new_from_json (data, length, &error);
  if (self == NULL)
    g_error ("The built-in template is broken: %s", error->message);
  return self;
}

UppTemplate *
upp_template_new_builtin_lok (void)
{
  return upp_template_new_builtin (UPP_TEMPLATE_BUILTIN_LOK);
}

UppTemplate *
upp_template_duplicate (UppTemplate *self,
                        const char  *new_key,
                        const char  *new_title)
{
  g_autofree char *json = NULL;
  UppTemplate *copy;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);

  json = upp_template_to_json (self);
  copy = upp_template_new_from_json (json, -1, NULL);
  g_assert (copy != NULL);
  g_free (copy->uuid);
  copy->uuid = upp_new_uuid ();
  copy->version = 1;
  /* Where a question came from is told of the previous version; the copy is not one. */
  for (guint i = 0; i < copy->questions->len; i++)
    upp_question_set_from (g_ptr_array_index (copy->questions, i), NULL);
  if (new_key != NULL)
    upp_set_str (&copy->key, new_key);
  if (new_title != NULL)
    upp_set_str (&copy->title, new_title);
  return copy;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* "choices" of a choice set or a choice field: keys and labels. */
static void
add_choice_list (JsonBuilder *builder,
                 GPtrArray   *choices)
{
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "key", choice->key);
      add_string_member (builder, "label", choice->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_item_fields (JsonBuilder *builder,
                 const char  *name,
                 GPtrArray   *fields)
{
  if (fields->len == 0)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < fields->len; i++)
    {
      const UppItemField *field = g_ptr_array_index (fields, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "key", field->key);
      add_string_member (builder, "label", field->label);
      add_string_member (builder, "kind", upp_field_kind_to_key (field->kind));
      if (field->choice_set != NULL)
        add_string_member (builder, "choice_set", field->choice_set);
      else if (field->choices->len > 0)
        add_choice_list (builder, field->choices);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
question_parts_to_json (JsonBuilder *builder,
                        UppQuestion *question)
{
  if (upp_question_get_section (question)[0] != '\0')
    add_string_member (builder, "section", upp_question_get_section (question));
  if (upp_question_get_heading (question)[0] != '\0')
    add_string_member (builder, "heading", upp_question_get_heading (question));
  if (upp_question_get_help (question)[0] != '\0')
    add_string_member (builder, "help", upp_question_get_help (question));
  add_item_fields (builder, "fields", upp_question_get_fields (question));
  add_item_fields (builder, "columns", upp_question_get_columns (question));
}

gboolean
upp_template_uses_format_2 (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), FALSE);

  if (self->sections->len > 0 || self->choice_sets->len > 0)
    return TRUE;
  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);

      if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE ||
          upp_question_get_section (question)[0] != '\0' ||
          upp_question_get_heading (question)[0] != '\0' ||
          upp_question_get_help (question)[0] != '\0' ||
          upp_question_get_choice_set (question) != NULL ||
          upp_question_get_fields (question)->len > 0 ||
          upp_question_get_columns (question)->len > 0)
        return TRUE;
    }
  return FALSE;
}

static char *
template_to_json (UppTemplate *self,
                  gboolean     with_match,
                  gboolean     with_description)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, TEMPLATE_FORMAT);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, upp_template_uses_format_2 (self) ? 2 : 1);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, self->uuid);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, self->key);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, self->version);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, self->title);
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, with_description ? self->description : "");
  if (self->sections->len > 0)
    {
      json_builder_set_member_name (builder, "sections");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->sections->len; i++)
        {
          UppSection *section = g_ptr_array_index (self->sections, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "key", section->key);
          add_string_member (builder, "title", section->title);
          if (section->intro[0] != '\0')
            add_string_member (builder, "intro", section->intro);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (self->choice_sets->len > 0)
    {
      json_builder_set_member_name (builder, "choice_sets");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->choice_sets->len; i++)
        {
          ChoiceSet *set = g_ptr_array_index (self->choice_sets, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "key", set->key);
          add_choice_list (builder, set->choices);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "questions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      GPtrArray *choices = upp_question_get_choices (question);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, upp_question_get_key (question));
      json_builder_set_member_name (builder, "number");
      json_builder_add_string_value (builder, upp_question_get_number (question));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, upp_question_get_text (question));
      json_builder_set_member_name (builder, "short_label");
      json_builder_add_string_value (builder, upp_question_get_short_label (question));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder,
                                     upp_question_kind_to_key (upp_question_get_kind (question)));
      if (upp_question_get_from (question) != NULL)
        {
          const char * const *from = upp_question_get_from (question);

          json_builder_set_member_name (builder, "from");
          json_builder_begin_array (builder);
          for (guint j = 0; from[j] != NULL; j++)
            json_builder_add_string_value (builder, from[j]);
          json_builder_end_array (builder);
        }
      question_parts_to_json (builder, question);
      if (upp_question_get_choice_set (question) != NULL)
        add_string_member (builder, "choice_set", upp_question_get_choice_set (question));
      else if (choices->len > 0)
        {
          json_builder_set_member_name (builder, "choices");
          json_builder_begin_array (builder);
          for (guint j = 0; j < choices->len; j++)
            {
              const UppChoice *choice = g_ptr_array_index (choices, j);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "key");
              json_builder_add_string_value (builder, choice->key);
              json_builder_set_member_name (builder, "label");
              json_builder_add_string_value (builder, choice->label);
              if (with_match && choice->match != NULL && choice->match[0] != NULL)
                {
                  json_builder_set_member_name (builder, "match");
                  json_builder_begin_array (builder);
                  for (guint k = 0; choice->match[k] != NULL; k++)
                    json_builder_add_string_value (builder, choice->match[k]);
                  json_builder_end_array (builder);
                }
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

char *
upp_template_to_json (UppTemplate *self)
{
  return template_to_json (self, TRUE, TRUE);
}

gboolean
upp_template_same_survey (UppTemplate *self,
                          UppTemplate *other)
{
  g_autofree char *json = NULL;
  g_autofree char *other_json = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (other), FALSE);

  json = template_to_json (self, FALSE, FALSE);
  other_json = template_to_json (other, FALSE, FALSE);
  return strcmp (json, other_json) == 0;
}

gboolean
upp_template_key_is_valid (const char *key)
{
  if (key == NULL || *key == '\0')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '.')
        return FALSE;
    }
  return TRUE;
}

/* The phrase and the regex error quoted in it may hold line breaks; a message is one line. */
static void
set_match_error (GError     **error,
                 const char  *title,
                 const char  *question_key,
                 const char  *choice_key,
                 const char  *phrase,
                 const char  *problem)
{
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("Template “%s”, question “%s”, choice “%s”: the match phrase "
                               "“%s” is not a valid pattern: %s"),
                             title, question_key, choice_key, phrase, problem);
  make_one_line (message);
  g_set_error_literal (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_MATCH, message);
}

static gboolean
set_invalid_key_error (GError     **error,
                       const char  *what,
                       const char  *key)
{
  g_autofree char *shown = dup_shown_key (key ? key : "");

  /* what is already translated: "section", "choice set", "field of question “x”" … */
  g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY,
               _("The key “%s” of %s may only contain letters a–z, digits, “-”, “_” and “.”."),
               shown, what);
  return FALSE;
}

/* Keys, labels and uniqueness of a list of choices: a question's, a choice set's or a choice
 * field's. */
static gboolean
validate_choice_list (GPtrArray   *choices,
                      const char  *owner,
                      GError     **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  if (choices->len == 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("%s has no choices."), owner);
      return FALSE;
    }
  for (guint i = 0; i < choices->len; i++)
    {
      const UppChoice *choice = g_ptr_array_index (choices, i);

      if (upp_str_is_blank (choice->key) || upp_str_is_blank (choice->label))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("%s: a choice needs a key and a label."), owner);
          return FALSE;
        }
      if (!upp_template_key_is_valid (choice->key))
        {
          g_autofree char *shown = dup_shown_key (choice->key);

          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY,
                       _("%s: the choice key “%s” may only contain letters a–z, digits, “-”, "
                         "“_” and “.”."), owner, shown);
          return FALSE;
        }
      if (!g_hash_table_add (keys, choice->key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       _("%s has two choices with the key “%s”."), owner, choice->key);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
validate_sections_and_sets (UppTemplate  *self,
                            GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->sections->len; i++)
    {
      UppSection *section = g_ptr_array_index (self->sections, i);
      g_autofree char *owner = g_strdup_printf (_("section %u"), i + 1);

      if (!upp_template_key_is_valid (section->key))
        return set_invalid_key_error (error, owner, section->key);
      if (upp_str_is_blank (section->title))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Section “%s” needs a title."), section->key);
          return FALSE;
        }
      if (!g_hash_table_add (keys, section->key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       _("Two sections have the key “%s”."), section->key);
          return FALSE;
        }
    }
  g_hash_table_remove_all (keys);
  for (guint i = 0; i < self->choice_sets->len; i++)
    {
      ChoiceSet *set = g_ptr_array_index (self->choice_sets, i);
      g_autofree char *owner = g_strdup_printf (_("Choice set “%s”"), set->key);

      if (!upp_template_key_is_valid (set->key))
        return set_invalid_key_error (error, _("a choice set"), set->key);
      if (!g_hash_table_add (keys, set->key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       _("Two choice sets have the key “%s”."), set->key);
          return FALSE;
        }
      if (!validate_choice_list (set->choices, owner, error))
        return FALSE;
    }
  return TRUE;
}

/* The fields of an item or the columns of a table. */
static gboolean
validate_item_fields (UppTemplate  *self,
                      UppQuestion  *question,
                      GPtrArray    *fields,
                      gboolean      are_columns,
                      GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  const char *key = upp_question_get_key (question);

  for (guint i = 0; i < fields->len; i++)
    {
      UppItemField *field = g_ptr_array_index (fields, i);
      g_autofree char *owner = NULL;

      owner = are_columns ? g_strdup_printf (_("column %u of question “%s”"), i + 1, key)
                          : g_strdup_printf (_("field %u of question “%s”"), i + 1, key);
      if (!upp_template_key_is_valid (field->key))
        return set_invalid_key_error (error, owner, field->key);
      if (upp_str_is_blank (field->label))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       are_columns ? _("Column “%s” of question “%s” needs a label.")
                                   : _("Field “%s” of question “%s” needs a label."),
                       field->key, key);
          return FALSE;
        }
      if (!g_hash_table_add (keys, field->key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       are_columns ? _("Question “%s” has two columns with the key “%s”.")
                                   : _("Question “%s” has two fields with the key “%s”."),
                       key, field->key);
          return FALSE;
        }
      if (field->choice_set != NULL && upp_template_find_choice_set (self, field->choice_set)
                                       == NULL)
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Field “%s” of question “%s” uses the choice set “%s”, which the "
                         "template does not have."), field->key, key, field->choice_set);
          return FALSE;
        }
      if (field->kind == UPP_FIELD_KIND_CHOICE)
        {
          g_autofree char *field_owner = g_strdup_printf (_("Field “%s” of question “%s”"),
                                                          field->key, key);

          if (!validate_choice_list (field->choices, field_owner, error))
            return FALSE;
        }
      else if (field->choices->len > 0 || field->choice_set != NULL)
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                       _("Field “%s” of question “%s” has choices but is of kind “%s”; only "
                         "a field of kind choice has choices."),
                       field->key, key, upp_field_kind_to_key (field->kind));
          return FALSE;
        }
    }
  return TRUE;
}

/* What template format 2 adds to a question: its section, choice set, fields, columns. */
static gboolean
validate_question_parts (UppTemplate  *self,
                         UppQuestion  *question,
                         GError      **error)
{
  const char *key = upp_question_get_key (question);
  const char *section = upp_question_get_section (question);
  const char *choice_set = upp_question_get_choice_set (question);
  UppQuestionKind kind = upp_question_get_kind (question);
  gboolean is_table = kind == UPP_QUESTION_KIND_TABLE;

  if (section[0] != '\0' && upp_template_find_section (self, section) == NULL)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("Question “%s” is in the section “%s”, which the template does not have."),
                   key, section);
      return FALSE;
    }
  if (choice_set != NULL && upp_template_find_choice_set (self, choice_set) == NULL)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("Question “%s” uses the choice set “%s”, which the template does not "
                     "have."), key, choice_set);
      return FALSE;
    }
  if (choice_set != NULL && !upp_question_kind_has_choices (kind))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("Question “%s” uses a choice set but is of kind “%s”, which has no "
                     "choices."), key, upp_question_kind_to_key (kind));
      return FALSE;
    }
  if (is_table && upp_question_get_columns (question)->len == 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("Question “%s” is a table but has no columns."), key);
      return FALSE;
    }
  if (!is_table && upp_question_get_columns (question)->len > 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("Question “%s” has columns but is of kind “%s”; only a table has "
                     "columns."), key, upp_question_kind_to_key (kind));
      return FALSE;
    }
  /* A table's "QUESTION:X" answers are its rows, so it cannot also have fields. */
  if (is_table && upp_question_get_fields (question)->len > 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("Question “%s” is a table and cannot have fields; give it columns."), key);
      return FALSE;
    }
  if (is_table && upp_question_get_choices (question)->len > 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT,
                   _("Question “%s” is a table and cannot have choices."), key);
      return FALSE;
    }
  return validate_item_fields (self, question, upp_question_get_fields (question), FALSE,
                               error) &&
         validate_item_fields (self, question, upp_question_get_columns (question), TRUE, error);
}

gboolean
upp_template_validate (UppTemplate  *self,
                       GError      **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), FALSE);

  if (self->key == NULL || upp_str_is_blank (self->key))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template needs a key."));
      return FALSE;
    }
  if (upp_str_is_blank (self->title))
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template needs a title."));
      return FALSE;
    }
  if (!upp_template_key_is_valid (self->key))
    {
      g_autofree char *shown = dup_shown_key (self->key);

      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY,
                   _("The template key “%s” may only contain letters a–z, digits, “-”, “_” "
                     "and “.”."), shown);
      return FALSE;
    }
  if (self->questions->len == 0)
    {
      g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                   _("The template “%s” has no questions."), self->title);
      return FALSE;
    }
  if (!validate_sections_and_sets (self, error))
    return FALSE;

  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      const char *key = upp_question_get_key (question);
      GPtrArray *choices = upp_question_get_choices (question);

      if (upp_str_is_blank (key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Question %u needs a key."), i + 1);
          return FALSE;
        }
      if (upp_str_is_blank (upp_question_get_text (question)))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Question “%s” needs a text."), key);
          return FALSE;
        }
      if (!upp_template_key_is_valid (key))
        {
          g_autofree char *shown = dup_shown_key (key);

          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY,
                       _("The key “%s” of question %u may only contain letters a–z, digits, "
                         "“-”, “_” and “.”."), shown, i + 1);
          return FALSE;
        }
      if (!g_hash_table_add (keys, (gpointer) key))
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_DUPLICATE_KEY,
                       _("Two questions have the key “%s”; each question needs its own."), key);
          return FALSE;
        }
      if (!validate_question_parts (self, question, error))
        return FALSE;
      if (upp_question_kind_has_choices (upp_question_get_kind (question)) && choices->len == 0)
        {
          g_set_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_MISSING_FIELD,
                       _("Question “%s” is a choice question but has no choices."), key);
          return FALSE;
        }
      if (choices->len > 0)
        {
          g_autofree char *owner = g_strdup_printf (_("Question “%s”"), key);

          if (!validate_choice_list (choices, owner, error))
            return FALSE;
        }
      for (guint j = 0; j < choices->len; j++)
        {
          const UppChoice *choice = g_ptr_array_index (choices, j);

          for (guint k = 0; choice->match != NULL && choice->match[k] != NULL; k++)
            {
              g_autoptr(GRegex) regex = NULL;
              g_autoptr(GError) regex_error = NULL;

              regex = upp_choice_compile_phrase (choice->match[k], &regex_error);
              if (regex == NULL)
                {
                  set_match_error (error, self->title, key, choice->key, choice->match[k],
                                   regex_error->message);
                  return FALSE;
                }
            }
        }
    }
  return TRUE;
}

const char *
upp_template_get_uuid (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  return self->uuid;
}

void
upp_template_set_uuid (UppTemplate *self,
                       const char  *uuid)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  upp_set_str (&self->uuid, uuid);
}

const char *
upp_template_get_key (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  return self->key;
}

int
upp_template_get_version (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  return self->version;
}

void
upp_template_set_version (UppTemplate *self,
                          int          version)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  if (self->version == version)
    return;
  self->version = version;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
}

const char *
upp_template_get_title (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  return self->title;
}

void
upp_template_set_title (UppTemplate *self,
                        const char  *title)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  if (upp_set_str (&self->title, title ? title : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
upp_template_get_description (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  return self->description;
}

void
upp_template_set_description (UppTemplate *self,
                              const char  *description)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  upp_set_str (&self->description, description ? description : "");
}

gint64
upp_template_get_id (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  return self->id;
}

void
upp_template_set_id (UppTemplate *self,
                     gint64       id)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  self->id = id;
}

guint
upp_template_get_n_questions (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  return self->questions->len;
}

UppQuestion *
upp_template_get_question (UppTemplate *self,
                           guint        position)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (position < self->questions->len, NULL);
  return g_ptr_array_index (self->questions, position);
}

UppQuestion *
upp_template_find_question (UppTemplate *self,
                            const char  *key)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      if (g_strcmp0 (upp_question_get_key (question), key) == 0)
        return question;
    }
  return NULL;
}

void
upp_template_add_question (UppTemplate *self,
                           UppQuestion *question)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  g_return_if_fail (UPP_IS_QUESTION (question));
  g_ptr_array_add (self->questions, g_object_ref (question));
}

void
upp_template_remove_question (UppTemplate *self,
                              guint        position)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  g_return_if_fail (position < self->questions->len);
  g_ptr_array_remove_index (self->questions, position);
}

guint
upp_template_get_n_sections (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  return self->sections->len;
}

const UppSection *
upp_template_get_section (UppTemplate *self,
                          guint        position)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (position < self->sections->len, NULL);
  return g_ptr_array_index (self->sections, position);
}

const UppSection *
upp_template_find_section (UppTemplate *self,
                           const char  *key)
{
  guint position;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  position = section_position (self, key);
  return position == G_MAXUINT ? NULL : g_ptr_array_index (self->sections, position);
}

char *
upp_template_dup_section_heading (UppTemplate *self,
                                  const char  *key)
{
  guint position;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);

  position = section_position (self, key);
  if (position == G_MAXUINT)
    return NULL;
  /* Translators: a part of a template as a heading: its number and title, "1 Avtal/ök". */
  return g_strdup_printf (_("%u %s"), position + 1,
                          ((UppSection *) g_ptr_array_index (self->sections, position))->title);
}

void
upp_template_add_section (UppTemplate *self,
                          const char  *key,
                          const char  *title,
                          const char  *intro)
{
  UppSection *section;

  g_return_if_fail (UPP_IS_TEMPLATE (self));
  section = g_new0 (UppSection, 1);
  section->key = g_strdup (key ? key : "");
  section->title = g_strdup (title ? title : "");
  section->intro = g_strdup (intro ? intro : "");
  g_ptr_array_add (self->sections, section);
}

void
upp_template_number_sections (UppTemplate *self)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  number_sections (self, NULL);
}

guint
upp_template_get_n_choice_sets (UppTemplate *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  return self->choice_sets->len;
}

const char *
upp_template_get_choice_set_key (UppTemplate *self,
                                 guint        position)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  g_return_val_if_fail (position < self->choice_sets->len, NULL);
  return ((ChoiceSet *) g_ptr_array_index (self->choice_sets, position))->key;
}

GPtrArray *
upp_template_find_choice_set (UppTemplate *self,
                              const char  *key)
{
  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  for (guint i = 0; i < self->choice_sets->len; i++)
    {
      ChoiceSet *set = g_ptr_array_index (self->choice_sets, i);

      if (g_strcmp0 (set->key, key) == 0)
        return set->choices;
    }
  return NULL;
}

GPtrArray *
upp_template_add_choice_set (UppTemplate *self,
                             const char  *key)
{
  GPtrArray *choices;
  ChoiceSet *set;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), NULL);
  choices = upp_template_find_choice_set (self, key);
  if (choices != NULL)
    {
      g_ptr_array_set_size (choices, 0);
      return choices;
    }
  set = g_new0 (ChoiceSet, 1);
  set->key = g_strdup (key);
  set->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) upp_choice_free);
  g_ptr_array_add (self->choice_sets, set);
  return set->choices;
}

static void
copy_choices (GPtrArray *from,
              GPtrArray *into)
{
  g_ptr_array_set_size (into, 0);
  for (guint i = 0; i < from->len; i++)
    g_ptr_array_add (into, upp_choice_copy (g_ptr_array_index (from, i)));
}

void
upp_template_apply_choice_sets (UppTemplate *self)
{
  g_return_if_fail (UPP_IS_TEMPLATE (self));
  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      GPtrArray *fields = upp_question_get_fields (question);
      GPtrArray *set = upp_template_find_choice_set (self, upp_question_get_choice_set (question));

      if (upp_question_get_choice_set (question) != NULL && set != NULL)
        copy_choices (set, upp_question_get_choices (question));
      for (guint j = 0; j < fields->len; j++)
        {
          UppItemField *field = g_ptr_array_index (fields, j);

          set = upp_template_find_choice_set (self, field->choice_set);
          if (field->choice_set != NULL && set != NULL)
            copy_choices (set, field->choices);
        }
    }
}

static UppTemplate *
find_version (GPtrArray  *versions,
              const char *key,
              int         version)
{
  for (guint i = 0; versions != NULL && i < versions->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (versions, i);

      if (template->version == version && g_strcmp0 (template->key, key) == 0)
        return template;
    }
  return NULL;
}

static void
add_key_once (GPtrArray  *keys,
              const char *key)
{
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup (key));
}

/* From a newer version back to an older one, one version at a time: each version tells where
 * its questions came from in the one before. A version missing from versions maps by key. */
static GPtrArray *
map_back (UppTemplate *newer,
          UppTemplate *older,
          GPtrArray   *versions,
          const char  *key)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (keys, g_strdup (key));
  for (int version = newer->version; version > older->version && keys->len > 0; version--)
    {
      UppTemplate *template = version == newer->version ? newer
                              : find_version (versions, newer->key, version);
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < keys->len; i++)
        {
          const char *each = g_ptr_array_index (keys, i);
          UppQuestion *question = template != NULL ? upp_template_find_question (template, each)
                                  : NULL;
          const char * const *from = question != NULL ? upp_question_get_from (question) : NULL;

          if (template != NULL && question == NULL)
            continue;
          if (from == NULL)
            add_key_once (before, each);
          for (guint j = 0; from != NULL && from[j] != NULL; j++)
            add_key_once (before, from[j]);
        }
      g_ptr_array_unref (keys);
      keys = g_steal_pointer (&before);
    }

  for (guint i = 0; i < keys->len; i++)
    if (upp_template_find_question (older, g_ptr_array_index (keys, i)) != NULL)
      g_ptr_array_add (found, g_strdup (g_ptr_array_index (keys, i)));
  return found;
}

char **
upp_template_map_question_key (UppTemplate *from_template,
                               UppTemplate *to_template,
                               GPtrArray   *versions,
                               const char  *key)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  g_return_val_if_fail (UPP_IS_TEMPLATE (from_template), NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (to_template), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (g_strcmp0 (from_template->key, to_template->key) != 0 ||
      from_template->version == to_template->version)
    {
      if (upp_template_find_question (to_template, key) != NULL)
        g_strv_builder_add (keys, key);
    }
  else if (from_template->version > to_template->version)
    {
      g_autoptr(GPtrArray) found = map_back (from_template, to_template, versions, key);

      for (guint i = 0; i < found->len; i++)
        g_strv_builder_add (keys, g_ptr_array_index (found, i));
    }
  else
    {
      /* Forward: the newer questions whose way back leads to this one. */
      for (guint q = 0; q < to_template->questions->len; q++)
        {
          const char *newer_key = upp_question_get_key (g_ptr_array_index (to_template->questions,
                                                                           q));
          g_autoptr(GPtrArray) found = map_back (to_template, from_template, versions,
                                                 newer_key);

          if (g_ptr_array_find_with_equal_func (found, key, g_str_equal, NULL))
            g_strv_builder_add (keys, newer_key);
        }
    }
  return g_strv_builder_end (keys);
}

/* The words of a text, case folded, for comparing two wordings of a question. */
static GHashTable *
dup_words (const char *text)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_hash_table_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  return words;
}

/* How alike two wordings are: the share of words they have in common (Dice), 0 to 1. */
static double
text_likeness (const char *text,
               const char *other)
{
  g_autoptr(GHashTable) words = dup_words (text);
  g_autoptr(GHashTable) other_words = dup_words (other);
  GHashTableIter iter;
  gpointer word;
  guint shared = 0;
  guint total = g_hash_table_size (words) + g_hash_table_size (other_words);

  if (total == 0)
    return 0;
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (g_hash_table_contains (other_words, word))
      shared++;
  return 2.0 * shared / total;
}

guint
upp_template_propose_mapping (UppTemplate *self,
                              UppTemplate *previous)
{
  guint n_proposed = 0;

  g_return_val_if_fail (UPP_IS_TEMPLATE (self), 0);
  g_return_val_if_fail (UPP_IS_TEMPLATE (previous), 0);

  for (guint i = 0; i < self->questions->len; i++)
    {
      UppQuestion *question = g_ptr_array_index (self->questions, i);
      UppQuestion *closest = NULL;
      double best = 0.5;  /* at least half the words in common */

      if (upp_question_get_from (question) != NULL ||
          upp_template_find_question (previous, upp_question_get_key (question)) != NULL)
        continue;
      for (guint j = 0; j < previous->questions->len; j++)
        {
          UppQuestion *old = g_ptr_array_index (previous->questions, j);
          double likeness;

          /* A question still asked under its key is not where another came from. */
          if (upp_template_find_question (self, upp_question_get_key (old)) != NULL)
            continue;
          likeness = text_likeness (upp_question_get_text (question), upp_question_get_text (old));
          if (likeness >= best)
            {
              best = likeness;
              closest = old;
            }
        }
      if (closest != NULL)
        {
          const char *from[] = { upp_question_get_key (closest), NULL };

          upp_question_set_from (question, from);
        }
      else
        {
          const char *from[] = { NULL };

          upp_question_set_from (question, from);
        }
      n_proposed++;
    }
  return n_proposed;
}

/* test-template.c: survey templates from JSON: the built-in LÖK template, validation
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "upp-question.h"
#include "upp-template.h"

static void
test_builtin_lok (void)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();
  const char *keys[] = { "agreement", "structure", "good_examples", "challenges", "deviations",
                         "other" };
  const char *labels[] = { "LÖK-status", "Struktur", "Goda exempel", "Utmaningar", "Avvikelser",
                           "Övrigt" };

  g_assert_cmpstr (upp_template_get_key (template), ==, "lok");
  g_assert_cmpuint (upp_template_get_n_questions (template), ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      g_assert_cmpstr (upp_question_get_key (question), ==, keys[i]);
      g_assert_cmpstr (upp_question_get_short_label (question), ==, labels[i]);
    }
  g_assert_cmpstr (upp_question_get_text (upp_template_get_question (template, 5)), ==,
                   "Övrigt ni önskar dela med er av?");
  g_assert_true (upp_question_is_coded (upp_template_find_question (template, "agreement")));
  g_assert_true (upp_question_is_coded (upp_template_find_question (template, "structure")));
  g_assert_true (upp_question_is_coded (upp_template_find_question (template, "deviations")));
  g_assert_false (upp_question_is_coded (upp_template_find_question (template, "other")));
  g_assert_cmpint (upp_question_get_kind (upp_template_find_question (template, "structure")),
                   ==, UPP_QUESTION_KIND_MULTIPLE_CHOICE);
}

static void
test_json_round_trip (void)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();
  g_autoptr(UppTemplate) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = upp_template_to_json (template);
  g_autofree char *json_again = NULL;

  again = upp_template_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  json_again = upp_template_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpstr (upp_template_get_uuid (template), ==, upp_template_get_uuid (again));
}

static void
test_any_number_of_questions (void)
{
  const char *json =
    "{\"key\": \"checklist\", \"title\": \"Checklista\", \"questions\": ["
    " {\"key\": \"a\", \"number\": \"1.1\", \"text\": \"Finns rutin?\", \"kind\": \"yes_no\"},"
    " {\"key\": \"b\", \"number\": 2, \"text\": \"Antal SIP\", \"kind\": \"number\"},"
    " {\"key\": \"c\", \"text\": \"Ansvarig\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_json (json, -1, &error);
  UppQuestion *yes_no;

  g_assert_no_error (error);
  g_assert_cmpuint (upp_template_get_n_questions (template), ==, 3);
  yes_no = upp_template_get_question (template, 0);
  g_assert_cmpstr (upp_question_get_number (yes_no), ==, "1.1");
  g_assert_cmpuint (upp_question_get_choices (yes_no)->len, ==, 2);
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (template, 1)), ==, "2");
  g_assert_cmpstr (upp_question_get_number (upp_template_get_question (template, 2)), ==, "3");
  g_assert_cmpint (upp_question_get_kind (upp_template_get_question (template, 2)), ==,
                   UPP_QUESTION_KIND_TEXT);
}

typedef struct
{
  const char *json;
  int         code;
  const char *message_part;
} BadTemplate;

static void
test_bad_templates (void)
{
  const BadTemplate cases[] = {
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": [", UPP_TEMPLATE_ERROR_INVALID_JSON,
      "not valid JSON" },
    { "", UPP_TEMPLATE_ERROR_INVALID_JSON, NULL },
    { "[1, 2]", UPP_TEMPLATE_ERROR_WRONG_FORMAT, NULL },
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": [{\"key\": \"q\", \"text\": \"Q?\", "
      "\"kind\": \"essay\"}]}", UPP_TEMPLATE_ERROR_UNKNOWN_KIND, "essay" },
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": [{\"key\": \"q\", \"text\": \"A\"}, "
      "{\"key\": \"q\", \"text\": \"B\"}]}", UPP_TEMPLATE_ERROR_DUPLICATE_KEY, "“q”" },
    { "{\"title\": \"X\", \"questions\": []}", UPP_TEMPLATE_ERROR_MISSING_FIELD, "key" },
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": []}", UPP_TEMPLATE_ERROR_MISSING_FIELD,
      "no questions" },
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": [{\"key\": \"q\", \"text\": \"Q\", "
      "\"kind\": \"single_choice\"}]}", UPP_TEMPLATE_ERROR_MISSING_FIELD, "no choices" },
    { "{\"format\": \"uppfoljning-exchange\", \"key\": \"x\"}", UPP_TEMPLATE_ERROR_WRONG_FORMAT,
      NULL },
    { "{\"key\": \"x\", \"title\": \"X\", \"questions\": [{\"key\": \"q\", \"text\": \"\\u00e5\", "
      "\"kind\": \"single_choice\", \"choices\": [{\"key\": \"a\"}]}]}",
      UPP_TEMPLATE_ERROR_MISSING_FIELD, "label" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(UppTemplate) template = upp_template_new_from_json (cases[i].json, -1, &error);

      g_assert_null (template);
      g_assert_error (error, UPP_TEMPLATE_ERROR, cases[i].code);
      if (cases[i].message_part != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_json ("{\"key\": \"\xff\"}", -1, &error);

  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_JSON);
}

static void
test_file_error_names_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/template.json");
  g_autoptr(UppTemplate) template = upp_template_new_from_file (file, &error);

  g_assert_null (template);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "template.json"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/builtin-lok", test_builtin_lok);
  g_test_add_func ("/template/json-round-trip", test_json_round_trip);
  g_test_add_func ("/template/any-number-of-questions", test_any_number_of_questions);
  g_test_add_func ("/template/bad-templates", test_bad_templates);
  g_test_add_func ("/template/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/template/file-error-names-file", test_file_error_names_file);
  return g_test_run ();
}

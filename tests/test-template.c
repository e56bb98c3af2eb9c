/* test-template.c: survey templates from JSON: the built-in LÖK template, validation
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test-util.h"
#include "upp-answer.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-template.h"
#include "upp-unit.h"

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

/* Match phrases are read, written back and kept through a second reading. */
static void
test_match_phrases (void)
{
  const char *json =
    "{\"key\": \"m\", \"title\": \"Matchning\", \"questions\": ["
    " {\"key\": \"status\", \"text\": \"Klart?\", \"kind\": \"single_choice\","
    "  \"choices\": [{\"key\": \"done\", \"label\": \"Klar\","
    "                 \"match\": [\"klar.*underteckn\", \"^ja\\\\b\"]},"
    "                {\"key\": \"no\", \"label\": \"Nej\"}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_json (json, -1, &error);
  g_autoptr(UppTemplate) again = NULL;
  g_autofree char *written = NULL;
  const UppChoice *done;
  const UppChoice *no;

  g_assert_no_error (error);
  done = upp_question_find_choice (upp_template_get_question (template, 0), "done");
  no = upp_question_find_choice (upp_template_get_question (template, 0), "no");
  g_assert_cmpstrv (done->match, ((const char *[]) { "klar.*underteckn", "^ja\\b", NULL }));
  g_assert_null (no->match);

  written = upp_template_to_json (template);
  again = upp_template_new_from_json (written, -1, &error);
  g_assert_no_error (error);
  done = upp_question_find_choice (upp_template_get_question (again, 0), "done");
  g_assert_cmpstrv (done->match, ((const char *[]) { "klar.*underteckn", "^ja\\b", NULL }));
}

/* A pattern that does not compile is refused with the template, question and choice named. */
static void
test_bad_match_phrase (void)
{
  const char *json =
    "{\"key\": \"m\", \"title\": \"Matchning\", \"questions\": ["
    " {\"key\": \"status\", \"text\": \"Klart?\", \"kind\": \"single_choice\","
    "  \"choices\": [{\"key\": \"done\", \"label\": \"Klar\", \"match\": [\"klar(\"]}]}]}";
  const char *not_list =
    "{\"key\": \"m\", \"title\": \"Matchning\", \"questions\": ["
    " {\"key\": \"status\", \"text\": \"Klart?\", \"kind\": \"single_choice\","
    "  \"choices\": [{\"key\": \"done\", \"label\": \"Klar\", \"match\": [1]}]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_json (json, -1, &error);

  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_MATCH);
  g_assert_nonnull (strstr (error->message, "“Matchning”"));
  g_assert_nonnull (strstr (error->message, "“status”"));
  g_assert_nonnull (strstr (error->message, "“done”"));
  g_assert_nonnull (strstr (error->message, "“klar(”"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  template = upp_template_new_from_json (not_list, -1, &error);
  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT);
  g_assert_nonnull (strstr (error->message, "“done”"));
}

/* Every coded question of the built-in template has phrases, and they all compile. */
static void
test_builtin_lok_phrases (void)
{
  g_autoptr(UppTemplate) template = upp_template_new_builtin_lok ();
  const char *coded[] = { "agreement", "structure", "deviations" };

  g_assert_true (upp_template_validate (template, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    {
      GPtrArray *choices = upp_question_get_choices (upp_template_find_question (template,
                                                                                 coded[i]));

      for (guint j = 0; j < choices->len; j++)
        {
          const UppChoice *choice = g_ptr_array_index (choices, j);

          g_assert_nonnull (choice->match);
          g_assert_nonnull (choice->match[0]);
        }
    }
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

/* The key rule the template editor applies holds for a template built in code too. */
static void
test_validate_keys (void)
{
  const char *template_keys[] = { "lok", "lok 2027", "lok", "lok" };
  const char *question_keys[] = { "q1", "q1", "fråga", "q1" };
  const char *choice_keys[] = { "yes", "yes", "yes", "ja!" };
  const char *message_parts[] = { NULL, "“lok 2027”", "question 1", "“ja!”" };

  for (guint i = 0; i < G_N_ELEMENTS (template_keys); i++)
    {
      g_autoptr(UppTemplate) template = upp_template_new (template_keys[i], "Kontroll");
      g_autoptr(UppQuestion) question = upp_question_new (question_keys[i], "1", "Finns rutin?",
                                                          "Rutin",
                                                          UPP_QUESTION_KIND_SINGLE_CHOICE);
      g_autoptr(GError) error = NULL;

      upp_question_add_choice (question, choice_keys[i], "Ja");
      upp_template_add_question (template, question);
      if (message_parts[i] == NULL)
        {
          g_assert_true (upp_template_validate (template, &error));
          g_assert_no_error (error);
          continue;
        }
      g_assert_false (upp_template_validate (template, &error));
      g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_INVALID_KEY);
      g_assert_nonnull (strstr (error->message, message_parts[i]));
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

/* ---- bad files: refused with one line that names the file and the problem ------------------ */

typedef struct
{
  const char *file;
  int         code;
  const char *words;
} BadFile;

static const BadFile bad_files[] = {
  { "version-too-large.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“version”" },
  { "version-string.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“version”" },
  { "version-negative.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“version”" },
  { "version-fraction.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“version”" },
  { "version-zero.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“version”" },
  { "uuid-invalid.json", UPP_TEMPLATE_ERROR_WRONG_FORMAT, "“uuid”" },
  { "key-space.json", UPP_TEMPLATE_ERROR_INVALID_KEY, "“check list”" },
  { "question-key-newline.json", UPP_TEMPLATE_ERROR_INVALID_KEY, "“oth\\ner”" },
  { "choice-key-newline.json", UPP_TEMPLATE_ERROR_INVALID_KEY, "“do\\nne”" },
  { "lone-surrogate.json", UPP_TEMPLATE_ERROR_INVALID_JSON, "surrogate \\ud800" },
  { "nul-escape.json", UPP_TEMPLATE_ERROR_INVALID_JSON, "\\u0000" },
  { "trailing-garbage.json", UPP_TEMPLATE_ERROR_INVALID_JSON, "after the end" },
};

static void
check_refused_file (const char *path,
                    int         code,
                    const char *words)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_file (file, &error);

  g_test_message ("%s: %s", path, error ? error->message : "(no error)");
  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_bad_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_build_filename ("template", bad_files[i].file, NULL);
      g_autofree char *path = test_fixture_path (name);

      check_refused_file (path, bad_files[i].code, bad_files[i].words);
    }
}

/* The files the bad ones are made from read, so each refusal is for its one fault; a byte
 * order mark, as editors on Windows write, is no fault. */
static void
test_valid_files (void)
{
  const char *names[] = { "template/valid.json", "template/valid-bom.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = test_fixture_path (names[i]);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(UppTemplate) template = upp_template_new_from_file (file, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (upp_template_get_key (template), ==, "checklist");
      g_assert_cmpint (upp_template_get_version (template), ==, 2);
      g_assert_cmpuint (upp_template_get_n_questions (template), ==, 3);
    }
}

/* json-glib parses recursively: 100 000 levels overflowed the stack (exit 139). */
static void
test_deep_nesting (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "deep.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"key\": \"x\", \"title\": \"X\", \"questions\": ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "[{\"a\": ");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  check_refused_file (path, UPP_TEMPLATE_ERROR_INVALID_JSON, "nested more than 32");
  for (guint i = 0; i < 100000; i++)
    g_string_append (json, "1}]");
  g_string_append (json, "}");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  check_refused_file (path, UPP_TEMPLATE_ERROR_INVALID_JSON, "nested more than 32");
  test_remove_tree (dir);

  /* The limit is 32 levels: a template nested that deep is read. */
  {
    g_autofree char *at_limit = test_fixture_path ("template-fuzz/nesting-at-limit.json");
    g_autofree char *over_limit = test_fixture_path ("template-fuzz/nesting-over-limit.json");
    g_autoptr(GFile) file = g_file_new_for_path (at_limit);
    g_autoptr(UppTemplate) template = upp_template_new_from_file (file, &error);

    g_assert_no_error (error);
    g_assert_nonnull (template);
    check_refused_file (over_limit, UPP_TEMPLATE_ERROR_INVALID_JSON, "nested more than 32");
  }
}

static void
test_huge_file (void)
{
  g_autofree char *dir = test_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  FILE *file = fopen (path, "w");

  /* Sparse: refused by its size, unread. */
  g_assert_nonnull (file);
  fputs ("{\"key\": \"x\", ", file);
  g_assert_cmpint (ftruncate (fileno (file), UPP_TEMPLATE_MAX_SIZE + 1), ==, 0);
  fclose (file);
  check_refused_file (path, UPP_TEMPLATE_ERROR_TOO_LARGE, "too large");
  test_remove_tree (dir);
}

/* Inputs that once crashed or misbehaved in the fuzzer (build-aux/fuzz): each must be read
 * or refused with one line naming the file, never crash. */
static void
test_fuzz_regressions (void)
{
  g_autofree char *folder = test_fixture_path ("template-fuzz");
  g_autoptr(GDir) inputs = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (inputs != NULL && (name = g_dir_read_name (inputs)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(UppTemplate) template = upp_template_new_from_file (file, &error);

      g_assert_true ((template == NULL) != (error == NULL));
      if (error != NULL)
        {
          g_test_message ("%s: %s", name, error->message);
          g_assert_nonnull (strstr (error->message, path));
          g_assert_null (strchr (error->message, '\n'));
        }
      n++;
    }
  g_test_message ("%u fuzzer inputs", n);
}

/* Three versions of one template: v2 renames q2 and splits q6 in two, v3 merges the two
 * halves of q6 again and adds a new question. */
#define MAPPED_V1 \
  "{\"key\": \"f\", \"version\": 1, \"title\": \"F\", \"questions\": [" \
  " {\"key\": \"q1\", \"text\": \"Ett\"}, {\"key\": \"q2\", \"text\": \"Två\"}," \
  " {\"key\": \"q6\", \"text\": \"Sex\"}]}"
#define MAPPED_V2 \
  "{\"key\": \"f\", \"version\": 2, \"title\": \"F\", \"questions\": [" \
  " {\"key\": \"q1\", \"text\": \"Ett\"}," \
  " {\"key\": \"q2_new\", \"text\": \"Två, omformulerad\", \"from\": [\"q2\"]}," \
  " {\"key\": \"q6a\", \"text\": \"Sex a\", \"from\": [\"q6\"]}," \
  " {\"key\": \"q6b\", \"text\": \"Sex b\", \"from\": [\"q6\"]}]}"
#define MAPPED_V3 \
  "{\"key\": \"f\", \"version\": 3, \"title\": \"F\", \"questions\": [" \
  " {\"key\": \"q1\", \"text\": \"Ett\"}," \
  " {\"key\": \"q2_new\", \"text\": \"Två, omformulerad\"}," \
  " {\"key\": \"q6\", \"text\": \"Sex igen\", \"from\": [\"q6a\", \"q6b\"]}," \
  " {\"key\": \"q7\", \"text\": \"Sju\", \"from\": []}]}"

static UppTemplate *
template_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  UppTemplate *template = upp_template_new_from_json (json, -1, &error);

  g_assert_no_error (error);
  return template;
}

static void
assert_mapped (UppTemplate        *from,
               UppTemplate        *to,
               GPtrArray          *versions,
               const char         *key,
               const char * const *expected)
{
  g_auto(GStrv) keys = upp_template_map_question_key (from, to, versions, key);

  g_assert_cmpstrv (keys, expected);
}

static void
test_question_mapping (void)
{
  g_autoptr(UppTemplate) v1 = template_from_json (MAPPED_V1);
  g_autoptr(UppTemplate) v2 = template_from_json (MAPPED_V2);
  g_autoptr(UppTemplate) v3 = template_from_json (MAPPED_V3);
  g_autoptr(GPtrArray) versions = g_ptr_array_new ();
  g_autoptr(UppTemplate) again = NULL;
  g_autofree char *json = NULL;

  /* Older JSON without "from" maps by key; "[]" is a new question. */
  g_assert_null (upp_question_get_from (upp_template_find_question (v1, "q2")));
  g_assert_null (upp_question_get_from (upp_template_find_question (v2, "q1")));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (v2, "q6b")),
                    ((const char *[]) { "q6", NULL }));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (v3, "q7")),
                    ((const char *[]) { NULL }));

  /* Written and read back as it was. */
  json = upp_template_to_json (v3);
  again = template_from_json (json);
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (again, "q6")),
                    ((const char *[]) { "q6a", "q6b", NULL }));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (again, "q7")),
                    ((const char *[]) { NULL }));
  g_assert_null (upp_question_get_from (upp_template_find_question (again, "q1")));

  g_ptr_array_add (versions, v3);
  g_ptr_array_add (versions, v1);
  g_ptr_array_add (versions, v2);

  /* One version back: renamed, split, same key. */
  assert_mapped (v2, v1, versions, "q2_new", (const char *[]) { "q2", NULL });
  assert_mapped (v2, v1, versions, "q6a", (const char *[]) { "q6", NULL });
  assert_mapped (v2, v1, versions, "q1", (const char *[]) { "q1", NULL });
  /* Through v2 to v1: the merge of a split is the question it was split from. */
  assert_mapped (v3, v1, versions, "q2_new", (const char *[]) { "q2", NULL });
  assert_mapped (v3, v1, versions, "q6", (const char *[]) { "q6", NULL });
  assert_mapped (v3, v2, versions, "q6", (const char *[]) { "q6a", "q6b", NULL });
  assert_mapped (v3, v1, versions, "q7", (const char *[]) { NULL });
  /* Forward: the questions of the newer version that came from this one. */
  assert_mapped (v1, v2, versions, "q6", (const char *[]) { "q6a", "q6b", NULL });
  assert_mapped (v1, v3, versions, "q2", (const char *[]) { "q2_new", NULL });
  assert_mapped (v2, v3, versions, "q6b", (const char *[]) { "q6", NULL });
  /* The same version, and a version missing from the list maps by key. */
  assert_mapped (v2, v2, versions, "q6a", (const char *[]) { "q6a", NULL });
  g_ptr_array_remove (versions, v2);
  assert_mapped (v3, v1, versions, "q1", (const char *[]) { "q1", NULL });
}

/* The answer of an older round to what a newer version asks: the split question's answer
 * beside each half, the merged halves joined. */
static void
test_mapped_answer (void)
{
  g_autoptr(UppTemplate) v1 = template_from_json (MAPPED_V1);
  g_autoptr(UppTemplate) v2 = template_from_json (MAPPED_V2);
  g_autoptr(UppTemplate) v3 = template_from_json (MAPPED_V3);
  g_autoptr(GPtrArray) versions = g_ptr_array_new ();
  g_autoptr(UppUnit) falun = upp_unit_new ("Falun", "20", UPP_UNIT_KIND_MUNICIPALITY);
  g_autoptr(UppResponse) old = upp_response_new (falun);
  g_autoptr(UppResponse) middle = upp_response_new (falun);
  g_autoptr(UppAnswer) renamed = NULL;
  g_autoptr(UppAnswer) split = NULL;
  g_autoptr(UppAnswer) merged = NULL;
  g_autoptr(UppAnswer) none = NULL;
  UppAnswer *answer;

  g_ptr_array_add (versions, v1);
  g_ptr_array_add (versions, v2);
  g_ptr_array_add (versions, v3);

  answer = upp_answer_new ("q2");
  upp_answer_set_text (answer, "Förra årets svar på två");
  upp_response_take_answer (old, answer);
  answer = upp_answer_new ("q6");
  upp_answer_set_text (answer, "Sex i ett");
  upp_response_take_answer (old, answer);
  answer = upp_answer_new ("q6a");
  upp_answer_set_text (answer, "Första halvan");
  upp_response_take_answer (middle, answer);
  answer = upp_answer_new ("q6b");
  upp_answer_set_text (answer, "Andra halvan");
  upp_response_take_answer (middle, answer);

  renamed = upp_response_dup_mapped_answer (old, v1, v2, versions, "q2_new");
  g_assert_cmpstr (upp_answer_get_text (renamed), ==, "Förra årets svar på två");
  split = upp_response_dup_mapped_answer (old, v1, v2, versions, "q6b");
  g_assert_cmpstr (upp_answer_get_text (split), ==, "Sex i ett");
  merged = upp_response_dup_mapped_answer (middle, v2, v3, versions, "q6");
  g_assert_cmpstr (upp_answer_get_text (merged), ==, "Första halvan\n\nAndra halvan");
  none = upp_response_dup_mapped_answer (middle, v2, v3, versions, "q7");
  g_assert_null (none);
  /* The old answers stay as they were. */
  g_assert_cmpstr (upp_answer_get_text (upp_response_get_answer (old, "q6")), ==, "Sex i ett");
}

/* A "from" that is not a list of keys is refused with a line naming the question. */
static void
test_bad_question_mapping (void)
{
  const char *json =
    "{\"key\": \"f\", \"title\": \"F\", \"questions\": ["
    " {\"key\": \"q1\", \"text\": \"Ett\", \"from\": \"q0\"}]}";
  const char *bad_key =
    "{\"key\": \"f\", \"title\": \"F\", \"questions\": ["
    " {\"key\": \"q1\", \"text\": \"Ett\", \"from\": [\"a b\"]}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) key_error = NULL;
  g_autoptr(UppTemplate) template = upp_template_new_from_json (json, -1, &error);
  g_autoptr(UppTemplate) with_bad_key = upp_template_new_from_json (bad_key, -1, &key_error);

  g_assert_null (template);
  g_assert_error (error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT);
  g_assert_nonnull (strstr (error->message, "“q1”"));
  g_assert_null (with_bad_key);
  g_assert_error (key_error, UPP_TEMPLATE_ERROR, UPP_TEMPLATE_ERROR_WRONG_FORMAT);
}

/* A new version made from an old one starts without the old one's mapping. */
static void
test_duplicate_drops_mapping (void)
{
  g_autoptr(UppTemplate) v2 = template_from_json (MAPPED_V2);
  g_autoptr(UppTemplate) copy = upp_template_duplicate (v2, NULL, NULL);

  g_assert_null (upp_question_get_from (upp_template_find_question (copy, "q2_new")));
}

/* A new key with a text close to a question no longer asked is proposed as renamed from it,
 * one with a text like no other as new; reworded questions under their key stay as they are. */
static void
test_propose_mapping (void)
{
  const char *previous_json =
    "{\"key\": \"f\", \"version\": 1, \"title\": \"F\", \"questions\": ["
    " {\"key\": \"q1\", \"text\": \"Har ni en överenskommelse?\"},"
    " {\"key\": \"q2\", \"text\": \"Hur ser er samverkansstruktur ut?\"},"
    " {\"key\": \"q3\", \"text\": \"Övrigt?\"}]}";
  const char *json =
    "{\"key\": \"f\", \"version\": 2, \"title\": \"F\", \"questions\": ["
    " {\"key\": \"q1\", \"text\": \"Har ni tecknat en överenskommelse?\"},"
    " {\"key\": \"structure\", \"text\": \"Hur ser er samverkansstruktur ut i dag?\"},"
    " {\"key\": \"staff\", \"text\": \"Hur många arbetar med frågan?\"},"
    " {\"key\": \"q3\", \"text\": \"Övrigt?\"}]}";
  g_autoptr(UppTemplate) previous = template_from_json (previous_json);
  g_autoptr(UppTemplate) template = template_from_json (json);

  g_assert_cmpuint (upp_template_propose_mapping (template, previous), ==, 2);
  g_assert_null (upp_question_get_from (upp_template_find_question (template, "q1")));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (template, "structure")),
                    ((const char *[]) { "q2", NULL }));
  g_assert_cmpstrv (upp_question_get_from (upp_template_find_question (template, "staff")),
                    ((const char *[]) { NULL }));
  g_assert_null (upp_question_get_from (upp_template_find_question (template, "q3")));
  /* What the user confirmed is not proposed again. */
  g_assert_cmpuint (upp_template_propose_mapping (template, previous), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/template/builtin-lok", test_builtin_lok);
  g_test_add_func ("/template/json-round-trip", test_json_round_trip);
  g_test_add_func ("/template/match-phrases", test_match_phrases);
  g_test_add_func ("/template/bad-match-phrase", test_bad_match_phrase);
  g_test_add_func ("/template/builtin-lok-phrases", test_builtin_lok_phrases);
  g_test_add_func ("/template/any-number-of-questions", test_any_number_of_questions);
  g_test_add_func ("/template/bad-templates", test_bad_templates);
  g_test_add_func ("/template/validate-keys", test_validate_keys);
  g_test_add_func ("/template/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/template/file-error-names-file", test_file_error_names_file);
  g_test_add_func ("/template/bad-files", test_bad_files);
  g_test_add_func ("/template/valid-files", test_valid_files);
  g_test_add_func ("/template/deep-nesting", test_deep_nesting);
  g_test_add_func ("/template/huge-file", test_huge_file);
  g_test_add_func ("/template/fuzz-regressions", test_fuzz_regressions);
  g_test_add_func ("/template/question-mapping", test_question_mapping);
  g_test_add_func ("/template/mapped-answer", test_mapped_answer);
  g_test_add_func ("/template/bad-question-mapping", test_bad_question_mapping);
  g_test_add_func ("/template/duplicate-drops-mapping", test_duplicate_drops_mapping);
  g_test_add_func ("/template/propose-mapping", test_propose_mapping);
  return g_test_run ();
}

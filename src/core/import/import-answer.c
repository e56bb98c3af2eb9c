/* import-answer.c: what a cell of an imported table means as an answer, one rule for the
 * Word table (import-dalarna.c) and the CSV table (import-csv.c)
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-answer"

#include "config.h"

#include <string.h>

#include "import-answer.h"
#include "upp-choice.h"
#include "upp-question.h"
#include "upp-response.h"
#include "upp-util.h"

/* Longer than any way of writing "no answer received"; a longer cell is an answer and is not
 * folded only to find that out. */
#define MAX_NO_ANSWER_LENGTH 120

gboolean
upp_import_answer_is_no_answer (const char *cell)
{
  static GRegex *regex;
  g_autofree char *folded = NULL;

  /* Matched against the folded cell: lower case, white space as single spaces, without the
   * full stop at the end. Parentheses, brackets, dashes and stars around the words are what
   * people put around a remark in a table. */
  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex,
                       g_regex_new ("^[(\\[*–—-]*\\s*"
                                    "(?:(?:vi )?(?:har )?(?:ej|inte) (?:fått|erhållit|mottagit) "
                                    "(?:in )?(?:något |några )?svar"
                                    "|inget svar(?: (?:har )?(?:inkommit|inkommet|kommit in))?"
                                    "|(?:har )?(?:ej|inte) svarat"
                                    "|(?:har )?(?:ej|inte) inkommit med svar"
                                    "|svar (?:har )?(?:ej|inte) inkommit"
                                    "|svar saknas"
                                    "|ej svar"
                                    "|no answer(?: received)?)"
                                    "[.!]?\\s*[)\\]*–—-]*$",
                                    G_REGEX_OPTIMIZE, 0, NULL));

  if (cell == NULL || strlen (cell) > MAX_NO_ANSWER_LENGTH)
    return FALSE;
  folded = upp_str_fold_for_matching (cell, -1);
  return g_regex_match (regex, folded, 0, NULL);
}

char *
upp_import_answer_dup_text (const char *cell)
{
  g_autoptr(GString) text = g_string_sized_new (cell != NULL ? strlen (cell) : 0);

  for (const char *line = cell, *end; line != NULL; line = end != NULL ? end + 1 : NULL)
    {
      gsize length;

      end = strchr (line, '\n');
      length = end != NULL ? (gsize) (end - line) : strlen (line);
      while (length > 0 && g_ascii_isspace (line[length - 1]))
        length--;
      /* Blank lines before the text are left out; those after it are cut below. */
      if (length == 0 && text->len == 0)
        continue;
      g_string_append_len (text, line, length);
      g_string_append_c (text, '\n');
    }
  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The choice of a coded question whose label the text is, whatever its case and spacing. */
static UppChoice *
find_choice_named_by (UppQuestion *question,
                      const char  *text)
{
  g_autofree char *wanted = NULL;
  GPtrArray *choices;

  if (!upp_question_is_coded (question) || *text == '\0')
    return NULL;
  wanted = upp_str_fold_for_matching (text, -1);
  choices = upp_question_get_choices (question);
  for (guint i = 0; i < choices->len; i++)
    {
      UppChoice *choice = g_ptr_array_index (choices, i);
      g_autofree char *label = upp_str_fold_for_matching (choice->label, -1);

      if (g_strcmp0 (wanted, label) == 0)
        return choice;
    }
  return NULL;
}

UppImportAnswerKind
upp_import_answer_read (UppQuestion   *question,
                        const char    *cell,
                        char         **text,
                        char        ***choices)
{
  gboolean has_choices = *choices != NULL && (*choices)[0] != NULL;
  g_autofree char *stored = NULL;
  UppChoice *choice;

  *text = NULL;
  if (upp_import_answer_is_no_answer (cell))
    return has_choices ? UPP_IMPORT_ANSWER_GIVEN : UPP_IMPORT_ANSWER_DECLINED;

  stored = upp_import_answer_dup_text (cell);
  /* A coded answer typed as its choice's label is that choice: the text becomes the code.
   * A column of codes, even an empty one, says the codes itself. */
  if (*choices == NULL && (choice = find_choice_named_by (question, stored)) != NULL)
    {
      const char *only[] = { choice->key, NULL };

      *choices = g_strdupv ((char **) only);
      return UPP_IMPORT_ANSWER_GIVEN;
    }
  if (*stored == '\0')
    return has_choices ? UPP_IMPORT_ANSWER_GIVEN : UPP_IMPORT_ANSWER_NONE;
  *text = g_steal_pointer (&stored);
  return UPP_IMPORT_ANSWER_GIVEN;
}

void
upp_import_answer_set_status (UppResponse *response,
                              gboolean     answered,
                              gboolean     declined)
{
  if (answered)
    upp_response_set_status (response, UPP_RESPONSE_STATUS_DONE);
  else if (declined)
    upp_response_set_status (response, UPP_RESPONSE_STATUS_NO_ANSWER);
}

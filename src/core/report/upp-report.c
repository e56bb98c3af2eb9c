/* upp-report.c: the written follow-up report of a round, as PDF pages or printed
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Modelled on FoU report 26:2016 (Region Östergötland) and Region Dalarna's answer table:
 * a title page (series, title, author, ISSN), contents, the round's own texts (summary,
 * recommendations, proposed follow-up areas up front for the managers who read only those;
 * background), a method chapter (the typed plan and delimitation, then what the data says
 * was done), per question the chart, the count, the analyst's text and every unit's answer
 * in full, the years compared, the promoting and hindering factors, references, and the
 * questionnaire (and, by a setting, the answers) as appendices. Each chapter is one
 * function called in order from build().
 */

#define G_LOG_DOMAIN "upp-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "charts/upp-chart.h"
#include "export/upp-export.h"
#include "upp-answer.h"
#include "upp-coding.h"
#include "upp-factor-table.h"
#include "upp-files.h"
#include "upp-municipality.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-unit.h"
#include "upp-util.h"

#include "report-drawings.h"
#include "report-layout.h"
#include "report-register.h"
#include "upp-report.h"

struct _UppReport
{
  GObject          parent_instance;

  UppReportLayout *layout;
  char            *title;
  char            *author;
  GDateTime       *made;    /* on the title page and as the PDF's CreationDate */
  /* The report's settings (UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX, _GROUP_BY_PART); grouped
   * only when a unit has a county part. */
  gboolean         answers_in_appendix;
  gboolean         group_by_part;
};

G_DEFINE_FINAL_TYPE (UppReport, upp_report, G_TYPE_OBJECT)

G_DEFINE_QUARK (upp-report-error-quark, upp_report_error)

static void
upp_report_finalize (GObject *object)
{
  UppReport *self = UPP_REPORT (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->made, g_date_time_unref);

  G_OBJECT_CLASS (upp_report_parent_class)->finalize (object);
}

static void
upp_report_class_init (UppReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_report_finalize;
}

static void
upp_report_init (UppReport *self)
{
  self->layout = upp_report_layout_new ();
}

/* Helpers */

static const char *
round_text (UppRound   *round,
            const char *key)
{
  const char *text = upp_round_get_text (round, key);

  return upp_str_is_blank (text) ? NULL : text;
}

static gboolean
setting_is_on (UppRound   *round,
               const char *key)
{
  return g_strcmp0 (upp_round_get_text (round, key), UPP_REPORT_SETTING_ON) == 0;
}

char *
upp_report_dup_analysis_key (const char *question_key)
{
  g_return_val_if_fail (question_key != NULL, NULL);

  return g_strconcat (UPP_REPORT_TEXT_ANALYSIS_PREFIX, question_key, NULL);
}

static const char *
response_part (UppResponse *response)
{
  UppUnit *unit = upp_response_get_unit (response);
  const char *part = unit != NULL ? upp_unit_get_sub_area (unit) : NULL;

  return upp_str_is_blank (part) ? "" : part;
}

static gboolean
has_county_parts (GPtrArray *responses)
{
  for (guint i = 0; i < responses->len; i++)
    if (*response_part (g_ptr_array_index (responses, i)) != '\0')
      return TRUE;
  return FALSE;
}

static int
compare_by_part (gconstpointer a,
                 gconstpointer b)
{
  const char *part_a = response_part (*(UppResponse **) a);
  const char *part_b = response_part (*(UppResponse **) b);

  /* Units without a part come last, as in the charts. */
  if (*part_a == '\0' || *part_b == '\0')
    return (*part_a == '\0') - (*part_b == '\0');
  return g_utf8_collate (part_a, part_b);
}

/* The responses in the order the report lists units: as they are, or under their county
 * parts when the report groups by them (a stable sort keeps their order within a part). */
static GPtrArray *
dup_in_list_order (UppReport *self,
                   GPtrArray *responses)
{
  GPtrArray *ordered = g_ptr_array_copy (responses, NULL, NULL);

  /* Borrowed: the copy takes the free function of responses along. */
  g_ptr_array_set_free_func (ordered, NULL);
  if (self->group_by_part)
    g_ptr_array_sort (ordered, compare_by_part);
  return ordered;
}

/* Sets the county part's name above response's unit when the unit is the first of its part
 * in the list; *part is the part of the unit listed before (NULL for none yet). */
static void
add_part_heading (UppReport    *self,
                  guint         level,
                  UppResponse  *response,
                  const char  **part)
{
  const char *this_part = response_part (response);

  if (!self->group_by_part || (*part != NULL && g_str_equal (*part, this_part)))
    return;
  upp_report_layout_add_heading (self->layout, level, NULL,
                                 *this_part != '\0' ? this_part : _("Without county part"),
                                 FALSE);
  *part = this_part;
}

/* Now, or SOURCE_DATE_EPOCH when set (reproducible-builds.org): two exports of the same data
 * are then the same bytes. */
static GDateTime *
dup_report_time (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL
      && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    {
      GDateTime *time = g_date_time_new_from_unix_utc ((gint64) seconds);

      if (time != NULL)
        return time;
    }
  return g_date_time_new_now_local ();
}


/* The text of a list item typed as "- …", "* …" or "• …", or NULL for a paragraph. */
static const char *
list_item_text (const char *line)
{
  if (g_str_has_prefix (line, "- ") || g_str_has_prefix (line, "* "))
    return line + 2;
  if (g_str_has_prefix (line, "•"))
    return line + strlen ("•");
  return NULL;
}

/* The round's own texts are typed as lines: each line is a paragraph, lines that start with
 * "-", "*" or "•" are list items, blank lines only separate. A paragraph just before a list
 * introduces it and stays on its page. */
static void
add_typed_text (UppReportLayout *layout,
                const char      *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_strstrip (lines[i]);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *item = list_item_text (lines[i]);
      const char *next = NULL;

      if (*lines[i] == '\0')
        continue;
      if (item != NULL)
        {
          g_autofree char *stripped = g_strstrip (g_strdup (item));

          upp_report_layout_add_list_item (layout, NULL, stripped);
          continue;
        }
      for (guint j = i + 1; lines[j] != NULL && next == NULL; j++)
        if (*lines[j] != '\0')
          next = lines[j];
      upp_report_layout_add_paragraph (layout,
                                       next != NULL && list_item_text (next) != NULL
                                       ? UPP_REPORT_TEXT_LEAD_IN : UPP_REPORT_TEXT_BODY,
                                       lines[i]);
    }
}

/* Sections */

static void
add_title_page (UppReport *self,
                UppRound  *round)
{
  UppReportLayout *layout = self->layout;
  const char *author = round_text (round, UPP_REPORT_TEXT_AUTHOR);
  const char *organisation = round_text (round, UPP_REPORT_TEXT_ORGANISATION);
  const char *series = round_text (round, UPP_REPORT_TEXT_SERIES);
  const char *issn = round_text (round, UPP_REPORT_TEXT_ISSN);
  g_autofree char *today = g_date_time_format (self->made, "%-d %B %Y");
  g_autofree char *year = g_strdup_printf ("%d", upp_round_get_year (round));
  const char *template_title = upp_template_get_title (upp_round_get_template (round));

  upp_report_drawings_add_title_rule (layout);
  /* The series and number stand above the title as in FoU reports, in the space that is
   * there without them: the title page stays one page. */
  if (series != NULL)
    {
      upp_report_layout_add_space (layout, 110);
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_DETAIL, series);
      upp_report_layout_add_space (layout, 22);
    }
  else
    upp_report_layout_add_space (layout, 150);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_REGION,
                                   upp_round_get_region_name (round));
  upp_report_layout_add_space (layout, 12);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE, self->title);
  /* The questionnaire's name says what was followed up when the title does not. */
  if (g_strcmp0 (template_title, self->title) != 0 && !upp_str_is_blank (template_title))
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_REGION, template_title);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_REGION, year);
  upp_report_layout_add_space (layout, issn != NULL ? 196 : 220);
  if (author != NULL)
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_DETAIL, author);
  if (organisation != NULL)
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_DETAIL, organisation);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_DETAIL, today);
  if (issn != NULL)
    {
      g_autofree char *line = g_ascii_strncasecmp (issn, "ISSN", 4) == 0
                              ? g_strdup (issn) : g_strdup_printf ("ISSN %s", issn);

      upp_report_layout_add_space (layout, 8);
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_TITLE_DETAIL, line);
    }
  upp_report_layout_add_page_break (layout);
}

static void
add_text_chapter (UppReportLayout *layout,
                  const char      *number,
                  const char      *heading,
                  const char      *text)
{
  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, number, heading, TRUE);
  add_typed_text (layout, text);
}


/* Seed 001's method chapter: the plan and the delimitation as typed, each a section, then
 * "Implementation" for what the data says was done. Returns the level of the headings the
 * chapter has so far (1 when the round has neither text). */
static guint
add_method_texts (UppReportLayout *layout,
                  UppRound        *round,
                  const char      *number)
{
  const char *plan = round_text (round, UPP_REPORT_TEXT_METHOD_PLAN);
  const char *delimitation = round_text (round, UPP_REPORT_TEXT_DELIMITATION);
  g_autofree char *done_number = NULL;
  guint section = 0;

  if (plan == NULL && delimitation == NULL)
    return 1;
  if (plan != NULL)
    {
      g_autofree char *plan_number = g_strdup_printf ("%s.%u", number, ++section);

      upp_report_layout_add_heading (layout, 2, plan_number, _("Method plan"), TRUE);
      add_typed_text (layout, plan);
    }
  if (delimitation != NULL)
    {
      g_autofree char *delimitation_number = g_strdup_printf ("%s.%u", number, ++section);

      upp_report_layout_add_heading (layout, 2, delimitation_number, _("Delimitation"), TRUE);
      add_typed_text (layout, delimitation);
    }
  done_number = g_strdup_printf ("%s.%u", number, ++section);
  upp_report_layout_add_heading (layout, 2, done_number, _("Implementation"), TRUE);
  return 2;
}

static void
add_method_chapter (UppReport   *self,
                    UppStore    *store,
                    UppRound    *round,
                    GPtrArray   *responses,
                    const char  *number)
{
  UppReportLayout *layout = self->layout;
  UppTemplate *template = upp_round_get_template (round);
  UppRegion *region = upp_round_get_region (round);
  const char *region_code = region != NULL ? upp_region_get_code (region) : NULL;
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) uncovered = NULL;
  g_autoptr(GHashTable) covered = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(UppReportInterviews) interviews = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) interviewed = NULL;
  const char *part = NULL;
  guint list_level;

  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, number, _("Method"), TRUE);
  list_level = add_method_texts (layout, round, number) + 1;

  interviews = upp_report_interviews_new (store, round, responses);

  /* Coverage of the region */
  for (guint i = 0; i < responses->len; i++)
    {
      UppUnit *unit = upp_response_get_unit (g_ptr_array_index (responses, i));
      const char * const *codes = unit != NULL ? upp_unit_get_member_codes (unit) : NULL;

      for (guint c = 0; codes != NULL && codes[c] != NULL; c++)
        g_hash_table_add (covered, (gpointer) codes[c]);
    }
  if (region_code != NULL)
    {
      municipalities = upp_store_list_municipalities (store, region_code, NULL);
      uncovered = upp_store_list_uncovered_municipalities (store, round, NULL);
    }

  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                      "The follow-up covers %u respondent unit in %s.",
                                      "The follow-up covers %u respondent units in %s.",
                                      responses->len),
                   responses->len, upp_round_get_region_name (round));
  if (municipalities != NULL && municipalities->len > 0 && g_hash_table_size (covered) > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Together they represent %u of the %u municipalities "
                                      "of the region."),
                              g_hash_table_size (covered), municipalities->len);
    }
  if (uncovered != NULL && uncovered->len > 0 && g_hash_table_size (covered) > 0)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *joined = NULL;

      for (guint i = 0; i < uncovered->len; i++)
        g_ptr_array_add (names,
                         (char *) upp_municipality_get_name (g_ptr_array_index (uncovered, i)));
      joined = upp_report_join_names (names);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Municipalities that no unit represents: %s."), joined);
    }
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, text->str);

  /* The interviews held, not the units with an answer */
  upp_report_interviews_add_summary (interviews, layout, responses->len);

  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                      "The units answered the questionnaire “%s” with %u "
                                      "question.",
                                      "The units answered the questionnaire “%s” with %u "
                                      "questions.",
                                      upp_template_get_n_questions (template)),
                   upp_template_get_title (template), upp_template_get_n_questions (template));
  g_string_append_c (text, ' ');
  if (self->answers_in_appendix)
    g_string_append (text, _("The results chapter takes the questions in the order of the "
                             "questionnaire: for questions with coded answers, a chart and "
                             "a count of the answers, and the analysis. Every unit’s answer "
                             "in full is in an appendix, as is the questionnaire."));
  else
    g_string_append (text, _("The results chapter gives every unit’s answer to each "
                             "question in full, in the order of the questionnaire. "
                             "For questions with coded answers, a chart and a count of "
                             "the answers come first. The questionnaire is in the "
                             "appendix."));
  if (upp_template_get_n_sections (template) > 0)
    {
      guint n_parts = upp_template_get_n_sections (template);

      g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The questions are grouped in %u part and numbered "
                                           "as in the questionnaire (1.1, 1.2, …); a part "
                                           "whose items are answered with the same choices "
                                           "opens with a table of how many units gave each.",
                                           "The questions are grouped in %u parts and numbered "
                                           "as in the questionnaire (1.1, 1.2, …); a part "
                                           "whose items are answered with the same choices "
                                           "opens with a table of how many units gave each.",
                                           n_parts),
                              n_parts);
    }
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, text->str);

  if (upp_report_interviews_get_interviewed (interviews)->len > 0)
    {
      upp_report_layout_add_heading (layout, list_level, NULL, _("Interviews"), FALSE);
      interviewed = dup_in_list_order (self, upp_report_interviews_get_interviewed (interviews));
      for (guint i = 0; i < interviewed->len; i++)
        {
          UppResponse *response = g_ptr_array_index (interviewed, i);

          add_part_heading (self, list_level + 1, response, &part);
          upp_report_layout_add_list_item (layout, NULL,
                                           upp_report_interviews_get_line (interviews, response));
        }
    }
}

static char *
choice_labels (UppQuestion *question,
               UppAnswer   *answer)
{
  const char * const *choices = upp_answer_get_choices (answer);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      const UppChoice *choice = upp_question_find_choice (question, choices[i]);

      g_ptr_array_add (labels, choice != NULL ? choice->label : (char *) choices[i]);
    }
  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);
  return g_strjoinv (", ", (char **) labels->pdata);
}

/* Template format 2 ------------------------------------------------------------------------ */

/* "1. Text", or "1.1 Text" for the number of a part's question, or the text alone. */
static char *
dup_numbered_text (UppQuestion *question)
{
  const char *number = upp_question_get_number (question);
  const char *text = upp_question_get_text (question);

  if (number == NULL || *number == '\0')
    return g_strdup (text);
  return g_strdup_printf (strchr (number, '.') != NULL ? "%s %s" : "%s. %s", number, text);
}

/* "Part 1: Avtal/ök", the heading of a template's part. */
static char *
dup_part_title (UppTemplate      *template,
                const UppSection *section)
{
  guint n = upp_template_get_n_sections (template);

  for (guint i = 0; i < n; i++)
    if (upp_template_get_section (template, i) == section)
      /* TRANSLATORS: the heading of a part of a questionnaire, e.g. "Part 1: Avtal/ök" */
      return g_strdup_printf (_("Part %u: %s"), i + 1, section->title);
  return g_strdup (section->title);
}

/* The part question opens, or NULL when it is in the same part as the one before it (or in
 * none). */
static const UppSection *
find_new_part (UppTemplate *template,
               guint        position)
{
  UppQuestion *question = upp_template_get_question (template, position);
  const char *key = upp_question_get_section (question);

  if (upp_str_is_blank (key))
    return NULL;
  if (position > 0 &&
      g_strcmp0 (upp_question_get_section (upp_template_get_question (template, position - 1)),
                 key) == 0)
    return NULL;
  return upp_template_find_section (template, key);
}

/* The sub-heading the template sets above the question at position, or NULL when the
 * question before it in the same part already set it ("Organisation" over several items). */
static const char *
find_new_heading (UppTemplate *template,
                  guint        position)
{
  UppQuestion *question = upp_template_get_question (template, position);
  const char *heading = upp_question_get_heading (question);
  UppQuestion *before;

  if (upp_str_is_blank (heading))
    return NULL;
  if (position == 0 || find_new_part (template, position) != NULL)
    return heading;
  before = upp_template_get_question (template, position - 1);
  if (g_strcmp0 (upp_question_get_section (before), upp_question_get_section (question)) == 0 &&
      g_strcmp0 (upp_question_get_heading (before), heading) == 0)
    return NULL;
  return heading;
}

/* Whether the unit gave anything to question: its answer, a field, a table row. */
static gboolean
has_content (UppResponse *response,
             UppQuestion *question)
{
  const char *key = upp_question_get_key (question);
  UppAnswer *answer = upp_response_get_answer (response, key);
  GPtrArray *fields = upp_question_get_fields (question);

  if (answer != NULL && !upp_answer_is_empty (answer))
    return TRUE;
  for (guint f = 0; f < fields->len; f++)
    {
      g_autofree char *value = upp_response_dup_field_value (
        response, key, ((UppItemField *) g_ptr_array_index (fields, f))->key);

      if (!upp_str_is_blank (value))
        return TRUE;
    }
  if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
    {
      g_auto(GStrv) rows = upp_response_list_table_rows (response, key);

      return rows[0] != NULL;
    }
  return FALSE;
}

/* "Pågår · Ansvar: Socialchef · Tid: vt 2027": the status and the fields of a checklist
 * item, as markup after the unit's name; NULL when there is neither. */
static char *
dup_item_line (UppQuestion *question,
               UppResponse *response,
               UppAnswer   *answer)
{
  const char *key = upp_question_get_key (question);
  GPtrArray *fields = upp_question_get_fields (question);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *labels = answer != NULL ? choice_labels (question, answer) : NULL;

  if (labels != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (labels, -1);

      g_string_append (line, escaped);
    }
  for (guint f = 0; f < fields->len; f++)
    {
      const UppItemField *field = g_ptr_array_index (fields, f);
      g_autofree char *value = upp_response_dup_field_value (response, key, field->key);
      g_autofree char *text = upp_export_dup_field_text (field, value);
      g_autofree char *escaped_label = NULL;
      g_autofree char *escaped_text = NULL;

      if (upp_str_is_blank (text))
        continue;
      escaped_label = g_markup_escape_text (field->label, -1);
      escaped_text = g_markup_escape_text (text, -1);
      g_string_append_printf (line, "%s<i>%s:</i> %s", line->len > 0 ? " · " : "",
                              escaped_label, escaped_text);
    }
  if (line->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&line), FALSE);
}

/* A unit's rows of a table question as a table: the columns' labels above, a row each. */
static void
add_table_rows (UppReportLayout *layout,
                UppQuestion     *question,
                UppResponse     *response)
{
  const char *key = upp_question_get_key (question);
  GPtrArray *columns = upp_question_get_columns (question);
  g_auto(GStrv) rows = upp_response_list_table_rows (response, key);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  if (columns->len == 0)
    return;
  for (guint c = 0; c < columns->len; c++)
    g_ptr_array_add (cells, g_markup_escape_text (((UppItemField *) g_ptr_array_index (columns,
                                                                                      c))->label,
                                                  -1));
  upp_report_layout_add_table_row (layout, TRUE, cells->len, NULL,
                                   (const char * const *) cells->pdata);

  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < columns->len; c++)
        {
          const UppItemField *column = g_ptr_array_index (columns, c);
          g_autofree char *text =
            upp_export_dup_field_text (column, upp_response_get_table_cell (response, key,
                                                                           rows[r],
                                                                           column->key));

          g_ptr_array_add (cells, g_markup_escape_text (text, -1));
        }
      upp_report_layout_add_table_row (layout, FALSE, cells->len, NULL,
                                       (const char * const *) cells->pdata);
    }
  upp_report_layout_add_space (layout, 6);
}

/* The choices every question of the part starting at first answers with, when they all are
 * coded alike (a checklist's shared status); NULL otherwise. */
static GPtrArray *
find_part_choices (UppTemplate *template,
                   guint        first)
{
  UppQuestion *opening = upp_template_get_question (template, first);
  const char *section = upp_question_get_section (opening);
  GPtrArray *choices = upp_question_get_choices (opening);

  if (upp_question_get_kind (opening) != UPP_QUESTION_KIND_SINGLE_CHOICE || choices->len == 0)
    return NULL;
  for (guint i = first + 1; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      GPtrArray *other = upp_question_get_choices (question);

      if (g_strcmp0 (upp_question_get_section (question), section) != 0)
        break;
      if (upp_question_get_kind (question) != UPP_QUESTION_KIND_SINGLE_CHOICE ||
          other->len != choices->len)
        return NULL;
      for (guint c = 0; c < choices->len; c++)
        if (g_strcmp0 (((UppChoice *) g_ptr_array_index (choices, c))->key,
                       ((UppChoice *) g_ptr_array_index (other, c))->key) != 0)
          return NULL;
    }
  return choices;
}

/* What a manager reads from a checklist: per item of the part, how many units have each
 * status, and how many none. */
static void
add_part_status_table (UppReportLayout *layout,
                       UppTemplate     *template,
                       guint            first,
                       GPtrArray       *choices,
                       GPtrArray       *responses)
{
  const char *section = upp_question_get_section (upp_template_get_question (template, first));
  guint n_cells = choices->len + 2;
  g_autofree double *widths = g_new0 (double, n_cells);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  /* Room for "Ej påbörjat" on one line beside the items' texts. */
  widths[0] = 0.40;
  for (guint c = 1; c < n_cells; c++)
    widths[c] = 0.60 / (n_cells - 1);

  g_ptr_array_add (cells, g_markup_escape_text (_("Item"), -1));
  for (guint c = 0; c < choices->len; c++)
    g_ptr_array_add (cells, g_markup_escape_text (((UppChoice *) g_ptr_array_index (choices,
                                                                                   c))->label,
                                                  -1));
  g_ptr_array_add (cells, g_markup_escape_text (_("No answer"), -1));
  upp_report_layout_add_table_row (layout, TRUE, n_cells, widths,
                                   (const char * const *) cells->pdata);

  for (guint i = first; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      g_autofree guint *counts = g_new0 (guint, choices->len + 1);

      if (g_strcmp0 (upp_question_get_section (question), section) != 0)
        break;
      for (guint r = 0; r < responses->len; r++)
        {
          UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (responses, r),
                                                       upp_question_get_key (question));
          const char * const *codes = answer != NULL ? upp_answer_get_choices (answer) : NULL;
          guint k = choices->len;

          for (guint c = 0; codes != NULL && codes[0] != NULL && c < choices->len; c++)
            if (g_strcmp0 (((UppChoice *) g_ptr_array_index (choices, c))->key, codes[0]) == 0)
              k = c;
          counts[k]++;
        }

      g_ptr_array_set_size (cells, 0);
      {
        g_autofree char *title = dup_numbered_text (question);

        g_ptr_array_add (cells, g_markup_escape_text (title, -1));
      }
      for (guint k = 0; k <= choices->len; k++)
        g_ptr_array_add (cells, g_strdup_printf ("%u", counts[k]));
      upp_report_layout_add_table_row (layout, FALSE, n_cells, widths,
                                       (const char * const *) cells->pdata);
    }
  upp_report_layout_add_space (layout, 6);
}

/* A part's heading in the results, its introduction, and for a checklist its items' status
 * counts. Returns whether the table holds the counts, so that its items leave them out. */
static gboolean
add_part_results (UppReport        *self,
                  UppTemplate      *template,
                  guint             first,
                  const UppSection *section,
                  GPtrArray        *responses)
{
  UppReportLayout *layout = self->layout;
  g_autofree char *title = dup_part_title (template, section);
  GPtrArray *choices = find_part_choices (template, first);
  g_autofree char *lead_in = NULL;

  upp_report_layout_add_heading (layout, 2, NULL, title, TRUE);
  if (!upp_str_is_blank (section->intro))
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, section->intro);
  if (choices == NULL)
    return FALSE;
  lead_in = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The items’ status, in number of units (%u unit "
                                          "in all):",
                                          "The items’ status, in number of units (%u units "
                                          "in all):", responses->len),
                             responses->len);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_LEAD_IN, lead_in);
  add_part_status_table (layout, template, first, choices, responses);
  return TRUE;
}

static void
add_coded_summary (UppReportLayout *layout,
                   UppQuestion     *question,
                   GPtrArray       *responses)
{
  GPtrArray *choices = upp_question_get_choices (question);
  g_autofree guint *counts = g_new0 (guint, choices->len + 1);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_coded = 0;
  guint n_not_coded = 0;

  for (guint i = 0; i < responses->len; i++)
    {
      UppAnswer *answer = upp_response_get_answer (g_ptr_array_index (responses, i),
                                                   upp_question_get_key (question));
      const char * const *codes = answer != NULL ? upp_answer_get_choices (answer) : NULL;
      UppResponseStatus status = upp_response_get_status (g_ptr_array_index (responses, i));

      /* Answered in words but not coded yet: the analysis has not reached it. */
      if ((codes == NULL || codes[0] == NULL) && answer != NULL &&
          !upp_str_is_blank (upp_answer_get_text (answer)) &&
          status != UPP_RESPONSE_STATUS_NO_ANSWER)
        n_not_coded++;
      if (codes == NULL || codes[0] == NULL)
        continue;
      n_coded++;
      for (guint c = 0; codes[c] != NULL; c++)
        for (guint k = 0; k < choices->len; k++)
          if (g_strcmp0 (((UppChoice *) g_ptr_array_index (choices, k))->key, codes[c]) == 0)
            counts[k]++;
    }

  if (n_coded == 0)
    {
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE,
                                       _("No unit has a coded answer to this question yet."));
      return;
    }

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Coded answers of %u unit:",
                                             "Coded answers of %u units:", n_coded),
                          n_coded);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_LEAD_IN, text->str);
  for (guint k = 0; k < choices->len; k++)
    {
      UppChoice *choice = g_ptr_array_index (choices, k);
      g_autofree char *line = g_strdup_printf ("%s: %u", choice->label, counts[k]);

      upp_report_layout_add_list_item (layout, NULL, line);
    }
  if (n_not_coded > 0)
    {
      g_autofree char *line = g_strdup_printf ("%s: %u", _("Not coded"), n_not_coded);

      upp_report_layout_add_list_item (layout, NULL, line);
    }
  upp_report_layout_add_space (layout, 6);
}

/* Every unit's answer to question, under its county part when the report groups by them,
 * and the units without one. */
static void
add_unit_answers (UppReport   *self,
                  UppQuestion *question,
                  GPtrArray   *responses)
{
  UppReportLayout *layout = self->layout;
  const char *key = upp_question_get_key (question);
  gboolean coded = upp_question_is_coded (question);
  g_autoptr(GPtrArray) without = g_ptr_array_new ();
  g_autoptr(GPtrArray) ordered = dup_in_list_order (self, responses);
  const char *part = NULL;

  for (guint i = 0; i < ordered->len; i++)
    {
      UppResponse *response = g_ptr_array_index (ordered, i);
      UppAnswer *answer = upp_response_get_answer (response, key);
      g_autofree char *labels = NULL;
      g_autofree char *text = NULL;

      if (!has_content (response, question))
        {
          g_ptr_array_add (without, (char *) upp_response_get_unit_name (response));
          continue;
        }

      add_part_heading (self, 3, response, &part);
      /* A checklist item is short: the unit, its status and fields on one line. */
      if (upp_question_get_fields (question)->len > 0)
        {
          g_autofree char *name = g_markup_escape_text (upp_response_get_unit_name (response),
                                                        -1);
          g_autofree char *line = dup_item_line (question, response, answer);
          g_autofree char *markup = g_strdup_printf ("<b>%s:</b> %s", name,
                                                     line != NULL ? line : "");

          upp_report_layout_add_markup (layout, UPP_REPORT_TEXT_ANSWER, markup);
          text = answer != NULL ? upp_strdup_chomped (upp_answer_get_text (answer)) : NULL;
          if (!upp_str_is_blank (text))
            upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_ANSWER, text);
          continue;
        }
      upp_report_layout_add_heading (layout, 4, NULL, upp_response_get_unit_name (response),
                                     FALSE);
      if (upp_question_get_kind (question) == UPP_QUESTION_KIND_TABLE)
        {
          add_table_rows (layout, question, response);
          continue;
        }
      if (coded && (labels = choice_labels (question, answer)) != NULL)
        upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_CODE, labels);
      text = upp_strdup_chomped (upp_answer_get_text (answer));
      if (!upp_str_is_blank (text))
        upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_ANSWER, text);
    }

  if (without->len > 0)
    {
      g_autofree char *joined = upp_report_join_names (without);
      g_autofree char *sentence = g_strdup_printf (_("No answer: %s."), joined);

      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE, sentence);
    }
}

static gboolean
has_any_answer (UppQuestion *question,
                GPtrArray   *responses)
{
  for (guint i = 0; i < responses->len; i++)
    if (has_content (g_ptr_array_index (responses, i), question))
      return TRUE;
  return FALSE;
}

/* A question's section of the results: its chart and count, the analyst's text, then the
 * units' answers, or where they are when an appendix holds them (as seed 001 summarises in
 * the text and keeps the detail elsewhere). */
/* A question at heading level (2; 3 for the items of a template's part, numbered as in the
 * template); with_counts FALSE leaves out its chart and count when its part's table holds
 * them. */
static void
add_question_results_at (UppReport   *self,
                         UppStore    *store,
                         UppRound    *round,
                         UppQuestion *question,
                         GPtrArray   *responses,
                         guint        level,
                         const char  *number,
                         gboolean     with_counts)
{
  UppReportLayout *layout = self->layout;
  g_autofree char *analysis_key = upp_report_dup_analysis_key (upp_question_get_key (question));
  const char *analysis = round_text (round, analysis_key);

  upp_report_layout_add_heading (layout, level, number, upp_question_get_text (question),
                                 level == 2);
  if (!upp_str_is_blank (upp_question_get_help (question)))
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE,
                                     upp_question_get_help (question));

  if (with_counts && upp_question_is_coded (question))
    {
      upp_report_drawings_add_question_chart (layout, store, round, question, responses->len,
                                              self->group_by_part);
      add_coded_summary (layout, question, responses);
    }

  if (analysis != NULL)
    {
      upp_report_layout_add_heading (layout, MIN (level + 1, 4), NULL, _("Analysis"), FALSE);
      add_typed_text (layout, analysis);
    }

  if (self->answers_in_appendix)
    {
      if (has_any_answer (question, responses))
        upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE,
                                         _("The units’ answers to this question are in the "
                                           "appendix “Answers in full”."));
      return;
    }
  /* The answers below the analysis are the units' words, not the analyst's. */
  if (analysis != NULL && !self->group_by_part && has_any_answer (question, responses))
    upp_report_layout_add_heading (layout, MIN (level + 1, 4), NULL, _("The units’ answers"),
                                   FALSE);
  add_unit_answers (self, question, responses);
}

static void
add_question_results (UppReport   *self,
                      UppStore    *store,
                      UppRound    *round,
                      UppQuestion *question,
                      GPtrArray   *responses,
                      const char  *number)
{
  add_question_results_at (self, store, round, question, responses, 2, number, TRUE);
}

/* The results of a template with parts (format 2): each part a section with its
 * introduction (and a checklist's status table), its questions under it numbered as in the
 * template, 1.1, 1.2, …, so that the report and the form speak of the same items. */
static void
add_results_by_part (UppReport   *self,
                     UppStore    *store,
                     UppRound    *round,
                     UppTemplate *template,
                     GPtrArray   *responses)
{
  gboolean counted = FALSE;

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const UppSection *section = find_new_part (template, i);
      const char *heading = find_new_heading (template, i);

      if (section != NULL)
        counted = add_part_results (self, template, i, section, responses);
      if (heading != NULL)
        upp_report_layout_add_heading (self->layout, 3, NULL, heading, FALSE);
      add_question_results_at (self, store, round, question, responses,
                               upp_str_is_blank (upp_question_get_section (question)) ? 2 : 3,
                               upp_question_get_number (question), !counted);
    }
}

/* Longer quotes end at a word with "…": a table row must fit on a page, and the whole
 * answer stands in the results chapter. */
#define FACTOR_QUOTE_MAX_CHARS 320

static char *
factor_quote_markup (UppCoding *quote)
{
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *unit = g_markup_escape_text (upp_coding_get_unit_name (quote), -1);

  /* A quote runs on in its cell: the line breaks of a passage would leave gaps there. */
  text = g_regex_replace_literal (spaces, upp_coding_get_text (quote), -1, 0, " ", 0, NULL);
  g_strstrip (text);
  if (g_utf8_strlen (text, -1) > FACTOR_QUOTE_MAX_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text, FACTOR_QUOTE_MAX_CHARS);
      char *space = g_utf8_strrchr (text, end - text, ' ');

      *(space != NULL && space > text ? space : end) = '\0';
      escaped = g_markup_printf_escaped ("%s…", text);
    }
  else
    escaped = g_markup_escape_text (text, -1);
  return g_strdup_printf ("<i>”%s”</i> (%s)", escaped, unit);
}

/* One cell of the factor table: the theme, its number of units and its quotes. */
static char *
factor_cell_markup (UppFactorTable *table,
                    UppThemeKind    kind,
                    guint           position)
{
  UppTheme *theme = upp_factor_table_get_theme (table, kind, position);
  guint n_units = upp_factor_table_get_n_units (table, kind, position);
  GPtrArray *quotes = upp_factor_table_get_quotes (table, kind, position);
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units",
                                                         n_units),
                                            n_units);
  g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b> (%s)",
                                                      upp_theme_get_name (theme), units);
  GString *cell = g_string_new (heading);

  for (guint i = 0; quotes != NULL && i < quotes->len; i++)
    {
      g_autofree char *quote = factor_quote_markup (g_ptr_array_index (quotes, i));

      g_string_append_printf (cell, "\n%s", quote);
    }
  return g_string_free (cell, FALSE);
}

/* Factors no unit of the round is coded with say nothing about the round. */
static guint
count_factors_in_use (UppFactorTable *table,
                      UppThemeKind    kind)
{
  guint n = 0;

  while (n < upp_factor_table_get_n_factors (table, kind)
         && upp_factor_table_get_n_units (table, kind, n) > 0)
    n++;
  return n;
}

/* The two-column table of the model report (seed 001, 4.4): promoting factors beside
 * hindering ones, each with its number of units and a quote. Left out when no unit's answer
 * is coded with a promoting or hindering theme. */
static gboolean
add_factors_chapter (UppReport   *self,
                     UppStore    *store,
                     UppRound    *round,
                     const char  *number,
                     gboolean    *added,
                     GError     **error)
{
  UppReportLayout *layout = self->layout;
  g_autoptr(UppFactorTable) table = upp_factor_table_new (store, round, error);
  const char *header[] = { _("Promoting factors"), _("Hindering factors") };
  guint n_promoting, n_hindering;

  if (table == NULL)
    return FALSE;
  n_promoting = count_factors_in_use (table, UPP_THEME_KIND_PROMOTING);
  n_hindering = count_factors_in_use (table, UPP_THEME_KIND_HINDERING);
  *added = n_promoting > 0 || n_hindering > 0;
  if (!*added)
    return TRUE;

  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, number, _("Promoting and hindering factors"),
                                 TRUE);
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY,
                                   _("The themes found in the units’ answers that promote or "
                                     "hinder the work, by the number of units whose answers "
                                     "have each theme, with a quote from the answers."));
  /* The codebook's themes over the years the chart shows, as in the charts view. */
  upp_report_drawings_add_chart (layout, store, round, UPP_CHART_THEMES, NULL, FALSE);
  upp_report_layout_add_table_row (layout, TRUE, 2, NULL, header);
  for (guint i = 0; i < MAX (n_promoting, n_hindering); i++)
    {
      g_autofree char *promoting = i < n_promoting
                                   ? factor_cell_markup (table, UPP_THEME_KIND_PROMOTING, i)
                                   : NULL;
      g_autofree char *hindering = i < n_hindering
                                   ? factor_cell_markup (table, UPP_THEME_KIND_HINDERING, i)
                                   : NULL;
      const char *row[] = { promoting, hindering };

      upp_report_layout_add_table_row (layout, FALSE, 2, NULL, row);
    }
  return TRUE;
}

/* Years compared */

static const char *
question_name (UppQuestion *question)
{
  const char *label = upp_question_get_short_label (question);

  if (upp_str_is_blank (label) || g_strcmp0 (label, upp_question_get_number (question)) == 0)
    return upp_question_get_text (question);
  return label;
}

/* How the earlier round's questions line up with the round's: the earlier round may have
 * asked an earlier version of the template, with questions renamed, split or merged since. */
typedef struct
{
  UppTemplate *template;
  UppTemplate *earlier_template;
  GPtrArray   *versions;
} VersionMap;

/* The one choice a response's answer to question is coded with, or NULL; with map, the
 * answer of the earlier round to what the question asks now. */
static char *
dup_single_code (UppResponse      *response,
                 const VersionMap *map,
                 const char       *question_key)
{
  g_autoptr(UppAnswer) answer = NULL;
  const char * const *codes;

  if (response == NULL)
    return NULL;
  if (map != NULL)
    answer = upp_response_dup_mapped_answer (response, map->earlier_template, map->template,
                                             map->versions, question_key);
  else if (upp_response_get_answer (response, question_key) != NULL)
    answer = g_object_ref (upp_response_get_answer (response, question_key));
  codes = answer != NULL ? upp_answer_get_choices (answer) : NULL;
  if (codes == NULL || codes[0] == NULL || codes[1] != NULL)
    return NULL;
  return g_strdup (codes[0]);
}

static int
choice_position (UppQuestion *question,
                 const char  *key)
{
  GPtrArray *choices = upp_question_get_choices (question);

  for (guint i = 0; i < choices->len; i++)
    if (g_strcmp0 (((UppChoice *) g_ptr_array_index (choices, i))->key, key) == 0)
      return (int) i;
  return -1;
}

static const char *
choice_label (UppQuestion *question,
              const char  *key)
{
  const UppChoice *choice = upp_question_find_choice (question, key);

  return choice != NULL ? choice->label : key;
}

/* A unit's answers in both rounds; units are the same objects across a region's rounds. */
typedef struct
{
  UppResponse *earlier;
  UppResponse *now;
} UnitPair;

static GArray *
pair_units (GPtrArray *earlier_responses,
            GPtrArray *responses)
{
  g_autoptr(GHashTable) by_unit = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (UnitPair));

  for (guint i = 0; i < earlier_responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (earlier_responses, i);

      g_hash_table_insert (by_unit,
                           (char *) upp_unit_get_uuid (upp_response_get_unit (response)),
                           response);
    }
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UnitPair pair = { g_hash_table_lookup (by_unit,
                                             upp_unit_get_uuid (upp_response_get_unit (response))),
                        response };

      if (pair.earlier != NULL)
        g_array_append_val (pairs, pair);
    }
  return pairs;
}

static int
compare_pairs_by_part (gconstpointer a,
                       gconstpointer b)
{
  return compare_by_part (&((const UnitPair *) a)->now, &((const UnitPair *) b)->now);
}

/* The status table: the units whose answer to question has another choice than in the
 * earlier round, from → to, and the units with the same one after it. */
static void
add_status_changes (UppReportLayout  *layout,
                    UppQuestion      *question,
                    const VersionMap *map,
                    GArray           *pairs,
                    int              earlier_year,
                    int              year,
                    gboolean         group_by_part)
{
  const char *key = upp_question_get_key (question);
  static const double widths[] = { 0.30, 0.28, 0.28, 0.14 };
  g_autofree char *from_year = g_strdup_printf ("%d", earlier_year);
  g_autofree char *to_year = g_strdup_printf ("%d", year);
  const char *header[] = { _("Unit"), from_year, to_year,
                           C_("status table", "Change") };
  g_autoptr(GPtrArray) same = g_ptr_array_new ();
  const char *part = NULL;
  guint n_changed = 0;

  upp_report_layout_add_heading (layout, 2, NULL, question_name (question), FALSE);

  for (guint i = 0; i < pairs->len; i++)
    {
      UnitPair *pair = &g_array_index (pairs, UnitPair, i);
      g_autofree char *from = dup_single_code (pair->earlier, map, key);
      g_autofree char *to = dup_single_code (pair->now, NULL, key);
      g_autofree char *unit = NULL;
      g_autofree char *from_label = NULL;
      g_autofree char *to_label = NULL;
      const char *mark;

      if (from == NULL || to == NULL)
        continue;
      if (g_str_equal (from, to))
        {
          g_ptr_array_add (same, (char *) upp_response_get_unit_name (pair->now));
          continue;
        }
      if (n_changed++ == 0)
        {
          upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_LEAD_IN,
                                           _("The units whose answer has another choice than "
                                             "in the earlier round. ↑ is better and ↓ worse: "
                                             "a choice higher in the questionnaire’s list of "
                                             "choices counts as better."));
          upp_report_layout_add_table_row (layout, TRUE, G_N_ELEMENTS (header), widths, header);
        }
      /* The LÖK status's choices run from the best (signed) to the worst (none), so the
       * questionnaire's order is the scale: a choice earlier in it is better. */
      if (choice_position (question, from) < 0 || choice_position (question, to) < 0)
        mark = "";  /* a choice the questionnaire no longer has: no place on the scale */
      else
        mark = choice_position (question, to) < choice_position (question, from) ? "↑" : "↓";
      unit = g_markup_escape_text (upp_response_get_unit_name (pair->now), -1);
      from_label = g_markup_escape_text (choice_label (question, from), -1);
      to_label = g_markup_escape_text (choice_label (question, to), -1);
      /* The pairs come sorted by county part: a row with its name above its first unit. */
      if (group_by_part && (part == NULL || !g_str_equal (part, response_part (pair->now))))
        {
          g_autofree char *name = NULL;

          part = response_part (pair->now);
          name = g_markup_printf_escaped ("<b>%s</b>", *part != '\0' ? part
                                                                     : _("Without county part"));
          {
            const char *row[] = { name, "", "", "" };

            upp_report_layout_add_table_row (layout, FALSE, G_N_ELEMENTS (row), widths, row);
          }
        }
      {
        const char *row[] = { unit, from_label, to_label, mark };

        upp_report_layout_add_table_row (layout, FALSE, G_N_ELEMENTS (row), widths, row);
      }
    }

  if (n_changed == 0)
    {
      g_autofree char *sentence = g_strdup_printf (_("No unit has changed its answer since "
                                                     "%d."), earlier_year);

      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, sentence);
    }
  if (same->len > 0)
    {
      g_autofree char *joined = upp_report_join_names (same);
      g_autofree char *sentence = g_strdup_printf (_("The same answer as in %d (=): %s."),
                                                   earlier_year, joined);

      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE, sentence);
    }
}

typedef struct
{
  int   from;
  int   to;
  guint n_units;
} Transition;

static int
compare_transitions (gconstpointer a,
                     gconstpointer b)
{
  const Transition *ta = a;
  const Transition *tb = b;

  if (ta->n_units != tb->n_units)
    return ta->n_units > tb->n_units ? -1 : 1;
  if (ta->from != tb->from)
    return ta->from - tb->from;
  return ta->to - tb->to;
}

/* "3 units have gone from “In progress” to “Signed” since 2024." for each change of choice
 * of the question's answers, most units first; NULL when no unit is coded both years. */
static char *
describe_transitions (UppQuestion      *question,
                      const VersionMap *map,
                      GArray           *pairs,
                      int          earlier_year)
{
  const char *key = upp_question_get_key (question);
  g_autoptr(GArray) transitions = g_array_new (FALSE, FALSE, sizeof (Transition));
  GString *text = g_string_new (NULL);
  guint n_both = 0;

  for (guint i = 0; i < pairs->len; i++)
    {
      UnitPair *pair = &g_array_index (pairs, UnitPair, i);
      g_autofree char *from_code = dup_single_code (pair->earlier, map, key);
      g_autofree char *to_code = dup_single_code (pair->now, NULL, key);
      int from = choice_position (question, from_code);
      int to = choice_position (question, to_code);
      gboolean found = FALSE;

      if (from < 0 || to < 0)
        continue;
      n_both++;
      if (from == to)
        continue;
      for (guint t = 0; t < transitions->len && !found; t++)
        {
          Transition *transition = &g_array_index (transitions, Transition, t);

          if (transition->from == from && transition->to == to)
            {
              transition->n_units++;
              found = TRUE;
            }
        }
      if (!found)
        {
          Transition transition = { from, to, 1 };

          g_array_append_val (transitions, transition);
        }
    }

  if (n_both == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  if (transitions->len == 0)
    g_string_append_printf (text, _("No unit has changed its answer since %d."), earlier_year);
  g_array_sort (transitions, compare_transitions);
  for (guint t = 0; t < transitions->len; t++)
    {
      Transition *transition = &g_array_index (transitions, Transition, t);
      GPtrArray *choices = upp_question_get_choices (question);

      if (t > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u unit has gone from “%s” to “%s” since %d.",
                                           "%u units have gone from “%s” to “%s” since %d.",
                                           transition->n_units),
                              transition->n_units,
                              ((UppChoice *) g_ptr_array_index (choices, transition->from))->label,
                              ((UppChoice *) g_ptr_array_index (choices, transition->to))->label,
                              earlier_year);
    }
  return g_string_free (text, FALSE);
}

/* Seed 001 follows up what changed since the last follow-up: the status of each unit on the
 * first single-choice question (the LÖK status) and a sentence per coded question. */
static gboolean
add_comparison_chapter (UppReport   *self,
                        UppStore    *store,
                        UppRound    *round,
                        UppRound    *earlier,
                        GPtrArray   *responses,
                        const char  *number,
                        GError     **error)
{
  UppReportLayout *layout = self->layout;
  UppTemplate *template = upp_round_get_template (round);
  g_autoptr(GPtrArray) earlier_responses = upp_store_list_responses (store, earlier, error);
  g_autoptr(GArray) pairs = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autofree char *intro = NULL;
  gboolean has_status = FALSE;
  gboolean has_list = FALSE;
  VersionMap map = { template, upp_round_get_template (earlier), NULL };

  if (earlier_responses == NULL)
    return FALSE;
  versions = upp_store_list_template_versions (store, upp_template_get_key (template), error);
  if (versions == NULL)
    return FALSE;
  map.versions = versions;
  pairs = pair_units (earlier_responses, responses);
  if (self->group_by_part)
    g_array_sort (pairs, compare_pairs_by_part);

  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, number, _("Years compared"), TRUE);
  intro = g_strdup_printf (_("The round is compared with the round of %d, unit by unit: "
                             "units that took part in both and answered with one choice "
                             "both years."),
                           upp_round_get_year (earlier));
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, intro);

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      g_autofree char *sentences = NULL;
      g_autofree char *item = NULL;

      if (!upp_question_is_coded (question)
          || upp_question_get_kind (question) == UPP_QUESTION_KIND_MULTIPLE_CHOICE)
        continue;
      if (!has_status && upp_question_get_kind (question) == UPP_QUESTION_KIND_SINGLE_CHOICE)
        {
          add_status_changes (layout, question, &map, pairs, upp_round_get_year (earlier),
                              upp_round_get_year (round), self->group_by_part);
          upp_report_drawings_add_chart (layout, store, round, UPP_CHART_CHANGE_OVER_YEARS,
                                         upp_question_get_key (question), self->group_by_part);
          has_status = TRUE;
        }
      sentences = describe_transitions (question, &map, pairs, upp_round_get_year (earlier));
      if (sentences == NULL)
        continue;
      if (!has_list)
        {
          upp_report_layout_add_heading (layout, 2, NULL, _("Changes per question"), FALSE);
          has_list = TRUE;
        }
      item = g_strdup_printf ("%s: %s", question_name (question), sentences);
      upp_report_layout_add_list_item (layout, NULL, item);
    }
  return TRUE;
}

static void
add_questionnaire (UppReportLayout *layout,
                   UppTemplate     *template)
{
  const char *description = upp_template_get_description (template);

  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, NULL, _("Appendix: Questionnaire"), TRUE);
  upp_report_layout_add_heading (layout, 2, NULL, upp_template_get_title (template), FALSE);
  if (!upp_str_is_blank (description))
    upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, description);

  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const UppSection *section = find_new_part (template, i);
      GPtrArray *choices = upp_question_get_choices (question);
      GPtrArray *fields = upp_question_get_fields (question);
      GPtrArray *columns = upp_question_get_columns (question);
      g_autofree char *line = dup_numbered_text (question);

      if (section != NULL)
        {
          g_autofree char *title = dup_part_title (template, section);

          upp_report_layout_add_heading (layout, 3, NULL, title, FALSE);
          if (!upp_str_is_blank (section->intro))
            upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, section->intro);
        }
      if (find_new_heading (template, i) != NULL)
        upp_report_layout_add_heading (layout, 4, NULL, find_new_heading (template, i), FALSE);
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_QUESTION, line);
      if (!upp_str_is_blank (upp_question_get_help (question)))
        upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_NOTE,
                                         upp_question_get_help (question));

      for (guint c = 0; c < choices->len; c++)
        upp_report_layout_add_list_item (layout, "☐",
                                         ((UppChoice *) g_ptr_array_index (choices, c))->label);
      for (guint f = 0; f < fields->len; f++)
        {
          const UppItemField *field = g_ptr_array_index (fields, f);
          g_autofree char *blank = g_strdup_printf ("%s: ____________________", field->label);

          upp_report_layout_add_list_item (layout, "–", blank);
        }
      if (columns->len > 0)
        {
          g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

          for (guint c = 0; c < columns->len; c++)
            g_ptr_array_add (cells, g_markup_escape_text (
                               ((UppItemField *) g_ptr_array_index (columns, c))->label, -1));
          upp_report_layout_add_table_row (layout, TRUE, cells->len, NULL,
                                           (const char * const *) cells->pdata);
          upp_report_layout_add_space (layout, 6);
        }
    }
}

/* Seed 001's appendices hold what the text summarises; here every unit's answer to each
 * question, when the report's setting moves them out of the results. */
static void
add_answers_appendix (UppReport   *self,
                      UppTemplate *template,
                      GPtrArray   *responses)
{
  UppReportLayout *layout = self->layout;

  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, NULL, _("Appendix: Answers in full"), TRUE);
  for (guint i = 0; i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const UppSection *section = find_new_part (template, i);
      g_autofree char *heading = dup_numbered_text (question);

      if (section != NULL)
        {
          g_autofree char *title = dup_part_title (template, section);

          upp_report_layout_add_heading (layout, 2, NULL, title, FALSE);
        }
      upp_report_layout_add_heading (layout,
                                     upp_str_is_blank (upp_question_get_section (question))
                                     ? 2 : 3, NULL, heading, FALSE);
      add_unit_answers (self, question, responses);
    }
}

static gboolean
build (UppReport  *self,
       UppStore   *store,
       UppRound   *round,
       UppRound   *earlier,
       GPtrArray  *responses,
       GError    **error)
{
  UppReportLayout *layout = self->layout;
  UppTemplate *template = upp_round_get_template (round);
  const char *summary = round_text (round, UPP_REPORT_TEXT_SUMMARY);
  const char *background = round_text (round, UPP_REPORT_TEXT_BACKGROUND);
  const char *recommendations = round_text (round, UPP_REPORT_TEXT_RECOMMENDATIONS);
  const char *follow_up = round_text (round, UPP_REPORT_TEXT_FOLLOW_UP_AREAS);
  const char *references = round_text (round, UPP_REPORT_TEXT_REFERENCES);
  g_autofree char *header = NULL;
  g_autofree char *results_number = NULL;
  guint first_section = 1;
  guint chapter = 0;

  header = g_strdup_printf ("%s · %s · %d", self->title, upp_round_get_region_name (round),
                            upp_round_get_year (round));
  upp_report_layout_set_running_header (layout, header);

  add_title_page (self, round);
  upp_report_layout_add_contents (layout, _("Contents"));

  /* What managers read first, as in the model reports. */
  if (summary != NULL)
    add_text_chapter (layout, NULL, _("Summary"), summary);
  if (recommendations != NULL)
    add_text_chapter (layout, NULL, _("Recommendations"), recommendations);
  if (follow_up != NULL)
    add_text_chapter (layout, NULL, _("Proposed follow-up areas"), follow_up);

  if (background != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%u", ++chapter);

      add_text_chapter (layout, number, _("Background and purpose"), background);
    }

  {
    g_autofree char *number = g_strdup_printf ("%u", ++chapter);

    add_method_chapter (self, store, round, responses, number);
  }

  results_number = g_strdup_printf ("%u", ++chapter);
  upp_report_layout_add_page_break (layout);
  upp_report_layout_add_heading (layout, 1, results_number, _("Results"), TRUE);
  /* Seed 001 opens its results with the agreements in force and their periods. */
  {
    g_autofree char *number = g_strdup_printf ("%s.1", results_number);

    if (upp_report_add_agreements (layout, store, round, responses, self->group_by_part, 2,
                                   number))
      first_section++;
  }
  if (upp_template_get_n_sections (template) > 0)
    add_results_by_part (self, store, round, template, responses);
  else
    for (guint i = 0; i < upp_template_get_n_questions (template); i++)
      {
        g_autofree char *number = g_strdup_printf ("%s.%u", results_number, i + first_section);

        add_question_results (self, store, round, upp_template_get_question (template, i),
                              responses, number);
      }

  if (earlier != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%u", ++chapter);

      if (!add_comparison_chapter (self, store, round, earlier, responses, number, error))
        return FALSE;
    }

  {
    g_autofree char *number = g_strdup_printf ("%u", chapter + 1);
    gboolean added = FALSE;

    if (!add_factors_chapter (self, store, round, number, &added, error))
      return FALSE;
    if (added)
      chapter++;
  }

  if (references != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%u", ++chapter);

      add_text_chapter (layout, number, _("References"), references);
    }

  add_questionnaire (layout, template);
  if (self->answers_in_appendix)
    add_answers_appendix (self, template, responses);
  return TRUE;
}

static gboolean
is_earlier_round (UppRound *earlier,
                  UppRound *round)
{
  return g_strcmp0 (upp_region_get_code (upp_round_get_region (earlier)),
                    upp_region_get_code (upp_round_get_region (round))) == 0
         && upp_round_get_year (earlier) < upp_round_get_year (round);
}

UppRound *
upp_report_find_earlier_round (UppStore  *store,
                               UppRound  *round,
                               GError   **error)
{
  g_autoptr(GPtrArray) rounds = NULL;
  UppRound *earlier = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  rounds = upp_store_list_rounds (store, error);
  if (rounds == NULL)
    return NULL;
  for (guint i = 0; i < rounds->len; i++)
    {
      UppRound *other = g_ptr_array_index (rounds, i);

      if (is_earlier_round (other, round)
          && (earlier == NULL || upp_round_get_year (other) > upp_round_get_year (earlier)))
        earlier = other;
    }
  return earlier != NULL ? g_object_ref (earlier) : NULL;
}

/* The round the report's setting names; the latest earlier one when it names none, or one
 * that is gone or no longer earlier (its year changed). */
static UppRound *
find_chosen_round (UppStore  *store,
                   UppRound  *round,
                   GError   **error)
{
  const char *chosen = upp_round_get_text (round, UPP_REPORT_TEXT_COMPARE_WITH);

  if (g_strcmp0 (chosen, UPP_REPORT_COMPARE_WITH_NONE) == 0)
    return NULL;
  if (!upp_str_is_blank (chosen))
    {
      g_autoptr(UppRound) earlier = upp_store_load_round (store, chosen, NULL);

      if (earlier != NULL && is_earlier_round (earlier, round))
        return g_steal_pointer (&earlier);
    }
  return upp_report_find_earlier_round (store, round, error);
}

UppReport *
upp_report_new (UppStore  *store,
                UppRound  *round,
                GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(UppRound) earlier = NULL;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  earlier = find_chosen_round (store, round, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return upp_report_new_compared (store, round, earlier, error);
}

UppReport *
upp_report_new_compared (UppStore  *store,
                         UppRound  *round,
                         UppRound  *earlier,
                         GError   **error)
{
  g_autoptr(UppReport) self = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  const char *title;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);
  g_return_val_if_fail (earlier == NULL || UPP_IS_ROUND (earlier), NULL);

  if (upp_round_get_template (round) == NULL)
    {
      g_set_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_NO_TEMPLATE,
                   _("The round has no questionnaire to report on."));
      return NULL;
    }
  if (earlier != NULL && !is_earlier_round (earlier, round))
    {
      g_set_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_NOT_EARLIER,
                   _("The round of %d is no earlier round of %s to compare with."),
                   upp_round_get_year (earlier), upp_round_get_region_name (round));
      return NULL;
    }

  responses = upp_store_list_responses (store, round, error);
  if (responses == NULL)
    return NULL;

  self = g_object_new (UPP_TYPE_REPORT, NULL);
  self->made = dup_report_time ();
  title = upp_round_get_title (round);
  if (upp_str_is_blank (title))
    title = upp_template_get_title (upp_round_get_template (round));
  self->title = g_strdup (title);
  self->author = g_strdup (round_text (round, UPP_REPORT_TEXT_AUTHOR));
  if (self->author == NULL)
    self->author = g_strdup (round_text (round, UPP_REPORT_TEXT_ORGANISATION));
  self->answers_in_appendix = setting_is_on (round, UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX);
  self->group_by_part = setting_is_on (round, UPP_REPORT_TEXT_GROUP_BY_PART)
                        && has_county_parts (responses);

  upp_chart_begin_batch (store);
  if (!build (self, store, round, earlier, responses, error))
    {
      upp_chart_end_batch (store);
      return NULL;
    }
  upp_chart_end_batch (store);
  upp_report_layout_paginate (self->layout);

  return g_steal_pointer (&self);
}

guint
upp_report_get_n_pages (UppReport *self)
{
  g_return_val_if_fail (UPP_IS_REPORT (self), 0);

  return upp_report_layout_get_n_pages (self->layout);
}

void
upp_report_draw_page (UppReport *self,
                      cairo_t   *cr,
                      guint      page)
{
  g_return_if_fail (UPP_IS_REPORT (self));

  upp_report_layout_draw_page (self->layout, cr, page);
}

guint
upp_report_get_n_contents (UppReport *self)
{
  g_return_val_if_fail (UPP_IS_REPORT (self), 0);

  return upp_report_layout_get_n_contents (self->layout);
}

guint
upp_report_get_contents_page (UppReport *self,
                              guint      entry)
{
  g_return_val_if_fail (UPP_IS_REPORT (self), 0);

  return upp_report_layout_get_contents_page (self->layout, entry);
}

static cairo_status_t
write_to_file (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS
                                                    : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
upp_report_write_pdf (UppReport              *self,
                      const char             *path,
                      UppReportProgressFunc   progress,
                      gpointer                user_data,
                      GCancellable           *cancellable,
                      GError                **error)
{
  g_autofree char *temp_path = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  FILE *file;
  guint n_pages;
  int fd;
  int saved_errno = 0;

  g_return_val_if_fail (UPP_IS_REPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  fd = upp_files_create_temp (path, &temp_path, NULL);
  if (fd < 0 || (file = fdopen (fd, "wb")) == NULL)
    {
      saved_errno = errno;
      if (fd >= 0)
        {
          close (fd);
          upp_files_discard_temp (temp_path);
        }
      g_set_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s."), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  n_pages = upp_report_layout_paginate (self->layout);
  surface = cairo_pdf_surface_create_for_stream (write_to_file, file,
                                                 UPP_REPORT_WIDTH, UPP_REPORT_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Uppföljning");
  {
    g_autofree char *created = g_date_time_format (self->made, "%Y-%m-%dT%H:%M:%S%:z");

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  }
  upp_report_layout_add_pdf_outline (self->layout, surface);

  cr = cairo_create (surface);
  for (guint page = 0; page < n_pages; page++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;
      upp_report_layout_draw_page (self->layout, cr, page);
      cairo_show_page (cr);
      if (progress != NULL)
        progress (page + 1, n_pages, user_data);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (fflush (file) != 0 || fsync (fileno (file)) != 0)
    saved_errno = errno;
  if (fclose (file) != 0 && saved_errno == 0)
    saved_errno = errno;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      upp_files_discard_temp (temp_path);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS || saved_errno != 0)
    {
      upp_files_discard_temp (temp_path);
      g_set_error (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_WRITE,
                   _("Could not write the report to “%s”: %s."), path,
                   saved_errno != 0 ? g_strerror (saved_errno)
                                    : cairo_status_to_string (status));
      return FALSE;
    }
  if (!upp_files_commit_temp (temp_path, path, &local_error))
    {
      g_set_error_literal (error, UPP_REPORT_ERROR, UPP_REPORT_ERROR_WRITE,
                           local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
upp_report_export_pdf (UppStore               *store,
                       UppRound               *round,
                       const char             *path,
                       UppReportProgressFunc   progress,
                       gpointer                user_data,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(UppReport) report = upp_report_new (store, round, error);

  if (report == NULL)
    return FALSE;
  return upp_report_write_pdf (report, path, progress, user_data, cancellable, error);
}

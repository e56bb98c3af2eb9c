/* upp-chart.c: comparative charts of a round or of a region over years, drawn with cairo
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-chart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "upp-answer.h"
#include "upp-coding.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"
#include "upp-unit.h"
#include "upp-files.h"
#include "upp-util.h"

#include "chart-private.h"
#include "upp-chart.h"

/* The most rounds a chart over years shows: the latest ones up to the chart's round. */
#define MAX_DISTRIBUTION_YEARS  5
#define MAX_CHANGE_YEARS       12

struct _UppChart
{
  GObject    parent_instance;

  ChartData  data;
  char      *question_key;
  /* The rows in the order they were made, while they are grouped by county part. */
  GPtrArray *ungrouped_rows;
};

G_DEFINE_FINAL_TYPE (UppChart, upp_chart, G_TYPE_OBJECT)

G_DEFINE_QUARK (upp-chart-error-quark, upp_chart_error)

typedef struct
{
  const char *key;
  const char *label;
  const char *description;
  gboolean    needs_question;
} KindInfo;

static const KindInfo kinds[UPP_N_CHART_KINDS] = {
  { "coded-by-unit", N_("Coded answer by unit"),
    N_("Each unit's coded answer to one question, units sorted by answer"), TRUE },
  { "distribution", N_("Distribution"),
    N_("Number of units per answer to one question, for each year"), TRUE },
  { "change-over-years", N_("Change over years"),
    N_("Each unit's coded answer to one question in every round, to see who moved"), TRUE },
  { "response-progress", N_("Response progress"),
    N_("Number of units per response status in the round"), FALSE },
  { "answered-questions", N_("Answered questions"),
    N_("Units by questions: which answers are given and how long they are"), FALSE },
  { "themes", N_("Themes"),
    N_("Number of units with a passage coded with each theme, promoting and hindering, "
       "per year"), FALSE },
};

static const char *formats[] = { "png", "svg", "pdf" };

const char *
upp_chart_kind_to_key (UppChartKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_CHART_KINDS, NULL);
  return kinds[kind].key;
}

gboolean
upp_chart_kind_from_key (const char   *key,
                         UppChartKind *kind)
{
  for (guint i = 0; key != NULL && i < UPP_N_CHART_KINDS; i++)
    {
      if (g_strcmp0 (kinds[i].key, key) == 0)
        {
          *kind = (UppChartKind) i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
upp_chart_kind_get_label (UppChartKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_CHART_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].label);
}

const char *
upp_chart_kind_get_description (UppChartKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_CHART_KINDS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kinds[kind].description);
}

gboolean
upp_chart_kind_needs_question (UppChartKind kind)
{
  g_return_val_if_fail ((guint) kind < UPP_N_CHART_KINDS, FALSE);
  return kinds[kind].needs_question;
}

gboolean
upp_chart_kind_accepts_question (UppChartKind  kind,
                                 UppQuestion  *question)
{
  g_return_val_if_fail ((guint) kind < UPP_N_CHART_KINDS, FALSE);
  if (!kinds[kind].needs_question)
    return FALSE;
  return question != NULL && upp_question_is_coded (question);
}

const char *
upp_chart_format_to_key (UppChartFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (formats), NULL);
  return formats[format];
}

gboolean
upp_chart_format_from_key (const char     *key,
                           UppChartFormat *format)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (formats[i], key) == 0)
        {
          *format = (UppChartFormat) i;
          return TRUE;
        }
    }
  return FALSE;
}

void
chart_row_free (ChartRow *row)
{
  g_free (row->name);
  g_free (row->uuid);
  g_free (row->sub_area);
  g_free (row->cells);
  g_free (row);
}

void
chart_column_free (ChartColumn *column)
{
  g_free (column->label);
  g_free (column->detail);
  g_free (column);
}

void
chart_theme_count_free (ChartThemeCount *theme)
{
  g_free (theme->name);
  g_free (theme->colour);
  g_free (theme->counts);
  /* NULL where a column counts nobody, so not a NULL-terminated list. */
  for (guint i = 0; i < theme->n_slots; i++)
    g_free (theme->units[i]);
  g_free (theme->units);
  g_free (theme);
}

void
chart_hit_clear (ChartHit *hit)
{
  g_clear_pointer (&hit->unit, g_free);
  g_clear_pointer (&hit->value, g_free);
}

static void
upp_chart_finalize (GObject *object)
{
  UppChart *self = (UppChart *) object;
  ChartData *data = &self->data;

  g_clear_pointer (&data->title, g_free);
  g_clear_pointer (&data->subtitle, g_free);
  g_clear_pointer (&data->source, g_free);
  g_clear_pointer (&data->source_date, g_free);
  g_clear_pointer (&data->question_label, g_free);
  g_clear_pointer (&data->choices, g_ptr_array_unref);
  g_clear_pointer (&data->columns, g_ptr_array_unref);
  g_clear_pointer (&data->rows, g_ptr_array_unref);
  g_clear_pointer (&data->themes, g_ptr_array_unref);
  g_clear_pointer (&data->hits, g_array_unref);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->ungrouped_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_chart_parent_class)->finalize (object);
}

static void
upp_chart_class_init (UppChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = upp_chart_finalize;
}

static void
upp_chart_init (UppChart *self)
{
  self->data.choices = g_ptr_array_new_with_free_func (g_free);
  self->data.columns = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_column_free);
  self->data.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_row_free);
  self->data.themes = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_theme_count_free);
  self->data.hits = g_array_new (FALSE, TRUE, sizeof (ChartHit));
  g_array_set_clear_func (self->data.hits, (GDestroyNotify) chart_hit_clear);
  self->data.source_date = g_strdup ("");
}

/* A round's responses, loaded once per round of the series. */
typedef struct
{
  UppRound  *round;
  GPtrArray *responses;
} SeriesRound;

static void
series_round_free (SeriesRound *series)
{
  g_clear_object (&series->round);
  g_clear_pointer (&series->responses, g_ptr_array_unref);
  g_free (series);
}

static const char *
round_template_key (UppRound *round)
{
  UppTemplate *template = upp_round_get_template (round);

  return template != NULL ? upp_template_get_key (template) : NULL;
}

static const char *
round_region_code (UppRound *round)
{
  UppRegion *region = upp_round_get_region (round);

  return region != NULL ? upp_region_get_code (region) : NULL;
}

static int
compare_rounds (gconstpointer a,
                gconstpointer b)
{
  UppRound *round_a = *(UppRound * const *) a;
  UppRound *round_b = *(UppRound * const *) b;
  int year_a = upp_round_get_year (round_a);
  int year_b = upp_round_get_year (round_b);

  if (year_a != year_b)
    return year_a < year_b ? -1 : 1;
  return g_strcmp0 (upp_round_get_uuid (round_a), upp_round_get_uuid (round_b));
}

/* The rounds of the same region (and template key, with same_template) up to this round's
 * year, oldest first, ending with this round; at most max_rounds of them. */
static GPtrArray *
list_series_rounds (UppStore  *store,
                    UppRound  *round,
                    guint      max_rounds,
                    gboolean   same_template,
                    GError   **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rounds = NULL;

  rounds = upp_store_list_rounds (store, error);
  if (rounds == NULL)
    return NULL;

  for (guint i = 0; i < rounds->len; i++)
    {
      UppRound *other = g_ptr_array_index (rounds, i);

      if (g_strcmp0 (upp_round_get_uuid (other), upp_round_get_uuid (round)) == 0 ||
          g_strcmp0 (round_region_code (other), round_region_code (round)) != 0 ||
          (same_template &&
           g_strcmp0 (round_template_key (other), round_template_key (round)) != 0) ||
          upp_round_get_year (other) > upp_round_get_year (round))
        continue;
      g_ptr_array_add (series, g_object_ref (other));
    }
  g_ptr_array_sort (series, compare_rounds);
  /* Rounds of the same year sort before this one, which always ends the series. */
  g_ptr_array_add (series, g_object_ref (round));
  if (series->len > max_rounds)
    g_ptr_array_remove_range (series, 0, series->len - max_rounds);
  return g_steal_pointer (&series);
}

/* Between upp_chart_begin_batch () and upp_chart_end_batch (), the responses of each round
 * read for a chart, by round uuid, kept on the store: a report draws a chart per coded
 * question over the same years, and reading ten rounds of 290 units again for each was a
 * large part of its time. */
#define BATCH_KEY "upp-chart-batch"

void
upp_chart_begin_batch (UppStore *store)
{
  g_return_if_fail (UPP_IS_STORE (store));

  g_object_set_data_full (G_OBJECT (store), BATCH_KEY,
                          g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_ptr_array_unref),
                          (GDestroyNotify) g_hash_table_unref);
}

void
upp_chart_end_batch (UppStore *store)
{
  g_return_if_fail (UPP_IS_STORE (store));

  g_object_set_data (G_OBJECT (store), BATCH_KEY, NULL);
}

/* The round's responses: from the batch when one is open. */
static GPtrArray *
list_responses (UppStore  *store,
                UppRound  *round,
                GError   **error)
{
  GHashTable *batch = g_object_get_data (G_OBJECT (store), BATCH_KEY);
  GPtrArray *responses;

  if (batch != NULL && (responses = g_hash_table_lookup (batch, upp_round_get_uuid (round))))
    return g_ptr_array_ref (responses);
  responses = upp_store_list_responses (store, round, error);
  if (batch != NULL && responses != NULL)
    g_hash_table_insert (batch, g_strdup (upp_round_get_uuid (round)),
                         g_ptr_array_ref (responses));
  return responses;
}

/* The rounds of list_series_rounds() with the same template key, with their responses. */
static GPtrArray *
load_series (UppStore  *store,
             UppRound  *round,
             guint      max_rounds,
             GError   **error)
{
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_round_free);
  g_autoptr(GPtrArray) rounds = NULL;

  rounds = list_series_rounds (store, round, max_rounds, TRUE, error);
  if (rounds == NULL)
    return NULL;

  for (guint i = 0; i < rounds->len; i++)
    {
      SeriesRound *entry = g_new0 (SeriesRound, 1);

      entry->round = g_object_ref (g_ptr_array_index (rounds, i));
      g_ptr_array_add (series, entry);
      entry->responses = list_responses (store, entry->round, error);
      if (entry->responses == NULL)
        return NULL;
    }
  return g_steal_pointer (&series);
}

static void
fill_cell (ChartCell   *cell,
           UppQuestion *question,
           UppAnswer   *answer)
{
  GPtrArray *choices;
  const char * const *codes;
  g_autofree char *text = NULL;

  cell->present = TRUE;
  if (answer == NULL)
    return;

  text = g_strstrip (g_strdup (upp_answer_get_text (answer)));
  cell->length = (gint32) g_utf8_strlen (text, -1);

  if (question == NULL)
    return;
  choices = upp_question_get_choices (question);
  codes = upp_answer_get_choices (answer);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      for (guint position = 0; position < choices->len && position < CHART_MAX_CHOICES; position++)
        {
          const UppChoice *choice = g_ptr_array_index (choices, position);

          if (g_strcmp0 (choice->key, codes[i]) == 0)
            cell->codes |= 1u << position;
        }
    }
}

static ChartRow *
row_new (UppResponse *response,
         guint        n_columns)
{
  ChartRow *row = g_new0 (ChartRow, 1);
  UppUnit *unit = upp_response_get_unit (response);

  row->name = g_strdup (upp_response_get_unit_name (response));
  row->uuid = g_strdup (unit != NULL ? upp_unit_get_uuid (unit) : "");
  row->sub_area = g_strdup (unit != NULL ? upp_unit_get_sub_area (unit) : "");
  row->status = upp_response_get_status (response);
  row->cells = g_new0 (ChartCell, MAX (n_columns, 1));
  return row;
}

/* The same unit in another round: by its uuid, or by its name when a unit was replaced. */
static UppResponse *
find_unit_response (GPtrArray  *responses,
                    GHashTable *by_uuid,
                    GHashTable *by_name,
                    ChartRow   *row)
{
  UppResponse *response = g_hash_table_lookup (by_uuid, row->uuid);
  g_autofree char *folded = NULL;

  if (response != NULL)
    return response;
  folded = g_utf8_casefold (row->name, -1);
  return g_hash_table_lookup (by_name, folded);
}

static char *
latest_change (GPtrArray *responses)
{
  const char *latest = NULL;

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      const char *modified = upp_response_get_modified (response);

      if (modified != NULL && g_strcmp0 (modified, latest) > 0)
        latest = modified;
    }
  if (latest == NULL || strlen (latest) < 10)
    return g_strdup ("");
  return g_strndup (latest, 10);
}

static char *
answers_latest_change (GPtrArray   *responses,
                       UppTemplate *template)
{
  g_autofree char *latest = latest_change (responses);

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      for (guint q = 0; template != NULL && q < upp_template_get_n_questions (template); q++)
        {
          UppQuestion *question = upp_template_get_question (template, q);
          UppAnswer *answer = upp_response_get_answer (response, upp_question_get_key (question));
          const char *modified = answer != NULL ? upp_answer_get_modified (answer) : NULL;

          if (modified != NULL && strlen (modified) >= 10 && strncmp (modified, latest, 10) > 0)
            {
              g_free (latest);
              latest = g_strndup (modified, 10);
            }
        }
    }
  return g_steal_pointer (&latest);
}

static guint
first_code (const ChartCell *cell)
{
  for (guint i = 0; i < CHART_MAX_CHOICES; i++)
    if (cell->codes & (1u << i))
      return i;
  return CHART_MAX_CHOICES;
}

static int
compare_rows_by_code (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  const ChartRow *row_a = *(ChartRow * const *) a;
  const ChartRow *row_b = *(ChartRow * const *) b;
  guint code_a = first_code (&row_a->cells[column]);
  guint code_b = first_code (&row_b->cells[column]);

  /* The first chosen code, then the whole set: units with the same answer stay together. */
  if (code_a != code_b)
    return code_a < code_b ? -1 : 1;
  if (row_a->cells[column].codes != row_b->cells[column].codes)
    return row_a->cells[column].codes < row_b->cells[column].codes ? -1 : 1;
  return g_utf8_collate (row_a->name, row_b->name);
}

static char *
round_source (UppRound *round)
{
  g_autofree char *year = g_strdup_printf ("%d", upp_round_get_year (round));
  const char *title = upp_round_get_title (round);
  const char *region = upp_round_get_region_name (round);

  if (title == NULL || *title == '\0')
    return g_strdup_printf ("%s, %s", region, year);
  if (strstr (title, year) != NULL)
    return g_strdup_printf ("%s, %s", region, title);
  /* TRANSLATORS: the source line of a chart: region, round title (year) */
  return g_strdup_printf (_("%s, %s (%s)"), region, title, year);
}

static void
set_question_texts (ChartData   *data,
                    UppQuestion *question)
{
  const char *number = upp_question_get_number (question);
  const char *short_label = upp_question_get_short_label (question);

  if (short_label == NULL || *short_label == '\0')
    short_label = upp_question_get_key (question);
  data->question_label = g_strdup (short_label);
  if (number != NULL && *number != '\0')
    data->subtitle = g_strdup_printf ("%s. %s", number, upp_question_get_text (question));
  else
    data->subtitle = g_strdup (upp_question_get_text (question));
  data->multiple = upp_question_get_kind (question) == UPP_QUESTION_KIND_MULTIPLE_CHOICE;

  for (guint i = 0; i < upp_question_get_choices (question)->len && i < CHART_MAX_CHOICES; i++)
    {
      const UppChoice *choice = g_ptr_array_index (upp_question_get_choices (question), i);

      g_ptr_array_add (data->choices, g_strdup (choice->label));
    }
}

static UppQuestion *
pick_question (UppTemplate   *template,
               UppChartKind   kind,
               const char    *question_key,
               GError       **error)
{
  UppQuestion *question;

  if (question_key != NULL)
    {
      question = template != NULL ? upp_template_find_question (template, question_key) : NULL;
      if (question == NULL)
        {
          g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRONG_QUESTION,
                       _("The round's template has no question “%s”."), question_key);
          return NULL;
        }
      if (!upp_chart_kind_accepts_question (kind, question))
        {
          g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRONG_QUESTION,
                       _("Question “%s” has no choices to count, so it cannot be drawn as “%s”; "
                         "pick a question with choices."),
                       question_key, upp_chart_kind_get_label (kind));
          return NULL;
        }
      return question;
    }

  for (guint i = 0; template != NULL && i < upp_template_get_n_questions (template); i++)
    {
      question = upp_template_get_question (template, i);
      if (upp_chart_kind_accepts_question (kind, question))
        return question;
    }
  g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_NO_QUESTION,
               _("The round's template has no question with choices, so there is nothing to "
                 "draw as “%s”."), upp_chart_kind_get_label (kind));
  return NULL;
}

/* Earlier rounds where nobody has a code for the question (not asked, or not coded yet) would
 * only add an empty column; the chart's own round always stays. */
static void
drop_uncoded_columns (ChartData *data)
{
  g_autoptr(GPtrArray) columns = data->columns;
  guint kept = 0;

  data->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) chart_column_free);
  for (guint c = 0; c < columns->len; c++)
    {
      gboolean coded = c == data->current_column;

      for (guint r = 0; r < data->rows->len && !coded; r++)
        coded = ((ChartRow *) g_ptr_array_index (data->rows, r))->cells[c].codes != 0;
      if (!coded)
        continue;
      for (guint r = 0; r < data->rows->len; r++)
        {
          ChartRow *row = g_ptr_array_index (data->rows, r);

          row->cells[kept] = row->cells[c];
        }
      g_ptr_array_add (data->columns, g_steal_pointer (&g_ptr_array_index (columns, c)));
      kept++;
    }
  data->current_column = kept - 1;
  /* The stolen slots are NULL now. */
  g_ptr_array_set_free_func (columns, NULL);
  for (guint c = 0; c < columns->len; c++)
    if (g_ptr_array_index (columns, c) != NULL)
      chart_column_free (g_ptr_array_index (columns, c));
}

static gboolean
gather_series (UppChart     *self,
               UppStore     *store,
               UppRound     *round,
               UppQuestion  *question,
               guint         max_rounds,
               GError      **error)
{
  ChartData *data = &self->data;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  UppTemplate *template = upp_round_get_template (round);
  SeriesRound *own;
  const char *key = upp_question_get_key (question);

  series = load_series (store, round, max_rounds, error);
  if (series == NULL)
    return FALSE;
  /* Earlier rounds may have asked an earlier version: years line up by the questions'
   * mapping, not by key alone. */
  versions = upp_store_list_template_versions (store, upp_template_get_key (template), error);
  if (versions == NULL)
    return FALSE;

  for (guint i = 0; i < series->len; i++)
    {
      SeriesRound *entry = g_ptr_array_index (series, i);
      ChartColumn *column = g_new0 (ChartColumn, 1);

      column->label = g_strdup_printf ("%d", upp_round_get_year (entry->round));
      column->detail = g_strdup (upp_round_get_title (entry->round));
      g_ptr_array_add (data->columns, column);
    }
  data->current_column = series->len - 1;

  own = g_ptr_array_index (series, series->len - 1);
  for (guint i = 0; i < own->responses->len; i++)
    g_ptr_array_add (data->rows, row_new (g_ptr_array_index (own->responses, i), series->len));

  for (guint c = 0; c < series->len; c++)
    {
      SeriesRound *entry = g_ptr_array_index (series, c);
      g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < entry->responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (entry->responses, i);
          UppUnit *unit = upp_response_get_unit (response);

          if (unit != NULL)
            g_hash_table_insert (by_uuid, (gpointer) upp_unit_get_uuid (unit), response);
          g_hash_table_insert (by_name, g_utf8_casefold (upp_response_get_unit_name (response), -1),
                               response);
        }
      for (guint r = 0; r < data->rows->len; r++)
        {
          ChartRow *row = g_ptr_array_index (data->rows, r);
          UppResponse *response = find_unit_response (entry->responses, by_uuid, by_name, row);

          if (response != NULL)
            {
              g_autoptr(UppAnswer) answer =
                upp_response_dup_mapped_answer (response, upp_round_get_template (entry->round),
                                                template, versions, key);

              fill_cell (&row->cells[c], question, answer);
              row->cells[c].declined =
                upp_response_get_status (response) == UPP_RESPONSE_STATUS_NO_ANSWER;
            }
        }
    }

  drop_uncoded_columns (data);
  g_free (data->source_date);
  data->source_date = answers_latest_change (own->responses, upp_round_get_template (round));
  return TRUE;
}

static int
theme_kind_order (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return 0;
    case UPP_THEME_KIND_HINDERING:
      return 1;
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return 2;
    }
}

static void
theme_count_add (ChartThemeCount *theme,
                 guint            column,
                 const char      *unit)
{
  char *joined;

  theme->counts[column]++;
  joined = theme->units[column] == NULL ? g_strdup (unit)
           : g_strconcat (theme->units[column], ", ", unit, NULL);
  g_free (theme->units[column]);
  theme->units[column] = joined;
}

/* Earlier years in which no unit has a coded passage (before the codebook was used) would only
 * add empty bars; the chart's own round always stays. */
static void
drop_uncoded_theme_columns (ChartData *data)
{
  guint kept = 0;

  for (guint c = 0; c < data->columns->len; c++)
    {
      gboolean coded = c == data->current_column;

      for (guint t = 0; t < data->themes->len && !coded; t++)
        coded = ((ChartThemeCount *) g_ptr_array_index (data->themes, t))->counts[c] > 0;
      if (!coded)
        continue;
      for (guint t = 0; t < data->themes->len; t++)
        {
          ChartThemeCount *theme = g_ptr_array_index (data->themes, t);
          char *units = theme->units[c];

          theme->counts[kept] = theme->counts[c];
          theme->units[c] = NULL;
          theme->units[kept] = units;
        }
      if (kept != c)
        {
          ChartColumn *column = g_ptr_array_index (data->columns, c);

          g_ptr_array_index (data->columns, c) = g_ptr_array_index (data->columns, kept);
          g_ptr_array_index (data->columns, kept) = column;
        }
      kept++;
    }
  g_ptr_array_set_size (data->columns, kept);
  data->current_column = kept - 1;
}

/* Themes by number of units: the region's themes in use (and retired ones that still code a
 * passage), counted as the units × themes matrix counts them, one column per year. */
static gboolean
gather_themes (UppChart  *self,
               UppStore  *store,
               UppRound  *round,
               GError   **error)
{
  ChartData *data = &self->data;
  g_autoptr(GPtrArray) rounds = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(UppThemeMatrix) matrix = NULL;
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) themes = NULL;
  const char *latest = NULL;
  guint n_themes;

  /* Themes belong to the region, whatever template a round was asked with. */
  rounds = list_series_rounds (store, round, MAX_DISTRIBUTION_YEARS, FALSE, error);
  if (rounds == NULL)
    return FALSE;
  matrix = upp_theme_matrix_new (store, rounds, error);
  if (matrix == NULL)
    return FALSE;

  for (guint i = 0; i < rounds->len; i++)
    {
      UppRound *each = g_ptr_array_index (rounds, i);
      ChartColumn *column = g_new0 (ChartColumn, 1);

      column->label = g_strdup_printf ("%d", upp_round_get_year (each));
      column->detail = g_strdup (upp_round_get_title (each));
      g_ptr_array_add (data->columns, column);
      g_hash_table_insert (column_of, (gpointer) upp_round_get_uuid (each),
                           GUINT_TO_POINTER (i + 1));
    }
  data->current_column = rounds->len - 1;

  n_themes = upp_theme_matrix_get_n_themes (matrix);
  themes = g_ptr_array_new ();
  for (guint t = 0; t < n_themes; t++)
    {
      UppTheme *theme = upp_theme_matrix_get_theme (matrix, t);
      ChartThemeCount *count = g_new0 (ChartThemeCount, 1);

      count->name = g_strdup (upp_theme_get_name (theme));
      count->kind = upp_theme_get_kind (theme);
      count->colour = g_strdup (upp_theme_get_colour (theme));
      count->n_slots = rounds->len;
      count->counts = g_new0 (guint, MAX (rounds->len, 1));
      count->units = g_new0 (char *, rounds->len + 1);
      g_ptr_array_add (themes, count);
    }

  for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
    {
      UppRound *row_round = upp_theme_matrix_get_round (matrix, r);
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (column_of,
                                                            upp_round_get_uuid (row_round)));

      if (column == 0)
        continue;
      if (column - 1 == data->current_column)
        {
          ChartRow *row = g_new0 (ChartRow, 1);

          row->name = g_strdup (upp_theme_matrix_get_unit_name (matrix, r));
          row->uuid = g_strdup ("");
          row->cells = g_new0 (ChartCell, 1);
          g_ptr_array_add (data->rows, row);
        }
      for (guint t = 0; t < n_themes; t++)
        if (upp_theme_matrix_get_count (matrix, r, t) > 0)
          theme_count_add (g_ptr_array_index (themes, t), column - 1,
                           upp_theme_matrix_get_unit_name (matrix, r));
    }

  /* Promoting factors first, then hindering, then the rest; by name within a kind, as the
   * matrix has them. */
  for (int order = 0; order < 3; order++)
    for (guint t = 0; t < themes->len; t++)
      {
        ChartThemeCount *count = g_ptr_array_index (themes, t);

        if (theme_kind_order (count->kind) == order)
          g_ptr_array_add (data->themes, count);
      }
  drop_uncoded_theme_columns (data);

  /* The date of the latest coding in the round, so that the same coding draws the same. */
  codings = upp_store_list_codings (store, round, NULL, NULL, error);
  if (codings == NULL)
    return FALSE;
  for (guint i = 0; i < codings->len; i++)
    {
      const char *modified = upp_coding_get_modified (g_ptr_array_index (codings, i));

      if (modified != NULL && g_strcmp0 (modified, latest) > 0)
        latest = modified;
    }
  g_free (data->source_date);
  data->source_date = latest != NULL && strlen (latest) >= 10 ? g_strndup (latest, 10)
                                                             : g_strdup ("");

  data->title = g_strdup (_("Themes by number of units"));
  data->subtitle = g_strdup (_("Units with at least one passage coded with the theme"));
  return TRUE;
}

UppChart *
upp_chart_new_for_round (UppStore      *store,
                         UppRound      *round,
                         UppChartKind   kind,
                         const char    *question_key,
                         GError       **error)
{
  g_autoptr(UppChart) self = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  UppTemplate *template;
  UppQuestion *question = NULL;
  ChartData *data;

  g_return_val_if_fail (UPP_IS_STORE (store), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  if ((guint) kind >= UPP_N_CHART_KINDS)
    {
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_UNKNOWN_KIND,
                   _("There is no chart kind number %d."), (int) kind);
      return NULL;
    }

  template = upp_round_get_template (round);
  if (kinds[kind].needs_question)
    {
      question = pick_question (template, kind, question_key, error);
      if (question == NULL)
        return NULL;
    }

  self = g_object_new (UPP_TYPE_CHART, NULL);
  data = &self->data;
  data->kind = kind;
  data->source = round_source (round);
  if (question != NULL)
    {
      self->question_key = g_strdup (upp_question_get_key (question));
      set_question_texts (data, question);
    }

  switch (kind)
    {
    case UPP_CHART_CODED_BY_UNIT:
    case UPP_CHART_DISTRIBUTION:
    case UPP_CHART_CHANGE_OVER_YEARS:
      if (!gather_series (self, store, round, question,
                          kind == UPP_CHART_CODED_BY_UNIT ? 1 :
                          kind == UPP_CHART_DISTRIBUTION ? MAX_DISTRIBUTION_YEARS :
                          MAX_CHANGE_YEARS, error))
        return NULL;
      if (kind != UPP_CHART_DISTRIBUTION)
        g_ptr_array_sort_with_data (data->rows, compare_rows_by_code,
                                    GUINT_TO_POINTER (data->current_column));
      /* TRANSLATORS: chart title; %s is a question's short label, e.g. "LÖK-status" */
      data->title = g_strdup_printf (kind == UPP_CHART_CODED_BY_UNIT ? _("%s by unit") :
                                     kind == UPP_CHART_DISTRIBUTION ? _("%s: units per answer") :
                                     _("%s over the years"), data->question_label);
      break;

    case UPP_CHART_RESPONSE_PROGRESS:
    case UPP_CHART_ANSWERED_QUESTIONS:
      responses = upp_store_list_responses (store, round, error);
      if (responses == NULL)
        return NULL;
      if (kind == UPP_CHART_ANSWERED_QUESTIONS)
        {
          for (guint q = 0; template != NULL && q < upp_template_get_n_questions (template); q++)
            {
              UppQuestion *each = upp_template_get_question (template, q);
              ChartColumn *column = g_new0 (ChartColumn, 1);
              const char *label = upp_question_get_short_label (each);

              column->label = g_strdup (label != NULL && *label != '\0' ? label
                                        : upp_question_get_key (each));
              column->detail = g_strdup (upp_question_get_text (each));
              g_ptr_array_add (data->columns, column);
            }
        }
      for (guint i = 0; i < responses->len; i++)
        {
          UppResponse *response = g_ptr_array_index (responses, i);
          ChartRow *row = row_new (response, data->columns->len);

          for (guint q = 0; q < data->columns->len; q++)
            {
              UppQuestion *each = upp_template_get_question (template, q);

              fill_cell (&row->cells[q], NULL,
                         upp_response_get_answer (response, upp_question_get_key (each)));
              if (upp_question_is_coded (each))
                {
                  UppAnswer *answer = upp_response_get_answer (response,
                                                               upp_question_get_key (each));
                  if (answer != NULL && upp_answer_get_choice (answer) != NULL)
                    row->cells[q].codes = 1;
                }
            }
          g_ptr_array_add (data->rows, row);
        }
      data->title = g_strdup (kind == UPP_CHART_RESPONSE_PROGRESS ? _("Response progress")
                              : _("Answered questions by unit"));
      data->subtitle = g_strdup (template != NULL ? upp_template_get_title (template) : "");
      g_free (data->source_date);
      data->source_date = answers_latest_change (responses, template);
      break;

    case UPP_CHART_THEMES:
      if (!gather_themes (self, store, round, error))
        return NULL;
      break;

    case UPP_N_CHART_KINDS:
    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

static int
compare_rows_by_sub_area (gconstpointer a,
                          gconstpointer b)
{
  const ChartRow *row_a = *(ChartRow * const *) a;
  const ChartRow *row_b = *(ChartRow * const *) b;
  const char *part_a = row_a->sub_area != NULL ? row_a->sub_area : "";
  const char *part_b = row_b->sub_area != NULL ? row_b->sub_area : "";

  /* Units without a part come last. */
  if (*part_a == '\0' || *part_b == '\0')
    return (*part_a == '\0') - (*part_b == '\0');
  return g_utf8_collate (part_a, part_b);
}

void
upp_chart_set_group_by_sub_area (UppChart *self,
                                 gboolean  group)
{
  ChartData *data;

  g_return_if_fail (UPP_IS_CHART (self));

  data = &self->data;
  group = !!group;
  if (data->grouped == group)
    return;
  if (data->kind != UPP_CHART_CODED_BY_UNIT && data->kind != UPP_CHART_CHANGE_OVER_YEARS &&
      data->kind != UPP_CHART_ANSWERED_QUESTIONS)
    return;

  data->grouped = group;
  if (group)
    {
      /* Borrowed: data->rows owns them. */
      self->ungrouped_rows = g_ptr_array_copy (data->rows, NULL, NULL);
      g_ptr_array_set_free_func (self->ungrouped_rows, NULL);
      /* A stable sort: within a part the units keep their order by answer. */
      g_ptr_array_sort (data->rows, compare_rows_by_sub_area);
      return;
    }
  for (guint r = 0; r < data->rows->len; r++)
    data->rows->pdata[r] = g_ptr_array_index (self->ungrouped_rows, r);
  g_clear_pointer (&self->ungrouped_rows, g_ptr_array_unref);
}

void
upp_chart_drop_uncoded_themes (UppChart *self)
{
  ChartData *data;

  g_return_if_fail (UPP_IS_CHART (self));

  data = &self->data;
  for (guint t = data->themes->len; t > 0; t--)
    {
      ChartThemeCount *theme = g_ptr_array_index (data->themes, t - 1);
      gboolean coded = FALSE;

      for (guint c = 0; c < data->columns->len && c < theme->n_slots && !coded; c++)
        coded = theme->counts[c] > 0;
      if (!coded)
        g_ptr_array_remove_index (data->themes, t - 1);
    }
}

gboolean
upp_chart_get_group_by_sub_area (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), FALSE);
  return self->data.grouped;
}

UppChartKind
upp_chart_get_kind (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), UPP_CHART_CODED_BY_UNIT);
  return self->data.kind;
}

const char *
upp_chart_get_question_key (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  return self->question_key;
}

const char *
upp_chart_get_title (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  return self->data.title;
}

guint
upp_chart_get_n_units (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), 0);
  return self->data.rows->len;
}

guint
upp_chart_get_n_columns (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), 0);
  return self->data.columns->len;
}

const char *
upp_chart_get_column_label (UppChart *self,
                            guint     column)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  g_return_val_if_fail (column < self->data.columns->len, NULL);
  return ((ChartColumn *) g_ptr_array_index (self->data.columns, column))->label;
}

guint
upp_chart_get_n_themes (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), 0);
  return self->data.themes->len;
}

const char *
upp_chart_get_theme_name (UppChart *self,
                          guint     theme)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  g_return_val_if_fail (theme < self->data.themes->len, NULL);
  return ((ChartThemeCount *) g_ptr_array_index (self->data.themes, theme))->name;
}

guint
upp_chart_get_theme_count (UppChart *self,
                           guint     theme,
                           guint     column)
{
  g_return_val_if_fail (UPP_IS_CHART (self), 0);
  g_return_val_if_fail (theme < self->data.themes->len, 0);
  g_return_val_if_fail (column < self->data.columns->len, 0);
  return ((ChartThemeCount *) g_ptr_array_index (self->data.themes, theme))->counts[column];
}

gboolean
upp_chart_has_data (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), FALSE);
  return chart_data_has_values (&self->data);
}

void
upp_chart_set_source_date (UppChart   *self,
                           const char *date)
{
  g_return_if_fail (UPP_IS_CHART (self));
  upp_set_str (&self->data.source_date, date != NULL ? date : "");
}

const char *
upp_chart_get_source_date (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  return self->data.source_date;
}

void
upp_chart_draw (UppChart      *self,
                cairo_t       *cr,
                double         width,
                double         height,
                UppChartStyle  style)
{
  g_return_if_fail (UPP_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  g_array_set_size (self->data.hits, 0);
  if (width < 1 || height < 1)
    return;
  cairo_save (cr);
  chart_data_draw (&self->data, cr, width, height, style);
  cairo_restore (cr);
}

double
upp_chart_get_preferred_height (UppChart *self,
                                double    width)
{
  g_return_val_if_fail (UPP_IS_CHART (self), 0);
  return chart_data_measure (&self->data, MAX (width, UPP_CHART_MIN_SIZE));
}

gboolean
upp_chart_hit_test (UppChart  *self,
                    double     x,
                    double     y,
                    char     **unit,
                    char     **value)
{
  g_return_val_if_fail (UPP_IS_CHART (self), FALSE);

  /* Later hits are drawn on top of earlier ones. */
  for (guint i = self->data.hits->len; i > 0; i--)
    {
      const ChartHit *hit = &g_array_index (self->data.hits, ChartHit, i - 1);

      if (x >= hit->x && x < hit->x + hit->width && y >= hit->y && y < hit->y + hit->height)
        {
          if (unit != NULL)
            *unit = g_strdup (hit->unit);
          if (value != NULL)
            *value = g_strdup (hit->value);
          return TRUE;
        }
    }
  return FALSE;
}

char *
upp_chart_dup_text (UppChart *self)
{
  g_return_val_if_fail (UPP_IS_CHART (self), NULL);
  return chart_data_dup_text (&self->data);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *bytes,
                 unsigned int         length)
{
  g_byte_array_append (closure, bytes, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo numbers the SVG's surfaces and patterns with counters that run on across the
 * process, so a second drawing of the same chart would differ; number them from 1 in the
 * order they appear instead. */
static gboolean
renumber_svg_ids (const GMatchInfo *match_info,
                  GString          *result,
                  gpointer          user_data)
{
  GHashTable *numbers = user_data;
  g_autofree char *prefix = g_match_info_fetch (match_info, 1);
  g_autofree char *number = g_match_info_fetch (match_info, 2);
  g_autofree char *key = g_strconcat (prefix, number, NULL);
  gpointer found = g_hash_table_lookup (numbers, key);
  guint renumbered;

  if (found == NULL)
    {
      g_autofree char *count_key = g_strconcat (prefix, "#", NULL);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (numbers, count_key)) + 1;

      g_hash_table_insert (numbers, g_steal_pointer (&count_key), GUINT_TO_POINTER (count));
      g_hash_table_insert (numbers, g_strdup (key), GUINT_TO_POINTER (count));
      found = GUINT_TO_POINTER (count);
    }
  renumbered = GPOINTER_TO_UINT (found);
  g_string_append_printf (result, "%s%u", prefix, renumbered);
  return FALSE;
}

static GBytes *
finish_svg (UppChart   *self,
            GByteArray *svg)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *text = NULL;
  g_autofree char *renumbered = NULL;
  g_autofree char *title = NULL;
  g_autofree char *desc = NULL;
  g_autofree char *all_text = NULL;
  GString *out;
  const char *svg_start;
  const char *svg_end;

  g_byte_array_append (svg, (const guint8 *) "", 1);
  text = (char *) g_byte_array_free (svg, FALSE);

  /* RAW: the SVG is ASCII apart from text we add later, and UTF-8 checks on every match
   * would make this quadratic (seconds for a chart of 290 units). */
  regex = g_regex_new ("\\b(surface|image|pattern|clip|mask|filter|source|glyph)([0-9]+)\\b",
                       G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, NULL);
  renumbered = g_regex_replace_eval (regex, text, -1, 0, 0, renumber_svg_ids, numbers, NULL);
  if (renumbered == NULL)
    renumbered = g_strdup (text);

  /* The glyphs are outlines, so the words go in <title> and <desc> for screen readers and
   * search. */
  title = g_markup_escape_text (self->data.title != NULL ? self->data.title : "", -1);
  all_text = chart_data_dup_text (&self->data);
  desc = g_markup_escape_text (all_text, -1);

  out = g_string_new (NULL);
  svg_start = strstr (renumbered, "<svg");
  svg_end = svg_start != NULL ? strchr (svg_start, '>') : NULL;
  if (svg_end == NULL)
    {
      g_string_append (out, renumbered);
    }
  else
    {
      g_string_append_len (out, renumbered, svg_end + 1 - renumbered);
      g_string_append_printf (out, "\n<title>%s</title>\n<desc>%s</desc>", title, desc);
      g_string_append (out, svg_end + 1);
    }
  return g_string_free_to_bytes (out);
}

static char *
pdf_date (const char *date)
{
  /* A fixed creation date (the data's), never the time of drawing. */
  if (date != NULL && strlen (date) == 10)
    return g_strdup_printf ("%sT00:00:00Z", date);
  return g_strdup ("2000-01-01T00:00:00Z");
}

GBytes *
upp_chart_render_bytes (UppChart        *self,
                        UppChartFormat   format,
                        int              width,
                        int              height,
                        double           scale,
                        GError         **error)
{
  GByteArray *bytes;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;
  cairo_status_t status;

  g_return_val_if_fail (UPP_IS_CHART (self), NULL);

  if (height == 0)
    height = (int) ceil (upp_chart_get_preferred_height (self, width));
  if (width < UPP_CHART_MIN_SIZE || width > UPP_CHART_MAX_SIZE ||
      height < UPP_CHART_MIN_SIZE || height > UPP_CHART_MAX_SIZE)
    {
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_INVALID_SIZE,
                   _("A chart must be between %d and %d pixels wide and high, not %d × %d."),
                   UPP_CHART_MIN_SIZE, UPP_CHART_MAX_SIZE, width, height);
      return NULL;
    }
  if (format == UPP_CHART_FORMAT_PNG &&
      (!(scale >= 0.25 && scale <= 8) || width * scale > UPP_CHART_MAX_SIZE ||
       height * scale > UPP_CHART_MAX_SIZE))
    {
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_INVALID_SIZE,
                   _("The scale factor must be between 0.25 and 8 and keep the image under "
                     "%d pixels a side."), UPP_CHART_MAX_SIZE);
      return NULL;
    }

  bytes = g_byte_array_new ();
  switch (format)
    {
    case UPP_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case UPP_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_bytes, bytes, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      break;
    case UPP_CHART_FORMAT_PDF:
      {
        g_autofree char *date = pdf_date (self->data.source_date);

        surface = cairo_pdf_surface_create_for_stream (append_to_bytes, bytes, width, height);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->data.title);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Uppföljning");
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);
      }
      break;
    default:
      g_byte_array_unref (bytes);
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRITE,
                   _("Unknown chart file format."));
      return NULL;
    }

  cr = cairo_create (surface);
  /* A white page: black text on a transparent file would vanish in a dark viewer. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (format == UPP_CHART_FORMAT_PNG)
    cairo_scale (cr, scale, scale);
  upp_chart_draw (self, cr, width, height, UPP_CHART_STYLE_PRINT);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (format == UPP_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_to_bytes, bytes);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (bytes);
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRITE,
                   _("The chart could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }

  if (format == UPP_CHART_FORMAT_SVG)
    return finish_svg (self, bytes);
  return g_byte_array_free_to_bytes (bytes);
}

gboolean
upp_chart_write_file (UppChart        *self,
                      const char      *path,
                      UppChartFormat   format,
                      int              width,
                      int              height,
                      double           scale,
                      GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  const char *contents;

  g_return_val_if_fail (UPP_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = upp_chart_render_bytes (self, format, width, height, scale, error);
  if (bytes == NULL)
    return FALSE;
  contents = g_bytes_get_data (bytes, &length);
  if (!upp_files_write_private (path, contents, length, &local_error))
    {
      g_set_error (error, UPP_CHART_ERROR, UPP_CHART_ERROR_WRITE,
                   _("The chart could not be saved as “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

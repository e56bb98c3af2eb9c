/* report-register.c: the report's parts written from the registers: the interviews held
 * (the method chapter) and the units' agreements with their periods
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "report-register.h"
#include "upp-agreement.h"
#include "upp-interview.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"
#include "upp-util.h"
#include "store/upp-store.h"

char *
upp_report_format_date (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return g_strdup (iso_date != NULL ? iso_date : "");
  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return g_strdup (iso_date);
  return g_date_time_format (date, "%-d %B %Y");
}

char *
upp_report_join_names (GPtrArray *names)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (joined, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (joined, g_ptr_array_index (names, i));
    }
  return g_string_free (joined, FALSE);
}

/* ---- interviews held ------------------------------------------------------------------ */

/* One interview as the method chapter counts it, the first of a unit or a further one. */
typedef struct
{
  const char       *date;
  UppInterviewMode  mode;
  int               minutes;
  int               participants;
  const char       *roles;
} Held;

struct _UppReportInterviews
{
  guint   n_interviews;
  guint   n_units;
  guint   n_modes[UPP_N_INTERVIEW_MODES];
  int     n_participants;
  char   *first_date;
  char   *last_date;
  guint   n_check_sent;
  guint   n_check_approved;
  GPtrArray  *interviewed;       /* UppResponse *, units with an interview, in order */
  GHashTable *lines;             /* UppResponse * → char *, its interviews described */
  GPtrArray  *without_interview; /* const char *, answered units with no interview recorded */
  GPtrArray  *no_answer;         /* const char * */
};

void
upp_report_interviews_free (UppReportInterviews *tally)
{
  g_free (tally->first_date);
  g_free (tally->last_date);
  g_ptr_array_unref (tally->interviewed);
  g_hash_table_unref (tally->lines);
  g_ptr_array_unref (tally->without_interview);
  g_ptr_array_unref (tally->no_answer);
  g_free (tally);
}

static char *
describe_held (const Held *held)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (held->date[0] != '\0')
    g_ptr_array_add (parts, upp_report_format_date (held->date));
  if (held->mode != UPP_INTERVIEW_MODE_NONE)
    g_ptr_array_add (parts, g_utf8_strdown (upp_interview_mode_get_label (held->mode), -1));
  if (held->minutes > 0)
    /* Translators: an interview's length */
    g_ptr_array_add (parts, g_strdup_printf (_("%d min"), held->minutes));
  if (held->participants > 0 || !upp_str_is_blank (held->roles))
    {
      GString *who = g_string_new (NULL);

      if (held->participants > 0)
        g_string_append_printf (who, g_dngettext (GETTEXT_PACKAGE, "%d participant",
                                                  "%d participants", held->participants),
                                held->participants);
      if (!upp_str_is_blank (held->roles))
        g_string_append_printf (who, who->len > 0 ? " (%s)" : "%s", held->roles);
      g_ptr_array_add (parts, g_string_free (who, FALSE));
    }
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (_("no interview details recorded")));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static void
count_held (UppReportInterviews *tally,
            const Held *held)
{
  tally->n_interviews++;
  tally->n_modes[held->mode]++;
  tally->n_participants += MAX (held->participants, 0);
  if (held->date[0] == '\0')
    return;
  if (tally->first_date == NULL || strcmp (held->date, tally->first_date) < 0)
    upp_set_str (&tally->first_date, held->date);
  if (tally->last_date == NULL || strcmp (held->date, tally->last_date) > 0)
    upp_set_str (&tally->last_date, held->date);
}

UppReportInterviews *
upp_report_interviews_new (UppStore  *store,
                           UppRound  *round,
                           GPtrArray *responses)
{
  UppReportInterviews *tally = g_new0 (UppReportInterviews, 1);
  UppTemplate *template = upp_round_get_template (round);
  g_autoptr(GPtrArray) further = upp_store_list_interviews (store, round, NULL, NULL);
  g_autoptr(GHashTable) by_response = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_ptr_array_unref);

  tally->interviewed = g_ptr_array_new ();
  tally->lines = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  tally->without_interview = g_ptr_array_new ();
  tally->no_answer = g_ptr_array_new ();

  for (guint i = 0; further != NULL && i < further->len; i++)
    {
      UppInterview *interview = g_ptr_array_index (further, i);
      const char *uuid = upp_interview_get_response_uuid (interview);
      GPtrArray *list = g_hash_table_lookup (by_response, uuid);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_response, (gpointer) uuid, list);
        }
      g_ptr_array_add (list, interview);
    }

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      GPtrArray *more = g_hash_table_lookup (by_response, upp_response_get_uuid (response));
      g_autoptr(GString) line = g_string_new (NULL);
      guint n_held = 0;

      if (upp_response_has_interview (response))
        {
          Held held = {
            upp_response_get_interview_date (response), upp_response_get_mode (response),
            upp_response_get_duration_minutes (response),
            upp_response_get_participant_count (response),
            upp_response_get_participant_roles (response),
          };
          g_autofree char *text = describe_held (&held);

          count_held (tally, &held);
          g_string_append (line, text);
          n_held++;
        }
      for (guint j = 0; more != NULL && j < more->len; j++)
        {
          UppInterview *interview = g_ptr_array_index (more, j);
          Held held = {
            upp_interview_get_date (interview), upp_interview_get_mode (interview),
            upp_interview_get_duration_minutes (interview),
            upp_interview_get_participant_count (interview),
            upp_interview_get_participant_roles (interview),
          };
          g_autofree char *text = describe_held (&held);

          count_held (tally, &held);
          g_string_append_printf (line, "%s%s", line->len > 0 ? "; " : "", text);
          n_held++;
        }

      if (n_held > 0)
        {
          tally->n_units++;
          g_ptr_array_add (tally->interviewed, response);
          g_hash_table_insert (tally->lines, response,
                               g_strdup_printf ("%s: %s", upp_response_get_unit_name (response),
                                                line->str));
          if (upp_response_get_check_sent (response)[0] != '\0')
            tally->n_check_sent++;
          if (upp_response_get_check_approved (response)[0] != '\0' ||
              upp_response_get_status (response) == UPP_RESPONSE_STATUS_APPROVED)
            tally->n_check_approved++;
        }
      else if (upp_response_counts_as_answered (response, template))
        g_ptr_array_add (tally->without_interview, (char *) upp_response_get_unit_name (response));
      if (!upp_response_counts_as_answered (response, template) && n_held == 0)
        g_ptr_array_add (tally->no_answer, (char *) upp_response_get_unit_name (response));
    }
  return tally;
}

GPtrArray *
upp_report_interviews_get_interviewed (UppReportInterviews *tally)
{
  return tally->interviewed;
}

const char *
upp_report_interviews_get_line (UppReportInterviews *tally,
                                UppResponse         *response)
{
  return g_hash_table_lookup (tally->lines, response);
}

void
upp_report_interviews_add_summary (UppReportInterviews *interviews,
                                   UppReportLayout     *layout,
                                   guint                n_units)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (interviews->n_interviews == 0)
    {
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY,
                                       _("No interviews have been recorded yet."));
    }
  else
    {
      /* What was held, not what has an answer: seed 001 counts 18 interviews with 16 units. */
      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                          "%u interview was held",
                                          "%u interviews were held", interviews->n_interviews),
                       interviews->n_interviews);
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "with %u unit.",
                                                 "with %u units.", interviews->n_units),
                              interviews->n_units);
      if (interviews->n_modes[UPP_INTERVIEW_MODE_NONE] < interviews->n_interviews)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("Interviews by mode: %u on a visit, %u by phone and "
                                          "%u by video."),
                                  interviews->n_modes[UPP_INTERVIEW_MODE_VISIT],
                                  interviews->n_modes[UPP_INTERVIEW_MODE_PHONE],
                                  interviews->n_modes[UPP_INTERVIEW_MODE_VIDEO]);
          if (interviews->n_modes[UPP_INTERVIEW_MODE_NONE] > 0)
            {
              g_string_append_c (text, ' ');
              g_string_append_printf (text,
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "For %u interview the mode was not "
                                                   "recorded.",
                                                   "For %u interviews the mode was not "
                                                   "recorded.",
                                                   interviews->n_modes[UPP_INTERVIEW_MODE_NONE]),
                                      interviews->n_modes[UPP_INTERVIEW_MODE_NONE]);
            }
        }
      if (interviews->n_participants > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "In total %d person took part in the interviews.",
                                               "In total %d people took part in the interviews.",
                                               interviews->n_participants),
                                  interviews->n_participants);
        }
      if (interviews->first_date != NULL)
        {
          g_autofree char *first = upp_report_format_date (interviews->first_date);
          g_autofree char *last = upp_report_format_date (interviews->last_date);

          g_string_append_c (text, ' ');
          if (g_strcmp0 (interviews->first_date, interviews->last_date) == 0)
            g_string_append_printf (text, _("The interviews were held on %s."), first);
          else
            g_string_append_printf (text, _("The interviews were held between %s and %s."),
                                    first, last);
        }
      if (interviews->n_check_sent > 0 || interviews->n_check_approved > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "A written summary was sent back to %u unit for "
                                               "checking;",
                                               "A written summary was sent back to %u units for "
                                               "checking;",
                                               MAX (interviews->n_check_sent, interviews->n_check_approved)),
                                  MAX (interviews->n_check_sent, interviews->n_check_approved));
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE, "%u has approved it.",
                                               "%u have approved it.", interviews->n_check_approved),
                                  interviews->n_check_approved);
        }
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, text->str);
    }

  if (interviews->without_interview->len > 0)
    {
      g_autofree char *joined = upp_report_join_names (interviews->without_interview);
      g_autofree char *sentence = NULL;

      sentence = g_strdup_printf (_("Answered without an interview recorded: %s."), joined);
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, sentence);
    }
  if (interviews->no_answer->len > 0)
    {
      g_autofree char *joined = upp_report_join_names (interviews->no_answer);
      g_autofree char *sentence = g_strdup_printf (_("Units that did not answer: %s."), joined);

      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, sentence);
    }
  else if (n_units > 0)
    {
      upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_BODY, _("All units answered."));
    }
}

/* ---- agreements ----------------------------------------------------------------------- */

static char *
agreement_cell (UppAgreement *agreement)
{
  g_autofree char *name = g_markup_escape_text (upp_agreement_get_name (agreement), -1);
  const char *note = upp_agreement_get_note (agreement);

  if (upp_str_is_blank (note))
    return g_steal_pointer (&name);
  {
    g_autofree char *escaped = g_markup_escape_text (note, -1);

    return g_strdup_printf ("%s\n<small>%s</small>", name, escaped);
  }
}

static char *
period_cell (UppAgreement *agreement)
{
  g_autofree char *period = upp_agreement_dup_period_label (agreement);
  const char *signed_date = upp_agreement_get_signed (agreement);
  g_autoptr(GString) cell = g_string_new (NULL);

  if (period[0] != '\0')
    g_string_append (cell, period);
  if (signed_date[0] != '\0')
    {
      g_autofree char *date = upp_report_format_date (signed_date);

      if (cell->len > 0)
        g_string_append_c (cell, '\n');
      /* Translators: when an agreement was signed, below its period in the report */
      g_string_append_printf (cell, _("signed %s"), date);
    }
  return g_markup_escape_text (cell->str, -1);
}

static void
add_agreement_rows (UppReportLayout *layout,
                    GPtrArray       *agreements)
{
  static const double widths[] = { 0.18, 0.3, 0.09, 0.22, 0.21 };
  const char *header[] = {
    _("Unit"), _("Agreement"), _("Kind"), _("Period"), _("Status"),
  };

  upp_report_layout_add_table_row (layout, TRUE, G_N_ELEMENTS (header), widths, header);
  for (guint i = 0; i < agreements->len; i++)
    {
      UppAgreement *agreement = g_ptr_array_index (agreements, i);
      g_autofree char *unit = g_markup_escape_text (upp_agreement_get_unit_name (agreement), -1);
      g_autofree char *name = agreement_cell (agreement);
      g_autofree char *period = period_cell (agreement);
      const char *row[] = {
        unit, name, upp_agreement_kind_get_label (upp_agreement_get_kind (agreement)), period,
        upp_agreement_status_get_label (upp_agreement_get_status (agreement)),
      };

      upp_report_layout_add_table_row (layout, FALSE, G_N_ELEMENTS (row), widths, row);
    }
}

/* Parts by name, the units without one last. */
static int
compare_parts (gconstpointer a,
               gconstpointer b)
{
  const char *part_a = *(const char * const *) a;
  const char *part_b = *(const char * const *) b;

  if ((part_a[0] == '\0') != (part_b[0] == '\0'))
    return part_a[0] == '\0' ? 1 : -1;
  return g_utf8_collate (part_a, part_b);
}

gboolean
upp_report_add_agreements (UppReportLayout *layout,
                           UppStore        *store,
                           UppRound        *round,
                           GPtrArray       *responses,
                           gboolean         by_part,
                           guint            level,
                           const char      *number)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GHashTable) by_unit = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) unit_parts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  g_autofree char *intro = NULL;
  UppRegion *region;


  region = upp_round_get_region (round);
  all = upp_store_list_agreements (store, region != NULL ? upp_region_get_code (region) : NULL,
                                   NULL, NULL);
  if (all == NULL)
    return FALSE;

  /* The round's units, in the round's order, with their parts. */
  for (guint i = 0; i < responses->len; i++)
    {
      UppUnit *unit = upp_response_get_unit (g_ptr_array_index (responses, i));

      g_hash_table_insert (by_unit, (gpointer) upp_unit_get_uuid (unit), unit);
      g_hash_table_insert (unit_parts, (gpointer) upp_unit_get_uuid (unit),
                           (gpointer) upp_unit_get_sub_area (unit));
    }
  for (guint i = 0; i < all->len; i++)
    {
      UppAgreement *agreement = g_ptr_array_index (all, i);

      if (g_hash_table_contains (by_unit, upp_agreement_get_unit_uuid (agreement)) &&
          upp_agreement_applies_to_year (agreement, upp_round_get_year (round)))
        g_ptr_array_add (shown, agreement);
    }
  if (shown->len == 0)
    return FALSE;

  upp_report_layout_add_heading (layout, level, number, _("Agreements"), TRUE);
  intro = g_strdup_printf (_("The agreements of the units in force or being prepared in %d, "
                             "with their periods, as recorded in the register of agreements."),
                           upp_round_get_year (round));
  upp_report_layout_add_paragraph (layout, UPP_REPORT_TEXT_LEAD_IN, intro);

  if (by_part)
    {
      for (guint i = 0; i < shown->len; i++)
        {
          const char *part = g_hash_table_lookup (unit_parts,
                                                  upp_agreement_get_unit_uuid (shown->pdata[i]));
          gboolean known = FALSE;

          for (guint j = 0; j < parts->len && !known; j++)
            known = g_strcmp0 (parts->pdata[j], part) == 0;
          if (!known)
            g_ptr_array_add (parts, (gpointer) part);
        }
      g_ptr_array_sort (parts, compare_parts);
    }
  if (!by_part || parts->len < 2)
    {
      add_agreement_rows (layout, shown);
      return TRUE;
    }

  for (guint j = 0; j < parts->len; j++)
    {
      const char *part = parts->pdata[j];
      g_autoptr(GPtrArray) in_part = g_ptr_array_new ();

      for (guint i = 0; i < shown->len; i++)
        if (g_strcmp0 (g_hash_table_lookup (unit_parts,
                                            upp_agreement_get_unit_uuid (shown->pdata[i])),
                       part) == 0)
          g_ptr_array_add (in_part, shown->pdata[i]);
      upp_report_layout_add_heading (layout, MIN (level + 1, 3), NULL,
                                     part[0] != '\0' ? part : _("Without county part"), FALSE);
      add_agreement_rows (layout, in_part);
    }
  return TRUE;
}

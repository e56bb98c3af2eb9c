/* cli-search.c: uppfoljning-cli search: the answers, interview notes, themes and report texts
 * that match a query
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"

/* How a snippet marks the match, in both outputs. */
#define MATCH_BEFORE "«"
#define MATCH_AFTER  "»"

static void
print_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      UppSearchHit *hit = hits->pdata[i];
      UppSearchHitKind kind = upp_search_hit_get_kind (hit);
      g_autofree char *snippet = upp_search_hit_dup_snippet (hit, MATCH_BEFORE, MATCH_AFTER,
                                                             FALSE);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, upp_search_hit_kind_to_string (kind));
      json_builder_set_member_name (builder, "round");
      json_builder_add_string_value (builder, upp_search_hit_get_round_uuid (hit));
      json_builder_set_member_name (builder, "round_title");
      json_builder_add_string_value (builder, upp_search_hit_get_round_title (hit));
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, upp_search_hit_get_year (hit));
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, upp_search_hit_get_unit_name (hit));
      json_builder_set_member_name (builder, "question");
      json_builder_add_string_value (builder, upp_search_hit_get_question_key (hit));
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, snippet);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, upp_search_hit_get_text (hit));
      /* Characters of text, as the interview form selects them. */
      json_builder_set_member_name (builder, "match_start");
      json_builder_add_int_value (builder, upp_search_hit_get_match_start (hit));
      json_builder_set_member_name (builder, "match_end");
      json_builder_add_int_value (builder, upp_search_hit_get_match_end (hit));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  upp_cli_print_json (builder);
}

/* Tab-separated: round, year, unit, question ("" for an interview note; a report text's key),
 * snippet (on one line, the match marked), kind (as in the JSON). A theme has no round, year
 * or unit. */
static void
print_lines (GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      UppSearchHit *hit = hits->pdata[i];
      g_autofree char *snippet = upp_search_hit_dup_snippet (hit, MATCH_BEFORE, MATCH_AFTER,
                                                             FALSE);

      g_autofree char *year = upp_search_hit_get_year (hit) != 0
                              ? g_strdup_printf ("%d", upp_search_hit_get_year (hit))
                              : g_strdup ("");

      printf ("%s\t%s\t%s\t%s\t%s\t%s\n", upp_search_hit_get_round_uuid (hit), year,
              upp_search_hit_get_unit_name (hit), upp_search_hit_get_question_key (hit), snippet,
              upp_search_hit_kind_to_string (upp_search_hit_get_kind (hit)));
    }
}

int
upp_cli_search (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_autofree char *year_text = NULL;
  g_autofree char *question = NULL;
  g_autofree char *unit = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  UppSearchFilter filter = { 0 };
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_STRING, &year_text, N_("Only the rounds of this year"),
      N_("YEAR") },
    { "question", 'q', 0, G_OPTION_ARG_STRING, &question, N_("Only this question’s answers"),
      N_("KEY") },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit’s answers"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("search", _("QUERY"), entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      upp_cli_print_error (_("Give one query, in quotes if it has several words: "
                             "uppfoljning-cli search \"lokal överenskommelse\"."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (year_text != NULL)
    {
      gint64 year = 0;

      if (!g_ascii_string_to_signed (year_text, 10, 1900, 2200, &year, NULL))
        {
          upp_cli_print_error (_("The year must be a year such as 2026, not “%s”."), year_text);
          return UPP_CLI_EXIT_FAILURE;
        }
      filter.year = (int) year;
    }
  filter.question_key = question;
  filter.unit_name = unit;

  hits = upp_store_search (store, argv[1], &filter, &error);
  if (hits == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  /* No match is an answer, not a failure; the line on stderr keeps stdout empty (or an
   * empty JSON array) for scripts. */
  if (hits->len == 0)
    fprintf (stderr, "%s\n", _("No answers match."));
  if (json)
    print_json (hits);
  else
    print_lines (hits);
  return UPP_CLI_EXIT_OK;
}

/* cli-matrix.c: uppfoljning-cli matrix: units × themes of one or more rounds, as CSV or JSON
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cli-commands.h"
#include "export/export-csv.h"
#include "upp-files.h"
#include "upp-round.h"
#include "upp-theme-matrix.h"
#include "upp-theme.h"

static char *
matrix_to_json (UppThemeMatrix *matrix,
                gboolean        counts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n_themes = upp_theme_matrix_get_n_themes (matrix);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint c = 0; c < n_themes; c++)
    {
      UppTheme *theme = upp_theme_matrix_get_theme (matrix, c);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, upp_theme_get_name (theme));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, upp_theme_kind_to_key (upp_theme_get_kind (theme)));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, upp_theme_get_uuid (theme));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* One row per unit and year; its themes by name, 0/1 (or counts), in the columns' order. */
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < upp_theme_matrix_get_n_rows (matrix); r++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, upp_theme_matrix_get_unit_name (matrix, r));
      json_builder_set_member_name (builder, "year");
      json_builder_add_int_value (builder, upp_theme_matrix_get_year (matrix, r));
      json_builder_set_member_name (builder, "round");
      json_builder_add_string_value (builder,
                                     upp_round_get_uuid (upp_theme_matrix_get_round (matrix, r)));
      json_builder_set_member_name (builder, "themes");
      json_builder_begin_object (builder);
      for (guint c = 0; c < n_themes; c++)
        {
          guint count = upp_theme_matrix_get_count (matrix, r, c);

          json_builder_set_member_name (builder,
                                        upp_theme_get_name (upp_theme_matrix_get_theme (matrix,
                                                                                        c)));
          json_builder_add_int_value (builder, counts ? count : count > 0);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

int
upp_cli_matrix (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_auto(GStrv) round_ids = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *contents = NULL;
  gboolean counts = FALSE;
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(UppThemeMatrix) matrix = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json;
  GOptionEntry entries[] = {
    { "round", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &round_ids,
      N_("Round (id or unique prefix); repeat for several years of one region"), N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("csv or json"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("File to write (standard output without it)"), N_("FILE") },
    { "counts", 0, 0, G_OPTION_ARG_NONE, &counts,
      N_("Number of coded passages instead of 0/1"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("matrix", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      upp_cli_print_error (_("Unexpected argument “%s”."), argv[1]);
      return UPP_CLI_EXIT_USAGE;
    }
  if (round_ids == NULL || round_ids[0] == NULL)
    {
      upp_cli_print_error (_("Give the round with --round ID (see “uppfoljning-cli rounds”)."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (format == NULL || (g_ascii_strcasecmp (format, "csv") != 0 &&
                         g_ascii_strcasecmp (format, "json") != 0))
    {
      upp_cli_print_error (_("Give the format with --format csv or --format json."));
      return UPP_CLI_EXIT_USAGE;
    }
  json = g_ascii_strcasecmp (format, "json") == 0;

  for (guint i = 0; round_ids[i] != NULL; i++)
    {
      UppRound *round = upp_cli_load_round (store, round_ids[i]);

      if (round == NULL)
        return UPP_CLI_EXIT_FAILURE;
      g_ptr_array_add (rounds, round);
    }
  matrix = upp_theme_matrix_new (store, rounds, &error);
  if (matrix == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  if (json)
    contents = matrix_to_json (matrix, counts);
  else
    contents = upp_theme_matrix_to_csv (matrix, counts, UPP_EXPORT_CSV_DEFAULT_SEPARATOR);

  if (output == NULL)
    {
      fputs (contents, stdout);
      if (json)
        fputc ('\n', stdout);
      return UPP_CLI_EXIT_OK;
    }
  if (!upp_files_write_private (output, contents, strlen (contents), &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

/* cli-export.c: `uppfoljning-cli export`: write rounds to a file in one of the export formats
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-cli-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "export/export-csv.h"
#include "export/export-xlsx.h"
#include "report/upp-report.h"
#include "upp-round.h"

/* One entry per format; a new format adds its name here and its case in export_rounds(). */
typedef enum
{
  EXPORT_FORMAT_XLSX,
  EXPORT_FORMAT_CSV,
  EXPORT_FORMAT_PDF,
} ExportFormat;

static const struct
{
  const char   *name;
  ExportFormat  format;
} formats[] = {
  { "xlsx", EXPORT_FORMAT_XLSX },
  { "csv",  EXPORT_FORMAT_CSV },
  { "pdf",  EXPORT_FORMAT_PDF },
};

typedef struct
{
  char      separator;
  UppRound *compare_with;  /* the report's earlier round; NULL: the latest earlier one */
} ExportOptions;

static gboolean
format_from_name (const char   *name,
                  ExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

static char *
format_names (void)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", formats[i].name);
  /* The exchange file is written by the exchange module, not by export_rounds(). */
  g_string_append (names, ", json");
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
export_rounds (UppStore       *store,
               GPtrArray      *rounds,
               ExportFormat    format,
               ExportOptions  *options,
               const char     *path,
               GError        **error)
{
  switch (format)
    {
    case EXPORT_FORMAT_XLSX:
      return upp_export_xlsx (store, rounds, path, error);

    case EXPORT_FORMAT_CSV:
      return upp_export_csv (store, rounds, options->separator, path, error);

    case EXPORT_FORMAT_PDF:
      if (rounds->len != 1)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("A report covers one round; give one --round."));
          return FALSE;
        }
      if (options->compare_with != NULL)
        {
          g_autoptr(UppReport) report = upp_report_new_compared (store,
                                                                 g_ptr_array_index (rounds, 0),
                                                                 options->compare_with, error);

          return report != NULL
                 && upp_report_write_pdf (report, path, NULL, NULL, NULL, error);
        }
      return upp_report_export_pdf (store, g_ptr_array_index (rounds, 0), path, NULL, NULL,
                                    NULL, error);

    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static gboolean
parse_separator (const char *name,
                 char       *separator)
{
  if (name == NULL || g_ascii_strcasecmp (name, "semicolon") == 0 || g_strcmp0 (name, ";") == 0)
    *separator = ';';
  else if (g_ascii_strcasecmp (name, "comma") == 0 || g_strcmp0 (name, ",") == 0)
    *separator = ',';
  else if (g_ascii_strcasecmp (name, "tab") == 0)
    *separator = '\t';
  else
    return FALSE;
  return TRUE;
}

int
upp_cli_export (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_auto(GStrv) round_ids = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *separator_name = NULL;
  g_autofree char *compare_id = NULL;
  g_autoptr(UppRound) compare_with = NULL;
  gboolean all = FALSE;
  gboolean encrypt = FALSE;
  gboolean allow_personal_data = FALSE;
  g_autofree char *passphrase_file = NULL;
  gboolean answers_in_appendix = FALSE;
  gboolean group_by_part = FALSE;
  g_autofree char *names = format_names ();
  g_autofree char *format_help = g_strdup_printf (_("File format: %s"), names);
  g_autoptr(GPtrArray) rounds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  ExportOptions options = { UPP_EXPORT_CSV_DEFAULT_SEPARATOR, NULL };
  ExportFormat format;
  GOptionEntry entries[] = {
    { "round", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &round_ids,
      N_("Round to export (id or unique prefix); repeat for several rounds of one region"),
      N_("ID") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, format_help, N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("File to write"), N_("FILE") },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &separator_name,
      N_("CSV separator: semicolon (default), comma or tab"), N_("NAME") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("The whole database (format json)"), NULL },
    { "encrypt", 0, 0, G_OPTION_ARG_NONE, &encrypt,
      N_("Encrypt the exchange file (format json) with the passphrase of --passphrase-file"),
      NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("A file whose first line is the passphrase"), N_("FILE") },
    { "allow-personal-data", 0, 0, G_OPTION_ARG_NONE, &allow_personal_data,
      N_("Export even what looks like personal data (see “uppfoljning-cli privacy”)"), NULL },
    { "compare-with", 0, 0, G_OPTION_ARG_STRING, &compare_id,
      N_("Earlier round the report (format pdf) compares with; by default the latest earlier "
         "round of the region"), N_("ID") },
    { "answers-in-appendix", 0, 0, G_OPTION_ARG_NONE, &answers_in_appendix,
      N_("The report (format pdf) gives the units’ answers in an appendix"), NULL },
    { "group-by-part", 0, 0, G_OPTION_ARG_NONE, &group_by_part,
      N_("The report (format pdf) lists the units under their county parts"), NULL },
    { NULL }
  };

  if (!upp_cli_parse_options ("export", NULL, entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  if (encrypt != (passphrase_file != NULL))
    {
      upp_cli_print_error (_("An encrypted exchange file needs both --encrypt and "
                             "--passphrase-file FILE."));
      return UPP_CLI_EXIT_USAGE;
    }
  /* Exchange files (cli-exchange.c): one round, or the whole database with --all. */
  if (format_name != NULL ? g_ascii_strcasecmp (format_name, "json") == 0
                          : output != NULL && (g_str_has_suffix (output, ".json") ||
                                               g_str_has_suffix (output,
                                                                 UPP_EXCHANGE_ENCRYPTED_SUFFIX)))
    {
      if (round_ids != NULL && round_ids[0] != NULL && round_ids[1] != NULL)
        {
          upp_cli_print_error (_("An exchange file holds one round, or all with --all."));
          return UPP_CLI_EXIT_USAGE;
        }
      return upp_cli_exchange_export (store, round_ids != NULL ? round_ids[0] : NULL, all,
                                      output, passphrase_file, allow_personal_data);
    }
  if (encrypt)
    {
      upp_cli_print_error (_("Only exchange files (format json) can be encrypted."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (round_ids == NULL || round_ids[0] == NULL)
    {
      upp_cli_print_error (_("Name the round to export with --round ID."));
      return UPP_CLI_EXIT_USAGE;
    }
  if (output == NULL)
    {
      upp_cli_print_error (_("Name the file to write with -o FILE."));
      return UPP_CLI_EXIT_USAGE;
    }

  /* Without --format, the file name's extension says it. */
  if (format_name == NULL)
    {
      const char *dot = strrchr (output, '.');

      format_name = g_strdup (dot != NULL ? dot + 1 : "");
    }
  if (!format_from_name (format_name, &format))
    {
      upp_cli_print_error (_("Unknown format “%s”; use one of: %s."), format_name, names);
      return UPP_CLI_EXIT_USAGE;
    }
  if (!parse_separator (separator_name, &options.separator))
    {
      upp_cli_print_error (_("Unknown separator “%s”; use semicolon, comma or tab."),
                           separator_name);
      return UPP_CLI_EXIT_USAGE;
    }

  for (guint i = 0; round_ids[i] != NULL; i++)
    {
      UppRound *round = upp_cli_load_round (store, round_ids[i]);

      if (round == NULL)
        return UPP_CLI_EXIT_FAILURE;
      g_ptr_array_add (rounds, round);
    }

  if (compare_id != NULL)
    {
      if (format != EXPORT_FORMAT_PDF)
        {
          upp_cli_print_error (_("Only the report (format pdf) compares with an earlier "
                                 "round."));
          return UPP_CLI_EXIT_USAGE;
        }
      compare_with = upp_cli_load_round (store, compare_id);
      if (compare_with == NULL)
        return UPP_CLI_EXIT_FAILURE;
      options.compare_with = compare_with;
    }

  /* For this report only, as the Report view's settings would do; nothing is saved. */
  if ((answers_in_appendix || group_by_part) && format != EXPORT_FORMAT_PDF)
    {
      upp_cli_print_error (_("--answers-in-appendix and --group-by-part are settings of the "
                             "report (format pdf)."));
      return UPP_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < rounds->len; i++)
    {
      if (answers_in_appendix)
        upp_round_set_text (g_ptr_array_index (rounds, i), UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX,
                            UPP_REPORT_SETTING_ON);
      if (group_by_part)
        upp_round_set_text (g_ptr_array_index (rounds, i), UPP_REPORT_TEXT_GROUP_BY_PART,
                            UPP_REPORT_SETTING_ON);
    }

  /* Nothing that looks like personal data leaves unasked. */
  if (!allow_personal_data && !upp_cli_check_personal_data (store, rounds))
    return UPP_CLI_EXIT_FAILURE;
  if (!export_rounds (store, rounds, format, &options, output, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u round to %s\n",
                        "Exported %u rounds to %s\n", rounds->len),
           rounds->len, output);
  return UPP_CLI_EXIT_OK;
}

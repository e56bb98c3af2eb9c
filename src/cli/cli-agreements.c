/* cli-agreements.c: uppfoljning-cli agreements: the agreements register of a round's units;
 * list, add, edit and remove an agreement
 *
 * Agreements belong to a unit, not a round: the round only says whose register to show, and
 * an agreement added in one round is there in the next.
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
#include "upp-agreement.h"
#include "upp-json.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"
#include "upp-util.h"

/* What add and edit take; NULL for an option not given. */
typedef struct
{
  char *name;
  char *kind;
  char *status;
  char *signed_date;
  char *valid_from;
  char *valid_to;
  char *note;
} AgreementOptions;

static void
agreement_options_clear (AgreementOptions *self)
{
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->signed_date, g_free);
  g_clear_pointer (&self->valid_from, g_free);
  g_clear_pointer (&self->valid_to, g_free);
  g_clear_pointer (&self->note, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AgreementOptions, agreement_options_clear)

#define AGREEMENT_OPTION_ENTRIES(options) \
  { "name", 0, 0, G_OPTION_ARG_STRING, &(options)->name, N_("The agreement’s name"), \
    N_("TEXT") }, \
  { "kind", 0, 0, G_OPTION_ARG_STRING, &(options)->kind, N_("lok, rok or other"), \
    N_("KIND") }, \
  { "status", 0, 0, G_OPTION_ARG_STRING, &(options)->status, \
    N_("in_force, in_preparation, under_revision or ended"), N_("STATUS") }, \
  { "signed", 0, 0, G_OPTION_ARG_STRING, &(options)->signed_date, \
    N_("The date it was signed, e.g. 2015-03-01; empty to clear it"), N_("DATE") }, \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(options)->valid_from, \
    N_("The first day of its period; empty to clear it"), N_("DATE") }, \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(options)->valid_to, \
    N_("The last day of its period; empty for until further notice"), N_("DATE") }, \
  { "note", 0, 0, G_OPTION_ARG_STRING, &(options)->note, \
    N_("A note: the parties, what it covers, “ska förlängas”"), N_("TEXT") }

static gboolean
parse_options (const char    *parameters,
               const char    *description,
               GOptionEntry  *entries,
               int            n_arguments,
               int           *argc,
               char        ***argv)
{
  return upp_cli_parse_subcommand_options ("agreements", parameters, description, entries,
                                           n_arguments, argc, argv);
}

/* Takes the given options into the agreement; FALSE after printing what is wrong. */
static gboolean
apply_options (AgreementOptions *options,
               UppAgreement     *agreement)
{
  const char *dates[] = { options->signed_date, options->valid_from, options->valid_to };

  if (options->kind != NULL)
    {
      UppAgreementKind kind;

      if (!upp_agreement_kind_from_key (options->kind, &kind) &&
          !upp_agreement_kind_from_text (options->kind, &kind))
        {
          upp_cli_print_error (_("“%s” is not a kind of agreement; use lok, rok or other."),
                               options->kind);
          return FALSE;
        }
      upp_agreement_set_kind (agreement, kind);
    }
  if (options->status != NULL)
    {
      UppAgreementStatus status;

      if (!upp_agreement_status_from_key (options->status, &status) &&
          !upp_agreement_status_from_text (options->status, &status))
        {
          upp_cli_print_error (_("“%s” is not a status of an agreement; use in_force, "
                                 "in_preparation, under_revision or ended."), options->status);
          return FALSE;
        }
      upp_agreement_set_status (agreement, status);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (dates[i] != NULL && dates[i][0] != '\0' && !upp_is_iso_date (dates[i]))
        {
          upp_cli_print_error (_("“%s” is not a date; write it as 2026-11-23."), dates[i]);
          return FALSE;
        }
    }
  if (options->name != NULL)
    upp_agreement_set_name (agreement, options->name);
  if (options->signed_date != NULL)
    upp_agreement_set_signed (agreement, options->signed_date);
  if (options->valid_from != NULL)
    upp_agreement_set_valid_from (agreement, options->valid_from);
  if (options->valid_to != NULL)
    upp_agreement_set_valid_to (agreement, options->valid_to);
  if (options->note != NULL)
    upp_agreement_set_note (agreement, options->note);
  return TRUE;
}

/* A field of a tab-separated line: tabs and line breaks would split it. */
static char *
dup_field (const char *text)
{
  char *field = g_strdup (text);

  for (char *p = field; *p != '\0'; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        *p = ' ';
    }
  return field;
}

static void
add_agreement_json (JsonBuilder  *builder,
                    UppAgreement *agreement)
{
  g_autofree char *period = upp_agreement_dup_period_label (agreement);

  json_builder_begin_object (builder);
  upp_json_add_string (builder, "id", upp_agreement_get_uuid (agreement));
  upp_json_add_string (builder, "unit", upp_agreement_get_unit_name (agreement));
  upp_json_add_string (builder, "kind",
                       upp_agreement_kind_to_key (upp_agreement_get_kind (agreement)));
  upp_json_add_string (builder, "status",
                       upp_agreement_status_to_key (upp_agreement_get_status (agreement)));
  upp_json_add_string (builder, "name", upp_agreement_get_name (agreement));
  upp_json_add_string (builder, "signed", upp_agreement_get_signed (agreement));
  upp_json_add_string (builder, "valid_from", upp_agreement_get_valid_from (agreement));
  upp_json_add_string (builder, "valid_to", upp_agreement_get_valid_to (agreement));
  upp_json_add_string (builder, "period", period);
  upp_json_add_string (builder, "note", upp_agreement_get_note (agreement));
  json_builder_end_object (builder);
}

static int
list_agreements (UppStore  *store,
                 int        argc,
                 char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) agreements = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("Only this unit’s agreements"),
      N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_options ("[add|edit|remove] --round ID [--unit NAME] [--json]",
                      _("Without a subcommand: one line per agreement of the round’s units, "
                        "tab-separated: unit, kind, status, name, signed, from, to, note, "
                        "id.\n\n"
                        "  agreements add --round ID --unit NAME --name TEXT [--kind KIND] "
                        "[--status STATUS] [--signed DATE] [--from DATE] [--to DATE] "
                        "[--note TEXT]\n"
                        "  agreements edit ID [the options of add]\n"
                        "  agreements remove ID\n\n"
                        "Run “uppfoljning-cli agreements SUBCOMMAND --help” for its options."),
                      entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (unit_name != NULL)
    {
      UppResponse *response = upp_cli_find_response (store, round, unit_name);

      if (response == NULL)
        return UPP_CLI_EXIT_FAILURE;
      responses = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (responses, response);
    }
  else
    responses = upp_cli_list_responses (store, round);
  if (responses == NULL)
    return UPP_CLI_EXIT_FAILURE;

  /* In the round's order of units, each unit's by start. */
  for (guint i = 0; i < responses->len; i++)
    {
      UppUnit *unit = upp_response_get_unit (g_ptr_array_index (responses, i));
      g_autoptr(GPtrArray) of_unit =
        upp_store_list_agreements (store, upp_unit_get_region_code (unit), unit, &error);

      if (of_unit == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return UPP_CLI_EXIT_FAILURE;
        }
      for (guint j = 0; j < of_unit->len; j++)
        g_ptr_array_add (agreements, g_object_ref (g_ptr_array_index (of_unit, j)));
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < agreements->len; i++)
        add_agreement_json (builder, g_ptr_array_index (agreements, i));
      json_builder_end_array (builder);
      upp_cli_print_json (builder);
      return UPP_CLI_EXIT_OK;
    }

  for (guint i = 0; i < agreements->len; i++)
    {
      UppAgreement *agreement = g_ptr_array_index (agreements, i);
      g_autofree char *name = dup_field (upp_agreement_get_name (agreement));
      g_autofree char *note = dup_field (upp_agreement_get_note (agreement));

      printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", upp_agreement_get_unit_name (agreement),
              upp_agreement_kind_to_key (upp_agreement_get_kind (agreement)),
              upp_agreement_status_to_key (upp_agreement_get_status (agreement)), name,
              upp_agreement_get_signed (agreement), upp_agreement_get_valid_from (agreement),
              upp_agreement_get_valid_to (agreement), note, upp_agreement_get_uuid (agreement));
    }
  return UPP_CLI_EXIT_OK;
}

static int
add_agreement (UppStore  *store,
               int        argc,
               char     **argv)
{
  g_auto(AgreementOptions) options = { 0 };
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppAgreement) agreement = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    AGREEMENT_OPTION_ENTRIES (&options),
    { NULL }
  };

  if (!parse_options ("add --round ID --unit NAME --name TEXT [--kind KIND] [--status STATUS] "
                      "[--signed DATE] [--from DATE] [--to DATE] [--note TEXT]",
                      _("Adds an agreement to the unit’s register and prints its id. The "
                        "agreement belongs to the unit: it is there in every round. Kind "
                        "and status are lok and in_force unless given."),
                      entries, 1, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL || options.name == NULL)
    {
      upp_cli_print_error (_("Give --round, --unit and --name."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;

  agreement = upp_agreement_new (NULL, UPP_AGREEMENT_KIND_LOK);
  upp_agreement_set_status (agreement, UPP_AGREEMENT_STATUS_IN_FORCE);
  if (!apply_options (&options, agreement))
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_save_agreement (store, upp_response_get_unit (response), agreement, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  printf ("%s\n", upp_agreement_get_uuid (agreement));
  return UPP_CLI_EXIT_OK;
}

/* The agreement in the register with that id (or a prefix of it that matches one), and its
 * unit; FALSE after printing why there is none. */
static gboolean
find_agreement (UppStore      *store,
                const char    *id,
                UppAgreement **agreement,
                UppUnit      **unit)
{
  g_autoptr(GPtrArray) agreements = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  UppAgreement *found = NULL;

  agreements = upp_store_list_agreements (store, NULL, NULL, &error);
  if (agreements == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return FALSE;
    }
  for (guint i = 0; id[0] != '\0' && i < agreements->len; i++)
    {
      UppAgreement *candidate = g_ptr_array_index (agreements, i);

      if (!g_str_has_prefix (upp_agreement_get_uuid (candidate), id))
        continue;
      if (found != NULL)
        {
          upp_cli_print_error (_("“%s” is the start of more than one agreement’s id; give "
                                 "more of it."), id);
          return FALSE;
        }
      found = candidate;
    }
  if (found == NULL)
    {
      upp_cli_print_error (_("There is no agreement with the id “%s” (see “uppfoljning-cli "
                             "agreements --round ID”)."), id);
      return FALSE;
    }

  units = upp_store_list_units (store, NULL, &error);
  if (units == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return FALSE;
    }
  for (guint i = 0; i < units->len; i++)
    {
      UppUnit *candidate = g_ptr_array_index (units, i);

      if (g_strcmp0 (upp_unit_get_uuid (candidate), upp_agreement_get_unit_uuid (found)) == 0)
        *unit = g_object_ref (candidate);
    }
  if (*unit == NULL)
    {
      upp_cli_print_error (_("There is no agreement with the id “%s” (see “uppfoljning-cli "
                             "agreements --round ID”)."), id);
      return FALSE;
    }
  *agreement = g_object_ref (found);
  return TRUE;
}

static int
edit_agreement (UppStore  *store,
                int        argc,
                char     **argv)
{
  g_auto(AgreementOptions) options = { 0 };
  g_autoptr(UppAgreement) agreement = NULL;
  g_autoptr(UppUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    AGREEMENT_OPTION_ENTRIES (&options),
    { NULL }
  };

  if (!parse_options ("edit ID [--name TEXT] [--kind KIND] [--status STATUS] [--signed DATE] "
                      "[--from DATE] [--to DATE] [--note TEXT]",
                      _("Changes the options given; the others stay as they are. An empty "
                        "date clears it."),
                      entries, 2, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      upp_cli_print_error (_("Give the agreement’s id (see “uppfoljning-cli agreements "
                             "--round ID”)."));
      return UPP_CLI_EXIT_USAGE;
    }

  if (!find_agreement (store, argv[1], &agreement, &unit))
    return UPP_CLI_EXIT_FAILURE;
  if (!apply_options (&options, agreement))
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_save_agreement (store, unit, agreement, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

static int
remove_agreement (UppStore  *store,
                  int        argc,
                  char     **argv)
{
  g_autoptr(UppAgreement) agreement = NULL;
  g_autoptr(UppUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { NULL }
  };

  if (!parse_options ("remove ID",
                      _("Takes the agreement out of the unit’s register, in every round; an "
                        "exchange file from another computer does not bring it back."),
                      entries, 2, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (argc < 2)
    {
      upp_cli_print_error (_("Give the agreement’s id (see “uppfoljning-cli agreements "
                             "--round ID”)."));
      return UPP_CLI_EXIT_USAGE;
    }

  if (!find_agreement (store, argv[1], &agreement, &unit))
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_remove_agreement (store, agreement, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_agreements (UppStore  *store,
                    int        argc,
                    char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_agreements (store, argc, argv);

  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (g_strcmp0 (subcommand, "add") == 0)
    return add_agreement (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "edit") == 0)
    return edit_agreement (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "remove") == 0)
    return remove_agreement (store, argc - 1, argv + 1);

  upp_cli_print_error (_("Unknown subcommand “%s”; use add, edit or remove, or none to list "
                         "the agreements."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}

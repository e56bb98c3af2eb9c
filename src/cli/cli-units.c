/* cli-units.c: uppfoljning-cli units: list, add, rename and remove a round's units, and set
 * their county part
 *
 * The same store calls as the window's round dialog, so that whatever the window does to
 * units can be scripted.
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
#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-template.h"
#include "upp-unit.h"

static gboolean
parse_options (const char    *parameters,
               const char    *description,
               GOptionEntry  *entries,
               int           *argc,
               char        ***argv)
{
  return upp_cli_parse_subcommand_options ("units", parameters, description, entries, 1, argc,
                                           argv);
}

static char *
dup_members (UppUnit *unit)
{
  const char * const *codes = upp_unit_get_member_codes (unit);

  return codes != NULL ? g_strjoinv (",", (char **) codes) : g_strdup ("");
}

static void
print_json (UppRound  *round,
            GPtrArray *responses)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  UppTemplate *template = upp_round_get_template (round);

  json_builder_begin_array (builder);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      json_builder_begin_object (builder);
      upp_cli_json_add_unit (builder, response);
      json_builder_set_member_name (builder, "answered");
      json_builder_add_int_value (builder, upp_response_count_answered (response, template));
      json_builder_set_member_name (builder, "questions");
      json_builder_add_int_value (builder, upp_template_get_n_questions (template));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  upp_cli_print_json (builder);
}

static int
list_units (UppStore  *store,
            int        argc,
            char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autofree char *round_id = NULL;
  gboolean json = FALSE;
  UppTemplate *template;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!parse_options ("[add|rename|remove|set-part] --round ID [--json]",
                      _("Without a subcommand: one line per unit of the round, tab-separated: "
                        "name, kind, municipality codes, status, questions answered, county "
                        "part.\n\n"
                        "  units add --round ID --name NAME [--municipality CODE…]\n"
                        "  units rename --round ID --unit NAME --name NEW\n"
                        "  units remove --round ID --unit NAME [--force]\n"
                        "  units set-part --round ID --unit NAME --part TEXT\n\n"
                        "Run “uppfoljning-cli units SUBCOMMAND --help” for its options."),
                      entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  responses = upp_cli_list_responses (store, round);
  if (responses == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (json)
    {
      print_json (round, responses);
      return UPP_CLI_EXIT_OK;
    }

  template = upp_round_get_template (round);
  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      UppUnit *unit = upp_response_get_unit (response);
      g_autofree char *members = dup_members (unit);

      printf ("%s\t%s\t%s\t%s\t%u\t%s\n", upp_unit_get_name (unit),
              upp_unit_kind_to_key (upp_unit_get_kind (unit)), members,
              upp_response_status_to_key (upp_response_get_status (response)),
              upp_response_count_answered (response, template), upp_unit_get_sub_area (unit));
    }
  return UPP_CLI_EXIT_OK;
}

/* The round's units in their order, without the one to leave out (may be NULL). */
static GPtrArray *
dup_round_units (GPtrArray   *responses,
                 UppResponse *left_out)
{
  GPtrArray *units = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);

      if (response != left_out)
        g_ptr_array_add (units, g_object_ref (upp_response_get_unit (response)));
    }
  return units;
}

static UppResponse *
find_response (GPtrArray  *responses,
               const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < responses->len; i++)
    {
      UppResponse *response = g_ptr_array_index (responses, i);
      g_autofree char *other = g_utf8_casefold (upp_response_get_unit_name (response), -1);

      if (g_strcmp0 (folded, other) == 0)
        return response;
    }
  return NULL;
}

static gboolean
same_members (UppUnit            *unit,
              const char * const *codes)
{
  const char * const *members = upp_unit_get_member_codes (unit);
  guint n_members = members != NULL ? g_strv_length ((char **) members) : 0;
  guint n_codes = codes != NULL ? g_strv_length ((char **) codes) : 0;

  if (n_members != n_codes)
    return FALSE;
  for (guint i = 0; i < n_codes; i++)
    {
      if (!g_strv_contains (members, codes[i]))
        return FALSE;
    }
  return TRUE;
}

/* Checks the codes against the round's region, without repeats; NULL after printing why. */
static GStrv
check_municipalities (UppStore   *store,
                      UppRound   *round,
                      GStrv       codes)
{
  UppRegion *region = upp_round_get_region (round);
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GStrvBuilder) checked = g_strv_builder_new ();
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;

  municipalities = upp_store_list_municipalities (store, upp_region_get_code (region), &error);
  if (municipalities == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return NULL;
    }
  for (guint i = 0; i < municipalities->len; i++)
    g_hash_table_add (known,
                      (gpointer) upp_municipality_get_code (g_ptr_array_index (municipalities, i)));

  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_strdup (codes[i]));

      if (!g_hash_table_contains (known, code))
        {
          upp_cli_print_error (_("“%s” is not the code of a municipality in %s."),
                               codes[i], upp_region_get_name (region));
          return NULL;
        }
      if (g_hash_table_add (seen, g_hash_table_lookup (known, code)))
        g_strv_builder_add (checked, code);
    }
  return g_strv_builder_end (checked);
}

static int
add_unit (UppStore  *store,
          int        argc,
          char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(UppUnit) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) given_codes = NULL;
  g_auto(GStrv) codes = NULL;
  const char *region_code;
  guint n_codes;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The new unit’s name"), N_("NAME") },
    { "municipality", 0, 0, G_OPTION_ARG_STRING_ARRAY, &given_codes,
      N_("A member municipality’s code; repeat for a group"), N_("CODE") },
    { NULL }
  };

  if (!parse_options ("add --round ID --name NAME [--municipality CODE…]",
                      _("One municipality makes a municipality unit, several a group, none "
                        "another body (e.g. a health-care area). A unit of the region that "
                        "already has the name (from another round, or removed from this one) "
                        "is added again with its history."),
                      entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (name == NULL)
    {
      upp_cli_print_error (_("Give the unit’s name with --name NAME."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  region_code = upp_region_get_code (upp_round_get_region (round));

  g_strstrip (name);
  if (name[0] == '\0')
    {
      upp_cli_print_error (_("A unit needs a name."));
      return UPP_CLI_EXIT_FAILURE;
    }
  codes = check_municipalities (store, round, given_codes);
  if (codes == NULL)
    return UPP_CLI_EXIT_FAILURE;
  n_codes = g_strv_length (codes);

  responses = upp_cli_list_responses (store, round);
  if (responses == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (find_response (responses, name) != NULL)
    {
      upp_cli_print_error (_("The round “%s” already has a unit called “%s”."),
                           upp_round_get_title (round), name);
      return UPP_CLI_EXIT_FAILURE;
    }

  /* As the round dialog does: a name the region already knows is that unit again. */
  stored = upp_store_list_units (store, region_code, &error);
  if (stored == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < stored->len && unit == NULL; i++)
    {
      UppUnit *known = g_ptr_array_index (stored, i);
      g_autofree char *known_name = g_utf8_casefold (upp_unit_get_name (known), -1);

      if (g_strcmp0 (folded, known_name) == 0)
        unit = g_object_ref (known);
    }
  if (unit != NULL && n_codes > 0 && !same_members (unit, (const char * const *) codes))
    {
      upp_cli_print_error (_("There is already a unit called “%s” in %s with other "
                             "municipalities; give another name, or no --municipality to add "
                             "that unit."),
                           upp_unit_get_name (unit),
                           upp_region_get_name (upp_round_get_region (round)));
      return UPP_CLI_EXIT_FAILURE;
    }
  if (unit == NULL)
    {
      UppUnitKind kind = n_codes == 0 ? UPP_UNIT_KIND_OTHER
                       : n_codes == 1 ? UPP_UNIT_KIND_MUNICIPALITY
                       : UPP_UNIT_KIND_GROUP;

      unit = upp_unit_new (name, region_code, kind);
      upp_unit_set_member_codes (unit, (const char * const *) codes);
    }

  units = dup_round_units (responses, NULL);
  g_ptr_array_add (units, g_object_ref (unit));
  /* One transaction: the new unit and its response, or nothing. */
  if (!upp_store_set_round_units (store, round, units, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

static int
rename_unit (UppStore  *store,
             int        argc,
             char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *name = NULL;
  UppUnit *unit;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The unit’s new name"), N_("NEW") },
    { NULL }
  };

  if (!parse_options ("rename --round ID --unit NAME --name NEW",
                      _("A unit is the same body in every round: it is renamed in all the "
                        "rounds it takes part in, as in the window."),
                      entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL || name == NULL)
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

  unit = upp_response_get_unit (response);
  upp_unit_set_name (unit, name);
  if (!upp_store_save_unit (store, unit, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

static int
set_unit_part (UppStore  *store,
               int        argc,
               char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  g_autofree char *part = NULL;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "part", 0, 0, G_OPTION_ARG_STRING, &part,
      N_("The county part, e.g. “Västra”; empty to clear it"), N_("TEXT") },
    { NULL }
  };

  if (!parse_options ("set-part --round ID --unit NAME --part TEXT",
                      _("The part of the county the unit belongs to, in every round it takes "
                        "part in, as in the window’s round dialog. The comparison and the "
                        "charts can group units by it."),
                      entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL || part == NULL)
    {
      upp_cli_print_error (_("Give --round, --unit and --part."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = upp_cli_find_response (store, round, unit_name);
  if (response == NULL)
    return UPP_CLI_EXIT_FAILURE;

  if (!upp_store_set_unit_sub_area (store, upp_response_get_unit (response), part, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

/* Anything typed in the form's interview part, or a further interview: as much the unit's
 * data as its answers. */
static gboolean
has_interview_details (UppStore    *store,
                       UppRound    *round,
                       UppResponse *response)
{
  g_autoptr(GPtrArray) further = NULL;

  if (upp_response_get_status (response) != UPP_RESPONSE_STATUS_NOT_CONTACTED
      || *upp_response_get_interview_date (response) != '\0'
      || upp_response_get_mode (response) != UPP_INTERVIEW_MODE_NONE
      || upp_response_get_participant_count (response) > 0
      || *upp_response_get_participant_roles (response) != '\0'
      || upp_response_get_duration_minutes (response) > 0
      || *upp_response_get_check_sent (response) != '\0'
      || *upp_response_get_check_approved (response) != '\0')
    return TRUE;
  /* Unreadable, they count as there: nothing is removed that might be. */
  further = upp_store_list_interviews (store, round, response, NULL);
  return further == NULL || further->len > 0;
}

static int
remove_unit (UppStore  *store,
             int        argc,
             char     **argv)
{
  g_autoptr(UppRound) round = NULL;
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *round_id = NULL;
  g_autofree char *unit_name = NULL;
  gboolean force = FALSE;
  UppResponse *response;
  guint answered;
  GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_STRING, &round_id, N_("The round’s id"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit_name, N_("The unit’s name"), N_("NAME") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Remove the unit even if it has answers, and its answers with it"), NULL },
    { NULL }
  };

  if (!parse_options ("remove --round ID --unit NAME [--force]",
                      _("A unit with answers or interview details in the round is kept unless "
                        "--force is given: then they go with it. The unit stays in other "
                        "rounds and can be added again."),
                      entries, &argc, &argv))
    return UPP_CLI_EXIT_USAGE;
  if (unit_name == NULL)
    {
      upp_cli_print_error (_("Give --round and --unit."));
      return UPP_CLI_EXIT_USAGE;
    }

  round = upp_cli_load_round (store, round_id);
  if (round == NULL)
    return UPP_CLI_EXIT_FAILURE;
  responses = upp_cli_list_responses (store, round);
  if (responses == NULL)
    return UPP_CLI_EXIT_FAILURE;
  response = find_response (responses, unit_name);
  if (response == NULL)
    {
      upp_cli_print_error (_("The round “%s” has no unit called “%s”."),
                           upp_round_get_title (round), unit_name);
      return UPP_CLI_EXIT_FAILURE;
    }

  answered = upp_response_count_answered (response, upp_round_get_template (round));
  if (answered > 0 && !force)
    {
      upp_cli_print_error (g_dngettext (GETTEXT_PACKAGE,
                                        "The unit “%s” has %u answer in this round; give "
                                        "--force to remove it with its answers.",
                                        "The unit “%s” has %u answers in this round; give "
                                        "--force to remove it with its answers.", answered),
                           upp_response_get_unit_name (response), answered);
      return UPP_CLI_EXIT_FAILURE;
    }
  if (has_interview_details (store, round, response) && !force)
    {
      upp_cli_print_error (_("The unit “%s” has interview details in this round; give --force "
                             "to remove it with them."),
                           upp_response_get_unit_name (response));
      return UPP_CLI_EXIT_FAILURE;
    }

  units = dup_round_units (responses, response);
  if (!upp_store_set_round_units (store, round, units, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_units (UppStore  *store,
               int        argc,
               char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_units (store, argc, argv);

  /* The subcommand takes the command's place, so its options start at argv[1]. */
  if (g_strcmp0 (subcommand, "add") == 0)
    return add_unit (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "rename") == 0)
    return rename_unit (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "remove") == 0)
    return remove_unit (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "set-part") == 0)
    return set_unit_part (store, argc - 1, argv + 1);

  upp_cli_print_error (_("Unknown subcommand “%s”; use add, rename, remove or set-part, or "
                         "none to list the units."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}

/* cli-commands.h: the commands of uppfoljning-cli, one file each
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "uppfoljning.h"

G_BEGIN_DECLS

/* Exit statuses shared by all commands. */
#define UPP_CLI_EXIT_OK        0
#define UPP_CLI_EXIT_FAILURE   1  /* the command could not do what was asked */
#define UPP_CLI_EXIT_USAGE     2  /* wrong arguments */
#define UPP_CLI_EXIT_CONFLICTS 3  /* an exchange import kept conflicting versions */

/* Each command gets the open store and its own arguments (argv[0] is the command name),
 * prints what it did and returns an exit status. Errors go through upp_cli_print_error(). */
typedef int (*UppCliCommand) (UppStore *store, int argc, char **argv);

int  upp_cli_import    (UppStore *store, int argc, char **argv);
int  upp_cli_rounds    (UppStore *store, int argc, char **argv);
int  upp_cli_show      (UppStore *store, int argc, char **argv);
int  upp_cli_answer    (UppStore *store, int argc, char **argv);
int  upp_cli_export    (UppStore *store, int argc, char **argv);
int  upp_cli_conflicts (UppStore *store, int argc, char **argv);
int  upp_cli_resolve   (UppStore *store, int argc, char **argv);
int  upp_cli_chart     (UppStore *store, int argc, char **argv);
int  upp_cli_units     (UppStore *store, int argc, char **argv);
int  upp_cli_code      (UppStore *store, int argc, char **argv);
int  upp_cli_themes    (UppStore *store, int argc, char **argv);
int  upp_cli_matrix    (UppStore *store, int argc, char **argv);
/* code --round ID --unit NAME --question KEY --start S --end E --theme NAME
 * (cli-code-passage.c): codes a passage of an answer with a theme. */
int  upp_cli_code_passage (UppStore *store, int argc, char **argv);
/* report-text --round ID --part PART --file FILE|- (cli-report-text.c): one of the round's
 * report texts from a file or standard input. */
int  upp_cli_report_text  (UppStore *store, int argc, char **argv);
/* agreements [add|edit|remove] (cli-agreements.c): the agreements register of the round's
 * units. */
int  upp_cli_agreements   (UppStore *store, int argc, char **argv);
/* interviews [add|remove|details] (cli-interviews.c): the interviews held in a round, and
 * the first one's details and respondent check. */
int  upp_cli_interviews   (UppStore *store, int argc, char **argv);
/* search QUERY [--year Y] [--question KEY] [--unit NAME] [--json] (cli-search.c): the
 * answers of every round that match. */
int  upp_cli_search       (UppStore *store, int argc, char **argv);
/* history --round ID --unit NAME --question KEY [--restore N] [--json] (cli-history.c): every
 * saved version of one answer, oldest first. */
int  upp_cli_history      (UppStore *store, int argc, char **argv);
/* privacy --round ID [--json] | privacy words [--add W] [--remove W] (cli-privacy.c): what
 * looks like personal data in a round; the database's words not to share. */
int  upp_cli_privacy      (UppStore *store, int argc, char **argv);
/* Whether the rounds (UppRound) hold nothing that looks like personal data; else lists it on
 * standard error, one line each, and says how to go on (cli-privacy.c). */
gboolean upp_cli_check_personal_data (UppStore *store, GPtrArray *rounds);

/* templates [export KEY -o FILE | import FILE] (cli-templates.c): the stored survey
 * templates, tab-separated; a template to a file or from one. */
int  upp_cli_templates    (UppStore *store, int argc, char **argv);
/* create-round --template KEY --year Y --region NAME [--title T] (cli-create-round.c): a new
 * round with the region's units; prints its id. */
int  upp_cli_create_round (UppStore *store, int argc, char **argv);
/* device-name [NAME] (cli-device-name.c): the name this computer goes by in exchange
 * files; with NAME, set first. */
int  upp_cli_device_name  (UppStore *store, int argc, char **argv);

/* The region a codebook command works on: --region's (NULL: not given), else the one the
 * database's rounds are of; NULL after printing why there is none (cli-themes.c). */
char *upp_cli_dup_region_code (UppStore *store, const char *region);

/* Exchange files (cli-exchange.c): the json format of export, and import of .json files. */
int  upp_cli_exchange_export (UppStore *store, const char *round_id, gboolean all,
                              const char *path, const char *passphrase_file,
                              gboolean allow_personal_data);
int  upp_cli_exchange_import (UppStore *store, const char *path, gboolean dry_run,
                              const char *passphrase_file);

/* One line on stderr: "uppfoljning-cli: <message>". */
void upp_cli_print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses a command's options with GOptionContext; prints the problem and returns FALSE. */
gboolean upp_cli_parse_options (const char    *command,
                                const char    *parameter_string,
                                GOptionEntry  *entries,
                                int           *argc,
                                char        ***argv);
/* For a command's subcommand ("units rename", "agreements add"): parses like
 * upp_cli_parse_options () with a description under the options and usage that names the
 * command ("Usage: uppfoljning-cli units [OPTION…] rename --round ID…"), and refuses
 * arguments beyond the first n_arguments (counting the subcommand). */
gboolean upp_cli_parse_subcommand_options (const char    *command,
                                           const char    *parameter_string,
                                           const char    *description,
                                           GOptionEntry  *entries,
                                           int            n_arguments,
                                           int           *argc,
                                           char        ***argv);
/* Refuses, with one line naming the option, a text option whose value is not UTF-8; for
 * commands that parse their options themselves. */
gboolean upp_cli_check_text_options (const GOptionEntry  *entries,
                                     int                  argc,
                                     char               **argv);
/* Loads the round named by --round (uuid or unique prefix), printing the error if any. */
UppRound *upp_cli_load_round (UppStore *store, const char *round_id);
/* The round's responses, or the response of the unit named; NULL after printing the error. */
GPtrArray   *upp_cli_list_responses (UppStore *store, UppRound *round);
UppResponse *upp_cli_find_response  (UppStore *store, UppRound *round, const char *unit_name);

/* JSON output: a string member ("" for NULL), an array of strings, a unit's members as
 * units and show print them (name, id, kind, municipalities, status), and the document
 * printed pretty on stdout. */
void upp_cli_json_add_unit   (JsonBuilder *builder, UppResponse *response);
void upp_cli_print_json      (JsonBuilder *builder);

G_END_DECLS

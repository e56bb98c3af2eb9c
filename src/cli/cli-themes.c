/* cli-themes.c: uppfoljning-cli themes: list a region's codebook; add, rename and merge themes
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "uppfoljning-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli-commands.h"
#include "upp-region.h"
#include "upp-round.h"
#include "upp-theme.h"

char *
upp_cli_dup_region_code (UppStore   *store,
                         const char *region)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  const char *code = NULL;

  if (region != NULL)
    {
      g_autoptr(UppRegion) found = upp_store_find_region (store, region, &error);

      if (found == NULL)
        {
          upp_cli_print_error ("%s", error->message);
          return NULL;
        }
      return g_strdup (upp_region_get_code (found));
    }

  /* The codebook is a region's: the one the database's rounds are of. */
  rounds = upp_store_list_rounds (store, &error);
  if (rounds == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return NULL;
    }
  for (guint i = 0; i < rounds->len; i++)
    {
      const char *round_code = upp_region_get_code (upp_round_get_region (rounds->pdata[i]));

      if (code != NULL && g_strcmp0 (code, round_code) != 0)
        {
          upp_cli_print_error (_("The database has rounds of several regions; give the "
                                 "region with --region NAME."));
          return NULL;
        }
      code = round_code;
    }
  if (code == NULL)
    {
      upp_cli_print_error (_("The database has no rounds to tell the region; give it with "
                             "--region NAME."));
      return NULL;
    }
  return g_strdup (code);
}

/* Parses options, then takes exactly n_arguments positional arguments into arguments. */
static gboolean
parse (const char    *usage,
       GOptionEntry  *entries,
       int           *argc,
       char        ***argv,
       int            n_arguments)
{
  if (!upp_cli_parse_options ("themes", usage, entries, argc, argv))
    return FALSE;
  if (*argc - 1 != n_arguments)
    {
      upp_cli_print_error (_("Usage: uppfoljning-cli themes %s"), usage);
      return FALSE;
    }
  for (int i = 1; i < *argc; i++)
    {
      if (!g_utf8_validate ((*argv)[i], -1, NULL))
        {
          upp_cli_print_error (_("A theme’s name must be valid UTF-8 text."));
          return FALSE;
        }
    }
  return TRUE;
}

static UppTheme *
find_theme (UppStore   *store,
            const char *region_code,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  UppTheme *theme = upp_store_find_theme (store, region_code, name, &error);

  if (theme == NULL)
    upp_cli_print_error ("%s", error->message);
  return theme;
}

static int
list_themes (UppStore  *store,
             int        argc,
             char     **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *code = NULL;
  g_autoptr(GPtrArray) themes = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region whose codebook to list (when the rounds are of several)"), N_("NAME") },
    { NULL }
  };

  if (!parse ("", entries, &argc, &argv, 0))
    return UPP_CLI_EXIT_USAGE;
  code = upp_cli_dup_region_code (store, region);
  if (code == NULL)
    return UPP_CLI_EXIT_FAILURE;
  themes = upp_store_list_themes (store, code, FALSE, &error);
  if (themes == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  /* One tab-separated line per theme: name, kind, coded passages. */
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *theme = g_ptr_array_index (themes, i);

      printf ("%s\t%s\t%u\n", upp_theme_get_name (theme),
              upp_theme_kind_to_key (upp_theme_get_kind (theme)),
              upp_theme_get_n_codings (theme));
    }
  return UPP_CLI_EXIT_OK;
}

static int
add_theme (UppStore  *store,
           int        argc,
           char     **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *kind_key = NULL;
  g_autofree char *code = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GError) error = NULL;
  UppThemeKind kind = UPP_THEME_KIND_NEUTRAL;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_key,
      N_("What the theme names: promoting, hindering or neutral (the default)"), N_("KIND") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region whose codebook to add to (when the rounds are of several)"), N_("NAME") },
    { NULL }
  };

  if (!parse (_("add NAME [--kind promoting|hindering|neutral]"), entries, &argc, &argv, 1))
    return UPP_CLI_EXIT_USAGE;
  if (kind_key != NULL && !upp_theme_kind_from_key (kind_key, &kind))
    {
      upp_cli_print_error (_("The kind “%s” is not one of promoting, hindering or neutral."),
                           kind_key);
      return UPP_CLI_EXIT_USAGE;
    }
  code = upp_cli_dup_region_code (store, region);
  if (code == NULL)
    return UPP_CLI_EXIT_FAILURE;
  theme = upp_store_add_theme (store, code, argv[1], kind, &error);
  if (theme == NULL)
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  printf ("%s\n", upp_theme_get_uuid (theme));
  return UPP_CLI_EXIT_OK;
}

static int
rename_theme (UppStore  *store,
              int        argc,
              char     **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *code = NULL;
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region whose codebook it is (when the rounds are of several)"), N_("NAME") },
    { NULL }
  };

  if (!parse (_("rename OLD NEW"), entries, &argc, &argv, 2))
    return UPP_CLI_EXIT_USAGE;
  code = upp_cli_dup_region_code (store, region);
  if (code == NULL)
    return UPP_CLI_EXIT_FAILURE;
  theme = find_theme (store, code, argv[1]);
  if (theme == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_rename_theme (store, theme, argv[2], &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

static int
merge_themes (UppStore  *store,
              int        argc,
              char     **argv)
{
  g_autofree char *region = NULL;
  g_autofree char *code = NULL;
  g_autoptr(UppTheme) from = NULL;
  g_autoptr(UppTheme) into = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "region", 0, 0, G_OPTION_ARG_STRING, &region,
      N_("The region whose codebook it is (when the rounds are of several)"), N_("NAME") },
    { NULL }
  };

  if (!parse (_("merge FROM INTO"), entries, &argc, &argv, 2))
    return UPP_CLI_EXIT_USAGE;
  code = upp_cli_dup_region_code (store, region);
  if (code == NULL)
    return UPP_CLI_EXIT_FAILURE;
  from = find_theme (store, code, argv[1]);
  if (from == NULL)
    return UPP_CLI_EXIT_FAILURE;
  into = find_theme (store, code, argv[2]);
  if (into == NULL)
    return UPP_CLI_EXIT_FAILURE;
  if (!upp_store_merge_themes (store, from, into, &error))
    {
      upp_cli_print_error ("%s", error->message);
      return UPP_CLI_EXIT_FAILURE;
    }
  return UPP_CLI_EXIT_OK;
}

int
upp_cli_themes (UppStore  *store,
                int        argc,
                char     **argv)
{
  const char *subcommand = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;

  if (subcommand == NULL)
    return list_themes (store, argc, argv);

  /* The subcommand takes the command's place, so its arguments start at argv[1]. */
  if (g_strcmp0 (subcommand, "add") == 0)
    return add_theme (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "rename") == 0)
    return rename_theme (store, argc - 1, argv + 1);
  if (g_strcmp0 (subcommand, "merge") == 0)
    return merge_themes (store, argc - 1, argv + 1);

  upp_cli_print_error (_("Unknown subcommand “%s”; use add, rename or merge, or none to "
                         "list the themes."), subcommand);
  return UPP_CLI_EXIT_USAGE;
}

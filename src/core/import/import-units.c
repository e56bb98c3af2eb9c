/* import-units.c: turns a unit name as written into a unit with its member municipalities
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-import-units"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "import-units.h"
#include "upp-municipality.h"
#include "upp-unit.h"
#include "upp-util.h"

/* Names compare without case, white space runs or hyphen spacing: "Väster- bergslagen" and
 * "Västerbergslagen" are the same, as are "Malung-Sälen " and "malung-sälen". */
static char *
normalize_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *normal = g_string_new (NULL);

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      g_string_append_unichar (normal, c);
    }
  return g_string_free (normal, FALSE);
}

static UppMunicipality *
find_municipality (GPtrArray  *municipalities,
                   const char *name)
{
  g_autofree char *wanted = normalize_name (name);

  if (*wanted == '\0')
    return NULL;
  for (guint i = 0; i < municipalities->len; i++)
    {
      UppMunicipality *municipality = g_ptr_array_index (municipalities, i);
      g_autofree char *candidate = normalize_name (upp_municipality_get_name (municipality));

      if (g_strcmp0 (candidate, wanted) == 0)
        return municipality;
    }
  return NULL;
}

/* "Mora, Orsa och Älvdalen" → Mora | Orsa | Älvdalen */
static GPtrArray *
split_name_list (const char *list)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) by_comma = g_strsplit_set (list, ",&/", -1);

  for (guint i = 0; by_comma[i] != NULL; i++)
    {
      g_autoptr(GRegex) conjunction = g_regex_new ("\\s+(?:och|samt|and)\\s+",
                                                   G_REGEX_CASELESS, 0, NULL);
      g_auto(GStrv) by_and = g_regex_split (conjunction, by_comma[i], 0);

      for (guint j = 0; by_and[j] != NULL; j++)
        {
          char *part = g_strstrip (g_strdup (by_and[j]));

          if (*part == '\0')
            g_free (part);
          else
            g_ptr_array_add (parts, part);
        }
    }
  return parts;
}

char *
upp_import_units_dup_name (const char *cell)
{
  g_auto(GStrv) lines = g_strsplit (cell != NULL ? cell : "", "\n", -1);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, lines[i]);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

UppUnit *
upp_import_units_match (const char      *name,
                        const char      *region_code,
                        GPtrArray       *municipalities,
                        GPtrArray       *existing_units,
                        UppImportResult *result)
{
  g_autofree char *clean = g_strstrip (g_strdup (name));
  g_autofree char *wanted = normalize_name (clean);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(UppUnit) unit = NULL;
  UppMunicipality *single;
  const char *open;

  for (guint i = 0; existing_units != NULL && i < existing_units->len; i++)
    {
      UppUnit *existing = g_ptr_array_index (existing_units, i);
      g_autofree char *candidate = normalize_name (upp_unit_get_name (existing));

      if (g_strcmp0 (candidate, wanted) == 0)
        return g_object_ref (existing);
    }

  single = find_municipality (municipalities, clean);
  if (single != NULL)
    {
      unit = upp_unit_new (upp_municipality_get_name (single), region_code,
                           UPP_UNIT_KIND_MUNICIPALITY);
      upp_unit_add_member_code (unit, upp_municipality_get_code (single));
      return g_steal_pointer (&unit);
    }

  /* A label with its members in parentheses: "Södra (Avesta och Hedemora"; the closing
   * parenthesis is often lost in Word tables. */
  open = strchr (clean, '(');
  if (open != NULL)
    {
      g_autofree char *inside = g_strdup (open + 1);
      char *close = strchr (inside, ')');

      if (close != NULL)
        *close = '\0';
      parts = split_name_list (inside);
    }
  else
    parts = split_name_list (clean);

  unit = upp_unit_new (clean, region_code, UPP_UNIT_KIND_GROUP);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      UppMunicipality *member = find_municipality (municipalities, part);

      if (member != NULL)
        upp_unit_add_member_code (unit, upp_municipality_get_code (member));
      else if (parts->len > 1 || open != NULL)
        upp_import_result_add_warning (result,
                                       _("“%s” in the unit “%s” is not a municipality of the "
                                         "region; the unit was imported without it."),
                                       part, clean);
    }

  if (upp_unit_get_member_codes (unit)[0] == NULL)
    {
      upp_unit_set_kind (unit, UPP_UNIT_KIND_OTHER);
      upp_import_result_add_warning (result,
                                     _("The unit “%s” matches no municipality of the region; "
                                       "it was imported as another kind of body."), clean);
    }
  else if (upp_unit_get_member_codes (unit)[1] == NULL && open == NULL)
    upp_unit_set_kind (unit, UPP_UNIT_KIND_MUNICIPALITY);

  return g_steal_pointer (&unit);
}

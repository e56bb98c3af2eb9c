/* upp-round-dialog.c: create or edit a round: year, region, title, template and units
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-discard-question.h"
#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round-dialog.h"
#include "upp-scroll-into-view.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"

struct _UppRoundDialog
{
  AdwWindow       parent_instance;

  UppSession     *session;
  UppStore       *store;          /* the session's when the dialog opened */
  UppRound       *round;          /* NULL when creating */
  GPtrArray      *regions;        /* UppRegion */
  GPtrArray      *templates;      /* UppTemplate */
  GListStore     *units;          /* UppUnit being edited */
  GHashTable     *ticked;         /* UppUnit* set */
  GHashTable     *original_names; /* stored UppUnit* → name when the dialog opened */
  GHashTable     *original_sub_areas; /* stored UppUnit* → county part when listed */
  GtkListStore   *sub_areas;      /* the region's county parts, for completion */
  GHashTable     *municipality_names; /* code → name, of the chosen region */
  gboolean        title_touched;  /* no complaint about an empty title before it is typed */
  gboolean        year_left;      /* the year was left: a half-typed year is wrong now */
  char           *loaded_state;   /* the fields as the dialog opened (dup_state ()) */

  /* Template widgets */
  GtkLabel       *form_hint;
  GtkDropDown    *region_dropdown;
  AdwActionRow   *region_row;
  GtkLabel       *save_error;
  GtkButton      *save_button;
  AdwComboRow    *template_row;
  AdwEntryRow    *title_row;
  GtkLabel       *units_error;
  GtkListBox     *units_list;
  AdwWindowTitle *window_title;
  AdwEntryRow    *year_row;
};

G_DEFINE_FINAL_TYPE (UppRoundDialog, upp_round_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
parse_year (const char *text,
            int        *year)
{
  guint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 4)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  value = g_ascii_strtoull (text, NULL, 10);
  if (value < 1900)
    return FALSE;

  *year = (int) value;
  return TRUE;
}

static UppRegion *
get_selected_region (UppRoundDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->region_dropdown);

  if (self->regions == NULL || position >= self->regions->len)
    return NULL;

  return g_ptr_array_index (self->regions, position);
}

static UppTemplate *
get_selected_template (UppRoundDialog *self)
{
  guint position = adw_combo_row_get_selected (self->template_row);

  if (self->templates == NULL || position >= self->templates->len)
    return NULL;

  return g_ptr_array_index (self->templates, position);
}

/* Validation, shown where the problem is */

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* The first name that two units share, or NULL; or "" for an empty name. */
static char *
find_duplicate_unit_name (UppRoundDialog *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->units), i);
      g_autofree char *stripped = g_strstrip (g_strdup (upp_unit_get_name (unit)));
      char *folded;

      if (*stripped == '\0')
        return g_strdup ("");

      folded = g_utf8_casefold (stripped, -1);
      if (g_hash_table_contains (seen, folded))
        {
          g_free (folded);
          return g_steal_pointer (&stripped);
        }
      g_hash_table_add (seen, folded);
    }

  return NULL;
}

/* Whether the year typed so far can still become a year: digits, at most four. */
static gboolean
is_year_being_typed (const char *text)
{
  if (strlen (text) >= 4)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Shows one hint at a time in the line kept for it: the first problem, as an error where a
 * field is wrong, or else what Create still waits for; the same text is the button's
 * tooltip. */
static void
show_hint (UppRoundDialog *self,
           const char     *error,
           const char     *missing)
{
  const char *text = error != NULL ? error : missing;

  gtk_label_set_text (self->form_hint, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->form_hint), text);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->form_hint), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->form_hint), "dim-label");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), missing);
  /* A screen reader says it with the greyed-out button too. */
  if (missing != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, missing, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->save_button),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static gboolean
validate (UppRoundDialog *self)
{
  g_autofree char *duplicate = NULL;
  g_autofree char *title = NULL;
  g_autofree char *units_message = NULL;
  const char *year_text = gtk_editable_get_text (GTK_EDITABLE (self->year_row));
  const char *error = NULL;
  const char *missing = NULL;
  gboolean year_ok, year_wrong, title_ok, units_ok;
  int year;

  year_ok = parse_year (year_text, &year);
  /* A year half typed is not wrong yet: only once it is left or can no longer be one. */
  year_wrong = !year_ok && (self->year_left || !is_year_being_typed (year_text));
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  title_ok = *title != '\0';

  duplicate = find_duplicate_unit_name (self);
  units_ok = duplicate == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->units)) > 0;

  set_row_error (GTK_WIDGET (self->year_row), year_wrong);
  set_row_error (GTK_WIDGET (self->title_row), !title_ok && self->title_touched);

  if (!units_ok)
    {
      if (duplicate == NULL)
        units_message = g_strdup (_("A round needs at least one unit."));
      else if (*duplicate == '\0')
        units_message = g_strdup (_("Every unit needs a name."));
      else
        units_message = g_strdup_printf (_("Two units cannot have the same name: “%s”. "
                                           "Rename one of them."), duplicate);
      gtk_label_set_text (self->units_error, units_message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->units_error), !units_ok);

  if (year_wrong)
    error = _("Write the year with digits only, e.g. 2026.");
  else if (!title_ok && self->title_touched)
    error = _("Give the round a title, e.g. “Uppföljning av LÖK 2026”.");

  if (!year_ok)
    missing = _("Enter the year");
  else if (!title_ok)
    missing = _("Enter a title");
  else if (get_selected_region (self) == NULL)
    missing = _("Choose a region");
  else if (get_selected_template (self) == NULL)
    missing = _("Choose a template");
  else if (!units_ok)
    missing = units_message;
  show_hint (self, error, missing);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save", missing == NULL);

  return missing == NULL;
}

static void
on_year_focus_leave_cb (UppRoundDialog *self)
{
  self->year_left = TRUE;
  validate (self);
}

static void
on_field_changed_cb (UppRoundDialog *self)
{
  int year;

  /* Put right, the year is judged while typed again only once left again. */
  if (parse_year (gtk_editable_get_text (GTK_EDITABLE (self->year_row)), &year))
    self->year_left = FALSE;
  validate (self);
}

static void
on_title_changed_cb (UppRoundDialog *self)
{
  self->title_touched = TRUE;
  validate (self);
}

/* Units */

static char *
describe_unit (UppRoundDialog *self,
               UppUnit        *unit)
{
  const char * const *codes = upp_unit_get_member_codes (unit);
  g_autoptr(GString) names = g_string_new (NULL);

  if (upp_unit_get_kind (unit) != UPP_UNIT_KIND_GROUP || codes == NULL)
    return g_strdup (upp_unit_kind_get_label (upp_unit_get_kind (unit)));

  for (guint i = 0; codes[i] != NULL; i++)
    {
      const char *name = g_hash_table_lookup (self->municipality_names, codes[i]);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name != NULL ? name : codes[i]);
    }

  /* Translators: a group unit and its member municipalities, e.g. "Group: Mora, Orsa". */
  return g_strdup_printf (_("Group: %s"), names->str);
}

static void
on_unit_ticked_cb (GtkCheckButton *check,
                   UppRoundDialog *self)
{
  UppUnit *unit = g_object_get_data (G_OBJECT (check), "unit");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->ticked, unit);
  else
    g_hash_table_remove (self->ticked, unit);
}

static void
on_unit_name_changed_cb (GtkEditable    *editable,
                         UppRoundDialog *self)
{
  UppUnit *unit = g_object_get_data (G_OBJECT (editable), "unit");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *duplicate = NULL;

  upp_unit_set_name (unit, name);
  duplicate = find_duplicate_unit_name (self);
  set_row_error (GTK_WIDGET (editable),
                 duplicate != NULL && (*duplicate == '\0'
                                       || g_utf8_collate (duplicate, name) == 0));
  validate (self);
}

static void
on_unit_sub_area_changed_cb (GtkEditable    *editable,
                             UppRoundDialog *self)
{
  UppUnit *unit = g_object_get_data (G_OBJECT (editable), "unit");
  g_autofree char *sub_area = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  upp_unit_set_sub_area (unit, sub_area);
}

/* An entry for the unit's county part that completes the parts the region already uses. */
static GtkWidget *
create_sub_area_entry (UppRoundDialog *self,
                       UppUnit        *unit)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autofree char *label = NULL;
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->sub_areas));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (GTK_ENTRY (entry), completion);

  gtk_editable_set_text (GTK_EDITABLE (entry), upp_unit_get_sub_area (unit));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("County part"));
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (entry, _("The part of the county the unit belongs to, to group "
                                        "units by in the comparison and the charts"));
  /* Translators: the accessible name of a unit's county part entry, e.g. "County part of
   * Falun". */
  label = g_strdup_printf (_("County part of %s"), upp_unit_get_name (unit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data (G_OBJECT (entry), "unit", unit);
  g_signal_connect (entry, "changed", G_CALLBACK (on_unit_sub_area_changed_cb), self);
  return entry;
}

static GtkWidget *
create_unit_row (gpointer item,
                 gpointer user_data)
{
  UppRoundDialog *self = user_data;
  UppUnit *unit = item;
  g_autofree char *description = describe_unit (self, unit);
  GtkWidget *row, *check;

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), description);
  gtk_editable_set_text (GTK_EDITABLE (row), upp_unit_get_name (unit));
  g_object_set_data (G_OBJECT (row), "unit", unit);
  g_signal_connect (row, "changed", G_CALLBACK (on_unit_name_changed_cb), self);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->ticked, unit));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, upp_unit_get_name (unit), -1);
  g_object_set_data (G_OBJECT (check), "unit", unit);
  g_signal_connect (check, "toggled", G_CALLBACK (on_unit_ticked_cb), self);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (row), check);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), create_sub_area_entry (self, unit));

  return row;
}

static GPtrArray *
dup_ticked_in_order (UppRoundDialog *self,
                     guint          *first_position)
{
  GPtrArray *ticked = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));

  *first_position = n;
  for (guint i = 0; i < n; i++)
    {
      UppUnit *unit = g_list_model_get_item (G_LIST_MODEL (self->units), i);

      if (g_hash_table_contains (self->ticked, unit))
        {
          if (*first_position == n)
            *first_position = i;
          g_ptr_array_add (ticked, unit);
        }
      else
        {
          g_object_unref (unit);
        }
    }

  return ticked;
}

static void
remove_unit (UppRoundDialog *self,
             UppUnit        *unit)
{
  guint position;

  g_hash_table_remove (self->ticked, unit);
  if (g_list_store_find (self->units, unit, &position))
    g_list_store_remove (self->units, position);
}

static void
merge_units_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (widget);
  g_autoptr(GPtrArray) ticked = NULL;
  g_autoptr(UppUnit) group = NULL;
  g_autoptr(GString) name = g_string_new (NULL);
  guint position;

  ticked = dup_ticked_in_order (self, &position);
  if (ticked->len < 2)
    {
      gtk_label_set_text (self->units_error, _("Tick at least two units to merge them."));
      gtk_widget_set_visible (GTK_WIDGET (self->units_error), TRUE);
      return;
    }

  for (guint i = 0; i < ticked->len; i++)
    {
      const char *unit_name = upp_unit_get_name (g_ptr_array_index (ticked, i));

      if (i > 0 && i == ticked->len - 1)
        /* Translators: joins the last two names of a merged group, "Mora, Orsa och Älvdalen". */
        g_string_append (name, _(" and "));
      else if (i > 0)
        g_string_append (name, ", ");
      g_string_append (name, unit_name);
    }

  group = upp_unit_new (name->str, upp_region_get_code (get_selected_region (self)),
                        UPP_UNIT_KIND_GROUP);
  for (guint i = 0; i < ticked->len; i++)
    {
      const char * const *codes = upp_unit_get_member_codes (g_ptr_array_index (ticked, i));

      for (guint j = 0; codes != NULL && codes[j] != NULL; j++)
        upp_unit_add_member_code (group, codes[j]);
    }

  for (guint i = 0; i < ticked->len; i++)
    remove_unit (self, g_ptr_array_index (ticked, i));
  g_list_store_insert (self->units, MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->units))),
                       group);
  validate (self);
}

static UppUnit *
new_municipality_unit (UppRoundDialog *self,
                       const char     *code,
                       const char     *region_code)
{
  const char *name = g_hash_table_lookup (self->municipality_names, code);
  UppUnit *unit = upp_unit_new (name != NULL ? name : code, region_code,
                                UPP_UNIT_KIND_MUNICIPALITY);

  upp_unit_add_member_code (unit, code);
  return unit;
}

static void
split_units_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (widget);
  g_autoptr(GPtrArray) ticked = NULL;
  guint first, n_split = 0;

  ticked = dup_ticked_in_order (self, &first);
  for (guint i = 0; i < ticked->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (ticked, i);
      const char * const *codes = upp_unit_get_member_codes (unit);
      guint position;

      if (codes == NULL || g_strv_length ((char **) codes) < 2)
        continue;
      if (!g_list_store_find (self->units, unit, &position))
        continue;

      g_hash_table_remove (self->ticked, unit);
      g_list_store_remove (self->units, position);
      for (guint j = 0; codes[j] != NULL; j++)
        {
          g_autoptr(UppUnit) part = new_municipality_unit (self, codes[j],
                                                           upp_unit_get_region_code (unit));

          g_list_store_insert (self->units, position + j, part);
        }
      n_split++;
    }

  if (n_split == 0)
    {
      gtk_label_set_text (self->units_error,
                          _("Tick a group of several municipalities to split it."));
      gtk_widget_set_visible (GTK_WIDGET (self->units_error), TRUE);
      return;
    }

  validate (self);
}

static void
remove_units_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (widget);
  g_autoptr(GPtrArray) ticked = NULL;
  guint first;

  ticked = dup_ticked_in_order (self, &first);
  for (guint i = 0; i < ticked->len; i++)
    remove_unit (self, g_ptr_array_index (ticked, i));
  validate (self);
}

static void
add_unit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (widget);
  UppRegion *region = get_selected_region (self);
  g_autoptr(UppUnit) unit = NULL;
  GtkListBoxRow *row;
  guint n;

  if (region == NULL)
    return;

  unit = upp_unit_new ("", upp_region_get_code (region), UPP_UNIT_KIND_OTHER);
  g_list_store_append (self->units, unit);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->units));
  row = gtk_list_box_get_row_at_index (self->units_list, n - 1);
  if (row != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row));
      upp_scroll_into_view_when_laid_out (GTK_WIDGET (row), NULL);
    }
  validate (self);
}

static void
fill_units_for_region (UppRoundDialog *self,
                       UppRegion      *region)
{
  g_autoptr(GPtrArray) municipalities = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sub_areas = NULL;
  const char *code = upp_region_get_code (region);

  g_hash_table_remove_all (self->municipality_names);
  g_hash_table_remove_all (self->ticked);
  g_list_store_remove_all (self->units);

  gtk_list_store_clear (self->sub_areas);
  sub_areas = upp_store_list_sub_areas (self->store, code, &error);
  if (sub_areas == NULL)
    {
      g_warning ("Could not list the county parts of %s: %s", code, error->message);
      g_clear_error (&error);
    }
  for (guint i = 0; sub_areas != NULL && sub_areas[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->sub_areas, NULL, -1, 0, sub_areas[i], -1);

  municipalities = upp_store_list_municipalities (self->store, code, &error);
  if (municipalities == NULL)
    {
      g_warning ("Could not list the municipalities of %s: %s", code, error->message);
      return;
    }

  for (guint i = 0; i < municipalities->len; i++)
    {
      UppMunicipality *m = g_ptr_array_index (municipalities, i);

      g_hash_table_insert (self->municipality_names,
                           g_strdup (upp_municipality_get_code (m)),
                           g_strdup (upp_municipality_get_name (m)));
    }

  if (self->round != NULL)
    return;

  /* A region that has units already (from last year or the example) keeps them; otherwise
   * every municipality starts as its own unit. */
  stored = upp_store_list_units (self->store, code, NULL);
  if (stored != NULL && stored->len > 0)
    {
      for (guint i = 0; i < stored->len; i++)
        {
          UppUnit *unit = g_ptr_array_index (stored, i);

          g_hash_table_insert (self->original_names, g_object_ref (unit),
                               g_strdup (upp_unit_get_name (unit)));
          g_hash_table_insert (self->original_sub_areas, g_object_ref (unit),
                               g_strdup (upp_unit_get_sub_area (unit)));
          g_list_store_append (self->units, unit);
        }
      return;
    }

  {
    g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < municipalities->len; i++)
      {
        UppMunicipality *m = g_ptr_array_index (municipalities, i);

        g_ptr_array_add (units, new_municipality_unit (self, upp_municipality_get_code (m), code));
      }
    /* In the order the stored units of another region come in. */
    g_ptr_array_sort (units, upp_unit_compare_by_name);
    g_list_store_splice (self->units, 0, 0, units->pdata, units->len);
  }
}

static void
on_region_selected_cb (UppRoundDialog *self)
{
  UppRegion *region = get_selected_region (self);

  if (region == NULL || self->round != NULL)
    return;

  fill_units_for_region (self, region);
  validate (self);
}

/* Saving */

/* New units whose name a stored unit of the region has already become that unit, so a
 * split or merge back to an earlier shape keeps the unit's history. */
static GPtrArray *
resolve_units (UppRoundDialog *self,
               GError        **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GPtrArray) units = g_ptr_array_new_with_free_func (g_object_unref);
  UppRegion *region = get_selected_region (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));

  stored = upp_store_list_units (self->store, upp_region_get_code (region), error);
  if (stored == NULL)
    return NULL;

  by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < stored->len; i++)
    {
      UppUnit *unit = g_ptr_array_index (stored, i);

      g_hash_table_insert (by_name, g_utf8_casefold (upp_unit_get_name (unit), -1), unit);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->units), i);
      g_autofree char *folded = g_utf8_casefold (upp_unit_get_name (unit), -1);
      UppUnit *existing = g_hash_table_lookup (by_name, folded);
      const char *original = g_hash_table_lookup (self->original_names, unit);
      const char *original_sub_area = g_hash_table_lookup (self->original_sub_areas, unit);
      const char *sub_area = upp_unit_get_sub_area (unit);

      if (upp_unit_get_id (unit) == 0 && existing != NULL)
        {
          /* A county part typed for it is that unit's part from now on. */
          if (*sub_area != '\0'
              && !upp_store_set_unit_sub_area (self->store, existing, sub_area, error))
            return NULL;
          g_ptr_array_add (units, g_object_ref (existing));
          continue;
        }

      /* A stored unit renamed or moved to another county part here is so everywhere: it is
       * still the same body. */
      if (upp_unit_get_id (unit) != 0
          && ((original != NULL && g_strcmp0 (original, upp_unit_get_name (unit)) != 0)
              || (original_sub_area != NULL && g_strcmp0 (original_sub_area, sub_area) != 0))
          && !upp_store_save_unit (self->store, unit, error))
        return NULL;

      g_ptr_array_add (units, g_object_ref (unit));
    }

  return g_steal_pointer (&units);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (widget);
  g_autoptr(GPtrArray) units = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uuid = NULL;
  int year = 0;

  if (!validate (self))
    return;

  parse_year (gtk_editable_get_text (GTK_EDITABLE (self->year_row)), &year);
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  units = resolve_units (self, &error);
  if (units == NULL)
    goto failed;

  if (self->round == NULL)
    {
      g_autoptr(UppRound) round = upp_round_new (year, get_selected_region (self), title,
                                                 get_selected_template (self));

      if (!upp_store_create_round (self->store, round, units, &error))
        goto failed;
      uuid = g_strdup (upp_round_get_uuid (round));
    }
  else
    {
      upp_round_set_year (self->round, year);
      upp_round_set_title (self->round, title);
      if (!upp_store_update_round (self->store, self->round, &error)
          || !upp_store_set_round_units (self->store, self->round, units, &error))
        goto failed;
      uuid = g_strdup (upp_round_get_uuid (self->round));
    }

  /* Destroyed at once, not hidden for later: GTK 4.8's accessibility code may answer a
   * screen reader with a hidden window, which has no bus path, and crash. */
  /* The rounds list and the round's pages show the saved round before "saved" is handled. */
  upp_session_check_for_changes (self->session);
  g_signal_emit (self, signals[SAVED], 0, uuid);
  upp_discard_question_skip (GTK_WINDOW (self));
  gtk_window_destroy (GTK_WINDOW (self));
  return;

failed:
  message = g_strdup_printf (_("The round could not be saved: %s"), error->message);
  gtk_label_set_text (self->save_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
}

/* Closing with unsaved changes */

/* Everything the user can change, as text: what differs from when the dialog opened is a
 * change that Esc must not throw away unasked. */
static char *
dup_state (UppRoundDialog *self)
{
  GString *state = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->units));

  g_string_append_printf (state, "%s\n%u\n%s\n%u\n",
                          gtk_editable_get_text (GTK_EDITABLE (self->year_row)),
                          gtk_drop_down_get_selected (self->region_dropdown),
                          gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                          adw_combo_row_get_selected (self->template_row));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppUnit) unit = g_list_model_get_item (G_LIST_MODEL (self->units), i);

      g_string_append_printf (state, "%p\t%s\t%s\t%d\n", (gpointer) unit,
                              upp_unit_get_name (unit), upp_unit_get_sub_area (unit),
                              g_hash_table_contains (self->ticked, unit));
    }
  return g_string_free (state, FALSE);
}

static gboolean
has_changes (UppRoundDialog *self)
{
  g_autofree char *state = NULL;

  if (self->loaded_state == NULL)
    return FALSE;
  state = dup_state (self);
  return g_strcmp0 (state, self->loaded_state) != 0;
}

/* Esc, Cancel and the close button all come here: a round half set up is not thrown away
 * unasked. */
static gboolean
upp_round_dialog_close_request (GtkWindow *window)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (window);

  if (upp_discard_question_was_answered (window) || !has_changes (self))
    return GTK_WINDOW_CLASS (upp_round_dialog_parent_class)->close_request (window);

  if (self->round == NULL)
    upp_discard_question_present (window, _("Discard the New Round?"),
                                  _("The round is not created yet; what you filled in is lost "
                                    "if you discard it."),
                                  _("_Create"), "dialog.save");
  else
    upp_discard_question_present (window, _("Save Changes?"),
                                  _("The changes to this round are not saved yet."),
                                  _("_Save"), "dialog.save");
  return TRUE;
}

/* Set-up */

static GListModel *
region_names_model (GPtrArray *regions)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; regions != NULL && i < regions->len; i++)
    gtk_string_list_append (names, upp_region_get_name (g_ptr_array_index (regions, i)));

  return G_LIST_MODEL (names);
}

static GListModel *
template_names_model (GPtrArray *templates)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (templates, i);
      /* Translators: a template's title and version, e.g. "Uppföljning av LÖK (version 2)". */
      g_autofree char *name = g_strdup_printf (_("%s (version %d)"),
                                               upp_template_get_title (template),
                                               upp_template_get_version (template));

      gtk_string_list_append (names, name);
    }

  return G_LIST_MODEL (names);
}

/* What a region is found by when its name is typed in the list: the name without the
 * "Region" that most begin with (the drop-down matches the start), "Dalarna" for
 * "Region Dalarna". */
static char *
dup_region_search_key (GtkStringObject *item)
{
  const char *name = gtk_string_object_get_string (item);

  if (g_str_has_prefix (name, "Region "))
    return g_strdup (name + strlen ("Region "));
  return g_strdup (name);
}

/* A template in the list: its name in full, and what tells two of them apart. */
static void
on_template_item_setup_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 40);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
on_template_item_bind_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          UppRoundDialog           *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkStringObject *name = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  UppTemplate *template;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  const char *description;

  gtk_label_set_text (GTK_LABEL (title), gtk_string_object_get_string (name));
  if (self->templates == NULL || position >= self->templates->len)
    return;
  template = g_ptr_array_index (self->templates, position);
  /* Translators: how many questions a template has, under its name in a list. */
  count = g_strdup_printf (ngettext ("%u question", "%u questions",
                                     upp_template_get_n_questions (template)),
                           upp_template_get_n_questions (template));
  description = upp_template_get_description (template);
  if (description != NULL && *description != '\0')
    text = g_strdup_printf ("%s · %s", count, description);
  else
    text = g_steal_pointer (&count);
  gtk_label_set_text (GTK_LABEL (subtitle), text);
}

static guint
find_region_position (UppRoundDialog *self,
                      const char     *code)
{
  for (guint i = 0; code != NULL && i < self->regions->len; i++)
    if (g_strcmp0 (upp_region_get_code (g_ptr_array_index (self->regions, i)), code) == 0)
      return i;

  return 0;
}

static guint
find_template_position (UppRoundDialog *self,
                        const char     *key,
                        int             version)
{
  guint best = 0;
  int best_version = -1;

  for (guint i = 0; i < self->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->templates, i);

      if (g_strcmp0 (upp_template_get_key (template), key) != 0)
        continue;
      if (version > 0 && upp_template_get_version (template) == version)
        return i;
      if (upp_template_get_version (template) > best_version)
        {
          best = i;
          best_version = upp_template_get_version (template);
        }
    }

  return best;
}

static void
load (UppRoundDialog *self)
{
  g_autoptr(GListModel) region_names = NULL;
  g_autoptr(GListModel) template_names = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *year = NULL;
  const char *region_code = NULL;

  self->regions = upp_store_list_regions (self->store, &error);
  if (self->regions == NULL)
    {
      g_warning ("Could not list the regions: %s", error->message);
      self->regions = g_ptr_array_new_with_free_func (g_object_unref);
      g_clear_error (&error);
    }
  self->templates = upp_store_list_templates (self->store, &error);
  if (self->templates == NULL)
    {
      g_warning ("Could not list the templates: %s", error->message);
      self->templates = g_ptr_array_new_with_free_func (g_object_unref);
      g_clear_error (&error);
    }

  region_names = region_names_model (self->regions);
  template_names = template_names_model (self->templates);

  g_signal_handlers_block_by_func (self->region_dropdown, on_region_selected_cb, self);
  gtk_drop_down_set_model (self->region_dropdown, region_names);
  adw_combo_row_set_model (self->template_row, template_names);
  g_signal_handlers_unblock_by_func (self->region_dropdown, on_region_selected_cb, self);

  if (self->round != NULL)
    {
      g_autoptr(GPtrArray) responses = NULL;
      UppTemplate *template = upp_round_get_template (self->round);

      adw_window_title_set_title (self->window_title, _("Edit Round"));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Round"));
      gtk_button_set_label (self->save_button, _("_Save"));

      year = g_strdup_printf ("%d", upp_round_get_year (self->round));
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), upp_round_get_title (self->round));
      region_code = upp_region_get_code (upp_round_get_region (self->round));
      gtk_drop_down_set_selected (self->region_dropdown, find_region_position (self, region_code));
      adw_combo_row_set_selected (self->template_row,
                                  find_template_position (self, upp_template_get_key (template),
                                                          upp_template_get_version (template)));
      /* A round keeps its region and the template version it runs with. */
      gtk_widget_set_sensitive (GTK_WIDGET (self->region_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->template_row), FALSE);

      fill_units_for_region (self, upp_round_get_region (self->round));
      responses = upp_store_list_responses (self->store, self->round, &error);
      if (responses == NULL)
        g_warning ("Could not list the responses: %s", error->message);
      for (guint i = 0; responses != NULL && i < responses->len; i++)
        {
          UppUnit *unit = upp_response_get_unit (g_ptr_array_index (responses, i));

          g_hash_table_insert (self->original_names, g_object_ref (unit),
                               g_strdup (upp_unit_get_name (unit)));
          g_hash_table_insert (self->original_sub_areas, g_object_ref (unit),
                               g_strdup (upp_unit_get_sub_area (unit)));
          g_list_store_append (self->units, unit);
        }
    }
  else
    {
      g_autoptr(GPtrArray) rounds = upp_store_list_rounds (self->store, NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      int this_year = g_date_time_get_year (now);

      adw_window_title_set_title (self->window_title, _("New Round"));
      gtk_window_set_title (GTK_WINDOW (self), _("New Round"));
      gtk_button_set_label (self->save_button, _("C_reate"));

      /* Most officers follow up one region: start from the one used last. */
      if (rounds != NULL && rounds->len > 0)
        region_code = upp_region_get_code (upp_round_get_region (g_ptr_array_index (rounds, 0)));
      else
        region_code = "20";

      year = g_strdup_printf ("%d", this_year);
      adw_combo_row_set_selected (self->template_row,
                                  find_template_position (self, UPP_TEMPLATE_BUILTIN_LOK, 0));
      g_signal_handlers_block_by_func (self->region_dropdown, on_region_selected_cb, self);
      gtk_drop_down_set_selected (self->region_dropdown, find_region_position (self, region_code));
      g_signal_handlers_unblock_by_func (self->region_dropdown, on_region_selected_cb, self);
      if (get_selected_region (self) != NULL)
        fill_units_for_region (self, get_selected_region (self));
    }

  gtk_editable_set_text (GTK_EDITABLE (self->year_row), year);
  validate (self);
}

static void
upp_round_dialog_dispose (GObject *object)
{
  UppRoundDialog *self = UPP_ROUND_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUND_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->round);
  g_clear_object (&self->units);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->ticked, g_hash_table_unref);
  g_clear_pointer (&self->original_names, g_hash_table_unref);
  g_clear_pointer (&self->original_sub_areas, g_hash_table_unref);
  g_clear_object (&self->sub_areas);
  g_clear_pointer (&self->municipality_names, g_hash_table_unref);
  g_clear_pointer (&self->loaded_state, g_free);

  G_OBJECT_CLASS (upp_round_dialog_parent_class)->dispose (object);
}

static void
upp_round_dialog_class_init (UppRoundDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = upp_round_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-round-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, form_hint);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, save_error);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, units_error);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, units_list);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, UppRoundDialog, year_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_region_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "dialog.merge-units", NULL, merge_units_action);
  gtk_widget_class_install_action (widget_class, "dialog.split-units", NULL, split_units_action);
  gtk_widget_class_install_action (widget_class, "dialog.remove-units", NULL, remove_units_action);
  gtk_widget_class_install_action (widget_class, "dialog.add-unit", NULL, add_unit_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "dialog.save", NULL);
}

static void
upp_round_dialog_init (UppRoundDialog *self)
{
  g_autoptr(GtkListItemFactory) template_factory = NULL;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->units = g_list_store_new (UPP_TYPE_UNIT);
  self->ticked = g_hash_table_new (NULL, NULL);
  self->original_names = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->original_sub_areas = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  self->sub_areas = gtk_list_store_new (1, G_TYPE_STRING);
  self->municipality_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_list_box_bind_model (self->units_list, G_LIST_MODEL (self->units),
                           create_unit_row, self, NULL);

  gtk_drop_down_set_expression (self->region_dropdown,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (dup_region_search_key),
                                                             NULL, NULL));

  template_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (template_factory, "setup", G_CALLBACK (on_template_item_setup_cb), NULL);
  g_signal_connect (template_factory, "bind", G_CALLBACK (on_template_item_bind_cb), self);
  adw_combo_row_set_list_factory (self->template_row, template_factory);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_year_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->year_row), focus);
}

UppRoundDialog *
upp_round_dialog_new (GtkWindow  *parent,
                      UppSession *session,
                      UppRound   *round)
{
  UppRoundDialog *self;
  UppStore *store;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  store = upp_session_get_store (session);
  g_return_val_if_fail (store != NULL, NULL);

  self = g_object_new (UPP_TYPE_ROUND_DIALOG, "transient-for", parent, NULL);
  /* Never taller than the window it belongs to: small laptop screens show all of it. */
  if (parent != NULL && gtk_widget_get_height (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), 640,
                                 MIN (720, gtk_widget_get_height (GTK_WIDGET (parent)) - 24));
  self->session = g_object_ref (session);
  self->store = g_object_ref (store);
  self->round = round != NULL ? g_object_ref (round) : NULL;
  load (self);
  self->loaded_state = dup_state (self);

  return self;
}

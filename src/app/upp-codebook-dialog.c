/* upp-codebook-dialog.c: a region's codebook: its themes, one theme's details and its coded
 * passages in every round
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-codebook-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-codebook-dialog.h"
#include "upp-coding.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-theme.h"
#include "upp-toast.h"

/* The kind row's items, in this order. */
static const UppThemeKind kind_of_item[] = {
  UPP_THEME_KIND_PROMOTING,
  UPP_THEME_KIND_HINDERING,
  UPP_THEME_KIND_NEUTRAL,
};

/* What was asked for when the edits on the theme page were not saved. */
typedef enum
{
  LEAVE_FOR_LIST,
  LEAVE_FOR_CLOSE,
  LEAVE_FOR_PASSAGE,
} Leave;

struct _UppCodebookDialog
{
  AdwWindow        parent_instance;

  UppSession      *session;
  char            *region_code;
  /* The session's live themes in use: the list follows it. */
  GListModel      *themes;
  /* The theme page's theme as stored (a copy, not the model's); NULL for a new theme. */
  UppTheme        *theme;
  /* The colour as edited: "" for the kind's. */
  char            *colour;
  /* The parent row's choices: "" (none), then theme uuids. */
  GPtrArray       *parent_uuids;
  /* The merge row's choices (UppTheme). */
  GPtrArray       *merge_targets;
  /* The passage to open once unsaved edits are discarded. */
  UppCoding       *leave_for_passage;
  /* Fields being set from the theme, not edited. */
  gboolean         filling;

  /* Template widgets */
  GtkButton       *colour_button;
  GtkButton       *colour_reset_button;
  AdwActionRow    *colour_row;
  AdwEntryRow     *description_row;
  AdwPreferencesGroup *details_group;
  AdwComboRow     *kind_row;
  AdwWindowTitle  *list_title;
  AdwPreferencesGroup *manage_group;
  AdwComboRow     *merge_row;
  AdwEntryRow     *name_row;
  GtkStack        *pages;
  AdwComboRow     *parent_row;
  AdwPreferencesGroup *passages_group;
  GtkListBox      *passages_list;
  AdwPreferencesGroup *retired_group;
  GtkListBox      *retired_list;
  GtkButton       *save_button;
  GtkListBox      *themes_list;
  AdwWindowTitle  *theme_title;
  AdwToastOverlay *toast_overlay;
  GtkScrolledWindow *theme_scroller;
};

G_DEFINE_FINAL_TYPE (UppCodebookDialog, upp_codebook_dialog, ADW_TYPE_WINDOW)

static void rebuild_passages (UppCodebookDialog *self);

static UppStore *
get_store (UppCodebookDialog *self)
{
  return upp_session_get_store (self->session);
}

static void
show_error (UppCodebookDialog *self,
            const GError      *error)
{
  g_message ("Codebook not changed: %s", error->message);
  upp_toast_show (GTK_WIDGET (self), error->message);
}

static const char *
kind_label (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return _("Promoting");
    case UPP_THEME_KIND_HINDERING:
      return _("Hindering");
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return _("Neutral");
    }
}

/* The kind's colour when a theme has none of its own: GNOME's green, red and grey. */
static const char *
theme_colour (UppThemeKind  kind,
              const char   *colour)
{
  if (colour != NULL && *colour != '\0')
    return colour;
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return "#2ec27e";
    case UPP_THEME_KIND_HINDERING:
      return "#e01b24";
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return "#9a9996";
    }
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        colour)
{
  GdkRGBA rgba;

  if (!gdk_rgba_parse (&rgba, colour))
    return;
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
swatch_new (UppTheme *theme)
{
  GtkWidget *swatch = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                  g_strdup (theme_colour (upp_theme_get_kind (theme),
                                                          upp_theme_get_colour (theme))),
                                  g_free);
  return swatch;
}

/* ---- the list of themes -------------------------------------------------------------- */

static GtkWidget *
theme_row_new (UppTheme *theme,
               gboolean  grouped)
{
  guint n_codings = upp_theme_get_n_codings (theme);
  g_autofree char *passages = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u coded passage",
                                                            "%u coded passages", n_codings),
                                               n_codings);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *swatch = swatch_new (theme);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), upp_theme_get_name (theme));
  /* Translators: a codebook row's subtitle: the theme's kind and number of passages. */
  subtitle = g_strdup_printf (_("%s · %s"), kind_label (upp_theme_get_kind (theme)), passages);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* A theme grouped under another is drawn in from its parent, above it. */
  if (grouped)
    gtk_widget_set_margin_start (swatch, 24);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (
    "go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "theme-uuid", g_strdup (upp_theme_get_uuid (theme)),
                          g_free);
  return row;
}

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *row;

  while ((row = (GtkWidget *) gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, row);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  UppTheme *ta = *(UppTheme **) a;
  UppTheme *tb = *(UppTheme **) b;

  return g_utf8_collate (upp_theme_get_name (ta), upp_theme_get_name (tb));
}

/* The region's themes in use from the live model, by name. */
static GPtrArray *
dup_themes_in_use (UppCodebookDialog *self)
{
  GPtrArray *themes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(UppTheme) theme = g_list_model_get_item (self->themes, i);

      if (g_strcmp0 (upp_theme_get_region_code (theme), self->region_code) == 0)
        g_ptr_array_add (themes, g_steal_pointer (&theme));
    }
  g_ptr_array_sort (themes, compare_names);
  return themes;
}

static gboolean
has_theme (GPtrArray  *themes,
           const char *uuid)
{
  for (guint i = 0; i < themes->len; i++)
    if (g_strcmp0 (upp_theme_get_uuid (themes->pdata[i]), uuid) == 0)
      return TRUE;
  return FALSE;
}

/* Each theme without a parent (in use), followed by those grouped under it. */
static void
rebuild_lists (UppCodebookDialog *self)
{
  g_autoptr(GPtrArray) themes = dup_themes_in_use (self);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_retired = FALSE;

  remove_rows (self->themes_list);
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *parent = themes->pdata[i];

      if (has_theme (themes, upp_theme_get_parent_uuid (parent)))
        continue;
      gtk_list_box_append (self->themes_list, theme_row_new (parent, FALSE));
      for (guint j = 0; j < themes->len; j++)
        {
          UppTheme *child = themes->pdata[j];

          if (g_strcmp0 (upp_theme_get_parent_uuid (child), upp_theme_get_uuid (parent)) == 0)
            gtk_list_box_append (self->themes_list, theme_row_new (child, TRUE));
        }
    }

  remove_rows (self->retired_list);
  all = upp_store_list_themes (get_store (self), self->region_code, TRUE, &error);
  if (all == NULL)
    g_debug ("Could not list the retired themes: %s", error->message);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      UppTheme *theme = all->pdata[i];

      if (!upp_theme_get_retired (theme))
        continue;
      gtk_list_box_append (self->retired_list, theme_row_new (theme, FALSE));
      any_retired = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->retired_group), any_retired);
}

/* ---- one theme's page ---------------------------------------------------------------- */

/* The theme as stored now, retired or not; NULL when there is none. */
static UppTheme *
load_theme (UppCodebookDialog *self,
            const char        *uuid)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  all = upp_store_list_themes (get_store (self), self->region_code, TRUE, &error);
  if (all == NULL)
    {
      g_debug ("Could not read the codebook: %s", error->message);
      return NULL;
    }
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (upp_theme_get_uuid (all->pdata[i]), uuid) == 0)
      return g_object_ref (all->pdata[i]);
  return NULL;
}

static guint
kind_item (UppThemeKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_of_item); i++)
    if (kind_of_item[i] == kind)
      return i;
  return 0;
}

static UppThemeKind
edited_kind (UppCodebookDialog *self)
{
  guint item = adw_combo_row_get_selected (self->kind_row);

  return item < G_N_ELEMENTS (kind_of_item) ? kind_of_item[item] : UPP_THEME_KIND_NEUTRAL;
}

static const char *
edited_parent (UppCodebookDialog *self)
{
  guint item = adw_combo_row_get_selected (self->parent_row);

  return item < self->parent_uuids->len ? self->parent_uuids->pdata[item] : "";
}

static char *
dup_edited_name (UppCodebookDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
}

static gboolean
is_editing (UppCodebookDialog *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "theme") == 0;
}

/* Whether the theme page has edits that are not saved. */
static gboolean
has_unsaved_edits (UppCodebookDialog *self)
{
  g_autofree char *name = NULL;
  const char *description;

  if (!is_editing (self))
    return FALSE;
  name = dup_edited_name (self);
  description = gtk_editable_get_text (GTK_EDITABLE (self->description_row));
  if (self->theme == NULL)
    return *name != '\0' || *description != '\0' || *self->colour != '\0' ||
           *edited_parent (self) != '\0';
  return g_strcmp0 (name, upp_theme_get_name (self->theme)) != 0 ||
         g_strcmp0 (description, upp_theme_get_description (self->theme)) != 0 ||
         edited_kind (self) != upp_theme_get_kind (self->theme) ||
         g_strcmp0 (edited_parent (self), upp_theme_get_parent_uuid (self->theme)) != 0 ||
         g_strcmp0 (self->colour, upp_theme_get_colour (self->theme)) != 0;
}

static void
update_actions (UppCodebookDialog *self)
{
  g_autofree char *name = dup_edited_name (self);
  gboolean retired = self->theme != NULL && upp_theme_get_retired (self->theme);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.save",
                                 !retired && *name != '\0' && has_unsaved_edits (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "codebook.merge",
                                 self->merge_targets->len > 0);
}

static void
show_colour (UppCodebookDialog *self)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, theme_colour (edited_kind (self), self->colour));
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  adw_action_row_set_subtitle (self->colour_row,
                               *self->colour != '\0' ? self->colour : _("The kind’s colour"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->colour_reset_button), *self->colour != '\0');
}

/* The themes this one can be grouped under: none, or a theme in use without a parent. */
static void
fill_parent_choices (UppCodebookDialog *self,
                     GPtrArray         *themes,
                     const char        *selected_uuid)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gboolean has_children = FALSE;
  guint selected = 0;

  g_ptr_array_set_size (self->parent_uuids, 0);
  g_ptr_array_add (self->parent_uuids, g_strdup (""));
  gtk_string_list_append (labels, C_("parent theme", "None"));
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *theme = themes->pdata[i];

      if (*upp_theme_get_parent_uuid (theme) != '\0' ||
          (self->theme != NULL &&
           g_strcmp0 (upp_theme_get_uuid (theme), upp_theme_get_uuid (self->theme)) == 0))
        continue;
      if (g_strcmp0 (upp_theme_get_uuid (theme), selected_uuid) == 0)
        selected = self->parent_uuids->len;
      g_ptr_array_add (self->parent_uuids, g_strdup (upp_theme_get_uuid (theme)));
      gtk_string_list_append (labels, upp_theme_get_name (theme));
    }
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->parent_row, selected);

  /* One level of grouping: a theme others are grouped under stays at the top. */
  for (guint i = 0; self->theme != NULL && i < themes->len; i++)
    if (g_strcmp0 (upp_theme_get_parent_uuid (themes->pdata[i]),
                   upp_theme_get_uuid (self->theme)) == 0)
      has_children = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->parent_row), !has_children);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->parent_row),
                               has_children ? _("Other themes are grouped under this one") : NULL);
}

static void
fill_merge_targets (UppCodebookDialog *self,
                    GPtrArray         *themes)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *selected_uuid = NULL;
  guint item = adw_combo_row_get_selected (self->merge_row);
  guint selected = 0;

  if (item < self->merge_targets->len)
    selected_uuid = g_strdup (upp_theme_get_uuid (self->merge_targets->pdata[item]));
  g_ptr_array_set_size (self->merge_targets, 0);
  for (guint i = 0; i < themes->len; i++)
    {
      UppTheme *theme = themes->pdata[i];

      if (self->theme == NULL ||
          g_strcmp0 (upp_theme_get_uuid (theme), upp_theme_get_uuid (self->theme)) == 0)
        continue;
      if (g_strcmp0 (upp_theme_get_uuid (theme), selected_uuid) == 0)
        selected = self->merge_targets->len;
      g_ptr_array_add (self->merge_targets, g_object_ref (theme));
      gtk_string_list_append (labels, upp_theme_get_name (theme));
    }
  adw_combo_row_set_model (self->merge_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->merge_row, selected);
}

/* The page's fields as the theme is stored (empty for a new one); edits are kept when
 * keep_edits and there are some. */
static void
fill_theme_page (UppCodebookDialog *self,
                 gboolean           keep_edits)
{
  g_autoptr(GPtrArray) themes = dup_themes_in_use (self);
  gboolean keep = keep_edits && has_unsaved_edits (self);
  g_autofree char *parent = g_strdup (keep ? edited_parent (self)
                                      : self->theme ? upp_theme_get_parent_uuid (self->theme)
                                      : "");
  gboolean retired = self->theme != NULL && upp_theme_get_retired (self->theme);

  self->filling = TRUE;
  if (!keep)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             self->theme ? upp_theme_get_name (self->theme) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             self->theme ? upp_theme_get_description (self->theme) : "");
      adw_combo_row_set_selected (self->kind_row,
                                  kind_item (self->theme ? upp_theme_get_kind (self->theme)
                                             : UPP_THEME_KIND_PROMOTING));
      g_free (self->colour);
      self->colour = g_strdup (self->theme ? upp_theme_get_colour (self->theme) : "");
    }
  fill_parent_choices (self, themes, parent);
  fill_merge_targets (self, themes);
  show_colour (self);
  self->filling = FALSE;

  if (self->theme == NULL)
    adw_window_title_set_title (self->theme_title, _("New Theme"));
  else
    adw_window_title_set_title (self->theme_title, upp_theme_get_name (self->theme));
  adw_window_title_set_subtitle (self->theme_title, retired ? _("Retired") : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_group), !retired);
  gtk_widget_set_visible (GTK_WIDGET (self->passages_group), self->theme != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->manage_group), self->theme != NULL && !retired);
  gtk_button_set_label (self->save_button, self->theme == NULL ? _("_Add") : _("_Save"));
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), !retired);
  update_actions (self);
}

/* With focus_passages, the first passage has the focus (and shows), else the name. */
static void
show_theme_page (UppCodebookDialog *self,
                 UppTheme          *theme,
                 gboolean           focus_passages)
{
  GtkListBoxRow *first_passage;

  g_set_object (&self->theme, theme);
  gtk_stack_set_visible_child_name (self->pages, "theme");
  fill_theme_page (self, FALSE);
  rebuild_passages (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->theme_scroller), 0);
  first_passage = gtk_list_box_get_row_at_index (self->passages_list, 0);
  if (focus_passages && first_passage != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first_passage));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
show_list_page (UppCodebookDialog *self)
{
  g_clear_object (&self->theme);
  gtk_stack_set_visible_child_name (self->pages, "list");
  rebuild_lists (self);
  update_actions (self);
}

static void
show_theme_by_uuid (UppCodebookDialog *self,
                    const char        *theme_uuid,
                    gboolean           focus_passages)
{
  g_autoptr(UppTheme) theme = load_theme (self, theme_uuid);

  if (theme == NULL)
    {
      upp_toast_show (GTK_WIDGET (self), _("The theme is no longer in the codebook."));
      return;
    }
  show_theme_page (self, theme, focus_passages);
}

/* From the matrix or the factor table: for the passages, shown with the focus on them. */
void
upp_codebook_dialog_show_theme (UppCodebookDialog *self,
                                const char        *theme_uuid)
{
  g_return_if_fail (UPP_IS_CODEBOOK_DIALOG (self));

  show_theme_by_uuid (self, theme_uuid, TRUE);
}

/* From the codebook's list: to edit it, with the focus on its name. */
static void
on_theme_row_activated_cb (UppCodebookDialog *self,
                           GtkListBoxRow     *row)
{
  show_theme_by_uuid (self, g_object_get_data (G_OBJECT (row), "theme-uuid"), FALSE);
}

static void
on_field_changed_cb (UppCodebookDialog *self)
{
  if (self->filling)
    return;
  /* The kind's colour follows the kind while the theme has none of its own. */
  show_colour (self);
  update_actions (self);
}

static void
on_colour_set_cb (UppCodebookDialog *self)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->colour_button), &rgba);
  g_free (self->colour);
  self->colour = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                                  (guint) (rgba.green * 255 + 0.5),
                                  (guint) (rgba.blue * 255 + 0.5));
  show_colour (self);
  update_actions (self);
}

static void
on_colour_reset_clicked_cb (UppCodebookDialog *self)
{
  g_free (self->colour);
  self->colour = g_strdup ("");
  show_colour (self);
  update_actions (self);
}

/* ---- a theme's coded passages -------------------------------------------------------- */

static char *
dup_question_label (UppCodebookDialog *self,
                    UppCoding         *coding)
{
  UppRound *round = upp_session_find_round (self->session, upp_coding_get_round_uuid (coding));
  UppQuestion *question = NULL;

  if (round != NULL)
    question = upp_template_find_question (upp_round_get_template (round),
                                           upp_coding_get_question_key (coding));
  if (question == NULL)
    return g_strdup (upp_coding_get_question_key (coding));
  return g_strdup (upp_question_get_short_label (question));
}

static void
on_quote_toggled_cb (GtkCheckButton    *button,
                     UppCodebookDialog *self)
{
  UppCoding *coding = g_object_get_data (G_OBJECT (button), "coding");
  gboolean quote = gtk_check_button_get_active (button);
  g_autoptr(GError) error = NULL;

  if (quote == upp_coding_get_quote (coding))
    return;
  if (!upp_store_set_coding_quote (get_store (self), coding, quote, &error))
    show_error (self, error);
  /* The factor table and this list follow. */
  upp_session_check_for_changes (self->session);
}

/* Codes the removed coding's passage again with its theme (and as quote when it was). */
static void
on_remove_undo_cb (AdwToast          *toast,
                   UppCodebookDialog *self)
{
  UppCoding *removed = g_object_get_data (G_OBJECT (toast), "coding");
  UppRound *round = upp_session_find_round (self->session, upp_coding_get_round_uuid (removed));
  g_autoptr(UppResponse) response = NULL;
  g_autoptr(UppTheme) theme = load_theme (self, upp_coding_get_theme_uuid (removed));
  g_autoptr(UppCoding) coding = NULL;
  g_autoptr(GError) error = NULL;

  if (round == NULL || theme == NULL)
    {
      upp_toast_show (GTK_WIDGET (self), _("The passage can no longer be coded again."));
      return;
    }
  response = upp_store_find_response (get_store (self), round,
                                      upp_coding_get_unit_name (removed), &error);
  if (response != NULL)
    coding = upp_store_code_passage (get_store (self), round, response,
                                     upp_coding_get_question_key (removed),
                                     upp_coding_get_start (removed),
                                     upp_coding_get_end (removed), theme, &error);
  if (coding != NULL && upp_coding_get_quote (removed))
    upp_store_set_coding_quote (get_store (self), coding, TRUE, &error);
  if (error != NULL)
    show_error (self, error);
  upp_session_check_for_changes (self->session);
}

static void
on_remove_coding_clicked_cb (GtkButton         *button,
                             UppCodebookDialog *self)
{
  UppCoding *coding = g_object_get_data (G_OBJECT (button), "coding");
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!upp_store_remove_coding (get_store (self), coding, &error))
    {
      show_error (self, error);
      upp_session_check_for_changes (self->session);
      return;
    }
  toast = adw_toast_new (_("Coding removed"));
  /* A passage whose text went cannot be coded again where it was. */
  if (!upp_coding_get_flagged (coding))
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data_full (G_OBJECT (toast), "coding", g_object_ref (coding),
                              g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_remove_undo_cb), self,
                               0);
    }
  upp_toast_add (GTK_WIDGET (self), toast);
  upp_session_check_for_changes (self->session);
}

static GtkWidget *
passage_row_new (UppCodebookDialog *self,
                 UppCoding         *coding)
{
  g_autofree char *question = dup_question_label (self, coding);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *quote = gtk_check_button_new_with_mnemonic (_("Use as _quote"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  /* Translators: a coded passage in the codebook, in quotation marks. */
  title = g_strdup_printf (_("“%s”"), upp_coding_get_text (coding));
  /* Translators: where a coded passage is: year, unit and question. */
  subtitle = g_strdup_printf (_("%d · %s · %s"), upp_coding_get_year (coding),
                              upp_coding_get_unit_name (coding), question);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "coding", g_object_ref (coding), g_object_unref);

  if (upp_coding_get_flagged (coding))
    {
      g_autofree char *flagged = g_strdup_printf ("%s\n%s", subtitle,
                                                  _("The text is no longer in the answer"));
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, _("The text is no longer in the answer"));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), flagged);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
    }

  gtk_widget_set_valign (quote, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (quote), upp_coding_get_quote (coding));
  gtk_widget_set_tooltip_text (quote, _("Quote this passage in the factor table"));
  g_object_set_data_full (G_OBJECT (quote), "coding", g_object_ref (coding), g_object_unref);
  g_signal_connect (quote, "toggled", G_CALLBACK (on_quote_toggled_cb), self);
  /* A retired theme is no factor: nothing of it is quoted. */
  gtk_widget_set_visible (quote, !upp_theme_get_retired (self->theme));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), quote);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Coding"));
  /* Translators: accessible name of a passage's remove button, e.g. "Remove Coding: 2025 · …" */
  remove_label = g_strdup_printf (_("Remove Coding: %s"), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_label, -1);
  g_object_set_data_full (G_OBJECT (remove), "coding", g_object_ref (coding), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_coding_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static int
compare_years_newest_first (gconstpointer a,
                            gconstpointer b)
{
  int year_a = upp_coding_get_year (*(UppCoding **) a);
  int year_b = upp_coding_get_year (*(UppCoding **) b);

  return year_b - year_a;
}

static void
rebuild_passages (UppCodebookDialog *self)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;

  remove_rows (self->passages_list);
  if (self->theme == NULL)
    return;
  codings = upp_store_list_codings (get_store (self), NULL, NULL, self->theme, &error);
  if (codings == NULL)
    {
      g_debug ("Could not list the theme's passages: %s", error->message);
      return;
    }
  /* This year's first, and within a year in the round's unit order, as the store lists
   * them (the sort is stable). */
  g_ptr_array_sort (codings, compare_years_newest_first);
  for (guint i = 0; i < codings->len; i++)
    gtk_list_box_append (self->passages_list, passage_row_new (self, codings->pdata[i]));
}

/* Opens the interview form at the passage's unit, in the window the codebook belongs to. */
static void
open_passage (UppCodebookDialog *self,
              UppCoding         *coding)
{
  UppRound *round = upp_session_find_round (self->session, upp_coding_get_round_uuid (coding));
  g_autoptr(GListModel) responses = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *round_uuid = g_strdup (upp_coding_get_round_uuid (coding));

  if (round == NULL || parent == NULL)
    return;
  responses = upp_session_dup_responses (self->session, round);
  for (guint i = 0; i < g_list_model_get_n_items (responses); i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);

      if (g_strcmp0 (upp_response_get_unit_name (response),
                     upp_coding_get_unit_name (coding)) != 0)
        continue;
      g_object_ref (parent);
      gtk_window_destroy (GTK_WINDOW (self));
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-response", "(su)",
                                  round_uuid, i);
      g_object_unref (parent);
      return;
    }
}

/* ---- leaving the theme page ---------------------------------------------------------- */

static void
leave (UppCodebookDialog *self,
       Leave              where,
       UppCoding         *passage)
{
  switch (where)
    {
    case LEAVE_FOR_LIST:
      show_list_page (self);
      break;

    case LEAVE_FOR_CLOSE:
      gtk_window_destroy (GTK_WINDOW (self));
      break;

    case LEAVE_FOR_PASSAGE:
      open_passage (self, passage);
      break;

    default:
      g_assert_not_reached ();
    }
}

typedef struct
{
  UppCodebookDialog *self;
  Leave              where;
  UppCoding         *passage;
} Leaving;

static gboolean
leave_later_cb (gpointer data)
{
  Leaving *leaving = data;

  leave (leaving->self, leaving->where, leaving->passage);
  g_object_unref (leaving->self);
  g_clear_object (&leaving->passage);
  g_free (leaving);
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        UppCodebookDialog *self)
{
  Leave where = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "leave"));
  g_autoptr(UppCoding) passage = g_steal_pointer (&self->leave_for_passage);
  Leaving *leaving;

  if (g_strcmp0 (response, "discard") != 0)
    return;
  /* Read again as stored, so that nothing counts as edited any more. */
  fill_theme_page (self, FALSE);
  if (where == LEAVE_FOR_LIST)
    {
      leave (self, where, passage);
      return;
    }
  /* Closing goes after the question has closed: it is transient for this window and lets go
   * of it after this handler, which must not find the window gone. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  leaving = g_new0 (Leaving, 1);
  leaving->self = g_object_ref (self);
  leaving->where = where;
  leaving->passage = g_steal_pointer (&passage);
  g_idle_add (leave_later_cb, leaving);
}

/* Leaves the theme page, asking first when it has edits that are not saved. */
static void
leave_asking (UppCodebookDialog *self,
              Leave              where,
              UppCoding         *passage)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (!has_unsaved_edits (self))
    {
      leave (self, where, passage);
      return;
    }
  if (self->theme != NULL)
    body = g_strdup_printf (_("The changes to “%s” are not saved."),
                            upp_theme_get_name (self->theme));
  else
    body = g_strdup (_("The new theme is not added."));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Changes?"), body));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data (G_OBJECT (dialog), "leave", GINT_TO_POINTER (where));
  g_set_object (&self->leave_for_passage, passage);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_passage_row_activated_cb (UppCodebookDialog *self,
                             GtkListBoxRow     *row)
{
  leave_asking (self, LEAVE_FOR_PASSAGE, g_object_get_data (G_OBJECT (row), "coding"));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  leave_asking (UPP_CODEBOOK_DIALOG (widget), LEAVE_FOR_LIST, NULL);
}

/* Esc goes back from a theme to the list, and closes the list. */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (widget);

  leave_asking (self, is_editing (self) ? LEAVE_FOR_LIST : LEAVE_FOR_CLOSE, NULL);
}

static gboolean
upp_codebook_dialog_close_request (GtkWindow *window)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (window);

  if (!has_unsaved_edits (self))
    return GTK_WINDOW_CLASS (upp_codebook_dialog_parent_class)->close_request (window);
  leave_asking (self, LEAVE_FOR_CLOSE, NULL);
  return TRUE;
}

/* ---- changing the codebook ----------------------------------------------------------- */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  show_theme_page (UPP_CODEBOOK_DIALOG (widget), NULL, FALSE);
}

/* Saves description, kind, parent and colour as edited on theme (stored when it fails). */
static gboolean
save_details (UppCodebookDialog  *self,
              UppTheme           *theme,
              GError            **error)
{
  upp_theme_set_description (theme, gtk_editable_get_text (GTK_EDITABLE (self->description_row)));
  upp_theme_set_kind (theme, edited_kind (self));
  upp_theme_set_parent_uuid (theme, edited_parent (self));
  upp_theme_set_colour (theme, self->colour);
  return upp_store_update_theme (get_store (self), theme, error);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (widget);
  g_autofree char *name = dup_edited_name (self);
  g_autoptr(UppTheme) added = NULL;
  g_autoptr(UppTheme) saved = NULL;
  g_autoptr(GError) error = NULL;

  if (self->theme == NULL)
    {
      added = upp_store_add_theme (get_store (self), self->region_code, name,
                                   edited_kind (self), &error);
      if (added == NULL)
        {
          show_error (self, error);
          return;
        }
      if (!save_details (self, added, &error))
        show_error (self, error);
      upp_session_check_for_changes (self->session);
      show_list_page (self);
      return;
    }

  /* On a copy: the page compares the edits with the theme as stored. */
  saved = load_theme (self, upp_theme_get_uuid (self->theme));
  if (saved == NULL)
    {
      upp_toast_show (GTK_WIDGET (self), _("The theme is no longer in the codebook."));
      return;
    }
  if (!save_details (self, saved, &error) ||
      !upp_store_rename_theme (get_store (self), saved, name, &error))
    show_error (self, error);
  /* What was saved shows as saved; what was not stays edited. */
  upp_session_check_for_changes (self->session);
  update_actions (self);
}

static void
on_name_activated_cb (UppCodebookDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "codebook.save", NULL);
}

static void
on_merge_response_cb (AdwMessageDialog  *dialog,
                      const char        *response,
                      UppCodebookDialog *self)
{
  UppTheme *into = g_object_get_data (G_OBJECT (dialog), "into");
  g_autoptr(UppTheme) from = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;

  if (g_strcmp0 (response, "merge") != 0 || self->theme == NULL)
    return;
  from = g_object_ref (self->theme);
  if (!upp_store_merge_themes (get_store (self), from, into, &error))
    {
      show_error (self, error);
      upp_session_check_for_changes (self->session);
      return;
    }
  upp_session_check_for_changes (self->session);
  /* Translators: after a merge, e.g. "“Samarbete” merged into “Samverkan”". */
  done = g_strdup_printf (_("“%s” merged into “%s”"), upp_theme_get_name (from),
                          upp_theme_get_name (into));
  upp_toast_show (GTK_WIDGET (self), done);
  show_theme_by_uuid (self, upp_theme_get_uuid (into), FALSE);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (widget);
  guint item = adw_combo_row_get_selected (self->merge_row);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  UppTheme *into;
  guint n_codings;

  if (self->theme == NULL || item >= self->merge_targets->len)
    return;
  into = self->merge_targets->pdata[item];
  n_codings = upp_theme_get_n_codings (self->theme);
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Move the %u coded passage of “%s” to “%s”? “%s” is "
                                       "retired.",
                                       "Move all %u coded passages of “%s” to “%s”? “%s” is "
                                       "retired.", n_codings),
                          n_codings, upp_theme_get_name (self->theme), upp_theme_get_name (into),
                          upp_theme_get_name (self->theme));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Merge Themes?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "into", g_object_ref (into), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_retire_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       UppCodebookDialog *self)
{
  g_autoptr(UppTheme) theme = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "retire") != 0 || self->theme == NULL)
    return;
  theme = g_object_ref (self->theme);
  if (!upp_store_retire_theme (get_store (self), theme, &error))
    show_error (self, error);
  upp_session_check_for_changes (self->session);
  show_list_page (self);
}

static void
retire_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->theme == NULL)
    return;
  heading = g_strdup_printf (_("Retire “%s”?"), upp_theme_get_name (self->theme));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), heading,
    _("It is no longer offered for coding. Its coded passages are kept and still count in the "
      "rounds they are in.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "retire", _("_Retire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_retire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- following the database ---------------------------------------------------------- */

/* The lists, and the theme page as stored now; edits not saved stay as they are. */
static void
follow_changes (UppCodebookDialog *self)
{
  g_autoptr(UppTheme) stored = NULL;

  rebuild_lists (self);
  if (!is_editing (self))
    return;
  if (self->theme != NULL)
    stored = load_theme (self, upp_theme_get_uuid (self->theme));
  if (stored != NULL)
    g_set_object (&self->theme, stored);
  fill_theme_page (self, TRUE);
  rebuild_passages (self);
}

static void
on_session_changed_cb (UppCodebookDialog *self,
                       UppSessionChanges  changes,
                       UppSession        *session)
{
  if (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS))
    follow_changes (self);
}

static void
on_themes_changed_cb (UppCodebookDialog *self)
{
  rebuild_lists (self);
}

static void
upp_codebook_dialog_dispose (GObject *object)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  if (self->themes != NULL)
    g_signal_handlers_disconnect_by_func (self->themes, on_themes_changed_cb, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_CODEBOOK_DIALOG);
  g_clear_object (&self->themes);
  g_clear_object (&self->session);
  g_clear_object (&self->theme);
  g_clear_object (&self->leave_for_passage);
  g_clear_pointer (&self->merge_targets, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_codebook_dialog_parent_class)->dispose (object);
}

static void
upp_codebook_dialog_finalize (GObject *object)
{
  UppCodebookDialog *self = UPP_CODEBOOK_DIALOG (object);

  g_clear_pointer (&self->region_code, g_free);
  g_clear_pointer (&self->colour, g_free);
  g_clear_pointer (&self->parent_uuids, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_codebook_dialog_parent_class)->finalize (object);
}

static void
upp_codebook_dialog_class_init (UppCodebookDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = upp_codebook_dialog_dispose;
  object_class->finalize = upp_codebook_dialog_finalize;
  window_class->close_request = upp_codebook_dialog_close_request;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/uppfoljning/Uppfoljning/upp-codebook-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, colour_button);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, colour_reset_button);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, colour_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, description_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, list_title);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, manage_group);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, merge_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, parent_row);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, passages_group);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, passages_list);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, retired_group);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, retired_list);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, theme_scroller);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, theme_title);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, themes_list);
  gtk_widget_class_bind_template_child (widget_class, UppCodebookDialog, toast_overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_colour_reset_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_colour_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passage_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_theme_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "codebook.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "codebook.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "codebook.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "codebook.merge", NULL, merge_action);
  gtk_widget_class_install_action (widget_class, "codebook.retire", NULL, retire_action);
  gtk_widget_class_install_action (widget_class, "codebook.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "codebook.escape", NULL);
}

static void
upp_codebook_dialog_init (UppCodebookDialog *self)
{
  self->colour = g_strdup ("");
  self->parent_uuids = g_ptr_array_new_with_free_func (g_free);
  self->merge_targets = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Over the dialog, not in the window behind it. */
  upp_toast_set_overlay (GTK_WINDOW (self), self->toast_overlay);
}

GtkWidget *
upp_codebook_dialog_new (GtkWindow  *parent,
                         UppSession *session,
                         UppRegion  *region)
{
  UppCodebookDialog *self;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (upp_session_get_store (session) != NULL, NULL);
  g_return_val_if_fail (UPP_IS_REGION (region), NULL);

  self = g_object_new (UPP_TYPE_CODEBOOK_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->region_code = g_strdup (upp_region_get_code (region));
  self->themes = g_object_ref (upp_session_get_themes (session));
  g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_themes_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_window_title_set_subtitle (self->list_title, upp_region_get_name (region));
  show_list_page (self);
  return GTK_WIDGET (self);
}

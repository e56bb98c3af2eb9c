/* upp-themes-view.c: a round's coded themes: the units × themes matrix and the factor table
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-themes-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-codebook-dialog.h"
#include "upp-coding.h"
#include "upp-factor-table.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-theme.h"
#include "upp-deferred-rebuild.h"
#include "upp-themes-view.h"

/* Coding while the view is visible comes in bursts (the form's saves, a merge): the matrix
 * is built again after a pause. */
#define REBUILD_DELAY_MS 200

struct _UppThemesView
{
  GtkWidget        parent_instance;

  UppSession      *session;
  UppRound        *round;
  /* The round's responses, followed for units added, renamed or removed. */
  GListModel      *responses;
  GListModel      *themes;
  UppThemeMatrix  *matrix;
  UppFactorTable  *factors;
  UppDeferredRebuild  rebuild;
  gboolean         counts;

  /* Template widgets */
  GtkToggleButton *counts_button;
  GtkListBox      *hindering_list;
  GtkGrid         *matrix_grid;
  GtkListBox      *promoting_list;
  GtkStack        *stack;
  GtkToggleButton *yes_no_button;
};

G_DEFINE_FINAL_TYPE (UppThemesView, upp_themes_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_css_class (UppThemeKind kind)
{
  switch (kind)
    {
    case UPP_THEME_KIND_PROMOTING:
      return "upp-theme-promoting";
    case UPP_THEME_KIND_HINDERING:
      return "upp-theme-hindering";
    case UPP_THEME_KIND_NEUTRAL:
    default:
      return "upp-theme-neutral";
    }
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

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
    }
}

static GtkWidget *
cell_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "upp-theme-cell");
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* One unit × themes grid rather than a column view: a round has tens of units and the
 * codebook tens of themes, and a grid lets each theme's header carry its kind's colour. */
static void
fill_matrix (UppThemesView *self)
{
  guint n_themes = upp_theme_matrix_get_n_themes (self->matrix);
  guint n_rows = upp_theme_matrix_get_n_rows (self->matrix);
  GtkWidget *corner = cell_label (_("Unit"), "heading");

  remove_children (GTK_WIDGET (self->matrix_grid));
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_grid_attach (self->matrix_grid, corner, 0, 0, 1, 1);

  for (guint c = 0; c < n_themes; c++)
    {
      UppTheme *theme = upp_theme_matrix_get_theme (self->matrix, c);
      GtkWidget *header = cell_label (upp_theme_get_name (theme), NULL);
      GtkWidget *button = gtk_button_new ();
      g_autofree char *tooltip = g_strdup_printf ("%s (%s)", upp_theme_get_name (theme),
                                                  kind_label (upp_theme_get_kind (theme)));

      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      /* Whole words: a narrow window scrolls the matrix sideways rather than break them. */
      gtk_label_set_wrap_mode (GTK_LABEL (header), PANGO_WRAP_WORD);
      gtk_label_set_lines (GTK_LABEL (header), 3);
      gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 14);
      gtk_label_set_justify (GTK_LABEL (header), GTK_JUSTIFY_CENTER);
      /* A button: the theme's passages in every round are one click away. */
      gtk_button_set_child (GTK_BUTTON (button), header);
      gtk_widget_add_css_class (button, "upp-theme-header");
      gtk_widget_add_css_class (button, kind_css_class (upp_theme_get_kind (theme)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "themes.show-theme");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                        upp_theme_get_uuid (theme));
      /* Every header as high as the highest, so that their colours line up. */
      gtk_widget_set_valign (button, GTK_ALIGN_FILL);
      gtk_widget_set_tooltip_text (button, tooltip);
      /* GTK 4.8 does not name a button after a label it holds. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      upp_theme_get_name (theme), -1);
      gtk_grid_attach (self->matrix_grid, button, c + 1, 0, 1, 1);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      GtkWidget *unit = cell_label (upp_theme_matrix_get_unit_name (self->matrix, r), NULL);

      gtk_label_set_xalign (GTK_LABEL (unit), 0);
      gtk_label_set_ellipsize (GTK_LABEL (unit), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (unit), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (unit), 28);
      gtk_widget_set_tooltip_text (unit, upp_theme_matrix_get_unit_name (self->matrix, r));
      if (r % 2 == 1)
        gtk_widget_add_css_class (unit, "upp-theme-odd");
      gtk_grid_attach (self->matrix_grid, unit, 0, r + 1, 1, 1);

      for (guint c = 0; c < n_themes; c++)
        {
          guint count = upp_theme_matrix_get_count (self->matrix, r, c);
          g_autofree char *text = NULL;
          GtkWidget *cell;

          if (count > 0)
            text = self->counts ? g_strdup_printf ("%u", count) : g_strdup ("✓");
          cell = cell_label (text != NULL ? text : "", "numeric");
          if (count > 0)
            gtk_widget_add_css_class (cell, kind_css_class (upp_theme_get_kind (
              upp_theme_matrix_get_theme (self->matrix, c))));
          if (r % 2 == 1)
            gtk_widget_add_css_class (cell, "upp-theme-odd");
          gtk_grid_attach (self->matrix_grid, cell, c + 1, r + 1, 1, 1);
        }
    }
}

static GtkWidget *
factor_row (UppThemesView *self,
            UppThemeKind   kind,
            guint          position)
{
  UppTheme *theme = upp_factor_table_get_theme (self->factors, kind, position);
  GPtrArray *quotes = upp_factor_table_get_quotes (self->factors, kind, position);
  guint n_units = upp_factor_table_get_n_units (self->factors, kind, position);
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit", "%u units",
                                                         n_units),
                                            n_units);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), upp_theme_get_name (theme));
  for (guint i = 0; i < quotes->len; i++)
    {
      UppCoding *quote = g_ptr_array_index (quotes, i);

      if (i > 0)
        g_string_append_c (subtitle, '\n');
      /* Translators: a coded passage quoted in the factor table, then its unit */
      g_string_append_printf (subtitle, _("“%s” (%s)"), upp_coding_get_text (quote),
                              upp_coding_get_unit_name (quote));
    }
  if (quotes->len == 0)
    g_string_append (subtitle, _("Not coded in this round"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2 * UPP_FACTOR_TABLE_MAX_QUOTES);

  count = gtk_label_new (units);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "theme-uuid", g_strdup (upp_theme_get_uuid (theme)),
                          g_free);
  return row;
}

/* The two-column table of the report: each promoting and each hindering theme with the
 * number of units coded with it and its quotes. */
static void
fill_factors (UppThemesView *self)
{
  remove_children (GTK_WIDGET (self->promoting_list));
  remove_children (GTK_WIDGET (self->hindering_list));

  for (guint i = 0; i < upp_factor_table_get_n_factors (self->factors, UPP_THEME_KIND_PROMOTING);
       i++)
    gtk_list_box_append (self->promoting_list,
                         factor_row (self, UPP_THEME_KIND_PROMOTING, i));
  for (guint i = 0; i < upp_factor_table_get_n_factors (self->factors, UPP_THEME_KIND_HINDERING);
       i++)
    gtk_list_box_append (self->hindering_list,
                         factor_row (self, UPP_THEME_KIND_HINDERING, i));
}

static void
rebuild (UppThemesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rounds = NULL;
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;

  upp_deferred_rebuild_done (&self->rebuild);
  g_clear_object (&self->matrix);
  g_clear_object (&self->factors);

  if (store != NULL && self->round != NULL)
    {
      rounds = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (rounds, g_object_ref (self->round));
      self->matrix = upp_theme_matrix_new (store, rounds, &error);
      if (self->matrix != NULL)
        self->factors = upp_factor_table_new (store, self->round, &error);
      /* A round deleted beside the view cannot be read: it shows nothing until the page
       * goes. */
      if (error != NULL)
        g_debug ("Could not read the round's themes: %s", error->message);
    }

  if (self->factors == NULL || upp_theme_matrix_get_n_themes (self->matrix) == 0)
    {
      g_clear_object (&self->matrix);
      g_clear_object (&self->factors);
      remove_children (GTK_WIDGET (self->matrix_grid));
      remove_children (GTK_WIDGET (self->promoting_list));
      remove_children (GTK_WIDGET (self->hindering_list));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  fill_matrix (self);
  fill_factors (self);
  gtk_stack_set_visible_child_name (self->stack, "themes");
}

static void
on_model_changed_cb (UppThemesView *self,
                     guint          position,
                     guint          removed,
                     guint          added,
                     GListModel    *model)
{
  upp_deferred_rebuild_queue (&self->rebuild);
}

/* A theme renamed or a passage coded updates the themes in place, without items-changed;
 * the session says after every change it followed. */
static void
on_session_changed_cb (UppThemesView     *self,
                       UppSessionChanges  changes,
                       UppSession        *session)
{
  if (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS))
    upp_deferred_rebuild_queue (&self->rebuild);
}

static void
disconnect_models (UppThemesView *self)
{
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_model_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->themes != NULL)
    g_signal_handlers_disconnect_by_func (self->themes, on_model_changed_cb, self);
  g_clear_object (&self->themes);
}

static void
follow_round (UppThemesView *self)
{
  disconnect_models (self);
  if (self->session != NULL)
    {
      self->themes = g_object_ref (upp_session_get_themes (self->session));
      g_signal_connect_object (self->themes, "items-changed", G_CALLBACK (on_model_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
    }
  upp_deferred_rebuild_now (&self->rebuild);
}

GtkWidget *
upp_themes_view_new (void)
{
  return g_object_new (UPP_TYPE_THEMES_VIEW, NULL);
}

UppSession *
upp_themes_view_get_session (UppThemesView *self)
{
  g_return_val_if_fail (UPP_IS_THEMES_VIEW (self), NULL);
  return self->session;
}

void
upp_themes_view_set_session (UppThemesView *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_THEMES_VIEW (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                             G_CONNECT_SWAPPED);
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppRound *
upp_themes_view_get_round (UppThemesView *self)
{
  g_return_val_if_fail (UPP_IS_THEMES_VIEW (self), NULL);
  return self->round;
}

void
upp_themes_view_set_round (UppThemesView *self,
                           UppRound      *round)
{
  g_return_if_fail (UPP_IS_THEMES_VIEW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (!g_set_object (&self->round, round))
    return;
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

UppThemeMatrix *
upp_themes_view_get_matrix (UppThemesView *self)
{
  g_return_val_if_fail (UPP_IS_THEMES_VIEW (self), NULL);
  return self->matrix;
}

gboolean
upp_themes_view_get_counts (UppThemesView *self)
{
  g_return_val_if_fail (UPP_IS_THEMES_VIEW (self), FALSE);
  return self->counts;
}

void
upp_themes_view_set_counts (UppThemesView *self,
                            gboolean       counts)
{
  g_return_if_fail (UPP_IS_THEMES_VIEW (self));

  gtk_toggle_button_set_active (counts ? self->counts_button : self->yes_no_button, TRUE);
}

static void
on_counts_toggled_cb (UppThemesView *self)
{
  gboolean counts = gtk_toggle_button_get_active (self->counts_button);

  if (counts == self->counts)
    return;
  self->counts = counts;
  if (self->matrix != NULL)
    fill_matrix (self);
}

/* The codebook of the round's region, in a dialog over the window. */
static UppCodebookDialog *
open_codebook (UppThemesView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->session == NULL || self->round == NULL ||
      upp_session_get_store (self->session) == NULL)
    return NULL;
  dialog = upp_codebook_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    self->session, upp_round_get_region (self->round));
  gtk_window_present (GTK_WINDOW (dialog));
  return UPP_CODEBOOK_DIALOG (dialog);
}

static void
codebook_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  open_codebook (UPP_THEMES_VIEW (widget));
}

static void
show_theme_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  UppCodebookDialog *dialog = open_codebook (UPP_THEMES_VIEW (widget));

  if (dialog != NULL)
    upp_codebook_dialog_show_theme (dialog, g_variant_get_string (parameter, NULL));
}

static void
on_factor_row_activated_cb (UppThemesView *self,
                            GtkListBoxRow *row)
{
  const char *uuid = g_object_get_data (G_OBJECT (row), "theme-uuid");

  if (uuid != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "themes.show-theme", "s", uuid);
}

static void
upp_themes_view_map (GtkWidget *widget)
{
  UppThemesView *self = UPP_THEMES_VIEW (widget);

  GTK_WIDGET_CLASS (upp_themes_view_parent_class)->map (widget);
  if (upp_deferred_rebuild_is_pending (&self->rebuild))
    rebuild (self);
}

static void
upp_themes_view_dispose (GObject *object)
{
  UppThemesView *self = (UppThemesView *) object;

  upp_deferred_rebuild_clear (&self->rebuild);
  disconnect_models (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_clear_object (&self->session);
  g_clear_object (&self->round);
  g_clear_object (&self->matrix);
  g_clear_object (&self->factors);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_THEMES_VIEW);

  G_OBJECT_CLASS (upp_themes_view_parent_class)->dispose (object);
}

static void
upp_themes_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppThemesView *self = UPP_THEMES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ROUND:
      g_value_set_object (value, self->round);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_themes_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppThemesView *self = UPP_THEMES_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_themes_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_themes_view_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_themes_view_class_init (UppThemesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_themes_view_dispose;
  object_class->get_property = upp_themes_view_get_property;
  object_class->set_property = upp_themes_view_set_property;
  widget_class->map = upp_themes_view_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-themes-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, counts_button);
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, hindering_list);
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, matrix_grid);
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, promoting_list);
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, stack);
  gtk_widget_class_bind_template_child (widget_class, UppThemesView, yes_no_button);
  gtk_widget_class_bind_template_callback (widget_class, on_counts_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factor_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "themes.codebook", NULL, codebook_action);
  gtk_widget_class_install_action (widget_class, "themes.show-theme", "s", show_theme_action);
}

static void
upp_themes_view_init (UppThemesView *self)
{
  self->counts = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  upp_deferred_rebuild_init (&self->rebuild, GTK_WIDGET (self), REBUILD_DELAY_MS,
                             (UppRebuildFunc) rebuild);
}

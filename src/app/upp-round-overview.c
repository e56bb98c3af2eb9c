/* upp-round-overview.c: a round's units with status, interview date and answers, and gaps
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round-overview"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-municipality.h"
#include "upp-region.h"
#include "upp-response.h"
#include "upp-round-overview.h"
#include "upp-round-row.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-unit.h"
#include "upp-window.h"

struct _UppRoundOverview
{
  GtkWidget             parent_instance;

  UppStore             *store;
  UppRound             *round;
  GListStore           *responses;

  /* Template widgets */
  GtkColumnViewColumn  *answered_column;
  GtkColumnView        *column_view;
  guint                 focus_position;
  guint                 focus_source;
  GtkColumnViewColumn  *date_column;
  GtkLevelBar          *level_bar;
  GtkLabel             *progress_label;
  GtkColumnViewColumn  *status_column;
  GtkLabel             *subtitle_label;
  GtkLabel             *title_label;
  AdwActionRow         *uncovered_row;
  GtkColumnViewColumn  *unit_column;
  GtkListBox           *warning_list;
};

G_DEFINE_FINAL_TYPE (UppRoundOverview, upp_round_overview, GTK_TYPE_WIDGET)

typedef enum
{
  COLUMN_UNIT,
  COLUMN_STATUS,
  COLUMN_DATE,
  COLUMN_ANSWERED,
} Column;

static void
update_uncovered (UppRoundOverview *self)
{
  g_autoptr(GPtrArray) uncovered = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *title = NULL;

  uncovered = upp_store_list_uncovered_municipalities (self->store, self->round, &error);
  if (uncovered == NULL)
    {
      g_warning ("Could not list uncovered municipalities: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->warning_list), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->warning_list), uncovered->len > 0);
  if (uncovered->len == 0)
    return;

  for (guint i = 0; i < uncovered->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, upp_municipality_get_name (g_ptr_array_index (uncovered, i)));
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u municipality is not covered by any unit",
                                        "%u municipalities are not covered by any unit",
                                        uncovered->len),
                           uncovered->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->uncovered_row), title);
  adw_action_row_set_subtitle (self->uncovered_row, names->str);
}

void
upp_round_overview_refresh (UppRoundOverview *self)
{
  g_autoptr(GPtrArray) responses = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *progress = NULL;
  g_autofree char *subtitle = NULL;
  UppTemplate *template;
  guint n_answered = 0;

  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));

  if (self->round == NULL)
    return;

  template = upp_round_get_template (self->round);

  gtk_label_set_text (self->title_label, upp_round_get_title (self->round));
  /* Translators: under a round's title: year, region and survey template. */
  subtitle = g_strdup_printf (_("%d · %s · %s"), upp_round_get_year (self->round),
                              upp_round_get_region_name (self->round),
                              upp_template_get_title (template));
  gtk_label_set_text (self->subtitle_label, subtitle);

  responses = upp_store_list_responses (self->store, self->round, &error);
  if (responses == NULL)
    {
      g_warning ("Could not list the responses: %s", error->message);
      g_list_store_remove_all (self->responses);
      return;
    }

  for (guint i = 0; i < responses->len; i++)
    if (upp_response_counts_as_answered (g_ptr_array_index (responses, i), template))
      n_answered++;

  g_list_store_splice (self->responses, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->responses)),
                       responses->pdata, responses->len);

  progress = upp_format_progress (n_answered, responses->len);
  gtk_label_set_text (self->progress_label, progress);
  gtk_level_bar_set_value (self->level_bar,
                           responses->len > 0 ? (double) n_answered / responses->len : 0.0);

  update_uncovered (self);
}

void
upp_round_overview_set_round (UppRoundOverview *self,
                              UppStore         *store,
                              UppRound         *round)
{
  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));

  g_set_object (&self->store, store);
  g_set_object (&self->round, round);
  upp_round_overview_refresh (self);
}

void
upp_round_overview_focus_units (UppRoundOverview *self)
{
  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static GtkWidget *
find_list_view (UppRoundOverview *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }

  return NULL;
}

static gboolean
focus_pending_row_cb (gpointer user_data)
{
  UppRoundOverview *self = user_data;
  GtkWidget *list_view = find_list_view (self);

  self->focus_source = 0;
  if (list_view == NULL)
    return G_SOURCE_REMOVE;

  /* The rows are the list's children; the unit label in a row knows its list item. */
  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      for (GtkWidget *cell = gtk_widget_get_first_child (row);
           cell != NULL;
           cell = gtk_widget_get_next_sibling (cell))
        {
          GtkWidget *label = gtk_widget_get_first_child (cell);
          GtkListItem *item = label != NULL ? g_object_get_data (G_OBJECT (label), "list-item")
                                            : NULL;

          if (item != NULL && gtk_list_item_get_position (item) == self->focus_position)
            {
              gtk_widget_grab_focus (row);
              return G_SOURCE_REMOVE;
            }
        }
    }

  return G_SOURCE_REMOVE;
}

static gboolean
focus_pending_unit_cb (gpointer user_data)
{
  UppRoundOverview *self = user_data;
  GtkWidget *list_view = find_list_view (self);

  self->focus_source = 0;
  if (list_view == NULL)
    return G_SOURCE_REMOVE;

  /* The row must exist before it can take the focus: scroll to it, then focus it after the
   * layout that creates it. */
  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", self->focus_position);
  self->focus_source = g_idle_add_full (G_PRIORITY_LOW, focus_pending_row_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

void
upp_round_overview_focus_unit (UppRoundOverview *self,
                               guint             position)
{
  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));

  /* GTK 4.8 has no API to focus a row of a column view: scroll to it and focus its row
   * widget once the rows of the refreshed model exist, i.e. after the next layout, hence
   * idles below the redraw priority. */
  self->focus_position = position;
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  if (self->focus_source == 0)
    self->focus_source = g_idle_add_full (G_PRIORITY_LOW, focus_pending_unit_cb, self, NULL);
}

GListModel *
upp_round_overview_get_responses (UppRoundOverview *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_OVERVIEW (self), NULL);

  return G_LIST_MODEL (self->responses);
}

static void
on_column_view_activate_cb (UppRoundOverview *self,
                            guint             position)
{
  UppWindow *window = UPP_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));

  upp_window_show_response (window, self->round, G_LIST_MODEL (self->responses), position);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (column == COLUMN_UNIT)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (label, "heading");
      /* To find the row of a unit when focusing it. */
      g_object_set_data (G_OBJECT (label), "list-item", item);
    }
  else if (column == COLUMN_STATUS)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
    }
  else
    {
      gtk_widget_add_css_class (label, "numeric");
    }

  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  UppRoundOverview *self = g_object_get_data (G_OBJECT (factory), "overview");
  UppResponse *response = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  UppTemplate *template;

  switch (column)
    {
    case COLUMN_UNIT:
      gtk_label_set_text (label, upp_response_get_unit_name (response));
      break;

    case COLUMN_STATUS:
      gtk_label_set_text (label, upp_response_status_get_label (upp_response_get_status (response)));
      if (upp_response_status_is_answered (upp_response_get_status (response)))
        gtk_widget_add_css_class (GTK_WIDGET (label), "success");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "success");
      break;

    case COLUMN_DATE:
      gtk_label_set_text (label, upp_response_get_interview_date (response));
      break;

    case COLUMN_ANSWERED:
      template = upp_round_get_template (self->round);
      /* Translators: answered questions of one unit, e.g. "4 of 6". */
      text = g_strdup_printf (_("%u of %u"), upp_response_count_answered (response, template),
                              upp_template_get_n_questions (template));
      gtk_label_set_text (label, text);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
set_column_factory (UppRoundOverview    *self,
                    GtkColumnViewColumn *column,
                    Column               kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "overview", self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (kind));
  gtk_column_view_column_set_factory (column, factory);
}

static void
upp_round_overview_dispose (GObject *object)
{
  UppRoundOverview *self = UPP_ROUND_OVERVIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUND_OVERVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->store);
  g_clear_object (&self->round);
  g_clear_object (&self->responses);

  G_OBJECT_CLASS (upp_round_overview_parent_class)->dispose (object);
}

static void
upp_round_overview_class_init (UppRoundOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_overview_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-round-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, answered_column);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, column_view);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, date_column);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, level_bar);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, progress_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, status_column);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, title_label);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, uncovered_row);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, unit_column);
  gtk_widget_class_bind_template_child (widget_class, UppRoundOverview, warning_list);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
upp_round_overview_init (UppRoundOverview *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->responses = g_list_store_new (UPP_TYPE_RESPONSE);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->responses)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  set_column_factory (self, self->unit_column, COLUMN_UNIT);
  set_column_factory (self, self->status_column, COLUMN_STATUS);
  set_column_factory (self, self->date_column, COLUMN_DATE);
  set_column_factory (self, self->answered_column, COLUMN_ANSWERED);
}

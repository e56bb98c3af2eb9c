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

struct _UppRoundOverview
{
  GtkWidget             parent_instance;

  UppSession           *session;
  UppRound             *round;
  GListModel           *responses;    /* the session's, live */
  GtkNoSelection       *selection;

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

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *find_list_view (UppRoundOverview *self);

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

  if (self->session == NULL || upp_session_get_store (self->session) == NULL)
    return;
  uncovered = upp_store_list_uncovered_municipalities (upp_session_get_store (self->session),
                                                       self->round, &error);
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

static void
update_title (UppRoundOverview *self)
{
  g_autofree char *subtitle = NULL;

  if (self->round == NULL)
    return;

  gtk_label_set_text (self->title_label, upp_round_get_title (self->round));
  /* Translators: under a round's title: year, region and survey template. */
  subtitle = g_strdup_printf (_("%d · %s · %s"), upp_round_get_year (self->round),
                              upp_round_get_region_name (self->round),
                              upp_template_get_title (upp_round_get_template (self->round)));
  gtk_label_set_text (self->subtitle_label, subtitle);
}

static void
update_progress (UppRoundOverview *self)
{
  g_autofree char *progress = NULL;
  g_autoptr(GError) error = NULL;
  UppTemplate *template;
  UppStore *store;
  guint n = 0, n_answered = 0, n_interviews = 0;

  if (self->round == NULL || self->responses == NULL)
    return;

  template = upp_round_get_template (self->round);
  n = g_list_model_get_n_items (self->responses);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (self->responses, i);

      if (upp_response_counts_as_answered (response, template))
        n_answered++;
    }

  progress = upp_round_row_format_progress (n_answered, n);
  /* Interviews held, not units with an answer: what the method chapter counts. */
  store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  if (store != NULL)
    n_interviews = upp_store_count_interviews (store, self->round, &error);
  if (error != NULL)
    g_debug ("Could not count the interviews: %s", error->message);
  if (n_interviews > 0)
    {
      g_autofree char *held = g_strdup_printf (ngettext ("%u interview held",
                                                         "%u interviews held", n_interviews),
                                               n_interviews);
      g_autofree char *both = g_strdup_printf ("%s · %s", progress, held);

      g_free (progress);
      progress = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->progress_label, progress);
  gtk_level_bar_set_value (self->level_bar, n > 0 ? (double) n_answered / n : 0.0);
}

static void
on_responses_changed_cb (UppRoundOverview *self)
{
  update_progress (self);
}

static void
on_session_changed_cb (UppRoundOverview  *self,
                       UppSessionChanges  changes)
{
  /* Units may have been added, merged or removed: the uncovered municipalities with them. */
  if ((changes & UPP_SESSION_CHANGED_ROUNDS) && self->round != NULL)
    {
      update_uncovered (self);
      /* A further interview changes no response. */
      update_progress (self);
    }
}

static void
follow_responses (UppRoundOverview *self)
{
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);

  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_responses_changed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_no_selection_set_model (self->selection, self->responses);

  update_title (self);
  update_progress (self);
  if (self->round != NULL)
    update_uncovered (self);
}

UppSession *
upp_round_overview_get_session (UppRoundOverview *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_OVERVIEW (self), NULL);

  return self->session;
}

void
upp_round_overview_set_session (UppRoundOverview *self,
                                UppSession       *session)
{
  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                             G_CONNECT_SWAPPED);
  follow_responses (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppRound *
upp_round_overview_get_round (UppRoundOverview *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_OVERVIEW (self), NULL);

  return self->round;
}

void
upp_round_overview_set_round (UppRoundOverview *self,
                              UppRound         *round)
{
  g_return_if_fail (UPP_IS_ROUND_OVERVIEW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;

  /* The session updates the round in place: a new title shows at once. */
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_func (self->round, update_title, self);
  g_set_object (&self->round, round);
  if (round != NULL)
    g_signal_connect_object (round, "notify", G_CALLBACK (update_title), self,
                             G_CONNECT_SWAPPED);
  follow_responses (self);
  /* Another round starts at its top, not where the one before was left. Through the list:
   * GTK 4.8's list keeps its own anchor row and fails to scroll later when the adjustment is
   * set under it. */
  if (self->responses != NULL && g_list_model_get_n_items (self->responses) > 0 &&
      find_list_view (self) != NULL)
    gtk_widget_activate_action (find_list_view (self), "list.scroll-to-item", "u", 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
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

  return self->responses;
}

static void
on_column_view_activate_cb (UppRoundOverview *self,
                            guint             position)
{
  if (self->round != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-response", "(su)",
                                upp_round_get_uuid (self->round), position);
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

/* GTK 4.8 names a column view's row after its class, "GtkListItemWidget": a screen reader
 * hears the unit and what the row shows of it instead. The cell's child is in its row by
 * the time it is bound. */
static void
name_row (GtkWidget        *cell_child,
          UppRoundOverview *self,
          UppResponse      *response)
{
  GtkWidget *cell = gtk_widget_get_parent (cell_child);
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  UppTemplate *template = upp_round_get_template (self->round);
  const char *status = upp_response_status_get_label (upp_response_get_status (response));
  const char *date = upp_response_get_interview_date (response);
  guint n = upp_template_get_n_questions (template);
  guint answered = upp_response_count_answered (response, template);
  g_autofree char *name = NULL;

  if (row == NULL)
    return;

  if (date != NULL && *date != '\0')
    /* Translators: a unit's row in a round's overview, as a screen reader reads it: unit,
     * status, interview date, answered questions. */
    name = g_strdup_printf (ngettext ("%s, %s, interview %s, %u of %u question answered",
                                      "%s, %s, interview %s, %u of %u questions answered", n),
                            upp_response_get_unit_name (response), status, date, answered, n);
  else
    /* Translators: a unit's row in a round's overview, as a screen reader reads it: unit,
     * status, answered questions. */
    name = g_strdup_printf (ngettext ("%s, %s, %u of %u question answered",
                                      "%s, %s, %u of %u questions answered", n),
                            upp_response_get_unit_name (response), status, answered, n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
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
      name_row (GTK_WIDGET (label), self, response);
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

/* The column view's header row is named after its class too: name it after the columns. */
static void
name_header_row (UppRoundOverview *self)
{
  GtkWidget *header = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GString) titles = g_string_new (NULL);

  if (header == NULL || GTK_IS_LIST_VIEW (header))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (i > 0)
        g_string_append (titles, ", ");
      g_string_append (titles, gtk_column_view_column_get_title (column));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  titles->str, -1);
}

static void
upp_round_overview_dispose (GObject *object)
{
  UppRoundOverview *self = UPP_ROUND_OVERVIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->focus_source, g_source_remove);
  upp_round_overview_set_round (self, NULL);
  upp_round_overview_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUND_OVERVIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);

  G_OBJECT_CLASS (upp_round_overview_parent_class)->dispose (object);
}

static void
upp_round_overview_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UppRoundOverview *self = UPP_ROUND_OVERVIEW (object);

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
upp_round_overview_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UppRoundOverview *self = UPP_ROUND_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_round_overview_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_round_overview_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_round_overview_class_init (UppRoundOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_overview_dispose;
  object_class->get_property = upp_round_overview_get_property;
  object_class->set_property = upp_round_overview_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

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
  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_no_selection_new (NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  set_column_factory (self, self->unit_column, COLUMN_UNIT);
  set_column_factory (self, self->status_column, COLUMN_STATUS);
  set_column_factory (self, self->date_column, COLUMN_DATE);
  set_column_factory (self, self->answered_column, COLUMN_ANSWERED);
  name_header_row (self);
}

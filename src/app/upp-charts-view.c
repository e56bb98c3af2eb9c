/* upp-charts-view.c: a round's charts on screen, with chart and question pickers and export
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-charts-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "upp-charts-view.h"
#include "upp-deferred-rebuild.h"
#include "upp-export-actions.h"
#include "upp-files.h"
#include "upp-question.h"
#include "upp-round.h"
#include "upp-session.h"
#include "upp-template.h"
#include "upp-toast.h"

#define MIN_CHART_HEIGHT 240
/* Answers saved while typing in the form come in bursts: the chart waits for a pause. */
#define REBUILD_DELAY_MS 300
/* Charts are laid out in points for A4 paper; on screen one point takes this many pixels,
 * so that their text is as large as the window's. */
#define SCREEN_ZOOM 1.4

struct _UppChartsView
{
  GtkWidget             parent_instance;

  UppSession           *session;
  UppRound             *round;
  /* The round's responses, followed to draw the chart again when answers change. */
  GListModel           *responses;
  UppDeferredRebuild    rebuild;
  UppChart             *chart;
  char                 *error_message;
  GPtrArray            *question_keys;   /* char *, parallel to question_dropdown's items */
  UppChartKind          kind;
  char                 *question_key;
  gboolean              group_by_sub_area;
  guint                 height_idle;
  gboolean              updating;

  /* Template widgets */
  GtkDrawingArea       *drawing_area;
  GtkButton            *export_button;
  GtkToggleButton      *group_button;
  GtkDropDown          *kind_dropdown;
  GtkDropDown          *question_dropdown;
  GtkLabel             *question_label;
  AdwToastOverlay      *toast_overlay;
};

G_DEFINE_FINAL_TYPE (UppChartsView, upp_charts_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static UppChartStyle
screen_style (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
         ? UPP_CHART_STYLE_DARK : UPP_CHART_STYLE_LIGHT;
}

static gboolean
update_height_cb (gpointer user_data)
{
  UppChartsView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->drawing_area));
  int height = MIN_CHART_HEIGHT;

  self->height_idle = 0;
  if (self->chart != NULL && width > 0)
    height = MAX ((int) ceil (SCREEN_ZOOM * upp_chart_get_preferred_height (self->chart,
                                                                          width / SCREEN_ZOOM)),
                  MIN_CHART_HEIGHT);
  if (gtk_drawing_area_get_content_height (self->drawing_area) != height)
    gtk_drawing_area_set_content_height (self->drawing_area, height);
  return G_SOURCE_REMOVE;
}

/* The chart's height follows its width; set outside of size allocation. */
static void
queue_update_height (UppChartsView *self)
{
  if (self->height_idle == 0)
    self->height_idle = g_idle_add (update_height_cb, self);
}

static void
rebuild_chart (UppChartsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean needs_question = upp_chart_kind_needs_question (self->kind);

  upp_deferred_rebuild_done (&self->rebuild);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown),
                               upp_chart_kind_get_description (self->kind));
  g_clear_object (&self->chart);
  g_clear_pointer (&self->error_message, g_free);

  gtk_widget_set_sensitive (GTK_WIDGET (self->question_dropdown),
                            needs_question && self->question_keys->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->question_label),
                            needs_question && self->question_keys->len > 0);
  /* Only the charts with a row per unit can group their rows. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->group_button),
                            self->kind == UPP_CHART_CODED_BY_UNIT ||
                            self->kind == UPP_CHART_CHANGE_OVER_YEARS ||
                            self->kind == UPP_CHART_ANSWERED_QUESTIONS);

  if (self->session != NULL && upp_session_get_store (self->session) != NULL &&
      self->round != NULL)
    {
      self->chart = upp_chart_new_for_round (upp_session_get_store (self->session), self->round,
                                             self->kind,
                                             needs_question ? self->question_key : NULL, &error);
      if (self->chart == NULL)
        self->error_message = g_strdup (error->message);
      else
        upp_chart_set_group_by_sub_area (self->chart, self->group_by_sub_area);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "charts.export", self->chart != NULL);
  if (self->chart != NULL)
    {
      text = upp_chart_dup_text (self->chart);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->drawing_area),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      upp_chart_get_title (self->chart),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  queue_update_height (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
}

static void
draw_message (cairo_t    *cr,
              GtkWidget  *widget,
              const char *message,
              int         width)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, message);
  GdkRGBA color;

  pango_layout_set_width (layout, MAX (width - 48, 10) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, 0.7);
  cairo_move_to (cr, 24, 48);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  UppChartsView *self = user_data;

  if (self->chart != NULL)
    {
      cairo_scale (cr, SCREEN_ZOOM, SCREEN_ZOOM);
      upp_chart_draw (self->chart, cr, width / SCREEN_ZOOM, height / SCREEN_ZOOM,
                      screen_style ());
    }
  else if (self->error_message != NULL)
    draw_message (cr, GTK_WIDGET (area), self->error_message, width);
}

static void
resize_cb (GtkDrawingArea *area,
           int             width,
           int             height,
           gpointer        user_data)
{
  queue_update_height (user_data);
}

char *
upp_charts_view_dup_tooltip_at (UppChartsView *self,
                                double         x,
                                double         y)
{
  g_autofree char *unit = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), NULL);

  if (self->chart == NULL ||
      !upp_chart_hit_test (self->chart, x / SCREEN_ZOOM, y / SCREEN_ZOOM, &unit, &value))
    return NULL;
  if (unit == NULL || *unit == '\0')
    return g_steal_pointer (&value);
  return g_strdup_printf ("%s\n%s", unit, value);
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  UppChartsView *self = user_data;
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;
  text = upp_charts_view_dup_tooltip_at (self, x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
fill_questions (UppChartsView *self)
{
  g_autoptr(GtkStringList) items = gtk_string_list_new (NULL);
  UppTemplate *template = self->round != NULL ? upp_round_get_template (self->round) : NULL;
  guint selected = 0;
  gboolean found = FALSE;

  g_ptr_array_set_size (self->question_keys, 0);
  for (guint i = 0; template != NULL && i < upp_template_get_n_questions (template); i++)
    {
      UppQuestion *question = upp_template_get_question (template, i);
      const char *number = upp_question_get_number (question);
      const char *label = upp_question_get_short_label (question);
      g_autofree char *item = NULL;

      if (!upp_question_is_coded (question))
        continue;
      if (label == NULL || *label == '\0')
        label = upp_question_get_text (question);
      item = number != NULL && *number != '\0' ? g_strdup_printf ("%s. %s", number, label)
                                               : g_strdup (label);
      if (g_strcmp0 (upp_question_get_key (question), self->question_key) == 0)
        {
          selected = self->question_keys->len;
          found = TRUE;
        }
      gtk_string_list_append (items, item);
      g_ptr_array_add (self->question_keys, g_strdup (upp_question_get_key (question)));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->question_dropdown, G_LIST_MODEL (items));
  if (self->question_keys->len > 0)
    gtk_drop_down_set_selected (self->question_dropdown, selected);
  self->updating = FALSE;

  if (!found)
    {
      g_free (self->question_key);
      self->question_key = self->question_keys->len > 0
                           ? g_strdup (g_ptr_array_index (self->question_keys, 0)) : NULL;
    }
}

static void
kind_selected_cb (UppChartsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  if (self->updating || selected >= UPP_N_CHART_KINDS || (UppChartKind) selected == self->kind)
    return;
  self->kind = (UppChartKind) selected;
  rebuild_chart (self);
}

static void
question_selected_cb (UppChartsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->question_dropdown);

  if (self->updating || selected >= self->question_keys->len)
    return;
  if (g_strcmp0 (self->question_key, g_ptr_array_index (self->question_keys, selected)) == 0)
    return;
  g_free (self->question_key);
  self->question_key = g_strdup (g_ptr_array_index (self->question_keys, selected));
  rebuild_chart (self);
}

static void
on_responses_changed_cb (UppChartsView *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *responses)
{
  upp_deferred_rebuild_queue (&self->rebuild);
}

/* Coded passages are not in the responses model: the themes chart follows the codebook's
 * changes, made here or on any other connection. */
static void
on_session_changed_cb (UppChartsView     *self,
                       UppSessionChanges  changes,
                       UppSession        *session)
{
  if (self->kind == UPP_CHART_THEMES &&
      (changes & (UPP_SESSION_CHANGED_THEMES | UPP_SESSION_CHANGED_ROUNDS)) != 0)
    upp_deferred_rebuild_queue (&self->rebuild);
}

static void
on_round_changed_cb (UppChartsView *self,
                     GParamSpec    *pspec,
                     UppRound      *round)
{
  upp_deferred_rebuild_queue (&self->rebuild);
}

/* Shows the round's charts, keeping the chosen chart and question. */
static void
follow_round (UppChartsView *self)
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
  fill_questions (self);

  upp_deferred_rebuild_now (&self->rebuild);
}

void
upp_charts_view_set_session (UppChartsView *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_CHARTS_VIEW (self));
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

UppSession *
upp_charts_view_get_session (UppChartsView *self)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), NULL);
  return self->session;
}

void
upp_charts_view_set_round (UppChartsView *self,
                           UppRound      *round)
{
  g_return_if_fail (UPP_IS_CHARTS_VIEW (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_func (self->round, on_round_changed_cb, self);
  g_set_object (&self->round, round);
  if (round != NULL)
    {
      g_signal_connect_object (round, "notify::title", G_CALLBACK (on_round_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (round, "notify::year", G_CALLBACK (on_round_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  follow_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

UppRound *
upp_charts_view_get_round (UppChartsView *self)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), NULL);
  return self->round;
}

static void
ensure_fresh (UppChartsView *self)
{
  if (upp_deferred_rebuild_is_pending (&self->rebuild))
    rebuild_chart (self);
}

void
upp_charts_view_set_kind (UppChartsView *self,
                          UppChartKind   kind)
{
  g_return_if_fail (UPP_IS_CHARTS_VIEW (self));
  g_return_if_fail ((guint) kind < UPP_N_CHART_KINDS);

  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

UppChartKind
upp_charts_view_get_kind (UppChartsView *self)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), UPP_CHART_CODED_BY_UNIT);
  return self->kind;
}

gboolean
upp_charts_view_set_question (UppChartsView *self,
                              const char    *question_key)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), FALSE);

  for (guint i = 0; i < self->question_keys->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->question_keys, i), question_key) == 0)
        {
          gtk_drop_down_set_selected (self->question_dropdown, i);
          return TRUE;
        }
    }
  return FALSE;
}

static void
on_group_toggled_cb (UppChartsView   *self,
                     GtkToggleButton *button)
{
  upp_charts_view_set_group_by_sub_area (self, gtk_toggle_button_get_active (button));
}

void
upp_charts_view_set_group_by_sub_area (UppChartsView *self,
                                       gboolean       group)
{
  g_return_if_fail (UPP_IS_CHARTS_VIEW (self));

  group = !!group;
  if (self->group_by_sub_area == group)
    return;
  self->group_by_sub_area = group;
  if (gtk_toggle_button_get_active (self->group_button) != group)
    gtk_toggle_button_set_active (self->group_button, group);
  rebuild_chart (self);
}

gboolean
upp_charts_view_get_group_by_sub_area (UppChartsView *self)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), FALSE);
  return self->group_by_sub_area;
}

UppChart *
upp_charts_view_get_chart (UppChartsView *self)
{
  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), NULL);
  ensure_fresh (self);
  return self->chart;
}

gboolean
upp_charts_view_export (UppChartsView   *self,
                        const char      *path,
                        UppChartFormat   format,
                        double           scale,
                        GError         **error)
{
  int width = (int) (gtk_widget_get_width (GTK_WIDGET (self->drawing_area)) / SCREEN_ZOOM);
  int height;

  g_return_val_if_fail (UPP_IS_CHARTS_VIEW (self), FALSE);
  ensure_fresh (self);
  g_return_val_if_fail (self->chart != NULL, FALSE);

  /* As on screen; a window not shown yet gets the size files get from the CLI. */
  if (width < UPP_CHART_MIN_SIZE)
    width = UPP_CHART_DEFAULT_WIDTH;
  height = MAX ((int) upp_chart_get_preferred_height (self->chart, width), UPP_CHART_MIN_SIZE);
  return upp_chart_write_file (self->chart, path, format, width, height, scale, error);
}

static const struct
{
  UppChartFormat  format;
  const char     *name;
  const char     *mime_type;
} export_formats[] = {
  { UPP_CHART_FORMAT_PNG, N_("PNG image"), "image/png" },
  { UPP_CHART_FORMAT_SVG, N_("SVG drawing"), "image/svg+xml" },
  { UPP_CHART_FORMAT_PDF, N_("PDF document"), "application/pdf" },
};

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(UppChartsView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;
  GtkFileFilter *filter;
  UppChartFormat format = UPP_CHART_FORMAT_PNG;
  const char *scale_choice;
  double scale;
  const char *dot;
  AdwToast *toast;

  /* This callback holds the only reference the dialog took; never drop it twice. */
  g_signal_handlers_disconnect_by_func (dialog, export_response_cb, user_data);

  if (response != GTK_RESPONSE_ACCEPT || self->chart == NULL)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = g_file_get_path (file);
  if (path == NULL)
    goto out;
  upp_export_actions_remember_folder (file);

  /* The name's extension decides; without one, the chosen filter does and adds it. */
  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL ||
      !upp_chart_format_from_key (dot + 1, &format))
    {
      filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      for (guint i = 0; filter != NULL && i < G_N_ELEMENTS (export_formats); i++)
        if (g_strcmp0 (gtk_file_filter_get_name (filter), _(export_formats[i].name)) == 0)
          format = export_formats[i].format;
      {
        char *with_extension = g_strconcat (path, ".", upp_chart_format_to_key (format), NULL);

        g_free (path);
        path = with_extension;
      }
    }

  /* PNG pixels per point: as many as on screen, twice that, or 300 dots per inch. */
  scale_choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "scale");
  if (g_strcmp0 (scale_choice, "print") == 0)
    scale = 300.0 / 72.0;
  else if (g_strcmp0 (scale_choice, "double") == 0)
    scale = 2 * SCREEN_ZOOM;
  else
    scale = SCREEN_ZOOM;

  basename = g_path_get_basename (path);
  if (upp_charts_view_export (self, path, format, scale, &error))
    {
      g_autofree char *title = g_strdup_printf (_("Chart saved as “%s”"), basename);
      g_autoptr(GFile) saved = g_file_new_for_path (path);

      toast = upp_toast_new_for_file (title, saved);
    }
  else
    {
      toast = adw_toast_new (error->message);
      adw_toast_set_timeout (toast, 0);
    }
  upp_toast_add_to (self->toast_overlay, toast);

out:
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppChartsView *self = UPP_CHARTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  /* The first is the default: GTK's own dialog ignores a choice set before it shows. */
  const char *scale_ids[] = { "screen", "double", "print", NULL };
  const char *scale_labels[] = { N_("As on screen"), N_("Twice as sharp"),
                                 N_("For print (300 dpi)"), NULL };
  const char *translated[4] = { NULL };

  if (self->chart == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Chart"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(export_formats[i].name));
      gtk_file_filter_add_mime_type (filter, export_formats[i].mime_type);
      gtk_file_filter_add_suffix (filter, upp_chart_format_to_key (export_formats[i].format));
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  for (guint i = 0; i < 3; i++)
    translated[i] = _(scale_labels[i]);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "scale", _("PNG size"),
                               scale_ids, translated);

  if (self->round != NULL)
    name = upp_files_dup_round_export_name (self->round, upp_chart_kind_get_label (self->kind),
                                            "png");
  else
    name = upp_files_dup_export_name ((const char *[]) { upp_chart_kind_get_label (self->kind),
                                                         NULL }, "png");
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
upp_charts_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (upp_charts_view_parent_class)->map (widget);
  ensure_fresh (UPP_CHARTS_VIEW (widget));
}

static void
dark_changed_cb (UppChartsView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->drawing_area));
}

static void
upp_charts_view_dispose (GObject *object)
{
  UppChartsView *self = (UppChartsView *) object;

  g_clear_handle_id (&self->height_idle, g_source_remove);
  upp_deferred_rebuild_clear (&self->rebuild);
  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_CHARTS_VIEW);

  G_OBJECT_CLASS (upp_charts_view_parent_class)->dispose (object);
}

static void
upp_charts_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppChartsView *self = UPP_CHARTS_VIEW (object);

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
upp_charts_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppChartsView *self = UPP_CHARTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_charts_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_charts_view_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_charts_view_finalize (GObject *object)
{
  UppChartsView *self = (UppChartsView *) object;

  g_clear_object (&self->chart);
  g_clear_object (&self->round);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->question_key, g_free);
  g_clear_pointer (&self->question_keys, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_charts_view_parent_class)->finalize (object);
}

static void
upp_charts_view_class_init (UppChartsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = upp_charts_view_get_property;
  object_class->set_property = upp_charts_view_set_property;
  object_class->dispose = upp_charts_view_dispose;
  object_class->finalize = upp_charts_view_finalize;
  widget_class->map = upp_charts_view_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-charts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, drawing_area);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, group_button);
  gtk_widget_class_bind_template_callback (widget_class, on_group_toggled_cb);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, question_dropdown);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, question_label);
  gtk_widget_class_bind_template_child (widget_class, UppChartsView, toast_overlay);

  gtk_widget_class_install_action (widget_class, "charts.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "charts.export", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
upp_charts_view_init (UppChartsView *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  upp_deferred_rebuild_init (&self->rebuild, GTK_WIDGET (self), REBUILD_DELAY_MS,
                             (UppRebuildFunc) rebuild_chart);

  self->question_keys = g_ptr_array_new_with_free_func (g_free);
  self->kind = UPP_CHART_CODED_BY_UNIT;

  for (guint i = 0; i < UPP_N_CHART_KINDS; i++)
    gtk_string_list_append (kinds, upp_chart_kind_get_label ((UppChartKind) i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);
  g_signal_connect_swapped (self->kind_dropdown, "notify::selected",
                            G_CALLBACK (kind_selected_cb), self);
  g_signal_connect_swapped (self->question_dropdown, "notify::selected",
                            G_CALLBACK (question_selected_cb), self);

  gtk_drawing_area_set_draw_func (self->drawing_area, draw_cb, self, NULL);
  g_signal_connect (self->drawing_area, "resize", G_CALLBACK (resize_cb), self);
  g_signal_connect (self->drawing_area, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  rebuild_chart (self);
}

GtkWidget *
upp_charts_view_new (void)
{
  return g_object_new (UPP_TYPE_CHARTS_VIEW, NULL);
}

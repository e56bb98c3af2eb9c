/* upp-report-page.c: the report of a round: its texts, a preview, export to PDF and print
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts go into the round as they are typed and are saved half a second after the last
 * key. The preview is laid out by the session on a worker thread (upp_session_load_report_async)
 * whenever the round's answers, units or texts change, and its first pages are drawn here on
 * the main thread from what the worker laid out; the export runs through the session too.
 * Printing lays the report out on the main thread, as GtkPrintOperation draws its pages there.
 */

#define G_LOG_DOMAIN "upp-report-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "report/upp-report.h"
#include "upp-export-actions.h"
#include "upp-files.h"
#include "upp-privacy-dialog.h"
#include "upp-privacy-marks.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-report-page.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template.h"
#include "upp-toast.h"

#define SAVE_DELAY_MS   500
/* Answers saved while typing in the form come in bursts: the preview waits for a pause. */
#define PREVIEW_DELAY_MS 300
#define PREVIEW_PAGES   4
#define PREVIEW_WIDTH   300.0
#define PREVIEW_HEIGHT  (PREVIEW_WIDTH * UPP_REPORT_HEIGHT / UPP_REPORT_WIDTH)
#define PREVIEW_GAP     18.0

enum
{
  TEXT_SUMMARY,
  TEXT_BACKGROUND,
  TEXT_RECOMMENDATIONS,
  TEXT_FOLLOW_UP,
  TEXT_METHOD_PLAN,
  TEXT_DELIMITATION,
  TEXT_REFERENCES,
  N_TEXTS
};

static const char *text_keys[N_TEXTS] = {
  UPP_REPORT_TEXT_SUMMARY,
  UPP_REPORT_TEXT_BACKGROUND,
  UPP_REPORT_TEXT_RECOMMENDATIONS,
  UPP_REPORT_TEXT_FOLLOW_UP_AREAS,
  UPP_REPORT_TEXT_METHOD_PLAN,
  UPP_REPORT_TEXT_DELIMITATION,
  UPP_REPORT_TEXT_REFERENCES,
};

enum { ENTRY_AUTHOR, ENTRY_ORGANISATION, ENTRY_SERIES, ENTRY_ISSN, N_ENTRIES };

static const char *entry_keys[N_ENTRIES] = {
  UPP_REPORT_TEXT_AUTHOR,
  UPP_REPORT_TEXT_ORGANISATION,
  UPP_REPORT_TEXT_SERIES,
  UPP_REPORT_TEXT_ISSN,
};

enum { SETTING_APPENDIX, SETTING_GROUP, N_SETTINGS };

static const char *setting_keys[N_SETTINGS] = {
  UPP_REPORT_TEXT_ANSWERS_IN_APPENDIX,
  UPP_REPORT_TEXT_GROUP_BY_PART,
};

struct _UppReportPage
{
  GtkWidget         parent_instance;

  UppSession       *session;
  UppRound         *round;
  /* The round's units and answers, followed to lay the preview out again. */
  GListModel       *responses;

  GtkBox           *analysis_box;
  GtkSwitch        *appendix_switch;
  AdwEntryRow      *author_row;
  GtkTextView      *background_view;
  GtkStringList    *compare_labels;
  AdwComboRow      *compare_row;
  GtkTextView      *delimitation_view;
  GtkButton        *export_button;
  GtkTextView      *follow_up_view;
  GtkSwitch        *group_switch;
  AdwEntryRow      *issn_row;
  GtkTextView      *method_plan_view;
  AdwEntryRow      *organisation_row;
  GtkDrawingArea   *preview_area;
  GtkButton        *print_button;
  GtkProgressBar   *progress_bar;
  GtkTextView      *recommendations_view;
  GtkTextView      *references_view;
  AdwEntryRow      *series_row;
  GtkLabel         *status_label;
  GtkTextView      *summary_view;

  gboolean          loading;
  gboolean          disposed;    /* a worker finished after the widgets were gone */
  guint             save_source;
  /* Texts typed and not yet saved, key → text (NULL: cleared): the session may read the
   * round again meanwhile, which puts the saved texts back into it. */
  GHashTable       *unsaved_texts;
  guint             preview_source;
  gboolean          preview_stale;      /* the round changed while the page was hidden */
  GCancellable     *preview_cancellable;
  GPtrArray        *preview_pages;      /* cairo_surface_t * */
  guint             n_pages;
  gboolean          exporting;
  GCancellable     *export_cancellable;
  UppProgress      *export_progress;
  char             *export_path;
  UppReport        *print_report;
  /* What each item of compare_row stores: NULL (the latest earlier round), "none", a uuid. */
  GPtrArray        *compare_choices;
};

G_DEFINE_FINAL_TYPE (UppReportPage, upp_report_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_preview (UppReportPage *self);

static GtkWindow *
get_window (UppReportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (UppReportPage *self,
            const char    *heading,
            const char    *message)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status (UppReportPage *self,
            const char    *text)
{
  gtk_label_set_text (self->status_label, text);
}

static void
update_sensitivity (UppReportPage *self)
{
  gboolean ready = self->round != NULL && !self->exporting;

  /* While a PDF is written, the export button cancels it. */
  gtk_button_set_label (self->export_button, self->exporting ? _("_Cancel Export")
                                                             : _("_Export PDF…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), self->round != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->print_button), ready);
}

/* Saving */

static gboolean
save_now (UppReportPage *self)
{
  g_autoptr(GError) error = NULL;
  UppStore *store;
  GHashTableIter iter;
  gpointer key, text;

  g_clear_handle_id (&self->save_source, g_source_remove);
  store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  if (store == NULL || self->round == NULL || g_hash_table_size (self->unsaved_texts) == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, self->unsaved_texts);
  while (g_hash_table_iter_next (&iter, &key, &text))
    upp_round_set_text (self->round, key, text);
  if (!upp_store_update_round (store, self->round, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The report texts could not be saved: %s"),
                                               error->message);

      set_status (self, text);
      return FALSE;
    }
  g_hash_table_remove_all (self->unsaved_texts);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  UppReportPage *self = user_data;

  self->save_source = 0;
  if (save_now (self))
    start_preview (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed (UppReportPage *self,
              const char    *key,
              const char    *text)
{
  if (self->loading || self->round == NULL)
    return;

  text = (text != NULL && *text != '\0') ? text : NULL;
  upp_round_set_text (self->round, key, text);
  g_hash_table_insert (self->unsaved_texts, g_strdup (key), g_strdup (text));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
on_buffer_changed_cb (GtkTextBuffer *buffer,
                      UppReportPage *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text_changed (self, g_object_get_data (G_OBJECT (buffer), "upp-text-key"), text);
}

static void
on_entry_changed_cb (GtkEditable   *editable,
                     UppReportPage *self)
{
  text_changed (self, g_object_get_data (G_OBJECT (editable), "upp-text-key"),
                gtk_editable_get_text (editable));
}

static void
on_switch_active_cb (GtkSwitch     *setting,
                     GParamSpec    *pspec,
                     UppReportPage *self)
{
  text_changed (self, g_object_get_data (G_OBJECT (setting), "upp-text-key"),
                gtk_switch_get_active (setting) ? UPP_REPORT_SETTING_ON : NULL);
}

static GtkTextView *
text_view (UppReportPage *self,
           guint          text)
{
  GtkTextView *views[N_TEXTS] = { self->summary_view, self->background_view,
                                  self->recommendations_view, self->follow_up_view,
                                  self->method_plan_view, self->delimitation_view,
                                  self->references_view };

  return views[text];
}

static AdwEntryRow *
entry_row (UppReportPage *self,
           guint          entry)
{
  AdwEntryRow *rows[N_ENTRIES] = { self->author_row, self->organisation_row,
                                   self->series_row, self->issn_row };

  return rows[entry];
}

static GtkSwitch *
setting_switch (UppReportPage *self,
                guint          setting)
{
  GtkSwitch *switches[N_SETTINGS] = { self->appendix_switch, self->group_switch };

  return switches[setting];
}

/* A box per question of the round's questionnaire, for its analysis: the questions come
 * with the round, so the boxes are made here rather than in the template. */
static GtkWidget *
create_analysis_box (UppReportPage *self,
                     UppQuestion   *question)
{
  const char *number = upp_question_get_number (question);
  g_autofree char *title = NULL;
  g_autofree char *key = upp_report_dup_analysis_key (upp_question_get_key (question));
  const char *text = upp_round_get_text (self->round, key);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label;
  GtkWidget *scrolled;
  GtkWidget *view;
  GtkTextBuffer *buffer;

  if (number != NULL && *number != '\0')
    title = g_strdup_printf ("%s. %s", number, upp_question_get_text (question));
  else
    title = g_strdup (upp_question_get_text (question));

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  upp_privacy_marks_attach (view, self->session);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  g_object_set_data_full (G_OBJECT (buffer), "upp-text-key", g_steal_pointer (&key), g_free);
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
  return box;
}

static void
load_analysis_boxes (UppReportPage *self)
{
  UppTemplate *template = self->round != NULL ? upp_round_get_template (self->round) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->analysis_box))) != NULL)
    gtk_box_remove (self->analysis_box, child);
  for (guint i = 0; template != NULL && i < upp_template_get_n_questions (template); i++)
    gtk_box_append (self->analysis_box,
                    create_analysis_box (self, upp_template_get_question (template, i)));
}

/* Preview */

static void
clear_preview (UppReportPage *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview_pages, g_ptr_array_unref);
  self->n_pages = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));
}

/* The first pages as images at the screen's scale, drawn once rather than on every frame. */
static GPtrArray *
draw_preview_pages (UppReportPage *self,
                    UppReport     *report)
{
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  int scale = MAX (gtk_widget_get_scale_factor (GTK_WIDGET (self)), 1);
  guint n = MIN (upp_report_get_n_pages (report), PREVIEW_PAGES);

  for (guint page = 0; page < n; page++)
    {
      cairo_surface_t *surface;
      cairo_t *cr;

      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                            (int) (PREVIEW_WIDTH * scale),
                                            (int) (PREVIEW_HEIGHT * scale));
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, PREVIEW_WIDTH * scale / UPP_REPORT_WIDTH,
                   PREVIEW_WIDTH * scale / UPP_REPORT_WIDTH);
      upp_report_draw_page (report, cr, page);
      cairo_destroy (cr);
      cairo_surface_set_device_scale (surface, scale, scale);
      g_ptr_array_add (pages, surface);
    }
  return pages;
}

static void
preview_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(UppReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppReport) report = NULL;
  g_autofree char *status = NULL;

  report = upp_session_load_report_finish (UPP_SESSION (object), result, &error);
  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->preview_cancellable);
  if (report == NULL)
    {
      status = g_strdup_printf (_("No preview: %s"), error->message);
      set_status (self, status);
      return;
    }

  g_clear_pointer (&self->preview_pages, g_ptr_array_unref);
  self->preview_pages = draw_preview_pages (self, report);
  self->n_pages = upp_report_get_n_pages (report);
  gtk_drawing_area_set_content_height (self->preview_area,
                                       (int) (self->preview_pages->len
                                              * (PREVIEW_HEIGHT + PREVIEW_GAP) + PREVIEW_GAP));
  gtk_widget_queue_draw (GTK_WIDGET (self->preview_area));

  if (!self->exporting)
    {
      status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The report has %u page",
                                             "The report has %u pages", self->n_pages),
                                self->n_pages);
      set_status (self, status);
    }
}

/* Lays the report out again now, dropping a layout still under way. The preview shown stays
 * until the new one is ready. */
static void
start_preview (UppReportPage *self)
{
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_stale = FALSE;
  if (self->session == NULL || self->round == NULL)
    return;

  self->preview_cancellable = g_cancellable_new ();
  upp_session_load_report_async (self->session, self->round, self->preview_cancellable,
                                 preview_done_cb, g_object_ref (self));
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  UppReportPage *self = user_data;

  self->preview_source = 0;
  start_preview (self);
  return G_SOURCE_REMOVE;
}

/* The round's data changed: a visible page lays it out again after a pause, a hidden one
 * when it is shown. */
static void
queue_preview (UppReportPage *self)
{
  if (self->round == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->preview_stale = TRUE;
      return;
    }
  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
}

static void
on_responses_changed_cb (UppReportPage *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *responses)
{
  queue_preview (self);
}

static void
on_round_changed_cb (UppReportPage *self,
                     GParamSpec    *pspec,
                     UppRound      *round)
{
  queue_preview (self);
}

static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  UppReportPage *self = user_data;
  double x;

  if (self->preview_pages == NULL)
    return;

  x = MAX (floor ((width - PREVIEW_WIDTH) / 2), 0);
  for (guint i = 0; i < self->preview_pages->len; i++)
    {
      double y = PREVIEW_GAP + i * (PREVIEW_HEIGHT + PREVIEW_GAP);

      /* A sheet of paper with a soft edge, in light and dark styles alike. */
      cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
      cairo_rectangle (cr, x - 1, y - 1, PREVIEW_WIDTH + 2, PREVIEW_HEIGHT + 3);
      cairo_fill (cr);
      cairo_set_source_surface (cr, g_ptr_array_index (self->preview_pages, i), x, y);
      cairo_paint (cr);
    }
}

/* Export */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(UppReportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = upp_session_export_report_finish (UPP_SESSION (object), result, &error);
  self->exporting = FALSE;
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_progress);
  if (self->disposed)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  update_sensitivity (self);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_status (self, _("Export cancelled; no file was written."));
          return;
        }
      set_status (self, "");
      show_error (self, _("The Report Was Not Exported"), error->message);
      return;
    }

  {
    g_autofree char *name = g_filename_display_basename (self->export_path);
    g_autofree char *status = g_strdup_printf (_("Exported to %s"), name);
    g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);
    g_autoptr(GFile) file = g_file_new_for_path (self->export_path);

    set_status (self, status);
    upp_toast_add (GTK_WIDGET (self), upp_toast_new_for_file (title, file));
  }
}

static void
start_export (UppReportPage *self,
              const char    *path)
{
  if (!save_now (self))
    return;

  self->exporting = TRUE;
  self->export_cancellable = g_cancellable_new ();
  self->export_progress = upp_progress_new ();
  g_object_bind_property (self->export_progress, "fraction", self->progress_bar, "fraction",
                          G_BINDING_SYNC_CREATE);
  g_free (self->export_path);
  self->export_path = g_strdup (path);
  update_sensitivity (self);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  set_status (self, _("Exporting the report…"));

  upp_session_export_report_async (self->session, self->round, path, self->export_progress,
                                   self->export_cancellable, export_done_cb,
                                   g_object_ref (self));
}

void
upp_report_page_export_to (UppReportPage *self,
                           GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (UPP_IS_REPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->round == NULL || self->exporting)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("The Report Was Not Exported"),
                  _("The report can only be written to a local folder."));
      return;
    }
  start_export (self, path);
}

gboolean
upp_report_page_is_exporting (UppReportPage *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_PAGE (self), FALSE);

  return self->exporting;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        UppReportPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          upp_export_actions_remember_folder (file);
          upp_report_page_export_to (self, file);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
show_export_chooser (UppReportPage *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->round == NULL || self->exporting)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Report"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the last part of the report's file name,
   * "Region Dalarna – Uppföljning LÖK 2025 – Report.pdf". */
  name = upp_files_dup_round_export_name (self->round, _("Report"), "pdf");
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void load_texts (UppReportPage *self);

/* After the check for personal data (upp-privacy-dialog.c): go on, or not. */
static gboolean
finish_privacy_check (UppReportPage *self,
                      GAsyncResult  *result)
{
  g_autoptr(GError) error = NULL;

  if (upp_privacy_dialog_check_finish (result, &error))
    {
      /* The texts were saved before the check; masked, they are shown (and saved) so. */
      if (self->round != NULL)
        load_texts (self);
      return gtk_widget_get_root (GTK_WIDGET (self)) != NULL;
    }
  if (error != NULL)
    show_error (self, _("The Round Was Not Checked for Personal Data"), error->message);
  return FALSE;
}

static void
on_export_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(UppReportPage) self = user_data;

  if (finish_privacy_check (self, result))
    show_export_chooser (self);
}

static void
on_export_clicked_cb (UppReportPage *self)
{
  if (self->exporting)
    {
      g_cancellable_cancel (self->export_cancellable);
      return;
    }
  if (self->round == NULL || !save_now (self))
    return;
  upp_privacy_dialog_check_async (get_window (self), self->session,
                                  upp_round_get_uuid (self->round), NULL, on_export_checked_cb,
                                  g_object_ref (self));
}

/* Print */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   UppReportPage     *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->print_report);
  self->print_report = upp_report_new (upp_session_get_store (self->session), self->round,
                                       &error);
  if (self->print_report == NULL)
    {
      gtk_print_operation_cancel (operation);
      show_error (self, _("The Report Cannot Be Printed"), error->message);
      return;
    }
  gtk_print_operation_set_n_pages (operation, (int) upp_report_get_n_pages (self->print_report));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 UppReportPage     *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale;

  if (self->print_report == NULL)
    return;
  /* The pages are A4; on other paper they are scaled to fit. */
  scale = MIN (gtk_print_context_get_width (context) / UPP_REPORT_WIDTH,
               gtk_print_context_get_height (context) / UPP_REPORT_HEIGHT);
  cairo_scale (cr, scale, scale);
  upp_report_draw_page (self->print_report, cr, (guint) page);
}

static void
on_end_print_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 UppReportPage     *self)
{
  g_clear_object (&self->print_report);
}

/* Only for a run that went on after gtk_print_operation_run() returned: a run that ended
 * within it is finished off there. */
static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  UppReportPage           *self)
{
  if (g_object_get_data (G_OBJECT (operation), "upp-in-progress") == NULL)
    return;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_error (self, _("The Report Was Not Printed"),
                  error != NULL ? error->message : _("The printer reported an error."));
    }
  g_object_unref (operation);
}

static GtkPrintOperation *
create_print_operation (UppReportPage *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, upp_round_get_title (self->round));
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  g_signal_connect (operation, "end-print", G_CALLBACK (on_end_print_cb), self);

  return operation;
}

static void
print_now (UppReportPage *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->round == NULL || !save_now (self))
    return;

  operation = create_print_operation (self);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), self);

  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    get_window (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    {
      g_object_set_data (G_OBJECT (operation), "upp-in-progress", GINT_TO_POINTER (TRUE));
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self, _("The Report Was Not Printed"), error->message);
  g_object_unref (operation);
}

static void
on_print_checked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(UppReportPage) self = user_data;

  if (finish_privacy_check (self, result))
    print_now (self);
}

static void
on_print_clicked_cb (UppReportPage *self)
{
  if (self->round == NULL || !save_now (self))
    return;
  upp_privacy_dialog_check_async (get_window (self), self->session,
                                  upp_round_get_uuid (self->round), NULL, on_print_checked_cb,
                                  g_object_ref (self));
}

gboolean
upp_report_page_print_to_file (UppReportPage  *self,
                               const char     *path,
                               GError        **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;

  g_return_val_if_fail (UPP_IS_REPORT_PAGE (self), FALSE);
  g_return_val_if_fail (self->round != NULL, FALSE);

  if (!save_now (self))
    return FALSE;
  operation = create_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                  get_window (self), error)
         == GTK_PRINT_OPERATION_RESULT_APPLY;
}

/* The round */

static void
load_texts (UppReportPage *self)
{
  self->loading = TRUE;
  for (guint i = 0; i < N_TEXTS; i++)
    {
      const char *text = self->round != NULL ? upp_round_get_text (self->round, text_keys[i])
                                             : NULL;

      upp_privacy_marks_attach (GTK_WIDGET (text_view (self, i)), self->session);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view (self, i)),
                                text != NULL ? text : "", -1);
    }
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      const char *text = self->round != NULL ? upp_round_get_text (self->round, entry_keys[i])
                                             : NULL;

      gtk_editable_set_text (GTK_EDITABLE (entry_row (self, i)), text != NULL ? text : "");
    }
  for (guint i = 0; i < N_SETTINGS; i++)
    gtk_switch_set_active (setting_switch (self, i),
                           self->round != NULL
                           && g_strcmp0 (upp_round_get_text (self->round, setting_keys[i]),
                                         UPP_REPORT_SETTING_ON) == 0);
  load_analysis_boxes (self);
  self->loading = FALSE;
}

static int
compare_years_descending (gconstpointer a,
                          gconstpointer b)
{
  return upp_round_get_year (*(UppRound **) b) - upp_round_get_year (*(UppRound **) a);
}

/* The rounds the report can compare with: the region's earlier ones, latest first, after the
 * default (the latest earlier one) and none. */
static void
load_compare_choices (UppReportPage *self)
{
  const char *chosen = self->round != NULL
                       ? upp_round_get_text (self->round, UPP_REPORT_TEXT_COMPARE_WITH) : NULL;
  g_autoptr(GPtrArray) earlier = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *rounds = self->session != NULL ? upp_session_get_rounds (self->session) : NULL;
  guint selected = 0;

  for (guint i = 0; rounds != NULL && self->round != NULL
                    && i < g_list_model_get_n_items (rounds); i++)
    {
      g_autoptr(UppRound) other = g_list_model_get_item (rounds, i);

      if (g_strcmp0 (upp_region_get_code (upp_round_get_region (other)),
                     upp_region_get_code (upp_round_get_region (self->round))) == 0
          && upp_round_get_year (other) < upp_round_get_year (self->round))
        g_ptr_array_add (earlier, g_steal_pointer (&other));
    }
  g_ptr_array_sort (earlier, compare_years_descending);

  self->loading = TRUE;
  g_ptr_array_set_size (self->compare_choices, 0);
  gtk_string_list_splice (self->compare_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->compare_labels)), NULL);
  gtk_string_list_append (self->compare_labels, _("The Latest Earlier Round"));
  g_ptr_array_add (self->compare_choices, NULL);
  gtk_string_list_append (self->compare_labels, _("No Comparison"));
  g_ptr_array_add (self->compare_choices, g_strdup (UPP_REPORT_COMPARE_WITH_NONE));
  if (g_strcmp0 (chosen, UPP_REPORT_COMPARE_WITH_NONE) == 0)
    selected = 1;
  for (guint i = 0; i < earlier->len; i++)
    {
      UppRound *other = g_ptr_array_index (earlier, i);
      g_autofree char *label = g_strdup_printf ("%d · %s", upp_round_get_year (other),
                                                upp_round_get_title (other));

      gtk_string_list_append (self->compare_labels, label);
      g_ptr_array_add (self->compare_choices, g_strdup (upp_round_get_uuid (other)));
      if (g_strcmp0 (chosen, upp_round_get_uuid (other)) == 0)
        selected = self->compare_choices->len - 1;
    }
  adw_combo_row_set_selected (self->compare_row, selected);
  self->loading = FALSE;
}

static void
on_compare_selected_cb (UppReportPage *self)
{
  guint selected = adw_combo_row_get_selected (self->compare_row);

  if (selected < self->compare_choices->len)
    text_changed (self, UPP_REPORT_TEXT_COMPARE_WITH,
                  g_ptr_array_index (self->compare_choices, selected));
}

/* A new round or session: its texts, and a preview laid out from the start. */
static void
show_round (UppReportPage *self)
{
  g_autoptr(GListModel) responses = NULL;

  if (self->responses != NULL)
    g_signal_handlers_disconnect_by_func (self->responses, on_responses_changed_cb, self);
  g_clear_object (&self->responses);
  if (self->session != NULL && self->round != NULL)
    {
      self->responses = upp_session_dup_responses (self->session, self->round);
      g_signal_connect_object (self->responses, "items-changed",
                               G_CALLBACK (on_responses_changed_cb), self, G_CONNECT_SWAPPED);
    }

  clear_preview (self);
  load_texts (self);
  load_compare_choices (self);
  update_sensitivity (self);
  set_status (self, self->round != NULL ? _("Preparing the preview…") : "");
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    start_preview (self);
  else
    self->preview_stale = self->round != NULL;
}

/* What was typed for the previous round is saved before the page moves on. */
static void
save_before_leaving (UppReportPage *self)
{
  if (self->save_source != 0)
    save_now (self);
  g_hash_table_remove_all (self->unsaved_texts);
}

void
upp_report_page_set_session (UppReportPage *self,
                             UppSession    *session)
{
  g_return_if_fail (UPP_IS_REPORT_PAGE (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;
  save_before_leaving (self);
  g_set_object (&self->session, session);
  show_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

UppSession *
upp_report_page_get_session (UppReportPage *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_PAGE (self), NULL);

  return self->session;
}

void
upp_report_page_set_round (UppReportPage *self,
                           UppRound      *round)
{
  g_return_if_fail (UPP_IS_REPORT_PAGE (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;
  save_before_leaving (self);
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_func (self->round, on_round_changed_cb, self);
  g_set_object (&self->round, round);
  /* Title and year are on the report's first page; its units come with the responses. */
  if (round != NULL)
    {
      g_signal_connect_object (round, "notify::title", G_CALLBACK (on_round_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (round, "notify::year", G_CALLBACK (on_round_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  show_round (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

UppRound *
upp_report_page_get_round (UppReportPage *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_PAGE (self), NULL);

  return self->round;
}

guint
upp_report_page_get_n_pages (UppReportPage *self)
{
  g_return_val_if_fail (UPP_IS_REPORT_PAGE (self), 0);

  return self->n_pages;
}

GtkWidget *
upp_report_page_new (void)
{
  return g_object_new (UPP_TYPE_REPORT_PAGE, NULL);
}

static void
upp_report_page_map (GtkWidget *widget)
{
  UppReportPage *self = UPP_REPORT_PAGE (widget);

  GTK_WIDGET_CLASS (upp_report_page_parent_class)->map (widget);
  if (self->preview_stale)
    start_preview (self);
}

static void
upp_report_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  UppReportPage *self = UPP_REPORT_PAGE (object);

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
upp_report_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  UppReportPage *self = UPP_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_report_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_report_page_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_report_page_dispose (GObject *object)
{
  UppReportPage *self = UPP_REPORT_PAGE (object);

  self->disposed = TRUE;
  if (self->save_source != 0)
    save_now (self);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->preview_cancellable != NULL)
    g_cancellable_cancel (self->preview_cancellable);
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_pointer (&self->preview_pages, g_ptr_array_unref);
  g_clear_object (&self->print_report);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_progress);
  g_clear_object (&self->responses);
  g_clear_object (&self->round);
  g_clear_object (&self->session);

  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (upp_report_page_parent_class)->dispose (object);
}

static void
upp_report_page_finalize (GObject *object)
{
  UppReportPage *self = UPP_REPORT_PAGE (object);

  g_clear_pointer (&self->unsaved_texts, g_hash_table_unref);
  g_clear_pointer (&self->export_path, g_free);
  g_clear_pointer (&self->compare_choices, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_report_page_parent_class)->finalize (object);
}

static void
upp_report_page_class_init (UppReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = upp_report_page_get_property;
  object_class->set_property = upp_report_page_set_property;
  object_class->dispose = upp_report_page_dispose;
  object_class->finalize = upp_report_page_finalize;
  widget_class->map = upp_report_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, analysis_box);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, appendix_switch);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, author_row);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, background_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, compare_labels);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, compare_row);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, delimitation_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, follow_up_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, group_switch);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, issn_row);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, method_plan_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, preview_area);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, recommendations_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, references_view);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, series_row);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, UppReportPage, summary_view);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);
}

static void
upp_report_page_init (UppReportPage *self)
{
  g_type_ensure (ADW_TYPE_ENTRY_ROW);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->unsaved_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < N_TEXTS; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view (self, i));

      g_object_set_data (G_OBJECT (buffer), "upp-text-key", (gpointer) text_keys[i]);
      g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed_cb), self);
    }
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_object_set_data (G_OBJECT (entry_row (self, i)), "upp-text-key",
                         (gpointer) entry_keys[i]);
      g_signal_connect (entry_row (self, i), "changed", G_CALLBACK (on_entry_changed_cb), self);
    }
  for (guint i = 0; i < N_SETTINGS; i++)
    {
      g_object_set_data (G_OBJECT (setting_switch (self, i)), "upp-text-key",
                         (gpointer) setting_keys[i]);
      g_signal_connect (setting_switch (self, i), "notify::active",
                        G_CALLBACK (on_switch_active_cb), self);
    }
  self->compare_choices = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (self->compare_row, "notify::selected",
                            G_CALLBACK (on_compare_selected_cb), self);

  gtk_drawing_area_set_content_width (self->preview_area,
                                      (int) (PREVIEW_WIDTH + 2 * PREVIEW_GAP));
  gtk_drawing_area_set_draw_func (self->preview_area, draw_preview, self, NULL);
  update_sensitivity (self);
}

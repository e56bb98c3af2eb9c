/* upp-csv-import-dialog.c: import a units-by-questions CSV table after checking its columns
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-csv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "export/upp-export.h"
#include "import/import-csv.h"
#include "upp-csv-import-dialog.h"
#include "upp-question.h"
#include "upp-region.h"
#include "upp-session.h"
#include "upp-store.h"
#include "upp-template.h"

/* Sample cells shown under each column's header. */
#define N_SAMPLES 3

struct _UppCsvImportDialog
{
  AdwWindow            parent_instance;

  UppSession          *session;
  GPtrArray           *templates;     /* UppTemplate */
  GPtrArray           *regions;       /* UppRegion */
  UppImportCsvTable   *table;
  UppImportCsvMapping *mapping;
  GFile               *file;
  /* What each entry of the column combo rows means. */
  GArray              *option_roles;  /* UppImportCsvColumnRole */
  GPtrArray           *option_keys;   /* char *, NULL for leave out and unit */
  GPtrArray           *column_rows;   /* AdwComboRow per column */
  gboolean             importing;

  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkListBox          *warnings_list;
  GtkSpinButton       *year_spin;
  GtkStack            *stack;
  AdwActionRow        *file_row;
  AdwComboRow         *region_row;
  AdwComboRow         *template_row;
  AdwPreferencesGroup *columns_group;
  AdwStatusPage       *done_page;
  GtkLabel            *error_label;
  GtkLabel            *units_label;
};

G_DEFINE_FINAL_TYPE (UppCsvImportDialog, upp_csv_import_dialog, ADW_TYPE_WINDOW)

enum { IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
show_error (UppCsvImportDialog *self,
            const char         *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static UppTemplate *
selected_template (UppCsvImportDialog *self)
{
  guint position = adw_combo_row_get_selected (self->template_row);

  if (self->templates == NULL || position >= self->templates->len)
    return NULL;
  return g_ptr_array_index (self->templates, position);
}

static void
update_import_sensitive (UppCsvImportDialog *self)
{
  gboolean ready = self->table != NULL && self->mapping != NULL && !self->importing &&
                   upp_import_csv_mapping_validate (self->mapping, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", ready);
}

/* Column mapping ------------------------------------------------------------------------- */

static void
build_options (UppCsvImportDialog *self,
               GtkStringList      *labels)
{
  UppTemplate *template = selected_template (self);
  UppImportCsvColumnRole role;

  g_array_set_size (self->option_roles, 0);
  g_ptr_array_set_size (self->option_keys, 0);

  gtk_string_list_append (labels, _("Leave out"));
  role = UPP_IMPORT_CSV_COLUMN_IGNORE;
  g_array_append_val (self->option_roles, role);
  g_ptr_array_add (self->option_keys, NULL);

  gtk_string_list_append (labels, _("Unit name"));
  role = UPP_IMPORT_CSV_COLUMN_UNIT;
  g_array_append_val (self->option_roles, role);
  g_ptr_array_add (self->option_keys, NULL);

  gtk_string_list_append (labels, _("Status"));
  role = UPP_IMPORT_CSV_COLUMN_STATUS;
  g_array_append_val (self->option_roles, role);
  g_ptr_array_add (self->option_keys, NULL);

  gtk_string_list_append (labels, _("Interview date"));
  role = UPP_IMPORT_CSV_COLUMN_INTERVIEW_DATE;
  g_array_append_val (self->option_roles, role);
  g_ptr_array_add (self->option_keys, NULL);

  gtk_string_list_append (labels, _("Mode"));
  role = UPP_IMPORT_CSV_COLUMN_MODE;
  g_array_append_val (self->option_roles, role);
  g_ptr_array_add (self->option_keys, NULL);

  for (guint q = 0; template != NULL && q < upp_template_get_n_questions (template); q++)
    {
      UppQuestion *question = upp_template_get_question (template, q);
      g_autofree char *title = upp_export_dup_question_title (question);

      gtk_string_list_append (labels, title);
      role = UPP_IMPORT_CSV_COLUMN_ANSWER;
      g_array_append_val (self->option_roles, role);
      g_ptr_array_add (self->option_keys, g_strdup (upp_question_get_key (question)));

      if (upp_question_is_coded (question))
        {
          g_autofree char *header = upp_export_dup_choice_header (title);

          gtk_string_list_append (labels, header);
          role = UPP_IMPORT_CSV_COLUMN_CHOICES;
          g_array_append_val (self->option_roles, role);
          g_ptr_array_add (self->option_keys, g_strdup (upp_question_get_key (question)));
        }
    }
}

static guint
option_of (UppCsvImportDialog *self,
           UppImportCsvColumn *column)
{
  for (guint i = 0; i < self->option_roles->len; i++)
    if (g_array_index (self->option_roles, UppImportCsvColumnRole, i) == column->role &&
        g_strcmp0 (g_ptr_array_index (self->option_keys, i), column->question_key) == 0)
      return i;
  return 0;
}

static void
update_units_label (UppCsvImportDialog *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int unit_col = -1;
  guint n = 0;

  for (guint c = 0; self->mapping != NULL && c < self->mapping->columns->len; c++)
    if (g_array_index (self->mapping->columns, UppImportCsvColumn, c).role ==
        UPP_IMPORT_CSV_COLUMN_UNIT)
      unit_col = c;

  if (self->table == NULL || unit_col < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->units_label), FALSE);
      return;
    }

  for (guint r = 0; r < self->table->rows->len; r++)
    {
      const char *name = upp_import_csv_table_get (self->table, r, unit_col);

      if (*name == '\0')
        continue;
      if (n < 8)
        g_string_append_printf (text, "%s%s", n > 0 ? ", " : "", name);
      n++;
    }
  if (n > 8)
    g_string_append (text, ", …");

  {
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u unit will be imported: %s",
                                                           "%u units will be imported: %s", n),
                                              n, text->str);
    gtk_label_set_text (self->units_label, label);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->units_label), TRUE);
}

static void
on_column_selected_cb (AdwComboRow        *row,
                       GParamSpec         *pspec,
                       UppCsvImportDialog *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint option = adw_combo_row_get_selected (row);

  if (self->mapping == NULL || option >= self->option_roles->len)
    return;

  upp_import_csv_mapping_set (self->mapping, column,
                              g_array_index (self->option_roles, UppImportCsvColumnRole, option),
                              g_ptr_array_index (self->option_keys, option));
  update_units_label (self);
  update_import_sensitive (self);
}

static char *
column_samples (UppImportCsvTable *table,
                guint              column)
{
  g_autoptr(GString) samples = g_string_new (NULL);

  for (guint r = 0, n = 0; r < table->rows->len && n < N_SAMPLES; r++)
    {
      g_autofree char *cell = g_strdup (upp_import_csv_table_get (table, r, column));

      if (*g_strstrip (cell) == '\0')
        continue;
      g_strdelimit (cell, "\r\n", ' ');
      if (g_utf8_strlen (cell, -1) > 40)
        {
          char *end = g_utf8_offset_to_pointer (cell, 40);

          *end = '\0';
          g_string_append_printf (samples, "%s%s…", n > 0 ? " · " : "", cell);
        }
      else
        g_string_append_printf (samples, "%s%s", n > 0 ? " · " : "", cell);
      n++;
    }
  return g_string_free (g_steal_pointer (&samples), FALSE);
}

static void
rebuild_columns (UppCsvImportDialog *self)
{
  UppTemplate *template = selected_template (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group,
                                  g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);
  g_clear_pointer (&self->mapping, upp_import_csv_mapping_free);

  if (self->table == NULL || template == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
      update_units_label (self);
      update_import_sensitive (self);
      return;
    }

  self->mapping = upp_import_csv_mapping_guess (self->table, template);
  build_options (self, labels);

  for (guint c = 0; c < self->table->header->len; c++)
    {
      const char *header = g_ptr_array_index (self->table->header, c);
      g_autofree char *samples = column_samples (self->table, c);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_combo_row_new ();

      /* Headers and cells are data from the file, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      title = *header != '\0' ? g_strdup (header) : g_strdup_printf (_("Column %u"), c + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                  option_of (self, &g_array_index (self->mapping->columns,
                                                                   UppImportCsvColumn, c)));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_column_selected_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
  update_units_label (self);
  update_import_sensitive (self);
}

static void
on_template_selected_cb (UppCsvImportDialog *self)
{
  rebuild_columns (self);
}

/* File ------------------------------------------------------------------------------------ */

void
upp_csv_import_dialog_load_file (UppCsvImportDialog *self,
                                 GFile              *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(UppRegion) region = NULL;
  g_autofree char *name = g_file_get_basename (file);

  g_return_if_fail (UPP_IS_CSV_IMPORT_DIALOG (self));

  g_clear_pointer (&self->table, upp_import_csv_table_free);
  g_set_object (&self->file, file);
  self->table = upp_import_csv_table_read (file, &error);
  show_error (self, error != NULL ? error->message : NULL);

  if (self->table != NULL)
    {
      /* TRANSLATORS: file name, then what was detected, e.g. "table.csv · UTF-8, ;" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s, separated by “%c”"), name,
                                                   self->table->encoding,
                                                   self->table->separator == '\t'
                                                   ? ' ' : self->table->separator);
      adw_action_row_set_subtitle (self->file_row, subtitle);

      /* The table's own region ("Region Dalarna" top left) is preselected. */
      region = upp_import_csv_table_find_region (self->table, upp_session_get_store (self->session));
      for (guint i = 0; region != NULL && i < self->regions->len; i++)
        if (g_strcmp0 (upp_region_get_code (g_ptr_array_index (self->regions, i)),
                       upp_region_get_code (region)) == 0)
          adw_combo_row_set_selected (self->region_row, i + 1);
    }
  else
    adw_action_row_set_subtitle (self->file_row, _("No file chosen"));

  rebuild_columns (self);
}

static void
on_file_chosen_cb (GtkNativeDialog    *chooser,
                   int                 response,
                   UppCsvImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        upp_csv_import_dialog_load_file (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppCsvImportDialog *self = UPP_CSV_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a CSV Table"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import ---------------------------------------------------------------------------------- */

static void
show_summary (UppCsvImportDialog *self,
              UppImportResult    *result)
{
  g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit",
                                                         "%u units", result->n_units),
                                            result->n_units);
  g_autofree char *answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer",
                                                           "%u answers", result->n_answers),
                                              result->n_answers);
  /* TRANSLATORS: "11 units and 52 answers were imported into a new round." */
  g_autofree char *imported = g_strdup_printf (_("%s and %s were imported into a new round."),
                                               units, answers);
  g_autofree char *answered = upp_import_result_dup_answered_summary (result);
  g_autofree char *description = NULL;

  /* The overview's counts: a unit whose row said it did not answer is seen to be taken so. */
  description = g_markup_printf_escaped ("%s\n%s", imported, answered);
  adw_status_page_set_description (self->done_page, description);

  for (guint i = 0; i < result->warnings->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     g_ptr_array_index (result->warnings, i));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_list_box_append (self->warnings_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_list), result->warnings->len > 0);

  gtk_stack_set_visible_child_name (self->stack, "done");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.import", FALSE);
}

static void
import_done_cb (GObject      *source_object,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(UppCsvImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(UppImportResult) result = NULL;

  result = upp_session_import_csv_finish (UPP_SESSION (source_object), res, &error);
  self->importing = FALSE;
  /* Closed while the import ran: the round is there all the same. */
  if (self->stack == NULL)
    {
      if (result != NULL)
        g_signal_emit (self, signals[IMPORTED], 0, result->round_uuid);
      return;
    }
  gtk_widget_set_sensitive (gtk_stack_get_child_by_name (self->stack, "setup"), TRUE);

  if (result == NULL)
    {
      show_error (self, error->message);
      update_import_sensitive (self);
      return;
    }

  show_summary (self, result);
  g_signal_emit (self, signals[IMPORTED], 0, result->round_uuid);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppCsvImportDialog *self = UPP_CSV_IMPORT_DIALOG (widget);
  UppTemplate *template = selected_template (self);
  guint region_position = adw_combo_row_get_selected (self->region_row);
  g_autoptr(GError) error = NULL;
  const char *region_code = NULL;

  if (self->importing || self->table == NULL || template == NULL)
    return;
  if (!upp_import_csv_mapping_validate (self->mapping, &error))
    {
      show_error (self, error->message);
      return;
    }

  if (region_position > 0 && region_position <= self->regions->len)
    region_code = upp_region_get_code (g_ptr_array_index (self->regions, region_position - 1));

  show_error (self, NULL);
  self->importing = TRUE;
  gtk_widget_set_sensitive (gtk_stack_get_child_by_name (self->stack, "setup"), FALSE);
  update_import_sensitive (self);

  /* The session's worker only reads the table and mapping, which stay as they are while the
   * dialog waits (its reference keeps them). */
  upp_session_import_csv_async (self->session, self->table, self->mapping,
                                upp_template_get_key (template),
                                upp_template_get_version (template),
                                gtk_spin_button_get_value_as_int (self->year_spin), region_code,
                                NULL, import_done_cb, g_object_ref (self));
}

/* Class ----------------------------------------------------------------------------------- */

static void
upp_csv_import_dialog_dispose (GObject *object)
{
  UppCsvImportDialog *self = UPP_CSV_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_CSV_IMPORT_DIALOG);

  G_OBJECT_CLASS (upp_csv_import_dialog_parent_class)->dispose (object);
}

static void
upp_csv_import_dialog_finalize (GObject *object)
{
  UppCsvImportDialog *self = UPP_CSV_IMPORT_DIALOG (object);

  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  g_clear_pointer (&self->regions, g_ptr_array_unref);
  g_clear_pointer (&self->table, upp_import_csv_table_free);
  g_clear_pointer (&self->mapping, upp_import_csv_mapping_free);
  g_clear_pointer (&self->option_roles, g_array_unref);
  g_clear_pointer (&self->option_keys, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (upp_csv_import_dialog_parent_class)->finalize (object);
}

static void
upp_csv_import_dialog_class_init (UppCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_csv_import_dialog_dispose;
  object_class->finalize = upp_csv_import_dialog_finalize;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/uppfoljning/Uppfoljning/upp-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, units_label);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, UppCsvImportDialog, year_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_template_selected_cb);

  gtk_widget_class_install_action (widget_class, "dialog.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "dialog.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
upp_csv_import_dialog_init (UppCsvImportDialog *self)
{
  self->option_roles = g_array_new (FALSE, FALSE, sizeof (UppImportCsvColumnRole));
  self->option_keys = g_ptr_array_new_with_free_func (g_free);
  self->column_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill_choices (UppCsvImportDialog *self)
{
  g_autoptr(GtkStringList) templates = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) regions = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  self->templates = upp_store_list_templates (upp_session_get_store (self->session), &error);
  if (self->templates == NULL)
    {
      show_error (self, error->message);
      self->templates = g_ptr_array_new_with_free_func (g_object_unref);
      g_clear_error (&error);
    }
  for (guint i = 0; i < self->templates->len; i++)
    {
      UppTemplate *template = g_ptr_array_index (self->templates, i);
      g_autofree char *label = g_strdup_printf ("%s (%s %d)", upp_template_get_title (template),
                                                upp_template_get_key (template),
                                                upp_template_get_version (template));
      gtk_string_list_append (templates, label);
    }

  self->regions = upp_store_list_regions (upp_session_get_store (self->session), &error);
  if (self->regions == NULL)
    {
      show_error (self, error->message);
      self->regions = g_ptr_array_new_with_free_func (g_object_unref);
    }
  gtk_string_list_append (regions, _("As named in the table"));
  for (guint i = 0; i < self->regions->len; i++)
    gtk_string_list_append (regions, upp_region_get_name (g_ptr_array_index (self->regions, i)));

  g_signal_handlers_block_by_func (self->template_row, on_template_selected_cb, self);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (templates));
  for (guint i = 0; i < self->templates->len; i++)
    if (g_strcmp0 (upp_template_get_key (g_ptr_array_index (self->templates, i)), "lok") == 0)
      adw_combo_row_set_selected (self->template_row, i);
  g_signal_handlers_unblock_by_func (self->template_row, on_template_selected_cb, self);

  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (regions));
  adw_combo_row_set_selected (self->region_row, 0);

  /* Last year's follow-up is the usual table to bring in. */
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now) - 1);
}

UppCsvImportDialog *
upp_csv_import_dialog_new (GtkWindow  *parent,
                           UppSession *session)
{
  UppCsvImportDialog *self;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (upp_session_get_store (session) != NULL, NULL);

  self = g_object_new (UPP_TYPE_CSV_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  fill_choices (self);
  update_import_sensitive (self);
  return self;
}

/* upp-interview-row.c: one further interview of a unit, edited in the interview form
 *
 * The row edits its interview in place as it is typed and says so ("changed"); the form
 * saves it with the unit's other details. Collapsed, it reads as a line of the list:
 * "Interview on 2026-04-02", "Video · 40 min · 2 participants".
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-interview-row"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-date-row.h"
#include "upp-enums.h"
#include "upp-interview-row.h"
#include "upp-interview.h"
#include "upp-privacy-marks.h"

struct _UppInterviewRow
{
  AdwExpanderRow  parent_instance;

  UppInterview   *interview;
  gboolean        loading;

  /* Template widgets */
  GtkSpinButton  *count_spin;
  UppDateRow     *date_row;
  GtkSpinButton  *duration_spin;
  AdwComboRow    *mode_row;
  AdwEntryRow    *note_row;
  AdwEntryRow    *roles_row;
};

G_DEFINE_FINAL_TYPE (UppInterviewRow, upp_interview_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_summary (UppInterviewRow *self)
{
  const char *date = upp_interview_get_date (self->interview);
  UppInterviewMode mode = upp_interview_get_mode (self->interview);
  int minutes = upp_interview_get_duration_minutes (self->interview);
  int count = upp_interview_get_participant_count (self->interview);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  if (!upp_date_row_is_valid (self->date_row))
    title = g_strdup (_("Write the date as year-month-day, e.g. 2026-03-14"));
  else if (*date != '\0')
    /* Translators: a further interview with a unit, by its date. */
    title = g_strdup_printf (_("Interview on %s"), date);
  else
    title = g_strdup (_("Interview without a date"));

  if (mode != UPP_INTERVIEW_MODE_NONE)
    g_ptr_array_add (parts, g_strdup (upp_interview_mode_get_label (mode)));
  if (minutes > 0)
    /* Translators: an interview's length in minutes. */
    g_ptr_array_add (parts, g_strdup_printf (_("%d min"), minutes));
  if (count > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d participant", "%d participants",
                                                       count), count));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_field_changed_cb (UppInterviewRow *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));

  if (self->loading)
    return;

  /* A half-typed date waits until it is a date, as the first interview's does. */
  if (upp_date_row_is_valid (self->date_row))
    upp_interview_set_date (self->interview, date);
  upp_interview_set_mode (self->interview, adw_combo_row_get_selected (self->mode_row));
  upp_interview_set_duration_minutes (self->interview,
                                      gtk_spin_button_get_value_as_int (self->duration_spin));
  upp_interview_set_participant_count (self->interview,
                                       gtk_spin_button_get_value_as_int (self->count_spin));
  upp_interview_set_participant_roles (self->interview,
                                       gtk_editable_get_text (GTK_EDITABLE (self->roles_row)));
  upp_interview_set_note (self->interview, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  update_summary (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked_cb (UppInterviewRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
show_interview (UppInterviewRow *self)
{
  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), upp_interview_get_date (self->interview));
  adw_combo_row_set_selected (self->mode_row, upp_interview_get_mode (self->interview));
  gtk_spin_button_set_value (self->duration_spin,
                             upp_interview_get_duration_minutes (self->interview));
  gtk_spin_button_set_value (self->count_spin,
                             upp_interview_get_participant_count (self->interview));
  gtk_editable_set_text (GTK_EDITABLE (self->roles_row),
                         upp_interview_get_participant_roles (self->interview));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), upp_interview_get_note (self->interview));
  self->loading = FALSE;
  update_summary (self);
}

GtkWidget *
upp_interview_row_new (UppInterview *interview)
{
  UppInterviewRow *self;

  g_return_val_if_fail (UPP_IS_INTERVIEW (interview), NULL);

  self = g_object_new (UPP_TYPE_INTERVIEW_ROW, NULL);
  self->interview = g_object_ref (interview);
  show_interview (self);
  return GTK_WIDGET (self);
}

UppInterview *
upp_interview_row_get_interview (UppInterviewRow *self)
{
  g_return_val_if_fail (UPP_IS_INTERVIEW_ROW (self), NULL);

  return self->interview;
}

void
upp_interview_row_update (UppInterviewRow *self,
                          UppInterview    *interview)
{
  UppInterview *mine;

  g_return_if_fail (UPP_IS_INTERVIEW_ROW (self));
  g_return_if_fail (UPP_IS_INTERVIEW (interview));

  /* The row keeps its own object, which the form's saves change; the model's stays as read. */
  mine = self->interview;
  upp_interview_set_id (mine, upp_interview_get_id (interview));
  upp_interview_set_date (mine, upp_interview_get_date (interview));
  upp_interview_set_mode (mine, upp_interview_get_mode (interview));
  upp_interview_set_duration_minutes (mine, upp_interview_get_duration_minutes (interview));
  upp_interview_set_participant_count (mine, upp_interview_get_participant_count (interview));
  upp_interview_set_participant_roles (mine, upp_interview_get_participant_roles (interview));
  upp_interview_set_note (mine, upp_interview_get_note (interview));
  upp_interview_set_modified (mine, upp_interview_get_modified (interview));
  show_interview (self);
}

void
upp_interview_row_focus (UppInterviewRow *self)
{
  g_return_if_fail (UPP_IS_INTERVIEW_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
}

void
upp_interview_row_select_note (UppInterviewRow *self,
                               int              start,
                               int              end)
{
  g_return_if_fail (UPP_IS_INTERVIEW_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_row));
  gtk_editable_select_region (GTK_EDITABLE (self->note_row), start, end);
}

static void
upp_interview_row_dispose (GObject *object)
{
  UppInterviewRow *self = UPP_INTERVIEW_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_INTERVIEW_ROW);
  g_clear_object (&self->interview);

  G_OBJECT_CLASS (upp_interview_row_parent_class)->dispose (object);
}

static void
upp_interview_row_class_init (UppInterviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_interview_row_dispose;

  /* Something was typed or chosen; the interview holds it. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* The remove button was pressed; the form takes it out. */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (UPP_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-interview-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, count_spin);
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, date_row);
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, mode_row);
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, note_row);
  gtk_widget_class_bind_template_child (widget_class, UppInterviewRow, roles_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
}

static void
upp_interview_row_init (UppInterviewRow *self)
{
  g_autoptr(GtkStringList) modes = gtk_string_list_new (NULL);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Notes are typed while people talk, as answers are: personal data is marked the same. */
  upp_privacy_marks_attach (GTK_WIDGET (self->note_row), NULL);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);

  for (int i = 0; i < UPP_N_INTERVIEW_MODES; i++)
    gtk_string_list_append (modes, upp_interview_mode_get_label (i));
  adw_combo_row_set_model (self->mode_row, G_LIST_MODEL (modes));
  self->loading = FALSE;
}

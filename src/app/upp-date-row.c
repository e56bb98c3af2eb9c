/* upp-date-row.c: an entry row for a date written YYYY-MM-DD, with a calendar to pick it
 *
 * Every date of the form and of the agreements register is typed or picked the same way,
 * checked by the rule the store applies (upp_is_iso_date ()): a date half typed is not
 * valid, so that nothing half-typed is saved, but it is marked as an error only once the row
 * is left or the text can no longer become a date: typing is not interrupted by red.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-date-row"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-date-row.h"
#include "upp-util.h"

struct _UppDateRow
{
  AdwEntryRow  parent_instance;

  GtkCalendar *calendar;
  GtkPopover  *popover;

  gboolean     left;  /* the row was left since the date was last valid */
};

G_DEFINE_FINAL_TYPE (UppDateRow, upp_date_row, ADW_TYPE_ENTRY_ROW)

gboolean
upp_date_row_is_valid (UppDateRow *self)
{
  const char *text;

  g_return_val_if_fail (UPP_IS_DATE_ROW (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self));
  return *text == '\0' || upp_is_iso_date (text);
}

static void
update_error (UppDateRow *self)
{
  gboolean valid = upp_date_row_is_valid (self);

  if (valid)
    self->left = FALSE;

  if (valid ||
      (!self->left && upp_is_iso_date_prefix (gtk_editable_get_text (GTK_EDITABLE (self)))))
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
}

static void
on_changed_cb (UppDateRow *self)
{
  update_error (self);
}

static void
on_focus_leave_cb (UppDateRow *self)
{
  self->left = TRUE;
  update_error (self);
}

static void
on_day_selected_cb (UppDateRow *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");

  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_popover_popdown (self->popover);
}

/* The calendar opens on the date typed, when there is one. */
static void
on_popover_show_cb (UppDateRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *iso = NULL;

  if (!upp_is_iso_date (text))
    return;
  iso = g_strconcat (text, "T00:00:00", NULL);
  date = g_date_time_new_from_iso8601 (iso, local);
  if (date == NULL)
    return;
  g_signal_handlers_block_by_func (self->calendar, on_day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, date);
  g_signal_handlers_unblock_by_func (self->calendar, on_day_selected_cb, self);
}

static void
upp_date_row_class_init (UppDateRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-date-row.ui");
  gtk_widget_class_bind_template_child (widget_class, UppDateRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, UppDateRow, popover);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
}

static void
upp_date_row_init (UppDateRow *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
upp_date_row_new (void)
{
  return g_object_new (UPP_TYPE_DATE_ROW, NULL);
}

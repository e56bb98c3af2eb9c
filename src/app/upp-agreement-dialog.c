/* upp-agreement-dialog.c: one agreement of a unit's register, added or edited
 *
 * An agreement belongs to the unit, not to the round the form shows, so what is saved here is
 * in every round of the unit. Save writes it at once on the session's connection; what the
 * store refuses (a date that is not one, a period that ends before it begins) stays in the
 * dialog with the store's own words, and nothing is written. Esc and the close button ask
 * before edits are thrown away.
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-agreement-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-agreement-dialog.h"
#include "upp-agreement.h"
#include "upp-date-row.h"
#include "upp-store.h"
#include "upp-unit.h"

struct _UppAgreementDialog
{
  AdwWindow       parent_instance;

  UppSession     *session;
  UppUnit        *unit;
  UppAgreement   *agreement;  /* the one edited, NULL for a new one */
  char           *shown;      /* the fields as first shown, to tell an edit */

  /* Template widgets */
  GtkLabel       *error_label;
  UppDateRow     *from_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *note_row;
  UppDateRow     *signed_row;
  AdwComboRow    *status_row;
  UppDateRow     *to_row;
  AdwWindowTitle *window_title;
};

G_DEFINE_FINAL_TYPE (UppAgreementDialog, upp_agreement_dialog, ADW_TYPE_WINDOW)

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
dup_fields (UppAgreementDialog *self)
{
  return g_strdup_printf ("%s\n%u\n%u\n%s\n%s\n%s\n%s", text_of (self->name_row),
                          adw_combo_row_get_selected (self->kind_row),
                          adw_combo_row_get_selected (self->status_row),
                          text_of (ADW_ENTRY_ROW (self->signed_row)),
                          text_of (ADW_ENTRY_ROW (self->from_row)),
                          text_of (ADW_ENTRY_ROW (self->to_row)), text_of (self->note_row));
}

static gboolean
has_unsaved_edits (UppAgreementDialog *self)
{
  g_autofree char *now = dup_fields (self);

  return g_strcmp0 (now, self->shown) != 0;
}

static void
on_field_changed_cb (UppAgreementDialog *self)
{
  /* The reason given was about what the fields held then. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  UppAgreementDialog *self = UPP_AGREEMENT_DIALOG (widget);
  UppStore *store = upp_session_get_store (self->session);
  g_autoptr(UppAgreement) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (text_of (self->name_row)));

  /* A copy: the list's agreement stays as stored until the store has taken the change. */
  edited = upp_agreement_new (name, adw_combo_row_get_selected (self->kind_row));
  if (self->agreement != NULL)
    {
      upp_agreement_set_id (edited, upp_agreement_get_id (self->agreement));
      upp_agreement_set_uuid (edited, upp_agreement_get_uuid (self->agreement));
    }
  upp_agreement_set_status (edited, adw_combo_row_get_selected (self->status_row));
  upp_agreement_set_signed (edited, text_of (ADW_ENTRY_ROW (self->signed_row)));
  upp_agreement_set_valid_from (edited, text_of (ADW_ENTRY_ROW (self->from_row)));
  upp_agreement_set_valid_to (edited, text_of (ADW_ENTRY_ROW (self->to_row)));
  upp_agreement_set_note (edited, text_of (self->note_row));

  if (store == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                         _("The database is not open."));
  if (error != NULL || !upp_store_save_agreement (store, self->unit, edited, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  upp_session_note_changes (self->session, UPP_SESSION_CHANGED_ROUNDS);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        UppAgreementDialog *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  /* After the question has closed: it is transient for this window, and lets go of it as it
   * closes, after this handler. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

/* Closes, asking first when something was edited and not saved. */
static void
close_asking (UppAgreementDialog *self)
{
  AdwMessageDialog *dialog;
  const char *body;

  if (!has_unsaved_edits (self))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (self->agreement != NULL)
    body = _("The changes to the agreement are not saved.");
  else
    body = _("The new agreement is not added.");
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                                       body));
  adw_message_dialog_add_responses (dialog, "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  close_asking (UPP_AGREEMENT_DIALOG (widget));
}

static gboolean
upp_agreement_dialog_close_request (GtkWindow *window)
{
  UppAgreementDialog *self = UPP_AGREEMENT_DIALOG (window);

  if (!has_unsaved_edits (self))
    return GTK_WINDOW_CLASS (upp_agreement_dialog_parent_class)->close_request (window);
  close_asking (self);
  return TRUE;
}

static void
show_agreement (UppAgreementDialog *self)
{
  UppAgreement *agreement = self->agreement;

  adw_window_title_set_subtitle (self->window_title, upp_unit_get_name (self->unit));
  /* The window's title is what the window list and screen readers say, too. */
  if (agreement == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Agreement"));
      adw_combo_row_set_selected (self->kind_row, UPP_AGREEMENT_KIND_LOK);
      adw_combo_row_set_selected (self->status_row, UPP_AGREEMENT_STATUS_IN_FORCE);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Agreement"));
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), upp_agreement_get_name (agreement));
      adw_combo_row_set_selected (self->kind_row, upp_agreement_get_kind (agreement));
      adw_combo_row_set_selected (self->status_row, upp_agreement_get_status (agreement));
      gtk_editable_set_text (GTK_EDITABLE (self->signed_row),
                             upp_agreement_get_signed (agreement));
      gtk_editable_set_text (GTK_EDITABLE (self->from_row),
                             upp_agreement_get_valid_from (agreement));
      gtk_editable_set_text (GTK_EDITABLE (self->to_row), upp_agreement_get_valid_to (agreement));
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), upp_agreement_get_note (agreement));
    }
  g_free (self->shown);
  self->shown = dup_fields (self);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

GtkWidget *
upp_agreement_dialog_new (GtkWindow    *parent,
                          UppSession   *session,
                          UppUnit      *unit,
                          UppAgreement *agreement)
{
  UppAgreementDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (UPP_IS_UNIT (unit), NULL);
  g_return_val_if_fail (agreement == NULL || UPP_IS_AGREEMENT (agreement), NULL);

  self = g_object_new (UPP_TYPE_AGREEMENT_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->unit = g_object_ref (unit);
  self->agreement = agreement != NULL ? g_object_ref (agreement) : NULL;
  show_agreement (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return GTK_WIDGET (self);
}

static void
upp_agreement_dialog_dispose (GObject *object)
{
  UppAgreementDialog *self = UPP_AGREEMENT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_AGREEMENT_DIALOG);
  g_clear_object (&self->session);
  g_clear_object (&self->unit);
  g_clear_object (&self->agreement);
  g_clear_pointer (&self->shown, g_free);

  G_OBJECT_CLASS (upp_agreement_dialog_parent_class)->dispose (object);
}

static void
upp_agreement_dialog_class_init (UppAgreementDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = upp_agreement_dialog_dispose;
  window_class->close_request = upp_agreement_dialog_close_request;

  g_type_ensure (UPP_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/se/uppfoljning/Uppfoljning/upp-agreement-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, signed_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, UppAgreementDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "agreement.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "agreement.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "agreement.cancel",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "agreement.save", NULL);
}

static void
upp_agreement_dialog_init (UppAgreementDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (int i = 0; i < UPP_N_AGREEMENT_KINDS; i++)
    gtk_string_list_append (kinds, upp_agreement_kind_get_label (i));
  for (int i = 0; i < UPP_N_AGREEMENT_STATUSES; i++)
    gtk_string_list_append (statuses, upp_agreement_status_get_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
}

/* upp-exchange-export-dialog.c: choose which units of a round to send to a colleague
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-exchange-export-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "upp-exchange-actions.h"
#include "upp-exchange-export-dialog.h"
#include "upp-response.h"
#include "upp-round.h"
#include "upp-unit.h"

struct _UppExchangeExportDialog
{
  AdwWindow        parent_instance;

  UppSession      *session;
  UppRound        *round;
  /* The units as the dialog opened: what is ticked stays what was shown. */
  GListStore      *responses;       /* UppResponse, by unit name */
  GtkCustomFilter *filter;          /* the search */
  GtkFilterListModel *shown;        /* the responses the search finds */
  GHashTable      *answer_counts;   /* UppResponse* → answered questions */
  GHashTable      *ticked;          /* UppResponse* set */
  guint            ticked_answers;

  /* Template widgets */
  GtkSwitch       *encrypt_switch;
  GtkButton       *export_button;
  GtkLabel        *passphrase_hint;
  AdwEntryRow     *passphrase_row;
  AdwEntryRow     *repeat_row;
  GtkLabel        *summary_label;
  GtkSearchEntry  *search_entry;
  GtkListBox      *units_list;
  AdwWindowTitle  *window_title;

  char            *search_key;      /* casefolded search text; NULL shows every unit */
};

G_DEFINE_FINAL_TYPE (UppExchangeExportDialog, upp_exchange_export_dialog, ADW_TYPE_WINDOW)

static guint
get_answer_count (UppExchangeExportDialog *self,
                  UppResponse             *response)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->answer_counts, response));
}

/* What names are compared by: case and composition do not matter ("Säter", "säter"). */
static char *
dup_search_key (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : g_strdup ("");
}

/* Long enough to resist guessing: ten characters, or four words. */
static gboolean
is_strong_passphrase (const char *passphrase)
{
  g_auto(GStrv) words = g_strsplit_set (passphrase, " \t", -1);
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      n_words++;
  return g_utf8_strlen (passphrase, -1) >= 10 || n_words >= 4;
}

/* Whether an encrypted export may go on; the hint under the rows says why not. */
static gboolean
update_passphrase (UppExchangeExportDialog *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));
  const char *repeated = gtk_editable_get_text (GTK_EDITABLE (self->repeat_row));
  gboolean strong = is_strong_passphrase (passphrase);
  gboolean same = g_str_equal (passphrase, repeated);

  if (!gtk_switch_get_active (self->encrypt_switch))
    return TRUE;
  if (!strong)
    gtk_label_set_label (self->passphrase_hint,
                         _("Use at least 10 characters or four words."));
  else if (!same)
    gtk_label_set_label (self->passphrase_hint, _("The two passphrases differ."));
  else
    gtk_label_set_label (self->passphrase_hint,
                         _("Tell your colleague the passphrase another way than the file, "
                           "by phone for one. It is not stored."));
  return strong && same;
}

static void
update_summary (UppExchangeExportDialog *self)
{
  guint n_units = g_list_model_get_n_items (G_LIST_MODEL (self->responses));
  guint n_ticked = g_hash_table_size (self->ticked);
  g_autofree char *units = NULL;
  g_autofree char *answers = NULL;
  g_autofree char *summary = NULL;

  /* Translators: how many of the round's units are ticked, e.g. "3 of 11 units". */
  units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u unit", "%u of %u units",
                                        n_units), n_ticked, n_units);
  answers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                          self->ticked_answers), self->ticked_answers);
  /* Translators: the units ticked, then the answers that go with them: "3 of 11 units ·
   * 12 answers". */
  summary = g_strdup_printf (_("%s · %s"), units, answers);
  gtk_label_set_label (self->summary_label, summary);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.export",
                                 n_ticked > 0 && update_passphrase (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.select-all", n_ticked < n_units);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.select-none", n_ticked > 0);
}

static void
on_encrypt_changed_cb (UppExchangeExportDialog *self)
{
  update_summary (self);
  if (gtk_switch_get_active (self->encrypt_switch))
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
on_passphrase_changed_cb (UppExchangeExportDialog *self)
{
  update_summary (self);
}

static void
on_unit_toggled_cb (GtkCheckButton          *check,
                    UppExchangeExportDialog *self)
{
  UppResponse *response = g_object_get_data (G_OBJECT (check), "response");

  if (gtk_check_button_get_active (check))
    {
      if (g_hash_table_add (self->ticked, response))
        self->ticked_answers += get_answer_count (self, response);
    }
  else if (g_hash_table_remove (self->ticked, response))
    self->ticked_answers -= get_answer_count (self, response);
  update_summary (self);
}

static GtkWidget *
create_unit_row (gpointer item,
                 gpointer user_data)
{
  UppExchangeExportDialog *self = user_data;
  UppResponse *response = item;
  guint n_answers = get_answer_count (self, response);
  g_autofree char *subtitle = NULL;
  GtkWidget *row, *check;

  if (n_answers == 0)
    subtitle = g_strdup (_("No answers yet"));
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers",
                                             n_answers), n_answers);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), upp_response_get_unit_name (response));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  check = gtk_check_button_new ();
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (self->ticked, response));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  upp_response_get_unit_name (response), -1);
  g_object_set_data (G_OBJECT (check), "response", response);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_signal_connect (check, "toggled", G_CALLBACK (on_unit_toggled_cb), self);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  return row;
}

static gboolean
match_response (gpointer item,
                gpointer user_data)
{
  UppExchangeExportDialog *self = user_data;
  g_autofree char *key = NULL;

  if (self->search_key == NULL)
    return TRUE;
  key = dup_search_key (upp_response_get_unit_name (item));
  return strstr (key, self->search_key) != NULL;
}

static void
on_search_changed_cb (UppExchangeExportDialog *self,
                      GtkSearchEntry          *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search_key, g_free);
  if (*stripped != '\0')
    self->search_key = dup_search_key (stripped);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* Ticks or unticks the units shown: all of them, or those the search finds. */
static void
set_all_ticked (UppExchangeExportDialog *self,
                gboolean                 ticked)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->units_list, i)) != NULL; i++)
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");

      gtk_check_button_set_active (check, ticked);
    }
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_all_ticked (UPP_EXCHANGE_EXPORT_DIALOG (widget), TRUE);
}

static void
select_none_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  set_all_ticked (UPP_EXCHANGE_EXPORT_DIALOG (widget), FALSE);
}

/* The ticked units' uuids in the order shown, or NULL when all are ticked (the whole round). */
static GStrv
dup_ticked_unit_uuids (UppExchangeExportDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_units = g_list_model_get_n_items (G_LIST_MODEL (self->responses));

  if (g_hash_table_size (self->ticked) == n_units)
    return NULL;
  for (guint i = 0; i < n_units; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (G_LIST_MODEL (self->responses), i);

      if (g_hash_table_contains (self->ticked, response))
        g_strv_builder_add (builder, upp_unit_get_uuid (upp_response_get_unit (response)));
    }
  return g_strv_builder_end (builder);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppExchangeExportDialog *self = UPP_EXCHANGE_EXPORT_DIALOG (widget);
  g_auto(GStrv) unit_uuids = NULL;

  if (g_hash_table_size (self->ticked) == 0)
    return;
  if (!update_passphrase (self))
    return;
  unit_uuids = dup_ticked_unit_uuids (self);
  upp_exchange_actions_export_encrypted (gtk_window_get_transient_for (GTK_WINDOW (self)),
                                         self->session, upp_round_get_uuid (self->round),
                                         (const char * const *) unit_uuids, GTK_WINDOW (self),
                                         gtk_switch_get_active (self->encrypt_switch)
                                         ? gtk_editable_get_text
                                             (GTK_EDITABLE (self->passphrase_row))
                                         : NULL);
}

/* Units by name, as every unit list that is picked from. */
static int
compare_unit_names (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  return g_utf8_collate (upp_response_get_unit_name ((UppResponse *) a),
                         upp_response_get_unit_name ((UppResponse *) b));
}

static void
load (UppExchangeExportDialog *self)
{
  g_autoptr(GListModel) responses = upp_session_dup_responses (self->session, self->round);
  guint n_responses = g_list_model_get_n_items (responses);
  UppTemplate *template = upp_round_get_template (self->round);
  g_autofree char *subtitle = NULL;
  GtkWidget *placeholder;

  /* Translators: under "Send Answers": the round's year and region. */
  subtitle = g_strdup_printf (_("%d · %s"), upp_round_get_year (self->round),
                              upp_round_get_region_name (self->round));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  for (guint i = 0; i < n_responses; i++)
    {
      g_autoptr(UppResponse) response = g_list_model_get_item (responses, i);
      guint n_answers = template != NULL ? upp_response_count_answered (response, template) : 0;

      g_list_store_insert_sorted (self->responses, response, compare_unit_names, NULL);
      g_hash_table_insert (self->answer_counts, response, GUINT_TO_POINTER (n_answers));
      g_hash_table_add (self->ticked, response);
      self->ticked_answers += n_answers;
    }
  gtk_list_box_bind_model (self->units_list, G_LIST_MODEL (self->shown),
                           create_unit_row, self, NULL);
  placeholder = gtk_label_new (n_responses == 0 ? _("This round has no units yet.")
                                                  : _("No unit has that name"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->units_list, placeholder);
  update_summary (self);
}

static void
upp_exchange_export_dialog_map (GtkWidget *widget)
{
  UppExchangeExportDialog *self = UPP_EXCHANGE_EXPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (upp_exchange_export_dialog_parent_class)->map (widget);
  /* Return sends the ticked units; the window picks Cancel otherwise. */
  gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
}

static void
upp_exchange_export_dialog_dispose (GObject *object)
{
  UppExchangeExportDialog *self = UPP_EXCHANGE_EXPORT_DIALOG (object);

  if (self->units_list != NULL)
    gtk_list_box_bind_model (self->units_list, NULL, NULL, NULL, NULL);
  /* The passphrase is not kept past the dialog. */
  if (self->passphrase_row != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_EXCHANGE_EXPORT_DIALOG);

  g_clear_object (&self->session);
  g_clear_object (&self->round);
  g_clear_pointer (&self->ticked, g_hash_table_unref);
  g_clear_pointer (&self->answer_counts, g_hash_table_unref);
  g_clear_object (&self->shown);
  g_clear_object (&self->filter);
  g_clear_object (&self->responses);
  g_clear_pointer (&self->search_key, g_free);

  G_OBJECT_CLASS (upp_exchange_export_dialog_parent_class)->dispose (object);
}

static void
upp_exchange_export_dialog_class_init (UppExchangeExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_exchange_export_dialog_dispose;
  widget_class->map = upp_exchange_export_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/"
                                               "upp-exchange-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, encrypt_switch);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog,
                                        passphrase_hint);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, units_list);
  gtk_widget_class_bind_template_child (widget_class, UppExchangeExportDialog, window_title);

  gtk_widget_class_bind_template_callback (widget_class, on_encrypt_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "dialog.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "dialog.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "dialog.select-none", NULL,
                                   select_none_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
upp_exchange_export_dialog_init (UppExchangeExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->responses = g_list_store_new (UPP_TYPE_RESPONSE);
  self->filter = gtk_custom_filter_new (match_response, self, NULL);
  self->shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->responses)),
                                           g_object_ref (GTK_FILTER (self->filter)));
  self->answer_counts = g_hash_table_new (NULL, NULL);
  self->ticked = g_hash_table_new (NULL, NULL);
}

UppExchangeExportDialog *
upp_exchange_export_dialog_new (GtkWindow  *parent,
                                UppSession *session,
                                UppRound   *round)
{
  UppExchangeExportDialog *self;

  g_return_val_if_fail (UPP_IS_SESSION (session), NULL);
  g_return_val_if_fail (UPP_IS_ROUND (round), NULL);

  /* A window subclass is a generic widget to screen readers (and the tests) unless told. */
  self = g_object_new (UPP_TYPE_EXCHANGE_EXPORT_DIALOG,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG,
                       "transient-for", parent,
                       NULL);
  /* Never taller than the window it belongs to: small laptop screens show all of it. */
  if (parent != NULL && gtk_widget_get_height (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), 520,
                                 MIN (620, gtk_widget_get_height (GTK_WIDGET (parent)) - 24));
  self->session = g_object_ref (session);
  self->round = g_object_ref (round);
  load (self);

  return self;
}

/* upp-templates-page.c: the survey templates: list, view, create, edit, import, export
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-templates-page"

#include "config.h"

#include <glib/gi18n.h>

#include "upp-export-actions.h"
#include "upp-files.h"
#include "upp-round.h"
#include "upp-store.h"
#include "upp-template-editor.h"
#include "upp-template.h"
#include "upp-templates-page.h"
#include "upp-toast.h"
#include "upp-util.h"

struct _UppTemplatesPage
{
  GtkWidget        parent_instance;

  UppSession      *session;
  UppStore        *store;         /* the session's, while it has one */
  /* "key/version" → number of rounds that use it */
  GHashTable      *round_counts;

  /* Template widgets */
  GtkListBox      *templates_list;
};

G_DEFINE_FINAL_TYPE (UppTemplatesPage, upp_templates_page, GTK_TYPE_WIDGET)
G_DEFINE_QUARK (upp-templates-page-error-quark, upp_templates_page_error)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_usage_key (UppTemplate *template)
{
  return g_strdup_printf ("%s/%d", upp_template_get_key (template),
                          upp_template_get_version (template));
}

static void
show_toast (UppTemplatesPage *self,
            const char       *message)
{
  upp_toast_show (GTK_WIDGET (self), message);
}

static GListModel *
get_templates (UppTemplatesPage *self)
{
  return self->session != NULL ? upp_session_get_templates (self->session) : NULL;
}

static GtkWindow *
get_window (UppTemplatesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error_dialog (UppTemplatesPage *self,
                   const char       *heading,
                   const char       *body)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", C_("templates", "_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static UppTemplate *
find_template (UppTemplatesPage *self,
               const char       *uuid)
{
  GListModel *templates = get_templates (self);
  guint n = templates != NULL ? g_list_model_get_n_items (templates) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppTemplate) template = g_list_model_get_item (templates, i);

      if (g_strcmp0 (upp_template_get_uuid (template), uuid) == 0)
        return g_steal_pointer (&template);
    }
  return NULL;
}

/* After a commit here: the session reads the templates again at once, so the list shows
 * the change before the next line runs. */
static void
changed (UppTemplatesPage *self)
{
  upp_session_check_for_changes (self->session);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Rows */

static GMenuModel *
make_row_menu (UppTemplatesPage *self,
               UppTemplate      *template,
               gboolean          editable)
{
  GMenu *menu = g_menu_new ();
  GMenu *section = g_menu_new ();
  GVariant *target = g_variant_new_string (upp_template_get_uuid (template));
  struct {
    GMenu      *menu;
    const char *label;
    const char *action;
    gboolean    shown;
  } items[] = {
    { section, editable ? NC_("templates", "_Edit") : NC_("templates", "_View"), "templates.open", TRUE },
    { section, NC_("templates", "D_uplicate"), "templates.duplicate", TRUE },
    { section, NC_("templates", "New _Version"), "templates.new-version", !editable },
    { section, NC_("templates", "E_xport…"), "templates.export", TRUE },
    { NULL, NC_("templates", "_Delete"), "templates.delete", editable },
  };

  g_variant_ref_sink (target);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (!items[i].shown)
        continue;
      item = g_menu_item_new (g_dpgettext2 (NULL, "templates", items[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, items[i].action, target);
      if (items[i].menu != NULL)
        g_menu_append_item (items[i].menu, item);
      else
        {
          g_autoptr(GMenu) last = g_menu_new ();

          g_menu_append_item (last, item);
          g_menu_append_section (menu, NULL, G_MENU_MODEL (last));
        }
    }
  g_variant_unref (target);
  g_object_unref (section);
  return G_MENU_MODEL (menu);
}

static void
on_row_activated_cb (AdwActionRow     *row,
                     UppTemplatesPage *self)
{
  UppTemplate *template = g_object_get_data (G_OBJECT (row), "template");

  upp_templates_page_open_editor (self, template, FALSE);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  UppTemplatesPage *self = user_data;
  UppTemplate *template = item;
  g_autofree char *subtitle = NULL;
  g_autofree char *usage = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  guint n_questions = upp_template_get_n_questions (template);
  guint n_rounds = upp_templates_page_count_rounds (self, template);
  gboolean builtin = g_strv_contains (upp_template_get_builtin_keys (),
                                      upp_template_get_key (template));
  gboolean used = n_rounds > 0 || (self->store != NULL && upp_store_template_is_used (self->store, template));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label;
  GtkWidget *button;
  GtkWidget *star;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), upp_template_get_title (template));
  /* Translators: a template's key, version and size, e.g. "lok · version 1 · 6 questions". */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · version %d · %u question",
                                           "%s · version %d · %u questions", n_questions),
                              upp_template_get_key (template), upp_template_get_version (template),
                              n_questions);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (n_rounds > 0)
    usage = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %u round", "Used by %u rounds",
                                          n_rounds),
                             n_rounds);
  else if (used)
    usage = g_strdup (C_("templates", "In use"));
  else
    usage = g_strdup (C_("templates", "Not used yet"));
  label = gtk_label_new (usage);
  gtk_widget_add_css_class (label, used ? "accent" : "dim-label");
  gtk_widget_add_css_class (label, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  /* Built-in templates are starred; the others keep the star's place, unseen and unread, so
   * that the titles line up. */
  if (builtin)
    {
      star = gtk_image_new_from_icon_name ("starred-symbolic");
      gtk_widget_set_tooltip_text (star, C_("templates", "Built-in template"));
    }
  else
    {
      star = g_object_new (GTK_TYPE_IMAGE,
                           "icon-name", "starred-symbolic",
                           "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                           NULL);
      gtk_widget_set_opacity (star, 0);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), star);

  menu = make_row_menu (self, template, !used && !builtin);
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, C_("templates", "Template Actions"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "template", g_object_ref (template), g_object_unref);
  g_signal_connect (row, "activated", G_CALLBACK (on_row_activated_cb), self);
  return row;
}

/* Editor */

static void
on_editor_saved_cb (UppTemplateEditor *editor,
                    UppTemplate       *template,
                    UppTemplatesPage  *self)
{
  g_autofree char *message = g_strdup_printf (C_("templates", "Template “%s” saved"),
                                              upp_template_get_title (template));

  changed (self);
  show_toast (self, message);
}

static void
on_editor_duplicate_requested_cb (UppTemplateEditor *editor,
                                  UppTemplate       *template,
                                  UppTemplatesPage  *self)
{
  g_autoptr(UppTemplate) copy = upp_templates_page_dup_copy (self, template);

  upp_templates_page_open_editor (self, copy, TRUE);
}

UppTemplateEditor *
upp_templates_page_open_editor (UppTemplatesPage *self,
                                UppTemplate      *template,
                                gboolean          is_new)
{
  UppTemplateEditor *editor;

  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);
  g_return_val_if_fail (self->session != NULL, NULL);

  editor = upp_template_editor_new (self->session, template, is_new);
  gtk_window_set_transient_for (GTK_WINDOW (editor), get_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "duplicate-requested",
                           G_CALLBACK (on_editor_duplicate_requested_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

UppTemplate *
upp_templates_page_dup_copy (UppTemplatesPage *self,
                             UppTemplate      *template)
{
  g_autoptr(UppTemplate) copy = NULL;
  g_autofree char *key = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), NULL);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), NULL);

  /* The first of key-copy, key-copy-2, … that the database does not have. */
  for (guint n = 1;; n++)
    {
      g_autoptr(UppTemplate) existing = NULL;

      g_free (key);
      if (n == 1)
        key = g_strdup_printf ("%s-copy", upp_template_get_key (template));
      else
        key = g_strdup_printf ("%s-copy-%u", upp_template_get_key (template), n);
      existing = upp_store_load_template (self->store, key, 0, NULL);
      if (existing == NULL)
        break;
    }

  /* Translators: the title of a duplicated template; %s is the original title. */
  title = g_strdup_printf (C_("templates", "%s (copy)"), upp_template_get_title (template));
  copy = upp_template_duplicate (template, key, title);
  upp_template_set_version (copy, 1);
  upp_template_set_id (copy, 0);
  return g_steal_pointer (&copy);
}

/* Import and export */

static gboolean
uuid_is_stored (UppTemplatesPage *self,
                const char       *uuid)
{
  g_autoptr(GPtrArray) templates = upp_store_list_templates (self->store, NULL);

  for (guint i = 0; templates != NULL && i < templates->len; i++)
    {
      if (g_strcmp0 (upp_template_get_uuid (g_ptr_array_index (templates, i)), uuid) == 0)
        return TRUE;
    }
  return FALSE;
}

UppTemplate *
upp_templates_page_import_file (UppTemplatesPage *self,
                                GFile            *file,
                                GError          **error)
{
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(UppTemplate) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_basename (file);
  template = upp_template_new_from_file (file, &local_error);
  if (template == NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: %s is a file name; the reason follows. */
                                  C_("templates", "“%s” is not a template that can be imported: "), name);
      return NULL;
    }

  existing = upp_store_load_template (self->store, upp_template_get_key (template),
                                      upp_template_get_version (template), NULL);
  if (existing != NULL)
    {
      g_set_error (error, UPP_TEMPLATES_PAGE_ERROR, UPP_TEMPLATES_PAGE_ERROR_EXISTS,
                   C_("templates", "The database already has version %d of the template “%s”. Change the key or the version in “%s” to import it as another template."),
                   upp_template_get_version (template), upp_template_get_key (template), name);
      return NULL;
    }

  /* A file edited by hand may keep the uuid of another stored template; the store would
   * take that for an update of it. */
  upp_template_set_id (template, 0);
  if (uuid_is_stored (self, upp_template_get_uuid (template)))
    {
      g_autofree char *uuid = upp_new_uuid ();

      upp_template_set_uuid (template, uuid);
    }
  if (!upp_store_save_template (self->store, template, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  C_("templates", "The template in “%s” could not be saved: "), name);
      return NULL;
    }

  changed (self);
  return g_steal_pointer (&template);
}

gboolean
upp_templates_page_export_file (UppTemplatesPage *self,
                                UppTemplate      *template,
                                GFile            *file,
                                GError          **error)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), FALSE);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, UPP_TEMPLATES_PAGE_ERROR, UPP_TEMPLATES_PAGE_ERROR_UNREADABLE,
                           C_("templates", "Templates can only be exported to a local file."));
      return FALSE;
    }

  json = upp_template_to_json (template);
  return upp_files_write_private (path, json, strlen (json), error);
}

static GtkFileFilter *
make_json_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, C_("templates", "Template files (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  return filter;
}

static void
on_import_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       UppTemplatesPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(UppTemplate) template = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  template = upp_templates_page_import_file (self, file, &error);
  if (template == NULL)
    {
      show_error_dialog (self, C_("templates", "Template Not Imported"), error->message);
      return;
    }

  {
    g_autofree char *message = g_strdup_printf (C_("templates", "Template “%s” imported"),
                                                upp_template_get_title (template));
    show_toast (self, message);
  }
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = make_json_filter ();

  dialog = gtk_file_chooser_native_new (C_("templates", "Import Template"), get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, C_("templates", "_Import"), C_("templates", "_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_export_response_cb (GtkNativeDialog  *dialog,
                       int               response,
                       UppTemplatesPage *self)
{
  g_autoptr(UppTemplate) template = g_object_steal_data (G_OBJECT (dialog), "template");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || template == NULL)
    return;

  upp_export_actions_remember_folder (file);
  name = g_file_get_basename (file);
  if (!upp_templates_page_export_file (self, template, file, &error))
    {
      message = g_strdup_printf (C_("templates", "“%s” could not be written: %s"), name, error->message);
      show_error_dialog (self, C_("templates", "Template Not Exported"), message);
      return;
    }

  message = g_strdup_printf (C_("templates", "Template exported to “%s”"), name);
  show_toast (self, message);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = find_template (self, g_variant_get_string (parameter, NULL));
  g_autoptr(GtkFileFilter) filter = make_json_filter ();
  g_autofree char *version = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;

  if (template == NULL)
    return;

  dialog = gtk_file_chooser_native_new (C_("templates", "Export Template"), get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, C_("templates", "_Export"), C_("templates", "_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: the last part of a template's file name, "… – version 2.json". */
  version = g_strdup_printf (C_("templates", "version %d"), upp_template_get_version (template));
  name = upp_files_dup_export_name ((const char *[]) { upp_template_get_title (template), version,
                                                       NULL }, "json");
  upp_export_actions_start_in_last_folder (GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "template", g_steal_pointer (&template), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Other actions */

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = upp_template_new ("", "");

  upp_template_set_version (template, 1);
  upp_templates_page_open_editor (self, template, TRUE);
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = find_template (self, g_variant_get_string (parameter, NULL));

  if (template != NULL)
    upp_templates_page_open_editor (self, template, FALSE);
}

static void
duplicate_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = find_template (self, g_variant_get_string (parameter, NULL));
  g_autoptr(UppTemplate) copy = NULL;

  if (template == NULL)
    return;
  copy = upp_templates_page_dup_copy (self, template);
  upp_templates_page_open_editor (self, copy, TRUE);
}

static void
new_version_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = find_template (self, g_variant_get_string (parameter, NULL));
  g_autoptr(UppTemplate) next = NULL;
  int version = 0;
  GListModel *templates = get_templates (self);
  guint n = g_list_model_get_n_items (templates);

  if (template == NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppTemplate) other = g_list_model_get_item (templates, i);

      if (g_strcmp0 (upp_template_get_key (other), upp_template_get_key (template)) == 0)
        version = MAX (version, upp_template_get_version (other));
    }

  next = upp_template_duplicate (template, upp_template_get_key (template),
                                 upp_template_get_title (template));
  upp_template_set_version (next, version + 1);
  upp_template_set_id (next, 0);
  upp_templates_page_open_editor (self, next, TRUE);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       UppTemplatesPage *self)
{
  UppTemplate *template = g_object_get_data (G_OBJECT (dialog), "template");
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "delete") != 0 || template == NULL)
    return;

  if (!upp_store_delete_template (self->store, template, &error))
    {
      show_error_dialog (self, C_("templates", "Template Not Deleted"), error->message);
      return;
    }

  message = g_strdup_printf (C_("templates", "Template “%s” deleted"), upp_template_get_title (template));
  changed (self);
  show_toast (self, message);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (widget);
  g_autoptr(UppTemplate) template = find_template (self, g_variant_get_string (parameter, NULL));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (template == NULL)
    return;

  body = g_strdup_printf (C_("templates", "The template “%s”, version %d, and its questions will be removed."),
                          upp_template_get_title (template), upp_template_get_version (template));
  dialog = adw_message_dialog_new (get_window (self), C_("templates", "Delete Template?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", C_("templates", "_Cancel"),
                                    "delete", C_("templates", "_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "template", g_steal_pointer (&template), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Public API */

/* How many rounds use each template, from the session's rounds. */
static gboolean
count_rounds (UppTemplatesPage *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *rounds = self->session != NULL ? upp_session_get_rounds (self->session) : NULL;
  guint n = rounds != NULL ? g_list_model_get_n_items (rounds) : 0;
  GHashTableIter iter;
  gpointer key, value;
  gboolean same;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(UppRound) round = g_list_model_get_item (rounds, i);
      UppTemplate *template = upp_round_get_template (round);
      char *usage_key;
      guint count;

      if (template == NULL)
        continue;
      usage_key = dup_usage_key (template);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, usage_key));
      g_hash_table_insert (counts, usage_key, GUINT_TO_POINTER (count + 1));
    }

  same = g_hash_table_size (counts) == g_hash_table_size (self->round_counts);
  g_hash_table_iter_init (&iter, counts);
  while (same && g_hash_table_iter_next (&iter, &key, &value))
    same = g_hash_table_lookup (self->round_counts, key) == value;

  g_hash_table_remove_all (self->round_counts);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->round_counts, g_strdup (key), value);
  return !same;
}

static void
bind_rows (UppTemplatesPage *self)
{
  gtk_list_box_bind_model (self->templates_list, get_templates (self), create_row_cb, self, NULL);
}

static void
on_session_changed_cb (UppTemplatesPage  *self,
                       UppSessionChanges  changes)
{
  /* A row says how many rounds use its template, and whether it may still be edited: new
   * rows when a round came or went. The template model updates its own rows. */
  if ((changes & UPP_SESSION_CHANGED_ROUNDS) && count_rounds (self))
    bind_rows (self);
}

static void
on_store_changed_cb (UppTemplatesPage *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;

  g_set_object (&self->store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.new", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.import", store != NULL);
}

UppSession *
upp_templates_page_get_session (UppTemplatesPage *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), NULL);

  return self->session;
}

void
upp_templates_page_set_session (UppTemplatesPage *self,
                                UppSession       *session)
{
  g_return_if_fail (UPP_IS_TEMPLATES_PAGE (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->session, on_session_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->session, on_store_changed_cb, self);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "changed", G_CALLBACK (on_session_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::store", G_CALLBACK (on_store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  on_store_changed_cb (self);
  count_rounds (self);
  bind_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

guint
upp_templates_page_count_rounds (UppTemplatesPage *self,
                                 UppTemplate      *template)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), 0);
  g_return_val_if_fail (UPP_IS_TEMPLATE (template), 0);

  key = dup_usage_key (template);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->round_counts, key));
}

GListModel *
upp_templates_page_get_templates (UppTemplatesPage *self)
{
  g_return_val_if_fail (UPP_IS_TEMPLATES_PAGE (self), NULL);

  return get_templates (self);
}

GtkWidget *
upp_templates_page_new (void)
{
  return g_object_new (UPP_TYPE_TEMPLATES_PAGE, NULL);
}

/* GObject */

static void
upp_templates_page_dispose (GObject *object)
{
  GtkWidget *child;
  UppTemplatesPage *self = (UppTemplatesPage *)object;

  upp_templates_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_TEMPLATES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (upp_templates_page_parent_class)->dispose (object);
}

static void
upp_templates_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_templates_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  UppTemplatesPage *self = UPP_TEMPLATES_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_templates_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_templates_page_finalize (GObject *object)
{
  UppTemplatesPage *self = (UppTemplatesPage *)object;

  g_clear_pointer (&self->round_counts, g_hash_table_unref);

  G_OBJECT_CLASS (upp_templates_page_parent_class)->finalize (object);
}

static void
upp_templates_page_class_init (UppTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_templates_page_dispose;
  object_class->finalize = upp_templates_page_finalize;
  object_class->get_property = upp_templates_page_get_property;
  object_class->set_property = upp_templates_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * UppTemplatesPage::changed:
   *
   * A template was saved, imported or deleted here (the session's model has followed).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppTemplatesPage, templates_list);

  gtk_widget_class_install_action (widget_class, "templates.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.open", "s", open_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.duplicate", "s", duplicate_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.new-version", "s", new_version_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.export", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "templates.delete", "s", delete_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "templates.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "templates.import", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "templates-page");
}

static void
upp_templates_page_init (UppTemplatesPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->round_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  placeholder = gtk_label_new (C_("templates", "No templates"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->templates_list, placeholder);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "templates.import", FALSE);
}

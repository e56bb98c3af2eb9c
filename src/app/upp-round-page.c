/* upp-round-page.c: one round: overview, comparison, charts and report in a view switcher
 *
 * Copyright 2026 The Uppföljning authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "upp-round-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "upp-charts-view.h"
#include "upp-coding-view.h"
#include "upp-comparison-view.h"
#include "upp-export-actions.h"
#include "upp-primary-menu.h"
#include "upp-report-page.h"
#include "upp-round-overview.h"
#include "upp-round-page.h"
#include "upp-round.h"
#include "upp-suggestions-dialog.h"
#include "upp-template.h"
#include "upp-template-changes.h"
#include "upp-themes-view.h"
#include "upp-toast.h"

struct _UppRoundPage
{
  GtkWidget           parent_instance;

  UppSession         *session;
  UppRound           *round;


  /* Template widgets */
  GtkMenuButton      *menu_button;
  UppRoundOverview   *overview;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack       *view_stack;
};

G_DEFINE_FINAL_TYPE (UppRoundPage, upp_round_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void give_round_to_shown_view (UppRoundPage *self);

/* The newest stored version of the round's template when it is newer than the round's. */
static UppTemplate *
dup_newer_template (UppRoundPage *self)
{
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(UppTemplate) newest = NULL;
  UppTemplate *template;

  if (store == NULL || self->round == NULL || upp_session_is_read_only (self->session))
    return NULL;
  template = upp_round_get_template (self->round);
  newest = upp_store_load_template (store, upp_template_get_key (template), 0, NULL);
  if (newest == NULL || upp_template_get_version (newest) <= upp_template_get_version (template))
    return NULL;
  return g_steal_pointer (&newest);
}

/* The menu offers the upgrade only when there is a newer version. */
static void
update_upgrade_action (UppRoundPage *self)
{
  g_autoptr(UppTemplate) newer = dup_newer_template (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "round.upgrade-template", newer != NULL);
}

static void
update_title (UppRoundPage *self)
{
  g_autofree char *subtitle = NULL;

  update_upgrade_action (self);
  if (self->round == NULL)
    return;

  adw_view_switcher_title_set_title (self->switcher_title, upp_round_get_title (self->round));
  subtitle = g_strdup_printf ("%d · %s", upp_round_get_year (self->round),
                              upp_round_get_region_name (self->round));
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

UppSession *
upp_round_page_get_session (UppRoundPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_PAGE (self), NULL);

  return self->session;
}

void
upp_round_page_set_session (UppRoundPage *self,
                            UppSession   *session)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));
  g_return_if_fail (session == NULL || UPP_IS_SESSION (session));

  if (self->session == session)
    return;

  /* A newer version saved in the templates page makes the upgrade possible. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (upp_session_get_templates (self->session),
                                          update_upgrade_action, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (upp_session_get_templates (session), "items-changed",
                             G_CALLBACK (update_upgrade_action), self, G_CONNECT_SWAPPED);
  update_upgrade_action (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
upp_round_page_set_round (UppRoundPage *self,
                          UppRound     *round)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));
  g_return_if_fail (round == NULL || UPP_IS_ROUND (round));

  if (self->round == round)
    return;

  /* The session updates the round in place when it is edited (here or elsewhere). */
  if (self->round != NULL)
    g_signal_handlers_disconnect_by_func (self->round, update_title, self);
  g_set_object (&self->round, round);
  if (round != NULL)
    g_signal_connect_object (round, "notify", G_CALLBACK (update_title), self,
                             G_CONNECT_SWAPPED);

  update_title (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  give_round_to_shown_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND]);
}

UppRound *
upp_round_page_get_round (UppRoundPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_PAGE (self), NULL);

  return self->round;
}

const char *
upp_round_page_get_view (UppRoundPage *self)
{
  g_return_val_if_fail (UPP_IS_ROUND_PAGE (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

gboolean
upp_round_page_show_view (UppRoundPage *self,
                          const char   *name)
{
  g_return_val_if_fail (UPP_IS_ROUND_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return FALSE;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  return TRUE;
}

void
upp_round_page_focus_units (UppRoundPage *self)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  upp_round_overview_focus_units (self->overview);
}

void
upp_round_page_focus_unit (UppRoundPage *self,
                           guint         position)
{
  g_return_if_fail (UPP_IS_ROUND_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  upp_round_overview_focus_unit (self->overview, position);
}

/* Round actions: the window does them, for the round shown here. */

static void
activate_for_round (UppRoundPage *self,
                    const char   *window_action)
{
  if (self->round != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), window_action, "s",
                                upp_round_get_uuid (self->round));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  activate_for_round (UPP_ROUND_PAGE (widget), "win.edit-round");
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  activate_for_round (UPP_ROUND_PAGE (widget), "win.duplicate-round");
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  activate_for_round (UPP_ROUND_PAGE (widget), "win.delete-round");
}

/* Sends this round's answers to a colleague's laptop. */
static void
exchange_export_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  activate_for_round (UPP_ROUND_PAGE (widget), "win.exchange-export");
}

static void
suggestions_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->round == NULL || self->session == NULL || !GTK_IS_WINDOW (root))
    return;
  gtk_window_present (GTK_WINDOW (upp_suggestions_dialog_new (GTK_WINDOW (root), self->session,
                                                              self->round)));
}

/* "Question 6a ← question 6 (split)": what the dialog lists for each changed question. */
static char *
describe_change (UppQuestionChange *change)
{
  g_autofree char *from = g_strjoinv (", ", change->from_numbers);

  switch (change->kind)
    {
    case UPP_QUESTION_CHANGE_REWORDED:
      return g_strdup_printf (_("Question %s ← question %s (reworded)"), change->number, from);
    case UPP_QUESTION_CHANGE_RENAMED:
      return g_strdup_printf (_("Question %s ← question %s (renamed)"), change->number, from);
    case UPP_QUESTION_CHANGE_SPLIT:
      return g_strdup_printf (_("Question %s ← question %s (split)"), change->number, from);
    case UPP_QUESTION_CHANGE_MERGED:
      return g_strdup_printf (_("Question %s ← questions %s (merged)"), change->number, from);
    case UPP_QUESTION_CHANGE_NEW:
      return g_strdup_printf (_("Question %s: new question"), change->number);
    case UPP_QUESTION_CHANGE_REMOVED:
    default:
      return g_strdup_printf (_("Question %s: removed"), change->number);
    }
}

static void
on_upgrade_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        UppRoundPage     *self)
{
  UppTemplate *newer = g_object_get_data (G_OBJECT (dialog), "template");
  UppStore *store = self->session != NULL ? upp_session_get_store (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "upgrade") != 0 || store == NULL || self->round == NULL)
    return;
  if (!upp_store_upgrade_round_template (store, self->round, newer, &error))
    {
      upp_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  /* The session reads the round again, with its new template, and every view follows. */
  upp_session_note_changes (self->session,
                            UPP_SESSION_CHANGED_ROUNDS | UPP_SESSION_CHANGED_BACKUPS);
  message = g_strdup_printf (_("The round now uses version %d of the template"),
                             upp_template_get_version (newer));
  upp_toast_show (GTK_WIDGET (self), message);
}

static void
upgrade_template_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(UppTemplate) newer = dup_newer_template (self);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  UppTemplate *older;
  AdwMessageDialog *dialog;

  if (newer == NULL || !GTK_IS_WINDOW (root))
    return;
  older = upp_round_get_template (self->round);
  versions = upp_store_list_template_versions (upp_session_get_store (self->session),
                                               upp_template_get_key (older), NULL);
  if (versions == NULL)
    return;
  changes = upp_template_list_changes (older, newer, versions);

  g_string_append_printf (body, _("The round moves from version %d to version %d of the "
                                  "template. Every answer given is kept; the answers of "
                                  "changed questions are carried over to the new ones."),
                          upp_template_get_version (older), upp_template_get_version (newer));
  if (changes->len > 0)
    g_string_append_c (body, '\n');
  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *line = describe_change (g_ptr_array_index (changes, i));

      g_string_append_printf (body, "\n%s", line);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root),
                                                       _("Upgrade the Template?"), body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "upgrade", _("_Upgrade"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "upgrade", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "upgrade");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "template", g_steal_pointer (&newer),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_upgrade_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Alt+1 … Alt+6: the view at that place in the view switcher, as GNOME apps switch tabs. */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  upp_round_page_show_view (UPP_ROUND_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  UppRoundPage *self = UPP_ROUND_PAGE (widget);
  const char *format = g_str_equal (action_name, "round.export-xlsx") ? "xlsx" : "csv";
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->round == NULL || self->session == NULL || !GTK_IS_WINDOW (root))
    return;
  upp_export_actions_run (GTK_WINDOW (root), self->session, self->round, format);
}

static void
add_view (UppRoundPage *self,
          GtkWidget    *child,
          const char   *name,
          const char   *title,
          const char   *icon_name)
{
  AdwViewStackPage *page;

  page = adw_view_stack_add_titled (self->view_stack, child, name, title);
  adw_view_stack_page_set_icon_name (page, icon_name);
  /* Each view follows the session's models for the round itself, once it is shown
   * (give_round_to_shown_view ()). */
  g_object_bind_property (self, "session", child, "session", G_BINDING_SYNC_CREATE);
}

/* A view gets the round when it is first shown, not with the overview: the comparison's
 * and the charts' models of a large round cost more than opening the round may. A view not
 * shown lets go of its round, so it does no work for changes nobody sees (the comparison
 * keeps its rows for the same round shown again, and catches up once when it is). */
static void
give_round_to_shown_view (UppRoundPage *self)
{
  GtkWidget *shown = adw_view_stack_get_visible_child (self->view_stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *view = child;
      UppRound *round = NULL;

      /* AdwViewStack 1.2 holds its pages' children directly. */
      if (view == GTK_WIDGET (self->overview))
        continue;
      g_object_get (view, "round", &round, NULL);
      if (view == shown && round != self->round)
        g_object_set (view, "round", self->round, NULL);
      else if (view != shown && round != NULL)
        g_object_set (view, "round", NULL, NULL);
      g_clear_object (&round);
    }
}

static void
upp_round_page_dispose (GObject *object)
{
  UppRoundPage *self = UPP_ROUND_PAGE (object);
  GtkWidget *child;

  upp_round_page_set_round (self, NULL);
  upp_round_page_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), UPP_TYPE_ROUND_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);


  G_OBJECT_CLASS (upp_round_page_parent_class)->dispose (object);
}

static void
upp_round_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  UppRoundPage *self = UPP_ROUND_PAGE (object);

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
upp_round_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  UppRoundPage *self = UPP_ROUND_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      upp_round_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_ROUND:
      upp_round_page_set_round (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
upp_round_page_class_init (UppRoundPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = upp_round_page_dispose;
  object_class->get_property = upp_round_page_get_property;
  object_class->set_property = upp_round_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, UPP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUND] =
    g_param_spec_object ("round", NULL, NULL, UPP_TYPE_ROUND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (UPP_TYPE_ROUND_OVERVIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/uppfoljning/Uppfoljning/upp-round-page.ui");
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, overview);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, UppRoundPage, view_stack);

  gtk_widget_class_install_action (widget_class, "round.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "round.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "round.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "round.export-xlsx", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "round.export-csv", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "round.exchange-export", NULL,
                                   exchange_export_action);
  gtk_widget_class_install_action (widget_class, "round.suggestions", NULL, suggestions_action);
  gtk_widget_class_install_action (widget_class, "round.upgrade-template", NULL,
                                   upgrade_template_action);
  gtk_widget_class_install_action (widget_class, "round.show-view", "s", show_view_action);
}

/* Captured before the focused widget sees them, so they work in a text view or entry of any
 * view too. The order is the view switcher's. */
static void
add_view_shortcuts (UppRoundPage *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  guint n = 0;

  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->view_stack));
       child != NULL && n < 9; child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStackPage *page = adw_view_stack_get_page (self->view_stack, child);
      GtkShortcutAction *action = gtk_named_action_new ("round.show-view");
      GtkShortcut *shortcut;

      n++;
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_0 + n, GDK_ALT_MASK), action);
      gtk_shortcut_set_arguments (shortcut,
                                  g_variant_new_string (adw_view_stack_page_get_name (page)));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

static void
upp_round_page_init (UppRoundPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_menu_model (self->menu_button, upp_primary_menu_get ());
  update_upgrade_action (self);

  add_view (self, upp_comparison_view_new (), "comparison", _("Comparison"),
            "view-grid-symbolic");
  add_view (self, upp_charts_view_new (), "charts", _("Charts"),
            "power-profile-performance-symbolic");
  add_view (self, upp_report_page_new (), "report", _("Report"), "x-office-document-symbolic");
  add_view (self, upp_themes_view_new (), "themes", _("Themes"), "user-bookmarks-symbolic");
  add_view (self, upp_coding_view_new (), "coding", _("Coding"), "document-edit-symbolic");
  add_view_shortcuts (self);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (give_round_to_shown_view), self, G_CONNECT_SWAPPED);
}
